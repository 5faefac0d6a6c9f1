// Waves, pick lists, picks and shorts, packing, shipping and delivery.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <cmath>
#include <map>
#include <set>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "events/outbox.h"
#include "gs1/gs1.h"
#include "optimize/batching.h"
#include "optimize/routing.h"
#include "store/id_list.h"
#include "wms/aisle_model.h"
#include "wms/fulfillment.h"
#include "wms/layout.h"
#include "wms/shipping.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

struct PickLineRow {
  int64_t id, pick_list_id, fulfillment_line_id, fulfillment_id, product_id, location_id;
  std::string lot;
  int64_t to_location_id, quantity, picked, short_quantity;
  std::string status;
  int64_t open() const { return quantity - picked - short_quantity; }
};

constexpr const char* kPickLineColumns =
    "id, pick_list_id, fulfillment_line_id, fulfillment_id, product_id, location_id, lot, "
    "to_location_id, quantity, picked, short, status";

PickLineRow read_pick_line(store::Query& q) {
  return {q.i64(0),  q.i64(1), q.i64(2), q.i64(3), q.i64(4),  q.i64(5),
          q.text(6), q.i64(7), q.i64(8), q.i64(9), q.i64(10), q.text(11)};
}

struct PickListRow {
  int64_t id, wave_id, warehouse_id;
  std::string status;
};

PickListRow require_pick_list(store::Tx& tx, int64_t id) {
  auto q = tx.query("SELECT id, wave_id, warehouse_id, status FROM pick_lists WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_pick_list", "no pick list " + std::to_string(id));
  return {q.i64(0), q.i64(1), q.i64(2), q.text(3)};
}

struct FulfillmentRow {
  int64_t id, order_id, warehouse_id;
  std::string status;
};

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

// After picks and shorts: picked when nothing is left to pick, cancelled when
// every unit went back to the order.
void refresh_after_picking(store::Tx& tx, int64_t fulfillment_id, FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  auto q = tx.query(
      "SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(allocated), 0) FROM fulfillment_lines "
      "WHERE fulfillment_id = $1",
      fulfillment_id);
  q.next();
  int64_t quantity = q.i64(0), allocated = q.i64(1);
  bool open_lines = tx.query(
                          "SELECT 1 FROM pick_lines WHERE fulfillment_id = $1 AND status = "
                          "'open' LIMIT 1",
                          fulfillment_id)
                        .next();
  std::string status = f.status;
  if (quantity == 0) {
    status = "cancelled";
  } else if (allocated == 0 && !open_lines) {
    status = "picked";
  }
  if (status != f.status) {
    set_fulfillment_status(tx, f, status, listener);  // tells the listener
  } else {
    listener.fulfillment_changed(tx, f.order_id);  // quantities moved all the same
  }
}

