// Order batching (batching.h). Over 800 lines for a reason: after the length
// model (batching_length.h) what remains is one idea, the Batcher, whose
// constructions (fcfs, seed, savings), ILS and ALNS share its state, memo and
// move helpers; split across files it would be one class scattered.
#include "optimize/batching.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "numeric/splitmix64.h"
#include "optimize/batching_length.h"

namespace wareflow::optimize {

namespace {

using namespace batching_length;

// Lengths are whole multiples of the pitches, so differences below this are
// rounding noise, not a shorter walk.
constexpr double kEpsilonMm = 1e-6;

// Upper bound on max_iterations: each one runs a local search, so this keeps
// a careless request from occupying a worker for hours.
constexpr int64_t kMaxIterations = 100000;

// Work ils and the ALNS phase of alns may spend, each, counted in look-ups of
// the memo of batch lengths, a measurement on a miss counting as its
// LengthModel::cost more (40-80 ns a unit on a current x86 core, more for
// larger batches): bounds their run time on the largest inputs without
// reading a clock, so the same request always gives the same batches.
constexpr int64_t kIlsWorkBudget = 10'000'000;
constexpr int64_t kAlnsWorkBudget = 20'000'000;

// ALNS: destroy-and-repair rounds per segment (max_iterations counts
// segments); operator weights adapt after each segment.
constexpr int64_t kRoundsPerSegment = 25;
// Scores of an operator pair whose candidate was a new best, better than the
// current solution, or worse but accepted (Ropke & Pisinger 2006).
constexpr double kScoreBest = 33;
constexpr double kScoreBetter = 9;
constexpr double kScoreAccepted = 13;
constexpr double kReaction = 0.2;   // weight = (1 - r) weight + r mean score
constexpr double kMinWeight = 0.5;  // no operator is starved entirely
// A repaired candidate gets the local search when it is at most this share
// longer than the current solution.
constexpr double kPolishWithin = 0.02;
// Simulated annealing: the start temperature as a share of the average batch
// length, and the end temperature as a share of the start.
constexpr double kStartTemperature = 0.05;
constexpr double kEndTemperatureRatio = 0.01;
// Destroy: at most this many orders out at once; ranked removals pick
// position floor(u^power * size), favouring the head of the ranking.
constexpr size_t kMaxRemoved = 30;
constexpr double kWorstPower = 3;
constexpr double kRelatedPower = 4;
// Regret repair: a missing k-th place counts as this much more than the best.
constexpr double kMissingPlace = 1e12;

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
  double len = 0;        // the search's length of orders, where maintained
  bool changed = false;  // ALNS: changed since the local search last saw it
};

// Seeded searches draw from splitmix64: the same sequence on every platform
// and library, unlike the standard distributions.
using Rng = numeric::SplitMix64;

// A uniform double in [0, 1) from the generator.
double unit(Rng* rng) { return static_cast<double>(rng->next() >> 11) * 0x1.0p-53; }

class Batcher {
 public:
  explicit Batcher(const BatchingRequest& r) : r_(r), model_(r.layout) {
    const size_t n = r.orders.size();
    wave_.resize(n, 0);
    farthest_.resize(n, 0);
    Rng keys(0x5EEDB47C4ULL);
    for (size_t i = 0; i < n; ++i) {
      const BatchOrder& o = r.orders[i];
      if (r.cutoff_ms && !(o.due_ms && *o.due_ms <= *r.cutoff_ms)) wave_[i] = 1;
      for (const PickLocation& p : o.picks) {
        farthest_[i] = std::max(farthest_[i], depot_distance_mm(r.layout, p));
      }
      model_.add_order(o.picks);
      zobrist_.push_back(SetKey{keys.next(), keys.next()});
    }
    release_.resize(n);
    for (size_t i = 0; i < n; ++i) release_[i] = i;
    std::stable_sort(release_.begin(), release_.end(),
                     [&](size_t a, size_t b) { return release_key(a) < release_key(b); });
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
          const double added = length_with(g.orders, o) - base;
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
    work_ = kIlsWorkBudget;
    std::vector<Group> current = std::move(start);
    local_search(&current);
    std::vector<Group> best = current;
    double best_total = total(best);
    int64_t stall = 0;
    *iterations = 0;
    while (*iterations < r_.max_iterations && stall < r_.max_rounds_without_improvement &&
           work_ > 0) {
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

  // Adaptive large neighbourhood search from `start`, the best ils found (see
  // the header); returns the best solution found.
  std::vector<Group> alns(std::vector<Group> start, int64_t* segments) {
    Rng rng(r_.seed);
    work_ = kAlnsWorkBudget;
    *segments = 0;
    drop_empty(&start);
    std::vector<Group> current = std::move(start);
    local_search(&current);
    drop_empty(&current);
    double current_total = refresh(&current);
    std::vector<Group> best = current;
    double best_total = current_total;
    if (r_.orders.size() < 2) return best;

    // Simulated annealing: a candidate longer by d is accepted with
    // probability exp(-d / T); T falls geometrically over the planned rounds
    // from a share of the average batch length to a thousandth of that.
    const double start_temperature = kStartTemperature * current_total /
                                     static_cast<double>(std::max<size_t>(1, current.size()));
    const double planned_rounds =
        static_cast<double>(std::max<int64_t>(1, r_.max_iterations * kRoundsPerSegment));
    int64_t round = 0;

    std::array<double, kDestroyCount> destroy_weight;
    std::array<double, kRepairCount> repair_weight;
    destroy_weight.fill(1.0);
    repair_weight.fill(1.0);
    int64_t stall = 0;
    while (*segments < r_.max_iterations && stall < r_.max_rounds_without_improvement &&
           work_ > 0) {
      ++*segments;
      std::array<double, kDestroyCount> destroy_score{};
      std::array<double, kRepairCount> repair_score{};
      std::array<int64_t, kDestroyCount> destroy_uses{};
      std::array<int64_t, kRepairCount> repair_uses{};
      bool improved = false;
      for (int64_t k = 0; k < kRoundsPerSegment && work_ > 0; ++k, ++round) {
        const double temperature =
            start_temperature *
            std::pow(kEndTemperatureRatio, static_cast<double>(round) / planned_rounds);
        const size_t d = roulette(destroy_weight, &rng);
        const size_t p = roulette(repair_weight, &rng);
        std::vector<Group> candidate = current;
        const std::vector<size_t> removed = destroy(&candidate, d, &rng);
        // Whole batches taken out: half the time their orders must find room
        // in the other batches, which is how the search closes a batch.
        const bool open_freely = d != kDestroyBatches || rng.below(2) == 0;
        repair(&candidate, removed, p, open_freely, &rng);
        double t = sum_of(candidate);
        // The local search polishes only candidates near the current one.
        if (t < current_total * (1 + kPolishWithin)) {
          local_search_changed(&candidate);
          t = sum_of(candidate);
        }
        double score = 0;
        if (t < best_total - kEpsilonMm) {
          local_search(&candidate);
          drop_empty(&candidate);
          t = refresh(&candidate);
          best = candidate;
          best_total = t;
          improved = true;
          score = kScoreBest;
        } else if (t < current_total - kEpsilonMm) {
          score = kScoreBetter;
        } else if (t > current_total + kEpsilonMm &&
                   unit(&rng) < std::exp(-(t - current_total) / temperature)) {
          score = kScoreAccepted;
        } else if (t > current_total + kEpsilonMm) {
          score = -1;  // rejected
        }
        if (score >= 0) {
          current = std::move(candidate);
          current_total = t;
        }
        destroy_score[d] += std::max(0.0, score);
        repair_score[p] += std::max(0.0, score);
        ++destroy_uses[d];
        ++repair_uses[p];
      }
      adapt(&destroy_weight, destroy_score, destroy_uses);
      adapt(&repair_weight, repair_score, repair_uses);
      stall = improved ? 0 : stall + 1;
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
  static constexpr size_t kNone = LengthModel::kNone;

  enum DestroyOp : size_t {
    kDestroyRandom,
    kDestroyWorst,
    kDestroyRelated,
    kDestroyBatches,
    kDestroyCount
  };
  enum RepairOp : size_t {
    kRepairGreedy,
    kRepairRegret2,
    kRepairRegret3,
    kRepairSequential,
    kRepairCount
  };

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

  void remove(Group* g, size_t o) const {
    g->orders = without(g->orders, o);
    g->load = minus(g->load, load_of(r_.orders[o]));
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

  // The search's length of a batch (see the header), memoised by the set of
  // orders: `orders`, plus `add` unless kNone, less `skip` unless kNone.
  double length_of(const std::vector<size_t>& orders, size_t add, size_t skip) {
    SetKey key;
    size_t count = 0;
    for (size_t o : orders) {
      if (o == skip) continue;
      key.a += zobrist_[o].a;
      key.b += zobrist_[o].b;
      ++count;
    }
    if (add != kNone) {
      key.a += zobrist_[add].a;
      key.b += zobrist_[add].b;
      ++count;
    }
    if (count == 0) return 0;
    --work_;
    if (const double* len = memo_.find(key)) return *len;
    const double len = model_.measure(orders, add, skip);
    work_ -= model_.cost();
    memo_.insert(key, len);
    return len;
  }

  double length(const std::vector<size_t>& orders) { return length_of(orders, kNone, kNone); }
  double length_with(const std::vector<size_t>& orders, size_t o) {
    return length_of(orders, o, kNone);
  }
  double length_without(const std::vector<size_t>& orders, size_t o) {
    return length_of(orders, kNone, o);
  }

  double total(const std::vector<Group>& groups) {
    double t = 0;
    for (const Group& g : groups) t += length(g.orders);
    return t;
  }

  // Sets every group's len; returns their sum.
  double refresh(std::vector<Group>* groups) {
    double t = 0;
    for (Group& g : *groups) {
      g.len = length(g.orders);
      t += g.len;
    }
    return t;
  }

  static double sum_of(const std::vector<Group>& groups) {
    double t = 0;
    for (const Group& g : groups) t += g.len;
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
      const double la_less = length_without(ga.orders, o);
      const Load a_less_load = minus(ga.load, load_of(r_.orders[o]));
      // A route through more points is never shorter, so the move can only
      // pay if taking o out of a saves something.
      if (la_less >= la - kEpsilonMm) continue;
      if (fits(gb, o)) {
        if (la_less + length_with(gb.orders, o) < la + lb - kEpsilonMm) {
          remove(&ga, o);
          add(&gb, o);
          return true;
        }
      }
      for (size_t p : gb.orders) {
        const Load b_less_load = minus(gb.load, load_of(r_.orders[p]));
        if (!fits_together(r_.capacity, a_less_load, load_of(r_.orders[p])) ||
            !fits_together(r_.capacity, b_less_load, load_of(r_.orders[o]))) {
          continue;
        }
        const double lb_less = length_without(gb.orders, p);
        if (la_less + lb_less >= la + lb - kEpsilonMm) continue;
        const double la_new = length_of(ga.orders, p, o);
        if (la_new + lb_less >= la + lb - kEpsilonMm) continue;
        if (la_new + length_of(gb.orders, o, p) < la + lb - kEpsilonMm) {
          ga.orders = with(without(ga.orders, o), p);
          ga.load = plus(a_less_load, load_of(r_.orders[p]));
          gb.orders = with(without(gb.orders, p), o);
          gb.load = plus(b_less_load, load_of(r_.orders[o]));
          return true;
        }
      }
    }
    return false;
  }

  // Every accepted move shortens the total by more than kEpsilonMm, so this
  // ends; the work budget ends it early on very large inputs.
  void local_search(std::vector<Group>* groups) {
    bool improved = true;
    while (improved && work_ > 0) {
      improved = false;
      for (size_t a = 0; a < groups->size() && work_ > 0; ++a) {
        for (size_t b = 0; b < groups->size() && work_ > 0; ++b) {
          if (a == b || (*groups)[a].wave != (*groups)[b].wave) continue;
          while (!(*groups)[a].orders.empty() && work_ > 0 && improve_pair(groups, a, b)) {
            improved = true;
          }
        }
      }
    }
  }

  // The local search over the pairs with at least one batch marked changed;
  // a batch a move changes is looked at again. Clears the marks and sets len.
  void local_search_changed(std::vector<Group>* groups) {
    std::vector<Group>& g = *groups;
    bool again = true;
    while (again && work_ > 0) {
      again = false;
      for (size_t a = 0; a < g.size() && work_ > 0; ++a) {
        if (!g[a].changed) continue;
        g[a].changed = false;
        for (size_t b = 0; b < g.size() && work_ > 0; ++b) {
          if (a == b || g[a].wave != g[b].wave) continue;
          bool moved = false;
          while (!g[a].orders.empty() && work_ > 0 && improve_pair(groups, a, b)) moved = true;
          while (!g[b].orders.empty() && work_ > 0 && improve_pair(groups, b, a)) moved = true;
          if (moved) {
            g[a].changed = g[b].changed = true;
            again = true;
          }
        }
      }
    }
    for (Group& x : g) x.changed = false;
    drop_empty(groups);
    refresh(groups);
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

  // ALNS operators ----------------------------------------------------------

  template <size_t N>
  static size_t roulette(const std::array<double, N>& weight, Rng* rng) {
    double sum = 0;
    for (double w : weight) sum += w;
    double x = unit(rng) * sum;
    for (size_t k = 0; k < N; ++k) {
      if (x < weight[k]) return k;
      x -= weight[k];
    }
    return N - 1;
  }

  template <size_t N>
  static void adapt(std::array<double, N>* weight, const std::array<double, N>& score,
                    const std::array<int64_t, N>& uses) {
    for (size_t k = 0; k < N; ++k) {
      if (uses[k] == 0) continue;
      (*weight)[k] = (1 - kReaction) * (*weight)[k] +
                     kReaction * std::max(kMinWeight, score[k] / static_cast<double>(uses[k]));
    }
  }

  // Picks from a list ranked best first, favouring its head: position
  // floor(u^power * size) for a uniform u.
  static size_t biased(size_t size, double power, Rng* rng) {
    const size_t k = static_cast<size_t>(std::pow(unit(rng), power) * static_cast<double>(size));
    return std::min(k, size - 1);
  }

  // How many orders a destroy step takes out.
  size_t removal_count(Rng* rng) const {
    const size_t n = r_.orders.size();
    const size_t lo = std::min(n, std::max<size_t>(2, n / 20));
    const size_t hi = std::min(n, std::max(lo, std::min<size_t>(kMaxRemoved, n * 3 / 10)));
    return lo + rng->below(hi - lo + 1);
  }

  // Takes orders out of the batches; returns them.
  std::vector<size_t> destroy(std::vector<Group>* groups, size_t op, Rng* rng) {
    const size_t n = r_.orders.size();
    std::vector<size_t> where(n, 0);
    for (size_t g = 0; g < groups->size(); ++g) {
      for (size_t o : (*groups)[g].orders) where[o] = g;
    }
    std::vector<size_t> removed;
    std::vector<bool> taken(n, false);
    auto take = [&](size_t o) {
      if (taken[o]) return;
      taken[o] = true;
      removed.push_back(o);
    };
    const size_t q = removal_count(rng);
    switch (op) {
      case kDestroyRandom: {
        std::vector<size_t> all(n);
        for (size_t o = 0; o < n; ++o) all[o] = o;
        for (size_t k = 0; k < q; ++k) {
          std::swap(all[k], all[k + rng->below(n - k)]);
          take(all[k]);
        }
        break;
      }
      case kDestroyWorst: {
        // Orders whose batch is shortened most by their leaving.
        std::vector<std::pair<double, size_t>> gain;
        for (size_t o = 0; o < n; ++o) {
          const Group& g = (*groups)[where[o]];
          gain.emplace_back(-(g.len - length_without(g.orders, o)), o);
        }
        std::sort(gain.begin(), gain.end());
        while (removed.size() < q) {
          const size_t k = biased(gain.size(), kWorstPower, rng);
          take(gain[k].second);
          gain.erase(gain.begin() + static_cast<std::ptrdiff_t>(k));
        }
        break;
      }
      case kDestroyRelated: {
        // An order and the orders that share most walk with it: the saving
        // of batching the two alone. Orders of another wave, or that do not
        // fit one cart with it, are not related.
        const size_t s = rng->below(n);
        take(s);
        const std::vector<size_t> alone{s};
        const double ls = length(alone);
        std::vector<std::pair<double, size_t>> related;
        for (size_t o = 0; o < n; ++o) {
          if (o == s || wave_[o] != wave_[s]) continue;
          if (!fits_together(r_.capacity, load_of(r_.orders[s]), load_of(r_.orders[o]))) continue;
          const double lo = length_of(std::vector<size_t>{o}, kNone, kNone);
          related.emplace_back(-(ls + lo - length_with(alone, o)), o);
        }
        std::sort(related.begin(), related.end());
        while (removed.size() < q && !related.empty()) {
          const size_t k = biased(related.size(), kRelatedPower, rng);
          take(related[k].second);
          related.erase(related.begin() + static_cast<std::ptrdiff_t>(k));
        }
        break;
      }
      default: {
        // Whole batches: one to three, the first half the time the least
        // filled (by items), the others at random.
        const size_t g = groups->size();
        const size_t count = 1 + rng->below(std::min<size_t>(3, g));
        std::vector<size_t> order(g);
        for (size_t k = 0; k < g; ++k) order[k] = k;
        if (rng->below(2) == 0) {
          const auto least = std::min_element(order.begin(), order.end(), [&](size_t x, size_t y) {
            return (*groups)[x].load.items < (*groups)[y].load.items;
          });
          std::iter_swap(order.begin(), least);
        } else {
          std::swap(order[0], order[rng->below(g)]);
        }
        for (size_t k = 1; k < count; ++k) std::swap(order[k], order[k + rng->below(g - k)]);
        for (size_t k = 0; k < count; ++k) {
          for (size_t o : (*groups)[order[k]].orders) take(o);
        }
        break;
      }
    }
    std::vector<bool> touched(groups->size(), false);
    for (size_t o : removed) {
      remove(&(*groups)[where[o]], o);
      touched[where[o]] = true;
      (*groups)[where[o]].changed = true;
    }
    for (size_t g = 0; g < groups->size(); ++g) {
      if (touched[g]) (*groups)[g].len = length((*groups)[g].orders);
    }
    drop_empty(groups);
    return removed;
  }

  // Puts the orders back: into a batch of their wave with room, or a new one.
  // Greedy inserts the cheapest order first; regret-k the order that would
  // lose most by waiting (the k-1 next-best places against the best);
  // sequential inserts in random sequence, each at its cheapest place. Unless
  // open_freely, a new batch is opened only for an order no batch has room
  // for.
  void repair(std::vector<Group>* groups, std::vector<size_t> todo, size_t op, bool open_freely,
              Rng* rng) {
    if (op == kRepairSequential) {
      for (size_t k = 0; k + 1 < todo.size(); ++k) {
        std::swap(todo[k], todo[k + rng->below(todo.size() - k)]);
      }
      for (size_t o : todo) {
        size_t best = kNone;
        double best_cost = 0;
        for (size_t g = 0; g < groups->size(); ++g) {
          const double c = insertion_cost((*groups)[g], o);
          if (c < kInfinity && (best == kNone || c < best_cost - kEpsilonMm)) {
            best = g;
            best_cost = c;
          }
        }
        if (best == kNone || (open_freely && alone(o) < best_cost - kEpsilonMm)) {
          open_batch(groups, o);
        } else {
          insert(&(*groups)[best], o);
        }
      }
      return;
    }
    const size_t regret = op == kRepairGreedy ? 1 : op == kRepairRegret2 ? 2 : 3;
    // cost[i][g]: what putting todo[i] into batch g adds; kInfinity when it
    // does not fit or belongs to another wave.
    std::vector<std::vector<double>> cost(todo.size());
    for (size_t i = 0; i < todo.size(); ++i) {
      for (const Group& g : *groups) cost[i].push_back(insertion_cost(g, todo[i]));
    }
    std::vector<bool> done(todo.size(), false);
    for (size_t left = todo.size(); left > 0; --left) {
      size_t pick = kNone, pick_group = kNone;
      double pick_key = 0, pick_best = 0;
      for (size_t i = 0; i < todo.size(); ++i) {
        if (done[i]) continue;
        // The best `regret` places, a new batch counting as one.
        std::array<double, 3> top;
        top.fill(kInfinity);
        std::array<size_t, 3> top_group;
        top_group.fill(kNone);
        auto offer = [&](double c, size_t g) {
          for (size_t k = 0; k < regret; ++k) {
            if (c < top[k]) {
              for (size_t m = regret - 1; m > k; --m) {
                top[m] = top[m - 1];
                top_group[m] = top_group[m - 1];
              }
              top[k] = c;
              top_group[k] = g;
              return;
            }
          }
        };
        bool any_room = false;
        for (size_t g = 0; g < cost[i].size(); ++g) {
          if (cost[i][g] < kInfinity) {
            any_room = true;
            offer(cost[i][g], g);
          }
        }
        if (open_freely || !any_room) offer(alone(todo[i]), kNone);
        // Regret: places missing count as very expensive, so orders with
        // few places go first.
        double key = 0;
        for (size_t k = 1; k < regret; ++k) {
          key += (top[k] < kInfinity ? top[k] : kMissingPlace) - top[0];
        }
        if (regret == 1) key = -top[0];
        if (pick == kNone || key > pick_key + kEpsilonMm ||
            (key > pick_key - kEpsilonMm && top[0] < pick_best - kEpsilonMm)) {
          pick = i;
          pick_group = top_group[0];
          pick_key = key;
          pick_best = top[0];
        }
      }
      done[pick] = true;
      const size_t o = todo[pick];
      size_t changed = pick_group;
      if (pick_group == kNone) {
        open_batch(groups, o);
        changed = groups->size() - 1;
        for (size_t i = 0; i < todo.size(); ++i) cost[i].push_back(kInfinity);
      } else {
        insert(&(*groups)[pick_group], o);
      }
      for (size_t i = 0; i < todo.size(); ++i) {
        if (!done[i]) cost[i][changed] = insertion_cost((*groups)[changed], todo[i]);
      }
    }
  }

  double insertion_cost(const Group& g, size_t o) {
    if (g.wave != wave_[o] || !fits(g, o)) return kInfinity;
    return length_with(g.orders, o) - g.len;
  }

  double alone(size_t o) { return length_of(std::vector<size_t>{o}, kNone, kNone); }

  void insert(Group* g, size_t o) {
    add(g, o);
    g->len = length(g->orders);
    g->changed = true;
  }

  void open_batch(std::vector<Group>* groups, size_t o) {
    Group g{{}, {}, wave_[o]};
    insert(&g, o);
    groups->push_back(std::move(g));
  }

  const BatchingRequest& r_;
  LengthModel model_;
  std::vector<int> wave_;
  std::vector<double> farthest_;
  std::vector<size_t> release_;  // order indices in release sequence
  std::vector<size_t> rank_;     // rank_[o]: position of order o in release_
  std::vector<SetKey> zobrist_;  // per order, see SetKey
  LengthMemo memo_;
  int64_t work_ = kIlsWorkBudget;
};

void validate(const BatchingRequest& r) {
  const CartCapacity& c = r.capacity;
  if (c.max_items < 1) {
    throw inputs::InputError("invalid_capacity", "capacity.max_items",
                             "capacity.max_items must be at least 1");
  }
  if (c.max_volume_cm3 && *c.max_volume_cm3 < 1) {
    throw inputs::InputError("invalid_capacity", "capacity.max_volume_cm3",
                             "capacity.max_volume_cm3 must be at least 1");
  }
  if (c.max_orders && *c.max_orders < 1) {
    throw inputs::InputError("invalid_capacity", "capacity.max_orders",
                             "capacity.max_orders must be at least 1");
  }
  static const char* const kMethods[] = {"auto", "fcfs", "seed", "savings", "ils", "alns"};
  if (std::find(std::begin(kMethods), std::end(kMethods), r.method) == std::end(kMethods)) {
    throw inputs::InputError(
        "unsupported_method", "method",
        "unknown batching method \"" + r.method + "\"; use auto, fcfs, seed, savings, ils or alns");
  }
  if (r.max_iterations < 0 || r.max_iterations > kMaxIterations) {
    throw inputs::InputError(
        "invalid_parameter", "max_iterations",
        "max_iterations must be between 0 and " + std::to_string(kMaxIterations));
  }
  if (r.max_rounds_without_improvement < 1) {
    throw inputs::InputError("invalid_parameter", "max_rounds_without_improvement",
                             "max_rounds_without_improvement must be at least 1");
  }
  try {
    validate_route_request(RouteRequest{r.layout, {}, "auto"});
  } catch (const inputs::InputError& e) {
    throw inputs::InputError(e.code(), "layout", e.what());
  }
  if (r.orders.size() > kMaxBatchingOrders) {
    throw inputs::InputError("too_many_orders", "orders",
                             "at most " + std::to_string(kMaxBatchingOrders) +
                                 " orders per batching request, got " +
                                 std::to_string(r.orders.size()));
  }
  std::unordered_map<int64_t, size_t> seen;
  for (size_t i = 0; i < r.orders.size(); ++i) {
    const BatchOrder& o = r.orders[i];
    const std::string field = "orders[" + std::to_string(i) + "]";
    if (auto [it, inserted] = seen.emplace(o.id, i); !inserted) {
      throw inputs::InputError("duplicate_order_id", field + ".id",
                               "order id " + std::to_string(o.id) + " is given twice (orders[" +
                                   std::to_string(it->second) + "] and " + field + ")");
    }
    if (o.picks.empty()) {
      throw inputs::InputError("invalid_order", field + ".picks", field + " has no picks");
    }
    if (o.items < 1) {
      throw inputs::InputError("invalid_order", field + ".items",
                               field + ".items must be at least 1");
    }
    if (o.volume_cm3 < 0) {
      throw inputs::InputError("invalid_order", field + ".volume_cm3",
                               field + ".volume_cm3 must not be negative");
    }
    try {
      validate_route_request(RouteRequest{r.layout, o.picks, "auto"});
    } catch (const inputs::InputError& e) {
      throw inputs::InputError(e.code(), field + ".picks", field + ": " + e.what());
    }
    if (o.items > c.max_items) {
      throw inputs::InputError("order_exceeds_capacity", field + ".items",
                               field + " has " + std::to_string(o.items) +
                                   " items, more than a cart holds (" +
                                   std::to_string(c.max_items) + ")");
    }
    if (c.max_volume_cm3 && o.volume_cm3 > *c.max_volume_cm3) {
      throw inputs::InputError("order_exceeds_capacity", field + ".volume_cm3",
                               field + " has " + std::to_string(o.volume_cm3) +
                                   " cm3, more than a cart holds (" +
                                   std::to_string(*c.max_volume_cm3) + ")");
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
  const std::string method = request.method == "auto" ? "alns" : request.method;
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
    // guarantee "never longer than its start" holds in reported terms.
    std::vector<Group> seed = batcher.seed(), savings = batcher.savings();
    std::vector<Batch> seed_batches = batcher.finish(seed);
    std::vector<Batch> savings_batches = batcher.finish(savings);
    const bool from_savings = sum_lengths(savings_batches) <= sum_lengths(seed_batches);
    result.construction = from_savings ? "savings" : "seed";
    std::vector<Batch> start = from_savings ? std::move(savings_batches) : std::move(seed_batches);
    // alns continues from where ils stops, so on one block it is never
    // longer than ils with the same request.
    std::vector<Group> found =
        batcher.ils(from_savings ? std::move(savings) : std::move(seed), &result.iterations);
    if (method == "alns") found = batcher.alns(std::move(found), &result.iterations);
    std::vector<Batch> improved = batcher.finish(std::move(found));
    // The search may run on the S-shape estimate (layouts of several
    // blocks); keep its answer only if the router agrees it is shorter.
    result.batches =
        sum_lengths(improved) <= sum_lengths(start) ? std::move(improved) : std::move(start);
  }
  result.total_length_mm = sum_lengths(result.batches);
  return result;
}

double search_route_length_mm(const WarehouseLayout& layout,
                              const std::vector<PickLocation>& picks) {
  validate_route_request(RouteRequest{layout, picks, "auto"});
  LengthModel model(layout);
  model.add_order(picks);
  return model.measure({0}, LengthModel::kNone, LengthModel::kNone);
}

}  // namespace wareflow::optimize
