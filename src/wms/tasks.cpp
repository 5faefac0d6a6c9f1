// The task queue, task confirmation, replenishment planning and labour figures.
#include "wms/tasks.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <cstdlib>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "events/outbox.h"
#include "inventory/inventory.h"
#include "store/id_list.h"
#include "wms/layout.h"
#include "wms/storage.h"

namespace wareflow::wms {
namespace {

constexpr const char* kTaskColumns =
    "t.id, w.code, t.type, t.status, t.priority, t.due_at_ms, t.zone, t.product_id, t.lot, "
    "t.quantity, "
    "lf.code, lt.code, ld.code, t.done_quantity, t.ref_type, t.ref_id, t.assigned_to, "
    "t.created_at_ms, t.started_at_ms, t.finished_at_ms, t.travel_mm";
constexpr const char* kTaskJoins =
    " FROM tasks t JOIN warehouses w ON w.id = t.warehouse_id LEFT JOIN locations lf ON lf.id = "
    "t.from_location_id LEFT JOIN locations lt ON lt.id = t.to_location_id LEFT JOIN locations "
    "ld ON ld.id = t.done_location_id";

// A task as read with kTaskColumns; its SKU is filled in by with_skus.
TaskView read_task(store::Query& q, std::vector<std::optional<int64_t>>& product_ids) {
  TaskView t;
  t.id = q.i64(0);
  t.warehouse = q.text(1);
  t.type = q.text(2);
  t.status = q.text(3);
  t.priority = q.i64(4);
  t.due_at_ms = q.opt_i64(5);
  t.zone = q.opt_text(6);
  product_ids.push_back(q.opt_i64(7));
  t.lot = q.opt_text(8).value_or("");
  t.quantity = q.opt_i64(9);
  t.from_location = q.opt_text(10);
  t.to_location = q.opt_text(11);
  t.done_location = q.opt_text(12);
  t.done_quantity = q.opt_i64(13);
  t.ref_type = q.opt_text(14).value_or("");
  t.ref_id = q.opt_i64(15);
  t.assigned_to = q.opt_text(16);
  t.created_at_ms = q.i64(17);
  t.started_at_ms = q.opt_i64(18);
  t.finished_at_ms = q.opt_i64(19);
  t.travel_mm = q.opt_i64(20);
  return t;
}

// The SKUs of the tasks' products, in one catalogue lookup.
void with_skus(store::Tx& tx, std::vector<TaskView>& tasks,
               const std::vector<std::optional<int64_t>>& product_ids) {
  std::vector<int64_t> ids;
  for (const auto& id : product_ids) {
    if (id) ids.push_back(*id);
  }
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, ids);
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (!product_ids[i]) continue;
    auto p = products.find(*product_ids[i]);
    if (p != products.end()) tasks[i].sku = p->second.sku;
  }
}

struct TaskRow {
  int64_t id, warehouse_id;
  std::string type;
  TaskStatus status;
  std::optional<int64_t> product_id;
  std::string lot;
  std::optional<int64_t> quantity, from_location_id, to_location_id;
  std::optional<std::string> assigned_to;
  std::string ref_type;
  int64_t ref_id;
};

TaskRow require_task_row(store::Tx& tx, int64_t id) {
  auto q = tx.query(
      "SELECT id, warehouse_id, type, status, product_id, lot, quantity, from_location_id, "
      "to_location_id, assigned_to, ref_type, ref_id FROM tasks WHERE id = $1",
      id);
  if (!q.next()) throw_not_found("unknown_task", "no task " + std::to_string(id));
  return {q.i64(0),
          q.i64(1),
          q.text(2),
          stored_enum(parse_task_status(q.text(3)), "task status", q.text(3)),
          q.opt_i64(4),
          q.opt_text(5).value_or(""),
          q.opt_i64(6),
          q.opt_i64(7),
          q.opt_i64(8),
          q.opt_text(9),
          q.opt_text(10).value_or(""),
          q.opt_i64(11).value_or(0)};
}

void append_task_event(store::Tx& tx, const char* type, int64_t task_id, boost::json::object data) {
  data["task_id"] = task_id;
  events::append(tx, type, "task:" + std::to_string(task_id), data);
}

