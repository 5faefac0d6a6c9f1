// Reading a request's query parameters and path ids: the one number parser
// every route uses, and the answers it gives when a value is malformed
// (422 invalid_field naming the parameter; 404 with the resource's code for a
// path id). An empty parameter (`?x=`) counts as absent, except for `limit`,
// which is refused when present and empty.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/http.h"

namespace wareflow::api {

// The whole number `text` spells, with nothing before or after it, when it
// lies in [lo, hi]; nullopt otherwise.
std::optional<int64_t> parse_whole_number(std::string_view text, int64_t lo, int64_t hi);

// A finite decimal number (as strtod reads it, consuming all of `text`) in
// [lo, hi]; nullopt otherwise.
std::optional<double> parse_decimal(std::string_view text, double lo, double hi);

// The parameter's text; empty when absent.
std::string query_text(const Request& request, const std::string& key);

// The parameter's text; nullopt when absent or empty.
std::optional<std::string> query_opt(const Request& request, const std::string& key);

// `limit`: 1 to 500, 100 when absent.
int64_t query_limit(const Request& request);

// An integer id from a path parameter; 404 `not_found_code` when malformed.
int64_t parse_id(const std::string& text, const std::string& not_found_code);

// The paging `cursor` (a positive id this server gave out); 0 when absent.
int64_t cursor_id(const Request& request);

// An optional whole-number query parameter from lo to hi; 422 invalid_field
// naming it ("KEY must be WHAT", WHAT by default "a whole number from LO to
// HI") when malformed or out of range.
std::optional<int64_t> query_int(const Request& request, const std::string& key, int64_t lo,
                                 int64_t hi, const std::string& what = {});

// An optional positive integer query parameter; 422 invalid_field naming it
// when malformed.
std::optional<int64_t> query_positive_int(const Request& request, const std::string& key,
                                          const std::string& what);

// A time query parameter (RFC 3339 or YYYY-MM-DD); 422 invalid_field naming it.
int64_t query_time(const Request& request, const std::string& key, int64_t fallback);

// The reporting window: [from, to), by default the last 30 days.
std::pair<int64_t, int64_t> query_window(const Request& request);

}  // namespace wareflow::api
