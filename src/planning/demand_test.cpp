#include "planning/demand.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace wareflow::planning {
namespace {

TEST(FillCensoredDays, FlaggedDaysTakeTheirWeekdayMean) {
  // Two weeks of a weekly pattern; Wednesday (index 2) of week two was out of
  // stock and sold 0: it gets week one's Wednesday.
  std::vector<double> values = {10, 10, 30, 10, 10, 5, 5, 12, 8, 0, 10, 10, 5, 5};
  std::vector<bool> out(14, false);
  out[9] = true;
  auto filled = fill_censored_days(values, out, 7);
  EXPECT_DOUBLE_EQ(filled[9], 30);
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 9) {
      EXPECT_DOUBLE_EQ(filled[i], values[i]) << i;
    }
  }
}

TEST(FillCensoredDays, ASlotWithoutCleanDaysTakesTheOverallMean) {
  std::vector<double> values = {4, 0, 8};
  auto filled = fill_censored_days(values, {false, true, false}, 7);
  EXPECT_DOUBLE_EQ(filled[1], 6);
}

TEST(FillCensoredDays, NothingCleanLeavesTheValues) {
  std::vector<double> values = {1, 2};
  EXPECT_EQ(fill_censored_days(values, {true, true}, 7), values);
}

TEST(FillCensoredDays, RefusesMismatchedInput) {
  EXPECT_THROW(fill_censored_days({1, 2}, {true}, 7), std::invalid_argument);
  EXPECT_THROW(fill_censored_days({1}, {true}, 0), std::invalid_argument);
}

RC_GTEST_PROP(FillCensoredDays, KeepsCleanDaysAndStaysInRange, ()) {
  const auto raw = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 1000));
  std::vector<double> values(raw.begin(), raw.end());
  std::vector<bool> out;
  for (size_t i = 0; i < values.size(); ++i) out.push_back(*rc::gen::arbitrary<bool>());
  const int64_t season = *rc::gen::inRange<int64_t>(1, 10);
  const auto filled = fill_censored_days(values, out, season);
  RC_ASSERT(filled.size() == values.size());
  double lo = 1e18, hi = -1;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!out[i]) {
      lo = std::min(lo, values[i]);
      hi = std::max(hi, values[i]);
    }
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!out[i]) {
      RC_ASSERT(filled[i] == values[i]);
    } else if (hi >= 0) {
      // A mean of clean days lies between the smallest and largest of them.
      RC_ASSERT(filled[i] >= lo - 1e-9 && filled[i] <= hi + 1e-9);
    }
  }
}

}  // namespace
}  // namespace wareflow::planning
