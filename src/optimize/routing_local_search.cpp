// Local search on the shortest-path distances: multi-start descents with
// 2-opt and Or-opt moves over neighbour lists, iterated with seeded kicks,
// then a full-neighbourhood polish. Deterministic: a fixed seed and a work
// budget instead of a clock.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>
#include <limits>
#include <map>
#include <utility>

#include "numeric/splitmix64.h"
#include "optimize/routing_internal.h"

namespace wareflow::optimize {

namespace {

// Work local search may spend once its starts are built (move evaluations
// and stops moved): bounds its run time on 10,000 picks to a second or two
// without reading a clock, so the same input always gives the same route.
constexpr int64_t kLocalSearchBudget = 100'000'000;

// Iterated local search: kKicksPerStop segment-swap kicks per distinct stop,
// at most kMaxKicks, alternately of runs of 1..kKickSegment stops and of any
// length; kNeighbours nearest stops are tried for each move.
constexpr size_t kKicksPerStop = 10;
constexpr size_t kMaxKicks = 2000;
constexpr size_t kKickSegment = 10;
constexpr uint64_t kKickSeed = 0x5eed;
constexpr size_t kNeighbours = 10;

// Local search on the shortest-path distances.

// Distances between stops, tabulated when there are few enough stops.
class Distances {
 public:
  explicit Distances(const Instance& in) : in_(in), n_(in.stops.size()) {
    if (n_ > kTabulatedStops) return;
    table_.resize(n_ * n_);
    for (size_t a = 0; a < n_; ++a) {
      for (size_t b = 0; b < n_; ++b) table_[a * n_ + b] = in.distance(a, b);
    }
  }
  double operator()(size_t a, size_t b) const {
    return table_.empty() ? in_.distance(a, b) : table_[a * n_ + b];
  }

 private:
  static constexpr size_t kTabulatedStops = 1024;  // at most 8 MiB
  const Instance& in_;
  size_t n_;
  std::vector<double> table_;
};

std::vector<size_t> nearest_neighbour_order(const Instance& in, const Distances& d) {
  const size_t n = in.points();
  std::vector<bool> visited(n + 1, false);
  std::vector<size_t> order;
  size_t at = 0;
  for (size_t step = 0; step < n; ++step) {
    size_t best = 0;
    double nearest = kInfinity;
    for (size_t s = 1; s <= n; ++s) {
      if (visited[s]) continue;
      const double here = d(at, s);
      if (here < nearest) {
        nearest = here;
        best = s;
      }
    }
    visited[best] = true;
    order.push_back(best);
    at = best;
  }
  return order;
}

// Each stop's nearest others (depot included), nearest first, ties by index.
// A stop in another aisle is at least the aisles between times the pitch
// away, so aisles are searched outwards from the stop's own until that bound
// passes the farthest kept.
std::vector<std::vector<uint32_t>> neighbour_lists(const Instance& in, const Distances& d,
                                                   size_t count) {
  std::map<int64_t, std::vector<uint32_t>> by_aisle;
  for (size_t s = 0; s < in.stops.size(); ++s) {
    by_aisle[in.stops[s].aisle].push_back(static_cast<uint32_t>(s));
  }
  std::vector<std::pair<int64_t, const std::vector<uint32_t>*>> aisles;
  for (const auto& [aisle, stops] : by_aisle) aisles.emplace_back(aisle, &stops);
  std::vector<std::vector<uint32_t>> lists(in.stops.size());
  using Near = std::pair<double, uint32_t>;
  for (size_t s = 0; s < in.stops.size(); ++s) {
    std::vector<Near> kept;  // a max-heap of at most `count`
    auto offer = [&](uint32_t t) {
      if (t == s) return;
      const Near near{d(s, t), t};
      if (kept.size() < count) {
        kept.push_back(near);
        std::push_heap(kept.begin(), kept.end());
      } else if (near < kept.front()) {
        std::pop_heap(kept.begin(), kept.end());
        kept.back() = near;
        std::push_heap(kept.begin(), kept.end());
      }
    };
    const int64_t own = in.stops[s].aisle;
    const auto mid =
        std::lower_bound(aisles.begin(), aisles.end(), own,
                         [](const auto& entry, int64_t aisle) { return entry.first < aisle; });
    auto right = mid;  // next aisle rightwards (own included)
    auto left = mid;   // one past the next aisle leftwards
    while (right != aisles.end() || left != aisles.begin()) {
      const bool go_right =
          left == aisles.begin() ||
          (right != aisles.end() && right->first - own <= own - std::prev(left)->first);
      const auto& entry = go_right ? *right : *std::prev(left);
      const double bound =
          static_cast<double>(std::abs(entry.first - own)) * in.grid.aisle_pitch_mm;
      if (kept.size() == count && bound > kept.front().first) break;
      for (uint32_t t : *entry.second) offer(t);
      if (go_right) {
        ++right;
      } else {
        --left;
      }
    }
    std::sort(kept.begin(), kept.end());
    for (const Near& near : kept) lists[s].push_back(near.second);
  }
  return lists;
}

// A closed tour over every stop (the depot is stop 0) as an array with each
// stop's position, improved by 2-opt and Or-opt moves over neighbour lists
// with don't-look bits (a queue of stops whose neighbourhood changed), and
// perturbed by segment swaps (a double bridge of two neighbouring segments).
// Every move is built from reversals of the shorter side. Its length is kept
// up to date move by move, and the changes since the last checkpoint are
// journaled so that a rejected kick is undone in the time it took.
class TourImprover {
 public:
  TourImprover(const Distances& d, const std::vector<std::vector<uint32_t>>& neighbours,
               int64_t* budget)
      : d_(d),
        near_(neighbours),
        budget_(budget),
        pos_(neighbours.size()),
        queued_(neighbours.size(), false) {}

