#include "planning/forecast.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>

namespace wareflow::planning {
namespace {

// Two-sided 80% normal quantile, Phi^-1(0.9).
constexpr double kZ80 = 1.2815515655446004;

ForecastOptions options(const std::string& model, int64_t horizon, int64_t season = 7) {
  ForecastOptions o;
  o.model = model;
  o.horizon = horizon;
  o.season_length = season;
  return o;
}

std::string error_code(const std::vector<double>& values, const ForecastOptions& o) {
  try {
    forecast_series(values, o);
  } catch (const inputs::InputError& e) {
    return e.code();
  }
  return "no error";
}

// --- Models against values worked out by hand -------------------------------

TEST(Forecast, SesWithFixedAlphaOnOneTwoThree) {
  // level 1 -> 1 + .5(2 - 1) = 1.5 -> 1.5 + .5(3 - 1.5) = 2.25; flat after.
  auto o = options("ses", 4);
  o.fixed.alpha = 0.5;
  auto f = forecast_series({1, 2, 3}, o);
  EXPECT_EQ(f.model, "ses");
  for (double v : f.values) EXPECT_NEAR(v, 2.25, 1e-12);
  // Residuals 1 and 1.5: sigma = sqrt((1 + 2.25) / 2); width grows with sqrt(h).
  const double sigma = std::sqrt(1.625);
  EXPECT_NEAR(f.upper[0], 2.25 + kZ80 * sigma, 1e-7);
  EXPECT_NEAR(f.lower[0], 2.25 - kZ80 * sigma, 1e-7);
  EXPECT_NEAR(f.upper[3], 2.25 + 2 * kZ80 * sigma, 1e-7);
  EXPECT_NEAR(f.lower[3], 0, 1e-12);  // 2.25 - 3.27 clamps at 0
  EXPECT_DOUBLE_EQ(f.parameters.alpha, 0.5);
}

TEST(Forecast, HoltWithFixedParametersOnAShortSeries) {
  // Start l = 3, b = 2. y=4: l = 2 + 2.5 = 4.5, b = .75 + 1 = 1.75.
  // y=6: l = 3 + 3.125 = 6.125, b = .8125 + .875 = 1.6875. Forecasts l + h b.
  auto o = options("holt", 2);
  o.fixed.alpha = 0.5;
  o.fixed.beta = 0.5;
  auto f = forecast_series({1, 3, 4, 6}, o);
  EXPECT_EQ(f.variant, "");
  EXPECT_NEAR(f.values[0], 7.8125, 1e-12);
  EXPECT_NEAR(f.values[1], 9.5, 1e-12);
}

TEST(Forecast, HoltStartsFromWeeklyMeansOnLongerSeries) {
  // Eight weeks of level 20 with noise, the first two days 12 and 28. Started
  // from y1 - y0 = 16, the fit follows that noise into a trend (the horizon's
  // end 22 from the level on average over these series, up to 54); from the
  // first two weeks' means the drift is about half that.
  double drift = 0;
  for (int variant = 0; variant < 6; ++variant) {
    std::vector<double> y;
    for (int t = 0; t < 56; ++t) y.push_back(20 + ((t * 7919 + variant * 31) % 11) - 5);
    y[0] = 12;
    y[1] = 28;
    auto f = forecast_series(y, options("holt", 28));
    drift += std::abs(f.values.back() - 20) / 6;
  }
  EXPECT_LT(drift, 12);
  // A perfect line stays perfect from the weekly start too.
  std::vector<double> line;
  for (int t = 0; t < 40; ++t) line.push_back(5 + 2.0 * t);
  auto o = options("holt", 3);
  o.fixed.alpha = 0.3;
  o.fixed.beta = 0.2;
  auto g = forecast_series(line, o);
  EXPECT_NEAR(g.values[0], 5 + 2.0 * 40, 1e-9);
  EXPECT_NEAR(g.values[2], 5 + 2.0 * 42, 1e-9);
}

TEST(Forecast, DampedHoltCarriesLessTrendEachDay) {
  // Same start as above; phi = 0.5 halves the trend each step.
  auto o = options("holt", 3);
  o.damped_trend = true;
  o.fixed = {0.5, 0.5, std::nullopt, 0.5};
  auto f = forecast_series({0, 2, 4}, o);
  // l = 2, b = 2; y=4: l = 2 + .5(2 + 1) = 3.5, b = .5(1.5) + .5(.5)(2) = 1.25.
  EXPECT_EQ(f.variant, "damped");
  EXPECT_NEAR(f.values[0], 3.5 + 0.5 * 1.25, 1e-12);
  EXPECT_NEAR(f.values[1], 3.5 + 0.75 * 1.25, 1e-12);
  EXPECT_NEAR(f.values[2], 3.5 + 0.875 * 1.25, 1e-12);
}

TEST(Forecast, CrostonSbaAndTsbOnZeroZeroThreeZeroTwo) {
  const std::vector<double> y{0, 0, 3, 0, 2};
  // First demand 3 after 3 days: z = 3, p = 3. Next demand 2 after 2 days:
  // z = 3 + .5(2 - 3) = 2.5, p = 3 + .5(2 - 3) = 2.5. Croston z/p = 1.
  auto o = options("croston", 3);
  o.fixed.alpha = 0.5;
  auto croston = forecast_series(y, o);
  for (double v : croston.values) EXPECT_NEAR(v, 1.0, 1e-12);
  o.model = "sba";  // times 1 - .5/2
  for (double v : forecast_series(y, o).values) EXPECT_NEAR(v, 0.75, 1e-12);
  // TSB: d = 1/3 at the first demand; zero day: d = 1/6; demand: d = 1/6 +
  // .5(1 - 1/6) = 7/12, z = 2.5. Forecast 7/12 * 2.5 = 35/24.
  o.model = "tsb";
  o.fixed.beta = 0.5;
  auto tsb = forecast_series(y, o);
  EXPECT_EQ(tsb.model, "tsb");
  for (double v : tsb.values) EXPECT_NEAR(v, 35.0 / 24, 1e-12);
}

TEST(Forecast, TsbDecaysThroughARunOfZerosWhereCrostonDoesNot) {
  std::vector<double> y{4, 0, 4, 0, 4, 0, 4};
  y.resize(60, 0.0);  // the product stopped selling
  auto o = options("croston", 1);
  o.fixed.alpha = 0.2;
  o.fixed.beta = 0.2;
  const double croston = forecast_series(y, o).values[0];
  o.model = "tsb";
  const double tsb = forecast_series(y, o).values[0];
  // Size 4; interval 1 (first day), then 1.2, 1.36, 1.488 for the gaps of 2.
  // Zeros never update it.
  EXPECT_NEAR(croston, 4 / 1.488, 1e-12);
  EXPECT_LT(tsb, 0.01 * croston);
}

TEST(Forecast, AllZeroSeriesForecastsZeroEverywhere) {
  const std::vector<double> zeros(40, 0.0);
  for (const char* model :
       {"auto", "ses", "holt", "croston", "sba", "tsb", "seasonal_naive", "holt_winters"}) {
    auto f = forecast_series(zeros, options(model, 5));
    for (size_t h = 0; h < 5; ++h) {
      EXPECT_EQ(f.values[h], 0) << model;
      EXPECT_EQ(f.upper[h], 0) << model;
    }
  }
}

TEST(Forecast, HoltWintersAdditiveRecoversACleanTrendAndSeason) {
  // y = 2 + 0.5 t + (-1, +1): the initial state is exact, so is every update.
  std::vector<double> y;
  for (int t = 0; t < 30; ++t) y.push_back(2 + 0.5 * t + (t % 2 == 0 ? -1 : 1));
  auto f = forecast_series(y, options("holt_winters", 4, 2));
  EXPECT_EQ(f.model, "holt_winters");
  for (int h = 1; h <= 4; ++h) {
    const int t = 29 + h;
    EXPECT_NEAR(f.values[h - 1], 2 + 0.5 * t + (t % 2 == 0 ? -1 : 1), 1e-9) << h;
  }
  ASSERT_TRUE(f.backtest_mase.has_value());
  EXPECT_NEAR(*f.backtest_mase, 0, 1e-9);
}

TEST(Forecast, HoltWintersMultiplicativeWinsOnGrowingProportionalSeason) {
  // The weekly swing grows with the level: multiplicative by construction.
  const double profile[7] = {0.6, 0.8, 1.0, 1.0, 1.1, 1.5, 1.0};
  std::vector<double> y;
  for (int t = 0; t < 140; ++t) y.push_back((20 + 0.5 * t) * profile[t % 7]);
  auto f = forecast_series(y, options("holt_winters", 7));
  EXPECT_EQ(f.variant, "multiplicative");
  for (int h = 1; h <= 7; ++h) {
    const int t = 139 + h;
    EXPECT_NEAR(f.values[h - 1], (20 + 0.5 * t) * profile[t % 7], 0.05 * (20 + 0.5 * t)) << h;
  }
}

TEST(Forecast, SeasonalNaiveRepeatsTheLastSeason) {
  auto f = forecast_series({9, 9, 9, 1, 2, 3}, options("seasonal_naive", 7, 3));
  EXPECT_EQ(f.values, (std::vector<double>{1, 2, 3, 1, 2, 3, 1}));
}

TEST(Forecast, IntervalsWidenWithTheSquareRootOfTheHorizon) {
  std::vector<double> y;
  for (int t = 0; t < 100; ++t) y.push_back(100 + (t * 37 % 11));
  auto f = forecast_series(y, options("ses", 16));
  const double one = f.upper[0] - f.values[0];
  EXPECT_GT(one, 0);
  EXPECT_NEAR(f.upper[3] - f.values[3], 2 * one, 1e-9);
  EXPECT_NEAR(f.values[15] - f.lower[15], 4 * one, 1e-9);
  auto o = options("ses", 16);
  o.interval_level = 0.95;
  auto wide = forecast_series(y, o);
  EXPECT_NEAR((wide.upper[0] - wide.values[0]) / one, 1.959963984540054 / kZ80, 1e-6);
}

TEST(Forecast, BacktestMaseOnlyWhenThereIsRoomForAWindow) {
  EXPECT_FALSE(forecast_series({1, 2, 3}, options("auto", 7)).backtest_mase.has_value());
  std::vector<double> y;
  for (int t = 0; t < 60; ++t) y.push_back(10 + t % 3);
  auto f = forecast_series(y, options("auto", 7));
  ASSERT_TRUE(f.backtest_mase.has_value());
  EXPECT_GE(*f.backtest_mase, 0);
}

TEST(Forecast, AutoOnSparseDemandForecastsTheRateNotASpike) {
  // Demand of about 3 on roughly one day in five, irregularly.
  std::vector<double> y;
  unsigned state = 12345;
  for (int t = 0; t < 200; ++t) {
    state = state * 1103515245u + 12345u;
    y.push_back((state >> 16) % 5 == 0 ? 2.0 + static_cast<double>((state >> 8) % 3) : 0.0);
  }
  auto f = forecast_series(y, options("auto", 14));
  ASSERT_TRUE(f.backtest_mase.has_value());
  // Every forecast near the mean demand rate (about 0.6), none spiky.
  for (double v : f.values) EXPECT_LT(v, 2.0) << f.model;
}

TEST(Forecast, SameInputSameOutput) {
  std::vector<double> y;
  for (int t = 0; t < 400; ++t) y.push_back(50 + 20 * std::sin(t * 0.9) + (t * 7919 % 13));
  auto a = forecast_series(y, options("auto", 28));
  auto b = forecast_series(y, options("auto", 28));
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_EQ(a.backtest_mase, b.backtest_mase);
}

// --- Bad input -------------------------------------------------------------------

TEST(ForecastErrors, EachBadInputHasItsCode) {
  const std::vector<double> ok{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  EXPECT_EQ(error_code({}, options("auto", 7)), "empty_series");
  EXPECT_EQ(error_code({1, -1, 2}, options("auto", 7)), "invalid_value");
  EXPECT_EQ(error_code({1, NAN, 2}, options("auto", 7)), "invalid_value");
  EXPECT_EQ(error_code({1, INFINITY, 2}, options("auto", 7)), "invalid_value");
  EXPECT_EQ(error_code({1}, options("auto", 7)), "series_too_short");
  EXPECT_EQ(error_code({1, 2}, options("holt", 7)), "series_too_short");
  EXPECT_EQ(error_code({1, 2, 3, 4, 5, 6, 7}, options("seasonal_naive", 7)), "series_too_short");
  EXPECT_EQ(error_code(std::vector<double>(13, 1.0), options("holt_winters", 7)),
            "series_too_short");
  EXPECT_EQ(error_code(ok, options("auto", 0)), "invalid_horizon");
  EXPECT_EQ(error_code(ok, options("auto", -3)), "invalid_horizon");
  EXPECT_EQ(error_code(ok, options("auto", 3651)), "invalid_horizon");
  EXPECT_EQ(error_code(ok, options("auto", 7, 0)), "invalid_season");
  EXPECT_EQ(error_code(ok, options("auto", 7, 367)), "invalid_season");
  EXPECT_EQ(error_code(ok, options("holt_winters", 7, 1)), "invalid_season");
  EXPECT_EQ(error_code(ok, options("arima", 7)), "unknown_model");
  EXPECT_EQ(error_code(ok, options("", 7)), "unknown_model");
  auto o = options("auto", 7);
  o.interval_level = 1;
  EXPECT_EQ(error_code(ok, o), "invalid_interval_level");
  o = options("ses", 7);
  o.fixed.alpha = 1.5;
  EXPECT_EQ(error_code(ok, o), "invalid_parameter");
  // The limits themselves are fine.
  EXPECT_EQ(error_code(ok, options("auto", 3650, 366)), "no error");
  EXPECT_EQ(error_code({1, 2}, options("auto", 1, 1)), "no error");
}

TEST(ForecastErrors, MessagesSayWhatIsWrongAndWhatIsNeeded) {
  try {
    forecast_series(std::vector<double>(9, 1.0), options("holt_winters", 7));
    FAIL();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.field(), "values");
    EXPECT_NE(std::string(e.what()).find("at least 14"), std::string::npos) << e.what();
  }
  try {
    forecast_series({1, 2, -4}, options("ses", 7));
    FAIL();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.field(), "values[2]");
  }
}

TEST(ForecastErrors, MinimumLengths) {
  EXPECT_EQ(minimum_length("auto", 7), 2u);
  EXPECT_EQ(minimum_length("ses", 7), 2u);
  EXPECT_EQ(minimum_length("holt", 7), 3u);
  EXPECT_EQ(minimum_length("holt_winters", 7), 14u);
  EXPECT_EQ(minimum_length("seasonal_naive", 7), 8u);
  EXPECT_EQ(minimum_length("tsb", 7), 2u);
  EXPECT_THROW(minimum_length("arima", 7), inputs::InputError);
}

// --- Batch -----------------------------------------------------------------------

TEST(ForecastBatch, KeepsIdsAndOrder) {
  ForecastRequest r;
  r.horizon = 3;
  r.model = "ses";
  r.series = {{"b", {1, 1, 1}}, {"a", {2, 2, 2, 2}}};
  auto out = forecast_batch(r);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "b");
  EXPECT_EQ(out[1].id, "a");
  EXPECT_EQ(out[1].forecast.values, (std::vector<double>{2, 2, 2}));
}

