// Exact integer arithmetic past 64 bits: products and sums of int64 values in
// 128 bits, brought back to int64 by saturating at its ends. For the reports
// and room checks that multiply bounded inputs (units × price, units × length
// × width × height) and add them over any number of rows, where int64 (and
// SQL's SUM) would wrap or fail. Std-only and header-only; GCC and Clang.
#pragma once

#include <cstdint>
#include <limits>

namespace wareflow::numeric {

__extension__ using Int128 = __int128;

inline constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();
// Where intermediates stop growing: far past int64 (so a result that fits is
// exact), far below the 128-bit limit (so one more product of two int64
// values added to it cannot overflow).
inline constexpr Int128 kWideCap = Int128{1} << 120;

constexpr Int128 clamp_wide(Int128 x) {
  return x > kWideCap ? kWideCap : x < -kWideCap ? -kWideCap : x;
}

// x as int64, the nearest end of the range when it lies beyond.
constexpr int64_t saturate(Int128 x) {
  return x > kInt64Max ? kInt64Max : x < kInt64Min ? kInt64Min : static_cast<int64_t>(x);
}

// a × b, exact while |a × b| ≤ 2^120, else ±2^120.
constexpr Int128 mul_wide(Int128 a, Int128 b) {
  a = clamp_wide(a);
  b = clamp_wide(b);
  if (a == 0 || b == 0) return 0;
  const Int128 abs_a = a < 0 ? -a : a, abs_b = b < 0 ? -b : b;
  const bool negative = (a < 0) != (b < 0);
  if (abs_a > kWideCap / abs_b) return negative ? -kWideCap : kWideCap;
  return negative ? -(abs_a * abs_b) : abs_a * abs_b;
}

// ⌈x / d⌉ for x ≥ 0 and d > 0.
constexpr Int128 ceil_div(Int128 x, Int128 d) { return (x + d - 1) / d; }

// A sum kept exactly in 128 bits (clamped at ±2^120), read as int64 with
// saturation; saturated() tells when the int64 value is not the sum.
class Sum {
 public:
  constexpr Sum& add(Int128 x) {
    total_ = clamp_wide(total_ + clamp_wide(x));
    return *this;
  }
  constexpr Sum& operator+=(Int128 x) { return add(x); }
  constexpr Int128 wide() const { return total_; }
  constexpr int64_t value() const { return saturate(total_); }
  constexpr bool saturated() const { return total_ > kInt64Max || total_ < kInt64Min; }

 private:
  Int128 total_ = 0;
};

// The volume of `units` units of length × width × height mm in mm³ (≤ 2^120).
constexpr Int128 volume_mm3(int64_t units, int64_t length_mm, int64_t width_mm, int64_t height_mm) {
  return mul_wide(mul_wide(mul_wide(units, length_mm), width_mm), height_mm);
}

// The same in cm³, rounded up: units never take less room than they have.
constexpr Int128 volume_cm3(int64_t units, int64_t length_mm, int64_t width_mm, int64_t height_mm) {
  const Int128 mm3 = volume_mm3(units, length_mm, width_mm, height_mm);
  return mm3 <= 0 ? mm3 / 1000 : ceil_div(mm3, 1000);
}

}  // namespace wareflow::numeric
