// Test support: the smallest shop a flow needs — warehouse W1 (one aisle of
// two bays, one level: A01-001-1 and A01-002-1, plus the docks), product P1
// (50 mm cube, 100 g) and the channels "web" and "shop" — and an order for
// `quantity` of P1 on the web channel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "inventory/inventory.h"
#include "oms/orders.h"
#include "testing/temp_db.h"
#include "wms/layout.h"

namespace wareflow::testing {

inline void set_up_small_shop(TempDb& t) {
  t.db->write([&](store::Tx& tx) {
    wms::WarehouseInput w;
    w.code = "W1";
    w.name = "W1";
    w.address.country = "DE";
    wms::upsert_warehouse(tx, w);
    wms::LayoutInput layout;
    layout.aisles = 1;
    layout.bays = 2;
    layout.levels = 1;
    wms::generate_layout(tx, "W1", layout);
    catalog::ProductInput p;
    p.sku = "P1";
    p.name = "P1";
    p.weight_g = 100;
    p.length_mm = p.width_mm = p.height_mm = 50;
    catalog::upsert_product(tx, p, inventory::shelf_stock());
    oms::upsert_channel(tx, "web", "Web");
    oms::upsert_channel(tx, "shop", "Shop");
  });
}

// Places order `channel_order_id` for `quantity` of P1; returns its id.
inline int64_t place_p1_order(TempDb& t, store::Tx& tx, const std::string& channel_order_id,
                              int64_t quantity, const std::string& channel = "web",
                              std::optional<int64_t> deliver_by_ms = std::nullopt) {
  oms::OrderInput in;
  in.channel = channel;
  in.channel_order_id = channel_order_id;
  in.customer = {"c@example.com", "C", std::nullopt};
  in.ship_to = {"C", "Street 1", "", "Berlin", "10115", "DE", std::nullopt, std::nullopt};
  in.deliver_by_ms = deliver_by_ms;
  in.lines.push_back({"P1", quantity, std::nullopt, std::nullopt});
  return t.orders->create_order(tx, in).order.id;
}

// Adds `quantity` of P1 at A01-001-1 (negative: takes it away) through the
// ledger, as a stock adjustment.
inline void adjust_p1(TempDb& t, store::Tx& tx, int64_t quantity) {
  inventory::AdjustmentInput a;
  a.warehouse = "W1";
  a.location = "A01-001-1";
  a.sku = "P1";
  a.quantity = quantity;
  a.reason = "test";
  inventory::adjust(tx, a, t.orders.get());
}

}  // namespace wareflow::testing
