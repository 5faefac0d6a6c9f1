// Waves: the released fulfillments taken into a wave, their units reserved at
// locations, grouped onto carts by the batching core and made into pick lists
// routed by the routing core; and the waves read back.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "events/outbox.h"
#include "inputs/input_error.h"
#include "numeric/wide.h"
#include "optimize/batching.h"
#include "optimize/routing.h"
#include "store/id_list.h"
#include "wms/aisle_model.h"
#include "wms/layout.h"
#include "wms/picking.h"
#include "wms/picking_internal.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

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
  } catch (const inputs::InputError&) {
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
    volume = numeric::saturate(numeric::Int128{volume} + o.volume_cm3);
  }
  if (!current.empty()) g.carts.push_back(std::move(current));
  add_alone();
  return g;
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

// Marks the fulfillment picking in the wave and reserves every allocated unit
// at locations (taking units back from refills and moves when the shelves fall
// short). Nothing when it is no longer released: another process's wave took
// it, or its order was held or cancelled, since it was chosen.
std::optional<WaveOrder> reserve_for_wave(store::Tx& tx, const Warehouse& warehouse,
                                          const FulfillmentRow& f, int64_t wave_id,
                                          FulfillmentListener& listener) {
  if (tx.exec("UPDATE fulfillments SET status = 'picking', wave_id = $2, updated_at_ms = $3 WHERE "
              "id = $1 AND status = 'released'",
              f.id, wave_id, tx.now_ms()) == 0) {
    return std::nullopt;
  }
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
        "SELECT fl.id, fl.product_id, fl.allocated FROM fulfillment_lines fl WHERE "
        "fl.fulfillment_id = $1 AND fl.allocated > 0 ORDER BY fl.id",
        f.id);
    while (q.next()) lines.push_back({q.i64(0), q.i64(1), q.i64(2), 0});
  }
  {
    std::vector<int64_t> product_ids;
    for (const Line& line : lines) product_ids.push_back(line.product_id);
    std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
    for (Line& line : lines) {
      const catalog::Product& p = products.at(line.product_id);
      line.unit_volume_cm3 =
          numeric::saturate(numeric::volume_cm3(1, p.length_mm, p.width_mm, p.height_mm));
    }
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
    order.volume_cm3 = numeric::saturate(order.volume_cm3 +
                                         numeric::mul_wide(line.allocated, line.unit_volume_cm3));
  }
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
  const int64_t most = request.cart ? kMaxCartWaveOrders : kMaxWaveOrders;
  if (request.max_orders < 1 || request.max_orders > most) {
    throw_invalid_field("max_orders",
                        request.cart ? fmt::format("max_orders must be between 1 and {} for a wave "
                                                   "batched onto carts; release more as several "
                                                   "waves",
                                                   most)
                                     : fmt::format("max_orders must be between 1 and {}", most));
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
    while (q.next()) chosen.push_back(read_fulfillment_row(q));
  }
  if (chosen.empty()) {
    throw_conflict("nothing_to_wave", "no released fulfillment waits in " + warehouse.code);
  }
  int64_t wave_id = tx.next_id("waves");
  tx.exec("INSERT INTO waves (id, warehouse_id, created_at_ms) VALUES ($1, $2, $3)", wave_id,
          warehouse.id, tx.now_ms());

  std::vector<WaveOrder> orders;
  for (const FulfillmentRow& f : chosen) {
    if (auto order = reserve_for_wave(tx, warehouse, f, wave_id, listener)) {
      orders.push_back(std::move(*order));
    }
  }
  if (orders.empty()) {
    throw_conflict("nothing_to_wave", "no released fulfillment waits in " + warehouse.code);
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
  data["fulfillments"] = static_cast<int64_t>(orders.size());
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

}  // namespace wareflow::wms
