#include "planning/forecast.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "planning/forecast_fitting.h"
#include "planning/forecast_models.h"
#include "planning/forecast_runners.h"
#include "planning/normal.h"

namespace wareflow::planning {
namespace {

using namespace forecasting;

// ---------------------------------------------------------------------------
// Names, limits and validation.

struct NamedModel {
  const char* name;
  Family family;
};
constexpr std::array<NamedModel, 7> kModels{{{"ses", Family::kSes},
                                             {"holt", Family::kHolt},
                                             {"holt_winters", Family::kHoltWinters},
                                             {"croston", Family::kCroston},
                                             {"sba", Family::kSba},
                                             {"tsb", Family::kTsb},
                                             {"seasonal_naive", Family::kSeasonalNaive}}};

const char* family_name(Family family) {
  for (const auto& named : kModels) {
    if (named.family == family) return named.name;
  }
  return "";
}

std::string variant_name(const Spec& spec) {
  std::string v;
  if (spec.family == Family::kHoltWinters) v = spec.multiplicative ? "multiplicative" : "additive";
  if (spec.damped) v += v.empty() ? "damped" : "_damped";
  return v;
}

size_t minimum_points(Family family, size_t m) {
  switch (family) {
    case Family::kHolt:
      return 3;  // two for the initial state, one residual
    case Family::kHoltWinters:
      return 2 * m;  // two seasons for the initial state; the second gives residuals
    case Family::kSeasonalNaive:
      return m + 1;
    default:
      return 2;  // one to start from, one residual
  }
}

void validate_options(const ForecastOptions& o) {
  if (o.horizon < 1 || o.horizon > kMaxHorizon) {
    throw inputs::InputError("invalid_horizon", "horizon",
                             "horizon must be 1.." + std::to_string(kMaxHorizon) + " days; got " +
                                 std::to_string(o.horizon));
  }
  if (o.season_length < 1 || o.season_length > kMaxSeasonLength) {
    throw inputs::InputError("invalid_season", "season_length",
                             "season_length must be 1.." + std::to_string(kMaxSeasonLength) +
                                 "; got " + std::to_string(o.season_length));
  }
  if (!(o.interval_level > 0 && o.interval_level < 1)) {
    throw inputs::InputError("invalid_interval_level", "interval_level",
                             "interval_level must be strictly between 0 and 1");
  }
  auto check = [](const std::optional<double>& v, const char* name, double lo, double hi) {
    if (v.has_value() && !(*v >= lo && *v <= hi)) {
      throw inputs::InputError("invalid_parameter", name,
                               std::string(name) + " must be in [" + std::to_string(lo) + ", " +
                                   std::to_string(hi) + "]");
    }
  };
  check(o.fixed.alpha, "alpha", 0, 1);
  check(o.fixed.beta, "beta", 0, 1);
  check(o.fixed.gamma, "gamma", 0, 1);
  check(o.fixed.phi, "phi", 0, 1);
}

// The family asked for, or nullopt for auto; throws unknown_model and the
// season rule of holt_winters.
std::optional<Family> requested_family(const std::string& model, int64_t season_length) {
  if (model == "auto") return std::nullopt;
  for (const auto& named : kModels) {
    if (model != named.name) continue;
    if (named.family == Family::kHoltWinters && season_length < 2) {
      throw inputs::InputError(
          "invalid_season", "season_length",
          "holt_winters needs season_length >= 2; got " + std::to_string(season_length));
    }
    return named.family;
  }
  throw inputs::InputError("unknown_model", "model",
                           "unknown model '" + model +
                               "'; expected auto, ses, holt, holt_winters, croston, sba, tsb or "
                               "seasonal_naive");
}

void validate_values(const std::vector<double>& values) {
  if (values.empty())
    throw inputs::InputError("empty_series", "values", "the series has no values");
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isfinite(values[i]) && values[i] >= 0) continue;
    const std::string field = "values[" + std::to_string(i) + "]";
    throw inputs::InputError(
        "invalid_value", field,
        field + " must be a finite number >= 0; got " + std::to_string(values[i]));
  }
}

// Finite and >= 0: NaN counts as no demand, overflow as the largest double.
double finite_non_negative(double x) {
  if (!(x > 0)) return 0;
  return std::min(x, std::numeric_limits<double>::max());
}

struct Candidate {
  Spec spec;
  Params params{};
  double mase = std::numeric_limits<double>::infinity();
};

