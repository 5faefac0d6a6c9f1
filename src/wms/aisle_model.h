// The warehouse as the optimizer's aisle model (optimize/routing.h), for the
// router, the batching and the slotting. Internal to wms/.
//
// The model is one block of parallel aisles spanned by the allocatable
// locations that have aisle, bay and coordinates: aisle numbers map to
// optimizer aisles, bays to cells, and the pitches are the mean spacing of
// the coordinates. The depot is the given location's aisle on the front cross
// aisle. Locations outside that span (or without aisle and bay) cannot be
// placed; callers fall back to location order for them.
#pragma once

#include <cstdint>
#include <optional>

#include "optimize/routing.h"
#include "store/database.h"

namespace wareflow::wms {

struct AisleModel {
  optimize::WarehouseLayout layout;
  int64_t min_aisle = 0, max_aisle = 0, min_bay = 0, max_bay = 0;

  bool places(int64_t aisle, int64_t bay) const {
    return aisle >= min_aisle && aisle <= max_aisle && bay >= min_bay && bay <= max_bay;
  }
  optimize::PickLocation at(int64_t aisle, int64_t bay) const {
    return {aisle - min_aisle, bay - min_bay};
  }
};

// nullopt when no allocatable location has aisle, bay and coordinates.
std::optional<AisleModel> aisle_model(store::Tx& tx, int64_t warehouse_id,
                                      int64_t depot_location_id);

}  // namespace wareflow::wms
