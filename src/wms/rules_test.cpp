#include "wms/rules.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <limits>
#include <set>

#include "core/error.h"

namespace wareflow::wms::rules {
namespace {

constexpr int64_t kDay = 86'400'000;

// A storage location with room for 1 m³ and 500 kg, empty.
PutawayCandidate location(int64_t id, std::string code, int64_t x_mm, int64_t y_mm) {
  PutawayCandidate c;
  c.location_id = id;
  c.code = std::move(code);
  c.type = "storage";
  c.x_mm = x_mm;
  c.y_mm = y_mm;
  c.max_volume_cm3 = 1'000'000;
  c.max_weight_g = 500'000;
  return c;
}

// `quantity` units of 1000 cm³ and 500 g each, from the dock at (0, 0).
PutawayRequest request(int64_t quantity) {
  PutawayRequest r;
  r.unit_volume_cm3 = 1000;
  r.unit_weight_g = 500;
  r.quantity = quantity;
  return r;
}

// The field a DomainError names, or "" when `f` does not throw one of 422.
template <typename F>
std::string refused_field(F&& f) {
  try {
    f();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "invalid_field");
    return e.field();
  }
  return "";
}

// --- putaway ---------------------------------------------------------------

TEST(Putaway, PickFaceIsPreferredOverNearerSameLotAndEmpty) {
  auto empty = location(1, "A01-001-1", 1000, 0);
  auto lot = location(2, "A01-002-1", 2000, 0);
  lot.holds_same_product_and_lot = true;
  auto face = location(3, "A09-001-1", 90000, 0);
  face.type = "pick";
  face.is_fixed_pick_face_of_product = true;
  face.pick_face_max_units = 100;
  face.units_of_product_here = 40;

  auto choice = choose_putaway(request(60), {empty, lot, face});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->location_id, 3);
  EXPECT_EQ(choice->rule, "pick_face");
  EXPECT_EQ(choice->quantity, 60);
}

TEST(Putaway, FullPickFaceFallsThroughToSameLot) {
  auto face = location(3, "P-01", 100, 0);
  face.type = "pick";
  face.is_fixed_pick_face_of_product = true;
  face.pick_face_max_units = 100;
  face.units_of_product_here = 95;
  auto lot = location(2, "S-09", 50000, 0);
  lot.holds_same_product_and_lot = true;

  auto choice = choose_putaway(request(10), {face, lot});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->location_id, 2);
  EXPECT_EQ(choice->rule, "same_lot");
  EXPECT_EQ(why_not(request(10), face), PutawayMismatch::full);
  // Exactly to the face's maximum still fits.
  EXPECT_EQ(choose_putaway(request(5), {face, lot})->rule, "pick_face");
}

TEST(Putaway, PickFaceWithUnitRoomButNoVolumeFallsThrough) {
  auto face = location(3, "P-01", 100, 0);
  face.type = "pick";
  face.is_fixed_pick_face_of_product = true;
  face.max_volume_cm3 = 5000;  // five units of 1000 cm³, no unit maximum
  auto empty = location(1, "S-01", 900, 0);

  EXPECT_EQ(choose_putaway(request(5), {face, empty})->location_id, 3);
  auto choice = choose_putaway(request(6), {face, empty});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->location_id, 1);
  EXPECT_EQ(choice->rule, "nearest_fit");
}

TEST(Putaway, SameLotBeatsNearerEmpty) {
  auto empty = location(1, "A01-001-1", 0, 1000);
  auto lot = location(2, "A30-050-3", 90000, 50000);
  lot.holds_same_product_and_lot = true;
  lot.used_volume_cm3 = 900'000;  // 100 units of room left

  auto choice = choose_putaway(request(100), {empty, lot});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->location_id, 2);
  EXPECT_EQ(choice->rule, "same_lot");
  // One unit more does not fit there: the empty one takes it.
  EXPECT_EQ(choose_putaway(request(101), {empty, lot})->location_id, 1);
}

TEST(Putaway, NearestSameLotFirst) {
  auto far = location(1, "A", 7000, 0);
  far.holds_same_product_and_lot = true;
  auto near = location(2, "B", 3000, 3000);  // Manhattan 6000 < 7000
  near.holds_same_product_and_lot = true;
  EXPECT_EQ(choose_putaway(request(1), {far, near})->location_id, 2);
}

