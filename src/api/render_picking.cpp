#include "api/render_picking.h"

#include "api/handler_kit.h"
#include "api/render_orders.h"

namespace wareflow::api {

json::value render(const wms::FulfillmentView& f) {
  json::array lines;
  for (const auto& l : f.lines) {
    lines.push_back(json::object{{"sku", l.sku},
                                 {"quantity", l.quantity},
                                 {"allocated", l.allocated},
                                 {"picked", l.picked},
                                 {"packed", l.packed},
                                 {"shipped", l.shipped}});
  }
  json::array packages;
  for (const auto& p : f.packages) {
    json::array items;
    for (const auto& [sku, quantity] : p.items) {
      items.push_back(json::object{{"sku", sku}, {"quantity", quantity}});
    }
    packages.push_back(json::object{{"id", p.id},
                                    {"box", opt(p.box)},
                                    {"weight_g", opt(p.weight_g)},
                                    {"expected_weight_g", opt(p.expected_weight_g)},
                                    {"sscc", opt(p.sscc)},
                                    {"items", std::move(items)}});
  }
  return json::object{{"id", f.id},
                      {"order_id", f.order_id},
                      {"warehouse", f.warehouse},
                      {"status", f.status},
                      {"lines", std::move(lines)},
                      {"packages", std::move(packages)},
                      {"carrier", opt(f.carrier)},
                      {"service", opt(f.service)},
                      {"tracking_number", opt(f.tracking_number)},
                      {"tracking_status", opt(f.tracking_status)},
                      {"price", render_money(f.price_minor, f.currency)},
                      {"shipped_at", opt_time(f.shipped_at_ms)},
                      {"delivered_at", opt_time(f.delivered_at_ms)}};
}

json::value render(const wms::PickListView& p) {
  json::array lines;
  for (const auto& l : p.lines) {
    lines.push_back(json::object{{"id", l.id},
                                 {"sequence", l.sequence},
                                 {"location", l.location},
                                 {"sku", l.sku},
                                 {"lot", l.lot},
                                 {"quantity", l.quantity},
                                 {"picked", l.picked},
                                 {"short", l.short_quantity},
                                 {"status", l.status},
                                 {"fulfillment_id", l.fulfillment_id}});
  }
  json::value route = nullptr;
  if (p.route_method) {
    route = json::object{{"method", *p.route_method},
                         {"algorithm", opt(p.route_algorithm)},
                         {"length_mm", opt(p.route_length_mm)},
                         {"optimal", p.route_optimal}};
  }
  return json::object{
      {"id", p.id},         {"wave_id", p.wave_id},      {"warehouse", p.warehouse},
      {"status", p.status}, {"route", std::move(route)}, {"lines", std::move(lines)}};
}

json::value render(const wms::WaveView& w) {
  json::array fulfillments;
  for (int64_t id : w.fulfillments) fulfillments.emplace_back(id);
  json::array lists;
  for (const auto& p : w.pick_lists) lists.push_back(render(p));
  json::object out{{"id", w.id},
                   {"warehouse", w.warehouse},
                   {"created_at", format_rfc3339(w.created_at_ms)},
                   {"fulfillments", std::move(fulfillments)},
                   {"pick_lists", std::move(lists)}};
  if (w.batching) {
    const wms::WaveBatching& b = *w.batching;
    json::object cart{{"max_items", b.cart.max_items}};
    if (b.cart.max_volume_cm3) cart["max_volume_cm3"] = *b.cart.max_volume_cm3;
    if (b.cart.max_orders) cart["max_orders"] = *b.cart.max_orders;
    json::object batching{{"method", b.method},
                          {"construction", b.construction},
                          {"cart", std::move(cart)},
                          {"route_length_mm", opt(b.route_length_mm)},
                          {"fcfs_route_length_mm", opt(b.fcfs_route_length_mm)}};
    out["batching"] = std::move(batching);
  } else {
    out["batching"] = nullptr;
  }
  return out;
}

}  // namespace wareflow::api
