#include "optimize/routing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "numeric/splitmix64.h"
#include "optimize/aisle_states.h"

namespace wareflow::optimize {

namespace {

// Upper bounds that keep the aisle-by-aisle dynamic program and the integer
// arithmetic below far from overflow; real warehouses are orders smaller.
constexpr int64_t kMaxAisles = 100000;
constexpr int64_t kMaxBlocks = 10000;
constexpr int64_t kMaxCellsPerBlock = 100000;

// Work local search may spend once its starts are built (move evaluations
// and stops moved): bounds its run time on 10,000 picks to a second or two
// without reading a clock, so the same input always gives the same route.
constexpr int64_t kLocalSearchBudget = 100'000'000;

// Iterated local search: kKicksPerStop segment-swap kicks per distinct stop,
// at most kMaxKicks, alternately of runs of 1..kKickSegment stops and of any
// length; kNeighbours nearest stops are tried for each move.
constexpr size_t kKicksPerStop = 10;
constexpr size_t kMaxKicks = 2000;
constexpr size_t kKickSegment = 10;
constexpr uint64_t kKickSeed = 0x5eed;
constexpr size_t kNeighbours = 10;

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
Walk shortest_walk(const Grid& g, const Stop& a, const Stop& b) {
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

// ---------------------------------------------------------------------------
// Held-Karp over the shortest-path distance matrix: O(2^n n^2) time.

std::vector<size_t> held_karp_order(const Instance& in) {
  const size_t n = in.points();
  if (n == 0) return {};
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(n + 1));
  for (size_t a = 0; a <= n; ++a) {
    for (size_t b = 0; b <= n; ++b) d[a][b] = in.distance(a, b);
  }
  // best[mask][i]: shortest walk from the depot through the points in mask
  // (point i is stop i + 1), ending at point i.
  const size_t masks = size_t{1} << n;
  std::vector<double> best(masks * n, kInfinity);
  std::vector<int8_t> before(masks * n, -1);
  for (size_t i = 0; i < n; ++i) best[(size_t{1} << i) * n + i] = d[0][i + 1];
  for (size_t mask = 1; mask < masks; ++mask) {
    for (size_t last = 0; last < n; ++last) {
      if (!(mask >> last & 1)) continue;
      const double here = best[mask * n + last];
      if (here == kInfinity) continue;
      for (size_t next = 0; next < n; ++next) {
        if (mask >> next & 1) continue;
        const size_t grown = mask | (size_t{1} << next);
        const double via = here + d[last + 1][next + 1];
        if (via < best[grown * n + next]) {
          best[grown * n + next] = via;
          before[grown * n + next] = static_cast<int8_t>(last);
        }
      }
    }
  }
  const size_t full = masks - 1;
  size_t last = 0;
  double shortest = kInfinity;
  for (size_t i = 0; i < n; ++i) {
    const double closed = best[full * n + i] + d[i + 1][0];
    if (closed < shortest) {
      shortest = closed;
      last = i;
    }
  }
  std::vector<size_t> order;
  for (size_t mask = full; mask != 0;) {
    order.push_back(last + 1);
    const int8_t prev = before[mask * n + last];
    mask &= ~(size_t{1} << last);
    last = static_cast<size_t>(prev);
  }
  std::reverse(order.begin(), order.end());
  return order;
}

// ---------------------------------------------------------------------------
// Ratliff & Rosenthal (1983): single block, aisles left to right. A partial
// tour subgraph over aisles L..j can be completed optimally knowing only the
// degree (none, even, odd) of the aisle-j front and back nodes, whether the two
// are connected, and whether a finished component was left behind. Rather
// than transcribing the paper's transition tables, each transition is
// simulated on those facts (aisle_states.h, shared with the batching
// search). The route reported visits the picks in the order an Euler
// circuit of the chosen edges first reaches them; shortcutting a walk never
// lengthens it, so the leg sum of that order is the optimum.

using namespace aisle_states;

// The picks of one aisle and what each vertical pattern costs (cell pitches).
struct Column {
  std::vector<size_t> stops;  // sorted front to back
  std::vector<int64_t> ys;
  std::array<int64_t, kVerticalCount> cost{};
  std::array<bool, kVerticalCount> allowed{};
  size_t gap = 0;  // kSplitAtGap: stops[0..gap) from the front, the rest from the back
};

// ys are measured from `base`, the y of the cross aisle below the stops.
Column make_column(const Instance& in, std::vector<size_t> stops, int64_t top, int64_t base = 0) {
  Column c;
  std::sort(stops.begin(), stops.end(),
            [&](size_t a, size_t b) { return in.stops[a].y < in.stops[b].y; });
  c.stops = std::move(stops);
  for (size_t s : c.stops) c.ys.push_back(in.stops[s].y - base);
  const size_t m = c.ys.size();
  c.allowed[kNoVertical] = m == 0;
  c.allowed[kTraverseOnce] = c.allowed[kTraverseTwice] = true;
  c.cost[kTraverseOnce] = top;
  c.cost[kTraverseTwice] = 2 * top;
  if (m >= 1) {
    c.allowed[kFromFront] = c.allowed[kFromBack] = true;
    c.cost[kFromFront] = 2 * c.ys.back();
    c.cost[kFromBack] = 2 * (top - c.ys.front());
  }
  if (m >= 2) {
    c.allowed[kSplitAtGap] = true;
    c.cost[kSplitAtGap] = std::numeric_limits<int64_t>::max();
    for (size_t k = 1; k < m; ++k) {
      const int64_t cost = 2 * c.ys[k - 1] + 2 * (top - c.ys[k]);
      if (cost < c.cost[kSplitAtGap]) {
        c.cost[kSplitAtGap] = cost;
        c.gap = k;
      }
    }
  }
  return c;
}

struct Choice {
  uint8_t from = 0;  // state code at the previous aisle
  uint8_t front_edges = 0;
  uint8_t back_edges = 0;
  uint8_t vertical = kNoVertical;
};

// A tour subgraph as a multigraph: its nodes (each the pick stop it is, or 0
// for a cross-aisle node) and edges.
struct TourGraph {
  std::vector<size_t> stop_of_node;
  std::vector<std::pair<size_t, size_t>> edges;

  size_t add_node(size_t stop) {
    stop_of_node.push_back(stop);
    return stop_of_node.size() - 1;
  }
  void add(size_t a, size_t b, int copies) {
    for (int i = 0; i < copies; ++i) edges.emplace_back(a, b);
  }
  // Nodes for a column's picks: the chain front, picks front to back, back.
  std::vector<size_t> add_chain(const Column& column, size_t front, size_t back) {
    std::vector<size_t> chain = {front};
    for (size_t s : column.stops) chain.push_back(add_node(s));
    chain.push_back(back);
    return chain;
  }
  // The edges pattern v puts along a chain.
  void add_pattern(const std::vector<size_t>& chain, const Column& column, Vertical v) {
    const size_t m = column.stops.size();
    auto run = [&](size_t from, size_t to, int copies) {
      for (size_t i = from; i < to; ++i) add(chain[i], chain[i + 1], copies);
    };
    switch (v) {
      case kTraverseOnce:
        run(0, m + 1, 1);
        break;
      case kTraverseTwice:
        run(0, m + 1, 2);
        break;
      case kFromFront:
        run(0, m, 2);
        break;
      case kFromBack:
        run(1, m + 1, 2);
        break;
      case kSplitAtGap:
        run(0, column.gap, 2);
        run(column.gap + 1, m + 1, 2);
        break;
      default:
        break;
    }
  }

