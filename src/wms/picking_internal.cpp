// The rows and steps the wave, pick and pack files share (picking_internal.h).
#include "wms/picking_internal.h"

#include <boost/json/object.hpp>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "events/outbox.h"
#include "store/id_list.h"
#include "wms/tasks.h"

namespace wareflow::wms {

FulfillmentRow require_fulfillment(store::Tx& tx, int64_t id) {
  auto q =
      tx.query("SELECT id, order_id, warehouse_id, status FROM fulfillments WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_fulfillment", "no fulfillment " + std::to_string(id));
  return read_fulfillment_row(q);
}

FulfillmentRow read_fulfillment_row(store::Query& q) {
  return {q.i64(0), q.i64(1), q.i64(2),
          stored_enum(parse_fulfillment_status(q.text(3)), "fulfillment status", q.text(3))};
}

void set_fulfillment_status(store::Tx& tx, const FulfillmentRow& f, FulfillmentStatus status,
                            FulfillmentListener& listener) {
  if (f.status == status) return;
  const std::string text(to_string(status));
  // From the status read, or not at all: another process's transition in
  // between refuses this one (its command is rolled back).
  if (tx.exec("UPDATE fulfillments SET status = $2, updated_at_ms = $3 WHERE id = $1 AND status "
              "= $4",
              f.id, text, tx.now_ms(), std::string(to_string(f.status))) == 0) {
    throw_conflict("invalid_state", "fulfillment " + std::to_string(f.id) + " changed meanwhile");
  }
  boost::json::object data;
  data["fulfillment_id"] = f.id;
  data["order_id"] = f.order_id;
  data["status"] = text;
  events::append(tx, "fulfillment." + text, "fulfillment:" + std::to_string(f.id), data);
  listener.fulfillment_changed(tx, f.order_id);
}

PlannedPick plan_pick(store::Tx& tx, int64_t fulfillment_line_id, int64_t fulfillment_id,
                      int64_t product_id, const inventory::Reservation& r) {
  auto q = tx.query(
      "SELECT COALESCE(aisle, 0), COALESCE(bay, 0), COALESCE(level, 0), code FROM locations "
      "WHERE id = $1",
      r.location_id);
  q.next();
  return {fulfillment_line_id, fulfillment_id, product_id, r.location_id, r.lot,
          r.quantity,          q.i64(0),       q.i64(1),   q.i64(2),      q.text(3)};
}

void insert_pick_line(store::Tx& tx, int64_t pick_list_id, int64_t sequence, const PlannedPick& p,
                      int64_t to_location_id) {
  tx.exec(
      "INSERT INTO pick_lines (id, pick_list_id, sequence, fulfillment_line_id, fulfillment_id, "
      "product_id, location_id, lot, to_location_id, quantity, picked, short, status) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 'open')",
      tx.next_id("pick_lines"), pick_list_id, sequence, p.fulfillment_line_id, p.fulfillment_id,
      p.product_id, p.location_id, p.lot, to_location_id, p.quantity);
}

void refresh_pick_list(store::Tx& tx, int64_t pick_list_id, const std::string& picker) {
  tx.exec(
      "UPDATE pick_lists SET status = CASE WHEN EXISTS (SELECT 1 FROM pick_lines WHERE "
      "pick_list_id = $1 AND status = 'open') THEN 'open' ELSE 'done' END WHERE id = $1",
      pick_list_id);
  if (picker.empty()) return;
  auto q = tx.query(
      "SELECT p.status, COALESCE(SUM(l.picked), 0), MAX(l.to_location_id) FROM pick_lists p "
      "LEFT JOIN pick_lines l ON l.pick_list_id = p.id WHERE p.id = $1 GROUP BY p.status",
      pick_list_id);
  if (!q.next()) return;
  if (q.text(0) == "done") {
    finish_tasks_of(tx, "pick_list", pick_list_id, picker, q.opt_i64(2), q.i64(1));
  } else {
    start_tasks_of(tx, "pick_list", pick_list_id, picker);
  }
}

std::vector<PickListView> pick_lists_by_ids(store::Tx& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, PickListView> by_id;
  {
    auto q = tx.query(
        "SELECT l.id, l.wave_id, l.status, w.code, l.route_method, l.route_algorithm, "
        "l.route_length_mm, l.route_optimal FROM pick_lists l JOIN warehouses w ON w.id = "
        "l.warehouse_id WHERE l.id IN (SELECT value FROM json_each($1))",
        id_list);
    while (q.next()) {
      PickListView view;
      view.id = q.i64(0);
      view.wave_id = q.i64(1);
      view.status = q.text(2);
      view.warehouse = q.text(3);
      view.route_method = q.opt_text(4);
      view.route_algorithm = q.opt_text(5);
      view.route_length_mm = q.opt_i64(6);
      view.route_optimal = q.opt_i64(7).value_or(0) != 0;
      by_id.emplace(view.id, std::move(view));
    }
  }
  // The lines come in the order of the map (by list id, sequence); their
  // SKUs from the catalogue, in one lookup for the page.
  std::vector<int64_t> product_ids;
  {
    auto q = tx.query(
        "SELECT pl.pick_list_id, pl.id, pl.sequence, l.code, pl.product_id, pl.lot, pl.quantity, "
        "pl.picked, pl.short, pl.status, pl.fulfillment_id FROM pick_lines pl JOIN locations l ON "
        "l.id = pl.location_id WHERE pl.pick_list_id IN (SELECT value FROM json_each($1)) ORDER "
        "BY pl.pick_list_id, pl.sequence",
        id_list);
    while (q.next()) {
      by_id[q.i64(0)].lines.push_back({q.i64(1), q.i64(2), q.text(3), "", q.text(5), q.i64(6),
                                       q.i64(7), q.i64(8), q.text(9), q.i64(10)});
      product_ids.push_back(q.i64(4));
    }
  }
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  size_t next = 0;
  for (auto& [id, list] : by_id) {
    for (auto& line : list.lines) line.sku = products.at(product_ids[next++]).sku;
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace wareflow::wms
