// Fulfillment orders: the contract between the OMS and the WMS.
//
// The OMS creates a fulfillment per (order, warehouse) with units it has
// already allocated at that warehouse, and reads its progress. The WMS owns
// everything after: waves, pick lists and location reservations, picks,
// shorts, packing, shipping, delivery. The WMS never calls the OMS; it reports
// through FulfillmentListener (implemented by the OMS, wired by app/) inside
// the same transaction, and through the event log.
//
// The fulfillment is the contract: what the WMS needs of the order (ship-to,
// deliver-by, the order's reference, and per line its number on the order)
// is copied onto it by the OMS when it is created, so no WMS code reads the
// OMS's tables; the OMS never changes those fields of an order afterwards.
//
// Status: pending (order on hold) -> released -> picking (in a wave) -> picked
// -> packed -> shipped -> delivered; or cancelled.
// Per line, always: quantity = allocated + picked + packed + shipped.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "inventory/inventory.h"
#include "store/database.h"

namespace wareflow::wms {

// Every status a fulfillment can have, in the order of its life (above).
enum class FulfillmentStatus {
  pending,
  released,
  picking,
  picked,
  packed,
  shipped,
  delivered,
  cancelled
};
// The text of each status, indexed by it: what is stored and rendered.
inline constexpr std::array<std::string_view, 8> kFulfillmentStatuses = {
    "pending", "released", "picking", "picked", "packed", "shipped", "delivered", "cancelled"};

inline std::string_view to_string(FulfillmentStatus s) {
  return kFulfillmentStatuses[static_cast<std::size_t>(s)];
}
inline std::optional<FulfillmentStatus> parse_fulfillment_status(std::string_view text) {
  return parse_enum<FulfillmentStatus>(kFulfillmentStatuses, text);
}
inline bool is_fulfillment_status(std::string_view status) {
  return parse_fulfillment_status(status).has_value();
}

class FulfillmentListener {
 public:
  virtual ~FulfillmentListener() = default;
  // Units of an order line that `warehouse_id` could not find and gave back
  // (their allocation there is already released).
  virtual void units_returned(store::Tx& tx, int64_t warehouse_id, int64_t order_line_id,
                              int64_t quantity) = 0;
  // A fulfillment of this order changed status.
  virtual void fulfillment_changed(store::Tx& tx, int64_t order_id) = 0;
};

// The order as the WMS sees it; copied onto a fulfillment when it is created.
struct FulfillmentOrder {
  int64_t order_id = 0;
  std::string channel_order_id;
  std::string ship_to_json;  // {"name", "line1", "line2", "city", "postal_code", "country"}
  int64_t priority = 0;
  std::optional<int64_t> ship_by_ms, deliver_by_ms;
  bool on_hold = false;
};

struct FulfillmentLineInput {
  int64_t order_line_id;
  int64_t line_no;  // the order line's number on its order
  int64_t product_id;
  int64_t quantity;  // already allocated at the warehouse by the caller
};

// Adds the lines to the order's open (pending or released) fulfillment at that
// warehouse, or to a new one carrying `order`. Returns the fulfillment id.
int64_t assign_to_fulfillment(store::Tx& tx, int64_t warehouse_id, const FulfillmentOrder& order,
                              const std::vector<FulfillmentLineInput>& lines);

// Hold: released -> pending. 409 invalid_state when one is already in a wave.
void hold_fulfillments(store::Tx& tx, int64_t order_id);
// Release: pending -> released.
void release_fulfillments(store::Tx& tx, int64_t order_id);
// Cancels every not yet picked fulfillment of the order: releases location
// reservations and warehouse allocations. 409 invalid_state when units are
// already picked, packed or shipped. Returns units freed per order line.
std::map<int64_t, int64_t> cancel_fulfillments(store::Tx& tx, int64_t order_id,
                                               inventory::StockListener* listener);

// Stock of a product was found missing at a warehouse (a count) and the
// warehouse now holds `quantity` units fewer than orders have allocated: takes
// that many allocated units back from fulfillments not yet in a wave (newest
// first) and returns them to their orders through the listener. The caller has
// already lowered the warehouse allocation (Move::allocation_consumed). 409
// count_conflicts_with_allocations when unwaved fulfillments hold fewer.
void take_back_allocation(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity,
                          FulfillmentListener& listener);
// How many allocated units of the product fulfillments not yet in a wave hold.
int64_t unwaved_allocation(store::Tx& tx, int64_t warehouse_id, int64_t product_id);

struct LineProgress {
  int64_t allocated = 0, picked = 0, packed = 0, shipped = 0;
};
// Per order line of the orders, summed over its fulfillments (one query for
// all of them; order line ids are unique across orders).
std::map<int64_t, LineProgress> progress_of_orders(store::Tx& tx,
                                                   const std::vector<int64_t>& order_ids);

struct FulfillmentSummary {
  int64_t id;
  std::string warehouse;
  std::string status;
  std::optional<std::string> carrier, service, tracking_number;
  std::optional<std::string> tracking_status;  // the carrier's latest tracking event
};
// Per order of the orders, its fulfillments by id (one query for all of them).
std::map<int64_t, std::vector<FulfillmentSummary>> fulfillments_of_orders(
    store::Tx& tx, const std::vector<int64_t>& order_ids);

struct FulfillmentView {
  int64_t id = 0;
  int64_t order_id = 0;
  std::string warehouse;
  std::string status;
  struct Line {
    std::string sku;
    int64_t quantity, allocated, picked, packed, shipped;
  };
  std::vector<Line> lines;
  struct Package {
    int64_t id;
    std::optional<std::string> box;
    std::optional<int64_t> weight_g;
    std::vector<std::pair<std::string, int64_t>> items;  // sku, quantity
    std::optional<std::string> sscc;
    std::optional<int64_t> expected_weight_g;
  };
  std::vector<Package> packages;
  std::optional<std::string> carrier, service, tracking_number;
  std::optional<int64_t> shipped_at_ms, delivered_at_ms;
  std::optional<int64_t> price_minor;  // what the carrier charges, when rated
  std::optional<std::string> currency;
  std::optional<std::string> tracking_status;  // the carrier's latest tracking event
};
// 404 unknown_fulfillment when absent.
FulfillmentView get_fulfillment(store::Tx& tx, int64_t id);
// Fulfillments by id after `after_id` (oldest first: the order work is done
// in), of one warehouse and status when given.
std::vector<FulfillmentView> list_fulfillments(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                               const std::optional<std::string>& status,
                                               int64_t after_id, int64_t limit);

}  // namespace wareflow::wms
