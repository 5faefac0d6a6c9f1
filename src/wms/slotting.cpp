#include "wms/slotting.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "catalog/catalog.h"
#include "core/error.h"
#include "inventory/inventory.h"
#include "numeric/wide.h"
#include "optimize/slotting.h"
#include "wms/aisle_model.h"
#include "wms/layout.h"

namespace wareflow::wms {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

struct ProductRow {
  int64_t id = 0;
  std::string sku;
  int64_t unit_volume_cm3 = 1;
  std::optional<std::string> zone;
  int64_t picks = 0, units = 0;
  std::optional<int64_t> current_location;
};

// The row of a product, made from the catalogue's record on first use.
ProductRow& product_row(const std::map<int64_t, catalog::Product>& catalogue,
                        std::map<int64_t, ProductRow>& products, int64_t id) {
  auto it = products.find(id);
  if (it != products.end()) return it->second;
  const catalog::Product& p = catalogue.at(id);
  ProductRow row;
  row.id = id;
  row.sku = p.sku;
  row.unit_volume_cm3 = std::max<int64_t>(
      1, numeric::saturate(numeric::volume_cm3(1, p.length_mm, p.width_mm, p.height_mm)));
  row.zone = p.storage_zone;
  return products.emplace(id, std::move(row)).first->second;
}

}  // namespace

