// Cycle counts: planning, counting, recounts, approval, and the reports.
#include "wms/counting.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>
#include <set>
#include <tuple>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/time.h"
#include "events/outbox.h"
#include "inventory/inventory.h"
#include "numeric/wide.h"
#include "store/id_list.h"
#include "wms/layout.h"
#include "wms/rules.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

constexpr int64_t kDayMs = 86'400'000;

std::string day_of(int64_t at_ms) { return format_rfc3339(at_ms).substr(0, 10); }

struct CountRow {
  int64_t id, warehouse_id, location_id;
  CountStatus status;
  int64_t attempt;
  std::optional<int64_t> start_move_id;
  int64_t tolerance_units, tolerance_permille;
};

CountRow require_count(store::Tx& tx, int64_t id) {
  auto q = tx.query(
      "SELECT id, warehouse_id, location_id, status, attempt, start_move_id, tolerance_units, "
      "tolerance_permille FROM counts WHERE id = $1",
      id);
  if (!q.next()) throw_not_found("unknown_count", "no count " + std::to_string(id));
  return {q.i64(0), q.i64(1),
          q.i64(2), stored_enum(parse_count_status(q.text(3)), "count status", q.text(3)),
          q.i64(4), q.opt_i64(5),
          q.i64(6), q.i64(7)};
}

void append_count_event(store::Tx& tx, const char* type, int64_t id, boost::json::object data) {
  data["count_id"] = id;
  events::append(tx, type, "count:" + std::to_string(id), data);
}

void validate(const CountPolicy& p) {
  auto positive = [](int64_t v, const char* field) {
    if (v < 1 || v > 3650) throw_invalid_field(field, std::string(field) + " must be 1-3650 days");
  };
  positive(p.a_days, "a_days");
  positive(p.b_days, "b_days");
  positive(p.c_days, "c_days");
  positive(p.lookback_days, "lookback_days");
  if (p.tolerance_units < 0) throw_invalid_field("tolerance_units", "must not be negative");
  if (p.tolerance_permille < 0 || p.tolerance_permille > 1000) {
    throw_invalid_field("tolerance_permille", "must be from 0 to 1000");
  }
  if (p.max_locations && *p.max_locations < 1) {
    throw_invalid_field("max_locations", "must be at least 1");
  }
}

// Opens a count of the location, or returns nothing when one is open there
// already. The location is locked before the check, so a count of it opened
// by another server process at the same moment is seen (the unique index
// counts_one_open_per_location is the backstop).
std::optional<int64_t> open_count(store::Tx& tx, int64_t warehouse_id, int64_t location_id,
                                  const CountPolicy& policy, std::optional<std::string> plan_date,
                                  int64_t priority) {
  tx.lock("location", location_id);
  if (tx.query("SELECT 1 FROM counts WHERE location_id = $1 AND status IN ('open', 'counting', "
               "'recount', 'needs_approval')",
               location_id)
          .next()) {
    return std::nullopt;
  }
  int64_t id = tx.next_id("counts");
  tx.exec(
      "INSERT INTO counts (id, warehouse_id, location_id, status, attempt, plan_date, "
      "tolerance_units, tolerance_permille, created_at_ms) VALUES ($1, $2, $3, 'open', 1, $4, $5, "
      "$6, $7)",
      id, warehouse_id, location_id, plan_date, policy.tolerance_units, policy.tolerance_permille,
      tx.now_ms());
  NewTask task;
  task.warehouse_id = warehouse_id;
  task.type = "count";
  task.priority = priority;
  task.from_location_id = location_id;
  task.ref_type = "count";
  task.ref_id = id;
  if (plan_date) task.due_at_ms = tx.now_ms() + kDayMs;
  create_task(tx, task);
  boost::json::object data;
  data["location_id"] = location_id;
  if (plan_date) data["plan_date"] = *plan_date;
  append_count_event(tx, "count.created", id, data);
  return id;
}

