#include "inventory/inventory.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <map>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "core/time.h"
#include "events/outbox.h"
#include "numeric/wide.h"
#include "store/id_list.h"

namespace wareflow::inventory {

const char* virtual_code(VirtualLocation kind) {
  switch (kind) {
    case VirtualLocation::supplier:
      return "virtual:supplier";
    case VirtualLocation::customer:
      return "virtual:customer";
    case VirtualLocation::adjustment:
      return "virtual:adjustment";
    case VirtualLocation::scrap:
      return "virtual:scrap";
    case VirtualLocation::transit:
      return "virtual:transit";
  }
  return "virtual:unknown";
}

const std::vector<VirtualLocation>& all_virtual_locations() {
  static const std::vector<VirtualLocation> all = {
      VirtualLocation::supplier, VirtualLocation::customer, VirtualLocation::adjustment,
      VirtualLocation::scrap, VirtualLocation::transit};
  return all;
}

namespace {

LocationInfo read_location(store::Query& q) {
  return LocationInfo{q.i64(0), q.i64(1), q.text(2), q.text(3), q.i64(4) != 0};
}

constexpr const char* kLocationColumns = "id, warehouse_id, code, type, allocatable";

// Subtracts from a physical balance, never below its reservations.
void take_from_physical(store::Tx& tx, const Move& m) {
  int64_t changed = tx.exec(
      "UPDATE stock_balances SET on_hand = on_hand - $4, reserved = reserved - $5 "
      "WHERE product_id = $1 AND location_id = $2 AND lot = $3 "
      "AND reserved >= $5 AND on_hand - $4 >= reserved - $5",
      m.product_id, m.from_location_id, m.lot, m.quantity, m.reserved_consumed);
  if (changed == 0) {
    throw_conflict("insufficient_stock", "not enough unreserved stock at the source location");
  }
}

void add_to_balance(store::Tx& tx, const Move& m, int64_t location_id, int64_t delta,
                    std::optional<int64_t> expiry_ms) {
  // A balance that comes back from zero starts a new FIFO age.
  tx.exec(
      "INSERT INTO stock_balances (product_id, location_id, lot, warehouse_id, on_hand, "
      "reserved, expiry_ms, first_in_ms) VALUES ($1, $2, $3, $4, $5, 0, $6, $7) "
      "ON CONFLICT (product_id, location_id, lot) DO UPDATE SET "
      "on_hand = stock_balances.on_hand + excluded.on_hand, "
      "first_in_ms = CASE WHEN stock_balances.on_hand <= 0 AND excluded.on_hand > 0 "
      "THEN excluded.first_in_ms ELSE stock_balances.first_in_ms END",
      m.product_id, location_id, m.lot, m.warehouse_id, delta, expiry_ms, tx.now_ms());
}

}  // namespace

std::optional<LocationInfo> find_location(store::Tx& tx, int64_t warehouse_id,
                                          std::string_view code) {
  auto q = tx.query(std::string("SELECT ") + kLocationColumns +
                        " FROM locations WHERE warehouse_id = $1 AND code = $2",
                    warehouse_id, code);
  if (!q.next()) return std::nullopt;
  return read_location(q);
}

LocationInfo location_by_id(store::Tx& tx, int64_t location_id) {
  auto q = tx.query(std::string("SELECT ") + kLocationColumns + " FROM locations WHERE id = $1",
                    location_id);
  if (!q.next()) throw std::logic_error("no location " + std::to_string(location_id));
  return read_location(q);
}

int64_t virtual_location_id(store::Tx& tx, int64_t warehouse_id, VirtualLocation kind) {
  auto location = find_location(tx, warehouse_id, virtual_code(kind));
  if (!location) throw std::logic_error("warehouse without virtual locations");
  return location->id;
}

std::optional<int64_t> lot_expiry(store::Tx& tx, int64_t product_id, const std::string& lot) {
  if (lot.empty()) return std::nullopt;
  auto q =
      tx.query("SELECT expiry_ms FROM lots WHERE product_id = $1 AND lot = $2", product_id, lot);
  if (!q.next()) return std::nullopt;
  return q.opt_i64(0);
}

void ensure_lot(store::Tx& tx, const catalog::Product& product, const std::string& lot,
                std::optional<int64_t> expiry_ms) {
  if (!product.lot_tracked()) {
    if (!lot.empty()) {
      throw_invalid_field("lot", product.sku + " is not tracked by lot; leave lot out");
    }
    if (expiry_ms) throw_invalid_field("expiry", product.sku + " is not tracked by lot");
    return;
  }
  if (lot.empty()) throw_unprocessable("lot_required", product.sku + " is tracked by lot", "lot");
  if (!is_code(lot)) throw_invalid_field("lot", "lot must be 1-64 characters of A-Z a-z 0-9 . _ -");
  auto q =
      tx.query("SELECT expiry_ms FROM lots WHERE product_id = $1 AND lot = $2", product.id, lot);
  if (q.next()) {
    std::optional<int64_t> known = q.opt_i64(0);
    if (expiry_ms && known != expiry_ms) {
      throw_unprocessable("lot_expiry_mismatch",
                          "lot " + lot + " of " + product.sku + " has another expiry", "expiry");
    }
    return;
  }
  tx.exec("INSERT INTO lots (product_id, lot, expiry_ms, created_at_ms) VALUES ($1, $2, $3, $4)",
          product.id, lot, expiry_ms, tx.now_ms());
}

int64_t apply_move(store::Tx& tx, const Move& m, StockListener* listener) {
  if (m.quantity <= 0) throw std::logic_error("a move needs a positive quantity");
  if (m.from_location_id == m.to_location_id) throw std::logic_error("a move needs two locations");
  LocationInfo from = location_by_id(tx, m.from_location_id);
  LocationInfo to = location_by_id(tx, m.to_location_id);
  if (from.warehouse_id != m.warehouse_id || to.warehouse_id != m.warehouse_id) {
    throw std::logic_error("a move stays within one warehouse");
  }
  std::optional<int64_t> expiry = lot_expiry(tx, m.product_id, m.lot);

  if (from.is_virtual()) {
    add_to_balance(tx, m, from.id, -m.quantity, expiry);
  } else {
    take_from_physical(tx, m);
  }
  add_to_balance(tx, m, to.id, m.quantity, expiry);

  // The warehouse level counts allocatable stock only; a move between two
  // allocatable locations leaves it as it is.
  bool leaves_allocatable = from.allocatable && !to.allocatable;
  bool enters_allocatable = to.allocatable && !from.allocatable;
  if (leaves_allocatable) {
    int64_t changed = tx.exec(
        "UPDATE stock_levels SET on_hand = on_hand - $3, allocated = allocated - $4 "
        "WHERE warehouse_id = $1 AND product_id = $2 AND allocated >= $4 "
        "AND on_hand - $3 >= allocated - $4",
        m.warehouse_id, m.product_id, m.quantity, m.allocation_consumed);
    if (changed == 0) {
      throw_conflict("insufficient_stock",
                     "that stock is allocated to orders; it cannot leave the shelves");
    }
  } else if (m.allocation_consumed != 0) {
    throw std::logic_error("allocation can only leave with allocatable stock");
  }
  if (enters_allocatable) {
    tx.exec(
        "INSERT INTO stock_levels (warehouse_id, product_id, on_hand, allocated) "
        "VALUES ($1, $2, $3, 0) ON CONFLICT (warehouse_id, product_id) DO UPDATE SET "
        "on_hand = stock_levels.on_hand + excluded.on_hand",
        m.warehouse_id, m.product_id, m.quantity);
  }

  int64_t id = tx.next_id("stock_moves");
  tx.exec(
      "INSERT INTO stock_moves (id, at_ms, warehouse_id, product_id, lot, from_location_id, "
      "to_location_id, quantity, reason, ref_type, ref_id) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11)",
      id, tx.now_ms(), m.warehouse_id, m.product_id, m.lot, m.from_location_id, m.to_location_id,
      m.quantity, m.reason, m.ref_type.empty() ? std::optional<std::string>() : m.ref_type,
      m.ref_id == 0 ? std::optional<int64_t>() : m.ref_id);

  if (enters_allocatable && listener) listener->stock_available(tx, m.warehouse_id, m.product_id);
  return id;
}

AdjustmentResult adjust(store::Tx& tx, const AdjustmentInput& input, StockListener* listener) {
  if (input.quantity == 0) throw_invalid_field("quantity", "quantity must not be 0");
  if (input.quantity < -kMaxAdjustQuantity || input.quantity > kMaxAdjustQuantity) {
    throw_invalid_field("quantity", "quantity must be between " +
                                        std::to_string(-kMaxAdjustQuantity) + " and " +
                                        std::to_string(kMaxAdjustQuantity));
  }
  if (input.reason.empty() || input.reason.size() > 200) {
    throw_invalid_field("reason", "reason must be 1-200 characters");
  }
  check_text(input.reason, "reason");
  auto wq = tx.query("SELECT id FROM warehouses WHERE code = $1", input.warehouse);
  if (!wq.next()) {
    throw_unprocessable("unknown_warehouse", "no warehouse " + input.warehouse, "warehouse");
  }
  int64_t warehouse_id = wq.i64(0);
  auto location = find_location(tx, warehouse_id, input.location);
  if (!location || location->is_virtual()) {
    throw_unprocessable("unknown_location",
                        "no location " + input.location + " in warehouse " + input.warehouse,
                        "location");
  }
  catalog::Product product = catalog::require_product(tx, input.sku);
  ensure_lot(tx, product, input.lot, input.expiry_ms);
  if (input.quantity < 0 && !tx.query("SELECT 1 FROM stock_balances WHERE product_id = $1 AND "
                                      "location_id = $2 AND lot = $3",
                                      product.id, location->id, input.lot)
                                 .next()) {
    throw_conflict("insufficient_stock", "no stock of " + input.sku + " at " + input.location);
  }

  int64_t adjustment_id = virtual_location_id(tx, warehouse_id, VirtualLocation::adjustment);
  Move move;
  move.warehouse_id = warehouse_id;
  move.product_id = product.id;
  move.lot = input.lot;
  move.quantity = input.quantity > 0 ? input.quantity : -input.quantity;
  move.from_location_id = input.quantity > 0 ? adjustment_id : location->id;
  move.to_location_id = input.quantity > 0 ? location->id : adjustment_id;
  move.reason = input.reason;
  move.ref_type = "adjustment";
  // The listener (backorders) runs after the event, so the log tells the
  // cause before its effects.
  int64_t move_id = apply_move(tx, move, nullptr);

  auto bq = tx.query(
      "SELECT on_hand FROM stock_balances WHERE product_id = $1 AND location_id = $2 AND lot = $3",
      product.id, location->id, input.lot);
  bq.next();
  int64_t on_hand = bq.i64(0);

  boost::json::object data;
  data["warehouse"] = input.warehouse;
  data["location"] = input.location;
  data["sku"] = input.sku;
  data["lot"] = input.lot;
  data["quantity"] = input.quantity;
  data["reason"] = input.reason;
  data["move_id"] = move_id;
  events::append(tx, "stock.adjusted", "product:" + input.sku, data);
  if (listener && input.quantity > 0 && location->allocatable) {
    listener->stock_available(tx, warehouse_id, product.id);
  }
  return {move_id, on_hand, lot_expiry(tx, product.id, input.lot)};
}

catalog::ShelfStock& shelf_stock() {
  class Ledger final : public catalog::ShelfStock {
   public:
    bool on_shelves(store::Tx& tx, int64_t product_id) override {
      return tx
          .query(
              "SELECT 1 FROM stock_balances b JOIN locations l ON l.id = b.location_id WHERE "
              "b.product_id = $1 AND b.on_hand <> 0 AND l.type <> 'virtual' LIMIT 1",
              product_id)
          .next();
    }
  };
  static Ledger ledger;  // stateless
  return ledger;
}

std::vector<WarehouseStock> warehouse_stock(store::Tx& tx, int64_t product_id) {
  std::vector<WarehouseStock> stock;
  auto q = tx.query(
      "SELECT warehouse_id, on_hand, allocated FROM stock_levels WHERE product_id = $1 "
      "ORDER BY warehouse_id",
      product_id);
  while (q.next()) stock.push_back({q.i64(0), q.i64(1), q.i64(2)});
  return stock;
}

std::optional<WarehouseStock> warehouse_level(store::Tx& tx, int64_t warehouse_id,
                                              int64_t product_id) {
  auto q = tx.query(
      "SELECT on_hand, allocated FROM stock_levels WHERE warehouse_id = $1 AND product_id = $2",
      warehouse_id, product_id);
  if (!q.next()) return std::nullopt;
  return WarehouseStock{warehouse_id, q.i64(0), q.i64(1)};
}

bool allocate(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity) {
  if (quantity <= 0) throw std::logic_error("allocate needs a positive quantity");
  return tx.exec(
             "UPDATE stock_levels SET allocated = allocated + $3 WHERE warehouse_id = $1 AND "
             "product_id = $2 AND on_hand - allocated >= $3",
             warehouse_id, product_id, quantity) == 1;
}

void deallocate(store::Tx& tx, int64_t warehouse_id, int64_t product_id, int64_t quantity) {
  if (quantity <= 0) return;
  if (tx.exec("UPDATE stock_levels SET allocated = allocated - $3 WHERE warehouse_id = $1 AND "
              "product_id = $2 AND allocated >= $3",
              warehouse_id, product_id, quantity) != 1) {
    throw std::logic_error("deallocating more than is allocated");
  }
}

std::vector<Reservation> reserve(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                 int64_t quantity, int64_t exclude_location_id) {
  struct Candidate {
    int64_t location_id;
    std::string lot;
    int64_t free;
  };
  std::vector<Candidate> candidates;
  {
    // Lots with an expiry go first-expired-first-out; then pick faces before
    // reserve; then oldest receipt first; the code breaks ties stably.
    auto q = tx.query(
        "SELECT b.location_id, b.lot, b.on_hand - b.reserved FROM stock_balances b "
        "JOIN locations l ON l.id = b.location_id "
        "WHERE b.warehouse_id = $1 AND b.product_id = $2 AND l.allocatable = 1 "
        "AND b.on_hand > b.reserved AND b.location_id <> $3 "
        "ORDER BY CASE WHEN b.expiry_ms IS NULL THEN 1 ELSE 0 END, b.expiry_ms, "
        "CASE WHEN l.type = 'pick' THEN 0 ELSE 1 END, b.first_in_ms, l.code, b.lot",
        warehouse_id, product_id, exclude_location_id);
    while (q.next() && quantity > 0) {
      int64_t take = std::min(quantity, q.i64(2));
      candidates.push_back({q.i64(0), q.text(1), take});
      quantity -= take;
    }
  }
  std::vector<Reservation> reserved;
  for (const Candidate& c : candidates) {
    int64_t changed = tx.exec(
        "UPDATE stock_balances SET reserved = reserved + $4 WHERE product_id = $1 AND "
        "location_id = $2 AND lot = $3 AND on_hand - reserved >= $4",
        product_id, c.location_id, c.lot, c.free);
    if (changed != 1) throw std::logic_error("reservation lost its stock");
    reserved.push_back({c.location_id, c.lot, c.free});
  }
  return reserved;
}

void unreserve(store::Tx& tx, int64_t location_id, int64_t product_id, const std::string& lot,
               int64_t quantity) {
  if (quantity <= 0) return;
  if (tx.exec("UPDATE stock_balances SET reserved = reserved - $4 WHERE product_id = $1 AND "
              "location_id = $2 AND lot = $3 AND reserved >= $4",
              product_id, location_id, lot, quantity) != 1) {
    throw std::logic_error("unreserving more than is reserved");
  }
}

bool reserve_at(store::Tx& tx, int64_t location_id, int64_t product_id, const std::string& lot,
                int64_t quantity) {
  if (quantity <= 0) return true;
  return tx.exec(
             "UPDATE stock_balances SET reserved = reserved + $4 WHERE product_id = $1 AND "
             "location_id = $2 AND lot = $3 AND on_hand - reserved >= $4 AND EXISTS (SELECT 1 "
             "FROM locations WHERE id = $2 AND allocatable = 1)",
             product_id, location_id, lot, quantity) == 1;
}

std::vector<WarehouseInventory> inventory_of(store::Tx& tx, int64_t product_id) {
  std::vector<WarehouseInventory> result;
  std::vector<int64_t> warehouse_ids;
  {
    auto q = tx.query(
        "SELECT w.id, w.code, COALESCE(s.on_hand, 0), COALESCE(s.allocated, 0) FROM warehouses w "
        "LEFT JOIN stock_levels s ON s.warehouse_id = w.id AND s.product_id = $1 "
        "WHERE s.product_id IS NOT NULL OR EXISTS (SELECT 1 FROM stock_balances b JOIN locations "
        "l ON l.id = b.location_id WHERE b.warehouse_id = w.id AND b.product_id = $1 AND "
        "l.type <> 'virtual' AND b.on_hand <> 0) ORDER BY w.code",
        product_id);
    while (q.next()) {
      warehouse_ids.push_back(q.i64(0));
      result.push_back({q.text(1), q.i64(2), q.i64(3), {}});
    }
  }
  for (size_t i = 0; i < result.size(); ++i) {
    auto q = tx.query(
        "SELECT l.code, b.lot, b.expiry_ms, b.on_hand, b.reserved FROM stock_balances b "
        "JOIN locations l ON l.id = b.location_id WHERE b.warehouse_id = $1 AND "
        "b.product_id = $2 AND l.type <> 'virtual' AND (b.on_hand <> 0 OR b.reserved <> 0) "
        "ORDER BY l.code, b.lot",
        warehouse_ids[i], product_id);
    while (q.next()) {
      result[i].locations.push_back({q.text(0), q.text(1), q.opt_i64(2), q.i64(3), q.i64(4)});
    }
  }
  return result;
}

std::vector<MoveRecord> moves_of(store::Tx& tx, int64_t product_id, int64_t before_id,
                                 int64_t limit) {
  std::vector<MoveRecord> moves;
  auto q = tx.query(
      "SELECT m.id, m.at_ms, w.code, lf.code, lt.code, m.lot, m.quantity, m.reason, "
      "COALESCE(m.ref_type, ''), COALESCE(m.ref_id, 0) FROM stock_moves m "
      "JOIN warehouses w ON w.id = m.warehouse_id "
      "JOIN locations lf ON lf.id = m.from_location_id "
      "JOIN locations lt ON lt.id = m.to_location_id "
      "WHERE m.product_id = $1 AND ($2 = 0 OR m.id < $2) ORDER BY m.id DESC LIMIT $3",
      product_id, before_id, limit);
  while (q.next()) {
    moves.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.i64(6),
                     q.text(7), q.text(8), q.i64(9)});
  }
  return moves;
}