  // Starts from depot -> order -> depot, every stop active.
  void load(const std::vector<size_t>& order) {
    tour_.assign(1, 0);
    for (size_t s : order) tour_.push_back(static_cast<uint32_t>(s));
    for (size_t i = 0; i < tour_.size(); ++i) pos_[tour_[i]] = static_cast<uint32_t>(i);
    length_ = 0;
    for (size_t i = 0; i < tour_.size(); ++i)
      length_ += d_(tour_[i], tour_[(i + 1) % tour_.size()]);
    clear_queue();
    journal_.clear();
    for (uint32_t s : tour_) activate(s);
  }

  // The visiting order, from the depot's successor.
  std::vector<size_t> order() const {
    std::vector<size_t> order;
    const size_t n = tour_.size();
    for (size_t i = 1; i < n; ++i) order.push_back(tour_[(pos_[0] + i) % n]);
    return order;
  }

  double length() const { return length_; }

  // Applies improving moves until none of the active stops has one.
  void descend() {
    if (tour_.size() < 5) return clear_queue();
    while (!queue_.empty() && *budget_ > 0) {
      const uint32_t a = queue_.front();
      queue_.pop_front();
      queued_[a] = false;
      if (improve_two_opt(a) || improve_or_opt(a)) activate(a);
    }
  }

  // Forgets the journal: the tour as it is becomes the one to return to.
  void checkpoint() {
    journal_.clear();
    checkpoint_length_ = length_;
  }

  // Undoes every change since the checkpoint, last first.
  void rollback() {
    for (size_t k = journal_.size(); k-- > 0;) {
      const Change& c = journal_[k];
      if (c.swap) {
        swap_segments(c.start, c.second, c.first);
      } else {
        reverse_positions(c.start, c.first);
      }
    }
    journal_.clear();
    length_ = checkpoint_length_;
    clear_queue();
  }

  // Swaps two neighbouring segments of 1..`longest` stops at a random place
  // and activates the ends of the changed edges.
  void kick(numeric::SplitMix64* rng, size_t longest) {
    const size_t n = tour_.size();
    if (n < 5) return;
    longest = std::min(longest, (n - 2) / 2);
    const size_t start = rng->below(n);
    const size_t first = 1 + rng->below(longest);
    const size_t second = 1 + rng->below(longest);
    const uint32_t touched[] = {tour_[start],
                                tour_[(start + 1) % n],
                                tour_[(start + first) % n],
                                tour_[(start + first + 1) % n],
                                tour_[(start + first + second) % n],
                                tour_[(start + first + second + 1) % n]};
    // a [b .. c] [e .. f] g  ->  a [e .. f] [b .. c] g
    const auto [a, b, c, e, f, g] = touched;
    length_ += d_(a, e) + d_(f, b) + d_(c, g) - d_(a, b) - d_(c, e) - d_(f, g);
    swap_segments(start, first, second);
    journal_.push_back({true, start, first, second});
    for (uint32_t v : touched) activate(v);
  }