TEST(ForecastBatch, ABadSeriesNamesItsPlace) {
  ForecastRequest r;
  r.series = {{"ok", {1, 2, 3}}, {"bad", {1, -2}}};
  try {
    forecast_batch(r);
    FAIL();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), "invalid_value");
    EXPECT_EQ(e.field(), "series[1].values[1]");
    EXPECT_NE(std::string(e.what()).find("'bad'"), std::string::npos);
  }
  r.series.clear();
  r.horizon = 0;
  EXPECT_THROW(forecast_batch(r), inputs::InputError);  // options checked even with no series
}

// --- Properties ------------------------------------------------------------------

const std::vector<std::string> kAllModels{"auto",    "ses", "holt", "holt_winters",
                                          "croston", "sba", "tsb",  "seasonal_naive"};

// Non-negative series, often with runs of zeros, across a wide range of volumes.
rc::Gen<std::vector<double>> demand(int min_size, int max_size) {
  return rc::gen::mapcat(rc::gen::inRange(min_size, max_size + 1), [](int n) {
    return rc::gen::map(
        rc::gen::pair(rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 1000)),
                      rc::gen::elementOf(std::vector<double>{1e-6, 0.01, 1, 1000, 1e12})),
        [](const std::pair<std::vector<int>, double>& p) {
          std::vector<double> y;
          // Below 300 counts as no demand: about a third of the days.
          for (int v : p.first) y.push_back(v < 300 ? 0.0 : (v - 300) * p.second);
          return y;
        });
  });
}

