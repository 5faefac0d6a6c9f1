// The exact aisle-by-aisle dynamic programs: Ratliff and Rosenthal for one
// block, and its extension to up to kMultiBlockDpMaxBlocks blocks. Both sum
// up a partial tour by the degrees and components of one aisle's nodes.
#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "optimize/aisle_states.h"
#include "optimize/routing_internal.h"

namespace wareflow::optimize {

using namespace aisle_states;

namespace {

// Ratliff & Rosenthal (1983): single block, aisles left to right. A partial
// tour subgraph over aisles L..j can be completed optimally knowing only the
// degree (none, even, odd) of the aisle-j front and back nodes, whether the two
// are connected, and whether a finished component was left behind. Rather
// than transcribing the paper's transition tables, each transition is
// simulated on those facts (aisle_states.h, shared with the batching
// search). The route reported visits the picks in the order an Euler
// circuit of the chosen edges first reaches them; shortcutting a walk never
// lengthens it, so the leg sum of that order is the optimum.

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

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace wareflow::optimize
