// Return authorisations, receipt of returned parcels, inspection.
#include "wms/returns.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>
#include <optional>

#include "catalog/catalog.h"
#include "core/error.h"
#include "events/outbox.h"
#include "inventory/inventory.h"
#include "store/id_list.h"
#include "wms/storage.h"

namespace wareflow::wms {
namespace {

struct ReturnRow {
  int64_t id, order_id, warehouse_id;
  ReturnStatus status;
};

ReturnRow require_return(store::Tx& tx, int64_t id) {
  auto q = tx.query("SELECT id, order_id, warehouse_id, status FROM returns WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_return", "no return " + std::to_string(id));
  return {q.i64(0), q.i64(1), q.i64(2),
          stored_enum(parse_return_status(q.text(3)), "return status", q.text(3))};
}

void append_return_event(store::Tx& tx, const char* type, const ReturnRow& r,
                         boost::json::object data) {
  data["return_id"] = r.id;
  data["order_id"] = r.order_id;
  events::append(tx, type, "return:" + std::to_string(r.id), data);
}

struct LineRow {
  int64_t id, product_id;
  std::string lot;
  int64_t authorized, received, restocked, quarantined, scrapped;
  int64_t awaiting() const { return received - restocked - quarantined - scrapped; }
};

std::vector<LineRow> lines_of(store::Tx& tx, int64_t return_id) {
  auto q = tx.query(
      "SELECT id, product_id, lot, authorized, received, restocked, quarantined, scrapped FROM "
      "return_lines WHERE return_id = $1 ORDER BY id",
      return_id);
  std::vector<LineRow> lines;
  while (q.next()) {
    lines.push_back(
        {q.i64(0), q.i64(1), q.text(2), q.i64(3), q.i64(4), q.i64(5), q.i64(6), q.i64(7)});
  }
  return lines;
}

// The return's lines of a product (one per lot shipped), for a scan by SKU.
std::vector<LineRow*> lines_of_sku(store::Tx& tx, std::vector<LineRow>& lines,
                                   const std::string& sku, const std::string& field) {
  auto product = catalog::require_product(tx, sku, 422, field);
  std::vector<LineRow*> found;
  for (LineRow& line : lines) {
    if (line.product_id == product.id) found.push_back(&line);
  }
  if (found.empty()) throw_unprocessable("not_on_return", sku + " is not on this return", field);
  return found;
}

void refresh_status(store::Tx& tx, const ReturnRow& r) {
  auto lines = lines_of(tx, r.id);
  bool any_received = false, all_done = true;
  for (const LineRow& l : lines) {
    any_received = any_received || l.received > 0;
    all_done = all_done && l.received == l.authorized && l.awaiting() == 0;
  }
  ReturnStatus status = all_done       ? ReturnStatus::closed
                        : any_received ? ReturnStatus::received
                                       : ReturnStatus::authorized;
  if (status == r.status) return;
  tx.exec("UPDATE returns SET status = $2, updated_at_ms = $3 WHERE id = $1", r.id,
          to_string(status), tx.now_ms());
  if (status == ReturnStatus::closed) append_return_event(tx, "return.closed", r, {});
}

}  // namespace

ReturnView authorize_return(store::Tx& tx, const ReturnInput& input) {
  // Locked before anything is read: what other returns already authorised is
  // summed below, and a second authorisation for the order in another server
  // process must wait and then see this one (the order's lock also orders it
  // behind a hold or cancel of the order).
  tx.lock("order", input.order_id);
  // The order's lines as its fulfillments carry them (wms/fulfillment.h): an
  // order none of whose units reached a warehouse has nothing to take back.
  if (!tx.query("SELECT 1 FROM fulfillments WHERE order_id = $1 LIMIT 1", input.order_id).next()) {
    throw_unknown(422, "unknown_order", "no order " + std::to_string(input.order_id), "order_id");
  }
  if (input.reason.empty() || input.reason.size() > 200) {
    throw_invalid_field("reason", "reason must be 1-200 characters");
  }
  if (input.lines.empty()) throw_invalid_field("lines", "a return has at least one line");
  struct Planned {
    int64_t order_line_id, product_id, warehouse_id;
    std::string lot;
    int64_t quantity;
    std::string reason;
  };
  std::vector<Planned> planned;
  std::map<int64_t, int64_t> asked;  // per order line, in this request
  for (size_t i = 0; i < input.lines.size(); ++i) {
    const ReturnLineInput& in = input.lines[i];
    std::string field = fmt::format("lines[{}]", i);
    int64_t order_line_id = 0, product_id = 0;
    if (in.order_line_id) {
      auto q = tx.query(
          "SELECT fl.order_line_id, fl.product_id FROM fulfillment_lines fl JOIN fulfillments f "
          "ON f.id = fl.fulfillment_id WHERE fl.order_line_id = $1 AND f.order_id = $2 LIMIT 1",
          *in.order_line_id, input.order_id);
      if (!q.next()) {
        throw_invalid_field(field + ".order_line_id", "no such line on this order");
      }
      order_line_id = q.i64(0);
      product_id = q.i64(1);
    } else if (in.sku) {
      auto product = catalog::require_product(tx, *in.sku, 422, field + ".sku");
      auto q = tx.query(
          "SELECT fl.order_line_id FROM fulfillment_lines fl JOIN fulfillments f ON f.id = "
          "fl.fulfillment_id WHERE f.order_id = $1 AND fl.product_id = $2 GROUP BY "
          "fl.order_line_id ORDER BY MIN(fl.line_no)",
          input.order_id, product.id);
      if (!q.next()) throw_invalid_field(field + ".sku", *in.sku + " is not on this order");
      order_line_id = q.i64(0);
      product_id = product.id;
      if (q.next()) {
        throw_invalid_field(field + ".order_line_id",
                            *in.sku + " is on several lines; name the order_line_id");
      }
    } else {
      throw_invalid_field(field + ".order_line_id", "order_line_id or sku is required");
    }
    if (in.quantity < 1) throw_invalid_field(field + ".quantity", "quantity must be at least 1");
    if (in.reason.size() > 200) throw_invalid_field(field + ".reason", "at most 200 characters");
    asked[order_line_id] += in.quantity;

    // Shipped from where and in which lots: the fulfillments' shipped picks,
    // less what other returns already authorised per lot.
    struct Shipped {
      int64_t warehouse_id;
      std::string lot;
      int64_t available;
    };
    std::vector<Shipped> shipped;
    {
      auto q = tx.query(
          "SELECT f.warehouse_id, pl.lot, SUM(pl.picked) FROM pick_lines pl JOIN "
          "fulfillment_lines fl ON fl.id = pl.fulfillment_line_id JOIN fulfillments f ON f.id = "
          "fl.fulfillment_id WHERE fl.order_line_id = $1 AND f.status IN ('shipped', "
          "'delivered') GROUP BY f.warehouse_id, pl.lot ORDER BY SUM(pl.picked) DESC, pl.lot",
          order_line_id);
      while (q.next()) shipped.push_back({q.i64(0), q.text(1), q.i64(2)});
    }
    // A lot may have shipped from two warehouses: what returns already took
    // of it counts once, and comes off its warehouses in turn.
    int64_t total_shipped = 0, already = 0;
    std::map<std::string, int64_t> authorized_by_lot;
    {
      auto q = tx.query(
          "SELECT rl.lot, SUM(rl.authorized) FROM return_lines rl JOIN returns r ON r.id = "
          "rl.return_id WHERE rl.order_line_id = $1 AND r.status <> 'cancelled' GROUP BY rl.lot",
          order_line_id);
      while (q.next()) authorized_by_lot[q.text(0)] = q.i64(1);
    }
    for (const auto& [lot, units] : authorized_by_lot) already += units;
    for (Shipped& lot : shipped) {
      total_shipped += lot.available;
      int64_t& taken = authorized_by_lot[lot.lot];
      int64_t here = std::min(taken, lot.available);
      lot.available -= here;
      taken -= here;
    }
    // Units this request already planned from earlier lines of the same order line.
    for (const Planned& p : planned) {
      if (p.order_line_id != order_line_id) continue;
      for (Shipped& lot : shipped) {
        if (lot.lot == p.lot) lot.available -= p.quantity;
      }
    }
    if (asked[order_line_id] + already > total_shipped) {
      throw_unprocessable("return_exceeds_shipped",
                          fmt::format("order line {} shipped {} units and {} are already on a "
                                      "return; {} more cannot come back",
                                      order_line_id, total_shipped, already, asked[order_line_id]),
                          field + ".quantity");
    }
    int64_t left = in.quantity;
    for (const Shipped& lot : shipped) {
      if (left == 0) break;
      int64_t take = std::min(left, lot.available);
      if (take <= 0) continue;
      planned.push_back({order_line_id, product_id, lot.warehouse_id, lot.lot, take,
                         in.reason.empty() ? input.reason : in.reason});
      left -= take;
    }
  }
  // One return goes back to one building: the one that shipped the first line.
  int64_t warehouse_id = planned.front().warehouse_id;
  ReturnRow r{tx.next_id("returns"), input.order_id, warehouse_id, ReturnStatus::authorized};
  tx.exec(
      "INSERT INTO returns (id, order_id, warehouse_id, status, reason, created_at_ms, "
      "updated_at_ms) VALUES ($1, $2, $3, 'authorized', $4, $5, $5)",
      r.id, r.order_id, warehouse_id, input.reason, tx.now_ms());
  for (const Planned& p : planned) {
    tx.exec(
        "INSERT INTO return_lines (id, return_id, order_line_id, product_id, lot, authorized, "
        "received, restocked, quarantined, scrapped, reason) VALUES ($1, $2, $3, $4, $5, $6, 0, "
        "0, 0, 0, $7)",
        tx.next_id("return_lines"), r.id, p.order_line_id, p.product_id, p.lot, p.quantity,
        p.reason);
  }
  boost::json::object data;
  data["reason"] = input.reason;
  data["lines"] = static_cast<int64_t>(planned.size());
  append_return_event(tx, "return.authorized", r, data);
  return get_return(tx, r.id);
}

ReturnView get_return(store::Tx& tx, int64_t id) {
  ReturnView v;
  {
    auto q = tx.query(
        "SELECT r.id, r.order_id, w.code, r.status, r.reason, r.created_at_ms FROM returns r JOIN "
        "warehouses w ON w.id = r.warehouse_id WHERE r.id = $1",
        id);
    if (!q.next()) throw_not_found("unknown_return", "no return " + std::to_string(id));
    v.id = q.i64(0);
    v.order_id = q.i64(1);
    v.warehouse = q.text(2);
    v.status = q.text(3);
    v.reason = q.text(4);
    v.created_at_ms = q.i64(5);
  }
  std::vector<int64_t> product_ids;
  {
    auto q = tx.query(
        "SELECT rl.id, rl.order_line_id, rl.product_id, rl.lot, rl.authorized, rl.received, "
        "rl.restocked, rl.quarantined, rl.scrapped, rl.reason FROM return_lines rl WHERE "
        "rl.return_id = $1 ORDER BY rl.id",
        id);
    while (q.next()) {
      v.lines.push_back({q.i64(0), q.i64(1), "", q.text(3), q.i64(4), q.i64(5), q.i64(6), q.i64(7),
                         q.i64(8), q.text(9)});
      product_ids.push_back(q.i64(2));
    }
  }
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  for (size_t i = 0; i < v.lines.size(); ++i) v.lines[i].sku = products.at(product_ids[i]).sku;
  return v;
}

std::vector<ReturnView> returns_of_order(store::Tx& tx, int64_t order_id) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query("SELECT id FROM returns WHERE order_id = $1 ORDER BY id", order_id);
    while (q.next()) ids.push_back(q.i64(0));
  }
  std::vector<ReturnView> list;
  for (int64_t id : ids) list.push_back(get_return(tx, id));
  return list;
}