  // Stops in the order an Euler circuit from node `start` first reaches them
  // (the graph is connected and every degree even).
  std::vector<size_t> first_visits(const Instance& in, size_t start) const {
    std::vector<std::vector<size_t>> incident(stop_of_node.size());
    for (size_t e = 0; e < edges.size(); ++e) {
      incident[edges[e].first].push_back(e);
      incident[edges[e].second].push_back(e);
    }
    // Hierholzer, iteratively.
    std::vector<bool> used(edges.size(), false);
    std::vector<size_t> next_edge(stop_of_node.size(), 0);
    std::vector<size_t> stack{start}, circuit;
    while (!stack.empty()) {
      const size_t node = stack.back();
      auto& k = next_edge[node];
      while (k < incident[node].size() && used[incident[node][k]]) ++k;
      if (k == incident[node].size()) {
        circuit.push_back(node);
        stack.pop_back();
        continue;
      }
      const size_t e = incident[node][k];
      used[e] = true;
      stack.push_back(edges[e].first == node ? edges[e].second : edges[e].first);
    }
    std::vector<size_t> order;
    std::vector<bool> seen(in.stops.size(), false);
    for (size_t node : circuit) {
      const size_t stop = stop_of_node[node];
      if (stop == 0 || seen[stop]) continue;
      seen[stop] = true;
      order.push_back(stop);
    }
    return order;
  }
};

// Visiting order from an Euler circuit of the chosen multigraph, started at
// the depot: stops in order of first visit.
std::vector<size_t> euler_order(const Instance& in, const std::vector<Column>& columns,
                                const std::vector<Choice>& chosen, size_t depot_column) {
  TourGraph graph;
  std::vector<std::vector<size_t>> chains(columns.size());
  for (size_t j = 0; j < columns.size(); ++j) {
    const size_t front = graph.add_node(0), back = graph.add_node(0);
    chains[j] = graph.add_chain(columns[j], front, back);
  }
  for (size_t j = 0; j < columns.size(); ++j) {
    graph.add_pattern(chains[j], columns[j], static_cast<Vertical>(chosen[j].vertical));
    if (j + 1 < columns.size()) {
      graph.add(chains[j].front(), chains[j + 1].front(), chosen[j + 1].front_edges);
      graph.add(chains[j].back(), chains[j + 1].back(), chosen[j + 1].back_edges);
    }
  }
  return graph.first_visits(in, chains[depot_column].front());
}

std::vector<size_t> ratliff_rosenthal_order(const Instance& in) {
  if (in.points() == 0) return {};
  const Grid& g = in.grid;
  const int64_t top = g.block_span();
  // Nothing is gained left of the leftmost pick aisle or right of the
  // rightmost (or the depot), so only that span of aisles is modelled.
  int64_t left = g.depot_aisle, right = g.depot_aisle;
  for (size_t s = 1; s < in.stops.size(); ++s) {
    left = std::min(left, in.stops[s].aisle);
    right = std::max(right, in.stops[s].aisle);
  }
  const size_t count = static_cast<size_t>(right - left + 1);
  std::vector<std::vector<size_t>> stops_in(count);
  for (size_t s = 1; s < in.stops.size(); ++s) {
    stops_in[static_cast<size_t>(in.stops[s].aisle - left)].push_back(s);
  }
  std::vector<Column> columns;
  columns.reserve(count);
  for (auto& stops : stops_in) columns.push_back(make_column(in, std::move(stops), top));
  const size_t depot_column = static_cast<size_t>(g.depot_aisle - left);

  std::vector<std::array<double, kStateCount>> cost(count);
  std::vector<std::array<Choice, kStateCount>> choice(count);
  for (auto& row : cost) row.fill(kInfinity);

  for (uint8_t v = 0; v < kVerticalCount; ++v) {
    if (!columns[0].allowed[v]) continue;
    ColumnState next;
    if (!step(ColumnState{}, 0, 0, static_cast<Vertical>(v), false, &next)) continue;
    const double c = static_cast<double>(columns[0].cost[v]) * g.cell_pitch_mm;
    const size_t code = encode(next);
    if (c < cost[0][code]) {
      cost[0][code] = c;
      choice[0][code] = Choice{0, 0, 0, v};
    }
  }
  for (size_t j = 0; j + 1 < count; ++j) {
    for (size_t from = 0; from < kStateCount; ++from) {
      if (cost[j][from] == kInfinity) continue;
      const ColumnState s = decode(from);
      for (int fe = 0; fe <= 2; ++fe) {
        for (int be = 0; be <= 2; ++be) {
          for (uint8_t v = 0; v < kVerticalCount; ++v) {
            if (!columns[j + 1].allowed[v]) continue;
            ColumnState next;
            if (!step(s, fe, be, static_cast<Vertical>(v), j == depot_column, &next)) continue;
            const double c = cost[j][from] + (fe + be) * g.aisle_pitch_mm +
                             static_cast<double>(columns[j + 1].cost[v]) * g.cell_pitch_mm;
            const size_t code = encode(next);
            if (c < cost[j + 1][code]) {
              cost[j + 1][code] = c;
              choice[j + 1][code] = Choice{static_cast<uint8_t>(from), static_cast<uint8_t>(fe),
                                           static_cast<uint8_t>(be), v};
            }
          }
        }
      }
    }
  }
  size_t end = kStateCount;
  for (size_t code = 0; code < kStateCount; ++code) {
    if (cost[count - 1][code] == kInfinity) continue;
    if (!finished(decode(code), count - 1 == depot_column)) continue;
    if (end == kStateCount || cost[count - 1][code] < cost[count - 1][end]) end = code;
  }
  if (end == kStateCount) {
    // Cannot happen: traversing every aisle of the span is always a tour.
    throw std::logic_error("routing: single-block dynamic program found no tour");
  }
  std::vector<Choice> chosen(count);
  for (size_t j = count, code = end; j-- > 0;) {
    chosen[j] = choice[j][code];
    code = chosen[j].from;
  }
  return euler_order(in, columns, chosen, depot_column);
}

// ---------------------------------------------------------------------------
// Several blocks, exactly: the same program with one node per cross aisle in
// each aisle, B + 1 of them, node 0 on the front cross aisle. For B = 2 it
// answers what Roodbergen & de Koster's (2001) program for a warehouse with
// a middle aisle answers, the same way; more cross aisles only widen the
// state. Why it is exact:
//  - a shortest tour is a connected multigraph with even degrees through the
//    depot and every pick, and an Euler circuit of such a graph is a tour, so
//    the cheapest such graph is the shortest tour;
//  - no edge needs more than two copies (dropping two keeps degrees even and
//    the graph connected), and none is needed left of the leftmost or right
//    of the rightmost aisle holding a pick or the depot (no shortest path
//    between them goes there);
//  - along a subaisle (an aisle's stretch between neighbouring cross aisles)
//    every inner node is a pick touched by that stretch only, so its edges
//    share one parity: all used once, or each twice or not at all. Two unused
//    edges would cut off the picks between them, so at most one is unused:
//    the first (in from the back), the last (in from the front), or one
//    between picks, where the longest is best because which one it is
//    changes nothing else. With no picks: no edge, once or twice. These are
//    the Vertical patterns above;
//  - between neighbouring aisles each cross-aisle edge is used 0, 1 or 2
//    times.
// A partial subgraph over aisles L..j is summed up, as for one block, by each
// of aisle j's nodes' degree (none, even, odd), which of them share a
// component, and whether a finished component was left behind. Transitions
// depend on the state only, so they are tabulated once per node count:
// `across` for the cross-aisle edges to the next aisle, `along` for one
// subaisle's pattern.

constexpr size_t kMaxProfileNodes = static_cast<size_t>(kMultiBlockDpMaxBlocks) + 1;

struct Profile {
  std::array<uint8_t, kMaxProfileNodes> degree{};  // kNoDegree, kEvenDegree, kOddDegree
  std::array<int8_t, kMaxProfileNodes> label{};    // component; -1 without degree
  bool closed = false;                             // a finished component lies to the left

