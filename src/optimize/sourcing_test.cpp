#include "optimize/sourcing.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <thread>

namespace wareflow::optimize {
namespace {

SourcingCandidate warehouse(int64_t id, double distance, std::vector<int64_t> available) {
  return SourcingCandidate{id, distance, std::move(available)};
}

SourcingCandidate priced(int64_t id, double distance, double shipment_cost, double unit_cost,
                         std::vector<int64_t> available) {
  SourcingCandidate c{id, distance, std::move(available)};
  c.shipment_cost = shipment_cost;
  c.unit_cost = unit_cost;
  return c;
}

// A uniform draw from [lo, hi). rc::gen::inRange narrows the range while the
// test size is small, which would make most generated requests trivial.
template <class T>
T uniform(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

ExactSourcingPolicy exact(int64_t time_limit_ms = 5000) {
  ExactSourcingPolicy policy;
  policy.time_limit_ms = time_limit_ms;
  return policy;
}

std::map<int64_t, int64_t> units_by_warehouse(const SourcingPlan& plan) {
  std::map<int64_t, int64_t> units;
  for (const auto& a : plan.assignments) units[a.warehouse_id] += a.quantity;
  return units;
}

TEST(Sourcing, OneWarehouseThatCoversAllWins) {
  SourcingRequest r{{2, 3}, {warehouse(1, 10, {2, 1}), warehouse(2, 500, {5, 5})}};
  auto plan = FewestSplitsPolicy().plan(r);
  EXPECT_EQ(plan.method, "single");
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{2, 5}}));
  EXPECT_EQ(plan.backordered, (std::vector<int64_t>{0, 0}));
}

TEST(Sourcing, NearestWinsAmongCoveringWarehouses) {
  SourcingRequest r{{1}, {warehouse(1, 300, {9}), warehouse(2, 20, {1}), warehouse(3, 50, {9})}};
  EXPECT_EQ(units_by_warehouse(FewestSplitsPolicy().plan(r)), (std::map<int64_t, int64_t>{{2, 1}}));
}

TEST(Sourcing, MostStockBreaksDistanceTies) {
  SourcingRequest r{{1}, {warehouse(1, 0, {1}), warehouse(2, 0, {7})}};
  EXPECT_EQ(units_by_warehouse(FewestSplitsPolicy().plan(r)), (std::map<int64_t, int64_t>{{2, 1}}));
}

TEST(Sourcing, SplitsAcrossTheFewestWarehouses) {
  // A has line 0, B has line 1, C has a little of both: A+B is the only pair.
  SourcingRequest r{{4, 4},
                    {warehouse(1, 5, {4, 0}), warehouse(2, 5, {0, 4}), warehouse(3, 1, {1, 1})}};
  auto plan = FewestSplitsPolicy().plan(r);
  EXPECT_EQ(plan.method, "exact_subset");
  EXPECT_EQ(plan.warehouses_used, 2u);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 4}, {2, 4}}));
}

TEST(Sourcing, BackordersWhatNobodyHas) {
  SourcingRequest r{{5, 2}, {warehouse(1, 0, {3, 0})}};
  auto plan = FewestSplitsPolicy().plan(r);
  EXPECT_EQ(plan.backordered, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 3}}));
}

TEST(Sourcing, NoStockAnywhereBackordersAll) {
  SourcingRequest r{{1}, {}};
  auto plan = FewestSplitsPolicy().plan(r);
  EXPECT_TRUE(plan.assignments.empty());
  EXPECT_EQ(plan.backordered, (std::vector<int64_t>{1}));
}

TEST(Sourcing, HaversineKnownDistance) {
  // Berlin to Paris is about 878 km.
  EXPECT_NEAR(haversine_km(52.52, 13.405, 48.8566, 2.3522), 878, 5);
}

