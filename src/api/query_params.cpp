#include "api/query_params.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/error.h"
#include "core/time.h"

namespace wareflow::api {

std::optional<int64_t> parse_whole_number(std::string_view text, int64_t lo, int64_t hi) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_decimal(std::string_view text, double lo, double hi) {
  if (text.empty()) return std::nullopt;
  const std::string copy(text);  // strtod needs a terminated string
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value) || value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

std::string query_text(const Request& request, const std::string& key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? std::string() : it->second;
}

std::optional<std::string> query_opt(const Request& request, const std::string& key) {
  auto it = request.query.find(key);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

int64_t query_limit(const Request& request) {
  auto it = request.query.find("limit");
  if (it == request.query.end()) return 100;
  auto value = parse_whole_number(it->second, 1, 500);
  if (!value) throw_invalid_field("limit", "limit must be an integer from 1 to 500");
  return *value;
}

int64_t parse_id(const std::string& text, const std::string& not_found_code) {
  auto value = parse_whole_number(text, 1, INT64_MAX);
  if (!value) throw_not_found(not_found_code, "no such resource: " + text);
  return *value;
}

int64_t cursor_id(const Request& request) {
  std::string cursor = query_text(request, "cursor");
  if (cursor.empty()) return 0;
  auto value = parse_whole_number(cursor, 1, INT64_MAX);
  if (!value) throw_invalid_field("cursor", "cursor is not one this server gave out");
  return *value;
}

std::optional<int64_t> query_int(const Request& request, const std::string& key, int64_t lo,
                                 int64_t hi, const std::string& what) {
  auto text = query_opt(request, key);
  if (!text) return std::nullopt;
  auto value = parse_whole_number(*text, lo, hi);
  if (!value) {
    throw_invalid_field(key, key + " must be " +
                                 (what.empty() ? "a whole number from " + std::to_string(lo) +
                                                     " to " + std::to_string(hi)
                                               : what));
  }
  return value;
}

std::optional<int64_t> query_positive_int(const Request& request, const std::string& key,
                                          const std::string& what) {
  return query_int(request, key, 1, INT64_MAX, what);
}

int64_t query_time(const Request& request, const std::string& key, int64_t fallback) {
  auto text = query_opt(request, key);
  if (!text) return fallback;
  auto value = parse_rfc3339(*text, true);
  if (!value) throw_invalid_field(key, key + " must be an RFC 3339 time or a YYYY-MM-DD date");
  return *value;
}

std::pair<int64_t, int64_t> query_window(const Request& request) {
  int64_t to = query_time(request, "to", now_ms() + 1);
  int64_t from = query_time(request, "from", to - 30 * 86'400'000LL);
  if (from >= to) throw_invalid_field("from", "from must be before to");
  return {from, to};
}

}  // namespace wareflow::api