  Profile() { label.fill(-1); }
};

// Components numbered in order of first appearance, so equal states compare equal.
Profile canonical(Profile p, size_t nodes) {
  std::array<int8_t, 16> renamed;
  renamed.fill(-1);
  int8_t next = 0;
  for (size_t i = 0; i < nodes; ++i) {
    if (p.degree[i] == kNoDegree) {
      p.label[i] = -1;
      continue;
    }
    int8_t& to = renamed[static_cast<size_t>(p.label[i])];
    if (to < 0) to = next++;
    p.label[i] = to;
  }
  return p;
}

uint32_t profile_key(const Profile& p, size_t nodes) {
  uint32_t key = p.closed ? 1 : 0;
  for (size_t i = 0; i < nodes; ++i) key = (key * 3 + p.degree[i]) * 8 + (p.label[i] + 1);
  return key;
}

// Components that start at a node get labels from here, clear of the
// canonical ones (at most kMaxProfileNodes).
constexpr int8_t kFreshLabel = 8;

// The cross-aisle edges from aisle j to j + 1, edges[i] copies at node i:
// aisle j's nodes get no more edges, so their degree must be even, and a
// component not reaching aisle j + 1 is finished, which only the last one may be.
bool across_step(const Profile& s, size_t nodes, const std::array<int, kMaxProfileNodes>& edges,
                 Profile* out) {
  std::array<bool, 16> exists{}, continues{};
  for (size_t i = 0; i < nodes; ++i) {
    if (add_edges(s.degree[i], edges[i]) == kOddDegree) return false;
    if (s.degree[i] == kNoDegree) continue;
    exists[static_cast<size_t>(s.label[i])] = true;
    if (edges[i] > 0) continues[static_cast<size_t>(s.label[i])] = true;
  }
  int closed = s.closed ? 1 : 0;
  for (size_t l = 0; l < exists.size(); ++l) closed += exists[l] && !continues[l] ? 1 : 0;
  Profile next;
  bool any = false;
  for (size_t i = 0; i < nodes; ++i) {
    if (edges[i] == 0) continue;
    any = true;
    next.degree[i] = add_edges(kNoDegree, edges[i]);
    // An unused node of aisle j reached by a doubled edge starts a component.
    next.label[i] = s.degree[i] != kNoDegree
                        ? s.label[i]
                        : static_cast<int8_t>(kFreshLabel + static_cast<int>(i));
  }
  if (closed >= 2 || (closed == 1 && any)) return false;
  next.closed = closed == 1;
  *out = canonical(next, nodes);
  return true;
}

// Pattern v on the subaisle between nodes `lower` and lower + 1.
bool along_step(const Profile& s, size_t nodes, size_t lower, Vertical v, Profile* out) {
  if (v == kNoVertical) {
    *out = s;
    return true;
  }
  if (s.closed) return false;
  Profile next = s;
  const size_t upper = lower + 1;
  auto touch = [&](size_t node, int edges) {
    if (next.degree[node] == kNoDegree) {
      next.label[node] = static_cast<int8_t>(kFreshLabel + static_cast<int>(node));
    }
    next.degree[node] = add_edges(next.degree[node], edges);
  };
  auto join = [&] {
    const int8_t from = next.label[upper], to = next.label[lower];
    for (size_t i = 0; i < nodes; ++i) {
      if (next.label[i] == from) next.label[i] = to;
    }
  };
  switch (v) {
    case kTraverseOnce:
    case kTraverseTwice: {
      const int edges = v == kTraverseOnce ? 1 : 2;
      touch(lower, edges);
      touch(upper, edges);
      join();
      break;
    }
    case kFromFront:
      touch(lower, 2);
      break;
    case kFromBack:
      touch(upper, 2);
      break;
    case kSplitAtGap:
      touch(lower, 2);
      touch(upper, 2);
      break;
    default:
      return false;
  }
  *out = canonical(next, nodes);
  return true;
}

// A single tour: even degrees and exactly one component.
bool profile_finished(const Profile& s, size_t nodes) {
  std::array<bool, 16> seen{};
  int components = s.closed ? 1 : 0;
  for (size_t i = 0; i < nodes; ++i) {
    if (s.degree[i] == kOddDegree) return false;
    if (s.degree[i] == kNoDegree) continue;
    auto& was = seen[static_cast<size_t>(s.label[i])];
    if (!was) ++components;
    was = true;
  }
  return components == 1;
}

struct ProfileTable {
  size_t nodes = 0;
  size_t combos = 0;  // 3^nodes ways to choose the cross-aisle edges
  std::vector<Profile> states;
  std::vector<int32_t> across;    // [state * combos + combo] -> state, -1 if no tour comes of it
  std::vector<int32_t> along;     // [(state * (nodes - 1) + lower) * kVerticalCount + v]
  std::vector<uint8_t> edges_in;  // per combo, the number of cross-aisle edges
  std::vector<uint8_t> finished;  // per state