std::vector<LotBalance> lot_balances_at(store::Tx& tx, int64_t location_id) {
  auto q = tx.query(
      "SELECT product_id, lot, on_hand FROM stock_balances WHERE location_id = $1 AND on_hand "
      "<> 0 ORDER BY product_id, lot",
      location_id);
  std::vector<LotBalance> balances;
  while (q.next()) balances.push_back({q.i64(0), q.text(1), q.i64(2)});
  return balances;
}

std::map<int64_t, int64_t> free_units_at(store::Tx& tx, const std::vector<int64_t>& location_ids,
                                         int64_t product_id, const std::string& lot) {
  std::map<int64_t, int64_t> free;
  if (location_ids.empty()) return free;
  auto q = tx.query(
      "SELECT location_id, on_hand - reserved FROM stock_balances WHERE product_id = $1 AND lot = "
      "$2 AND location_id IN (SELECT value FROM json_each($3))",
      product_id, lot, store::id_list(location_ids));
  while (q.next()) free.emplace(q.i64(0), q.i64(1));
  return free;
}

std::vector<HeldBalance> balances_on_hand(store::Tx& tx, int64_t warehouse_id,
                                          std::optional<int64_t> location_id) {
  auto q = tx.query(
      "SELECT location_id, product_id, lot, on_hand FROM stock_balances WHERE warehouse_id = $1 "
      "AND on_hand > 0 AND ($2 IS NULL OR location_id = $2) ORDER BY location_id, product_id, "
      "lot",
      warehouse_id, location_id);
  std::vector<HeldBalance> balances;
  while (q.next()) balances.push_back({q.i64(0), q.i64(1), q.text(2), q.i64(3)});
  return balances;
}

