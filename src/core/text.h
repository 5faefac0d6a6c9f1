// The one rule for text Wareflow accepts: what passes it is stored, and what is
// stored prints on every document (label, packing slip, pick list, ZPL).
//
// Text is well-formed UTF-8 without control characters: C0 (U+0000-U+001F,
// so no tab, newline or NUL), DEL (U+007F) and C1 (U+0080-U+009F) are
// refused, never dropped or replaced, so a client learns at capture that its
// data is wrong instead of a label failing after the goods have shipped.
// Every other code point (accents, CJK, emoji) is text. FieldReader applies
// the rule to every string of a request; the services apply it to the text
// they store, so the CSV import meets the same rule as the API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wareflow {

// The code point starting at s[i], advancing i past it; -1 when the bytes
// there are not well-formed UTF-8 (overlong forms and surrogates included).
int32_t next_code_point(std::string_view s, size_t& i);

// Why `text` breaks the rule ("is not valid UTF-8", "contains a control
// character (U+000A)"), or nothing when it keeps it.
std::optional<std::string> text_fault(std::string_view text);

// Throws DomainError 422 invalid_field naming `field` when `text` breaks the rule.
void check_text(std::string_view text, const std::string& field);

}  // namespace wareflow
