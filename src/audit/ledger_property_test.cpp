// Property: whatever sequence of adjustments, orders, cancels, holds, waves,
// picks, shorts, packs, shipments and deliveries happens (refused ones
// included), the invariants I1-I6 hold after every single operation.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>

#include "audit/verify.h"
#include "catalog/catalog.h"
#include "core/error.h"
#include "inventory/inventory.h"
#include "testing/temp_db.h"
#include "wms/fulfillment.h"
#include "wms/layout.h"
#include "wms/picking.h"

namespace wareflow {
namespace {

using Op = std::array<int, 6>;

std::vector<int64_t> ids(store::Tx& tx, const std::string& sql) {
  std::vector<int64_t> out;
  auto q = tx.query(sql);
  while (q.next()) out.push_back(q.i64(0));
  return out;
}

void set_up(testing::TempDb& t) {
  t.db->write([&](store::Tx& tx) {
    const char* codes[] = {"W1", "W2"};
    double lat[] = {52.5, 48.1}, lon[] = {13.4, 11.6};
    for (int w = 0; w < 2; ++w) {
      wms::WarehouseInput in;
      in.code = codes[w];
      in.name = codes[w];
      in.address.country = "DE";
      in.latitude = lat[w];
      in.longitude = lon[w];
      wms::upsert_warehouse(tx, in);
      wms::LayoutInput layout;
      layout.aisles = 2;
      layout.bays = 3;
      layout.levels = 2;
      wms::generate_layout(tx, codes[w], layout);
    }
    for (int p = 1; p <= 5; ++p) {
      catalog::ProductInput in;
      in.sku = fmt::format("P{}", p);
      in.name = in.sku;
      in.weight_g = 100;
      in.length_mm = in.width_mm = in.height_mm = 50;
      if (p == 5) in.tracking = "lot";
      catalog::upsert_product(tx, in, inventory::shelf_stock());
    }
    oms::upsert_channel(tx, "web", "Web");
  });
}

std::string location_code(int a, int b) {
  // In 64 bits: the two are arbitrary ints, and their sum may not fit an int.
  return fmt::format("A{:02}-{:03}-{}", a % 2 + 1, b % 3 + 1, (int64_t{a} + b) % 2 + 1);
}

// Applies one operation; refusals (DomainError) are part of the game.
void apply(testing::TempDb& t, const Op& op, int& order_counter) {
  oms::OrderService& orders = *t.orders;
  t.db->write([&](store::Tx& tx) {
    const char* warehouse = op[1] % 2 == 0 ? "W1" : "W2";
    switch (op[0] % 10) {
      case 0:
      case 1: {  // stock arrives or is lost
        inventory::AdjustmentInput a;
        a.warehouse = warehouse;
        a.location = op[5] % 7 == 0 ? "RECV-01" : location_code(op[2], op[3]);
        int product = op[4] % 5 + 1;
        a.sku = fmt::format("P{}", product);
        a.quantity = op[0] % 10 == 0 ? op[5] % 10 + 1 : -(op[5] % 4 + 1);
        if (product == 5) {
          a.lot = op[3] % 2 ? "L1" : "L2";
          a.expiry_ms = op[3] % 2 ? 2000000000000 : 2100000000000;
        }
        a.reason = "property";
        inventory::adjust(tx, a, &orders);
        break;
      }
      case 2:
      case 3: {  // an order
        oms::OrderInput o;
        o.channel = "web";
        o.channel_order_id = fmt::format("O{}", ++order_counter);
        o.customer = {fmt::format("c{}@example.com", op[1] % 4), "C", std::nullopt};
        o.ship_to = {"C", "Street 1", "", "Munich", "80331", "DE", std::nullopt, std::nullopt};
        if (op[2] % 2) {
          o.ship_to.latitude = 48.0;
          o.ship_to.longitude = 11.0;
        }
        int lines = op[3] % 3 + 1;
        for (int l = 0; l < lines; ++l) {
          o.lines.push_back({fmt::format("P{}", (op[4] + l) % 5 + 1), (op[5] + l) % 4 + 1,
                             std::nullopt, std::nullopt});
        }
        o.priority = op[1] % 3;
        if (op[2] % 5 == 0) o.hold_reason = "check";
        orders.create_order(tx, o);
        break;
      }
      case 4: {  // cancel, hold or release an order
        auto all = ids(tx, "SELECT id FROM orders ORDER BY id");
        if (all.empty()) return;
        int64_t id = all[static_cast<size_t>(op[2]) % all.size()];
        if (op[1] % 3 == 0) orders.cancel_order(tx, id);
        if (op[1] % 3 == 1) orders.hold_order(tx, id, "check");
        if (op[1] % 3 == 2) orders.release_order(tx, id);
        break;
      }
      case 5: {  // a wave
        wms::create_wave(tx, warehouse, op[2] % 4 + 1, orders);
        break;
      }
      case 6:
      case 7: {  // pick (right scan) or short the next open line of a list
        auto lines = ids(tx, "SELECT id FROM pick_lines WHERE status = 'open' ORDER BY id");
        if (lines.empty()) return;
        int64_t line_id = lines[static_cast<size_t>(op[2]) % lines.size()];
        auto q = tx.query(
            "SELECT pl.pick_list_id, l.code, p.sku, pl.quantity - pl.picked - pl.short FROM "
            "pick_lines pl JOIN locations l ON l.id = pl.location_id JOIN products p ON p.id = "
            "pl.product_id WHERE pl.id = $1",
            line_id);
        q.next();
        int64_t list = q.i64(0), open = q.i64(3);
        std::string location = q.text(1), sku = q.text(2);
        if (op[0] % 10 == 6 || open == 0) {
          wms::PickScan scan{line_id, location, sku, op[3] % open + 1, "picker"};
          if (op[4] % 6 == 0) scan.location = "A01-001-2";  // sometimes a wrong scan
          wms::confirm_pick(tx, list, scan, orders);
        } else {
          wms::report_short(tx, list, line_id, op[3] % open, orders);
        }
        break;
      }
      case 8: {  // pack exactly what was picked (sometimes one too many)
        auto picked = ids(tx, "SELECT id FROM fulfillments WHERE status = 'picked' ORDER BY id");
        if (picked.empty()) return;
        int64_t id = picked[static_cast<size_t>(op[2]) % picked.size()];
        wms::PackageInput package;
        auto q = tx.query(
            "SELECT p.sku, SUM(fl.picked) FROM fulfillment_lines fl JOIN products p ON p.id = "
            "fl.product_id WHERE fl.fulfillment_id = $1 GROUP BY p.sku HAVING SUM(fl.picked) > 0",
            id);
        while (q.next()) package.items.emplace_back(q.text(0), q.i64(1));
        if (op[3] % 5 == 0 && !package.items.empty()) package.items[0].second += 1;
        wms::pack(tx, id, {package}, orders);
        break;
      }
      case 9: {  // ship or deliver
        // Mostly the fulfillments that can move on; sometimes any, to be refused.
        auto all = ids(tx, op[3] % 4 == 0 ? "SELECT id FROM fulfillments ORDER BY id"
                           : op[1] % 2    ? "SELECT id FROM fulfillments WHERE status = 'packed'"
                                          : "SELECT id FROM fulfillments WHERE status = 'shipped'");
        if (all.empty()) return;
        int64_t id = all[static_cast<size_t>(op[2]) % all.size()];
        if (op[1] % 2) {
          wms::ship(tx, id, {"DHL", std::nullopt, std::nullopt}, orders);
        } else {
          wms::deliver(tx, id, orders);
        }
        break;
      }
    }
  });
}

RC_GTEST_PROP(LedgerProperty, InvariantsHoldAfterEveryOperation, ()) {
  auto ops = *rc::gen::resize(100, rc::gen::container<std::vector<Op>>(rc::gen::arbitrary<Op>()));
  testing::TempDb t;
  set_up(t);
  int order_counter = 0;
  int refused = 0;
  for (Op op : ops) {
    for (int& v : op) v = v < 0 ? -(v + 1) : v;  // non-negative selectors
    try {
      apply(t, op, order_counter);
    } catch (const DomainError&) {
      ++refused;  // a refusal must change nothing; verify below proves it
    }
    std::vector<audit::Breach> breaches;
    t.db->write([&](store::Tx& tx) { breaches = audit::verify(tx); });
    for (const auto& b : breaches) RC_FAIL(b.invariant + ": " + b.detail);
  }
  // How far the random runs get, so a generator that never reaches the later
  // stages shows in the test output.
  std::string furthest = "no fulfillment";
  t.db->write([&](store::Tx& tx) {
    for (const char* stage : {"picking", "picked", "packed", "shipped", "delivered"}) {
      if (tx.query("SELECT 1 FROM fulfillments WHERE status = $1", stage).next()) {
        furthest = stage;
      }
    }
    if (tx.query("SELECT 1 FROM pick_lines WHERE status = 'short'").next()) RC_TAG("had a short");
  });
  RC_TAG(furthest);
  RC_TAG(refused > 0 ? "with refusals" : "no refusals");
}

// A deterministic run that reaches every stage, so the property above is not
// the only thing between a broken flow and a green build.
TEST(LedgerFlow, OrderToDeliveryKeepsTheBooks) {
  testing::TempDb t;
  set_up(t);
  int counter = 0;
  apply(t, {0, 0, 0, 0, 0, 9}, counter);  // +10 P1 at W1 A01-001-1
  apply(t, {2, 0, 1, 0, 0, 2}, counter);  // order 3 x P1 (one line)
  apply(t, {5, 0, 0, 0, 0, 0}, counter);  // wave W1
  apply(t, {6, 0, 0, 2, 1, 0}, counter);  // pick all 3
  apply(t, {8, 0, 0, 1, 0, 0}, counter);  // pack
  apply(t, {9, 1, 0, 0, 0, 0}, counter);  // ship
  apply(t, {9, 0, 0, 0, 0, 0}, counter);  // deliver
  t.db->write([&](store::Tx& tx) {
    EXPECT_TRUE(audit::verify(tx).empty());
    auto order = t.orders->get_order(tx, 1);
    EXPECT_EQ(order.status, "delivered");
    EXPECT_EQ(order.lines.at(0).shipped, 3);
    auto q = tx.query(
        "SELECT b.on_hand FROM stock_balances b JOIN locations l ON l.id = b.location_id WHERE "
        "l.code = 'virtual:customer' AND b.product_id = 1");
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.i64(0), 3);
  });
}

TEST(LedgerFlow, VerifyNamesABreach) {
  testing::TempDb t;
  set_up(t);
  int counter = 0;
  apply(t, {0, 0, 0, 0, 0, 4}, counter);
  t.db->write([&](store::Tx& tx) {
    tx.exec("UPDATE stock_balances SET on_hand = on_hand + 1 WHERE on_hand > 0");
    auto breaches = audit::verify(tx);
    ASSERT_FALSE(breaches.empty());
    EXPECT_EQ(breaches.front().invariant, "I1");
  });
}

}  // namespace
}  // namespace wareflow