// For any request and every policy: no warehouse gives more than it has, no
// line gets more than it asked, assigned + backordered = quantity, the units
// covered equal what all warehouses together could cover, and
// validate_sourcing_plan agrees.
RC_GTEST_PROP(SourcingProperty, PlansAreFeasibleAndCoverAllThatCanBeCovered, ()) {
  const size_t lines = uniform<size_t>(1, 6);
  const size_t warehouses = uniform<size_t>(0, 16);
  SourcingRequest r;
  for (size_t l = 0; l < lines; ++l) r.quantities.push_back(uniform<int64_t>(1, 20));
  for (size_t w = 0; w < warehouses; ++w) {
    std::vector<int64_t> available;
    for (size_t l = 0; l < lines; ++l) available.push_back(uniform<int64_t>(0, 15));
    r.warehouses.push_back(priced(static_cast<int64_t>(w + 1), uniform<int>(0, 1000),
                                  uniform<int>(0, 3) * 10.0, uniform<int>(0, 3) * 0.5, available));
  }
  const FewestSplitsPolicy greedy;
  const NearestFirstLinePolicy nearest;
  const ExactSourcingPolicy mip = exact();
  for (const SourcingPolicy* policy : std::vector<const SourcingPolicy*>{&greedy, &nearest, &mip}) {
    auto plan = policy->plan(r);
    RC_ASSERT(validate_sourcing_plan(r, plan) == "");
    std::vector<int64_t> assigned(lines, 0);
    std::map<std::pair<int64_t, size_t>, int64_t> taken;
    for (const auto& a : plan.assignments) {
      RC_ASSERT(a.quantity > 0);
      assigned[a.line] += a.quantity;
      taken[{a.warehouse_id, a.line}] += a.quantity;
    }
    for (const auto& [key, quantity] : taken) {
      RC_ASSERT(quantity <= r.warehouses[static_cast<size_t>(key.first - 1)].available[key.second]);
    }
    for (size_t l = 0; l < lines; ++l) {
      RC_ASSERT(plan.backordered[l] >= 0);
      RC_ASSERT(assigned[l] + plan.backordered[l] == r.quantities[l]);
      int64_t total = 0;
      for (const auto& w : r.warehouses) total += w.available[l];
      RC_ASSERT(assigned[l] == std::min(total, r.quantities[l]));
    }
  }
}

// ---------------------------------------------------------------------------
// Cost model, evaluation, validation

TEST(SourcingFigures, DistanceIsTheShipmentCostWhenNoCostIsGiven) {
  EXPECT_EQ(effective_shipment_cost(warehouse(1, 42, {})), 42);
  EXPECT_EQ(effective_shipment_cost(priced(1, 42, 7, 0, {})), 7);
  EXPECT_EQ(effective_shipment_cost(priced(1, 42, 0, 0.5, {})), 0);
}

TEST(SourcingFigures, EvaluateCountsShipmentsCostAndBackorders) {
  SourcingRequest r{{5, 2}, {priced(1, 100, 10, 1, {5, 0}), warehouse(2, 30, {0, 1})}};
  SourcingPlan plan;
  plan.assignments = {{0, 1, 5}, {1, 2, 1}};
  plan.backordered = {0, 1};
  SourcingFigures f = evaluate_sourcing_plan(r, plan);
  EXPECT_EQ(f.shipments, 2u);
  EXPECT_DOUBLE_EQ(f.cost, 10 + 5 * 1 + 30);  // warehouse 2 costs its distance
  EXPECT_EQ(f.units_shipped, 6);
  EXPECT_EQ(f.backordered_units, 1);
  EXPECT_TRUE(f.split);
  // The figures are not filled in yet, so the plan does not validate.
  EXPECT_NE(validate_sourcing_plan(r, plan), "");
  plan.shipments = plan.warehouses_used = 2;
  plan.cost = 45;
  plan.backordered_units = 1;
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
}