std::map<std::pair<int64_t, int64_t>, Units> units_at(store::Tx& tx,
                                                      const std::vector<int64_t>& location_ids) {
  std::map<std::pair<int64_t, int64_t>, Units> units;
  if (location_ids.empty()) return units;
  auto q = tx.query(
      "SELECT location_id, product_id, SUM(on_hand), SUM(reserved) FROM stock_balances WHERE "
      "location_id IN (SELECT value FROM json_each($1)) GROUP BY location_id, product_id",
      store::id_list(location_ids));
  while (q.next()) units[{q.i64(0), q.i64(1)}] = {q.i64(2), q.i64(3)};
  return units;
}

std::vector<FreeBalance> free_balances(store::Tx& tx, int64_t warehouse_id, int64_t product_id) {
  auto q = tx.query(
      "SELECT location_id, lot, on_hand - reserved, expiry_ms, first_in_ms FROM stock_balances "
      "WHERE warehouse_id = $1 AND product_id = $2 AND on_hand > reserved ORDER BY location_id, "
      "lot",
      warehouse_id, product_id);
  std::vector<FreeBalance> balances;
  while (q.next()) balances.push_back({q.i64(0), q.text(1), q.i64(2), q.opt_i64(3), q.i64(4)});
  return balances;
}

std::vector<Picked> units_picked_since(store::Tx& tx, int64_t warehouse_id, int64_t since_ms) {
  auto q = tx.query(
      "SELECT b.product_id, COALESCE((SELECT SUM(m.quantity) FROM stock_moves m WHERE "
      "m.product_id = b.product_id AND m.warehouse_id = $1 AND m.reason = 'pick' AND m.at_ms >= "
      "$2), 0) FROM (SELECT DISTINCT product_id FROM stock_balances WHERE warehouse_id = $1) b "
      "ORDER BY b.product_id",
      warehouse_id, since_ms);
  std::vector<Picked> picked;
  while (q.next()) picked.push_back({q.i64(0), q.i64(1)});
  return picked;
}

