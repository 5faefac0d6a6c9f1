// Who registers which routes: one function per resource, each in its file
// (routes_<resource>.cpp), called in this order by Api::register_routes. Where
// two routes of one method could match the same path, the earlier wins, so a
// literal path is registered before its {id} sibling in the same file.
// Internal to api/.
#pragma once

#include "api/http_metrics.h"
#include "api/router.h"
#include "jobs/job_runner.h"
#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::api {

// routes_meta.cpp
// (`GET /metrics` renders `metrics`)
void register_meta_routes(Router& r, store::Database& db, const HttpMetrics& metrics);
// routes_products.cpp
void register_product_routes(Router& r, store::Database& db);
// routes_warehouses.cpp
void register_warehouse_routes(Router& r, store::Database& db);
// routes_inventory.cpp
void register_inventory_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_orders.cpp
void register_order_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_picking.cpp
void register_picking_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_fulfillments.cpp
void register_fulfillment_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_events.cpp
void register_event_routes(Router& r, store::Database& db);
// routes_inbound.cpp
void register_inbound_routes(Router& r, store::Database& db);
// routes_tasks.cpp
void register_task_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_counts.cpp
void register_count_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_returns.cpp
void register_return_routes(Router& r, store::Database& db, oms::OrderService& orders);
// routes_carriers.cpp
void register_carrier_routes(Router& r, store::Database& db);
// routes_planning.cpp: demand, forecasts, bottlenecks, supplier terms, reorder
// suggestions; the forecast refresh runs on `jobs`.
void register_planning_routes(Router& r, store::Database& db, jobs::JobRunner& jobs);
// handlers_reports.cpp: the dashboard and the KPI reports.
void register_report_routes(Router& r, store::Database& db);

}  // namespace wareflow::api