TEST(SourcingFigures, ValidateFindsEveryInconsistency) {
  SourcingRequest r{{3}, {warehouse(1, 0, {2}), warehouse(2, 0, {5})}};
  SourcingPlan good = FewestSplitsPolicy().plan(r);
  ASSERT_EQ(validate_sourcing_plan(r, good), "");
  auto broken = [&](auto change) {
    SourcingPlan p = good;
    change(p);
    return validate_sourcing_plan(r, p);
  };
  EXPECT_NE(broken([](SourcingPlan& p) { p.backordered = {}; }), "");
  EXPECT_NE(broken([](SourcingPlan& p) { p.assignments = {{0, 1, 3}}; }), "");         // over stock
  EXPECT_NE(broken([](SourcingPlan& p) { p.assignments.push_back({0, 2, 1}); }), "");  // repeat
  EXPECT_NE(broken([](SourcingPlan& p) { p.assignments.push_back({1, 2, 1}); }), "");  // line
  EXPECT_NE(broken([](SourcingPlan& p) { p.assignments.push_back({0, 9, 1}); }), "");  // id
  EXPECT_NE(broken([](SourcingPlan& p) { p.assignments.push_back({0, 1, 0}); }), "");  // zero
  EXPECT_NE(broken([](SourcingPlan& p) { p.backordered[0] = 1; }), "");
  EXPECT_NE(broken([](SourcingPlan& p) { p.cost += 1; }), "");
  EXPECT_NE(broken([](SourcingPlan& p) { p.shipments += 1; }), "");
  SourcingRequest more{{1}, {warehouse(1, 0, {1}), warehouse(2, 0, {1})}};
  SourcingPlan twice;
  twice.assignments = {{0, 1, 1}, {0, 2, 1}};
  twice.backordered = {-1};
  EXPECT_NE(validate_sourcing_plan(more, twice), "");  // more than the quantity
}

// ---------------------------------------------------------------------------
// NearestFirstLinePolicy

TEST(NearestFirstLine, NearestWithTheFirstLineShipsAllItCanThenLineByLine) {
  // Warehouse 2 is nearest but lacks line 0; warehouse 3 is the nearest with
  // all of line 0, so it ships lines 0 and 1 (1 of 3). Line 1's rest comes
  // from the nearest with stock (2), line 2 from 2 as well.
  SourcingRequest r{
      {2, 3, 1},
      {warehouse(1, 90, {5, 5, 5}), warehouse(2, 10, {1, 5, 1}), warehouse(3, 20, {2, 1, 0})}};
  auto plan = NearestFirstLinePolicy().plan(r);
  EXPECT_EQ(plan.method, "nearest_first_line");
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
  ASSERT_EQ(plan.assignments.size(), 4u);
  EXPECT_EQ(plan.assignments[0].warehouse_id, 3);
  EXPECT_EQ(plan.assignments[0].quantity, 2);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{2, 3}, {3, 3}}));
  // Warehouse 1 alone could ship everything: the baseline splits needlessly.
  EXPECT_EQ(plan.shipments, 2u);
  EXPECT_EQ(exact().plan(r).shipments, 1u);
}

TEST(NearestFirstLine, WithoutAnAnchorEveryLineGoesNearestFirst) {
  SourcingRequest r{{0, 4, 2}, {warehouse(1, 5, {0, 3, 0}), warehouse(2, 9, {0, 3, 3})}};
  auto plan = NearestFirstLinePolicy().plan(r);
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
  // Anchor is line 1 (4 units): nobody has 4, so line by line.
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 3}, {2, 3}}));
  EXPECT_EQ(plan.backordered, (std::vector<int64_t>{0, 0, 0}));
}

// ---------------------------------------------------------------------------
// ExactSourcingPolicy: hand cases

TEST(ExactSourcing, FewerShipmentsThanGreedySetCover) {
  // Lines 0-5, one unit each. A = {0,1,2}, B = {3,4,5}, C = {0,1,3,4}: greedy
  // takes C (4 units) and then needs A and B. Eleven more warehouses with one
  // unit of line 0 make FewestSplitsPolicy use its greedy cover.
  SourcingRequest r{{1, 1, 1, 1, 1, 1},
                    {warehouse(1, 10, {1, 1, 1, 0, 0, 0}), warehouse(2, 10, {0, 0, 0, 1, 1, 1}),
                     warehouse(3, 1, {1, 1, 0, 1, 1, 0})}};
  for (int64_t id = 4; id <= 14; ++id)
    r.warehouses.push_back(warehouse(id, 50, {1, 0, 0, 0, 0, 0}));
  auto greedy = FewestSplitsPolicy().plan(r);
  EXPECT_EQ(greedy.method, "greedy_cover");
  EXPECT_EQ(greedy.shipments, 3u);
  auto plan = exact().plan(r);
  EXPECT_EQ(plan.method, "mip");
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.shipments, 2u);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 3}, {2, 3}}));
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
}

