#include "app/pure_cli.h"

#include <boost/json.hpp>

#include "codec/simulation_json.h"
#include "core/error.h"
#include "core/input_problem.h"
#include "core/json.h"
#include "inputs/input_error.h"
#include "optimize/batching.h"
#include "optimize/cartonization.h"
#include "optimize/routing.h"
#include "optimize/slotting.h"
#include "optimize/sourcing.h"
#include "planning/forecast.h"
#include "planning/reorder.h"
#include "planning/simulation.h"

namespace wareflow::app {
namespace {

namespace json = boost::json;

int print_problem(std::ostream& out, const std::string& code, const std::string& detail,
                  const std::string& field) {
  json::object problem{{"code", code}, {"detail", detail}};
  if (!field.empty()) problem["field"] = field;
  out << json::serialize(problem) << "\n";
  return 1;
}

// Parses the file as a JSON object, or reports why not.
std::optional<json::object> parse_object(const std::string& text, std::ostream& out) {
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    print_problem(out, "malformed_json", ec ? ec.message() : "the input must be a JSON object", "");
    return std::nullopt;
  }
  return std::move(value.get_object());
}

// Runs fn, turning the errors the input can cause into problem documents.
template <class Fn>
int guarded(std::ostream& out, Fn fn) {
  try {
    return fn();
  } catch (const DomainError& e) {
    return print_problem(out, e.code(), e.detail(), e.field());
  } catch (const inputs::InputError& e) {
    const DomainError problem = input_problem(e);
    return print_problem(out, problem.code(), problem.detail(), problem.field());
  }
}

// Parses the request and runs fn on it, errors reported as problems.
template <class Fn>
int run_json_command(const std::string& input_json, std::ostream& out, Fn fn) {
  auto object = parse_object(input_json, out);
  if (!object) return 1;
  return guarded(out, [&] {
    FieldReader in(*object);
    return fn(in);
  });
}

// The "layout" member shared by the routing and batching inputs.
optimize::WarehouseLayout read_layout(const FieldReader& in) {
  FieldReader layout = in.required_object("layout");
  optimize::WarehouseLayout l;
  l.aisles = layout.required_int("aisles", 1, 1000);
  l.blocks = layout.optional_int("blocks", 1, 100).value_or(1);
  l.cells_per_block = layout.required_int("cells_per_block", 1, 100000);
  l.aisle_pitch_mm = layout.optional_number("aisle_pitch_mm", 1e-3, 1e7).value_or(3000);
  l.cell_pitch_mm = layout.optional_number("cell_pitch_mm", 1e-3, 1e7).value_or(1000);
  l.depot_aisle = layout.optional_int("depot_aisle", 0, 999).value_or(0);
  return l;
}

// A "picks" array of {aisle, cell}.
std::vector<optimize::PickLocation> read_picks(const FieldReader& in, size_t max_items) {
  const json::array& picks = in.required_array("picks", max_items);
  std::vector<optimize::PickLocation> list;
  for (size_t i = 0; i < picks.size(); ++i) {
    FieldReader pick = in.element("picks", picks, i);
    list.push_back(
        {pick.required_int("aisle", 0, 1'000'000), pick.required_int("cell", 0, 1'000'000'000)});
  }
  return list;
}

json::array indices(const std::vector<size_t>& sequence) {
  json::array a;
  for (size_t index : sequence) a.emplace_back(static_cast<int64_t>(index));
  return a;
}

}  // namespace

int run_optimize_route(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    optimize::RouteRequest request;
    request.layout = read_layout(in);
    request.picks = read_picks(in, 10000);
    request.method = in.optional_string("method", 32).value_or("auto");
    optimize::Route route = optimize::plan_route(request);
    out << json::serialize(json::object{{"length_mm", json_number(route.length_mm)},
                                        {"sequence", indices(route.sequence)},
                                        {"method", route.method},
                                        {"algorithm", route.algorithm},
                                        {"optimal", route.optimal}})
        << "\n";
    return 0;
  });
}

int run_optimize_batch(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    optimize::BatchingRequest request;
    request.layout = read_layout(in);
    FieldReader cart = in.required_object("cart");
    request.capacity.max_items = cart.required_int("max_items", 1, 1'000'000);
    request.capacity.max_volume_cm3 = cart.optional_int("max_volume_cm3", 1, 1'000'000'000);
    request.capacity.max_orders = cart.optional_int("max_orders", 1, 1000);
    request.method = in.optional_string("method", 32).value_or("auto");
    request.seed = static_cast<uint64_t>(in.optional_int("seed", 0, INT64_MAX).value_or(1));
    request.max_iterations = in.optional_int("max_iterations", 0, 100000).value_or(200);
    request.cutoff_ms = in.optional_time("cutoff");
    const json::array& orders = in.required_array("orders", optimize::kMaxBatchingOrders);
    for (size_t i = 0; i < orders.size(); ++i) {
      FieldReader o = in.element("orders", orders, i);
      optimize::BatchOrder order;
      order.id = o.required_int("id", INT64_MIN, INT64_MAX);
      order.picks = read_picks(o, 1000);
      order.items = o.required_int("items", 1, 1'000'000);
      order.volume_cm3 = o.optional_int("volume_cm3", 0, 1'000'000'000).value_or(0);
      order.due_ms = o.optional_time("due");
      request.orders.push_back(std::move(order));
    }
    optimize::BatchingResult result = optimize::batch_orders(request);
    json::array batches;
    for (const auto& b : result.batches) {
      json::array ids;
      for (int64_t id : b.order_ids) ids.emplace_back(id);
      batches.push_back(json::object{{"orders", std::move(ids)},
                                     {"items", b.items},
                                     {"volume_cm3", b.volume_cm3},
                                     {"wave", b.wave},
                                     {"route_length_mm", json_number(b.route_length_mm)},
                                     {"sequence", indices(b.sequence)}});
    }
    out << json::serialize(json::object{{"method", result.method},
                                        {"construction", result.construction},
                                        {"total_length_mm", json_number(result.total_length_mm)},
                                        {"fcfs_length_mm", json_number(result.fcfs_length_mm)},
                                        {"batches", std::move(batches)}})
        << "\n";
    return 0;
  });
}

int run_optimize_cartonize(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    std::vector<optimize::CartonType> boxes;
    const json::array& box_list = in.required_array("boxes", optimize::kMaxCartonTypes);
    for (size_t i = 0; i < box_list.size(); ++i) {
      FieldReader b = in.element("boxes", box_list, i);
      boxes.push_back({b.required_string("code", 64), b.required_int("length_mm", 0, INT64_MAX),
                       b.required_int("width_mm", 0, INT64_MAX),
                       b.required_int("height_mm", 0, INT64_MAX),
                       b.required_int("max_weight_g", 0, INT64_MAX),
                       b.optional_int("cost_minor", 0, INT64_MAX).value_or(0)});
    }
    std::vector<optimize::PackItem> items;
    const json::array& item_list = in.required_array("items", 10000);
    for (size_t i = 0; i < item_list.size(); ++i) {
      FieldReader it = in.element("items", item_list, i);
      items.push_back(
          {it.required_string("sku", 64), it.required_int("length_mm", 0, INT64_MAX),
           it.required_int("width_mm", 0, INT64_MAX), it.required_int("height_mm", 0, INT64_MAX),
           it.required_int("weight_g", 0, INT64_MAX), it.required_int("quantity", 0, INT64_MAX),
           it.optional_bool("rotatable").value_or(true)});
    }
    optimize::CartonizationResult result = optimize::cartonize(boxes, items);
    json::array cartons;
    for (const auto& c : result.cartons) {
      json::array placements;
      for (const auto& p : c.items) {
        placements.push_back(json::object{{"sku", p.sku},
                                          {"x_mm", p.x_mm},
                                          {"y_mm", p.y_mm},
                                          {"z_mm", p.z_mm},
                                          {"length_mm", p.length_mm},
                                          {"width_mm", p.width_mm},
                                          {"height_mm", p.height_mm}});
      }
      cartons.push_back(json::object{{"box", c.code},
                                     {"weight_g", c.weight_g},
                                     {"cost_minor", c.cost_minor},
                                     {"fill_volume_permille", c.fill_volume_permille},
                                     {"placements", std::move(placements)}});
    }
    out << json::serialize(json::object{
               {"method", result.method},
               {"cartons", std::move(cartons)},
               {"total_cost_minor", result.total_cost_minor},
               {"fill_volume_permille", static_cast<int64_t>(result.fill_rate * 1000 + 0.5)},
               {"lower_bound_cartons", result.volume_lower_bound_cartons}})
        << "\n";
    return 0;
  });
}