TEST(Putaway, NearestFitIsManhattanThenCode) {
  auto r = request(1);
  r.from_x_mm = 10000;
  r.from_y_mm = 0;
  auto a = location(1, "C-03", 10000, 8000);  // 8000
  auto b = location(2, "C-02", 4000, 1000);   // 7000
  auto c = location(3, "C-01", 16000, 1000);  // 7000, code C-01 < C-02
  auto choice = choose_putaway(r, {a, b, c});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->location_id, 3);
  EXPECT_EQ(choice->rule, "nearest_fit");
}

TEST(Putaway, ZoneAndVelocityClassFilterNearestFit) {
  auto near_b = location(1, "A-01", 100, 0);
  near_b.zone = "DRY";
  near_b.velocity_class = "B";
  auto near_cold = location(2, "C-01", 200, 0);
  near_cold.zone = "COLD";
  near_cold.velocity_class = "A";
  auto far_a = location(3, "A-90", 90000, 0);
  far_a.zone = "DRY";
  far_a.velocity_class = "A";
  auto unzoned = location(4, "X-01", 50, 0);

  auto r = request(1);
  r.zone = "DRY";
  r.velocity_class = "A";
  EXPECT_EQ(choose_putaway(r, {near_b, near_cold, far_a, unzoned})->location_id, 3);
  r.velocity_class.reset();
  EXPECT_EQ(choose_putaway(r, {near_b, near_cold, far_a, unzoned})->location_id, 1);
  r.zone.reset();
  EXPECT_EQ(choose_putaway(r, {near_b, near_cold, far_a, unzoned})->location_id, 4);
  r.zone = "FROZEN";
  EXPECT_FALSE(choose_putaway(r, {near_b, near_cold, far_a, unzoned}));
}

TEST(Putaway, ZoneDoesNotFilterTheLotsOwnLocations) {
  auto lot = location(1, "C-01", 90000, 0);
  lot.zone = "COLD";
  lot.holds_same_product_and_lot = true;
  auto dry = location(2, "D-01", 100, 0);
  dry.zone = "DRY";
  auto r = request(1);
  r.zone = "DRY";
  EXPECT_EQ(choose_putaway(r, {lot, dry})->rule, "same_lot");
}

TEST(Putaway, WeightLimitRefusesALocationWithVolumeRoom) {
  auto shelf = location(1, "LIGHT-01", 100, 0);
  shelf.max_weight_g = 20'000;
  shelf.used_weight_g = 18'000;  // 2 kg left, plenty of volume
  auto floor = location(2, "FLOOR-01", 40000, 0);
  floor.max_weight_g.reset();  // no weight limit

  auto r = request(5);  // 5 x 500 g = 2.5 kg
  EXPECT_FALSE(fits(r, shelf));
  EXPECT_EQ(why_not(r, shelf), PutawayMismatch::full);
  EXPECT_EQ(explain_mismatch(r, shelf), "LIGHT-01 can take 2000 g more; 5 units weigh 2500 g");
  EXPECT_EQ(choose_putaway(r, {shelf, floor})->location_id, 2);
  EXPECT_TRUE(fits(request(4), shelf));  // exactly 2 kg: fits
}

TEST(Putaway, VolumeExplanation) {
  auto bin = location(1, "BIN-01", 0, 0);
  bin.max_volume_cm3 = 3000;
  bin.used_volume_cm3 = 1000;
  EXPECT_EQ(explain_mismatch(request(3), bin), "BIN-01 has 2000 cm³ free; 3 units need 3000 cm³");
  EXPECT_EQ(explain_mismatch(request(2), bin), "");
}

TEST(Putaway, OtherProductsOnlyWhenMixingIsAllowed) {
  auto mixed = location(1, "M-01", 100, 0);
  mixed.holds_other_products = true;
  auto other_lot = location(2, "L-01", 500, 0);
  other_lot.holds_same_product_other_lot = true;
  auto empty = location(3, "E-01", 900, 0);

  auto r = request(1);
  EXPECT_EQ(why_not(r, mixed), PutawayMismatch::mixed_product);
  EXPECT_EQ(choose_putaway(r, {mixed, other_lot, empty})->location_id, 2);
  r.allow_mixed_products = true;
  EXPECT_TRUE(fits(r, mixed));
  EXPECT_EQ(choose_putaway(r, {mixed, other_lot, empty})->location_id, 1);
}

