// Running a forecasting model over a series, internal to planning/: one-step
// errors (four parameter sets at once), the forecast after a run, backtest
// windows and their MAE, and the MASE scale. Used by forecast.cpp only.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

#include "planning/forecast_models.h"

namespace wareflow::planning::forecasting {

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
inline constexpr size_t kLanes = 4;

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
inline Windows choose_windows(size_t n, size_t horizon, size_t min_train) {
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
inline double mase_scale(const double* y, size_t n, size_t m) {
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

}  // namespace wareflow::planning::forecasting
