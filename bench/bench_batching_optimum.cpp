// The proven optimum of order batching on Henn & Wäscher-like instances
// (hw_instances.h), the yardstick docs/optimization.md measures the batching
// methods against.
//
// Every set of orders that fits one cart is enumerated and measured with the
// length the batching search uses (search_route_length_mm: on one block the
// router's exact optimum); choosing the shortest sets that hold every order
// exactly once is a set-partitioning problem, which CBC (COIN-OR) solves
// exactly, started from the alns solution. Its LP relaxation is a lower bound
// on every batching of the instance; the sets whose reduced cost exceeds the
// gap between alns and that bound are in no better partition and are left out
// before branch and bound. Prints the count of sets, the LP bound,
// the optimum and alns against first-come-first-served, and exits 1 when CBC
// does not prove the optimum or its solution is not a partition.
//
//   bench_batching_optimum
//       The instance of batching_test.cpp's HennWaescherLikeInstance: 60
//       orders of uniform demand, seed 2024, carts of 45 items, alns seed 7.
//   bench_batching_optimum --orders 60 --seed 2024 --demand uniform --cart 45 --alns-seed 7
//       The same, spelled out; any other instance alike.
//   bench_batching_optimum --rows 40,60 --seeds 5 --demand both --cart 45
//       bench_batching's rows (seeds 1..K of each row, alns seed = instance
//       number): the mean LP bound and alns per row, saved against FCFS, in
//       percent. Bounds only: on these instances branch and bound can take
//       hours.
//   --time-limit-s T: CBC's time limit for the one instance (default 3600).
//
// Large carts make the sets explode (every set of up to ~9 small orders for
// 45 items; far more for 60 or 75): use carts of 45.

#include <fcntl.h>
#include <unistd.h>

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
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
using wareflow::optimize::BatchOrder;
using wareflow::optimize::PickLocation;

struct Instance {
  int64_t orders = 60;
  uint64_t seed = 2024;
  bool abc = false;
  int64_t cart = 45;
  uint64_t alns_seed = 7;
};

struct Outcome {
  size_t sets = 0;
  size_t sets_after_fixing = 0;
  double fcfs_mm = 0;
  double alns_mm = 0;
  double lp_bound_mm = 0;
  double optimum_mm = 0;
  size_t batches = 0;
  bool proven = false;
  bool partition = false;
  double seconds = 0;
  double measure_seconds = 0;
  double lp_seconds = 0;
  double mip_seconds = 0;
};

void quiet(OsiClpSolverInterface& solver) {
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->setLogLevel(0);
  solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);
}

// The set-partitioning matrix of the chosen sets: a column per set, a 1 in
// the row of each of its orders.
CoinPackedMatrix partition_matrix(size_t orders, const std::vector<std::vector<int>>& sets,
                                  const std::vector<int>& chosen) {
  std::vector<double> elements;
  std::vector<int> indices;
  std::vector<CoinBigIndex> starts;
  std::vector<int> lengths;
  for (int c : chosen) {
    const auto& set = sets[static_cast<size_t>(c)];
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
    lengths.push_back(static_cast<int>(set.size()));
    indices.insert(indices.end(), set.begin(), set.end());
    elements.insert(elements.end(), set.size(), 1.0);
  }
  return CoinPackedMatrix(true, static_cast<int>(orders), static_cast<int>(chosen.size()),
                          static_cast<CoinBigIndex>(elements.size()), elements.data(),
                          indices.data(), starts.data(), lengths.data());
}

