// The Api: matching a request to its route, authentication (with a short
// token cache), roles, problem documents, and the list of routes. The routes
// themselves live one file per resource (routes.h says which).
#include "api/api.h"

#include <algorithm>
#include <boost/json.hpp>
#include <thread>

#include "api/handler_kit.h"
#include "api/router.h"
#include "api/routes.h"
#include "core/error.h"
#include "core/random.h"

namespace wareflow::api {

Response problem(int status, const std::string& code, const std::string& detail,
                 const std::string& field) {
  json::object body{{"type", "https://wareflow.dev/problems/" + code},
                    {"title", problem_title(code)},
                    {"status", status},
                    {"detail", detail},
                    {"code", code}};
  if (!field.empty()) body["field"] = field;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json::serialize(body);
  r.error_code = code;
  return r;
}

// Background jobs (a forecast refresh; the refresh itself runs its fits on
// threads of its own) need few workers: one per kind of job that may overlap.
constexpr unsigned kBackgroundWorkers = 2;

// Reads: a thread per core (at least two); beyond 256 waiting reads the
// server is overloaded and says so (503); one token has at most 12 reads
// running or waiting (429 beyond: two browser tabs, six connections each,
// stay under it), all public callers together 32.
constexpr size_t kMaxWaitingReads = 256;
constexpr int kReadsPerToken = 12;
constexpr int kPublicReads = 32;
const std::string kPublicCaller = "public";

unsigned read_threads() { return std::max(2u, std::thread::hardware_concurrency()); }

Api::Api(store::Database& db, oms::OrderService& orders)
    : db_(db),
      orders_(orders),
      router_(std::make_unique<Router>()),
      reads_(std::make_unique<ReadPool>(read_threads(), kMaxWaitingReads)),
      jobs_(std::make_unique<jobs::JobRunner>(kBackgroundWorkers)) {
  register_routes();
}

Api::~Api() = default;

void Api::wait_for_background_work() {
  reads_->stop();
  jobs_->stop();
}

std::vector<Api::RouteInfo> Api::routes() const {
  std::vector<RouteInfo> list;
  for (const auto& r : router_->routes()) {
    RouteInfo info{r.method, r.pattern, {}, r.answered_inline};
    for (Role role :
         {Role::admin, Role::manager, Role::operator_, Role::integration, Role::viewer}) {
      if (r.roles & role_bit(role)) info.roles.emplace_back(auth::role_name(role));
    }
    list.push_back(std::move(info));
  }
  return list;
}

std::optional<auth::Principal> Api::authenticate(const std::string& authorization,
                                                 std::string& caller) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      authorization.compare(0, kBearer.size(), kBearer) != 0) {
    return std::nullopt;
  }
  std::string token = authorization.substr(kBearer.size());
  std::string key = sha256_hex(token);
  caller = key;
  constexpr auto kTokenCacheTime = std::chrono::seconds(30);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(token_cache_mutex_);
    auto it = token_cache_.find(key);
    if (it != token_cache_.end() && it->second.expires > now) return it->second.principal;
  }
  std::optional<auth::Principal> principal;
  db_.read([&](store::Tx& tx) { principal = auth::authenticate(tx, token); });
  std::lock_guard lock(token_cache_mutex_);
  if (principal) {
    if (token_cache_.size() > 10000) token_cache_.clear();
    token_cache_[key] = {*principal, now + kTokenCacheTime};
  } else {
    token_cache_.erase(key);
  }
  return principal;
}

void Api::handle(const Request& request, Respond respond) {
  // Once the call exists it holds `respond` (moved into it): a failure after
  // that, such as the database not answering the token lookup, must answer
  // through the call.
  CallPtr call;
  try {
    Match match = router_->match(request.method, request.path);
    if (!match.route) {
      if (match.path_known) {
        respond(problem(405, "method_not_allowed", request.method + " is not allowed here"));
      } else {
        respond(problem(404, "not_found", "no route " + request.path));
      }
      return;
    }
    // Every answer from here on names its route (the metrics' label) and
    // the path as the log may show it.
    respond = [inner = std::move(respond), log_path = match.route->redacted(request.path),
               route = &match.route->pattern](Response r) mutable {
      r.log_path = log_path;
      r.route = *route;
      inner(std::move(r));
    };
    call = std::make_shared<Call>();
    call->request = request;
    call->params = std::move(match.params);
    call->respond = std::move(respond);
    std::string caller = kPublicCaller;
    if (match.route->roles != kPublic) {
      auto principal = authenticate(request.authorization, caller);
      if (!principal) {
        call->respond(problem(401, "unauthorized", "a valid bearer token is required"));
        return;
      }
      call->principal = *principal;
      if ((match.route->roles & role_bit(principal->role)) == 0) {
        Response r = problem(403, "forbidden",
                             std::string("the role ") + auth::role_name(principal->role) +
                                 " may not call this route");
        r.principal = principal->name;
        call->respond(std::move(r));
        return;
      }
    }
    // Wrap respond so every answer carries the principal for the request log.
    call->respond = [inner = std::move(call->respond),
                     name = call->principal.name](Response r) mutable {
      r.principal = name;
      inner(std::move(r));
    };
    if (request.method == "GET" && !match.route->answered_inline) {
      return run_read(*match.route, call, caller);
    }
    try {
      match.route->handler(call);
    } catch (...) {
      call->respond(problem_from(std::current_exception()));
    }
  } catch (...) {
    (call ? call->respond : respond)(problem_from(std::current_exception()));
  }
}

void Api::run_read(const Route& route, const CallPtr& call, const std::string& caller) {
  int limit = caller == kPublicCaller ? kPublicReads : kReadsPerToken;
  auto work = [&route, call] {
    try {
      route.handler(call);
    } catch (...) {
      call->respond(problem_from(std::current_exception()));
    }
  };
  Response refusal;
  switch (reads_->submit(caller, limit, std::move(work))) {
    case ReadPool::Admission::accepted:
      return;
    case ReadPool::Admission::caller_busy:
      metrics_.refused(HttpMetrics::Refusal::too_many_requests);
      refusal = problem(429, "too_many_requests",
                        "this caller already has " + std::to_string(limit) +
                            " reads running or waiting; retry when one is answered");
      break;
    case ReadPool::Admission::pool_full:
      metrics_.refused(HttpMetrics::Refusal::server_busy);
      refusal = problem(503, "server_busy", "too many reads are waiting; retry shortly");
      break;
    case ReadPool::Admission::stopped:
      metrics_.refused(HttpMetrics::Refusal::shutting_down);
      refusal = problem(503, "shutting_down", "the server is stopping");
      break;
  }
  refusal.headers.emplace_back("Retry-After", "1");
  call->respond(std::move(refusal));
}

void Api::register_routes() {
  Router& r = *router_;
  register_meta_routes(r, db_, metrics_);
  register_product_routes(r, db_);
  register_warehouse_routes(r, db_);
  register_inventory_routes(r, db_, orders_);
  register_order_routes(r, db_, orders_);
  register_picking_routes(r, db_, orders_);
  register_fulfillment_routes(r, db_, orders_);
  register_event_routes(r, db_);
  register_inbound_routes(r, db_);
  register_task_routes(r, db_, orders_);
  register_count_routes(r, db_, orders_);
  register_return_routes(r, db_, orders_);
  register_carrier_routes(r, db_);
  register_planning_routes(r, db_, *jobs_);
  register_report_routes(r, db_);
}

}  // namespace wareflow::api