int run_optimize_slot(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    optimize::SlottingRequest request;
    request.layout = read_layout(in);
    const json::array& slots = in.required_array("slots", optimize::kMaxSlottingSlots);
    for (size_t i = 0; i < slots.size(); ++i) {
      FieldReader t = in.element("slots", slots, i);
      optimize::PickSlot slot;
      slot.id = t.required_string("id", 64);
      FieldReader at = t.required_object("location");
      slot.location = {at.required_int("aisle", 0, 1'000'000),
                       at.required_int("cell", 0, 1'000'000'000)};
      slot.volume_cm3 = t.required_int("volume_cm3", 1, 1'000'000'000);
      slot.zone = t.optional_string("zone", 64);
      request.slots.push_back(std::move(slot));
    }
    const json::array& skus = in.required_array("skus", optimize::kMaxSlottingSkus);
    for (size_t i = 0; i < skus.size(); ++i) {
      FieldReader k = in.element("skus", skus, i);
      optimize::SlottingSku sku;
      sku.id = k.required_string("id", 64);
      sku.picks = k.required_int("picks", 0, 1'000'000'000);
      sku.units = k.optional_int("units", 0, 1'000'000'000).value_or(sku.picks);
      sku.unit_volume_cm3 = k.required_int("unit_volume_cm3", 1, 1'000'000'000);
      sku.current_slot = k.optional_string("current_slot", 64);
      sku.zone = k.optional_string("zone", 64);
      request.skus.push_back(std::move(sku));
    }
    request.method = in.optional_string("method", 32).value_or("auto");
    request.max_moves = in.optional_int("max_moves", 0, 10'000'000).value_or(0);
    if (const json::array* shares = in.optional_array("abc_thresholds", 2)) {
      if (shares->size() != 2 || !(*shares)[0].is_number() || !(*shares)[1].is_number()) {
        throw_invalid_field("abc_thresholds", "two shares of picks, e.g. [0.8, 0.95]");
      }
      request.abc_thresholds_permille = optimize::abc_thresholds_from_shares(
          (*shares)[0].to_number<double>(), (*shares)[1].to_number<double>());
    }
    optimize::SlottingResult result = optimize::plan_slotting(request);
    auto text_or_null = [](const std::optional<std::string>& v) {
      return v ? json::value(*v) : json::value(nullptr);
    };
    json::array assignments;
    for (const auto& a : result.assignments) {
      assignments.push_back(
          json::object{{"sku", a.sku},
                       {"slot", text_or_null(a.slot)},
                       {"current_slot", text_or_null(a.current_slot)},
                       {"abc_class", a.abc_class},
                       {"cube_cm3", a.cube_cm3},
                       {"coi_cm3_per_pick", a.coi_cm3_per_pick ? json_number(*a.coi_cm3_per_pick)
                                                               : json::value(nullptr)},
                       {"travel_mm", json_number(a.travel_mm)}});
    }
    json::array unplaced;
    for (const auto& id : result.unplaced) unplaced.emplace_back(id);
    json::array plan;
    for (const auto& m : result.plan) {
      plan.push_back(json::object{{"step", m.step},
                                  {"kind", m.kind},
                                  {"sku", m.sku},
                                  {"from_slot", m.from_slot},
                                  {"to_slot", m.to_slot},
                                  {"saving_mm", json_number(m.saving_mm)}});
    }
    out << json::serialize(
               json::object{{"method", result.method},
                            {"assignments", std::move(assignments)},
                            {"unplaced", std::move(unplaced)},
                            {"current_travel_mm", json_number(result.current_travel_mm)},
                            {"target_travel_mm", json_number(result.target_travel_mm)},
                            {"plan", std::move(plan)},
                            {"planned_travel_mm", json_number(result.planned_travel_mm)}})
        << "\n";
    return 0;
  });
}

int run_optimize_source(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    optimize::SourcingRequest request;
    const json::array* quantities = in.optional_array("quantities", 500);
    const json::array* lines = in.optional_array("lines", 500);
    if ((quantities == nullptr) == (lines == nullptr)) {
      throw_invalid_field("quantities", "give either quantities or lines, not both");
    }
    if (quantities) {
      for (size_t i = 0; i < quantities->size(); ++i) {
        const json::value& q = (*quantities)[i];
        if (!q.is_int64() || q.as_int64() < 0 || q.as_int64() > optimize::kMaxSourcingQuantity) {
          throw_invalid_field("quantities[" + std::to_string(i) + "]",
                              "a whole number of units, 0 or more");
        }
        request.quantities.push_back(q.as_int64());
      }
    } else {
      for (size_t i = 0; i < lines->size(); ++i) {
        FieldReader line = in.element("lines", *lines, i);
        request.quantities.push_back(
            line.required_int("quantity", 0, optimize::kMaxSourcingQuantity));
      }
    }
    const json::array& warehouses = in.required_array("warehouses", 1000);
    for (size_t w = 0; w < warehouses.size(); ++w) {
      FieldReader wh = in.element("warehouses", warehouses, w);
      optimize::SourcingCandidate c;
      c.warehouse_id = wh.required_int("id", INT64_MIN, INT64_MAX);
      c.distance = wh.optional_number("distance", 0, optimize::kMaxSourcingCost).value_or(0);
      c.shipment_cost =
          wh.optional_number("shipment_cost", 0, optimize::kMaxSourcingCost).value_or(0);
      c.unit_cost = wh.optional_number("unit_cost", 0, optimize::kMaxSourcingCost).value_or(0);
      const json::array& available = wh.required_array("available", 500);
      for (size_t i = 0; i < available.size(); ++i) {
        const json::value& a = available[i];
        if (!a.is_int64() || a.as_int64() < 0) {
          throw_invalid_field(wh.field_path("available") + "[" + std::to_string(i) + "]",
                              "a whole number of units, 0 or more");
        }
        c.available.push_back(a.as_int64());
      }
      request.warehouses.push_back(std::move(c));
    }
    std::string method = in.optional_string("method", 32).value_or("auto");
    int64_t time_limit_ms = in.optional_int("time_limit_ms", 1, optimize::kMaxSourcingTimeLimitMs)
                                .value_or(optimize::kDefaultSourcingTimeLimitMs);
    auto policy = optimize::make_sourcing_policy(method, time_limit_ms);
    optimize::SourcingPlan plan = policy->plan(request);
    json::array assignments;
    for (const auto& a : plan.assignments) {
      assignments.push_back(json::object{{"line", static_cast<int64_t>(a.line)},
                                         {"warehouse_id", a.warehouse_id},
                                         {"quantity", a.quantity}});
    }
    json::array backordered;
    for (int64_t b : plan.backordered) backordered.emplace_back(b);
    out << json::serialize(json::object{{"assignments", std::move(assignments)},
                                        {"backordered", std::move(backordered)},
                                        {"shipments", static_cast<int64_t>(plan.shipments)},
                                        {"cost", json_number(plan.cost)},
                                        {"method", plan.method},
                                        {"optimal", plan.optimal}})
        << "\n";
    return 0;
  });
}

int run_forecast(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    planning::ForecastRequest request;
    request.horizon = in.optional_int("horizon", 1, planning::kMaxHorizon).value_or(28);
    request.season_length =
        in.optional_int("season_length", 1, planning::kMaxSeasonLength).value_or(7);
    request.model = in.optional_string("model", 32).value_or("auto");
    const json::array& series = in.required_array("series", 1'000'000);
    for (size_t i = 0; i < series.size(); ++i) {
      FieldReader s = in.element("series", series, i);
      planning::NamedSeries named;
      named.id = s.required_string("id", 256);
      const json::array& values = s.required_array("values", 100'000);
      for (size_t j = 0; j < values.size(); ++j) {
        if (!values[j].is_number()) {
          throw_invalid_field("series[" + std::to_string(i) + "].values[" + std::to_string(j) + "]",
                              "values must be numbers");
        }
        named.values.push_back(values[j].to_number<double>());
      }
      request.series.push_back(std::move(named));
    }
    json::array forecasts;
    for (const auto& result : planning::forecast_batch(request)) {
      const planning::Forecast& f = result.forecast;
      auto numbers = [](const std::vector<double>& v) {
        json::array a;
        for (double x : v) a.push_back(json_number(x));
        return a;
      };
      forecasts.push_back(
          json::object{{"id", result.id},
                       {"model", f.model},
                       {"variant", f.variant},
                       {"values", numbers(f.values)},
                       {"lower", numbers(f.lower)},
                       {"upper", numbers(f.upper)},
                       {"backtest_mase",
                        f.backtest_mase ? json_number(*f.backtest_mase) : json::value(nullptr)}});
    }
    out << json::serialize(json::object{{"forecasts", std::move(forecasts)}}) << "\n";
    return 0;
  });
}

namespace {

// An array of non-negative numbers (daily demand, sigmas).
std::vector<double> read_numbers(const FieldReader& in, std::string_view key, bool required) {
  const json::array* values = required ? &in.required_array(key, planning::kMaxPlanningDays)
                                       : in.optional_array(key, planning::kMaxPlanningDays);
  std::vector<double> list;
  if (!values) return list;
  for (size_t i = 0; i < values->size(); ++i) {
    const json::value& v = (*values)[i];
    if (!v.is_number() || v.to_number<double>() < 0 ||
        v.to_number<double>() > planning::kMaxDailyDemand) {
      throw_invalid_field(in.field_path(key) + "[" + std::to_string(i) + "]",
                          "a number from 0 to 1e9");
    }
    list.push_back(v.to_number<double>());
  }
  return list;
}

planning::ReorderItem read_reorder_item(const FieldReader& in) {
  planning::ReorderItem item;
  item.sku = in.required_string("sku", 64);
  item.warehouse = in.optional_string("warehouse", 64).value_or("");
  item.supplier = in.required_string("supplier", 64);
  item.daily_demand = read_numbers(in, "daily_demand", true);
  item.daily_sigma = read_numbers(in, "daily_sigma", false);
  const double max_days = static_cast<double>(planning::kMaxPlanningDays);
  item.lead_time_days = in.optional_number("lead_time_days", 0, max_days).value_or(0);
  item.lead_time_sigma_days = in.optional_number("lead_time_sigma_days", 0, max_days).value_or(0);
  item.review_period_days =
      in.optional_int("review_period_days", 0, planning::kMaxPlanningDays).value_or(0);
  item.policy = in.optional_string("policy", 16).value_or("s_S");
  if (auto abc = in.optional_string("abc_class", 1)) {
    item.service = planning::service_target_for_class(*abc);
  }
  if (auto service = in.optional_object("service")) {
    item.service.measure = service->optional_string("measure", 32).value_or(item.service.measure);
    auto level = service->optional_number("level", 0, 1);
    if (!level) throw_invalid_field(service->field_path("level"), "level is required");
    item.service.level = *level;
  }
  const int64_t max_units = planning::kMaxStockQuantity;
  item.on_hand = in.optional_int("on_hand", 0, max_units).value_or(0);
  item.on_order = in.optional_int("on_order", 0, max_units).value_or(0);
  item.allocated = in.optional_int("allocated", 0, max_units).value_or(0);
  item.backordered = in.optional_int("backordered", 0, max_units).value_or(0);
  item.terms.pack_size = in.optional_int("pack_size", 1, max_units).value_or(1);
  item.terms.min_order_qty = in.optional_int("min_order_qty", 0, max_units).value_or(0);
  item.terms.max_order_qty = in.optional_int("max_order_qty", 1, max_units);
  item.unit_cost_minor = in.optional_int("unit_cost_minor", 0, max_units).value_or(0);
  item.ordering_cost_minor = in.optional_int("ordering_cost_minor", 0, max_units).value_or(0);
  item.holding_rate_per_year = in.optional_number("holding_rate_per_year", 0, 100).value_or(0);
  item.cover_days = in.optional_number("cover_days", 1e-3, max_days).value_or(30);
  return item;
}

json::value optional_number(const std::optional<double>& v) {
  return v ? json_number(*v) : json::value(nullptr);
}

}  // namespace

int run_reorder(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    const json::array& items = in.required_array("items", 100000);
    std::vector<planning::ReorderItem> list;
    for (size_t i = 0; i < items.size(); ++i) {
      list.push_back(read_reorder_item(in.element("items", items, i)));
    }
    // Validates every item (errors name items[i].field) before any output.
    std::vector<planning::SupplierSuggestion> suppliers = planning::suggest_purchases(list);
    json::array plans;
    for (const planning::ReorderItem& item : list) {
      planning::ReorderPlan p = planning::plan_reorder(item);
      plans.push_back(json::object{
          {"sku", item.sku},
          {"warehouse", item.warehouse},
          {"supplier", item.supplier},
          {"policy", p.policy},
          {"protection_days", json_number(p.protection_days)},
          {"demand_mean", json_number(p.demand_mean)},
          {"demand_sigma", json_number(p.demand_sigma)},
          {"safety_factor", json_number(p.safety_factor)},
          {"safety_stock", json_number(p.safety_stock)},
          {"reorder_point", p.reorder_point},
          {"order_up_to", p.order_up_to},
          {"eoq", optional_number(p.eoq)},
          {"lot_size", p.lot_size},
          {"inventory_position", p.inventory_position},
          {"suggested_quantity", p.suggested_quantity},
          {"capped_at_maximum", p.capped_at_maximum},
          {"days_of_cover", optional_number(p.days_of_cover)},
          {"stockout_day", p.stockout_day ? json::value(*p.stockout_day) : json::value(nullptr)},
          {"reason", p.reason}});
    }
    json::array by_supplier;
    for (const planning::SupplierSuggestion& s : suppliers) {
      json::array lines;
      for (const planning::SuggestionLine& l : s.lines) {
        lines.push_back(
            json::object{{"sku", l.sku},
                         {"warehouse", l.warehouse},
                         {"quantity", l.quantity},
                         {"unit_cost_minor", l.unit_cost_minor},
                         {"value_minor", l.value_minor},
                         {"stockout_day", l.plan.stockout_day ? json::value(*l.plan.stockout_day)
                                                              : json::value(nullptr)}});
      }
      by_supplier.push_back(json::object{{"supplier", s.supplier},
                                         {"total_units", s.total_units},
                                         {"total_value_minor", s.total_value_minor},
                                         {"lines", std::move(lines)}});
    }
    out << json::serialize(
               json::object{{"plans", std::move(plans)}, {"suppliers", std::move(by_supplier)}})
        << "\n";
    return 0;
  });
}

