// The forecasting models, internal to planning/: parameters by position, the
// model families and their variants (Spec), and each model as a small state
// machine (start, step, forecast) that the runners drive; with_model calls a
// template with the model type of a Spec. Used by forecast.cpp only.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace wareflow::planning::forecasting {

// Parameters by position: the optimiser works on arrays, not names.
using Params = std::array<double, 4>;

inline constexpr size_t kAlpha = 0, kBeta = 1, kGamma = 2, kPhi = 3;

// Box of the search. Smoothing parameters stay off 0 and 1, where a model
// stops learning or stops smoothing; damping stays where a trend still counts.
inline constexpr double kSmoothingLow = 1e-4, kSmoothingHigh = 1 - 1e-4;

inline constexpr double kPhiLow = 0.8, kPhiHigh = 0.98;

// Share of zero days above which a series counts as intermittent.
inline constexpr double kIntermittentZeroShare = 0.3;

inline constexpr size_t kMaxWindows = 3;

// Fewest training points before a backtest window: enough for holt to have a
// residual or two.
inline constexpr size_t kMinTrainPoints = 4;

// Above any real mean squared error of series scaled to [0, 1].
inline constexpr double kUnusable = 1e300;

enum class Family { kSes, kHolt, kHoltWinters, kCroston, kSba, kTsb, kSeasonalNaive };

struct Spec {
  Family family = Family::kSes;
  bool damped = false;
  bool multiplicative = false;
};

// ---------------------------------------------------------------------------
// Models. Each is a small state machine the runners below drive:
//   start(y, n)  sets the initial state from the first points (of the n it
//                may look at) and returns the first index whose one-step
//                forecast counts as a residual;
//   ready()      whether predict() means anything yet (Croston before the
//                first demand does not);
//   predict()    one-step-ahead forecast; update(y) absorbs one value;
//   forecast(h)  h-step-ahead forecast from the current state, h >= 1.
// Templates, not virtual calls: the fitting loop runs a few hundred thousand
// steps per series and must inline.

struct SesModel {
  double alpha, level = 0;
  SesModel(const Params& p, size_t) : alpha(p[kAlpha]) {}
  // Level starts at the first value, so SES on [1, 2, 3] is checkable by hand.
  size_t start(const double* y, size_t) {
    level = y[0];
    return 1;
  }
  bool ready() const { return true; }
  double predict() const { return level; }
  void update(double y) { level += alpha * (y - level); }
  double forecast(size_t) const { return level; }
};

// Sum phi + phi^2 + ... + phi^h: how much of the trend an h-step forecast carries.
inline double damped_steps(double phi, size_t h) {
  if (phi == 1) return static_cast<double>(h);
  return phi * (1 - std::pow(phi, static_cast<double>(h))) / (1 - phi);
}

struct HoltModel {
  double alpha, beta, phi, level = 0, trend = 0;
  HoltModel(const Params& p, size_t) : alpha(p[kAlpha]), beta(p[kBeta]), phi(p[kPhi]) {}
  // With two weeks of points: the trend is the change between the first
  // two weeks' means per day and the level that line's value at the second
  // week's end (a single difference y1 - y0 is noise the fit would then
  // follow). Shorter: level y1, trend y1 - y0. Either way a perfect line
  // stays perfect whatever the parameters.
  size_t start(const double* y, size_t n) {
    constexpr size_t kWeek = 7;
    if (n < 4 * kWeek) {
      level = y[1];
      trend = y[1] - y[0];
      return 2;
    }
    double first = 0, second = 0;
    for (size_t i = 0; i < kWeek; ++i) {
      first += y[i];
      second += y[kWeek + i];
    }
    first /= kWeek;
    second /= kWeek;
    trend = (second - first) / kWeek;
    level = second + trend * (kWeek - 1) / 2.0;
    return 2 * kWeek;
  }
  bool ready() const { return true; }
  double predict() const { return level + phi * trend; }
  void update(double y) {
    const double previous = level;
    level = alpha * y + (1 - alpha) * (level + phi * trend);
    trend = beta * (level - previous) + (1 - beta) * phi * trend;
  }
  double forecast(size_t h) const { return level + damped_steps(phi, h) * trend; }
};

// Level, additive (damped) trend and a season of m. The seasonal indices live
// in a ring; season[pos] belongs to the next period.
template <bool kMultiplicative>
struct HoltWintersModel {
  double alpha, beta, gamma, phi;
  size_t m;
  double level = 0, trend = 0;
  size_t pos = 0;
  std::array<double, kMaxSeasonLength> season;

  HoltWintersModel(const Params& p, size_t season_length)
      : alpha(p[kAlpha]), beta(p[kBeta]), gamma(p[kGamma]), phi(p[kPhi]), m(season_length) {}

