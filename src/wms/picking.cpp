// Picking: a pick list read, a pick confirmed (stock to the packing location,
// allocation consumed) and a short reported (units re-reserved elsewhere or
// given back to the order).
#include "wms/picking.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "events/outbox.h"
#include "inventory/inventory.h"
#include "wms/picking_internal.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

struct PickLineRow {
  int64_t id, pick_list_id, fulfillment_line_id, fulfillment_id, product_id, location_id;
  std::string lot;
  int64_t to_location_id, quantity, picked, short_quantity;
  PickLineStatus status;
  int64_t open() const { return quantity - picked - short_quantity; }
};

constexpr const char* kPickLineColumns =
    "id, pick_list_id, fulfillment_line_id, fulfillment_id, product_id, location_id, lot, "
    "to_location_id, quantity, picked, short, status";

PickLineRow read_pick_line(store::Query& q) {
  return {
      q.i64(0),  q.i64(1),
      q.i64(2),  q.i64(3),
      q.i64(4),  q.i64(5),
      q.text(6), q.i64(7),
      q.i64(8),  q.i64(9),
      q.i64(10), stored_enum(parse_pick_line_status(q.text(11)), "pick line status", q.text(11))};
}

struct PickListRow {
  int64_t id, wave_id, warehouse_id;
  PickListStatus status;
};

PickListRow require_pick_list(store::Tx& tx, int64_t id) {
  auto q = tx.query("SELECT id, wave_id, warehouse_id, status FROM pick_lists WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_pick_list", "no pick list " + std::to_string(id));
  return {q.i64(0), q.i64(1), q.i64(2),
          stored_enum(parse_pick_list_status(q.text(3)), "pick list status", q.text(3))};
}

// After picks and shorts: picked when nothing is left to pick, cancelled when
// every unit went back to the order.
void refresh_after_picking(store::Tx& tx, int64_t fulfillment_id, FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment(tx, fulfillment_id);
  auto q = tx.query(
      "SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(allocated), 0) FROM fulfillment_lines "
      "WHERE fulfillment_id = $1",
      fulfillment_id);
  q.next();
  int64_t quantity = q.i64(0), allocated = q.i64(1);
  bool open_lines = tx.query(
                          "SELECT 1 FROM pick_lines WHERE fulfillment_id = $1 AND status = "
                          "'open' LIMIT 1",
                          fulfillment_id)
                        .next();
  FulfillmentStatus status = f.status;
  if (quantity == 0) {
    status = FulfillmentStatus::cancelled;
  } else if (allocated == 0 && !open_lines) {
    status = FulfillmentStatus::picked;
  }
  if (status != f.status) {
    set_fulfillment_status(tx, f, status, listener);  // tells the listener
  } else {
    listener.fulfillment_changed(tx, f.order_id);  // quantities moved all the same
  }
}

// Picks q units of one line: location -> packing, consuming reservation and allocation.
void pick_units(store::Tx& tx, const PickLineRow& line, int64_t warehouse_id, int64_t q) {
  inventory::Move move;
  move.warehouse_id = warehouse_id;
  move.product_id = line.product_id;
  move.lot = line.lot;
  move.from_location_id = line.location_id;
  move.to_location_id = line.to_location_id;
  move.quantity = q;
  move.reserved_consumed = q;
  move.allocation_consumed = q;
  move.reason = "pick";
  move.ref_type = "pick_line";
  move.ref_id = line.id;
  // The open quantity is checked again in the UPDATE: a line is never picked
  // beyond its quantity, whoever else scanned it meanwhile.
  if (tx.exec("UPDATE pick_lines SET picked = picked + $2, status = CASE WHEN picked + $2 + short "
              "= quantity THEN 'done' ELSE status END WHERE id = $1 AND status = 'open' AND "
              "picked + short + $2 <= quantity",
              line.id, q) == 0) {
    throw_conflict("invalid_state", "that line was picked meanwhile");
  }
  inventory::apply_move(tx, move, nullptr);
  tx.exec(
      "UPDATE fulfillment_lines SET allocated = allocated - $2, picked = picked + $2 WHERE id = "
      "$1",
      line.fulfillment_line_id, q);
  boost::json::object data;
  data["pick_list_id"] = line.pick_list_id;
  data["line_id"] = line.id;
  data["fulfillment_id"] = line.fulfillment_id;
  data["quantity"] = q;
  events::append(tx, "pick.confirmed", "pick_list:" + std::to_string(line.pick_list_id), data);
}

