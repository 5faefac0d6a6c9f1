// Sourcing policies on a replayed order stream (standalone: the sourcing
// module, CBC and the standard library).
//
// A seeded stream of orders from customers spread over central Europe is
// sourced from 5, 10 or 20 warehouses in European cities. Products have a skewed
// (Zipf) popularity; orders have 1-8 distinct lines, mostly few. Every
// warehouse carries a random subset of the products; the stock it ships is
// gone until the periodic replenishment refills every warehouse to its
// target. Each policy replays the same stream from the same starting stock,
// so its own choices shape the stock it sees later.
//
// Cost model: a shipment costs a parcel rate growing with the great-circle
// distance to the customer, plus a per-unit handling cost that differs per
// warehouse. nearest_first_line and greedy (FewestSplitsPolicy) rank by
// distance only; mip optimises shipments, then cost.
//
// Build and run from the repository root (one command line):
//   g++ -std=c++20 -O2 -Isrc $(pkg-config --cflags cbc) bench/bench_sourcing.cpp
//       src/optimize/sourcing.cpp $(pkg-config --libs cbc) -o /tmp/bench_sourcing
//   /tmp/bench_sourcing [--seed N] [--orders N] [--time-limit-ms N] [--default-malloc]
// The times are wall-clock per plan() call, on whatever else the machine runs.
//
// Heap. By default glibc hands the top of the heap back to the kernel when
// more than 128 KB are free there, and CBC's per-solve arrays then fault
// their pages in again on every solve: depending on the heap layout of the
// run, that tripled the mip times (5000 orders: 300000 page faults instead of
// 800). glibc raises both thresholds by itself once the process frees a large
// mmapped block, which a busy server does early; the bench sets them up front
// so that its figures do not depend on its own heap layout.
// --default-malloc keeps glibc's defaults.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "optimize/sourcing.h"