RC_GTEST_PROP(ForecastProperty, FiniteAndNonNegativeForAnyNonNegativeSeries, ()) {
  const auto y = *demand(1, 120);
  const auto model = *rc::gen::elementOf(kAllModels);
  auto o = options(model, *rc::gen::inRange(1, 60), *rc::gen::inRange(1, 15));
  const size_t needed =
      model == "holt_winters" && o.season_length < 2 ? 0 : minimum_length(model, o.season_length);
  if (model == "holt_winters" && o.season_length < 2) {
    RC_ASSERT(error_code(y, o) == "invalid_season");
  } else if (y.size() < needed) {
    RC_ASSERT(error_code(y, o) == "series_too_short");
  } else {
    auto f = forecast_series(y, o);
    RC_ASSERT(f.values.size() == static_cast<size_t>(o.horizon));
    RC_ASSERT(f.lower.size() == f.values.size());
    RC_ASSERT(f.upper.size() == f.values.size());
    for (size_t h = 0; h < f.values.size(); ++h) {
      RC_ASSERT(std::isfinite(f.values[h]));
      RC_ASSERT(std::isfinite(f.upper[h]));
      RC_ASSERT(f.lower[h] >= 0);
      RC_ASSERT(f.lower[h] <= f.values[h]);
      RC_ASSERT(f.values[h] <= f.upper[h]);
    }
    if (f.backtest_mase) RC_ASSERT(std::isfinite(*f.backtest_mase) && *f.backtest_mase >= 0);
    RC_ASSERT(f.model != "auto");
  }
}

