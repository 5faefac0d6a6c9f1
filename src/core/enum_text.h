// Enums stored and rendered as text: the names of an enum's values, indexed
// by value, give its to_string and parse; a stored text that names no value
// is a broken database, not a bad request.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wareflow {

// The value named `text`, or nullopt. `names[i]` names the value i.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names,
                                         std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// The value of a status read from the database; std::logic_error naming the
// family and the text when the text names none.
template <class Enum>
Enum stored_enum(std::optional<Enum> parsed, std::string_view family, std::string_view text) {
  if (!parsed) {
    throw std::logic_error("unknown " + std::string(family) + " '" + std::string(text) +
                           "' in the database");
  }
  return *parsed;
}

}  // namespace wareflow
