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
//  - perfect_order_rate: of orders_shipped, the share shipped complete and on
//    time with nothing wrong: no unit cancelled or ever backordered, every
//    shipment with a ship-by shipped by it, no short pick, no return opened.
// Percentiles are nearest-rank.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::reporting {

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
  int64_t perfect_orders = 0;
  std::optional<double> perfect_order_rate;
};

// 422 unknown_channel (field channel).
OrderKpis order_kpis(store::Tx& tx, int64_t from_ms, int64_t to_ms,
                     const std::optional<std::string>& channel);

// ---- throughput ---------------------------------------------------------------

// Work done per bucket (an hour or a day, UTC) of [from, to): units picked
// (ledger moves of reason pick), units and orders shipped (an order counts
// in the bucket of its last shipment in the window), pick lines done.
struct ThroughputBucket {
  int64_t start_ms = 0;
  int64_t units_picked = 0, pick_lines = 0, units_shipped = 0, orders_shipped = 0;
};
struct Throughput {
  int64_t from_ms = 0, to_ms = 0, bucket_ms = 0;
  std::vector<ThroughputBucket> buckets;  // every bucket of the window, empty ones too
  int64_t units_picked = 0, units_shipped = 0, orders_shipped = 0;
  // Per hour over the buckets that saw any work (a night without work does
  // not dilute the rate of a shift).
  std::optional<double> units_picked_per_hour, orders_shipped_per_hour;
};
// bucket_ms: 3,600,000 or 86,400,000; at most 10,000 buckets (422 invalid_field "to").
Throughput throughput(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                      int64_t to_ms, int64_t bucket_ms);

// ---- sales ----------------------------------------------------------------------

// Units and order lines sold in [from, to) by day, channel or SKU (orders
// placed in the window, less cancelled units), each against the same stretch
// earlier: a day against the same weekday of the week before (inside the
// window or not); channels, SKUs and the total against the window moved back
// by its length rounded up to whole weeks (7 days for a window of up to a
// week: week over week; weekdays stay aligned and the two never overlap). change = units / prior -
// 1 (null when the prior is 0). Revenue sums unit price x units in minor units per currency. SKU
// rows: the top `limit` by units.
struct SalesRow {
  std::string key;  // YYYY-MM-DD, channel code or SKU
  int64_t orders = 0, units = 0;
  // By currency, summed exactly in 128 bits; a sum beyond int64 shows as
  // ±9223372036854775807 with revenue_saturated set.
  std::map<std::string, int64_t> revenue_minor;
  bool revenue_saturated = false;
  int64_t prior_units = 0;
  std::optional<double> change;
};
struct SalesReport {
  int64_t from_ms = 0, to_ms = 0;
  std::string group;  // day, channel, sku
  std::vector<SalesRow> rows;
  int64_t units = 0, prior_units = 0;
  std::optional<double> change;
};
// group: "day" (at most 366 days), "channel" or "sku" (422 invalid_field otherwise).
SalesReport sales(store::Tx& tx, int64_t from_ms, int64_t to_ms, const std::string& group,
                  const std::optional<std::string>& channel, int64_t limit);

// ---- warehouse --------------------------------------------------------------------

// Space now, by zone (a location's zone, else its type) of one warehouse's
// storage and pick locations: how many there are and hold stock, their
// volume and the volume of the stock in them (units x product cube).
// Locations without a volume count in `locations` but not in the volumes.
struct ZoneSpace {
  std::string zone;
  int64_t locations = 0, occupied = 0;
  int64_t capacity_cm3 = 0, used_cm3 = 0;
  std::optional<double> utilisation;  // used / capacity; null without capacity
};
std::vector<ZoneSpace> space_utilisation(store::Tx& tx, int64_t warehouse_id);

// Dock to stock: from a receipt's scan at the dock to the end of its putaway,
// over putaways finished in [from, to). Receipts put straight into storage
// have no putaway and are not counted.
struct DockToStock {
  int64_t receipts = 0, units = 0;
  std::optional<CycleTime> time;
};
DockToStock dock_to_stock(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                          int64_t to_ms);

}  // namespace wareflow::reporting
