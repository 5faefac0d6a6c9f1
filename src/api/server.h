// The HTTP/1.1 server (Boost.Beast) in front of Api: keep-alive, a request
// size limit (413 beyond it, 431 for headers), header, body and write
// timeouts, a cap on open connections, an X-Request-Id on every answer, one
// structured log line per request (secrets in paths redacted), the request
// metrics of `GET /metrics`, and graceful shutdown on SIGTERM/SIGINT: stop
// accepting, finish the requests in flight, let the writer commit, close.
// Nothing a client does ends the accept loop: out of descriptors, it waits
// and tries again; at the cap, it answers 503 and closes.
#pragma once

#include <cstdint>
#include <string>

#include "api/api.h"
#include "api/static_files.h"

namespace wareflow::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  size_t max_body_bytes = 1 << 20;
  int header_timeout_s = 30;  // also how long an idle keep-alive connection stays
  int body_timeout_s = 60;
  // A client that does not read its answer within this is cut off, so its
  // connection and buffers do not stay forever (nor hold up a shutdown).
  int write_timeout_s = 30;
  // Open connections beyond this are answered 503 and closed. serve() lowers
  // it to what the process's descriptor limit leaves room for.
  int max_connections = 10000;
  bool log_requests = true;
  // Request log lines as one JSON object each (time, level, request_id,
  // method, path, route, status, duration_ms, bytes, token, code) instead of
  // key=value text; the logger's formatter must then write JSON too.
  bool log_json = false;
  // The web app, served at `/` outside `/api/`; none: those paths are 404.
  const StaticFiles* web = nullptr;
};

// Serves until SIGTERM or SIGINT; returns after the graceful shutdown.
// `on_listening` is called once the socket accepts (with the bound port).
void serve(Api& api, const ServerOptions& options,
           const std::function<void(uint16_t port)>& on_listening = {});

}  // namespace wareflow::api
