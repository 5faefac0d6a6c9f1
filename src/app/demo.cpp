#include "app/demo.h"

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "catalog/catalog.h"
#include "inventory/inventory.h"
#include "wms/inbound.h"
#include "wms/layout.h"
#include "wms/shipping.h"

namespace wareflow::app {
namespace {

constexpr int kProducts = 2000;
constexpr int kOrders = 500;
constexpr int kAisles = 10, kBays = 30, kLevels = 4;

const char* const kKinds[] = {"T-shirt",    "Mug",        "Notebook",  "Phone case", "Water bottle",
                              "Headphones", "Backpack",   "Desk lamp", "Cable",      "Candle",
                              "Sock pack",  "Board game", "Tea tin",   "Plant pot",  "Charger"};
const char* const kColours[] = {"black", "white", "red", "blue", "green", "grey", "yellow", "navy"};
const char* const kCities[][3] = {{"Berlin", "10115", "DE"},   {"Hamburg", "20095", "DE"},
                                  {"Munich", "80331", "DE"},   {"Cologne", "50667", "DE"},
                                  {"Vienna", "1010", "AT"},    {"Zurich", "8001", "CH"},
                                  {"Amsterdam", "1012", "NL"}, {"Paris", "75001", "FR"}};

// EAN-13 with a correct check digit, from a 12-digit body.
std::string ean13(int64_t body) {
  std::string digits = fmt::format("{:012}", body);
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return digits + static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

DemoSummary create_demo(store::Database& db, oms::OrderService& orders, uint64_t seed) {
  DemoSummary summary;
  db.write([&](store::Tx& tx) {
    if (tx.query("SELECT 1 FROM warehouses LIMIT 1").next()) {
      throw std::runtime_error(
          "the database already holds warehouses; demo data goes only into "
          "a new database");
    }
    std::mt19937_64 rng(seed);
    auto uniform = [&](int64_t lo, int64_t hi) {
      return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
    };

    wms::WarehouseInput warehouse;
    warehouse.code = "MAIN";
    warehouse.name = "Main distribution centre";
    warehouse.address = {"Lagerstrasse 1", "", "Kassel", "34117", "DE"};
    warehouse.latitude = 51.3127;
    warehouse.longitude = 9.4797;
    wms::upsert_warehouse(tx, warehouse);
    wms::LayoutInput layout;
    layout.aisles = kAisles;
    layout.bays = kBays;
    layout.levels = kLevels;
    layout.pick_levels = 1;
    layout.velocity_classes = true;
    summary.locations = wms::generate_layout(tx, "MAIN", layout);

    oms::upsert_channel(tx, "web", "Web shop");
    oms::upsert_channel(tx, "marketplace", "Marketplace");

    // Products: rank 1 sells most (Zipf, s = 1), like most catalogues.
    for (int i = 1; i <= kProducts; ++i) {
      catalog::ProductInput p;
      p.sku = fmt::format("SKU-{:05}", i);
      p.name = fmt::format("{} {} #{}", kColours[uniform(0, 7)], kKinds[uniform(0, 14)], i);
      p.barcodes = {ean13(400000000000LL + i)};
      p.length_mm = uniform(50, 400);
      p.width_mm = uniform(30, 300);
      p.height_mm = uniform(10, 200);
      p.weight_g =
          std::max<int64_t>(20, p.length_mm * p.width_mm * p.height_mm / 4000 + uniform(0, 200));
      if (i % 20 == 0) {
        p.tracking = "lot";
        p.shelf_life_days = uniform(90, 720);
      }
      catalog::upsert_product(tx, p);
      ++summary.products;
    }

    // Stock: every product on one pick face (products share faces), popular
    // ones with more units and a reserve location above; the slowest
    // hundred are out of stock so that the demo shows backorders.
    for (int i = 1; i <= kProducts; ++i) {
      std::string sku = fmt::format("SKU-{:05}", i);
      if (i > kProducts - 100) continue;
      int64_t aisle = (i - 1) % kAisles + 1;
      int64_t bay = ((i - 1) / kAisles) % kBays + 1;
      double popularity = 1.0 / i;
      int64_t units = 5 + static_cast<int64_t>(std::round(4000.0 * popularity)) + uniform(0, 20);
      inventory::AdjustmentInput a;
      a.warehouse = "MAIN";
      a.location = fmt::format("A{:02}-{:03}-1", aisle, bay);
      a.sku = sku;
      a.quantity = units;
      a.reason = "initial stock";
      if (i % 20 == 0) {
        a.lot = fmt::format("L{}-{}", i, 1);
        a.expiry_ms = tx.now_ms() + uniform(30, 400) * 86'400'000LL;
      }
      inventory::adjust(tx, a, &orders);
      summary.stocked_units += units;
      if (i <= 200) {
        inventory::AdjustmentInput reserve = a;
        reserve.location = fmt::format("A{:02}-{:03}-{}", aisle, bay, uniform(2, kLevels));
        reserve.quantity = units * 2;
        if (i % 20 == 0) {
          reserve.lot = fmt::format("L{}-{}", i, 2);
          reserve.expiry_ms = *a.expiry_ms + 60 * 86'400'000LL;
        }
        inventory::adjust(tx, reserve, &orders);
        summary.stocked_units += reserve.quantity;
      }
    }

    // Packing and shipping: three boxes and one parcel carrier with a cheap
    // and a fast service over the countries the demo ships to.
    wms::upsert_box(tx, {"S", 250, 200, 100, 5'000, 60, 35});
    wms::upsert_box(tx, {"M", 400, 300, 200, 15'000, 120, 60});
    wms::upsert_box(tx, {"L", 600, 400, 400, 31'500, 300, 110});
    shipping::Carrier carrier;
    carrier.code = "PARCEL";
    carrier.name = "Parcel Express";
    auto service = [](const char* code, const char* name, int64_t days, int64_t factor) {
      shipping::Service s;
      s.code = code;
      s.name = name;
      s.transit_days = days;
      s.currency = "EUR";
      s.dimensional_divisor_cm3_per_kg = 5000;
      s.limits.max_weight_g = 31'500;
      shipping::Zone home{
          "home", {{"DE", ""}}, {{2'000, 4 * factor}, {10'000, 6 * factor}, {31'500, 9 * factor}}};
      shipping::Zone near{"near",
                          {{"AT", ""}, {"NL", ""}},
                          {{2'000, 8 * factor}, {10'000, 11 * factor}, {31'500, 15 * factor}}};
      shipping::Zone far{"far",
                         {{"CH", ""}, {"FR", ""}},
                         {{2'000, 12 * factor}, {10'000, 16 * factor}, {31'500, 22 * factor}}};
      s.zones = {home, near, far};
      return s;
    };
    carrier.services = {service("standard", "Standard", 2, 100),
                        service("express", "Express", 1, 250)};
    wms::upsert_carrier(tx, carrier);

    // Inbound: a supplier and a purchase order for the hundred products that
    // are out of stock, due in two days; receiving it serves their backorders
    // once the units are put away.
    wms::upsert_supplier(tx, {"ACME", "Acme Wholesale", 50});
    wms::PurchaseOrderInput po;
    po.number = "PO-DEMO-1";
    po.supplier = "ACME";
    po.warehouse = "MAIN";
    po.expected_at_ms = tx.now_ms() + 2 * 86'400'000LL;
    for (int i = kProducts - 99; i <= kProducts; i += 1) {
      if (i % 20 == 0) continue;  // lot-tracked ones arrive on another purchase order
      po.lines.push_back({fmt::format("SKU-{:05}", i), uniform(20, 60), uniform(100, 2000)});
    }
    wms::create_purchase_order(tx, po);

    // Open orders, 1-5 lines, products drawn with Zipf weights.
    std::vector<double> weights(kProducts);
    for (int i = 0; i < kProducts; ++i) weights[i] = 1.0 / (i + 1);
    std::discrete_distribution<int> pick_product(weights.begin(), weights.end());
    for (int n = 1; n <= kOrders; ++n) {
      oms::OrderInput o;
      o.channel = n % 3 == 0 ? "marketplace" : "web";
      o.channel_order_id = fmt::format("DEMO-{:05}", n);
      int64_t customer = uniform(1, 300);
      o.customer = {fmt::format("customer{}@example.com", customer),
                    fmt::format("Customer {}", customer), std::nullopt};
      const auto& city = kCities[uniform(0, 7)];
      o.ship_to = {o.customer.name,
                   fmt::format("Street {}", uniform(1, 200)),
                   "",
                   city[0],
                   city[1],
                   city[2],
                   std::nullopt,
                   std::nullopt};
      int lines = static_cast<int>(uniform(1, 5));
      std::vector<int> chosen;
      while (static_cast<int>(chosen.size()) < lines) {
        int product = pick_product(rng) + 1;
        if (std::find(chosen.begin(), chosen.end(), product) == chosen.end()) {
          chosen.push_back(product);
        }
      }
      for (int product : chosen) {
        o.lines.push_back({fmt::format("SKU-{:05}", product), uniform(1, 3), uniform(299, 9999),
                           std::string("EUR")});
      }
      o.priority = uniform(0, 9) == 0 ? 5 : 0;
      o.ship_by_ms = tx.now_ms() + uniform(2, 72) * 3'600'000LL;
      auto created = orders.create_order(tx, o);
      ++summary.orders;
      if (created.order.status == "backordered") ++summary.backordered_orders;
    }
  });
  return summary;
}

}  // namespace wareflow::app
