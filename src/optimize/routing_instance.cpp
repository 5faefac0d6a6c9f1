// The routing instance: a request made into grid units and distinct stops,
// and a visiting order made back into a route with its length.
#include <map>
#include <utility>

#include "optimize/routing_internal.h"

namespace wareflow::optimize {

Grid grid_of(const WarehouseLayout& l) {
  return Grid{l.aisles,      l.blocks,         l.cells_per_block,
              l.depot_aisle, l.aisle_pitch_mm, l.cell_pitch_mm};
}

Stop depot_stop(const Grid& g) { return {g.depot_aisle, 0}; }

Instance build_instance(const RouteRequest& r) {
  Instance in;
  in.grid = grid_of(r.layout);
  in.stops.push_back(depot_stop(in.grid));
  in.picks_at.emplace_back();
  std::map<std::pair<int64_t, int64_t>, size_t> stop_of;
  for (size_t i = 0; i < r.picks.size(); ++i) {
    const auto key = std::make_pair(r.picks[i].aisle, r.picks[i].cell);
    auto [it, inserted] = stop_of.emplace(key, in.stops.size());
    if (inserted) {
      in.stops.push_back({key.first, in.grid.cell_y(key.second)});
      in.picks_at.emplace_back();
    }
    in.picks_at[it->second].push_back(i);
  }
  return in;
}

// Length of the closed walk depot -> stops in `order` -> depot.
double tour_length_mm(const Instance& in, const std::vector<size_t>& order) {
  Walk total;
  size_t at = 0;
  for (size_t next : order) {
    Walk w = shortest_walk(in.grid, in.stops[at], in.stops[next]);
    total.across += w.across;
    total.along += w.along;
    at = next;
  }
  Walk back = shortest_walk(in.grid, in.stops[at], in.stops[0]);
  total.across += back.across;
  total.along += back.along;
  return total.mm(in.grid);
}

Route make_route(const Instance& in, const std::vector<size_t>& order, std::string method,
                 std::string algorithm, bool optimal) {
  Route route;
  for (size_t stop : order) {
    for (size_t pick : in.picks_at[stop]) route.sequence.push_back(pick);
  }
  route.length_mm = tour_length_mm(in, order);
  route.method = std::move(method);
  route.algorithm = std::move(algorithm);
  route.optimal = optimal;
  return route;
}

}  // namespace wareflow::optimize
