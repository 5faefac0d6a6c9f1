// Matches a method and path against route patterns like
// "/api/v1/orders/{id}/cancel"; tells 404 (no such path) from 405 (no such
// method on that path). The path is split at '/' before each segment is
// decoded, so "%2F" is part of a parameter, never a separator.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/http.h"
#include "auth/tokens.h"

namespace wareflow::api {

// One request in flight: what a handler reads and how it answers.
struct Call {
  Request request;
  std::vector<std::pair<std::string, std::string>> params;
  auth::Principal principal;
  Respond respond;

  const std::string& param(const std::string& name) const;
};
using CallPtr = std::shared_ptr<Call>;
using Handler = std::function<void(const CallPtr&)>;

struct Route {
  std::string method;
  std::string pattern;
  unsigned roles = 0;  // mask of auth::role_bit; 0 = public, no token needed
  Handler handler;
  std::vector<std::string> segments;
  // Answered on the I/O thread without touching the database (a health
  // check); every other GET runs on the read pool.
  bool answered_inline = false;

  // `path` (which matched this route) as the request log may show it: a
  // parameter that is a secret ({token}) replaced; empty when it has none.
  std::string redacted(const std::string& path) const;
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  bool path_known = false;  // some route has this path, with another method
};

class Router {
 public:
  void add(std::string method, std::string pattern, unsigned roles, Handler handler);
  // A route whose handler answers at once from memory.
  void add_inline(std::string method, std::string pattern, unsigned roles, Handler handler);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The segments between '/'s, as they are (still percent-encoded in a path).
std::vector<std::string> split_path(const std::string& path);

// %XX sequences decoded; anything else (including a malformed '%') as is.
std::string percent_decode(const std::string& text);

}  // namespace wareflow::api