// Done when no line is open; its pick task is then done by the picker.
void refresh_pick_list(store::Tx& tx, int64_t pick_list_id, const std::string& picker = {}) {
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

// Picks q units of one line: location -> packing, consuming reservation and allocation.
void pick_units(store::Tx& tx, const PickLineRow& line, int64_t warehouse_id, int64_t q) {
  inventory::Move move;
  move.warehouse_id = warehouse_id;
  move.product_id = line.product_id;
  move.lot = line.lot;
  move.from_location_id = line.location_id;
  move.to_location_id = line.to_location_id;
  move.quantity = q;
  move.reserved_consumed = q;
  move.allocation_consumed = q;
  move.reason = "pick";
  move.ref_type = "pick_line";
  move.ref_id = line.id;
  inventory::apply_move(tx, move, nullptr);
  tx.exec(
      "UPDATE pick_lines SET picked = picked + $2, status = CASE WHEN picked + $2 + short = "
      "quantity THEN 'done' ELSE status END WHERE id = $1",
      line.id, q);
  tx.exec(
      "UPDATE fulfillment_lines SET allocated = allocated - $2, picked = picked + $2 WHERE id = "
      "$1",
      line.fulfillment_line_id, q);
  boost::json::object data;
  data["pick_list_id"] = line.pick_list_id;
  data["line_id"] = line.id;
  data["fulfillment_id"] = line.fulfillment_id;
  data["quantity"] = q;
  events::append(tx, "pick.confirmed", "pick_list:" + std::to_string(line.pick_list_id), data);
}

struct PlannedPick {
  int64_t fulfillment_line_id, fulfillment_id, product_id, location_id;
  std::string lot;
  int64_t quantity;
  // Sort key from the location: aisle, bay, level, code.
  int64_t aisle, bay, level;
  std::string code;
};

// Orders pick lines in an S-shape: aisles left to right, up the first visited
// aisle and down the next. (The optimizer routes them properly.)
void sequence_s_shape(std::vector<PlannedPick>& picks) {
  std::sort(picks.begin(), picks.end(), [](const PlannedPick& a, const PlannedPick& b) {
    return std::tie(a.aisle, a.bay, a.level, a.code) < std::tie(b.aisle, b.bay, b.level, b.code);
  });
  size_t start = 0;
  int visited = 0;
  while (start < picks.size()) {
    size_t end = start;
    while (end < picks.size() && picks[end].aisle == picks[start].aisle) ++end;
    if (visited % 2 == 1) {
      std::stable_sort(picks.begin() + static_cast<long>(start),
                       picks.begin() + static_cast<long>(end),
                       [](const PlannedPick& a, const PlannedPick& b) { return a.bay > b.bay; });
    }
    ++visited;
    start = end;
  }
}

struct RouteSummary {
  std::string method, algorithm;
  double length_mm = 0;
  bool optimal = false;
};

// Orders the picks along the shortest route the optimizer finds through the
// warehouse's aisles, from and back to the packing location (the depot): for a
// generated layout, one block of parallel aisles, Ratliff and Rosenthal's exact
// dynamic program. Locations the model cannot place leave the order alone and
// return nothing.
std::optional<RouteSummary> sequence_by_route(const std::optional<AisleModel>& model,
                                              std::vector<PlannedPick>& picks) {
  if (picks.empty() || !model) return std::nullopt;
  optimize::RouteRequest request;
  request.layout = model->layout;
  for (const PlannedPick& p : picks) {
    if (!model->places(p.aisle, p.bay)) return std::nullopt;
    request.picks.push_back(model->at(p.aisle, p.bay));
  }
  optimize::Route route;
  try {
    route = optimize::plan_route(request);
  } catch (const optimize::RoutingError&) {
    return std::nullopt;
  }
  std::vector<PlannedPick> ordered;
  ordered.reserve(picks.size());
  for (size_t index : route.sequence) ordered.push_back(picks[index]);
  picks = std::move(ordered);
  return RouteSummary{route.method, route.algorithm, route.length_mm, route.optimal};
}

// One fulfillment's reserved picks, as the batching sees it.
struct WaveOrder {
  FulfillmentRow fulfillment;
  std::optional<int64_t> ship_by_ms;
  std::vector<PlannedPick> picks;
  int64_t items = 0, volume_cm3 = 0;
};

struct CartGrouping {
  std::vector<std::vector<size_t>> carts;  // indices into the wave's orders
  WaveBatching batching;
};

bool fits_alone(const WaveOrder& o, const CartLimits& cart) {
  return o.items <= cart.max_items &&
         (!cart.max_volume_cm3 || o.volume_cm3 <= *cart.max_volume_cm3);
}

// Groups the wave's fulfillments onto carts: the batching core on the aisle
// model, or first-come-first-served filling when the locations cannot be
// placed on it. A fulfillment too big for the cart goes alone.
CartGrouping group_onto_carts(const std::vector<WaveOrder>& orders, const CartLimits& cart,
                              const std::string& method, const std::optional<AisleModel>& model) {
  CartGrouping g;
  g.batching.cart = cart;
  // Fulfillments with nothing to pick add no walk: they ride on the first cart.
  std::vector<size_t> batchable, alone, nothing_to_pick;
  for (size_t i = 0; i < orders.size(); ++i) {
    if (orders[i].picks.empty()) {
      nothing_to_pick.push_back(i);
    } else {
      (fits_alone(orders[i], cart) ? batchable : alone).push_back(i);
    }
  }
  auto add_alone = [&] {
    for (size_t i : alone) g.carts.push_back({i});
    if (g.carts.empty() && !nothing_to_pick.empty()) g.carts.emplace_back();
    for (size_t i : nothing_to_pick) g.carts.front().push_back(i);
  };
  bool placeable = model.has_value();
  for (size_t i : batchable) {
    for (const PlannedPick& p : orders[i].picks)
      placeable = placeable && model->places(p.aisle, p.bay);
  }
  optimize::BatchingResult result;
  bool refused = false;
  if (placeable && !batchable.empty()) {
    optimize::BatchingRequest request;
    request.layout = model->layout;
    request.method = method;
    request.capacity.max_items = cart.max_items;
    request.capacity.max_volume_cm3 = cart.max_volume_cm3;
    request.capacity.max_orders = cart.max_orders;
    // The wave is made inside the write transaction: keep the search short
    // (about 0.1-0.2 s for 100 orders; docs/optimization.md).
    request.max_iterations = 20;
    request.max_rounds_without_improvement = 8;
    for (size_t i : batchable) {
      optimize::BatchOrder o;
      o.id = static_cast<int64_t>(i);
      for (const PlannedPick& p : orders[i].picks) o.picks.push_back(model->at(p.aisle, p.bay));
      o.items = orders[i].items;
      o.volume_cm3 = orders[i].volume_cm3;
      o.due_ms = orders[i].ship_by_ms;
      request.orders.push_back(std::move(o));
    }
    try {
      result = optimize::batch_orders(request);
    } catch (const std::invalid_argument&) {
      // Beyond the core's limits (an order of more picks than a route
      // takes): carts are filled in release sequence below.
      placeable = false;
      refused = true;
    }
  }
  if (placeable && !batchable.empty()) {
    for (const optimize::Batch& b : result.batches) {
      std::vector<size_t> members;
      for (int64_t id : b.order_ids) members.push_back(static_cast<size_t>(id));
      g.carts.push_back(std::move(members));
    }
    g.batching.method = result.method;
    g.batching.construction = result.construction;
    g.batching.fcfs_route_length_mm = std::llround(result.fcfs_length_mm);
    add_alone();
    return g;
  }
  // No aisle model (or the core refused): carts filled in release sequence.
  g.batching.method = "fcfs";
  g.batching.construction = refused ? "beyond_limits" : "no_layout";
  std::vector<size_t> current;
  int64_t items = 0, volume = 0;
  for (size_t i : batchable) {
    const WaveOrder& o = orders[i];
    bool fits = items + o.items <= cart.max_items &&
                (!cart.max_volume_cm3 || volume + o.volume_cm3 <= *cart.max_volume_cm3) &&
                (!cart.max_orders || static_cast<int64_t>(current.size()) < *cart.max_orders);
    if (!fits && !current.empty()) {
      g.carts.push_back(std::move(current));
      current.clear();
      items = volume = 0;
    }
    current.push_back(i);
    items += o.items;
    volume += o.volume_cm3;
  }
  if (!current.empty()) g.carts.push_back(std::move(current));
  add_alone();
  return g;
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

// Gives `quantity` allocated units of a fulfillment line back to its order.
void return_units(store::Tx& tx, int64_t warehouse_id, int64_t fulfillment_line_id,
                  int64_t product_id, int64_t quantity, bool deallocate,
                  FulfillmentListener& listener) {
  if (quantity <= 0) return;
  if (deallocate) inventory::deallocate(tx, warehouse_id, product_id, quantity);
  tx.exec(
      "UPDATE fulfillment_lines SET allocated = allocated - $2, quantity = quantity - $2 WHERE "
      "id = $1",
      fulfillment_line_id, quantity);
  auto q =
      tx.query("SELECT order_line_id FROM fulfillment_lines WHERE id = $1", fulfillment_line_id);
  q.next();
  int64_t order_line_id = q.i64(0);
  listener.units_returned(tx, warehouse_id, order_line_id, quantity);
}

std::string generate_tracking_number() {
  std::string hex = random_hex(8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "WF" + hex;
}

}  // namespace

WaveView create_wave(store::Tx& tx, std::string_view warehouse_code, int64_t max_orders,
                     FulfillmentListener& listener) {
  WaveRequest request;
  request.warehouse = std::string(warehouse_code);
  request.max_orders = max_orders;
  return create_wave(tx, request, listener);
}

namespace {

// Reserves every allocated unit of the fulfillment at locations (taking units
// back from refills and moves when the shelves fall short) and marks it
// picking in the wave.
WaveOrder reserve_for_wave(store::Tx& tx, const Warehouse& warehouse, const FulfillmentRow& f,
                           int64_t wave_id, FulfillmentListener& listener) {
  WaveOrder order;
  order.fulfillment = f;
  {
    auto q = tx.query("SELECT ship_by_ms FROM fulfillments WHERE id = $1", f.id);
    q.next();
    order.ship_by_ms = q.opt_i64(0);
  }
  struct Line {
    int64_t id, product_id, allocated, unit_volume_cm3;
  };
  std::vector<Line> lines;
  {
    auto q = tx.query(
        "SELECT fl.id, fl.product_id, fl.allocated, (p.length_mm * p.width_mm * p.height_mm + "
        "999) / 1000 FROM fulfillment_lines fl JOIN products p ON p.id = fl.product_id WHERE "
        "fl.fulfillment_id = $1 AND fl.allocated > 0 ORDER BY fl.id",
        f.id);
    while (q.next()) lines.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3)});
  }
  for (const Line& line : lines) {
    int64_t reserved = 0;
    for (const auto& r : inventory::reserve(tx, warehouse.id, line.product_id, line.allocated)) {
      order.picks.push_back(plan_pick(tx, line.id, f.id, line.product_id, r));
      reserved += r.quantity;
    }
    // Units a refill or a move holds are the order's first.
    if (reserved < line.allocated &&
        yield_task_reservations(tx, warehouse.id, line.product_id, line.allocated - reserved) > 0) {
      for (const auto& r :
           inventory::reserve(tx, warehouse.id, line.product_id, line.allocated - reserved)) {
        order.picks.push_back(plan_pick(tx, line.id, f.id, line.product_id, r));
        reserved += r.quantity;
      }
    }
    // Allocation never exceeds allocatable stock (I3), and reservations are
    // made only for allocated units, so this cannot fall short.
    if (reserved != line.allocated) throw std::logic_error("allocated stock not on the shelves");
    order.items += line.allocated;
    order.volume_cm3 += line.allocated * line.unit_volume_cm3;
  }
  tx.exec(
      "UPDATE fulfillments SET status = 'picking', wave_id = $2, updated_at_ms = $3 WHERE id = "
      "$1",
      f.id, wave_id, tx.now_ms());
  boost::json::object data;
  data["fulfillment_id"] = f.id;
  data["order_id"] = f.order_id;
  data["wave_id"] = wave_id;
  events::append(tx, "fulfillment.picking", "fulfillment:" + std::to_string(f.id), data);
  listener.fulfillment_changed(tx, f.order_id);
  return order;
}

