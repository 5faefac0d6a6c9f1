#include "optimize/slotting.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <unordered_map>
#include <utility>

namespace wareflow::optimize {

namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

// Travel is a sum of whole multiples of the pitches; a step saving no more
// than this per move saves nothing, the rest is rounding noise.
constexpr double kEpsilonMm = 1e-6;

// cube (< 2^60) times picks (< 2^30) needs more than 64 bits.
using Wide = __int128;

std::string at(const char* array, size_t i, const char* member) {
  return std::string(array) + "[" + std::to_string(i) + "]." + member;
}

// Free slot volumes over a fixed sequence of slots, as a max segment tree:
// the first position in a range whose slot is free and holds at least a
// given volume, in O(log n).
class FreeVolumeTree {
 public:
  explicit FreeVolumeTree(const std::vector<int64_t>& volumes) {
    while (size_ < volumes.size()) size_ *= 2;
    tree_.assign(2 * size_, -1);
    for (size_t i = 0; i < volumes.size(); ++i) tree_[size_ + i] = volumes[i];
    for (size_t i = size_ - 1; i >= 1; --i) tree_[i] = std::max(tree_[2 * i], tree_[2 * i + 1]);
  }

  void take(size_t pos) {
    size_t i = size_ + pos;
    tree_[i] = -1;
    for (i /= 2; i >= 1; i /= 2) tree_[i] = std::max(tree_[2 * i], tree_[2 * i + 1]);
  }

  // The first position in [lo, hi) holding at least volume, or kNone.
  size_t first_fit(size_t lo, size_t hi, int64_t volume) const {
    if (lo >= hi) return kNone;
    return descend(1, 0, size_, lo, hi, volume);
  }

 private:
  size_t descend(size_t node, size_t from, size_t to, size_t lo, size_t hi, int64_t volume) const {
    if (to <= lo || hi <= from || tree_[node] < volume) return kNone;
    if (to - from == 1) return from;
    const size_t mid = from + (to - from) / 2;
    const size_t left = descend(2 * node, from, mid, lo, hi, volume);
    return left != kNone ? left : descend(2 * node + 1, mid, to, lo, hi, volume);
  }

  size_t size_ = 1;
  std::vector<int64_t> tree_;
};

// The slots ranked by round trip, nearest first (ties by id), and grouped by
// zone: group 0 is every slot, group g > 0 the slots of one zone, each group
// in rank order.
struct SlotOrder {
  std::vector<double> round_trip;  // by slot index
  std::vector<size_t> by_rank;     // rank -> slot index
  std::vector<size_t> rank;        // slot index -> rank
  std::unordered_map<std::string, size_t> zone_group;
  std::vector<std::vector<size_t>> group_ranks;  // group -> ranks, ascending
  std::vector<size_t> group_of;                  // slot index -> zone group, 0 if none
  std::vector<size_t> position;                  // slot index -> position in its zone group

  SlotOrder(const WarehouseLayout& layout, const std::vector<PickSlot>& slots) {
    const size_t m = slots.size();
    round_trip.resize(m);
    for (size_t t = 0; t < m; ++t) round_trip[t] = slot_round_trip_mm(layout, slots[t].location);
    by_rank.resize(m);
    for (size_t t = 0; t < m; ++t) by_rank[t] = t;
    std::sort(by_rank.begin(), by_rank.end(), [&](size_t a, size_t b) {
      if (round_trip[a] != round_trip[b]) return round_trip[a] < round_trip[b];
      return slots[a].id < slots[b].id;
    });
    rank.resize(m);
    for (size_t r = 0; r < m; ++r) rank[by_rank[r]] = r;
    group_ranks.emplace_back();
    group_of.assign(m, 0);
    position.assign(m, kNone);
    for (size_t r = 0; r < m; ++r) {
      const size_t t = by_rank[r];
      group_ranks[0].push_back(r);
      if (!slots[t].zone) continue;
      auto [it, inserted] = zone_group.emplace(*slots[t].zone, group_ranks.size());
      if (inserted) group_ranks.emplace_back();
      group_of[t] = it->second;
      position[t] = group_ranks[it->second].size();
      group_ranks[it->second].push_back(r);
    }
  }
};

// Which slots are still free during one construction.
class FreeSlots {
 public:
  FreeSlots(const SlotOrder& order, const std::vector<PickSlot>& slots) : order_(order) {
    for (const std::vector<size_t>& ranks : order.group_ranks) {
      std::vector<int64_t> volumes;
      volumes.reserve(ranks.size());
      for (size_t r : ranks) volumes.push_back(slots[order.by_rank[r]].volume_cm3);
      trees_.emplace_back(volumes);
    }
  }

