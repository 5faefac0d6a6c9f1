#include "api/router.h"

namespace wareflow::api {

const std::string& Call::param(const std::string& name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  static const std::string empty;
  return empty;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

std::string percent_decode(const std::string& text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

namespace {

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Path parameters whose value grants access by itself (the customer's
// tracking link) and so must not reach a log.
bool is_secret_parameter(const std::string& segment) { return segment == "{token}"; }

}  // namespace

std::string Route::redacted(const std::string& path) const {
  bool any = false;
  for (const std::string& segment : segments) any = any || is_secret_parameter(segment);
  if (!any) return "";
  std::vector<std::string> parts = split_path(path);
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    bool secret = i < segments.size() && is_secret_parameter(segments[i]);
    out += "/" + (secret ? std::string("REDACTED") : parts[i]);
  }
  return out;
}

void Router::add(std::string method, std::string pattern, unsigned roles, Handler handler) {
  Route route{std::move(method), pattern, roles, std::move(handler), split_path(pattern)};
  routes_.push_back(std::move(route));
}

void Router::add_inline(std::string method, std::string pattern, unsigned roles, Handler handler) {
  add(std::move(method), std::move(pattern), roles, std::move(handler));
  routes_.back().answered_inline = true;
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  std::vector<std::string> segments = split_path(path);
  for (std::string& segment : segments) segment = percent_decode(segment);
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& want = route.segments[i];
      if (is_parameter(want)) {
        params.emplace_back(want.substr(1, want.size() - 2), segments[i]);
      } else {
        ok = want == segments[i];
      }
    }
    if (!ok) continue;
    result.path_known = true;
    if (route.method == method) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
  }
  return result;
}

}  // namespace wareflow::api