  static std::array<int, kMaxProfileNodes> edges_of(size_t combo, size_t nodes) {
    std::array<int, kMaxProfileNodes> edges{};
    for (size_t i = 0; i < nodes; ++i, combo /= 3) edges[i] = static_cast<int>(combo % 3);
    return edges;
  }
};

// Every state reachable from the empty one, breadth first.
ProfileTable build_profile_table(size_t nodes) {
  ProfileTable t;
  t.nodes = nodes;
  t.combos = 1;
  for (size_t i = 0; i < nodes; ++i) t.combos *= 3;
  std::unordered_map<uint32_t, int32_t> index;
  auto intern = [&](const Profile& p) {
    auto [it, inserted] =
        index.emplace(profile_key(p, nodes), static_cast<int32_t>(t.states.size()));
    if (inserted) t.states.push_back(p);
    return it->second;
  };
  intern(Profile{});
  for (size_t s = 0; s < t.states.size(); ++s) {
    const Profile here = t.states[s];
    for (size_t combo = 0; combo < t.combos; ++combo) {
      Profile next;
      const bool ok = across_step(here, nodes, ProfileTable::edges_of(combo, nodes), &next);
      t.across.push_back(ok ? intern(next) : -1);
    }
    for (size_t lower = 0; lower + 1 < nodes; ++lower) {
      for (uint8_t v = 0; v < kVerticalCount; ++v) {
        Profile next;
        const bool ok = along_step(here, nodes, lower, static_cast<Vertical>(v), &next);
        t.along.push_back(ok ? intern(next) : -1);
      }
    }
  }
  for (size_t combo = 0; combo < t.combos; ++combo) {
    int edges = 0;
    for (int e : ProfileTable::edges_of(combo, nodes)) edges += e;
    t.edges_in.push_back(static_cast<uint8_t>(edges));
  }
  for (const Profile& p : t.states) t.finished.push_back(profile_finished(p, nodes) ? 1 : 0);
  return t;
}

// Built on first use, once per node count (thread-safe static initialisation).
const ProfileTable& profile_table(size_t nodes) {
  static_assert(kMaxProfileNodes == 4, "add a table per node count");
  switch (nodes) {
    case 2: {
      static const ProfileTable table = build_profile_table(2);
      return table;
    }
    case 3: {
      static const ProfileTable table = build_profile_table(3);
      return table;
    }
    default: {
      static const ProfileTable table = build_profile_table(4);
      return table;
    }
  }
}

// The aisles the program models: from the leftmost to the rightmost of the
// picks and the depot.
std::pair<int64_t, int64_t> aisle_span(const Instance& in) {
  int64_t left = in.grid.depot_aisle, right = in.grid.depot_aisle;
  for (size_t s = 1; s < in.stops.size(); ++s) {
    left = std::min(left, in.stops[s].aisle);
    right = std::max(right, in.stops[s].aisle);
  }
  return {left, right};
}

// The shortest tour on 1..kMultiBlockDpMaxBlocks blocks; *length receives its
// length as the program summed it.
std::vector<size_t> multi_block_order(const Instance& in, double* length) {
  *length = 0;
  if (in.points() == 0) return {};
  const Grid& g = in.grid;
  const size_t blocks = static_cast<size_t>(g.blocks), nodes = blocks + 1;
  const ProfileTable& table = profile_table(nodes);
  const int64_t span = g.block_span();
  const auto [left, right] = aisle_span(in);
  const size_t count = static_cast<size_t>(right - left + 1);
  const size_t depot_column = static_cast<size_t>(g.depot_aisle - left);

  // columns[j * blocks + b]: aisle left + j, block b.
  std::vector<std::vector<size_t>> stops_in(count * blocks);
  for (size_t s = 1; s < in.stops.size(); ++s) {
    const size_t j = static_cast<size_t>(in.stops[s].aisle - left);
    stops_in[j * blocks + static_cast<size_t>(g.block_of_y(in.stops[s].y))].push_back(s);
  }
  std::vector<Column> columns;
  columns.reserve(stops_in.size());
  for (size_t c = 0; c < stops_in.size(); ++c) {
    const int64_t base = static_cast<int64_t>(c % blocks) * span;
    columns.push_back(make_column(in, std::move(stops_in[c]), span, base));
  }

  // Stages, in order: per aisle j, the cross-aisle edges from j - 1 (j > 0),
  // then each subaisle front to back. back[stage][state] names the state
  // before the stage and the choice (combo or pattern) made in it.
  struct Step {
    int32_t from = -1;
    uint8_t choice = 0;
  };
  const size_t states = table.states.size();
  const size_t stages = count * blocks + (count - 1);
  std::vector<Step> back(stages * states);
  std::vector<double> cost(states, kInfinity), next(states);
  cost[0] = 0;  // the empty state
  size_t stage = 0;
  for (size_t j = 0; j < count; ++j) {
    if (j > 0) {
      std::fill(next.begin(), next.end(), kInfinity);
      Step* row = &back[stage * states];
      const bool leaving_depot = j - 1 == depot_column;
      for (size_t s = 0; s < states; ++s) {
        if (cost[s] == kInfinity) continue;
        const bool depot_ok = !leaving_depot || table.states[s].degree[0] != kNoDegree;
        const int32_t* to = &table.across[s * table.combos];
        for (size_t combo = 0; combo < table.combos; ++combo) {
          if (to[combo] < 0) continue;
          if (!depot_ok && combo % 3 == 0) continue;  // the depot node must be on the tour
          const double c = cost[s] + table.edges_in[combo] * g.aisle_pitch_mm;
          const size_t t = static_cast<size_t>(to[combo]);
          if (c < next[t]) {
            next[t] = c;
            row[t] = Step{static_cast<int32_t>(s), static_cast<uint8_t>(combo)};
          }
        }
      }
      cost.swap(next);
      ++stage;
    }
    for (size_t b = 0; b < blocks; ++b, ++stage) {
      const Column& column = columns[j * blocks + b];
      std::fill(next.begin(), next.end(), kInfinity);
      Step* row = &back[stage * states];
      for (size_t s = 0; s < states; ++s) {
        if (cost[s] == kInfinity) continue;
        const int32_t* to = &table.along[(s * blocks + b) * kVerticalCount];
        for (uint8_t v = 0; v < kVerticalCount; ++v) {
          if (!column.allowed[v] || to[v] < 0) continue;
          const double c = cost[s] + static_cast<double>(column.cost[v]) * g.cell_pitch_mm;
          const size_t t = static_cast<size_t>(to[v]);
          if (c < next[t]) {
            next[t] = c;
            row[t] = Step{static_cast<int32_t>(s), v};
          }
        }
      }
      cost.swap(next);
    }
  }
  size_t end = states;
  for (size_t s = 0; s < states; ++s) {
    if (cost[s] == kInfinity || !table.finished[s]) continue;
    if (count - 1 == depot_column && table.states[s].degree[0] == kNoDegree) continue;
    if (end == states || cost[s] < cost[end]) end = s;
  }
  if (end == states) {
    // Cannot happen: the walk of any visiting order is such a graph.
    throw std::logic_error("routing: multi-block dynamic program found no tour");
  }
  *length = cost[end];

  // Walk the choices back, then lay the chosen edges out as a graph.
  std::vector<uint8_t> choice(stages);
  for (size_t st = stages, s = end; st-- > 0;) {
    const Step& step = back[st * states + s];
    choice[st] = step.choice;
    s = static_cast<size_t>(step.from);
  }
  TourGraph graph;
  std::vector<size_t> cross(count * nodes);  // cross[j * nodes + i]: aisle j's node i
  std::vector<std::vector<size_t>> chains(columns.size());
  for (size_t j = 0; j < count; ++j) {
    for (size_t i = 0; i < nodes; ++i) cross[j * nodes + i] = graph.add_node(0);
    for (size_t b = 0; b < blocks; ++b) {
      chains[j * blocks + b] =
          graph.add_chain(columns[j * blocks + b], cross[j * nodes + b], cross[j * nodes + b + 1]);
    }
  }
  stage = 0;
  for (size_t j = 0; j < count; ++j) {
    if (j > 0) {
      const auto edges = ProfileTable::edges_of(choice[stage++], nodes);
      for (size_t i = 0; i < nodes; ++i) {
        graph.add(cross[(j - 1) * nodes + i], cross[j * nodes + i], edges[i]);
      }
    }
    for (size_t b = 0; b < blocks; ++b, ++stage) {
      graph.add_pattern(chains[j * blocks + b], columns[j * blocks + b],
                        static_cast<Vertical>(choice[stage]));
    }
  }
  return graph.first_visits(in, cross[depot_column * nodes]);
}

// ---------------------------------------------------------------------------
// Heuristics: each yields a visiting order; its length is the leg sum.

// Pick stops per aisle, aisles left to right, stops front to back.
std::map<int64_t, std::vector<size_t>> stops_by_aisle(const Instance& in) {
  std::map<int64_t, std::vector<size_t>> by_aisle;
  for (size_t s = 1; s < in.stops.size(); ++s) by_aisle[in.stops[s].aisle].push_back(s);
  for (auto& [aisle, stops] : by_aisle) {
    std::sort(stops.begin(), stops.end(),
              [&](size_t a, size_t b) { return in.stops[a].y < in.stops[b].y; });
  }
  return by_aisle;
}

void append(std::vector<size_t>* order, const std::vector<size_t>& stops, bool front_to_back) {
  if (front_to_back) {
    order->insert(order->end(), stops.begin(), stops.end());
  } else {
    order->insert(order->end(), stops.rbegin(), stops.rend());
  }
}

// A stop's y measured from the front cross aisle of its block: 1..C.
int64_t offset_in_block(const Instance& in, size_t stop) {
  return in.stops[stop].y % in.grid.block_span();
}

// How many of a subaisle's stops (front to back) are taken from the front
// cross aisle, the rest from the back one. Midpoint: those in the front half.
size_t midpoint_front_part(const Instance& in, const std::vector<size_t>& stops) {
  const int64_t span = in.grid.block_span();
  size_t front = 0;
  while (front < stops.size() && 2 * offset_in_block(in, stops[front]) <= span) ++front;
  return front;
}

// Largest gap: those before the widest gap between the cross aisles and the
// stops (the frontmost of equal ones), so that gap is never walked.
size_t largest_gap_front_part(const Instance& in, const std::vector<size_t>& stops) {
  const int64_t span = in.grid.block_span();
  // Gap k lies just before stop k; gap stops.size() runs to the back.
  size_t widest = 0;
  int64_t widest_gap = -1;
  for (size_t k = 0; k <= stops.size(); ++k) {
    const int64_t below = k == 0 ? 0 : offset_in_block(in, stops[k - 1]);
    const int64_t above = k == stops.size() ? span : offset_in_block(in, stops[k]);
    if (above - below > widest_gap) {
      widest_gap = above - below;
      widest = k;
    }
  }
  return widest;
}

using FrontPart = size_t (*)(const Instance&, const std::vector<size_t>&);

// Pick subaisles in the order the picker visits them: (aisle, stops front to back).
using Sweep = std::vector<std::pair<int64_t, const std::vector<size_t>*>>;

// Combined within one block: the subaisles of `sweep` in turn, each traversed
// or entered and left from the side the picker is on, starting at the back
// if from_back and ending at the front; the cheapest choices by a dynamic
// program over (subaisle, side), ties kept on the same side. Returns the walk
// along the aisles in cell pitches, and appends the stops to `order` if
// given, each subaisle's in the direction the picker enters it.
int64_t combined_block(const Instance& in, const Sweep& sweep, bool from_back,
                       std::vector<size_t>* order) {
  const int64_t span = in.grid.block_span();
  const size_t n = sweep.size();
  // cost[i][side]: walk for subaisles < i, on `side` (0 front, 1 back) before
  // subaisle i. from[i][side]: side before subaisle i - 1.
  constexpr int64_t kUnreached = std::numeric_limits<int64_t>::max() / 4;
  std::vector<std::array<int64_t, 2>> cost(n + 1, {kUnreached, kUnreached});
  std::vector<std::array<int, 2>> from(n + 1, {0, 0});
  cost[0][from_back ? 1 : 0] = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::vector<size_t>& stops = *sweep[i].second;
    const int64_t deepest_from_front = offset_in_block(in, stops.back());
    const int64_t deepest_from_back = span - offset_in_block(in, stops.front());
    for (int side = 0; side < 2; ++side) {
      const int64_t here = cost[i][side];
      if (here == kUnreached) continue;
      const int64_t in_and_out = 2 * (side == 0 ? deepest_from_front : deepest_from_back);
      if (here + in_and_out < cost[i + 1][side]) {
        cost[i + 1][side] = here + in_and_out;
        from[i + 1][side] = side;
      }
      if (here + span < cost[i + 1][1 - side]) {  // through to the other side
        cost[i + 1][1 - side] = here + span;
        from[i + 1][1 - side] = side;
      }
    }
  }
  if (order != nullptr) {
    std::vector<int> entered(n);
    for (size_t i = n, side = 0; i-- > 0;) {
      entered[i] = from[i + 1][side];
      side = static_cast<size_t>(entered[i]);
    }
    for (size_t i = 0; i < n; ++i) append(order, *sweep[i].second, entered[i] == 0);
  }
  return cost[n][0];
}

// Single block: pick aisles left to right, up the first, down the next, ...
std::vector<size_t> s_shape_single_block_order(const Instance& in) {
  std::vector<size_t> order;
  bool up = true;
  for (const auto& [aisle, stops] : stops_by_aisle(in)) {
    append(&order, stops, up);
    up = !up;
  }
  return order;
}

std::vector<size_t> return_order(const Instance& in) {
  std::vector<size_t> order;
  for (const auto& [aisle, stops] : stops_by_aisle(in)) append(&order, stops, true);
  return order;
}

// Midpoint and largest gap, single block: up the first pick aisle, along the
// back visiting the back part of each middle aisle, down the last pick aisle,
// and back along the front visiting the front parts.
std::vector<size_t> split_single_block_order(const Instance& in, FrontPart front_part) {
  std::vector<std::vector<size_t>> aisles;
  for (auto& [aisle, stops] : stops_by_aisle(in)) aisles.push_back(stops);
  std::vector<size_t> order;
  if (aisles.empty()) return order;
  append(&order, aisles.front(), true);
  if (aisles.size() == 1) return order;
  std::vector<size_t> front_parts(aisles.size(), 0);
  for (size_t i = 1; i + 1 < aisles.size(); ++i) {
    front_parts[i] = front_part(in, aisles[i]);
    std::vector<size_t> back(aisles[i].begin() + static_cast<std::ptrdiff_t>(front_parts[i]),
                             aisles[i].end());
    append(&order, back, false);
  }
  append(&order, aisles.back(), false);
  for (size_t i = aisles.size() - 1; i-- > 1;) {
    std::vector<size_t> front(aisles[i].begin(),
                              aisles[i].begin() + static_cast<std::ptrdiff_t>(front_parts[i]));
    append(&order, front, true);
  }
  return order;
}

// Combined (Roodbergen & de Koster), single block: pick aisles left to right
// from the front, combined_block's choices.
std::vector<size_t> combined_single_block_order(const Instance& in) {
  const auto by_aisle = stops_by_aisle(in);
  Sweep sweep;
  for (const auto& [aisle, stops] : by_aisle) sweep.emplace_back(aisle, &stops);
  std::vector<size_t> order;
  combined_block(in, sweep, false, &order);
  return order;
}

// Several blocks. Roodbergen & de Koster's (2001) heuristics share a frame
// (steps 1-3): from the depot along the front cross aisle to the leftmost
// aisle with picks (the left pick aisle), and up it to the front cross aisle
// of the farthest block with picks, taking the left pick aisle's picks on the
// way. Then the blocks are worked from the farthest to the front; each is
// left by its front cross aisle, which is the back cross aisle of the next, so
// every block but the farthest is entered from the back, at the aisle where
// the picker left the previous one; a block without picks is walked through.

// Subaisles with picks: block (front to back) -> aisle (left to right) ->
// stops front to back.
using Subaisles = std::map<int64_t, std::vector<size_t>>;
using Blocks = std::map<int64_t, Subaisles>;

Blocks subaisles_by_block(const Instance& in) {
  Blocks blocks;
  for (const auto& [aisle, stops] : stops_by_aisle(in)) {
    for (size_t s : stops) blocks[in.grid.block_of_y(in.stops[s].y)][aisle].push_back(s);
  }
  return blocks;
}

int64_t leftmost_pick_aisle(const Blocks& blocks) {
  int64_t left = std::numeric_limits<int64_t>::max();
  for (const auto& [block, subaisles] : blocks) left = std::min(left, subaisles.begin()->first);
  return left;
}

// Appends, front to back, the picks of `aisle` in the blocks before `farthest`,
// and takes them out of `blocks`.
void climb(Blocks* blocks, int64_t aisle, int64_t farthest, std::vector<size_t>* order) {
  for (auto& [block, subaisles] : *blocks) {
    if (block >= farthest) break;
    auto it = subaisles.find(aisle);
    if (it == subaisles.end()) continue;
    append(order, it->second, true);
    subaisles.erase(it);
  }
}

Sweep left_to_right(const Subaisles& subaisles) {
  Sweep sweep;
  for (const auto& [aisle, stops] : subaisles) sweep.emplace_back(aisle, &stops);
  return sweep;
}

// The block's pick subaisles from whichever end is nearer to aisle x (ties:
// the left one) to the other.
Sweep from_nearer_end(const Subaisles& subaisles, int64_t x) {
  Sweep sweep = left_to_right(subaisles);
  if (std::abs(sweep.back().first - x) < std::abs(sweep.front().first - x)) {
    std::reverse(sweep.begin(), sweep.end());
  }
  return sweep;
}

// S-shape and largest gap, step 4: along the farthest block's front cross
// aisle to its leftmost pick subaisle and up it, taking its picks front to
// back; if that is the block's only one the picker returns to the front, else
// it is at the back and goes on with the rest of the block. Returns the aisle.
int64_t enter_farthest(Subaisles* farthest, std::vector<size_t>* order) {
  auto first = farthest->begin();
  const int64_t aisle = first->first;
  append(order, first->second, true);
  farthest->erase(first);
  return aisle;
}

// S-shape in a block entered from the back at aisle x: to the nearer end of
// its pick subaisles, then each traversed in turn towards the other end; the
// last is traversed if the picker is at the back, else entered and left from
// the front. Returns the aisle where the picker leaves the block.
int64_t s_shape_block(const Subaisles& subaisles, int64_t x, std::vector<size_t>* order) {
  if (subaisles.empty()) return x;
  const Sweep sweep = from_nearer_end(subaisles, x);
  bool at_back = true;
  for (size_t i = 0; i < sweep.size(); ++i) {
    append(order, *sweep[i].second, !at_back);
    if (i + 1 < sweep.size() || at_back) at_back = !at_back;
  }
  return sweep.back().first;
}

// Largest gap and midpoint in a block entered from the back at aisle x: the
// pick subaisle at the end farther from x (ties: the right one) is the last.
// Along the back cross aisle towards it, each other subaisle is entered from
// the back for its back part; the last is traversed to the front; and back
// along the front cross aisle each is entered from the front for its front
// part. Returns the aisle where the picker leaves the block.
int64_t split_block(const Instance& in, const Subaisles& subaisles, int64_t x, FrontPart front_part,
                    std::vector<size_t>* order) {
  if (subaisles.empty()) return x;
  Sweep sweep = left_to_right(subaisles);
  if (std::abs(sweep.front().first - x) > std::abs(sweep.back().first - x)) {
    std::reverse(sweep.begin(), sweep.end());
  }
  std::vector<size_t> fronts(sweep.size(), 0);
  for (size_t i = 0; i + 1 < sweep.size(); ++i) {
    const std::vector<size_t>& stops = *sweep[i].second;
    fronts[i] = front_part(in, stops);
    for (size_t k = stops.size(); k-- > fronts[i];) order->push_back(stops[k]);
  }
  append(order, *sweep.back().second, false);
  int64_t leaves = sweep.back().first;
  for (size_t i = sweep.size() - 1; i-- > 0;) {
    if (fronts[i] == 0) continue;
    const std::vector<size_t>& stops = *sweep[i].second;
    order->insert(order->end(), stops.begin(),
                  stops.begin() + static_cast<std::ptrdiff_t>(fronts[i]));
    leaves = sweep[i].first;
  }
  return leaves;
}

// S-shape (split == nullptr), largest gap or midpoint on several blocks:
// the frame, step 4, then each block by s_shape_block or split_block.
std::vector<size_t> frame_order(const Instance& in, FrontPart split) {
  Blocks blocks = subaisles_by_block(in);
  std::vector<size_t> order;
  if (blocks.empty()) return order;
  const int64_t farthest = blocks.rbegin()->first;
  climb(&blocks, leftmost_pick_aisle(blocks), farthest, &order);
  int64_t x = enter_farthest(&blocks.rbegin()->second, &order);
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    x = split == nullptr ? s_shape_block(it->second, x, &order)
                         : split_block(in, it->second, x, split, &order);
  }
  return order;
}

