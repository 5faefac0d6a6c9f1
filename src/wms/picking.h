// Waves, pick lists, picks and shorts, packing, shipping and delivery: the
// WMS's work on a fulfillment once it is released (wms/fulfillment.h has the
// fulfillment itself and the listener the OMS implements). Waves are in
// waves.cpp, picks and shorts in picking.cpp, packing, shipping and delivery
// in packing.cpp. Every step runs in the caller's transaction and reports
// through the FulfillmentListener in it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "store/database.h"
#include "wms/fulfillment.h"

namespace wareflow::wms {

// A pick line is open until picked in full (done), found short (short), or
// cancelled with its fulfillment (cancelled).
enum class PickLineStatus { open, done, short_, cancelled };
inline constexpr std::array<std::string_view, 4> kPickLineStatusNames = {"open", "done", "short",
                                                                         "cancelled"};
inline std::string_view to_string(PickLineStatus s) {
  return kPickLineStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<PickLineStatus> parse_pick_line_status(std::string_view text) {
  return parse_enum<PickLineStatus>(kPickLineStatusNames, text);
}

// A pick list is open until every line is done or short.
enum class PickListStatus { open, done };
inline constexpr std::array<std::string_view, 2> kPickListStatusNames = {"open", "done"};
inline std::string_view to_string(PickListStatus s) {
  return kPickListStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<PickListStatus> parse_pick_list_status(std::string_view text) {
  return parse_enum<PickListStatus>(kPickListStatusNames, text);
}

struct PickLineView {
  int64_t id;
  int64_t sequence;
  std::string location;
  std::string sku;
  std::string lot;
  int64_t quantity, picked, short_quantity;
  std::string status;  // open, done, short, cancelled
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
  int64_t max_items = 0;                  // units
  std::optional<int64_t> max_volume_cm3;  // from the products' dimensions
  std::optional<int64_t> max_orders;      // totes: one fulfillment per tote
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
  int64_t max_orders = 100;  // 1..kMaxWaveOrders (kMaxCartWaveOrders with a cart)
  // With a cart, the fulfillments are batched (optimize/batching.h) into one
  // pick list per cart trip, each routed on its own; a fulfillment larger than
  // the cart gets a pick list of its own. Without, one pick list.
  std::optional<CartLimits> cart;
  std::string batching_method = "auto";  // fcfs, seed, savings, ils, auto, ...
};

// A wave is one write command, and the single writer waits for it: these
// keep it under about half a second (measured in docs/performance.md, "Long
// write commands": 1,000 orders in one list 0.15 s; 300 orders batched onto
// carts by alns 0.5 s, 1,000 2.0 s). Larger releases are several waves.
inline constexpr int64_t kMaxWaveOrders = 1000;
inline constexpr int64_t kMaxCartWaveOrders = 300;

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
  std::string picker;  // who picks (claims the pick list's task)
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