// Refuses a transition of a task someone else holds or that is over.
void check_claimable(const TaskRow& t, const std::string& worker) {
  if (t.status == TaskStatus::done || t.status == TaskStatus::cancelled) {
    throw_conflict("invalid_state",
                   fmt::format("task {} is already {}", t.id, to_string(t.status)));
  }
  if (t.status == TaskStatus::in_progress && t.assigned_to != worker) {
    throw_conflict("task_taken",
                   fmt::format("task {} is being done by {}", t.id, t.assigned_to.value_or("?")));
  }
}

struct Point {
  int64_t x = 0, y = 0;
};
std::optional<Point> location_point(store::Tx& tx, std::optional<int64_t> location_id) {
  if (!location_id) return std::nullopt;
  auto q = tx.query("SELECT x_mm, y_mm FROM locations WHERE id = $1", *location_id);
  if (!q.next() || !q.opt_i64(0) || !q.opt_i64(1)) return std::nullopt;
  return Point{*q.opt_i64(0), *q.opt_i64(1)};
}
int64_t manhattan(Point a, Point b) { return std::llabs(a.x - b.x) + std::llabs(a.y - b.y); }

std::optional<Point> worker_point(store::Tx& tx, const std::string& worker, int64_t warehouse_id) {
  auto q =
      tx.query("SELECT location_id FROM worker_positions WHERE worker = $1 AND warehouse_id = $2",
               worker, warehouse_id);
  if (!q.next()) return std::nullopt;
  return location_point(tx, q.i64(0));
}

void set_worker_position(store::Tx& tx, const std::string& worker, int64_t warehouse_id,
                         int64_t location_id) {
  tx.exec(
      "INSERT INTO worker_positions (worker, warehouse_id, location_id, at_ms) VALUES ($1, $2, "
      "$3, $4) ON CONFLICT (worker, warehouse_id) DO UPDATE SET location_id = "
      "excluded.location_id, "
      "at_ms = excluded.at_ms",
      worker, warehouse_id, location_id, tx.now_ms());
}

// Travel of one task for the labour report: from where the worker was to the
// task's start, then to where it ended (Manhattan, an estimate).
int64_t estimate_travel(store::Tx& tx, const std::string& worker, int64_t warehouse_id,
                        std::optional<int64_t> from_location_id,
                        std::optional<int64_t> done_location_id) {
  auto start = worker_point(tx, worker, warehouse_id);
  auto from = location_point(tx, from_location_id);
  auto done = location_point(tx, done_location_id);
  int64_t travel = 0;
  if (start && from) travel += manhattan(*start, *from);
  if (from && done) travel += manhattan(*from, *done);
  return travel;
}

// Marks a task done unless another command ended it first (the status is
// checked again in the UPDATE, so a task is done once); false then.
bool mark_done(store::Tx& tx, const TaskRow& t, const std::string& worker,
               std::optional<int64_t> done_location_id, int64_t done_quantity) {
  int64_t travel = estimate_travel(tx, worker, t.warehouse_id, t.from_location_id,
                                   done_location_id ? done_location_id : t.from_location_id);
  if (tx.exec("UPDATE tasks SET status = 'done', assigned_to = $2, started_at_ms = "
              "COALESCE(started_at_ms, $3), finished_at_ms = $3, done_location_id = $4, "
              "done_quantity = $5, travel_mm = $6 WHERE id = $1 AND status IN ('open', "
              "'in_progress')",
              t.id, worker, tx.now_ms(), done_location_id, done_quantity, travel) == 0) {
    return false;
  }
  if (done_location_id) {
    set_worker_position(tx, worker, t.warehouse_id, *done_location_id);
  } else if (t.from_location_id) {
    set_worker_position(tx, worker, t.warehouse_id, *t.from_location_id);
  }
  boost::json::object data;
  data["type"] = t.type;
  data["worker"] = worker;
  data["quantity"] = done_quantity;
  append_task_event(tx, "task.done", t.id, data);
  return true;
}

// The tasks of a reference (a pick list, a count) not yet over; only the
// unclaimed ones when `open_only`.
std::vector<int64_t> tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id,
                              bool open_only) {
  auto q = tx.query(
      "SELECT id FROM tasks WHERE ref_type = $1 AND ref_id = $2 AND (status = 'open' OR (status "
      "= 'in_progress' AND $3 = 0)) ORDER BY id",
      ref_type, ref_id, static_cast<int64_t>(open_only));
  std::vector<int64_t> ids;
  while (q.next()) ids.push_back(q.i64(0));
  return ids;
}

