// Order KPIs against orders whose times are set by hand (the services stamp
// rows with the transaction's clock; here they are rewritten afterwards).
#include "oms/kpi.h"

#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "oms/orders.h"
#include "testing/small_shop.h"

namespace wareflow::oms {
namespace {

constexpr int64_t kHourMs = 3'600'000;

class OrderKpisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::set_up_small_shop(t_);
    t_.db->write([&](store::Tx& tx) {
      inventory::AdjustmentInput a;
      a.warehouse = "W1";
      a.location = "A01-001-1";
      a.sku = "P1";
      a.quantity = 10;
      a.reason = "test";
      inventory::adjust(tx, a, t_.orders.get());
    });
  }

  // Places an order for `quantity` at `placed_ms`; returns its id.
  int64_t order(int64_t quantity, int64_t placed_ms) {
    int64_t id = 0;
    t_.db->write([&](store::Tx& tx) {
      id = testing::place_p1_order(t_, tx, "O" + std::to_string(++orders_), quantity);
      // The order and its backorder event move back to placed_ms together.
      tx.exec("UPDATE events SET at_ms = $2 WHERE subject = 'order:' || $1", id, placed_ms);
      tx.exec("UPDATE orders SET created_at_ms = $2 WHERE id = $1", id, placed_ms);
    });
    return id;
  }

  // Marks the order shipped at `shipped_ms` (its ship-by, if any, given).
  void shipped(int64_t order_id, int64_t shipped_ms, std::optional<int64_t> ship_by_ms) {
    t_.db->write([&](store::Tx& tx) {
      tx.exec(
          "UPDATE fulfillments SET status = 'shipped', shipped_at_ms = $2, ship_by_ms = $3 WHERE "
          "order_id = $1",
          order_id, shipped_ms, ship_by_ms);
      tx.exec("UPDATE orders SET status = 'shipped' WHERE id = $1", order_id);
    });
  }

  OrderKpis kpis(int64_t from, int64_t to) {
    OrderKpis k;
    t_.db->read([&](store::Tx& tx) { k = order_kpis(tx, from, to, std::nullopt); });
    return k;
  }

  testing::TempDb t_;
  int orders_ = 0;
};

TEST_F(OrderKpisTest, CycleTimesOnTimeRateAndBackorders) {
  const int64_t t0 = 1'700'000'000'000;
  // Four orders of 3 units; 10 in stock, so the fourth gets 1 and 2 are
  // backordered at capture.
  int64_t a = order(3, t0);
  int64_t b = order(3, t0 + kHourMs);
  int64_t c = order(3, t0 + 2 * kHourMs);
  order(3, t0 + 3 * kHourMs);
  // Shipped after 2 h (by its ship-by), 5 h (late) and 9 h (no ship-by).
  shipped(a, t0 + 2 * kHourMs, t0 + 4 * kHourMs);
  shipped(b, t0 + 6 * kHourMs, t0 + 3 * kHourMs);
  shipped(c, t0 + 11 * kHourMs, std::nullopt);

  OrderKpis k = kpis(t0, t0 + 24 * kHourMs);
  EXPECT_EQ(k.orders_placed, 4);
  EXPECT_EQ(k.orders_shipped, 3);
  ASSERT_TRUE(k.ship_cycle_time.has_value());
  EXPECT_DOUBLE_EQ(k.ship_cycle_time->mean_ms, 16.0 / 3 * kHourMs);
  EXPECT_EQ(k.ship_cycle_time->p50_ms, 5 * kHourMs);  // nearest rank: 2nd of 3
  EXPECT_EQ(k.ship_cycle_time->p90_ms, 9 * kHourMs);  // 3rd of 3
  EXPECT_EQ(k.fulfillments_shipped_with_ship_by, 2);
  EXPECT_EQ(k.fulfillments_shipped_on_time, 1);
  EXPECT_DOUBLE_EQ(*k.on_time_ship_rate, 0.5);
  EXPECT_EQ(k.units_ordered, 12);
  EXPECT_EQ(k.orders_backordered, 1);
  EXPECT_EQ(k.units_backordered_at_capture, 2);
  EXPECT_DOUBLE_EQ(*k.backorder_rate, 0.25);
  EXPECT_DOUBLE_EQ(*k.fill_rate_at_capture, 1.0 - 2.0 / 12);
  EXPECT_FALSE(k.delivery_cycle_time.has_value());

  // A window holding only the last shipment: one order shipped, none placed.
  OrderKpis late = kpis(t0 + 10 * kHourMs, t0 + 12 * kHourMs);
  EXPECT_EQ(late.orders_placed, 0);
  EXPECT_EQ(late.orders_shipped, 1);
  EXPECT_FALSE(late.backorder_rate.has_value());
  EXPECT_FALSE(late.on_time_ship_rate.has_value());
}

}  // namespace
}  // namespace wareflow::oms