boost::json::object route_json(const std::optional<RouteSummary>& route) {
  if (!route) return {{"method", "s_shape"}, {"algorithm", "location_order"}, {"optimal", false}};
  return {{"method", route->method},
          {"algorithm", route->algorithm},
          {"length_mm", json_number(route->length_mm)},
          {"optimal", route->optimal}};
}

// One cart trip: a pick list over the picks, routed, and its task in the queue.
std::optional<RouteSummary> make_pick_list(store::Tx& tx, int64_t warehouse_id, int64_t wave_id,
                                           int64_t packing_id,
                                           const std::optional<AisleModel>& model,
                                           std::vector<PlannedPick> planned) {
  int64_t pick_list_id = tx.next_id("pick_lists");
  tx.exec(
      "INSERT INTO pick_lists (id, wave_id, warehouse_id, status, created_at_ms) VALUES ($1, $2, "
      "$3, 'open', $4)",
      pick_list_id, wave_id, warehouse_id, tx.now_ms());
  // Sort first so that equal stops keep a stable, readable order; then route.
  sequence_s_shape(planned);
  std::optional<RouteSummary> route = sequence_by_route(model, planned);
  for (size_t i = 0; i < planned.size(); ++i) {
    insert_pick_line(tx, pick_list_id, static_cast<int64_t>(i + 1), planned[i], packing_id);
  }
  refresh_pick_list(tx, pick_list_id);
  if (route) {
    tx.exec(
        "UPDATE pick_lists SET route_method = $2, route_algorithm = $3, route_length_mm = $4, "
        "route_optimal = $5 WHERE id = $1",
        pick_list_id, route->method, route->algorithm,
        static_cast<int64_t>(std::llround(route->length_mm)), static_cast<int64_t>(route->optimal));
  } else {
    tx.exec(
        "UPDATE pick_lists SET route_method = 's_shape', route_algorithm = 'location_order', "
        "route_optimal = 0 WHERE id = $1",
        pick_list_id);
  }
  NewTask pick_task;
  pick_task.warehouse_id = warehouse_id;
  pick_task.type = "pick";
  pick_task.priority = 40;
  pick_task.from_location_id =
      planned.empty() ? std::nullopt : std::optional<int64_t>(planned.front().location_id);
  pick_task.quantity = 0;
  for (const PlannedPick& p : planned) *pick_task.quantity += p.quantity;
  pick_task.ref_type = "pick_list";
  pick_task.ref_id = pick_list_id;
  create_task(tx, pick_task);
  return route;
}

}  // namespace

