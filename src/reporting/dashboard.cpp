#include "reporting/dashboard.h"

#include <algorithm>

#include "wms/layout.h"
#include "wms/tasks.h"

namespace wareflow::reporting {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr const char* kStages[] = {"released", "picking", "picked", "packed"};
constexpr const char* kOrderStatuses[] = {"allocated",         "backordered", "in_fulfillment",
                                          "partially_shipped", "shipped",     "delivered",
                                          "on_hold",           "cancelled"};

}  // namespace

Dashboard dashboard(store::Tx& tx, const std::optional<std::string>& warehouse) {
  Dashboard d;
  d.as_of_ms = tx.now_ms();
  d.warehouse = warehouse;
  int64_t warehouse_id = 0;  // 0: all
  if (warehouse) warehouse_id = wms::require_warehouse(tx, *warehouse, 422, "warehouse").id;
  const int64_t now = d.as_of_ms;

  for (const char* status : kOrderStatuses) d.orders_by_status[status] = 0;
  {
    auto q = tx.query("SELECT status, COUNT(*) FROM orders GROUP BY status");
    while (q.next()) d.orders_by_status[q.text(0)] = q.i64(1);
  }

  for (const char* stage : kStages) d.pipeline.push_back({stage});
  {
    auto q = tx.query(
        "SELECT f.id, f.order_id, w.code, f.status, f.ship_by_ms, (SELECT COALESCE(SUM("
        "fl.allocated + fl.picked + fl.packed), 0) FROM fulfillment_lines fl WHERE "
        "fl.fulfillment_id = f.id) FROM fulfillments f JOIN warehouses w ON w.id = f.warehouse_id "
        "WHERE f.status IN ('released', 'picking', 'picked', 'packed') AND ($1 = 0 OR "
        "f.warehouse_id = $1)",
        warehouse_id);
    while (q.next()) {
      std::string status = q.text(3);
      PipelineStage* stage = nullptr;
      for (auto& s : d.pipeline) {
        if (s.stage == status) stage = &s;
      }
      std::optional<int64_t> ship_by = q.opt_i64(4);
      stage->fulfillments += 1;
      stage->units += q.i64(5);
      if (!ship_by || *ship_by > now + kAtRiskWindowMs) continue;
      bool late = *ship_by < now;
      (late ? stage->late : stage->at_risk) += 1;
      d.late.push_back({q.i64(0), q.i64(1), q.text(2), status, *ship_by, late});
    }
  }
  std::sort(d.late.begin(), d.late.end(), [](const LateFulfillment& a, const LateFulfillment& b) {
    return a.ship_by_ms != b.ship_by_ms ? a.ship_by_ms < b.ship_by_ms
                                        : a.fulfillment_id < b.fulfillment_id;
  });
  if (d.late.size() > 50) d.late.resize(50);

  d.today_from_ms = now / kDayMs * kDayMs;
  // Today's hours, up to the current one: the throughput report's buckets.
  d.hours = throughput(tx, warehouse ? std::optional<int64_t>(warehouse_id) : std::nullopt,
                       d.today_from_ms, now + 1, kHourMs)
                .buckets;

  {
    auto q = tx.query(
        "SELECT p.sku, SUM(ol.backordered) FROM order_lines ol JOIN products p ON p.id = "
        "ol.product_id WHERE ol.backordered > 0 GROUP BY p.sku ORDER BY 2 DESC, p.sku LIMIT 20");
    while (q.next()) d.backorders.push_back({q.text(0), q.i64(1)});
  }

  std::vector<wms::Warehouse> warehouses;
  if (warehouse) {
    warehouses.push_back(wms::require_warehouse(tx, *warehouse, 422, "warehouse"));
  } else {
    warehouses = wms::list_warehouses(tx, "", 1000);
  }
  for (const auto& w : warehouses) {
    for (const auto& face : wms::list_pick_faces(tx, w.id)) {
      if (face.on_hand < face.min_quantity) {
        d.pick_faces_below_min.push_back(
            {w.code, face.location, face.sku, face.on_hand, face.min_quantity, face.max_quantity});
      }
    }
  }
  return d;
}

}  // namespace wareflow::reporting
