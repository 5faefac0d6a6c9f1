// Routes of waves and pick lists: wave creation, pick scans, shorts, the
// printed pick list.
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/render_picking.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/fulfillment.h"
#include "wms/picking.h"
#include "wms/shipping.h"

namespace wareflow::api {

void register_picking_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("POST", "/api/v1/waves", kManagers, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::WaveRequest wave;
    wave.warehouse = in.required_string("warehouse", 64);
    // The service bounds it (kMaxWaveOrders, fewer with a cart).
    wave.max_orders = in.optional_int("max_orders", 1, wms::kMaxWaveOrders).value_or(100);
    if (auto cart = in.optional_object("cart")) {
      wave.cart.emplace();
      wave.cart->max_items = cart->required_int("max_items", 1, 1'000'000);
      wave.cart->max_volume_cm3 = cart->optional_int("max_volume_cm3", 1, 1'000'000'000);
      wave.cart->max_orders = cart->optional_int("max_orders", 1, 1000);
    }
    wave.batching_method = in.optional_string("batching", 32).value_or("auto");
    write(call, 201, [wave, &orders](store::Tx& tx, int&) {
      return render(wms::create_wave(tx, wave, orders));
    });
  });
  r.add("GET", "/api/v1/waves", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t before = cursor_id(call->request);
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_waves(tx, query_warehouse(tx, call->request), before, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& w : list) items.push_back(render(w));
      return json::object{
          {"waves", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/waves/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_wave");
    read(call, [&](store::Tx& tx) { return render(wms::get_wave(tx, id)); });
  });
  r.add("GET", "/api/v1/pick-lists/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    read(call, [&](store::Tx& tx) { return render(wms::get_pick_list(tx, id)); });
  });
  r.add("POST", "/api/v1/pick-lists/{id}/picks", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::PickScan scan;
    scan.line_id = in.optional_int("line_id", 1, INT64_MAX);
    scan.location = in.required_string("location", 64);
    scan.barcode = in.required_string("barcode", 64);
    scan.quantity = in.required_int("quantity", 1, 1'000'000);
    scan.picker = call->principal.name;
    write(call, 200, [id, scan, &orders](store::Tx& tx, int&) {
      return render(wms::confirm_pick(tx, id, scan, orders));
    });
  });
  r.add("POST", "/api/v1/pick-lists/{id}/shorts", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_pick_list");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          int64_t line_id = in.required_int("line_id", 1, INT64_MAX);
          int64_t found = in.required_int("quantity_found", 0, 1'000'000);
          std::string picker = call->principal.name;
          write(call, 200, [id, line_id, found, picker, &orders](store::Tx& tx, int&) {
            return render(wms::report_short(tx, id, line_id, found, orders, picker));
          });
        });
  r.add("GET", "/api/v1/pick-lists/{id}/document", kAll, [&db](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    wms::Document document;
    db.read([&](store::Tx& tx) { document = wms::pick_list_document(tx, id); });
    call->respond(document_response(document));
  });
}

}  // namespace wareflow::api
