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
// Methods ("the frame" below: Roodbergen & de Koster's (2001) route for
// several blocks: from the depot to the leftmost aisle with picks, up it to
// the front cross aisle of the farthest block with picks, taking that aisle's
// picks on the way, then block by block from the farthest to the front, each
// left by its front cross aisle, so each but the farthest is entered from the
// back where the previous one was left):
//  exact         proven shortest route. One block (B = 1), any size:
//                Ratliff & Rosenthal's (1983) dynamic program over the
//                aisles. Two or three blocks: Held-Karp over the shortest-path
//                distances up to kHeldKarpBeforeDpPoints (8) distinct points,
//                beyond that the multi-block dynamic program (Ratliff &
//                Rosenthal's with one node per cross aisle, as Roodbergen &
//                de Koster (2001) did for two blocks) if the picks and the
//                depot lie within kMultiBlockDpMaxAisles aisles. Otherwise
//                (four blocks or more, or wider): Held-Karp up to kHeldKarpMaxPoints
//                (15) distinct points, refused beyond (too_many_points).
//  local_search  a descent by 2-opt and Or-opt (runs of 1-3 stops, both
//                orientations) over the 10 nearest stops with don't-look
//                bits, from each of nearest neighbour, s_shape, largest_gap
//                and combined_plus; then iterated local search from the best
//                (10 kicks per distinct stop, at most 2000: two neighbouring
//                runs of stops swap places, alternately runs of 1-10 stops
//                and of any length, a descent follows, the result is kept
//                unless longer); then 2-opt and Or-opt over the full
//                neighbourhoods until neither improves. Seeded, so
//                deterministic; every phase stops when a fixed work budget is
//                spent. Never optimal.
//  s_shape       one block: aisles with picks left to right, alternately up
//                and down. More blocks, Roodbergen & de Koster's S-shape: the
//                frame; the farthest block's leftmost pick subaisle is taken
//                front to back (and the picker returns to the front if it is
//                the block's only one); then in each block, from the back,
//                the pick subaisles from the nearer end (ties: the left) to
//                the other, each traversed, the last entered and left from
//                the front if the picker is there.
//  return        aisles with picks left to right, each entered and left from
//                the front: picks front to back.
//  midpoint      one block: first and last pick aisles traversed, back halves
//                of the others from the back cross aisle going right, front
//                halves from the front cross aisle coming back. More blocks:
//                as largest_gap with each subaisle split at its block's middle.
//  largest_gap   one block: as midpoint, but each middle aisle is split at its
//                largest gap instead of at the middle. More blocks,
//                Roodbergen & de Koster's largest gap: the frame and the
//                farthest block's first subaisle as for s_shape; then in each
//                block, from the back, the pick subaisle at the end farther
//                from the picker (ties: the right) is the last: towards it
//                along the back cross aisle, each other subaisle entered up
//                to its largest gap, the last traversed to the front, and
//                back along the front cross aisle each entered for the rest.
//  combined      Roodbergen & de Koster's combined heuristic: pick subaisles
//                in turn, each traversed or entered and left from the side
//                the picker is on, chosen by a dynamic program over
//                (subaisle, side) that ends at the front. One block: left to
//                right from the front. More blocks: the frame; in each block
//                from the nearer end (ties: the left), the farthest block
//                from its front, the others from the back.
//  combined_plus combined with the choices the frame fixes made by a dynamic
//                program over the blocks, minimising the picker's walk: the
//                aisle to go up by (any pick aisle or the depot's), whether to
//                stop at the farthest block's front or go on through it to its
//                back, and each block's sweep direction. One block: the same
//                route as combined (both directions walk as far). This
//                project's variant of the idea of Roodbergen & de Koster's
//                combined+ (better choices where combined's are fixed), not a
//                transcription of its steps.
//  auto          exact when it is provable within the limits above, else
//                local_search. Route.method says which ran.
//
// exact_route_multi_block runs the multi-block dynamic program directly, on
// up to kMultiBlockDpMaxBlocks (3) blocks, as plan_route does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"

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
  std::string algorithm;         // how: "ratliff_rosenthal", "held_karp", "multi_block_dp",
                                 // "multi_start_ils_2opt_oropt", or the heuristic's name
  bool optimal = false;
};

// Refusals (inputs::InputError, no field) carry a stable code for callers to
// branch on: "invalid_layout", "pick_outside_layout", "unsupported_method",
// "too_many_points", "invalid_sequence".

inline constexpr size_t kMaxPicks = 10000;
inline constexpr size_t kHeldKarpMaxPoints = 15;  // distinct pick points, depot excluded
// The multi-block dynamic program: blocks it takes, and aisles from the
// leftmost to the rightmost of the picks and the depot.
inline constexpr int64_t kMultiBlockDpMaxBlocks = 3;
inline constexpr int64_t kMultiBlockDpMaxAisles = 1000;
// plan_route's exact and auto use it up to this many blocks, and prefer
// Held-Karp up to kHeldKarpBeforeDpPoints points, where it is faster.
inline constexpr int64_t kPlanRouteDpMaxBlocks = 3;
inline constexpr size_t kHeldKarpBeforeDpPoints = 8;

// Plans a route with request.method. Throws inputs::InputError on bad input.
Route plan_route(const RouteRequest& request);

// Throws inputs::InputError unless the layout and picks are valid (method unchecked).
void validate_route_request(const RouteRequest& request);

// Shortest walking distance between two pick locations (both assumed valid).
double pick_distance_mm(const WarehouseLayout& layout, const PickLocation& from,
                        const PickLocation& to);

// Shortest walking distance between the depot and a pick location.
double depot_distance_mm(const WarehouseLayout& layout, const PickLocation& pick);

// Sum of shortest-path legs depot -> picks[sequence[0]] -> ... -> depot.
// Throws inputs::InputError("invalid_sequence") if an index is out of range.
double route_length_mm(const WarehouseLayout& layout, const std::vector<PickLocation>& picks,
                       const std::vector<size_t>& sequence);

// The exact solvers behind "exact", callable directly to cross-check them.
// Held-Karp: any layout, at most kHeldKarpMaxPoints distinct points.
Route exact_route_held_karp(const RouteRequest& request);
// Ratliff-Rosenthal: single-block layouts (B = 1), any number of points.
Route exact_route_single_block(const RouteRequest& request);
// The multi-block dynamic program: 1..kMultiBlockDpMaxBlocks blocks, any
// number of points, picks and depot within kMultiBlockDpMaxAisles aisles;
// refused otherwise (unsupported_method).
Route exact_route_multi_block(const RouteRequest& request);

}  // namespace wareflow::optimize