// Combined on several blocks: the frame, then in each block from the nearer
// end of its pick subaisles to the other, combined_block's choices; the
// farthest block is entered from the front.
std::vector<size_t> combined_multi_block_order(const Instance& in) {
  Blocks blocks = subaisles_by_block(in);
  std::vector<size_t> order;
  if (blocks.empty()) return order;
  const int64_t farthest = blocks.rbegin()->first;
  int64_t x = leftmost_pick_aisle(blocks);
  climb(&blocks, x, farthest, &order);
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
    if (it->second.empty()) continue;
    const Sweep sweep = from_nearer_end(it->second, x);
    combined_block(in, sweep, it->first != farthest, &order);
    x = sweep.back().first;
  }
  return order;
}

// Combined+: combined with the choices the frame fixes left to a dynamic
// program over the blocks that minimises the picker's walk: the aisle taken
// up (any pick aisle, or the depot's), whether it is climbed to the front or
// through the farthest block to its back (then the block is swept from the
// back and that subaisle's picks are taken on the way), and for each block
// the sweep direction, knowing where the previous block left the picker.
// On one block both directions walk as far (the sweep starts and ends at the
// front) and ties go right: the same route as combined.
std::vector<size_t> combined_plus_order(const Instance& in) {
  const Blocks blocks = subaisles_by_block(in);
  if (blocks.empty()) return {};
  const Grid& g = in.grid;
  const double p = g.aisle_pitch_mm, q = g.cell_pitch_mm;
  const int64_t span = g.block_span(), farthest = blocks.rbegin()->first;
  std::set<int64_t> climbs = {g.depot_aisle};
  for (const auto& [block, subaisles] : blocks) {
    for (const auto& [aisle, stops] : subaisles) climbs.insert(aisle);
  }
  // The walk for one way up, with per block the cheaper direction
  // (rightward[k] for the k-th swept block from the back); appends the
  // order if asked.
  auto plan = [&](int64_t up, bool through, std::vector<size_t>* order) {
    const int64_t top = through ? farthest + 1 : farthest;  // cross aisle the picker climbs to
    std::vector<std::pair<bool, Sweep>> swept;              // (from the back, left to right)
    double walk =
        static_cast<double>(std::abs(g.depot_aisle - up)) * p + static_cast<double>(top * span) * q;
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) {
      const bool passed = it->first < top;  // the climb took this block's picks in `up`
      Sweep sweep;
      for (const auto& [aisle, stops] : it->second) {
        if (!(passed && aisle == up)) sweep.emplace_back(aisle, &stops);
      }
      if (sweep.empty()) {  // entered from the back, walked through
        if (it->first < top) walk += static_cast<double>(span) * q;
        continue;
      }
      swept.emplace_back(it->first != farthest || through, std::move(sweep));
    }
    // best[d]: walk so far with the last block swept rightward (d = 0) or
    // leftward (d = 1), ending at its last subaisle; came[k][d]: the
    // direction of block k - 1 it came from (-1: from the climb).
    std::array<double, 2> best = {walk, kInfinity};
    std::array<int64_t, 2> at = {up, up};
    std::vector<std::array<int, 2>> came(swept.size(), {-1, -1});
    bool first = true;
    for (size_t k = 0; k < swept.size(); ++k) {
      std::array<double, 2> next = {kInfinity, kInfinity};
      std::array<int64_t, 2> next_at{};
      for (int d = 0; d < 2; ++d) {
        Sweep seq = swept[k].second;
        if (d == 1) std::reverse(seq.begin(), seq.end());
        const double inside =
            static_cast<double>(std::abs(seq.back().first - seq.front().first)) * p +
            static_cast<double>(combined_block(in, seq, swept[k].first, nullptr)) * q;
        next_at[static_cast<size_t>(d)] = seq.back().first;
        for (int e = 0; e < (first ? 1 : 2); ++e) {
          const double w =
              best[static_cast<size_t>(e)] +
              static_cast<double>(std::abs(at[static_cast<size_t>(e)] - seq.front().first)) * p +
              inside;
          if (w < next[static_cast<size_t>(d)]) {
            next[static_cast<size_t>(d)] = w;
            came[k][static_cast<size_t>(d)] = first ? -1 : e;
          }
        }
      }
      best = next;
      at = next_at;
      first = false;
    }
    for (int d = 0; d < 2; ++d) {
      best[static_cast<size_t>(d)] +=
          static_cast<double>(std::abs(at[static_cast<size_t>(d)] - g.depot_aisle)) * p;
    }
    const int end = best[1] < best[0] ? 1 : 0;
    if (order != nullptr) {
      std::vector<int> direction(swept.size());
      for (size_t k = swept.size(), d = static_cast<size_t>(end); k-- > 0;) {
        direction[k] = static_cast<int>(d);
        if (came[k][d] >= 0) d = static_cast<size_t>(came[k][d]);
      }
      for (const auto& [block, subaisles] : blocks) {
        if (block >= top) break;
        auto it = subaisles.find(up);
        if (it != subaisles.end()) append(order, it->second, true);
      }
      for (size_t k = 0; k < swept.size(); ++k) {
        Sweep seq = swept[k].second;
        if (direction[k] == 1) std::reverse(seq.begin(), seq.end());
        combined_block(in, seq, swept[k].first, order);
      }
    }
    return best[static_cast<size_t>(end)];
  };
  int64_t best_up = g.depot_aisle;
  bool best_through = false;
  double shortest = kInfinity;
  for (int64_t up : climbs) {
    for (bool through : {false, true}) {
      if (through && (g.blocks == 1 || !blocks.rbegin()->second.count(up))) continue;
      const double walk = plan(up, through, nullptr);
      if (walk < shortest - kEpsilonMm) {
        shortest = walk;
        best_up = up;
        best_through = through;
      }
    }
  }
  std::vector<size_t> order;
  plan(best_up, best_through, &order);
  return order;
}

