// The JSON the API answers for stock: by location of a warehouse, per product,
// and the moves of a product; each through the caller's BookMask, so that a
// counter learns no book quantity of a location under an open count.
// Renderers only: no request parsing, no store access.
#pragma once

#include <boost/json.hpp>
#include <string_view>
#include <vector>

#include "api/book_mask.h"
#include "inventory/inventory.h"

namespace wareflow::api {

// Masked locations are listed whether the books hold anything there or not
// (their presence would tell), with "hidden" and null figures, in location order.
boost::json::array render_stock(const std::vector<inventory::LocationStock>& stock,
                                std::string_view warehouse, const BookMask& mask);
// A warehouse with a masked location shows "hidden" and null totals, and
// leaves out the rows at masked locations.
boost::json::array render_inventory(const std::vector<inventory::WarehouseInventory>& inventory,
                                    const BookMask& mask);
// A move from or to a masked location shows "hidden" and a null quantity.
boost::json::value render_move(const inventory::MoveRecord& m, std::string_view sku,
                               const BookMask& mask);

}  // namespace wareflow::api
