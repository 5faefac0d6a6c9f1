// The server's numbers for `GET /metrics`: requests by method, route pattern
// and status, their durations, open connections and refusals; and the text
// of the whole answer, with the store's writer and the event feed. Labels
// are bounded: a route is its pattern ("/api/v1/orders/{id}", never the path
// as sent), a path no route has is "unmatched", a method outside the usual
// few "other".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "metrics/metrics.h"
#include "store/database.h"

namespace wareflow::api {

// The route label of requests no route matched (404, 405, refused before
// routing: 400, 413, 431).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";
// The route label of the web app's files (--web-root).
inline constexpr std::string_view kWebRoute = "web";

class HttpMetrics {
 public:
  enum class Refusal { too_many_connections, server_busy, too_many_requests, shutting_down };

  HttpMetrics();

  // One answered request; `route` is the matched pattern or one of the
  // labels above.
  void request(std::string_view method, std::string_view route, int status, double seconds);
  void refused(Refusal reason);
  metrics::Gauge& connections_open() { return connections_open_; }

  // The exposition of these numbers, the writer's of `db`, and the newest
  // event a consumer of the feed can read (none: the database did not
  // answer, and the line is left out rather than the whole answer failed).
  std::string render(const store::Database& db, std::optional<int64_t> feed_last_seq) const;

 private:
  metrics::Family<metrics::Counter> requests_;
  metrics::Family<metrics::Histogram> durations_;
  metrics::Gauge connections_open_;
  metrics::Counter refusals_[4];
};

}  // namespace wareflow::api
