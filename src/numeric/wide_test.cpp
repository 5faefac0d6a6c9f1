// The 128-bit helpers against a reference: exact while the true value fits,
// the nearest end of int64 (or ±2^120) beyond.
#include "numeric/wide.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <vector>

namespace wareflow::numeric {
namespace {

RC_GTEST_PROP(Wide, MulIsExactWithinTheCap, (int64_t a, int64_t b)) {
  // |a × b| < 2^126: always under the cap of 2^120 times 2^6, so compare
  // against the clamped exact product.
  const Int128 exact = Int128{a} * b;
  RC_ASSERT(mul_wide(a, b) == clamp_wide(exact));
}

RC_GTEST_PROP(Wide, SumSaturatesOnlyBeyondInt64,
              (std::vector<int64_t> prices, std::vector<int32_t> units)) {
  Sum sum;
  Int128 exact = 0;
  for (size_t i = 0; i < prices.size() && i < units.size(); ++i) {
    sum += mul_wide(prices[i], units[i]);
    exact += Int128{prices[i]} * units[i];
  }
  RC_ASSERT(sum.wide() == exact);  // far from ±2^120 with these sizes
  RC_ASSERT(sum.saturated() == (exact > kInt64Max || exact < kInt64Min));
  RC_ASSERT(sum.value() == (exact > kInt64Max   ? kInt64Max
                            : exact < kInt64Min ? kInt64Min
                                                : static_cast<int64_t>(exact)));
}

TEST(Wide, ExtremesStayInRange) {
  EXPECT_EQ(saturate(Int128{kInt64Max} + 1), kInt64Max);
  EXPECT_EQ(saturate(Int128{kInt64Min} - 1), kInt64Min);
  EXPECT_EQ(mul_wide(kInt64Max, kInt64Max), kWideCap);
  EXPECT_EQ(mul_wide(kInt64Min, kInt64Max), -kWideCap);
  Sum sum;
  for (int i = 0; i < 1000; ++i) sum += mul_wide(kInt64Max, kInt64Max);
  EXPECT_EQ(sum.wide(), kWideCap);
  EXPECT_EQ(sum.value(), kInt64Max);
  // The largest product: 10 m cubed, 10^9 units.
  EXPECT_EQ(volume_mm3(1'000'000'000, 10'000, 10'000, 10'000),
            Int128{1'000'000'000'000} * 1'000'000'000);
  EXPECT_EQ(volume_cm3(1, 10, 10, 11), 2);  // 1.1 cm³ takes 2
  EXPECT_EQ(volume_cm3(3, 10, 10, 10), 3);
  EXPECT_EQ(volume_mm3(kInt64Max, kInt64Max, kInt64Max, kInt64Max), kWideCap);
}

}  // namespace
}  // namespace wareflow::numeric