RC_GTEST_PROP(ForecastProperty, SesOfAConstantIsThatConstant, ()) {
  const double c = *rc::gen::elementOf(std::vector<double>{0, 0.5, 3, 17, 1e6});
  const std::vector<double> y(*rc::gen::inRange(2, 200), c);
  auto f = forecast_series(y, options("ses", *rc::gen::inRange(1, 30)));
  for (size_t h = 0; h < f.values.size(); ++h) {
    RC_ASSERT(f.values[h] == c);
    RC_ASSERT(f.lower[h] == c);
    RC_ASSERT(f.upper[h] == c);
  }
}

RC_GTEST_PROP(ForecastProperty, SeasonalNaiveReproducesTheLastSeason, ()) {
  const int m = *rc::gen::inRange(1, 30);
  const auto y = *demand(m + 1, 150);
  const int horizon = *rc::gen::inRange(1, 3 * m + 2);
  auto f = forecast_series(y, options("seasonal_naive", horizon, m));
  const size_t n = y.size();
  for (int h = 0; h < horizon; ++h) RC_ASSERT(f.values[h] == y[n - m + h % m]);
}

RC_GTEST_PROP(ForecastProperty, HoltContinuesAPerfectLinearTrend, ()) {
  const double intercept = *rc::gen::inRange(0, 1000);
  const double slope = *rc::gen::inRange(0, 500) / 10.0;
  const int n = *rc::gen::inRange(3, 120);
  std::vector<double> y;
  for (int t = 0; t < n; ++t) y.push_back(intercept + slope * t);
  const int horizon = *rc::gen::inRange(1, 60);
  auto f = forecast_series(y, options("holt", horizon));
  for (int h = 1; h <= horizon; ++h) {
    const double expected = intercept + slope * (n - 1 + h);
    RC_ASSERT(std::abs(f.values[h - 1] - expected) <= 1e-6 * (1 + expected));
  }
}