// Replenishment and move tasks reserve their units at an allocatable source
// (putaway comes from receiving, which holds no reservations).
bool holds_reservation(store::Tx& tx, const TaskRow& t) {
  if ((t.type != "replenishment" && t.type != "move") || !t.from_location_id) return false;
  return inventory::location_by_id(tx, *t.from_location_id).allocatable;
}

// A task that ends undone gives its source units back.
void release_reservation(store::Tx& tx, const TaskRow& t) {
  if (!holds_reservation(tx, t) || !t.quantity || !t.product_id) return;
  inventory::unreserve(tx, *t.from_location_id, *t.product_id, t.lot, *t.quantity);
}

// Cancels a task unless it is already over (the status is checked again in the
// UPDATE); false then. Gives its source units back only when this command is
// the one that ended it.
bool cancel_if_open(store::Tx& tx, const TaskRow& t, const boost::json::object& data) {
  if (tx.exec("UPDATE tasks SET status = 'cancelled', finished_at_ms = $2 WHERE id = $1 AND "
              "status IN ('open', 'in_progress')",
              t.id, tx.now_ms()) == 0) {
    return false;
  }
  release_reservation(tx, t);
  append_task_event(tx, "task.cancelled", t.id, data);
  return true;
}

}  // namespace

bool is_task_type(std::string_view type) {
  return type == "putaway" || type == "replenishment" || type == "pick" || type == "count" ||
         type == "move";
}

int64_t create_task(store::Tx& tx, const NewTask& task) {
  std::optional<std::string> zone;
  if (auto start = task.from_location_id ? task.from_location_id : task.to_location_id) {
    auto q = tx.query("SELECT zone FROM locations WHERE id = $1", *start);
    if (q.next()) zone = q.opt_text(0);
  }
  int64_t id = tx.next_id("tasks");
  tx.exec(
      "INSERT INTO tasks (id, warehouse_id, type, status, priority, due_at_ms, zone, product_id, "
      "lot, quantity, from_location_id, to_location_id, ref_type, ref_id, created_at_ms) VALUES "
      "($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
      id, task.warehouse_id, task.type, task.priority, task.due_at_ms, zone, task.product_id,
      task.lot, task.quantity, task.from_location_id, task.to_location_id, task.ref_type,
      task.ref_id, tx.now_ms());
  boost::json::object data;
  data["type"] = task.type;
  data["warehouse_id"] = task.warehouse_id;
  data["priority"] = task.priority;
  if (!task.ref_type.empty()) {
    data["ref_type"] = task.ref_type;
    data["ref_id"] = task.ref_id;
  }
  append_task_event(tx, "task.created", id, data);
  return id;
}

TaskView get_task(store::Tx& tx, int64_t id) {
  auto q = tx.query(std::string("SELECT ") + kTaskColumns + kTaskJoins + " WHERE t.id = $1", id);
  if (!q.next()) throw_not_found("unknown_task", "no task " + std::to_string(id));
  std::vector<std::optional<int64_t>> product_ids;
  std::vector<TaskView> task{read_task(q, product_ids)};
  with_skus(tx, task, product_ids);
  return std::move(task.front());
}

std::vector<TaskView> list_tasks(store::Tx& tx, const TaskFilter& f) {
  auto q = tx.query(std::string("SELECT ") + kTaskColumns + kTaskJoins +
                        " WHERE t.id > $1 AND ($2 IS NULL OR t.warehouse_id = $2) AND ($3 IS NULL "
                        "OR t.status = $3) AND ($4 IS NULL OR t.type = $4) AND ($5 IS NULL OR "
                        "t.assigned_to = $5) ORDER BY t.id LIMIT $6",
                    f.after_id, f.warehouse_id, f.status, f.type, f.assigned_to, f.limit);
  std::vector<TaskView> list;
  std::vector<std::optional<int64_t>> product_ids;
  while (q.next()) list.push_back(read_task(q, product_ids));
  with_skus(tx, list, product_ids);
  return list;
}

