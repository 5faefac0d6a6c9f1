// Plain HTTP request and response values, free of Boost.Beast, so that the
// routing and handlers compile quickly and can be driven without a socket.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wareflow::api {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the path as sent (percent-encoded), without the query
  std::map<std::string, std::string> query;
  std::string body;
  std::string authorization;    // the Authorization header
  std::string idempotency_key;  // the Idempotency-Key header
  std::string content_type;
  std::string request_id;  // X-Request-Id as accepted or made by the server
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string principal;   // token name, for the request log
  std::string error_code;  // problem code, for the request log
  std::string log_path;    // the path with its secrets redacted; empty: log it as sent
  std::string route;       // the pattern that matched, for metrics; empty: none did
};

// Called exactly once per request, from any thread.
using Respond = std::function<void(Response)>;

}  // namespace wareflow::api
