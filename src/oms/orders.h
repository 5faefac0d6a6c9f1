// Orders (OMS): channels, customers, capture, sourcing, holds, cancels, backorders.
//
// Guarantees:
//  - an order is unique per (channel, channel_order_id): an identical replay
//    returns the stored order, a different body is refused (409);
//  - stock is allocated at warehouse level by conditional updates, so no two
//    orders can hold the same unit (no oversell, whatever the concurrency);
//  - per line, always (I6): quantity = allocated + picked + packed + shipped
//    (summed over its fulfillments) + backordered + cancelled;
//  - backorders are allocated, highest priority then oldest first, in the same
//    transaction that makes stock available;
//  - the status is derived from lines, fulfillments and holds, never set by hand.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "inventory/inventory.h"
#include "optimize/sourcing.h"
#include "store/database.h"
#include "wms/fulfillment.h"

namespace wareflow::oms {

struct Channel {
  int64_t id = 0;
  std::string code;
  std::string name;
};
struct ChannelUpsert {
  Channel channel;
  bool created;
};
ChannelUpsert upsert_channel(store::Tx& tx, const std::string& code, const std::string& name);
std::vector<Channel> list_channels(store::Tx& tx, std::string_view after_code, int64_t limit);

struct CustomerInput {
  std::string email, name;
  std::optional<std::string> phone;
};
struct ShipTo {
  std::string name, line1, line2, city, postal_code, country;
  std::optional<double> latitude, longitude;
};
// Bounds of an order line, checked at every entry point (API, CSV import):
// a unit price times a quantity (≤ 10^18) fits in int64; sums of line
// values over orders are kept in 128 bits (reporting/kpi.h).
inline constexpr int64_t kMaxLineQuantity = 1'000'000;
inline constexpr int64_t kMaxUnitPriceMinor = 1'000'000'000'000;

struct OrderLineInput {
  std::string sku;
  int64_t quantity = 0;
  std::optional<int64_t> unit_price_minor;
  std::optional<std::string> currency;
};
struct OrderInput {
  std::string channel;
  std::string channel_order_id;
  CustomerInput customer;
  ShipTo ship_to;
  std::vector<OrderLineInput> lines;
  int64_t priority = 0;
  std::optional<int64_t> ship_by_ms;
  // The day the customer was promised delivery by (rate shopping buys a
  // service that arrives in time).
  std::optional<int64_t> deliver_by_ms;
  std::optional<std::string> hold_reason;
};

struct OrderLine {
  int64_t id;
  std::string sku;
  int64_t quantity;
  std::optional<int64_t> unit_price_minor;
  std::optional<std::string> currency;
  int64_t allocated, picked, packed, shipped, backordered, cancelled;
  int64_t returned = 0;  // received back from the customer (wms/returns.h)
};
struct Customer {
  int64_t id;
  std::string email, name;
  std::optional<std::string> phone;
};
// An order's status, derived from its lines and fulfillments (never set by
// hand). Stored and rendered as to_string writes it.
enum class OrderStatus {
  on_hold,
  backordered,
  allocated,
  in_fulfillment,
  partially_shipped,
  shipped,
  delivered,
  cancelled
};
inline constexpr std::array<std::string_view, 8> kOrderStatusNames = {
    "on_hold",           "backordered", "allocated", "in_fulfillment",
    "partially_shipped", "shipped",     "delivered", "cancelled"};
inline std::string_view to_string(OrderStatus s) {
  return kOrderStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<OrderStatus> parse_order_status(std::string_view text) {
  return parse_enum<OrderStatus>(kOrderStatusNames, text);
}

struct Order {
  int64_t id = 0;
  std::string channel;
  std::string channel_order_id;
  std::string status;
  Customer customer;
  ShipTo ship_to;
  int64_t priority = 0;
  std::optional<int64_t> ship_by_ms;
  // The day the customer was promised delivery by (rate shopping buys a
  // service that arrives in time).
  std::optional<int64_t> deliver_by_ms;
  std::optional<std::string> hold_reason;
  int64_t created_at_ms = 0;
  // 128 random bits in hex: the key of the customer's tracking page, which
  // needs no sign-in (see reporting/tracking.h).
  std::string tracking_token;
  std::vector<OrderLine> lines;
  std::vector<wms::FulfillmentSummary> fulfillments;
};

struct OrderCreate {
  Order order;
  bool created;  // false: an identical replay
};

struct OrderFilter {
  std::optional<std::string> status;
  std::optional<std::string> channel;
  // An order id, the start of a channel order id, or a customer's e-mail.
  std::optional<std::string> search;
  int64_t before_id = 0;  // 0: from the newest
  int64_t limit = 100;
};

// The OMS service. It also listens to the inventory (stock became available:
// serve backorders) and to the WMS (units given back, fulfillment progress).
class OrderService final : public inventory::StockListener, public wms::FulfillmentListener {
 public:
  explicit OrderService(const optimize::SourcingPolicy& policy) : policy_(policy) {}

  OrderCreate create_order(store::Tx& tx, const OrderInput& input);
  Order get_order(store::Tx& tx, int64_t order_id);  // 404 unknown_order
  std::vector<Order> list_orders(store::Tx& tx, const OrderFilter& filter);
  Order cancel_order(store::Tx& tx, int64_t order_id);
  Order hold_order(store::Tx& tx, int64_t order_id, const std::string& reason);
  Order release_order(store::Tx& tx, int64_t order_id);

  void stock_available(store::Tx& tx, int64_t warehouse_id, int64_t product_id) override;
  void units_returned(store::Tx& tx, int64_t warehouse_id, int64_t order_line_id,
                      int64_t quantity) override;
  void fulfillment_changed(store::Tx& tx, int64_t order_id) override;

 private:
  void refresh_status(store::Tx& tx, int64_t order_id);
  const optimize::SourcingPolicy& policy_;
};

// Order statuses, for validating filters.
bool is_order_status(std::string_view status);

}  // namespace wareflow::oms