// Clp prints "N slacks added" with printf whatever its log level: stdout goes
// to /dev/null while the solvers run, so that the tables stay readable.
class SilentStdout {
 public:
  SilentStdout() {
    std::fflush(stdout);
    saved_ = dup(STDOUT_FILENO);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      close(null);
    }
  }
  ~SilentStdout() {
    std::fflush(stdout);
    if (saved_ >= 0) {
      dup2(saved_, STDOUT_FILENO);
      close(saved_);
    }
  }
  SilentStdout(const SilentStdout&) = delete;
  SilentStdout& operator=(const SilentStdout&) = delete;

 private:
  int saved_ = -1;
};

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Every set of orders (as indices, ascending) whose items fit one cart.
void enumerate(const std::vector<BatchOrder>& orders, int64_t cart, size_t from, int64_t items,
               std::vector<int>& current, std::vector<std::vector<int>>& out) {
  for (size_t i = from; i < orders.size(); ++i) {
    if (items + orders[i].items > cart) continue;
    current.push_back(static_cast<int>(i));
    out.push_back(current);
    enumerate(orders, cart, i + 1, items + orders[i].items, current, out);
    current.pop_back();
  }
}

Outcome solve(const Instance& in, bool exact, double time_limit_s) {
  const double t0 = cpu_seconds();
  Outcome out;
  BatchingRequest req;
  req.layout = hw::layout();
  req.orders = hw::make_orders(req.layout, static_cast<size_t>(in.orders), in.abc, in.seed);
  req.capacity.max_items = in.cart;
  req.seed = in.alns_seed;
  req.method = "fcfs";
  out.fcfs_mm = wareflow::optimize::batch_orders(req).total_length_mm;
  req.method = "alns";
  const BatchingResult alns = wareflow::optimize::batch_orders(req);
  out.alns_mm = alns.total_length_mm;

  std::vector<std::vector<int>> sets;
  std::vector<int> current;
  enumerate(req.orders, in.cart, 0, 0, current, sets);
  out.sets = sets.size();
  std::map<std::vector<int>, int> column_of;
  std::vector<double> cost(sets.size());
  for (size_t c = 0; c < sets.size(); ++c) {
    std::vector<PickLocation> picks;
    for (int i : sets[c]) {
      const auto& p = req.orders[static_cast<size_t>(i)].picks;
      picks.insert(picks.end(), p.begin(), p.end());
    }
    cost[c] = wareflow::optimize::search_route_length_mm(req.layout, picks);
    column_of.emplace(sets[c], static_cast<int>(c));
  }

  // One row per order (covered exactly once), one binary column per set.
  std::vector<int> all(sets.size());
  for (size_t c = 0; c < sets.size(); ++c) all[c] = static_cast<int>(c);
  const CoinPackedMatrix matrix = partition_matrix(req.orders.size(), sets, all);
  const size_t rows = req.orders.size();
  const double t_lp = cpu_seconds();
  // No upper bound in the LP (a row of 1 bounds every column anyway), so no
  // column rests at a bound and every reduced cost is >= 0.
  std::vector<double> col_lb(sets.size(), 0.0), col_ub(sets.size(), COIN_DBL_MAX);
  std::vector<double> row_lb(rows, 1.0), row_ub(rows, 1.0);
  OsiClpSolverInterface lp;
  lp.loadProblem(matrix, col_lb.data(), col_ub.data(), cost.data(), row_lb.data(), row_ub.data());
  quiet(lp);
  {
    SilentStdout silent;
    lp.initialSolve();
  }
  if (!lp.isProvenOptimal()) return out;
  out.lp_bound_mm = lp.getObjValue();
  out.measure_seconds = t_lp - t0;
  out.lp_seconds = cpu_seconds() - t_lp;
  if (!exact) {
    out.seconds = cpu_seconds() - t0;
    return out;
  }

  // The alns batches: the first incumbent, and an upper bound.
  std::map<int64_t, int> index_of;
  for (size_t i = 0; i < req.orders.size(); ++i) index_of[req.orders[i].id] = static_cast<int>(i);
  std::vector<int> incumbent;
  double upper_bound = 0;
  for (const auto& batch : alns.batches) {
    std::vector<int> set;
    for (int64_t id : batch.order_ids) set.push_back(index_of.at(id));
    std::sort(set.begin(), set.end());
    incumbent.push_back(column_of.at(set));
    upper_bound += cost[static_cast<size_t>(incumbent.back())];
  }

  // Reduced-cost fixing: every partition costs the LP bound plus the reduced
  // costs of its sets (the rows are equalities, the columns unbounded above),
  // so a set whose reduced cost exceeds upper bound - LP bound is in no
  // partition shorter than the incumbent and leaves the problem (with 1 mm to
  // spare for rounding). The incumbent's sets stay.
  const double gap = upper_bound - out.lp_bound_mm;
  const double* reduced = lp.getReducedCost();
  std::vector<int> kept;  // column -> set
  std::vector<int> kept_index(sets.size(), -1);
  for (size_t c = 0; c < sets.size(); ++c) {
    if (reduced[c] <= gap + 1.0) {
      kept_index[c] = static_cast<int>(kept.size());
      kept.push_back(static_cast<int>(c));
    }
  }
  out.sets_after_fixing = kept.size();
  const CoinPackedMatrix reduced_matrix = partition_matrix(rows, sets, kept);
  std::vector<double> kept_cost, kept_lb(kept.size(), 0.0), kept_ub(kept.size(), 1.0);
  for (int c : kept) kept_cost.push_back(cost[static_cast<size_t>(c)]);
  OsiClpSolverInterface solver;
  solver.loadProblem(reduced_matrix, kept_lb.data(), kept_ub.data(), kept_cost.data(),
                     row_lb.data(), row_ub.data());
  quiet(solver);
  for (size_t c = 0; c < kept.size(); ++c) solver.setInteger(static_cast<int>(c));
  std::vector<double> start(kept.size(), 0.0);
  for (int c : incumbent) start[static_cast<size_t>(kept_index[static_cast<size_t>(c)])] = 1.0;
  const double start_value = upper_bound;
  const double t_mip = cpu_seconds();

  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver())) quiet(*clp);
  model.setBestSolution(start.data(), static_cast<int>(kept.size()), start_value, true);
  model.setMaximumSeconds(time_limit_s);
  {
    SilentStdout silent;
    model.branchAndBound();
  }
  out.proven = model.isProvenOptimal();
  const double* best = model.bestSolution();
  if (best != nullptr) {
    std::vector<int> covered(rows, 0);
    for (size_t k = 0; k < kept.size(); ++k) {
      if (best[k] < 0.5) continue;
      const auto c = static_cast<size_t>(kept[k]);
      out.optimum_mm += cost[c];
      ++out.batches;
      for (int i : sets[c]) ++covered[static_cast<size_t>(i)];
    }
    out.partition = std::all_of(covered.begin(), covered.end(), [](int n) { return n == 1; });
  }
  out.mip_seconds = cpu_seconds() - t_mip;
  out.seconds = cpu_seconds() - t0;
  return out;
}