namespace {

// The JSON bounds are wide: the simulation checks its own limits and names
// the field (inputs::InputError).
constexpr int64_t kAnyTime = planning::kMaxAbsTimeMs;

std::vector<planning::Shift> read_shifts(const FieldReader& in, std::string_view key) {
  std::vector<planning::Shift> shifts;
  const json::array* list = in.optional_array(key, 1000);
  if (!list) return shifts;
  for (size_t i = 0; i < list->size(); ++i) {
    FieldReader s = in.element(key, *list, i);
    shifts.push_back({s.required_int("count", 0, planning::kMaxShiftWorkers),
                      s.required_int("from_ms", -kAnyTime, kAnyTime),
                      s.required_int("to_ms", -kAnyTime, kAnyTime)});
  }
  return shifts;
}

planning::TaskTime read_task_time(const FieldReader& in, std::string_view key) {
  planning::TaskTime t;
  auto object = in.optional_object(key);
  if (!object) return t;
  t.per_order_ms =
      object->optional_int("per_order_ms", 0, planning::kMaxTaskComponentMs).value_or(0);
  t.per_line_ms = object->optional_int("per_line_ms", 0, planning::kMaxTaskComponentMs).value_or(0);
  t.per_unit_ms = object->optional_int("per_unit_ms", 0, planning::kMaxTaskComponentMs).value_or(0);
  t.cv = object->optional_number("cv", 0, planning::kMaxCv).value_or(0);
  return t;
}

json::value opt_ms(const std::optional<int64_t>& v) { return v ? json::value(*v) : nullptr; }

}  // namespace

