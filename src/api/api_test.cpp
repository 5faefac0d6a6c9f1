// The API without a socket: routing, auth, roles, problem documents, and the
// OpenAPI document's agreement with the routes the server really has.
#include "api/api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <set>

#include "api/handler_kit.h"
#include "auth/tokens.h"
#include "testing/temp_db.h"

namespace wareflow::api {

extern const std::string_view kOpenApiDocument;

namespace {

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : api(*t.db, *t.orders) {
    t.db->write([&](store::Tx& tx) {
      admin = auth::create_token(tx, auth::Role::admin, "admin");
      viewer = auth::create_token(tx, auth::Role::viewer, "viewer");
    });
  }

  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& token = "") {
    Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    if (!token.empty()) r.authorization = "Bearer " + token;
    std::promise<Response> answer;
    api.handle(r, [&](Response response) { answer.set_value(std::move(response)); });
    return answer.get_future().get();
  }

  std::string code_of(const Response& r) {
    return std::string(boost::json::parse(r.body).at("code").as_string());
  }

  testing::TempDb t;
  Api api;
  std::string admin, viewer;
};

TEST_F(ApiTest, EveryRouteIsInTheOpenApiDocumentWithTheSameRoles) {
  auto spec = boost::json::parse(kOpenApiDocument).as_object();
  const auto& paths = spec.at("paths").as_object();
  size_t operations = 0;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "get" || method == "put" || method == "post" || method == "delete") {
        ++operations;
      }
    }
  }
  auto routes = api.routes();
  EXPECT_EQ(routes.size(), operations) << "the spec and the server disagree on the route count";
  for (const auto& route : routes) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto* item = paths.if_contains(route.pattern);
    ASSERT_TRUE(item) << route.pattern << " is missing from openapi.json";
    auto* op = item->as_object().if_contains(method);
    ASSERT_TRUE(op) << route.method << " " << route.pattern << " is missing from openapi.json";
    std::set<std::string> documented;
    if (auto* roles = op->as_object().if_contains("x-roles")) {
      for (const auto& role : roles->as_array()) documented.emplace(role.as_string());
    }
    std::set<std::string> served(route.roles.begin(), route.roles.end());
    if (served.empty()) {
      // Public routes declare no security.
      auto* security = op->as_object().if_contains("security");
      EXPECT_TRUE(security && security->as_array().empty()) << route.pattern;
    } else {
      EXPECT_EQ(served, documented) << route.method << " " << route.pattern;
    }
  }
}

// The refusals a client must be ready for, whatever the route: the spec lists
// them on every operation that can get them, so a generated client (and the
// web app's retry) can rely on the document. The set follows the server:
// every request can meet the connection cap (503) and the header limit (431);
// reads queued on the read pool can get 429 too_many_requests and 503
// server_busy; writes can get 503 database_unavailable and 413.
TEST_F(ApiTest, EveryOperationListsTheRefusalsItCanGet) {
  auto spec = boost::json::parse(kOpenApiDocument).as_object();
  const auto& paths = spec.at("paths").as_object();
  const auto& shared = spec.at("components").as_object().at("responses").as_object();
  // The response object of a status, its $ref followed; null when not listed.
  auto response = [&](const boost::json::object& op,
                      const char* status) -> const boost::json::object* {
    auto* listed = op.at("responses").as_object().if_contains(status);
    if (!listed) return nullptr;
    const auto& r = listed->as_object();
    auto* ref = r.if_contains("$ref");
    if (!ref) return &r;
    std::string name(ref->as_string());
    name = name.substr(name.rfind('/') + 1);
    auto* target = shared.if_contains(name);
    return target ? &target->as_object() : nullptr;
  };
  auto says_retry_after = [](const boost::json::object* r) {
    auto* headers = r ? r->if_contains("headers") : nullptr;
    return headers && headers->as_object().contains("Retry-After");
  };
  for (const auto& route : api.routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string name = route.method + " " + route.pattern;
    auto* item = paths.if_contains(route.pattern);
    ASSERT_TRUE(item) << name;
    auto* op_value = item->as_object().if_contains(method);
    ASSERT_TRUE(op_value) << name;
    const auto& op = op_value->as_object();
    EXPECT_TRUE(response(op, "431")) << name << " does not list 431 headers_too_large";
    EXPECT_TRUE(says_retry_after(response(op, "503")))
        << name << " does not list 503 with Retry-After";
    if (route.method == "GET" && !route.answered_inline) {
      EXPECT_TRUE(says_retry_after(response(op, "429")))
          << name << " does not list 429 too_many_requests with Retry-After";
    }
    if (route.method != "GET") {
      EXPECT_TRUE(response(op, "413")) << name << " does not list 413 payload_too_large";
    }
  }
}

