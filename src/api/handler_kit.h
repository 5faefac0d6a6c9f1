// What every route handler uses: role sets, reading request bodies and query
// parameters, rendering optional values, problem documents, paging, and the
// read/write pattern (a read on a snapshot; a write queued for the single
// writer, answered after its durable commit, with Idempotency-Key replay).
// Internal to api/: included by the handler files only, never by the domain.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "api/api.h"
#include "api/router.h"
#include "core/error.h"
#include "core/input_problem.h"
#include "core/random.h"
#include "core/time.h"
#include "inputs/input_error.h"
#include "store/database.h"
#include "wms/layout.h"

namespace wareflow::wms {
struct PurchaseOrderView;
}

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

inline json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : nullptr; }
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
  if (!value.is_object()) throw DomainError(400, "malformed_json", "the body must be a JSON object");
  return std::move(value.get_object());
}

inline int64_t query_limit(const Request& request) {
  auto it = request.query.find("limit");
  if (it == request.query.end()) return 100;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || value < 1 ||
      value > 500) {
    throw_invalid_field("limit", "limit must be an integer from 1 to 500");
  }
  return value;
}

inline std::string query_text(const Request& request, const std::string& key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? std::string() : it->second;
}

inline std::optional<std::string> query_opt(const Request& request, const std::string& key) {
  auto it = request.query.find(key);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// An integer id from a path parameter or cursor; 404 `code` / 422 when malformed.
inline int64_t parse_id(const std::string& text, const std::string& not_found_code) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    throw_not_found(not_found_code, "no such resource: " + text);
  }
  return value;
}

inline int64_t cursor_id(const Request& request) {
  std::string cursor = query_text(request, "cursor");
  if (cursor.empty()) return 0;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (ec != std::errc() || ptr != cursor.data() + cursor.size() || value <= 0) {
    throw_invalid_field("cursor", "cursor is not one this server gave out");
  }
  return value;
}

// An optional whole-number query parameter from lo to hi; 422 invalid_field
// naming it ("KEY must be WHAT", WHAT by default "a whole number from LO to
// HI") when malformed or out of range.
inline std::optional<int64_t> query_int(const Request& request, const std::string& key,
                                        int64_t lo, int64_t hi, const std::string& what = {}) {
  auto text = query_opt(request, key);
  if (!text) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size() || value < lo || value > hi) {
    throw_invalid_field(key, key + " must be " +
                                 (what.empty() ? "a whole number from " + std::to_string(lo) +
                                                     " to " + std::to_string(hi)
                                               : what));
  }
  return value;
}

// An optional positive integer query parameter; 422 invalid_field naming it
// when malformed.
inline std::optional<int64_t> query_positive_int(const Request& request, const std::string& key,
                                                 const std::string& what) {
  return query_int(request, key, 1, INT64_MAX, what);
}

// A time query parameter (RFC 3339 or YYYY-MM-DD); 422 invalid_field naming it.
inline int64_t query_time(const Request& request, const std::string& key, int64_t fallback) {
  auto text = query_opt(request, key);
  if (!text) return fallback;
  auto value = parse_rfc3339(*text, true);
  if (!value) throw_invalid_field(key, key + " must be an RFC 3339 time or a YYYY-MM-DD date");
  return *value;
}

inline std::optional<int64_t> query_warehouse(store::Tx& tx, const Request& request) {
  auto code = query_opt(request, "warehouse");
  if (!code) return std::nullopt;
  return wms::require_warehouse(tx, *code, 422, "warehouse").id;
}

// The reporting window: [from, to), by default the last 30 days.
inline std::pair<int64_t, int64_t> query_window(const Request& request) {
  int64_t to = query_time(request, "to", now_ms() + 1);
  int64_t from = query_time(request, "from", to - 30 * 86'400'000LL);
  if (from >= to) throw_invalid_field("from", "from must be before to");
  return {from, to};
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

// Stored answers to Idempotency-Key requests are kept this long; every
// kIdempotencySweepEvery-th stored answer deletes the older ones in its own
// transaction (one indexed delete), so the table does not grow without end.
constexpr int64_t kIdempotencyKeepMs = 24 * 3'600'000LL;
constexpr uint64_t kIdempotencySweepEvery = 256;
inline std::atomic<uint64_t> idempotency_answers_stored{0};

// A write: queues fn for the writer; answers after the durable commit. fn
// returns the JSON and may set the status (201 for creates). With an
// Idempotency-Key header the first answer is stored and replayed.
template <class Fn>
void answer_write(store::Database& db, const CallPtr& call, int status, Fn fn) {
  auto answer = std::make_shared<Response>();
  answer->status = status;
  std::string key = call->request.idempotency_key;
  std::string fingerprint =
      key.empty() ? std::string()
                  : sha256_hex(call->request.method + " " + call->request.path + "\n" +
                               call->request.body);
  if (key.size() > 200) throw_invalid_field("Idempotency-Key", "Idempotency-Key is too long");
  db.write_async(
      [call, answer, fn, key, fingerprint](store::Tx& tx) {
        if (!key.empty()) {
          auto q = tx.query(
              "SELECT request_hash, status, response_body FROM idempotency_keys WHERE "
              "token_name = $1 AND idempotency_key = $2",
              call->principal.name, key);
          if (q.next()) {
            if (q.text(0) != fingerprint) {
              throw_conflict("idempotency_conflict",
                             "this Idempotency-Key was used for a different request");
            }
            answer->status = static_cast<int>(q.i64(1));
            answer->body = q.text(2);
            return;
          }
        }
        answer->body = json::serialize(fn(tx, answer->status));
        if (!key.empty()) {
          tx.exec(
              "INSERT INTO idempotency_keys (token_name, idempotency_key, request_hash, status, "
              "response_body, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
              call->principal.name, key, fingerprint, static_cast<int64_t>(answer->status),
              answer->body, tx.now_ms());
          if (++idempotency_answers_stored % kIdempotencySweepEvery == 0) {
            tx.exec("DELETE FROM idempotency_keys WHERE created_at_ms < $1",
                    tx.now_ms() - kIdempotencyKeepMs);
          }
        }
      },
      [call, answer](std::exception_ptr error) {
        call->respond(error ? problem_from(error) : std::move(*answer));
      });
}

// A purchase order as the API shows it (handlers_execution.cpp).
json::value render_purchase_order(const wms::PurchaseOrderView& po);

// Registers the warehouse-execution routes (handlers_execution.cpp).
void register_execution_routes(Router& r, store::Database& db, oms::OrderService& orders);
// Registers the planning routes (handlers_planning.cpp).
void register_planning_routes(Router& r, store::Database& db);
// Returns when no forecast refresh runs (handlers_planning.cpp).
void wait_for_planning_jobs();
// Registers the dashboard and KPI report routes (handlers_reports.cpp).
void register_report_routes(Router& r, store::Database& db);

}  // namespace wareflow::api