std::optional<TaskView> next_task(store::Tx& tx, int64_t warehouse_id, const std::string& worker,
                                  const std::vector<std::string>& types) {
  auto wanted = [&](const std::string& type) {
    return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
  };
  {
    auto q = tx.query(
        "SELECT id, type FROM tasks WHERE warehouse_id = $1 AND status = 'in_progress' AND "
        "assigned_to = $2 ORDER BY priority DESC, id",
        warehouse_id, worker);
    while (q.next()) {
      if (wanted(q.text(1))) return get_task(tx, q.i64(0));
    }
  }
  // Due times are compared by quarter hour: tasks due at about the same time
  // are equally urgent, and then the walk to them decides (interleaving).
  constexpr int64_t kDueBucketMs = 15 * 60 * 1000;
  struct Candidate {
    int64_t id, priority, due_bucket, distance;
  };
  auto here = worker_point(tx, worker, warehouse_id);
  std::vector<Candidate> candidates;
  auto q = tx.query(
      "SELECT t.id, t.type, t.priority, t.due_at_ms, COALESCE(lf.x_mm, lt.x_mm), "
      "COALESCE(lf.y_mm, lt.y_mm) FROM tasks t LEFT JOIN locations lf ON lf.id = "
      "t.from_location_id LEFT JOIN locations lt ON lt.id = t.to_location_id WHERE "
      "t.warehouse_id = $1 AND t.status = 'open' ORDER BY t.priority DESC, CASE WHEN t.due_at_ms "
      "IS NULL THEN 1 ELSE 0 END, t.due_at_ms, t.id LIMIT 500",
      warehouse_id);
  while (q.next()) {
    if (!wanted(q.text(1))) continue;
    auto due = q.opt_i64(3);
    int64_t distance = 0;
    if (here && q.opt_i64(4) && q.opt_i64(5)) {
      distance = manhattan(*here, Point{*q.opt_i64(4), *q.opt_i64(5)});
    }
    candidates.push_back({q.i64(0), q.i64(2),
                          due ? *due / kDueBucketMs : std::numeric_limits<int64_t>::max(),
                          distance});
  }
  if (candidates.empty()) return std::nullopt;
  auto best = std::min_element(candidates.begin(), candidates.end(),
                               [](const Candidate& a, const Candidate& b) {
                                 if (a.priority != b.priority) return a.priority > b.priority;
                                 if (a.due_bucket != b.due_bucket)
                                   return a.due_bucket < b.due_bucket;
                                 if (a.distance != b.distance) return a.distance < b.distance;
                                 return a.id < b.id;
                               });
  return get_task(tx, best->id);
}

TaskView claim_task(store::Tx& tx, int64_t id, const std::string& worker) {
  // Locked before the read: a second claimer waits, then finds it taken.
  tx.lock("task", id);
  TaskRow t = require_task_row(tx, id);
  check_claimable(t, worker);
  if (t.status == TaskStatus::open) {
    if (tx.exec("UPDATE tasks SET status = 'in_progress', assigned_to = $2, started_at_ms = $3 "
                "WHERE id = $1 AND status = 'open'",
                id, worker, tx.now_ms()) == 0) {
      // Claimed by another process between the read and the UPDATE.
      check_claimable(require_task_row(tx, id), worker);
      throw_conflict("task_taken", fmt::format("task {} was claimed meanwhile", id));
    }
    boost::json::object data;
    data["worker"] = worker;
    append_task_event(tx, "task.claimed", id, data);
  }
  return get_task(tx, id);
}

