// The JSON the API answers for products, warehouses and locations.
// Renderers only: no request parsing, no store access.
#pragma once

#include <boost/json.hpp>

#include "api/http.h"
#include "catalog/catalog.h"
#include "wms/layout.h"

namespace wareflow::api {

boost::json::value render(const catalog::Product& p);
boost::json::value render(const wms::Warehouse& w);
boost::json::value render(const wms::Location& l);

}  // namespace wareflow::api