WaveView create_wave(store::Tx& tx, const WaveRequest& request, FulfillmentListener& listener) {
  // The methods of optimize/batching.h a wave offers (openapi.json lists them).
  static const std::set<std::string> kMethods = {"auto", "fcfs", "seed", "savings", "ils", "alns"};
  if (request.cart && !kMethods.count(request.batching_method)) {
    throw_unprocessable("unsupported_method",
                        "no batching method '" + request.batching_method + "'", "batching");
  }
  Warehouse warehouse = require_warehouse(tx, request.warehouse);
  int64_t packing_id = packing_location_id(tx, warehouse.id);
  std::vector<FulfillmentRow> chosen;
  {
    auto q = tx.query(
        "SELECT id, order_id, warehouse_id, status FROM fulfillments WHERE warehouse_id = $1 AND "
        "status = 'released' ORDER BY priority DESC, CASE WHEN ship_by_ms IS NULL THEN 1 ELSE 0 "
        "END, ship_by_ms, id LIMIT $2",
        warehouse.id, request.max_orders);
    while (q.next()) chosen.push_back({q.i64(0), q.i64(1), q.i64(2), q.text(3)});
  }
  if (chosen.empty()) {
    throw_conflict("nothing_to_wave", "no released fulfillment waits in " + warehouse.code);
  }
  int64_t wave_id = tx.next_id("waves");
  tx.exec("INSERT INTO waves (id, warehouse_id, created_at_ms) VALUES ($1, $2, $3)", wave_id,
          warehouse.id, tx.now_ms());

  std::vector<WaveOrder> orders;
  for (const FulfillmentRow& f : chosen) {
    orders.push_back(reserve_for_wave(tx, warehouse, f, wave_id, listener));
  }
  std::optional<AisleModel> model = aisle_model(tx, warehouse.id, packing_id);
  CartGrouping grouping;
  if (request.cart) {
    grouping = group_onto_carts(orders, *request.cart, request.batching_method, model);
  } else {
    grouping.carts.emplace_back();
    for (size_t i = 0; i < orders.size(); ++i) grouping.carts.back().push_back(i);
  }
  // The pick lists are tasks in the queue, one per cart trip; pick faces the
  // wave drains are refilled before the pickers reach them.
  boost::json::array routes;
  double total_mm = 0;
  bool all_routed = true;
  int64_t pick_lines = 0;
  for (const std::vector<size_t>& cart : grouping.carts) {
    std::vector<PlannedPick> planned;
    for (size_t i : cart)
      planned.insert(planned.end(), orders[i].picks.begin(), orders[i].picks.end());
    pick_lines += static_cast<int64_t>(planned.size());
    std::optional<RouteSummary> route =
        make_pick_list(tx, warehouse.id, wave_id, packing_id, model, std::move(planned));
    all_routed = all_routed && route.has_value();
    if (route) total_mm += route->length_mm;
    routes.push_back(route_json(route));
  }
  std::set<int64_t> products;
  for (const WaveOrder& o : orders) {
    for (const PlannedPick& p : o.picks) products.insert(p.product_id);
  }
  for (int64_t product_id : products) plan_replenishment(tx, warehouse.id, product_id);

  boost::json::object data;
  data["wave_id"] = wave_id;
  data["warehouse"] = warehouse.code;
  data["fulfillments"] = static_cast<int64_t>(chosen.size());
  data["pick_lists"] = static_cast<int64_t>(grouping.carts.size());
  data["pick_lines"] = pick_lines;
  // Which methods ordered the lists and grouped the carts, and what they found.
  data["routes"] = std::move(routes);
  if (request.cart) {
    const WaveBatching& b = grouping.batching;
    if (all_routed) grouping.batching.route_length_mm = std::llround(total_mm);
    tx.exec(
        "UPDATE waves SET batch_method = $2, batch_construction = $3, cart_max_items = $4, "
        "cart_max_volume_cm3 = $5, cart_max_orders = $6, route_length_mm = $7, "
        "fcfs_route_length_mm = $8 WHERE id = $1",
        wave_id, b.method, b.construction, b.cart.max_items, b.cart.max_volume_cm3,
        b.cart.max_orders, b.route_length_mm, b.fcfs_route_length_mm);
    boost::json::object batching{{"method", b.method}, {"construction", b.construction}};
    if (b.route_length_mm) batching["route_length_mm"] = *b.route_length_mm;
    if (b.fcfs_route_length_mm) batching["fcfs_route_length_mm"] = *b.fcfs_route_length_mm;
    data["batching"] = std::move(batching);
  }
  events::append(tx, "wave.released", "wave:" + std::to_string(wave_id), data);
  return get_wave(tx, wave_id);
}