// The ledger's quantity per (product, lot) at the location when the current
// attempt started: the baseline start_count took.
std::map<std::pair<int64_t, std::string>, int64_t> baseline_of(store::Tx& tx, int64_t count_id) {
  std::map<std::pair<int64_t, std::string>, int64_t> record;
  auto q = tx.query("SELECT product_id, lot, on_hand FROM count_baselines WHERE count_id = $1",
                    count_id);
  while (q.next()) record[{q.i64(0), q.text(1)}] = q.i64(2);
  return record;
}

// Posts the latest attempt's variances as ledger moves against the balances
// as they are now.
void post_adjustments(store::Tx& tx, const CountRow& c, FulfillmentListener& listener,
                      inventory::StockListener* stock) {
  int64_t adjustment_id =
      inventory::virtual_location_id(tx, c.warehouse_id, inventory::VirtualLocation::adjustment);
  inventory::LocationInfo location = inventory::location_by_id(tx, c.location_id);
  struct Variance {
    int64_t product_id;
    std::string lot;
    int64_t variance;
  };
  std::vector<Variance> variances;
  {
    auto q = tx.query(
        "SELECT product_id, lot, counted - expected FROM count_lines WHERE count_id = $1 AND "
        "attempt = $2 AND counted <> expected ORDER BY product_id, lot",
        c.id, c.attempt);
    while (q.next()) variances.push_back({q.i64(0), q.text(1), q.i64(2)});
  }
  for (const Variance& v : variances) {
    inventory::Move move;
    move.warehouse_id = c.warehouse_id;
    move.product_id = v.product_id;
    move.lot = v.lot;
    move.reason = "cycle_count";
    move.ref_type = "count";
    move.ref_id = c.id;
    if (v.variance > 0) {
      move.from_location_id = adjustment_id;
      move.to_location_id = c.location_id;
      move.quantity = v.variance;
      inventory::apply_move(tx, move, stock);
      continue;
    }
    int64_t loss = -v.variance;
    int64_t free_here = 0;
    {
      auto free = inventory::free_units_at(tx, {c.location_id}, v.product_id, v.lot);
      if (!free.empty()) free_here = free.begin()->second;
    }
    if (loss > free_here) {
      auto product = catalog::find_product_by_id(tx, v.product_id);
      throw_conflict("count_conflicts_with_picks",
                     fmt::format("the count finds {} {} missing at {}, but open pick lines and "
                                 "replenishment tasks there hold all but {}; confirm or short "
                                 "those picks (or finish the replenishment), then submit again",
                                 loss, product->sku, location.code, free_here));
    }
    int64_t released = 0;
    if (location.allocatable) {
      if (auto level = inventory::warehouse_level(tx, c.warehouse_id, v.product_id)) {
        released = std::max<int64_t>(0, level->allocated - (level->on_hand - loss));
      }
    }
    if (released > unwaved_allocation(tx, c.warehouse_id, v.product_id)) {
      throw_conflict("count_conflicts_with_allocations",
                     "the loss is allocated to orders already in waves; finish or short their "
                     "picks first");
    }
    move.from_location_id = c.location_id;
    move.to_location_id = adjustment_id;
    move.quantity = loss;
    move.allocation_consumed = released;
    inventory::apply_move(tx, move, nullptr);
    take_back_allocation(tx, c.warehouse_id, v.product_id, released, listener);
  }
}

void finish(store::Tx& tx, const CountRow& c, CountStatus status, const std::string& who,
            bool counter_decides) {
  const std::string text(to_string(status));
  tx.exec("UPDATE counts SET status = $2, decided_by = $3, decided_at_ms = $4 WHERE id = $1", c.id,
          text, who, tx.now_ms());
  if (status != CountStatus::rejected) {
    tx.exec("UPDATE locations SET last_counted_at_ms = $2 WHERE id = $1", c.location_id,
            tx.now_ms());
  }
  if (counter_decides) finish_tasks_of(tx, "count", c.id, who, c.location_id, 0);
  boost::json::object data;
  data["status"] = text;
  data["by"] = who;
  append_count_event(tx, ("count." + text).c_str(), c.id, data);
}

}  // namespace