// The visiting order of a heuristic method.
std::vector<size_t> heuristic_order(const Instance& in, const std::string& method) {
  const bool single = in.grid.blocks == 1;
  if (method == "s_shape")
    return single ? s_shape_single_block_order(in) : frame_order(in, nullptr);
  if (method == "return") return return_order(in);
  if (method == "midpoint") {
    return single ? split_single_block_order(in, midpoint_front_part)
                  : frame_order(in, midpoint_front_part);
  }
  if (method == "largest_gap") {
    return single ? split_single_block_order(in, largest_gap_front_part)
                  : frame_order(in, largest_gap_front_part);
  }
  if (method == "combined") {
    return single ? combined_single_block_order(in) : combined_multi_block_order(in);
  }
  return combined_plus_order(in);
}

// ---------------------------------------------------------------------------
// Local search on the shortest-path distances.

// Distances between stops, tabulated when there are few enough stops.
class Distances {
 public:
  explicit Distances(const Instance& in) : in_(in), n_(in.stops.size()) {
    if (n_ > kTabulatedStops) return;
    table_.resize(n_ * n_);
    for (size_t a = 0; a < n_; ++a) {
      for (size_t b = 0; b < n_; ++b) table_[a * n_ + b] = in.distance(a, b);
    }
  }
  double operator()(size_t a, size_t b) const {
    return table_.empty() ? in_.distance(a, b) : table_[a * n_ + b];
  }

 private:
  static constexpr size_t kTabulatedStops = 1024;  // at most 8 MiB
  const Instance& in_;
  size_t n_;
  std::vector<double> table_;
};

std::vector<size_t> nearest_neighbour_order(const Instance& in, const Distances& d) {
  const size_t n = in.points();
  std::vector<bool> visited(n + 1, false);
  std::vector<size_t> order;
  size_t at = 0;
  for (size_t step = 0; step < n; ++step) {
    size_t best = 0;
    double nearest = kInfinity;
    for (size_t s = 1; s <= n; ++s) {
      if (visited[s]) continue;
      const double here = d(at, s);
      if (here < nearest) {
        nearest = here;
        best = s;
      }
    }
    visited[best] = true;
    order.push_back(best);
    at = best;
  }
  return order;
}

