// Room in locations: loads putaway candidates from the ledger's balances and
// asks the pure rules (rules.h) to judge them.
#include "wms/storage.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.h"
#include "numeric/wide.h"
#include "wms/rules.h"

namespace wareflow::wms {
namespace {

// Volume of one unit in cm³ (rounded up: a unit never takes less room than it has).
int64_t unit_volume_cm3(const catalog::Product& p) {
  return numeric::saturate(numeric::volume_cm3(1, p.length_mm, p.width_mm, p.height_mm));
}

// Volume (each balance rounded up to cm³) and weight of what the locations
// hold, summed in 128 bits: SQL's SUM of units × length × width × height
// overflows on both backends long before a location of large products is full.
struct Load {
  numeric::Sum volume_cm3, weight_g;
};

// The ids of the products these rows name, for one catalogue lookup.
template <class Rows>
std::vector<int64_t> product_ids_of(const Rows& rows) {
  std::vector<int64_t> ids;
  for (const auto& row : rows) ids.push_back(row.product_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// One candidate per physical location of the warehouse (or just `only_location_id`),
// with what it holds now.
std::vector<rules::PutawayCandidate> load_candidates(store::Tx& tx, int64_t warehouse_id,
                                                     const catalog::Product& product,
                                                     const std::string& lot,
                                                     std::optional<int64_t> only_location_id,
                                                     int64_t exclude_task_id) {
  // What the locations hold, from the ledger, and the size of each product
  // in it, from the catalogue: one read each.
  const std::vector<inventory::HeldBalance> balances =
      inventory::balances_on_hand(tx, warehouse_id, only_location_id);
  std::map<int64_t, catalog::Product> products =
      catalog::products_by_ids(tx, product_ids_of(balances));
  struct Held {
    Load load;
    bool same_product_and_lot = false, other_products = false, same_product_other_lot = false;
    int64_t units_of_product = 0;
  };
  std::map<int64_t, Held> held;
  for (const inventory::HeldBalance& b : balances) {
    const catalog::Product& p = products.at(b.product_id);
    Held& h = held[b.location_id];
    h.load.volume_cm3 += numeric::volume_cm3(b.on_hand, p.length_mm, p.width_mm, p.height_mm);
    h.load.weight_g += numeric::mul_wide(b.on_hand, p.weight_g);
    if (b.product_id != product.id) {
      h.other_products = true;
    } else {
      h.units_of_product += b.on_hand;
      (b.lot == lot ? h.same_product_and_lot : h.same_product_other_lot) = true;
    }
  }
  auto q = tx.query(
      "SELECT l.id, l.code, l.type, l.zone, l.velocity_class, COALESCE(l.x_mm, 0), "
      "COALESCE(l.y_mm, 0), l.max_volume_cm3, l.max_weight_g, f.product_id, f.max_quantity "
      "FROM locations l LEFT JOIN pick_faces f ON f.location_id = l.id "
      "WHERE l.warehouse_id = $1 AND l.type <> 'virtual' AND ($2 IS NULL OR l.id = $2) "
      "ORDER BY l.id",
      warehouse_id, only_location_id);
  std::vector<rules::PutawayCandidate> list;
  while (q.next()) {
    rules::PutawayCandidate c;
    c.location_id = q.i64(0);
    c.code = q.text(1);
    c.type = q.text(2);
    c.zone = q.opt_text(3);
    c.velocity_class = q.opt_text(4);
    c.x_mm = q.i64(5);
    c.y_mm = q.i64(6);
    c.max_volume_cm3 = q.opt_i64(7);
    c.max_weight_g = q.opt_i64(8);
    if (auto h = held.find(c.location_id); h != held.end()) {
      c.used_volume_cm3 = h->second.load.volume_cm3.value();
      c.used_weight_g = h->second.load.weight_g.value();
      c.holds_same_product_and_lot = h->second.same_product_and_lot;
      c.holds_other_products = h->second.other_products;
      c.holds_same_product_other_lot = h->second.same_product_other_lot;
      c.units_of_product_here = h->second.units_of_product;
    }
    auto face_product = q.opt_i64(9);
    if (face_product) {
      // A pick face belongs to its product: other products never go there.
      if (*face_product == product.id) {
        c.is_fixed_pick_face_of_product = true;
        c.pick_face_max_units = q.opt_i64(10);
      } else {
        c.holds_other_products = true;
      }
    }
    list.push_back(std::move(c));
  }
  // Units already on their way (open putaway, replenishment and move tasks)
  // take their room now, so two suggestions never promise the same space.
  struct Pending {
    int64_t location_id, product_id;
    std::string lot;
    int64_t units;
  };
  std::vector<Pending> pending;
  {
    auto tq = tx.query(
        "SELECT t.to_location_id, t.product_id, t.lot, SUM(t.quantity) FROM tasks t WHERE "
        "t.warehouse_id = $1 AND t.status IN ('open', 'in_progress') AND t.type IN ('putaway', "
        "'replenishment', 'move') AND t.to_location_id IS NOT NULL AND t.product_id IS NOT NULL "
        "AND t.id <> $2 AND ($3 IS NULL OR t.to_location_id = $3) GROUP BY t.to_location_id, "
        "t.product_id, t.lot",
        warehouse_id, exclude_task_id, only_location_id);
    while (tq.next()) pending.push_back({tq.i64(0), tq.i64(1), tq.text(2), tq.i64(3)});
  }
  products = catalog::products_by_ids(tx, product_ids_of(pending));
  std::map<int64_t, rules::PutawayCandidate*> by_id;
  for (auto& c : list) by_id[c.location_id] = &c;
  for (const Pending& task : pending) {
    auto it = by_id.find(task.location_id);
    if (it == by_id.end()) continue;
    auto p = products.find(task.product_id);
    if (p == products.end()) continue;  // as the join to products did
    rules::PutawayCandidate& c = *it->second;
    const numeric::Int128 unit_cm3 =
        numeric::volume_cm3(1, p->second.length_mm, p->second.width_mm, p->second.height_mm);
    c.used_volume_cm3 =
        numeric::saturate(c.used_volume_cm3 + numeric::mul_wide(task.units, unit_cm3));
    c.used_weight_g =
        numeric::saturate(c.used_weight_g + numeric::mul_wide(task.units, p->second.weight_g));
    if (task.product_id != product.id) {
      c.holds_other_products = true;
    } else {
      c.units_of_product_here += task.units;
      if (task.lot == lot) {
        c.holds_same_product_and_lot = true;
      } else {
        c.holds_same_product_other_lot = true;
      }
    }
  }
  return list;
}

rules::PutawayRequest request_for(const catalog::Product& product, int64_t quantity) {
  rules::PutawayRequest r;
  r.zone = product.storage_zone;
  r.unit_volume_cm3 = unit_volume_cm3(product);
  r.unit_weight_g = product.weight_g;
  r.quantity = quantity;
  return r;
}

}  // namespace

void check_destination(store::Tx& tx, const inventory::LocationInfo& location,
                       const catalog::Product& product, const std::string& lot, int64_t quantity,
                       int64_t for_task_id) {
  auto candidates =
      load_candidates(tx, location.warehouse_id, product, lot, location.id, for_task_id);
  if (candidates.empty()) throw std::logic_error("destination location vanished");
  rules::PutawayRequest request = request_for(product, quantity);
  if (product.storage_zone && candidates.front().zone != product.storage_zone &&
      (candidates.front().type == "pick" || candidates.front().type == "storage")) {
    throw_unprocessable(
        "wrong_zone",
        fmt::format("{} is stored in zone {}; {} is in zone {}", product.sku, *product.storage_zone,
                    location.code, candidates.front().zone.value_or("(none)")),
        "location");
  }
  auto mismatch = rules::why_not(request, candidates.front());
  if (!mismatch) return;
  std::string detail = rules::explain_mismatch(request, candidates.front());
  switch (*mismatch) {
    case rules::PutawayMismatch::wrong_type:
      throw_unprocessable("wrong_location_type", detail, "location");
    case rules::PutawayMismatch::mixed_product:
      throw_conflict("location_occupied", detail);
    case rules::PutawayMismatch::full:
      throw_conflict("location_full", detail);
  }
}

int64_t first_location_of_type(store::Tx& tx, int64_t warehouse_id, std::string_view type) {
  auto q = tx.query(
      "SELECT id FROM locations WHERE warehouse_id = $1 AND type = $2 ORDER BY code LIMIT 1",
      warehouse_id, type);
  if (!q.next()) {
    throw_conflict("invalid_state", fmt::format("the warehouse has no {} location", type));
  }
  return q.i64(0);
}

int64_t location_of_type(store::Tx& tx, int64_t warehouse_id,
                         const std::optional<std::string>& code, std::string_view type) {
  if (!code) return first_location_of_type(tx, warehouse_id, type);
  auto loc = inventory::find_location(tx, warehouse_id, *code);
  if (!loc || loc->is_virtual()) {
    throw_unknown(422, "unknown_location", "no location " + *code, "location");
  }
  if (loc->type != type) {
    throw_unprocessable(
        "wrong_location_type",
        fmt::format("{} is a {} location, not a {} location", loc->code, loc->type, type),
        "location");
  }
  return loc->id;
}

std::optional<PutawaySuggestion> suggest_putaway(store::Tx& tx, int64_t warehouse_id,
                                                 const catalog::Product& product,
                                                 const std::string& lot, int64_t quantity,
                                                 int64_t from_location_id) {
  auto candidates = load_candidates(tx, warehouse_id, product, lot, std::nullopt, 0);
  rules::PutawayRequest request = request_for(product, quantity);
  {
    auto q = tx.query("SELECT x_mm, y_mm FROM locations WHERE id = $1", from_location_id);
    if (q.next()) {
      request.from_x_mm = q.opt_i64(0).value_or(0);
      request.from_y_mm = q.opt_i64(1).value_or(0);
    }
  }
  {
    auto q = tx.query(
        "SELECT abc_class FROM product_classes WHERE warehouse_id = $1 AND product_id = $2",
        warehouse_id, product.id);
    if (q.next()) request.velocity_class = q.text(0);
  }
  // A product with a fixed pick face keeps its bulk in reserve: other pick
  // locations are the faces of other products or free for them.
  bool has_face = std::any_of(candidates.begin(), candidates.end(),
                              [](const auto& c) { return c.is_fixed_pick_face_of_product; });
  if (has_face) {
    std::erase_if(candidates, [](const rules::PutawayCandidate& c) {
      return c.type == "pick" && !c.is_fixed_pick_face_of_product;
    });
  }
  auto choice = rules::choose_putaway(request, candidates);
  if (!choice && request.velocity_class) {
    // No location of the product's class has room: any location will do.
    request.velocity_class.reset();
    choice = rules::choose_putaway(request, candidates);
  }
  if (!choice) return std::nullopt;
  return PutawaySuggestion{choice->location_id, choice->rule};
}

}  // namespace wareflow::wms
