// Suppliers, purchase orders and receiving.
#include "wms/inbound.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "events/outbox.h"
#include "gs1/gs1.h"
#include "store/id_list.h"
#include "wms/layout.h"
#include "wms/storage.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

struct PurchaseOrderRow {
  int64_t id, supplier_id, warehouse_id;
  PurchaseOrderStatus status;
};

PurchaseOrderRow require_purchase_order(store::Tx& tx, std::string_view number, int status = 404) {
  auto q = tx.query(
      "SELECT id, supplier_id, warehouse_id, status FROM purchase_orders WHERE number = $1",
      number);
  if (!q.next()) {
    throw_unknown(status, "unknown_purchase_order", "no purchase order " + std::string(number),
                  "purchase_order");
  }
  return {q.i64(0), q.i64(1), q.i64(2),
          stored_enum(parse_purchase_order_status(q.text(3)), "purchase order status", q.text(3))};
}

// The purchase order, locked before it is read: receipts, closing and
// cancelling of one order take turns across processes.
PurchaseOrderRow locked_purchase_order(store::Tx& tx, std::string_view number) {
  tx.lock("purchase_order", require_purchase_order(tx, number).id);
  return require_purchase_order(tx, number);
}

void append_po_event(store::Tx& tx, const char* type, int64_t id, std::string_view number,
                     boost::json::object data) {
  data["purchase_order"] = number;
  events::append(tx, type, "purchase_order:" + std::to_string(id), data);
}

// True when the scan is a GS1 element string rather than a plain barcode: it
// carries a symbology identifier, a leading FNC1 (GS), bracketed AIs, or is
// longer than any GTIN.
bool looks_like_gs1(std::string_view scan) {
  if (scan.empty()) return false;
  char c = scan.front();
  if (c == '(' || c == '[' || c == ']' || c == '\x1d') return true;
  return scan.size() > 14 && std::all_of(scan.begin(), scan.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || ch == '\x1d';
         });
}

// A GTIN-14 from a GS1 string names the product under any of its shorter
// forms (EAN-13, UPC-A, EAN-8 are GTIN-14 with leading zeros).
std::optional<catalog::Product> product_by_gtin(store::Tx& tx, const std::string& gtin14) {
  for (size_t drop : {0, 1, 2, 6}) {
    if (drop > 0 && gtin14.compare(0, drop, std::string(drop, '0')) != 0) continue;
    if (auto p = catalog::find_by_scan(tx, gtin14.substr(drop))) return p;
  }
  return std::nullopt;
}

}  // namespace

