#include "api/render_planning.h"

#include <cmath>

#include "api/handler_kit.h"
#include "codec/simulation_json.h"
#include "core/json.h"
#include "core/time.h"

namespace wareflow::api {
namespace {

constexpr int64_t kDayMs = 86'400'000;

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

double rounded(double v, double scale = 1000) { return std::round(v * scale) / scale; }

}  // namespace

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
  json::array late;
  for (const auto& l : f.late) {
    late.push_back(json::object{{"fulfillment_id", l.fulfillment_id},
                                {"order_id", l.order_id},
                                {"ship_by", opt_time(l.ship_by_ms)},
                                {"predicted_ship_at", opt_time(l.predicted_ship_ms)}});
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
      {"on_time_rate", codec::encode_on_time_rate(r.on_time_rate, codec::kApiStyle)},
      {"unshipped_orders", r.unshipped_orders},
      {"makespan_ms", opt(r.makespan_ms)},
      {"stages", codec::encode_stages(r.stages, codec::kApiStyle)},
      {"late", std::move(late)},
      {"what_if", codec::encode_what_if(r.what_if, codec::kApiStyle)}};
}

json::value render(const oms::ForecastRefreshReport& report) {
  json::object models;
  for (const auto& [m, n] : report.models) models[m] = n;
  return json::object{{"warehouse", report.warehouse},
                      {"computed_at", format_rfc3339(report.computed_at_ms)},
                      {"products", report.products},
                      {"forecasted", report.forecasted},
                      {"models", std::move(models)},
                      {"threads", report.threads},
                      {"read_ms", json_number(std::round(report.read_ms))},
                      {"fit_ms", json_number(std::round(report.fit_ms))},
                      {"write_ms", json_number(std::round(report.write_ms))}};
}

json::value render(const oms::DemandHistory& h) {
  json::array days;
  for (size_t d = 0; d < h.units.size(); ++d) {
    days.push_back(json::object{
        {"date", format_rfc3339(h.first_day_ms + static_cast<int64_t>(d) * kDayMs).substr(0, 10)},
        {"units", h.units[d]},
        {"stock_out", static_cast<bool>(h.stock_out[d])}});
  }
  return json::object{{"sku", h.sku},
                      {"warehouse", opt(h.warehouse)},
                      {"channel", opt(h.channel)},
                      {"days", std::move(days)}};
}

json::value render(const oms::DemandForecast& f, int64_t today_ms) {
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
      {"backtest_mase",
       f.forecast.backtest_mase ? json_number(*f.forecast.backtest_mase) : json::value(nullptr)},
      {"dates", day_dates(today_ms, f.forecast.values.size())},
      {"values", numbers(f.forecast.values)},
      {"lower", numbers(f.forecast.lower)},
      {"upper", numbers(f.forecast.upper)},
      {"total", json_number(std::round(total * 1000) / 1000)}};
}

}  // namespace wareflow::api
