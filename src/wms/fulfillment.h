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

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "store/database.h"

namespace wareflow::wms {

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
void take_back_allocation(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                          int64_t quantity, FulfillmentListener& listener);
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

// ---- waves and picking (picking.cpp) -------------------------------------------

struct PickLineView {
  int64_t id;
  int64_t sequence;
  std::string location;
  std::string sku;
  std::string lot;
  int64_t quantity, picked, short_quantity;
  std::string status;  // open, done, short
  int64_t fulfillment_id;
};
struct PickListView {
  int64_t id = 0;
  int64_t wave_id = 0;
  std::string warehouse;
  std::string status;  // open, done
  std::vector<PickLineView> lines;
  // How the lines were ordered (optimize/routing.h) and the walk's length.
  std::optional<std::string> route_method, route_algorithm;
  std::optional<int64_t> route_length_mm;
  bool route_optimal = false;
};
// What one picker's cart holds on one trip. A fulfillment is never split
// across carts.
struct CartLimits {
  int64_t max_items = 0;                      // units
  std::optional<int64_t> max_volume_cm3;      // from the products' dimensions
  std::optional<int64_t> max_orders;          // totes: one fulfillment per tote
};

// How the wave's fulfillments were grouped onto carts, and what it saved.
struct WaveBatching {
  std::string method;        // optimize/batching.h method that ran, or "fcfs"
  std::string construction;  // where its improvement started; "no_layout" when
                             // the locations could not be placed on an aisle model,
                             // "beyond_limits" when the batching core refused the wave
  CartLimits cart;
  std::optional<int64_t> route_length_mm;       // all the wave's pick lists
  std::optional<int64_t> fcfs_route_length_mm;  // first-come-first-served carts
};

struct WaveView {
  int64_t id = 0;
  std::string warehouse;
  int64_t created_at_ms = 0;
  std::vector<int64_t> fulfillments;
  std::vector<PickListView> pick_lists;
  std::optional<WaveBatching> batching;  // absent: one pick list, no cart
};

struct WaveRequest {
  std::string warehouse;
  int64_t max_orders = 100;
  // With a cart, the fulfillments are batched (optimize/batching.h) into one
  // pick list per cart trip, each routed on its own; a fulfillment larger than
  // the cart gets a pick list of its own. Without, one pick list.
  std::optional<CartLimits> cart;
  std::string batching_method = "auto";  // fcfs, seed, savings, ils, auto, ...
};

// Takes up to max_orders released fulfillments of the warehouse (priority,
// then ship-by, then age), reserves their units at locations and makes pick
// lists ordered along the shortest route found. 409 nothing_to_wave when
// there is none; 422 unsupported_method for an unknown batching method.
WaveView create_wave(store::Tx& tx, const WaveRequest& request, FulfillmentListener& listener);
// One pick list for up to max_orders fulfillments (no cart).
WaveView create_wave(store::Tx& tx, std::string_view warehouse_code, int64_t max_orders,
                     FulfillmentListener& listener);
WaveView get_wave(store::Tx& tx, int64_t wave_id);
// Waves newest first (ids below `before_id`, 0: from the newest), of one
// warehouse when given.
std::vector<WaveView> list_waves(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                 int64_t before_id, int64_t limit);
PickListView get_pick_list(store::Tx& tx, int64_t pick_list_id);

struct PickScan {
  std::optional<int64_t> line_id;
  std::string location;  // scanned location code
  std::string barcode;   // scanned product barcode or SKU
  int64_t quantity = 0;
  std::string picker;    // who picks (claims the pick list's task)
};
// Confirms a pick: stock moves location -> packing and consumes the allocation.
// 422 wrong_location / wrong_product / over_pick leave everything unchanged.
PickListView confirm_pick(store::Tx& tx, int64_t pick_list_id, const PickScan& scan,
                          FulfillmentListener& listener);
// The picker found only `quantity_found` of the line's open quantity.
PickListView report_short(store::Tx& tx, int64_t pick_list_id, int64_t line_id,
                          int64_t quantity_found, FulfillmentListener& listener,
                          const std::string& picker = {});

struct PackageInput {
  std::optional<std::string> box;
  std::optional<int64_t> weight_g;
  std::vector<std::pair<std::string, int64_t>> items;  // sku, quantity
};
FulfillmentView pack(store::Tx& tx, int64_t fulfillment_id,
                     const std::vector<PackageInput>& packages, FulfillmentListener& listener);

struct ShipInput {
  std::string carrier;
  std::optional<std::string> service;
  std::optional<std::string> tracking_number;
};
// Stock moves packing -> virtual:customer.
FulfillmentView ship(store::Tx& tx, int64_t fulfillment_id, const ShipInput& input,
                     FulfillmentListener& listener);
FulfillmentView deliver(store::Tx& tx, int64_t fulfillment_id, FulfillmentListener& listener);

}  // namespace wareflow::wms
