// Henn & Wäscher-like order batching instances, shared by bench_batching and
// bench_batching_optimum (and built the same way as random_orders in
// src/optimize/batching_test.cpp, so a seed names the same orders there).
//
// Henn & Wäscher's (2012) warehouse: 10 aisles of 90 locations in one block,
// aisle pitch 5 m, location pitch 1 m, depot at the left front corner. n
// orders of 5..25 items, each item one pick at a random location: uniformly
// over all locations, or ABC-skewed (the 10 % of locations nearest the depot
// receive 52 % of the picks, the next 30 % receive 36 %, the farthest 60 %
// receive 12 %). std::mt19937_64, so every platform builds the same instances.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "optimize/batching.h"

namespace hw {

inline wareflow::optimize::WarehouseLayout layout() {
  return wareflow::optimize::WarehouseLayout{10, 1, 90, 5000, 1000, 0};
}

// Locations ranked nearest the depot first (walking distance, ties by aisle
// then cell), for the ABC classes.
inline std::vector<wareflow::optimize::PickLocation> ranked_locations(
    const wareflow::optimize::WarehouseLayout& l) {
  std::vector<wareflow::optimize::PickLocation> all;
  for (int64_t a = 0; a < l.aisles; ++a) {
    for (int64_t c = 0; c < l.blocks * l.cells_per_block; ++c) all.push_back({a, c});
  }
  std::stable_sort(all.begin(), all.end(), [&](const auto& x, const auto& y) {
    return wareflow::optimize::depot_distance_mm(l, x) <
           wareflow::optimize::depot_distance_mm(l, y);
  });
  return all;
}

inline std::vector<wareflow::optimize::BatchOrder> make_orders(
    const wareflow::optimize::WarehouseLayout& l, size_t count, bool abc, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<wareflow::optimize::PickLocation> ranked = ranked_locations(l);
  const uint64_t cells = ranked.size();
  const uint64_t a_end = cells / 10, b_end = cells * 4 / 10;
  auto location = [&]() -> wareflow::optimize::PickLocation {
    if (!abc) {
      return {static_cast<int64_t>(rng() % static_cast<uint64_t>(l.aisles)),
              static_cast<int64_t>(rng() % static_cast<uint64_t>(l.cells_per_block))};
    }
    const uint64_t cls = rng() % 100;
    if (cls < 52) return ranked[rng() % a_end];
    if (cls < 88) return ranked[a_end + rng() % (b_end - a_end)];
    return ranked[b_end + rng() % (cells - b_end)];
  };
  std::vector<wareflow::optimize::BatchOrder> orders;
  for (size_t i = 0; i < count; ++i) {
    wareflow::optimize::BatchOrder o;
    o.id = static_cast<int64_t>(100 + i);
    o.items = 5 + static_cast<int64_t>(rng() % 21);
    for (int64_t k = 0; k < o.items; ++k) o.picks.push_back(location());
    o.volume_cm3 = 500 * o.items;
    orders.push_back(std::move(o));
  }
  return orders;
}

// The seed of instance s (1, 2, ...) of a bench_batching row of n orders.
inline uint64_t row_seed(int64_t n, int64_t s, bool abc) {
  return static_cast<uint64_t>(1000 * n + s) + (abc ? 7'000'000ULL : 0ULL);
}

}  // namespace hw
