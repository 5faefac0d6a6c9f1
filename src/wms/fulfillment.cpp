#include "wms/fulfillment.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "events/outbox.h"
#include "store/id_list.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

void append_fulfillment_event(store::Tx& tx, const char* type, int64_t fulfillment_id,
                              int64_t order_id, boost::json::object data = {}) {
  data["fulfillment_id"] = fulfillment_id;
  data["order_id"] = order_id;
  events::append(tx, type, "fulfillment:" + std::to_string(fulfillment_id), data);
}

}  // namespace

int64_t assign_to_fulfillment(store::Tx& tx, int64_t warehouse_id, const FulfillmentOrder& order,
                              const std::vector<FulfillmentLineInput>& lines) {
  const int64_t order_id = order.order_id;
  const bool on_hold = order.on_hold;
  const FulfillmentStatus first_status =
      on_hold ? FulfillmentStatus::pending : FulfillmentStatus::released;
  int64_t fulfillment_id = 0;
  for (;;) {
    {
      auto q = tx.query(
          "SELECT id FROM fulfillments WHERE order_id = $1 AND warehouse_id = $2 AND status IN "
          "('pending', 'released') ORDER BY id LIMIT 1",
          order_id, warehouse_id);
      if (q.next()) fulfillment_id = q.i64(0);
    }
    // Units join an open fulfillment only while it stays open: this UPDATE
    // changes nothing but holds the row until the commit, so that a wave
    // taking it meanwhile (its own UPDATE waits) reserves these units too,
    // or has taken it already and the units get a fulfillment of their own.
    if (fulfillment_id == 0 ||
        tx.exec("UPDATE fulfillments SET status = status WHERE id = $1 AND status IN ('pending', "
                "'released')",
                fulfillment_id) == 1) {
      break;
    }
    fulfillment_id = 0;
  }
  bool created = fulfillment_id == 0;
  if (created) {
    fulfillment_id = tx.next_id("fulfillments");
    tx.exec(
        "INSERT INTO fulfillments (id, order_id, warehouse_id, status, priority, ship_by_ms, "
        "created_at_ms, updated_at_ms, channel_order_id, ship_to_json, deliver_by_ms) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)",
        fulfillment_id, order_id, warehouse_id, to_string(first_status), order.priority,
        order.ship_by_ms, tx.now_ms(), order.channel_order_id, order.ship_to_json,
        order.deliver_by_ms);
  }
  for (const FulfillmentLineInput& line : lines) {
    int64_t changed = created ? 0
                              : tx.exec(
                                    "UPDATE fulfillment_lines SET quantity = quantity + $3, "
                                    "allocated = allocated + $3 "
                                    "WHERE fulfillment_id = $1 AND order_line_id = $2",
                                    fulfillment_id, line.order_line_id, line.quantity);
    if (changed == 0) {
      tx.exec(
          "INSERT INTO fulfillment_lines (id, fulfillment_id, order_line_id, product_id, "
          "quantity, allocated, picked, packed, shipped, line_no) VALUES ($1, $2, $3, $4, $5, $5, "
          "0, 0, 0, $6)",
          tx.next_id("fulfillment_lines"), fulfillment_id, line.order_line_id, line.product_id,
          line.quantity, line.line_no);
    }
  }
  if (created) {
    boost::json::object data;
    data["warehouse_id"] = warehouse_id;
    data["status"] = to_string(first_status);
    append_fulfillment_event(tx, "fulfillment.created", fulfillment_id, order_id, data);
  }
  return fulfillment_id;
}

void hold_fulfillments(store::Tx& tx, int64_t order_id) {
  tx.exec(
      "UPDATE fulfillments SET status = 'pending', updated_at_ms = $2 WHERE order_id = $1 AND "
      "status = 'released'",
      order_id, tx.now_ms());
  // Checked after the UPDATE, which waited for a wave taking one of them
  // (another process): a fulfillment it took is picking now, and the hold is
  // refused (rolled back).
  if (tx.query("SELECT 1 FROM fulfillments WHERE order_id = $1 AND status IN ('picking', "
               "'picked', 'packed') LIMIT 1",
               order_id)
          .next()) {
    throw_conflict("invalid_state", "the order is already being picked or packed");
  }
}

void release_fulfillments(store::Tx& tx, int64_t order_id) {
  std::vector<int64_t> released;
  {
    auto q = tx.query("SELECT id FROM fulfillments WHERE order_id = $1 AND status = 'pending'",
                      order_id);
    while (q.next()) released.push_back(q.i64(0));
  }
  for (int64_t id : released) {
    if (tx.exec("UPDATE fulfillments SET status = 'released', updated_at_ms = $2 WHERE id = $1 "
                "AND status = 'pending'",
                id, tx.now_ms()) == 0) {
      continue;
    }
    append_fulfillment_event(tx, "fulfillment.released", id, order_id);
  }
}