int run_simulate(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    planning::SimulationRequest r;
    r.start_ms = in.optional_int("start_ms", -kAnyTime, kAnyTime).value_or(0);
    const json::array& orders = in.required_array("orders", planning::kMaxSimulationOrders);
    for (size_t i = 0; i < orders.size(); ++i) {
      FieldReader o = in.element("orders", orders, i);
      planning::SimOrder order;
      order.id = o.required_int("id", INT64_MIN, INT64_MAX);
      order.released_at_ms =
          o.optional_int("released_at_ms", -kAnyTime, kAnyTime).value_or(r.start_ms);
      order.ship_by_ms = o.optional_int("ship_by_ms", -kAnyTime, kAnyTime);
      order.stage = o.optional_string("stage", 16).value_or("released");
      order.lines = o.optional_int("lines", 1, planning::kMaxLines).value_or(1);
      order.units = o.optional_int("units", 1, planning::kMaxUnits).value_or(1);
      order.units_picked = o.optional_int("units_picked", 0, planning::kMaxUnits).value_or(0);
      r.orders.push_back(std::move(order));
    }
    r.pickers = read_shifts(in, "pickers");
    r.packers = read_shifts(in, "packers");
    r.loaders = read_shifts(in, "loaders");
    r.pick = read_task_time(in, "pick");
    r.pack = read_task_time(in, "pack");
    r.ship = read_task_time(in, "ship");
    r.replenish_share = in.optional_number("replenish_share", 0, 10).value_or(0);
    if (const json::array* pickups = in.optional_array("carrier_pickups_ms", 10000)) {
      for (size_t i = 0; i < pickups->size(); ++i) {
        if (!(*pickups)[i].is_int64()) {
          throw_invalid_field("carrier_pickups_ms[" + std::to_string(i) + "]",
                              "a time in milliseconds");
        }
        r.carrier_pickups_ms.push_back((*pickups)[i].as_int64());
      }
    }
    r.seed = static_cast<uint64_t>(in.optional_int("seed", 0, INT64_MAX).value_or(1));
    r.sample_interval_ms =
        in.optional_int("sample_interval_ms", 1, kAnyTime).value_or(r.sample_interval_ms);
    r.what_if_one_more = in.optional_bool("what_if_one_more").value_or(true);
    if (const json::array* list = in.optional_array("what_if", planning::kMaxScenarios)) {
      for (size_t i = 0; i < list->size(); ++i) {
        FieldReader w = in.element("what_if", *list, i);
        r.what_if.push_back({w.required_string("name", 64),
                             w.optional_int("extra_pickers", -planning::kMaxShiftWorkers,
                                            planning::kMaxShiftWorkers)
                                 .value_or(0),
                             w.optional_int("extra_packers", -planning::kMaxShiftWorkers,
                                            planning::kMaxShiftWorkers)
                                 .value_or(0),
                             w.optional_int("extra_loaders", -planning::kMaxShiftWorkers,
                                            planning::kMaxShiftWorkers)
                                 .value_or(0)});
      }
    }
    planning::SimulationResult result = planning::simulate(r);

    const codec::JsonStyle style = codec::kCliStyle;
    out << json::serialize(json::object{
               {"orders", codec::encode_orders(result.orders)},
               {"stages", codec::encode_stages(result.stages, style)},
               {"late_orders", result.late_orders},
               {"orders_with_cutoff", result.orders_with_cutoff},
               {"on_time_rate", codec::encode_on_time_rate(result.on_time_rate, style)},
               {"unshipped_orders", result.unshipped_orders},
               {"makespan_ms", opt_ms(result.makespan_ms)},
               {"what_if", codec::encode_what_if(result.what_if, style)}})
        << "\n";
    return 0;
  });
}

}  // namespace wareflow::app