 private:
  struct Change {
    bool swap = false;  // swap_segments(start, first, second), else reverse_positions(start, first)
    size_t start = 0, first = 0, second = 0;
  };

  uint32_t succ(uint32_t v) const {
    const size_t p = pos_[v] + 1;
    return tour_[p == tour_.size() ? 0 : p];
  }
  uint32_t pred(uint32_t v) const { return tour_[pos_[v] == 0 ? tour_.size() - 1 : pos_[v] - 1]; }

  void activate(uint32_t v) {
    if (queued_[v]) return;
    queued_[v] = true;
    queue_.push_back(v);
  }
  void clear_queue() {
    for (uint32_t v : queue_) queued_[v] = false;
    queue_.clear();
  }

  // The `first` stops after position `start` trade places with the `second`
  // stops after them.
  void swap_segments(size_t start, size_t first, size_t second) {
    const size_t n = tour_.size();
    moved_.clear();
    for (size_t i = 0; i < second; ++i) moved_.push_back(tour_[(start + 1 + first + i) % n]);
    for (size_t i = 0; i < first; ++i) moved_.push_back(tour_[(start + 1 + i) % n]);
    for (size_t i = 0; i < moved_.size(); ++i) {
      const size_t at = (start + 1 + i) % n;
      tour_[at] = moved_[i];
      pos_[moved_[i]] = static_cast<uint32_t>(at);
    }
    *budget_ -= static_cast<int64_t>(moved_.size());
  }

  // Reverses the `len` positions from `i` on (cyclically).
  void reverse_positions(size_t i, size_t len) {
    const size_t n = tour_.size();
    size_t j = (i + len + n - 1) % n;
    *budget_ -= static_cast<int64_t>(len);
    for (size_t k = 0; k < len / 2; ++k) {
      std::swap(tour_[i], tour_[j]);
      pos_[tour_[i]] = static_cast<uint32_t>(i);
      pos_[tour_[j]] = static_cast<uint32_t>(j);
      i = i + 1 == n ? 0 : i + 1;
      j = j == 0 ? n - 1 : j - 1;
    }
  }

  // Reverses the path from `from` forwards to `to`, or the rest of the tour
  // if that is shorter (the same tour, walked the other way).
  void reverse_path(uint32_t from, uint32_t to) {
    const size_t n = tour_.size();
    size_t i = pos_[from], len = (pos_[to] + n - i) % n + 1;
    if (2 * len > n) {
      i = (pos_[to] + 1) % n;
      len = n - len;
    }
    reverse_positions(i, len);
    journal_.push_back({false, i, len, 0});
  }

  // Edges (a, b) and (c, d), both walked the same way round, become (a, c)
  // and (b, d).
  void two_opt_move(uint32_t a, uint32_t b, uint32_t c, [[maybe_unused]] uint32_t d) {
    if (succ(a) == b) {
      reverse_path(b, c);
    } else {
      reverse_path(c, b);
    }
  }

  bool improve_two_opt(uint32_t a) {
    for (int forward = 1; forward >= 0; --forward) {
      const uint32_t b = forward ? succ(a) : pred(a);
      const double ab = d_(a, b);
      for (uint32_t c : near_[a]) {
        --*budget_;
        const double gain_first = ab - d_(a, c);
        if (gain_first <= kEpsilonMm) break;
        const uint32_t e = forward ? succ(c) : pred(c);
        if (c == b || e == a) continue;
        const double gain = gain_first + d_(c, e) - d_(b, e);
        if (gain > kEpsilonMm) {
          two_opt_move(a, b, c, e);
          length_ -= gain;
          for (uint32_t v : {a, b, c, e}) activate(v);
          return true;
        }
      }
    }
    return false;
  }

