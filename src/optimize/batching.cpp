#include "optimize/batching.h"

#include <algorithm>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace wareflow::optimize {

BatchingError::BatchingError(std::string code, const std::string& message, std::string field)
    : std::invalid_argument(message), code_(std::move(code)), field_(std::move(field)) {}

namespace {

// Lengths are whole multiples of the pitches, so differences below this are
// rounding noise, not a shorter walk.
constexpr double kEpsilonMm = 1e-6;

// Upper bound on max_iterations: each one runs a local search, so this keeps
// a careless request from occupying a worker for hours.
constexpr int64_t kMaxIterations = 100000;

// Route evaluations the improvement phase may spend (cache misses): bounds its
// run time on the largest inputs to seconds without reading a clock, so the
// same request always gives the same batches.
constexpr int64_t kIlsEvaluationBudget = 400000;

// The memo of batch lengths is dropped when it grows past this many entries,
// which bounds memory; it only ever saves work, never changes an answer.
constexpr size_t kMaxCachedLengths = 1'000'000;

// What a batch loads onto the cart.
struct Load {
  int64_t items = 0;
  int64_t volume = 0;
  int64_t orders = 0;
  int64_t picks = 0;
};

Load load_of(const BatchOrder& o) {
  return {o.items, o.volume_cm3, 1, static_cast<int64_t>(o.picks.size())};
}

Load minus(const Load& a, const Load& b) {
  return {a.items - b.items, a.volume - b.volume, a.orders - b.orders, a.picks - b.picks};
}

Load plus(const Load& a, const Load& b) {
  return {a.items + b.items, a.volume + b.volume, a.orders + b.orders, a.picks + b.picks};
}

// Both loads are within the cart on their own, so the subtractions below
// cannot overflow where a + b could.
bool fits_together(const CartCapacity& c, const Load& a, const Load& b) {
  if (b.items > c.max_items - a.items) return false;
  if (c.max_volume_cm3 && b.volume > *c.max_volume_cm3 - a.volume) return false;
  if (c.max_orders && b.orders > *c.max_orders - a.orders) return false;
  return b.picks <= static_cast<int64_t>(kMaxPicks) - a.picks;
}

// A batch under construction: order indices, kept sorted by release rank.
struct Group {
  std::vector<size_t> orders;
  Load load;
  int wave = 0;
};

struct VectorHash {
  size_t operator()(const std::vector<uint32_t>& v) const noexcept {
    uint64_t h = 1469598103934665603ULL;
    for (uint32_t x : v) {
      h ^= x;
      h *= 1099511628211ULL;
    }
    return static_cast<size_t>(h);
  }
};

// splitmix64: tiny, and the same sequence on every platform and library,
// unlike the standard distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }

 private:
  uint64_t state_;
};

class Batcher {
 public:
  explicit Batcher(const BatchingRequest& r) : r_(r) {
    estimate_method_ = r.layout.blocks == 1 ? "exact" : "s_shape";
    const size_t n = r.orders.size();
    wave_.resize(n, 0);
    farthest_.resize(n, 0);
    for (size_t i = 0; i < n; ++i) {
      const BatchOrder& o = r.orders[i];
      if (r.cutoff_ms && !(o.due_ms && *o.due_ms <= *r.cutoff_ms)) wave_[i] = 1;
      for (const PickLocation& p : o.picks) {
        farthest_[i] = std::max(farthest_[i], depot_distance_mm(r.layout, p));
      }
    }
    release_.resize(n);
    for (size_t i = 0; i < n; ++i) release_[i] = i;
    std::stable_sort(release_.begin(), release_.end(), [&](size_t a, size_t b) {
      return release_key(a) < release_key(b);
    });
    rank_.resize(n);
    for (size_t k = 0; k < n; ++k) rank_[release_[k]] = k;
  }

  std::vector<Group> fcfs() {
    std::vector<Group> groups;
    for (size_t o : release_) {
      if (groups.empty() || groups.back().wave != wave_[o] || !fits(groups.back(), o)) {
        groups.push_back(Group{{}, {}, wave_[o]});
      }
      add(&groups.back(), o);
    }
    return groups;
  }

