#include "audit/verify.h"

#include <fmt/format.h>

#include <algorithm>

namespace wareflow::audit {
namespace {

class Collector {
 public:
  Collector(store::Tx& tx, size_t max) : tx_(tx), max_(max) {}

  // Runs `sql`; every row it returns is a breach of `invariant`, described by
  // formatting its columns (all read as text) into `format` positionally.
  void check(const char* invariant, const std::string& sql, int columns, const char* description) {
    if (breaches.size() >= max_) return;
    auto q = tx_.query(sql);
    while (q.next() && breaches.size() < max_) {
      std::string detail = description;
      for (int c = 0; c < columns; ++c) detail += (c == 0 ? ": " : ", ") + q.text(c);
      breaches.push_back({invariant, detail});
    }
  }

  void add(const char* invariant, std::string detail) {
    if (breaches.size() < max_) breaches.push_back({invariant, std::move(detail)});
  }

  std::vector<Breach> breaches;

 private:
  store::Tx& tx_;
  size_t max_;
};

}  // namespace

std::vector<Breach> verify(store::Tx& tx, size_t max_breaches) {
  Collector c(tx, max_breaches);

  c.check("I1",
          "SELECT p.sku, SUM(b.on_hand) FROM stock_balances b JOIN products p ON p.id = "
          "b.product_id GROUP BY p.sku HAVING SUM(b.on_hand) <> 0",
          2, "balances of a product do not sum to zero (sku, sum)");

  c.check("I2",
          "SELECT p.sku, l.code, b.lot, b.on_hand FROM stock_balances b "
          "JOIN locations l ON l.id = b.location_id JOIN products p ON p.id = b.product_id "
          "WHERE l.type <> 'virtual' AND b.on_hand < 0",
          4, "negative physical balance (sku, location, lot, on_hand)");

  c.check("I3",
          "SELECT p.sku, l.code, b.lot, b.on_hand, b.reserved FROM stock_balances b "
          "JOIN locations l ON l.id = b.location_id JOIN products p ON p.id = b.product_id "
          "WHERE b.reserved < 0 OR (l.type <> 'virtual' AND b.reserved > b.on_hand) "
          "OR (b.reserved <> 0 AND l.allocatable = 0)",
          5, "reservation out of bounds (sku, location, lot, on_hand, reserved)");
  c.check("I3",
          "SELECT s.warehouse_id, p.sku, s.on_hand, s.allocated FROM stock_levels s "
          "JOIN products p ON p.id = s.product_id WHERE s.allocated < 0 OR s.allocated > "
          "s.on_hand",
          4, "allocation out of bounds (warehouse, sku, on_hand, allocated)");
  c.check("I3",
          "SELECT s.warehouse_id, s.product_id, s.on_hand, COALESCE(t.total, 0) FROM stock_levels "
          "s LEFT JOIN (SELECT b.warehouse_id, b.product_id, SUM(b.on_hand) AS total FROM "
          "stock_balances b JOIN locations l ON l.id = b.location_id WHERE l.allocatable = 1 "
          "GROUP BY b.warehouse_id, b.product_id) t ON t.warehouse_id = s.warehouse_id AND "
          "t.product_id = s.product_id WHERE s.on_hand <> COALESCE(t.total, 0) "
          "UNION ALL SELECT t.warehouse_id, t.product_id, 0, t.total FROM (SELECT b.warehouse_id, "
          "b.product_id, SUM(b.on_hand) AS total FROM stock_balances b JOIN locations l ON l.id = "
          "b.location_id WHERE l.allocatable = 1 GROUP BY b.warehouse_id, b.product_id) t WHERE "
          "t.total <> 0 AND NOT EXISTS (SELECT 1 FROM stock_levels s WHERE s.warehouse_id = "
          "t.warehouse_id AND s.product_id = t.product_id)",
          4,
          "warehouse level disagrees with allocatable balances (warehouse, product, level, "
          "balances)");
  c.check("I3",
          "SELECT s.warehouse_id, s.product_id, s.allocated, COALESCE(f.total, 0) FROM "
          "stock_levels s LEFT JOIN (SELECT fu.warehouse_id, fl.product_id, SUM(fl.allocated) AS "
          "total FROM fulfillment_lines fl JOIN fulfillments fu ON fu.id = fl.fulfillment_id "
          "GROUP BY fu.warehouse_id, fl.product_id) f ON f.warehouse_id = s.warehouse_id AND "
          "f.product_id = s.product_id WHERE s.allocated <> COALESCE(f.total, 0)",
          4, "allocation disagrees with fulfillment lines (warehouse, product, level, lines)");
  c.check("I3",
          "SELECT b.location_id, b.product_id, b.lot, b.reserved, COALESCE(r.total, 0) FROM "
          "stock_balances b LEFT JOIN (SELECT location_id, product_id, lot, SUM(open) AS total "
          "FROM (SELECT location_id, product_id, lot, quantity - picked - short AS open FROM "
          "pick_lines WHERE status = 'open' UNION ALL SELECT t.from_location_id, t.product_id, "
          "t.lot, "
          "t.quantity FROM tasks t JOIN locations l ON l.id = t.from_location_id WHERE t.type IN "
          "('replenishment', 'move') AND t.status IN ('open', 'in_progress') AND l.allocatable = "
          "1) AS open_work GROUP BY location_id, product_id, lot) r ON r.location_id = "
          "b.location_id AND r.product_id = b.product_id AND r.lot = b.lot WHERE b.reserved <> "
          "COALESCE(r.total, 0)",
          5,
          "reservation disagrees with open pick lines, replenishment and move tasks (location, "
          "product, lot, reserved, open)");

  c.check("I4",
          "WITH replay AS (SELECT product_id, location_id, lot, SUM(delta) AS on_hand FROM ("
          "SELECT product_id, to_location_id AS location_id, lot, quantity AS delta FROM "
          "stock_moves UNION ALL SELECT product_id, from_location_id, lot, -quantity FROM "
          "stock_moves) AS deltas GROUP BY product_id, location_id, lot) "
          "SELECT r.product_id, r.location_id, r.lot, r.on_hand, COALESCE(b.on_hand, 0) FROM "
          "replay r LEFT JOIN stock_balances b ON b.product_id = r.product_id AND b.location_id = "
          "r.location_id AND b.lot = r.lot WHERE r.on_hand <> COALESCE(b.on_hand, 0) "
          "UNION ALL SELECT b.product_id, b.location_id, b.lot, 0, b.on_hand FROM stock_balances "
          "b WHERE b.on_hand <> 0 AND NOT EXISTS (SELECT 1 FROM stock_moves m WHERE m.product_id "
          "= b.product_id AND m.lot = b.lot AND (m.to_location_id = b.location_id OR "
          "m.from_location_id = b.location_id))",
          5, "ledger replay disagrees with balance (product, location, lot, replayed, balance)");

  std::vector<std::string> guards = tx.trigger_names("stock_moves");
  for (const char* guard : {"stock_moves_append_only_update", "stock_moves_append_only_delete"}) {
    if (std::find(guards.begin(), guards.end(), guard) == guards.end()) {
      c.add("I5", std::string("the ledger's append-only guard is missing (trigger): ") + guard);
    }
  }
  // With gap-free ids, a move removed behind the guard's back shows as a
  // missing number (on PostgreSQL the guard alone stands: ids may skip).
  if (tx.gap_free_ids()) {
    c.check("I5",
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM stock_moves HAVING COUNT(*) <> "
            "COALESCE(MAX(id), 0)",
            2, "ledger moves were removed (count, highest id)");
  }
  c.check("I5",
          "SELECT id, quantity FROM stock_moves WHERE quantity <= 0 OR from_location_id = "
          "to_location_id",
          2, "ledger move without effect (id, quantity)");

  c.check("I6",
          "SELECT ol.order_id, ol.id, ol.quantity, COALESCE(f.total, 0), ol.backordered, "
          "ol.cancelled FROM order_lines ol LEFT JOIN (SELECT order_line_id, SUM(allocated + "
          "picked + packed + shipped) AS total FROM fulfillment_lines GROUP BY order_line_id) f "
          "ON f.order_line_id = ol.id WHERE ol.quantity <> COALESCE(f.total, 0) + ol.backordered "
          "+ ol.cancelled OR ol.backordered < 0 OR ol.cancelled < 0",
          6,
          "order line quantities do not add up (order, line, quantity, in fulfillment, "
          "backordered, cancelled)");
  c.check("I6",
          "SELECT fulfillment_id, id, quantity, allocated, picked, packed, shipped FROM "
          "fulfillment_lines WHERE quantity <> allocated + picked + packed + shipped OR "
          "allocated < 0 OR picked < 0 OR packed < 0 OR shipped < 0",
          7,
          "fulfillment line quantities do not add up (fulfillment, line, quantity, allocated, "
          "picked, packed, shipped)");
  return c.breaches;
}

}  // namespace wareflow::audit