namespace {

// The pick lists with these ids, in this order, set-based: one query for the
// lists and one for all their lines.
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
  auto q = tx.query(
      "SELECT pl.pick_list_id, pl.id, pl.sequence, l.code, p.sku, pl.lot, pl.quantity, pl.picked, "
      "pl.short, pl.status, pl.fulfillment_id FROM pick_lines pl JOIN locations l ON l.id = "
      "pl.location_id JOIN products p ON p.id = pl.product_id WHERE pl.pick_list_id IN (SELECT "
      "value FROM json_each($1)) ORDER BY pl.pick_list_id, pl.sequence",
      id_list);
  while (q.next()) {
    by_id[q.i64(0)].lines.push_back({q.i64(1), q.i64(2), q.text(3), q.text(4), q.text(5), q.i64(6),
                                     q.i64(7), q.i64(8), q.text(9), q.i64(10)});
  }
  return store::in_order_of(ids, by_id);
}

// The waves with these ids, in this order, set-based: one query each for the
// waves, their fulfillments and their pick lists, and the pick lists' two.
std::vector<WaveView> waves_by_ids(store::Tx& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, WaveView> by_id;
  {
    auto q = tx.query(
        "SELECT v.id, w.code, v.created_at_ms, v.batch_method, v.batch_construction, "
        "v.cart_max_items, v.cart_max_volume_cm3, v.cart_max_orders, v.route_length_mm, "
        "v.fcfs_route_length_mm FROM waves v JOIN warehouses w ON w.id = v.warehouse_id WHERE "
        "v.id IN (SELECT value FROM json_each($1))",
        id_list);
    while (q.next()) {
      WaveView wave;
      wave.id = q.i64(0);
      wave.warehouse = q.text(1);
      wave.created_at_ms = q.i64(2);
      if (!q.is_null(3)) {
        WaveBatching b;
        b.method = q.text(3);
        b.construction = q.text(4);
        b.cart.max_items = q.i64(5);
        b.cart.max_volume_cm3 = q.opt_i64(6);
        b.cart.max_orders = q.opt_i64(7);
        b.route_length_mm = q.opt_i64(8);
        b.fcfs_route_length_mm = q.opt_i64(9);
        wave.batching = std::move(b);
      }
      by_id.emplace(wave.id, std::move(wave));
    }
  }
  {
    auto q = tx.query(
        "SELECT wave_id, id FROM fulfillments WHERE wave_id IN (SELECT value FROM json_each($1)) "
        "ORDER BY wave_id, id",
        id_list);
    while (q.next()) by_id[q.i64(0)].fulfillments.push_back(q.i64(1));
  }
  std::vector<int64_t> list_ids;
  {
    auto q = tx.query(
        "SELECT id FROM pick_lists WHERE wave_id IN (SELECT value FROM json_each($1)) ORDER BY "
        "wave_id, id",
        id_list);
    while (q.next()) list_ids.push_back(q.i64(0));
  }
  for (PickListView& list : pick_lists_by_ids(tx, list_ids)) {
    by_id[list.wave_id].pick_lists.push_back(std::move(list));
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace

std::vector<WaveView> list_waves(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                 int64_t before_id, int64_t limit) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query(
        "SELECT id FROM waves WHERE ($1 = 0 OR id < $1) AND ($2 = 0 OR warehouse_id = $2) ORDER "
        "BY id DESC LIMIT $3",
        before_id, warehouse_id.value_or(0), limit);
    while (q.next()) ids.push_back(q.i64(0));
  }
  return waves_by_ids(tx, ids);
}