CountPlanResult plan_counts(store::Tx& tx, std::string_view warehouse_code, int64_t day_ms,
                            const CountPolicy& policy) {
  validate(policy);
  Warehouse warehouse = require_warehouse(tx, warehouse_code);
  // Two plans of one warehouse at once (two server processes) run one after
  // the other: the second sees the first's counts as open and skips them.
  tx.lock("count_plan", warehouse.id);
  int64_t today = day_ms - day_ms % kDayMs;
  CountPlanResult result;
  result.date = day_of(today);

  // ABC by units picked over the lookback window.
  std::vector<rules::ItemVelocity> velocity;
  for (const inventory::Picked& p :
       inventory::units_picked_since(tx, warehouse.id, today - policy.lookback_days * kDayMs)) {
    velocity.push_back({p.product_id, p.units});
  }
  auto classes = rules::classify_abc(velocity);
  for (const auto& item : velocity) {
    tx.exec(
        "INSERT INTO product_classes (warehouse_id, product_id, abc_class, units_picked, "
        "computed_at_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (warehouse_id, product_id) DO "
        "UPDATE SET abc_class = excluded.abc_class, units_picked = excluded.units_picked, "
        "computed_at_ms = excluded.computed_at_ms",
        warehouse.id, item.product_id, std::string(1, classes[item.product_id]), item.units_picked,
        tx.now_ms());
  }
  result.products_classified = static_cast<int64_t>(velocity.size());

  // Each storable location takes the best class of what it holds.
  std::vector<rules::CountableLocation> locations;
  std::set<int64_t> already_open;
  {
    auto q = tx.query(
        "SELECT location_id FROM counts WHERE warehouse_id = $1 AND status IN ('open', "
        "'counting', 'recount', 'needs_approval')",
        warehouse.id);
    while (q.next()) already_open.insert(q.i64(0));
  }
  {
    std::map<int64_t, char> class_of;  // product id -> A, B or C
    {
      auto q = tx.query("SELECT product_id, abc_class FROM product_classes WHERE warehouse_id = $1",
                        warehouse.id);
      while (q.next()) class_of[q.i64(0)] = q.text(1).at(0);
    }
    // Unclassified stock, and an empty location, count as C.
    std::map<int64_t, char> best;  // location id -> the best class it holds
    for (const inventory::HeldBalance& b : inventory::balances_on_hand(tx, warehouse.id)) {
      auto c = class_of.find(b.product_id);
      char abc = c == class_of.end() ? 'C' : c->second;
      auto [it, fresh] = best.emplace(b.location_id, abc);
      if (!fresh) it->second = std::min(it->second, abc);
    }
    auto q = tx.query(
        "SELECT id, code, last_counted_at_ms FROM locations WHERE warehouse_id = $1 AND type IN "
        "('pick', 'storage') ORDER BY code",
        warehouse.id);
    while (q.next()) {
      if (already_open.count(q.i64(0))) continue;
      auto b = best.find(q.i64(0));
      locations.push_back({q.i64(0), q.text(1), b == best.end() ? 'C' : b->second, q.opt_i64(2)});
    }
  }
  rules::CountFrequency frequency{policy.a_days, policy.b_days, policy.c_days};
  std::optional<int64_t> cap = policy.max_locations;
  if (!cap) cap = std::max<int64_t>(1, rules::daily_workload(locations, frequency));
  auto due = rules::daily_count_plan(locations, frequency, today,
                                     std::max<int64_t>(1, static_cast<int64_t>(locations.size())));
  result.locations_due = static_cast<int64_t>(due.size());
  if (static_cast<int64_t>(due.size()) > *cap) due.resize(static_cast<size_t>(*cap));
  for (int64_t location_id : due) {
    // A location a manager ordered a count of meanwhile is skipped.
    if (auto id = open_count(tx, warehouse.id, location_id, policy, result.date, 20)) {
      result.counts.push_back(get_count(tx, *id, false));
    }
  }
  boost::json::object data;
  data["warehouse"] = warehouse.code;
  data["date"] = result.date;
  data["counts"] = static_cast<int64_t>(result.counts.size());
  data["locations_due"] = result.locations_due;
  events::append(tx, "count.planned", "warehouse:" + warehouse.code, data);
  return result;
}

