// Routes of customer returns: announce, receive, inspect.
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/returns.h"

namespace wareflow::api {

void register_return_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("POST", "/api/v1/returns", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::ReturnInput input;
    input.order_id = in.required_int("order_id", 1, INT64_MAX);
    input.reason = in.required_string("reason", 200);
    const json::array& lines = in.required_array("lines", 500);
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      wms::ReturnLineInput l;
      l.order_line_id = line.optional_int("order_line_id", 1, INT64_MAX);
      l.sku = line.optional_string("sku", 64);
      l.quantity = line.required_int("quantity", 1, 1'000'000);
      l.reason = line.optional_string("reason", 200).value_or("");
      input.lines.push_back(std::move(l));
    }
    write(call, 201,
          [input](store::Tx& tx, int&) { return render(wms::authorize_return(tx, input)); });
  });
  r.add("GET", "/api/v1/returns", kAll, [read](const CallPtr& call) {
    auto order = query_positive_int(call->request, "order_id", "a positive integer");
    if (!order) throw_invalid_field("order_id", "order_id is required");
    int64_t order_id = *order;
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& ret : wms::returns_of_order(tx, order_id)) items.push_back(render(ret));
      return json::object{{"returns", std::move(items)}};
    });
  });
  r.add("GET", "/api/v1/returns/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    read(call, [&](store::Tx& tx) { return render(wms::get_return(tx, id)); });
  });
  r.add("POST", "/api/v1/returns/{id}/receive", kOperators, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    auto location = in.optional_string("location", 64);
    const json::array& lines = in.required_array("lines", 500);
    std::vector<wms::ReturnedItem> items;
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      items.push_back(
          {line.required_string("sku", 64), line.required_int("quantity", 1, 1'000'000)});
    }
    write(call, 200, [id, items, location](store::Tx& tx, int&) {
      return render(wms::receive_return(tx, id, items, location));
    });
  });
  r.add("POST", "/api/v1/returns/{id}/inspect", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    const json::array& lines = in.required_array("lines", 500);
    std::vector<wms::Disposition> items;
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      items.push_back({line.required_string("sku", 64), line.required_int("quantity", 1, 1'000'000),
                       line.required_string("disposition", 16),
                       line.optional_string("location", 64)});
    }
    write(call, 200, [id, items, &orders](store::Tx& tx, int&) {
      return render(wms::inspect_return(tx, id, items, &orders));
    });
  });
}

}  // namespace wareflow::api
