#include "app/demo.h"

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "app/demo_internal.h"
#include "catalog/catalog.h"
#include "core/time.h"
#include "inventory/inventory.h"
#include "oms/purchasing.h"
#include "wms/inbound.h"
#include "wms/layout.h"
#include "wms/shipping.h"

namespace wareflow::app {
namespace {

// EAN-13 with a correct check digit, from a 12-digit body.
std::string ean13(int64_t body) {
  std::string digits = fmt::format("{:012}", body);
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return digits + static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

DemoSummary create_demo(store::Database& db, oms::OrderService& orders, uint64_t seed) {
  DemoOptions options;
  options.seed = seed;
  return create_demo(db, orders, options);
}

DemoSummary create_demo(store::Database& db, oms::OrderService& orders,
                        const DemoOptions& options) {
  DemoSummary summary;
  std::mt19937_64 rng(options.seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const bool history = options.history_days > 0;
  if (history) {
    if (!options.set_clock) throw std::invalid_argument("a demo with history needs a clock");
    // The warehouse opens at 06:00 on the first day of the history.
    options.set_clock((now_ms() / kDayMs - options.history_days) * kDayMs + 6 * 3'600'000LL);
  }
  db.write([&](store::Tx& tx) {
    if (!wms::list_warehouses(tx, "", 1).empty()) {
      throw std::runtime_error(
          "the database already holds warehouses; demo data goes only into "
          "a new database");
    }

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
      p.sku = demo_sku(i);
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
      catalog::upsert_product(tx, p, inventory::shelf_stock());
      ++summary.products;
    }

    // Stock: every product on one pick face (products share faces), popular
    // ones with more units and a reserve location above; the slowest
    // hundred are out of stock so that the demo shows backorders.
    for (int i = 1; i <= kProducts; ++i) {
      std::string sku = demo_sku(i);
      if (i > kProducts - 100) continue;
      int64_t aisle = (i - 1) % kAisles + 1;
      int64_t bay = ((i - 1) / kAisles) % kBays + 1;
      double popularity = 1.0 / i;
      int64_t units = 5 + static_cast<int64_t>(std::round(4000.0 * popularity)) + uniform(0, 20);
      inventory::AdjustmentInput a;
      a.warehouse = "MAIN";
      a.location = pick_face_of(i);
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

    // The supplier sells every product: a working week's lead time (a few
    // days more for the slow ones), cartons of 6, 12 or 24, a minimum of two
    // cartons for the best sellers; the reorder suggestions read these.
    wms::upsert_supplier(tx, {"ACME", "Acme Wholesale", 50});
    for (int i = 1; i <= kProducts; ++i) {
      oms::SupplierProduct terms;
      terms.supplier = "ACME";
      terms.sku = demo_sku(i);
      terms.lead_time_days = i <= 300 ? 5 : 8;
      terms.lead_time_sigma_days = i <= 300 ? 1 : 2;
      terms.pack_size = i <= 50 ? 24 : i <= 300 ? 12 : 6;
      terms.min_order_qty = i <= 50 ? 48 : 0;
      terms.unit_cost_minor = uniform(100, 2000);
      oms::put_supplier_product(tx, terms);
    }
  });

  if (history) {
    HistorySummary h = write_history(db, orders, rng, options);
    summary.history_orders = h.orders;
    summary.history_shipped = h.shipped;
    options.set_clock(0);  // back to the system clock: today is now
  }

  db.write([&](store::Tx& tx) {
    // Inbound: a supplier and a purchase order for the hundred products that
    // are out of stock, due in two days; receiving it serves their backorders
    // once the units are put away.
    wms::PurchaseOrderInput po;
    po.number = "PO-DEMO-1";
    po.supplier = "ACME";
    po.warehouse = "MAIN";
    po.expected_at_ms = tx.now_ms() + 2 * 86'400'000LL;
    for (int i = kProducts - 99; i <= kProducts; i += 1) {
      if (i % 20 == 0) continue;  // lot-tracked ones arrive on another purchase order
      po.lines.push_back({demo_sku(i), uniform(20, 60), uniform(100, 2000)});
    }
    wms::create_purchase_order(tx, po);

    // Open orders, 1-5 lines, products drawn with Zipf weights.
    std::discrete_distribution<int> pick_product = zipf(kProducts);
    for (int n = 1; n <= kOrders; ++n) {
      oms::OrderInput o;
      o.channel = n % 3 == 0 ? "marketplace" : "web";
      o.channel_order_id = fmt::format("DEMO-{:05}", n);
      fill_customer_and_lines(o, rng, pick_product, 5);
      o.priority = uniform(0, 9) == 0 ? 5 : 0;
      o.ship_by_ms = tx.now_ms() + uniform(2, 72) * 3'600'000LL;
      auto created = orders.create_order(tx, o);
      ++summary.orders;
      if (oms::parse_order_status(created.order.status) == oms::OrderStatus::backordered)
        ++summary.backordered_orders;
    }
  });
  return summary;
}

}  // namespace wareflow::app
