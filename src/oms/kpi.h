// Order KPIs over a window: how many orders came and went, how long they took
// from placement to shipment and delivery, how many shipments met their
// ship-by, and how much was backordered at capture. Read-only.
//
// Definitions (window [from, to), optionally one channel):
//  - orders_placed: orders created in the window; orders_cancelled: of those,
//    the ones now cancelled;
//  - orders_shipped: orders completely shipped (status shipped or delivered)
//    whose last shipment left in the window; ship_cycle_time_ms over them:
//    last shipment minus placement (mean, p50, p90; null when none);
//  - orders_delivered / delivery_cycle_time_ms: likewise for orders whose last
//    delivery was in the window;
//  - on_time_ship_rate: of the fulfillments shipped in the window that had a
//    ship-by, the share shipped by it (null when none);
//  - backorder_rate: of the orders placed in the window, the share that
//    could not be allocated in full at capture (their order.backordered
//    event); fill_rate_at_capture: 1 - units backordered at capture / units
//    ordered (null when nothing was ordered).
// Percentiles are nearest-rank.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace wareflow::oms {

struct CycleTime {
  double mean_ms = 0;
  int64_t p50_ms = 0, p90_ms = 0;
};

struct OrderKpis {
  int64_t from_ms = 0, to_ms = 0;
  std::optional<std::string> channel;
  int64_t orders_placed = 0, orders_cancelled = 0;
  int64_t orders_shipped = 0, orders_delivered = 0;
  std::optional<CycleTime> ship_cycle_time, delivery_cycle_time;
  int64_t fulfillments_shipped_with_ship_by = 0, fulfillments_shipped_on_time = 0;
  std::optional<double> on_time_ship_rate;
  int64_t units_ordered = 0, units_backordered_at_capture = 0, orders_backordered = 0;
  std::optional<double> backorder_rate, fill_rate_at_capture;
};

// 422 unknown_channel (field channel).
OrderKpis order_kpis(store::Tx& tx, int64_t from_ms, int64_t to_ms,
                     const std::optional<std::string>& channel);

}  // namespace wareflow::oms