WaveView get_wave(store::Tx& tx, int64_t wave_id) {
  std::vector<WaveView> found = waves_by_ids(tx, {wave_id});
  if (found.empty()) throw_not_found("unknown_wave", "no wave " + std::to_string(wave_id));
  return std::move(found.front());
}

PickListView get_pick_list(store::Tx& tx, int64_t pick_list_id) {
  std::vector<PickListView> found = pick_lists_by_ids(tx, {pick_list_id});
  if (found.empty()) {
    throw_not_found("unknown_pick_list", "no pick list " + std::to_string(pick_list_id));
  }
  return std::move(found.front());
}

PickListView confirm_pick(store::Tx& tx, int64_t pick_list_id, const PickScan& scan,
                          FulfillmentListener& listener) {
  PickListRow list = require_pick_list(tx, pick_list_id);
  if (list.status != "open") throw_conflict("invalid_state", "the pick list is already done");
  if (scan.quantity <= 0) throw_invalid_field("quantity", "quantity must be a positive integer");
  auto location = inventory::find_location(tx, list.warehouse_id, scan.location);
  auto product = catalog::find_by_scan(tx, scan.barcode);

  std::vector<PickLineRow> lines;
  {
    auto q = tx.query(std::string("SELECT ") + kPickLineColumns +
                          " FROM pick_lines WHERE pick_list_id = $1 AND status = 'open' AND "
                          "($2 = 0 OR id = $2) ORDER BY sequence",
                      pick_list_id, scan.line_id.value_or(0));
    while (q.next()) lines.push_back(read_pick_line(q));
  }
  if (scan.line_id && lines.empty()) {
    bool exists = tx.query("SELECT 1 FROM pick_lines WHERE id = $1 AND pick_list_id = $2",
                           *scan.line_id, pick_list_id)
                      .next();
    if (!exists) throw_invalid_field("line_id", "no such line on this pick list");
    throw_conflict("invalid_state", "that line is no longer open");
  }
  std::erase_if(lines,
                [&](const PickLineRow& l) { return !location || l.location_id != location->id; });
  if (lines.empty()) {
    throw_unprocessable("wrong_location",
                        "location " + scan.location + " is not where this pick list goes next",
                        "location");
  }
  std::erase_if(lines,
                [&](const PickLineRow& l) { return !product || l.product_id != product->id; });
  if (lines.empty()) {
    throw_unprocessable(
        "wrong_product",
        "barcode " + scan.barcode + " is not the product to pick at " + scan.location, "barcode");
  }
  int64_t open = 0;
  for (const auto& l : lines) open += l.open();
  if (scan.quantity > open) {
    throw_unprocessable("over_pick",
                        fmt::format("only {} open at {} for this product", open, scan.location),
                        "quantity");
  }
  int64_t left = scan.quantity;
  std::vector<int64_t> touched_fulfillments;
  for (const PickLineRow& line : lines) {
    if (left == 0) break;
    int64_t q = std::min(left, line.open());
    pick_units(tx, line, list.warehouse_id, q);
    touched_fulfillments.push_back(line.fulfillment_id);
    left -= q;
  }
  std::sort(touched_fulfillments.begin(), touched_fulfillments.end());
  touched_fulfillments.erase(std::unique(touched_fulfillments.begin(), touched_fulfillments.end()),
                             touched_fulfillments.end());
  for (int64_t id : touched_fulfillments) refresh_after_picking(tx, id, listener);
  refresh_pick_list(tx, pick_list_id, scan.picker.empty() ? "unknown" : scan.picker);
  plan_replenishment(tx, list.warehouse_id, product->id);
  return get_pick_list(tx, pick_list_id);
}

