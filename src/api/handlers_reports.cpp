// Routes of reports: the operations dashboard and the KPIs over a window
// (orders, throughput, sales, inventory accuracy, shrinkage, productivity,
// space, dock to stock), each as JSON or, with format=csv, as CSV. Thin,
// like handlers.cpp: parse, one service call on one snapshot, render.
#include <cmath>

#include "api/book_mask.h"
#include "api/csv_report.h"
#include "api/handler_kit.h"
#include "core/json.h"
#include "numeric/wide.h"
#include "reporting/dashboard.h"
#include "reporting/kpi.h"
#include "wms/counting.h"
#include "wms/tasks.h"

namespace wareflow::api {
namespace {

json::value cycle(const std::optional<reporting::CycleTime>& c) {
  if (!c) return nullptr;
  return json::object{{"mean_ms", json_number(std::round(c->mean_ms))},
                      {"p50_ms", c->p50_ms},
                      {"p90_ms", c->p90_ms}};
}

json::value rate(const std::optional<double>& r) {
  return r ? json_number(std::round(*r * 10000) / 10000) : json::value(nullptr);
}

// A report: JSON, or with format=csv the rows under `rows_key` (the whole
// object as one row when rows_key is empty) as a CSV attachment.
template <class Fn>
void answer_report(store::Database& db, const CallPtr& call, const std::string& name,
                   const std::string& rows_key, const std::vector<std::string>& columns, Fn fn) {
  std::string format = query_opt(call->request, "format").value_or("json");
  if (format != "json" && format != "csv")
    throw_invalid_field("format", "format must be json or csv");
  json::value body;
  db.read_reports([&](store::Tx& tx) { body = fn(tx); });
  if (format == "json") return call->respond(json_response(200, body));
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = rows_key.empty() ? object_to_csv(body.as_object())
                            : rows_to_csv(body.as_object().at(rows_key).as_array(), columns);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  call->respond(std::move(r));
}

// The bucket of a throughput report: hour (default) or day.
int64_t query_bucket(const Request& request) {
  std::string bucket = query_opt(request, "bucket").value_or("hour");
  if (bucket == "hour") return 3'600'000;
  if (bucket == "day") return 86'400'000;
  throw_invalid_field("bucket", "bucket must be hour or day");
}

}  // namespace

void register_report_routes(Router& r, store::Database& db) {
  // Reports read on the report replica when there is one (read_reports).
  auto read = [&db](const CallPtr& call, auto fn) {
    json::value body;
    db.read_reports([&](store::Tx& tx) { body = fn(tx); });
    call->respond(json_response(200, body));
  };
  // A report whose rows always exist (or a one-row report: rows_key empty).
  auto report = [&db](const CallPtr& call, const std::string& name, const std::string& rows_key,
                      auto fn) { answer_report(db, call, name, rows_key, {}, fn); };
  // A report that may have no rows: its CSV header, for then.
  auto report_with = [&db](const CallPtr& call, const std::string& name,
                           const std::string& rows_key, const std::vector<std::string>& columns,
                           auto fn) { answer_report(db, call, name, rows_key, columns, fn); };

  r.add("GET", "/api/v1/reports/dashboard", kAll, [read](const CallPtr& call) {
    auto warehouse = query_opt(call->request, "warehouse");
    read(call, [&](store::Tx& tx) {
      reporting::Dashboard d = reporting::dashboard(tx, warehouse);
      json::object by_status;
      for (const auto& [status, n] : d.orders_by_status) by_status[status] = n;
      json::array pipeline, late, hours, backorders, faces;
      for (const auto& s : d.pipeline) {
        pipeline.push_back(json::object{{"stage", s.stage},
                                        {"fulfillments", s.fulfillments},
                                        {"units", s.units},
                                        {"late", s.late},
                                        {"at_risk", s.at_risk}});
      }
      for (const auto& f : d.late) {
        late.push_back(json::object{{"fulfillment_id", f.fulfillment_id},
                                    {"order_id", f.order_id},
                                    {"warehouse", f.warehouse},
                                    {"status", f.status},
                                    {"ship_by", format_rfc3339(f.ship_by_ms)},
                                    {"late", f.late}});
      }
      for (const auto& h : d.hours) {
        hours.push_back(json::object{{"hour", format_rfc3339(h.start_ms)},
                                     {"units_picked", h.units_picked},
                                     {"orders_shipped", h.orders_shipped}});
      }
      for (const auto& b : d.backorders) {
        backorders.push_back(json::object{{"sku", b.sku}, {"units", b.units}});
      }
      // A pick face under an open count is left out for a counter: being
      // below its minimum tells its book quantity roughly.
      auto mask = BookMask::of(tx, call->principal.role, std::nullopt);
      for (const auto& f : d.pick_faces_below_min) {
        if (mask.hides(f.warehouse, f.location)) continue;
        faces.push_back(json::object{{"warehouse", f.warehouse},
                                     {"location", f.location},
                                     {"sku", f.sku},
                                     {"on_hand", f.on_hand},
                                     {"min", f.min_quantity},
                                     {"max", f.max_quantity}});
      }
      return json::object{{"as_of", format_rfc3339(d.as_of_ms)},
                          {"warehouse", opt(d.warehouse)},
                          {"orders_by_status", std::move(by_status)},
                          {"pipeline", std::move(pipeline)},
                          {"late", std::move(late)},
                          {"today", json::object{{"from", format_rfc3339(d.today_from_ms)},
                                                 {"hours", std::move(hours)}}},
                          {"alerts", json::object{{"backorders", std::move(backorders)},
                                                  {"pick_faces_below_min", std::move(faces)}}}};
    });
  });

  r.add("GET", "/api/v1/reports/orders", kAll, [report](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    auto channel = query_opt(call->request, "channel");
    report(call, "orders", "", [&](store::Tx& tx) {
      reporting::OrderKpis k = reporting::order_kpis(tx, from, to, channel);
      return json::object{
          {"from", format_rfc3339(k.from_ms)},
          {"to", format_rfc3339(k.to_ms)},
          {"channel", opt(k.channel)},
          {"orders_placed", k.orders_placed},
          {"orders_cancelled", k.orders_cancelled},
          {"orders_shipped", k.orders_shipped},
          {"orders_delivered", k.orders_delivered},
          {"ship_cycle_time", cycle(k.ship_cycle_time)},
          {"delivery_cycle_time", cycle(k.delivery_cycle_time)},
          {"fulfillments_shipped_with_ship_by", k.fulfillments_shipped_with_ship_by},
          {"fulfillments_shipped_on_time", k.fulfillments_shipped_on_time},
          {"on_time_ship_rate", rate(k.on_time_ship_rate)},
          {"units_ordered", k.units_ordered},
          {"units_backordered_at_capture", k.units_backordered_at_capture},
          {"orders_backordered", k.orders_backordered},
          {"backorder_rate", rate(k.backorder_rate)},
          {"fill_rate_at_capture", rate(k.fill_rate_at_capture)},
          {"perfect_orders", k.perfect_orders},
          {"perfect_order_rate", rate(k.perfect_order_rate)}};
    });
  });
  r.add("GET", "/api/v1/reports/inventory-accuracy", kAll, [report_with](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    report_with(call, "inventory-accuracy", "days",
                {"locations_counted", "locations_exact", "units_expected", "units_abs_variance",
                 "record_accuracy", "unit_accuracy", "day"},
                [&](store::Tx& tx) {
                  json::array days;
                  json::value total = nullptr;
                  for (const auto& p :
                       wms::inventory_accuracy(tx, query_warehouse(tx, call->request), from, to)) {
                    json::object row{{"locations_counted", p.locations_counted},
                                     {"locations_exact", p.locations_exact},
                                     {"units_expected", p.units_expected},
                                     {"units_abs_variance", p.units_abs_variance},
                                     {"record_accuracy", json_number(p.record_accuracy)},
                                     {"unit_accuracy", json_number(p.unit_accuracy)}};
                    if (p.day == "total") {
                      total = std::move(row);
                    } else {
                      row["day"] = p.day;
                      days.push_back(std::move(row));
                    }
                  }
                  return json::object{{"from", format_rfc3339(from)},
                                      {"to", format_rfc3339(to)},
                                      {"total", total},
                                      {"days", std::move(days)}};
                });
  });
  r.add("GET", "/api/v1/reports/shrinkage", kAll, [report_with](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    report_with(
        call, "shrinkage", "rows", {"sku", "location", "reason", "units_lost", "value_minor"},
        [&](store::Tx& tx) {
          auto lost = wms::shrinkage(tx, query_warehouse(tx, call->request), from, to);
          json::array rows, days;
          for (const auto& row : lost.rows) {
            rows.push_back(json::object{{"sku", row.sku},
                                        {"location", row.location},
                                        {"reason", row.reason},
                                        {"units_lost", row.units_lost},
                                        {"value_minor", opt(row.value_minor)}});
          }
          for (const auto& d : lost.days) {
            days.push_back(json::object{
                {"day", d.day}, {"units_lost", d.units_lost}, {"value_minor", d.value_minor}});
          }
          return json::object{{"from", format_rfc3339(from)},  {"to", format_rfc3339(to)},
                              {"units_lost", lost.units_lost}, {"value_minor", lost.value_minor},
                              {"rows", std::move(rows)},       {"days", std::move(days)}};
        });
  });
  r.add("GET", "/api/v1/reports/productivity", kAll, [report_with](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    report_with(call, "productivity", "rows",
                {"worker", "type", "tasks", "units", "busy_ms", "travel_mm", "units_per_hour",
                 "tasks_per_hour"},
                [&](store::Tx& tx) {
                  json::array rows;
                  for (const auto& p :
                       wms::productivity(tx, query_warehouse(tx, call->request), from, to)) {
                    rows.push_back(json::object{{"worker", p.worker},
                                                {"type", p.type},
                                                {"tasks", p.tasks},
                                                {"units", p.units},
                                                {"busy_ms", p.busy_ms},
                                                {"travel_mm", p.travel_mm},
                                                {"units_per_hour", json_number(p.units_per_hour)},
                                                {"tasks_per_hour", json_number(p.tasks_per_hour)}});
                  }
                  return json::object{{"from", format_rfc3339(from)},
                                      {"to", format_rfc3339(to)},
                                      {"rows", std::move(rows)}};
                });
  });
  r.add("GET", "/api/v1/reports/throughput", kAll, [report](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    int64_t bucket = query_bucket(call->request);
    report(call, "throughput", "buckets", [&](store::Tx& tx) {
      reporting::Throughput t =
          reporting::throughput(tx, query_warehouse(tx, call->request), from, to, bucket);
      json::array buckets;
      for (const auto& b : t.buckets) {
        buckets.push_back(json::object{{"start", format_rfc3339(b.start_ms)},
                                       {"units_picked", b.units_picked},
                                       {"pick_lines", b.pick_lines},
                                       {"units_shipped", b.units_shipped},
                                       {"orders_shipped", b.orders_shipped}});
      }
      auto per_hour = [](const std::optional<double>& v) {
        return v ? json_number(std::round(*v * 100) / 100) : json::value(nullptr);
      };
      return json::object{{"from", format_rfc3339(t.from_ms)},
                          {"to", format_rfc3339(t.to_ms)},
                          {"bucket", bucket == 3'600'000 ? "hour" : "day"},
                          {"units_picked", t.units_picked},
                          {"units_shipped", t.units_shipped},
                          {"orders_shipped", t.orders_shipped},
                          {"units_picked_per_hour", per_hour(t.units_picked_per_hour)},
                          {"orders_shipped_per_hour", per_hour(t.orders_shipped_per_hour)},
                          {"buckets", std::move(buckets)}};
    });
  });
  r.add("GET", "/api/v1/reports/sales", kAll, [report](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    std::string group = query_opt(call->request, "group").value_or("day");
    auto channel = query_opt(call->request, "channel");
    int64_t limit = query_limit(call->request);
    report(call, "sales-by-" + group, "rows", [&](store::Tx& tx) {
      reporting::SalesReport s = reporting::sales(tx, from, to, group, channel, limit);
      json::array rows;
      for (const auto& row : s.rows) {
        json::object revenue;
        for (const auto& [currency, amount] : row.revenue_minor) revenue[currency] = amount;
        rows.push_back(json::object{{"key", row.key},
                                    {"orders", row.orders},
                                    {"units", row.units},
                                    {"revenue_minor", std::move(revenue)},
                                    {"revenue_saturated", row.revenue_saturated},
                                    {"prior_units", row.prior_units},
                                    {"change", rate(row.change)}});
      }
      return json::object{{"from", format_rfc3339(s.from_ms)},
                          {"to", format_rfc3339(s.to_ms)},
                          {"group", s.group},
                          {"channel", opt(channel)},
                          {"units", s.units},
                          {"prior_units", s.prior_units},
                          {"change", rate(s.change)},
                          {"rows", std::move(rows)}};
    });
  });
  r.add("GET", "/api/v1/reports/space", kAll, [report](const CallPtr& call) {
    auto code = query_opt(call->request, "warehouse");
    if (!code) throw_invalid_field("warehouse", "warehouse is required");
    report(call, "space", "zones", [&](store::Tx& tx) {
      auto warehouse = wms::require_warehouse(tx, *code, 422, "warehouse");
      // A zone with a location under an open count shows a counter no use or
      // occupancy (less the locations shown, they are that location's stock);
      // nor then does the total.
      auto mask = BookMask::of(tx, call->principal.role, warehouse.id);
      json::array zones;
      numeric::Sum capacity, used;  // saturated zones add up without wrapping
      for (const auto& z : reporting::space_utilisation(tx, warehouse.id)) {
        capacity += z.capacity_cm3;
        used += z.used_cm3;
        json::object zone{{"zone", z.zone},         {"locations", z.locations},
                          {"occupied", z.occupied}, {"capacity_cm3", z.capacity_cm3},
                          {"used_cm3", z.used_cm3}, {"utilisation", rate(z.utilisation)}};
        if (mask.hides_zone(warehouse.code, z.zone)) {
          zone["hidden"] = kHiddenOpenCount;
          zone["occupied"] = zone["used_cm3"] = zone["utilisation"] = nullptr;
        }
        zones.push_back(std::move(zone));
      }
      json::value used_total = used.value();
      json::value utilisation =
          capacity.value() > 0
              ? rate(static_cast<double>(used.value()) / static_cast<double>(capacity.value()))
              : nullptr;
      if (mask.hides_warehouse(warehouse.code)) used_total = utilisation = nullptr;
      return json::object{{"warehouse", *code},
                          {"as_of", format_rfc3339(tx.now_ms())},
                          {"capacity_cm3", capacity.value()},
                          {"used_cm3", used_total},
                          {"utilisation", utilisation},
                          {"zones", std::move(zones)}};
    });
  });
  r.add("GET", "/api/v1/reports/dock-to-stock", kAll, [report](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    report(call, "dock-to-stock", "", [&](store::Tx& tx) {
      reporting::DockToStock d =
          reporting::dock_to_stock(tx, query_warehouse(tx, call->request), from, to);
      return json::object{{"from", format_rfc3339(from)},
                          {"to", format_rfc3339(to)},
                          {"receipts", d.receipts},
                          {"units", d.units},
                          {"dock_to_stock", cycle(d.time)}};
    });
  });
}

}  // namespace wareflow::api
