#include "core/text.h"

#include <cstdio>

#include "core/error.h"

namespace wareflow {

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

std::optional<std::string> text_fault(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const int32_t cp = next_code_point(text, i);
    if (cp < 0) return "is not valid UTF-8";
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      return std::string("contains a control character (") + code + ")";
    }
  }
  return std::nullopt;
}

void check_text(std::string_view text, const std::string& field) {
  if (auto fault = text_fault(text)) throw_invalid_field(field, field + " " + *fault);
}

}  // namespace wareflow
