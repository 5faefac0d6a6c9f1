// The textbook routing heuristics (s_shape, return, midpoint, largest_gap,
// combined, combined_plus) for one block and for several: each yields a
// visiting order; its length is the leg sum.
#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "optimize/routing_internal.h"

namespace wareflow::optimize {

namespace {

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

}  // namespace

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

}  // namespace wareflow::optimize
