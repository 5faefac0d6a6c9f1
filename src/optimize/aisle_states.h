// Ratliff & Rosenthal's (1983) column states for one block of parallel
// aisles, shared by the router (routing_aisle_dp.cpp, which also builds the tour) and
// the batching search (batching_length.h, which needs only the length). Internal
// to optimize/.
//
// A partial tour subgraph over aisles L..j can be completed optimally knowing
// only the degree (none, even, odd) of the aisle-j front and back nodes,
// whether the two are connected, and whether a finished component was left
// behind. Rather than transcribing the paper's transition tables, each
// transition is simulated on those facts, which is equivalent and harder to
// get wrong. Edge choices are the paper's: 0, 1 or 2 copies of each
// cross-aisle edge between neighbouring aisles, and per aisle one of the six
// vertical patterns. The depot lies on the tour by requiring a positive degree
// at aisle D's front node.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wareflow::optimize::aisle_states {

enum Degree : uint8_t { kNoDegree = 0, kEvenDegree = 1, kOddDegree = 2 };

inline uint8_t add_edges(uint8_t degree, int edges) {
  if (edges == 0) return degree;
  const bool odd = (degree == kOddDegree) != (edges % 2 == 1);
  return odd ? kOddDegree : kEvenDegree;
}

enum Vertical : uint8_t {
  kNoVertical,     // only when the aisle has no picks
  kTraverseOnce,   // front to back once
  kTraverseTwice,  // front to back twice
  kFromFront,      // in and out from the front to the farthest pick
  kFromBack,       // in and out from the back to the nearest pick
  kSplitAtGap,     // both, leaving out the largest gap between picks
  kVerticalCount
};

struct ColumnState {
  uint8_t front = kNoDegree;
  uint8_t back = kNoDegree;
  bool joined = false;  // front and back in one component (both have degree)
  bool closed = false;  // a finished component lies to the left
};

constexpr size_t kStateCount = 3 * 3 * 2 * 2;

inline size_t encode(const ColumnState& s) {
  return ((s.front * 3u + s.back) * 2u + (s.joined ? 1u : 0u)) * 2u + (s.closed ? 1u : 0u);
}

inline ColumnState decode(size_t code) {
  ColumnState s;
  s.closed = code % 2 == 1;
  s.joined = code / 2 % 2 == 1;
  s.back = static_cast<uint8_t>(code / 4 % 3);
  s.front = static_cast<uint8_t>(code / 12);
  return s;
}

// From state s at aisle j, with `back_edges` / `front_edges` copies of the
// cross-aisle edges to aisle j + 1 and pattern v in aisle j + 1: the state at
// aisle j + 1, or false if no tour can come of it.
inline bool step(const ColumnState& s, int front_edges, int back_edges, Vertical v, bool depot_at_j,
                 ColumnState* out) {
  // Aisle j's nodes get no more edges: their degree must be final and even.
  const uint8_t front_final = add_edges(s.front, front_edges);
  const uint8_t back_final = add_edges(s.back, back_edges);
  if (front_final == kOddDegree || back_final == kOddDegree) return false;
  if (depot_at_j && front_final == kNoDegree) return false;

  // Components at aisle j: label 0 holds the front node, label 1 the back
  // node unless joined. A component with no edge to the right is finished.
  const int front_comp = s.front != kNoDegree ? 0 : -1;
  const int back_comp = s.back != kNoDegree ? (s.joined ? 0 : 1) : -1;
  bool continues[2] = {false, false};
  if (front_edges > 0 && front_comp >= 0) continues[front_comp] = true;
  if (back_edges > 0 && back_comp >= 0) continues[back_comp] = true;
  int closed = s.closed ? 1 : 0;
  for (int comp = 0; comp < 2; ++comp) {
    const bool exists = front_comp == comp || back_comp == comp;
    if (exists && !continues[comp]) ++closed;
  }

  // Aisle j + 1's nodes: labels 2 and 3 are components starting at aisle j
  // (a node of degree zero there, reached by a doubled cross-aisle edge);
  // 4 and 5 start in aisle j + 1 itself.
  uint8_t front = add_edges(kNoDegree, front_edges);
  uint8_t back = add_edges(kNoDegree, back_edges);
  int new_front_comp = front_edges > 0 ? (front_comp >= 0 ? front_comp : 2) : -1;
  int new_back_comp = back_edges > 0 ? (back_comp >= 0 ? back_comp : 3) : -1;
  bool merged = false;
  switch (v) {
    case kNoVertical:
      break;
    case kTraverseOnce:
    case kTraverseTwice: {
      const int edges = v == kTraverseOnce ? 1 : 2;
      front = add_edges(front, edges);
      back = add_edges(back, edges);
      merged = true;
      break;
    }
    case kFromFront:
      front = add_edges(front, 2);
      break;
    case kFromBack:
      back = add_edges(back, 2);
      break;
    case kSplitAtGap:
      front = add_edges(front, 2);
      back = add_edges(back, 2);
      break;
    case kVerticalCount:
      return false;
  }
  if (front != kNoDegree && new_front_comp < 0) new_front_comp = 4;
  if (back != kNoDegree && new_back_comp < 0) new_back_comp = 5;

  if (closed >= 2) return false;
  if (closed == 1 && (front != kNoDegree || back != kNoDegree)) return false;
  out->front = front;
  out->back = back;
  out->joined =
      front != kNoDegree && back != kNoDegree && (merged || new_front_comp == new_back_comp);
  out->closed = closed == 1;
  return true;
}

// After the last aisle: is the state a finished single tour?
inline bool finished(const ColumnState& s, bool depot_at_j) {
  if (s.front == kOddDegree || s.back == kOddDegree) return false;
  if (depot_at_j && s.front == kNoDegree) return false;
  int components = s.closed ? 1 : 0;
  if (s.front != kNoDegree && s.back != kNoDegree) {
    components += s.joined ? 1 : 2;
  } else if (s.front != kNoDegree || s.back != kNoDegree) {
    components += 1;
  }
  return components == 1;
}

}  // namespace wareflow::optimize::aisle_states