ReturnView receive_return(store::Tx& tx, int64_t id, const std::vector<ReturnedItem>& items,
                          const std::optional<std::string>& location) {
  // The receipt is checked against what is authorised and already received:
  // a second scan of the return in another process waits for this one.
  tx.lock("return", id);
  ReturnRow r = require_return(tx, id);
  if (r.status == ReturnStatus::closed || r.status == ReturnStatus::cancelled) {
    throw_conflict("invalid_state",
                   "return " + std::to_string(id) + " is " + std::string(to_string(r.status)));
  }
  if (items.empty()) throw_invalid_field("lines", "at least one line is needed");
  auto lines = lines_of(tx, id);
  int64_t to_location_id = location_of_type(tx, r.warehouse_id, location, "receiving");
  int64_t customer_id =
      inventory::virtual_location_id(tx, r.warehouse_id, inventory::VirtualLocation::customer);
  boost::json::array received;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string field = fmt::format("lines[{}]", i);
    auto product_lines = lines_of_sku(tx, lines, items[i].sku, field + ".sku");
    if (items[i].quantity < 1) throw_invalid_field(field + ".quantity", "at least 1");
    int64_t authorized = 0, received_before = 0;
    for (const LineRow* line : product_lines) {
      authorized += line->authorized;
      received_before += line->received;
    }
    if (received_before + items[i].quantity > authorized) {
      throw_unprocessable("return_exceeds_authorized",
                          fmt::format("{} units of {} are authorised and {} already received",
                                      authorized, items[i].sku, received_before),
                          field + ".quantity");
    }
    // The units fill the product's lines (one per lot shipped) in order.
    int64_t left = items[i].quantity;
    for (LineRow* line : product_lines) {
      int64_t take = std::min(left, line->authorized - line->received);
      if (take <= 0) continue;
      left -= take;
      line->received += take;
      inventory::Move move;
      move.warehouse_id = r.warehouse_id;
      move.product_id = line->product_id;
      move.lot = line->lot;
      move.from_location_id = customer_id;
      move.to_location_id = to_location_id;
      move.quantity = take;
      move.reason = "customer_return";
      move.ref_type = "return";
      move.ref_id = r.id;
      inventory::apply_move(tx, move, nullptr);
      tx.exec("UPDATE return_lines SET received = received + $2 WHERE id = $1", line->id, take);
    }
    received.push_back(boost::json::object{{"sku", items[i].sku}, {"quantity", items[i].quantity}});
  }
  boost::json::object data;
  data["items"] = std::move(received);
  append_return_event(tx, "return.received", r, data);
  refresh_status(tx, r);
  return get_return(tx, id);
}

