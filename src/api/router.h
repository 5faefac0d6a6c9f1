// Matches a method and path against route patterns like
// "/api/v1/orders/{id}/cancel"; tells 404 (no such path) from 405 (no such
// method on that path).
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
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  bool path_known = false;  // some route has this path, with another method
};

class Router {
 public:
  void add(std::string method, std::string pattern, unsigned roles, Handler handler);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace wareflow::api
