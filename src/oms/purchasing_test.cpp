// Purchase planning against a hand-made past: 60 days of 5 units a day of P1
// at W1, a supplier selling it in packs of 12 with a minimum of 24 and a
// week's lead time. The stock position is set so that the arithmetic of the
// suggestion can be followed by hand.
#include "oms/purchasing.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "inventory/inventory.h"
#include "testing/small_shop.h"
#include "wms/inbound.h"

namespace wareflow::oms {
namespace {

constexpr int64_t kDayMs = 86'400'000;

class PurchasingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::set_up_small_shop(t_);
    t_.db->read([&](store::Tx& tx) { today_ms_ = tx.now_ms() / kDayMs * kDayMs; });
    t_.set_clock(noon(61));
    t_.db->write([&](store::Tx& tx) { testing::adjust_p1(t_, tx, 320); });
    t_.set_clock(0);
    t_.db->write([&](store::Tx& tx) {
      wms::upsert_supplier(tx, {"S1", "Supplier one", 0});
      wms::upsert_supplier(tx, {"S2", "Supplier two", 0});
      for (int64_t day = 60; day >= 1; --day) {
        int64_t id = testing::place_p1_order(t_, tx, "O" + std::to_string(day), 5);
        tx.exec("UPDATE orders SET created_at_ms = $2 WHERE id = $1", id, noon(day));
        tx.exec("UPDATE fulfillments SET created_at_ms = $2 WHERE order_id = $1", id, noon(day));
      }
    });
  }

  int64_t noon(int64_t days_ago) const { return today_ms_ - days_ago * kDayMs + kDayMs / 2; }

  SupplierProduct terms(const std::string& supplier, int64_t priority = 1) {
    SupplierProduct t;
    t.supplier = supplier;
    t.sku = "P1";
    t.lead_time_days = 7;
    t.pack_size = 12;
    t.min_order_qty = 24;
    t.unit_cost_minor = 150;
    t.priority = priority;
    return t;
  }

  template <class Fn>
  void write(Fn fn) {
    t_.db->write([&](store::Tx& tx) { fn(tx); });
  }
  ReorderSuggestions suggestions(ReorderQuery q) {
    ReorderSuggestions s;
    t_.db->read([&](store::Tx& tx) { s = reorder_suggestions(tx, q); });
    return s;
  }

  testing::TempDb t_;
  int64_t today_ms_ = 0;
};

TEST_F(PurchasingTest, TermsAreValidatedAndReplaced) {
  write([&](store::Tx& tx) {
    EXPECT_TRUE(put_supplier_product(tx, terms("S1")).created);
    SupplierProduct changed = terms("S1");
    changed.pack_size = 6;
    EXPECT_FALSE(put_supplier_product(tx, changed).created);
    auto list = list_supplier_products(tx, "S1", "", 10);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].pack_size, 6);
    EXPECT_EQ(list[0].unit_cost_minor, 150);

    SupplierProduct bad = terms("S1");
    bad.max_order_qty = 20;  // below the minimum of 24 rounded up to packs of 12
    try {
      put_supplier_product(tx, bad);
      ADD_FAILURE() << "max below the minimum was accepted";
    } catch (const DomainError& e) {
      EXPECT_EQ(e.code(), "invalid_field");
      EXPECT_EQ(e.field(), "max_order_qty");
    }
    try {
      put_supplier_product(tx, terms("NOPE"));
      ADD_FAILURE();
    } catch (const DomainError& e) {
      EXPECT_EQ(e.http_status(), 404);
      EXPECT_EQ(e.code(), "unknown_supplier");
    }
    SupplierProduct unknown = terms("S1");
    unknown.sku = "NOPE";
    try {
      put_supplier_product(tx, unknown);
      ADD_FAILURE();
    } catch (const DomainError& e) {
      EXPECT_EQ(e.code(), "unknown_sku");
    }
    delete_supplier_product(tx, "S1", "P1");
    EXPECT_TRUE(list_supplier_products(tx, "S1", "", 10).empty());
    EXPECT_THROW(delete_supplier_product(tx, "S1", "P1"), DomainError);
  });
}

