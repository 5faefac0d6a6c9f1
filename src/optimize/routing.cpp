// Picker routing: the request checked, the method chosen and run (see
// routing.h), and the distances the other cores use. The methods themselves
// are in the routing_*.cpp files (routing_internal.h).
#include "optimize/routing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "optimize/routing_internal.h"

namespace wareflow::optimize {

namespace {

// Upper bounds that keep the aisle-by-aisle dynamic program and the integer
// arithmetic below far from overflow; real warehouses are orders smaller.
constexpr int64_t kMaxAisles = 100000;
constexpr int64_t kMaxBlocks = 10000;
constexpr int64_t kMaxCellsPerBlock = 100000;

bool known_method(const std::string& method) {
  static const char* const kMethods[] = {"auto",     "exact",         "s_shape",
                                         "return",   "midpoint",      "largest_gap",
                                         "combined", "combined_plus", "local_search"};
  return std::find(std::begin(kMethods), std::end(kMethods), method) != std::end(kMethods);
}

// Whether the multi-block program takes this instance: 2..max_blocks blocks
// (one block is Ratliff-Rosenthal's) and at most kMultiBlockDpMaxAisles aisles
// from the leftmost to the rightmost of the picks and the depot.
bool multi_block_dp_takes(const Instance& in, int64_t max_blocks) {
  if (in.grid.blocks > max_blocks) return false;
  const auto [left, right] = aisle_span(in);
  return right - left + 1 <= kMultiBlockDpMaxAisles;
}

Route multi_block_route(const Instance& in) {
  double optimum = 0;
  const std::vector<size_t> order = multi_block_order(in, &optimum);
  Route route = make_route(in, order, "exact", "multi_block_dp", true);
  // The leg sum of the circuit's first visits cannot exceed the circuit.
  if (route.length_mm > optimum + 1e-9 * optimum + kEpsilonMm) {
    throw std::logic_error("routing: multi-block route longer than its dynamic program");
  }
  return route;
}

void require_held_karp_size(const Instance& in) {
  if (in.points() > kHeldKarpMaxPoints) {
    throw inputs::InputError(
        "too_many_points", "",
        "exact routing of a layout with more than " + std::to_string(kPlanRouteDpMaxBlocks) +
            " blocks (or picks spanning more than " + std::to_string(kMultiBlockDpMaxAisles) +
            " aisles) is limited to " + std::to_string(kHeldKarpMaxPoints) +
            " distinct pick points, got " + std::to_string(in.points()) +
            "; use local_search or auto");
  }
}

}  // namespace

void validate_route_request(const RouteRequest& r) {
  const WarehouseLayout& l = r.layout;
  auto bad_layout = [](const std::string& what) {
    throw inputs::InputError("invalid_layout", "", what);
  };
  if (l.aisles < 1 || l.aisles > kMaxAisles) {
    bad_layout("aisles must be between 1 and " + std::to_string(kMaxAisles));
  }
  if (l.blocks < 1 || l.blocks > kMaxBlocks) {
    bad_layout("blocks must be between 1 and " + std::to_string(kMaxBlocks));
  }
  if (l.cells_per_block < 1 || l.cells_per_block > kMaxCellsPerBlock) {
    bad_layout("cells_per_block must be between 1 and " + std::to_string(kMaxCellsPerBlock));
  }
  if (!std::isfinite(l.aisle_pitch_mm) || l.aisle_pitch_mm <= 0) {
    bad_layout("aisle_pitch_mm must be a positive number");
  }
  if (!std::isfinite(l.cell_pitch_mm) || l.cell_pitch_mm <= 0) {
    bad_layout("cell_pitch_mm must be a positive number");
  }
  if (l.depot_aisle < 0 || l.depot_aisle >= l.aisles) {
    bad_layout("depot_aisle must be between 0 and aisles - 1");
  }
  if (r.picks.size() > kMaxPicks) {
    throw inputs::InputError("too_many_points", "",
                             "at most " + std::to_string(kMaxPicks) + " picks per route, got " +
                                 std::to_string(r.picks.size()));
  }
  const int64_t cells = l.blocks * l.cells_per_block;
  for (size_t i = 0; i < r.picks.size(); ++i) {
    const PickLocation& p = r.picks[i];
    if (p.aisle < 0 || p.aisle >= l.aisles || p.cell < 0 || p.cell >= cells) {
      throw inputs::InputError("pick_outside_layout", "",
                               "pick " + std::to_string(i) + " (aisle " + std::to_string(p.aisle) +
                                   ", cell " + std::to_string(p.cell) +
                                   ") is outside the layout of " + std::to_string(l.aisles) +
                                   " aisles and " + std::to_string(cells) + " cells");
    }
  }
}

double pick_distance_mm(const WarehouseLayout& layout, const PickLocation& from,
                        const PickLocation& to) {
  const Grid g = grid_of(layout);
  return shortest_walk(g, {from.aisle, g.cell_y(from.cell)}, {to.aisle, g.cell_y(to.cell)}).mm(g);
}

double depot_distance_mm(const WarehouseLayout& layout, const PickLocation& pick) {
  const Grid g = grid_of(layout);
  return shortest_walk(g, depot_stop(g), {pick.aisle, g.cell_y(pick.cell)}).mm(g);
}

double route_length_mm(const WarehouseLayout& layout, const std::vector<PickLocation>& picks,
                       const std::vector<size_t>& sequence) {
  Instance in;
  in.grid = grid_of(layout);
  in.stops.push_back(depot_stop(in.grid));
  std::vector<size_t> order;
  for (size_t i : sequence) {
    if (i >= picks.size()) {
      throw inputs::InputError(
          "invalid_sequence", "",
          "sequence names pick " + std::to_string(i) + " of " + std::to_string(picks.size()));
    }
    in.stops.push_back({picks[i].aisle, in.grid.cell_y(picks[i].cell)});
    order.push_back(in.stops.size() - 1);
  }
  return tour_length_mm(in, order);
}

Route exact_route_held_karp(const RouteRequest& r) {
  validate_route_request(r);
  const Instance in = build_instance(r);
  require_held_karp_size(in);
  return make_route(in, held_karp_order(in), "exact", "held_karp", true);
}

Route exact_route_single_block(const RouteRequest& r) {
  validate_route_request(r);
  if (r.layout.blocks != 1) {
    throw inputs::InputError("unsupported_method", "",
                             "the Ratliff-Rosenthal dynamic program needs a single-block layout");
  }
  const Instance in = build_instance(r);
  return make_route(in, ratliff_rosenthal_order(in), "exact", "ratliff_rosenthal", true);
}

Route exact_route_multi_block(const RouteRequest& r) {
  validate_route_request(r);
  const Instance in = build_instance(r);
  if (!multi_block_dp_takes(in, kMultiBlockDpMaxBlocks)) {
    throw inputs::InputError("unsupported_method", "",
                             "the multi-block dynamic program takes at most " +
                                 std::to_string(kMultiBlockDpMaxBlocks) + " blocks and " +
                                 std::to_string(kMultiBlockDpMaxAisles) +
                                 " aisles between the outermost picks and the depot");
  }
  return multi_block_route(in);
}

Route plan_route(const RouteRequest& r) {
  if (!known_method(r.method)) {
    throw inputs::InputError("unsupported_method", "",
                             "unknown routing method \"" + r.method +
                                 "\"; use auto, exact, s_shape, return, midpoint, largest_gap, "
                                 "combined, combined_plus or local_search");
  }
  validate_route_request(r);
  const Instance in = build_instance(r);
  const std::string& m = r.method;
  if (m == "exact" || m == "auto") {
    if (r.layout.blocks == 1) {
      return make_route(in, ratliff_rosenthal_order(in), "exact", "ratliff_rosenthal", true);
    }
    const bool dp = multi_block_dp_takes(in, kPlanRouteDpMaxBlocks);
    if (in.points() <= (dp ? kHeldKarpBeforeDpPoints : kHeldKarpMaxPoints)) {
      return make_route(in, held_karp_order(in), "exact", "held_karp", true);
    }
    if (dp) return multi_block_route(in);
    if (m == "exact") require_held_karp_size(in);
  }
  if (m == "auto" || m == "local_search") {
    return make_route(in, local_search_order(in), "local_search", "multi_start_ils_2opt_oropt",
                      false);
  }
  return make_route(in, heuristic_order(in, m), m, m, false);
}

}  // namespace wareflow::optimize