// Each stop's nearest others (depot included), nearest first, ties by index.
// A stop in another aisle is at least the aisles between times the pitch
// away, so aisles are searched outwards from the stop's own until that bound
// passes the farthest kept.
std::vector<std::vector<uint32_t>> neighbour_lists(const Instance& in, const Distances& d,
                                                   size_t count) {
  std::map<int64_t, std::vector<uint32_t>> by_aisle;
  for (size_t s = 0; s < in.stops.size(); ++s) {
    by_aisle[in.stops[s].aisle].push_back(static_cast<uint32_t>(s));
  }
  std::vector<std::pair<int64_t, const std::vector<uint32_t>*>> aisles;
  for (const auto& [aisle, stops] : by_aisle) aisles.emplace_back(aisle, &stops);
  std::vector<std::vector<uint32_t>> lists(in.stops.size());
  using Near = std::pair<double, uint32_t>;
  for (size_t s = 0; s < in.stops.size(); ++s) {
    std::vector<Near> kept;  // a max-heap of at most `count`
    auto offer = [&](uint32_t t) {
      if (t == s) return;
      const Near near{d(s, t), t};
      if (kept.size() < count) {
        kept.push_back(near);
        std::push_heap(kept.begin(), kept.end());
      } else if (near < kept.front()) {
        std::pop_heap(kept.begin(), kept.end());
        kept.back() = near;
        std::push_heap(kept.begin(), kept.end());
      }
    };
    const int64_t own = in.stops[s].aisle;
    const auto mid =
        std::lower_bound(aisles.begin(), aisles.end(), own,
                         [](const auto& entry, int64_t aisle) { return entry.first < aisle; });
    auto right = mid;  // next aisle rightwards (own included)
    auto left = mid;   // one past the next aisle leftwards
    while (right != aisles.end() || left != aisles.begin()) {
      const bool go_right =
          left == aisles.begin() ||
          (right != aisles.end() && right->first - own <= own - std::prev(left)->first);
      const auto& entry = go_right ? *right : *std::prev(left);
      const double bound =
          static_cast<double>(std::abs(entry.first - own)) * in.grid.aisle_pitch_mm;
      if (kept.size() == count && bound > kept.front().first) break;
      for (uint32_t t : *entry.second) offer(t);
      if (go_right) {
        ++right;
      } else {
        --left;
      }
    }
    std::sort(kept.begin(), kept.end());
    for (const Near& near : kept) lists[s].push_back(near.second);
  }
  return lists;
}

// A closed tour over every stop (the depot is stop 0) as an array with each
// stop's position, improved by 2-opt and Or-opt moves over neighbour lists
// with don't-look bits (a queue of stops whose neighbourhood changed), and
// perturbed by segment swaps (a double bridge of two neighbouring segments).
// Every move is built from reversals of the shorter side. Its length is kept
// up to date move by move, and the changes since the last checkpoint are
// journaled so that a rejected kick is undone in the time it took.
class TourImprover {
 public:
  TourImprover(const Distances& d, const std::vector<std::vector<uint32_t>>& neighbours,
               int64_t* budget)
      : d_(d),
        near_(neighbours),
        budget_(budget),
        pos_(neighbours.size()),
        queued_(neighbours.size(), false) {}

  // Starts from depot -> order -> depot, every stop active.
  void load(const std::vector<size_t>& order) {
    tour_.assign(1, 0);
    for (size_t s : order) tour_.push_back(static_cast<uint32_t>(s));
    for (size_t i = 0; i < tour_.size(); ++i) pos_[tour_[i]] = static_cast<uint32_t>(i);
    length_ = 0;
    for (size_t i = 0; i < tour_.size(); ++i)
      length_ += d_(tour_[i], tour_[(i + 1) % tour_.size()]);
    clear_queue();
    journal_.clear();
    for (uint32_t s : tour_) activate(s);
  }

  // The visiting order, from the depot's successor.
  std::vector<size_t> order() const {
    std::vector<size_t> order;
    const size_t n = tour_.size();
    for (size_t i = 1; i < n; ++i) order.push_back(tour_[(pos_[0] + i) % n]);
    return order;
  }

  double length() const { return length_; }

  // Applies improving moves until none of the active stops has one.
  void descend() {
    if (tour_.size() < 5) return clear_queue();
    while (!queue_.empty() && *budget_ > 0) {
      const uint32_t a = queue_.front();
      queue_.pop_front();
      queued_[a] = false;
      if (improve_two_opt(a) || improve_or_opt(a)) activate(a);
    }
  }

  // Forgets the journal: the tour as it is becomes the one to return to.
  void checkpoint() {
    journal_.clear();
    checkpoint_length_ = length_;
  }

  // Undoes every change since the checkpoint, last first.
  void rollback() {
    for (size_t k = journal_.size(); k-- > 0;) {
      const Change& c = journal_[k];
      if (c.swap) {
        swap_segments(c.start, c.second, c.first);
      } else {
        reverse_positions(c.start, c.first);
      }
    }
    journal_.clear();
    length_ = checkpoint_length_;
    clear_queue();
  }

  // Swaps two neighbouring segments of 1..`longest` stops at a random place
  // and activates the ends of the changed edges.
  void kick(numeric::SplitMix64* rng, size_t longest) {
    const size_t n = tour_.size();
    if (n < 5) return;
    longest = std::min(longest, (n - 2) / 2);
    const size_t start = rng->below(n);
    const size_t first = 1 + rng->below(longest);
    const size_t second = 1 + rng->below(longest);
    const uint32_t touched[] = {tour_[start],
                                tour_[(start + 1) % n],
                                tour_[(start + first) % n],
                                tour_[(start + first + 1) % n],
                                tour_[(start + first + second) % n],
                                tour_[(start + first + second + 1) % n]};
    // a [b .. c] [e .. f] g  ->  a [e .. f] [b .. c] g
    const auto [a, b, c, e, f, g] = touched;
    length_ += d_(a, e) + d_(f, b) + d_(c, g) - d_(a, b) - d_(c, e) - d_(f, g);
    swap_segments(start, first, second);
    journal_.push_back({true, start, first, second});
    for (uint32_t v : touched) activate(v);
  }

 private:
  struct Change {
    bool swap = false;  // swap_segments(start, first, second), else reverse_positions(start, first)
    size_t start = 0, first = 0, second = 0;
  };

  uint32_t succ(uint32_t v) const {
    const size_t p = pos_[v] + 1;
    return tour_[p == tour_.size() ? 0 : p];
  }
  uint32_t pred(uint32_t v) const { return tour_[pos_[v] == 0 ? tour_.size() - 1 : pos_[v] - 1]; }

  void activate(uint32_t v) {
    if (queued_[v]) return;
    queued_[v] = true;
    queue_.push_back(v);
  }
  void clear_queue() {
    for (uint32_t v : queue_) queued_[v] = false;
    queue_.clear();
  }

  // The `first` stops after position `start` trade places with the `second`
  // stops after them.
  void swap_segments(size_t start, size_t first, size_t second) {
    const size_t n = tour_.size();
    moved_.clear();
    for (size_t i = 0; i < second; ++i) moved_.push_back(tour_[(start + 1 + first + i) % n]);
    for (size_t i = 0; i < first; ++i) moved_.push_back(tour_[(start + 1 + i) % n]);
    for (size_t i = 0; i < moved_.size(); ++i) {
      const size_t at = (start + 1 + i) % n;
      tour_[at] = moved_[i];
      pos_[moved_[i]] = static_cast<uint32_t>(at);
    }
    *budget_ -= static_cast<int64_t>(moved_.size());
  }

  // Reverses the `len` positions from `i` on (cyclically).
  void reverse_positions(size_t i, size_t len) {
    const size_t n = tour_.size();
    size_t j = (i + len + n - 1) % n;
    *budget_ -= static_cast<int64_t>(len);
    for (size_t k = 0; k < len / 2; ++k) {
      std::swap(tour_[i], tour_[j]);
      pos_[tour_[i]] = static_cast<uint32_t>(i);
      pos_[tour_[j]] = static_cast<uint32_t>(j);
      i = i + 1 == n ? 0 : i + 1;
      j = j == 0 ? n - 1 : j - 1;
    }
  }

  // Reverses the path from `from` forwards to `to`, or the rest of the tour
  // if that is shorter (the same tour, walked the other way).
  void reverse_path(uint32_t from, uint32_t to) {
    const size_t n = tour_.size();
    size_t i = pos_[from], len = (pos_[to] + n - i) % n + 1;
    if (2 * len > n) {
      i = (pos_[to] + 1) % n;
      len = n - len;
    }
    reverse_positions(i, len);
    journal_.push_back({false, i, len, 0});
  }

  // Edges (a, b) and (c, d), both walked the same way round, become (a, c)
  // and (b, d).
  void two_opt_move(uint32_t a, uint32_t b, uint32_t c, [[maybe_unused]] uint32_t d) {
    if (succ(a) == b) {
      reverse_path(b, c);
    } else {
      reverse_path(c, b);
    }
  }

  bool improve_two_opt(uint32_t a) {
    for (int forward = 1; forward >= 0; --forward) {
      const uint32_t b = forward ? succ(a) : pred(a);
      const double ab = d_(a, b);
      for (uint32_t c : near_[a]) {
        --*budget_;
        const double gain_first = ab - d_(a, c);
        if (gain_first <= kEpsilonMm) break;
        const uint32_t e = forward ? succ(c) : pred(c);
        if (c == b || e == a) continue;
        const double gain = gain_first + d_(c, e) - d_(b, e);
        if (gain > kEpsilonMm) {
          two_opt_move(a, b, c, e);
          length_ -= gain;
          for (uint32_t v : {a, b, c, e}) activate(v);
          return true;
        }
      }
    }
    return false;
  }