// Backtests every candidate that has enough training points, fitting each on
// the points before the first window; returns the best (first on ties), or
// the first candidate with infinite MASE when none could be backtested.
Candidate best_by_backtest(const std::vector<Spec>& specs, const double* y, size_t m,
                           const Windows& w, const FixedParameters& fixed) {
  Candidate best{specs.front(), search_space(specs.front(), fixed).base,
                 std::numeric_limits<double>::infinity()};
  if (w.count == 0) return best;
  const double scale = mase_scale(y, w.train, m);
  for (const Spec& spec : specs) {
    if (minimum_points(spec.family, m) > w.train) continue;
    const Search search = search_space(spec, fixed);
    Candidate c{spec};
    c.mase = with_model(spec, [&]<class Model>() {
      c.params = fit<Model>(search, y, w.train, m, nullptr);
      return backtest_mae<Model>(y, c.params, m, w) / scale;
    });
    if (c.mase < best.mase) best = c;
  }
  return best;
}

}  // namespace

size_t minimum_length(const std::string& model, int64_t season_length) {
  if (season_length < 1 || season_length > kMaxSeasonLength) {
    throw inputs::InputError("invalid_season", "season_length",
                             "season_length must be 1.." + std::to_string(kMaxSeasonLength));
  }
  const auto family = requested_family(model, season_length);
  return minimum_points(family.value_or(Family::kSes), static_cast<size_t>(season_length));
}

Forecast forecast_series(const std::vector<double>& values, const ForecastOptions& options) {
  validate_options(options);
  const auto requested = requested_family(options.model, options.season_length);
  validate_values(values);
  const size_t n = values.size();
  const size_t m = static_cast<size_t>(options.season_length);
  const size_t horizon = static_cast<size_t>(options.horizon);
  const size_t needed = minimum_points(requested.value_or(Family::kSes), m);
  if (n < needed) {
    throw inputs::InputError("series_too_short", "values",
                             options.model + " needs at least " + std::to_string(needed) +
                                 " values (season_length " + std::to_string(m) + "); got " +
                                 std::to_string(n));
  }

  // Fit in units of about the largest value: the error sums cannot overflow
  // and the optimiser's tolerances mean the same for any volume. A power of
  // two, so scaling there and back is exact (seasonal naive repeats values
  // bit for bit, a constant stays that constant).
  const double peak = *std::max_element(values.begin(), values.end());
  int exponent = 0;
  if (peak > 0) std::frexp(peak, &exponent);
  const double unit = std::ldexp(1.0, exponent);
  std::vector<double> scaled(n);
  for (size_t t = 0; t < n; ++t) scaled[t] = values[t] / unit;
  const double* y = scaled.data();
  const bool all_positive =
      std::all_of(values.begin(), values.end(), [](double v) { return v > 0; });

  std::vector<Spec> specs;
  Windows windows;
  if (requested.has_value()) {
    Spec spec{*requested, options.damped_trend &&
                              (*requested == Family::kHolt || *requested == Family::kHoltWinters)};
    specs.push_back(spec);
    if (*requested == Family::kHoltWinters && all_positive) {
      spec.multiplicative = true;
      specs.push_back(spec);
    }
    windows = choose_windows(n, horizon, std::max(needed, kMinTrainPoints));
  } else {
    // Intermittent demand: zero days scattered between sales (not a run of
    // zeros before a launch or after the last sale). Trend and season
    // models chosen on a few sparse backtest days extrapolate noise, so such
    // a series is left to the models made for it.
    size_t first_sale = 0, last_sale = n;
    while (first_sale < n && values[first_sale] == 0.0) ++first_sale;
    while (last_sale > first_sale && values[last_sale - 1] == 0.0) --last_sale;
    const auto inner_zeros =
        std::count(values.begin() + static_cast<std::ptrdiff_t>(first_sale),
                   values.begin() + static_cast<std::ptrdiff_t>(last_sale), 0.0);
    const bool scattered_zeros =
        last_sale > first_sale &&
        static_cast<double>(inner_zeros) >
            kIntermittentZeroShare * static_cast<double>(last_sale - first_sale);
    if (scattered_zeros) {
      specs = {{Family::kSes}, {Family::kCroston}, {Family::kSba}, {Family::kTsb}};
    } else {
      specs = {{Family::kSes}, {Family::kHolt}, {Family::kHolt, true}, {Family::kSeasonalNaive}};
      if (m >= 2) {
        specs.push_back({Family::kHoltWinters});
        if (all_positive) specs.push_back({Family::kHoltWinters, false, true});
      }
      const auto zeros = std::count(values.begin(), values.end(), 0.0);
      if (static_cast<double>(zeros) > kIntermittentZeroShare * static_cast<double>(n)) {
        specs.insert(specs.end(), {{Family::kCroston}, {Family::kSba}, {Family::kTsb}});
      }
    }
    // Prefer training long enough for the seasonal candidates; settle for
    // less on short series.
    windows = choose_windows(n, horizon, std::max(kMinTrainPoints, m >= 2 ? 2 * m : 0));
    if (windows.count == 0) windows = choose_windows(n, horizon, kMinTrainPoints);
  }

  Candidate chosen;
  if (specs.size() == 1 || windows.count > 0) {
    chosen = best_by_backtest(specs, y, m, windows, options.fixed);
  }
  if (windows.count == 0 && specs.size() > 1 && requested.has_value()) {
    // Holt-Winters too short to backtest: the variant with the lower
    // in-sample error.
    chosen.mase = std::numeric_limits<double>::infinity();
    double best_mse = std::numeric_limits<double>::infinity();
    for (const Spec& spec : specs) {
      const Search search = search_space(spec, options.fixed);
      with_model(spec, [&]<class Model>() {
        const Params p = fit<Model>(search, y, n, m, nullptr);
        const double mse = one_step_mse<Model>(y, n, p, m);
        if (mse < best_mse) best_mse = mse, chosen = {spec, p};
      });
    }
  } else if (windows.count == 0) {
    chosen = {specs.front(), search_space(specs.front(), options.fixed).base};
  }

  Forecast out;
  out.model = family_name(chosen.spec.family);
  out.variant = variant_name(chosen.spec);
  if (std::isfinite(chosen.mase)) out.backtest_mase = chosen.mase;
  out.values.resize(horizon);
  const Search search = search_space(chosen.spec, options.fixed);
  double mse = 0;
  with_model(chosen.spec, [&]<class Model>() {
    const bool backtested = std::isfinite(chosen.mase);
    chosen.params = fit<Model>(search, y, n, m, backtested ? &chosen.params : nullptr);
    mse = run_and_forecast<Model>(y, n, chosen.params, m, out.values.data(), horizon);
  });
  out.parameters = {chosen.params[kAlpha], chosen.params[kBeta], chosen.params[kGamma],
                    chosen.params[kPhi]};

  const double sigma = std::sqrt(std::isfinite(mse) ? mse : 0.0) * unit;
  const double z = standard_normal_quantile(0.5 + options.interval_level / 2);
  out.lower.resize(horizon);
  out.upper.resize(horizon);
  for (size_t h = 1; h <= horizon; ++h) {
    const double value = finite_non_negative(out.values[h - 1] * unit);
    const double half_width = finite_non_negative(z * sigma * std::sqrt(static_cast<double>(h)));
    out.values[h - 1] = value;
    out.lower[h - 1] = finite_non_negative(value - half_width);
    out.upper[h - 1] = finite_non_negative(value + half_width);
  }
  return out;
}

