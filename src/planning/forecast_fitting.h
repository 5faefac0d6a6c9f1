// Fitting a forecasting model's smoothing parameters, internal to planning/:
// the search box of a Spec, golden-section search for one parameter and
// Nelder-Mead for several, on the one-step mean squared error. Used by
// forecast.cpp only.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "planning/forecast.h"
#include "planning/forecast_models.h"
#include "planning/forecast_runners.h"

namespace wareflow::planning::forecasting {

// ---------------------------------------------------------------------------
// Fitting.

struct Search {
  std::array<size_t, 4> index{};  // which Params entries are free
  size_t dims = 0;
  Params base{};  // fixed entries, and the start for free ones
};

inline double lower_bound(size_t param) { return param == kPhi ? kPhiLow : kSmoothingLow; }

inline double upper_bound(size_t param) { return param == kPhi ? kPhiHigh : kSmoothingHigh; }

// Coarse grid per parameter: levels adapt fast or slow, trends and seasons
// usually slowly.
inline const std::vector<double>& grid(size_t param) {
  static const std::vector<double> alpha{0.05, 0.2, 0.5, 0.8};
  static const std::vector<double> slow{0.01, 0.08, 0.3};
  static const std::vector<double> phi{0.85, 0.95};
  if (param == kAlpha) return alpha;
  if (param == kPhi) return phi;
  return slow;
}

inline Search search_space(const Spec& spec, const FixedParameters& fixed) {
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

}  // namespace wareflow::planning::forecasting
