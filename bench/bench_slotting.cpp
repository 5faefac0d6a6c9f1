// bench_slotting — the slotting methods and their re-slotting plans
// (src/optimize/slotting.h) on seeded instances; prints a markdown table.
//
// Instances. Rectangular layouts of the router's geometry: 10 aisles x 1
// block x 90 cells (aisle pitch 5 m, cell pitch 1 m) and 20 aisles x 2
// blocks x 60 cells (3 m, 1 m), depot at aisle 0. Each cell point holds
// slots on both sides of the aisle and on one or more levels: level 0 holds
// 250,000 cm3, the levels above 80,000 cm3. The last tenth of the aisles is
// the "chilled" zone. SKUs: picks per period from a Pareto distribution with
// shape 1.16 (about 80 % of the picks on 20 % of the SKUs), at least one;
// 1-4 units per pick; unit volume log-uniform 20-20,000 cm3, and for 5 % of
// the SKUs 50,000-200,000 cm3 (level 0 only); 10 % restricted to the chilled
// zone. The current slotting is random: each SKU in a random slot it fits.
// Everything comes from std::mt19937_64 seeded per instance and seed, with
// the distributions written out below (the standard ones differ between
// libraries), so the table is the same on every platform.
//
// Columns. Expected travel per period (sum over SKUs of picks x round trip
// to its slot) as % of the random current slotting: the abc and
// cube_per_order targets; velocity (auto), which orders by picks alone;
// the assignment after re-slotting plans of N = 10, 50 and
// 200 moves towards the abc and velocity targets, and after an unlimited plan (with
// the moves it used). Figures are means over the seeds. Time: median wall
// time of one plan_slotting call (target and a 200-move plan), over the
// seeds and repetitions.
//
// Build, from the repository root (one line):
//   g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_slotting.cpp
//       src/optimize/slotting.cpp src/optimize/routing.cpp -o bench_slotting
// Run: ./bench_slotting [--seeds K] [--reps R]   (defaults 3 and 3); the
// first line printed is the command that reproduces the table.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "optimize/slotting.h"