TEST(Putaway, OnlyPickAndStorageLocationsTakePutaway) {
  auto staging = location(1, "RECV-01", 0, 0);
  staging.type = "receiving";
  auto pick = location(2, "A01-001-1", 3000, 0);
  pick.type = "pick";
  EXPECT_EQ(why_not(request(1), staging), PutawayMismatch::wrong_type);
  EXPECT_EQ(to_string(PutawayMismatch::wrong_type), "wrong_type");
  EXPECT_EQ(explain_mismatch(request(1), staging),
            "RECV-01 is a receiving location; putaway goes to pick or storage locations");
  EXPECT_EQ(choose_putaway(request(1), {staging, pick})->location_id, 2);
  EXPECT_FALSE(choose_putaway(request(1), {staging}));
}

TEST(Putaway, NothingFitsIsNullopt) {
  EXPECT_FALSE(choose_putaway(request(1), {}));
  auto small = location(1, "S-01", 0, 0);
  small.max_volume_cm3 = 999;
  EXPECT_FALSE(choose_putaway(request(1), {small}));
}

TEST(Putaway, UnlimitedAndOverfullLocations) {
  auto unlimited = location(1, "U-01", 0, 0);
  unlimited.max_volume_cm3.reset();
  unlimited.max_weight_g.reset();
  PutawayRequest huge = request(std::numeric_limits<int64_t>::max());
  huge.unit_volume_cm3 = std::numeric_limits<int64_t>::max();
  EXPECT_TRUE(fits(huge, unlimited));
  EXPECT_FALSE(fits(huge, location(2, "L-01", 0, 0)));  // no overflow into "fits"

  auto overfull = location(3, "O-01", 0, 0);
  overfull.used_volume_cm3 = 1'200'000;
  EXPECT_FALSE(fits(request(1), overfull));
  EXPECT_EQ(explain_mismatch(request(1), overfull), "O-01 has 0 cm³ free; 1 unit needs 1000 cm³");
}

TEST(Putaway, PickFaceExplanation) {
  auto face = location(1, "P-01", 0, 0);
  face.type = "pick";
  face.is_fixed_pick_face_of_product = true;
  face.pick_face_max_units = 10;
  face.units_of_product_here = 8;
  EXPECT_EQ(explain_mismatch(request(3), face),
            "P-01 is the product's pick face for at most 10 units and holds 8; 3 units would "
            "exceed it");
}

TEST(Putaway, RefusesNonsense) {
  auto ok = location(1, "S-01", 0, 0);
  EXPECT_EQ(refused_field([&] { choose_putaway(request(0), {ok}); }), "quantity");
  EXPECT_EQ(refused_field([&] { choose_putaway(request(-3), {ok}); }), "quantity");
  auto r = request(1);
  r.unit_volume_cm3 = -1;
  EXPECT_EQ(refused_field([&] { choose_putaway(r, {ok}); }), "unit_volume_cm3");
  r = request(1);
  r.unit_weight_g = -1;
  EXPECT_EQ(refused_field([&] { fits(r, ok); }), "unit_weight_g");

  auto bad = location(2, "S-02", 0, 0);
  bad.used_weight_g = -5;
  EXPECT_EQ(refused_field([&] {
              choose_putaway(request(1), {ok, bad});
            }),
            "candidates[1].used_weight_g");
  EXPECT_EQ(refused_field([&] { why_not(request(1), bad); }), "location.used_weight_g");
  bad = location(2, "S-02", 0, 0);
  bad.max_volume_cm3 = -1;
  EXPECT_EQ(refused_field([&] { choose_putaway(request(1), {bad}); }),
            "candidates[0].max_volume_cm3");
  bad = location(2, "S-02", 0, 0);
  bad.pick_face_max_units = -1;
  EXPECT_EQ(refused_field([&] { choose_putaway(request(1), {bad}); }),
            "candidates[0].pick_face_max_units");
  bad = location(2, "S-02", 0, 0);
  bad.units_of_product_here = -1;
  EXPECT_EQ(refused_field([&] { choose_putaway(request(1), {bad}); }),
            "candidates[0].units_of_product_here");
}

// --- ABC -------------------------------------------------------------------

TEST(Abc, TwentyEightyDistribution) {
  // Two products of ten carry 80% of the picks.
  std::vector<ItemVelocity> items{{1, 400}, {2, 400}};
  for (int64_t id = 3; id <= 10; ++id) items.push_back({id, 25});
  auto classes = classify_abc(items);
  std::map<int64_t, char> expected{{1, 'A'}, {2, 'A'}, {3, 'B'}, {4, 'B'}, {5, 'B'},
                                   {6, 'B'}, {7, 'B'}, {8, 'B'}, {9, 'C'}, {10, 'C'}};
  EXPECT_EQ(classes, expected);
}