ReturnView inspect_return(store::Tx& tx, int64_t id, const std::vector<Disposition>& items,
                          inventory::StockListener* listener) {
  tx.lock("return", id);  // as in receive_return: the units awaiting inspection are read
  ReturnRow r = require_return(tx, id);
  if (r.status == ReturnStatus::closed || r.status == ReturnStatus::cancelled) {
    throw_conflict("invalid_state",
                   "return " + std::to_string(id) + " is " + std::string(to_string(r.status)));
  }
  if (items.empty()) throw_invalid_field("lines", "at least one line is needed");
  auto lines = lines_of(tx, id);
  int64_t receiving_id = first_location_of_type(tx, r.warehouse_id, "receiving");
  std::vector<int64_t> receiving_ids;  // by code
  {
    auto q = tx.query(
        "SELECT id FROM locations WHERE warehouse_id = $1 AND type = 'receiving' ORDER BY code",
        r.warehouse_id);
    while (q.next()) receiving_ids.push_back(q.i64(0));
  }
  boost::json::array inspected;
  for (size_t i = 0; i < items.size(); ++i) {
    const Disposition& d = items[i];
    std::string field = fmt::format("lines[{}]", i);
    auto product_lines = lines_of_sku(tx, lines, d.sku, field + ".sku");
    if (d.quantity < 1) throw_invalid_field(field + ".quantity", "at least 1");
    int64_t awaiting = 0;
    for (const LineRow* line : product_lines) awaiting += line->awaiting();
    if (d.quantity > awaiting) {
      throw_unprocessable("exceeds_received",
                          fmt::format("{} units of {} await inspection", awaiting, d.sku),
                          field + ".quantity");
    }
    const char* column;
    std::optional<inventory::LocationInfo> restock_to;
    if (d.disposition == "restock") {
      if (!d.location) throw_invalid_field(field + ".location", "restock needs a location");
      restock_to = inventory::find_location(tx, r.warehouse_id, *d.location);
      if (!restock_to || restock_to->is_virtual()) {
        throw_unknown(422, "unknown_location", "no location " + *d.location, field + ".location");
      }
      column = "restocked";
    } else if (d.disposition == "quarantine") {
      column = "quarantined";
    } else if (d.disposition == "scrap") {
      column = "scrapped";
    } else {
      throw_invalid_field(field + ".disposition", "disposition is restock, quarantine or scrap");
    }
    int64_t left = d.quantity;
    for (LineRow* line : product_lines) {
      int64_t take = std::min(left, line->awaiting());
      if (take <= 0) continue;
      left -= take;
      // Received units sit where receipts of this return put them: the first
      // receiving location that holds them.
      int64_t from_id = receiving_id;
      {
        std::map<int64_t, int64_t> free =
            inventory::free_units_at(tx, receiving_ids, line->product_id, line->lot);
        for (int64_t location_id : receiving_ids) {
          auto units = free.find(location_id);
          if (units != free.end() && units->second >= take) {
            from_id = location_id;
            break;
          }
        }
      }
      int64_t to_id;
      if (restock_to) {
        auto product = catalog::find_product_by_id(tx, line->product_id);
        check_destination(tx, *restock_to, *product, line->lot, take);
        to_id = restock_to->id;
      } else if (d.disposition == "quarantine") {
        to_id = first_location_of_type(tx, r.warehouse_id, "quarantine");
      } else {
        to_id =
            inventory::virtual_location_id(tx, r.warehouse_id, inventory::VirtualLocation::scrap);
      }
      inventory::Move move;
      move.warehouse_id = r.warehouse_id;
      move.product_id = line->product_id;
      move.lot = line->lot;
      move.from_location_id = from_id;
      move.to_location_id = to_id;
      move.quantity = take;
      move.reason = "return_" + d.disposition;
      move.ref_type = "return";
      move.ref_id = r.id;
      inventory::apply_move(tx, move, listener);
      tx.exec(fmt::format("UPDATE return_lines SET {0} = {0} + $2 WHERE id = $1", column), line->id,
              take);
      if (d.disposition == "restock") line->restocked += take;
      if (d.disposition == "quarantine") line->quarantined += take;
      if (d.disposition == "scrap") line->scrapped += take;
    }
    inspected.push_back(boost::json::object{
        {"sku", d.sku}, {"quantity", d.quantity}, {"disposition", d.disposition}});
  }
  boost::json::object data;
  data["items"] = std::move(inspected);
  append_return_event(tx, "return.inspected", r, data);
  refresh_status(tx, r);
  return get_return(tx, id);
}

std::map<int64_t, int64_t> returned_by_order_line(store::Tx& tx,
                                                  const std::vector<int64_t>& order_ids) {
  std::map<int64_t, int64_t> returned;
  auto q = tx.query(
      "SELECT rl.order_line_id, SUM(rl.received) FROM return_lines rl JOIN returns r ON r.id = "
      "rl.return_id WHERE r.order_id IN (SELECT value FROM json_each($1)) GROUP BY "
      "rl.order_line_id",
      store::id_list(order_ids));
  while (q.next()) returned[q.i64(0)] = q.i64(1);
  return returned;
}

}  // namespace wareflow::wms
