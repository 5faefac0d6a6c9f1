// Room in locations, for putaway: what a location holds in volume and weight,
// whether more units of a product fit, and where they should go. Internal to
// wms/ (used by inbound, tasks and returns); the rules themselves are pure and
// live in rules.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "inventory/inventory.h"
#include "store/database.h"

namespace wareflow::wms {

// Refuses a destination for `quantity` units of the product and lot: 422
// wrong_location_type (not a pick or storage location), 409 location_full
// (volume, weight or the pick face's maximum), 409 location_occupied (it holds
// another product). Room promised to open putaway, replenishment and move
// tasks counts as taken, except that of `for_task_id` (the task being confirmed).
void check_destination(store::Tx& tx, const inventory::LocationInfo& location,
                       const catalog::Product& product, const std::string& lot, int64_t quantity,
                       int64_t for_task_id = 0);

// The warehouse's first location of `type` by code (the default receiving or
// quarantine location); 409 invalid_state when it has none.
int64_t first_location_of_type(store::Tx& tx, int64_t warehouse_id, std::string_view type);
// The location the request named (`location` field: 422 unknown_location, 422
// wrong_location_type unless of `type`), else the first of that type.
int64_t location_of_type(store::Tx& tx, int64_t warehouse_id,
                         const std::optional<std::string>& code, std::string_view type);

struct PutawaySuggestion {
  int64_t location_id;
  std::string rule;  // "pick_face", "same_lot", "nearest_fit"
};
// The location the rules choose for units arriving at `from_location_id`:
// the product's pick face when it has room, a location holding the same
// product and lot, else the nearest one with room (preferring the product's
// velocity class when locations carry one). nullopt when nothing fits.
std::optional<PutawaySuggestion> suggest_putaway(store::Tx& tx, int64_t warehouse_id,
                                                 const catalog::Product& product,
                                                 const std::string& lot, int64_t quantity,
                                                 int64_t from_location_id);

}  // namespace wareflow::wms
