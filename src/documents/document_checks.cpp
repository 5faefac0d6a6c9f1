// Refusals, input checks and text for the documents: UTF-8 walking, the
// checks every renderer applies, and the GS1 keys (GTIN-13, SSCC) they print.
#include <algorithm>
#include <cstdio>

#include "core/error.h"
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

int32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  size_t length;
  int32_t cp;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return -1;
  }
  if (i + length > s.size()) return -1;
  for (size_t k = 1; k < length; ++k) {
    const unsigned char next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (next & 0x3F);
  }
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return -1;
  }
  i += length;
  return cp;
}

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
  for (size_t i = 0; i < value.size();) {
    const int32_t cp = next_code_point(value, i);
    if (cp < 0) refuse(field, "is not valid UTF-8");
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) refuse(field, "contains a control character");
  }
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