TaskView complete_task(store::Tx& tx, int64_t id, const std::string& worker,
                       const TaskConfirmation& confirmation, inventory::StockListener* listener) {
  tx.lock("task", id);
  TaskRow t = require_task_row(tx, id);
  check_claimable(t, worker);
  if (t.type == "pick" || t.type == "count") {
    throw_unprocessable("wrong_task_type",
                        "a " + t.type + " task is finished through its " +
                            (t.type == "pick" ? "pick list" : "count"),
                        "type");
  }
  if (!t.product_id || !t.quantity || !t.from_location_id) {
    throw std::logic_error("a movement task without product, quantity or source");
  }
  int64_t quantity = confirmation.quantity.value_or(*t.quantity);
  if (quantity < 1 || quantity > *t.quantity) {
    throw_invalid_field("quantity", fmt::format("quantity must be from 1 to {}", *t.quantity));
  }
  auto destination = inventory::find_location(tx, t.warehouse_id, confirmation.location);
  if (!destination || destination->is_virtual()) {
    throw_unknown(422, "unknown_location", "no location " + confirmation.location, "location");
  }
  if (destination->id == *t.from_location_id) {
    throw_unprocessable("wrong_location_type", "the destination is where the units already are",
                        "location");
  }
  // The suggested location was checked when the task was made, but stock may
  // have arrived since; any destination is checked again now.
  auto product = catalog::find_product_by_id(tx, *t.product_id);
  check_destination(tx, *destination, *product, t.lot, quantity, t.id);

  inventory::Move move;
  move.warehouse_id = t.warehouse_id;
  move.product_id = *t.product_id;
  move.lot = t.lot;
  move.from_location_id = *t.from_location_id;
  move.to_location_id = destination->id;
  move.quantity = quantity;
  move.reason = t.type;
  move.ref_type = "task";
  move.ref_id = t.id;
  // A replenishment or move takes the units it reserved at its source; the
  // rest of a partial one stays reserved for the task that carries it on.
  if (holds_reservation(tx, t)) move.reserved_consumed = quantity;
  inventory::apply_move(tx, move, listener);

  // A partial confirmation leaves the rest as a new open task of the same kind.
  if (quantity < *t.quantity) {
    NewTask rest;
    rest.warehouse_id = t.warehouse_id;
    rest.type = t.type;
    rest.product_id = t.product_id;
    rest.lot = t.lot;
    rest.quantity = *t.quantity - quantity;
    rest.from_location_id = t.from_location_id;
    rest.to_location_id = t.to_location_id;
    rest.ref_type = t.ref_type;
    rest.ref_id = t.ref_id;
    auto q = tx.query("SELECT priority, due_at_ms FROM tasks WHERE id = $1", t.id);
    q.next();
    rest.priority = q.i64(0);
    rest.due_at_ms = q.opt_i64(1);
    create_task(tx, rest);
  }
  if (!mark_done(tx, t, worker, destination->id, quantity)) {
    // Ended by another command meanwhile: this one's move is rolled back.
    throw_conflict("invalid_state", fmt::format("task {} is already over", t.id));
  }
  if (t.to_location_id && *t.to_location_id != destination->id) {
    boost::json::object data;
    data["suggested_location_id"] = *t.to_location_id;
    data["location"] = destination->code;
    append_task_event(tx, "task.redirected", t.id, data);
  }
  return get_task(tx, id);
}

TaskView cancel_task(store::Tx& tx, int64_t id) {
  tx.lock("task", id);
  TaskRow t = require_task_row(tx, id);
  if (t.status == TaskStatus::done || t.status == TaskStatus::cancelled) {
    throw_conflict("invalid_state", fmt::format("task {} is already {}", id, to_string(t.status)));
  }
  if (t.type == "pick" || t.type == "count") {
    throw_unprocessable(
        "wrong_task_type",
        "a " + t.type + " task ends with its " + (t.type == "pick" ? "pick list" : "count"),
        "type");
  }
  if (!cancel_if_open(tx, t, {})) {
    throw_conflict("invalid_state", fmt::format("task {} is already over", id));
  }
  return get_task(tx, id);
}

void finish_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id,
                     const std::string& worker, std::optional<int64_t> location_id,
                     int64_t done_quantity) {
  for (int64_t id : tasks_of(tx, ref_type, ref_id, false)) {
    tx.lock("task", id);
    TaskRow t = require_task_row(tx, id);
    mark_done(tx, t, t.assigned_to.value_or(worker), location_id, done_quantity);
  }
}

void cancel_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id) {
  for (int64_t id : tasks_of(tx, ref_type, ref_id, false)) {
    tx.lock("task", id);
    cancel_if_open(tx, require_task_row(tx, id), {});
  }
}

void start_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id,
                    const std::string& worker) {
  for (int64_t id : tasks_of(tx, ref_type, ref_id, true)) claim_task(tx, id, worker);
}

// ---- replenishment ----------------------------------------------------------------