TEST(Abc, TheProductStraddlingABoundaryTakesTheHigherClass) {
  // Cumulative shares: 50%, 90% (crosses 80% -> still A), 100% (starts at 90%
  // < 95% -> B).
  auto classes = classify_abc({{7, 100}, {8, 500}, {9, 400}});
  EXPECT_EQ(classes, (std::map<int64_t, char>{{8, 'A'}, {9, 'A'}, {7, 'B'}}));
}

TEST(Abc, EqualPicksRankByProductId) {
  // At an exact boundary the lower id is ranked first and takes the higher class.
  auto classes = classify_abc({{20, 50}, {10, 50}}, 500, 1000);
  EXPECT_EQ(classes, (std::map<int64_t, char>{{10, 'A'}, {20, 'B'}}));
}

TEST(Abc, ZeroPicksAreC) {
  auto classes = classify_abc({{1, 0}, {2, 10}, {3, 0}}, 1000, 1000);
  EXPECT_EQ(classes, (std::map<int64_t, char>{{1, 'C'}, {2, 'A'}, {3, 'C'}}));
  EXPECT_EQ(classify_abc({{1, 0}, {2, 0}}), (std::map<int64_t, char>{{1, 'C'}, {2, 'C'}}));
  EXPECT_TRUE(classify_abc({}).empty());
}

TEST(Abc, ZeroShareMeansNoClass) {
  auto classes = classify_abc({{1, 10}, {2, 5}}, 0, 0);
  EXPECT_EQ(classes, (std::map<int64_t, char>{{1, 'C'}, {2, 'C'}}));
  classes = classify_abc({{1, 10}, {2, 5}}, 0, 1000);
  EXPECT_EQ(classes, (std::map<int64_t, char>{{1, 'B'}, {2, 'B'}}));
}

TEST(Abc, HugePickCountsDoNotOverflow) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  auto classes = classify_abc({{1, big}, {2, big}, {3, big / 100}});
  EXPECT_EQ(classes, (std::map<int64_t, char>{{1, 'A'}, {2, 'A'}, {3, 'C'}}));
}

TEST(Abc, RefusesNonsense) {
  EXPECT_EQ(refused_field([] { classify_abc({{1, -1}}); }), "items[0].units_picked");
  EXPECT_EQ(refused_field([] { classify_abc({{1, 1}, {1, 2}}); }), "items[1].product_id");
  EXPECT_EQ(refused_field([] { classify_abc({}, -1, 950); }), "a_share_permille");
  EXPECT_EQ(refused_field([] { classify_abc({}, 800, 1001); }), "b_share_permille");
  EXPECT_EQ(refused_field([] { classify_abc({}, 900, 800); }), "a_share_permille");
}

// --- count plan --------------------------------------------------------------

// 2026-03-10T12:00:00Z.
constexpr int64_t kToday = 1'773'144'000'000;

CountableLocation countable(int64_t id, std::string code, char abc,
                            std::optional<int64_t> days_ago) {
  std::optional<int64_t> last;
  if (days_ago) last = kToday - *days_ago * kDay;
  return {id, std::move(code), abc, last};
}

TEST(CountPlan, OverdueAFirstThenCAndTheCapHolds) {
  std::vector<CountableLocation> locations{
      countable(1, "C-1", 'C', 400),  // 400/365 = 1.10
      countable(2, "A-1", 'A', 45),   // 45/30 = 1.5
      countable(3, "B-1", 'B', 10),   // not due
      countable(4, "A-2", 'A', 29),   // not due
      countable(5, "A-3", 'A', 30),   // due today, 1.0
  };
  EXPECT_EQ(daily_count_plan(locations, {}, kToday, 10), (std::vector<int64_t>{2, 1, 5}));
  EXPECT_EQ(daily_count_plan(locations, {}, kToday, 2), (std::vector<int64_t>{2, 1}));
  EXPECT_TRUE(daily_count_plan(locations, {}, kToday, 0).empty());
}

TEST(CountPlan, NeverCountedFirstAThenBThenC) {
  std::vector<CountableLocation> locations{
      countable(1, "Z", 'C', std::nullopt), countable(2, "Y", 'B', std::nullopt),
      countable(3, "X", 'A', 3650),         countable(4, "W", 'A', std::nullopt),
      countable(5, "V", 'C', std::nullopt),
  };
  EXPECT_EQ(daily_count_plan(locations, {}, kToday, 10), (std::vector<int64_t>{4, 2, 5, 1, 3}));
}