  std::vector<Group> seed() {
    std::vector<Group> groups;
    std::vector<size_t> left = release_;
    while (!left.empty()) {
      // Seed: the order reaching farthest from the depot, of the earliest
      // wave still open (waves are batched in turn).
      size_t seed_at = 0;
      for (size_t k = 1; k < left.size(); ++k) {
        const size_t o = left[k], s = left[seed_at];
        if (wave_[o] != wave_[s]) continue;  // left is in release order: waves ascend
        if (farthest_[o] > farthest_[s] + kEpsilonMm) seed_at = k;
      }
      Group g{{}, {}, wave_[left[seed_at]]};
      add(&g, left[seed_at]);
      left.erase(left.begin() + static_cast<std::ptrdiff_t>(seed_at));
      for (;;) {
        const double base = length(g.orders);
        size_t best_at = left.size();
        double best_added = 0;
        for (size_t k = 0; k < left.size(); ++k) {
          const size_t o = left[k];
          if (wave_[o] != g.wave || !fits(g, o)) continue;
          const double added = length(with(g.orders, o)) - base;
          if (best_at == left.size() || added < best_added - kEpsilonMm) {
            best_at = k;
            best_added = added;
          }
        }
        if (best_at == left.size()) break;
        add(&g, left[best_at]);
        left.erase(left.begin() + static_cast<std::ptrdiff_t>(best_at));
      }
      groups.push_back(std::move(g));
    }
    return groups;
  }

  std::vector<Group> savings() {
    std::vector<Group> groups;
    std::vector<double> len;
    std::vector<bool> active;
    for (size_t o : release_) {
      Group g{{}, {}, wave_[o]};
      add(&g, o);
      len.push_back(length(g.orders));
      groups.push_back(std::move(g));
      active.push_back(true);
    }
    // Largest saving first; ties to the pair released earliest, so the merge
    // sequence does not depend on the heap's internals.
    using Entry = std::tuple<double, size_t, size_t>;  // saving, a, b (a < b)
    auto later = [](const Entry& x, const Entry& y) {
      if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) < std::get<0>(y);
      if (std::get<1>(x) != std::get<1>(y)) return std::get<1>(x) > std::get<1>(y);
      return std::get<2>(x) > std::get<2>(y);
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(later)> heap(later);
    auto consider = [&](size_t a, size_t b) {
      const Group& ga = groups[a];
      const Group& gb = groups[b];
      if (ga.wave != gb.wave || !fits_together(r_.capacity, ga.load, gb.load)) return;
      const double s = len[a] + len[b] - length(merged(ga.orders, gb.orders));
      // A saving of zero still frees a cart; a negative one (possible only
      // with the S-shape estimate) would lengthen the walk.
      if (s >= -kEpsilonMm) heap.emplace(s, a, b);
    };
    for (size_t a = 0; a < groups.size(); ++a) {
      for (size_t b = a + 1; b < groups.size(); ++b) consider(a, b);
    }
    while (!heap.empty()) {
      const auto [s, a, b] = heap.top();
      heap.pop();
      if (!active[a] || !active[b]) continue;  // one side merged since: stale
      Group g{merged(groups[a].orders, groups[b].orders), plus(groups[a].load, groups[b].load),
              groups[a].wave};
      active[a] = active[b] = false;
      len.push_back(length(g.orders));
      groups.push_back(std::move(g));
      active.push_back(true);
      const size_t m = groups.size() - 1;
      for (size_t k = 0; k < m; ++k) {
        if (active[k]) consider(k, m);
      }
    }
    std::vector<Group> out;
    for (size_t k = 0; k < groups.size(); ++k) {
      if (active[k]) out.push_back(std::move(groups[k]));
    }
    return out;
  }