std::map<int64_t, int64_t> cancel_fulfillments(store::Tx& tx, int64_t order_id,
                                               inventory::StockListener* listener) {
  if (tx.query("SELECT 1 FROM fulfillment_lines fl JOIN fulfillments f ON f.id = "
               "fl.fulfillment_id WHERE f.order_id = $1 AND (fl.picked > 0 OR fl.packed > 0 OR "
               "fl.shipped > 0) LIMIT 1",
               order_id)
          .next()) {
    throw_conflict("invalid_state",
                   "units of this order are already picked or shipped; it can no longer be "
                   "cancelled");
  }
  // Open pick lines give their location reservations back.
  struct OpenPick {
    int64_t id, location_id, product_id;
    std::string lot;
    int64_t open;
  };
  std::vector<OpenPick> open_picks;
  {
    auto q = tx.query(
        "SELECT id, location_id, product_id, lot, quantity - picked - short FROM pick_lines "
        "WHERE fulfillment_id IN (SELECT id FROM fulfillments WHERE order_id = $1) AND status = "
        "'open'",
        order_id);
    while (q.next()) open_picks.push_back({q.i64(0), q.i64(1), q.i64(2), q.text(3), q.i64(4)});
  }
  for (const OpenPick& p : open_picks) {
    // Still open and untouched, or a picker (another process) got there first.
    if (tx.exec("UPDATE pick_lines SET status = 'cancelled' WHERE id = $1 AND status = 'open' AND "
                "picked = 0 AND short = 0",
                p.id) == 0) {
      throw_conflict("invalid_state",
                     "units of this order are already picked or shipped; it can no longer be "
                     "cancelled");
    }
    inventory::unreserve(tx, p.location_id, p.product_id, p.lot, p.open);
  }

  struct Line {
    int64_t id, order_line_id, product_id, warehouse_id, allocated;
  };
  std::vector<Line> lines;
  std::vector<std::pair<int64_t, std::string>> fulfillment_ids;  // id, status
  {
    auto q = tx.query(
        "SELECT fl.id, fl.order_line_id, fl.product_id, f.warehouse_id, fl.allocated FROM "
        "fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id WHERE f.order_id = "
        "$1 AND f.status <> 'cancelled'",
        order_id);
    while (q.next()) lines.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4)});
  }
  {
    auto q = tx.query(
        "SELECT id, status FROM fulfillments WHERE order_id = $1 AND status <> 'cancelled' ORDER "
        "BY id",
        order_id);
    while (q.next()) fulfillment_ids.emplace_back(q.i64(0), q.text(1));
  }
  std::map<int64_t, int64_t> freed;
  for (const Line& line : lines) {
    if (line.allocated == 0) continue;
    inventory::deallocate(tx, line.warehouse_id, line.product_id, line.allocated);
    tx.exec("UPDATE fulfillment_lines SET allocated = 0, quantity = quantity - $2 WHERE id = $1",
            line.id, line.allocated);
    freed[line.order_line_id] += line.allocated;
  }
  // Pick lists left with nothing to pick are done; so is their pick task
  // (cancelled when nobody picked anything from the list).
  std::vector<std::pair<int64_t, int64_t>> finished_lists;  // id, units picked
  {
    auto q = tx.query(
        "SELECT p.id, COALESCE((SELECT SUM(picked) FROM pick_lines WHERE pick_list_id = p.id), 0) "
        "FROM pick_lists p WHERE p.status = 'open' AND NOT EXISTS (SELECT 1 FROM pick_lines WHERE "
        "pick_list_id = p.id AND status = 'open')");
    while (q.next()) finished_lists.emplace_back(q.i64(0), q.i64(1));
  }
  tx.exec(
      "UPDATE pick_lists SET status = 'done' WHERE status = 'open' AND NOT EXISTS (SELECT 1 "
      "FROM pick_lines WHERE pick_list_id = pick_lists.id AND status = 'open')");
  for (const auto& [pick_list_id, picked] : finished_lists) {
    if (picked > 0) {
      finish_tasks_of(tx, "pick_list", pick_list_id, "unknown", std::nullopt, picked);
    } else {
      cancel_tasks_of(tx, "pick_list", pick_list_id);
    }
  }
  for (const auto& [id, status] : fulfillment_ids) {
    // From the status read: a wave (another process) that took it meanwhile
    // refuses the cancel, which is rolled back.
    if (tx.exec("UPDATE fulfillments SET status = 'cancelled', updated_at_ms = $2 WHERE id = $1 "
                "AND status = $3",
                id, tx.now_ms(), status) == 0) {
      throw_conflict("invalid_state", "fulfillment " + std::to_string(id) + " changed meanwhile");
    }
    append_fulfillment_event(tx, "fulfillment.cancelled", id, order_id);
  }
  // Freed stock may serve backorders of other orders.
  if (listener) {
    for (const Line& line : lines) {
      if (line.allocated > 0) listener->stock_available(tx, line.warehouse_id, line.product_id);
    }
  }
  return freed;
}