  // Moves a run of 1-3 stops that starts or ends at `a`, either way round,
  // next to a neighbour of one of its ends.
  bool improve_or_opt(uint32_t a) {
    const size_t n = tour_.size();
    for (size_t len = 1; len <= 3 && len + 3 <= n; ++len) {
      for (int starts = 1; starts >= 0; --starts) {
        if (len == 1 && !starts) break;
        uint32_t s1 = a, s2 = a;  // the run is s1 .. s2 walked forwards
        for (size_t k = 1; k < len; ++k) {
          if (starts) {
            s2 = succ(s2);
          } else {
            s1 = pred(s1);
          }
        }
        const uint32_t p = pred(s1), nx = succ(s2);
        const double removed = d_(p, s1) + d_(s2, nx) - d_(p, nx);
        if (removed <= kEpsilonMm) continue;
        auto inside = [&](uint32_t v) { return (pos_[v] + n - pos_[s1]) % n < len; };
        double best = kEpsilonMm;
        uint32_t best_u = 0, best_v = 0;
        bool best_reversed = false;
        for (uint32_t end : {s1, s2}) {
          for (uint32_t c : near_[end]) {
            --*budget_;
            if (removed - d_(end, c) <= kEpsilonMm) break;
            if (inside(c)) continue;
            for (int side = 0; side < 2; ++side) {
              const uint32_t u = side == 0 ? c : pred(c), v = side == 0 ? succ(c) : c;
              if (inside(u) || inside(v)) continue;
              const double kept = d_(u, v);
              const double forward = removed - (d_(u, s1) + d_(s2, v) - kept);
              const double backward = removed - (d_(u, s2) + d_(s1, v) - kept);
              if (forward > best) {
                best = forward;
                best_u = u, best_v = v, best_reversed = false;
              }
              if (backward > best) {
                best = backward;
                best_u = u, best_v = v, best_reversed = true;
              }
            }
          }
        }
        if (best <= kEpsilonMm) continue;
        // p s1..s2 nx .. u v  ->  p u .. nx s2..s1 v  ->  p nx .. u s2..s1 v
        two_opt_move(p, s1, best_u, best_v);
        two_opt_move(p, best_u, nx, s2);
        if (!best_reversed) two_opt_move(best_u, s2, s1, best_v);
        length_ -= best;
        for (uint32_t v : {p, nx, s1, s2, best_u, best_v}) activate(v);
        return true;
      }
    }
    return false;
  }

  const Distances& d_;
  const std::vector<std::vector<uint32_t>>& near_;
  int64_t* budget_;
  std::vector<uint32_t> tour_, pos_, moved_;
  std::vector<bool> queued_;
  std::deque<uint32_t> queue_;
  std::vector<Change> journal_;
  double length_ = 0, checkpoint_length_ = 0;
};

// Full neighbourhoods, no lists: 2-opt over every pair of edges and Or-opt
// of every run of 1-3 stops to every edge, until no move improves or the
// budget is spent. The last step of local search, so its result is a local
// optimum of both moves in full. tour[0] is the depot.
class FullScan {
 public:
  FullScan(const Distances& d, const std::vector<size_t>& order, int64_t* budget)
      : d_(d), budget_(budget) {
    tour_.push_back(0);
    tour_.insert(tour_.end(), order.begin(), order.end());
  }

  std::vector<size_t> run() {
    bool improved = true;
    while (improved && *budget_ > 0) {
      improved = two_opt();
      improved = or_opt() || improved;
    }
    return std::vector<size_t>(tour_.begin() + 1, tour_.end());
  }

 private:
  size_t at(size_t position) const { return tour_[position % tour_.size()]; }
  double d(size_t a, size_t b) const { return d_(a, b); }

  // Reverses a stretch of the tour when swapping two edges shortens it.
  bool two_opt() {
    const size_t n = tour_.size();
    bool improved = false;
    for (size_t i = 0; i + 2 < n && *budget_ > 0; ++i) {
      for (size_t k = i + 2; k<n&& * budget_> 0; ++k, --*budget_) {
        if (i == 0 && k == n - 1) continue;  // the two edges meet at the depot
        const size_t a = at(i), b = at(i + 1), c = at(k), e = at(k + 1);
        const double delta = d(a, c) + d(b, e) - d(a, b) - d(c, e);
        if (delta < -kEpsilonMm) {
          std::reverse(tour_.begin() + static_cast<std::ptrdiff_t>(i + 1),
                       tour_.begin() + static_cast<std::ptrdiff_t>(k + 1));
          improved = true;
        }
      }
    }
    return improved;
  }

  // Moves a run of 1-3 stops, either way round, between two other stops.
  bool or_opt() {
    bool improved = false;
    for (size_t len = 1; len <= 3; ++len) {
      for (size_t i = 1; i + len <= tour_.size() && *budget_ > 0; ++i) {
        const size_t n = tour_.size();
        const size_t first = tour_[i], last = tour_[i + len - 1];
        const size_t prev = tour_[i - 1], next = at(i + len);
        const double removed = d(prev, first) + d(last, next) - d(prev, next);
        double best = -kEpsilonMm;
        size_t best_k = n;
        bool best_reversed = false;
        for (size_t k = 0; k<n&& * budget_> 0; ++k, --*budget_) {
          if (k + 1 >= i && k < i + len) continue;  // an edge touching the run
          const size_t a = tour_[k], b = at(k + 1);
          const double kept = d(a, b);
          const double forward = d(a, first) + d(last, b) - kept - removed;
          const double backward = d(a, last) + d(first, b) - kept - removed;
          if (forward < best || backward < best) {
            best_reversed = backward < forward;
            best = std::min(forward, backward);
            best_k = k;
          }
        }
        if (best_k == n) continue;
        std::vector<size_t> run(tour_.begin() + static_cast<std::ptrdiff_t>(i),
                                tour_.begin() + static_cast<std::ptrdiff_t>(i + len));
        if (best_reversed) std::reverse(run.begin(), run.end());
        const size_t anchor = tour_[best_k];
        tour_.erase(tour_.begin() + static_cast<std::ptrdiff_t>(i),
                    tour_.begin() + static_cast<std::ptrdiff_t>(i + len));
        const auto where = std::find(tour_.begin(), tour_.end(), anchor) + 1;
        tour_.insert(where, run.begin(), run.end());
        improved = true;
      }
    }
    return improved;
  }

  const Distances& d_;
  int64_t* budget_;
  std::vector<size_t> tour_;
};

// Local search: a descent from each of several starts (nearest neighbour,
// s_shape, largest_gap, combined_plus), then iterated local search from the
// best (segment-swap kicks, a descent after each, kept if no longer), then
// the full-neighbourhood polish. Deterministic: a fixed seed and a work
// budget instead of a clock.
std::vector<size_t> local_search_order(const Instance& in) {
  const size_t n = in.points();
  if (n <= 2) return nearest_neighbour_order(in, Distances(in));
  int64_t budget = kLocalSearchBudget;
  const Distances d(in);
  const auto neighbours = neighbour_lists(in, d, kNeighbours);
  TourImprover tour(d, neighbours, &budget);
  std::vector<size_t> best;
  double best_length = kInfinity;
  const std::vector<size_t> starts[] = {
      nearest_neighbour_order(in, d), heuristic_order(in, "s_shape"),
      heuristic_order(in, "largest_gap"), heuristic_order(in, "combined_plus")};
  for (const auto& start : starts) {
    tour.load(start);
    tour.descend();
    if (tour.length() < best_length - kEpsilonMm) {
      best_length = tour.length();
      best = tour.order();
    }
  }
  const size_t kicks = std::min(kMaxKicks, kKicksPerStop * n);
  numeric::SplitMix64 rng(kKickSeed);
  tour.load(best);
  tour.descend();
  for (size_t k = 0; k < kicks && budget > 0; ++k) {
    const double before = tour.length();
    tour.checkpoint();
    tour.kick(&rng, k % 2 == 0 ? kKickSegment : n);  // local, then tour-wide
    tour.descend();
    if (tour.length() > before + kEpsilonMm) tour.rollback();  // equal ones walk on
  }
  best = tour.order();
  return FullScan(d, best, &budget).run();
}

// ---------------------------------------------------------------------------

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
