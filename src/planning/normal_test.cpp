// Known values of the standard normal functions (16-digit references and
// table values), and their inverses round-tripping. The test names keep the
// ReorderStatistics prefix they had when these lived in reorder.cpp.
#include "planning/normal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace wareflow::planning {
namespace {

constexpr double kZ95 = 1.6448536269514722;

TEST(ReorderStatistics, QuantileMatchesKnownValues) {
  EXPECT_NEAR(standard_normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(standard_normal_quantile(0.95), 1.6448536, 1e-6);
  EXPECT_NEAR(standard_normal_quantile(0.99), 2.3263479, 1e-6);
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959964, 1e-6);
  // Tighter, against 16-digit references.
  EXPECT_NEAR(standard_normal_quantile(0.95), kZ95, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.05), -kZ95, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.90), 1.2815515655446004, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.98), 2.0537489106318225, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(1e-10), -6.361340902404056, 1e-9);
}

TEST(ReorderStatistics, QuantileInvertsTheCdf) {
  for (double p : {1e-300, 1e-20, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.93, 0.999, 1 - 1e-12}) {
    const double x = standard_normal_quantile(p);
    const double back = standard_normal_cdf(x);
    EXPECT_NEAR(back / p, 1.0, 1e-9) << p;
  }
}

TEST(ReorderStatistics, QuantileRefusesProbabilitiesOutsideTheOpenInterval) {
  for (double p : {0.0, 1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_THROW(standard_normal_quantile(p), inputs::InputError) << p;
  }
}

TEST(ReorderStatistics, LossFunctionMatchesTableValues) {
  EXPECT_NEAR(standard_normal_loss(0), 0.3989, 5e-5);
  EXPECT_NEAR(standard_normal_loss(1), 0.0833, 5e-5);
  EXPECT_NEAR(standard_normal_loss(2), 0.0085, 5e-5);
  EXPECT_NEAR(standard_normal_loss(0), 1 / std::sqrt(2 * std::numbers::pi), 1e-15);
  // G(-k) = G(k) + k.
  EXPECT_NEAR(standard_normal_loss(-1.5), standard_normal_loss(1.5) + 1.5, 1e-14);
  EXPECT_GE(standard_normal_loss(40), 0.0);
}

TEST(ReorderStatistics, LossFunctionInversion) {
  EXPECT_NEAR(inverse_standard_normal_loss(0.3989422804014327), 0.0, 1e-12);
  EXPECT_NEAR(inverse_standard_normal_loss(0.0833), 1.0, 1e-3);
  EXPECT_NEAR(inverse_standard_normal_loss(0.2), 0.4928873272068184, 1e-9);
  for (double k : {-3.0, -1.0, -0.25, 0.0, 0.5, 1.0, 2.0, 3.5, 5.0}) {
    EXPECT_NEAR(inverse_standard_normal_loss(standard_normal_loss(k)), k, 1e-7) << k;
  }
  EXPECT_THROW(inverse_standard_normal_loss(0), inputs::InputError);
  EXPECT_THROW(inverse_standard_normal_loss(-1), inputs::InputError);
  EXPECT_THROW(inverse_standard_normal_loss(std::numeric_limits<double>::infinity()),
               inputs::InputError);
}

}  // namespace
}  // namespace wareflow::planning
