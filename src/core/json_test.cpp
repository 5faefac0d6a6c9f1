#include "core/json.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/text.h"

namespace wareflow {
namespace {

boost::json::object parse(const char* text) { return boost::json::parse(text).as_object(); }

std::string field_of_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "invalid_field");
    return e.field();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(FieldReader, NamesNestedFieldsInErrors) {
  auto o = parse(R"({"lines": [{"quantity": 1}, {"quantity": "2"}]})");
  FieldReader in(o);
  const auto& lines = in.required_array("lines", 10);
  EXPECT_EQ(in.element("lines", lines, 0).required_int("quantity", 1, 10), 1);
  EXPECT_EQ(field_of_error([&] { in.element("lines", lines, 1).required_int("quantity", 1, 10); }),
            "lines[1].quantity");
}

TEST(FieldReader, IntegersMustBeIntegersInRange) {
  auto o = parse(R"({"a": 1.0, "b": 0, "c": 18446744073709551615})");
  FieldReader in(o);
  EXPECT_EQ(field_of_error([&] { in.required_int("a", 0, 5); }), "a");
  EXPECT_EQ(field_of_error([&] { in.required_int("b", 1, 5); }), "b");
  EXPECT_EQ(field_of_error([&] { in.required_int("c", 0, 5); }), "c");
  EXPECT_EQ(field_of_error([&] { in.required_int("missing", 0, 5); }), "missing");
}

TEST(FieldReader, NullCountsAsAbsent) {
  auto o = parse(R"({"a": null})");
  EXPECT_FALSE(FieldReader(o).optional_string("a"));
}

TEST(Codes, Alphabet) {
  EXPECT_TRUE(is_code("SKU-00001"));
  EXPECT_TRUE(is_code("a.b_c"));
  EXPECT_FALSE(is_code(""));
  EXPECT_FALSE(is_code("has space"));
  EXPECT_FALSE(is_code("slash/no"));
  EXPECT_FALSE(is_code(std::string(65, 'a')));
}

// ---- the reader against generated request bodies -------------------------------

// One member value as request text, with what the reader must make of it.
struct Member {
  std::string text;  // JSON text
  enum Kind { kNull, kInteger, kOtherNumber, kString, kOther } kind = kOther;
  int64_t integer = 0;
  std::string string;              // decoded, for kString
  std::optional<int64_t> time_ms;  // for kString: what it means as a time
};

std::string json_string(const std::string& s) {
  return boost::json::serialize(boost::json::value(s));
}

Member string_member(const std::string& s, std::optional<int64_t> time_ms = std::nullopt) {
  return {json_string(s), Member::kString, 0, s, time_ms};
}

rc::Gen<Member> any_member() {
  using rc::gen::map;
  auto integer = [](int64_t v) { return Member{std::to_string(v), Member::kInteger, v, {}, {}}; };
  auto literal = [](const char* text, Member::Kind kind) { return Member{text, kind, 0, {}, {}}; };
  // Weighted so that every path of every accessor is taken often.
  return rc::gen::weightedOneOf<Member>({
      // integers in range, near it, and anywhere in int64
      {3, map(rc::gen::inRange<int64_t>(-12, 13), integer)},
      {1, map(rc::gen::arbitrary<int64_t>(), integer)},
      {1, rc::gen::element(integer(INT64_MIN), integer(INT64_MAX))},
      // numbers that are no int64: fractions, exponents, past int64 either way
      {1,
       rc::gen::element(literal("1.0", Member::kOtherNumber), literal("-0.5", Member::kOtherNumber),
                        literal("1e3", Member::kOtherNumber), literal("-0.0", Member::kOtherNumber),
                        literal("9223372036854775808", Member::kOtherNumber),
                        literal("18446744073709551615", Member::kOtherNumber),
                        literal("-9223372036854775809", Member::kOtherNumber))},
      // short and long text, escapes and multi-byte characters included
      {2, rc::gen::exec([] {
         return string_member(*rc::gen::container<std::string>(*rc::gen::inRange<size_t>(0, 9),
                                                               rc::gen::inRange<char>(32, 127)));
       })},
      {1, rc::gen::element(string_member("\u00e9t\u00e9"), string_member("ab\ncd"),
                           string_member(std::string(65, 't')))},
      // times, good and bad
      {3, rc::gen::element(string_member("2024-02-29T12:34:56Z", 1709210096000),
                           string_member("2024-02-29T12:34:56.789+02:00", 1709202896789),
                           string_member("1999-12-31T23:59:59-05:30", 946704599000),
                           string_member("2024-02-29", 1709164800000),
                           string_member("1970-01-01T00:00:00Z", 0), string_member("2023-02-29"),
                           string_member("2024-13-01T00:00:00Z"),
                           string_member("2024-01-01T25:00:00Z"), string_member("yesterday"),
                           string_member(""))},
      // everything else
      {1, rc::gen::element(literal("null", Member::kNull), literal("true", Member::kOther),
                           literal("false", Member::kOther), literal("[]", Member::kOther),
                           literal("[1]", Member::kOther), literal("{}", Member::kOther),
                           literal("{\"a\":1}", Member::kOther))},
  });
}

// What one accessor did: gave a value, gave nothing, or refused with 422
// invalid_field naming a field.
template <class T>
struct Read {
  enum { kNothing, kValue, kRefused } what = kNothing;
  T value{};
  std::string field;

