// Routes of reports: the operations dashboard and the KPIs over a window
// (orders, inventory accuracy, shrinkage, productivity). Thin, like
// handlers.cpp: parse, one service call on one snapshot, render.
#include <cmath>

#include "api/handler_kit.h"
#include "core/json.h"
#include "oms/dashboard.h"
#include "oms/kpi.h"
#include "wms/counting.h"
#include "wms/tasks.h"

namespace wareflow::api {

void register_report_routes(Router& r, store::Database& db) {
  auto read = [&db](const CallPtr& call, auto fn) { answer_read(db, call, fn); };

  r.add("GET", "/api/v1/reports/dashboard", kAll, [read](const CallPtr& call) {
    auto warehouse = query_opt(call->request, "warehouse");
    read(call, [&](store::Tx& tx) {
      oms::Dashboard d = oms::dashboard(tx, warehouse);
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
        hours.push_back(json::object{{"hour", format_rfc3339(h.hour_ms)},
                                     {"units_picked", h.units_picked},
                                     {"orders_shipped", h.orders_shipped}});
      }
      for (const auto& b : d.backorders) {
        backorders.push_back(json::object{{"sku", b.sku}, {"units", b.units}});
      }
      for (const auto& f : d.pick_faces_below_min) {
        faces.push_back(json::object{{"warehouse", f.warehouse},
                                     {"location", f.location},
                                     {"sku", f.sku},
                                     {"on_hand", f.on_hand},
                                     {"min", f.min_quantity},
                                     {"max", f.max_quantity}});
      }
      return json::object{
          {"as_of", format_rfc3339(d.as_of_ms)},
          {"warehouse", opt(d.warehouse)},
          {"orders_by_status", std::move(by_status)},
          {"pipeline", std::move(pipeline)},
          {"late", std::move(late)},
          {"today", json::object{{"from", format_rfc3339(d.today_from_ms)}, {"hours", std::move(hours)}}},
          {"alerts", json::object{{"backorders", std::move(backorders)},
                                  {"pick_faces_below_min", std::move(faces)}}}};
    });
  });

  r.add("GET", "/api/v1/reports/orders", kAll, [read](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    auto channel = query_opt(call->request, "channel");
    read(call, [&](store::Tx& tx) {
      oms::OrderKpis k = oms::order_kpis(tx, from, to, channel);
      auto cycle = [](const std::optional<oms::CycleTime>& c) -> json::value {
        if (!c) return nullptr;
        return json::object{{"mean_ms", json_number(std::round(c->mean_ms))},
                            {"p50_ms", c->p50_ms},
                            {"p90_ms", c->p90_ms}};
      };
      auto rate = [](const std::optional<double>& r) -> json::value {
        return r ? json_number(std::round(*r * 10000) / 10000) : json::value(nullptr);
      };
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
          {"fill_rate_at_capture", rate(k.fill_rate_at_capture)}};
    });
  });
  r.add("GET", "/api/v1/reports/inventory-accuracy", kAll, [read](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    read(call, [&](store::Tx& tx) {
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
  r.add("GET", "/api/v1/reports/shrinkage", kAll, [read](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    read(call, [&](store::Tx& tx) {
      auto report = wms::shrinkage(tx, query_warehouse(tx, call->request), from, to);
      json::array rows, days;
      for (const auto& row : report.rows) {
        rows.push_back(json::object{{"sku", row.sku},
                                    {"location", row.location},
                                    {"reason", row.reason},
                                    {"units_lost", row.units_lost},
                                    {"value_minor", opt(row.value_minor)}});
      }
      for (const auto& d : report.days) {
        days.push_back(json::object{
            {"day", d.day}, {"units_lost", d.units_lost}, {"value_minor", d.value_minor}});
      }
      return json::object{{"from", format_rfc3339(from)},    {"to", format_rfc3339(to)},
                          {"units_lost", report.units_lost}, {"value_minor", report.value_minor},
                          {"rows", std::move(rows)},         {"days", std::move(days)}};
    });
  });
  r.add("GET", "/api/v1/reports/productivity", kAll, [read](const CallPtr& call) {
    auto [from, to] = query_window(call->request);
    read(call, [&](store::Tx& tx) {
      json::array rows;
      for (const auto& p : wms::productivity(tx, query_warehouse(tx, call->request), from, to)) {
        rows.push_back(json::object{{"worker", p.worker},
                                    {"type", p.type},
                                    {"tasks", p.tasks},
                                    {"units", p.units},
                                    {"busy_ms", p.busy_ms},
                                    {"travel_mm", p.travel_mm},
                                    {"units_per_hour", json_number(p.units_per_hour)},
                                    {"tasks_per_hour", json_number(p.tasks_per_hour)}});
      }
      return json::object{
          {"from", format_rfc3339(from)}, {"to", format_rfc3339(to)}, {"rows", std::move(rows)}};
    });
  });
}

}  // namespace wareflow::api