TEST(ExactSourcing, LowerCostThanGreedyWhenShipmentCostIsNotDistance) {
  // Both cover the order alone; the nearer one is dearer to ship from.
  SourcingRequest r{{2, 1}, {priced(1, 10, 100, 0, {5, 5}), priced(2, 50, 20, 0, {5, 5})}};
  EXPECT_EQ(units_by_warehouse(FewestSplitsPolicy().plan(r)), (std::map<int64_t, int64_t>{{1, 3}}));
  auto plan = exact().plan(r);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{2, 3}}));
  EXPECT_DOUBLE_EQ(plan.cost, 20);
}

TEST(ExactSourcing, LowerCostAmongEquallyFewSplits) {
  // Two shipments are needed. Pairs: {1,2} ships line 0 from 1 and line 1
  // from 2; {3,4} likewise. Greedy (exact by count, then total distance)
  // picks the nearer pair {1,2}; per unit, {3,4} is far cheaper.
  SourcingRequest r{{10, 10},
                    {priced(1, 1, 5, 3, {10, 0}), priced(2, 1, 5, 3, {0, 10}),
                     priced(3, 9, 5, 1, {10, 0}), priced(4, 9, 5, 1, {0, 10})}};
  auto greedy = FewestSplitsPolicy().plan(r);
  EXPECT_EQ(greedy.shipments, 2u);
  EXPECT_DOUBLE_EQ(greedy.cost, 5 + 30 + 5 + 30);
  auto plan = exact().plan(r);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.shipments, 2u);
  EXPECT_DOUBLE_EQ(plan.cost, 5 + 10 + 5 + 10);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{3, 10}, {4, 10}}));
}

TEST(ExactSourcing, UnitsOfAChosenWarehouseGoCheapestFirst) {
  // Line 0 needs both warehouses (3 + 3 for 5); line 1 has 4 at each. The
  // cheaper per unit (2) gives all it has of each line.
  SourcingRequest r{{5, 4}, {priced(1, 1, 10, 2, {3, 4}), priced(2, 1, 10, 1, {3, 4})}};
  auto plan = exact().plan(r);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 2}, {2, 7}}));
  EXPECT_DOUBLE_EQ(plan.cost, 10 + 2 * 2 + 10 + 7 * 1);
}

TEST(ExactSourcing, FewerShipmentsBeatAnyCost) {
  // One shipment from a very expensive warehouse beats two nearly free ones.
  SourcingRequest r{{1, 1},
                    {priced(1, 0, 1e9, 1e6, {1, 1}), priced(2, 0, 1e-3, 0, {1, 0}),
                     priced(3, 0, 1e-3, 0, {0, 1})}};
  auto plan = exact().plan(r);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.shipments, 1u);
  EXPECT_EQ(units_by_warehouse(plan), (std::map<int64_t, int64_t>{{1, 2}}));
}

TEST(ExactSourcing, LargeQuantitiesStayExactToTheUnit) {
  // Warehouse 3 is one unit short of line 0; warehouse 4 has that one unit.
  auto request = [](int64_t big) {
    return SourcingRequest{{big, big},
                           {priced(1, 0, 10, 0, {big, 0}), priced(2, 0, 10, 0, {0, big}),
                            priced(3, 0, 1, 0, {big - 1, big}), priced(4, 0, 1, 0, {1, 0})}};
  };
  SourcingRequest r = request(kExactSourcingMaxUnits);
  auto plan = exact().plan(r);
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.shipments, 2u);
  EXPECT_DOUBLE_EQ(plan.cost, 2);
  EXPECT_EQ(units_by_warehouse(plan),
            (std::map<int64_t, int64_t>{{3, 2 * kExactSourcingMaxUnits - 1}, {4, 1}}));
  // Beyond the units limit the MIP does not run.
  SourcingRequest huge = request(kExactSourcingMaxUnits + 1);
  auto fallback = exact().plan(huge);
  EXPECT_EQ(fallback.method, "greedy_over_size_limit");
  EXPECT_EQ(validate_sourcing_plan(huge, fallback), "");
}

