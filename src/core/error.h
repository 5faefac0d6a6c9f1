// Domain errors: every refusal Wareflow makes carries a stable machine code
// (`unknown_sku`, `invalid_state`, ...) and the HTTP status it maps to, so the
// edge renders it as application/problem+json without knowing any rule.
//
// Services throw DomainError; a write that throws is rolled back whole (see
// store/database.h), so a refused request never leaves a partial write.
#pragma once

#include <stdexcept>
#include <string>

namespace wareflow {

class DomainError : public std::runtime_error {
 public:
  DomainError(int http_status, std::string code, std::string detail, std::string field = {})
      : std::runtime_error(detail),
        http_status_(http_status),
        code_(std::move(code)),
        field_(std::move(field)) {}

  int http_status() const { return http_status_; }
  const std::string& code() const { return code_; }
  std::string detail() const { return what(); }
  // The offending request field, e.g. "lines[2].quantity"; empty when none.
  const std::string& field() const { return field_; }

 private:
  int http_status_;
  std::string code_;
  std::string field_;
};

// Shorthands for the common kinds. The names say the HTTP meaning.
[[noreturn]] void throw_invalid_field(const std::string& field, const std::string& detail);
[[noreturn]] void throw_not_found(const std::string& code, const std::string& detail);
[[noreturn]] void throw_unprocessable(const std::string& code, const std::string& detail,
                                      const std::string& field = {});
[[noreturn]] void throw_conflict(const std::string& code, const std::string& detail);
// Something named does not exist: 404 when it was named in the path, 422 (with
// the request field that named it) when in the body.
[[noreturn]] void throw_unknown(int http_status, const std::string& code, const std::string& detail,
                                const std::string& field);

// Human title for a problem code ("invalid_field" -> "Invalid field").
std::string problem_title(const std::string& code);

}  // namespace wareflow
