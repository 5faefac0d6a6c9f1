// The batching search's length of a set of orders, internal to optimize/.
//
// Single block: Ratliff & Rosenthal's dynamic program exactly as routing_aisle_dp.cpp
// runs it (the same states and transitions, aisle_states.h; the same edge
// choices and costs), reduced to
// the length: no Euler circuit, no visiting order, transitions tabulated
// once. A batch's picks enter it as one bitmap of occupied cells per aisle
// (the union of its orders' bitmaps) on layouts small enough for that, else as
// a sorted list of occupied (aisle, cell). Several blocks: the router's S-shape
// walk, an estimate.
//
// LengthModel measures, LengthMemo remembers measured sets by their Zobrist
// key (SetKey). Used by batching.cpp only.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "optimize/aisle_states.h"
#include "optimize/routing.h"

namespace wareflow::optimize::batching_length {

using namespace aisle_states;

// Slots of the memo of batch lengths, at most (a power of two; see
// LengthMemo): 24 MiB.
inline constexpr size_t kMaxCachedLengths = size_t{1} << 20;

inline constexpr uint8_t kNoState = 0xFF;

// Every transition of the dynamic program, worked out once. Of the moves
// between the same two states with the same pattern only the one with the
// fewest cross-aisle edges is kept: the others cost more and lead to the same
// state.
struct TransitionTable {
  struct Move {
    uint8_t next = 0;
    uint8_t vertical = 0;
    uint8_t cross = 0;  // cross-aisle edges to the next aisle, front + back
  };
  std::array<std::array<std::vector<Move>, 2>, kStateCount> moves;  // [from][depot_at_j]
  std::array<uint8_t, kVerticalCount> first{};          // state after the first aisle's pattern
  std::array<std::array<bool, 2>, kStateCount> done{};  // [state][depot_at_last]

  TransitionTable() {
    for (uint8_t v = 0; v < kVerticalCount; ++v) {
      ColumnState next;
      first[v] = step(ColumnState{}, 0, 0, static_cast<Vertical>(v), false, &next)
                     ? static_cast<uint8_t>(encode(next))
                     : kNoState;
    }
    for (size_t from = 0; from < kStateCount; ++from) {
      const ColumnState s = decode(from);
      for (int depot = 0; depot < 2; ++depot) {
        done[from][static_cast<size_t>(depot)] = finished(s, depot == 1);
        std::vector<Move>& list = moves[from][static_cast<size_t>(depot)];
        for (uint8_t v = 0; v < kVerticalCount; ++v) {
          for (int cross = 0; cross <= 4; ++cross) {
            for (int fe = 0; fe <= 2; ++fe) {
              const int be = cross - fe;
              if (be < 0 || be > 2) continue;
              ColumnState next;
              if (!step(s, fe, be, static_cast<Vertical>(v), depot == 1, &next)) continue;
              const uint8_t code = static_cast<uint8_t>(encode(next));
              const bool known = std::any_of(list.begin(), list.end(), [&](const Move& m) {
                return m.next == code && m.vertical == v;
              });
              if (!known) list.push_back(Move{code, v, static_cast<uint8_t>(cross)});
            }
          }
        }
      }
    }
  }
};

const TransitionTable& transitions();

// What each vertical pattern costs in one aisle, in cell pitches.
struct ColumnCost {
  std::array<int64_t, kVerticalCount> cost{};
  uint8_t allowed = 0;  // bit v: pattern v possible
};

// An aisle with m distinct picks, nearest at y_min and farthest at y_max
// (cell pitches from the front), whose largest gap between neighbouring
// picks is gap; top is the back cross aisle's y.
ColumnCost column_cost(int64_t m, int64_t y_min, int64_t y_max, int64_t gap, int64_t top);

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The shortest tour's length over the columns of aisles left..right, the
// depot at columns[depot_column]'s front.
double ratliff_rosenthal_length(const std::vector<ColumnCost>& columns, size_t depot_column,
                                double aisle_pitch, double cell_pitch);

// Cell bitmaps cost aisles * ceil(cells / 64) words per order; above this
// many words per order the sorted list is used instead.
inline constexpr int64_t kMaxBitmapWords = 512;

// The search's measure of a set of orders (see the top of this section).
class LengthModel {
 public:
  explicit LengthModel(const WarehouseLayout& l) : layout_(l) {
    single_block_ = l.blocks == 1;
    top_ = l.cells_per_block + 1;
    words_ = static_cast<size_t>((l.cells_per_block + 63) / 64);
    bitmap_ = single_block_ && l.aisles * static_cast<int64_t>(words_) <= kMaxBitmapWords;
    if (bitmap_) stride_ = static_cast<size_t>(l.aisles) * words_;
  }

