// The HTTP API: routes, authentication and roles, JSON in and out, problem
// documents for errors. Transport-free (see http.h); server.h puts it on a
// socket. Handlers are thin: parse, authorise, call one service function in
// one transaction, render.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/http.h"
#include "api/http_metrics.h"
#include "api/read_pool.h"
#include "auth/tokens.h"
#include "jobs/job_runner.h"
#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::api {

class Router;
struct Route;
struct Call;
using CallPtr = std::shared_ptr<Call>;

class Api {
 public:
  Api(store::Database& db, oms::OrderService& orders);
  ~Api();

  // Handles one request; `respond` is called exactly once, maybe from another
  // thread (writes are answered by the writer after their commit).
  void handle(const Request& request, Respond respond);

  struct RouteInfo {
    std::string method;
    std::string pattern;             // "/api/v1/orders/{id}"
    std::vector<std::string> roles;  // empty: public
    // Answered at once from memory: never queued as a read, so never refused
    // by the read pool (429 too_many_requests, 503 server_busy).
    bool answered_inline = false;
  };
  // Every route, in registration order.
  std::vector<RouteInfo> routes() const;

  // Background work handlers started (a forecast refresh) runs on this
  // runner, which the Api owns.
  jobs::JobRunner& jobs() { return *jobs_; }

  // The numbers `GET /metrics` shows; the server records requests there.
  HttpMetrics& metrics() { return metrics_; }

  // Waits for the background work and the reads, and stops their threads;
  // later ones are refused. serve() calls it before its io_context goes away
  // (their answers are posted there); call it again, harmlessly, before the
  // database closes.
  void wait_for_background_work();

 private:
  // The principal of a bearer token, and in `caller` a key of the token
  // itself (names need not be unique).
  std::optional<auth::Principal> authenticate(const std::string& authorization,
                                              std::string& caller);
  void run_read(const Route& route, const CallPtr& call, const std::string& caller);
  void register_routes();

  store::Database& db_;
  oms::OrderService& orders_;
  std::unique_ptr<Router> router_;
  HttpMetrics metrics_;
  std::mutex token_cache_mutex_;
  struct CachedPrincipal {
    auth::Principal principal;
    std::chrono::steady_clock::time_point expires;
  };
  // Known tokens, by hash, for a short while: a revoked token stops working
  // within 30 seconds without a lookup on every request.
  std::unordered_map<std::string, CachedPrincipal> token_cache_;
  // Last: stopped and joined first when the Api goes, while the rest lives.
  std::unique_ptr<ReadPool> reads_;
  std::unique_ptr<jobs::JobRunner> jobs_;
};

// A problem document (RFC 9457) with Wareflow's stable `code`.
Response problem(int status, const std::string& code, const std::string& detail,
                 const std::string& field = {});

}  // namespace wareflow::api
