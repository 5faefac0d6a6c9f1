// What the wave, pick and pack steps (waves.cpp, picking.cpp, packing.cpp)
// share: the fulfillment row and its status change (with its event and the
// listener call), a planned pick and its pick line, and the pick list's
// status and task after a scan. Internal to wms/; the API is wms/picking.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "store/database.h"
#include "wms/fulfillment.h"
#include "wms/picking.h"

namespace wareflow::wms {

struct FulfillmentRow {
  int64_t id, order_id, warehouse_id;
  FulfillmentStatus status;
};
// The row from the columns id, order_id, warehouse_id, status.
FulfillmentRow read_fulfillment_row(store::Query& q);

// 404 unknown_fulfillment when absent.
FulfillmentRow require_fulfillment(store::Tx& tx, int64_t id);

// Sets the status, appends fulfillment.<status> and tells the listener; a
// no-op when the status is already that.
void set_fulfillment_status(store::Tx& tx, const FulfillmentRow& f, FulfillmentStatus status,
                            FulfillmentListener& listener);

struct PlannedPick {
  int64_t fulfillment_line_id, fulfillment_id, product_id, location_id;
  std::string lot;
  int64_t quantity;
  // Sort key from the location: aisle, bay, level, code.
  int64_t aisle, bay, level;
  std::string code;
};

// The pick of a reservation, with the location's sort key.
PlannedPick plan_pick(store::Tx& tx, int64_t fulfillment_line_id, int64_t fulfillment_id,
                      int64_t product_id, const inventory::Reservation& r);

// Inserts an open pick line for the planned pick into the pick list.
void insert_pick_line(store::Tx& tx, int64_t pick_list_id, int64_t sequence, const PlannedPick& p,
                      int64_t to_location_id);

// Done when no line is open; its pick task is then done by the picker.
void refresh_pick_list(store::Tx& tx, int64_t pick_list_id, const std::string& picker = {});

// The pick lists with these ids, in the order given (unknown ids are left
// out), read with one query for the lists and one for all their lines.
std::vector<PickListView> pick_lists_by_ids(store::Tx& tx, const std::vector<int64_t>& ids);

}  // namespace wareflow::wms