  // Iterated local search from `start`; returns the best solution found.
  std::vector<Group> ils(std::vector<Group> start, int64_t* iterations) {
    Rng rng(r_.seed);
    ils_budget_ = kIlsEvaluationBudget;
    std::vector<Group> current = std::move(start);
    local_search(&current);
    std::vector<Group> best = current;
    double best_total = total(best);
    int64_t stall = 0;
    *iterations = 0;
    while (*iterations < r_.max_iterations && stall < r_.max_rounds_without_improvement &&
           ils_budget_ > 0) {
      ++*iterations;
      if (!perturb(&current, &rng)) break;  // no two batches share a wave
      local_search(&current);
      const double t = total(current);
      if (t < best_total - kEpsilonMm) {
        best = current;
        best_total = t;
        stall = 0;
      } else {
        current = best;  // restart from the best: the perturbation did not pay
        ++stall;
      }
    }
    drop_empty(&best);
    return best;
  }

  // The reported batches: router (auto) lengths, returned in release order.
  std::vector<Batch> finish(std::vector<Group> groups) const {
    drop_empty(&groups);
    std::vector<Batch> out;
    for (const Group& g : groups) {
      Batch b;
      b.wave = g.wave;
      for (size_t o : g.orders) {
        const BatchOrder& order = r_.orders[o];
        b.order_ids.push_back(order.id);
        b.items += order.items;
        b.volume_cm3 += order.volume_cm3;
        if (order.due_ms && (!b.due_ms || *order.due_ms < *b.due_ms)) b.due_ms = order.due_ms;
        b.picks.insert(b.picks.end(), order.picks.begin(), order.picks.end());
      }
      const Route route = plan_route(RouteRequest{r_.layout, b.picks, "auto"});
      b.route_length_mm = route.length_mm;
      b.sequence = route.sequence;
      out.push_back(std::move(b));
    }
    std::vector<size_t> idx(out.size());
    for (size_t k = 0; k < idx.size(); ++k) idx[k] = k;
    auto key = [&](size_t k) {
      const Batch& b = out[k];
      return std::make_tuple(b.wave, !b.due_ms.has_value(), b.due_ms.value_or(0),
                             rank_[groups[k].orders.front()]);
    };
    std::sort(idx.begin(), idx.end(), [&](size_t x, size_t y) { return key(x) < key(y); });
    std::vector<Batch> sorted;
    for (size_t k : idx) sorted.push_back(std::move(out[k]));
    return sorted;
  }

 private:
  std::tuple<int, bool, int64_t, size_t> release_key(size_t o) const {
    const BatchOrder& order = r_.orders[o];
    return {wave_[o], !order.due_ms.has_value(), order.due_ms.value_or(0), o};
  }

  bool fits(const Group& g, size_t o) const {
    return fits_together(r_.capacity, g.load, load_of(r_.orders[o]));
  }

  void add(Group* g, size_t o) const {
    g->orders = with(g->orders, o);
    g->load = plus(g->load, load_of(r_.orders[o]));
  }

  std::vector<size_t> with(const std::vector<size_t>& orders, size_t o) const {
    std::vector<size_t> out = orders;
    out.insert(std::upper_bound(out.begin(), out.end(), o,
                                [&](size_t x, size_t y) { return rank_[x] < rank_[y]; }),
               o);
    return out;
  }

  std::vector<size_t> without(const std::vector<size_t>& orders, size_t o) const {
    std::vector<size_t> out;
    for (size_t x : orders) {
      if (x != o) out.push_back(x);
    }
    return out;
  }

