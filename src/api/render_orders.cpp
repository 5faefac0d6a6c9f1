#include "api/render_orders.h"

#include "api/handler_kit.h"

namespace wareflow::api {

json::value render_money(const std::optional<int64_t>& amount,
                         const std::optional<std::string>& currency) {
  if (!amount) return nullptr;
  return json::object{{"amount_minor", *amount}, {"currency", currency.value_or("")}};
}

json::value render(const wms::FulfillmentSummary& f) {
  return json::object{{"id", f.id},
                      {"warehouse", f.warehouse},
                      {"status", f.status},
                      {"carrier", opt(f.carrier)},
                      {"service", opt(f.service)},
                      {"tracking_number", opt(f.tracking_number)},
                      {"tracking_status", opt(f.tracking_status)}};
}

json::value render(const oms::Order& o) {
  json::array lines;
  for (const auto& l : o.lines) {
    lines.push_back(json::object{{"id", l.id},
                                 {"sku", l.sku},
                                 {"quantity", l.quantity},
                                 {"unit_price", render_money(l.unit_price_minor, l.currency)},
                                 {"allocated", l.allocated},
                                 {"picked", l.picked},
                                 {"packed", l.packed},
                                 {"shipped", l.shipped},
                                 {"backordered", l.backordered},
                                 {"cancelled", l.cancelled},
                                 {"returned", l.returned}});
  }
  json::array fulfillments;
  for (const auto& f : o.fulfillments) fulfillments.push_back(render(f));
  json::object ship_to{{"name", o.ship_to.name},
                       {"line1", o.ship_to.line1},
                       {"line2", o.ship_to.line2},
                       {"city", o.ship_to.city},
                       {"postal_code", o.ship_to.postal_code},
                       {"country", o.ship_to.country},
                       {"latitude", opt(o.ship_to.latitude)},
                       {"longitude", opt(o.ship_to.longitude)}};
  return json::object{{"id", o.id},
                      {"channel", o.channel},
                      {"channel_order_id", o.channel_order_id},
                      {"status", o.status},
                      {"customer", json::object{{"id", o.customer.id},
                                                {"email", o.customer.email},
                                                {"name", o.customer.name},
                                                {"phone", opt(o.customer.phone)}}},
                      {"ship_to", std::move(ship_to)},
                      {"priority", o.priority},
                      {"ship_by", opt_time(o.ship_by_ms)},
                      {"deliver_by", opt_time(o.deliver_by_ms)},
                      {"hold_reason", opt(o.hold_reason)},
                      {"created_at", format_rfc3339(o.created_at_ms)},
                      {"tracking_token", o.tracking_token},
                      {"lines", std::move(lines)},
                      {"fulfillments", std::move(fulfillments)}};
}

}  // namespace wareflow::api
