// Routes of inbound goods: suppliers, purchase orders and their receipts.
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/inbound.h"

namespace wareflow::api {

void register_inbound_routes(Router& r, store::Database& db) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("PUT", "/api/v1/suppliers/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::Supplier s;
    s.code = call->param("code");
    s.name = in.required_string("name", 200);
    s.over_receipt_tolerance_permille =
        in.optional_int("over_receipt_tolerance_permille", 0, 1000).value_or(0);
    write(call, 200, [s](store::Tx& tx, int& status) {
      auto result = wms::upsert_supplier(tx, s);
      status = result.created ? 201 : 200;
      return render(result.supplier);
    });
  });
  r.add("GET", "/api/v1/suppliers", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_suppliers(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& s : list) items.push_back(render(s));
      return json::object{{"suppliers", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("POST", "/api/v1/purchase-orders", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::PurchaseOrderInput po;
    po.number = in.required_string("number", 64);
    po.supplier = in.required_string("supplier", 64);
    po.warehouse = in.required_string("warehouse", 64);
    po.expected_at_ms = in.optional_time("expected_at", true);
    const json::array& lines = in.required_array("lines", 500);
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      po.lines.push_back({line.required_string("sku", 64),
                          line.required_int("quantity", 1, 1'000'000),
                          line.optional_int("unit_cost_minor", 0, 1'000'000'000'000)});
    }
    write(call, 201,
          [po](store::Tx& tx, int&) { return render(wms::create_purchase_order(tx, po)); });
  });
  r.add("GET", "/api/v1/purchase-orders", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto status = query_opt(call->request, "status");
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_purchase_orders(tx, status, after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& po : list) items.push_back(render(po));
      return json::object{{"purchase_orders", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().number : "")}};
    });
  });
  r.add("GET", "/api/v1/purchase-orders/{number}", kAll, [read](const CallPtr& call) {
    read(call,
         [&](store::Tx& tx) { return render(wms::get_purchase_order(tx, call->param("number"))); });
  });
  r.add("POST", "/api/v1/purchase-orders/{number}/close", kManagers, [write](const CallPtr& call) {
    std::string number = call->param("number");
    write(call, 200,
          [number](store::Tx& tx, int&) { return render(wms::close_purchase_order(tx, number)); });
  });
  r.add("POST", "/api/v1/purchase-orders/{number}/cancel", kIntegrations,
        [write](const CallPtr& call) {
          std::string number = call->param("number");
          write(call, 200, [number](store::Tx& tx, int&) {
            return render(wms::cancel_purchase_order(tx, number));
          });
        });
  r.add("POST", "/api/v1/purchase-orders/{number}/receipts", kOperators,
        [write](const CallPtr& call) {
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::ReceiptInput receipt;
          receipt.scan = in.optional_raw_string("scan", 512);
          receipt.sku = in.optional_string("sku", 64);
          receipt.line_no = in.optional_int("line_no", 1, 100'000);
          receipt.lot = in.optional_string("lot", 64);
          receipt.expiry_ms = in.optional_time("expiry", true);
          receipt.quantity = in.optional_int("quantity", 1, 1'000'000);
          receipt.damaged = in.optional_bool("damaged").value_or(false);
          receipt.location = in.optional_string("location", 64);
          receipt.close_line = in.optional_bool("close_line").value_or(false);
          receipt.received_by = call->principal.name;
          std::string number = call->param("number");
          write(call, 201, [number, receipt](store::Tx& tx, int&) {
            return render(wms::receive(tx, number, receipt));
          });
        });
}

}  // namespace wareflow::api