  // The nearest free slot the SKU fits among the ranks [lo, hi), or kNone.
  // Among equally near ones, `stay` (the SKU's current slot) when it is one.
  size_t nearest(const SlottingSku& sku, size_t lo, size_t hi, size_t stay) const {
    const size_t t = first_fit(sku, lo, hi);
    if (t == kNone || stay == kNone || stay == t) return t;
    const size_t r = order_.rank[stay];
    if (r < lo || r >= hi || order_.round_trip[stay] != order_.round_trip[t]) return t;
    return first_fit(sku, r, r + 1) == stay ? stay : t;
  }

  void take(size_t slot) {
    trees_[0].take(order_.rank[slot]);
    if (order_.group_of[slot] != 0) trees_[order_.group_of[slot]].take(order_.position[slot]);
  }

 private:
  size_t first_fit(const SlottingSku& sku, size_t lo, size_t hi) const {
    size_t group = 0;
    if (sku.zone) {
      const auto it = order_.zone_group.find(*sku.zone);
      if (it == order_.zone_group.end()) return kNone;
      group = it->second;
    }
    const std::vector<size_t>& ranks = order_.group_ranks[group];
    const size_t from =
        static_cast<size_t>(std::lower_bound(ranks.begin(), ranks.end(), lo) - ranks.begin());
    const size_t to =
        static_cast<size_t>(std::lower_bound(ranks.begin(), ranks.end(), hi) - ranks.begin());
    const size_t pos = trees_[group].first_fit(from, to, sku.unit_volume_cm3);
    return pos == kNone ? kNone : order_.by_rank[ranks[pos]];
  }

  const SlotOrder& order_;
  std::vector<FreeVolumeTree> trees_;
};

// SKU indices by picks, most first, ties by id: the ABC ranking.
std::vector<size_t> pick_order(const std::vector<SlottingSku>& skus) {
  std::vector<size_t> order(skus.size());
  for (size_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (skus[a].picks != skus[b].picks) return skus[a].picks > skus[b].picks;
    return skus[a].id < skus[b].id;
  });
  return order;
}

int64_t cube_of(const SlottingSku& s) { return s.units * s.unit_volume_cm3; }

// What the target constructions need besides the request: the slots in
// order, each SKU's current slot and that slot's round trip (infinite for
// none), which breaks ties in favour of the SKU already slotted nearer.
struct Context {
  const SlottingRequest& r;
  const SlotOrder& order;
  std::vector<size_t> current;       // SKU -> slot, kNone if not slotted
  std::vector<double> current_trip;  // SKU -> round trip of its current slot

  bool nearer_today(size_t a, size_t b) const {
    if (current_trip[a] != current_trip[b]) return current_trip[a] < current_trip[b];
    return r.skus[a].id < r.skus[b].id;
  }
};

// SKU indices by cube-per-order index, lowest first (see the header).
std::vector<size_t> coi_order(const Context& c) {
  const std::vector<SlottingSku>& skus = c.r.skus;
  std::vector<size_t> order(skus.size());
  for (size_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const SlottingSku& x = skus[a];
    const SlottingSku& y = skus[b];
    if ((x.picks == 0) != (y.picks == 0)) return x.picks != 0;
    if (x.picks != 0) {
      const Wide lhs = static_cast<Wide>(cube_of(x)) * y.picks;
      const Wide rhs = static_cast<Wide>(cube_of(y)) * x.picks;
      if (lhs != rhs) return lhs < rhs;
      if (x.picks != y.picks) return x.picks > y.picks;
    }
    return c.nearer_today(a, b);
  });
  return order;
}

// ABC class per SKU index, from the SKUs in pick order.
std::vector<char> abc_classes(const SlottingRequest& r, const std::vector<size_t>& by_picks) {
  int64_t total = 0;
  for (const SlottingSku& s : r.skus) total += s.picks;
  std::vector<char> classes(r.skus.size(), 'C');
  int64_t before = 0;
  for (size_t s : by_picks) {
    const int64_t picks = r.skus[s].picks;
    if (picks == 0) break;  // pick order: every later SKU has none either
    if (before * 1000 < r.abc_thresholds_permille[0] * total) {
      classes[s] = 'A';
    } else if (before * 1000 < r.abc_thresholds_permille[1] * total) {
      classes[s] = 'B';
    }
    before += picks;
  }
  return classes;
}

