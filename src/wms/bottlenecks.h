// Tomorrow's bottlenecks today: the warehouse's open fulfillments, the people
// the caller says are on shift, and task times measured from the task
// history, fed to the discrete-event simulation (planning/simulation.h). It
// predicts when each stage's backlog clears, which fulfillments miss their
// ship-by, and what one more picker or packer would change. Read-only.
//
// Inputs from the store:
//  - orders: the warehouse's fulfillments that are released, picking, picked
//    or packed, with their lines, units (picked units of those picking) and
//    ship-by;
//  - pick time: from the pick tasks done in the last `history_days` at the
//    warehouse: per_unit_ms = busy time / units over them; per_order_ms = the
//    pick lists' start-up (wave release to first scan, each counted up to 10
//    minutes) over the orders they held; the spread of the per-unit time
//    between tasks as the coefficient of variation (at least 5 tasks, else
//    the defaults below);
//  - pack and ship times are not recorded as tasks: configured defaults
//    (pack 60 s per order + 5 s per unit, ship 30 s per order), overridable;
//    pick's default is 20 s per order + 8 s per unit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planning/simulation.h"
#include "store/database.h"

namespace wareflow::wms {

struct BottleneckQuery {
  std::string warehouse;                               // 422 unknown_warehouse
  int64_t hours = 8;                                   // the shift from now, 1..72
  int64_t pickers = 0, packers = 0;                    // people on shift for those hours, 0..10,000
  std::optional<int64_t> loaders;                      // none: loading is only a delay
  std::vector<int64_t> carrier_pickups_ms;             // none: shipped when loaded
  int64_t history_days = 30;                           // 1..365
  std::optional<planning::TaskTime> pick, pack, ship;  // override the measured/default times
  uint64_t seed = 1;
};

struct MeasuredTime {
  planning::TaskTime time;
  std::string source;  // "history", "default" or "request"
  int64_t samples = 0;
};

struct LateFulfillment {
  int64_t fulfillment_id = 0, order_id = 0;
  std::optional<int64_t> ship_by_ms;
  std::optional<int64_t> predicted_ship_ms;  // none: does not ship in the horizon
};

struct BottleneckForecast {
  std::string warehouse;
  int64_t start_ms = 0;
  MeasuredTime pick, pack, ship;
  int64_t released = 0, picking = 0, picked = 0, packed = 0;
  planning::SimulationResult result;
  std::vector<LateFulfillment> late;  // soonest ship-by first
};

// 422 invalid_field for parameters outside their ranges.
BottleneckForecast forecast_bottlenecks(store::Tx& tx, const BottleneckQuery& query);

}  // namespace wareflow::wms