  std::vector<size_t> merged(const std::vector<size_t>& a, const std::vector<size_t>& b) const {
    std::vector<size_t> out;
    std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out),
               [&](size_t x, size_t y) { return rank_[x] < rank_[y]; });
    return out;
  }

  // The estimate of a batch's route length used while searching (see the
  // header), memoised by the set of orders.
  double length(const std::vector<size_t>& orders) {
    if (orders.empty()) return 0;
    std::vector<uint32_t> key(orders.begin(), orders.end());
    std::sort(key.begin(), key.end());
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    RouteRequest req{r_.layout, {}, estimate_method_};
    for (size_t o : orders) {
      req.picks.insert(req.picks.end(), r_.orders[o].picks.begin(), r_.orders[o].picks.end());
    }
    const double len = plan_route(req).length_mm;
    --ils_budget_;
    if (cache_.size() >= kMaxCachedLengths) cache_.clear();
    cache_.emplace(std::move(key), len);
    return len;
  }

  double total(const std::vector<Group>& groups) {
    double t = 0;
    for (const Group& g : groups) t += length(g.orders);
    return t;
  }

  static void drop_empty(std::vector<Group>* groups) {
    groups->erase(std::remove_if(groups->begin(), groups->end(),
                                 [](const Group& g) { return g.orders.empty(); }),
                  groups->end());
  }

  // Applies the first move between batches a and b that shortens their total:
  // shift one order from a to b, or swap one of a's with one of b's.
  bool improve_pair(std::vector<Group>* groups, size_t a, size_t b) {
    Group& ga = (*groups)[a];
    Group& gb = (*groups)[b];
    const double la = length(ga.orders), lb = length(gb.orders);
    for (size_t o : ga.orders) {
      const std::vector<size_t> a_less = without(ga.orders, o);
      const double la_less = length(a_less);
      const Load a_less_load = minus(ga.load, load_of(r_.orders[o]));
      // A route through more points is never shorter, so the move can only
      // pay if taking o out of a saves something.
      if (la_less >= la - kEpsilonMm) continue;
      if (fits(gb, o)) {
        std::vector<size_t> b_more = with(gb.orders, o);
        if (la_less + length(b_more) < la + lb - kEpsilonMm) {
          ga.orders = a_less;
          ga.load = a_less_load;
          gb.load = plus(gb.load, load_of(r_.orders[o]));
          gb.orders = std::move(b_more);
          return true;
        }
      }
      for (size_t p : gb.orders) {
        const Load b_less_load = minus(gb.load, load_of(r_.orders[p]));
        if (!fits_together(r_.capacity, a_less_load, load_of(r_.orders[p])) ||
            !fits_together(r_.capacity, b_less_load, load_of(r_.orders[o]))) {
          continue;
        }
        const std::vector<size_t> b_less = without(gb.orders, p);
        const double lb_less = length(b_less);
        if (la_less + lb_less >= la + lb - kEpsilonMm) continue;
        std::vector<size_t> a_new = with(a_less, p);
        const double la_new = length(a_new);
        if (la_new + lb_less >= la + lb - kEpsilonMm) continue;
        std::vector<size_t> b_new = with(b_less, o);
        if (la_new + length(b_new) < la + lb - kEpsilonMm) {
          ga.orders = std::move(a_new);
          ga.load = plus(a_less_load, load_of(r_.orders[p]));
          gb.orders = std::move(b_new);
          gb.load = plus(b_less_load, load_of(r_.orders[o]));
          return true;
        }
      }
    }
    return false;
  }

  // Every accepted move shortens the total by more than kEpsilonMm, so this
  // ends; the evaluation budget ends it early on very large inputs.
  void local_search(std::vector<Group>* groups) {
    bool improved = true;
    while (improved && ils_budget_ > 0) {
      improved = false;
      for (size_t a = 0; a < groups->size() && ils_budget_ > 0; ++a) {
        for (size_t b = 0; b < groups->size() && ils_budget_ > 0; ++b) {
          if (a == b || (*groups)[a].wave != (*groups)[b].wave) continue;
          while (!(*groups)[a].orders.empty() && ils_budget_ > 0 && improve_pair(groups, a, b)) {
            improved = true;
          }
        }
      }
    }
  }

  // A few random swaps (or shifts, when a swap does not fit) between batches
  // of one wave. False when no two batches share a wave.
  bool perturb(std::vector<Group>* groups, Rng* rng) {
    drop_empty(groups);
    const size_t g = groups->size();
    bool any_pair = false;
    for (size_t a = 0; a + 1 < g && !any_pair; ++a) {
      any_pair = (*groups)[a].wave == (*groups)[a + 1].wave;
    }
    if (!any_pair) {
      for (size_t a = 0; a < g && !any_pair; ++a) {
        for (size_t b = a + 1; b < g && !any_pair; ++b) {
          any_pair = (*groups)[a].wave == (*groups)[b].wave;
        }
      }
    }
    if (!any_pair) return false;
    const size_t moves = 2 + rng->below(2);
    size_t done = 0;
    for (size_t attempt = 0; attempt < 20 * moves && done < moves; ++attempt) {
      const size_t a = rng->below(g), b = rng->below(g);
      Group& ga = (*groups)[a];
      Group& gb = (*groups)[b];
      if (a == b || ga.wave != gb.wave || ga.orders.empty() || gb.orders.empty()) continue;
      const size_t o = ga.orders[rng->below(ga.orders.size())];
      const size_t p = gb.orders[rng->below(gb.orders.size())];
      const Load a_less = minus(ga.load, load_of(r_.orders[o]));
      const Load b_less = minus(gb.load, load_of(r_.orders[p]));
      if (fits_together(r_.capacity, a_less, load_of(r_.orders[p])) &&
          fits_together(r_.capacity, b_less, load_of(r_.orders[o]))) {
        ga.orders = with(without(ga.orders, o), p);
        ga.load = plus(a_less, load_of(r_.orders[p]));
        gb.orders = with(without(gb.orders, p), o);
        gb.load = plus(b_less, load_of(r_.orders[o]));
        ++done;
      } else if (ga.orders.size() > 1 && fits(gb, o)) {
        ga.orders = without(ga.orders, o);
        ga.load = a_less;
        gb.orders = with(gb.orders, o);
        gb.load = plus(gb.load, load_of(r_.orders[o]));
        ++done;
      }
    }
    return true;
  }

  const BatchingRequest& r_;
  std::string estimate_method_;
  std::vector<int> wave_;
  std::vector<double> farthest_;
  std::vector<size_t> release_;  // order indices in release sequence
  std::vector<size_t> rank_;     // rank_[o]: position of order o in release_
  std::unordered_map<std::vector<uint32_t>, double, VectorHash> cache_;
  int64_t ils_budget_ = kIlsEvaluationBudget;
};

