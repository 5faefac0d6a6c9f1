// The batching search's length of a set of orders (batching_length.h): the
// transition table, the column costs and the single-block program's length.
#include "optimize/batching_length.h"

#include <algorithm>

namespace wareflow::optimize::batching_length {

const TransitionTable& transitions() {
  static const TransitionTable table;
  return table;
}

// An aisle with m distinct picks, nearest at y_min and farthest at y_max
// (cell pitches from the front), whose largest gap between neighbouring
// picks is gap; top is the back cross aisle's y.
ColumnCost column_cost(int64_t m, int64_t y_min, int64_t y_max, int64_t gap, int64_t top) {
  ColumnCost c;
  c.cost[kTraverseOnce] = top;
  c.cost[kTraverseTwice] = 2 * top;
  c.allowed = (1u << kTraverseOnce) | (1u << kTraverseTwice);
  if (m == 0) c.allowed |= 1u << kNoVertical;
  if (m >= 1) {
    c.cost[kFromFront] = 2 * y_max;
    c.cost[kFromBack] = 2 * (top - y_min);
    c.allowed |= (1u << kFromFront) | (1u << kFromBack);
  }
  if (m >= 2) {
    c.cost[kSplitAtGap] = 2 * (top - gap);
    c.allowed |= 1u << kSplitAtGap;
  }
  return c;
}

// The shortest tour's length over the columns of aisles left..right, the
// depot at columns[depot_column]'s front.
double ratliff_rosenthal_length(const std::vector<ColumnCost>& columns, size_t depot_column,
                                double aisle_pitch, double cell_pitch) {
  if (columns.empty()) return 0;
  const TransitionTable& t = transitions();
  std::array<double, kStateCount> cost;
  cost.fill(kInfinity);
  for (uint8_t v = 0; v < kVerticalCount; ++v) {
    if (!(columns[0].allowed >> v & 1u) || t.first[v] == kNoState) continue;
    const double c = static_cast<double>(columns[0].cost[v]) * cell_pitch;
    cost[t.first[v]] = std::min(cost[t.first[v]], c);
  }
  for (size_t j = 0; j + 1 < columns.size(); ++j) {
    const ColumnCost& col = columns[j + 1];
    std::array<double, kVerticalCount> vertical{};
    for (uint8_t v = 0; v < kVerticalCount; ++v) {
      vertical[v] = static_cast<double>(col.cost[v]) * cell_pitch;
    }
    const size_t depot = j == depot_column ? 1 : 0;
    std::array<double, kStateCount> next;
    next.fill(kInfinity);
    for (size_t from = 0; from < kStateCount; ++from) {
      if (cost[from] == kInfinity) continue;
      for (const TransitionTable::Move& m : t.moves[from][depot]) {
        if (!(col.allowed >> m.vertical & 1u)) continue;
        const double c = cost[from] + m.cross * aisle_pitch + vertical[m.vertical];
        if (c < next[m.next]) next[m.next] = c;
      }
    }
    cost = next;
  }
  const size_t depot = columns.size() - 1 == depot_column ? 1 : 0;
  double best = kInfinity;
  for (size_t code = 0; code < kStateCount; ++code) {
    if (t.done[code][depot] && cost[code] < best) best = cost[code];
  }
  return best;
}

}  // namespace wareflow::optimize::batching_length
