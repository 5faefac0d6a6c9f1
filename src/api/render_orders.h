// The JSON the API answers for orders (with their fulfillments in short) and
// money.
// Renderers only: no request parsing, no store access.
#pragma once

#include <boost/json.hpp>

#include "api/http.h"
#include "oms/orders.h"
#include "wms/fulfillment.h"

namespace wareflow::api {

boost::json::value render_money(const std::optional<int64_t>& amount,
                                const std::optional<std::string>& currency);
boost::json::value render(const wms::FulfillmentSummary& f);
boost::json::value render(const oms::Order& o);

}  // namespace wareflow::api