CountView create_count(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                       const CountPolicy& policy) {
  validate(policy);
  Warehouse warehouse = require_warehouse(tx, warehouse_code);
  auto loc = inventory::find_location(tx, warehouse.id, location);
  if (!loc || loc->is_virtual()) {
    throw_unknown(422, "unknown_location", "no location " + std::string(location), "location");
  }
  auto id = open_count(tx, warehouse.id, loc->id, policy, std::nullopt, 30);
  if (!id) throw_conflict("count_open", "a count of " + loc->code + " is already open");
  return get_count(tx, *id, false);
}

namespace {

// The counts with these ids, in this order, set-based: one query for the
// counts, one for their tasks, one for the lines of their latest attempts.
std::vector<CountView> counts_by_ids(store::Tx& tx, const std::vector<int64_t>& ids, bool blind) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, CountView> by_id;
  {
    auto q = tx.query(
        "SELECT c.id, w.code, l.code, c.status, c.attempt, c.plan_date, c.counted_by, "
        "c.decided_by, c.created_at_ms, c.started_at_ms, c.submitted_at_ms, c.decided_at_ms FROM "
        "counts c JOIN warehouses w ON w.id = c.warehouse_id JOIN locations l ON l.id = "
        "c.location_id WHERE c.id IN (SELECT value FROM json_each($1))",
        id_list);
    while (q.next()) {
      CountView v;
      v.id = q.i64(0);
      v.warehouse = q.text(1);
      v.location = q.text(2);
      v.status = q.text(3);
      v.attempt = q.i64(4);
      v.plan_date = q.opt_text(5);
      v.counted_by = q.opt_text(6);
      v.decided_by = q.opt_text(7);
      v.created_at_ms = q.i64(8);
      v.started_at_ms = q.opt_i64(9);
      v.submitted_at_ms = q.opt_i64(10);
      v.decided_at_ms = q.opt_i64(11);
      by_id.emplace(v.id, std::move(v));
    }
  }
  {
    // The newest task of each count.
    auto q = tx.query(
        "SELECT ref_id, MAX(id) FROM tasks WHERE ref_type = 'count' AND ref_id IN (SELECT value "
        "FROM json_each($1)) GROUP BY ref_id",
        id_list);
    while (q.next()) by_id[q.i64(0)].task_id = q.i64(1);
  }
  // The lines of the latest attempt, in the map's order (by count id), their
  // SKUs from the catalogue in one lookup; each count's lines by SKU and lot.
  std::vector<int64_t> product_ids;
  {
    auto q = tx.query(
        "SELECT cl.count_id, cl.product_id, cl.lot, cl.expected, cl.counted FROM count_lines cl "
        "WHERE cl.count_id IN (SELECT value FROM json_each($1)) AND cl.attempt = (SELECT "
        "MAX(c2.attempt) FROM count_lines c2 WHERE c2.count_id = cl.count_id) ORDER BY "
        "cl.count_id",
        id_list);
    while (q.next()) {
      CountLineView line;
      line.lot = q.text(2);
      line.counted = q.i64(4);
      if (!blind) {
        line.expected = q.i64(3);
        line.variance = q.i64(4) - q.i64(3);
      }
      by_id[q.i64(0)].lines.push_back(std::move(line));
      product_ids.push_back(q.i64(1));
    }
  }
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  size_t next = 0;
  for (auto& [id, count] : by_id) {
    for (CountLineView& line : count.lines) line.sku = products.at(product_ids[next++]).sku;
    std::sort(count.lines.begin(), count.lines.end(), [](const auto& a, const auto& b) {
      return std::tie(a.sku, a.lot) < std::tie(b.sku, b.lot);
    });
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace

CountView get_count(store::Tx& tx, int64_t id, bool blind) {
  std::vector<CountView> found = counts_by_ids(tx, {id}, blind);
  if (found.empty()) throw_not_found("unknown_count", "no count " + std::to_string(id));
  return std::move(found.front());
}

std::vector<CountView> list_counts(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                   std::optional<std::string> status, int64_t after_id,
                                   int64_t limit, bool blind) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query(
        "SELECT id FROM counts WHERE id > $1 AND ($2 IS NULL OR warehouse_id = $2) AND ($3 IS "
        "NULL OR status = $3) ORDER BY id LIMIT $4",
        after_id, warehouse_id, status, limit);
    while (q.next()) ids.push_back(q.i64(0));
  }
  return counts_by_ids(tx, ids, blind);
}

