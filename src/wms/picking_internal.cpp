// The rows and steps the wave, pick and pack files share (picking_internal.h).
#include "wms/picking_internal.h"

#include <boost/json/object.hpp>

#include "core/error.h"
#include "events/outbox.h"
#include "wms/tasks.h"

namespace wareflow::wms {

FulfillmentRow require_fulfillment(store::Tx& tx, int64_t id) {
  auto q =
      tx.query("SELECT id, order_id, warehouse_id, status FROM fulfillments WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_fulfillment", "no fulfillment " + std::to_string(id));
  return {q.i64(0), q.i64(1), q.i64(2), q.text(3)};
}

void set_fulfillment_status(store::Tx& tx, const FulfillmentRow& f, const std::string& status,
                            FulfillmentListener& listener) {
  if (f.status == status) return;
  tx.exec("UPDATE fulfillments SET status = $2, updated_at_ms = $3 WHERE id = $1", f.id, status,
          tx.now_ms());
  boost::json::object data;
  data["fulfillment_id"] = f.id;
  data["order_id"] = f.order_id;
  data["status"] = status;
  events::append(tx, "fulfillment." + status, "fulfillment:" + std::to_string(f.id), data);
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

}  // namespace wareflow::wms