PickFace set_pick_face(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                       std::string_view sku, int64_t min_quantity, int64_t max_quantity) {
  Warehouse warehouse = require_warehouse(tx, warehouse_code, 404);
  auto loc = inventory::find_location(tx, warehouse.id, location);
  if (!loc || loc->is_virtual()) {
    throw_not_found("unknown_location", "no location " + std::string(location));
  }
  if (loc->type != "pick") {
    throw_unprocessable("wrong_location_type",
                        loc->code + " is a " + loc->type +
                            " location; a pick face is a pick "
                            "location",
                        "location");
  }
  auto product = catalog::require_product(tx, sku);
  if (min_quantity >= max_quantity) {
    throw_invalid_field("min_quantity", "min_quantity must be below max_quantity");
  }
  for (const inventory::HeldBalance& b : inventory::balances_on_hand(tx, warehouse.id, loc->id)) {
    if (b.product_id != product.id) {
      throw_conflict("location_occupied", loc->code + " holds another product");
    }
  }
  tx.exec(
      "INSERT INTO pick_faces (location_id, warehouse_id, product_id, min_quantity, max_quantity) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (location_id) DO UPDATE SET product_id = "
      "excluded.product_id, min_quantity = excluded.min_quantity, max_quantity = "
      "excluded.max_quantity",
      loc->id, warehouse.id, product.id, min_quantity, max_quantity);
  boost::json::object data;
  data["warehouse"] = warehouse.code;
  data["location"] = loc->code;
  data["sku"] = product.sku;
  data["min_quantity"] = min_quantity;
  data["max_quantity"] = max_quantity;
  events::append(tx, "pick_face.set", "location:" + std::to_string(loc->id), data);
  for (const auto& face : list_pick_faces(tx, warehouse.id)) {
    if (face.location == loc->code) return face;
  }
  throw std::logic_error("pick face vanished");
}

std::vector<PickFace> list_pick_faces(store::Tx& tx, int64_t warehouse_id) {
  std::vector<PickFace> list;
  std::vector<int64_t> location_ids, product_ids;
  {
    auto q = tx.query(
        "SELECT l.code, f.location_id, f.product_id, f.min_quantity, f.max_quantity FROM "
        "pick_faces f JOIN locations l ON l.id = f.location_id WHERE f.warehouse_id = $1 ORDER "
        "BY l.code",
        warehouse_id);
    while (q.next()) {
      list.push_back({q.text(0), "", q.i64(3), q.i64(4), 0, 0});
      location_ids.push_back(q.i64(1));
      product_ids.push_back(q.i64(2));
    }
  }
  // Their stock from the ledger and their SKUs from the catalogue: one read each.
  auto units = inventory::units_at(tx, location_ids);
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  for (size_t i = 0; i < list.size(); ++i) {
    list[i].sku = products.at(product_ids[i]).sku;
    if (auto u = units.find({location_ids[i], product_ids[i]}); u != units.end()) {
      list[i].on_hand = u->second.on_hand;
      list[i].reserved = u->second.reserved;
    }
  }
  return list;
}

