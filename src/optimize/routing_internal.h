// The picker-routing core's internals, shared by its files: the layout as an
// integer grid, the instance (the depot and the distinct pick stops), the
// route made of a visiting order, and the order each family of methods
// yields. routing.cpp (the API and the method choice), routing_instance.cpp,
// routing_held_karp.cpp, routing_aisle_dp.cpp (Ratliff-Rosenthal and the
// multi-block program), routing_heuristics.cpp and routing_local_search.cpp.
// Internal to optimize/; the API is optimize/routing.h.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "optimize/routing.h"

namespace wareflow::optimize {

// Improvements smaller than this are rounding noise, not a better tour.
constexpr double kEpsilonMm = 1e-6;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The layout in integer units: x in aisles, y in cell pitches, so that the
// cross aisle j lies at y = j * (C + 1). Walks are summed in these units and
// scaled once, which makes every method's length of one order bit-identical.
struct Grid {
  int64_t aisles = 1;
  int64_t blocks = 1;
  int64_t cells_per_block = 1;
  int64_t depot_aisle = 0;
  double aisle_pitch_mm = 1;
  double cell_pitch_mm = 1;

  int64_t block_span() const { return cells_per_block + 1; }
  int64_t cell_y(int64_t cell) const {
    return (cell / cells_per_block) * block_span() + cell % cells_per_block + 1;
  }
  int64_t block_of_y(int64_t y) const { return y / block_span(); }
};

struct Stop {
  int64_t aisle = 0;
  int64_t y = 0;  // cell pitches from the front cross aisle
};

// A walk's extent in units: aisle widths crossed and cell pitches walked.
struct Walk {
  int64_t across = 0;
  int64_t along = 0;
  double mm(const Grid& g) const {
    return static_cast<double>(across) * g.aisle_pitch_mm +
           static_cast<double>(along) * g.cell_pitch_mm;
  }
};

// Shortest walk between two stops. In one aisle: straight along it. In two
// aisles: through the cross aisle j minimising |y1 - cj| + |y2 - cj|, which is
// |y1 - y2| when a cross aisle lies between them (inclusive), else around
// the nearer end of the block holding both.
inline Walk shortest_walk(const Grid& g, const Stop& a, const Stop& b) {
  const int64_t lo = std::min(a.y, b.y), hi = std::max(a.y, b.y);
  if (a.aisle == b.aisle) return {0, hi - lo};
  const int64_t across = std::abs(a.aisle - b.aisle);
  const int64_t span = g.block_span();
  const int64_t below = g.block_of_y(lo) * span, above = below + span;
  if (lo == below || above <= hi) return {across, hi - lo};
  return {across, std::min(lo + hi - 2 * below, 2 * above - lo - hi)};
}

// Stops are the depot (index 0) and the distinct pick points, each with the
// input indices that share it.
struct Instance {
  Grid grid;
  std::vector<Stop> stops;
  std::vector<std::vector<size_t>> picks_at;

  size_t points() const { return stops.size() - 1; }
  double distance(size_t a, size_t b) const {
    return shortest_walk(grid, stops[a], stops[b]).mm(grid);
  }
};

Grid grid_of(const WarehouseLayout& l);
Stop depot_stop(const Grid& g);
Instance build_instance(const RouteRequest& r);
// Length of the closed walk depot -> stops in `order` -> depot.
double tour_length_mm(const Instance& in, const std::vector<size_t>& order);
// The route visiting the stops in `order` (every pick of a stop together).
Route make_route(const Instance& in, const std::vector<size_t>& order, std::string method,
                 std::string algorithm, bool optimal);

// The optimal visiting order by Held-Karp (routing_held_karp.cpp).
std::vector<size_t> held_karp_order(const Instance& in);
// One block, exactly: Ratliff-Rosenthal (routing_aisle_dp.cpp).
std::vector<size_t> ratliff_rosenthal_order(const Instance& in);
// The aisles the multi-block program models: from the leftmost to the
// rightmost of the picks and the depot.
std::pair<int64_t, int64_t> aisle_span(const Instance& in);
// The shortest tour on 1..kMultiBlockDpMaxBlocks blocks; *length receives its
// length as the program summed it (routing_aisle_dp.cpp).
std::vector<size_t> multi_block_order(const Instance& in, double* length);
// The visiting order of a heuristic method (routing_heuristics.cpp).
std::vector<size_t> heuristic_order(const Instance& in, const std::string& method);
// Multi-start iterated local search (routing_local_search.cpp).
std::vector<size_t> local_search_order(const Instance& in);

}  // namespace wareflow::optimize
