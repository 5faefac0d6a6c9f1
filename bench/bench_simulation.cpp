// Bottleneck simulation of a warehouse's day: how long simulate() takes for
// 10,000 open orders, with and without the "+1 picker / +1 packer" what-if
// runs, and what it predicts. Standalone (links src/planning/simulation.cpp
// only); prints markdown.
//
// The day (times in ms since midnight): start 06:00; orders released
// uniformly over 06:00-12:00, cut-off 15:00 (60 %) or 18:00 (40 %), 1-6
// lines of 1-3 units each. 20 pickers and 10 packers, half on 06:00-14:00,
// half on 14:00-22:00. Pick 15 s an order + 8 s a line + 1 s a unit, pack
// 20 s an order + 1 s a unit, both with cv 0.3; carrier pickups at 15:00,
// 18:00 and 21:00. std::mt19937_64, so every platform builds the same day.
//
// Build and run (from the repository root), one line:
//   g++ -std=c++20 -O2 -Isrc bench/bench_simulation.cpp src/planning/simulation.cpp
//       -o /tmp/bench_simulation && /tmp/bench_simulation
// Options: --orders N (default 10000), --runs K (default 5), --seed S.
// Times are wall-clock (std::chrono::steady_clock), the median of the runs.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "planning/simulation.h"

namespace {

using wareflow::planning::SimOrder;
using wareflow::planning::SimulationRequest;
using wareflow::planning::SimulationResult;

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kMinute = 60 * 1000;

SimulationRequest make_day(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  SimulationRequest r;
  r.start_ms = 6 * kHour;
  r.seed = seed;
  for (size_t i = 0; i < n; ++i) {
    SimOrder o;
    o.id = static_cast<int64_t>(1 + i);
    o.released_at_ms = 6 * kHour + static_cast<int64_t>(rng() % static_cast<uint64_t>(6 * kHour));
    o.ship_by_ms = (rng() % 100 < 60) ? 15 * kHour : 18 * kHour;
    o.lines = 1 + static_cast<int64_t>(rng() % 6);
    o.units = 0;
    for (int64_t l = 0; l < o.lines; ++l) o.units += 1 + static_cast<int64_t>(rng() % 3);
    r.orders.push_back(o);
  }
  r.pickers = {{10, 6 * kHour, 14 * kHour}, {10, 14 * kHour, 22 * kHour}};
  r.packers = {{5, 6 * kHour, 14 * kHour}, {5, 14 * kHour, 22 * kHour}};
  r.pick = {15 * 1000, 8 * 1000, 1000, 0.3};
  r.pack = {20 * 1000, 0, 1000, 0.3};
  r.carrier_pickups_ms = {15 * kHour, 18 * kHour, 21 * kHour};
  return r;
}

std::string clock_time(const std::optional<int64_t>& t) {
  if (!t) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(*t / kHour),
                static_cast<long long>((*t % kHour) / kMinute));
  return buf;
}

double median_ms(const SimulationRequest& r, int runs, SimulationResult* out) {
  std::vector<double> times;
  for (int k = 0; k < runs; ++k) {
    const auto a = std::chrono::steady_clock::now();
    *out = wareflow::planning::simulate(r);
    const auto b = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  size_t orders = 10000;
  int runs = 5;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--orders")) {
      orders = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--runs")) {
      runs = std::max(1, std::atoi(argv[i + 1]));
    } else if (!std::strcmp(argv[i], "--seed")) {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  SimulationRequest r = make_day(orders, seed);
  SimulationResult plain, full;
  r.what_if_one_more = false;
  const double t_plain = median_ms(r, runs, &plain);
  r.what_if_one_more = true;
  const double t_full = median_ms(r, runs, &full);

  std::printf(
      "| orders | wall ms (median of %d) | with what-if | late | on time | pick clears | "
      "pack clears | ship clears | pick util | pack util |\n",
      runs);
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::printf("| %zu | %.1f | %.1f | %lld | %.1f %% | %s | %s | %s | %.2f | %.2f |\n", orders,
              t_plain, t_full, static_cast<long long>(full.late_orders), 100.0 * full.on_time_rate,
              clock_time(full.stages[0].clear_ms).c_str(),
              clock_time(full.stages[1].clear_ms).c_str(),
              clock_time(full.stages[2].clear_ms).c_str(), full.stages[0].utilisation,
              full.stages[1].utilisation);
  std::printf("\n| scenario | late | unshipped | pick clears | pack clears | ship clears |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  std::printf(
      "| as planned | %lld | %lld | %s | %s | %s |\n", static_cast<long long>(full.late_orders),
      static_cast<long long>(full.unshipped_orders), clock_time(full.stages[0].clear_ms).c_str(),
      clock_time(full.stages[1].clear_ms).c_str(), clock_time(full.stages[2].clear_ms).c_str());
  for (const auto& s : full.what_if) {
    std::printf("| %s | %lld | %lld | %s | %s | %s |\n", s.name.c_str(),
                static_cast<long long>(s.late_orders), static_cast<long long>(s.unshipped_orders),
                clock_time(s.pick_clear_ms).c_str(), clock_time(s.pack_clear_ms).c_str(),
                clock_time(s.ship_clear_ms).c_str());
  }
  std::printf(
      "\nReproduce: g++ -std=c++20 -O2 -Isrc bench/bench_simulation.cpp "
      "src/planning/simulation.cpp -o /tmp/bench_simulation && /tmp/bench_simulation --orders "
      "%zu --runs %d --seed %llu\n",
      orders, runs, static_cast<unsigned long long>(seed));
  return 0;
}