SlottingAdvice advise_slotting(store::Tx& tx, std::string_view warehouse_code,
                               const SlottingAdviceInput& input) {
  static const std::set<std::string> kMethods = {"auto", "velocity", "abc", "cube_per_order"};
  if (!kMethods.count(input.method)) {
    throw_unprocessable("unsupported_method", "no slotting method '" + input.method + "'",
                        "method");
  }
  Warehouse warehouse = require_warehouse(tx, warehouse_code, 404, "");
  std::optional<AisleModel> model =
      aisle_model(tx, warehouse.id, packing_location_id(tx, warehouse.id));
  SlottingAdvice advice;
  advice.warehouse = warehouse.code;
  advice.days = input.days;
  advice.method = input.method == "auto" ? "velocity" : input.method;
  if (!model) return advice;

  optimize::SlottingRequest request;
  request.layout = model->layout;
  request.method = input.method;
  request.max_moves = input.max_moves;
  std::map<int64_t, std::string> slot_code;  // location id -> code
  {
    auto q = tx.query(
        "SELECT id, code, aisle, bay, max_volume_cm3, zone FROM locations WHERE warehouse_id = "
        "$1 AND type = 'pick' AND aisle IS NOT NULL AND bay IS NOT NULL ORDER BY code",
        warehouse.id);
    while (q.next()) {
      if (!model->places(q.i64(2), q.i64(3))) continue;
      optimize::PickSlot slot;
      slot.id = q.text(1);
      slot.location = model->at(q.i64(2), q.i64(3));
      slot.volume_cm3 = q.opt_i64(4).value_or(optimize::kMaxSlotVolumeCm3);
      slot.zone = q.opt_text(5);
      slot_code[q.i64(0)] = slot.id;
      request.slots.push_back(std::move(slot));
    }
  }

  // Who sits where today: each product in its pick face, else in the pick
  // location holding most of it; each location holds the first product that
  // claims it. A location holding stock of a product slotted elsewhere is
  // not free, so it is not offered.
  //
  // The claims are read first (faces, then the ledger's pick-location
  // stock, most units first), the velocity of the period next, and the
  // products they name in one catalogue lookup.
  std::vector<std::pair<int64_t, int64_t>> claims;  // location id, product id
  {
    auto q = tx.query(
        "SELECT location_id, product_id FROM pick_faces WHERE warehouse_id = $1 ORDER BY "
        "location_id",
        warehouse.id);
    while (q.next()) claims.emplace_back(q.i64(0), q.i64(1));
  }
  {
    // Units per (location, product) at the slots (pick locations).
    std::map<std::pair<int64_t, int64_t>, int64_t> units;
    for (const inventory::HeldBalance& b : inventory::balances_on_hand(tx, warehouse.id)) {
      if (slot_code.count(b.location_id)) units[{b.location_id, b.product_id}] += b.on_hand;
    }
    std::vector<std::pair<std::pair<int64_t, int64_t>, int64_t>> stock(units.begin(), units.end());
    std::stable_sort(stock.begin(), stock.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [at, n] : stock) claims.push_back(at);
  }
  struct Velocity {
    int64_t product_id, picks, units;
  };
  std::vector<Velocity> velocity;
  {
    auto q = tx.query(
        "SELECT pl.product_id, COUNT(*), SUM(pl.quantity - pl.short) FROM pick_lines pl JOIN "
        "pick_lists l ON l.id = pl.pick_list_id WHERE l.warehouse_id = $1 AND l.created_at_ms >= "
        "$2 AND pl.quantity > pl.short GROUP BY pl.product_id ORDER BY pl.product_id",
        warehouse.id, tx.now_ms() - input.days * kDayMs);
    while (q.next()) velocity.push_back({q.i64(0), q.i64(1), q.i64(2)});
  }
  std::map<int64_t, catalog::Product> catalogue;
  {
    std::vector<int64_t> ids;
    for (const auto& [location_id, product_id] : claims) ids.push_back(product_id);
    for (const Velocity& v : velocity) ids.push_back(v.product_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    catalogue = catalog::products_by_ids(tx, ids);
  }
  std::map<int64_t, ProductRow> products;
  std::set<int64_t> taken, blocked;  // location ids
  for (const auto& [location_id, product_id] : claims) {
    if (!slot_code.count(location_id)) continue;
    ProductRow& row = product_row(catalogue, products, product_id);
    if (!row.current_location && !taken.count(location_id)) {
      row.current_location = location_id;
      taken.insert(location_id);
    } else if (row.current_location != location_id) {
      blocked.insert(location_id);
    }
  }
  for (int64_t location_id : blocked) {
    if (taken.count(location_id)) continue;
    const std::string& code = slot_code.at(location_id);
    std::erase_if(request.slots, [&](const optimize::PickSlot& t) { return t.id == code; });
  }
  advice.slots = static_cast<int64_t>(request.slots.size());
  // Velocity: the pick lines of the period.
  for (const Velocity& v : velocity) {
    ProductRow& row = product_row(catalogue, products, v.product_id);
    row.picks = v.picks;
    row.units = v.units;
  }
  for (const auto& [id, row] : products) {
    // Only products in the pick area: the plan moves nothing else, and the
    // three travel figures then cover the same products.
    if (!row.current_location) continue;
    optimize::SlottingSku sku;
    sku.id = row.sku;
    sku.picks = row.picks;
    sku.units = row.units;
    sku.unit_volume_cm3 = std::min(row.unit_volume_cm3, optimize::kMaxSlotVolumeCm3);
    if (row.current_location) sku.current_slot = slot_code.at(*row.current_location);
    sku.zone = row.zone;
    request.skus.push_back(std::move(sku));
  }
  optimize::SlottingResult result = optimize::plan_slotting(request);

  advice.method = result.method;
  advice.current_travel_mm = result.current_travel_mm;
  advice.target_travel_mm = result.target_travel_mm;
  advice.planned_travel_mm = result.planned_travel_mm;
  std::map<std::string, const ProductRow*> by_sku;
  for (const auto& [id, row] : products) by_sku[row.sku] = &row;
  for (const optimize::SkuSlotting& a : result.assignments) {
    const ProductRow& row = *by_sku.at(a.sku);
    advice.products.push_back({a.sku, row.picks, row.units, a.abc_class, a.current_slot, a.slot});
  }
  std::stable_sort(advice.products.begin(), advice.products.end(),
                   [](const SlottedProductView& a, const SlottedProductView& b) {
                     return a.picks != b.picks ? a.picks > b.picks : a.sku < b.sku;
                   });
  for (const optimize::ReslotMove& m : result.plan) {
    advice.moves.push_back({m.step, m.kind, m.sku, m.from_slot, m.to_slot, m.saving_mm});
  }
  return advice;
}

}  // namespace wareflow::wms