TEST_F(ApiTest, UnknownPathsAndMethods) {
  EXPECT_EQ(call("GET", "/nope").status, 404);
  auto r = call("DELETE", "/api/v1/orders", "", admin);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(code_of(r), "method_not_allowed");
}

TEST_F(ApiTest, TokensAndRoles) {
  EXPECT_EQ(call("GET", "/api/v1/orders").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/orders", "", "wf_" + std::string(64, '0')).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/orders", "", viewer).status, 200);
  auto r = call("PUT", "/api/v1/channels/web", R"({"name": "Web"})", viewer);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code_of(r), "forbidden");
  EXPECT_EQ(call("PUT", "/api/v1/channels/web", R"({"name": "Web"})", admin).status, 201);
  EXPECT_EQ(call("PUT", "/api/v1/channels/web", R"({"name": "Web"})", admin).status, 200);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ApiTest, MalformedAndInvalidBodies) {
  auto r = call("PUT", "/api/v1/channels/web", "{not json", admin);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code_of(r), "malformed_json");
  EXPECT_EQ(call("PUT", "/api/v1/channels/web", "[1, 2]", admin).status, 400);
  r = call("PUT", "/api/v1/channels/web", R"({"name": 7})", admin);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(std::string(boost::json::parse(r.body).at("field").as_string()), "name");
  Request list;
  list.method = "GET";
  list.path = "/api/v1/orders";
  list.query["limit"] = "0";
  list.authorization = "Bearer " + admin;
  std::promise<Response> answer;
  api.handle(list, [&](Response response) { answer.set_value(std::move(response)); });
  r = answer.get_future().get();
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(std::string(boost::json::parse(r.body).at("field").as_string()), "limit");
}

TEST_F(ApiTest, IdempotencyKeyReplaysTheFirstAnswer) {
  Request r;
  r.method = "PUT";
  r.path = "/api/v1/channels/web";
  r.body = R"({"name": "Web"})";
  r.authorization = "Bearer " + admin;
  r.idempotency_key = "k1";
  auto send = [&](const Request& request) {
    std::promise<Response> answer;
    api.handle(request, [&](Response response) { answer.set_value(std::move(response)); });
    return answer.get_future().get();
  };
  auto first = send(r);
  auto second = send(r);
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(first.body, second.body);
  r.body = R"({"name": "Other"})";
  auto conflict = send(r);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(code_of(conflict), "idempotency_conflict");
}

TEST_F(ApiTest, StoredIdempotentAnswersAreSweptAfterADay) {
  // An answer stored two days ago and one of an hour ago.
  t.db->write([&](store::Tx& tx) {
    const std::pair<const char*, int64_t> keys[] = {{"old", int64_t{48} * 3'600'000},
                                                    {"recent", int64_t{3'600'000}}};
    for (const auto& [key, age_ms] : keys) {
      tx.exec(
          "INSERT INTO idempotency_keys (token_hash, idempotency_key, request_hash, status, "
          "response_body, created_at_ms) VALUES ('h', $1, 'x', 200, '{}', $2)",
          std::string(key), tx.now_ms() - age_ms);
    }
  });
  auto count = [&](const char* key) {
    int64_t n = 0;
    t.db->read([&](store::Tx& tx) {
      auto q = tx.query("SELECT COUNT(*) FROM idempotency_keys WHERE idempotency_key = $1",
                        std::string(key));
      q.next();
      n = q.i64(0);
    });
    return n;
  };
  Request r;
  r.method = "PUT";
  r.authorization = "Bearer " + admin;
  r.body = R"({"name": "C"})";
  // Enough keyed writes that one of them sweeps, wherever the counter stands.
  for (uint64_t i = 0; i < kIdempotencySweepEvery; ++i) {
    r.path = "/api/v1/channels/c" + std::to_string(i);
    r.idempotency_key = "k" + std::to_string(i);
    std::promise<Response> answer;
    api.handle(r, [&](Response response) { answer.set_value(std::move(response)); });
    ASSERT_EQ(answer.get_future().get().status, 201);
  }
  EXPECT_EQ(count("old"), 0);
  EXPECT_EQ(count("recent"), 1);
  EXPECT_EQ(count("k0"), 1);
}

TEST_F(ApiTest, UnknownResourcesAre404WithTheirCode) {
  EXPECT_EQ(code_of(call("GET", "/api/v1/orders/12345", "", admin)), "unknown_order");
  EXPECT_EQ(code_of(call("GET", "/api/v1/orders/abc", "", admin)), "unknown_order");
  EXPECT_EQ(code_of(call("GET", "/api/v1/products/NOPE", "", admin)), "unknown_sku");
  EXPECT_EQ(code_of(call("GET", "/api/v1/pick-lists/9", "", admin)), "unknown_pick_list");
  EXPECT_EQ(code_of(call("GET", "/api/v1/warehouses/X/locations", "", admin)), "unknown_warehouse");
}

}  // namespace
}  // namespace wareflow::api