  void add_order(const std::vector<PickLocation>& picks) {
    if (bitmap_) {
      const size_t at = bits_.size();
      bits_.resize(at + stride_, 0);
      for (const PickLocation& p : picks) {
        const size_t c = static_cast<size_t>(p.cell);
        bits_[at + static_cast<size_t>(p.aisle) * words_ + c / 64] |= uint64_t{1} << (c % 64);
      }
    } else if (single_block_) {
      std::vector<uint64_t> keys;
      for (const PickLocation& p : picks) keys.push_back(cell_key(p));
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      keys_.push_back(std::move(keys));
    } else {
      picks_.push_back(picks);
    }
  }

  // How much work one measurement is, in memo look-ups (see kIlsWorkBudget).
  int64_t cost() const { return bitmap_ ? 25 : single_block_ ? 60 : 500; }

  // The length of the union of the orders' picks, plus order `add` unless
  // kNone, leaving out order `skip` unless kNone.
  double measure(const std::vector<size_t>& orders, size_t add, size_t skip) {
    if (bitmap_) {
      scratch_bits_.assign(stride_, 0);
      auto merge = [&](size_t o) {
        const uint64_t* b = bits_.data() + o * stride_;
        for (size_t w = 0; w < stride_; ++w) scratch_bits_[w] |= b[w];
      };
      for (size_t o : orders) {
        if (o != skip) merge(o);
      }
      if (add != kNone) merge(add);
      return length_of_bitmap(scratch_bits_.data());
    }
    if (single_block_) {
      scratch_keys_.clear();
      auto merge = [&](size_t o) {
        scratch_keys_.insert(scratch_keys_.end(), keys_[o].begin(), keys_[o].end());
      };
      for (size_t o : orders) {
        if (o != skip) merge(o);
      }
      if (add != kNone) merge(add);
      std::sort(scratch_keys_.begin(), scratch_keys_.end());
      return length_of_keys();
    }
    RouteRequest req{layout_, {}, "s_shape"};
    auto merge = [&](size_t o) {
      req.picks.insert(req.picks.end(), picks_[o].begin(), picks_[o].end());
    };
    for (size_t o : orders) {
      if (o != skip) merge(o);
    }
    if (add != kNone) merge(add);
    return plan_route(req).length_mm;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);

 private:
  uint64_t cell_key(const PickLocation& p) const {
    return static_cast<uint64_t>(p.aisle) * static_cast<uint64_t>(top_) +
           static_cast<uint64_t>(p.cell);
  }

  double finish_columns(int64_t left) {
    const size_t depot_column = static_cast<size_t>(layout_.depot_aisle - left);
    return ratliff_rosenthal_length(columns_, depot_column, layout_.aisle_pitch_mm,
                                    layout_.cell_pitch_mm);
  }

  double length_of_bitmap(const uint64_t* bits) {
    int64_t left = layout_.depot_aisle, right = layout_.depot_aisle;
    bool any = false;
    for (int64_t a = 0; a < layout_.aisles; ++a) {
      const uint64_t* w = bits + static_cast<size_t>(a) * words_;
      bool used = false;
      for (size_t k = 0; k < words_ && !used; ++k) used = w[k] != 0;
      if (!used) continue;
      any = true;
      left = std::min(left, a);
      right = std::max(right, a);
    }
    if (!any) return 0;
    columns_.clear();
    for (int64_t a = left; a <= right; ++a) {
      const uint64_t* w = bits + static_cast<size_t>(a) * words_;
      int64_t m = 0, y_min = 0, prev = 0, gap = 0;
      for (size_t k = 0; k < words_; ++k) {
        for (uint64_t x = w[k]; x != 0; x &= x - 1) {
          const int64_t y = static_cast<int64_t>(k * 64) + std::countr_zero(x) + 1;
          if (m == 0) {
            y_min = y;
          } else {
            gap = std::max(gap, y - prev);
          }
          prev = y;
          ++m;
        }
      }
      columns_.push_back(column_cost(m, y_min, prev, gap, top_));
    }
    return finish_columns(left);
  }