TEST(ExactSourcing, BackordersWhatNobodyHasAndNothingToShipIsOptimal) {
  SourcingRequest r{{5, 2}, {warehouse(1, 0, {3, 0})}};
  auto plan = exact().plan(r);
  EXPECT_EQ(plan.backordered, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(plan.backordered_units, 4);
  EXPECT_TRUE(plan.optimal);
  SourcingRequest none{{1, 0}, {}};
  auto empty = exact().plan(none);
  EXPECT_TRUE(empty.assignments.empty());
  EXPECT_EQ(empty.backordered, (std::vector<int64_t>{1, 0}));
  EXPECT_TRUE(empty.optimal);
  EXPECT_EQ(empty.method, "mip");
  EXPECT_EQ(exact().plan(SourcingRequest{}).assignments.size(), 0u);
}

TEST(ExactSourcing, AboveTheSizeLimitFallsBackToGreedy) {
  SourcingRequest r{{2, 2},
                    {warehouse(1, 1, {2, 0}), warehouse(2, 2, {0, 2}), warehouse(3, 3, {1, 1})}};
  ExactSourcingPolicy small = exact();
  small.max_warehouses = 2;
  auto plan = small.plan(r);
  EXPECT_EQ(plan.method, "greedy_over_size_limit");
  EXPECT_FALSE(plan.optimal);
  EXPECT_EQ(validate_sourcing_plan(r, plan), "");
  small.max_warehouses = 3;
  small.max_lines = 1;
  EXPECT_EQ(small.plan(r).method, "greedy_over_size_limit");
  small.max_lines = 2;
  EXPECT_EQ(small.plan(r).method, "mip");
}

SourcingRequest random_request(std::mt19937_64& rng, size_t lines, size_t warehouses,
                               int64_t max_quantity) {
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  SourcingRequest r;
  for (size_t l = 0; l < lines; ++l) r.quantities.push_back(uniform(1, max_quantity));
  for (size_t w = 0; w < warehouses; ++w) {
    std::vector<int64_t> available;
    for (size_t l = 0; l < lines; ++l) {
      available.push_back(uniform(0, 2) == 0 ? uniform(0, max_quantity) : 0);
    }
    r.warehouses.push_back(priced(static_cast<int64_t>(w + 1), static_cast<double>(uniform(1, 900)),
                                  static_cast<double>(uniform(5, 30)),
                                  static_cast<double>(uniform(0, 20)) / 10, available));
  }
  return r;
}

TEST(ExactSourcing, TimeCapIsRespectedOnALargeOrder) {
  std::mt19937_64 rng(7);
  for (int64_t cap : {20, 60}) {
    SourcingRequest r = random_request(rng, 50, 50, 9);
    ExactSourcingPolicy policy = exact(cap);
    auto start = std::chrono::steady_clock::now();
    auto plan = policy.plan(r);
    auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(ms, static_cast<double>(cap) + 150) << "cap " << cap;
    EXPECT_EQ(validate_sourcing_plan(r, plan), "");
    auto greedy = FewestSplitsPolicy().plan(r);
    EXPECT_EQ(plan.backordered_units, greedy.backordered_units);
    EXPECT_TRUE(plan.shipments < greedy.shipments ||
                (plan.shipments == greedy.shipments && plan.cost <= greedy.cost + 1e-9))
        << plan.shipments << " " << plan.cost << " vs " << greedy.shipments << " " << greedy.cost;
    EXPECT_TRUE(plan.method == "mip" || plan.method == "greedy_after_mip_time_limit");
  }
}

TEST(ExactSourcing, SafeFromSeveralThreadsAtOnce) {
  std::mt19937_64 rng(11);
  std::vector<SourcingRequest> requests;
  for (int i = 0; i < 24; ++i) requests.push_back(random_request(rng, 6, 12, 6));
  const ExactSourcingPolicy policy = exact(10000);
  std::vector<SourcingPlan> expected;
  for (const auto& r : requests) expected.push_back(policy.plan(r));
  constexpr int kThreads = 4;
  std::vector<std::vector<SourcingPlan>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < requests.size(); ++i) {
        // Each thread walks the requests from a different place.
        got[static_cast<size_t>(t)].push_back(
            policy.plan(requests[(i + static_cast<size_t>(t) * 5) % requests.size()]));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (size_t i = 0; i < requests.size(); ++i) {
      const size_t k = (i + static_cast<size_t>(t) * 5) % requests.size();
      const SourcingPlan& a = got[static_cast<size_t>(t)][i];
      const SourcingPlan& b = expected[k];
      EXPECT_TRUE(a.optimal && b.optimal);
      EXPECT_EQ(a.shipments, b.shipments);
      EXPECT_NEAR(a.cost, b.cost, 1e-6 * std::max(1.0, b.cost));
      EXPECT_EQ(units_by_warehouse(a), units_by_warehouse(b)) << "request " << k;
    }
  }
}

