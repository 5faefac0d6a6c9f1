// bench_forecast — accuracy and speed of the demand-forecasting core
// (src/planning/forecast.h) on seeded series of known structure; prints
// markdown tables.
//
// Series. Daily demand, history of 730 days (two years) or 120 days (the
// short-history variant), followed by a holdout of 28 days. Eleven families,
// --series of each (default 200) per history length; counts are drawn around a
// rate lambda(t) per day:
//   level          Poisson(L), L uniform in [2, 40]
//   trend          Poisson(L0 + slope t), L0 in [2, 15], the rate growing
//                  linearly by a factor 1.5-4 over history + holdout
//   season         Poisson(L w[t mod 7]), L in [3, 40], a weekday profile w of
//                  seven factors uniform in [0.3, 1.7] scaled to mean 1
//   trend+season   the trend rate times the weekday profile
//   intermittent p a demand on a day with probability p (0.05, 0.1, 0.2, 0.3,
//                  0.5); its size max(1, round(s exp(0.6 z - 0.18))), z
//                  standard normal, s uniform in [1, 8] per series (lognormal
//                  sizes with mean about s)
//   launch         zero until a day in [0.5, 0.85] of the history, then
//                  Poisson(L min(1, days since launch / R)), a ramp of R =
//                  0.2-0.6 of the history up to L in [5, 40]
//   obsolescence   Poisson(L), L in [5, 40], then a linear decline to zero
//                  over 0.15-0.4 of the history, reaching zero between 14 days
//                  before the holdout and 28 days after it; zero afterwards
// Everything comes from std::mt19937_64, seeded per series from (--seed,
// family, history length, index), with the mappings to uniform, normal
// (Box-Muller), Poisson (Knuth's product of uniforms, in chunks of mean <= 20)
// and Bernoulli written out below, not the standard distributions (which
// differ between libraries), so the tables are the same on every platform
// (the draws rest only on the engine and on libm's exp, log and cos).
// The demo data set (src/app/demo.cpp) has no dated history — its orders are
// all open and created at one moment — so there is no demo-history row.
//
// Accuracy. Each series is fitted on its history and forecast 28 days ahead
// with each model by name — ses, holt, holt with damped_trend, holt_winters
// (additive or multiplicative, its own backtest choosing), croston, sba, tsb,
// seasonal_naive — and with auto; season_length 7 throughout.
//   MASE  mean absolute error over the holdout divided by the in-sample mean
//         absolute seasonal-naive (lag 7) error of the whole history; lag 1
//         when that is 0, then the mean demand, then 1 — the same rule as
//         mase_scale() in forecast.cpp. Tables show the mean over the series
//         of a family; the best model of a row is in bold.
//   bias  (sum of forecasts - sum of actuals) / sum of actuals over the
//         holdout; when the holdout has no demand at all, the sum of
//         forecasts / (28 x the MASE denominator) instead (the column "zero
//         holdouts" counts those series). Mean over the series, in %.
//   n                  series in the row
//   auto rank          1 + the number of models with a lower mean MASE
//   auto / snaive      auto's mean MASE over seasonal naive's (< 1: better)
//   auto worse than snaive  share of series where auto's MASE is higher
//   all-zero forecast  mean MASE of forecasting 0 every day, a reference
//                      only (MAE rewards it on sparse series)
// A second bias table pools each row: (sum of all its series' forecasts -
// sum of their actuals) / sum of their actuals, which a few holdouts with
// one or two units of demand cannot dominate.
// Models that refuse a series (InputError) are counted as refusals and left
// out of that model's means. "Where auto loses" lists the rows whose auto mean
// MASE is more than 5 % above the best model's, and a table counts which model
// (and variant) auto picked per row.
//
// Speed. forecast_series with model auto, horizon 28, on --speed series
// (default 2,000) of 730 days, the families taken in turn (fresh seeds), one
// thread, after 20 warm-up calls. Per call: wall time from
// std::chrono::steady_clock (median, mean, 90th percentile, max; also the
// median and mean per family); the CPU time of the whole loop from
// std::clock, which other processes on a shared machine disturb less. Series per
// second per core = 1000 / CPU ms per series. The anchor is statsforecast's
// published scale runs, about 35 CPU-ms per series for 9 models x 7 windows;
// the goal is at least 10x faster per core. 100,000 SKUs on one core is the
// CPU time per series times 100,000.
//
// Parallel refresh. The same series once more through forecast_many on
// --threads worker threads (default 2), the path the nightly refresh takes:
// wall time of the whole batch, series per second, and the wall time of
// 100,000 SKUs at that rate (measured outright with --speed 100000). The
// results are checked equal to the one-thread loop's.
//
// Build and run, from the repository root (one line):
//   g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_forecast.cpp
//       src/planning/forecast.cpp -pthread -o /tmp/bench_forecast && /tmp/bench_forecast
// Options: [--series N] [--speed N] [--seed S] [--threads T]   (defaults 200, 2000, 1, 2); the
// first line printed is the command that reproduces the tables.

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "planning/forecast.h"