RC_GTEST_PROP(ForecastProperty, AutoPicksASeasonalModelOnANoisyWeeklyPattern, ()) {
  // Any weekly profile, plus one busy day, so the week always swings by 30+.
  auto pattern = *rc::gen::container<std::vector<int>>(7, rc::gen::inRange(10, 60));
  pattern[*rc::gen::inRange(0, 7)] += 40 + *rc::gen::inRange(0, 50);
  const int weeks = *rc::gen::inRange(12, 60);
  const auto noise = *rc::gen::container<std::vector<int>>(7 * weeks, rc::gen::inRange(-30, 31));
  std::vector<double> y;
  for (int t = 0; t < 7 * weeks; ++t) y.push_back(pattern[t % 7] + noise[t] / 10.0);
  auto f = forecast_series(y, options("auto", *rc::gen::inRange(7, 29)));
  RC_ASSERT(f.model == "holt_winters" || f.model == "seasonal_naive");
}

RC_GTEST_PROP(Forecast, AutoPicksAnIntermittentModelForScatteredZeros, ()) {
  // Random sparse demand: a sale (1-9 units) on about one day in four.
  const auto days =
      *rc::gen::container<std::vector<int>>(90, rc::gen::resize(100, rc::gen::inRange(0, 40)));
  std::vector<double> y;
  for (int d : days) y.push_back(d < 10 ? d % 9 + 1 : 0);
  size_t first = 0, last = y.size();
  while (first < last && y[first] == 0) ++first;
  while (last > first && y[last - 1] == 0) --last;
  RC_PRE(last > first);
  const auto inner_zeros = std::count(y.begin() + static_cast<std::ptrdiff_t>(first),
                                      y.begin() + static_cast<std::ptrdiff_t>(last), 0.0);
  RC_PRE(static_cast<double>(inner_zeros) > 0.3 * static_cast<double>(last - first));
  const Forecast f = forecast_series(y, options("auto", 14));
  RC_ASSERT(f.model == "ses" || f.model == "croston" || f.model == "sba" || f.model == "tsb");
}