std::map<int64_t, LineProgress> progress_of_orders(store::Tx& tx,
                                                   const std::vector<int64_t>& order_ids) {
  std::map<int64_t, LineProgress> progress;
  auto q = tx.query(
      "SELECT fl.order_line_id, SUM(fl.allocated), SUM(fl.picked), SUM(fl.packed), "
      "SUM(fl.shipped) FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id "
      "WHERE f.order_id IN (SELECT value FROM json_each($1)) GROUP BY fl.order_line_id",
      store::id_list(order_ids));
  while (q.next()) progress[q.i64(0)] = {q.i64(1), q.i64(2), q.i64(3), q.i64(4)};
  return progress;
}

std::map<int64_t, std::vector<FulfillmentSummary>> fulfillments_of_orders(
    store::Tx& tx, const std::vector<int64_t>& order_ids) {
  std::map<int64_t, std::vector<FulfillmentSummary>> by_order;
  auto q = tx.query(
      "SELECT f.id, w.code, f.status, f.carrier, f.service, f.tracking_number, f.tracking_status, "
      "f.order_id FROM fulfillments f JOIN warehouses w ON w.id = f.warehouse_id WHERE "
      "f.order_id IN (SELECT value FROM json_each($1)) ORDER BY f.id",
      store::id_list(order_ids));
  while (q.next()) {
    by_order[q.i64(7)].push_back({q.i64(0), q.text(1), q.text(2), q.opt_text(3), q.opt_text(4),
                                  q.opt_text(5), q.opt_text(6)});
  }
  return by_order;
}

