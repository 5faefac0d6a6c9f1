// Demand forecasting: daily demand history in, point forecasts with
// prediction intervals out. Pure: plain structs in and out; no store, clock or
// network; depends on nothing but the C++ standard library. Deterministic: the
// same input gives the same output, bit for bit.
//
// Models (Hyndman et al. 2008; Croston 1972; Syntetos & Boylan 2005;
// Teunter, Syntetos & Babai 2011):
//   ses             simple exponential smoothing
//   holt            additive trend; damped when ForecastOptions::damped_trend
//   holt_winters    level, additive trend and a season of season_length days,
//                   additive or multiplicative (multiplicative tried only when
//                   every value is > 0; the lower backtest MASE wins, the lower
//                   in-sample error when the series is too short to backtest)
//   croston         demand size and inter-demand interval smoothed separately
//   sba             Croston times the bias correction (1 - alpha/2)
//   tsb             demand size smoothed on demand days, demand probability
//                   every day, so the forecast decays while nothing sells
//   seasonal_naive  the value one season earlier
//   auto            chosen per series, see below
//
// Fitting: smoothing parameters in (0, 1) (damping phi in [0.8, 0.98])
// minimise the in-sample one-step-ahead mean squared error: a coarse grid,
// then golden-section search (one parameter) or box-constrained Nelder-Mead.
// Initial states are not fitted but set by fixed rules from the first points
// (see forecast_models.h), which is what makes a few hand-checkable cases exact.
//
// Backtest and `auto`: a rolling-origin backtest over the end of the series,
// up to 3 windows of `horizon` days (fewer, or one shorter window, on short
// series). Parameters are fitted once on the points before the first window,
// then each window is forecast from the states reached at its origin. The
// error is MASE: mean absolute error over all windows divided by the in-sample
// mean absolute seasonal-naive error of the training points (lag-1 naive when
// that is zero, then the mean demand, then 1). `auto` backtests, on
// intermittent series (more than 30% zero days between the first and the
// last sale), ses, croston, sba and tsb only: trend and season models picked
// on a few sparse backtest days extrapolate noise (docs/planning.md). On the
// others it backtests ses, holt, damped holt, seasonal_naive and holt_winters
// (additive; multiplicative when all values > 0), plus croston, sba and tsb
// when more than 30% of all days have zero demand (a launch, a decline), and
// keeps the lowest MASE (ties to the simpler model).
// A series too short for any backtest window gets ses and no MASE.
// The chosen model is then refitted on the whole series.
//
// Intervals: normal approximation. With sigma the root mean squared in-sample
// one-step residual of the final fit and z the two-sided normal quantile for
// interval_level, the h-step interval is value +/- z * sigma * sqrt(h), i.e.
// one-step errors treated as independent random-walk increments. That is
// exact for neither family (too narrow for trending models, too wide for
// stationary ones) but a usable, monotone rule of thumb. No residuals (too
// few points) gives sigma 0.
//
// Every value, lower and upper bound is finite and >= 0 (forecasts are
// clamped at 0). Bad input throws inputs::InputError; nothing else is thrown
// except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "inputs/input_error.h"

namespace wareflow::planning {

inline constexpr int64_t kMaxHorizon = 3650;
inline constexpr int64_t kMaxSeasonLength = 366;

// Refused input: inputs::InputError. code() is one of: empty_series, invalid_value,
// series_too_short, invalid_horizon, invalid_season, unknown_model,
// invalid_interval_level, invalid_parameter. field() names the offending input
// ("horizon", "values[3]", "series[2].values[3]", ...).

// Smoothing parameters to use as given instead of fitting them. Each applies
// to whichever models have it; the others ignore it.
struct FixedParameters {
  std::optional<double> alpha;  // level (ses, holt, holt_winters); demand size (croston, sba, tsb)
  std::optional<double> beta;   // trend (holt, holt_winters); demand probability (tsb)
  std::optional<double> gamma;  // season (holt_winters)
  std::optional<double> phi;    // trend damping, only when the trend is damped
};

struct ForecastOptions {
  int64_t horizon = 14;          // days to forecast, 1..kMaxHorizon
  int64_t season_length = 7;     // 1..kMaxSeasonLength; holt_winters needs >= 2
  std::string model = "auto";    // a model name from the header comment
  double interval_level = 0.80;  // central coverage of [lower, upper], in (0, 1)
  bool damped_trend = false;     // holt / holt_winters asked for by name
  FixedParameters fixed;
};

// The parameters the forecast used. Only those of the model mean anything:
// ses, croston, sba: alpha; holt: alpha, beta (phi < 1 when damped); tsb:
// alpha, beta; holt_winters: alpha, beta, gamma, phi; seasonal_naive: none.
struct FittedParameters {
  double alpha = 0;
  double beta = 0;
  double gamma = 0;
  double phi = 1;
};

struct Forecast {
  std::string model;           // never "auto": the model actually used
  std::string variant;         // "", "damped", "additive", "multiplicative", "additive_damped", ...
  std::vector<double> values;  // horizon numbers, first = the day after the last value
  std::vector<double> lower;
  std::vector<double> upper;
  std::optional<double> backtest_mase;  // empty when the series is too short to backtest
  FittedParameters parameters;
};

// values: daily demand, oldest first, every value finite and >= 0.
Forecast forecast_series(const std::vector<double>& values, const ForecastOptions& options);

// The denominator of MASE as the backtest computes it: the in-sample mean
// absolute error of the seasonal naive forecast (lag season_length) over the
// first n values; when that is 0, of the one-step naive forecast; then the
// mean; never 0 (1 for an all-zero series). For measuring forecasts the same
// way from outside (bench/).
double mase_denominator(const std::vector<double>& values, size_t n, size_t season_length);

// Points a model needs (throws unknown_model / invalid_season like
// forecast_series). `auto` needs what ses needs.
size_t minimum_length(const std::string& model, int64_t season_length);

// The batch form of the CLI: one options block, many series.
struct NamedSeries {
  std::string id;
  std::vector<double> values;
};

struct ForecastRequest : ForecastOptions {
  std::vector<NamedSeries> series;
};

struct NamedForecast {
  std::string id;
  Forecast forecast;
};

// Forecasts every series, in order. The first bad series throws, with field()
// prefixed by "series[i]." and the id in the message; nothing is returned.
std::vector<NamedForecast> forecast_batch(const ForecastRequest& request);

// Fits every series with the same options on `threads` worker threads (0: one
// per core; never more than there are series), for a nightly refresh of a
// whole catalogue. Element i is exactly forecast_series(series[i], options),
// or empty when the forecaster refuses that series (too short, bad values):
// the threads only share out the work, so the result does not depend on their
// number. Bad options throw before any work starts.
std::vector<std::optional<Forecast>> forecast_many(const std::vector<std::vector<double>>& series,
                                                   const ForecastOptions& options,
                                                   unsigned threads = 0);

}  // namespace wareflow::planning
