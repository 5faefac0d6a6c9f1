// The one JSON encoding of the bottleneck simulation's result
// (planning/simulation.h), shared by `wareflow simulate` (app/pure_cli.cpp)
// and the API's bottleneck forecast (api/render_planning.cpp). The two differ
// only in style, a parameter: the CLI writes epoch milliseconds under
// "<name>_ms" keys and exact ratios; the API writes RFC 3339 times under
// "<name>_at" keys ("at" for a backlog sample) and ratios rounded for reading.
// Each caller keeps its own envelope (the API adds the warehouse, measured task
// times and late orders; the CLI every order's timeline).
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "planning/simulation.h"

namespace wareflow::codec {

struct JsonStyle {
  bool rfc3339_times = false;  // false: epoch ms, "<name>_ms"; true: RFC 3339, "<name>_at"
  bool rounded = false;        // utilisation to 3 decimals, the on-time rate to 4
};
inline constexpr JsonStyle kCliStyle{false, false};
inline constexpr JsonStyle kApiStyle{true, true};

// pick, pack, ship: orders, unfinished, when clear, utilisation, the backlog.
boost::json::array encode_stages(const std::vector<planning::StageOutcome>& stages,
                                 JsonStyle style);

// The what-if scenarios: extra people, late and unshipped orders, when each
// stage clears, the makespan (always in ms: a duration).
boost::json::array encode_what_if(const std::vector<planning::ScenarioOutcome>& scenarios,
                                  JsonStyle style);

// Every order's timeline (the CLI's; always epoch ms).
boost::json::array encode_orders(const std::vector<planning::OrderOutcome>& orders);

// The share of orders with a cut-off shipped in time.
boost::json::value encode_on_time_rate(double rate, JsonStyle style);

}  // namespace wareflow::codec