// Gives `quantity` allocated units of a fulfillment line back to its order.
void return_units(store::Tx& tx, int64_t warehouse_id, int64_t fulfillment_line_id,
                  int64_t product_id, int64_t quantity, bool deallocate,
                  FulfillmentListener& listener) {
  if (quantity <= 0) return;
  if (deallocate) inventory::deallocate(tx, warehouse_id, product_id, quantity);
  tx.exec(
      "UPDATE fulfillment_lines SET allocated = allocated - $2, quantity = quantity - $2 WHERE "
      "id = $1",
      fulfillment_line_id, quantity);
  auto q =
      tx.query("SELECT order_line_id FROM fulfillment_lines WHERE id = $1", fulfillment_line_id);
  q.next();
  int64_t order_line_id = q.i64(0);
  listener.units_returned(tx, warehouse_id, order_line_id, quantity);
}

}  // namespace

PickListView get_pick_list(store::Tx& tx, int64_t pick_list_id) {
  std::vector<PickListView> found = pick_lists_by_ids(tx, {pick_list_id});
  if (found.empty()) {
    throw_not_found("unknown_pick_list", "no pick list " + std::to_string(pick_list_id));
  }
  return std::move(found.front());
}

PickListView confirm_pick(store::Tx& tx, int64_t pick_list_id, const PickScan& scan,
                          FulfillmentListener& listener) {
  // Locked before its lines are read: concurrent scans of one list take turns.
  tx.lock("pick_list", pick_list_id);
  PickListRow list = require_pick_list(tx, pick_list_id);
  if (list.status != PickListStatus::open)
    throw_conflict("invalid_state", "the pick list is already done");
  if (scan.quantity <= 0) throw_invalid_field("quantity", "quantity must be a positive integer");
  auto location = inventory::find_location(tx, list.warehouse_id, scan.location);
  auto product = catalog::find_by_scan(tx, scan.barcode);

  std::vector<PickLineRow> lines;
  {
    auto q = tx.query(std::string("SELECT ") + kPickLineColumns +
                          " FROM pick_lines WHERE pick_list_id = $1 AND status = 'open' AND "
                          "($2 = 0 OR id = $2) ORDER BY sequence",
                      pick_list_id, scan.line_id.value_or(0));
    while (q.next()) lines.push_back(read_pick_line(q));
  }
  if (scan.line_id && lines.empty()) {
    bool exists = tx.query("SELECT 1 FROM pick_lines WHERE id = $1 AND pick_list_id = $2",
                           *scan.line_id, pick_list_id)
                      .next();
    if (!exists) throw_invalid_field("line_id", "no such line on this pick list");
    throw_conflict("invalid_state", "that line is no longer open");
  }
  std::erase_if(lines,
                [&](const PickLineRow& l) { return !location || l.location_id != location->id; });
  if (lines.empty()) {
    throw_unprocessable("wrong_location",
                        "location " + scan.location + " is not where this pick list goes next",
                        "location");
  }
  std::erase_if(lines,
                [&](const PickLineRow& l) { return !product || l.product_id != product->id; });
  if (lines.empty()) {
    throw_unprocessable(
        "wrong_product",
        "barcode " + scan.barcode + " is not the product to pick at " + scan.location, "barcode");
  }
  int64_t open = 0;
  for (const auto& l : lines) open += l.open();
  if (scan.quantity > open) {
    throw_unprocessable("over_pick",
                        fmt::format("only {} open at {} for this product", open, scan.location),
                        "quantity");
  }
  int64_t left = scan.quantity;
  std::vector<int64_t> touched_fulfillments;
  for (const PickLineRow& line : lines) {
    if (left == 0) break;
    int64_t q = std::min(left, line.open());
    pick_units(tx, line, list.warehouse_id, q);
    touched_fulfillments.push_back(line.fulfillment_id);
    left -= q;
  }
  std::sort(touched_fulfillments.begin(), touched_fulfillments.end());
  touched_fulfillments.erase(std::unique(touched_fulfillments.begin(), touched_fulfillments.end()),
                             touched_fulfillments.end());
  for (int64_t id : touched_fulfillments) refresh_after_picking(tx, id, listener);
  refresh_pick_list(tx, pick_list_id, scan.picker.empty() ? "unknown" : scan.picker);
  plan_replenishment(tx, list.warehouse_id, product->id);
  return get_pick_list(tx, pick_list_id);
}