std::vector<int64_t> plan_replenishment(store::Tx& tx, int64_t warehouse_id,
                                        std::optional<int64_t> product_id) {
  struct Face {
    int64_t location_id, product_id, min_quantity, max_quantity, on_hand, reserved;
  };
  std::vector<Face> faces;
  {
    auto q = tx.query(
        "SELECT location_id, product_id, min_quantity, max_quantity FROM pick_faces WHERE "
        "warehouse_id = $1 AND ($2 IS NULL OR product_id = $2) ORDER BY location_id",
        warehouse_id, product_id);
    while (q.next()) faces.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), 0, 0});
  }
  {
    std::vector<int64_t> location_ids;
    for (const Face& face : faces) location_ids.push_back(face.location_id);
    auto units = inventory::units_at(tx, location_ids);
    for (Face& face : faces) {
      if (auto u = units.find({face.location_id, face.product_id}); u != units.end()) {
        face.on_hand = u->second.on_hand;
        face.reserved = u->second.reserved;
      }
    }
  }
  std::vector<int64_t> created;
  for (Face& face : faces) {
    if (face.on_hand - face.reserved >= face.min_quantity) continue;
    // Below its minimum as first read. Locked, then read again: another
    // server process planning the same face at once waits here and then
    // counts this plan's tasks as incoming (one plan locks its faces in
    // ascending order).
    tx.lock("pick_face", face.location_id);
    {
      auto units = inventory::units_at(tx, {face.location_id});
      auto u = units.find({face.location_id, face.product_id});
      face.on_hand = u == units.end() ? 0 : u->second.on_hand;
      face.reserved = u == units.end() ? 0 : u->second.reserved;
    }
    int64_t free = face.on_hand - face.reserved;
    if (free >= face.min_quantity) continue;
    // Units already on their way to this face count as there.
    int64_t incoming = 0;
    {
      auto q = tx.query(
          "SELECT COALESCE(SUM(quantity), 0) FROM tasks WHERE type = 'replenishment' AND "
          "to_location_id = $1 AND status IN ('open', 'in_progress')",
          face.location_id);
      q.next();
      incoming = q.i64(0);
    }
    if (free + incoming >= face.min_quantity) continue;
    // Fill up to max of physical room: max bounds what stands on the face.
    int64_t wanted = face.max_quantity - face.on_hand - incoming;
    if (wanted <= 0) continue;
    // Sources: free stock in allocatable locations outside pick faces (reserve), first
    // expiring first, then first received first (FEFO, then FIFO).
    struct Source {
      int64_t location_id;
      std::string lot;
      int64_t free;
    };
    std::vector<Source> sources;
    {
      std::vector<inventory::FreeBalance> balances =
          inventory::free_balances(tx, warehouse_id, face.product_id);
      std::vector<int64_t> location_ids;
      for (const auto& b : balances) location_ids.push_back(b.location_id);
      // The ones in reserve: allocatable pick or storage locations that are
      // no pick face.
      std::map<int64_t, std::string> reserve_code;
      if (!location_ids.empty()) {
        auto q = tx.query(
            "SELECT l.id, l.code FROM locations l WHERE l.id IN (SELECT value FROM json_each($1)) "
            "AND l.type IN ('pick', 'storage') AND l.allocatable = 1 AND NOT EXISTS (SELECT 1 "
            "FROM pick_faces f WHERE f.location_id = l.id)",
            store::id_list(location_ids));
        while (q.next()) reserve_code.emplace(q.i64(0), q.text(1));
      }
      std::erase_if(balances, [&](const inventory::FreeBalance& b) {
        return !reserve_code.count(b.location_id);
      });
      // First expiring first, then first received first (FEFO, then FIFO),
      // then by location code.
      std::stable_sort(balances.begin(), balances.end(), [&](const auto& a, const auto& b) {
        if (a.expiry_ms.has_value() != b.expiry_ms.has_value()) return a.expiry_ms.has_value();
        if (a.expiry_ms != b.expiry_ms) return *a.expiry_ms < *b.expiry_ms;
        if (a.first_in_ms != b.first_in_ms) return a.first_in_ms < b.first_in_ms;
        return reserve_code.at(a.location_id) < reserve_code.at(b.location_id);
      });
      for (const auto& b : balances) sources.push_back({b.location_id, b.lot, b.free});
    }
    for (const Source& s : sources) {
      if (wanted <= 0) break;
      int64_t take = std::min(wanted, s.free);
      NewTask task;
      task.warehouse_id = warehouse_id;
      task.type = "replenishment";
      // An empty face stops picking: refilling it comes before other work.
      task.priority = free <= 0 ? 80 : 60;
      task.product_id = face.product_id;
      task.lot = s.lot;
      task.quantity = take;
      task.from_location_id = s.location_id;
      task.to_location_id = face.location_id;
      task.ref_type = "pick_face";
      task.ref_id = face.location_id;
      created.push_back(create_task(tx, task));
      // The units are promised to the face: no wave may take them meanwhile.
      if (!inventory::reserve_at(tx, s.location_id, face.product_id, s.lot, take)) {
        throw std::logic_error("replenishment source changed under its own transaction");
      }
      wanted -= take;
    }
  }
  return created;
}

TaskView create_move_task(store::Tx& tx, const MoveTaskInput& in) {
  Warehouse warehouse = require_warehouse(tx, in.warehouse);
  auto product = catalog::require_product(tx, in.sku);
  if (in.quantity < 1) throw_invalid_field("quantity", "quantity must be at least 1");
  auto from = inventory::find_location(tx, warehouse.id, in.from_location);
  if (!from || from->is_virtual()) {
    throw_unknown(422, "unknown_location", "no location " + in.from_location, "from_location");
  }
  int64_t free = 0;
  {
    auto units = inventory::free_units_at(tx, {from->id}, product.id, in.lot);
    if (!units.empty()) free = units.begin()->second;
  }
  if (free < in.quantity) {
    throw_conflict("insufficient_stock",
                   fmt::format("{} holds {} free units of {}{}", from->code, free, product.sku,
                               in.lot.empty() ? "" : " lot " + in.lot));
  }
  std::optional<int64_t> to_id;
  if (in.to_location) {
    auto to = inventory::find_location(tx, warehouse.id, *in.to_location);
    if (!to || to->is_virtual()) {
      throw_unknown(422, "unknown_location", "no location " + *in.to_location, "to_location");
    }
    if (to->id == from->id) {
      throw_invalid_field("to_location", "the destination is the source");
    }
    check_destination(tx, *to, product, in.lot, in.quantity);
    to_id = to->id;
  }
  NewTask task;
  task.warehouse_id = warehouse.id;
  task.type = "move";
  task.priority = in.priority;
  task.due_at_ms = in.due_at_ms;
  task.product_id = product.id;
  task.lot = in.lot;
  task.quantity = in.quantity;
  task.from_location_id = from->id;
  task.to_location_id = to_id;
  task.ref_type = "manager";
  int64_t id = create_task(tx, task);
  if (from->allocatable && !inventory::reserve_at(tx, from->id, product.id, in.lot, in.quantity)) {
    throw std::logic_error("free stock vanished inside one transaction");
  }
  return get_task(tx, id);
}

