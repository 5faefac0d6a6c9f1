// Cartonization: which cartons an order's units go into, and where in each
// carton every unit sits. Pure: plain structs in, a packing out; no store,
// clock or network.
//
// Model. Cartons and units are axis-aligned boxes in millimetres. A carton's
// origin is its inner back-left-bottom corner; x runs along its length, y
// along its width, z up its height. A unit may be turned to any of its six
// axis-aligned orientations, or, when not rotatable ("this side up"), only
// about the vertical axis: its height stays vertical.
//
// Method: extreme-point best-fit decreasing (Crainic, Perboli & Tadei 2008).
// Units are taken by volume, then longest side, decreasing. Each open carton
// keeps its extreme points: the corners a new unit can be pushed into, found
// by projecting the three outer corners of every placed unit back towards the
// walls and the units already there. A unit goes into the open carton with
// the least free volume that takes it (best fit), at that carton's lowest
// extreme point (z, then y, then x) where some orientation fits, in the
// flattest such orientation; when no open carton takes it, a new one opens.
//
// Carton types, fewest cartons first, then lowest cost. Several packings
// are tried and the best kept (by number of cartons, then total cost, then
// total carton volume, then the order below, so results never depend on
// memory or timing):
//  - "largest": every new carton is the largest type that holds the unit
//    that opens it;
//  - "open:<code>", for each type in decreasing volume: new cartons are that
//    type when it holds the opening unit, else as in "largest".
// Each packing is then downsized carton by carton: its units are re-packed,
// in the same way, into one carton of each cheaper (then smaller) type that
// could hold them, and the first type that takes them all replaces it.
//
// Guarantees:
//  - every unit is placed exactly once, inside its carton, in one of its
//    allowed orientations; no two units overlap; no carton's contents weigh
//    more than its max_weight_g (validate_packing checks exactly this);
//  - cartons.size() >= volume_lower_bound_cartons, and never more cartons
//    than units (a carton opens only for a unit nothing open takes);
//  - deterministic: the same input gives the same packing. Work is bounded
//    by counting steps, not by reading a clock: past kWorkBudget the current
//    packing finishes with a simple layer-by-layer (shelf) packing of new
//    cartons, which is valid but looser, and method says so;
//  - arithmetic cannot overflow: inputs are bounded (kMax* below).
//
// Refusals are inputs::InputError with a stable code and the offending field:
//  - "invalid_field": no boxes or items, too many box types, an empty or
//    repeated box code, an empty sku, a repeated sku with different size,
//    weight or rotatability, a size, weight, cost or quantity out of range;
//  - "item_too_large": a unit that no box holds, by size in any allowed
//    orientation or by weight; the detail names the sku;
//  - "too_many_units": more than kMaxUnits units in all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"

namespace wareflow::optimize {

// Ten metres and a thousand tonnes are beyond any carton; the bounds are
// there so that no volume, sum or product of accepted values overflows int64.
inline constexpr int64_t kMaxCartonDimensionMm = 10'000;
inline constexpr int64_t kMaxCartonWeightG = 1'000'000'000;
inline constexpr int64_t kMaxCartonCostMinor = 1'000'000'000'000;
inline constexpr size_t kMaxCartonTypes = 1'000;
inline constexpr int64_t kMaxUnits = 10'000;
// Steps (one placed unit compared with one candidate position) one call may
// spend before falling back to shelf packing: about a second on one core.
inline constexpr int64_t kWorkBudget = 200'000'000;

struct CartonType {
  std::string code;
  int64_t length_mm = 0;  // inner
  int64_t width_mm = 0;
  int64_t height_mm = 0;
  int64_t max_weight_g = 0;  // of the contents
  int64_t cost_minor = 0;    // one carton; may be 0
};

struct PackItem {
  std::string sku;
  int64_t length_mm = 0;
  int64_t width_mm = 0;
  int64_t height_mm = 0;
  int64_t weight_g = 0;  // one unit
  int64_t quantity = 0;
  // true: any of the six orientations; false: only turned about the vertical
  // axis, so height_mm stays the vertical side.
  bool rotatable = true;
};

struct Placement {
  std::string sku;
  int64_t x_mm = 0;  // the unit's back-left-bottom corner
  int64_t y_mm = 0;
  int64_t z_mm = 0;
  int64_t length_mm = 0;  // as placed: extents along x, y, z
  int64_t width_mm = 0;
  int64_t height_mm = 0;
};

struct Carton {
  std::string code;                  // the CartonType
  std::vector<Placement> items;      // in placement order
  int64_t weight_g = 0;              // contents
  int64_t cost_minor = 0;            // the type's cost
  int64_t fill_volume_permille = 0;  // contents volume / inner volume, rounded down
};

struct CartonizationResult {
  std::vector<Carton> cartons;
  int64_t total_cost_minor = 0;
  int64_t units = 0;
  int64_t items_volume_mm3 = 0;
  int64_t cartons_volume_mm3 = 0;  // inner volumes, summed
  double fill_rate = 0;            // items_volume_mm3 / cartons_volume_mm3
  // max(ceil(total volume / largest inner volume),
  //     ceil(total weight / largest max_weight_g)): no packing uses fewer.
  int64_t volume_lower_bound_cartons = 0;
  std::string method;    // "ep_bfd", or "ep_bfd+shelf" when the work budget ran out
  std::string strategy;  // the packing kept: "largest" or "open:<code>"
};

// Packs every unit of items into cartons of the given types. Throws
// inputs::InputError on bad input (see above).
CartonizationResult cartonize(const std::vector<CartonType>& boxes,
                              const std::vector<PackItem>& items);

// Checks a packing against its input, independently of how it was made:
// every carton's code is a box type; every unit of items is placed exactly
// once (counted per sku) in an allowed orientation of its sku; every
// placement lies inside its carton; no two placements in a carton overlap
// (touching faces are fine); each carton's weight_g is its contents' weight
// and within max_weight_g; cost, fill and the totals add up. On failure
// returns false and, when why is given, says what is wrong. Never throws on
// any input.
bool validate_packing(const std::vector<CartonType>& boxes, const CartonizationResult& result,
                      const std::vector<PackItem>& items, std::string* why = nullptr);

}  // namespace wareflow::optimize
