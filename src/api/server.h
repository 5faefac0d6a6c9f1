// The HTTP/1.1 server (Boost.Beast) in front of Api: keep-alive, a request
// size limit (413 beyond it), header and body read timeouts, one structured
// log line per request, and graceful shutdown on SIGTERM/SIGINT: stop
// accepting, finish the requests in flight, let the writer commit, close.
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
  int header_timeout_s = 30;
  int body_timeout_s = 60;
  bool log_requests = true;
  // The web app, served at `/` outside `/api/`; none: those paths are 404.
  const StaticFiles* web = nullptr;
};

// Serves until SIGTERM or SIGINT; returns after the graceful shutdown.
// `on_listening` is called once the socket accepts (with the bound port).
void serve(Api& api, const ServerOptions& options,
           const std::function<void(uint16_t port)>& on_listening = {});

}  // namespace wareflow::api
