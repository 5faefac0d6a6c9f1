// Routes of fulfillments after the pick: list and read, the carton
// suggestion, packing, shipping, delivery, carrier tracking events and the
// printed documents (packing slip, label).
#include <cmath>

#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/render_picking.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/fulfillment.h"
#include "wms/picking.h"
#include "wms/shipping.h"

namespace wareflow::api {

void register_fulfillment_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("GET", "/api/v1/fulfillments", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t after = cursor_id(call->request);
    auto status = query_opt(call->request, "status");
    if (status && !wms::is_fulfillment_status(*status)) {
      throw_invalid_field("status", "unknown fulfillment status " + *status);
    }
    read(call, [&](store::Tx& tx) {
      auto list =
          wms::list_fulfillments(tx, query_warehouse(tx, call->request), status, after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& f : list) items.push_back(render(f));
      return json::object{
          {"fulfillments", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/fulfillments/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    read(call, [&](store::Tx& tx) { return render(wms::get_fulfillment(tx, id)); });
  });
  r.add("POST", "/api/v1/fulfillments/{id}/pack", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          const json::array& packages = in.required_array("packages", 100);
          if (packages.empty()) throw_invalid_field("packages", "at least one package is needed");
          std::vector<wms::PackageInput> input;
          for (size_t i = 0; i < packages.size(); ++i) {
            FieldReader p = in.element("packages", packages, i);
            wms::PackageInput package;
            package.box = p.optional_string("box", 64);
            package.weight_g = p.optional_int("weight_g", 0, 1'000'000'000);
            const json::array& items = p.required_array("items", 1000);
            for (size_t j = 0; j < items.size(); ++j) {
              FieldReader item = p.element("items", items, j);
              package.items.emplace_back(item.required_string("sku", 64),
                                         item.required_int("quantity", 1, 1'000'000));
            }
            input.push_back(std::move(package));
          }
          write(call, 200, [id, input, &orders](store::Tx& tx, int&) {
            return render(wms::pack(tx, id, input, orders));
          });
        });
  r.add("POST", "/api/v1/fulfillments/{id}/ship", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::ShipRequest s;
          s.carrier = in.optional_string("carrier", 64);
          s.service = in.optional_string("service", 64);
          s.tracking_number = in.optional_string("tracking_number", 64);
          s.deliver_by_ms = in.optional_time("deliver_by", true);
          write(call, 200, [id, s, &orders](store::Tx& tx, int&) {
            return render(wms::ship_fulfillment(tx, id, s, orders));
          });
        });
  r.add("POST", "/api/v1/fulfillments/{id}/deliver", kDelivery,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          write(call, 200, [id, &orders](store::Tx& tx, int&) {
            return render(wms::deliver(tx, id, orders));
          });
        });
  r.add("GET", "/api/v1/fulfillments/{id}/carton", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    read(call, [&](store::Tx& tx) {
      auto advice = wms::suggest_carton(tx, id);
      json::array cartons;
      for (const auto& c : advice.cartons) {
        json::array items;
        for (const auto& [sku, units] : c.items) {
          items.push_back(json::object{{"sku", sku}, {"quantity", units}});
        }
        cartons.push_back(json::object{{"box", c.box},
                                       {"items", std::move(items)},
                                       {"fill_volume_permille", c.fill_volume_permille},
                                       {"gross_weight_g", c.gross_weight_g}});
      }
      // One carton holds it all: that box is the suggestion.
      json::value suggestion = nullptr;
      if (advice.cartons.size() == 1) suggestion = cartons[0];
      return json::object{
          {"fulfillment_id", id},
          {"items_weight_g", advice.items_weight_g},
          {"suggestion", suggestion},
          {"cartons", std::move(cartons)},
          {"fill_volume_permille", static_cast<int64_t>(std::llround(advice.fill_rate * 1000))},
          {"lower_bound_cartons", advice.lower_bound_cartons},
          {"method", advice.method.empty() ? json::value(nullptr) : json::value(advice.method)},
          {"unpackable", opt(advice.unpackable)}};
    });
  });
  r.add("POST", "/api/v1/fulfillments/{id}/tracking-events", kDelivery,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::TrackingEventInput e;
          e.status = in.required_string("status", 32);
          e.at_ms = in.optional_time("at");
          e.detail = in.optional_string("detail", 500);
          write(call, 201, [id, e, &orders](store::Tx& tx, int&) {
            auto f = wms::record_tracking_event(tx, id, e, orders);
            return json::object{
                {"fulfillment_id", f.id}, {"status", f.status}, {"tracking_status", e.status}};
          });
        });
  r.add("GET", "/api/v1/fulfillments/{id}/documents/{kind}", kAll, [&db](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    std::string kind = call->param("kind");
    std::string format = query_opt(call->request, "format").value_or("pdf");
    int64_t package =
        query_positive_int(call->request, "package", "a 1-based package number").value_or(1);
    if (kind != "packing-slip" && kind != "label") {
      throw_not_found("not_found", "documents are packing-slip and label");
    }
    if (kind == "packing-slip" && format != "pdf") {
      throw_invalid_field("format", "a packing slip is a pdf");
    }
    wms::Document document;
    db.read([&](store::Tx& tx) {
      document = kind == "label" ? wms::label_document(tx, id, format, package)
                                 : wms::packing_slip_document(tx, id);
    });
    call->respond(document_response(document));
  });
}

}  // namespace wareflow::api