// ---------------------------------------------------------------------------
// ExactSourcingPolicy against exhaustive enumeration

struct Optimum {
  int64_t backordered = 0;
  size_t shipments = 0;
  double cost = 0;
};

// Every subset of warehouses, each line filled cheapest unit cost first
// (optimal for a fixed subset, as costs are per unit plus per shipment);
// the best subset covering the most units by shipments actually used, then
// cost.
Optimum exhaustive(const SourcingRequest& r) {
  const size_t n = r.warehouses.size(), lines = r.quantities.size();
  int64_t coverable = 0;
  for (size_t l = 0; l < lines; ++l) {
    int64_t total = 0;
    for (const auto& w : r.warehouses) total += w.available[l];
    coverable += std::min(total, r.quantities[l]);
  }
  int64_t ordered = 0;
  for (int64_t q : r.quantities) ordered += q;
  Optimum best{ordered - coverable, std::numeric_limits<size_t>::max(), 0};
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<size_t> set;
    for (size_t w = 0; w < n; ++w) {
      if (mask & (1u << w)) set.push_back(w);
    }
    std::sort(set.begin(), set.end(), [&](size_t a, size_t b) {
      return r.warehouses[a].unit_cost < r.warehouses[b].unit_cost;
    });
    std::vector<int64_t> units(n, 0);
    int64_t covered = 0;
    for (size_t l = 0; l < lines; ++l) {
      int64_t open = r.quantities[l];
      for (size_t w : set) {
        int64_t take = std::min(open, r.warehouses[w].available[l]);
        units[w] += take;
        open -= take;
      }
      covered += r.quantities[l] - open;
    }
    if (covered != coverable) continue;
    size_t shipments = 0;
    double cost = 0;
    for (size_t w = 0; w < n; ++w) {
      if (units[w] == 0) continue;
      const auto& c = r.warehouses[w];
      ++shipments;
      cost += (c.shipment_cost == 0 && c.unit_cost == 0 ? c.distance : c.shipment_cost) +
              c.unit_cost * static_cast<double>(units[w]);
    }
    if (shipments < best.shipments || (shipments == best.shipments && cost < best.cost)) {
      best.shipments = shipments;
      best.cost = cost;
    }
  }
  return best;
}