  // scratch_keys_: sorted, possibly with duplicates.
  double length_of_keys() {
    if (scratch_keys_.empty()) return 0;
    const uint64_t top = static_cast<uint64_t>(top_);
    const int64_t first = static_cast<int64_t>(scratch_keys_.front() / top);
    const int64_t last = static_cast<int64_t>(scratch_keys_.back() / top);
    const int64_t left = std::min(layout_.depot_aisle, first);
    const int64_t right = std::max(layout_.depot_aisle, last);
    columns_.clear();
    size_t k = 0;
    for (int64_t a = left; a <= right; ++a) {
      int64_t m = 0, y_min = 0, prev = 0, gap = 0;
      for (; k < scratch_keys_.size() && static_cast<int64_t>(scratch_keys_[k] / top) == a; ++k) {
        const int64_t y = static_cast<int64_t>(scratch_keys_[k] % top) + 1;
        if (m > 0 && y == prev) continue;
        if (m == 0) {
          y_min = y;
        } else {
          gap = std::max(gap, y - prev);
        }
        prev = y;
        ++m;
      }
      columns_.push_back(column_cost(m, y_min, prev, gap, top_));
    }
    return finish_columns(left);
  }

  WarehouseLayout layout_;
  bool single_block_ = true;
  bool bitmap_ = false;
  int64_t top_ = 1;
  size_t words_ = 1;
  size_t stride_ = 0;
  std::vector<uint64_t> bits_;                    // bitmap: stride_ words per order
  std::vector<std::vector<uint64_t>> keys_;       // sorted list: occupied cells per order
  std::vector<std::vector<PickLocation>> picks_;  // several blocks: the picks
  std::vector<uint64_t> scratch_bits_;
  std::vector<uint64_t> scratch_keys_;
  std::vector<ColumnCost> columns_;
};

// A set of orders as two 64-bit sums of per-order random keys: the memo's key,
// updated in O(1) when one order joins or leaves. Two independent halves make
// a collision between the sets one search meets practically impossible.
struct SetKey {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const SetKey&) const = default;
};

// The memo of batch lengths: open addressing with linear probing, which
// keeps a look-up to one or two cache lines. It doubles while at most half
// full and, at kMaxCachedLengths slots, starts over empty when half full:
// that bounds memory and only ever costs work, never changes an answer.
class LengthMemo {
 public:
  LengthMemo() : slots_(kInitialSlots) {}

  const double* find(const SetKey& k) const {
    for (size_t i = home(k);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.key == k) return &s.length;
      if (s.key == SetKey{}) return nullptr;
    }
  }

  // k is not in the memo. The all-zero key marks free slots and is never
  // stored (no set of orders met in practice sums to it).
  void insert(const SetKey& k, double length) {
    if (k == SetKey{}) return;
    if (2 * (used_ + 1) > slots_.size()) {
      if (slots_.size() >= kMaxCachedLengths) {
        std::fill(slots_.begin(), slots_.end(), Slot{});
        used_ = 0;
      } else {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        used_ = 0;
        for (const Slot& s : old) {
          if (!(s.key == SetKey{})) place(s.key, s.length);
        }
      }
    }
    place(k, length);
  }

 private:
  struct Slot {
    SetKey key;
    double length = 0;
  };
  static constexpr size_t kInitialSlots = 1024;

  size_t home(const SetKey& k) const {
    return static_cast<size_t>(k.a ^ (k.b >> 17)) & (slots_.size() - 1);
  }

  void place(const SetKey& k, double length) {
    size_t i = home(k);
    while (!(slots_[i].key == SetKey{})) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = Slot{k, length};
    ++used_;
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace wareflow::optimize::batching_length
