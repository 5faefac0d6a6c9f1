// Picker-routing benchmark: every method of optimize/routing.h on seeded
// instances over the grids of the routing literature, against the proven
// optimum (Ratliff-Rosenthal on one block, the multi-block dynamic program
// on two and three; Held-Karp re-checks both up to 15 points). Where no
// optimum is known the gap is to the best route any method found.
//
// Grid: aisles {5, 10, 20, 30} x cells per aisle {30, 90, 180} (split over
// the blocks) x blocks {1, 2, 3} x picks {5, 10, 15, 30, 60} x storage
// {random, ABC}; `instances` seeded instances per cell (default 10). Aisles 2.5 m apart,
// cells 1 m, depot at the front of the leftmost aisle. Picks are distinct
// locations; ABC storage draws 80 % of them from the 20 % of locations
// nearest the depot. Times are thread CPU time per route (the machine may be
// shared), medians.
//
// Build and run from the repository root (the command is printed too):
//   g++ -std=c++20 -O2 -Isrc src/optimize/routing.cpp bench/bench_routing.cpp
//     -o /tmp/bench_routing && /tmp/bench_routing [instances per cell] [seed]
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "optimize/routing.h"

namespace {

using wareflow::inputs::InputError;
using wareflow::optimize::PickLocation;
using wareflow::optimize::Route;
using wareflow::optimize::RouteRequest;
using wareflow::optimize::WarehouseLayout;

double cpu_microseconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// splitmix64: the same instances on every platform.
class Stream {
 public:
  explicit Stream(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

struct Cell {
  int64_t aisles, cells, blocks;
  size_t picks;
  bool abc;
};

// Distinct pick locations; with ABC storage each is drawn with probability
// 0.8 from class A (the 20 % of locations nearest the depot) while it lasts.
std::vector<PickLocation> draw_picks(const WarehouseLayout& layout, const Cell& cell, Stream* s) {
  std::vector<PickLocation> all;
  for (int64_t a = 0; a < layout.aisles; ++a) {
    for (int64_t c = 0; c < cell.cells; ++c) all.push_back({a, c});
  }
  std::vector<PickLocation> a_class, rest;
  if (cell.abc) {
    std::vector<size_t> order(all.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return wareflow::optimize::depot_distance_mm(layout, all[x]) <
             wareflow::optimize::depot_distance_mm(layout, all[y]);
    });
    const size_t a_count = all.size() / 5;
    for (size_t i = 0; i < order.size(); ++i)
      (i < a_count ? a_class : rest).push_back(all[order[i]]);
  } else {
    rest = all;
  }
  std::vector<PickLocation> picks;
  while (picks.size() < cell.picks && (!a_class.empty() || !rest.empty())) {
    const bool from_a = !a_class.empty() && (rest.empty() || s->unit() < 0.8);
    auto& pool = from_a ? a_class : rest;
    const size_t i = s->below(pool.size());
    picks.push_back(pool[i]);
    pool[i] = pool.back();
    pool.pop_back();
  }
  return picks;
}

const std::vector<std::string> kMethods = {"exact",       "auto",     "local_search",
                                           "s_shape",     "return",   "midpoint",
                                           "largest_gap", "combined", "combined_plus"};

struct Sample {
  double gap = 0;  // fraction above the reference
  double micros = 0;
  size_t picks = 0;
  bool against_optimum = true;
};

struct Tally {
  std::vector<Sample> samples;
  std::map<std::string, size_t> algorithms;
};

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", 100 * fraction);
  return buf;
}

std::string micros(double us) {
  if (std::isnan(us)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, us < 100 ? "%.1f" : "%.0f", us);
  return buf;
}

void print_table(const std::string& title, const std::map<std::string, Tally>& tallies,
                 const std::vector<std::string>& rows) {
  std::printf("\n### %s\n\n", title.c_str());
  std::printf(
      "| method | routes | mean gap %% | worst gap %% | median µs | median µs, 60 picks | "
      "algorithms |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---|\n");
  for (const std::string& m : rows) {
    auto it = tallies.find(m);
    if (it == tallies.end() || it->second.samples.empty()) continue;
    const Tally& t = it->second;
    double sum = 0, worst = 0;
    size_t best_found = 0;
    std::vector<double> times, times60;
    for (const Sample& s : t.samples) {
      sum += s.gap;
      worst = std::max(worst, s.gap);
      times.push_back(s.micros);
      if (s.picks == 60) times60.push_back(s.micros);
      if (!s.against_optimum) ++best_found;
    }
    std::string algorithms;
    for (const auto& [name, count] : t.algorithms) {
      algorithms += (algorithms.empty() ? "" : ", ") + name + " " + std::to_string(count);
    }
    std::printf("| %s | %zu%s | %s | %s | %s | %s | %s |\n", m.c_str(), t.samples.size(),
                best_found ? (" (" + std::to_string(best_found) + " vs best found)").c_str() : "",
                percent(sum / static_cast<double>(t.samples.size())).c_str(),
                percent(worst).c_str(), micros(median(times)).c_str(),
                micros(median(times60)).c_str(), algorithms.c_str());
  }
}

void print_by_picks(const std::string& title,
                    const std::map<std::string, std::map<size_t, std::vector<double>>>& gaps,
                    const std::vector<std::string>& rows, const std::vector<size_t>& sizes) {
  std::printf("\n### %s\n\n| method |", title.c_str());
  for (size_t n : sizes) std::printf(" %zu picks |", n);
  std::printf("\n|---|");
  for (size_t i = 0; i < sizes.size(); ++i) std::printf("---:|");
  std::printf("\n");
  for (const std::string& m : rows) {
    auto it = gaps.find(m);
    if (it == gaps.end()) continue;
    std::printf("| %s |", m.c_str());
    for (size_t n : sizes) {
      auto g = it->second.find(n);
      if (g == it->second.end() || g->second.empty()) {
        std::printf(" - |");
        continue;
      }
      double sum = 0, worst = 0;
      for (double x : g->second) sum += x, worst = std::max(worst, x);
      std::printf(" %s (%s) |", percent(sum / static_cast<double>(g->second.size())).c_str(),
                  percent(worst).c_str());
    }
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int instances = argc > 1 ? std::atoi(argv[1]) : 10;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  if (instances < 1) {
    std::fprintf(stderr, "usage: %s [instances per cell >= 1] [seed]\n", argv[0]);
    return 2;
  }
  const double started = cpu_microseconds();
  const std::vector<size_t> sizes = {5, 10, 15, 30, 60};
  std::map<std::string, Tally> single, multi;
  std::map<std::string, std::map<size_t, std::vector<double>>> single_by_picks, multi_by_picks;
  size_t checked_against_held_karp = 0, held_karp_disagreements = 0, contract_failures = 0,
         instance_count = 0;

  for (int64_t aisles : {5, 10, 20, 30}) {
    for (int64_t cells : {30, 90, 180}) {
      for (int64_t blocks : {1, 2, 3}) {
        for (size_t picks : sizes) {
          for (bool abc : {false, true}) {
            const Cell cell{aisles, cells, blocks, picks, abc};
            for (int rep = 0; rep < instances; ++rep) {
              uint64_t key = seed;
              for (uint64_t v : {static_cast<uint64_t>(aisles), static_cast<uint64_t>(cells),
                                 static_cast<uint64_t>(blocks), static_cast<uint64_t>(picks),
                                 static_cast<uint64_t>(abc), static_cast<uint64_t>(rep)}) {
                key = Stream(key ^ v).next();
              }
              Stream s(key);
              WarehouseLayout layout{aisles, blocks, cells / blocks, 2500, 1000, 0};
              const std::vector<PickLocation> pick_list = draw_picks(layout, cell, &s);
              ++instance_count;

              // The reference optimum, timed as the exact rows.
              std::optional<double> optimum;
              std::map<std::string, std::pair<Route, double>> results;
              auto timed = [&](const std::function<Route()>& run) {
                const double t0 = cpu_microseconds();
                Route r = run();
                return std::make_pair(std::move(r), cpu_microseconds() - t0);
              };
              const RouteRequest exact_request{layout, pick_list, "exact"};
              std::pair<Route, double> reference =
                  blocks == 1 ? timed([&] {
                    return wareflow::optimize::exact_route_single_block(exact_request);
                  })
                              : timed([&] {
                                  return wareflow::optimize::exact_route_multi_block(exact_request);
                                });
              optimum = reference.first.length_mm;
              results["exact: " + reference.first.algorithm] = reference;
              if (pick_list.size() <= wareflow::optimize::kHeldKarpMaxPoints) {
                auto hk =
                    timed([&] { return wareflow::optimize::exact_route_held_karp(exact_request); });
                if (std::abs(hk.first.length_mm - *optimum) > 1e-6) {
                  std::fprintf(stderr, "optimum disagrees with Held-Karp: %.3f vs %.3f\n", *optimum,
                               hk.first.length_mm);
                  ++held_karp_disagreements;
                }
                ++checked_against_held_karp;
                results["exact: held_karp"] = hk;
              }
              for (const std::string& m : kMethods) {
                try {
                  results[m] = timed([&] {
                    return wareflow::optimize::plan_route(RouteRequest{layout, pick_list, m});
                  });
                } catch (const InputError&) {
                  // exact beyond its limits in plan_route: not timed there
                }
              }
              double best = optimum.value_or(INFINITY);
              for (const auto& [m, r] : results) best = std::min(best, r.first.length_mm);
              const double ref = optimum.value_or(best);
              auto& tallies = blocks == 1 ? single : multi;
              auto& by_picks = blocks == 1 ? single_by_picks : multi_by_picks;
              for (const auto& [m, r] : results) {
                const Route& route = r.first;
                const double legs =
                    wareflow::optimize::route_length_mm(layout, pick_list, route.sequence);
                std::vector<size_t> sorted = route.sequence;
                std::sort(sorted.begin(), sorted.end());
                bool permutation = sorted.size() == pick_list.size();
                for (size_t i = 0; permutation && i < sorted.size(); ++i)
                  permutation = sorted[i] == i;
                if (!permutation || legs != route.length_mm || route.length_mm < ref - 1e-6) {
                  ++contract_failures;
                }
                const double gap = ref > 0 ? route.length_mm / ref - 1 : 0;
                Tally& t = tallies[m];
                t.samples.push_back({gap, r.second, pick_list.size(), optimum.has_value()});
                ++t.algorithms[route.algorithm];
                by_picks[m][picks].push_back(gap);
              }
            }
          }
        }
      }
    }
  }

  std::vector<std::string> rows = {"exact: ratliff_rosenthal", "exact: multi_block_dp",
                                   "exact: held_karp"};
  rows.insert(rows.end(), kMethods.begin(), kMethods.end());
  std::printf("## Picker routing benchmark\n\n");
  std::printf(
      "%zu instances (%d per cell, seed %llu): aisles {5, 10, 20, 30} x cells per aisle "
      "{30, 90, 180} x blocks {1, 2, 3} x picks {5, 10, 15, 30, 60} x storage {random, "
      "ABC 80/20}; aisle pitch 2.5 m, cell pitch 1 m, depot at aisle 0.\n",
      instance_count, instances, static_cast<unsigned long long>(seed));
  std::printf(
      "Gap: route length over the proven optimum (Ratliff-Rosenthal on one block, the "
      "multi-block dynamic program on two and three), minus one. ");
  if (held_karp_disagreements == 0) {
    std::printf("Held-Karp agreed on all %zu instances of at most 15 points it re-checked. ",
                checked_against_held_karp);
  } else {
    std::printf(
        "Held-Karp DISAGREED on %zu of the %zu instances of at most 15 points it re-checked: "
        "the reference optimum is wrong there, and so are the gaps. ",
        held_karp_disagreements, checked_against_held_karp);
  }
  std::printf(
      "Rows `exact: ...` time the solvers directly; `exact` is plan_route's method (refused "
      "beyond its limits, so fewer routes). Times: thread CPU time per route.\n");
  print_table("Single block (B = 1)", single, rows);
  print_table("Several blocks (B = 2, 3)", multi, rows);
  const std::vector<std::string> heuristic_rows(kMethods.begin() + 1, kMethods.end());
  print_by_picks("Single block: mean (worst) gap % by picks", single_by_picks, heuristic_rows,
                 sizes);
  print_by_picks("Several blocks: mean (worst) gap % by picks", multi_by_picks, heuristic_rows,
                 sizes);
  std::printf("\nContract violations (permutation, leg sum, shorter than optimum): %zu\n",
              contract_failures);
  std::printf("Total CPU time: %.1f s\n", (cpu_microseconds() - started) / 1e6);
  std::printf(
      "\nReproduce: g++ -std=c++20 -O2 -Isrc src/optimize/routing.cpp bench/bench_routing.cpp "
      "-o /tmp/bench_routing && /tmp/bench_routing %d %llu\n",
      instances, static_cast<unsigned long long>(seed));
  std::printf("Held-Karp disagreements: %zu of %zu\n", held_karp_disagreements,
              checked_against_held_karp);
  return contract_failures == 0 && held_karp_disagreements == 0 ? 0 : 1;
}
