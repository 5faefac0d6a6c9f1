// Routes of planning and insight: demand history and forecasts per product,
// supplier terms, the kept forecasts' refresh, reorder suggestions and a
// suggestion made a purchase order. Thin, like handlers.cpp: parse, one
// service call in one transaction, render.
#include <fmt/format.h>

#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <thread>

#include "api/handler_kit.h"
#include "core/json.h"
#include "core/time.h"
#include "oms/demand.h"
#include "oms/purchasing.h"
#include "wms/bottlenecks.h"
#include "wms/inbound.h"

namespace wareflow::api {
namespace {

constexpr int64_t kDayMs = 86'400'000;

// The query parameters both routes share.
oms::DemandQuery demand_query(const Request& request) {
  oms::DemandQuery q;
  q.sku = query_text(request, "sku");
  if (q.sku.empty()) throw_invalid_field("sku", "sku is required");
  q.warehouse = query_opt(request, "warehouse");
  q.channel = query_opt(request, "channel");
  q.days = query_positive_int(request, "days", "a number of days from 1 to 730").value_or(90);
  if (q.days > 730) throw_invalid_field("days", "days must be a number of days from 1 to 730");
  return q;
}

json::array day_dates(int64_t first_day_ms, size_t count) {
  json::array dates;
  for (size_t d = 0; d < count; ++d) {
    dates.emplace_back(
        format_rfc3339(first_day_ms + static_cast<int64_t>(d) * kDayMs).substr(0, 10));
  }
  return dates;
}

json::array numbers(const std::vector<double>& values) {
  json::array a;
  for (double v : values) a.push_back(json_number(std::round(v * 1000) / 1000));
  return a;
}

json::value render(const oms::SupplierProduct& t) {
  return json::object{{"supplier", t.supplier},
                      {"sku", t.sku},
                      {"supplier_sku", opt(t.supplier_sku)},
                      {"lead_time_days", json_number(t.lead_time_days)},
                      {"lead_time_sigma_days", json_number(t.lead_time_sigma_days)},
                      {"pack_size", t.pack_size},
                      {"min_order_qty", t.min_order_qty},
                      {"max_order_qty", opt(t.max_order_qty)},
                      {"unit_cost_minor", opt(t.unit_cost_minor)},
                      {"priority", t.priority}};
}

double rounded(double v, double scale = 1000) { return std::round(v * scale) / scale; }

json::value render(const planning::SupplierSuggestion& s, int64_t today_ms,
                   const std::vector<oms::PlannedItem>& items) {
  json::array lines;
  for (const auto& l : s.lines) {
    const planning::ReorderPlan& p = l.plan;
    json::object line{{"sku", l.sku},
                      {"quantity", l.quantity},
                      {"unit_cost_minor", l.unit_cost_minor},
                      {"value_minor", l.value_minor}};
    for (const auto& item : items) {
      if (item.sku == l.sku) {
        line["abc_class"] = std::string(1, item.abc_class);
        line["forecast_model"] = item.forecast_model;
      }
    }
    line["plan"] = json::object{
        {"policy", p.policy},
        {"protection_days", json_number(rounded(p.protection_days))},
        {"demand_mean", json_number(rounded(p.demand_mean))},
        {"demand_sigma", json_number(rounded(p.demand_sigma))},
        {"safety_factor", json_number(rounded(p.safety_factor))},
        {"safety_stock", json_number(rounded(p.safety_stock))},
        {"reorder_point", p.reorder_point},
        {"order_up_to", p.order_up_to},
        {"eoq", p.eoq ? json_number(rounded(*p.eoq)) : json::value(nullptr)},
        {"inventory_position", p.inventory_position},
        {"raw_quantity", p.raw_quantity},
        {"capped_at_maximum", p.capped_at_maximum},
        {"days_of_cover",
         p.days_of_cover ? json_number(rounded(*p.days_of_cover, 10)) : json::value(nullptr)},
        {"stockout_date",
         p.stockout_day
             ? json::value(format_rfc3339(today_ms + *p.stockout_day * kDayMs).substr(0, 10))
             : json::value(nullptr)},
        {"reason", p.reason}};
    lines.push_back(std::move(line));
  }
  return json::object{{"supplier", s.supplier},
                      {"total_units", s.total_units},
                      {"total_value_minor", s.total_value_minor},
                      {"lines", std::move(lines)}};
}

// The reorder query's parameters, from the query string or a JSON body.
template <class Get>
oms::ReorderQuery reorder_query(Get get_text) {
  oms::ReorderQuery q;
  auto text = [&](const char* key) { return get_text(key); };
  auto number = [&](const char* key, double lo, double hi, const std::string& what) {
    std::optional<double> value;
    if (auto t = text(key)) {
      char* end = nullptr;
      double v = std::strtod(t->c_str(), &end);
      if (t->empty() || end != t->c_str() + t->size() || !std::isfinite(v) || v < lo || v > hi) {
        throw_invalid_field(key, std::string(key) + " must be " + what);
      }
      value = v;
    }
    return value;
  };
  auto warehouse = text("warehouse");
  if (!warehouse) throw_invalid_field("warehouse", "warehouse is required");
  q.warehouse = *warehouse;
  q.supplier = text("supplier");
  if (auto policy = text("policy")) {
    if (*policy != "s_S" && *policy != "s_Q" && *policy != "R_S") {
      throw_invalid_field("policy", "policy must be s_S, s_Q or R_S");
    }
    q.policy = *policy;
  }
  q.review_period_days = static_cast<int64_t>(
      number("review_days", 0, 365, "a whole number of days from 0 to 365").value_or(0));
  if (q.policy == "R_S" && q.review_period_days < 1) {
    throw_invalid_field("review_days", "the R_S policy needs review_days of at least 1");
  }
  if (auto level = number("service_level", 0.5, 0.9999, "a share from 0.5 to 0.9999")) {
    planning::ServiceTarget target;
    target.level = *level;
    if (auto measure = text("service_measure")) {
      if (*measure != planning::kCycleServiceLevel && *measure != planning::kFillRate) {
        throw_invalid_field("service_measure",
                            "service_measure must be cycle_service_level or fill_rate");
      }
      target.measure = *measure;
    }
    q.service = target;
  }
  q.ordering_cost_minor =
      static_cast<int64_t>(number("ordering_cost_minor", 0, 1e9, "from 0 to 10^9").value_or(0));
  q.holding_rate_per_year =
      number("holding_rate", 0, 10, "a yearly rate from 0 to 10").value_or(0.25);
  q.history_days = static_cast<int64_t>(
      number("history_days", 28, 730, "a number of days from 28 to 730").value_or(180));
  return q;
}

json::value render(const oms::ReorderSuggestions& s, int64_t today_ms) {
  json::array suppliers, items;
  for (const auto& supplier : s.suppliers) suppliers.push_back(render(supplier, today_ms, s.items));
  for (const auto& item : s.items) {
    items.push_back(json::object{{"sku", item.sku},
                                 {"supplier", item.supplier},
                                 {"abc_class", std::string(1, item.abc_class)},
                                 {"forecast_model", item.forecast_model},
                                 {"forecast_kept", item.forecast_kept}});
  }
  return json::object{
      {"warehouse", s.warehouse}, {"suppliers", std::move(suppliers)}, {"items", std::move(items)}};
}

// Carrier pickups: comma-separated RFC 3339 times, or HH:MM (UTC) for a
// daily pickup at that time: every such time from now through the horizon.
std::vector<int64_t> query_pickups(const Request& request, int64_t now_ms, int64_t hours) {
  std::vector<int64_t> pickups;
  auto text = query_opt(request, "pickups");
  if (!text) return pickups;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t start = 0;
  while (true) {
    size_t comma = text->find(',', start);
    std::string item =
        text->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    bool ok = false;
    if (item.size() == 5 && item[2] == ':' && digit(item[0]) && digit(item[1]) && digit(item[3]) &&
        digit(item[4])) {
      int hh = (item[0] - '0') * 10 + (item[1] - '0'), mm = (item[3] - '0') * 10 + (item[4] - '0');
      if (hh < 24 && mm < 60) {
        ok = true;
        const int64_t end = now_ms + hours * 3'600'000LL;
        for (int64_t day = now_ms / kDayMs * kDayMs; day <= end; day += kDayMs) {
          int64_t at = day + (hh * 60 + mm) * 60'000LL;
          if (at >= now_ms && at <= end) pickups.push_back(at);
        }
      }
    } else if (auto at = parse_rfc3339(item, false)) {
      ok = true;
      pickups.push_back(*at);
    }
    if (!ok) {
      throw_invalid_field("pickups", "pickups must be RFC 3339 times or HH:MM, comma-separated");
    }
    if (pickups.size() > 400) throw_invalid_field("pickups", "at most 400 pickups");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return pickups;
}

json::value render(const wms::MeasuredTime& m) {
  return json::object{{"per_order_ms", m.time.per_order_ms},
                      {"per_line_ms", m.time.per_line_ms},
                      {"per_unit_ms", m.time.per_unit_ms},
                      {"cv", json_number(std::round(m.time.cv * 1000) / 1000)},
                      {"source", m.source},
                      {"samples", m.samples}};
}

json::value render(const wms::BottleneckForecast& f) {
  const planning::SimulationResult& r = f.result;
  json::array stages, late, what_if;
  for (const auto& st : r.stages) {
    json::array backlog;
    for (const auto& b : st.backlog) {
      backlog.push_back(json::object{
          {"at", format_rfc3339(b.at_ms)}, {"queued", b.queued}, {"in_progress", b.in_progress}});
    }
    stages.push_back(
        json::object{{"stage", st.stage},
                     {"orders", st.orders},
                     {"unfinished", st.unfinished},
                     {"clear_at", opt_time(st.clear_ms)},
                     {"utilisation", json_number(std::round(st.utilisation * 1000) / 1000)},
                     {"backlog", std::move(backlog)}});
  }
  for (const auto& l : f.late) {
    late.push_back(json::object{{"fulfillment_id", l.fulfillment_id},
                                {"order_id", l.order_id},
                                {"ship_by", opt_time(l.ship_by_ms)},
                                {"predicted_ship_at", opt_time(l.predicted_ship_ms)}});
  }
  for (const auto& w : r.what_if) {
    what_if.push_back(json::object{{"name", w.name},
                                   {"extra_pickers", w.extra_pickers},
                                   {"extra_packers", w.extra_packers},
                                   {"extra_loaders", w.extra_loaders},
                                   {"late_orders", w.late_orders},
                                   {"unshipped_orders", w.unshipped_orders},
                                   {"pick_clear_at", opt_time(w.pick_clear_ms)},
                                   {"pack_clear_at", opt_time(w.pack_clear_ms)},
                                   {"ship_clear_at", opt_time(w.ship_clear_ms)},
                                   {"makespan_ms", opt(w.makespan_ms)}});
  }
  return json::object{
      {"warehouse", f.warehouse},
      {"start", format_rfc3339(f.start_ms)},
      {"task_times",
       json::object{{"pick", render(f.pick)}, {"pack", render(f.pack)}, {"ship", render(f.ship)}}},
      {"open", json::object{{"released", f.released},
                            {"picking", f.picking},
                            {"picked", f.picked},
                            {"packed", f.packed}}},
      {"late_orders", r.late_orders},
      {"orders_with_cutoff", r.orders_with_cutoff},
      {"on_time_rate", json_number(std::round(r.on_time_rate * 10000) / 10000)},
      {"unshipped_orders", r.unshipped_orders},
      {"makespan_ms", opt(r.makespan_ms)},
      {"stages", std::move(stages)},
      {"late", std::move(late)},
      {"what_if", std::move(what_if)}};
}

// One forecast refresh at a time: a second request while one runs is refused.
std::atomic<bool> refresh_running{false};

}  // namespace

void wait_for_planning_jobs() {
  while (refresh_running) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

void register_planning_routes(Router& r, store::Database& db) {
  auto read = [&db](const CallPtr& call, auto fn) { answer_read(db, call, fn); };

  r.add("GET", "/api/v1/planning/demand", kAll, [read](const CallPtr& call) {
    oms::DemandQuery q = demand_query(call->request);
    read(call, [&](store::Tx& tx) {
      oms::DemandHistory h = oms::demand_history(tx, q);
      json::array days;
      for (size_t d = 0; d < h.units.size(); ++d) {
        days.push_back(json::object{
            {"date",
             format_rfc3339(h.first_day_ms + static_cast<int64_t>(d) * kDayMs).substr(0, 10)},
            {"units", h.units[d]},
            {"stock_out", static_cast<bool>(h.stock_out[d])}});
      }
      return json::object{{"sku", h.sku},
                          {"warehouse", opt(h.warehouse)},
                          {"channel", opt(h.channel)},
                          {"days", std::move(days)}};
    });
  });

  r.add("GET", "/api/v1/planning/forecasts", kAll, [read](const CallPtr& call) {
    oms::DemandQuery q = demand_query(call->request);
    planning::ForecastOptions options;
    options.horizon =
        query_positive_int(call->request, "horizon", "a number of days from 1 to 365").value_or(28);
    if (options.horizon > 365) {
      throw_invalid_field("horizon", "horizon must be a number of days from 1 to 365");
    }
    options.model = query_opt(call->request, "model").value_or("auto");
    read(call, [&](store::Tx& tx) {
      oms::DemandForecast f = oms::forecast_demand(tx, q, options);
      const int64_t today_ms = tx.now_ms() / kDayMs * kDayMs;
      double total = 0;
      for (double v : f.forecast.values) total += v;
      return json::object{
          {"sku", f.history.sku},
          {"warehouse", opt(f.history.warehouse)},
          {"channel", opt(f.history.channel)},
          {"history_days", static_cast<int64_t>(f.history.units.size())},
          {"stock_out_days", f.stock_out_days},
          {"model", f.forecast.model},
          {"variant", f.forecast.variant},
          {"backtest_mase", f.forecast.backtest_mase ? json_number(*f.forecast.backtest_mase)
                                                     : json::value(nullptr)},
          {"dates", day_dates(today_ms, f.forecast.values.size())},
          {"values", numbers(f.forecast.values)},
          {"lower", numbers(f.forecast.lower)},
          {"upper", numbers(f.forecast.upper)},
          {"total", json_number(std::round(total * 1000) / 1000)}};
    });
  });
  auto write = [&db](const CallPtr& call, int status, auto fn) {
    answer_write(db, call, status, fn);
  };

  r.add("GET", "/api/v1/planning/bottlenecks", kAll, [read](const CallPtr& call) {
    const Request& req = call->request;
    wms::BottleneckQuery q;
    auto warehouse = query_opt(req, "warehouse");
    if (!warehouse) throw_invalid_field("warehouse", "warehouse is required");
    q.warehouse = *warehouse;
    q.hours = query_int(req, "hours", 1, 72).value_or(8);
    q.pickers = query_int(req, "pickers", 0, 10'000).value_or(0);
    q.packers = query_int(req, "packers", 0, 10'000).value_or(0);
    q.loaders = query_int(req, "loaders", 0, 10'000);
    q.history_days = query_int(req, "history_days", 1, 365).value_or(30);
    q.seed = static_cast<uint64_t>(query_int(req, "seed", 0, INT64_MAX).value_or(1));
    auto time_of = [&](const char* order, const char* unit) -> std::optional<planning::TaskTime> {
      auto per_order = query_int(req, order, 0, 86'400'000);
      auto per_unit = query_int(req, unit, 0, 86'400'000);
      if (!per_order && !per_unit) return std::nullopt;
      // Times given in the query are taken as exact (no spread): a plan to check by hand.
      return planning::TaskTime{per_order.value_or(0), 0, per_unit.value_or(0), 0};
    };
    q.pick = time_of("pick_per_order_ms", "pick_per_unit_ms");
    q.pack = time_of("pack_per_order_ms", "pack_per_unit_ms");
    q.ship = time_of("ship_per_order_ms", "ship_per_unit_ms");
    q.carrier_pickups_ms = query_pickups(req, now_ms(), q.hours);
    read(call, [&](store::Tx& tx) { return render(wms::forecast_bottlenecks(tx, q)); });
  });

  // ---- supplier terms
  r.add("PUT", "/api/v1/suppliers/{code}/products/{sku}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    oms::SupplierProduct t;
    t.supplier = call->param("code");
    t.sku = call->param("sku");
    t.supplier_sku = in.optional_string("supplier_sku", 64);
    t.lead_time_days = in.optional_number("lead_time_days", 0, 365).value_or(-1);
    if (t.lead_time_days < 0) throw_invalid_field("lead_time_days", "lead_time_days is required");
    t.lead_time_sigma_days = in.optional_number("lead_time_sigma_days", 0, 365).value_or(0);
    t.pack_size = in.optional_int("pack_size", 1, 1'000'000).value_or(1);
    t.min_order_qty = in.optional_int("min_order_qty", 0, 1'000'000).value_or(0);
    t.max_order_qty = in.optional_int("max_order_qty", 1, 1'000'000);
    t.unit_cost_minor = in.optional_int("unit_cost_minor", 0, 1'000'000'000'000);
    t.priority = in.optional_int("priority", 1, 1000).value_or(1);
    write(call, 200, [t](store::Tx& tx, int& status) {
      auto result = oms::put_supplier_product(tx, t);
      status = result.created ? 201 : 200;
      return render(result.terms);
    });
  });
  r.add("GET", "/api/v1/suppliers/{code}/products", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      auto list = oms::list_supplier_products(tx, call->param("code"), after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& t : list) items.push_back(render(t));
      return json::object{{"products", std::move(items)},
                          {"next_cursor", next_cursor(more, list.empty() ? "" : list.back().sku)}};
    });
  });
  r.add("DELETE", "/api/v1/suppliers/{code}/products/{sku}", kManagers,
        [write](const CallPtr& call) {
          std::string supplier = call->param("code"), sku = call->param("sku");
          write(call, 200, [supplier, sku](store::Tx& tx, int&) {
            oms::delete_supplier_product(tx, supplier, sku);
            return json::object{{"supplier", supplier}, {"sku", sku}, {"deleted", true}};
          });
        });

  // ---- kept forecasts, reorder suggestions, purchase orders from them
  r.add("POST", "/api/v1/planning/forecasts/refresh", kManagers, [&db](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    oms::ForecastRefreshOptions options;
    options.warehouse = in.required_string("warehouse", 64);
    options.history_days = in.optional_int("history_days", 28, 730).value_or(180);
    options.horizon = in.optional_int("horizon", 1, 365).value_or(56);
    options.threads = static_cast<unsigned>(in.optional_int("threads", 1, 64).value_or(0));
    bool expected = false;
    if (!refresh_running.compare_exchange_strong(expected, true)) {
      throw_conflict("refresh_running", "a forecast refresh is running; try again when it is done");
    }
    // Seconds of work: on a thread of its own, so no I/O thread waits on it.
    std::thread([&db, call, options] {
      Response response;
      try {
        oms::ForecastRefreshReport report = oms::refresh_forecasts(db, options);
        json::object models;
        for (const auto& [m, n] : report.models) models[m] = n;
        response =
            json_response(200, json::object{{"warehouse", report.warehouse},
                                            {"computed_at", format_rfc3339(report.computed_at_ms)},
                                            {"products", report.products},
                                            {"forecasted", report.forecasted},
                                            {"models", std::move(models)},
                                            {"threads", report.threads},
                                            {"read_ms", json_number(std::round(report.read_ms))},
                                            {"fit_ms", json_number(std::round(report.fit_ms))},
                                            {"write_ms", json_number(std::round(report.write_ms))}});
      } catch (...) {
        response = problem_from(std::current_exception());
      }
      refresh_running = false;
      call->respond(std::move(response));
    }).detach();
  });
  r.add("GET", "/api/v1/planning/reorder-suggestions", kAll, [read](const CallPtr& call) {
    oms::ReorderQuery q =
        reorder_query([&](const char* key) { return query_opt(call->request, key); });
    read(call, [&](store::Tx& tx) {
      return render(oms::reorder_suggestions(tx, q), tx.now_ms() / kDayMs * kDayMs);
    });
  });
  r.add("POST", "/api/v1/planning/purchase-orders", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    // The body carries the query's parameters as JSON strings or numbers.
    auto get = [&](const char* key) -> std::optional<std::string> {
      auto it = body.find(key);
      if (it == body.end() || it->value().is_null()) return std::nullopt;
      if (it->value().is_string()) return std::string(it->value().get_string());
      if (it->value().is_number()) return json::serialize(it->value());
      throw_invalid_field(key, std::string(key) + " must be a string or a number");
    };
    oms::PurchaseFromSuggestion request;
    request.query = reorder_query(get);
    if (!request.query.supplier) throw_invalid_field("supplier", "supplier is required");
    request.number = in.optional_string("number", 64);
    if (request.number && !is_code(*request.number)) {
      throw_invalid_field("number", "number must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    write(call, 201, [request](store::Tx& tx, int&) {
      auto result = oms::purchase_from_suggestion(tx, request);
      return json::object{
          {"purchase_order", render_purchase_order(result.order)},
          {"suggestion", render(result.suggestion, tx.now_ms() / kDayMs * kDayMs, {})}};
    });
  });
}

}  // namespace wareflow::api
