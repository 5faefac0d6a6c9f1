// Routes of channels and orders: capture, list, read, cancel, hold, release.
#include "api/handler_kit.h"
#include "api/render_orders.h"
#include "api/routes.h"
#include "core/json.h"
#include "oms/orders.h"

namespace wareflow::api {

void register_order_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("PUT", "/api/v1/channels/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string name = in.required_string("name", 200);
    std::string code = call->param("code");
    write(call, 200, [code, name](store::Tx& tx, int& status) {
      auto result = oms::upsert_channel(tx, code, name);
      status = result.created ? 201 : 200;
      return json::object{{"code", result.channel.code}, {"name", result.channel.name}};
    });
  });
  r.add("GET", "/api/v1/channels", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = oms::list_channels(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& c : list) items.push_back(json::object{{"code", c.code}, {"name", c.name}});
      return json::object{{"channels", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("POST", "/api/v1/orders", kIntegrations, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    oms::OrderInput o;
    o.channel = in.required_string("channel", 64);
    o.channel_order_id = in.required_string("channel_order_id", 128);
    FieldReader customer = in.required_object("customer");
    o.customer.email = customer.required_string("email", 254);
    o.customer.name = customer.required_string("name", 200);
    o.customer.phone = customer.optional_string("phone", 40);
    FieldReader ship = in.required_object("ship_to");
    o.ship_to.name = ship.required_string("name", 200);
    o.ship_to.line1 = ship.required_string("line1", 200);
    o.ship_to.line2 = ship.optional_string("line2", 200).value_or("");
    o.ship_to.city = ship.required_string("city", 100);
    o.ship_to.postal_code = ship.required_string("postal_code", 20);
    o.ship_to.country = ship.required_string("country", 2);
    o.ship_to.latitude = ship.optional_number("latitude", -90, 90);
    o.ship_to.longitude = ship.optional_number("longitude", -180, 180);
    const json::array& lines = in.required_array("lines", 500);
    if (lines.empty()) throw_invalid_field("lines", "an order has at least one line");
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      oms::OrderLineInput l;
      l.sku = line.required_string("sku", 64);
      l.quantity = line.required_int("quantity", 1, oms::kMaxLineQuantity);
      if (auto price = line.optional_object("unit_price")) {
        l.unit_price_minor = price->required_int("amount_minor", 0, oms::kMaxUnitPriceMinor);
        l.currency = price->required_string("currency", 3);
      }
      o.lines.push_back(std::move(l));
    }
    o.priority = in.optional_int("priority", 0, 9).value_or(0);
    o.ship_by_ms = in.optional_time("ship_by");
    o.deliver_by_ms = in.optional_time("deliver_by", true);
    o.hold_reason = in.optional_string("hold", 200);
    write(call, 201, [o = std::move(o), &orders](store::Tx& tx, int& status) {
      auto result = orders.create_order(tx, o);
      status = result.created ? 201 : 200;
      return render(result.order);
    });
  });
  r.add("GET", "/api/v1/orders", kAll, [read, &orders](const CallPtr& call) {
    oms::OrderFilter filter;
    filter.limit = query_limit(call->request);
    filter.before_id = cursor_id(call->request);
    filter.status = query_opt(call->request, "status");
    filter.channel = query_opt(call->request, "channel");
    filter.search = query_opt(call->request, "q");
    if (filter.search && filter.search->size() > 200) {
      throw_invalid_field("q", "q is at most 200 characters");
    }
    if (filter.status && !oms::is_order_status(*filter.status)) {
      throw_invalid_field("status", "unknown order status " + *filter.status);
    }
    read(call, [&](store::Tx& tx) {
      oms::OrderFilter one_more = filter;
      one_more.limit = filter.limit + 1;
      auto list = orders.list_orders(tx, one_more);
      bool more = trim_page(list, filter.limit);
      json::array items;
      for (const auto& o : list) items.push_back(render(o));
      return json::object{
          {"orders", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/orders/{id}", kAll, [read, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    read(call, [&](store::Tx& tx) { return render(orders.get_order(tx, id)); });
  });
  r.add("POST", "/api/v1/orders/{id}/cancel", kIntegrations, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    write(call, 200,
          [id, &orders](store::Tx& tx, int&) { return render(orders.cancel_order(tx, id)); });
  });
  r.add("POST", "/api/v1/orders/{id}/hold", kManagers, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    json::object body = parse_body(call->request);
    std::string reason = FieldReader(body).required_string("reason", 200);
    write(call, 200, [id, reason, &orders](store::Tx& tx, int&) {
      return render(orders.hold_order(tx, id, reason));
    });
  });
  r.add("POST", "/api/v1/orders/{id}/release", kManagers, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    write(call, 200,
          [id, &orders](store::Tx& tx, int&) { return render(orders.release_order(tx, id)); });
  });
}

}  // namespace wareflow::api
