// bench_demo_history — the planning cores on the demo's own past.
//
// Makes a demo database with --days days of trading (app::create_demo with a
// moved clock, as `wareflow demo --history-days` does) in a temporary
// directory, then:
//
// 1. Forecast accuracy on the demo history. Every product's daily demand at
//    MAIN (oms::demand_histories, stock-out days filled as the forecast route
//    does) with at least 8 weeks of series: the last 28 days held out, each
//    model fitted on the rest, MASE against the in-sample seasonal naive
//    error (planning::mase_denominator, the backtest's own) and bias (sum of
//    forecast / sum of actual - 1, series with demand in the holdout). Rows
//    by sales rank: best sellers (ranks 1-30: daily sales), middle (31-120),
//    tail (121-300: intermittent). The demo's demand is Poisson around a
//    weekly rhythm and 40 % growth over the history, so holt_winters and
//    auto should beat seasonal naive on the best sellers and the
//    intermittent models should lead in the tail.
//
// 2. The bottleneck simulation replayed on the history's waves. For every
//    wave of the last --replay-days days: its fulfillments (lines, units) as
//    released at the wave's time, one picker, the pick time measured from the
//    pick tasks finished before the wave (per unit, and the lists' start-up
//    per order, as GET /planning/bottlenecks measures it), and
//    planning::simulate's predicted
//    end of picking, against the actual end of the wave's pick task. Reports
//    the median and 90th percentile of the absolute error and the mean signed
//    error, in minutes and as a share of the actual duration.
//
// Build: a CMake target (build/bench/bench_demo_history).
// Run:   build/bench/bench_demo_history [--days 112] [--replay-days 28] [--seed 42]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/demo.h"
#include "core/time.h"
#include "oms/demand.h"
#include "oms/orders.h"
#include "optimize/sourcing.h"
#include "planning/demand.h"
#include "planning/forecast.h"
#include "planning/simulation.h"
#include "store/database.h"

using namespace wareflow;

namespace {

constexpr size_t kHoldout = 28;
constexpr size_t kSeason = 7;
constexpr const char* kModels[] = {"ses", "holt", "holt_winters",   "croston",
                                   "sba", "tsb",  "seasonal_naive", "auto"};
constexpr size_t kModelCount = sizeof kModels / sizeof kModels[0];

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::max<size_t>(k, 1) - 1];
}

struct Group {
  const char* name;
  int first_rank, last_rank;
  size_t series = 0;
  double mase[kModelCount] = {}, bias[kModelCount] = {};
  size_t scored[kModelCount] = {}, biased[kModelCount] = {};
};

}  // namespace