  // Moves a run of 1-3 stops that starts or ends at `a`, either way round,
  // next to a neighbour of one of its ends.
  bool improve_or_opt(uint32_t a) {
    const size_t n = tour_.size();
    for (size_t len = 1; len <= 3 && len + 3 <= n; ++len) {
      for (int starts = 1; starts >= 0; --starts) {
        if (len == 1 && !starts) break;
        uint32_t s1 = a, s2 = a;  // the run is s1 .. s2 walked forwards
        for (size_t k = 1; k < len; ++k) {
          if (starts) {
            s2 = succ(s2);
          } else {
            s1 = pred(s1);
          }
        }
        const uint32_t p = pred(s1), nx = succ(s2);
        const double removed = d_(p, s1) + d_(s2, nx) - d_(p, nx);
        if (removed <= kEpsilonMm) continue;
        auto inside = [&](uint32_t v) { return (pos_[v] + n - pos_[s1]) % n < len; };
        double best = kEpsilonMm;
        uint32_t best_u = 0, best_v = 0;
        bool best_reversed = false;
        for (uint32_t end : {s1, s2}) {
          for (uint32_t c : near_[end]) {
            --*budget_;
            if (removed - d_(end, c) <= kEpsilonMm) break;
            if (inside(c)) continue;
            for (int side = 0; side < 2; ++side) {
              const uint32_t u = side == 0 ? c : pred(c), v = side == 0 ? succ(c) : c;
              if (inside(u) || inside(v)) continue;
              const double kept = d_(u, v);
              const double forward = removed - (d_(u, s1) + d_(s2, v) - kept);
              const double backward = removed - (d_(u, s2) + d_(s1, v) - kept);
              if (forward > best) {
                best = forward;
                best_u = u, best_v = v, best_reversed = false;
              }
              if (backward > best) {
                best = backward;
                best_u = u, best_v = v, best_reversed = true;
              }
            }
          }
        }
        if (best <= kEpsilonMm) continue;
        // p s1..s2 nx .. u v  ->  p u .. nx s2..s1 v  ->  p nx .. u s2..s1 v
        two_opt_move(p, s1, best_u, best_v);
        two_opt_move(p, best_u, nx, s2);
        if (!best_reversed) two_opt_move(best_u, s2, s1, best_v);
        length_ -= best;
        for (uint32_t v : {p, nx, s1, s2, best_u, best_v}) activate(v);
        return true;
      }
    }
    return false;
  }

  const Distances& d_;
  const std::vector<std::vector<uint32_t>>& near_;
  int64_t* budget_;
  std::vector<uint32_t> tour_, pos_, moved_;
  std::vector<bool> queued_;
  std::deque<uint32_t> queue_;
  std::vector<Change> journal_;
  double length_ = 0, checkpoint_length_ = 0;
};

// Full neighbourhoods, no lists: 2-opt over every pair of edges and Or-opt
// of every run of 1-3 stops to every edge, until no move improves or the
// budget is spent. The last step of local search, so its result is a local
// optimum of both moves in full. tour[0] is the depot.
class FullScan {
 public:
  FullScan(const Distances& d, const std::vector<size_t>& order, int64_t* budget)
      : d_(d), budget_(budget) {
    tour_.push_back(0);
    tour_.insert(tour_.end(), order.begin(), order.end());
  }

  std::vector<size_t> run() {
    bool improved = true;
    while (improved && *budget_ > 0) {
      improved = two_opt();
      improved = or_opt() || improved;
    }
    return std::vector<size_t>(tour_.begin() + 1, tour_.end());
  }

 private:
  size_t at(size_t position) const { return tour_[position % tour_.size()]; }
  double d(size_t a, size_t b) const { return d_(a, b); }

  // Reverses a stretch of the tour when swapping two edges shortens it.
  bool two_opt() {
    const size_t n = tour_.size();
    bool improved = false;
    for (size_t i = 0; i + 2 < n && *budget_ > 0; ++i) {
      for (size_t k = i + 2; k<n&& * budget_> 0; ++k, --*budget_) {
        if (i == 0 && k == n - 1) continue;  // the two edges meet at the depot
        const size_t a = at(i), b = at(i + 1), c = at(k), e = at(k + 1);
        const double delta = d(a, c) + d(b, e) - d(a, b) - d(c, e);
        if (delta < -kEpsilonMm) {
          std::reverse(tour_.begin() + static_cast<std::ptrdiff_t>(i + 1),
                       tour_.begin() + static_cast<std::ptrdiff_t>(k + 1));
          improved = true;
        }
      }
    }
    return improved;
  }