// SKU indices by picks, most first; ties keep today's slotting.
std::vector<size_t> velocity_order(const Context& c) {
  const std::vector<SlottingSku>& skus = c.r.skus;
  std::vector<size_t> order(skus.size());
  for (size_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (skus[a].picks != skus[b].picks) return skus[a].picks > skus[b].picks;
    return c.nearer_today(a, b);
  });
  return order;
}

// Each SKU in `sequence` takes the nearest free slot it fits.
std::vector<size_t> target_in_sequence(const Context& c, const std::vector<size_t>& sequence) {
  FreeSlots free(c.order, c.r.slots);
  std::vector<size_t> target(c.r.skus.size(), kNone);
  for (size_t s : sequence) {
    const size_t t = free.nearest(c.r.skus[s], 0, c.r.slots.size(), c.current[s]);
    if (t == kNone) continue;
    target[s] = t;
    free.take(t);
  }
  return target;
}

size_t ceil_div(size_t a, size_t b) { return (a + b - 1) / b; }

std::vector<size_t> target_abc(const Context& c, const std::vector<char>& classes) {
  const size_t n = c.r.skus.size(), m = c.r.slots.size();
  std::vector<size_t> target(n, kNone);
  if (n == 0) return target;
  size_t count_a = 0, count_b = 0;
  for (char k : classes) {
    count_a += k == 'A';
    count_b += k == 'B';
  }
  // Slot ranks [0, end_a) are A, [end_a, end_b) B, the rest C.
  size_t end_a = 0, end_b = 0;
  if (m >= n) {
    end_a = ceil_div(m * count_a, n);
    end_b = ceil_div(m * (count_a + count_b), n);
  } else {
    end_a = std::min(count_a, m);
    end_b = std::min(count_a + count_b, m);
  }
  // Class by class, most picks first, then the SKU slotted nearer today.
  std::vector<size_t> order(n);
  for (size_t s = 0; s < n; ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (classes[a] != classes[b]) return classes[a] < classes[b];
    if (c.r.skus[a].picks != c.r.skus[b].picks) return c.r.skus[a].picks > c.r.skus[b].picks;
    return c.nearer_today(a, b);
  });
  FreeSlots free(c.order, c.r.slots);
  for (size_t s : order) {
    const size_t lo = classes[s] == 'A' ? 0 : classes[s] == 'B' ? end_a : end_b;
    const size_t hi = classes[s] == 'A' ? end_a : classes[s] == 'B' ? end_b : m;
    size_t t = free.nearest(c.r.skus[s], lo, hi, c.current[s]);
    if (t == kNone) t = free.nearest(c.r.skus[s], 0, m, c.current[s]);
    if (t == kNone) continue;
    target[s] = t;
    free.take(t);
  }
  return target;
}

// The greedy re-slotting plan (see the header). Works on slot and SKU
// indices; a candidate is the best step that moves one SKU into its target.
class Planner {
 public:
  Planner(const SlottingRequest& r, const SlotOrder& order, std::vector<size_t> current,
          const std::vector<size_t>& target)
      : r_(r), order_(order), current_(std::move(current)), target_(target) {
    const size_t n = r.skus.size(), m = r.slots.size();
    occupant_.assign(m, kNone);
    wanted_by_.assign(m, kNone);
    for (size_t s = 0; s < n; ++s) {
      if (current_[s] != kNone) occupant_[current_[s]] = s;
      if (target_[s] != kNone) wanted_by_[target_[s]] = s;
    }
    std::vector<size_t> by_id(n);
    for (size_t s = 0; s < n; ++s) by_id[s] = s;
    std::sort(by_id.begin(), by_id.end(),
              [&](size_t a, size_t b) { return r.skus[a].id < r.skus[b].id; });
    id_rank_.resize(n);
    for (size_t k = 0; k < n; ++k) id_rank_[by_id[k]] = k;
    version_.assign(n, 0);
    for (size_t s = 0; s < n; ++s) refresh(s);
  }