CountView start_count(store::Tx& tx, int64_t id, const std::string& counter) {
  tx.lock("count", id);  // before the read: a second start or submit waits for this one
  CountRow c = require_count(tx, id);
  if (c.status != CountStatus::open && c.status != CountStatus::recount &&
      c.status != CountStatus::counting) {
    throw_conflict("invalid_state",
                   "count " + std::to_string(id) + " is " + std::string(to_string(c.status)));
  }
  start_tasks_of(tx, "count", id, counter);
  // Starting again restarts the clock: the figure will be of the shelf now,
  // compared with the books now. The baseline is read in one statement, so
  // it is one consistent view of committed stock: a move that commits later
  // (in this or another server process) is after the start.
  tx.exec("DELETE FROM count_baselines WHERE count_id = $1", id);
  for (const inventory::LotBalance& b : inventory::lot_balances_at(tx, c.location_id)) {
    tx.exec(
        "INSERT INTO count_baselines (count_id, product_id, lot, on_hand) VALUES ($1, $2, $3, $4)",
        id, b.product_id, b.lot, b.on_hand);
  }
  tx.exec(
      "UPDATE counts SET status = 'counting', start_move_id = $2, started_at_ms = $3, counted_by "
      "= $4 WHERE id = $1",
      id, inventory::last_move_id(tx), tx.now_ms(), counter);
  boost::json::object data;
  data["attempt"] = c.attempt;
  data["counter"] = counter;
  append_count_event(tx, "count.started", id, data);
  return get_count(tx, id, true);
}

