// Refusals, input checks and text for the documents: UTF-8 walking, the
// checks every renderer applies, and the GS1 keys (GTIN-13, SSCC) they print.
#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"
#include "documents/documents_internal.h"
#include "gs1/gs1.h"

namespace wareflow::documents {

// ---------------------------------------------------------------------------
// Refusals

[[noreturn]] void refuse(const std::string& field, const std::string& detail) {
  throw_invalid_field(field, field + " " + detail);
}

[[noreturn]] void render_failed(const std::string& detail) {
  throw DomainError(500, "render_failed", detail);
}

std::string indexed(const std::string& name, size_t index) {
  return name + "[" + std::to_string(index) + "]";
}

// ---------------------------------------------------------------------------
// Text

std::vector<size_t> code_point_starts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size();) {
    starts.push_back(i);
    next_code_point(s, i);
  }
  starts.push_back(s.size());
  return starts;
}

void check_text(const std::string& value, const std::string& field, bool required) {
  if (required && value.empty()) refuse(field, "must not be empty");
  if (value.size() > kMaxTextBytes) {
    refuse(field, "is longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  // The rule text was held to when it was stored (core/text.h): what was
  // accepted then prints now.
  if (auto fault = text_fault(value)) refuse(field, *fault);
}

void check_barcode_ascii(const std::string& value, const std::string& field) {
  if (value.empty()) refuse(field, "must not be empty");
  if (value.size() > kMaxTextBytes) {
    refuse(field, "is longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  for (char c : value) {
    if (c < 0x20 || c > 0x7E) {
      refuse(field, "must be printable ASCII to print as a Code 128 barcode");
    }
  }
}

void check_address(const Address& address, const std::string& field, bool lines_required) {
  check_text(address.name, field + ".name", true);
  if (lines_required && address.lines.empty()) {
    refuse(field + ".lines", "must have at least one address line");
  }
  if (address.lines.size() > kMaxAddressLines) {
    refuse(field + ".lines", "has more than " + std::to_string(kMaxAddressLines) + " lines");
  }
  for (size_t i = 0; i < address.lines.size(); ++i) {
    check_text(address.lines[i], indexed(field + ".lines", i), false);
  }
}

void check_positive(int64_t value, const std::string& field) {
  if (value <= 0) refuse(field, "must be positive");
}

void check_non_negative(int64_t value, const std::string& field) {
  if (value < 0) refuse(field, "must not be negative");
}

void check_timestamp(int64_t at_ms, const std::string& field) {
  if (at_ms < 0 || at_ms > 253402300799999) refuse(field, "must be between 1970 and 9999");
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_valid_gs1_key(const std::string& digits, size_t length) {
  return digits.size() == length && gs1::has_valid_check_digit(digits);
}

std::string pdf_date(int64_t at_ms) { return format_rfc3339(at_ms).substr(0, 19) + "Z"; }

std::string printed_at_text(int64_t at_ms) {
  return format_rfc3339(at_ms).substr(0, 16).replace(10, 1, " ") + " UTC";
}

std::string weight_text(int64_t grams) {
  const int64_t centi_kg = (grams + 5) / 10;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld kg", static_cast<long long>(centi_kg / 100),
                static_cast<long long>(centi_kg % 100));
  return buffer;
}

std::string metres_text(int64_t mm) {
  const int64_t decimetres = (mm + 50) / 100;
  return std::to_string(decimetres / 10) + "." + std::to_string(decimetres % 10) + " m";
}

bool is_valid_gtin13(const std::string& digits) { return is_valid_gs1_key(digits, 13); }
bool is_valid_sscc(const std::string& digits) { return is_valid_gs1_key(digits, 18); }

}  // namespace wareflow::documents
