// Order batching on Henn & Wäscher-like instances: how much shorter the
// carts' walks are than first-come-first-served, per method, and how long
// each method takes. Standalone (links src/optimize/batching.cpp and
// routing.cpp only); prints markdown.
//
// Instances: Henn & Wäscher-like (hw_instances.h): 10 aisles of 90 locations
// in one block, n orders of 5..25 items at uniform or ABC-skewed locations.
// Carts of 45, 60 or 75 items.
//
// Build and run (from the repository root), one line:
//   g++ -std=c++20 -O2 -Isrc bench/bench_batching.cpp src/optimize/batching.cpp
//       src/optimize/routing.cpp -o /tmp/bench_batching && /tmp/bench_batching
// Times are the process's CPU time per batch_orders call (std::clock), which
// a busy machine disturbs less than the wall clock; one call runs on one
// thread, so on an idle machine the two agree.
// Options: --seeds K (instances per cell, default 5), --orders 40,60,80,100,
// --carts 45,60,75, --demand uniform|abc|both, --methods fcfs,seed,...,
// --max-iterations N (the request's work budget, default the request default).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "hw_instances.h"
#include "optimize/batching.h"

namespace {

using wareflow::optimize::BatchingRequest;
using wareflow::optimize::BatchingResult;

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::vector<int64_t> split_ints(const std::string& s) {
  std::vector<int64_t> out;
  for (const std::string& p : split(s)) out.push_back(std::stoll(p));
  return out;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

}  // namespace

int main(int argc, char** argv) {
  int64_t seeds = 5;
  std::vector<int64_t> order_counts = {40, 60, 80, 100};
  std::vector<int64_t> carts = {45, 60, 75};
  std::vector<std::string> demands = {"uniform", "abc"};
  std::vector<std::string> methods = {"fcfs", "seed", "savings", "ils", "alns"};
  int64_t max_iterations = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--seeds") {
      seeds = std::stoll(value);
    } else if (flag == "--orders") {
      order_counts = split_ints(value);
    } else if (flag == "--carts") {
      carts = split_ints(value);
    } else if (flag == "--demand") {
      demands = value == "both" ? std::vector<std::string>{"uniform", "abc"}
                                : std::vector<std::string>{value};
    } else if (flag == "--methods") {
      methods = split(value);
    } else if (flag == "--max-iterations") {
      max_iterations = std::stoll(value);
    } else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }

  std::printf("# Order batching vs FCFS (travel saved, %%; median CPU time per instance, ms)\n\n");
  std::printf(
      "Reproduce (from the repository root): g++ -std=c++20 -O2 -Isrc bench/bench_batching.cpp "
      "src/optimize/batching.cpp src/optimize/routing.cpp -o /tmp/bench_batching && "
      "/tmp/bench_batching");
  for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
  std::printf(
      "\n\nWarehouse: 10 aisles x 90 locations, one block, aisle pitch 5 m, location "
      "pitch 1 m, depot left front. Orders of 5-25 items, one pick per item. %lld "
      "seeds per row. Lengths: the router's exact single-block optimum.\n\n",
      static_cast<long long>(seeds));

  std::map<std::string, std::vector<double>> all_saved;  // method -> every instance
  std::map<std::string, std::vector<double>> all_saved_vs_s_shape;
  std::map<std::string, std::map<std::string, std::vector<double>>> by_demand;
  for (const std::string& demand : demands) {
    std::printf("## Demand: %s\n\n| orders | cart |", demand.c_str());
    for (const std::string& m : methods) std::printf(" %s %% | %s ms |", m.c_str(), m.c_str());
    std::printf("\n|---:|---:|");
    for (size_t k = 0; k < methods.size(); ++k) std::printf("---:|---:|");
    std::printf("\n");
    for (int64_t n : order_counts) {
      for (int64_t cart : carts) {
        std::map<std::string, std::vector<double>> saved, ms;
        for (int64_t s = 1; s <= seeds; ++s) {
          const uint64_t instance_seed = hw::row_seed(n, s, demand == "abc");
          BatchingRequest req;
          req.layout = hw::layout();
          req.orders =
              hw::make_orders(req.layout, static_cast<size_t>(n), demand == "abc", instance_seed);
          req.capacity.max_items = cart;
          req.seed = static_cast<uint64_t>(s);
          if (max_iterations >= 0) req.max_iterations = max_iterations;
          // The walk of a system without an optimizer: first-come-first-
          // served carts, each walked in S-shape (location-sorted lists).
          double s_shape_fcfs_mm = 0;
          {
            BatchingRequest fcfs = req;
            fcfs.method = "fcfs";
            for (const auto& batch : wareflow::optimize::batch_orders(fcfs).batches) {
              s_shape_fcfs_mm +=
                  wareflow::optimize::plan_route({req.layout, batch.picks, "s_shape"}).length_mm;
            }
          }
          for (const std::string& m : methods) {
            req.method = m;
            const std::clock_t t0 = std::clock();
            const BatchingResult r = wareflow::optimize::batch_orders(req);
            const double elapsed = 1000.0 * static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
            const double pct = 100.0 * (r.fcfs_length_mm - r.total_length_mm) / r.fcfs_length_mm;
            saved[m].push_back(pct);
            ms[m].push_back(elapsed);
            all_saved[m].push_back(pct);
            all_saved_vs_s_shape[m].push_back(100.0 * (s_shape_fcfs_mm - r.total_length_mm) /
                                              s_shape_fcfs_mm);
            by_demand[demand][m].push_back(pct);
          }
        }
        std::printf("| %lld | %lld |", static_cast<long long>(n), static_cast<long long>(cart));
        for (const std::string& m : methods) {
          std::printf(" %.1f | %.0f |", mean(saved[m]), median(ms[m]));
        }
        std::printf("\n");
        std::fflush(stdout);
      }
    }
    std::printf("| **mean** | |");
    for (const std::string& m : methods) std::printf(" **%.1f** | |", mean(by_demand[demand][m]));
    std::printf("\n\n");
  }
  std::printf(
      "## Overall mean travel saved vs FCFS\n\n| method | saved %% | instances |\n"
      "|---|---:|---:|\n");
  for (const std::string& m : methods) {
    std::printf("| %s | %.2f | %zu |\n", m.c_str(), mean(all_saved[m]), all_saved[m].size());
  }
  std::printf(
      "\n## Overall mean travel saved vs FCFS carts walked in S-shape\n\n"
      "Each method's batches on exact routes against FCFS batches on S-shape routes: what\n"
      "batching and routing save together over a system that does neither.\n\n"
      "| method | saved %% | instances |\n|---|---:|---:|\n");
  for (const std::string& m : methods) {
    std::printf("| %s | %.2f | %zu |\n", m.c_str(), mean(all_saved_vs_s_shape[m]),
                all_saved_vs_s_shape[m].size());
  }
  return 0;
}
