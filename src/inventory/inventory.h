// The stock ledger (ARCHITECTURE.md §3): every quantity change is a move of
// units of one product and lot from one location to another, appended to
// stock_moves, with the balances of both ends updated in the same transaction.
// Only this module writes stock_moves, stock_balances, stock_levels and lots.
//
// Two levels of availability:
//  - warehouse (OMS): stock_levels.on_hand counts units in allocatable
//    locations; `allocated` is what orders hold. allocate() is one conditional
//    UPDATE (on_hand - allocated >= q), so concurrent orders cannot oversell.
//  - location (WMS): stock_balances.reserved is what open pick lines hold.
//
// Invariants kept by every function here (checked by verify.h):
//  I1 balances of a product over all locations, virtual ones included, sum to 0
//  I2 no physical balance is negative
//  I3 0 <= reserved <= on_hand at a location; 0 <= allocated <= on_hand per
//     warehouse and product; reservations only in allocatable locations, and
//     equal to what open pick lines and open replenishment tasks hold there
//  I4 replaying stock_moves from empty gives stock_balances
//  I5 stock_moves is append-only (enforced by triggers)
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "store/database.h"

namespace wareflow::inventory {

enum class VirtualLocation { supplier, customer, adjustment, scrap, transit };
const char* virtual_code(VirtualLocation kind);  // "virtual:supplier", ...
const std::vector<VirtualLocation>& all_virtual_locations();

// What the ledger needs to know of a location (the table belongs to wms/).
struct LocationInfo {
  int64_t id = 0;
  int64_t warehouse_id = 0;
  std::string code;
  std::string type;
  bool allocatable = false;
  bool is_virtual() const { return type == "virtual"; }
};
std::optional<LocationInfo> find_location(store::Tx& tx, int64_t warehouse_id,
                                          std::string_view code);
LocationInfo location_by_id(store::Tx& tx, int64_t location_id);
int64_t virtual_location_id(store::Tx& tx, int64_t warehouse_id, VirtualLocation kind);

// Told, inside the transaction, when allocatable stock of a product grew in a
// warehouse, so that backorders can take it. The OMS implements it; app/ wires it.
class StockListener {
 public:
  virtual ~StockListener() = default;
  virtual void stock_available(store::Tx& tx, int64_t warehouse_id, int64_t product_id) = 0;
};

struct Move {
  int64_t warehouse_id = 0;
  int64_t product_id = 0;
  std::string lot;  // "" for products not tracked by lot
  int64_t from_location_id = 0;
  int64_t to_location_id = 0;
  int64_t quantity = 0;  // > 0
  std::string reason;
  std::string ref_type;  // what caused it: "adjustment", "pick_line", "fulfillment", ...
  int64_t ref_id = 0;
  // Of `quantity`, how many units were reserved at the source (a pick).
  int64_t reserved_consumed = 0;
  // How much warehouse allocation leaves with the units (a pick, or a
  // write-off of allocated stock that the caller backorders).
  int64_t allocation_consumed = 0;
};

// Appends the move and updates both balances and the warehouse level. Refuses
// (409 insufficient_stock) to take from a physical location more than its
// unreserved stock (plus `reserved_consumed`), or to leave a warehouse with
// less allocatable stock than is allocated. Returns the move id.
int64_t apply_move(store::Tx& tx, const Move& move, StockListener* listener);

// Makes sure the lot exists for a lot-tracked product, with a consistent
// expiry; for other products the lot must be empty. Errors name `field_prefix`.
void ensure_lot(store::Tx& tx, const catalog::Product& product, const std::string& lot,
                std::optional<int64_t> expiry_ms);
std::optional<int64_t> lot_expiry(store::Tx& tx, int64_t product_id, const std::string& lot);

// The largest change one adjustment makes, either way (API and CSV import).
inline constexpr int64_t kMaxAdjustQuantity = 1'000'000'000;

struct AdjustmentInput {
  std::string warehouse;
  std::string location;
  std::string sku;
  int64_t quantity = 0;  // signed, != 0, |quantity| <= kMaxAdjustQuantity
  std::string lot;
  std::optional<int64_t> expiry_ms;
  std::string reason;
};

struct AdjustmentResult {
  int64_t move_id;
  int64_t on_hand;  // at that location and lot, afterwards
  std::optional<int64_t> expiry_ms;
};

// A signed correction: virtual:adjustment -> location (found) or back (lost).
AdjustmentResult adjust(store::Tx& tx, const AdjustmentInput& input, StockListener* listener);

// The ledger's answer to the catalogue (catalog::upsert_product): whether a
// product has units in physical locations, in any warehouse.
catalog::ShelfStock& shelf_stock();

// ---- warehouse level ----------------------------------------------------------

struct WarehouseStock {
  int64_t warehouse_id;
  int64_t on_hand;
  int64_t allocated;
  int64_t available() const { return on_hand - allocated; }
};
std::vector<WarehouseStock> warehouse_stock(store::Tx& tx, int64_t product_id);
// One warehouse's level of one product; none when it never held any.
std::optional<WarehouseStock> warehouse_level(store::Tx& tx, int64_t warehouse_id,
                                              int64_t product_id);

// Takes q units of the warehouse's available stock; false (and no change) if
// there are fewer.
bool allocate(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity);
void deallocate(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity);

// ---- location level ----------------------------------------------------------

struct Reservation {
  int64_t location_id;
  std::string lot;
  int64_t quantity;
};

// Reserves up to q units at allocatable locations of the warehouse: FEFO for
// products whose lots carry expiry dates, then pick faces before reserve, then
// FIFO by receipt. `exclude_location_id` is skipped (a location just found
// short). Returns what it reserved, which may be less than q.
std::vector<Reservation> reserve(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                 int64_t quantity, int64_t exclude_location_id = 0);
void unreserve(store::Tx& tx, int64_t location_id, int64_t product_id, const std::string& lot,
               int64_t quantity);
// Reserves q units of one lot at one allocatable location for work that will
// take them (a replenishment task); false (and no change) when fewer are free.
bool reserve_at(store::Tx& tx, int64_t location_id, int64_t product_id, const std::string& lot,
                int64_t quantity);

// ---- reading ------------------------------------------------------------------

struct LocationBalance {
  std::string location;
  std::string lot;
  std::optional<int64_t> expiry_ms;
  int64_t on_hand;
  int64_t reserved;
};
struct WarehouseInventory {
  std::string warehouse;
  int64_t on_hand;
  int64_t allocated;
  std::vector<LocationBalance> locations;
};
std::vector<WarehouseInventory> inventory_of(store::Tx& tx, int64_t product_id);

// What each physical location of a warehouse holds now: units (on hand and
// reserved), how many products, the largest holder, and the cube of its
// stock (units x product cube). Locations without stock are left out.
struct LocationStock {
  std::string location;
  int64_t on_hand = 0, reserved = 0, products = 0;
  std::string top_sku;  // the product with most units there
  int64_t used_cm3 = 0;
  std::optional<int64_t> max_volume_cm3;
};
std::vector<LocationStock> stock_by_location(store::Tx& tx, int64_t warehouse_id);

// What a location holds now per (product, lot), the non-zero balances, read
// in one statement: one consistent view of committed stock (a count's
// baseline).
struct LotBalance {
  int64_t product_id;
  std::string lot;
  int64_t on_hand;
};
std::vector<LotBalance> lot_balances_at(store::Tx& tx, int64_t location_id);
// The free units (on hand less reserved) of one product and lot at each of
// these locations, read in one statement; locations without that lot are
// left out.
std::map<int64_t, int64_t> free_units_at(store::Tx& tx, const std::vector<int64_t>& location_ids,
                                         int64_t product_id, const std::string& lot);
// The balances holding units (on hand > 0) in a warehouse, or only at
// `location_id` when given, in one statement: what putaway weighs for room
// and what slotting reads for who sits where.
struct HeldBalance {
  int64_t location_id = 0;
  int64_t product_id = 0;
  std::string lot;
  int64_t on_hand = 0;
};
std::vector<HeldBalance> balances_on_hand(store::Tx& tx, int64_t warehouse_id,
                                          std::optional<int64_t> location_id = std::nullopt);
// On hand and reserved at each (location, product) of these locations, over
// all lots, in one statement; pairs without a balance are left out.
struct Units {
  int64_t on_hand = 0;
  int64_t reserved = 0;
};
std::map<std::pair<int64_t, int64_t>, Units> units_at(store::Tx& tx,
                                                      const std::vector<int64_t>& location_ids);
// The balances of a product in a warehouse with free units (on hand above
// reserved), at every location, by location and lot: the caller picks the
// locations it may take from and their order (replenishment sources).
struct FreeBalance {
  int64_t location_id = 0;
  std::string lot;
  int64_t free = 0;
  std::optional<int64_t> expiry_ms;
  int64_t first_in_ms = 0;
};
std::vector<FreeBalance> free_balances(store::Tx& tx, int64_t warehouse_id, int64_t product_id);
// Every product with a balance in the warehouse, by id, with the units
// picked from it (moves of reason "pick") since `since_ms`: the velocity
// that ABC classes rank.
struct Picked {
  int64_t product_id = 0;
  int64_t units = 0;
};
std::vector<Picked> units_picked_since(store::Tx& tx, int64_t warehouse_id, int64_t since_ms);
// Units on hand in physical (not virtual) locations per product, in one
// warehouse or, with warehouse_id 0, in all; products without any are left
// out. `product_id` 0 reads every product.
std::map<int64_t, int64_t> physical_on_hand(store::Tx& tx, int64_t warehouse_id,
                                            int64_t product_id);
// The moves since `since_ms` that changed physical stock, with the units
// they brought into it (negative: took out of it), by product and latest
// first: what demand history replays backwards. Same filters as above.
struct NetMove {
  int64_t product_id = 0;
  int64_t at_ms = 0;
  int64_t net = 0;
};
std::vector<NetMove> physical_moves_since(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                          int64_t since_ms);
// The moves in [from_ms, to_ms) with either end at one of these locations
// (in one warehouse, or in any when none is given), by id: what the
// shrinkage report reads of moves to and from virtual:adjustment.
struct LedgerMove {
  int64_t id = 0;
  int64_t at_ms = 0;
  int64_t product_id = 0;
  int64_t from_location_id = 0;
  int64_t to_location_id = 0;
  int64_t quantity = 0;
  std::optional<std::string> ref_type;
};
std::vector<LedgerMove> moves_at(store::Tx& tx, const std::vector<int64_t>& location_ids,
                                 int64_t from_ms, int64_t to_ms,
                                 std::optional<int64_t> warehouse_id);
// True when the location holds, or has reserved, any units at all.
bool holds_stock(store::Tx& tx, int64_t location_id);
// The newest stock move's id (0 without any): a ledger position, recorded,
// not compared (ids are not in commit order when several processes write).
int64_t last_move_id(store::Tx& tx);

struct MoveRecord {
  int64_t id;
  int64_t at_ms;
  std::string warehouse;
  std::string from_location;
  std::string to_location;
  std::string lot;
  int64_t quantity;
  std::string reason;
  std::string ref_type;
  int64_t ref_id;
};
// Newest first, ids below `before_id` (0: from the newest).
std::vector<MoveRecord> moves_of(store::Tx& tx, int64_t product_id, int64_t before_id,
                                 int64_t limit);

}  // namespace wareflow::inventory
