// The JSON the API answers for planning: demand history and forecasts,
// supplier terms, reorder suggestions, the kept forecasts' refresh and the
// bottleneck forecast. Days are YYYY-MM-DD dates, times RFC 3339; ratios
// and quantities rounded for reading. Renderers only.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <vector>

#include "oms/demand.h"
#include "oms/purchasing.h"
#include "wms/bottlenecks.h"

namespace wareflow::api {

boost::json::value render(const oms::SupplierProduct& t);
boost::json::value render(const planning::SupplierSuggestion& s, int64_t today_ms,
                          const std::vector<oms::PlannedItem>& items);
boost::json::value render(const oms::ReorderSuggestions& s, int64_t today_ms);
boost::json::value render(const wms::MeasuredTime& m);
boost::json::value render(const wms::BottleneckForecast& f);
boost::json::value render(const oms::ForecastRefreshReport& report);
boost::json::value render(const oms::DemandHistory& h);
// today_ms: the first forecast day.
boost::json::value render(const oms::DemandForecast& f, int64_t today_ms);

}  // namespace wareflow::api
