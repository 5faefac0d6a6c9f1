// Time as Wareflow stores it: UTC milliseconds since the Unix epoch, as int64.
// JSON shows RFC 3339 UTC strings; these functions convert both ways.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wareflow {

int64_t now_ms();

// "2026-11-26T15:04:05.123Z". Millisecond precision, always UTC.
std::string format_rfc3339(int64_t at_ms);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff][Z|+hh:mm|-hh:mm]" and, when allow_date_only,
// "YYYY-MM-DD" (midnight UTC). Returns nullopt for anything else, including
// out-of-range fields (month 13, Feb 30, ...).
std::optional<int64_t> parse_rfc3339(std::string_view text, bool allow_date_only = false);

}  // namespace wareflow