void validate(const BatchingRequest& r) {
  const CartCapacity& c = r.capacity;
  if (c.max_items < 1) {
    throw BatchingError("invalid_capacity", "capacity.max_items must be at least 1",
                        "capacity.max_items");
  }
  if (c.max_volume_cm3 && *c.max_volume_cm3 < 1) {
    throw BatchingError("invalid_capacity", "capacity.max_volume_cm3 must be at least 1",
                        "capacity.max_volume_cm3");
  }
  if (c.max_orders && *c.max_orders < 1) {
    throw BatchingError("invalid_capacity", "capacity.max_orders must be at least 1",
                        "capacity.max_orders");
  }
  static const char* const kMethods[] = {"auto", "fcfs", "seed", "savings", "ils"};
  if (std::find(std::begin(kMethods), std::end(kMethods), r.method) == std::end(kMethods)) {
    throw BatchingError("unsupported_method",
                        "unknown batching method \"" + r.method +
                            "\"; use auto, fcfs, seed, savings or ils",
                        "method");
  }
  if (r.max_iterations < 0 || r.max_iterations > kMaxIterations) {
    throw BatchingError("invalid_parameter",
                        "max_iterations must be between 0 and " + std::to_string(kMaxIterations),
                        "max_iterations");
  }
  if (r.max_rounds_without_improvement < 1) {
    throw BatchingError("invalid_parameter", "max_rounds_without_improvement must be at least 1",
                        "max_rounds_without_improvement");
  }
  try {
    validate_route_request(RouteRequest{r.layout, {}, "auto"});
  } catch (const RoutingError& e) {
    throw BatchingError(e.code(), e.what(), "layout");
  }
  if (r.orders.size() > kMaxBatchingOrders) {
    throw BatchingError("too_many_orders",
                        "at most " + std::to_string(kMaxBatchingOrders) +
                            " orders per batching request, got " + std::to_string(r.orders.size()),
                        "orders");
  }
  std::unordered_map<int64_t, size_t> seen;
  for (size_t i = 0; i < r.orders.size(); ++i) {
    const BatchOrder& o = r.orders[i];
    const std::string field = "orders[" + std::to_string(i) + "]";
    if (auto [it, inserted] = seen.emplace(o.id, i); !inserted) {
      throw BatchingError("duplicate_order_id",
                          "order id " + std::to_string(o.id) + " is given twice (orders[" +
                              std::to_string(it->second) + "] and " + field + ")",
                          field + ".id");
    }
    if (o.picks.empty()) {
      throw BatchingError("invalid_order", field + " has no picks", field + ".picks");
    }
    if (o.items < 1) {
      throw BatchingError("invalid_order", field + ".items must be at least 1", field + ".items");
    }
    if (o.volume_cm3 < 0) {
      throw BatchingError("invalid_order", field + ".volume_cm3 must not be negative",
                          field + ".volume_cm3");
    }
    try {
      validate_route_request(RouteRequest{r.layout, o.picks, "auto"});
    } catch (const RoutingError& e) {
      throw BatchingError(e.code(), field + ": " + e.what(), field + ".picks");
    }
    if (o.items > c.max_items) {
      throw BatchingError("order_exceeds_capacity",
                          field + " has " + std::to_string(o.items) +
                              " items, more than a cart holds (" + std::to_string(c.max_items) +
                              ")",
                          field + ".items");
    }
    if (c.max_volume_cm3 && o.volume_cm3 > *c.max_volume_cm3) {
      throw BatchingError("order_exceeds_capacity",
                          field + " has " + std::to_string(o.volume_cm3) +
                              " cm3, more than a cart holds (" +
                              std::to_string(*c.max_volume_cm3) + ")",
                          field + ".volume_cm3");
    }
  }
}

