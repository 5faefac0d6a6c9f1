// The JSON the API answers for fulfillments, waves and pick lists.
// Renderers only: no request parsing, no store access.
#pragma once

#include <boost/json.hpp>

#include "api/http.h"
#include "wms/fulfillment.h"
#include "wms/picking.h"

namespace wareflow::api {

boost::json::value render(const wms::FulfillmentView& f);
boost::json::value render(const wms::PickListView& p);
boost::json::value render(const wms::WaveView& w);

}  // namespace wareflow::api
