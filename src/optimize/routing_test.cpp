#include "optimize/routing.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <utility>

namespace wareflow::optimize {
namespace {

const std::vector<std::string> kHeuristics = {
    "s_shape", "return", "midpoint", "largest_gap", "combined", "combined_plus", "local_search"};

WarehouseLayout layout(int64_t aisles, int64_t blocks, int64_t cells, double p, double q,
                       int64_t depot) {
  return WarehouseLayout{aisles, blocks, cells, p, q, depot};
}

Route route(const WarehouseLayout& l, std::vector<PickLocation> picks, std::string method) {
  return plan_route(RouteRequest{l, std::move(picks), std::move(method)});
}

// The contract's distance, written out independently of routing.cpp: cell
// centres and cross aisles in mm, and the minimum over every cross aisle.
struct Point {
  double x, y;
  int64_t aisle;
};

Point point_of(const WarehouseLayout& l, const PickLocation& p) {
  const int64_t block = p.cell / l.cells_per_block, in_block = p.cell % l.cells_per_block;
  return {static_cast<double>(p.aisle) * l.aisle_pitch_mm,
          static_cast<double>(block * (l.cells_per_block + 1) + in_block + 1) * l.cell_pitch_mm,
          p.aisle};
}

Point depot_of(const WarehouseLayout& l) {
  return {static_cast<double>(l.depot_aisle) * l.aisle_pitch_mm, 0, l.depot_aisle};
}

double reference_distance(const WarehouseLayout& l, const Point& a, const Point& b) {
  if (a.aisle == b.aisle) return std::abs(a.y - b.y);
  double best = std::numeric_limits<double>::infinity();
  for (int64_t j = 0; j <= l.blocks; ++j) {
    const double cross = static_cast<double>(j * (l.cells_per_block + 1)) * l.cell_pitch_mm;
    best = std::min(best, std::abs(a.y - cross) + std::abs(b.y - cross));
  }
  return std::abs(a.x - b.x) + best;
}

double reference_length(const WarehouseLayout& l, const std::vector<PickLocation>& picks,
                        const std::vector<size_t>& sequence) {
  double total = 0;
  Point at = depot_of(l);
  for (size_t i : sequence) {
    const Point next = point_of(l, picks[i]);
    total += reference_distance(l, at, next);
    at = next;
  }
  return total + reference_distance(l, at, depot_of(l));
}

// Shortest tour by trying every order of the distinct points.
double brute_force_length(const WarehouseLayout& l, const std::vector<PickLocation>& picks) {
  std::set<std::pair<int64_t, int64_t>> distinct;
  for (const auto& p : picks) distinct.insert({p.aisle, p.cell});
  std::vector<PickLocation> points;
  for (const auto& [aisle, cell] : distinct) points.push_back({aisle, cell});
  std::vector<size_t> order(points.size());
  std::iota(order.begin(), order.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    best = std::min(best, reference_length(l, points, order));
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

bool is_permutation_of_picks(const std::vector<size_t>& sequence, size_t picks) {
  std::vector<size_t> sorted = sequence;
  std::sort(sorted.begin(), sorted.end());
  std::vector<size_t> expected(picks);
  std::iota(expected.begin(), expected.end(), 0);
  return sorted == expected;
}

void expect_refused(const RouteRequest& r, const std::string& code) {
  try {
    plan_route(r);
    ADD_FAILURE() << "expected " << code;
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_FALSE(std::string(e.what()).empty());
  }
}

std::vector<PickLocation> spread_picks(int64_t aisles, int64_t cells, size_t count) {
  std::vector<PickLocation> picks;
  for (size_t i = 0; picks.size() < count; ++i) {
    picks.push_back({static_cast<int64_t>(i * 7 % aisles), static_cast<int64_t>(i * 13 % cells)});
  }
  return picks;
}

// 3 aisles 1 m apart, one block of 5 cells 10 cm apart: the back cross aisle
// is at y = 600 mm, cell c at y = (c + 1) * 100 mm. Depot at aisle 0.
const WarehouseLayout kSmall = layout(3, 1, 5, 1000, 100, 0);

TEST(Routing, NoPicksIsAnEmptyRoute) {
  Route r = route(kSmall, {}, "auto");
  EXPECT_EQ(r.length_mm, 0);
  EXPECT_TRUE(r.sequence.empty());
  EXPECT_TRUE(r.optimal);
}

TEST(Routing, OnePickInTheDepotAisleIsThereAndBack) {
  Route r = route(kSmall, {{0, 2}}, "exact");
  EXPECT_DOUBLE_EQ(r.length_mm, 600);
  EXPECT_EQ(r.sequence, (std::vector<size_t>{0}));
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.method, "exact");
}

TEST(Routing, OnePickTwoAislesAwayCrossesTheFrontTwice) {
  // 2 x 2000 mm across, 2 x 100 mm in.
  for (const char* method : {"exact", "s_shape", "return", "local_search", "combined"}) {
    EXPECT_DOUBLE_EQ(route(kSmall, {{2, 0}}, method).length_mm, 4200) << method;
  }
}

TEST(Routing, TwoPicksInOneAisle) {
  // Across 1000, up to 500, back down, across: 2 x 1000 + 2 x 500.
  Route r = route(kSmall, {{1, 1}, {1, 4}}, "exact");
  EXPECT_DOUBLE_EQ(r.length_mm, 3000);
  EXPECT_TRUE(is_permutation_of_picks(r.sequence, 2));
}

TEST(Routing, TwoAislesOfOneBlockTraverseBeatsReturningTwice) {
  // Picks near the back of aisles 0 and 2 (y = 500): up aisle 0, over the
  // back, down aisle 2 and home is 600 + 2000 + 600 + 2000 = 5200; going in
  // and out from the front twice would be 1000 + 4000 + 1000 = 6000.
  Route r = route(kSmall, {{0, 4}, {2, 4}}, "exact");
  EXPECT_DOUBLE_EQ(r.length_mm, 5200);
  EXPECT_TRUE(r.optimal);
  // Picks near the front (y = 100): in and out of both from the front.
  EXPECT_DOUBLE_EQ(route(kSmall, {{0, 0}, {2, 0}}, "exact").length_mm, 200 + 4000 + 200);
}

TEST(Routing, MiddleCrossAisleShortensTheTour) {
  // Two aisles, cells at 400 mm in each. With one block of 11 cells the only
  // way across is the front or the back (1200 mm): 400 + (1000 + 800) +
  // (1000 + 400) = 3600. With two blocks of 5 the middle cross aisle at
  // 600 mm gives 400 + (1000 + 400) + (1000 + 400) = 3200.
  const std::vector<PickLocation> picks = {{0, 3}, {1, 3}};
  const WarehouseLayout one_block = layout(2, 1, 11, 1000, 100, 0);
  const WarehouseLayout two_blocks = layout(2, 2, 5, 1000, 100, 0);
  EXPECT_DOUBLE_EQ(route(one_block, picks, "exact").length_mm, 3600);
  EXPECT_DOUBLE_EQ(route(two_blocks, picks, "exact").length_mm, 3200);
  EXPECT_DOUBLE_EQ(pick_distance_mm(two_blocks, picks[0], picks[1]), 1400);
  EXPECT_DOUBLE_EQ(pick_distance_mm(one_block, picks[0], picks[1]), 1800);
}

TEST(Routing, DistanceThroughACrossAisleBetweenThePicks) {
  // Block 0 at y = 500, block 1 cell 5 at y = 700: the middle cross aisle at
  // 600 lies between, so the walk is 1000 across + 200 along.
  const WarehouseLayout l = layout(2, 2, 5, 1000, 100, 0);
  EXPECT_DOUBLE_EQ(pick_distance_mm(l, {0, 4}, {1, 5}), 1200);
  EXPECT_DOUBLE_EQ(depot_distance_mm(l, {1, 5}), 1700);
  EXPECT_DOUBLE_EQ(route(l, {{0, 4}, {1, 5}}, "exact").length_mm, 500 + 1200 + 1700);
}

TEST(Routing, DuplicatePicksAreOneStopListedTogether) {
  Route r = route(kSmall, {{1, 2}, {0, 0}, {1, 2}, {2, 4}}, "exact");
  ASSERT_TRUE(is_permutation_of_picks(r.sequence, 4));
  auto first = std::find(r.sequence.begin(), r.sequence.end(), 0);
  auto third = std::find(r.sequence.begin(), r.sequence.end(), 2);
  EXPECT_EQ(std::abs(first - third), 1);
  EXPECT_DOUBLE_EQ(r.length_mm, route(kSmall, {{1, 2}, {0, 0}, {2, 4}}, "exact").length_mm);
}

TEST(Routing, RatliffRosenthalMatchesKnownSingleBlockOptimum) {
  // Depot in the middle aisle; picks deep in the outer aisles and shallow in
  // the middle one: up aisle 0 (600), across the back (4000), down aisle 4
  // (600), back along the front (4000), dipping into aisle 2 (2 x 100).
  const WarehouseLayout l = layout(5, 1, 5, 2000, 100, 2);
  Route r = route(l, {{0, 4}, {4, 4}, {2, 0}}, "exact");
  EXPECT_EQ(r.method, "exact");
  EXPECT_EQ(r.algorithm, "ratliff_rosenthal");
  EXPECT_DOUBLE_EQ(r.length_mm, 600 + 8000 + 600 + 8000 + 200);
}

TEST(Routing, HeuristicsVisitInTheirPublishedOrder) {
  // 4 aisles, one block of 5 cells, back cross aisle at 600 mm. Picks: 0 in
  // aisle 0 at 100 mm, 1 and 2 in aisle 1 at 400 and 200 mm, 3 in aisle 3 at
  // 200 mm.
  const WarehouseLayout l = layout(4, 1, 5, 1000, 100, 0);
  const std::vector<PickLocation> picks = {{0, 0}, {1, 3}, {1, 1}, {3, 1}};
  auto order = [&](const std::string& method) { return route(l, picks, method).sequence; };
  using Order = std::vector<size_t>;
  // Up aisle 0, down aisle 1, up aisle 3.
  EXPECT_EQ(order("s_shape"), (Order{0, 1, 2, 3}));
  // Each aisle in and out from the front.
  EXPECT_EQ(order("return"), (Order{0, 2, 1, 3}));
  // 400 mm is in the back half of aisle 1: taken from the back on the way
  // out, 200 mm from the front on the way home.
  EXPECT_EQ(order("midpoint"), (Order{0, 1, 3, 2}));
  // Aisle 1's gaps are 200, 200 and 200 mm: the first (front to 200 mm) is
  // left out, so both are taken from the back.
  EXPECT_EQ(order("largest_gap"), (Order{0, 1, 2, 3}));
  // Returning from the front everywhere (1400 mm vertical) ties traversing
  // aisles 1 and 3 after returning in aisle 0; ties keep the front.
  EXPECT_EQ(order("combined"), (Order{0, 2, 1, 3}));
}

TEST(Routing, CombinedTraversesWhereThatIsCheaper) {
  // Two picks deep in each of 3 aisles (400 and 500 mm of 600): in and out of
  // aisle 0 from the front costs 1000, traversing it 600, and from the back
  // aisle 1 costs 2 x 200 in and out, aisle 2 is traversed to end at the
  // front. Aisles 1 and 2 are entered from the back: their picks back first.
  const WarehouseLayout l = layout(3, 1, 5, 1000, 100, 0);
  const std::vector<PickLocation> picks = {{0, 3}, {0, 4}, {1, 3}, {1, 4}, {2, 3}, {2, 4}};
  Route r = route(l, picks, "combined");
  EXPECT_EQ(r.sequence, (std::vector<size_t>{0, 1, 3, 2, 5, 4}));
  EXPECT_DOUBLE_EQ(r.length_mm, route(l, picks, "exact").length_mm);
}

TEST(Routing, MultiBlockSShapeFollowsRoodbergenDeKoster) {
  // 3 aisles, 2 blocks of 2 cells. Aisle 0, the leftmost with picks, is
  // climbed first: pick 0 (block 0). Block 1's leftmost pick subaisle (aisle
  // 1, pick 2) is taken front to back, aisle 2 back to front (pick 1); then
  // block 0 from the back at aisle 2 (pick 3).
  const WarehouseLayout l = layout(3, 2, 2, 1000, 100, 0);
  Route r = route(l, {{0, 0}, {2, 3}, {1, 2}, {2, 1}}, "s_shape");
  EXPECT_EQ(r.sequence, (std::vector<size_t>{0, 2, 1, 3}));
  EXPECT_FALSE(r.optimal);
}

// 4 aisles 1 m apart, 2 blocks of 4 cells 10 cm apart (cross aisles at 0,
// 500 and 1000 mm), depot at aisle 0. Aisle 0 is the leftmost with picks and
// has one only in block 0 (pick 2), taken on the climb. Block 1: aisle 2
// (picks 3, 6 at offsets 2, 4 of 5) and aisle 3 (pick 1 at 3). Block 0
// besides: aisle 1 (0 at 2, 8 at 4), aisle 2 (4 at 1), aisle 3 (7 at 2, 5
// at 4).
const WarehouseLayout kTwoBlocks = layout(4, 2, 4, 1000, 100, 0);
const std::vector<PickLocation> kTwoBlockPicks = {{1, 1}, {3, 6}, {0, 2}, {2, 5}, {2, 0},
                                                  {3, 3}, {2, 7}, {3, 1}, {1, 3}};

// 5 aisles, 3 blocks of 4 cells (cross aisles at 0, 500, 1000, 1500 mm),
// depot at aisle 0. Block 2: aisles 0 and 2 (picks 0, 1 at offset 2).
// Block 1: aisle 1 (2 at 2, 5 at 4), aisle 4 (3 at 2). Block 0: aisle 1 (4).
const WarehouseLayout kThreeBlocks = layout(5, 3, 4, 1000, 100, 0);
const std::vector<PickLocation> kThreeBlockPicks = {{0, 9}, {2, 9}, {1, 5}, {4, 5}, {1, 1}, {1, 7}};

using Order = std::vector<size_t>;

TEST(Routing, MultiBlockSShapeOnTwoAndThreeBlocks) {
  // Climb aisle 0 (2); block 1's leftmost pick subaisle, aisle 2, front to
  // back (3, 6); aisle 3 back to front (1). Block 0 from the back at aisle 3,
  // the nearer end: aisle 3 down (5, 7), aisle 2 up (4), aisle 1 down (8, 0).
  EXPECT_EQ(route(kTwoBlocks, kTwoBlockPicks, "s_shape").sequence,
            (Order{2, 3, 6, 1, 5, 7, 4, 8, 0}));
  // Block 2: aisle 0 up (0), aisle 2 down (1). Block 1 from aisle 2: aisle 1
  // is nearer, down (5, 2); aisle 4 is the last and the picker is at the
  // front: in and out (3). Block 0: aisle 1 down (4).
  EXPECT_EQ(route(kThreeBlocks, kThreeBlockPicks, "s_shape").sequence, (Order{0, 1, 5, 2, 3, 4}));
}

TEST(Routing, MultiBlockLargestGapOnTwoAndThreeBlocks) {
  // As S-shape to the end of block 1 (at aisle 3). Block 0 from the back at
  // aisle 3: aisle 1 is the farther end, so the last. Aisle 3's largest gap
  // is in front of its picks: both from the back (5, 7); aisle 2's is behind
  // pick 4: nothing from the back. Aisle 1 down (8, 0), then aisle 2 from the
  // front (4).
  EXPECT_EQ(route(kTwoBlocks, kTwoBlockPicks, "largest_gap").sequence,
            (Order{2, 3, 6, 1, 5, 7, 8, 0, 4}));
  // Block 1 from aisle 2: aisle 4 is the farther end. Aisle 1's largest gap
  // (offsets 0-2, ties: the frontmost) leaves both picks to the back (5, 2);
  // aisle 4 down (3). Block 0: 4.
  EXPECT_EQ(route(kThreeBlocks, kThreeBlockPicks, "largest_gap").sequence,
            (Order{0, 1, 5, 2, 3, 4}));
}

TEST(Routing, MultiBlockMidpointOnTwoAndThreeBlocks) {
  // As largest gap, but split at the block's middle (offset 2.5): from aisle
  // 3 only pick 5 from the back, aisle 1 down (8, 0), then from the front
  // aisle 2 (4) and aisle 3 (7).
  EXPECT_EQ(route(kTwoBlocks, kTwoBlockPicks, "midpoint").sequence,
            (Order{2, 3, 6, 1, 5, 8, 0, 4, 7}));
  // Block 1: pick 5 from the back, aisle 4 down (3), pick 2 from the front.
  EXPECT_EQ(route(kThreeBlocks, kThreeBlockPicks, "midpoint").sequence, (Order{0, 1, 5, 3, 2, 4}));
}

TEST(Routing, MultiBlockCombinedOnTwoAndThreeBlocks) {
  // Climb aisle 0 (2) to block 1's front. Block 1 left to right from the
  // front: aisle 2 traversed (3, 6), aisle 3 traversed back to the front (1):
  // 5 + 5 cell pitches, against 8 + 6 in and out. Block 0 from the back at
  // aisle 3: aisle 3 traversed (5, 7), aisle 2 and aisle 1 in and out from the
  // front (4; 0, 8): 5 + 2 + 8, as short as traversing all three (5 + 5 + 5);
  // ties stay on the same side.
  EXPECT_EQ(route(kTwoBlocks, kTwoBlockPicks, "combined").sequence,
            (Order{2, 3, 6, 1, 5, 7, 4, 0, 8}));
  // Block 2 from the front: in and out of aisles 0 and 2 (0, 1). Block 1 from
  // the back at aisle 2, nearer end aisle 1: traversed (5, 2), aisle 4 in and
  // out from the front (3). Block 0: 4.
  EXPECT_EQ(route(kThreeBlocks, kThreeBlockPicks, "combined").sequence, (Order{0, 1, 5, 2, 3, 4}));
}

TEST(Routing, CombinedPlusChoosesTheWayUpAndTheSweepDirections) {
  // 5 aisles, 2 blocks of 4 cells, depot at aisle 4. Combined climbs aisle 0
  // (pick 0), crosses to aisle 4 for pick 2, and sweeps block 0 from there
  // (3, 1): 10 aisle pitches and 14 cell pitches, 11400 mm. Combined+ goes up
  // aisle 4 (pick 2 in and out), then sweeps block 0 from aisle 0 (in and out
  // from the back) to aisle 3 (traversed): 8 aisle and 16 cell pitches.
  const WarehouseLayout l = layout(5, 2, 4, 1000, 100, 4);
  const std::vector<PickLocation> picks = {{0, 3}, {3, 0}, {4, 5}, {3, 2}};
  const Route combined = route(l, picks, "combined");
  const Route plus = route(l, picks, "combined_plus");
  EXPECT_EQ(combined.sequence, (Order{0, 2, 3, 1}));
  EXPECT_EQ(plus.sequence, (Order{2, 0, 3, 1}));
  EXPECT_DOUBLE_EQ(combined.length_mm, 11400);
  EXPECT_DOUBLE_EQ(plus.length_mm, 9600);
  // Three blocks: combined sweeps block 1 from its nearer end (aisle 1) and
  // ends at aisle 4, far from block 0's pick in aisle 1; combined+ sweeps it
  // from aisle 4 to aisle 1 (3; 5, 2) and drops straight to pick 4.
  const Route combined3 = route(kThreeBlocks, kThreeBlockPicks, "combined");
  const Route plus3 = route(kThreeBlocks, kThreeBlockPicks, "combined_plus");
  EXPECT_EQ(plus3.sequence, (Order{0, 1, 3, 5, 2, 4}));
  EXPECT_DOUBLE_EQ(combined3.length_mm, 13200);
  EXPECT_DOUBLE_EQ(plus3.length_mm, 11400);
  EXPECT_EQ(plus3.method, "combined_plus");
  EXPECT_FALSE(plus3.optimal);
}

TEST(Routing, HeuristicsRunOnManyBlocks) {
  // Five blocks: beyond every exact method; each heuristic still visits
  // every pick and reports its leg sum.
  const WarehouseLayout l = layout(8, 5, 6, 2500, 1000, 3);
  const auto picks = spread_picks(8, 30, 40);
  for (const std::string& method : kHeuristics) {
    const Route r = route(l, picks, method);
    EXPECT_TRUE(is_permutation_of_picks(r.sequence, picks.size())) << method;
    EXPECT_EQ(r.length_mm, route_length_mm(l, picks, r.sequence)) << method;
  }
  expect_refused({l, picks, "exact"}, "too_many_points");
  try {
    exact_route_multi_block({l, picks, "exact"});
    ADD_FAILURE() << "expected unsupported_method";
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), "unsupported_method");
  }
}

TEST(Routing, AutoSolvesTwoAndThreeBlocksExactlyAtAnySize) {
  // Up to 8 points Held-Karp is the faster proof, beyond it the multi-block
  // dynamic program; four blocks beyond 15 points fall back to local search.
  const WarehouseLayout two = layout(12, 2, 20, 2500, 1000, 4);
  const auto small = spread_picks(12, 40, 8);
  EXPECT_EQ(route(two, small, "auto").algorithm, "held_karp");
  const auto picks = spread_picks(12, 40, 60);
  const Route r = route(two, picks, "auto");
  EXPECT_EQ(r.method, "exact");
  EXPECT_EQ(r.algorithm, "multi_block_dp");
  EXPECT_TRUE(r.optimal);
  EXPECT_TRUE(is_permutation_of_picks(r.sequence, picks.size()));
  EXPECT_EQ(r.length_mm, route(two, picks, "exact").length_mm);
  for (const std::string& method : kHeuristics) {
    EXPECT_LE(r.length_mm, route(two, picks, method).length_mm + 1e-6) << method;
  }
  const WarehouseLayout three = layout(12, 3, 20, 2500, 1000, 4);
  const auto three_picks = spread_picks(12, 60, 30);
  const Route three_auto = route(three, three_picks, "auto");
  EXPECT_EQ(three_auto.method, "exact");
  EXPECT_EQ(three_auto.algorithm, "multi_block_dp");
  EXPECT_TRUE(three_auto.optimal);
  const Route dp = exact_route_multi_block({three, three_picks, "exact"});
  EXPECT_TRUE(dp.optimal);
  EXPECT_EQ(dp.length_mm, three_auto.length_mm);
  EXPECT_LE(dp.length_mm, route(three, three_picks, "local_search").length_mm + 1e-6);
  const WarehouseLayout four = layout(12, 4, 15, 2500, 1000, 4);
  EXPECT_EQ(route(four, spread_picks(12, 60, 30), "auto").method, "local_search");
}

TEST(Routing, AutoPicksTheExactMethodWhenItCan) {
  Route single = route(kSmall, {{0, 1}, {2, 3}}, "auto");
  EXPECT_EQ(single.method, "exact");
  EXPECT_TRUE(single.optimal);
  Route multi = route(layout(3, 2, 5, 1000, 100, 0), {{0, 1}, {2, 7}}, "auto");
  EXPECT_EQ(multi.method, "exact");
  EXPECT_EQ(multi.algorithm, "held_karp");
}

TEST(Routing, ExactRefusesSixteenPointsBeyondThreeBlocks) {
  const WarehouseLayout l = layout(10, 4, 10, 1000, 100, 0);
  const auto picks = spread_picks(10, 40, 16);
  expect_refused(RouteRequest{l, picks, "exact"}, "too_many_points");
  Route fallback = route(l, picks, "auto");
  EXPECT_EQ(fallback.method, "local_search");
  EXPECT_FALSE(fallback.optimal);
  EXPECT_TRUE(is_permutation_of_picks(fallback.sequence, picks.size()));
  EXPECT_NO_THROW(route(l, spread_picks(10, 30, 15), "exact"));
}

TEST(Routing, ExactSolvesLargeSingleBlocks) {
  const WarehouseLayout l = layout(20, 1, 40, 2500, 1000, 5);
  const auto picks = spread_picks(20, 40, 60);
  Route exact = route(l, picks, "exact");
  EXPECT_TRUE(exact.optimal);
  EXPECT_TRUE(is_permutation_of_picks(exact.sequence, picks.size()));
  for (const std::string& method : kHeuristics) {
    EXPECT_LE(exact.length_mm, route(l, picks, method).length_mm + 1e-6) << method;
  }
}

TEST(Routing, RefusesBadInput) {
  expect_refused({layout(0, 1, 5, 1000, 100, 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 0, 5, 1000, 100, 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 0, 1000, 100, 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 5, 0, 100, 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 5, 1000, -1, 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 5, 1000, std::nan(""), 0), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 5, 1000, 100, 3), {}, "auto"}, "invalid_layout");
  expect_refused({layout(3, 1, 5, 1000, 100, -1), {}, "auto"}, "invalid_layout");
  expect_refused({kSmall, {{3, 0}}, "auto"}, "pick_outside_layout");
  expect_refused({kSmall, {{0, 5}}, "auto"}, "pick_outside_layout");
  expect_refused({kSmall, {{0, -1}}, "auto"}, "pick_outside_layout");
  expect_refused({kSmall, {}, "fastest"}, "unsupported_method");
  expect_refused({kSmall, std::vector<PickLocation>(kMaxPicks + 1, {0, 0}), "return"},
                 "too_many_points");
  EXPECT_THROW(route_length_mm(kSmall, {{0, 0}}, {1}), inputs::InputError);
}

