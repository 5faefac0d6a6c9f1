// Returns: a return authorisation (RMA) against shipped order lines, receipt
// of the parcel, and inspection with a disposition per unit.
//
// Units come back as ledger moves virtual:customer -> a receiving location;
// inspection moves them on: restock (to a storable location that has room;
// sellable again at once), quarantine (the quarantine location) or scrap
// (virtual:scrap). Per line, always:
//   received = restocked + quarantined + scrapped + awaiting inspection,
//   received <= authorized, and Σ authorized over open returns <= shipped.
// A shipped order line comes back as one return line per lot it shipped
// in, so the lot trail survives the round trip.
// Each step appends an event (return.authorized, return.received,
// return.inspected, return.closed) that a refund process can act on; the
// order shows per line how many units came back.
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

struct ReturnLineInput {
  std::optional<int64_t> order_line_id;
  std::optional<std::string> sku;  // instead of the line id, when the order has one line of it
  int64_t quantity = 0;
  std::string reason;  // default: the return's reason
};
struct ReturnInput {
  int64_t order_id = 0;
  std::string reason;
  std::vector<ReturnLineInput> lines;
};

// The life of a return: authorized -> received (some units in) -> closed
// (every unit in and dispositioned); or cancelled. Stored and rendered as
// to_string writes it.
enum class ReturnStatus { authorized, received, closed, cancelled };
inline constexpr std::array<std::string_view, 4> kReturnStatusNames = {"authorized", "received",
                                                                       "closed", "cancelled"};
inline std::string_view to_string(ReturnStatus s) {
  return kReturnStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<ReturnStatus> parse_return_status(std::string_view text) {
  return parse_enum<ReturnStatus>(kReturnStatusNames, text);
}

struct ReturnView {
  int64_t id = 0;
  int64_t order_id = 0;
  std::string warehouse;
  std::string status;  // authorized, received, closed, cancelled
  std::string reason;
  int64_t created_at_ms = 0;
  struct Line {
    int64_t id, order_line_id;
    std::string sku, lot;
    int64_t authorized, received, restocked, quarantined, scrapped;
    std::string reason;
  };
  std::vector<Line> lines;
};

// 422 unknown_order; 422 return_exceeds_shipped when a line asks back more
// than was shipped (less what other returns already authorised).
ReturnView authorize_return(store::Tx& tx, const ReturnInput& input);
ReturnView get_return(store::Tx& tx, int64_t id);
std::vector<ReturnView> returns_of_order(store::Tx& tx, int64_t order_id);

struct ReturnedItem {
  std::string sku;
  int64_t quantity = 0;
};
// The parcel arrived: units move virtual:customer -> the receiving location.
// 422 return_exceeds_authorized beyond what the RMA allows.
ReturnView receive_return(store::Tx& tx, int64_t id, const std::vector<ReturnedItem>& items,
                          const std::optional<std::string>& location);

struct Disposition {
  std::string sku;
  int64_t quantity = 0;
  std::string disposition;              // restock, quarantine, scrap
  std::optional<std::string> location;  // where to restock
};
// 422 invalid_field for an unknown disposition or a restock without location;
// 422 exceeds_received when more is inspected than awaits inspection; the
// restock location is checked like a putaway (location_full, ...).
ReturnView inspect_return(store::Tx& tx, int64_t id, const std::vector<Disposition>& items,
                          inventory::StockListener* listener);

// Units received back per order line of the orders (one query for all of them).
std::map<int64_t, int64_t> returned_by_order_line(store::Tx& tx,
                                                  const std::vector<int64_t>& order_ids);

}  // namespace wareflow::wms
