#include "api/http_metrics.h"

#include <array>

namespace wareflow::api {
namespace {

using metrics::Exposition;

// Series caps: far above routes x statuses in use, so they only bite if a
// label escaped its bounds (then one "overflow" series, not unbounded memory).
constexpr size_t kMaxRequestSeries = 4096;
constexpr size_t kMaxDurationSeries = 1024;

constexpr std::array<std::string_view, 4> kRefusalNames = {"too_many_connections", "server_busy",
                                                           "too_many_requests", "shutting_down"};

// A client may send any token as the method; only these become labels.
std::string method_label(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return std::string(known);
  }
  return "other";
}

}  // namespace

HttpMetrics::HttpMetrics()
    : requests_({"method", "route", "status"}, kMaxRequestSeries),
      durations_({"method", "route"}, kMaxDurationSeries, metrics::latency_buckets()) {}

void HttpMetrics::request(std::string_view method, std::string_view route, int status,
                          double seconds) {
  std::string m = method_label(method);
  std::string r(route);
  requests_.at({m, r, std::to_string(status)}).add();
  durations_.at({std::move(m), std::move(r)}).observe(seconds);
}

void HttpMetrics::refused(Refusal reason) { refusals_[static_cast<size_t>(reason)].add(); }

std::string HttpMetrics::render(const store::Database& db,
                                std::optional<int64_t> feed_last_seq) const {
  Exposition out;
  out.family("wareflow_http_requests_total",
             "HTTP requests answered, by method, route pattern and status.",
             Exposition::Type::counter);
  requests_.each([&](const metrics::Labels& labels, const metrics::Counter& c) {
    out.sample("wareflow_http_requests_total", labels, c.value());
  });
  out.family("wareflow_http_request_duration_seconds",
             "Time from the whole request read to the answer handed to the socket.",
             Exposition::Type::histogram);
  durations_.each([&](const metrics::Labels& labels, const metrics::Histogram& h) {
    out.histogram("wareflow_http_request_duration_seconds", labels, h.snapshot());
  });
  out.family("wareflow_http_connections_open", "Open client connections.", Exposition::Type::gauge);
  out.sample("wareflow_http_connections_open", {}, connections_open_.value());
  out.family("wareflow_http_refusals_total",
             "Connections or requests refused for load: too_many_connections (503 at accept), "
             "server_busy (503, the read queue full), too_many_requests (429, one caller's "
             "reads), shutting_down (503).",
             Exposition::Type::counter);
  for (size_t i = 0; i < kRefusalNames.size(); ++i) {
    out.sample("wareflow_http_refusals_total", {{"reason", std::string(kRefusalNames[i])}},
               refusals_[i].value());
  }

  const store::WriterMetrics& writer = db.writer_metrics();
  out.family("wareflow_writer_queue_depth", "Write commands waiting for the writer.",
             Exposition::Type::gauge);
  out.sample("wareflow_writer_queue_depth", {}, static_cast<int64_t>(db.queue_depth()));
  out.family("wareflow_writer_group_size", "Write commands per committed transaction.",
             Exposition::Type::histogram);
  out.histogram("wareflow_writer_group_size", {}, writer.group_size.snapshot());
  out.family("wareflow_writer_commit_seconds",
             "Time to make a group durable: SQLite the fdatasync of the WAL, PostgreSQL the "
             "COMMIT round trip.",
             Exposition::Type::histogram);
  out.histogram("wareflow_writer_commit_seconds", {}, writer.commit_seconds.snapshot());
  out.family("wareflow_writer_commands_total", "Write commands committed.",
             Exposition::Type::counter);
  out.sample("wareflow_writer_commands_total", {}, db.commands_committed());
  out.family("wareflow_writer_groups_total", "Transactions the writer committed.",
             Exposition::Type::counter);
  out.sample("wareflow_writer_groups_total", {}, db.groups_committed());

  if (feed_last_seq) {
    out.family("wareflow_event_feed_last_seq",
               "The newest event seq the feed hands out (durable); a consumer's lag is this "
               "minus the last seq it processed.",
               Exposition::Type::gauge);
    out.sample("wareflow_event_feed_last_seq", {}, *feed_last_seq);
  }
  return out.text();
}

}  // namespace wareflow::api