namespace {

// The fulfillments with these ids, in this order (ids that name none are left
// out), set-based: one query per kind of row for all of them.
std::vector<FulfillmentView> fulfillments_by_ids(store::Tx& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, FulfillmentView> by_id;
  {
    auto q = tx.query(
        "SELECT f.id, f.order_id, w.code, f.status, f.carrier, f.service, f.tracking_number, "
        "f.shipped_at_ms, f.delivered_at_ms, f.price_minor, f.currency, f.tracking_status FROM "
        "fulfillments f JOIN warehouses w ON w.id = f.warehouse_id WHERE f.id IN (SELECT value "
        "FROM json_each($1))",
        id_list);
    while (q.next()) {
      FulfillmentView v;
      v.id = q.i64(0);
      v.order_id = q.i64(1);
      v.warehouse = q.text(2);
      v.status = q.text(3);
      v.carrier = q.opt_text(4);
      v.service = q.opt_text(5);
      v.tracking_number = q.opt_text(6);
      v.shipped_at_ms = q.opt_i64(7);
      v.delivered_at_ms = q.opt_i64(8);
      v.price_minor = q.opt_i64(9);
      v.currency = q.opt_text(10);
      v.tracking_status = q.opt_text(11);
      by_id.emplace(v.id, std::move(v));
    }
  }
  // The SKUs come from the catalogue, one lookup for the lines and package
  // items of the whole page.
  std::vector<std::pair<int64_t, int64_t>> line_products;  // fulfillment id, product id
  {
    auto q = tx.query(
        "SELECT fl.fulfillment_id, fl.product_id, fl.quantity, fl.allocated, fl.picked, "
        "fl.packed, fl.shipped FROM fulfillment_lines fl WHERE fl.fulfillment_id IN (SELECT "
        "value FROM json_each($1)) ORDER BY fl.fulfillment_id, fl.id",
        id_list);
    while (q.next()) {
      line_products.emplace_back(q.i64(0), q.i64(1));
      by_id[q.i64(0)].lines.push_back({"", q.i64(2), q.i64(3), q.i64(4), q.i64(5), q.i64(6)});
    }
  }
  std::map<int64_t, FulfillmentView::Package*> packages;
  {
    auto q = tx.query(
        "SELECT fulfillment_id, id, box, weight_g, sscc, expected_weight_g FROM packages WHERE "
        "fulfillment_id IN (SELECT value FROM json_each($1)) ORDER BY fulfillment_id, id",
        id_list);
    while (q.next()) {
      by_id[q.i64(0)].packages.push_back(
          {q.i64(1), q.opt_text(2), q.opt_i64(3), {}, q.opt_text(4), q.opt_i64(5)});
    }
  }
  for (auto& [id, v] : by_id) {
    for (auto& package : v.packages) packages[package.id] = &package;
  }
  struct Item {
    int64_t package_id, product_id, quantity;
  };
  std::vector<Item> items;
  if (!packages.empty()) {
    auto q = tx.query(
        "SELECT i.package_id, i.product_id, i.quantity FROM package_items i WHERE i.package_id IN "
        "(SELECT k.id FROM packages k WHERE k.fulfillment_id IN (SELECT value FROM "
        "json_each($1))) ORDER BY i.package_id",
        id_list);
    while (q.next()) items.push_back({q.i64(0), q.i64(1), q.i64(2)});
  }
  std::vector<int64_t> product_ids;
  for (const auto& [fulfillment_id, product_id] : line_products) product_ids.push_back(product_id);
  for (const Item& item : items) product_ids.push_back(item.product_id);
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  std::map<int64_t, size_t> next_line;
  for (const auto& [fulfillment_id, product_id] : line_products) {
    by_id[fulfillment_id].lines[next_line[fulfillment_id]++].sku = products.at(product_id).sku;
  }
  for (const Item& item : items) {
    packages[item.package_id]->items.emplace_back(products.at(item.product_id).sku, item.quantity);
  }
  // A package lists its items by SKU.
  for (auto& [package_id, package] : packages) {
    std::stable_sort(package->items.begin(), package->items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace

std::vector<FulfillmentView> list_fulfillments(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                               const std::optional<std::string>& status,
                                               int64_t after_id, int64_t limit) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query(
        "SELECT id FROM fulfillments WHERE id > $1 AND ($2 = 0 OR warehouse_id = $2) AND ($3 IS "
        "NULL OR status = $3) ORDER BY id LIMIT $4",
        after_id, warehouse_id.value_or(0), status, limit);
    while (q.next()) ids.push_back(q.i64(0));
  }
  return fulfillments_by_ids(tx, ids);
}

FulfillmentView get_fulfillment(store::Tx& tx, int64_t id) {
  std::vector<FulfillmentView> found = fulfillments_by_ids(tx, {id});
  if (found.empty()) throw_not_found("unknown_fulfillment", "no fulfillment " + std::to_string(id));
  return std::move(found.front());
}

int64_t unwaved_allocation(store::Tx& tx, int64_t warehouse_id, int64_t product_id) {
  auto q = tx.query(
      "SELECT COALESCE(SUM(fl.allocated), 0) FROM fulfillment_lines fl JOIN fulfillments f ON "
      "f.id = fl.fulfillment_id WHERE f.warehouse_id = $1 AND fl.product_id = $2 AND f.status IN "
      "('pending', 'released')",
      warehouse_id, product_id);
  q.next();
  return q.i64(0);
}

void take_back_allocation(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity,
                          FulfillmentListener& listener) {
  if (quantity <= 0) return;
  if (unwaved_allocation(tx, warehouse_id, product_id) < quantity) {
    throw_conflict("count_conflicts_with_allocations",
                   "the loss is allocated to orders already in waves; finish or short their "
                   "picks first");
  }
  struct Line {
    int64_t id, fulfillment_id, order_id, order_line_id, allocated;
  };
  std::vector<Line> lines;
  {
    auto q = tx.query(
        "SELECT fl.id, f.id, f.order_id, fl.order_line_id, fl.allocated FROM fulfillment_lines fl "
        "JOIN fulfillments f ON f.id = fl.fulfillment_id WHERE f.warehouse_id = $1 AND "
        "fl.product_id = $2 AND f.status IN ('pending', 'released') AND fl.allocated > 0 ORDER "
        "BY f.priority, f.id DESC",
        warehouse_id, product_id);
    while (q.next()) lines.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4)});
  }
  for (const Line& line : lines) {
    if (quantity == 0) break;
    int64_t take = std::min(quantity, line.allocated);
    quantity -= take;
    tx.exec(
        "UPDATE fulfillment_lines SET allocated = allocated - $2, quantity = quantity - $2 WHERE "
        "id = $1",
        line.id, take);
    listener.units_returned(tx, warehouse_id, line.order_line_id, take);
    auto q = tx.query(
        "SELECT COALESCE(SUM(quantity), 0) FROM fulfillment_lines WHERE "
        "fulfillment_id = $1",
        line.fulfillment_id);
    q.next();
    if (q.i64(0) == 0) {
      tx.exec("UPDATE fulfillments SET status = 'cancelled', updated_at_ms = $2 WHERE id = $1",
              line.fulfillment_id, tx.now_ms());
      boost::json::object data;
      data["status"] = to_string(FulfillmentStatus::cancelled);
      append_fulfillment_event(tx, "fulfillment.cancelled", line.fulfillment_id, line.order_id,
                               data);
    }
    listener.fulfillment_changed(tx, line.order_id);
  }
}

}  // namespace wareflow::wms