std::vector<NamedForecast> forecast_batch(const ForecastRequest& request) {
  validate_options(request);
  requested_family(request.model, request.season_length);
  std::vector<NamedForecast> out;
  out.reserve(request.series.size());
  for (size_t i = 0; i < request.series.size(); ++i) {
    const NamedSeries& s = request.series[i];
    try {
      out.push_back({s.id, forecast_series(s.values, request)});
    } catch (const inputs::InputError& e) {
      throw inputs::InputError(e.code(), "series[" + std::to_string(i) + "]." + e.field(),
                               "series '" + s.id + "': " + e.what());
    }
  }
  return out;
}

std::vector<std::optional<Forecast>> forecast_many(const std::vector<std::vector<double>>& series,
                                                   const ForecastOptions& options,
                                                   unsigned threads) {
  validate_options(options);
  requested_family(options.model, options.season_length);
  std::vector<std::optional<Forecast>> out(series.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(series.size())));
  // Workers take the next series by index: long and short series even out
  // without a plan, and each result lands in its own slot.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < series.size(); i = next++) {
      try {
        out[i] = forecast_series(series[i], options);
      } catch (const inputs::InputError&) {
        out[i].reset();
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  return out;
}

double mase_denominator(const std::vector<double>& values, size_t n, size_t season_length) {
  return mase_scale(values.data(), std::min(n, values.size()), season_length);
}

}  // namespace wareflow::planning