std::map<int64_t, int64_t> physical_on_hand(store::Tx& tx, int64_t warehouse_id,
                                            int64_t product_id) {
  auto q = tx.query(
      "SELECT b.product_id, SUM(b.on_hand) FROM stock_balances b JOIN locations l ON l.id = "
      "b.location_id WHERE l.type <> 'virtual' AND ($1 = 0 OR b.warehouse_id = $1) AND ($2 = 0 OR "
      "b.product_id = $2) GROUP BY b.product_id",
      warehouse_id, product_id);
  std::map<int64_t, int64_t> on_hand;
  while (q.next()) on_hand[q.i64(0)] = q.i64(1);
  return on_hand;
}

std::vector<NetMove> physical_moves_since(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                          int64_t since_ms) {
  auto q = tx.query(
      "SELECT m.product_id, m.at_ms, m.quantity * ((CASE WHEN lt.type <> 'virtual' THEN 1 ELSE 0 "
      "END) - (CASE WHEN lf.type <> 'virtual' THEN 1 ELSE 0 END)) FROM stock_moves m JOIN "
      "locations lf ON lf.id = m.from_location_id JOIN locations lt ON lt.id = m.to_location_id "
      "WHERE m.at_ms >= $3 AND ($1 = 0 OR m.warehouse_id = $1) AND ($2 = 0 OR m.product_id = $2) "
      "ORDER BY m.product_id, m.at_ms DESC, m.id DESC",
      warehouse_id, product_id, since_ms);
  std::vector<NetMove> moves;
  while (q.next()) {
    if (q.i64(2) != 0) moves.push_back({q.i64(0), q.i64(1), q.i64(2)});
  }
  return moves;
}