RC_GTEST_PROP(ExactSourcingProperty, EqualsExhaustiveEnumeration, ()) {
  const size_t lines = uniform<size_t>(1, 6);
  const size_t warehouses = uniform<size_t>(0, 7);  // 5 lines x 6 warehouses at most
  SourcingRequest r;
  // Mostly less stock per warehouse than a line asks, so that most orders
  // need several shipments; sometimes a line of 0.
  for (size_t l = 0; l < lines; ++l) {
    r.quantities.push_back(uniform<int>(0, 10) == 0 ? 0 : uniform<int64_t>(3, 10));
  }
  for (size_t w = 0; w < warehouses; ++w) {
    std::vector<int64_t> available;
    for (size_t l = 0; l < lines; ++l) {
      available.push_back(uniform<int>(0, 3) == 0 ? 0 : uniform<int64_t>(1, 8));
    }
    const bool distance_only = uniform<int>(0, 3) == 0;
    r.warehouses.push_back(priced(static_cast<int64_t>(w + 1), uniform<int>(0, 100),
                                  distance_only ? 0 : uniform<int>(0, 50),
                                  distance_only ? 0 : uniform<int>(0, 8) * 0.25, available));
  }
  const Optimum want = exhaustive(r);
  const SourcingPlan plan = exact(10000).plan(r);
  RC_TAG(plan.shipments > 1 ? "split (CBC)" : "one or no shipment");
  RC_ASSERT(validate_sourcing_plan(r, plan) == "");
  RC_ASSERT(plan.method == "mip");
  RC_ASSERT(plan.optimal);
  RC_ASSERT(plan.backordered_units == want.backordered);
  if (want.shipments == std::numeric_limits<size_t>::max()) return;
  RC_ASSERT(plan.shipments == want.shipments);
  RC_ASSERT(std::abs(plan.cost - want.cost) <= 1e-6 * std::max(1.0, want.cost));
}

// Lines of about 100 units (the most with knapsack cuts) or of the units
// limit, covered by warehouses holding about that many or 1-3 units: one unit
// is a small fraction of a line.
RC_GTEST_PROP(ExactSourcingProperty, EqualsExhaustiveEnumerationOnLargeQuantities, ()) {
  const int64_t big = uniform<int>(0, 2) == 0 ? 100 : kExactSourcingMaxUnits;
  const size_t lines = uniform<size_t>(1, 4);
  const size_t warehouses = uniform<size_t>(1, 7);
  SourcingRequest r;
  for (size_t l = 0; l < lines; ++l) r.quantities.push_back(big - uniform<int64_t>(0, 3));
  for (size_t w = 0; w < warehouses; ++w) {
    std::vector<int64_t> available;
    for (size_t l = 0; l < lines; ++l) {
      switch (uniform<int>(0, 3)) {
        case 0:
          available.push_back(0);
          break;
        case 1:
          available.push_back(uniform<int64_t>(1, 4));
          break;
        default:
          available.push_back(big - uniform<int64_t>(0, 4));
      }
    }
    r.warehouses.push_back(priced(static_cast<int64_t>(w + 1), 0, uniform<int>(1, 20),
                                  uniform<int>(0, 3) * (1.0 / static_cast<double>(big)),
                                  available));
  }
  const Optimum want = exhaustive(r);
  const SourcingPlan plan = exact(10000).plan(r);
  RC_TAG(plan.shipments > 1 ? "split (CBC)" : "one shipment");
  RC_ASSERT(validate_sourcing_plan(r, plan) == "");
  RC_ASSERT(plan.optimal);
  RC_ASSERT(plan.backordered_units == want.backordered);
  RC_ASSERT(plan.shipments == want.shipments);
  RC_ASSERT(std::abs(plan.cost - want.cost) <= 1e-6 * std::max(1.0, want.cost));
}

// ---------------------------------------------------------------------------
// Refusals

template <class Fn>
std::pair<std::string, std::string> refusal(Fn fn) {
  try {
    fn();
  } catch (const inputs::InputError& e) {
    return {e.code(), e.field()};
  }
  return {"none", ""};
}

