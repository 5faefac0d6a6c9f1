#include "core/time.h"

#include <gtest/gtest.h>

namespace wareflow {
namespace {

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(1795000000123), "2026-11-18T11:06:40.123Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (int64_t at : {0LL, 1795000000123LL, 951782400000LL /* 2000-02-29 */}) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(at)), at);
  }
}

TEST(Time, ParsesOffsetsAndDates) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-02", true), 86400000);
  EXPECT_FALSE(parse_rfc3339("1970-01-02"));  // a date needs allow_date_only
}

TEST(Time, RefusesImpossibleDates) {
  EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T00:00:00"));  // no offset
  EXPECT_FALSE(parse_rfc3339("2026-01-01T00:00:00Zjunk"));
  EXPECT_FALSE(parse_rfc3339(""));
}

}  // namespace
}  // namespace wareflow