namespace {

using wareflow::optimize::PickSlot;
using wareflow::optimize::SlottingRequest;
using wareflow::optimize::SlottingResult;
using wareflow::optimize::SlottingSku;
using wareflow::optimize::WarehouseLayout;

struct Instance {
  std::string name;
  WarehouseLayout layout;
  int levels = 1;  // per side of the aisle
  size_t skus = 0;
};

// A uniform double in [0, 1) from the top 53 bits: the same on every library.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

SlottingRequest generate(const Instance& in, uint64_t seed) {
  std::mt19937_64 rng(seed * 1'000'003 + in.skus);
  SlottingRequest r;
  r.layout = in.layout;
  const WarehouseLayout& l = in.layout;
  const int64_t cells = l.blocks * l.cells_per_block;
  const int64_t chilled_from = l.aisles - std::max<int64_t>(1, l.aisles / 10);
  for (int64_t a = 0; a < l.aisles; ++a) {
    for (int64_t c = 0; c < cells; ++c) {
      for (const char* side : {"L", "R"}) {
        for (int level = 0; level < in.levels; ++level) {
          PickSlot s;
          s.id = "A" + std::to_string(a) + "-C" + std::to_string(c) + side + std::to_string(level);
          s.location = {a, c};
          s.volume_cm3 = level == 0 ? 250'000 : 80'000;
          if (a >= chilled_from) s.zone = "chilled";
          r.slots.push_back(std::move(s));
        }
      }
    }
  }
  for (size_t i = 0; i < in.skus; ++i) {
    SlottingSku s;
    s.id = "SKU" + std::to_string(100000 + i);
    // Pareto, shape 1.16, scale 1; capped far above anything drawn in practice.
    const double picks = std::pow(1 - uniform(rng), -1 / 1.16);
    s.picks = static_cast<int64_t>(std::min(1e6, std::floor(picks)));
    s.units = s.picks * static_cast<int64_t>(1 + rng() % 4);
    const bool bulky = rng() % 20 == 0;
    const double lo = bulky ? 50'000 : 20, hi = bulky ? 200'000 : 20'000;
    s.unit_volume_cm3 = static_cast<int64_t>(lo * std::pow(hi / lo, uniform(rng)));
    if (rng() % 10 == 0) s.zone = "chilled";
    r.skus.push_back(std::move(s));
  }
  // Random current slotting: each SKU, in random order, in a random free slot
  // it fits (a scan from a random start).
  std::vector<bool> used(r.slots.size(), false);
  std::vector<size_t> order(r.skus.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  for (size_t i : order) {
    const size_t start = rng() % r.slots.size();
    for (size_t k = 0; k < r.slots.size(); ++k) {
      const size_t t = (start + k * 7919) % r.slots.size();  // 7919: prime, coprime to sizes
      if (used[t] || !wareflow::optimize::sku_fits_slot(r.skus[i], r.slots[t])) continue;
      used[t] = true;
      r.skus[i].current_slot = r.slots[t].id;
      break;
    }
  }
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

SlottingResult solve(SlottingRequest r, const std::string& method, int64_t moves) {
  r.method = method;
  r.max_moves = moves;
  return wareflow::optimize::plan_slotting(r);
}

std::string pct(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100 * x);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int seeds = 3, reps = 3;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--seeds") == 0) {
      seeds = std::max(1, std::atoi(argv[++i]));
    } else if (i + 1 < argc && std::strcmp(argv[i], "--reps") == 0) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--seeds K] [--reps R]\n", argv[0]);
      return 2;
    }
  }
  const std::vector<Instance> instances = {
      {"10x1x90, 2 sides", {10, 1, 90, 5000, 1000, 0}, 1, 500},
      {"10x1x90, 2 sides", {10, 1, 90, 5000, 1000, 0}, 1, 1500},
      {"20x2x60, 2 sides", {20, 2, 60, 3000, 1000, 0}, 1, 2500},
      {"20x2x60, 2 sides x 2 levels", {20, 2, 60, 3000, 1000, 0}, 2, 5000},
      {"20x2x60, 2 sides x 3 levels", {20, 2, 60, 3000, 1000, 0}, 3, 10000},
  };
  const std::vector<int64_t> budgets = {10, 50, 200};

  std::printf(
      "Reproduce: g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_slotting.cpp "
      "src/optimize/slotting.cpp src/optimize/routing.cpp -o bench_slotting && "
      "./bench_slotting --seeds %d --reps %d\n\n",
      seeds, reps);
  std::printf(
      "Expected travel per period as %% of the random current slotting (mean of %d "
      "seeds); plans towards each method's target.\n\n",
      seeds);
  std::printf(
      "| layout | slots | SKUs | random, km | abc | cube_per_order | velocity |"
      " abc plan 10 / 50 / 200 | abc plan all (moves) |"
      " velocity plan 10 / 50 / 200 | velocity plan all (moves) | ms abc | ms velocity |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Instance& in : instances) {
    double random_km = 0, abc = 0, coi = 0, by_picks = 0;
    std::vector<double> abc_plan(budgets.size()), coi_plan(budgets.size());
    double abc_all = 0, coi_all = 0, abc_all_moves = 0, coi_all_moves = 0;
    std::vector<double> ms_abc, ms_coi;
    size_t slots = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
      const SlottingRequest req = generate(in, static_cast<uint64_t>(seed));
      slots = req.slots.size();
      const SlottingResult a = solve(req, "abc", 0);
      const SlottingResult c = solve(req, "cube_per_order", 0);
      const double base = a.current_travel_mm;
      random_km += base / 1e6 / seeds;
      abc += a.target_travel_mm / base / seeds;
      coi += c.target_travel_mm / base / seeds;
      by_picks += solve(req, "velocity", 0).target_travel_mm / base / seeds;
      for (size_t k = 0; k < budgets.size(); ++k) {
        abc_plan[k] += solve(req, "abc", budgets[k]).planned_travel_mm / base / seeds;
        coi_plan[k] += solve(req, "velocity", budgets[k]).planned_travel_mm / base / seeds;
      }
      const int64_t unlimited = static_cast<int64_t>(2 * req.skus.size());
      const SlottingResult af = solve(req, "abc", unlimited);
      const SlottingResult cf = solve(req, "velocity", unlimited);
      abc_all += af.planned_travel_mm / base / seeds;
      coi_all += cf.planned_travel_mm / base / seeds;
      abc_all_moves += static_cast<double>(af.plan.size()) / seeds;
      coi_all_moves += static_cast<double>(cf.plan.size()) / seeds;
      for (int rep = 0; rep < reps; ++rep) {
        for (const char* method : {"abc", "velocity"}) {
          const auto t0 = std::chrono::steady_clock::now();
          const SlottingResult r = solve(req, method, 200);
          const double ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count();
          (std::strcmp(method, "abc") == 0 ? ms_abc : ms_coi).push_back(ms);
          if (r.plan.size() > 200) return 1;  // keeps the call from being optimised away
        }
      }
    }
    std::printf(
        "| %s | %zu | %zu | %.0f | %s | %s | %s | %s / %s / %s | %s (%.0f) |"
        " %s / %s / %s | %s (%.0f) | %.1f | %.1f |\n",
        in.name.c_str(), slots, in.skus, random_km, pct(abc).c_str(), pct(coi).c_str(),
        pct(by_picks).c_str(), pct(abc_plan[0]).c_str(), pct(abc_plan[1]).c_str(),
        pct(abc_plan[2]).c_str(), pct(abc_all).c_str(), abc_all_moves, pct(coi_plan[0]).c_str(),
        pct(coi_plan[1]).c_str(), pct(coi_plan[2]).c_str(), pct(coi_all).c_str(), coi_all_moves,
        median(ms_abc), median(ms_coi));
    std::fflush(stdout);
  }
  return 0;
}