  static Read value_of(T v) { return {kValue, std::move(v), {}}; }
  static Read refusal(std::string f) { return {kRefused, T{}, std::move(f)}; }
  bool operator==(const Read&) const = default;
};

template <class T>
Read<T> read(const std::function<std::optional<T>()>& accessor) {
  try {
    auto v = accessor();
    return v ? Read<T>::value_of(*v) : Read<T>{};
  } catch (const DomainError& e) {
    RC_ASSERT(e.http_status() == 422);
    RC_ASSERT(e.code() == "invalid_field");
    return Read<T>::refusal(e.field());
  }
}

struct ReaderCounts {
  int cases = 0, present = 0, int_values = 0, int_refusals = 0, string_values = 0,
      string_refusals = 0, time_values = 0, time_refusals = 0;
};

// Generated objects {key: value, other members...}, parsed from their text
// as the server parses bodies: optional_int, optional_string and
// optional_time give exactly the value the member holds, nothing when it is
// absent or null, and otherwise a 422 naming the member.
void reader_property(ReaderCounts& counts) {
  const auto key = *rc::gen::container<std::string>(*rc::gen::inRange<size_t>(1, 6),
                                                    rc::gen::inRange<char>(32, 127));
  const bool present = *rc::gen::weightedElement<bool>({{4, true}, {1, false}});
  const Member member = *any_member();
  const auto others =
      *rc::gen::container<std::vector<Member>>(*rc::gen::inRange<size_t>(0, 3), any_member());
  std::string text = "{";
  for (size_t i = 0; i < others.size(); ++i) {
    if (i == others.size() / 2 && present) text += json_string(key) + ":" + member.text + ",";
    text += json_string("other" + key + std::to_string(i)) + ":" + others[i].text + ",";
  }
  if (present && others.empty()) text += json_string(key) + ":" + member.text + ",";
  if (text.back() == ',') text.pop_back();
  text += "}";
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  RC_ASSERT(!ec);
  FieldReader in(value.as_object());

  const bool absent = !present || member.kind == Member::kNull;
  ++counts.cases;
  counts.present += absent ? 0 : 1;

  const auto as_int = read<int64_t>([&] { return in.optional_int(key, -10, 10); });
  if (absent) {
    RC_ASSERT(as_int == Read<int64_t>{});
  } else if (member.kind == Member::kInteger && member.integer >= -10 && member.integer <= 10) {
    RC_ASSERT(as_int == Read<int64_t>::value_of(member.integer));
    ++counts.int_values;
  } else {
    RC_ASSERT(as_int == Read<int64_t>::refusal(key));
    ++counts.int_refusals;
  }

  const auto as_string = read<std::string>([&] { return in.optional_string(key, 5); });
  if (absent) {
    RC_ASSERT(as_string == Read<std::string>{});
  } else if (member.kind == Member::kString && member.string.size() <= 5 &&
             !text_fault(member.string)) {
    RC_ASSERT(as_string == Read<std::string>::value_of(member.string));
    ++counts.string_values;
  } else {
    RC_ASSERT(as_string == Read<std::string>::refusal(key));
    ++counts.string_refusals;
  }

  // The generated text is either one of the listed times or no time at all
  // (random text is shorter than the shortest date).
  const auto as_time = read<int64_t>([&] { return in.optional_time(key, true); });
  if (absent) {
    RC_ASSERT(as_time == Read<int64_t>{});
  } else if (member.kind == Member::kString && member.time_ms) {
    RC_ASSERT(as_time == Read<int64_t>::value_of(*member.time_ms));
    ++counts.time_values;
  } else {
    RC_ASSERT(as_time == Read<int64_t>::refusal(key));
    ++counts.time_refusals;
  }
}

TEST(FieldReaderProperty, ReadsExactlyWhatTheObjectHolds) {
  // 200 cases in one run whatever RC_PARAMS's max_success, so the shares
  // below are measured on enough cases. One run, not a loop of rc::check:
  // rapidcheck derives a property's seed from its name, so each repeated
  // check would replay the same few cases (25 under the sanitizers, where one
  // unlucky seed held no time string at all).
  ReaderCounts counts;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = 200;
  rc::detail::TestMetadata metadata;
  metadata.id = metadata.description = "FieldReader reads generated objects exactly";
  const auto result =
      rc::detail::checkTestable([&counts] { reader_property(counts); }, metadata, params);
  rc::detail::printResultMessage(result, std::cerr);
  std::cerr << "\n";
  ASSERT_TRUE(result.is<rc::detail::SuccessResult>());
  std::printf(
      "%d cases: %d with the member; int %d read, %d refused; string %d read, %d refused; "
      "time %d read, %d refused\n",
      counts.cases, counts.present, counts.int_values, counts.int_refusals, counts.string_values,
      counts.string_refusals, counts.time_values, counts.time_refusals);
  // The cases reach the reader's every path, not only "absent".
  EXPECT_GE(counts.present * 10, counts.cases * 6) << counts.present << " of " << counts.cases;
  for (int n : {counts.int_values, counts.int_refusals, counts.string_values,
                counts.string_refusals, counts.time_values, counts.time_refusals}) {
    EXPECT_GE(n * 50, counts.cases) << "a path reached by fewer than 2 % of " << counts.cases;
  }
}

}  // namespace
}  // namespace wareflow
