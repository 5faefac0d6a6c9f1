#include "core/error.h"

#include <cctype>

namespace wareflow {

void throw_invalid_field(const std::string& field, const std::string& detail) {
  throw DomainError(422, "invalid_field", detail, field);
}
void throw_not_found(const std::string& code, const std::string& detail) {
  throw DomainError(404, code, detail);
}
void throw_unprocessable(const std::string& code, const std::string& detail,
                         const std::string& field) {
  throw DomainError(422, code, detail, field);
}
void throw_conflict(const std::string& code, const std::string& detail) {
  throw DomainError(409, code, detail);
}

void throw_unknown(int http_status, const std::string& code, const std::string& detail,
                   const std::string& field) {
  throw DomainError(http_status, code, detail, http_status == 422 ? field : std::string());
}

std::string problem_title(const std::string& code) {
  std::string title = code;
  for (char& c : title) {
    if (c == '_') c = ' ';
  }
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

}  // namespace wareflow
