// Demand history: what customers asked for of a product, day by day, from
// the orders, with the days it was out of stock flagged, and the forecast
// made from it (planning/forecast.h). Read-only.
//
// Days are UTC calendar days and end with yesterday: today is not over, and a
// part-day would look like a drop in demand. Demand of a day = the units of
// the order lines of the orders created that day, less cancelled units (with
// a warehouse: the units its fulfillments were given; with a channel: that
// channel's orders only). Backordered units count: they were asked for.
//
// Stock-out: a day is flagged when the product's physical stock (in the
// warehouse, or all warehouses) was 0 or less at the day's start or end, as
// the ledger replays it backwards from today's balances. Channels stop
// selling what has no stock, so such a day's demand is censored; the forecast
// treats it as missing (planning/demand.h). The series starts on the first
// day the product had stock or demand: a product that did not exist yet was
// not out of stock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planning/forecast.h"
#include "store/database.h"

namespace wareflow::oms {

struct DemandQuery {
  std::string sku;
  std::optional<std::string> warehouse;  // code
  std::optional<std::string> channel;    // code
  int64_t days = 90;                     // 1..730, ending yesterday
};

struct DemandHistory {
  std::string sku;
  std::optional<std::string> warehouse, channel;
  int64_t first_day_ms = 0;  // midnight UTC of the series' first day
  std::vector<int64_t> units;
  std::vector<bool> stock_out;
};

// 422 unknown_sku / unknown_warehouse / unknown_channel, naming the field.
DemandHistory demand_history(store::Tx& tx, const DemandQuery& query);

// The histories of every product at a warehouse in three passes over the
// store (order lines, balances, moves) instead of three queries per product:
// for each product with demand, stock or moves there in the period, and each
// of `also_products`, exactly what demand_history(tx, {sku, warehouse, days})
// gives. By product id. 422 unknown_warehouse.
std::map<int64_t, DemandHistory> demand_histories(store::Tx& tx, const std::string& warehouse,
                                                  int64_t days,
                                                  const std::vector<int64_t>& also_products = {});

struct DemandForecast {
  DemandHistory history;
  int64_t stock_out_days = 0;
  planning::Forecast forecast;  // first value = today
};

// The history's forecast: stock-out days filled, then forecast_series with
// the options (horizon counted from today, so the first value is today).
// 422 forecast codes (series_too_short, unknown_model, invalid_horizon, ...)
// from inputs::InputError.
DemandForecast forecast_demand(store::Tx& tx, const DemandQuery& query,
                               const planning::ForecastOptions& options);

}  // namespace wareflow::oms
