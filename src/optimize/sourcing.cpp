#include "optimize/sourcing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wareflow::optimize {
namespace {

// Units a set of warehouses can cover, line by line, capped at the order.
int64_t coverage(const SourcingRequest& r, const std::vector<size_t>& set) {
  int64_t covered = 0;
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    int64_t have = 0;
    for (size_t w : set) have += r.warehouses[w].available[l];
    covered += std::min(have, r.quantities[l]);
  }
  return covered;
}

// Stock of the order's products at the set: ties go to the fuller warehouse,
// which keeps stock from running out in one place while another sits full.
int64_t total_stock(const SourcingRequest& r, const std::vector<size_t>& set) {
  int64_t stock = 0;
  for (size_t w : set) {
    for (size_t l = 0; l < r.quantities.size(); ++l) stock += r.warehouses[w].available[l];
  }
  return stock;
}

double total_distance(const SourcingRequest& r, const std::vector<size_t>& set) {
  double d = 0;
  for (size_t w : set) d += r.warehouses[w].distance;
  return d;
}

// a better than b: nearer in total, then more stock, then lower ids (stable).
bool better(const SourcingRequest& r, const std::vector<size_t>& a, const std::vector<size_t>& b) {
  double da = total_distance(r, a), db = total_distance(r, b);
  if (std::abs(da - db) > 1e-9) return da < db;
  int64_t sa = total_stock(r, a), sb = total_stock(r, b);
  if (sa != sb) return sa > sb;
  return a < b;
}

// Fills each line from the chosen warehouses, nearest first.
SourcingPlan assign(const SourcingRequest& r, std::vector<size_t> set, std::string method) {
  std::sort(set.begin(), set.end(), [&](size_t a, size_t b) {
    if (r.warehouses[a].distance != r.warehouses[b].distance) {
      return r.warehouses[a].distance < r.warehouses[b].distance;
    }
    return a < b;
  });
  SourcingPlan plan;
  plan.method = std::move(method);
  plan.backordered = r.quantities;
  std::vector<bool> used(r.warehouses.size(), false);
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    for (size_t w : set) {
      int64_t take = std::min(plan.backordered[l], r.warehouses[w].available[l]);
      if (take <= 0) continue;
      plan.assignments.push_back({l, r.warehouses[w].warehouse_id, take});
      plan.backordered[l] -= take;
      used[w] = true;
    }
  }
  plan.warehouses_used = static_cast<size_t>(std::count(used.begin(), used.end(), true));
  return plan;
}

// Calls visit(subset) for every k-subset of {0..n-1} in lexicographic order.
template <class Visit>
void for_each_subset(size_t n, size_t k, Visit visit) {
  std::vector<size_t> idx(k);
  std::iota(idx.begin(), idx.end(), 0);
  for (;;) {
    visit(idx);
    size_t i = k;
    while (i > 0 && idx[i - 1] == n - k + i - 1) --i;
    if (i == 0) return;
    ++idx[i - 1];
    for (size_t j = i; j < k; ++j) idx[j] = idx[j - 1] + 1;
  }
}

constexpr size_t kExactLimit = 12;

}  // namespace

SourcingPlan FewestSplitsPolicy::plan(const SourcingRequest& r) const {
  // Only warehouses that hold something of the order are candidates.
  std::vector<size_t> useful;
  for (size_t w = 0; w < r.warehouses.size(); ++w) {
    if (coverage(r, {w}) > 0) useful.push_back(w);
  }
  if (useful.empty()) return assign(r, {}, "none");
  const int64_t reachable = coverage(r, useful);

  if (useful.size() <= kExactLimit) {
    for (size_t k = 1; k <= useful.size(); ++k) {
      std::vector<size_t> best;
      for_each_subset(useful.size(), k, [&](const std::vector<size_t>& pick) {
        std::vector<size_t> set;
        for (size_t i : pick) set.push_back(useful[i]);
        if (coverage(r, set) == reachable && (best.empty() || better(r, set, best))) best = set;
      });
      if (!best.empty()) return assign(r, best, k == 1 ? "single" : "exact_subset");
    }
  }
  // Greedy set cover: the warehouse adding most units, nearest on ties.
  std::vector<size_t> chosen;
  int64_t covered = 0;
  while (covered < reachable) {
    size_t best = r.warehouses.size();
    int64_t best_gain = 0;
    for (size_t w : useful) {
      if (std::find(chosen.begin(), chosen.end(), w) != chosen.end()) continue;
      std::vector<size_t> with = chosen;
      with.push_back(w);
      int64_t gain = coverage(r, with) - covered;
      if (gain > best_gain ||
          (gain == best_gain && gain > 0 && r.warehouses[w].distance < r.warehouses[best].distance)) {
        best = w;
        best_gain = gain;
      }
    }
    if (best_gain == 0) break;
    chosen.push_back(best);
    covered += best_gain;
  }
  return assign(r, chosen, "greedy_cover");
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace wareflow::optimize
