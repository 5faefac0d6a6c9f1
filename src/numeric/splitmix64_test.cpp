// Known values of splitmix64: the reference sequence from seed 0 (Vigna's
// splitmix64.c), so a changed constant or shift cannot pass.
#include "numeric/splitmix64.h"

#include <gtest/gtest.h>

namespace wareflow::numeric {
namespace {

TEST(SplitMix64, StreamFromSeedZeroIsTheReferenceSequence) {
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(rng.next(), 0x06c45d188009454fULL);
  EXPECT_EQ(rng.next(), 0xf88bb8a8724c81ecULL);
}

TEST(SplitMix64, HashIsTheFirstNumberOfTheStream) {
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafULL);
  for (uint64_t seed : {1ULL, 42ULL, 0xdeadbeefULL, ~0ULL}) {
    SplitMix64 rng(seed);
    EXPECT_EQ(rng.next(), splitmix64(seed));
    EXPECT_EQ(rng.next(), splitmix64(seed + kSplitMix64Increment));
  }
}

TEST(SplitMix64, BelowStaysInRange) {
  SplitMix64 rng(7);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(rng.below(13), 13u);
}

}  // namespace
}  // namespace wareflow::numeric
