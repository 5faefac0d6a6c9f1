// Routes about the API itself and the public edge: health, the OpenAPI
// document, who the caller is, and the customer tracking page (no token).
#include "api/handler_kit.h"
#include "api/routes.h"
#include "events/outbox.h"
#include "reporting/tracking.h"

namespace wareflow::api {

extern const std::string_view kOpenApiDocument;

void register_meta_routes(Router& r, store::Database& db, const HttpMetrics& metrics) {
  const ReadOn read{db};
  r.add_inline("GET", "/healthz", kPublic, [](const CallPtr& call) {
    call->respond(json_response(200, json::object{{"status", "ok"}}));
  });
  // Readiness, for a load balancer: this server can take requests while its
  // database answers (a failover makes it unready for a few seconds).
  r.add("GET", "/readyz", kPublic, [&db](const CallPtr& call) {
    try {
      db.read([](store::Tx& tx) { tx.query("SELECT 1").next(); });
      call->respond(json_response(200, json::object{{"status", "ready"}}));
    } catch (const std::exception&) {
      Response unready = json_response(503, json::object{{"status", "not_ready"}});
      unready.headers.emplace_back("Retry-After", "1");
      call->respond(std::move(unready));
    }
  });
  // For Prometheus, with a token of any role (scrape_config `authorization`):
  // the numbers show load and routes, not data. A read like any other (it
  // asks the database for the newest event), so it runs on the read pool.
  r.add("GET", "/metrics", kAll, [&db, &metrics](const CallPtr& call) {
    std::optional<int64_t> feed_last_seq;
    try {
      db.read([&](store::Tx& tx) {
        feed_last_seq = std::min(events::last_seq(tx), db.durable_event_seq());
      });
    } catch (const std::exception&) {
      // The database is away: the server's own numbers are still worth a scrape.
    }
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics.render(db, feed_last_seq);
    call->respond(std::move(response));
  });
  r.add_inline("GET", "/api/v1/openapi.json", kPublic, [](const CallPtr& call) {
    Response response;
    response.body = std::string(kOpenApiDocument);
    call->respond(std::move(response));
  });
  r.add_inline("GET", "/api/v1/me", kAll, [](const CallPtr& call) {
    call->respond(
        json_response(200, json::object{{"name", call->principal.name},
                                        {"role", auth::role_name(call->principal.role)}}));
  });
  // The customer's tracking page: no token, nothing but the tracking view.
  r.add("GET", "/api/v1/tracking/{token}", kPublic, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      reporting::TrackingView v = reporting::tracking_view(tx, call->param("token"));
      json::array lines, shipments;
      for (const auto& l : v.lines) {
        lines.push_back(json::object{
            {"sku", l.sku}, {"name", l.name}, {"quantity", l.quantity}, {"shipped", l.shipped}});
      }
      for (const auto& s : v.shipments) {
        shipments.push_back(json::object{{"status", s.status},
                                         {"carrier", opt(s.carrier)},
                                         {"service", opt(s.service)},
                                         {"tracking_number", opt(s.tracking_number)},
                                         {"tracking_status", opt(s.tracking_status)},
                                         {"shipped_at", opt_time(s.shipped_at_ms)},
                                         {"delivered_at", opt_time(s.delivered_at_ms)}});
      }
      return json::object{{"order", json::object{{"channel_order_id", v.channel_order_id},
                                                 {"status", v.status},
                                                 {"created_at", format_rfc3339(v.created_at_ms)},
                                                 {"lines", std::move(lines)}}},
                          {"shipments", std::move(shipments)}};
    });
  });
}

}  // namespace wareflow::api