TEST(CountPlan, EqualRatiosGoAThenBThenCThenCode) {
  std::vector<CountableLocation> locations{
      countable(1, "C-1", 'C', 730),  // 2.0
      countable(2, "A-2", 'A', 60),   // 2.0
      countable(3, "B-1", 'B', 180),  // 2.0
      countable(4, "A-1", 'A', 60),   // 2.0
  };
  EXPECT_EQ(daily_count_plan(locations, {}, kToday, 10), (std::vector<int64_t>{4, 2, 3, 1}));
}

TEST(CountPlan, DueByCalendarDateNotByHour) {
  const int64_t midnight = kToday - 12 * 3'600'000;  // 2026-03-10T00:00:00Z
  CountFrequency daily{1, 1, 1};
  std::vector<CountableLocation> locations{
      {1, "late-yesterday", 'A', midnight - 60'000},  // 23:59 yesterday
      {2, "early-today", 'A', midnight},              // 00:00 today
  };
  EXPECT_EQ(daily_count_plan(locations, daily, midnight + 60'000, 10), (std::vector<int64_t>{1}));
}

TEST(CountPlan, CountedInTheFutureIsNotDue) {
  std::vector<CountableLocation> locations{countable(1, "A", 'A', -5)};
  EXPECT_TRUE(daily_count_plan(locations, {}, kToday, 10).empty());
}

TEST(CountPlan, DefaultCapIsTheDailyWorkload) {
  std::vector<CountableLocation> locations;
  for (int64_t i = 0; i < 31; ++i)
    locations.push_back(countable(i, "A" + std::to_string(i), 'A', {}));
  EXPECT_EQ(daily_workload(locations, {}), 2);  // 31 / 30 rounded up
  EXPECT_EQ(daily_count_plan(locations, {}, kToday, std::nullopt).size(), 2u);
}

TEST(CountPlan, DailyWorkloadIsExact) {
  std::vector<CountableLocation> locations;
  for (int64_t i = 0; i < 30; ++i) locations.push_back({i, "A", 'A', {}});
  for (int64_t i = 0; i < 90; ++i) locations.push_back({100 + i, "B", 'B', {}});
  EXPECT_EQ(daily_workload(locations, {}), 2);  // 30/30 + 90/90, no rounding error
  locations.push_back({999, "C", 'C', {}});
  EXPECT_EQ(daily_workload(locations, {}), 3);  // + 1/365
  EXPECT_EQ(daily_workload({}, {}), 0);
  // 365 C locations at 365 days: one a day.
  std::vector<CountableLocation> cs;
  for (int64_t i = 0; i < 365; ++i) cs.push_back({i, "C", 'C', {}});
  EXPECT_EQ(daily_workload(cs, {}), 1);
}

TEST(CountPlan, RefusesNonsense) {
  std::vector<CountableLocation> ok{countable(1, "A", 'A', {})};
  EXPECT_EQ(refused_field([&] {
              daily_count_plan(ok, {0, 90, 365}, kToday, 1);
            }),
            "frequency.a_days");
  EXPECT_EQ(refused_field([&] { daily_workload(ok, {30, -1, 365}); }), "frequency.b_days");
  EXPECT_EQ(refused_field([&] { daily_workload(ok, {30, 90, 40000}); }), "frequency.c_days");
  EXPECT_EQ(refused_field([&] { daily_count_plan(ok, {}, kToday, -1); }), "max_locations");
  std::vector<CountableLocation> bad{countable(1, "A", 'A', {}), countable(2, "B", 'D', {})};
  EXPECT_EQ(refused_field([&] { daily_count_plan(bad, {}, kToday, 1); }), "locations[1].abc_class");
}

// --- variance and accuracy ---------------------------------------------------

TEST(Variance, ThreeVerdicts) {
  VarianceTolerance t{2, 0};
  EXPECT_EQ(judge_count(100, 101, 1, t), CountVerdict::accept);
  EXPECT_EQ(judge_count(100, 90, 1, t), CountVerdict::recount);
  EXPECT_EQ(judge_count(100, 90, 2, t), CountVerdict::needs_approval);
  EXPECT_EQ(judge_count(100, 100, 2, t), CountVerdict::accept);
  EXPECT_EQ(to_string(CountVerdict::needs_approval), "needs_approval");
}

TEST(Variance, ExactlyAtToleranceIsAccepted) {
  VarianceTolerance units{3, 0};
  EXPECT_EQ(judge_count(50, 53, 1, units), CountVerdict::accept);
  EXPECT_EQ(judge_count(50, 47, 1, units), CountVerdict::accept);
  EXPECT_EQ(judge_count(50, 54, 1, units), CountVerdict::recount);
  EXPECT_EQ(judge_count(50, 46, 1, units), CountVerdict::recount);

  VarianceTolerance share{0, 20};  // 2%
  EXPECT_EQ(allowed_variance(1000, share), 20);
  EXPECT_EQ(judge_count(1000, 1020, 1, share), CountVerdict::accept);
  EXPECT_EQ(judge_count(1000, 1021, 1, share), CountVerdict::recount);
  EXPECT_EQ(allowed_variance(149, share), 2);  // 2.98 floors to 2
  EXPECT_EQ(judge_count(149, 152, 1, share), CountVerdict::recount);
}

TEST(Variance, LargerOfUnitsAndShare) {
  VarianceTolerance t{5, 10};  // 5 units or 1%
  EXPECT_EQ(allowed_variance(100, t), 5);
  EXPECT_EQ(allowed_variance(10'000, t), 100);
  EXPECT_EQ(allowed_variance(0, t), 5);
  EXPECT_EQ(judge_count(0, 5, 1, t), CountVerdict::accept);
  EXPECT_EQ(judge_count(0, 0, 1, {}), CountVerdict::accept);
  EXPECT_EQ(judge_count(0, 1, 1, {}), CountVerdict::recount);
  const int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(allowed_variance(big, {0, 1000}), big);
  EXPECT_EQ(judge_count(big, 0, 1, {0, 1000}), CountVerdict::accept);
}

TEST(Variance, AttemptsAtOrPastTheLastNeedApproval) {
  VarianceTolerance t{};
  EXPECT_EQ(judge_count(10, 0, 1, t, 1), CountVerdict::needs_approval);
  EXPECT_EQ(judge_count(10, 0, 2, t, 3), CountVerdict::recount);
  EXPECT_EQ(judge_count(10, 0, 3, t, 3), CountVerdict::needs_approval);
  EXPECT_EQ(judge_count(10, 0, 7, t, 3), CountVerdict::needs_approval);
}

TEST(Variance, RefusesNonsense) {
  EXPECT_EQ(refused_field([] { judge_count(-1, 0, 1, {}); }), "expected");
  EXPECT_EQ(refused_field([] { judge_count(0, -1, 1, {}); }), "counted");
  EXPECT_EQ(refused_field([] { judge_count(0, 0, 0, {}); }), "attempt");
  EXPECT_EQ(refused_field([] { judge_count(0, 0, 1, {}, 0); }), "max_attempts");
  EXPECT_EQ(refused_field([] { judge_count(0, 0, 1, {-1, 0}); }), "tolerance.units");
  EXPECT_EQ(refused_field([] { judge_count(0, 0, 1, {0, 1001}); }), "tolerance.permille");
  EXPECT_EQ(refused_field([] { judge_count(0, 0, 1, {0, -1}); }), "tolerance.permille");
}

TEST(Accuracy, RecordAndUnitAccuracy) {
  AccuracyInput in{50, 45, 1000, 30};
  EXPECT_DOUBLE_EQ(inventory_record_accuracy(in), 0.9);
  EXPECT_DOUBLE_EQ(unit_accuracy(in), 0.97);
}

TEST(Accuracy, GuardsZeroAndFloorsAtZero) {
  EXPECT_DOUBLE_EQ(inventory_record_accuracy({0, 0, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(unit_accuracy({0, 0, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(unit_accuracy({1, 0, 0, 4}), 0.0);    // found units where none were expected
  EXPECT_DOUBLE_EQ(unit_accuracy({1, 0, 10, 25}), 0.0);  // more off than there was
  EXPECT_DOUBLE_EQ(unit_accuracy({1, 0, 10, 10}), 0.0);
}

TEST(Accuracy, RefusesNonsense) {
  EXPECT_EQ(refused_field([] { inventory_record_accuracy({5, 6, 0, 0}); }), "locations_exact");
  EXPECT_EQ(refused_field([] { inventory_record_accuracy({-1, 0, 0, 0}); }), "locations_counted");
  EXPECT_EQ(refused_field([] { unit_accuracy({1, 1, -1, 0}); }), "units_expected");
  EXPECT_EQ(refused_field([] { unit_accuracy({1, 1, 1, -1}); }), "units_abs_variance");
}

// --- properties --------------------------------------------------------------

PutawayCandidate arbitrary_candidate(int64_t id) {
  PutawayCandidate c;
  c.location_id = id;
  c.code = "L" + std::to_string(*rc::gen::inRange(0, 30));  // codes collide on purpose
  c.type = *rc::gen::elementOf(std::vector<std::string>{"pick", "storage", "storage", "staging"});
  if (*rc::gen::inRange(0, 3) > 0)
    c.zone = *rc::gen::elementOf(std::vector<std::string>{"DRY", "COLD"});
  if (*rc::gen::inRange(0, 3) > 0) {
    c.velocity_class = *rc::gen::elementOf(std::vector<std::string>{"A", "B", "C"});
  }
  c.x_mm = *rc::gen::inRange<int64_t>(-5000, 50000);
  c.y_mm = *rc::gen::inRange<int64_t>(0, 50000);
  if (*rc::gen::inRange(0, 5) > 0) c.max_volume_cm3 = *rc::gen::inRange<int64_t>(0, 400'000);
  if (*rc::gen::inRange(0, 5) > 0) c.max_weight_g = *rc::gen::inRange<int64_t>(0, 400'000);
  c.used_volume_cm3 = *rc::gen::inRange<int64_t>(0, 200'000);
  c.used_weight_g = *rc::gen::inRange<int64_t>(0, 200'000);
  c.holds_same_product_and_lot = *rc::gen::inRange(0, 6) == 0;
  c.holds_other_products = *rc::gen::inRange(0, 3) == 0;
  c.holds_same_product_other_lot = *rc::gen::inRange(0, 4) == 0;
  c.is_fixed_pick_face_of_product = *rc::gen::inRange(0, 10) == 0;
  if (*rc::gen::inRange(0, 2) == 0) c.pick_face_max_units = *rc::gen::inRange<int64_t>(0, 500);
  c.units_of_product_here = *rc::gen::inRange<int64_t>(0, 500);
  return c;
}

RC_GTEST_PROP(PutawayProperty, TheChosenLocationFitsAndFollowsTheRuleOrder, ()) {
  PutawayRequest r;
  r.unit_volume_cm3 = *rc::gen::inRange<int64_t>(0, 2000);
  r.unit_weight_g = *rc::gen::inRange<int64_t>(0, 2000);
  r.quantity = *rc::gen::inRange<int64_t>(1, 40);
  if (*rc::gen::inRange(0, 2) == 0)
    r.zone = *rc::gen::elementOf(std::vector<std::string>{"DRY", "COLD"});
  if (*rc::gen::inRange(0, 2) == 0) {
    r.velocity_class = *rc::gen::elementOf(std::vector<std::string>{"A", "B", "C"});
  }
  r.from_x_mm = *rc::gen::inRange<int64_t>(0, 50000);
  r.from_y_mm = *rc::gen::inRange<int64_t>(0, 1000);
  r.allow_mixed_products = *rc::gen::arbitrary<bool>();
  std::vector<PutawayCandidate> candidates;
  const int n = *rc::gen::inRange(0, 25);
  for (int i = 0; i < n; ++i) candidates.push_back(arbitrary_candidate(i));

  auto in_rule = [&](const PutawayCandidate& c, const std::string& rule) {
    if (rule == "pick_face") return c.is_fixed_pick_face_of_product;
    if (rule == "same_lot") return c.holds_same_product_and_lot;
    return (!r.zone || c.zone == r.zone) &&
           (!r.velocity_class || c.velocity_class == r.velocity_class);
  };
  auto distance = [&](const PutawayCandidate& c) {
    return std::abs(c.x_mm - r.from_x_mm) + std::abs(c.y_mm - r.from_y_mm);
  };
  const std::vector<std::string> rules{"pick_face", "same_lot", "nearest_fit"};

  auto choice = choose_putaway(r, candidates);
  // The first rule with a fitting candidate decides; none fitting: nullopt.
  std::optional<std::string> deciding;
  for (const auto& rule : rules) {
    for (const auto& c : candidates) {
      if (in_rule(c, rule) && fits(r, c)) deciding = rule;
    }
    if (deciding) break;
  }
  RC_ASSERT(choice.has_value() == deciding.has_value());
  if (!choice) return;
  RC_ASSERT(choice->rule == *deciding);
  RC_ASSERT(choice->quantity == r.quantity);
  const auto& chosen = candidates[static_cast<size_t>(choice->location_id)];
  RC_ASSERT(fits(r, chosen));
  RC_ASSERT(in_rule(chosen, choice->rule));
  for (const auto& c : candidates) {
    if (in_rule(c, choice->rule) && fits(r, c)) RC_ASSERT(distance(chosen) <= distance(c));
  }
}

RC_GTEST_PROP(CountPlanProperty, OnlyDueLocationsAndNeverMoreThanTheCap, ()) {
  CountFrequency f{*rc::gen::inRange<int64_t>(1, 60), *rc::gen::inRange<int64_t>(1, 200),
                   *rc::gen::inRange<int64_t>(1, 800)};
  const int64_t today = kToday + *rc::gen::inRange<int64_t>(-kDay, kDay);
  std::vector<CountableLocation> locations;
  const int n = *rc::gen::inRange(0, 60);
  for (int i = 0; i < n; ++i) {
    CountableLocation l;
    l.location_id = i;
    l.code = "L" + std::to_string(*rc::gen::inRange(0, 20));
    l.abc_class = *rc::gen::elementOf(std::vector<char>{'A', 'B', 'C'});
    if (*rc::gen::inRange(0, 6) > 0) {
      l.last_counted_ms = today - *rc::gen::inRange<int64_t>(-3 * kDay, 1000 * kDay);
    }
    locations.push_back(l);
  }
  std::optional<int64_t> cap;
  if (*rc::gen::inRange(0, 3) > 0) cap = *rc::gen::inRange<int64_t>(0, 80);

  auto plan = daily_count_plan(locations, f, today, cap);
  const int64_t limit = cap ? *cap : daily_workload(locations, f);
  RC_ASSERT(static_cast<int64_t>(plan.size()) <= limit);

  auto day = [](int64_t ms) { return ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay); };
  auto is_due = [&](const CountableLocation& l) {
    if (!l.last_counted_ms) return true;
    int64_t days = l.abc_class == 'A' ? f.a_days : l.abc_class == 'B' ? f.b_days : f.c_days;
    return day(*l.last_counted_ms) + days <= day(today);
  };
  std::set<int64_t> seen;
  for (int64_t id : plan) {
    RC_ASSERT(seen.insert(id).second);
    RC_ASSERT(is_due(locations[static_cast<size_t>(id)]));
  }
  int64_t due = 0;
  for (const auto& l : locations) due += is_due(l) ? 1 : 0;
  RC_ASSERT(static_cast<int64_t>(plan.size()) == std::min(due, limit));
}

RC_GTEST_PROP(AbcProperty, EveryProductHasAClassAndClassesFollowPicks, ()) {
  std::vector<ItemVelocity> items;
  const int n = *rc::gen::inRange(0, 50);
  std::set<int64_t> ids;
  for (int i = 0; i < n; ++i) {
    int64_t id = *rc::gen::inRange<int64_t>(1, 1000);
    if (!ids.insert(id).second) continue;
    int64_t picks = *rc::gen::inRange(0, 4) == 0 ? 0 : *rc::gen::inRange<int64_t>(0, 10000);
    items.push_back({id, picks});
  }
  const int64_t a = *rc::gen::inRange<int64_t>(0, 1001);
  const int64_t b = *rc::gen::inRange<int64_t>(a, 1001);

  auto classes = classify_abc(items, a, b);
  RC_ASSERT(classes.size() == items.size());
  for (const auto& x : items) {
    char kx = classes.at(x.product_id);
    RC_ASSERT(kx == 'A' || kx == 'B' || kx == 'C');
    if (x.units_picked == 0) RC_ASSERT(kx == 'C');
    for (const auto& y : items) {
      // A higher class never has fewer picks ('A' < 'B' < 'C').
      if (kx < classes.at(y.product_id)) RC_ASSERT(x.units_picked >= y.units_picked);
    }
  }
  // The A class alone reaches the A share of all picks, when there are picks.
  int64_t total = 0, in_a = 0;
  for (const auto& x : items) {
    total += x.units_picked;
    if (classes.at(x.product_id) == 'A') in_a += x.units_picked;
  }
  if (total > 0) RC_ASSERT(in_a * 1000 >= total * a);
}

}  // namespace
}  // namespace wareflow::wms::rules