double saved(double fcfs, double length) { return 100.0 * (fcfs - length) / fcfs; }

std::vector<int64_t> split_ints(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(std::stoll(part));
  }
  return out;
}

bool good(const Outcome& o) { return o.proven && o.partition; }

int one_instance(const Instance& in, double time_limit_s) {
  const Outcome o = solve(in, true, time_limit_s);
  std::printf("# Order batching: the proven optimum of one instance\n\n");
  std::printf(
      "Instance: %lld orders, %s demand, seed %llu, carts of %lld items (hw_instances.h).\n\n",
      static_cast<long long>(in.orders), in.abc ? "ABC-skewed" : "uniform",
      static_cast<unsigned long long>(in.seed), static_cast<long long>(in.cart));
  std::printf("| | length m | saved vs FCFS %% |\n|---|---:|---:|\n");
  std::printf("| fcfs | %.0f | 0.00 |\n", o.fcfs_mm / 1000);
  std::printf("| alns (seed %llu) | %.0f | %.2f |\n", static_cast<unsigned long long>(in.alns_seed),
              o.alns_mm / 1000, saved(o.fcfs_mm, o.alns_mm));
  std::printf("| LP bound | %.1f | %.2f |\n", o.lp_bound_mm / 1000,
              saved(o.fcfs_mm, o.lp_bound_mm));
  std::printf("| optimum (%s, %zu carts) | %.0f | %.2f |\n", o.proven ? "proven" : "NOT proven",
              o.batches, o.optimum_mm / 1000, saved(o.fcfs_mm, o.optimum_mm));
  std::printf(
      "\n%zu sets of orders fit a cart (alns run and sets measured in %.1f s); LP in %.1f s; %zu "
      "sets left after "
      "reduced-cost fixing against alns; branch and bound in %.1f s; %s. CPU %.1f s in all.\n",
      o.sets, o.measure_seconds, o.lp_seconds, o.sets_after_fixing, o.mip_seconds,
      o.partition ? "the solution holds every order once" : "THE SOLUTION IS NO PARTITION",
      o.seconds);
  return good(o) ? 0 : 1;
}