namespace {

using wareflow::optimize::evaluate_sourcing_plan;
using wareflow::optimize::haversine_km;
using wareflow::optimize::SourcingCandidate;
using wareflow::optimize::SourcingFigures;
using wareflow::optimize::SourcingPlan;
using wareflow::optimize::SourcingPolicy;
using wareflow::optimize::SourcingRequest;
using wareflow::optimize::validate_sourcing_plan;

struct City {
  const char* name;
  double lat, lon;
};

// A network of n warehouses takes the first n cities.
constexpr City kCities[] = {
    {"Berlin", 52.52, 13.405},   {"Paris", 48.857, 2.352},    {"Milan", 45.464, 9.19},
    {"Warsaw", 52.23, 21.012},   {"Madrid", 40.417, -3.704},  {"Amsterdam", 52.37, 4.895},
    {"Vienna", 48.208, 16.373},  {"Lyon", 45.764, 4.836},     {"Prague", 50.075, 14.438},
    {"Hamburg", 53.551, 9.994},  {"Munich", 48.137, 11.575},  {"Barcelona", 41.385, 2.173},
    {"Rome", 41.903, 12.496},    {"Brussels", 50.85, 4.352},  {"Copenhagen", 55.676, 12.568},
    {"Zurich", 47.377, 8.541},   {"Budapest", 47.498, 19.04}, {"Frankfurt", 50.11, 8.682},
    {"Marseille", 43.296, 5.37}, {"Krakow", 50.065, 19.945},
};

constexpr int kProducts = 300;
constexpr double kZipf = 1.1;
constexpr int kReplenishEvery = 50;  // orders between refills

struct Order {
  double lat = 0, lon = 0;
  std::vector<int> products;
  std::vector<int64_t> quantities;
};

struct Network {
  std::vector<City> sites;
  std::vector<double> handling;              // unit cost per warehouse
  std::vector<std::vector<int64_t>> target;  // [warehouse][product]
};

double shipment_cost(double km) { return 4.5 + 0.006 * km; }

// The same stream of orders for every policy and network.
std::vector<Order> make_orders(uint64_t seed, int count, const std::vector<double>& popularity) {
  std::mt19937_64 rng(seed);
  std::discrete_distribution<int> product(popularity.begin(), popularity.end());
  // 1-8 lines, mostly few (weights roughly 1/k^1.2).
  std::discrete_distribution<int> lines({0, 1.0, 0.44, 0.27, 0.19, 0.14, 0.12, 0.1, 0.08});
  std::discrete_distribution<int> quantity({0, 0.7, 0.2, 0.1});
  std::uniform_real_distribution<double> lat(41.0, 56.0), lon(-4.0, 24.0);
  std::vector<Order> orders;
  for (int i = 0; i < count; ++i) {
    Order o;
    o.lat = lat(rng);
    o.lon = lon(rng);
    const int n = lines(rng);
    while (static_cast<int>(o.products.size()) < n) {
      int p = product(rng);
      if (std::find(o.products.begin(), o.products.end(), p) != o.products.end()) continue;
      o.products.push_back(p);
      o.quantities.push_back(quantity(rng));
    }
    orders.push_back(std::move(o));
  }
  return orders;
}

Network make_network(uint64_t seed, int warehouses, const std::vector<double>& popularity,
                     double mean_units_per_order) {
  std::mt19937_64 rng(seed * 7919 + static_cast<uint64_t>(warehouses));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Network n;
  for (int w = 0; w < warehouses; ++w) {
    n.sites.push_back(kCities[w]);
    n.handling.push_back(0.3 + 0.5 * unit(rng));
  }
  n.target.assign(static_cast<size_t>(warehouses), std::vector<int64_t>(kProducts, 0));
  // Demand of a product per replenishment cycle, spread over the warehouses
  // that carry it (popular products nearly everywhere, the tail in a few),
  // with 15% slack and +-50% noise per warehouse.
  for (int p = 0; p < kProducts; ++p) {
    const double demand =
        popularity[static_cast<size_t>(p)] * kReplenishEvery * mean_units_per_order;
    const double carry = p < kProducts / 10 ? 0.8 : (p < kProducts / 3 ? 0.5 : 0.3);
    std::vector<int> carriers;
    for (int w = 0; w < warehouses; ++w) {
      if (unit(rng) < carry) carriers.push_back(w);
    }
    if (carriers.empty()) carriers.push_back(static_cast<int>(unit(rng) * warehouses));
    for (int w : carriers) {
      const double share = 1.15 * demand / static_cast<double>(carriers.size());
      n.target[static_cast<size_t>(w)][static_cast<size_t>(p)] =
          static_cast<int64_t>(std::ceil(share * (0.5 + unit(rng))));
    }
  }
  return n;
}

struct Result {
  std::string policy;
  int orders = 0, split = 0, backordered_orders = 0, proven = 0, invalid = 0;
  int64_t shipments = 0, units = 0, backordered_units = 0;
  double cost = 0;
  std::vector<double> ms;
  std::map<std::string, int> methods;
};

Result replay(const Network& net, const std::vector<Order>& orders, const std::string& name,
              const SourcingPolicy& policy) {
  Result res;
  res.policy = name;
  res.ms.reserve(orders.size());
  std::vector<std::vector<int64_t>> stock = net.target;
  for (size_t i = 0; i < orders.size(); ++i) {
    if (i % kReplenishEvery == 0) stock = net.target;
    const Order& o = orders[i];
    SourcingRequest r;
    r.quantities = o.quantities;
    for (size_t w = 0; w < net.sites.size(); ++w) {
      SourcingCandidate c;
      c.warehouse_id = static_cast<int64_t>(w + 1);
      c.distance = haversine_km(net.sites[w].lat, net.sites[w].lon, o.lat, o.lon);
      c.shipment_cost = shipment_cost(c.distance);
      c.unit_cost = net.handling[w];
      bool any = false;
      for (int p : o.products) {
        c.available.push_back(stock[w][static_cast<size_t>(p)]);
        any = any || c.available.back() > 0;
      }
      if (any) r.warehouses.push_back(std::move(c));
    }
    auto t0 = std::chrono::steady_clock::now();
    SourcingPlan plan = policy.plan(r);
    res.ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!validate_sourcing_plan(r, plan).empty()) ++res.invalid;
    SourcingFigures f = evaluate_sourcing_plan(r, plan);
    for (const auto& a : plan.assignments) {
      stock[static_cast<size_t>(a.warehouse_id - 1)][static_cast<size_t>(o.products[a.line])] -=
          a.quantity;
    }
    ++res.orders;
    res.split += f.split ? 1 : 0;
    res.shipments += static_cast<int64_t>(f.shipments);
    res.cost += f.cost;
    res.units += f.units_shipped + f.backordered_units;
    res.backordered_units += f.backordered_units;
    res.backordered_orders += f.backordered_units > 0 ? 1 : 0;
    res.proven += plan.optimal ? 1 : 0;
    ++res.methods[plan.method];
  }
  return res;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
  return v[std::min(k, v.size() - 1)];
}

