// The demo data set: one warehouse (10 aisles x 30 bays x 4 levels), about
// 2,000 products with plausible sizes and Pareto-like demand, stock for them,
// two channels and about 500 open orders. Deterministic for a seed.
//
// With history_days > 0 the warehouse first trades that many days before
// today, written through the services on a clock the demo moves (the
// database's DatabaseOptions::clock): each day orders arrive from 07:00 to
// 21:00 (about 35 a day, more on Mondays, fewer at weekends, growing by 40 %
// over the history, the 300 best sellers by Zipf weights); waves at 09:00,
// 12:00, 15:00 and 18:00 are picked line by line at a picker's pace (the pick
// tasks record it), packed and shipped with the parcel carrier at the 17:00 or
// 21:00 pickup, and delivered two days later; every Monday at 06:00 products
// below two weeks of cover are restocked. Demand history, forecasts, reports,
// the dashboard and the bottleneck simulation then have a past to read.
#pragma once

#include <cstdint>
#include <functional>

#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::app {

struct DemoSummary {
  int64_t products = 0, locations = 0, stocked_units = 0, orders = 0, backordered_orders = 0;
  int64_t history_orders = 0, history_shipped = 0;
};

struct DemoOptions {
  uint64_t seed = 42;
  int64_t history_days = 0;  // 0..365
  // Sets the database's clock (epoch ms); 0 returns it to the system clock.
  // Required when history_days > 0.
  std::function<void(int64_t)> set_clock;
};

// Refuses (throws) when the database already holds a warehouse.
DemoSummary create_demo(store::Database& db, oms::OrderService& orders, uint64_t seed = 42);
DemoSummary create_demo(store::Database& db, oms::OrderService& orders, const DemoOptions& options);

}  // namespace wareflow::app
