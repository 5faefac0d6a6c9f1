#include "core/json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"

namespace wareflow {

std::string FieldReader::field_path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

bool FieldReader::has(std::string_view key) const { return find(key) != nullptr; }

const boost::json::value* FieldReader::find(std::string_view key) const {
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::optional<std::string> FieldReader::optional_string(std::string_view key,
                                                        size_t max_length) const {
  auto s = optional_raw_string(key, max_length);
  if (s) check_text(*s, field_path(key));
  return s;
}

std::optional<std::string> FieldReader::optional_raw_string(std::string_view key,
                                                            size_t max_length) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw_invalid_field(field_path(key), field_path(key) + " must be a string");
  const auto& s = v->get_string();
  if (s.size() > max_length) {
    throw_invalid_field(field_path(key), field_path(key) + " is longer than " +
                                             std::to_string(max_length) + " characters");
  }
  return std::string(s.data(), s.size());
}

std::string FieldReader::required_string(std::string_view key, size_t max_length) const {
  auto s = optional_string(key, max_length);
  if (!s) throw_invalid_field(field_path(key), field_path(key) + " is required");
  if (s->empty()) throw_invalid_field(field_path(key), field_path(key) + " must not be empty");
  return *s;
}

std::optional<int64_t> FieldReader::optional_int(std::string_view key, int64_t min,
                                                 int64_t max) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  int64_t value;
  if (v->is_int64()) {
    value = v->get_int64();
  } else if (v->is_uint64()) {
    throw_invalid_field(field_path(key), field_path(key) + " is out of range");
  } else {
    throw_invalid_field(field_path(key), field_path(key) + " must be an integer");
  }
  if (value < min || value > max) {
    throw_invalid_field(field_path(key), field_path(key) + " must be between " +
                                             std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

int64_t FieldReader::required_int(std::string_view key, int64_t min, int64_t max) const {
  auto v = optional_int(key, min, max);
  if (!v) throw_invalid_field(field_path(key), field_path(key) + " is required");
  return *v;
}

std::optional<double> FieldReader::optional_number(std::string_view key, double min,
                                                   double max) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) throw_invalid_field(field_path(key), field_path(key) + " must be a number");
  double value = v->to_number<double>();
  if (!std::isfinite(value) || value < min || value > max) {
    throw_invalid_field(field_path(key), field_path(key) + " is out of range");
  }
  return value;
}

std::optional<bool> FieldReader::optional_bool(std::string_view key) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_bool())
    throw_invalid_field(field_path(key), field_path(key) + " must be true or false");
  return v->get_bool();
}

std::optional<FieldReader> FieldReader::optional_object(std::string_view key) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_object()) throw_invalid_field(field_path(key), field_path(key) + " must be an object");
  return FieldReader(v->get_object(), field_path(key));
}

FieldReader FieldReader::required_object(std::string_view key) const {
  auto o = optional_object(key);
  if (!o) throw_invalid_field(field_path(key), field_path(key) + " is required");
  return *o;
}

const boost::json::array* FieldReader::optional_array(std::string_view key,
                                                      size_t max_items) const {
  const auto* v = find(key);
  if (!v) return nullptr;
  if (!v->is_array()) throw_invalid_field(field_path(key), field_path(key) + " must be an array");
  if (v->get_array().size() > max_items) {
    throw_invalid_field(field_path(key),
                        field_path(key) + " has more than " + std::to_string(max_items) + " items");
  }
  return &v->get_array();
}

const boost::json::array& FieldReader::required_array(std::string_view key,
                                                      size_t max_items) const {
  const auto* a = optional_array(key, max_items);
  if (!a) throw_invalid_field(field_path(key), field_path(key) + " is required");
  return *a;
}

FieldReader FieldReader::element(std::string_view key, const boost::json::array& array,
                                 size_t i) const {
  std::string path = field_path(key) + "[" + std::to_string(i) + "]";
  if (!array[i].is_object()) throw_invalid_field(path, path + " must be an object");
  return FieldReader(array[i].get_object(), path);
}

std::optional<int64_t> FieldReader::optional_time(std::string_view key,
                                                  bool allow_date_only) const {
  auto text = optional_string(key, 64);
  if (!text) return std::nullopt;
  auto at = parse_rfc3339(*text, allow_date_only);
  if (!at) {
    throw_invalid_field(field_path(key), field_path(key) + " must be an RFC 3339 time" +
                                             (allow_date_only ? " or a YYYY-MM-DD date" : ""));
  }
  return at;
}

bool is_code(std::string_view text, size_t max_length) {
  if (text.empty() || text.size() > max_length) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::map<std::string, std::string> string_fields(std::string_view json_text) {
  std::map<std::string, std::string> fields;
  boost::json::error_code ec;
  auto value = boost::json::parse(json_text, ec);
  if (ec || !value.is_object()) return fields;
  for (const auto& [key, member] : value.get_object()) {
    if (member.is_string()) fields[std::string(key)] = std::string(member.get_string());
  }
  return fields;
}

boost::json::value json_number(double value) {
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15) {
    return static_cast<int64_t>(value);
  }
  return value;
}

std::string to_json(const boost::json::value& value) { return boost::json::serialize(value); }

}  // namespace wareflow
