// What every route handler uses: role sets, reading request bodies and query
// parameters, rendering optional values, problem documents, paging, and the
// read/write pattern (a read on a snapshot; a write queued for the single
// writer, answered after its durable commit, with Idempotency-Key replay
// through idempotency.h).
// Internal to api/: included by the handler files only, never by the domain.
#pragma once

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "api/idempotency.h"
#include "api/query_params.h"
#include "api/router.h"
#include "core/error.h"
#include "core/input_problem.h"
#include "core/random.h"
#include "core/time.h"
#include "inputs/input_error.h"
#include "store/database.h"
#include "wms/layout.h"

namespace wareflow::api {

namespace json = boost::json;
using auth::Role;
using auth::role_bit;

constexpr unsigned kAll = role_bit(Role::admin) | role_bit(Role::manager) |
                          role_bit(Role::operator_) | role_bit(Role::integration) |
                          role_bit(Role::viewer);
constexpr unsigned kManagers = role_bit(Role::admin) | role_bit(Role::manager);
constexpr unsigned kIntegrations = kManagers | role_bit(Role::integration);
constexpr unsigned kOperators = kManagers | role_bit(Role::operator_);
constexpr unsigned kDelivery = kOperators | role_bit(Role::integration);
constexpr unsigned kPublic = 0;

inline json::value opt(const std::optional<std::string>& v) {
  return v ? json::value(*v) : nullptr;
}
inline json::value opt(const std::optional<int64_t>& v) { return v ? json::value(*v) : nullptr; }
inline json::value opt(const std::optional<double>& v) { return v ? json::value(*v) : nullptr; }
inline json::value opt_time(const std::optional<int64_t>& v) {
  return v ? json::value(format_rfc3339(*v)) : nullptr;
}

inline Response json_response(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

inline Response problem_from(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const DomainError& e) {
    return problem(e.http_status(), e.code(), e.detail(), e.field());
  } catch (const inputs::InputError& e) {
    return problem_from(std::make_exception_ptr(input_problem(e)));
  } catch (const store::Unavailable& e) {
    // Nothing was written (or the outcome is unknown and a retry with the same
    // key is safe): the client should try again in a moment.
    spdlog::warn("database unavailable: {}", e.what());
    Response r = problem(503, "database_unavailable",
                         "the database cannot take the request right now; retry shortly");
    r.headers.emplace_back("Retry-After", "1");
    return r;
  } catch (const store::ReadTimeout& e) {
    // The read was stopped at its budget (serve --read-timeout). No
    // Retry-After: the same read would only run as long again.
    spdlog::warn("read stopped: {}", e.what());
    return problem(503, "read_timeout", e.what());
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", e.what());
    return problem(500, "internal_error", "the server failed to handle the request");
  }
}

// ---- request parsing --------------------------------------------------------------

inline json::object parse_body(const Request& request) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 32;
  json::value value = json::parse(request.body, ec, {}, options);
  if (ec) throw DomainError(400, "malformed_json", "the body is not valid JSON: " + ec.message());
  if (!value.is_object())
    throw DomainError(400, "malformed_json", "the body must be a JSON object");
  return std::move(value.get_object());
}

inline std::optional<int64_t> query_warehouse(store::Tx& tx, const Request& request) {
  auto code = query_opt(request, "warehouse");
  if (!code) return std::nullopt;
  return wms::require_warehouse(tx, *code, 422, "warehouse").id;
}

// Lists ask their service for limit + 1 rows: the extra one only tells that
// another page exists. Drops it and returns whether it was there.
template <class T>
bool trim_page(std::vector<T>& rows, int64_t limit) {
  if (rows.size() <= static_cast<size_t>(limit)) return false;
  rows.resize(static_cast<size_t>(limit));
  return true;
}

inline json::value next_cursor(bool more, const std::string& last) {
  return more ? json::value(last) : json::value(nullptr);
}

// A read: runs fn on a snapshot and answers 200 with its JSON.
template <class Fn>
void answer_read(store::Database& db, const CallPtr& call, Fn fn) {
  json::value body;
  db.read([&](store::Tx& tx) { body = fn(tx); });
  call->respond(json_response(200, body));
}

// The sweep period of stored Idempotency-Key answers (idempotency.h).
constexpr uint64_t kIdempotencySweepEvery = idempotency::kSweepEvery;

// A write: queues fn for the writer; answers after the durable commit. fn
// returns the JSON and may set the status (201 for creates). With an
// Idempotency-Key header the first answer is stored and replayed.
template <class Fn>
void answer_write(store::Database& db, const CallPtr& call, int status, Fn fn) {
  auto answer = std::make_shared<Response>();
  answer->status = status;
  std::string key = call->request.idempotency_key;
  std::string fingerprint = key.empty() ? std::string() : idempotency::fingerprint(call->request);
  idempotency::check_key(key);
  db.write_async(
      [call, answer, fn, key, fingerprint](store::Tx& tx) {
        if (!key.empty()) {
          if (auto stored = idempotency::find(tx, call->principal.token_hash, key, fingerprint)) {
            answer->status = stored->status;
            answer->body = std::move(stored->body);
            return;
          }
        }
        answer->body = json::serialize(fn(tx, answer->status));
        if (!key.empty()) {
          idempotency::store_answer(tx, call->principal.token_hash, key, fingerprint,
                                    {answer->status, answer->body});
        }
      },
      [call, answer](std::exception_ptr error) {
        call->respond(error ? problem_from(error) : std::move(*answer));
      });
}

// What a route file's handlers capture to read and write (answer_read and
// answer_write on the one database).
struct ReadOn {
  store::Database& db;
  template <class Fn>
  void operator()(const CallPtr& call, Fn fn) const {
    answer_read(db, call, fn);
  }
};
struct WriteOn {
  store::Database& db;
  template <class Fn>
  void operator()(const CallPtr& call, int status, Fn fn) const {
    answer_write(db, call, status, fn);
  }
};

}  // namespace wareflow::api
