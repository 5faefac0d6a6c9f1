// Inbound: suppliers, purchase orders (which double as advance shipping
// notices: lines with expected quantities and an expected date) and
// receiving by scan.
//
// A receipt is a ledger move virtual:supplier -> a receiving location (or the
// quarantine location for damaged units) in the same transaction as the
// purchase-order line's counters, so the line's `received` always equals the
// units the ledger shows as received against it. Good units get a putaway task
// with the location the putaway rules choose.
//
// Guarantees: a line never receives more than expected plus the supplier's
// over-receipt tolerance (409 over_receipt); closed and cancelled purchase
// orders take no receipts (409 purchase_order_closed); a scan whose GS1
// element string is malformed or carries a wrong check digit is refused
// (422 invalid_gs1 / invalid_check_digit) before anything is written.
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
#include "store/database.h"

namespace wareflow::wms {

struct Supplier {
  std::string code;
  std::string name;
  int64_t over_receipt_tolerance_permille = 0;
};
struct SupplierUpsert {
  Supplier supplier;
  bool created;
};
SupplierUpsert upsert_supplier(store::Tx& tx, const Supplier& input);
std::vector<Supplier> list_suppliers(store::Tx& tx, std::string_view after_code, int64_t limit);

struct PurchaseOrderLineInput {
  std::string sku;
  int64_t quantity = 0;
  std::optional<int64_t> unit_cost_minor;
};
struct PurchaseOrderInput {
  std::string number;
  std::string supplier;
  std::string warehouse;
  std::optional<int64_t> expected_at_ms;
  std::vector<PurchaseOrderLineInput> lines;
};

// The life of a purchase order: open -> receiving (something received) ->
// closed (every line closed); or cancelled while open. Stored and rendered as
// to_string writes it.
enum class PurchaseOrderStatus { open, receiving, closed, cancelled };
inline constexpr std::array<std::string_view, 4> kPurchaseOrderStatusNames = {
    "open", "receiving", "closed", "cancelled"};
inline std::string_view to_string(PurchaseOrderStatus s) {
  return kPurchaseOrderStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<PurchaseOrderStatus> parse_purchase_order_status(std::string_view text) {
  return parse_enum<PurchaseOrderStatus>(kPurchaseOrderStatusNames, text);
}

struct PurchaseOrderView {
  int64_t id = 0;
  std::string number;
  std::string supplier;
  std::string warehouse;
  std::string status;  // open, receiving, closed, cancelled
  std::optional<int64_t> expected_at_ms;
  int64_t created_at_ms = 0;
  struct Line {
    int64_t line_no;
    std::string sku;
    int64_t expected, received, damaged;
    std::optional<int64_t> unit_cost_minor;
    bool closed;
  };
  std::vector<Line> lines;
};

// 409 purchase_order_exists when the number is taken (a purchase order is
// never silently replaced; cancel it and make another).
PurchaseOrderView create_purchase_order(store::Tx& tx, const PurchaseOrderInput& input);
// 404 unknown_purchase_order.
PurchaseOrderView get_purchase_order(store::Tx& tx, std::string_view number);
std::vector<PurchaseOrderView> list_purchase_orders(store::Tx& tx,
                                                    std::optional<std::string> status,
                                                    std::string_view after_number, int64_t limit);
// True when a purchase order has this number.
bool purchase_order_exists(store::Tx& tx, std::string_view number);
// Units of the product still expected at the warehouse on open or receiving
// purchase orders (lines not closed): what replenishment counts as on order.
int64_t units_on_order(store::Tx& tx, int64_t warehouse_id, int64_t product_id);
// Closes the purchase order; lines not fully received are closed short.
PurchaseOrderView close_purchase_order(store::Tx& tx, std::string_view number);
// Only while nothing has been received (409 invalid_state otherwise).
PurchaseOrderView cancel_purchase_order(store::Tx& tx, std::string_view number);

struct ReceiptInput {
  // Either a scan (a GS1 element string, a GTIN, a product barcode or a SKU)
  // or a SKU; lot, expiry and quantity may come from the GS1 string.
  std::optional<std::string> scan;
  std::optional<std::string> sku;
  std::optional<int64_t> line_no;  // which line, when the product is on several
  std::optional<std::string> lot;
  std::optional<int64_t> expiry_ms;
  std::optional<int64_t> quantity;
  bool damaged = false;
  std::optional<std::string> location;  // receiving location; default: the first
  bool close_line = false;              // no more of this line is coming
  std::string received_by;
};

struct ReceiptView {
  int64_t id = 0;
  std::string purchase_order;
  int64_t line_no = 0;
  std::string sku;
  std::string lot;
  std::optional<int64_t> expiry_ms;
  std::optional<std::string> serial, sscc;
  int64_t quantity = 0;
  bool damaged = false;
  std::string location;
  std::optional<int64_t> putaway_task_id;
  std::optional<std::string> suggested_location;
  PurchaseOrderView purchase_order_after;
};
ReceiptView receive(store::Tx& tx, std::string_view po_number, const ReceiptInput& input);

}  // namespace wareflow::wms
