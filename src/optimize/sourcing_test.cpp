#include "optimize/sourcing.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

namespace wareflow::optimize {
namespace {

SourcingCandidate warehouse(int64_t id, double distance, std::vector<int64_t> available) {
  return SourcingCandidate{id, distance, std::move(available)};
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
  EXPECT_EQ(units_by_warehouse(FewestSplitsPolicy().plan(r)),
            (std::map<int64_t, int64_t>{{2, 1}}));
}

TEST(Sourcing, MostStockBreaksDistanceTies) {
  SourcingRequest r{{1}, {warehouse(1, 0, {1}), warehouse(2, 0, {7})}};
  EXPECT_EQ(units_by_warehouse(FewestSplitsPolicy().plan(r)),
            (std::map<int64_t, int64_t>{{2, 1}}));
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

// For any request: no warehouse gives more than it has, no line gets more than
// it asked, assigned + backordered = quantity, and the units covered equal
// what all warehouses together could cover.
RC_GTEST_PROP(SourcingProperty, PlansAreFeasibleAndCoverAllThatCanBeCovered, ()) {
  const size_t lines = *rc::gen::inRange<size_t>(1, 6);
  const size_t warehouses = *rc::gen::inRange<size_t>(0, 16);
  SourcingRequest r;
  for (size_t l = 0; l < lines; ++l) r.quantities.push_back(*rc::gen::inRange<int64_t>(1, 20));
  for (size_t w = 0; w < warehouses; ++w) {
    std::vector<int64_t> available;
    for (size_t l = 0; l < lines; ++l) available.push_back(*rc::gen::inRange<int64_t>(0, 15));
    r.warehouses.push_back(warehouse(static_cast<int64_t>(w + 1),
                                     *rc::gen::inRange<int>(0, 1000), available));
  }
  auto plan = FewestSplitsPolicy().plan(r);
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

}  // namespace
}  // namespace wareflow::optimize