  // From the first two seasons: trend = difference of their means over m;
  // level = the trend line through the first season's mean, at its last day;
  // indices = each first-season day against that line (difference or ratio),
  // normalised to sum 0 (or average 1). A clean trend plus season comes out
  // exact. Filtering starts at the second season.
  size_t start(const double* y, size_t) {
    double first = 0, second = 0;
    for (size_t i = 0; i < m; ++i) {
      first += y[i];
      second += y[m + i];
    }
    const double md = static_cast<double>(m);
    first /= md;
    second /= md;
    trend = (second - first) / md;
    const double centre = (md - 1) / 2;
    level = first + trend * centre;
    double total = 0;
    for (size_t i = 0; i < m; ++i) {
      double line = first + trend * (static_cast<double>(i) - centre);
      // A steep rise can put the line below 0 early in the first season; a
      // ratio needs a positive base (the data are > 0, so is the mean).
      if (kMultiplicative) line = std::max(line, first / 2);
      season[i] = kMultiplicative ? y[i] / line : y[i] - line;
      total += season[i];
    }
    for (size_t i = 0; i < m; ++i) {
      season[i] = kMultiplicative ? season[i] * md / total : season[i] - total / md;
    }
    pos = 0;
    return m;
  }
  bool ready() const { return true; }
  double predict() const {
    const double base = level + phi * trend;
    return kMultiplicative ? base * season[pos] : base + season[pos];
  }
  void update(double y) {
    const double s = season[pos];
    const double base = level + phi * trend;
    double next;
    if constexpr (kMultiplicative) {
      next = alpha * y / s + (1 - alpha) * base;
      // A level at or below 0 would flip every later ratio; the data are > 0.
      next = std::max(next, 1e-9);
      season[pos] = gamma * y / next + (1 - gamma) * s;
    } else {
      next = alpha * (y - s) + (1 - alpha) * base;
      season[pos] = gamma * (y - next) + (1 - gamma) * s;
    }
    trend = beta * (next - level) + (1 - beta) * phi * trend;
    level = next;
    pos = pos + 1 == m ? 0 : pos + 1;
  }
  double forecast(size_t h) const {
    const double base = level + damped_steps(phi, h) * trend;
    const double s = season[(pos + h - 1) % m];
    return kMultiplicative ? base * s : base + s;
  }
};

// Croston: demand size z and interval p, both smoothed with alpha on demand
// days only, initialised by the first demand (size, and days since the start
// of the series). SBA multiplies the forecast z/p by 1 - alpha/2.
template <bool kBiasCorrected>
struct CrostonModel {
  double alpha, size = 0, interval = 1, since_demand = 1;
  bool seen = false;
  CrostonModel(const Params& p, size_t) : alpha(p[kAlpha]) {}
  size_t start(const double*, size_t) { return 0; }
  bool ready() const { return seen; }
  double predict() const {
    if (!seen) return 0;
    return (kBiasCorrected ? 1 - alpha / 2 : 1.0) * size / interval;
  }
  void update(double y) {
    if (y > 0) {
      if (seen) {
        size += alpha * (y - size);
        interval += alpha * (since_demand - interval);
      } else {
        size = y;
        interval = since_demand;
        seen = true;
      }
      since_demand = 1;
    } else {
      since_demand += 1;
    }
  }
  double forecast(size_t) const { return predict(); }
};

// TSB: size z smoothed with alpha on demand days, probability d with beta
// every day (so it decays through a run of zeros); forecast d * z. The first
// demand sets z and d = 1 / (days up to and including it).
struct TsbModel {
  double alpha, beta, size = 0, probability = 0, days = 0;
  bool seen = false;
  TsbModel(const Params& p, size_t) : alpha(p[kAlpha]), beta(p[kBeta]) {}
  size_t start(const double*, size_t) { return 0; }
  bool ready() const { return seen; }
  double predict() const { return seen ? probability * size : 0; }
  void update(double y) {
    if (!seen) {
      days += 1;
      if (y > 0) {
        size = y;
        probability = 1 / days;
        seen = true;
      }
      return;
    }
    probability += beta * ((y > 0 ? 1.0 : 0.0) - probability);
    if (y > 0) size += alpha * (y - size);
  }
  double forecast(size_t) const { return predict(); }
};

struct SeasonalNaiveModel {
  size_t m, pos = 0;
  std::array<double, kMaxSeasonLength> last;  // last[pos] is one season before the next day
  SeasonalNaiveModel(const Params&, size_t season_length) : m(season_length) {}
  size_t start(const double* y, size_t) {
    std::copy(y, y + m, last.begin());
    pos = 0;
    return m;
  }
  bool ready() const { return true; }
  double predict() const { return last[pos]; }
  void update(double y) {
    last[pos] = y;
    pos = pos + 1 == m ? 0 : pos + 1;
  }
  double forecast(size_t h) const { return last[(pos + h - 1) % m]; }
};

// Calls f.template operator()<Model>() with the model type of the spec.
template <class F>
auto with_model(const Spec& spec, F&& f) {
  switch (spec.family) {
    case Family::kSes:
      return f.template operator()<SesModel>();
    case Family::kHolt:
      return f.template operator()<HoltModel>();
    case Family::kHoltWinters:
      if (spec.multiplicative) return f.template operator()<HoltWintersModel<true>>();
      return f.template operator()<HoltWintersModel<false>>();
    case Family::kCroston:
      return f.template operator()<CrostonModel<false>>();
    case Family::kSba:
      return f.template operator()<CrostonModel<true>>();
    case Family::kTsb:
      return f.template operator()<TsbModel>();
    case Family::kSeasonalNaive:
      break;
  }
  return f.template operator()<SeasonalNaiveModel>();
}

}  // namespace wareflow::planning::forecasting