double sum_lengths(const std::vector<Batch>& batches) {
  double t = 0;
  for (const Batch& b : batches) t += b.route_length_mm;
  return t;
}

}  // namespace

BatchingResult batch_orders(const BatchingRequest& request) {
  validate(request);
  Batcher batcher(request);
  BatchingResult result;
  const std::vector<Batch> fcfs = batcher.finish(batcher.fcfs());
  result.fcfs_length_mm = sum_lengths(fcfs);
  const std::string method = request.method == "auto" ? "ils" : request.method;
  result.method = method;
  result.construction = method;
  if (method == "fcfs") {
    result.batches = fcfs;
  } else if (method == "seed") {
    result.batches = batcher.finish(batcher.seed());
  } else if (method == "savings") {
    result.batches = batcher.finish(batcher.savings());
  } else {
    // Start from the better construction by reported length, so the
    // guarantee "ils is never longer than its start" holds in reported terms.
    std::vector<Group> seed = batcher.seed(), savings = batcher.savings();
    std::vector<Batch> seed_batches = batcher.finish(seed);
    std::vector<Batch> savings_batches = batcher.finish(savings);
    const bool from_savings = sum_lengths(savings_batches) <= sum_lengths(seed_batches);
    result.construction = from_savings ? "savings" : "seed";
    std::vector<Batch> start = from_savings ? std::move(savings_batches) : std::move(seed_batches);
    std::vector<Batch> improved =
        batcher.finish(batcher.ils(from_savings ? std::move(savings) : std::move(seed),
                                   &result.iterations));
    // The search may run on the S-shape estimate (layouts of several
    // blocks); keep its answer only if the router agrees it is shorter.
    result.batches =
        sum_lengths(improved) <= sum_lengths(start) ? std::move(improved) : std::move(start);
  }
  result.total_length_mm = sum_lengths(result.batches);
  return result;
}

}  // namespace wareflow::optimize