  // Moves a run of 1-3 stops, either way round, between two other stops.
  bool or_opt() {
    bool improved = false;
    for (size_t len = 1; len <= 3; ++len) {
      for (size_t i = 1; i + len <= tour_.size() && *budget_ > 0; ++i) {
        const size_t n = tour_.size();
        const size_t first = tour_[i], last = tour_[i + len - 1];
        const size_t prev = tour_[i - 1], next = at(i + len);
        const double removed = d(prev, first) + d(last, next) - d(prev, next);
        double best = -kEpsilonMm;
        size_t best_k = n;
        bool best_reversed = false;
        for (size_t k = 0; k<n&& * budget_> 0; ++k, --*budget_) {
          if (k + 1 >= i && k < i + len) continue;  // an edge touching the run
          const size_t a = tour_[k], b = at(k + 1);
          const double kept = d(a, b);
          const double forward = d(a, first) + d(last, b) - kept - removed;
          const double backward = d(a, last) + d(first, b) - kept - removed;
          if (forward < best || backward < best) {
            best_reversed = backward < forward;
            best = std::min(forward, backward);
            best_k = k;
          }
        }
        if (best_k == n) continue;
        std::vector<size_t> run(tour_.begin() + static_cast<std::ptrdiff_t>(i),
                                tour_.begin() + static_cast<std::ptrdiff_t>(i + len));
        if (best_reversed) std::reverse(run.begin(), run.end());
        const size_t anchor = tour_[best_k];
        tour_.erase(tour_.begin() + static_cast<std::ptrdiff_t>(i),
                    tour_.begin() + static_cast<std::ptrdiff_t>(i + len));
        const auto where = std::find(tour_.begin(), tour_.end(), anchor) + 1;
        tour_.insert(where, run.begin(), run.end());
        improved = true;
      }
    }
    return improved;
  }

  const Distances& d_;
  int64_t* budget_;
  std::vector<size_t> tour_;
};

}  // namespace

// Local search: a descent from each of several starts (nearest neighbour,
// s_shape, largest_gap, combined_plus), then iterated local search from the
// best (segment-swap kicks, a descent after each, kept if no longer), then
// the full-neighbourhood polish. Deterministic: a fixed seed and a work
// budget instead of a clock.
std::vector<size_t> local_search_order(const Instance& in) {
  const size_t n = in.points();
  if (n <= 2) return nearest_neighbour_order(in, Distances(in));
  int64_t budget = kLocalSearchBudget;
  const Distances d(in);
  const auto neighbours = neighbour_lists(in, d, kNeighbours);
  TourImprover tour(d, neighbours, &budget);
  std::vector<size_t> best;
  double best_length = kInfinity;
  const std::vector<size_t> starts[] = {
      nearest_neighbour_order(in, d), heuristic_order(in, "s_shape"),
      heuristic_order(in, "largest_gap"), heuristic_order(in, "combined_plus")};
  for (const auto& start : starts) {
    tour.load(start);
    tour.descend();
    if (tour.length() < best_length - kEpsilonMm) {
      best_length = tour.length();
      best = tour.order();
    }
  }
  const size_t kicks = std::min(kMaxKicks, kKicksPerStop * n);
  numeric::SplitMix64 rng(kKickSeed);
  tour.load(best);
  tour.descend();
  for (size_t k = 0; k < kicks && budget > 0; ++k) {
    const double before = tour.length();
    tour.checkpoint();
    tour.kick(&rng, k % 2 == 0 ? kKickSegment : n);  // local, then tour-wide
    tour.descend();
    if (tour.length() > before + kEpsilonMm) tour.rollback();  // equal ones walk on
  }
  best = tour.order();
  return FullScan(d, best, &budget).run();
}

}  // namespace wareflow::optimize
