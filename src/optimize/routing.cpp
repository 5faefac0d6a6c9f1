#include "optimize/routing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace wareflow::optimize {

RoutingError::RoutingError(std::string code, const std::string& message)
    : std::invalid_argument(message), code_(std::move(code)) {}

namespace {

// Upper bounds that keep the aisle-by-aisle dynamic program and the integer
// arithmetic below far from overflow; real warehouses are orders smaller.
constexpr int64_t kMaxAisles = 100000;
constexpr int64_t kMaxBlocks = 10000;
constexpr int64_t kMaxCellsPerBlock = 100000;

// Move evaluations local search may spend after nearest neighbour: bounds its
// run time on 10,000 picks to about a second without reading a clock, so the
// same input always gives the same route.
constexpr int64_t kLocalSearchBudget = 100'000'000;

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
// simulated on those facts, which is equivalent and harder to get wrong.
// Edge choices are the paper's: 0, 1 or 2 copies of each cross-aisle edge
// between neighbouring aisles, and per aisle one of the six vertical patterns.
// The depot lies on the tour by requiring a positive degree at aisle D's
// front node. The route reported visits the picks in the order an Euler
// circuit of the chosen edges first reaches them; shortcutting a walk never
// lengthens it, so the leg sum of that order is the optimum.

enum Degree : uint8_t { kNoDegree = 0, kEvenDegree = 1, kOddDegree = 2 };

uint8_t add_edges(uint8_t degree, int edges) {
  if (edges == 0) return degree;
  const bool odd = (degree == kOddDegree) != (edges % 2 == 1);
  return odd ? kOddDegree : kEvenDegree;
}

enum Vertical : uint8_t {
  kNoVertical,     // only when the aisle has no picks
  kTraverseOnce,   // front to back once
  kTraverseTwice,  // front to back twice
  kFromFront,      // in and out from the front to the farthest pick
  kFromBack,       // in and out from the back to the nearest pick
  kSplitAtGap,     // both, leaving out the largest gap between picks
  kVerticalCount
};

struct ColumnState {
  uint8_t front = kNoDegree;
  uint8_t back = kNoDegree;
  bool joined = false;  // front and back in one component (both have degree)
  bool closed = false;  // a finished component lies to the left
};

constexpr size_t kStateCount = 3 * 3 * 2 * 2;

size_t encode(const ColumnState& s) {
  return ((s.front * 3u + s.back) * 2u + (s.joined ? 1u : 0u)) * 2u + (s.closed ? 1u : 0u);
}

ColumnState decode(size_t code) {
  ColumnState s;
  s.closed = code % 2 == 1;
  s.joined = code / 2 % 2 == 1;
  s.back = static_cast<uint8_t>(code / 4 % 3);
  s.front = static_cast<uint8_t>(code / 12);
  return s;
}

// The picks of one aisle and what each vertical pattern costs (cell pitches).
struct Column {
  std::vector<size_t> stops;  // sorted front to back
  std::vector<int64_t> ys;
  std::array<int64_t, kVerticalCount> cost{};
  std::array<bool, kVerticalCount> allowed{};
  size_t gap = 0;  // kSplitAtGap: stops[0..gap) from the front, the rest from the back
};

Column make_column(const Instance& in, std::vector<size_t> stops, int64_t top) {
  Column c;
  std::sort(stops.begin(), stops.end(),
            [&](size_t a, size_t b) { return in.stops[a].y < in.stops[b].y; });
  c.stops = std::move(stops);
  for (size_t s : c.stops) c.ys.push_back(in.stops[s].y);
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

// From state s at aisle j, with `back_edges` / `front_edges` copies of the
// cross-aisle edges to aisle j + 1 and pattern v in aisle j + 1: the state at
// aisle j + 1, or false if no tour can come of it.
bool step(const ColumnState& s, int front_edges, int back_edges, Vertical v, bool depot_at_j,
          ColumnState* out) {
  // Aisle j's nodes get no more edges: their degree must be final and even.
  const uint8_t front_final = add_edges(s.front, front_edges);
  const uint8_t back_final = add_edges(s.back, back_edges);
  if (front_final == kOddDegree || back_final == kOddDegree) return false;
  if (depot_at_j && front_final == kNoDegree) return false;

  // Components at aisle j: label 0 holds the front node, label 1 the back
  // node unless joined. A component with no edge to the right is finished.
  const int front_comp = s.front != kNoDegree ? 0 : -1;
  const int back_comp = s.back != kNoDegree ? (s.joined ? 0 : 1) : -1;
  bool continues[2] = {false, false};
  if (front_edges > 0 && front_comp >= 0) continues[front_comp] = true;
  if (back_edges > 0 && back_comp >= 0) continues[back_comp] = true;
  int closed = s.closed ? 1 : 0;
  for (int comp = 0; comp < 2; ++comp) {
    const bool exists = front_comp == comp || back_comp == comp;
    if (exists && !continues[comp]) ++closed;
  }

  // Aisle j + 1's nodes: labels 2 and 3 are components starting at aisle j
  // (a node of degree zero there, reached by a doubled cross-aisle edge);
  // 4 and 5 start in aisle j + 1 itself.
  uint8_t front = add_edges(kNoDegree, front_edges);
  uint8_t back = add_edges(kNoDegree, back_edges);
  int new_front_comp = front_edges > 0 ? (front_comp >= 0 ? front_comp : 2) : -1;
  int new_back_comp = back_edges > 0 ? (back_comp >= 0 ? back_comp : 3) : -1;
  bool merged = false;
  switch (v) {
    case kNoVertical:
      break;
    case kTraverseOnce:
    case kTraverseTwice: {
      const int edges = v == kTraverseOnce ? 1 : 2;
      front = add_edges(front, edges);
      back = add_edges(back, edges);
      merged = true;
      break;
    }
    case kFromFront:
      front = add_edges(front, 2);
      break;
    case kFromBack:
      back = add_edges(back, 2);
      break;
    case kSplitAtGap:
      front = add_edges(front, 2);
      back = add_edges(back, 2);
      break;
    case kVerticalCount:
      return false;
  }
  if (front != kNoDegree && new_front_comp < 0) new_front_comp = 4;
  if (back != kNoDegree && new_back_comp < 0) new_back_comp = 5;

  if (closed >= 2) return false;
  if (closed == 1 && (front != kNoDegree || back != kNoDegree)) return false;
  out->front = front;
  out->back = back;
  out->joined =
      front != kNoDegree && back != kNoDegree && (merged || new_front_comp == new_back_comp);
  out->closed = closed == 1;
  return true;
}

// After the last aisle: is the state a finished single tour?
bool finished(const ColumnState& s, bool depot_at_j) {
  if (s.front == kOddDegree || s.back == kOddDegree) return false;
  if (depot_at_j && s.front == kNoDegree) return false;
  int components = s.closed ? 1 : 0;
  if (s.front != kNoDegree && s.back != kNoDegree) {
    components += s.joined ? 1 : 2;
  } else if (s.front != kNoDegree || s.back != kNoDegree) {
    components += 1;
  }
  return components == 1;
}

struct Choice {
  uint8_t from = 0;  // state code at the previous aisle
  uint8_t front_edges = 0;
  uint8_t back_edges = 0;
  uint8_t vertical = kNoVertical;
};

// Visiting order from an Euler circuit of the chosen multigraph, started at
// the depot: stops in order of first visit.
std::vector<size_t> euler_order(const Instance& in, const std::vector<Column>& columns,
                                const std::vector<Choice>& chosen, size_t depot_column) {
  // Nodes per aisle: front, back, then one per pick.
  std::vector<size_t> first_node(columns.size());
  std::vector<size_t> stop_of_node;
  for (size_t j = 0; j < columns.size(); ++j) {
    first_node[j] = stop_of_node.size();
    stop_of_node.push_back(0);
    stop_of_node.push_back(0);
    for (size_t s : columns[j].stops) stop_of_node.push_back(s);
  }
  std::vector<std::pair<size_t, size_t>> edges;
  auto add = [&](size_t a, size_t b, int copies) {
    for (int i = 0; i < copies; ++i) edges.emplace_back(a, b);
  };
  for (size_t j = 0; j < columns.size(); ++j) {
    const size_t front = first_node[j], back = front + 1, m = columns[j].stops.size();
    // chain[0] = front, chain[1..m] = picks, chain[m + 1] = back.
    auto chain = [&](size_t i) { return i == 0 ? front : i == m + 1 ? back : front + 1 + i; };
    auto run = [&](size_t from, size_t to, int copies) {
      for (size_t i = from; i < to; ++i) add(chain(i), chain(i + 1), copies);
    };
    switch (chosen[j].vertical) {
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
        run(0, columns[j].gap, 2);
        run(columns[j].gap + 1, m + 1, 2);
        break;
      default:
        break;
    }
    if (j + 1 < columns.size()) {
      add(front, first_node[j + 1], chosen[j + 1].front_edges);
      add(back, first_node[j + 1] + 1, chosen[j + 1].back_edges);
    }
  }
  std::vector<std::vector<size_t>> incident(stop_of_node.size());
  for (size_t e = 0; e < edges.size(); ++e) {
    incident[edges[e].first].push_back(e);
    incident[edges[e].second].push_back(e);
  }
  // Hierholzer, iteratively.
  std::vector<bool> used(edges.size(), false);
  std::vector<size_t> next_edge(stop_of_node.size(), 0);
  std::vector<size_t> stack{first_node[depot_column]}, circuit;
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
// Local search on the shortest-path distances.

std::vector<size_t> nearest_neighbour_order(const Instance& in) {
  const size_t n = in.points();
  std::vector<bool> visited(n + 1, false);
  std::vector<size_t> order;
  size_t at = 0;
  for (size_t step = 0; step < n; ++step) {
    size_t best = 0;
    double nearest = kInfinity;
    for (size_t s = 1; s <= n; ++s) {
      if (visited[s]) continue;
      const double d = in.distance(at, s);
      if (d < nearest) {
        nearest = d;
        best = s;
      }
    }
    visited[best] = true;
    order.push_back(best);
    at = best;
  }
  return order;
}

// tour[0] is the depot; the tour closes from tour.back() to tour[0].
class LocalSearch {
 public:
  LocalSearch(const Instance& in, std::vector<size_t> order) : in_(in) {
    tour_.push_back(0);
    tour_.insert(tour_.end(), order.begin(), order.end());
  }

  std::vector<size_t> run() {
    bool improved = true;
    while (improved && budget_ > 0) {
      improved = two_opt();
      improved = or_opt() || improved;
    }
    return std::vector<size_t>(tour_.begin() + 1, tour_.end());
  }

 private:
  size_t at(size_t position) const { return tour_[position % tour_.size()]; }
  double d(size_t a, size_t b) const { return in_.distance(a, b); }

  // Reverses a stretch of the tour when swapping two edges shortens it.
  bool two_opt() {
    const size_t n = tour_.size();
    bool improved = false;
    for (size_t i = 0; i + 2 < n && budget_ > 0; ++i) {
      for (size_t k = i + 2; k < n && budget_ > 0; ++k, --budget_) {
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
      for (size_t i = 1; i + len <= tour_.size() && budget_ > 0; ++i) {
        const size_t n = tour_.size();
        const size_t first = tour_[i], last = tour_[i + len - 1];
        const size_t prev = tour_[i - 1], next = at(i + len);
        const double removed = d(prev, first) + d(last, next) - d(prev, next);
        double best = -kEpsilonMm;
        size_t best_k = n;
        bool best_reversed = false;
        for (size_t k = 0; k < n && budget_ > 0; ++k, --budget_) {
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

  const Instance& in_;
  std::vector<size_t> tour_;
  int64_t budget_ = kLocalSearchBudget;
};

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

// Single block: pick aisles left to right, up the first, down the next, ...
// More blocks, a simpler variant of Roodbergen & de Koster's S-shape: blocks
// from the farthest with picks to the front; in each, its pick aisles are
// swept in a serpentine (left to right in the farthest block, then the
// direction alternates per block), entered from the block's back cross aisle,
// so the first aisle of a sweep is walked back to front, the next front to
// back, and so on.
std::vector<size_t> s_shape_order(const Instance& in) {
  std::vector<size_t> order;
  if (in.grid.blocks == 1) {
    bool up = true;
    for (const auto& [aisle, stops] : stops_by_aisle(in)) {
      append(&order, stops, up);
      up = !up;
    }
    return order;
  }
  std::map<int64_t, std::map<int64_t, std::vector<size_t>>> by_block;  // block -> aisle -> stops
  for (const auto& [aisle, stops] : stops_by_aisle(in)) {
    for (size_t s : stops) by_block[in.grid.block_of_y(in.stops[s].y)][aisle].push_back(s);
  }
  bool left_to_right = true;
  for (auto block = by_block.rbegin(); block != by_block.rend(); ++block) {
    std::vector<const std::vector<size_t>*> sweep;
    for (const auto& [aisle, stops] : block->second) sweep.push_back(&stops);
    if (!left_to_right) std::reverse(sweep.begin(), sweep.end());
    bool up = false;
    for (const auto* stops : sweep) {
      append(&order, *stops, up);
      up = !up;
    }
    left_to_right = !left_to_right;
  }
  return order;
}

std::vector<size_t> return_order(const Instance& in) {
  std::vector<size_t> order;
  for (const auto& [aisle, stops] : stops_by_aisle(in)) append(&order, stops, true);
  return order;
}

// Midpoint and largest gap: up the first pick aisle, along the back visiting
// the back part of each middle aisle, down the last pick aisle, and back
// along the front visiting the front parts. split(stops) says how many of an
// aisle's stops (front to back) belong to its front part.
template <class Split>
std::vector<size_t> split_aisles_order(const Instance& in, Split split) {
  std::vector<std::vector<size_t>> aisles;
  for (auto& [aisle, stops] : stops_by_aisle(in)) aisles.push_back(stops);
  std::vector<size_t> order;
  if (aisles.empty()) return order;
  append(&order, aisles.front(), true);
  if (aisles.size() == 1) return order;
  std::vector<size_t> front_parts(aisles.size(), 0);
  for (size_t i = 1; i + 1 < aisles.size(); ++i) {
    front_parts[i] = split(aisles[i]);
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

std::vector<size_t> midpoint_order(const Instance& in) {
  const int64_t top = in.grid.block_span();
  return split_aisles_order(in, [&](const std::vector<size_t>& stops) {
    size_t front = 0;
    while (front < stops.size() && 2 * in.stops[stops[front]].y <= top) ++front;
    return front;
  });
}

std::vector<size_t> largest_gap_order(const Instance& in) {
  const int64_t top = in.grid.block_span();
  return split_aisles_order(in, [&](const std::vector<size_t>& stops) {
    // Gap k lies just before stop k; gap stops.size() runs to the back.
    size_t widest = 0;
    int64_t widest_gap = -1;
    for (size_t k = 0; k <= stops.size(); ++k) {
      const int64_t below = k == 0 ? 0 : in.stops[stops[k - 1]].y;
      const int64_t above = k == stops.size() ? top : in.stops[stops[k]].y;
      if (above - below > widest_gap) {
        widest_gap = above - below;
        widest = k;
      }
    }
    return widest;
  });
}

// Combined (Roodbergen & de Koster), single block: pick aisles left to right;
// in each the picker, standing at the front or the back, either traverses it
// (ending on the other side) or goes in and out from the side it is on. The
// cheapest choice sequence comes from a dynamic program over (aisle, side),
// ending at the front. Within an aisle the picks are visited in the
// direction the picker enters.
std::vector<size_t> combined_order(const Instance& in) {
  std::vector<std::vector<size_t>> aisles;
  for (auto& [aisle, stops] : stops_by_aisle(in)) aisles.push_back(stops);
  const int64_t top = in.grid.block_span();
  const size_t n = aisles.size();
  // cost[i][side]: vertical walk (cell pitches) for aisles < i, on `side`
  // (0 front, 1 back) before aisle i. from[i][side]: side before aisle i - 1.
  constexpr int64_t kUnreached = std::numeric_limits<int64_t>::max() / 4;
  std::vector<std::array<int64_t, 2>> cost(n + 1, {kUnreached, kUnreached});
  std::vector<std::array<int, 2>> from(n + 1, {0, 0});
  cost[0][0] = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t deepest_from_front = in.stops[aisles[i].back()].y;
    const int64_t deepest_from_back = top - in.stops[aisles[i].front()].y;
    for (int side = 0; side < 2; ++side) {
      const int64_t here = cost[i][side];
      const int64_t back_out = 2 * (side == 0 ? deepest_from_front : deepest_from_back);
      if (here + back_out < cost[i + 1][side]) {  // in and out, same side
        cost[i + 1][side] = here + back_out;
        from[i + 1][side] = side;
      }
      if (here + top < cost[i + 1][1 - side]) {  // through to the other side
        cost[i + 1][1 - side] = here + top;
        from[i + 1][1 - side] = side;
      }
    }
  }
  // Ending at the back costs one more walk down to the front cross aisle.
  int side = cost[n][0] <= cost[n][1] + top ? 0 : 1;
  std::vector<int> entered(n);
  for (size_t i = n; i-- > 0;) {
    entered[i] = from[i + 1][side];
    side = entered[i];
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) append(&order, aisles[i], entered[i] == 0);
  return order;
}

// ---------------------------------------------------------------------------

bool single_block_only(const std::string& method) {
  return method == "midpoint" || method == "largest_gap" || method == "combined";
}

bool known_method(const std::string& method) {
  static const char* const kMethods[] = {"auto",     "exact",       "s_shape",  "return",
                                         "midpoint", "largest_gap", "combined", "local_search"};
  return std::find(std::begin(kMethods), std::end(kMethods), method) != std::end(kMethods);
}

void require_held_karp_size(const Instance& in) {
  if (in.points() > kHeldKarpMaxPoints) {
    throw RoutingError("too_many_points",
                       "exact routing of a layout with more than one block is limited to " +
                           std::to_string(kHeldKarpMaxPoints) + " distinct pick points, got " +
                           std::to_string(in.points()) + "; use local_search or auto");
  }
}

}  // namespace

void validate_route_request(const RouteRequest& r) {
  const WarehouseLayout& l = r.layout;
  auto bad_layout = [](const std::string& what) { throw RoutingError("invalid_layout", what); };
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
    throw RoutingError("too_many_points", "at most " + std::to_string(kMaxPicks) +
                                              " picks per route, got " +
                                              std::to_string(r.picks.size()));
  }
  const int64_t cells = l.blocks * l.cells_per_block;
  for (size_t i = 0; i < r.picks.size(); ++i) {
    const PickLocation& p = r.picks[i];
    if (p.aisle < 0 || p.aisle >= l.aisles || p.cell < 0 || p.cell >= cells) {
      throw RoutingError("pick_outside_layout",
                         "pick " + std::to_string(i) + " (aisle " + std::to_string(p.aisle) +
                             ", cell " + std::to_string(p.cell) + ") is outside the layout of " +
                             std::to_string(l.aisles) + " aisles and " + std::to_string(cells) +
                             " cells");
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
      throw RoutingError("invalid_sequence", "sequence names pick " + std::to_string(i) + " of " +
                                                 std::to_string(picks.size()));
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
    throw RoutingError("unsupported_method",
                       "the Ratliff-Rosenthal dynamic program needs a single-block layout");
  }
  const Instance in = build_instance(r);
  return make_route(in, ratliff_rosenthal_order(in), "exact", "ratliff_rosenthal", true);
}

Route plan_route(const RouteRequest& r) {
  if (!known_method(r.method)) {
    throw RoutingError("unsupported_method",
                       "unknown routing method \"" + r.method +
                           "\"; use auto, exact, s_shape, return, midpoint, largest_gap, "
                           "combined or local_search");
  }
  validate_route_request(r);
  const bool single_block = r.layout.blocks == 1;
  if (single_block_only(r.method) && !single_block) {
    throw RoutingError("unsupported_method",
                       r.method + " is defined for single-block layouts only; this one has " +
                           std::to_string(r.layout.blocks) + " blocks");
  }
  const Instance in = build_instance(r);
  const std::string& m = r.method;
  if (m == "exact" || m == "auto") {
    if (single_block) {
      return make_route(in, ratliff_rosenthal_order(in), "exact", "ratliff_rosenthal", true);
    }
    if (in.points() <= kHeldKarpMaxPoints) {
      return make_route(in, held_karp_order(in), "exact", "held_karp", true);
    }
    if (m == "exact") require_held_karp_size(in);
  }
  if (m == "auto" || m == "local_search") {
    LocalSearch search(in, nearest_neighbour_order(in));
    return make_route(in, search.run(), "local_search", "nearest_neighbour_2opt_oropt", false);
  }
  if (m == "s_shape") return make_route(in, s_shape_order(in), m, "s_shape", false);
  if (m == "return") return make_route(in, return_order(in), m, "return", false);
  if (m == "midpoint") return make_route(in, midpoint_order(in), m, "midpoint", false);
  if (m == "largest_gap") return make_route(in, largest_gap_order(in), m, "largest_gap", false);
  return make_route(in, combined_order(in), m, "combined", false);
}

}  // namespace wareflow::optimize