  std::vector<ReslotMove> run(int64_t max_moves) {
    std::vector<ReslotMove> plan;
    // (SKU, slot it left) per move, to undo the steps dropped at the end.
    std::vector<std::pair<size_t, size_t>> left;
    // Moves up to the last step that saved travel; the steps after it saved
    // nothing and are dropped.
    size_t kept = 0;
    int64_t used = 0, step = 0;
    while (used < max_moves) {
      drop_stale(&relocations_);
      drop_stale(&swaps_);
      const bool can_swap = max_moves - used >= 2 && !swaps_.empty();
      const bool can_relocate = !relocations_.empty();
      if (!can_swap && !can_relocate) break;
      const bool take_swap =
          can_swap && (!can_relocate || swaps_.top().per_move > relocations_.top().per_move);
      const Candidate best = take_swap ? swaps_.top() : relocations_.top();
      (take_swap ? swaps_ : relocations_).pop();
      const size_t a = best.sku;
      const size_t x = current_[a], y = target_[a];
      const SlottingSku& sa = r_.skus[a];
      const double trip_x = order_.round_trip[x], trip_y = order_.round_trip[y];
      const std::string kind = take_swap ? "swap" : "relocate";
      plan.push_back({step, kind, sa.id, r_.slots[x].id, r_.slots[y].id,
                      static_cast<double>(sa.picks) * (trip_x - trip_y)});
      left.emplace_back(a, x);
      const size_t b = occupant_[y];
      occupant_[y] = a;
      current_[a] = y;
      occupant_[x] = kNone;
      if (take_swap) {
        plan.push_back({step, kind, r_.skus[b].id, r_.slots[y].id, r_.slots[x].id,
                        static_cast<double>(r_.skus[b].picks) * (trip_y - trip_x)});
        left.emplace_back(b, y);
        occupant_[x] = b;
        current_[b] = x;
      }
      used += take_swap ? 2 : 1;
      ++step;
      // Whose candidate may have changed: the SKUs that moved, and those
      // whose target slot changed hands.
      for (size_t s : {a, take_swap ? b : kNone, wanted_by_[x], wanted_by_[y]}) {
        if (s != kNone) refresh(s);
      }
      if (best.per_move > kEpsilonMm) kept = plan.size();
    }
    for (size_t k = plan.size(); k > kept; --k) current_[left[k - 1].first] = left[k - 1].second;
    plan.resize(kept);
    return plan;
  }

  const std::vector<size_t>& current() const { return current_; }

 private:
  struct Candidate {
    double per_move = 0;
    size_t id_rank = 0;
    size_t sku = 0;
    uint64_t version = 0;
    // Priority order: larger saving per move first, then smaller id.
    bool operator<(const Candidate& o) const {
      if (per_move != o.per_move) return per_move < o.per_move;
      return id_rank > o.id_rank;
    }
  };
  using Heap = std::priority_queue<Candidate>;

  void drop_stale(Heap* heap) {
    while (!heap->empty() && heap->top().version != version_[heap->top().sku]) heap->pop();
  }

  void refresh(size_t a) {
    const uint64_t version = ++version_[a];
    const size_t x = current_[a], y = target_[a];
    if (x == kNone || y == kNone || x == y) return;
    const double trip_x = order_.round_trip[x], trip_y = order_.round_trip[y];
    const double picks_a = static_cast<double>(r_.skus[a].picks);
    const size_t b = occupant_[y];
    if (b == kNone) {
      const double saving = picks_a * (trip_x - trip_y);
      if (saving >= 0) relocations_.push({saving, id_rank_[a], a, version});
      return;
    }
    if (!sku_fits_slot(r_.skus[b], r_.slots[x])) return;
    const double saving = (picks_a - static_cast<double>(r_.skus[b].picks)) * (trip_x - trip_y);
    if (saving >= 0) swaps_.push({saving / 2, id_rank_[a], a, version});
  }

  const SlottingRequest& r_;
  const SlotOrder& order_;
  std::vector<size_t> current_;        // SKU -> slot
  const std::vector<size_t>& target_;  // SKU -> slot
  std::vector<size_t> occupant_;       // slot -> SKU
  std::vector<size_t> wanted_by_;      // slot -> the SKU it is the target of
  std::vector<size_t> id_rank_;        // SKU -> rank by id
  std::vector<uint64_t> version_;      // SKU -> its latest candidate
  Heap relocations_, swaps_;
};

double travel_of(const SlottingRequest& r, const SlotOrder& order,
                 const std::vector<size_t>& slot_of) {
  double total = 0;
  for (size_t s = 0; s < r.skus.size(); ++s) {
    if (slot_of[s] != kNone) {
      total += static_cast<double>(r.skus[s].picks) * order.round_trip[slot_of[s]];
    }
  }
  return total;
}

}  // namespace

