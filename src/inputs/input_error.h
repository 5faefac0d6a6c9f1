// InputError: the one refusal of the pure cores (optimize/, planning/) for
// input they cannot take. It carries a stable machine code ("invalid_layout",
// "series_too_short", ...), the offending input field ("orders[3].picks";
// empty when no single field is at fault) and a message for a person.
//
// The cores know nothing of HTTP; core/input_problem.h maps an InputError to
// the 422 problem the API and the CLI show, in one place. Std-only and
// header-only, so every module may include it.
#pragma once

#include <stdexcept>
#include <string>

namespace wareflow::inputs {

class InputError : public std::invalid_argument {
 public:
  InputError(std::string code, std::string field, const std::string& message)
      : std::invalid_argument(message), code_(std::move(code)), field_(std::move(field)) {}

  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }
  std::string message() const { return what(); }

 private:
  std::string code_;
  std::string field_;
};

}  // namespace wareflow::inputs
