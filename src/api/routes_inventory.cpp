// Routes of stock: by location of a warehouse, per product, its moves, and
// adjustments. What they show a counter goes through its BookMask (blind
// counts).
#include "api/book_mask.h"
#include "api/handler_kit.h"
#include "api/render_stock.h"
#include "api/routes.h"
#include "catalog/catalog.h"
#include "core/json.h"
#include "inventory/inventory.h"
#include "wms/layout.h"

namespace wareflow::api {

void register_inventory_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("GET", "/api/v1/warehouses/{code}/stock", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto warehouse = wms::require_warehouse(tx, call->param("code"), 404);
      auto mask = BookMask::of(tx, call->principal.role, warehouse.id);
      return json::object{{"warehouse", warehouse.code},
                          {"locations", render_stock(inventory::stock_by_location(tx, warehouse.id),
                                                     warehouse.code, mask)}};
    });
  });
  r.add("POST", "/api/v1/inventory/adjustments", kManagers, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    inventory::AdjustmentInput a;
    a.warehouse = in.required_string("warehouse", 64);
    a.location = in.required_string("location", 64);
    a.sku = in.required_string("sku", 64);
    a.quantity =
        in.required_int("quantity", -inventory::kMaxAdjustQuantity, inventory::kMaxAdjustQuantity);
    if (a.quantity == 0) throw_invalid_field("quantity", "quantity must not be 0");
    a.lot = in.optional_string("lot", 64).value_or("");
    a.expiry_ms = in.optional_time("expiry", true);
    a.reason = in.required_string("reason", 200);
    write(call, 201, [a, &orders](store::Tx& tx, int&) {
      auto result = inventory::adjust(tx, a, &orders);
      return json::object{{"move_id", result.move_id},
                          {"warehouse", a.warehouse},
                          {"location", a.location},
                          {"sku", a.sku},
                          {"lot", a.lot},
                          {"expiry", opt_time(result.expiry_ms)},
                          {"quantity", a.quantity},
                          {"on_hand", result.on_hand}};
    });
  });
  r.add("GET", "/api/v1/inventory/{sku}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto product = catalog::require_product(tx, call->param("sku"), 404);
      auto mask = BookMask::of(tx, call->principal.role, std::nullopt);
      return json::object{
          {"sku", product.sku},
          {"warehouses", render_inventory(inventory::inventory_of(tx, product.id), mask)}};
    });
  });
  r.add("GET", "/api/v1/inventory/{sku}/moves", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t before = cursor_id(call->request);
    read(call, [&](store::Tx& tx) {
      auto product = catalog::require_product(tx, call->param("sku"), 404);
      auto moves = inventory::moves_of(tx, product.id, before, limit + 1);
      bool more = trim_page(moves, limit);
      auto mask = BookMask::of(tx, call->principal.role, std::nullopt);
      json::array items;
      for (const auto& m : moves) items.push_back(render_move(m, product.sku, mask));
      return json::object{
          {"moves", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(moves.back().id) : "")}};
    });
  });
}

}  // namespace wareflow::api
