// Routes of planning and insight: demand history and forecasts per product.
// Thin, like handlers.cpp: parse, one service call in one transaction, render.
#include <cmath>

#include "api/handler_kit.h"
#include "core/json.h"
#include "core/time.h"
#include "oms/demand.h"

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

}  // namespace

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
}

}  // namespace wareflow::api
