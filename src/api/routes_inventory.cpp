// Routes of stock: by location of a warehouse, per product, its moves, and
// adjustments.
#include "api/handler_kit.h"
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
      int64_t warehouse_id = wms::require_warehouse(tx, call->param("code"), 404).id;
      json::array items;
      for (const auto& s : inventory::stock_by_location(tx, warehouse_id)) {
        items.push_back(json::object{{"location", s.location},
                                     {"on_hand", s.on_hand},
                                     {"reserved", s.reserved},
                                     {"products", s.products},
                                     {"top_sku", s.top_sku},
                                     {"used_cm3", s.used_cm3},
                                     {"max_volume_cm3", opt(s.max_volume_cm3)}});
      }
      return json::object{{"warehouse", call->param("code")}, {"locations", std::move(items)}};
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
      json::array warehouses;
      for (const auto& w : inventory::inventory_of(tx, product.id)) {
        json::array locations;
        for (const auto& l : w.locations) {
          locations.push_back(json::object{{"location", l.location},
                                           {"lot", l.lot},
                                           {"expiry", opt_time(l.expiry_ms)},
                                           {"on_hand", l.on_hand},
                                           {"reserved", l.reserved}});
        }
        warehouses.push_back(json::object{{"warehouse", w.warehouse},
                                          {"on_hand", w.on_hand},
                                          {"allocated", w.allocated},
                                          {"available", w.on_hand - w.allocated},
                                          {"locations", std::move(locations)}});
      }
      return json::object{{"sku", product.sku}, {"warehouses", std::move(warehouses)}};
    });
  });
  r.add("GET", "/api/v1/inventory/{sku}/moves", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t before = cursor_id(call->request);
    read(call, [&](store::Tx& tx) {
      auto product = catalog::require_product(tx, call->param("sku"), 404);
      auto moves = inventory::moves_of(tx, product.id, before, limit + 1);
      bool more = trim_page(moves, limit);
      json::array items;
      for (const auto& m : moves) {
        json::value ref = nullptr;
        if (!m.ref_type.empty()) {
          ref = json::object{{"type", m.ref_type},
                             {"id", m.ref_id != 0 ? json::value(m.ref_id) : json::value(nullptr)}};
        }
        items.push_back(json::object{{"id", m.id},
                                     {"at", format_rfc3339(m.at_ms)},
                                     {"warehouse", m.warehouse},
                                     {"from_location", m.from_location},
                                     {"to_location", m.to_location},
                                     {"sku", product.sku},
                                     {"lot", m.lot},
                                     {"quantity", m.quantity},
                                     {"reason", m.reason},
                                     {"ref", ref}});
      }
      return json::object{
          {"moves", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(moves.back().id) : "")}};
    });
  });
}

}  // namespace wareflow::api