TEST(SourcingErrors, EveryPolicyRefusesABadRequest) {
  using Refusal = std::pair<std::string, std::string>;
  const FewestSplitsPolicy greedy;
  const NearestFirstLinePolicy nearest;
  const ExactSourcingPolicy mip = exact();
  for (const SourcingPolicy* policy : std::vector<const SourcingPolicy*>{&greedy, &nearest, &mip}) {
    auto code = [&](SourcingRequest r) { return refusal([&] { policy->plan(r); }); };
    EXPECT_EQ(code({{-1}, {}}), (Refusal{"invalid_quantity", "quantities[0]"}));
    EXPECT_EQ(code({{1, kMaxSourcingQuantity + 1}, {}}),
              (Refusal{"invalid_quantity", "quantities[1]"}));
    EXPECT_EQ(code({{1, 1}, {warehouse(1, 0, {1})}}),
              (Refusal{"invalid_availability", "warehouses[0].available"}));
    EXPECT_EQ(code({{1, 1}, {warehouse(1, 0, {1, 1}), warehouse(2, 0, {0, -1})}}),
              (Refusal{"invalid_availability", "warehouses[1].available[1]"}));
    EXPECT_EQ(code({{1}, {warehouse(7, 0, {1}), warehouse(7, 1, {1})}}),
              (Refusal{"duplicate_warehouse", "warehouses[1].warehouse_id"}));
    EXPECT_EQ(code({{1}, {warehouse(1, -1, {1})}}),
              (Refusal{"invalid_request", "warehouses[0].distance"}));
    EXPECT_EQ(code({{1}, {warehouse(1, std::nan(""), {1})}}),
              (Refusal{"invalid_request", "warehouses[0].distance"}));
    EXPECT_EQ(code({{1}, {priced(1, 0, std::numeric_limits<double>::infinity(), 0, {1})}}),
              (Refusal{"invalid_request", "warehouses[0].shipment_cost"}));
    EXPECT_EQ(code({{1}, {priced(1, 0, 0, -0.5, {1})}}),
              (Refusal{"invalid_request", "warehouses[0].unit_cost"}));
  }
}

TEST(SourcingErrors, BadSettingsAndPlans) {
  using Refusal = std::pair<std::string, std::string>;
  SourcingRequest r{{1}, {warehouse(1, 0, {1})}};
  auto with = [&](auto change) {
    ExactSourcingPolicy policy;
    change(policy);
    return refusal([&] { policy.plan(r); });
  };
  EXPECT_EQ(with([](auto& p) { p.time_limit_ms = 0; }),
            (Refusal{"invalid_parameter", "time_limit_ms"}));
  EXPECT_EQ(with([](auto& p) { p.time_limit_ms = kMaxSourcingTimeLimitMs + 1; }),
            (Refusal{"invalid_parameter", "time_limit_ms"}));
  EXPECT_EQ(with([](auto& p) { p.max_lines = 0; }), (Refusal{"invalid_parameter", "max_lines"}));
  EXPECT_EQ(with([](auto& p) { p.max_warehouses = 1001; }),
            (Refusal{"invalid_parameter", "max_warehouses"}));
  EXPECT_EQ(refusal([] { make_sourcing_policy("cheapest"); }),
            (Refusal{"invalid_parameter", "method"}));
  EXPECT_EQ(refusal([] { make_sourcing_policy("mip", 0); }),
            (Refusal{"invalid_parameter", "time_limit_ms"}));
  SourcingPlan plan;
  plan.assignments = {{0, 1, 1}, {0, 2, 1}};
  EXPECT_EQ(refusal([&] { evaluate_sourcing_plan(r, plan); }),
            (Refusal{"invalid_plan", "assignments[1]"}));
  plan.assignments = {{3, 1, 1}};
  EXPECT_EQ(refusal([&] { evaluate_sourcing_plan(r, plan); }),
            (Refusal{"invalid_plan", "assignments[0]"}));
  inputs::InputError e("invalid_quantity", "quantities[0]", "message");
  EXPECT_STREQ(e.what(), "message");
}

TEST(SourcingPolicies, MethodNamesSelectPolicies) {
  SourcingRequest r{{1, 1}, {warehouse(1, 5, {1, 0}), warehouse(2, 9, {1, 1})}};
  EXPECT_EQ(make_sourcing_policy("greedy")->plan(r).method, "single");
  EXPECT_EQ(make_sourcing_policy("nearest_first_line")->plan(r).method, "nearest_first_line");
  EXPECT_EQ(make_sourcing_policy("mip")->plan(r).method, "mip");
  auto automatic = make_sourcing_policy("auto", 250);
  auto* policy = dynamic_cast<ExactSourcingPolicy*>(automatic.get());
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(policy->time_limit_ms, 250);
}

}  // namespace
}  // namespace wareflow::optimize
