#include "core/json.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <boost/json/parse.hpp>

#include "core/error.h"

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

// Whatever JSON object comes in, reading it either gives values or a 422.
RC_GTEST_PROP(FieldReaderProperty, NeverCrashes,
              (const std::string& key, const std::string& text)) {
  boost::json::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return;
  FieldReader in(value.as_object());
  try {
    in.optional_int(key, -10, 10);
  } catch (const DomainError&) {
  }
  try {
    in.optional_string(key, 5);
  } catch (const DomainError&) {
  }
  try {
    in.optional_time(key, true);
  } catch (const DomainError&) {
  }
}

}  // namespace
}  // namespace wareflow
