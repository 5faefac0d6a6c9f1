// Picker routing: the order in which one picker walks to a list of pick
// locations in a rectangular warehouse and back to the depot. Pure: plain
// structs in, a route out; no store, clock or network.
//
// Geometry. Aisles 0..A-1 run front to back, centre lines aisle_pitch_mm
// apart (aisle a at x = a * P). Cells 0..B*C-1 run front to back; cell c lies
// in block c / C at y = ((c / C) * (C + 1) + c % C + 1) * Q. The B + 1 cross
// aisles run at y = j * (C + 1) * Q, j = 0..B. The picker walks along aisles
// and cross aisles only, changes aisle only at a cross aisle, and starts and
// ends at the depot: aisle D on the front cross aisle (y = 0). Picks on both
// sides of an aisle at one cell are one point, so the same (aisle, cell) given
// twice is one stop; the sequence still lists every input index, duplicates
// next to each other.
//
// Guarantees, for every method:
//  - sequence is a permutation of the pick indices;
//  - length_mm is the sum of the shortest-path distances of the legs depot ->
//    first -> ... -> last -> depot (route_length_mm). Heuristics decide only
//    the visiting order; the picker never walks further than the heuristic's
//    own walk, and the reported figure is the same for every method, so
//    routes from different methods compare fairly;
//  - optimal is true only when the method proves the length is the minimum.
//
// Methods:
//  exact        single block (B = 1), any size: Ratliff & Rosenthal's (1983)
//               dynamic program over the aisles. More blocks: Held-Karp over
//               the shortest-path distance matrix, up to 15 distinct points,
//               refused beyond (too_many_points).
//  local_search nearest neighbour from the depot, then 2-opt and Or-opt
//               (segments of 1-3 stops, both orientations) until no move
//               improves or a fixed work budget is spent. Never optimal.
//  s_shape      aisles with picks left to right, alternately up and down.
//               More blocks: a simpler variant of Roodbergen & de Koster's
//               block-by-block S-shape, see routing.cpp.
//  return       aisles with picks left to right, each entered and left from
//               the front: picks front to back.
//  midpoint     single block only: first and last pick aisles traversed,
//               back halves of the others from the back cross aisle going
//               right, front halves from the front cross aisle coming back.
//  largest_gap  single block only: as midpoint, but each middle aisle is
//               split at its largest gap instead of at the middle.
//  combined     single block only: Roodbergen & de Koster's combined
//               heuristic; left to right, each pick aisle either traversed
//               or entered and left from the side the picker is on, chosen by
//               a dynamic program over (aisle, side).
//  auto         exact when it is provable within the limits above (any single
//               block, or at most 15 points), else local_search. Route.method
//               says which ran.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace wareflow::optimize {

struct WarehouseLayout {
  int64_t aisles = 1;           // A
  int64_t blocks = 1;           // B
  int64_t cells_per_block = 1;  // C
  double aisle_pitch_mm = 1;    // P, between aisle centre lines
  double cell_pitch_mm = 1;     // Q, between cell centres along an aisle
  int64_t depot_aisle = 0;      // D, on the front cross aisle
};

struct PickLocation {
  int64_t aisle = 0;
  int64_t cell = 0;
};

struct RouteRequest {
  WarehouseLayout layout;
  std::vector<PickLocation> picks;
  std::string method = "auto";
};

struct Route {
  double length_mm = 0;
  std::vector<size_t> sequence;  // indices into RouteRequest::picks, in visiting order
  std::string method;            // the method that ran; never "auto"
  std::string algorithm;         // how: "ratliff_rosenthal", "held_karp", "2opt_oropt", ...
  bool optimal = false;
};

// Refusals carry a stable code for callers to branch on: "invalid_layout",
// "pick_outside_layout", "unsupported_method", "too_many_points",
// "invalid_sequence".
class RoutingError : public std::invalid_argument {
 public:
  RoutingError(std::string code, const std::string& message);
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

inline constexpr size_t kMaxPicks = 10000;
inline constexpr size_t kHeldKarpMaxPoints = 15;  // distinct pick points, depot excluded

// Plans a route with request.method. Throws RoutingError on bad input.
Route plan_route(const RouteRequest& request);

// Throws RoutingError unless the layout and picks are valid (method unchecked).
void validate_route_request(const RouteRequest& request);

// Shortest walking distance between two pick locations (both assumed valid).
double pick_distance_mm(const WarehouseLayout& layout, const PickLocation& from,
                        const PickLocation& to);

// Shortest walking distance between the depot and a pick location.
double depot_distance_mm(const WarehouseLayout& layout, const PickLocation& pick);

// Sum of shortest-path legs depot -> picks[sequence[0]] -> ... -> depot.
// Throws RoutingError("invalid_sequence") if an index is out of range.
double route_length_mm(const WarehouseLayout& layout, const std::vector<PickLocation>& picks,
                       const std::vector<size_t>& sequence);

// The two exact solvers behind "exact", callable directly to cross-check them.
// Held-Karp: any layout, at most kHeldKarpMaxPoints distinct points.
Route exact_route_held_karp(const RouteRequest& request);
// Ratliff-Rosenthal: single-block layouts (B = 1), any number of points.
Route exact_route_single_block(const RouteRequest& request);

}  // namespace wareflow::optimize