namespace {

using wareflow::inputs::InputError;
using wareflow::planning::Forecast;
using wareflow::planning::forecast_series;
using wareflow::planning::ForecastOptions;

constexpr size_t kHorizonDays = 28;
constexpr size_t kSeasonDays = 7;
constexpr size_t kLongHistoryDays = 730;
constexpr size_t kShortHistoryDays = 120;
constexpr double kAnchorCpuMsPerSeries = 35.0;
constexpr double kGoalSpeedup = 10.0;
constexpr double kAutoLosesAbove = 1.05;  // auto's mean MASE over the best model's
constexpr double kCatalogueSkus = 100'000;

// ---------------------------------------------------------------------------
// Random numbers, written out so every platform draws the same.

// A uniform double in [0, 1) from the top 53 bits.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

double uniform(std::mt19937_64& rng, double lo, double hi) { return lo + (hi - lo) * uniform(rng); }

// Standard normal, Box-Muller (the cosine half only).
double normal(std::mt19937_64& rng) {
  const double u1 = 1 - uniform(rng);  // (0, 1]: the logarithm stays finite
  const double u2 = uniform(rng);
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

bool bernoulli(std::mt19937_64& rng, double p) { return uniform(rng) < p; }

// Poisson(mean): Knuth's product of uniforms, on chunks of mean <= 20 (a sum
// of independent Poissons is Poisson) so exp(-chunk) never underflows.
int64_t poisson(std::mt19937_64& rng, double mean) {
  int64_t total = 0;
  while (mean > 0) {
    const double chunk = std::min(mean, 20.0);
    mean -= chunk;
    const double limit = std::exp(-chunk);
    double product = uniform(rng);
    while (product > limit) {
      ++total;
      product *= uniform(rng);
    }
  }
  return total;
}

// splitmix64: spreads (seed, family, length, index) over the seed space.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t series_seed(uint64_t seed, size_t family, size_t history_days, size_t index) {
  return mix(mix(mix(mix(seed) ^ family) ^ history_days) ^ index);
}

// ---------------------------------------------------------------------------
// Families.

enum class Kind { kLevel, kTrend, kSeason, kTrendSeason, kIntermittent, kLaunch, kObsolescence };

struct Family {
  std::string name;
  Kind kind;
  double demand_probability = 0;  // intermittent only
};

std::vector<Family> families() {
  std::vector<Family> out{{"level", Kind::kLevel},
                          {"trend", Kind::kTrend},
                          {"season", Kind::kSeason},
                          {"trend+season", Kind::kTrendSeason}};
  for (double p : {0.05, 0.1, 0.2, 0.3, 0.5}) {
    char name[32];
    std::snprintf(name, sizeof name, "intermittent p=%.2f", p);
    out.push_back({name, Kind::kIntermittent, p});
  }
  out.push_back({"launch", Kind::kLaunch});
  out.push_back({"obsolescence", Kind::kObsolescence});
  return out;
}

// history_days + kHorizonDays daily values of one series of the family.
std::vector<double> generate(const Family& family, size_t history_days, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const size_t total_days = history_days + kHorizonDays;
  const double history = static_cast<double>(history_days);
  std::vector<double> demand(total_days);

  std::array<double, kSeasonDays> weekday{};
  weekday.fill(1.0);
  if (family.kind == Kind::kSeason || family.kind == Kind::kTrendSeason) {
    double sum = 0;
    for (double& w : weekday) sum += (w = uniform(rng, 0.3, 1.7));
    for (double& w : weekday) w *= static_cast<double>(kSeasonDays) / sum;
  }

  switch (family.kind) {
    case Kind::kLevel: {
      const double level = uniform(rng, 2, 40);
      for (double& y : demand) y = static_cast<double>(poisson(rng, level));
      break;
    }
    case Kind::kTrend:
    case Kind::kTrendSeason:
    case Kind::kSeason: {
      const bool trended = family.kind != Kind::kSeason;
      const double start = trended ? uniform(rng, 2, 15) : uniform(rng, 3, 40);
      const double growth = trended ? uniform(rng, 1.5, 4) : 1.0;
      const double slope_per_day = start * (growth - 1) / static_cast<double>(total_days - 1);
      for (size_t t = 0; t < total_days; ++t) {
        const double rate = (start + slope_per_day * static_cast<double>(t)) * weekday[t % 7];
        demand[t] = static_cast<double>(poisson(rng, rate));
      }
      break;
    }
    case Kind::kIntermittent: {
      const double size = uniform(rng, 1, 8);
      for (double& y : demand) {
        y = 0;
        if (!bernoulli(rng, family.demand_probability)) continue;
        y = std::max(1.0, std::round(size * std::exp(0.6 * normal(rng) - 0.18)));
      }
      break;
    }
    case Kind::kLaunch: {
      const double launch_day = std::floor(history * uniform(rng, 0.5, 0.85));
      const double ramp_days = history * uniform(rng, 0.2, 0.6);
      const double plateau = uniform(rng, 5, 40);
      for (size_t t = 0; t < total_days; ++t) {
        const double since = static_cast<double>(t) - launch_day;
        const double rate = since < 0 ? 0 : plateau * std::min(1.0, (since + 1) / ramp_days);
        demand[t] = static_cast<double>(poisson(rng, rate));
      }
      break;
    }
    case Kind::kObsolescence: {
      const double level = uniform(rng, 5, 40);
      const double end_day = uniform(rng, history - 14, history + 2 * kHorizonDays);
      const double start_day = end_day - history * uniform(rng, 0.15, 0.4);
      for (size_t t = 0; t < total_days; ++t) {
        const double day = static_cast<double>(t);
        double rate = level;
        if (day >= end_day) {
          rate = 0;
        } else if (day > start_day) {
          rate = level * (end_day - day) / (end_day - start_day);
        }
        demand[t] = static_cast<double>(poisson(rng, rate));
      }
      break;
    }
  }
  return demand;
}

// ---------------------------------------------------------------------------
// Models and errors.

struct ModelColumn {
  const char* label;
  const char* model;
  bool damped;
};

constexpr std::array<ModelColumn, 9> kColumns{{{"ses", "ses", false},
                                               {"holt", "holt", false},
                                               {"holt damped", "holt", true},
                                               {"holt_winters", "holt_winters", false},
                                               {"croston", "croston", false},
                                               {"sba", "sba", false},
                                               {"tsb", "tsb", false},
                                               {"seasonal_naive", "seasonal_naive", false},
                                               {"auto", "auto", false}}};
constexpr size_t kModelCount = kColumns.size();
constexpr size_t kSnaive = 7, kAuto = 8;

// What auto can pick, as "model" or "model/variant".
constexpr std::array<const char*, 9> kPicks{"ses",
                                            "holt",
                                            "holt/damped",
                                            "seasonal_naive",
                                            "holt_winters/additive",
                                            "holt_winters/multiplicative",
                                            "croston",
                                            "sba",
                                            "tsb"};

// The MASE denominator: the backtest's own (planning::mase_denominator).
double mase_scale(const std::vector<double>& y, size_t n) {
  return wareflow::planning::mase_denominator(y, n, kSeasonDays);
}

ForecastOptions options_for(const ModelColumn& column) {
  ForecastOptions o;
  o.horizon = static_cast<int64_t>(kHorizonDays);
  o.season_length = static_cast<int64_t>(kSeasonDays);
  o.model = column.model;
  o.damped_trend = column.damped;
  return o;
}

// One row of the accuracy tables: a family at one history length.
struct Row {
  std::string label;
  size_t series = 0;
  std::array<double, kModelCount> mase_sum{}, bias_sum{};
  std::array<double, kModelCount> forecast_total{}, actual_total{};  // units, scored series
  double zero_mase_sum = 0;  // the all-zero forecast, a reference
  std::array<size_t, kModelCount> scored{}, refused{};
  std::array<size_t, kPicks.size()> picks{};
  size_t zero_holdouts = 0;
  size_t auto_worse_than_snaive = 0, both_scored = 0;