TEST_F(PurchasingTest, SuggestsWhatTheForecastAndPositionCallFor) {
  write([&](store::Tx& tx) { put_supplier_product(tx, terms("S1")); });
  ReorderQuery q;
  q.warehouse = "W1";
  ReorderSuggestions s = suggestions(q);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].supplier, "S1");
  EXPECT_FALSE(s.items[0].forecast_kept);
  EXPECT_EQ(s.items[0].abc_class, 'A');  // the only product with demand
  ASSERT_EQ(s.suppliers.size(), 1u);
  ASSERT_EQ(s.suppliers[0].lines.size(), 1u);
  const auto& line = s.suppliers[0].lines[0];
  // 320 on hand, 300 allocated to the 60 open orders: position 20, against a
  // week's demand of 35 (5 a day, no noise: no safety stock to speak of).
  EXPECT_EQ(line.plan.inventory_position, 20);
  EXPECT_NEAR(line.plan.demand_mean, 35, 0.5);
  EXPECT_LT(line.plan.inventory_position, line.plan.reorder_point);
  EXPECT_GT(line.quantity, 0);
  EXPECT_EQ(line.quantity % 12, 0);
  EXPECT_GE(line.quantity, 24);
  EXPECT_GE(line.plan.inventory_position + line.quantity, line.plan.order_up_to);
  EXPECT_LT(line.plan.inventory_position + line.quantity, line.plan.order_up_to + 12);
  EXPECT_EQ(line.unit_cost_minor, 150);
  EXPECT_EQ(line.value_minor, line.quantity * 150);
}

TEST_F(PurchasingTest, FirstChoiceSupplierUnlessOneIsNamed) {
  write([&](store::Tx& tx) {
    put_supplier_product(tx, terms("S1", 2));
    SupplierProduct s2 = terms("S2", 1);
    s2.pack_size = 10;
    s2.min_order_qty = 0;
    put_supplier_product(tx, s2);
  });
  ReorderQuery q;
  q.warehouse = "W1";
  ReorderSuggestions s = suggestions(q);
  ASSERT_EQ(s.suppliers.size(), 1u);
  EXPECT_EQ(s.suppliers[0].supplier, "S2");
  EXPECT_EQ(s.suppliers[0].lines[0].quantity % 10, 0);
  q.supplier = "S1";
  s = suggestions(q);
  ASSERT_EQ(s.suppliers.size(), 1u);
  EXPECT_EQ(s.suppliers[0].supplier, "S1");
  q.supplier = "NOPE";
  try {
    suggestions(q);
    ADD_FAILURE();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "unknown_supplier");
    EXPECT_EQ(e.field(), "supplier");
  }
}

TEST_F(PurchasingTest, ASuggestionBecomesAPurchaseOrderOnce) {
  write([&](store::Tx& tx) { put_supplier_product(tx, terms("S1")); });
  PurchaseFromSuggestion request;
  request.query.warehouse = "W1";
  request.query.supplier = "S1";
  PurchaseFromSuggestionResult result;
  write([&](store::Tx& tx) { result = purchase_from_suggestion(tx, request); });
  ASSERT_EQ(result.order.lines.size(), 1u);
  EXPECT_EQ(result.order.supplier, "S1");
  EXPECT_EQ(result.order.warehouse, "W1");
  EXPECT_EQ(result.order.status, "open");
  EXPECT_EQ(result.order.lines[0].sku, "P1");
  EXPECT_EQ(result.order.lines[0].expected, result.suggestion.lines[0].quantity);
  EXPECT_EQ(result.order.lines[0].unit_cost_minor, 150);
  EXPECT_EQ(result.order.expected_at_ms, today_ms_ + 7 * kDayMs);
  EXPECT_EQ(result.order.number.rfind("PO-", 0), 0u);

  // What is on order now covers the need: nothing more is due, nothing is written.
  ReorderQuery q;
  q.warehouse = "W1";
  EXPECT_TRUE(suggestions(q).suppliers.empty());
  try {
    write([&](store::Tx& tx) { purchase_from_suggestion(tx, request); });
    ADD_FAILURE();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "nothing_to_order");
  }
  t_.db->read([&](store::Tx& tx) {
    EXPECT_EQ(wms::list_purchase_orders(tx, std::nullopt, "", 10).size(), 1u);
  });
}

TEST_F(PurchasingTest, RefreshKeepsForecastsThatSuggestionsThenUse) {
  write([&](store::Tx& tx) { put_supplier_product(tx, terms("S1")); });
  ForecastRefreshOptions options;
  options.warehouse = "W1";
  options.threads = 2;
  ForecastRefreshReport report = refresh_forecasts(*t_.db, options);
  EXPECT_EQ(report.products, 1);
  EXPECT_EQ(report.forecasted, 1);
  EXPECT_EQ(report.threads, 1u);  // never more threads than series
  t_.db->read([&](store::Tx& tx) {
    auto q = tx.query("SELECT model, values_json, first_day_ms FROM demand_forecasts");
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.i64(2), today_ms_);
    EXPECT_EQ(q.text(1).substr(0, 3), "[5,");
  });
  ReorderQuery q;
  q.warehouse = "W1";
  ReorderSuggestions s = suggestions(q);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_TRUE(s.items[0].forecast_kept);

  options.warehouse = "NOPE";
  EXPECT_THROW(refresh_forecasts(*t_.db, options), DomainError);
  options.warehouse = "W1";
  options.history_days = 7;
  EXPECT_THROW(refresh_forecasts(*t_.db, options), DomainError);
}

}  // namespace
}  // namespace wareflow::oms