int64_t yield_task_reservations(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                int64_t quantity) {
  struct Held {
    int64_t id, from_location_id, quantity;
    std::string lot;
  };
  std::vector<Held> held;
  {
    auto q = tx.query(
        "SELECT t.id, t.from_location_id, t.quantity, t.lot FROM tasks t JOIN locations l ON "
        "l.id = t.from_location_id WHERE t.warehouse_id = $1 AND t.product_id = $2 AND t.type IN "
        "('replenishment', 'move') AND t.status IN ('open', 'in_progress') AND l.allocatable = 1 "
        "ORDER BY CASE t.status WHEN 'open' THEN 0 ELSE 1 END, t.id DESC",
        warehouse_id, product_id);
    while (q.next()) held.push_back({q.i64(0), q.i64(1), q.i64(2), q.text(3)});
  }
  int64_t released = 0;
  for (const Held& listed : held) {
    if (released >= quantity) break;
    // Read again under the task's lock: another process may have finished it
    // or confirmed part of it since the list was read.
    tx.lock("task", listed.id);
    TaskRow t = require_task_row(tx, listed.id);
    if ((t.status != TaskStatus::open && t.status != TaskStatus::in_progress) || !t.quantity) {
      continue;
    }
    Held h{t.id, listed.from_location_id, *t.quantity, listed.lot};
    int64_t give = std::min(quantity - released, h.quantity);
    if (give == h.quantity) {
      if (tx.exec("UPDATE tasks SET status = 'cancelled', finished_at_ms = $2 WHERE id = $1 AND "
                  "status IN ('open', 'in_progress')",
                  h.id, tx.now_ms()) == 0) {
        continue;
      }
      append_task_event(tx, "task.cancelled", h.id, {{"reason", "units_needed_by_orders"}});
    } else {
      if (tx.exec("UPDATE tasks SET quantity = quantity - $2 WHERE id = $1 AND status IN "
                  "('open', 'in_progress') AND quantity = $3",
                  h.id, give, h.quantity) == 0) {
        continue;
      }
    }
    inventory::unreserve(tx, h.from_location_id, product_id, h.lot, give);
    released += give;
  }
  return released;
}

// ---- labour --------------------------------------------------------------------

std::vector<ProductivityRow> productivity(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                          int64_t from_ms, int64_t to_ms) {
  auto q = tx.query(
      "SELECT assigned_to, type, COUNT(*), COALESCE(SUM(done_quantity), 0), "
      "COALESCE(SUM(finished_at_ms - COALESCE(started_at_ms, finished_at_ms)), 0), "
      "COALESCE(SUM(travel_mm), 0) FROM tasks WHERE status = 'done' AND finished_at_ms >= $1 AND "
      "finished_at_ms < $2 AND ($3 IS NULL OR warehouse_id = $3) AND assigned_to IS NOT NULL "
      "GROUP BY assigned_to, type ORDER BY assigned_to, type",
      from_ms, to_ms, warehouse_id);
  std::vector<ProductivityRow> rows;
  while (q.next()) {
    ProductivityRow r;
    r.worker = q.text(0);
    r.type = q.text(1);
    r.tasks = q.i64(2);
    r.units = q.i64(3);
    r.busy_ms = q.i64(4);
    r.travel_mm = q.i64(5);
    if (r.busy_ms > 0) {
      double hours = static_cast<double>(r.busy_ms) / 3'600'000.0;
      r.units_per_hour = static_cast<double>(r.units) / hours;
      r.tasks_per_hour = static_cast<double>(r.tasks) / hours;
    }
    rows.push_back(r);
  }
  return rows;
}

}  // namespace wareflow::wms
