// splitmix64 (Steele, Lea and Flood 2014; Vigna's constants): the one copy of
// the tiny generator the pure cores use for seeded, reproducible randomness.
// Unlike the standard distributions it gives the same numbers on every
// platform and standard library, so a seed replays a search or a simulated
// day exactly. Std-only and header-only: every module may include it.
#pragma once

#include <cstdint>

namespace wareflow::numeric {

inline constexpr uint64_t kSplitMix64Increment = 0x9e3779b97f4a7c15ULL;

// The hash of x: x plus the increment, then mixed. Spreads nearby seeds (ids,
// indexes) over the whole 64-bit space.
constexpr uint64_t splitmix64(uint64_t x) {
  x += kSplitMix64Increment;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The stream from a seed: the n-th number is splitmix64(seed + n * increment).
class SplitMix64 {
 public:
  explicit constexpr SplitMix64(uint64_t seed) : state_(seed) {}

  constexpr uint64_t next() {
    const uint64_t x = state_;
    state_ += kSplitMix64Increment;
    return splitmix64(x);
  }

  // Below n (> 0) by the remainder: slightly biased, which the searches do
  // not mind, and the same on every platform.
  constexpr uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

}  // namespace wareflow::numeric
