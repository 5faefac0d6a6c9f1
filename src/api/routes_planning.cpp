// Routes of planning and insight: demand history and forecasts per product,
// the bottleneck forecast, supplier terms, the kept forecasts' refresh (a job
// on the Api's job runner), reorder suggestions and a suggestion made a
// purchase order. Parse, one service call, render (render_planning.h).
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

#include "api/book_mask.h"
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/render_planning.h"
#include "api/routes.h"
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
  q.days = query_int(request, "days", 1, 730, "a number of days from 1 to 730").value_or(q.days);
  return q;
}

// The reorder query's parameters, from the query string or a JSON body.
template <class Get>
oms::ReorderQuery reorder_query(Get get_text) {
  oms::ReorderQuery q;
  auto text = [&](const char* key) { return get_text(key); };
  auto number = [&](const char* key, double lo, double hi, const std::string& what) {
    std::optional<double> value;
    if (auto t = text(key)) {
      value = parse_decimal(*t, lo, hi);
      if (!value) throw_invalid_field(key, std::string(key) + " must be " + what);
    }
    return value;
  };
  auto warehouse = text("warehouse");
  if (!warehouse) throw_invalid_field("warehouse", "warehouse is required");
  q.warehouse = *warehouse;
  q.supplier = text("supplier");
  if (auto policy = text("policy")) {
    oms::check_reorder_policy(*policy);
    q.policy = *policy;
  }
  if (auto review = number("review_days", 0, 365, "a whole number of days from 0 to 365")) {
    q.review_period_days = static_cast<int64_t>(*review);
  }
  oms::check_review_period(q.policy, q.review_period_days);
  if (auto level = number("service_level", 0.5, 0.9999, "a share from 0.5 to 0.9999")) {
    planning::ServiceTarget target;
    target.level = *level;
    if (auto measure = text("service_measure")) {
      oms::check_service_measure(*measure);
      target.measure = *measure;
    }
    q.service = target;
  }
  if (auto cost = number("ordering_cost_minor", 0, 1e9, "from 0 to 10^9")) {
    q.ordering_cost_minor = static_cast<int64_t>(*cost);
  }
  q.holding_rate_per_year =
      number("holding_rate", 0, 10, "a yearly rate from 0 to 10").value_or(q.holding_rate_per_year);
  if (auto days = number("history_days", 28, 730, "a number of days from 28 to 730")) {
    q.history_days = static_cast<int64_t>(*days);
  }
  return q;
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

}  // namespace

void register_planning_routes(Router& r, store::Database& db, jobs::JobRunner& jobs) {
  const ReadOn read{db};
  const WriteOn write{db};

  r.add("GET", "/api/v1/planning/demand", kAll, [read](const CallPtr& call) {
    oms::DemandQuery q = demand_query(call->request);
    read(call, [&](store::Tx& tx) { return render(oms::demand_history(tx, q)); });
  });

  r.add("GET", "/api/v1/planning/forecasts", kAll, [read](const CallPtr& call) {
    oms::DemandQuery q = demand_query(call->request);
    planning::ForecastOptions options;
    options.horizon =
        query_int(call->request, "horizon", 1, 365, "a number of days from 1 to 365").value_or(28);
    options.model = query_opt(call->request, "model").value_or("auto");
    read(call, [&](store::Tx& tx) {
      return render(oms::forecast_demand(tx, q, options), tx.now_ms() / kDayMs * kDayMs);
    });
  });
  r.add("GET", "/api/v1/planning/bottlenecks", kAll, [read](const CallPtr& call) {
    const Request& req = call->request;
    wms::BottleneckQuery q;
    auto warehouse = query_opt(req, "warehouse");
    if (!warehouse) throw_invalid_field("warehouse", "warehouse is required");
    q.warehouse = *warehouse;
    q.hours = query_int(req, "hours", 1, 72).value_or(q.hours);
    q.pickers = query_int(req, "pickers", 0, 10'000).value_or(q.pickers);
    q.packers = query_int(req, "packers", 0, 10'000).value_or(q.packers);
    q.loaders = query_int(req, "loaders", 0, 10'000);
    q.history_days = query_int(req, "history_days", 1, 365).value_or(q.history_days);
    if (auto seed = query_int(req, "seed", 0, INT64_MAX)) q.seed = static_cast<uint64_t>(*seed);
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
  r.add("POST", "/api/v1/planning/forecasts/refresh", kManagers, [&db, &jobs](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    oms::ForecastRefreshOptions options;
    options.warehouse = in.required_string("warehouse", 64);
    options.history_days = in.optional_int("history_days", 28, 730).value_or(options.history_days);
    options.horizon = in.optional_int("horizon", 1, 365).value_or(options.horizon);
    if (auto threads = in.optional_int("threads", 1, 64)) {
      options.threads = static_cast<unsigned>(*threads);
    }
    // Seconds of work: on the job runner, so no I/O thread waits on it. One
    // refresh at a time: a second request while one runs is refused.
    auto answer = std::make_shared<json::value>();
    bool queued = jobs.submit(
        "forecast-refresh",
        [&db, options, answer] { *answer = render(oms::refresh_forecasts(db, options)); },
        [call, answer](std::exception_ptr error) {
          call->respond(error ? problem_from(error) : json_response(200, *answer));
        });
    if (!queued) {
      throw_conflict("refresh_running", "a forecast refresh is running; try again when it is done");
    }
  });
  r.add("GET", "/api/v1/planning/reorder-suggestions", kAll, [read](const CallPtr& call) {
    oms::ReorderQuery q =
        reorder_query([&](const char* key) { return query_opt(call->request, key); });
    read(call, [&](store::Tx& tx) {
      json::value suggestions =
          render(oms::reorder_suggestions(tx, q), tx.now_ms() / kDayMs * kDayMs);
      BookMask::of(tx, call->principal.role, std::nullopt)
          .mask_reorder_suggestions(suggestions.as_object());
      return suggestions;
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
          {"purchase_order", render(result.order)},
          {"suggestion", render(result.suggestion, tx.now_ms() / kDayMs * kDayMs, {})}};
    });
  });
}

}  // namespace wareflow::api
