// X-Request-Id: the one name a request goes by in the client's logs, the
// answer and the server's log line. A client's (or proxy's) id is kept when
// it is short and plain; anything else is replaced by one the server makes,
// so no header value can forge or break a log line.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace wareflow::api {

inline constexpr size_t kMaxRequestIdLength = 64;

// 1 to 64 characters of [A-Za-z0-9._-].
bool acceptable_request_id(std::string_view id);

// Ids unique within the process and, by a random prefix, across restarts and
// processes: "<8 random hex>-<16 hex counter>".
class RequestIds {
 public:
  RequestIds();
  std::string next();
  // The id a request keeps: `offered` when acceptable, else a new one.
  std::string accept_or_make(std::string_view offered);

 private:
  std::string prefix_;
  std::atomic<uint64_t> counter_{0};
};

}  // namespace wareflow::api