  double mean_mase(size_t k) const {
    return scored[k] ? mase_sum[k] / static_cast<double>(scored[k]) : NAN;
  }
  double mean_bias(size_t k) const {
    return scored[k] ? bias_sum[k] / static_cast<double>(scored[k]) : NAN;
  }
  double total_bias(size_t k) const {
    return actual_total[k] > 0 ? (forecast_total[k] - actual_total[k]) / actual_total[k] : NAN;
  }
};

void score(Row& row, const std::vector<double>& demand, size_t history_days) {
  const std::vector<double> history(demand.begin(),
                                    demand.begin() + static_cast<std::ptrdiff_t>(history_days));
  const double scale = mase_scale(demand, history_days);
  double actual_sum = 0;
  for (size_t h = 0; h < kHorizonDays; ++h) actual_sum += demand[history_days + h];
  ++row.series;
  if (actual_sum == 0) ++row.zero_holdouts;
  row.zero_mase_sum += actual_sum / static_cast<double>(kHorizonDays) / scale;
  std::array<double, kModelCount> mase{};
  std::array<bool, kModelCount> ok{};
  for (size_t k = 0; k < kModelCount; ++k) {
    Forecast f;
    try {
      f = forecast_series(history, options_for(kColumns[k]));
    } catch (const InputError&) {
      ++row.refused[k];
      continue;
    }
    double abs_error = 0, forecast_sum = 0;
    for (size_t h = 0; h < kHorizonDays; ++h) {
      abs_error += std::abs(f.values[h] - demand[history_days + h]);
      forecast_sum += f.values[h];
    }
    mase[k] = abs_error / static_cast<double>(kHorizonDays) / scale;
    ok[k] = true;
    const double bias = actual_sum > 0 ? (forecast_sum - actual_sum) / actual_sum
                                       : forecast_sum / (static_cast<double>(kHorizonDays) * scale);
    row.mase_sum[k] += mase[k];
    row.bias_sum[k] += bias;
    row.forecast_total[k] += forecast_sum;
    row.actual_total[k] += actual_sum;
    ++row.scored[k];
    if (k == kAuto) {
      const std::string pick = f.variant.empty() ? f.model : f.model + "/" + f.variant;
      for (size_t i = 0; i < kPicks.size(); ++i) {
        if (pick == kPicks[i]) ++row.picks[i];
      }
    }
  }
  if (ok[kAuto] && ok[kSnaive]) {
    ++row.both_scored;
    if (mase[kAuto] > mase[kSnaive]) ++row.auto_worse_than_snaive;
  }
}

// ---------------------------------------------------------------------------
// Printing.

std::string fixed(double x, int decimals) {
  if (std::isnan(x)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string signed_percent(double x) {
  if (std::isnan(x)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%+.1f %%", 100 * x);
  return buf;
}

size_t best_model(const std::array<double, kModelCount>& means) {
  size_t best = 0;
  for (size_t k = 1; k < kModelCount; ++k) {
    if (!std::isnan(means[k]) && (std::isnan(means[best]) || means[k] < means[best])) best = k;
  }
  return best;
}

size_t rank_of_auto(const std::array<double, kModelCount>& means) {
  size_t rank = 1;
  for (size_t k = 0; k < kModelCount; ++k) {
    if (k != kAuto && means[k] < means[kAuto]) ++rank;
  }
  return rank;
}

void print_header(const char* first, const std::vector<const char*>& extra) {
  std::printf("| %s |", first);
  for (const auto& c : kColumns) std::printf(" %s |", c.label);
  for (const char* e : extra) std::printf(" %s |", e);
  std::printf("\n|---|");
  for (size_t k = 0; k < kModelCount + extra.size(); ++k) std::printf("---:|");
  std::printf("\n");
}

void print_mase_table(const std::vector<Row>& rows) {
  print_header("family",
               {"n", "auto rank", "auto / snaive", "auto worse than snaive", "all-zero forecast"});
  std::array<double, kModelCount> overall{};
  double overall_zero = 0;
  const double row_count = static_cast<double>(rows.size());
  for (const Row& row : rows) {
    std::array<double, kModelCount> means{};
    for (size_t k = 0; k < kModelCount; ++k) {
      means[k] = row.mean_mase(k);
      overall[k] += means[k] / row_count;
    }
    const double zero_mean = row.zero_mase_sum / static_cast<double>(row.series);
    overall_zero += zero_mean / row_count;
    const size_t best = best_model(means);
    std::printf("| %s |", row.label.c_str());
    for (size_t k = 0; k < kModelCount; ++k) {
      const std::string v = fixed(means[k], 3);
      std::printf(k == best ? " **%s** |" : " %s |", v.c_str());
    }
    const double worse_share = row.both_scored == 0
                                   ? NAN
                                   : 100.0 * static_cast<double>(row.auto_worse_than_snaive) /
                                         static_cast<double>(row.both_scored);
    std::printf(" %zu | %zu | %s | %s %% | %s |\n", row.series, rank_of_auto(means),
                fixed(means[kAuto] / means[kSnaive], 2).c_str(), fixed(worse_share, 0).c_str(),
                fixed(zero_mean, 3).c_str());
  }
  const size_t best = best_model(overall);
  std::printf("| *mean of the rows* |");
  for (size_t k = 0; k < kModelCount; ++k) {
    const std::string v = fixed(overall[k], 3);
    std::printf(k == best ? " **%s** |" : " %s |", v.c_str());
  }
  std::printf(" | %zu | %s | | %s |\n", rank_of_auto(overall),
              fixed(overall[kAuto] / overall[kSnaive], 2).c_str(), fixed(overall_zero, 3).c_str());
}

void print_bias_table(const std::vector<Row>& rows, bool totals) {
  if (totals) {
    print_header("family", {});
  } else {
    print_header("family", {"zero holdouts"});
  }
  for (const Row& row : rows) {
    std::printf("| %s |", row.label.c_str());
    for (size_t k = 0; k < kModelCount; ++k) {
      const double bias = totals ? row.total_bias(k) : row.mean_bias(k);
      std::printf(" %s |", signed_percent(bias).c_str());
    }
    if (totals) {
      std::printf("\n");
    } else {
      std::printf(" %zu |\n", row.zero_holdouts);
    }
  }
}

void print_picks_table(const std::vector<Row>& rows) {
  std::printf("| family |");
  for (const char* p : kPicks) std::printf(" %s |", p);
  std::printf("\n|---|");
  for (size_t i = 0; i < kPicks.size(); ++i) std::printf("---:|");
  std::printf("\n");
  for (const Row& row : rows) {
    std::printf("| %s |", row.label.c_str());
    for (size_t count : row.picks) {
      if (count == 0) {
        std::printf(" |");
      } else {
        std::printf(" %zu |", count);
      }
    }
    std::printf("\n");
  }
}

void print_auto_losses(const std::vector<Row>& rows) {
  size_t listed = 0;
  for (const Row& row : rows) {
    std::array<double, kModelCount> means{};
    for (size_t k = 0; k < kModelCount; ++k) means[k] = row.mean_mase(k);
    const size_t best = best_model(means);
    if (!(means[kAuto] > kAutoLosesAbove * means[best])) continue;
    ++listed;
    std::printf("- %s: auto %.3f against %s %.3f (+%.1f %%); seasonal naive %.3f; auto picked",
                row.label.c_str(), means[kAuto], kColumns[best].label, means[best],
                100 * (means[kAuto] / means[best] - 1), means[kSnaive]);
    const char* separator = " ";
    for (size_t i = 0; i < kPicks.size(); ++i) {
      if (row.picks[i] == 0) continue;
      std::printf("%s%s %zu", separator, kPicks[i], row.picks[i]);
      separator = ", ";
    }
    std::printf("\n");
  }
  if (listed == 0) std::printf("- nowhere (auto is within 5 %% of the best model on every row)\n");
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  size_t per_family = 200, speed_series = 2000;
  unsigned threads = 2;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--series") == 0) {
      per_family = std::max<size_t>(1, std::strtoull(argv[++i], nullptr, 10));
    } else if (i + 1 < argc && std::strcmp(argv[i], "--speed") == 0) {
      speed_series = std::max<size_t>(1, std::strtoull(argv[++i], nullptr, 10));
    } else if (i + 1 < argc && std::strcmp(argv[i], "--threads") == 0) {
      threads = static_cast<unsigned>(
          std::max<unsigned long long>(1, std::strtoull(argv[++i], nullptr, 10)));
    } else if (i + 1 < argc && std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--series N] [--speed N] [--seed S] [--threads T]\n",
                   argv[0]);
      return 2;
    }
  }
  std::printf(
      "g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_forecast.cpp "
      "src/planning/forecast.cpp -pthread -o /tmp/bench_forecast && /tmp/bench_forecast --series "
      "%zu --speed %zu --seed %llu --threads %u\n\n",
      per_family, speed_series, static_cast<unsigned long long>(seed), threads);