void print_table(int warehouses, const std::vector<Result>& results) {
  std::printf("\n### %d warehouses\n\n", warehouses);
  std::printf(
      "| policy | split rate | shipments/order | cost/order | backordered units | orders with "
      "backorder | proven optimal | median us | p99 us |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Result& r : results) {
    const double n = r.orders;
    char proven[32] = "-";
    if (r.policy == "mip") std::snprintf(proven, sizeof proven, "%.1f%%", 100.0 * r.proven / n);
    std::printf("| %s | %.1f%% | %.3f | %.2f | %.2f%% | %.1f%% | %s | %.0f | %.0f |\n",
                r.policy.c_str(), 100.0 * r.split / n, static_cast<double>(r.shipments) / n,
                r.cost / n,
                100.0 * static_cast<double>(r.backordered_units) / static_cast<double>(r.units),
                100.0 * r.backordered_orders / n, proven, 1000 * percentile(r.ms, 0.5),
                1000 * percentile(r.ms, 0.99));
  }
  for (const Result& r : results) {
    std::printf("\n%s methods:", r.policy.c_str());
    for (const auto& [method, count] : r.methods) std::printf(" %s %d", method.c_str(), count);
    if (r.invalid) std::printf("  INVALID PLANS: %d", r.invalid);
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t seed = 42;
  int orders = 5000;
  int64_t time_limit_ms = wareflow::optimize::kDefaultSourcingTimeLimitMs;
  bool tune_malloc = true;
  for (int i = 1; i < argc; i += 2) {
    if (!std::strcmp(argv[i], "--default-malloc")) {
      tune_malloc = false;
      --i;
    } else if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", argv[i]);
      return 2;
    } else if (!std::strcmp(argv[i], "--seed")) {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--orders")) {
      orders = std::atoi(argv[i + 1]);
    } else if (!std::strcmp(argv[i], "--time-limit-ms")) {
      time_limit_ms = std::atoll(argv[i + 1]);
    } else {
      std::fprintf(stderr,
                   "usage: %s [--seed N] [--orders N] [--time-limit-ms N] [--default-malloc]\n",
                   argv[0]);
      return 2;
    }
  }
  if (orders < 1) orders = 1;
  if (tune_malloc) {
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
  }

  std::vector<double> popularity;
  double total = 0;
  for (int p = 0; p < kProducts; ++p) {
    popularity.push_back(1.0 / std::pow(p + 1, kZipf));
    total += popularity.back();
  }
  for (double& p : popularity) p /= total;
  const std::vector<Order> stream = make_orders(seed, orders, popularity);
  double units = 0;
  for (const Order& o : stream) {
    for (int64_t q : o.quantities) units += static_cast<double>(q);
  }

  std::printf("## Sourcing policies, %d orders, seed %llu, mip time limit %lld ms%s\n", orders,
              static_cast<unsigned long long>(seed), static_cast<long long>(time_limit_ms),
              tune_malloc ? "" : ", default malloc");
  std::printf(
      "\nReproduce: g++ -std=c++20 -O2 -Isrc $(pkg-config --cflags cbc) "
      "bench/bench_sourcing.cpp src/optimize/sourcing.cpp $(pkg-config --libs cbc) -o "
      "/tmp/bench_sourcing && /tmp/bench_sourcing --seed %llu --orders %d "
      "--time-limit-ms %lld%s\n",
      static_cast<unsigned long long>(seed), orders, static_cast<long long>(time_limit_ms),
      tune_malloc ? "" : " --default-malloc");

  for (int warehouses : {5, 10, 20}) {
    const Network net = make_network(seed, warehouses, popularity, units / orders);
    std::vector<Result> results;
    results.push_back(replay(net, stream, "nearest_first_line",
                             *wareflow::optimize::make_sourcing_policy("nearest_first_line")));
    results.push_back(
        replay(net, stream, "greedy", *wareflow::optimize::make_sourcing_policy("greedy")));
    results.push_back(replay(net, stream, "mip",
                             *wareflow::optimize::make_sourcing_policy("mip", time_limit_ms)));
    print_table(warehouses, results);
  }
  return 0;
}