double slot_round_trip_mm(const WarehouseLayout& layout, const PickLocation& location) {
  return 2 * depot_distance_mm(layout, location);
}

bool sku_fits_slot(const SlottingSku& sku, const PickSlot& slot) {
  if (slot.volume_cm3 < sku.unit_volume_cm3) return false;
  return !sku.zone || (slot.zone && *slot.zone == *sku.zone);
}

std::array<int64_t, 2> abc_thresholds_from_shares(double a_share, double b_share) {
  if (!std::isfinite(a_share) || !std::isfinite(b_share) || a_share < 0 || b_share < a_share ||
      b_share > 1) {
    throw inputs::InputError("invalid_parameter", "abc_thresholds",
                             "abc_thresholds must be two shares with 0 <= a <= b <= 1");
  }
  return {std::llround(a_share * 1000), std::llround(b_share * 1000)};
}

void validate_slotting_request(const SlottingRequest& r) {
  if (r.method != "abc" && r.method != "cube_per_order" && r.method != "velocity" &&
      r.method != "auto") {
    throw inputs::InputError(
        "unsupported_method", "method",
        "unknown slotting method '" + r.method + "'; use velocity, abc, cube_per_order or auto");
  }
  if (r.max_moves < 0) {
    throw inputs::InputError("invalid_parameter", "max_moves", "max_moves must not be negative");
  }
  const auto& th = r.abc_thresholds_permille;
  if (th[0] < 0 || th[1] < th[0] || th[1] > 1000) {
    throw inputs::InputError(
        "invalid_parameter", "abc_thresholds",
        "abc thresholds must satisfy 0 <= A share <= B share <= 1000 permille");
  }
  try {
    validate_route_request(RouteRequest{r.layout, {}, "auto"});
  } catch (const inputs::InputError& e) {
    throw inputs::InputError(e.code(), "layout", e.what());
  }
  if (r.slots.size() > kMaxSlottingSlots) {
    throw inputs::InputError("too_many_slots", "slots",
                             "at most " + std::to_string(kMaxSlottingSlots) +
                                 " slots per slotting request, got " +
                                 std::to_string(r.slots.size()));
  }
  if (r.skus.size() > kMaxSlottingSkus) {
    throw inputs::InputError("too_many_skus", "skus",
                             "at most " + std::to_string(kMaxSlottingSkus) +
                                 " SKUs per slotting request, got " +
                                 std::to_string(r.skus.size()));
  }
  const int64_t cells = r.layout.blocks * r.layout.cells_per_block;
  std::unordered_map<std::string, size_t> slot_index;
  for (size_t i = 0; i < r.slots.size(); ++i) {
    const PickSlot& t = r.slots[i];
    const std::string name = "slots[" + std::to_string(i) + "]";
    if (t.id.empty())
      throw inputs::InputError("invalid_slot", at("slots", i, "id"), name + " has no id");
    if (auto [it, inserted] = slot_index.emplace(t.id, i); !inserted) {
      throw inputs::InputError("duplicate_slot_id", at("slots", i, "id"),
                               "slot id '" + t.id + "' is given twice (slots[" +
                                   std::to_string(it->second) + "] and " + name + ")");
    }
    if (t.volume_cm3 < 1 || t.volume_cm3 > kMaxSlotVolumeCm3) {
      throw inputs::InputError(
          "invalid_slot", at("slots", i, "volume_cm3"),
          name + ".volume_cm3 must be between 1 and " + std::to_string(kMaxSlotVolumeCm3));
    }
    const PickLocation& p = t.location;
    if (p.aisle < 0 || p.aisle >= r.layout.aisles || p.cell < 0 || p.cell >= cells) {
      throw inputs::InputError("invalid_slot", at("slots", i, "location"),
                               name + " (aisle " + std::to_string(p.aisle) + ", cell " +
                                   std::to_string(p.cell) + ") is outside the layout of " +
                                   std::to_string(r.layout.aisles) + " aisles and " +
                                   std::to_string(cells) + " cells");
    }
    if (t.zone && t.zone->empty()) {
      throw inputs::InputError("invalid_slot", at("slots", i, "zone"),
                               name + ".zone must not be empty; omit it for none");
    }
  }
  std::unordered_map<std::string, size_t> sku_index;
  std::vector<size_t> holder(r.slots.size(), kNone);
  for (size_t i = 0; i < r.skus.size(); ++i) {
    const SlottingSku& s = r.skus[i];
    const std::string name = "skus[" + std::to_string(i) + "]";
    if (s.id.empty())
      throw inputs::InputError("invalid_sku", at("skus", i, "id"), name + " has no id");
    if (auto [it, inserted] = sku_index.emplace(s.id, i); !inserted) {
      throw inputs::InputError("duplicate_sku_id", at("skus", i, "id"),
                               "SKU id '" + s.id + "' is given twice (skus[" +
                                   std::to_string(it->second) + "] and " + name + ")");
    }
    const std::string range = " must be between 0 and " + std::to_string(kMaxSlottingQuantity);
    if (s.picks < 0 || s.picks > kMaxSlottingQuantity) {
      throw inputs::InputError("invalid_sku", at("skus", i, "picks"), name + ".picks" + range);
    }
    if (s.units < 0 || s.units > kMaxSlottingQuantity) {
      throw inputs::InputError("invalid_sku", at("skus", i, "units"), name + ".units" + range);
    }
    if (s.unit_volume_cm3 < 1 || s.unit_volume_cm3 > kMaxSlotVolumeCm3) {
      throw inputs::InputError(
          "invalid_sku", at("skus", i, "unit_volume_cm3"),
          name + ".unit_volume_cm3 must be between 1 and " + std::to_string(kMaxSlotVolumeCm3));
    }
    if (s.zone && s.zone->empty()) {
      throw inputs::InputError("invalid_sku", at("skus", i, "zone"),
                               name + ".zone must not be empty; omit it for any");
    }
    if (!s.current_slot) continue;
    const auto it = slot_index.find(*s.current_slot);
    if (it == slot_index.end()) {
      throw inputs::InputError("unknown_slot", at("skus", i, "current_slot"),
                               name + ".current_slot '" + *s.current_slot + "' is not a slot");
    }
    if (holder[it->second] != kNone) {
      throw inputs::InputError("slot_shared", at("skus", i, "current_slot"),
                               "slot '" + *s.current_slot + "' holds both skus[" +
                                   std::to_string(holder[it->second]) + "] and " + name);
    }
    holder[it->second] = i;
  }
}