  const std::vector<Family> fams = families();

  // Accuracy.
  const auto accuracy_start = std::chrono::steady_clock::now();
  for (size_t history_days : {kLongHistoryDays, kShortHistoryDays}) {
    std::vector<Row> rows;
    for (size_t f = 0; f < fams.size(); ++f) {
      Row row;
      row.label = fams[f].name;
      for (size_t i = 0; i < per_family; ++i) {
        score(row, generate(fams[f], history_days, series_seed(seed, f, history_days, i)),
              history_days);
      }
      rows.push_back(row);
    }
    std::printf("## Accuracy, %zu days of history, %zu-day holdout\n\n", history_days,
                kHorizonDays);
    std::printf("Mean MASE (lower is better; best of the row in bold):\n\n");
    print_mase_table(rows);
    std::printf("\nMean bias per series (sum forecast / sum actual - 1 over the holdout):\n\n");
    print_bias_table(rows, false);
    std::printf("\nBias of the row's totals (all its series' forecasts / actuals - 1):\n\n");
    print_bias_table(rows, true);
    std::printf("\nWhat auto picked (series):\n\n");
    print_picks_table(rows);
    std::printf("\nWhere auto loses (mean MASE more than 5 %% above the best model):\n\n");
    print_auto_losses(rows);
    std::printf("\nRefusals (InputError):");
    size_t refusals = 0;
    for (size_t k = 0; k < kModelCount; ++k) {
      size_t count = 0;
      for (const Row& row : rows) count += row.refused[k];
      if (count > 0) std::printf(" %s %zu", kColumns[k].label, count);
      refusals += count;
    }
    std::printf(refusals == 0 ? " none\n\n" : "\n\n");
  }
  const double accuracy_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - accuracy_start).count();
  std::printf("(accuracy: %zu series x %zu models in %.1f s)\n\n", 2 * fams.size() * per_family,
              kModelCount, accuracy_s);

  // Speed.
  std::vector<std::vector<double>> histories;
  std::vector<size_t> family_of;
  for (size_t i = 0; i < speed_series; ++i) {
    const size_t f = i % fams.size();
    std::vector<double> demand =
        generate(fams[f], kLongHistoryDays, series_seed(seed + 1'000'000, f, kLongHistoryDays, i));
    demand.resize(kLongHistoryDays);
    histories.push_back(std::move(demand));
    family_of.push_back(f);
  }
  const ForecastOptions options = options_for(kColumns[kAuto]);
  double checksum = 0;
  for (size_t i = 0; i < std::min<size_t>(20, histories.size()); ++i) {
    checksum += forecast_series(histories[i], options).values[0];  // warm-up
  }
  std::vector<double> wall_ms(histories.size()), first_day(histories.size());
  const std::clock_t cpu_start = std::clock();
  const auto wall_start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < histories.size(); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const Forecast f = forecast_series(histories[i], options);
    const auto t1 = std::chrono::steady_clock::now();
    checksum += f.values[0];
    first_day[i] = f.values[0];
    wall_ms[i] = std::chrono::duration<double, std::milli>(t1 - t0).count();
  }
  const double total_wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
          .count();
  const double total_cpu_ms =
      1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double count = static_cast<double>(histories.size());
  const double mean_wall_ms = total_wall_ms / count;
  const double cpu_ms_per_series = total_cpu_ms / count;

  std::printf("## Speed: auto on %zu series of %zu days, horizon %zu, one thread\n\n",
              histories.size(), kLongHistoryDays, kHorizonDays);
  std::printf("| measure | value |\n|---|---:|\n");
  std::printf("| wall ms per series, median | %.3f |\n", percentile(wall_ms, 0.5));
  std::printf("| wall ms per series, mean | %.3f |\n", mean_wall_ms);
  std::printf("| wall ms per series, 90th percentile | %.3f |\n", percentile(wall_ms, 0.9));
  std::printf("| wall ms per series, max | %.3f |\n", percentile(wall_ms, 1.0));
  std::printf("| CPU ms per series (std::clock) | %.3f |\n", cpu_ms_per_series);
  std::printf("| series per second per core (CPU) | %.0f |\n", 1000.0 / cpu_ms_per_series);
  std::printf("| anchor: statsforecast CPU ms per series | %.0f |\n", kAnchorCpuMsPerSeries);
  std::printf("| faster than the anchor per core (goal %.0fx) | %.1fx |\n", kGoalSpeedup,
              kAnchorCpuMsPerSeries / cpu_ms_per_series);
  std::printf("| 100,000 SKUs on one core, s | %.0f |\n",
              kCatalogueSkus * cpu_ms_per_series / 1000.0);
  std::printf("| 100,000 SKUs on two cores (ideal split), s | %.0f |\n",
              kCatalogueSkus * cpu_ms_per_series / 2000.0);

  std::printf("\nWall ms per series by family:\n\n| family | series | median | mean |\n");
  std::printf("|---|---:|---:|---:|\n");
  for (size_t f = 0; f < fams.size(); ++f) {
    std::vector<double> ms;
    for (size_t i = 0; i < wall_ms.size(); ++i) {
      if (family_of[i] == f) ms.push_back(wall_ms[i]);
    }
    if (ms.empty()) continue;
    double sum = 0;
    for (double x : ms) sum += x;
    std::printf("| %s | %zu | %.3f | %.3f |\n", fams[f].name.c_str(), ms.size(),
                percentile(ms, 0.5), sum / static_cast<double>(ms.size()));
  }
  // Parallel refresh: forecast_many on `threads` threads, checked against the
  // one-thread loop's first-day values.
  const auto parallel_start = std::chrono::steady_clock::now();
  const auto many = forecast_many(histories, options, threads);
  const double parallel_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - parallel_start).count();
  size_t mismatches = 0;
  for (size_t i = 0; i < histories.size(); ++i) {
    if (!many[i] || many[i]->values[0] != first_day[i]) ++mismatches;
  }
  std::printf("\n## Parallel refresh: forecast_many on %u threads, the same %zu series\n\n",
              threads, histories.size());
  std::printf("| measure | value |\n|---|---:|\n");
  std::printf("| wall s for the batch | %.2f |\n", parallel_s);
  std::printf("| series per second (wall) | %.0f |\n", count / parallel_s);
  std::printf("| speed-up over one thread (wall) | %.2fx |\n", total_wall_ms / 1000.0 / parallel_s);
  std::printf("| 100,000 SKUs at this rate, s | %.0f |\n", kCatalogueSkus * parallel_s / count);
  std::printf("| results differing from one thread | %zu |\n", mismatches);

  std::printf("\n(checksum of first-day forecasts: %.6g)\n", checksum);
  if (mismatches != 0) return 1;
  return 0;
}