TEST(Forecast, AutoLeavesScatteredZerosToTheIntermittentModels) {
  // Sales on every third day, otherwise nothing: only ses, croston, sba and
  // tsb compete. A run of zeros before the first sale does not count.
  std::vector<double> y(60, 0.0);
  for (size_t i = 20; i < y.size(); i += 3) y[i] = 4;
  const Forecast f = forecast_series(y, options("auto", 7));
  EXPECT_TRUE(f.model == "ses" || f.model == "croston" || f.model == "sba" || f.model == "tsb")
      << f.model;
}

TEST(Forecast, ManyOnThreadsEqualsOneByOne) {
  // Level, trend, season, intermittent, too short, and a negative value: the
  // last two are refused one by one and come back empty, the rest equal.
  std::vector<std::vector<double>> series;
  for (int k = 0; k < 12; ++k) {
    std::vector<double> y;
    for (int t = 0; t < 120; ++t) {
      double season = (t % 7 == 5 || t % 7 == 6) ? 4.0 : 0.0;
      y.push_back(k % 3 == 0 ? (t % (k + 2) == 0 ? 3.0 : 0.0) : 10.0 + 0.05 * k * t + season);
    }
    series.push_back(y);
  }
  series.push_back({1.0});
  series.push_back({1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0});
  const ForecastOptions o = options("auto", 14);
  for (unsigned threads : {1u, 2u, 5u, 64u}) {
    auto many = forecast_many(series, o, threads);
    ASSERT_EQ(many.size(), series.size());
    for (size_t i = 0; i + 2 < series.size(); ++i) {
      ASSERT_TRUE(many[i]) << i;
      const Forecast one = forecast_series(series[i], o);
      EXPECT_EQ(many[i]->model, one.model);
      EXPECT_EQ(many[i]->values, one.values);
      EXPECT_EQ(many[i]->upper, one.upper);
    }
    EXPECT_FALSE(many[series.size() - 2]);
    EXPECT_FALSE(many[series.size() - 1]);
  }
  EXPECT_TRUE(forecast_many({}, o, 2).empty());
  EXPECT_THROW(forecast_many(series, options("nonsense", 14), 2), inputs::InputError);
}

}  // namespace
}  // namespace wareflow::planning