PickListView report_short(store::Tx& tx, int64_t pick_list_id, int64_t line_id,
                          int64_t quantity_found, FulfillmentListener& listener,
                          const std::string& picker) {
  tx.lock("pick_list", pick_list_id);
  PickListRow list = require_pick_list(tx, pick_list_id);
  std::optional<PickLineRow> found_line;
  {
    auto q = tx.query(std::string("SELECT ") + kPickLineColumns +
                          " FROM pick_lines WHERE id = $1 AND pick_list_id = $2",
                      line_id, pick_list_id);
    if (q.next()) found_line = read_pick_line(q);
  }
  if (!found_line) throw_invalid_field("line_id", "no such line on this pick list");
  PickLineRow line = *found_line;
  if (line.status != PickLineStatus::open)
    throw_conflict("invalid_state", "that line is no longer open");
  if (quantity_found < 0 || quantity_found >= line.open()) {
    throw_invalid_field("quantity_found",
                        fmt::format("quantity_found must be between 0 and {} (the open quantity "
                                    "less one); pick the line when all is there",
                                    line.open() - 1));
  }
  if (quantity_found > 0) {
    pick_units(tx, line, list.warehouse_id, quantity_found);
    line.picked += quantity_found;
  }
  int64_t missing = line.open();

  // Units the shelf does not hold leave the books: location -> adjustment.
  // When the warehouse then holds less than is allocated, this line's
  // allocation shrinks by the difference and those units go back to the order.
  inventory::WarehouseStock level =
      inventory::warehouse_level(tx, list.warehouse_id, line.product_id)
          .value_or(inventory::WarehouseStock{list.warehouse_id, 0, 0});
  int64_t released = std::max<int64_t>(0, level.allocated - (level.on_hand - missing));
  inventory::Move write_off;
  write_off.warehouse_id = list.warehouse_id;
  write_off.product_id = line.product_id;
  write_off.lot = line.lot;
  write_off.from_location_id = line.location_id;
  write_off.to_location_id =
      inventory::virtual_location_id(tx, list.warehouse_id, inventory::VirtualLocation::adjustment);
  write_off.quantity = missing;
  write_off.reserved_consumed = missing;
  write_off.allocation_consumed = released;
  write_off.reason = "short_pick";
  write_off.ref_type = "pick_line";
  write_off.ref_id = line.id;
  if (tx.exec("UPDATE pick_lines SET short = short + $2, status = 'short' WHERE id = $1 AND "
              "status = 'open' AND picked + short + $2 = quantity",
              line.id, missing) == 0) {
    throw_conflict("invalid_state", "that line was picked meanwhile");
  }
  inventory::apply_move(tx, write_off, nullptr);
  return_units(tx, list.warehouse_id, line.fulfillment_line_id, line.product_id, released, false,
               listener);

  // The rest is looked for elsewhere in the warehouse.
  int64_t wanted = missing - released;
  int64_t resourced = 0;
  if (wanted > 0) {
    auto reservations =
        inventory::reserve(tx, list.warehouse_id, line.product_id, wanted, line.location_id);
    int64_t found = 0;
    for (const auto& r : reservations) found += r.quantity;
    if (found < wanted &&
        yield_task_reservations(tx, list.warehouse_id, line.product_id, wanted - found) > 0) {
      for (const auto& r : inventory::reserve(tx, list.warehouse_id, line.product_id,
                                              wanted - found, line.location_id)) {
        reservations.push_back(r);
      }
    }
    int64_t next_sequence;
    {
      auto q = tx.query("SELECT COALESCE(MAX(sequence), 0) FROM pick_lines WHERE pick_list_id = $1",
                        pick_list_id);
      q.next();
      next_sequence = q.i64(0) + 1;
    }
    for (const auto& r : reservations) {
      PlannedPick p =
          plan_pick(tx, line.fulfillment_line_id, line.fulfillment_id, line.product_id, r);
      insert_pick_line(tx, pick_list_id, next_sequence++, p, line.to_location_id);
      resourced += r.quantity;
    }
    return_units(tx, list.warehouse_id, line.fulfillment_line_id, line.product_id,
                 wanted - resourced, true, listener);
  }
  boost::json::object data;
  data["pick_list_id"] = pick_list_id;
  data["line_id"] = line.id;
  data["fulfillment_id"] = line.fulfillment_id;
  data["missing"] = missing;
  data["resourced"] = resourced;
  data["backordered"] = missing - resourced;
  events::append(tx, "pick.short", "pick_list:" + std::to_string(pick_list_id), data);
  refresh_after_picking(tx, line.fulfillment_id, listener);
  refresh_pick_list(tx, pick_list_id, picker.empty() ? "unknown" : picker);
  return get_pick_list(tx, pick_list_id);
}

}  // namespace wareflow::wms