SlottingResult plan_slotting(const SlottingRequest& r) {
  validate_slotting_request(r);
  const size_t n = r.skus.size();
  const SlotOrder order(r.layout, r.slots);
  std::unordered_map<std::string, size_t> slot_index;
  for (size_t t = 0; t < r.slots.size(); ++t) slot_index.emplace(r.slots[t].id, t);
  Context context{r, order, std::vector<size_t>(n, kNone),
                  std::vector<double>(n, std::numeric_limits<double>::infinity())};
  for (size_t s = 0; s < n; ++s) {
    if (!r.skus[s].current_slot) continue;
    context.current[s] = slot_index.at(*r.skus[s].current_slot);
    context.current_trip[s] = order.round_trip[context.current[s]];
  }
  const std::vector<char> classes = abc_classes(r, pick_order(r.skus));

  SlottingResult result;
  result.method = r.method == "auto" ? "velocity" : r.method;
  const std::vector<size_t> target = result.method == "abc" ? target_abc(context, classes)
                                     : result.method == "cube_per_order"
                                         ? target_in_sequence(context, coi_order(context))
                                         : target_in_sequence(context, velocity_order(context));

  result.assignments.reserve(n);
  for (size_t s = 0; s < n; ++s) {
    const SlottingSku& sku = r.skus[s];
    SkuSlotting a;
    a.sku = sku.id;
    if (target[s] != kNone) {
      a.slot = r.slots[target[s]].id;
      a.travel_mm = static_cast<double>(sku.picks) * order.round_trip[target[s]];
    } else {
      result.unplaced.push_back(sku.id);
    }
    a.current_slot = sku.current_slot;
    a.abc_class = std::string(1, classes[s]);
    a.cube_cm3 = cube_of(sku);
    if (sku.picks > 0) {
      a.coi_cm3_per_pick = static_cast<double>(a.cube_cm3) / static_cast<double>(sku.picks);
    }
    result.assignments.push_back(std::move(a));
  }
  result.current_travel_mm = travel_of(r, order, context.current);
  result.target_travel_mm = travel_of(r, order, target);

  Planner planner(r, order, context.current, target);
  result.plan = planner.run(r.max_moves);
  result.planned_travel_mm = travel_of(r, order, planner.current());
  return result;
}

}  // namespace wareflow::optimize