int main(int argc, char** argv) {
  int64_t days = 112, replay_days = 28;
  uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--days") == 0) {
      days = std::atoll(argv[++i]);
    } else if (i + 1 < argc && std::strcmp(argv[i], "--replay-days") == 0) {
      replay_days = std::atoll(argv[++i]);
    } else if (i + 1 < argc && std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--days N] [--replay-days N] [--seed S]\n", argv[0]);
      return 2;
    }
  }
  days = std::clamp<int64_t>(days, 70, 365);
  replay_days = std::clamp<int64_t>(replay_days, 1, days - 14);
  std::printf("build/bench/bench_demo_history --days %lld --replay-days %lld --seed %llu\n\n",
              static_cast<long long>(days), static_cast<long long>(replay_days),
              static_cast<unsigned long long>(seed));

  auto dir = std::filesystem::temp_directory_path() /
             ("wareflow-demo-history-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::atomic<int64_t> clock{0};
  store::DatabaseOptions options;
  options.path = (dir / "demo.db").string();
  options.clock = [&clock] {
    int64_t at = clock.load();
    return at ? at : now_ms();
  };
  auto db = store::Database::open(options);
  optimize::ExactSourcingPolicy policy;
  policy.time_limit_ms = 20;
  oms::OrderService orders(policy);
  app::DemoOptions demo;
  demo.seed = seed;
  demo.history_days = days;
  demo.set_clock = [&clock](int64_t at) { clock.store(at); };
  const auto started = std::chrono::steady_clock::now();
  app::DemoSummary summary = app::create_demo(*db, orders, demo);
  std::printf("Demo: %lld days of history, %lld orders, %lld shipments, written in %.1f s.\n\n",
              static_cast<long long>(days), static_cast<long long>(summary.history_orders),
              static_cast<long long>(summary.history_shipped),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

  // ---- 1. forecast accuracy on the history
  Group groups[] = {{"best sellers (ranks 1-30)", 1, 30},
                    {"middle (ranks 31-120)", 31, 120},
                    {"tail (ranks 121-300)", 121, 300}};
  std::map<int64_t, oms::DemandHistory> histories;
  db->read([&](store::Tx& tx) { histories = oms::demand_histories(tx, "MAIN", days); });
  for (const auto& [product_id, h] : histories) {
    const int rank = std::atoi(h.sku.c_str() + 4);  // SKU-00042
    Group* group = nullptr;
    for (auto& g : groups) {
      if (rank >= g.first_rank && rank <= g.last_rank) group = &g;
    }
    if (!group || h.units.size() < 8 * kSeason + kHoldout) continue;
    std::vector<double> y(h.units.begin(), h.units.end());
    y = planning::fill_censored_days(y, h.stock_out, kSeason);
    const size_t n = y.size() - kHoldout;
    std::vector<double> train(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
    const double scale = planning::mase_denominator(train, n, kSeason);
    double actual = 0;
    for (size_t t = n; t < y.size(); ++t) actual += y[t];
    group->series += 1;
    for (size_t k = 0; k < kModelCount; ++k) {
      planning::ForecastOptions o;
      o.horizon = kHoldout;
      o.model = kModels[k];
      planning::Forecast f;
      try {
        f = planning::forecast_series(train, o);
      } catch (const planning::ForecastError&) {
        continue;
      }
      double error = 0, total = 0;
      for (size_t t = 0; t < kHoldout; ++t) {
        error += std::abs(f.values[t] - y[n + t]);
        total += f.values[t];
      }
      group->mase[k] += error / kHoldout / scale;
      group->scored[k] += 1;
      if (actual > 0) {
        group->bias[k] += total / actual - 1;
        group->biased[k] += 1;
      }
    }
  }
  std::printf("## Forecast accuracy on the demo history (28-day holdout)\n\n");
  std::printf(
      "Mean MASE (lower is better), then mean bias, per sales-rank group:\n\n| group | series |");
  for (const char* m : kModels) std::printf(" %s |", m);
  std::printf("\n|---|---:|");
  for (size_t k = 0; k < kModelCount; ++k) std::printf("---:|");
  std::printf("\n");
  for (const auto& g : groups) {
    std::printf("| %s | %zu |", g.name, g.series);
    size_t best = 0;
    for (size_t k = 0; k < kModelCount; ++k) {
      if (g.scored[k] &&
          g.mase[k] / g.scored[k] < g.mase[best] / std::max<size_t>(1, g.scored[best]))
        best = k;
    }
    for (size_t k = 0; k < kModelCount; ++k) {
      if (!g.scored[k]) {
        std::printf(" – |");
      } else if (k == best) {
        std::printf(" **%.3f** |", g.mase[k] / g.scored[k]);
      } else {
        std::printf(" %.3f |", g.mase[k] / g.scored[k]);
      }
    }
    std::printf("\n");
  }
  for (const auto& g : groups) {
    std::printf("| %s, bias | |", g.name);
    for (size_t k = 0; k < kModelCount; ++k) {
      if (!g.biased[k]) {
        std::printf(" – |");
      } else {
        std::printf(" %+.1f %% |", 100 * g.bias[k] / g.biased[k]);
      }
    }
    std::printf("\n");
  }

  // ---- 2. the simulation replayed on the history's waves
  struct Wave {
    int64_t id, at_ms, actual_end_ms;
    std::vector<planning::SimOrder> orders;
  };
  std::vector<Wave> waves;
  struct PickTask {
    int64_t finished_ms, busy_ms, units, start_up_ms, orders;
  };
  std::vector<PickTask> pick_tasks;
  db->read([&](store::Tx& tx) {
    const int64_t from = (now_ms() / 86'400'000 - replay_days) * 86'400'000;
    auto q = tx.query(
        "SELECT w.id, w.created_at_ms, MAX(t.finished_at_ms) FROM waves w JOIN pick_lists pl ON "
        "pl.wave_id = w.id JOIN tasks t ON t.ref_type = 'pick_list' AND t.ref_id = pl.id WHERE "
        "w.created_at_ms >= $1 AND t.status = 'done' GROUP BY w.id, w.created_at_ms ORDER BY w.id",
        from);
    while (q.next()) waves.push_back({q.i64(0), q.i64(1), q.i64(2), {}});
    for (auto& w : waves) {
      auto f = tx.query(
          "SELECT f.id, f.ship_by_ms, COUNT(fl.id), SUM(fl.quantity) FROM fulfillments f JOIN "
          "fulfillment_lines fl ON fl.fulfillment_id = f.id WHERE f.wave_id = $1 GROUP BY f.id, "
          "f.ship_by_ms",
          w.id);
      while (f.next()) {
        planning::SimOrder o;
        o.id = f.i64(0);
        o.released_at_ms = w.at_ms;
        o.ship_by_ms = f.opt_i64(1);
        o.lines = f.i64(2);
        o.units = std::max<int64_t>(1, f.i64(3));
        w.orders.push_back(o);
      }
    }
    auto t = tx.query(
        "SELECT t.finished_at_ms, t.finished_at_ms - t.started_at_ms, t.quantity, "
        "t.started_at_ms - w.created_at_ms, (SELECT COUNT(DISTINCT pl2.fulfillment_id) FROM "
        "pick_lines pl2 WHERE pl2.pick_list_id = l.id) FROM tasks t JOIN pick_lists l ON "
        "t.ref_type = 'pick_list' AND l.id = t.ref_id JOIN waves w ON w.id = l.wave_id WHERE "
        "t.type = 'pick' AND t.status = 'done' AND t.started_at_ms IS NOT NULL AND t.quantity > 0 "
        "ORDER BY t.finished_at_ms");
    while (t.next()) {
      pick_tasks.push_back({t.i64(0), t.i64(1), t.i64(2), t.i64(3), t.i64(4)});
    }
  });
  std::vector<double> abs_error_min, signed_error_min, share;
  for (const auto& w : waves) {
    // Pick time per unit from the pick tasks finished before this wave: busy
    // time over units, as wms/bottlenecks.h measures it.
    double busy = 0, units = 0, start_up = 0, orders_picked = 0;
    size_t tasks = 0;
    for (const auto& task : pick_tasks) {
      if (task.finished_ms >= w.at_ms) break;
      busy += static_cast<double>(task.busy_ms);
      units += static_cast<double>(task.units);
      // The start-up per order, each gap up to 10 minutes (wms/bottlenecks.cpp).
      start_up += static_cast<double>(std::clamp<int64_t>(task.start_up_ms, 0, 600'000));
      orders_picked += static_cast<double>(task.orders);
      ++tasks;
    }
    if (tasks < 5 || w.orders.empty()) continue;
    planning::SimulationRequest r;
    r.start_ms = w.at_ms;
    r.orders = w.orders;
    r.pickers.push_back({1, w.at_ms, w.at_ms + 12 * 3'600'000LL});
    r.packers.push_back({1, w.at_ms, w.at_ms + 12 * 3'600'000LL});
    r.pick.per_unit_ms = static_cast<int64_t>(std::llround(busy / units));
    r.pick.per_order_ms =
        static_cast<int64_t>(std::llround(start_up / std::max(1.0, orders_picked)));
    r.pack.per_order_ms = 40'000;
    r.pack.per_unit_ms = 4'000;
    r.what_if_one_more = false;
    planning::SimulationResult result = planning::simulate(r);
    int64_t predicted_end = 0;
    for (const auto& o : result.orders)
      predicted_end = std::max(predicted_end, o.pick_end_ms.value_or(0));
    const double actual_min = static_cast<double>(w.actual_end_ms - w.at_ms) / 60'000.0;
    const double error_min = static_cast<double>(predicted_end - w.actual_end_ms) / 60'000.0;
    signed_error_min.push_back(error_min);
    abs_error_min.push_back(std::abs(error_min));
    share.push_back(std::abs(error_min) / std::max(1.0, actual_min));
  }
  double mean_signed = 0;
  for (double e : signed_error_min) mean_signed += e;
  if (!signed_error_min.empty()) mean_signed /= static_cast<double>(signed_error_min.size());
  std::printf("\n## The simulation replayed on the history's waves (last %lld days)\n\n",
              static_cast<long long>(replay_days));
  std::printf("| measure | value |\n|---|---:|\n");
  std::printf("| waves replayed | %zu |\n", abs_error_min.size());
  std::printf("| end of picking, median absolute error, min | %.1f |\n",
              percentile(abs_error_min, 0.5));
  std::printf("| end of picking, 90th percentile absolute error, min | %.1f |\n",
              percentile(abs_error_min, 0.9));
  std::printf("| end of picking, mean signed error (predicted - actual), min | %+.1f |\n",
              mean_signed);
  std::printf("| median absolute error / actual picking time | %.1f %% |\n",
              100 * percentile(share, 0.5));

  db.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
