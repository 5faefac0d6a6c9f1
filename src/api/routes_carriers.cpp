// Routes of boxes, carriers and their rate tables, manifests, and rate
// quotes.
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/shipping.h"

namespace wareflow::api {
namespace {

shipping::PackageSpec read_package(const FieldReader& p) {
  return {p.required_int("weight_g", 1, shipping::kMaxWeightG),
          p.required_int("length_mm", 1, shipping::kMaxDimensionMm),
          p.required_int("width_mm", 1, shipping::kMaxDimensionMm),
          p.required_int("height_mm", 1, shipping::kMaxDimensionMm)};
}

}  // namespace

void register_carrier_routes(Router& r, store::Database& db) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("PUT", "/api/v1/boxes/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    body["code"] = call->param("code");
    shipping::Box box = shipping::parse_box(body);
    write(call, 200, [box](store::Tx& tx, int& status) {
      status = wms::upsert_box(tx, box) ? 201 : 200;
      return shipping::to_json(box);
    });
  });
  r.add("GET", "/api/v1/boxes", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& b : wms::list_boxes(tx)) items.push_back(shipping::to_json(b));
      return json::object{{"boxes", std::move(items)}};
    });
  });
  r.add("PUT", "/api/v1/carriers/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    body["code"] = call->param("code");
    shipping::Carrier carrier = shipping::parse_carrier(body);
    write(call, 200, [carrier](store::Tx& tx, int& status) {
      status = wms::upsert_carrier(tx, carrier) ? 201 : 200;
      return shipping::to_json(carrier);
    });
  });
  r.add("GET", "/api/v1/carriers", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& c : wms::list_carriers(tx)) items.push_back(shipping::to_json(c));
      return json::object{{"carriers", std::move(items)}};
    });
  });
  r.add("GET", "/api/v1/carriers/{code}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return shipping::to_json(wms::require_carrier(tx, call->param("code")));
    });
  });
  r.add("GET", "/api/v1/carriers/{code}/manifest", kAll, [read](const CallPtr& call) {
    int64_t day = query_time(call->request, "date", now_ms());
    read(call, [&](store::Tx& tx) {
      wms::require_carrier(tx, call->param("code"));
      auto m = wms::manifest(tx, call->param("code"), day, query_warehouse(tx, call->request));
      json::array entries;
      for (const auto& e : m.entries) {
        json::array packages;
        for (const auto& p : e.packages) {
          packages.push_back(
              json::object{{"id", p.id}, {"sscc", opt(p.sscc)}, {"weight_g", opt(p.weight_g)}});
        }
        entries.push_back(json::object{
            {"fulfillment_id", e.fulfillment_id},
            {"order_id", e.order_id},
            {"service", e.service},
            {"tracking_number", e.tracking_number},
            {"shipped_at", format_rfc3339(e.shipped_at_ms)},
            {"price", e.price_minor
                          ? json::value(json::object{{"amount_minor", *e.price_minor},
                                                     {"currency", e.currency.value_or("")}})
                          : json::value(nullptr)},
            {"ship_to",
             json::object{{"country", e.ship_to_country}, {"postal_code", e.ship_to_postal_code}}},
            {"packages", std::move(packages)}});
      }
      return json::object{
          {"carrier", m.carrier},          {"date", m.date},
          {"warehouse", opt(m.warehouse)}, {"fulfillments", static_cast<int64_t>(m.entries.size())},
          {"packages", m.packages},        {"weight_g", m.weight_g},
          {"entries", std::move(entries)}};
    });
  });
  r.add("POST", "/api/v1/rates/quote", kAll, [read](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::QuoteRequest q;
    FieldReader destination = in.required_object("destination");
    q.destination.country = destination.required_string("country", 2);
    q.destination.postal_code = destination.optional_string("postal_code", 20).value_or("");
    if (!shipping::is_country_code(q.destination.country)) {
      throw_invalid_field("destination.country", "country is an ISO 3166 code such as DE");
    }
    const json::array& packages = in.required_array("packages", 100);
    if (packages.empty()) throw_invalid_field("packages", "at least one package");
    for (size_t i = 0; i < packages.size(); ++i) {
      q.packages.push_back(read_package(in.element("packages", packages, i)));
    }
    q.ship_at_ms = in.optional_time("ship_at").value_or(now_ms());
    q.deliver_by_ms = in.optional_time("deliver_by", true);
    read(call, [&](store::Tx& tx) {
      auto result = wms::quote_rates(tx, q);
      json::array quotes;
      for (const auto& quote : result.quotes) quotes.push_back(render(quote));
      return json::object{{"quotes", std::move(quotes)},
                          {"best", result.best ? render(*result.best) : json::value(nullptr)}};
    });
  });
}

}  // namespace wareflow::api
