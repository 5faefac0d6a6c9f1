#include "api/request_id.h"

#include <cstdio>

#include "core/json.h"
#include "core/random.h"

namespace wareflow::api {

// The alphabet of codes and SKUs: safe in a header, a log line and JSON.
bool acceptable_request_id(std::string_view id) { return is_code(id, kMaxRequestIdLength); }

RequestIds::RequestIds() : prefix_(random_hex(4)) {}

std::string RequestIds::next() {
  char counter[17];
  std::snprintf(counter, sizeof counter, "%016llx",
                static_cast<unsigned long long>(counter_.fetch_add(1, std::memory_order_relaxed)));
  return prefix_ + "-" + counter;
}

std::string RequestIds::accept_or_make(std::string_view offered) {
  return acceptable_request_id(offered) ? std::string(offered) : next();
}

}  // namespace wareflow::api