// Uniform in [lo, hi), whatever RapidCheck's current size: sizes start small,
// which would leave most instances with no or one pick.
template <class T>
T uniform(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

// Random small instances: 1-5 aisles, 1-3 blocks, up to 12 picks.
struct Instance {
  WarehouseLayout layout;
  std::vector<PickLocation> picks;
};

Instance random_instance(int64_t max_blocks, size_t max_picks) {
  Instance in;
  in.layout.aisles = uniform<int64_t>(1, 6);
  in.layout.blocks = uniform<int64_t>(1, max_blocks + 1);
  in.layout.cells_per_block = uniform<int64_t>(1, 7);
  in.layout.aisle_pitch_mm = uniform<int>(1, 4000);
  in.layout.cell_pitch_mm = uniform<int>(1, 2000);
  in.layout.depot_aisle = uniform<int64_t>(0, in.layout.aisles);
  const size_t count = uniform<size_t>(0, max_picks + 1);
  const int64_t cells = in.layout.blocks * in.layout.cells_per_block;
  for (size_t i = 0; i < count; ++i) {
    in.picks.push_back({uniform<int64_t>(0, in.layout.aisles), uniform<int64_t>(0, cells)});
  }
  return in;
}

std::vector<std::string> all_methods() {
  std::vector<std::string> methods = {"auto", "exact"};
  methods.insert(methods.end(), kHeuristics.begin(), kHeuristics.end());
  return methods;
}

RC_GTEST_PROP(RoutingProperty, EveryMethodVisitsEveryPickOnceAndReportsItsLegSum, ()) {
  const Instance in = random_instance(3, 12);
  for (const std::string& method : all_methods()) {
    const Route r = route(in.layout, in.picks, method);
    RC_ASSERT(is_permutation_of_picks(r.sequence, in.picks.size()));
    RC_ASSERT(r.length_mm == route_length_mm(in.layout, in.picks, r.sequence));
    RC_ASSERT(std::abs(r.length_mm - reference_length(in.layout, in.picks, r.sequence)) < 1e-6);
    // Duplicates right after each other.
    for (size_t i = 0; i < r.sequence.size(); ++i) {
      for (size_t k = i + 2; k < r.sequence.size(); ++k) {
        const auto& a = in.picks[r.sequence[i]];
        const auto& b = in.picks[r.sequence[k]];
        if (a.aisle == b.aisle && a.cell == b.cell) {
          const auto& between = in.picks[r.sequence[k - 1]];
          RC_ASSERT(between.aisle == a.aisle && between.cell == a.cell);
        }
      }
    }
  }
}

RC_GTEST_PROP(RoutingProperty, ExactIsNoLongerThanAnyHeuristic, ()) {
  const Instance in = random_instance(3, 12);
  const Route exact = route(in.layout, in.picks, "exact");
  RC_ASSERT(exact.optimal);
  for (const std::string& method : all_methods()) {
    const Route other = route(in.layout, in.picks, method);
    RC_ASSERT(exact.length_mm <= other.length_mm + 1e-6);
    if (method == "local_search" || (method != "auto" && method != "exact")) {
      RC_ASSERT(!other.optimal);
    }
  }
}

// Local search stops only when no 2-opt move and no single-stop move shortens
// the tour (the instances are far too small to exhaust its work budget).
RC_GTEST_PROP(RoutingProperty, LocalSearchEndsInALocalOptimum, ()) {
  const Instance in = random_instance(3, 12);
  const Route r = route(in.layout, in.picks, "local_search");
  std::vector<Point> tour = {depot_of(in.layout)};
  std::set<std::pair<int64_t, int64_t>> seen;
  for (size_t i : r.sequence) {
    if (seen.insert({in.picks[i].aisle, in.picks[i].cell}).second) {
      tour.push_back(point_of(in.layout, in.picks[i]));
    }
  }
  const size_t n = tour.size();
  auto d = [&](size_t a, size_t b) {
    return reference_distance(in.layout, tour[a % n], tour[b % n]);
  };
  for (size_t i = 0; i + 2 < n; ++i) {
    for (size_t k = i + 2; k < n; ++k) {
      const double delta = d(i, k) + d(i + 1, k + 1) - d(i, i + 1) - d(k, k + 1);
      RC_ASSERT(delta >= -1e-6);
    }
  }
  for (size_t i = 1; i < n; ++i) {
    const double removed = d(i - 1, i) + d(i, i + 1) - d(i - 1, i + 1);
    for (size_t k = 0; k < n; ++k) {
      if (k + 1 == i || k == i) continue;
      RC_ASSERT(d(k, i) + d(i, k + 1) - d(k, k + 1) - removed >= -1e-6);
    }
  }
}

RC_GTEST_PROP(RoutingProperty, ExactMatchesBruteForceOnTinyInstances, ()) {
  const Instance in = random_instance(3, 6);
  const Route exact = route(in.layout, in.picks, "exact");
  RC_ASSERT(std::abs(exact.length_mm - brute_force_length(in.layout, in.picks)) < 1e-6);
}

RC_GTEST_PROP(RoutingProperty, ExactIsSymmetric, ()) {
  const Instance in = random_instance(3, 12);
  const Route exact = route(in.layout, in.picks, "exact");
  // Walking the tour backwards is as long.
  std::vector<size_t> reversed(exact.sequence.rbegin(), exact.sequence.rend());
  RC_ASSERT(std::abs(route_length_mm(in.layout, in.picks, reversed) - exact.length_mm) < 1e-6);
  // So is the optimum of the mirror-image warehouse.
  Instance mirror = in;
  mirror.layout.depot_aisle = in.layout.aisles - 1 - in.layout.depot_aisle;
  for (auto& p : mirror.picks) p.aisle = in.layout.aisles - 1 - p.aisle;
  RC_ASSERT(std::abs(route(mirror.layout, mirror.picks, "exact").length_mm - exact.length_mm) <
            1e-6);
}

RC_GTEST_PROP(RoutingProperty, RatliffRosenthalEqualsHeldKarpOnOneBlock, ()) {
  Instance in = random_instance(1, 12);
  // Longer aisles and more of them than the generic generator, still <= 12 points.
  in.layout.aisles = uniform<int64_t>(1, 9);
  in.layout.cells_per_block = uniform<int64_t>(1, 15);
  in.layout.depot_aisle = uniform<int64_t>(0, in.layout.aisles);
  for (auto& p : in.picks) {
    p.aisle = uniform<int64_t>(0, in.layout.aisles);
    p.cell = uniform<int64_t>(0, in.layout.cells_per_block);
  }
  const RouteRequest request{in.layout, in.picks, "exact"};
  const Route rr = exact_route_single_block(request);
  const Route hk = exact_route_held_karp(request);
  RC_ASSERT(rr.algorithm == "ratliff_rosenthal");
  RC_ASSERT(hk.algorithm == "held_karp");
  RC_ASSERT(std::abs(rr.length_mm - hk.length_mm) < 1e-6);
}

// Random instances with a given number of blocks (up to max_aisles aisles,
// max_cells cells per block, max_picks picks), whatever RapidCheck's size.
Instance random_blocks_instance(int64_t blocks, int64_t max_aisles, int64_t max_cells,
                                size_t max_picks) {
  Instance in;
  in.layout.aisles = uniform<int64_t>(1, max_aisles + 1);
  in.layout.blocks = blocks;
  in.layout.cells_per_block = uniform<int64_t>(1, max_cells + 1);
  in.layout.aisle_pitch_mm = uniform<int>(1, 4000);
  in.layout.cell_pitch_mm = uniform<int>(1, 2000);
  in.layout.depot_aisle = uniform<int64_t>(0, in.layout.aisles);
  const size_t count = uniform<size_t>(0, max_picks + 1);
  const int64_t cells = blocks * in.layout.cells_per_block;
  for (size_t i = 0; i < count; ++i) {
    in.picks.push_back({uniform<int64_t>(0, in.layout.aisles), uniform<int64_t>(0, cells)});
  }
  return in;
}

RC_GTEST_PROP(RoutingProperty, MultiBlockProgramEqualsHeldKarp, ()) {
  const Instance in = random_blocks_instance(uniform<int64_t>(1, 4), 8, 8, 12);
  const RouteRequest request{in.layout, in.picks, "exact"};
  const Route dp = exact_route_multi_block(request);
  const Route hk = exact_route_held_karp(request);
  RC_ASSERT(dp.algorithm == "multi_block_dp");
  RC_ASSERT(dp.optimal);
  RC_ASSERT(is_permutation_of_picks(dp.sequence, in.picks.size()));
  RC_ASSERT(dp.length_mm == route_length_mm(in.layout, in.picks, dp.sequence));
  RC_ASSERT(std::abs(dp.length_mm - hk.length_mm) < 1e-6);
}

RC_GTEST_PROP(RoutingProperty, MultiBlockProgramEqualsRatliffRosenthalOnOneBlock, ()) {
  const Instance in = random_blocks_instance(1, 15, 30, 60);
  const RouteRequest request{in.layout, in.picks, "exact"};
  RC_ASSERT(std::abs(exact_route_multi_block(request).length_mm -
                     exact_route_single_block(request).length_mm) < 1e-6);
}

// Larger multi-block instances, beyond Held-Karp: every method visits every
// pick once and reports its leg sum, and none beats the multi-block program.
RC_GTEST_PROP(RoutingProperty, MultiBlockMethodsOnLargerInstances, ()) {
  const Instance in = random_blocks_instance(uniform<int64_t>(2, 5), 12, 12, 40);
  const bool provable = in.layout.blocks <= kMultiBlockDpMaxBlocks;
  const double optimum =
      provable ? exact_route_multi_block({in.layout, in.picks, "exact"}).length_mm : 0;
  for (const std::string& method : kHeuristics) {
    const Route r = route(in.layout, in.picks, method);
    RC_ASSERT(is_permutation_of_picks(r.sequence, in.picks.size()));
    RC_ASSERT(r.length_mm == route_length_mm(in.layout, in.picks, r.sequence));
    RC_ASSERT(!r.optimal);
    RC_ASSERT(r.length_mm >= optimum - 1e-6);
  }
}

// A fixed stream of random numbers (splitmix64), so the deterministic checks
// below see the same instances on every platform.
class Stream {
 public:
  explicit Stream(uint64_t seed) : state_(seed) {}
  int64_t below(int64_t n) {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<int64_t>((z ^ (z >> 31)) % static_cast<uint64_t>(n));
  }

 private:
  uint64_t state_;
};

Instance stream_instance(Stream* s, int64_t blocks, int64_t max_aisles, int64_t max_cells,
                         size_t min_picks, size_t max_picks) {
  Instance in;
  in.layout.aisles = 1 + s->below(max_aisles);
  in.layout.blocks = blocks;
  in.layout.cells_per_block = 1 + s->below(max_cells);
  in.layout.aisle_pitch_mm = static_cast<double>(500 + s->below(3500));
  in.layout.cell_pitch_mm = static_cast<double>(500 + s->below(1500));
  in.layout.depot_aisle = s->below(in.layout.aisles);
  const size_t count =
      min_picks + static_cast<size_t>(s->below(static_cast<int64_t>(max_picks - min_picks + 1)));
  for (size_t i = 0; i < count; ++i) {
    in.picks.push_back({s->below(in.layout.aisles), s->below(blocks * in.layout.cells_per_block)});
  }
  return in;
}

TEST(Routing, TwoBlockProgramEqualsHeldKarpOnThousandsOfInstances) {
  Stream s(2001);
  for (int i = 0; i < 5000; ++i) {
    const Instance in = stream_instance(&s, 2, 9, 10, 0, 12);
    const RouteRequest request{in.layout, in.picks, "exact"};
    const Route dp = exact_route_multi_block(request);
    ASSERT_NEAR(dp.length_mm, exact_route_held_karp(request).length_mm, 1e-6) << "instance " << i;
    ASSERT_EQ(dp.length_mm, route_length_mm(in.layout, in.picks, dp.sequence));
  }
  for (int i = 0; i < 2000; ++i) {  // and three blocks
    const Instance in = stream_instance(&s, 3, 7, 8, 0, 12);
    const RouteRequest request{in.layout, in.picks, "exact"};
    ASSERT_NEAR(exact_route_multi_block(request).length_mm,
                exact_route_held_karp(request).length_mm, 1e-6)
        << "instance " << i;
  }
}

// The mean and worst gap of local search to the optimum on fixed instances
// of two and three blocks. The bounds are the measured figures rounded up
// (measured: 9-14 points against Held-Karp, mean and worst 0; 30-60 points
// against the multi-block program, mean 0.021 % and worst 1.16 %).
TEST(Routing, LocalSearchIsCloseToTheOptimumOnSeveralBlocks) {
  Stream s(42);
  auto gaps = [&](size_t min_picks, size_t max_picks, int count, bool held_karp) {
    double sum = 0, worst = 0;
    for (int i = 0; i < count; ++i) {
      const int64_t blocks = 2 + i % 2;
      const Instance in = stream_instance(&s, blocks, 30, 90 / blocks, min_picks, max_picks);
      const RouteRequest request{in.layout, in.picks, "exact"};
      const double optimum = held_karp ? exact_route_held_karp(request).length_mm
                                       : exact_route_multi_block(request).length_mm;
      const double found = route(in.layout, in.picks, "local_search").length_mm;
      EXPECT_GE(found, optimum - 1e-6);
      const double gap = optimum > 0 ? found / optimum - 1 : 0;
      sum += gap;
      worst = std::max(worst, gap);
    }
    return std::make_pair(sum / count, worst);
  };
  const auto [small_mean, small_worst] = gaps(9, 14, 300, true);
  EXPECT_LE(small_mean, 0.0001);
  EXPECT_LE(small_worst, 0.001);
  const auto [large_mean, large_worst] = gaps(30, 60, 120, false);
  EXPECT_LE(large_mean, 0.0005);
  EXPECT_LE(large_worst, 0.015);
  RecordProperty("mean_gap_30_to_60_points", std::to_string(large_mean));
  RecordProperty("worst_gap_30_to_60_points", std::to_string(large_worst));
}

}  // namespace
}  // namespace wareflow::optimize