namespace wareflow {
namespace {

TEST(WaveRouting, PickListsFollowAProvenShortestRoute) {
  testing::TempDb t;
  set_up(t);
  int counter = 0;
  apply(t, {0, 0, 1, 2, 0, 4}, counter);  // P1 at W1 A02-003-1
  apply(t, {0, 0, 0, 1, 1, 4}, counter);  // P2 at W1 A01-002-2
  apply(t, {2, 0, 1, 1, 0, 0}, counter);  // an order of P1 and P2
  apply(t, {5, 0, 0, 0, 0, 0}, counter);  // wave W1
  t.db->write([&](store::Tx& tx) {
    auto q = tx.query("SELECT data_json FROM events WHERE type = 'wave.released'");
    ASSERT_TRUE(q.next());
    std::string data = q.text(0);
    EXPECT_NE(data.find("\"optimal\":true"), std::string::npos) << data;
    EXPECT_NE(data.find("ratliff_rosenthal"), std::string::npos) << data;
    // Both picks are on the list, each once.
    auto lines = tx.query("SELECT COUNT(*), COUNT(DISTINCT sequence) FROM pick_lines");
    lines.next();
    EXPECT_EQ(lines.i64(0), 2);
    EXPECT_EQ(lines.i64(1), 2);
    EXPECT_TRUE(audit::verify(tx).empty());
  });
}

}  // namespace
}  // namespace wareflow
