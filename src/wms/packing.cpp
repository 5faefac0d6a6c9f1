// Packing, shipping and delivery of a picked fulfillment: packages and their
// items, the stock moves packing -> customer, the tracking number.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <cctype>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "events/outbox.h"
#include "gs1/gs1.h"
#include "wms/picking.h"
#include "wms/picking_internal.h"
#include "wms/shipping.h"

namespace wareflow::wms {
namespace {

std::string generate_tracking_number() {
  std::string hex = random_hex(8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "WF" + hex;
}

}  // namespace

FulfillmentView pack(store::Tx& tx, int64_t fulfillment_id,
                     const std::vector<PackageInput>& packages, FulfillmentListener& listener) {
  // Locked before its status is read, so that one of two packers, shippers or
  // deliverers does the step and the other finds it done.
  tx.lock("fulfillment", fulfillment_id);
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != FulfillmentStatus::picked) {
    throw_conflict("invalid_state", "only a picked fulfillment can be packed; this one is " +
                                        std::string(to_string(f.status)));
  }
  if (packages.empty()) throw_invalid_field("packages", "at least one package is needed");
  std::map<int64_t, int64_t> packed_by_product;
  std::vector<std::map<int64_t, int64_t>> contents(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    if (packages[i].items.empty()) {
      throw_invalid_field(fmt::format("packages[{}].items", i),
                          "a package holds at least one item");
    }
    for (size_t j = 0; j < packages[i].items.size(); ++j) {
      const auto& [sku, quantity] = packages[i].items[j];
      auto product =
          catalog::require_product(tx, sku, 422, fmt::format("packages[{}].items[{}].sku", i, j));
      contents[i][product.id] += quantity;
      packed_by_product[product.id] += quantity;
    }
  }
  std::map<int64_t, int64_t> picked_by_product;
  {
    auto q = tx.query(
        "SELECT product_id, SUM(picked) FROM fulfillment_lines WHERE fulfillment_id = $1 GROUP BY "
        "product_id HAVING SUM(picked) > 0",
        fulfillment_id);
    while (q.next()) picked_by_product[q.i64(0)] = q.i64(1);
  }
  if (packed_by_product != picked_by_product) {
    std::string detail = "the packages must hold exactly what was picked:";
    for (const auto& [product_id, picked] : picked_by_product) {
      auto product = catalog::find_product_by_id(tx, product_id);
      int64_t in_packages = packed_by_product.count(product_id) ? packed_by_product[product_id] : 0;
      if (in_packages != picked) {
        detail += fmt::format(" {} picked {}, packed {};", product->sku, picked, in_packages);
      }
    }
    for (const auto& [product_id, in_packages] : packed_by_product) {
      if (!picked_by_product.count(product_id)) {
        detail += fmt::format(" {} was not picked for this order;",
                              catalog::find_product_by_id(tx, product_id)->sku);
      }
    }
    detail.pop_back();
    throw_unprocessable("pack_mismatch", detail, "packages");
  }
  // Each package: its box from the catalogue (size for rating, tare for the
  // weight check), the scale's weight checked against what it should weigh,
  // and an SSCC for its label.
  std::string company_prefix;
  {
    auto q = tx.query("SELECT value FROM settings WHERE key = 'gs1_company_prefix'");
    if (q.next()) company_prefix = q.text(0);
  }
  for (size_t i = 0; i < packages.size(); ++i) {
    int64_t package_id = tx.next_id("packages");
    std::optional<shipping::Box> box;
    if (packages[i].box) {
      box = find_box(tx, *packages[i].box);
      if (!box) {
        throw_unknown(422, "unknown_box", "no box " + *packages[i].box + " in the catalogue",
                      fmt::format("packages[{}].box", i));
      }
    }
    int64_t expected_weight = box ? box->tare_weight_g : 0;
    for (const auto& [product_id, quantity] : contents[i]) {
      expected_weight += catalog::find_product_by_id(tx, product_id)->weight_g * quantity;
    }
    if (packages[i].weight_g && box) {
      // 5 % of the expected weight, at least 20 g: a missing or extra unit of
      // anything but the lightest items shows.
      auto check = shipping::check_weight(expected_weight, *packages[i].weight_g, 50, 20);
      if (!check.ok) {
        throw_unprocessable("weight_mismatch",
                            fmt::format("package {} weighs {} g but should weigh {} g (± {} g); "
                                        "check its contents",
                                        i + 1, check.actual_g, check.expected_g, check.tolerance_g),
                            fmt::format("packages[{}].weight_g", i));
      }
    }
    std::string sscc = gs1::make_sscc(0, company_prefix, package_id);
    tx.exec(
        "INSERT INTO packages (id, fulfillment_id, box, weight_g, created_at_ms, sscc, "
        "expected_weight_g, length_mm, width_mm, height_mm) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9, $10)",
        package_id, fulfillment_id, packages[i].box, packages[i].weight_g, tx.now_ms(), sscc,
        expected_weight, box ? std::optional<int64_t>(box->inner_length_mm) : std::nullopt,
        box ? std::optional<int64_t>(box->inner_width_mm) : std::nullopt,
        box ? std::optional<int64_t>(box->inner_height_mm) : std::nullopt);
    for (const auto& [product_id, quantity] : contents[i]) {
      tx.exec("INSERT INTO package_items (package_id, product_id, quantity) VALUES ($1, $2, $3)",
              package_id, product_id, quantity);
    }
  }
  tx.exec(
      "UPDATE fulfillment_lines SET packed = packed + picked, picked = 0 WHERE fulfillment_id = $1",
      fulfillment_id);
  set_fulfillment_status(tx, f, FulfillmentStatus::packed, listener);
  return get_fulfillment(tx, fulfillment_id);
}

FulfillmentView ship(store::Tx& tx, int64_t fulfillment_id, const ShipInput& input,
                     FulfillmentListener& listener) {
  tx.lock("fulfillment", fulfillment_id);
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != FulfillmentStatus::packed) {
    throw_conflict("invalid_state", "only a packed fulfillment can ship; this one is " +
                                        std::string(to_string(f.status)));
  }
  if (input.tracking_number && !is_code(*input.tracking_number)) {
    throw_invalid_field("tracking_number",
                        "tracking_number must be 1-64 characters of A-Z a-z "
                        "0-9 . _ -");
  }
  std::string tracking = input.tracking_number.value_or(generate_tracking_number());
  int64_t customer_id =
      inventory::virtual_location_id(tx, f.warehouse_id, inventory::VirtualLocation::customer);
  struct Units {
    int64_t product_id, to_location_id;
    std::string lot;
    int64_t quantity;
  };
  std::vector<Units> units;
  {
    auto q = tx.query(
        "SELECT product_id, to_location_id, lot, SUM(picked) FROM pick_lines WHERE "
        "fulfillment_id = $1 GROUP BY product_id, to_location_id, lot HAVING SUM(picked) > 0",
        fulfillment_id);
    while (q.next()) units.push_back({q.i64(0), q.i64(1), q.text(2), q.i64(3)});
  }
  for (const Units& u : units) {
    inventory::Move move;
    move.warehouse_id = f.warehouse_id;
    move.product_id = u.product_id;
    move.lot = u.lot;
    move.from_location_id = u.to_location_id;
    move.to_location_id = customer_id;
    move.quantity = u.quantity;
    move.reason = "shipment";
    move.ref_type = "fulfillment";
    move.ref_id = fulfillment_id;
    inventory::apply_move(tx, move, nullptr);
  }
  tx.exec(
      "UPDATE fulfillment_lines SET shipped = shipped + packed, packed = 0 WHERE fulfillment_id = "
      "$1",
      fulfillment_id);
  tx.exec(
      "UPDATE fulfillments SET carrier = $2, service = $3, tracking_number = $4, shipped_at_ms = "
      "$5 WHERE id = $1",
      fulfillment_id, input.carrier, input.service, tracking, tx.now_ms());
  set_fulfillment_status(tx, f, FulfillmentStatus::shipped, listener);
  return get_fulfillment(tx, fulfillment_id);
}

FulfillmentView deliver(store::Tx& tx, int64_t fulfillment_id, FulfillmentListener& listener) {
  tx.lock("fulfillment", fulfillment_id);
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != FulfillmentStatus::shipped) {
    throw_conflict("invalid_state", "only a shipped fulfillment can be delivered; this one is " +
                                        std::string(to_string(f.status)));
  }
  tx.exec("UPDATE fulfillments SET delivered_at_ms = $2 WHERE id = $1", fulfillment_id,
          tx.now_ms());
  set_fulfillment_status(tx, f, FulfillmentStatus::delivered, listener);
  return get_fulfillment(tx, fulfillment_id);
}

}  // namespace wareflow::wms
