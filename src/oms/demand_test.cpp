// Demand history against a hand-made past: orders and stock moves are
// written through the services, then moved back in time by rewriting their
// timestamps (the services stamp them with the transaction's clock).
#include "oms/demand.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "core/error.h"
#include "inventory/inventory.h"
#include "oms/orders.h"
#include "testing/small_shop.h"

namespace wareflow::oms {
namespace {

constexpr int64_t kDayMs = 86'400'000;

class DemandHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::set_up_small_shop(t_);
    t_.db->read([&](store::Tx& tx) { today_ms_ = tx.now_ms() / kDayMs * kDayMs; });
  }

  // Units arrive (or, negative, leave) `days_ago` days before today, at noon.
  void adjust(int64_t days_ago, int64_t quantity) {
    t_.set_clock(noon(days_ago));
    t_.db->write([&](store::Tx& tx) { testing::adjust_p1(t_, tx, quantity); });
    t_.set_clock(0);
  }
  void stock(int64_t days_ago, int64_t quantity) { adjust(days_ago, quantity); }
  void ship(int64_t days_ago, int64_t quantity) { adjust(days_ago, -quantity); }

  // An order for `quantity` placed `days_ago` days before today, at noon.
  void order(int64_t days_ago, int64_t quantity, const std::string& channel = "web") {
    t_.db->write([&](store::Tx& tx) {
      int64_t id =
          testing::place_p1_order(t_, tx, "O" + std::to_string(++orders_), quantity, channel);
      tx.exec("UPDATE orders SET created_at_ms = $2 WHERE id = $1", id, noon(days_ago));
    });
  }

  // Day -5: 10 units arrive, 3 leave; day -4 the other 7 leave; days -3 and
  // -2 have no stock; 5 arrive on day -1. (Stock first, orders after: the
  // orders' allocations would hold units the removals take.)
  void a_week_with_stock_outs() {
    stock(5, 10);
    ship(5, 3);
    ship(4, 7);
    stock(1, 5);
    order(5, 3);
    order(4, 7);
    order(1, 2);
  }

  DemandHistory history(DemandQuery q) {
    DemandHistory h;
    t_.db->read([&](store::Tx& tx) { h = demand_history(tx, q); });
    return h;
  }

  int64_t noon(int64_t days_ago) const { return today_ms_ - days_ago * kDayMs + kDayMs / 2; }

  testing::TempDb t_;
  int64_t today_ms_ = 0;
  int orders_ = 0;
};

TEST_F(DemandHistoryTest, DaysUnitsAndStockOutsFromTheLedger) {
  a_week_with_stock_outs();
  DemandQuery q;
  q.sku = "P1";
  q.days = 7;
  DemandHistory h = history(q);
  // The series starts on day -5, the first with stock or demand.
  EXPECT_EQ(h.first_day_ms, today_ms_ - 5 * kDayMs);
  EXPECT_EQ(h.units, (std::vector<int64_t>{3, 7, 0, 0, 2}));
  // Day -5 starts with 0 (stock came at noon), day -4 ends with 0, days -3
  // and -2 have none, day -1 starts with none.
  EXPECT_EQ(h.stock_out, (std::vector<bool>{true, true, true, true, true}));

  // Another 4 units on day -3 leave day -2 stocked (and day -3's end).
  stock(3, 4);
  h = history(q);
  EXPECT_EQ(h.stock_out, (std::vector<bool>{true, true, true, false, false}));
}

TEST_F(DemandHistoryTest, AllProductsAtOnceEqualOneByOne) {
  a_week_with_stock_outs();
  order(0, 1);  // today: in neither
  t_.db->write([&](store::Tx& tx) {
    catalog::ProductInput p;
    p.sku = "P2";
    p.name = "P2";
    p.weight_g = 100;
    p.length_mm = p.width_mm = p.height_mm = 50;
    catalog::upsert_product(tx, p,
                            inventory::shelf_stock());  // no demand, no stock: only when asked for
  });
  for (int64_t days : {1, 3, 7, 30}) {
    DemandQuery q;
    q.sku = "P1";
    q.warehouse = "W1";
    q.days = days;
    DemandHistory one = history(q);
    std::map<int64_t, DemandHistory> all;
    int64_t p1 = 0, p2 = 0;
    t_.db->read([&](store::Tx& tx) {
      p1 = catalog::require_product(tx, "P1").id;
      p2 = catalog::require_product(tx, "P2").id;
      all = demand_histories(tx, "W1", days, {p2});
    });
    ASSERT_EQ(all.size(), 2u) << days;
    const DemandHistory& bulk = all.at(p1);
    EXPECT_EQ(bulk.sku, "P1");
    EXPECT_EQ(bulk.first_day_ms, one.first_day_ms) << days;
    EXPECT_EQ(bulk.units, one.units) << days;
    EXPECT_EQ(bulk.stock_out, one.stock_out) << days;
    EXPECT_EQ(all.at(p2).sku, "P2");
    EXPECT_TRUE(all.at(p2).units.empty());
  }
}

TEST_F(DemandHistoryTest, TodayIsNotPartOfTheHistory) {
  stock(2, 10);
  order(0, 4);  // today
  order(1, 1);
  DemandQuery q;
  q.sku = "P1";
  q.days = 3;
  DemandHistory h = history(q);
  EXPECT_EQ(h.units, (std::vector<int64_t>{0, 1}));
}

TEST_F(DemandHistoryTest, ChannelAndWarehouseFilters) {
  stock(3, 20);
  order(2, 3, "web");
  order(2, 5, "shop");
  DemandQuery q;
  q.sku = "P1";
  q.days = 3;
  q.channel = "shop";
  EXPECT_EQ(history(q).units, (std::vector<int64_t>{0, 5, 0}));
  q.channel.reset();
  q.warehouse = "W1";
  EXPECT_EQ(history(q).units, (std::vector<int64_t>{0, 8, 0}));
}

TEST_F(DemandHistoryTest, UnknownNamesAreRefused) {
  DemandQuery q;
  q.sku = "NOPE";
  try {
    history(q);
    FAIL() << "no refusal";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "unknown_sku");
  }
  q.sku = "P1";
  q.channel = "nope";
  try {
    history(q);
    FAIL() << "no refusal";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "unknown_channel");
  }
}

TEST_F(DemandHistoryTest, ForecastFillsStockOutDays) {
  // Four weeks selling 6 a day with stock, except a week with no stock and
  // nothing sold: the forecast sees 6 a day, not a dip.
  stock(28, 1000);
  ship(15, 1000);  // the shelf empties on day -15 ...
  stock(7, 1000);  // ... and is refilled on day -7
  for (int64_t d = 28; d >= 1; --d) {
    if (d >= 8 && d <= 14) continue;
    order(d, 6);
  }
  DemandQuery q;
  q.sku = "P1";
  q.days = 28;
  planning::ForecastOptions options;
  options.horizon = 7;
  options.model = "ses";
  DemandForecast f;
  t_.db->read([&](store::Tx& tx) { f = forecast_demand(tx, q, options); });
  EXPECT_GE(f.stock_out_days, 7);
  ASSERT_EQ(f.forecast.values.size(), 7u);
  for (double v : f.forecast.values) EXPECT_NEAR(v, 6.0, 0.5);
}

}  // namespace
}  // namespace wareflow::oms