std::vector<LedgerMove> moves_at(store::Tx& tx, const std::vector<int64_t>& location_ids,
                                 int64_t from_ms, int64_t to_ms,
                                 std::optional<int64_t> warehouse_id) {
  std::vector<LedgerMove> moves;
  if (location_ids.empty()) return moves;
  const std::string ids = store::id_list(location_ids);
  auto q = tx.query(
      "SELECT id, at_ms, product_id, from_location_id, to_location_id, quantity, ref_type FROM "
      "stock_moves WHERE at_ms >= $1 AND at_ms < $2 AND ($3 IS NULL OR warehouse_id = $3) AND "
      "(from_location_id IN (SELECT value FROM json_each($4)) OR to_location_id IN (SELECT value "
      "FROM json_each($4))) ORDER BY id",
      from_ms, to_ms, warehouse_id, ids);
  while (q.next()) {
    moves.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.i64(5), q.opt_text(6)});
  }
  return moves;
}

bool holds_stock(store::Tx& tx, int64_t location_id) {
  return tx
      .query(
          "SELECT 1 FROM stock_balances WHERE location_id = $1 AND (on_hand <> 0 OR reserved <> 0) "
          "LIMIT 1",
          location_id)
      .next();
}

int64_t last_move_id(store::Tx& tx) {
  auto q = tx.query("SELECT COALESCE(MAX(id), 0) FROM stock_moves");
  q.next();
  return q.i64(0);
}