SupplierUpsert upsert_supplier(store::Tx& tx, const Supplier& input) {
  if (!is_code(input.code)) {
    throw_invalid_field("code", "supplier code must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (input.name.empty() || input.name.size() > 200) {
    throw_invalid_field("name", "name must be 1-200 characters");
  }
  if (input.over_receipt_tolerance_permille < 0 || input.over_receipt_tolerance_permille > 1000) {
    throw_invalid_field("over_receipt_tolerance_permille", "must be from 0 to 1000");
  }
  int64_t changed = tx.exec(
      "UPDATE suppliers SET name = $2, over_receipt_tolerance_permille = $3, updated_at_ms = $4 "
      "WHERE code = $1",
      input.code, input.name, input.over_receipt_tolerance_permille, tx.now_ms());
  bool created = changed == 0;
  if (created) {
    tx.exec(
        "INSERT INTO suppliers (id, code, name, over_receipt_tolerance_permille, created_at_ms, "
        "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $5)",
        tx.next_id("suppliers"), input.code, input.name, input.over_receipt_tolerance_permille,
        tx.now_ms());
  }
  boost::json::object data;
  data["code"] = input.code;
  data["over_receipt_tolerance_permille"] = input.over_receipt_tolerance_permille;
  events::append(tx, created ? "supplier.created" : "supplier.updated", "supplier:" + input.code,
                 data);
  return {input, created};
}

std::vector<Supplier> list_suppliers(store::Tx& tx, std::string_view after_code, int64_t limit) {
  auto q = tx.query(
      "SELECT code, name, over_receipt_tolerance_permille FROM suppliers WHERE code > $1 ORDER BY "
      "code LIMIT $2",
      after_code, limit);
  std::vector<Supplier> list;
  while (q.next()) list.push_back({q.text(0), q.text(1), q.i64(2)});
  return list;
}

PurchaseOrderView create_purchase_order(store::Tx& tx, const PurchaseOrderInput& input) {
  if (!is_code(input.number)) {
    throw_invalid_field("number", "number must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (input.lines.empty()) throw_invalid_field("lines", "a purchase order has at least one line");
  int64_t supplier_id;
  {
    auto q = tx.query("SELECT id FROM suppliers WHERE code = $1", input.supplier);
    if (!q.next()) {
      throw_unknown(422, "unknown_supplier", "no supplier " + input.supplier, "supplier");
    }
    supplier_id = q.i64(0);
  }
  Warehouse warehouse = require_warehouse(tx, input.warehouse);
  if (tx.query("SELECT 1 FROM purchase_orders WHERE number = $1", input.number).next()) {
    throw_conflict("purchase_order_exists", "purchase order " + input.number + " exists");
  }
  int64_t id = tx.next_id("purchase_orders");
  tx.exec(
      "INSERT INTO purchase_orders (id, number, supplier_id, warehouse_id, status, expected_at_ms, "
      "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, 'open', $5, $6, $6)",
      id, input.number, supplier_id, warehouse.id, input.expected_at_ms, tx.now_ms());
  for (size_t i = 0; i < input.lines.size(); ++i) {
    const auto& line = input.lines[i];
    auto product = catalog::require_product(tx, line.sku, 422, fmt::format("lines[{}].sku", i));
    if (line.quantity < 1) {
      throw_invalid_field(fmt::format("lines[{}].quantity", i), "quantity must be at least 1");
    }
    tx.exec(
        "INSERT INTO purchase_order_lines (id, purchase_order_id, line_no, product_id, expected, "
        "received, damaged, unit_cost_minor, closed) VALUES ($1, $2, $3, $4, $5, 0, 0, $6, 0)",
        tx.next_id("purchase_order_lines"), id, static_cast<int64_t>(i + 1), product.id,
        line.quantity, line.unit_cost_minor);
    if (line.unit_cost_minor) {
      // The latest price paid is the product's standard cost for valuing losses.
      catalog::set_unit_cost(tx, product.id, *line.unit_cost_minor);
    }
  }
  boost::json::object data;
  data["supplier"] = input.supplier;
  data["warehouse"] = warehouse.code;
  data["lines"] = static_cast<int64_t>(input.lines.size());
  append_po_event(tx, "purchase_order.created", id, input.number, data);
  return get_purchase_order(tx, input.number);
}

namespace {

// The purchase orders with these ids, in this order, set-based: one query for
// the orders and one for all their lines.
std::vector<PurchaseOrderView> purchase_orders_by_ids(store::Tx& tx,
                                                      const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, PurchaseOrderView> by_id;
  {
    auto q = tx.query(
        "SELECT po.id, po.number, s.code, w.code, po.status, po.expected_at_ms, po.created_at_ms "
        "FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id JOIN warehouses w ON "
        "w.id = po.warehouse_id WHERE po.id IN (SELECT value FROM json_each($1))",
        id_list);
    while (q.next()) {
      PurchaseOrderView po;
      po.id = q.i64(0);
      po.number = q.text(1);
      po.supplier = q.text(2);
      po.warehouse = q.text(3);
      po.status = q.text(4);
      po.expected_at_ms = q.opt_i64(5);
      po.created_at_ms = q.i64(6);
      by_id.emplace(po.id, std::move(po));
    }
  }
  // The SKUs come from the catalogue, in one lookup for every line; the
  // lines are read in the order of the map below (by order id, line number).
  std::vector<int64_t> product_ids;
  {
    auto q = tx.query(
        "SELECT l.purchase_order_id, l.line_no, l.product_id, l.expected, l.received, l.damaged, "
        "l.unit_cost_minor, l.closed FROM purchase_order_lines l WHERE l.purchase_order_id IN "
        "(SELECT value FROM json_each($1)) ORDER BY l.purchase_order_id, l.line_no",
        id_list);
    while (q.next()) {
      by_id[q.i64(0)].lines.push_back(
          {q.i64(1), "", q.i64(3), q.i64(4), q.i64(5), q.opt_i64(6), q.i64(7) != 0});
      product_ids.push_back(q.i64(2));
    }
  }
  std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  size_t next = 0;
  for (auto& [id, po] : by_id) {
    for (auto& line : po.lines) line.sku = products.at(product_ids[next++]).sku;
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace

bool purchase_order_exists(store::Tx& tx, std::string_view number) {
  return tx.query("SELECT 1 FROM purchase_orders WHERE number = $1", number).next();
}

int64_t units_on_order(store::Tx& tx, int64_t warehouse_id, int64_t product_id) {
  auto q = tx.query(
      "SELECT COALESCE(SUM(CASE WHEN l.expected - l.received - l.damaged > 0 THEN l.expected - "
      "l.received - l.damaged ELSE 0 END), 0) FROM purchase_order_lines l JOIN purchase_orders "
      "po ON po.id = l.purchase_order_id WHERE po.warehouse_id = $1 AND po.status IN ('open', "
      "'receiving') AND l.product_id = $2 AND l.closed = 0",
      warehouse_id, product_id);
  q.next();
  return q.i64(0);
}

PurchaseOrderView get_purchase_order(store::Tx& tx, std::string_view number) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query("SELECT id FROM purchase_orders WHERE number = $1", number);
    if (q.next()) ids.push_back(q.i64(0));
  }
  std::vector<PurchaseOrderView> found = purchase_orders_by_ids(tx, ids);
  if (found.empty()) {
    throw_not_found("unknown_purchase_order", "no purchase order " + std::string(number));
  }
  return std::move(found.front());
}

std::vector<PurchaseOrderView> list_purchase_orders(store::Tx& tx,
                                                    std::optional<std::string> status,
                                                    std::string_view after_number, int64_t limit) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query(
        "SELECT id FROM purchase_orders WHERE number > $1 AND ($2 IS NULL OR status = $2) ORDER "
        "BY number LIMIT $3",
        after_number, status, limit);
    while (q.next()) ids.push_back(q.i64(0));
  }
  return purchase_orders_by_ids(tx, ids);
}

PurchaseOrderView close_purchase_order(store::Tx& tx, std::string_view number) {
  PurchaseOrderRow po = locked_purchase_order(tx, number);
  if (po.status == PurchaseOrderStatus::closed || po.status == PurchaseOrderStatus::cancelled) {
    throw_conflict("purchase_order_closed", "purchase order " + std::string(number) + " is " +
                                                std::string(to_string(po.status)));
  }
  int64_t short_lines = tx.exec(
      "UPDATE purchase_order_lines SET closed = 1 WHERE purchase_order_id = $1 AND closed = 0 AND "
      "received + damaged < expected",
      po.id);
  tx.exec("UPDATE purchase_order_lines SET closed = 1 WHERE purchase_order_id = $1", po.id);
  tx.exec("UPDATE purchase_orders SET status = 'closed', updated_at_ms = $2 WHERE id = $1", po.id,
          tx.now_ms());
  boost::json::object data;
  data["lines_closed_short"] = short_lines;
  append_po_event(tx, "purchase_order.closed", po.id, number, data);
  return get_purchase_order(tx, number);
}

PurchaseOrderView cancel_purchase_order(store::Tx& tx, std::string_view number) {
  PurchaseOrderRow po = locked_purchase_order(tx, number);
  if (po.status != PurchaseOrderStatus::open) {
    throw_conflict("invalid_state",
                   "only an open purchase order with nothing received can be "
                   "cancelled; this one is " +
                       std::string(to_string(po.status)));
  }
  tx.exec("UPDATE purchase_orders SET status = 'cancelled', updated_at_ms = $2 WHERE id = $1",
          po.id, tx.now_ms());
  append_po_event(tx, "purchase_order.cancelled", po.id, number, {});
  return get_purchase_order(tx, number);
}

ReceiptView receive(store::Tx& tx, std::string_view po_number, const ReceiptInput& input) {
  PurchaseOrderRow po = locked_purchase_order(tx, po_number);
  if (po.status == PurchaseOrderStatus::closed || po.status == PurchaseOrderStatus::cancelled) {
    throw_conflict("purchase_order_closed", "purchase order " + std::string(po_number) + " is " +
                                                std::string(to_string(po.status)));
  }

  // What was scanned: a GS1 string gives product, lot, expiry, serial, SSCC
  // and sometimes the count; a plain scan gives the product only.
  std::optional<catalog::Product> product;
  std::string lot = input.lot.value_or("");
  std::optional<int64_t> expiry = input.expiry_ms;
  std::optional<int64_t> quantity = input.quantity;
  std::optional<std::string> serial, sscc;
  if (input.scan) {
    if (looks_like_gs1(*input.scan)) {
      gs1::ElementString e = gs1::parse(*input.scan);
      sscc = e.sscc;
      serial = e.serial;
      if (e.gtin) {
        product = product_by_gtin(tx, *e.gtin);
        if (!product) {
          throw_unknown(422, "unknown_sku", "no product has the GTIN " + *e.gtin, "scan");
        }
      }
      if (e.lot) {
        if (input.lot && *input.lot != *e.lot) {
          throw_invalid_field("lot", "the lot differs from the scanned (10) " + *e.lot);
        }
        lot = *e.lot;
      }
      if (e.expiry_ms) {
        if (input.expiry_ms && *input.expiry_ms != *e.expiry_ms) {
          throw_invalid_field("expiry", "the expiry differs from the scanned (17)");
        }
        expiry = e.expiry_ms;
      }
      if (e.count && !quantity) quantity = e.count;
      if (serial && !quantity) quantity = 1;
    } else {
      product = catalog::find_by_scan(tx, *input.scan);
      if (!product) throw_unknown(422, "unknown_sku", "nothing is known by " + *input.scan, "scan");
    }
  }
  if (input.sku) {
    auto named = catalog::require_product(tx, *input.sku);
    if (product && product->id != named.id) {
      throw_invalid_field("sku", "the scan is " + product->sku + ", not " + named.sku);
    }
    product = named;
  }
  if (!product) throw_invalid_field("scan", "a scan with a product or a sku is required");
  if (!quantity) throw_invalid_field("quantity", "quantity is required");
  if (*quantity < 1 || *quantity > 1'000'000) {
    throw_invalid_field("quantity", "quantity must be from 1 to 1000000");
  }

  // The purchase-order line: the product's open line (or the named one).
  struct LineRow {
    int64_t id, line_no, expected, received, damaged;
    bool closed;
  };
  std::optional<LineRow> line;
  {
    auto q = tx.query(
        "SELECT id, line_no, expected, received, damaged, closed FROM purchase_order_lines WHERE "
        "purchase_order_id = $1 AND product_id = $2 AND ($3 IS NULL OR line_no = $3) ORDER BY "
        "closed, line_no",
        po.id, product->id, input.line_no);
    if (q.next()) line = LineRow{q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.i64(5) != 0};
  }
  if (!line) {
    throw_unprocessable("not_on_purchase_order",
                        product->sku + " is not on purchase order " + std::string(po_number),
                        input.line_no ? "line_no" : "scan");
  }
  if (line->closed) {
    throw_conflict("purchase_order_closed",
                   fmt::format("line {} of {} is closed", line->line_no, po_number));
  }
  int64_t tolerance_permille;
  {
    auto q = tx.query("SELECT over_receipt_tolerance_permille FROM suppliers WHERE id = $1",
                      po.supplier_id);
    q.next();
    tolerance_permille = q.i64(0);
  }
  int64_t allowed = line->expected + line->expected * tolerance_permille / 1000;
  int64_t after = line->received + line->damaged + *quantity;
  if (after > allowed) {
    throw_conflict("over_receipt",
                   fmt::format("line {} expects {} (up to {} with the supplier's tolerance); {} "
                               "received so far, {} more would make {}",
                               line->line_no, line->expected, allowed,
                               line->received + line->damaged, *quantity, after));
  }
  inventory::ensure_lot(tx, *product, lot, expiry);
  expiry = inventory::lot_expiry(tx, product->id, lot);

  int64_t location_id = location_of_type(tx, po.warehouse_id, input.location,
                                         input.damaged ? "quarantine" : "receiving");
  int64_t receipt_id = tx.next_id("receipts");
  inventory::Move move;
  move.warehouse_id = po.warehouse_id;
  move.product_id = product->id;
  move.lot = lot;
  move.from_location_id =
      inventory::virtual_location_id(tx, po.warehouse_id, inventory::VirtualLocation::supplier);
  move.to_location_id = location_id;
  move.quantity = *quantity;
  move.reason = input.damaged ? "receipt_damaged" : "receipt";
  move.ref_type = "receipt";
  move.ref_id = receipt_id;
  inventory::apply_move(tx, move, nullptr);
  tx.exec(
      "INSERT INTO receipts (id, purchase_order_id, purchase_order_line_id, product_id, lot, "
      "expiry_ms, serial, sscc, quantity, damaged, location_id, received_by, received_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      receipt_id, po.id, line->id, product->id, lot, expiry, serial, sscc, *quantity,
      static_cast<int64_t>(input.damaged), location_id, input.received_by, tx.now_ms());
  // The tolerance is checked again in the UPDATE: concurrent scans of one
  // line never receive more than it allows.
  const char* count_sql =
      input.damaged ? "UPDATE purchase_order_lines SET damaged = damaged + $2 WHERE id = $1 AND "
                      "closed = 0 AND received + damaged + $2 <= $3"
                    : "UPDATE purchase_order_lines SET received = received + $2 WHERE id = $1 AND "
                      "closed = 0 AND received + damaged + $2 <= $3";
  if (tx.exec(count_sql, line->id, *quantity, allowed) == 0) {
    throw_conflict("over_receipt", fmt::format("line {} of {} changed meanwhile; scan again",
                                               line->line_no, po_number));
  }
  bool line_complete = after >= line->expected;
  if (input.close_line || line_complete) {
    tx.exec("UPDATE purchase_order_lines SET closed = 1 WHERE id = $1", line->id);
  }
  bool all_closed =
      !tx.query("SELECT 1 FROM purchase_order_lines WHERE purchase_order_id = $1 AND closed = 0",
                po.id)
           .next();
  PurchaseOrderStatus status =
      all_closed ? PurchaseOrderStatus::closed : PurchaseOrderStatus::receiving;
  tx.exec("UPDATE purchase_orders SET status = $2, updated_at_ms = $3 WHERE id = $1", po.id,
          to_string(status), tx.now_ms());

  ReceiptView view;
  view.id = receipt_id;
  view.purchase_order = std::string(po_number);
  view.line_no = line->line_no;
  view.sku = product->sku;
  view.lot = lot;
  view.expiry_ms = expiry;
  view.serial = serial;
  view.sscc = sscc;
  view.quantity = *quantity;
  view.damaged = input.damaged;
  view.location = inventory::location_by_id(tx, location_id).code;

  // Good units wait at receiving for a putaway task; the rules suggest where.
  if (!input.damaged) {
    NewTask task;
    task.warehouse_id = po.warehouse_id;
    task.type = "putaway";
    task.priority = 50;
    task.product_id = product->id;
    task.lot = lot;
    task.quantity = *quantity;
    task.from_location_id = location_id;
    task.ref_type = "receipt";
    task.ref_id = receipt_id;
    if (auto suggestion =
            suggest_putaway(tx, po.warehouse_id, *product, lot, *quantity, location_id)) {
      task.to_location_id = suggestion->location_id;
      view.suggested_location = inventory::location_by_id(tx, suggestion->location_id).code;
    }
    view.putaway_task_id = create_task(tx, task);
  }

  boost::json::object data;
  data["receipt_id"] = receipt_id;
  data["line_no"] = line->line_no;
  data["sku"] = product->sku;
  data["lot"] = lot;
  data["quantity"] = *quantity;
  data["damaged"] = input.damaged;
  if (sscc) data["sscc"] = *sscc;
  append_po_event(tx, "purchase_order.received", po.id, po_number, data);
  if (all_closed) append_po_event(tx, "purchase_order.closed", po.id, po_number, {});
  view.purchase_order_after = get_purchase_order(tx, po_number);
  return view;
}

}  // namespace wareflow::wms
