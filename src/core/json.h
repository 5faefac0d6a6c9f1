// Reading request JSON with precise, field-named errors.
//
// FieldReader wraps one JSON object and a path prefix ("lines[2]"); every
// accessor either returns a checked value or throws DomainError 422
// `invalid_field` naming the full path of the offending field. Strings keep
// the text rule (core/text.h). Integers must
// be JSON integers (1.0 and "1" are refused) within the given range.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace wareflow {

class FieldReader {
 public:
  FieldReader(const boost::json::object& object, std::string path = {})
      : object_(object), path_(std::move(path)) {}

  bool has(std::string_view key) const;
  std::string field_path(std::string_view key) const;

  // Strings keep the text rule of core/text.h (UTF-8, no control characters).
  std::string required_string(std::string_view key, size_t max_length = 256) const;
  std::optional<std::string> optional_string(std::string_view key, size_t max_length = 256) const;
  // Any string, control characters included: for machine input that is not
  // stored as text (a GS1 scan carries group separators).
  std::optional<std::string> optional_raw_string(std::string_view key,
                                                 size_t max_length = 256) const;
  int64_t required_int(std::string_view key, int64_t min, int64_t max) const;
  std::optional<int64_t> optional_int(std::string_view key, int64_t min, int64_t max) const;
  std::optional<double> optional_number(std::string_view key, double min, double max) const;
  std::optional<bool> optional_bool(std::string_view key) const;
  FieldReader required_object(std::string_view key) const;
  std::optional<FieldReader> optional_object(std::string_view key) const;
  const boost::json::array& required_array(std::string_view key, size_t max_items) const;
  const boost::json::array* optional_array(std::string_view key, size_t max_items) const;
  // Element i of an array field, as an object reader with path "key[i]".
  FieldReader element(std::string_view key, const boost::json::array& array, size_t i) const;
  // Optional RFC 3339 time; date-only allowed when said.
  std::optional<int64_t> optional_time(std::string_view key, bool allow_date_only = false) const;

  const std::string& path() const { return path_; }

 private:
  const boost::json::value* find(std::string_view key) const;  // null when absent or JSON null
  const boost::json::object& object_;
  std::string path_;
};

// True when `text` is 1..max_length characters of [A-Za-z0-9._-]: the
// alphabet of codes and SKUs, safe in paths, CSV and labels.
bool is_code(std::string_view text, size_t max_length = 64);

// The string members of a JSON object stored as text (addresses); other
// members and unparsable text give nothing.
std::map<std::string, std::string> string_fields(std::string_view json_text);

// A JSON number for a double: an integer when the value is whole (so 116000.0
// prints as 116000, not Boost.JSON's 1.16E5), else the double itself.
boost::json::value json_number(double value);

// Serialises a JSON value compactly.
std::string to_json(const boost::json::value& value);

}  // namespace wareflow
