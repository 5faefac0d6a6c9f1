#include "planning/forecast.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "planning/normal.h"

namespace wareflow::planning {
namespace {

// Parameters by position: the optimiser works on arrays, not names.
using Params = std::array<double, 4>;
constexpr size_t kAlpha = 0, kBeta = 1, kGamma = 2, kPhi = 3;

// Box of the search. Smoothing parameters stay off 0 and 1, where a model
// stops learning or stops smoothing; damping stays where a trend still counts.
constexpr double kSmoothingLow = 1e-4, kSmoothingHigh = 1 - 1e-4;
constexpr double kPhiLow = 0.8, kPhiHigh = 0.98;

// Share of zero days above which a series counts as intermittent.
constexpr double kIntermittentZeroShare = 0.3;
constexpr size_t kMaxWindows = 3;
// Fewest training points before a backtest window: enough for holt to have a
// residual or two.
constexpr size_t kMinTrainPoints = 4;

// Above any real mean squared error of series scaled to [0, 1].
constexpr double kUnusable = 1e300;

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
double damped_steps(double phi, size_t h) {
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

// ---------------------------------------------------------------------------
// Runners.

// In-sample one-step-ahead mean squared error; 0 when there are no residuals,
// kUnusable when the recursion blew up.
// Runs the model over the series; the mean squared one-step residual, 0 when
// there are none. The model is left at the series' end, ready to forecast.
template <class Model>
double run_one_step(Model& model, const double* y, size_t n) {
  double sse = 0;
  size_t residuals = 0;
  for (size_t t = model.start(y, n); t < n; ++t) {
    if (model.ready()) {
      const double e = y[t] - model.predict();
      sse += e * e;
      ++residuals;
    }
    model.update(y[t]);
  }
  return residuals == 0 ? 0 : sse / static_cast<double>(residuals);
}

template <class Model>
double one_step_mse(const double* y, size_t n, const Params& p, size_t m) {
  Model model(p, m);
  const double mse = run_one_step(model, y, n);
  return std::isfinite(mse) ? mse : kUnusable;
}

// one_step_mse for kLanes parameter sets in one pass. The recursions are
// chains of dependent floating-point operations, so a single model leaves the
// core mostly waiting; interleaving independent ones costs little more than one.
constexpr size_t kLanes = 4;

template <class Model>
void one_step_mse_lanes(const double* y, size_t n, const std::array<Params, kLanes>& p, size_t m,
                        std::array<double, kLanes>& out) {
  std::array<Model, kLanes> models{Model(p[0], m), Model(p[1], m), Model(p[2], m), Model(p[3], m)};
  size_t first = 0;
  for (auto& model : models) first = model.start(y, n);
  std::array<double, kLanes> sse{};
  std::array<size_t, kLanes> residuals{};
  for (size_t t = first; t < n; ++t) {
    const double actual = y[t];
    for (size_t k = 0; k < kLanes; ++k) {
      if (models[k].ready()) {
        const double e = actual - models[k].predict();
        sse[k] += e * e;
        ++residuals[k];
      }
      models[k].update(actual);
    }
  }
  for (size_t k = 0; k < kLanes; ++k) {
    const double mse = residuals[k] == 0 ? 0 : sse[k] / static_cast<double>(residuals[k]);
    out[k] = std::isfinite(mse) ? mse : kUnusable;
  }
}

// Mean squared one-step residual over the whole series and the forecasts
// from its end, written to out[0..horizon).
template <class Model>
double run_and_forecast(const double* y, size_t n, const Params& p, size_t m, double* out,
                        size_t horizon) {
  Model model(p, m);
  const double mse = run_one_step(model, y, n);
  for (size_t h = 1; h <= horizon; ++h) out[h - 1] = model.forecast(h);
  return mse;
}

// Backtest windows: `count` windows of `length` days ending the series; the
// first origin is `train` (points before it are the training set).
struct Windows {
  size_t count = 0;
  size_t length = 0;
  size_t train = 0;
};

// The most windows (up to 3) of the full horizon that leave min_train
// training points; else one window of whatever is left beyond min_train.
Windows choose_windows(size_t n, size_t horizon, size_t min_train) {
  for (size_t k = kMaxWindows; k >= 1; --k) {
    if (n >= min_train + k * horizon) return {k, horizon, n - k * horizon};
  }
  if (n > min_train) return {1, n - min_train, min_train};
  return {};
}

// Mean absolute error of the (clamped) forecasts over the windows, the
// parameters held fixed and the states rolled forward through the actuals.
template <class Model>
double backtest_mae(const double* y, const Params& p, size_t m, const Windows& w) {
  Model model(p, m);
  // The start may look only at the training points.
  size_t t = model.start(y, w.train);
  double total = 0;
  size_t origin = w.train;
  for (size_t k = 0; k < w.count; ++k, origin += w.length) {
    for (; t < origin; ++t) model.update(y[t]);
    for (size_t h = 1; h <= w.length; ++h) {
      total += std::abs(y[origin + h - 1] - std::max(0.0, model.forecast(h)));
    }
  }
  const double mae = total / static_cast<double>(w.count * w.length);
  return std::isfinite(mae) ? mae : kUnusable;
}

// Denominator of MASE: in-sample mean absolute error of seasonal naive on the
// training points, with fallbacks so it is never 0.
double mase_scale(const double* y, size_t n, size_t m) {
  auto naive_mae = [&](size_t lag) {
    if (n <= lag) return 0.0;
    double total = 0;
    for (size_t t = lag; t < n; ++t) total += std::abs(y[t] - y[t - lag]);
    return total / static_cast<double>(n - lag);
  };
  double scale = naive_mae(m);
  if (scale > 0) return scale;
  scale = naive_mae(1);
  if (scale > 0) return scale;
  for (size_t t = 0; t < n; ++t) scale += y[t];
  scale /= static_cast<double>(n);
  return scale > 0 ? scale : 1.0;
}

// ---------------------------------------------------------------------------
// Fitting.

struct Search {
  std::array<size_t, 4> index{};  // which Params entries are free
  size_t dims = 0;
  Params base{};  // fixed entries, and the start for free ones
};

double lower_bound(size_t param) { return param == kPhi ? kPhiLow : kSmoothingLow; }
double upper_bound(size_t param) { return param == kPhi ? kPhiHigh : kSmoothingHigh; }

// Coarse grid per parameter: levels adapt fast or slow, trends and seasons
// usually slowly.
const std::vector<double>& grid(size_t param) {
  static const std::vector<double> alpha{0.05, 0.2, 0.5, 0.8};
  static const std::vector<double> slow{0.01, 0.08, 0.3};
  static const std::vector<double> phi{0.85, 0.95};
  if (param == kAlpha) return alpha;
  if (param == kPhi) return phi;
  return slow;
}

Search search_space(const Spec& spec, const FixedParameters& fixed) {
  Search s;
  s.base = {0.3, 0.05, 0.05, 1.0};
  std::array<bool, 4> used{true, false, false, false};
  switch (spec.family) {
    case Family::kHolt:
      used[kBeta] = true;
      break;
    case Family::kHoltWinters:
      used[kBeta] = used[kGamma] = true;
      break;
    case Family::kTsb:
      used[kBeta] = true;
      break;
    case Family::kSeasonalNaive:
      used[kAlpha] = false;
      break;
    default:
      break;
  }
  if (spec.damped) {
    used[kPhi] = true;
    s.base[kPhi] = 0.9;
  }
  const std::array<const std::optional<double>*, 4> given{&fixed.alpha, &fixed.beta, &fixed.gamma,
                                                          &fixed.phi};
  for (size_t i = 0; i < 4; ++i) {
    if (!used[i]) continue;
    if (given[i]->has_value()) {
      s.base[i] = **given[i];
    } else {
      s.index[s.dims++] = i;
    }
  }
  return s;
}

// Minimises f over one parameter: the best of an even grid, then golden
// section between its neighbours.
template <class F>
double golden_section(F&& f, double lo, double hi) {
  constexpr int kGrid = 10;
  double best_x = lo, best_f = std::numeric_limits<double>::infinity();
  const double step = (hi - lo) / (kGrid - 1);
  for (int i = 0; i < kGrid; ++i) {
    const double x = lo + step * i;
    const double fx = f(x);
    if (fx < best_f) best_f = fx, best_x = x;
  }
  double a = std::max(lo, best_x - step), b = std::min(hi, best_x + step);
  constexpr double kInvPhi = 0.6180339887498949;
  double c = b - kInvPhi * (b - a), d = a + kInvPhi * (b - a);
  double fc = f(c), fd = f(d);
  while (b - a > 1e-4) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - kInvPhi * (b - a);
      fc = f(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + kInvPhi * (b - a);
      fd = f(d);
    }
  }
  const double x = fc < fd ? c : d;
  const double fx = std::min(fc, fd);
  return fx <= best_f ? x : best_x;
}

using Point = std::array<double, 4>;

// Evaluates up to kLanes points in one pass over the data (see
// one_step_mse_lanes); the optimisers below think in such batches.
template <class Batch>
void evaluate(Batch&& batch, const Point* points, size_t count, double* out) {
  for (size_t first = 0; first < count; first += kLanes) {
    batch(points + first, std::min(kLanes, count - first), out + first);
  }
}

// Box-constrained Nelder-Mead (points clamped into the box), from `start`
// with an initial simplex of `step` along each axis. Each iteration evaluates
// reflection, expansion and both contractions together, speculatively: one
// pass over the data costs about what one point alone would.
template <class Batch>
Point nelder_mead(Batch&& batch, size_t dims, Point start, const Point& lo, const Point& hi,
                  double step, int max_passes) {
  auto clamp = [&](Point p) {
    for (size_t i = 0; i < dims; ++i) p[i] = std::clamp(p[i], lo[i], hi[i]);
    return p;
  };
  std::array<Point, 5> x;
  std::array<double, 5> fx;
  const size_t vertices = dims + 1;
  x[0] = clamp(start);
  for (size_t v = 1; v < vertices; ++v) {
    x[v] = x[0];
    // Step inward from whichever bound is nearer, so the simplex is not flat.
    const size_t i = v - 1;
    x[v][i] += (x[0][i] + step <= hi[i]) ? step : -step;
    x[v] = clamp(x[v]);
  }
  evaluate(batch, x.data(), vertices, fx.data());
  int passes = vertices > kLanes ? 2 : 1;
  std::array<size_t, 5> order;
  while (passes < max_passes) {
    for (size_t v = 0; v < vertices; ++v) order[v] = v;
    std::sort(order.begin(), order.begin() + vertices,
              [&](size_t a, size_t b) { return fx[a] < fx[b]; });
    const size_t best = order[0], worst = order[dims], second = order[dims - 1];
    double size = 0;
    for (size_t v = 1; v < vertices; ++v) {
      for (size_t i = 0; i < dims; ++i)
        size = std::max(size, std::abs(x[order[v]][i] - x[best][i]));
    }
    // Converged when the errors agree to 1e-7 or the parameters to 1e-3:
    // finer does not change a forecast anyone would act on, and costs time.
    if (fx[worst] - fx[best] <= 1e-7 * fx[best] + 1e-16 || size < 1e-3) break;
    Point centroid{};
    for (size_t v = 0; v < vertices; ++v) {
      if (v == worst) continue;
      for (size_t i = 0; i < dims; ++i) centroid[i] += x[v][i] / static_cast<double>(dims);
    }
    auto along = [&](double t) {
      Point p{};
      for (size_t i = 0; i < dims; ++i) p[i] = centroid[i] + t * (x[worst][i] - centroid[i]);
      return clamp(p);
    };
    // reflected, expanded, outside contraction, inside contraction
    const std::array<Point, 4> tries{along(-1), along(-2), along(-0.5), along(0.5)};
    std::array<double, 4> ft;
    batch(tries.data(), 4, ft.data());
    ++passes;
    const double fr = ft[0];
    size_t take = 4;  // none
    if (fr < fx[best]) {
      take = ft[1] < fr ? 1 : 0;
    } else if (fr < fx[second]) {
      take = 0;
    } else {
      const size_t c = fr < fx[worst] ? 2 : 3;
      if (ft[c] < std::min(fr, fx[worst])) take = c;
    }
    if (take < 4) {
      x[worst] = tries[take], fx[worst] = ft[take];
      continue;
    }
    // Shrink towards the best.
    std::array<Point, 4> moved;
    std::array<double, 4> fm;
    size_t count = 0;
    for (size_t v = 0; v < vertices; ++v) {
      if (v == best) continue;
      for (size_t i = 0; i < dims; ++i) x[v][i] = x[best][i] + 0.5 * (x[v][i] - x[best][i]);
      moved[count++] = x[v];
    }
    batch(moved.data(), count, fm.data());
    ++passes;
    count = 0;
    for (size_t v = 0; v < vertices; ++v) {
      if (v != best) fx[v] = fm[count++];
    }
  }
  size_t best = 0;
  for (size_t v = 1; v < vertices; ++v) {
    if (fx[v] < fx[best]) best = v;
  }
  return x[best];
}

// Parameters minimising the one-step MSE on y[0..n). With `warm`, a local
// search around it instead of the grid (the refit after the backtest).
template <class Model>
Params fit(const Search& s, const double* y, size_t n, size_t m, const Params* warm) {
  Params p = warm != nullptr ? *warm : s.base;
  if (s.dims == 0) return p;
  auto at = [&](const Point& free) {
    Params q = p;
    for (size_t i = 0; i < s.dims; ++i) q[s.index[i]] = free[i];
    return q;
  };
  if (s.dims == 1) {
    const size_t i = s.index[0];
    p[i] = golden_section([&](double v) { return one_step_mse<Model>(y, n, at({v}), m); },
                          lower_bound(i), upper_bound(i));
    return p;
  }
  auto batch = [&](const Point* points, size_t count, double* out) {
    std::array<Params, kLanes> lanes;
    for (size_t k = 0; k < kLanes; ++k) lanes[k] = at(points[std::min(k, count - 1)]);
    std::array<double, kLanes> mse;
    one_step_mse_lanes<Model>(y, n, lanes, m, mse);
    std::copy(mse.begin(), mse.begin() + count, out);
  };
  Point lo{}, hi{}, start{};
  for (size_t i = 0; i < s.dims; ++i) {
    lo[i] = lower_bound(s.index[i]);
    hi[i] = upper_bound(s.index[i]);
    start[i] = p[s.index[i]];
  }
  double step = 0.05;
  if (warm == nullptr) {
    // Every combination of the coarse grids, the best as the start.
    constexpr size_t kMaxGridPoints = 4 * 3 * 3 * 2;  // alpha x beta x gamma x phi
    std::array<Point, kMaxGridPoints> points;
    size_t count = 0;
    std::array<size_t, 4> pick{};
    for (;;) {
      for (size_t i = 0; i < s.dims; ++i) points[count][i] = grid(s.index[i])[pick[i]];
      ++count;
      size_t i = 0;
      while (i < s.dims && ++pick[i] == grid(s.index[i]).size()) pick[i++] = 0;
      if (i == s.dims) break;
    }
    std::array<double, kMaxGridPoints> errors;
    evaluate(batch, points.data(), count, errors.data());
    start = points[std::min_element(errors.begin(), errors.begin() + count) - errors.begin()];
    step = 0.1;
  }
  return at(nelder_mead(batch, s.dims, start, lo, hi, step, 20 + 15 * static_cast<int>(s.dims)));
}

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
