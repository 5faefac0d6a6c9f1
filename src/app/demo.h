// The demo data set: one warehouse (10 aisles x 30 bays x 4 levels), about
// 2,000 products with plausible sizes and Pareto-like demand, stock for them,
// two channels and about 500 open orders. Deterministic for a seed.
#pragma once

#include <cstdint>

#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::app {

struct DemoSummary {
  int64_t products = 0, locations = 0, stocked_units = 0, orders = 0, backordered_orders = 0;
};

// Refuses (throws) when the database already holds a warehouse.
DemoSummary create_demo(store::Database& db, oms::OrderService& orders, uint64_t seed = 42);

}  // namespace wareflow::app