int rows(const std::vector<int64_t>& order_counts, const std::vector<bool>& demands, int64_t seeds,
         int64_t cart) {
  std::printf("# Order batching: the LP bound of bench_batching's rows\n\n");
  std::printf(
      "Carts of %lld items, seeds 1..%lld per row (alns seeded with the instance number, as "
      "bench_batching does); mean %% saved against FCFS. No batching of an instance saves more "
      "than its LP bound.\n\n",
      static_cast<long long>(cart), static_cast<long long>(seeds));
  std::printf(
      "| orders | demand | alns %% | LP bound %% | sets (mean) |\n|---:|---|---:|---:|---:|\n");
  bool all_solved = true;
  for (bool abc : demands) {
    for (int64_t n : order_counts) {
      double alns = 0, lp = 0, sets = 0;
      for (int64_t s = 1; s <= seeds; ++s) {
        const Instance in{n, hw::row_seed(n, s, abc), abc, cart, static_cast<uint64_t>(s)};
        const Outcome o = solve(in, false, 0);
        all_solved = all_solved && o.lp_bound_mm > 0;
        alns += saved(o.fcfs_mm, o.alns_mm);
        lp += saved(o.fcfs_mm, o.lp_bound_mm);
        sets += static_cast<double>(o.sets);
      }
      const double k = static_cast<double>(seeds);
      std::printf("| %lld | %s | %.2f | %.2f | %.0f |\n", static_cast<long long>(n),
                  abc ? "ABC" : "uniform", alns / k, lp / k, sets / k);
      std::fflush(stdout);
    }
  }
  return all_solved ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Instance in;
  std::vector<int64_t> row_orders;
  std::vector<bool> demands = {false};
  int64_t seeds = 5;
  double time_limit_s = 3600;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--orders") {
      in.orders = std::stoll(value);
    } else if (flag == "--seed") {
      in.seed = std::stoull(value);
    } else if (flag == "--demand") {
      if (value != "uniform" && value != "abc" && value != "both") {
        std::fprintf(stderr, "--demand: uniform, abc or both\n");
        return 2;
      }
      in.abc = value == "abc";
      demands = value == "both" ? std::vector<bool>{false, true} : std::vector<bool>{in.abc};
    } else if (flag == "--cart") {
      in.cart = std::stoll(value);
    } else if (flag == "--alns-seed") {
      in.alns_seed = std::stoull(value);
    } else if (flag == "--rows") {
      row_orders = split_ints(value);
    } else if (flag == "--seeds") {
      seeds = std::stoll(value);
    } else if (flag == "--time-limit-s") {
      time_limit_s = std::stod(value);
    } else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  if (argc % 2 == 0) {
    std::fprintf(stderr, "every option takes a value\n");
    return 2;
  }
  if (!row_orders.empty()) return rows(row_orders, demands, seeds, in.cart);
  return one_instance(in, time_limit_s);
}
