#include "api/query_params.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace wareflow::api {
namespace {

Request with(std::initializer_list<std::pair<const std::string, std::string>> query) {
  Request r;
  r.query = query;
  return r;
}

// The field and detail of the 422 a call throws.
template <class Fn>
std::pair<std::string, std::string> refusal(Fn fn) {
  try {
    fn();
  } catch (const DomainError& e) {
    return {e.field(), e.detail()};
  }
  return {};
}

TEST(QueryParams, WholeNumbersOnlyWithinTheirRange) {
  EXPECT_EQ(parse_whole_number("42", 1, 100), 42);
  EXPECT_EQ(parse_whole_number("0", 0, 0), 0);
  EXPECT_EQ(parse_whole_number("-3", -5, 5), -3);
  EXPECT_EQ(parse_whole_number("9223372036854775807", 1, INT64_MAX), INT64_MAX);
  for (const char* bad :
       {"", " 1", "1 ", "+1", "1.0", "0x10", "1e3", "abc", "12a", "9223372036854775808"}) {
    EXPECT_EQ(parse_whole_number(bad, INT64_MIN, INT64_MAX), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_whole_number("101", 1, 100), std::nullopt);
  EXPECT_EQ(parse_whole_number("0", 1, 100), std::nullopt);
}

TEST(QueryParams, DecimalsFiniteAndWithinTheirRange) {
  EXPECT_EQ(parse_decimal("0.25", 0, 10), 0.25);
  EXPECT_EQ(parse_decimal("10", 0, 10), 10.0);
  for (const char* bad : {"", "0.25x", "inf", "nan", "11", "-0.1"}) {
    EXPECT_EQ(parse_decimal(bad, 0, 10), std::nullopt) << bad;
  }
}

TEST(QueryParams, LimitDefaultsTo100AndRefusesEmpty) {
  EXPECT_EQ(query_limit(with({})), 100);
  EXPECT_EQ(query_limit(with({{"limit", "500"}})), 500);
  auto expected =
      std::pair<std::string, std::string>{"limit", "limit must be an integer from 1 to 500"};
  EXPECT_EQ(refusal([] { query_limit(with({{"limit", ""}})); }), expected);
  EXPECT_EQ(refusal([] { query_limit(with({{"limit", "501"}})); }), expected);
}

TEST(QueryParams, IntegersNameTheParameterAndTheirRange) {
  EXPECT_EQ(query_int(with({}), "days", 1, 365), std::nullopt);
  EXPECT_EQ(query_int(with({{"days", ""}}), "days", 1, 365), std::nullopt);
  EXPECT_EQ(query_int(with({{"days", "7"}}), "days", 1, 365), 7);
  EXPECT_EQ(
      refusal([] {
        query_int(with({{"days", "366"}}), "days", 1, 365);
      }),
      (std::pair<std::string, std::string>{"days", "days must be a whole number from 1 to 365"}));
  EXPECT_EQ(refusal([] {
              query_int(with({{"n", "x"}}), "n", 0, 9, "a digit");
            }),
            (std::pair<std::string, std::string>{"n", "n must be a digit"}));
  EXPECT_EQ(refusal([] {
              query_positive_int(with({{"n", "0"}}), "n", "a positive integer");
            }),
            (std::pair<std::string, std::string>{"n", "n must be a positive integer"}));
}

TEST(QueryParams, IdsAndCursors) {
  EXPECT_EQ(parse_id("12", "unknown_order"), 12);
  try {
    parse_id("0", "unknown_order");
    ADD_FAILURE() << "id 0 accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_EQ(e.code(), "unknown_order");
  }
  EXPECT_EQ(cursor_id(with({})), 0);
  EXPECT_EQ(cursor_id(with({{"cursor", "5"}})), 5);
  EXPECT_EQ(
      refusal([] {
        cursor_id(with({{"cursor", "-5"}}));
      }),
      (std::pair<std::string, std::string>{"cursor", "cursor is not one this server gave out"}));
}

}  // namespace
}  // namespace wareflow::api