CountView submit_count(store::Tx& tx, int64_t id, std::string_view scanned_location,
                       const std::string& counter, const std::vector<CountedItem>& items,
                       FulfillmentListener& listener, inventory::StockListener* stock) {
  tx.lock("count", id);
  CountRow c = require_count(tx, id);
  inventory::LocationInfo location = inventory::location_by_id(tx, c.location_id);
  if (scanned_location != location.code) {
    throw_unprocessable("wrong_location",
                        "count " + std::to_string(id) + " is of " + location.code + ", not " +
                            std::string(scanned_location),
                        "location");
  }
  if (c.status == CountStatus::open || c.status == CountStatus::recount) {
    // Counted without a start scan: the figure is of the shelf now.
    start_count(tx, id, counter);
    c = require_count(tx, id);
  }
  if (c.status != CountStatus::counting) {
    throw_conflict("invalid_state",
                   "count " + std::to_string(id) + " is " + std::string(to_string(c.status)));
  }
  std::map<std::pair<int64_t, std::string>, int64_t> counted;
  for (size_t i = 0; i < items.size(); ++i) {
    const CountedItem& item = items[i];
    auto product = catalog::require_product(tx, item.sku, 422, fmt::format("lines[{}].sku", i));
    if (item.quantity < 0) {
      throw_invalid_field(fmt::format("lines[{}].quantity", i), "quantity must not be negative");
    }
    // A lot found on the shelf that the books do not know is recorded, so the
    // found units can be booked.
    if (item.quantity > 0) inventory::ensure_lot(tx, product, item.lot, std::nullopt);
    auto key = std::make_pair(product.id, item.lot);
    if (counted.count(key)) {
      throw_invalid_field(fmt::format("lines[{}]", i), "each sku and lot is listed once");
    }
    counted[key] = item.quantity;
  }
  auto record = baseline_of(tx, c.id);
  std::map<std::pair<int64_t, std::string>, std::pair<int64_t, int64_t>>
      lines;  // expected, counted
  for (const auto& [key, q] : record) {
    if (q != 0) lines[key].first = q;
  }
  for (const auto& [key, q] : counted) lines[key].second = q;

  rules::VarianceTolerance tolerance{c.tolerance_units, c.tolerance_permille};
  rules::CountVerdict verdict = rules::CountVerdict::accept;
  for (const auto& [key, values] : lines) {
    tx.exec(
        "INSERT INTO count_lines (count_id, attempt, product_id, lot, expected, counted) VALUES "
        "($1, $2, $3, $4, $5, $6)",
        c.id, c.attempt, key.first, key.second, values.first, values.second);
    auto line_verdict =
        rules::judge_count(values.first, values.second, static_cast<int>(c.attempt), tolerance);
    verdict = std::max(verdict, line_verdict);  // accept < recount < needs_approval
  }
  tx.exec("UPDATE counts SET submitted_at_ms = $2, counted_by = $3 WHERE id = $1", c.id,
          tx.now_ms(), counter);
  boost::json::object data;
  data["attempt"] = c.attempt;
  data["verdict"] = std::string(rules::to_string(verdict));
  append_count_event(tx, "count.submitted", c.id, data);

  switch (verdict) {
    case rules::CountVerdict::accept:
      post_adjustments(tx, c, listener, stock);
      finish(tx, c, CountStatus::accepted, counter, true);
      break;
    case rules::CountVerdict::recount: {
      tx.exec(
          "UPDATE counts SET status = 'recount', attempt = attempt + 1, start_move_id = NULL "
          "WHERE id = $1",
          c.id);
      finish_tasks_of(tx, "count", c.id, counter, c.location_id, 0);
      // A recount is best done by someone else; it comes first in the queue.
      NewTask task;
      task.warehouse_id = c.warehouse_id;
      task.type = "count";
      task.priority = 70;
      task.from_location_id = c.location_id;
      task.ref_type = "count";
      task.ref_id = c.id;
      create_task(tx, task);
      boost::json::object recount;
      recount["attempt"] = c.attempt + 1;
      append_count_event(tx, "count.recount", c.id, recount);
      break;
    }
    case rules::CountVerdict::needs_approval:
      tx.exec("UPDATE counts SET status = 'needs_approval' WHERE id = $1", c.id);
      finish_tasks_of(tx, "count", c.id, counter, c.location_id, 0);
      append_count_event(tx, "count.needs_approval", c.id, {});
      break;
  }
  return get_count(tx, id, true);
}

CountView submit_count_at(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                          const std::string& counter, const std::vector<CountedItem>& items,
                          FulfillmentListener& listener, inventory::StockListener* stock) {
  Warehouse warehouse = require_warehouse(tx, warehouse_code);
  auto loc = inventory::find_location(tx, warehouse.id, location);
  if (!loc || loc->is_virtual()) {
    throw_unknown(422, "unknown_location", "no location " + std::string(location), "location");
  }
  auto q = tx.query(
      "SELECT id FROM counts WHERE location_id = $1 AND status IN ('open', 'counting', "
      "'recount') ORDER BY id LIMIT 1",
      loc->id);
  if (!q.next()) {
    throw_conflict("not_in_plan", "no count of " + loc->code +
                                      " is open; counts are planned "
                                      "(POST /api/v1/counts/plan) or "
                                      "ordered by a manager");
  }
  int64_t id = q.i64(0);
  return submit_count(tx, id, location, counter, items, listener, stock);
}