std::vector<LocationStock> stock_by_location(store::Tx& tx, int64_t warehouse_id) {
  // The volume of each balance is summed here, in 128 bits: SQL's SUM of
  // units × length × width × height overflows (an error on SQLite and
  // PostgreSQL) long before any location is full of large products. The
  // sizes and SKUs come from the catalogue, in one lookup.
  struct Held {
    int64_t location_id, product_id, on_hand;
  };
  std::vector<Held> balances;
  {
    auto q = tx.query(
        "SELECT location_id, product_id, on_hand FROM stock_balances WHERE warehouse_id = $1 AND "
        "on_hand > 0",
        warehouse_id);
    while (q.next()) balances.push_back({q.i64(0), q.i64(1), q.i64(2)});
  }
  std::vector<int64_t> product_ids;
  for (const Held& b : balances) product_ids.push_back(b.product_id);
  std::sort(product_ids.begin(), product_ids.end());
  product_ids.erase(std::unique(product_ids.begin(), product_ids.end()), product_ids.end());
  const std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
  std::map<int64_t, numeric::Sum> volume_mm3;
  // The largest balance of each location (by units, then SKU) names its top product.
  std::map<int64_t, const Held*> top;
  for (const Held& b : balances) {
    const catalog::Product& p = products.at(b.product_id);
    volume_mm3[b.location_id] +=
        numeric::volume_mm3(b.on_hand, p.length_mm, p.width_mm, p.height_mm);
    auto [it, fresh] = top.emplace(b.location_id, &b);
    const Held& best = *it->second;
    if (!fresh && (b.on_hand > best.on_hand ||
                   (b.on_hand == best.on_hand && p.sku < products.at(best.product_id).sku))) {
      it->second = &b;
    }
  }
  auto q = tx.query(
      "SELECT l.code, SUM(b.on_hand), SUM(b.reserved), COUNT(DISTINCT b.product_id), l.id, "
      "l.max_volume_cm3 FROM stock_balances b JOIN locations l ON l.id = b.location_id WHERE "
      "b.warehouse_id = $1 AND l.type <> 'virtual' AND b.on_hand > 0 GROUP BY l.id, l.code, "
      "l.max_volume_cm3 ORDER BY l.code",
      warehouse_id);
  std::vector<LocationStock> list;
  while (q.next()) {
    LocationStock s;
    s.location = q.text(0);
    s.on_hand = q.i64(1);
    s.reserved = q.i64(2);
    s.products = q.i64(3);
    s.used_cm3 = numeric::saturate(numeric::ceil_div(volume_mm3[q.i64(4)].wide(), 1000));
    s.max_volume_cm3 = q.opt_i64(5);
    if (auto t = top.find(q.i64(4)); t != top.end())
      s.top_sku = products.at(t->second->product_id).sku;
    list.push_back(std::move(s));
  }
  return list;
}

}  // namespace wareflow::inventory
