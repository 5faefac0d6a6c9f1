// Order KPIs against orders whose times are set by hand (the services stamp
// rows with the transaction's clock; here they are rewritten afterwards).
#include "reporting/kpi.h"

#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "oms/orders.h"
#include "testing/small_shop.h"

namespace wareflow::reporting {
namespace {

constexpr int64_t kHourMs = 3'600'000;

class OrderKpisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::set_up_small_shop(t_);
    t_.db->write([&](store::Tx& tx) { testing::adjust_p1(t_, tx, 10); });
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

TEST_F(OrderKpisTest, SalesByDayCompareWithTheSameWeekdayBefore) {
  constexpr int64_t kDayMs = 24 * kHourMs;
  const int64_t day0 = 1'700'006'400'000;      // a midnight UTC (a Wednesday)
  order(2, day0 + 10 * kHourMs);               // day 0
  order(3, day0 + 7 * kDayMs + 9 * kHourMs);   // day 7: the same weekday, one week on
  order(1, day0 + 9 * kDayMs + 9 * kHourMs);   // day 9
  order(4, day0 + 16 * kDayMs + 9 * kHourMs);  // day 16: a week after day 9
  SalesReport r;
  // Fourteen days from day 3: days 7 and 9 compare with days 0 and 2 (before
  // the window), day 16 is outside; within the window day 10 compares with 3.
  t_.db->read([&](store::Tx& tx) {
    r = sales(tx, day0 + 3 * kDayMs, day0 + 17 * kDayMs, "day", std::nullopt, 100);
  });
  ASSERT_EQ(r.rows.size(), 14u);
  auto row = [&](int day) { return r.rows[static_cast<size_t>(day - 3)]; };
  EXPECT_EQ(row(7).units, 3);
  EXPECT_EQ(row(7).prior_units, 2);
  EXPECT_DOUBLE_EQ(*row(7).change, 0.5);
  EXPECT_EQ(row(9).units, 1);
  EXPECT_EQ(row(9).prior_units, 0);
  EXPECT_FALSE(row(9).change);
  EXPECT_EQ(row(16).units, 4);
  EXPECT_EQ(row(16).prior_units, 1);  // day 9, inside the window
  EXPECT_DOUBLE_EQ(*row(16).change, 3.0);
  // The total compares with the window two weeks earlier (days -11 to 2): day 0.
  EXPECT_EQ(r.units, 8);
  EXPECT_EQ(r.prior_units, 2);
  EXPECT_DOUBLE_EQ(*r.change, 3.0);

  // By channel over one week (days 7 to 13) against days 0 to 6.
  t_.db->read([&](store::Tx& tx) {
    r = sales(tx, day0 + 7 * kDayMs, day0 + 14 * kDayMs, "channel", std::nullopt, 100);
  });
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].key, "web");
  EXPECT_EQ(r.rows[0].units, 4);
  EXPECT_EQ(r.rows[0].orders, 2);
  EXPECT_EQ(r.rows[0].prior_units, 2);
  EXPECT_DOUBLE_EQ(*r.rows[0].change, 1.0);
}

}  // namespace
}  // namespace wareflow::reporting
