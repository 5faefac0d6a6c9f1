// Held-Karp: the optimal visiting order over the shortest-path distances of
// up to kHeldKarpMaxPoints stops, for any layout.
#include <algorithm>
#include <limits>
#include <vector>

#include "optimize/routing_internal.h"

namespace wareflow::optimize {

// Held-Karp over the shortest-path distance matrix: O(2^n n^2) time.
std::vector<size_t> held_karp_order(const Instance& in) {
  const size_t n = in.points();
  if (n == 0) return {};
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(n + 1));
  for (size_t a = 0; a <= n; ++a) {
    for (size_t b = 0; b <= n; ++b) d[a][b] = in.distance(a, b);
  }
  // best[mask][i]: shortest walk from the depot through the points in mask
  // (point i is stop i + 1), ending at point i.
  const size_t masks = size_t{1} << n;
  std::vector<double> best(masks * n, kInfinity);
  std::vector<int8_t> before(masks * n, -1);
  for (size_t i = 0; i < n; ++i) best[(size_t{1} << i) * n + i] = d[0][i + 1];
  for (size_t mask = 1; mask < masks; ++mask) {
    for (size_t last = 0; last < n; ++last) {
      if (!(mask >> last & 1)) continue;
      const double here = best[mask * n + last];
      if (here == kInfinity) continue;
      for (size_t next = 0; next < n; ++next) {
        if (mask >> next & 1) continue;
        const size_t grown = mask | (size_t{1} << next);
        const double via = here + d[last + 1][next + 1];
        if (via < best[grown * n + next]) {
          best[grown * n + next] = via;
          before[grown * n + next] = static_cast<int8_t>(last);
        }
      }
    }
  }
  const size_t full = masks - 1;
  size_t last = 0;
  double shortest = kInfinity;
  for (size_t i = 0; i < n; ++i) {
    const double closed = best[full * n + i] + d[i + 1][0];
    if (closed < shortest) {
      shortest = closed;
      last = i;
    }
  }
  std::vector<size_t> order;
  for (size_t mask = full; mask != 0;) {
    order.push_back(last + 1);
    const int8_t prev = before[mask * n + last];
    mask &= ~(size_t{1} << last);
    last = static_cast<size_t>(prev);
  }
  std::reverse(order.begin(), order.end());
  return order;
}

}  // namespace wareflow::optimize