CountView approve_count(store::Tx& tx, int64_t id, const std::string& manager,
                        FulfillmentListener& listener, inventory::StockListener* stock) {
  tx.lock("count", id);
  CountRow c = require_count(tx, id);
  if (c.status != CountStatus::needs_approval) {
    throw_conflict("invalid_state", "count " + std::to_string(id) + " is " +
                                        std::string(to_string(c.status)) +
                                        "; only a count that needs approval can be approved");
  }
  post_adjustments(tx, c, listener, stock);
  finish(tx, c, CountStatus::approved, manager, false);
  return get_count(tx, id, false);
}

CountView reject_count(store::Tx& tx, int64_t id, const std::string& manager) {
  tx.lock("count", id);
  CountRow c = require_count(tx, id);
  if (c.status != CountStatus::needs_approval) {
    throw_conflict("invalid_state", "count " + std::to_string(id) + " is " +
                                        std::string(to_string(c.status)) +
                                        "; only a count that needs approval can be rejected");
  }
  finish(tx, c, CountStatus::rejected, manager, false);
  return get_count(tx, id, false);
}

// ---- reports ---------------------------------------------------------------------

std::vector<OpenCountLocation> locations_under_open_count(store::Tx& tx,
                                                          std::optional<int64_t> warehouse_id) {
  // A location has at most one open count (create_count and plan_counts
  // refuse a second), so no DISTINCT is needed.
  auto q = tx.query(
      "SELECT w.code, l.code, COALESCE(l.zone, l.type) FROM counts c JOIN locations l ON l.id = "
      "c.location_id JOIN warehouses w ON w.id = c.warehouse_id WHERE c.status IN ('open', "
      "'counting', 'recount', 'needs_approval') AND ($1 = 0 OR c.warehouse_id = $1) ORDER BY "
      "w.code, l.code",
      warehouse_id.value_or(0));
  std::vector<OpenCountLocation> list;
  while (q.next()) list.push_back({q.text(0), q.text(1), q.text(2)});
  return list;
}

std::vector<AccuracyPeriod> inventory_accuracy(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                               int64_t from_ms, int64_t to_ms) {
  std::map<std::string, rules::AccuracyInput> by_day;
  rules::AccuracyInput total;
  auto q = tx.query(
      "SELECT c.decided_at_ms, COALESCE(SUM(cl.expected), 0), COALESCE(SUM(ABS(cl.counted - "
      "cl.expected)), 0) FROM counts c LEFT JOIN count_lines cl ON cl.count_id = c.id AND "
      "cl.attempt = c.attempt WHERE c.status IN ('accepted', 'approved') AND c.decided_at_ms >= "
      "$1 AND c.decided_at_ms < $2 AND ($3 IS NULL OR c.warehouse_id = $3) GROUP BY c.id, "
      "c.decided_at_ms",
      from_ms, to_ms, warehouse_id);
  while (q.next()) {
    for (rules::AccuracyInput* a : {&by_day[day_of(q.i64(0))], &total}) {
      a->locations_counted += 1;
      a->locations_exact += q.i64(2) == 0 ? 1 : 0;
      a->units_expected += q.i64(1);
      a->units_abs_variance += q.i64(2);
    }
  }
  auto period = [](const std::string& day, const rules::AccuracyInput& a) {
    return AccuracyPeriod{day,
                          a.locations_counted,
                          a.locations_exact,
                          a.units_expected,
                          a.units_abs_variance,
                          rules::inventory_record_accuracy(a),
                          rules::unit_accuracy(a)};
  };
  std::vector<AccuracyPeriod> list;
  for (const auto& [day, a] : by_day) list.push_back(period(day, a));
  list.push_back(period("total", total));
  return list;
}