PickListView report_short(store::Tx& tx, int64_t pick_list_id, int64_t line_id,
                          int64_t quantity_found, FulfillmentListener& listener,
                          const std::string& picker) {
  PickListRow list = require_pick_list(tx, pick_list_id);
  std::optional<PickLineRow> found_line;
  {
    auto q = tx.query(std::string("SELECT ") + kPickLineColumns +
                          " FROM pick_lines WHERE id = $1 AND pick_list_id = $2",
                      line_id, pick_list_id);
    if (q.next()) found_line = read_pick_line(q);
  }
  if (!found_line) throw_invalid_field("line_id", "no such line on this pick list");
  PickLineRow line = *found_line;
  if (line.status != "open") throw_conflict("invalid_state", "that line is no longer open");
  if (quantity_found < 0 || quantity_found >= line.open()) {
    throw_invalid_field("quantity_found",
                        fmt::format("quantity_found must be between 0 and {} (the open quantity "
                                    "less one); pick the line when all is there",
                                    line.open() - 1));
  }
  if (quantity_found > 0) {
    pick_units(tx, line, list.warehouse_id, quantity_found);
    line.picked += quantity_found;
  }
  int64_t missing = line.open();

  // Units the shelf does not hold leave the books: location -> adjustment.
  // When the warehouse then holds less than is allocated, this line's
  // allocation shrinks by the difference and those units go back to the order.
  int64_t on_hand, allocated;
  {
    auto q = tx.query(
        "SELECT on_hand, allocated FROM stock_levels WHERE warehouse_id = $1 AND product_id = $2",
        list.warehouse_id, line.product_id);
    q.next();
    on_hand = q.i64(0);
    allocated = q.i64(1);
  }
  int64_t released = std::max<int64_t>(0, allocated - (on_hand - missing));
  inventory::Move write_off;
  write_off.warehouse_id = list.warehouse_id;
  write_off.product_id = line.product_id;
  write_off.lot = line.lot;
  write_off.from_location_id = line.location_id;
  write_off.to_location_id =
      inventory::virtual_location_id(tx, list.warehouse_id, inventory::VirtualLocation::adjustment);
  write_off.quantity = missing;
  write_off.reserved_consumed = missing;
  write_off.allocation_consumed = released;
  write_off.reason = "short_pick";
  write_off.ref_type = "pick_line";
  write_off.ref_id = line.id;
  inventory::apply_move(tx, write_off, nullptr);
  tx.exec("UPDATE pick_lines SET short = short + $2, status = 'short' WHERE id = $1", line.id,
          missing);
  return_units(tx, list.warehouse_id, line.fulfillment_line_id, line.product_id, released, false,
               listener);

  // The rest is looked for elsewhere in the warehouse.
  int64_t wanted = missing - released;
  int64_t resourced = 0;
  if (wanted > 0) {
    auto reservations =
        inventory::reserve(tx, list.warehouse_id, line.product_id, wanted, line.location_id);
    int64_t found = 0;
    for (const auto& r : reservations) found += r.quantity;
    if (found < wanted &&
        yield_task_reservations(tx, list.warehouse_id, line.product_id, wanted - found) > 0) {
      for (const auto& r : inventory::reserve(tx, list.warehouse_id, line.product_id,
                                              wanted - found, line.location_id)) {
        reservations.push_back(r);
      }
    }
    int64_t next_sequence;
    {
      auto q = tx.query("SELECT COALESCE(MAX(sequence), 0) FROM pick_lines WHERE pick_list_id = $1",
                        pick_list_id);
      q.next();
      next_sequence = q.i64(0) + 1;
    }
    for (const auto& r : reservations) {
      PlannedPick p =
          plan_pick(tx, line.fulfillment_line_id, line.fulfillment_id, line.product_id, r);
      insert_pick_line(tx, pick_list_id, next_sequence++, p, line.to_location_id);
      resourced += r.quantity;
    }
    return_units(tx, list.warehouse_id, line.fulfillment_line_id, line.product_id,
                 wanted - resourced, true, listener);
  }
  boost::json::object data;
  data["pick_list_id"] = pick_list_id;
  data["line_id"] = line.id;
  data["fulfillment_id"] = line.fulfillment_id;
  data["missing"] = missing;
  data["resourced"] = resourced;
  data["backordered"] = missing - resourced;
  events::append(tx, "pick.short", "pick_list:" + std::to_string(pick_list_id), data);
  refresh_after_picking(tx, line.fulfillment_id, listener);
  refresh_pick_list(tx, pick_list_id, picker.empty() ? "unknown" : picker);
  return get_pick_list(tx, pick_list_id);
}

FulfillmentView pack(store::Tx& tx, int64_t fulfillment_id,
                     const std::vector<PackageInput>& packages, FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != "picked") {
    throw_conflict("invalid_state",
                   "only a picked fulfillment can be packed; this one is " + f.status);
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
  set_fulfillment_status(tx, f, "packed", listener);
  return get_fulfillment(tx, fulfillment_id);
}

FulfillmentView ship(store::Tx& tx, int64_t fulfillment_id, const ShipInput& input,
                     FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != "packed") {
    throw_conflict("invalid_state", "only a packed fulfillment can ship; this one is " + f.status);
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
  set_fulfillment_status(tx, f, "shipped", listener);
  return get_fulfillment(tx, fulfillment_id);
}

FulfillmentView deliver(store::Tx& tx, int64_t fulfillment_id, FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  if (f.status != "shipped") {
    throw_conflict("invalid_state",
                   "only a shipped fulfillment can be delivered; this one is " + f.status);
  }
  tx.exec("UPDATE fulfillments SET delivered_at_ms = $2 WHERE id = $1", fulfillment_id,
          tx.now_ms());
  set_fulfillment_status(tx, f, "delivered", listener);
  return get_fulfillment(tx, fulfillment_id);
}

}  // namespace wareflow::wms