ShrinkageReport shrinkage(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                          int64_t to_ms) {
  ShrinkageReport report;
  std::map<std::string, ShrinkageReport::Day> days;
  // Moves into virtual:adjustment are losses, out of it finds. Counts and
  // shorts count both ways; a manual adjustment only as a loss (a manual
  // increase is most often stock being loaded, not found).
  //
  // The moves come from the ledger, their locations from here and their
  // SKUs and costs from the catalogue: one read each.
  std::vector<int64_t> adjustment_ids;
  {
    auto q = tx.query(
        "SELECT id FROM locations WHERE code = 'virtual:adjustment' AND ($1 IS NULL OR "
        "warehouse_id = $1)",
        warehouse_id);
    while (q.next()) adjustment_ids.push_back(q.i64(0));
  }
  const std::set<int64_t> adjustment(adjustment_ids.begin(), adjustment_ids.end());
  std::vector<inventory::LedgerMove> moves;
  for (inventory::LedgerMove& m :
       inventory::moves_at(tx, adjustment_ids, from_ms, to_ms, warehouse_id)) {
    const std::string ref_type = m.ref_type.value_or("");
    const bool counted_or_short = ref_type == "count" || ref_type == "pick_line";
    if ((adjustment.count(m.to_location_id) && (counted_or_short || ref_type == "adjustment")) ||
        (adjustment.count(m.from_location_id) && counted_or_short)) {
      moves.push_back(std::move(m));
    }
  }
  struct Place {
    std::string code;
    bool is_virtual;
  };
  std::map<int64_t, Place> places;
  std::vector<int64_t> location_ids, product_ids;
  for (const auto& m : moves) {
    location_ids.push_back(m.from_location_id);
    location_ids.push_back(m.to_location_id);
    product_ids.push_back(m.product_id);
  }
  if (!location_ids.empty()) {
    auto q = tx.query(
        "SELECT id, code, type FROM locations WHERE id IN (SELECT value FROM "
        "json_each($1))",
        store::id_list(location_ids));
    while (q.next()) places[q.i64(0)] = {q.text(1), q.text(2) == "virtual"};
  }
  const std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  std::map<std::tuple<std::string, std::string, std::string>, ShrinkageRow> rows;
  // Values in 128 bits (units × unit cost can pass 2^63), saturated at the end.
  std::map<std::tuple<std::string, std::string, std::string>, numeric::Sum> row_values;
  std::map<std::string, numeric::Sum> day_values;
  numeric::Sum total_value;
  for (const inventory::LedgerMove& m : moves) {
    const catalog::Product& product = products.at(m.product_id);
    // Into a virtual location is a loss at the source; out of one, a find.
    const bool lost = places.at(m.to_location_id).is_virtual;
    const std::string& location =
        lost ? places.at(m.from_location_id).code : places.at(m.to_location_id).code;
    const std::string ref_type = m.ref_type.value_or("adjustment");
    std::string reason = ref_type == "count"       ? "cycle_count"
                         : ref_type == "pick_line" ? "short_pick"
                                                   : ref_type;
    const std::tuple<std::string, std::string, std::string> key{product.sku, location, reason};
    auto& row = rows[key];
    row.sku = product.sku;
    row.location = location;
    row.reason = reason;
    int64_t units = lost ? m.quantity : -m.quantity;
    row.units_lost += units;
    auto cost = product.unit_cost_minor;
    auto& day = days[day_of(m.at_ms)];
    day.day = day_of(m.at_ms);
    day.units_lost += units;
    report.units_lost += units;
    if (cost) {
      const numeric::Int128 value = numeric::mul_wide(units, *cost);
      row_values[key] += value;
      day_values[day.day] += value;
      total_value += value;
    }
  }
  for (auto& [key, row] : rows) {
    if (auto value = row_values.find(key); value != row_values.end()) {
      row.value_minor = value->second.value();
    }
    report.rows.push_back(row);
  }
  report.value_minor = total_value.value();
  for (auto& [d, day] : days) day.value_minor = day_values[d].value();
  std::sort(report.rows.begin(), report.rows.end(), [](const auto& a, const auto& b) {
    if (a.units_lost != b.units_lost) return a.units_lost > b.units_lost;
    return std::tie(a.sku, a.location) < std::tie(b.sku, b.location);
  });
  for (auto& [d, day] : days) report.days.push_back(day);
  return report;
}

}  // namespace wareflow::wms
