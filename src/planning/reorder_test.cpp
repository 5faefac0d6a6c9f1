#include "planning/reorder.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace wareflow::planning {
namespace {

constexpr double kZ95 = 1.6448536269514722;

// Daily demand 20 with error sigma 5 over a 14-day forecast, lead time 4 days,
// 95% cycle service level, continuous review.
ReorderItem textbook_item() {
  ReorderItem item;
  item.sku = "SKU-1";
  item.warehouse = "WH1";
  item.supplier = "SUP1";
  item.daily_demand.assign(14, 20.0);
  item.daily_sigma = {5.0};
  item.lead_time_days = 4;
  item.service = {kCycleServiceLevel, 0.95};
  return item;
}

std::string error_code(const ReorderItem& item, std::string* field = nullptr) {
  try {
    plan_reorder(item);
  } catch (const inputs::InputError& e) {
    if (field) *field = e.field();
    return e.code();
  }
  return "no error";
}

// --- Textbook examples, worked by hand ---------------------------------------

TEST(ReorderPlan, ContinuousReviewWithFixedLeadTime) {
  // mu_L = 4 * 20 = 80, sigma_L = sqrt(4) * 5 = 10, SS = 1.645 * 10 = 16.45,
  // s = 96.45 -> 97.
  auto item = textbook_item();
  item.cover_days = 10;  // lot = 200
  item.on_hand = 90;
  const auto plan = plan_reorder(item);
  EXPECT_DOUBLE_EQ(plan.protection_days, 4);
  EXPECT_NEAR(plan.demand_mean, 80, 1e-12);
  EXPECT_NEAR(plan.demand_sigma, 10, 1e-12);
  EXPECT_NEAR(plan.safety_factor, kZ95, 1e-12);
  EXPECT_NEAR(plan.safety_stock, 16.448536, 1e-6);
  EXPECT_EQ(plan.reorder_point, 97);
  EXPECT_EQ(plan.lot_size, 200);
  EXPECT_EQ(plan.order_up_to, 297);
  EXPECT_FALSE(plan.eoq.has_value());
  EXPECT_EQ(plan.inventory_position, 90);
  EXPECT_EQ(plan.reason, "below_reorder_point");
  EXPECT_EQ(plan.raw_quantity, 207);
  EXPECT_EQ(plan.suggested_quantity, 207);
  // 90 on hand at 20 a day: 4.5 days, out of stock on day 4.
  EXPECT_EQ(plan.stockout_day, 4);
  EXPECT_NEAR(*plan.days_of_cover, 4.5, 1e-12);
}

TEST(ReorderPlan, LeadTimeVariabilityWidensTheProtection) {
  // sigma_P = sqrt(4 * 25 + 20^2 * 1^2) = sqrt(500) = 22.36; SS = 36.78;
  // s = 116.78 -> 117.
  auto item = textbook_item();
  item.lead_time_sigma_days = 1;
  item.on_hand = 117;
  const auto plan = plan_reorder(item);
  EXPECT_NEAR(plan.demand_sigma, std::sqrt(500.0), 1e-12);
  EXPECT_NEAR(plan.safety_stock, 36.780045, 1e-6);
  EXPECT_EQ(plan.reorder_point, 117);
  EXPECT_EQ(plan.reason, "below_reorder_point");  // IP = s still orders
  item.on_hand = 118;
  const auto above = plan_reorder(item);
  EXPECT_EQ(above.reason, "above_reorder_point");
  EXPECT_EQ(above.suggested_quantity, 0);
}

TEST(ReorderPlan, PeriodicReviewOrderUpTo) {
  // P = 4 + 7 = 11: mu = 220, sigma = 5 sqrt(11) = 16.58, SS = 27.28,
  // S = 247.28 -> 248. IP = 100 + 20 - 10 - 10 = 100; order 148, packs of 12
  // -> 13 packs = 156.
  auto item = textbook_item();
  item.policy = "R_S";
  item.review_period_days = 7;
  item.on_hand = 100;
  item.on_order = 20;
  item.allocated = 10;
  item.backordered = 10;
  item.terms.pack_size = 12;
  const auto plan = plan_reorder(item);
  EXPECT_DOUBLE_EQ(plan.protection_days, 11);
  EXPECT_NEAR(plan.demand_mean, 220, 1e-12);
  EXPECT_NEAR(plan.demand_sigma, 5 * std::sqrt(11.0), 1e-12);
  EXPECT_NEAR(plan.safety_stock, 27.276812, 1e-6);
  EXPECT_EQ(plan.order_up_to, 248);
  EXPECT_EQ(plan.reorder_point, 248);
  EXPECT_EQ(plan.lot_size, 0);
  EXPECT_EQ(plan.inventory_position, 100);
  EXPECT_EQ(plan.reason, "review_period");
  EXPECT_EQ(plan.raw_quantity, 148);
  EXPECT_EQ(plan.suggested_quantity, 156);
  item.on_hand = 238;  // IP = 238 + 30 - 10 - 10 = 248 = S
  item.on_order = 30;
  EXPECT_EQ(plan_reorder(item).reason, "above_order_up_to");
  EXPECT_EQ(plan_reorder(item).suggested_quantity, 0);
}

TEST(ReorderPlan, FillRateFromTheLossFunction) {
  // s_Q, Q = 10 days of demand = 200, sigma_L = 10, beta = 0.99:
  // G(k) = 0.01 * 200 / 10 = 0.2 -> k = 0.4929, SS = 4.929, s = 84.93 -> 85.
  auto item = textbook_item();
  item.policy = "s_Q";
  item.cover_days = 10;
  item.service = {kFillRate, 0.99};
  item.on_hand = 50;
  auto plan = plan_reorder(item);
  EXPECT_EQ(plan.lot_size, 200);
  EXPECT_NEAR(plan.safety_factor, 0.4928873272068184, 1e-9);
  EXPECT_NEAR(standard_normal_loss(plan.safety_factor), 0.2, 1e-12);
  EXPECT_EQ(plan.reorder_point, 85);
  EXPECT_EQ(plan.order_up_to, 285);
  EXPECT_EQ(plan.suggested_quantity, 200);  // one lot lifts IP 50 above 85
  // A backlog of 500: IP = -500 needs 3 lots to get above 85.
  item.on_hand = 0;
  item.backordered = 500;
  plan = plan_reorder(item);
  EXPECT_EQ(plan.inventory_position, -500);
  EXPECT_EQ(plan.suggested_quantity, 600);
  EXPECT_EQ(plan.stockout_day, 0);
  EXPECT_EQ(plan.days_of_cover, 0);
}

TEST(ReorderPlan, FillRateTheLotAloneDeliversNeedsNoSafetyStock) {
  // G(k) = 0.02 * 2000 / 10 = 4 > G(0): k would be negative, planned as 0.
  auto item = textbook_item();
  item.policy = "s_Q";
  item.cover_days = 100;
  item.service = {kFillRate, 0.98};
  const auto plan = plan_reorder(item);
  EXPECT_EQ(plan.safety_factor, 0);
  EXPECT_EQ(plan.safety_stock, 0);
  EXPECT_EQ(plan.reorder_point, 80);
}

TEST(ReorderPlan, FillRateForPeriodicReviewUsesOneReviewPeriodOfDemand) {
  // R = 7: replenishment 140, sigma_P = 5 sqrt(11); G(k) = 0.01 * 140 / 16.58.
  auto item = textbook_item();
  item.policy = "R_S";
  item.review_period_days = 7;
  item.service = {kFillRate, 0.99};
  const auto plan = plan_reorder(item);
  const double g = 0.01 * 140 / (5 * std::sqrt(11.0));
  EXPECT_NEAR(standard_normal_loss(plan.safety_factor), g, 1e-12);
}

TEST(ReorderPlan, EconomicOrderQuantity) {
  // D = 365 * 10 = 3650 a year, A = 50.00, v = 20.00, r = 25%:
  // EOQ = sqrt(2 * 3650 * 5000 / (2000 * 0.25)) = sqrt(73000) = 270.19;
  // 271 in packs of 10 -> 280.
  auto item = textbook_item();
  item.daily_demand.assign(30, 10.0);
  item.ordering_cost_minor = 5000;
  item.unit_cost_minor = 2000;
  item.holding_rate_per_year = 0.25;
  item.terms.pack_size = 10;
  const auto plan = plan_reorder(item);
  ASSERT_TRUE(plan.eoq.has_value());
  EXPECT_NEAR(*plan.eoq, std::sqrt(73000.0), 1e-9);
  EXPECT_EQ(plan.lot_size, 280);
  EXPECT_EQ(plan.order_up_to, plan.reorder_point + 280);
}

TEST(ReorderPlan, FractionalLeadTimeAndDaysBeyondTheForecast) {
  auto item = textbook_item();
  item.daily_demand = {10, 20, 30, 40};
  item.daily_sigma = {3, 4, 0, 0};
  item.lead_time_days = 2.5;  // 10 + 20 + 30 / 2
  auto plan = plan_reorder(item);
  EXPECT_NEAR(plan.demand_mean, 45, 1e-12);
  EXPECT_NEAR(plan.demand_sigma, 5, 1e-12);  // sqrt(9 + 16 + 0 / 2)
  item.daily_demand = {10, 20};
  item.daily_sigma = {3, 4};
  item.lead_time_days = 4;  // days 2 and 3 take the forecast mean 15
  plan = plan_reorder(item);
  EXPECT_NEAR(plan.demand_mean, 60, 1e-12);
  // Variances 9, 16, then their mean 12.5 twice.
  EXPECT_NEAR(plan.demand_sigma, std::sqrt(50.0), 1e-12);
}

TEST(ReorderPlan, CoverCountsAvailableStockOnly) {
  auto item = textbook_item();
  item.on_hand = 50;
  item.allocated = 10;
  item.on_order = 1000;  // no receipt date: ignored for cover
  const auto plan = plan_reorder(item);
  // 40 available: 20 on day 0, 20 on day 1 (exactly 0 left), short on day 2.
  EXPECT_EQ(plan.stockout_day, 2);
  EXPECT_NEAR(*plan.days_of_cover, 2.0, 1e-12);
  EXPECT_EQ(plan.suggested_quantity, 0);  // IP = 1040 is far above s
}

TEST(ReorderPlan, NoDemandOrdersNothingUnlessThereIsABacklog) {
  auto item = textbook_item();
  item.daily_demand.assign(7, 0.0);
  item.daily_sigma = {0};
  item.on_hand = 3;
  auto plan = plan_reorder(item);
  EXPECT_EQ(plan.reason, "no_demand");
  EXPECT_EQ(plan.suggested_quantity, 0);
  EXPECT_FALSE(plan.stockout_day.has_value());
  EXPECT_FALSE(plan.days_of_cover.has_value());
  item.on_hand = 0;
  item.backordered = 5;
  item.terms.pack_size = 4;
  plan = plan_reorder(item);
  EXPECT_EQ(plan.reason, "below_reorder_point");
  EXPECT_EQ(plan.lot_size, 4);  // at least one pack
  EXPECT_EQ(plan.raw_quantity, 9);
  EXPECT_EQ(plan.suggested_quantity, 12);
}

TEST(ReorderPlan, ExtremeInputsStayFiniteAndNonNegative) {
  for (const char* policy : {"s_S", "s_Q", "R_S"}) {
    for (const char* measure : {kCycleServiceLevel, kFillRate}) {
      ReorderItem item = textbook_item();
      item.policy = policy;
      item.daily_demand.assign(3, kMaxDailyDemand);
      item.daily_sigma = {kMaxDailyDemand};
      item.lead_time_days = kMaxPlanningDays;
      item.lead_time_sigma_days = kMaxPlanningDays;
      item.review_period_days = kMaxPlanningDays;
      item.service = {measure, 0.99998};
      item.on_order = kMaxStockQuantity;
      item.backordered = kMaxStockQuantity;
      item.allocated = kMaxStockQuantity;
      item.terms = {kMaxStockQuantity, kMaxStockQuantity, std::nullopt};
      item.unit_cost_minor = 1;
      item.ordering_cost_minor = kMaxStockQuantity;
      item.holding_rate_per_year = 1e-300;  // EOQ overflows a double: capped
      item.cover_days = kMaxPlanningDays;
      const auto plan = plan_reorder(item);
      ASSERT_TRUE(plan.eoq.has_value());
      EXPECT_EQ(*plan.eoq, static_cast<double>(kMaxPlannedQuantity));
      EXPECT_TRUE(std::isfinite(plan.demand_sigma));
      EXPECT_GE(plan.suggested_quantity, kMaxStockQuantity);
      EXPECT_EQ(plan.suggested_quantity % kMaxStockQuantity, 0);
      EXPECT_EQ(plan.stockout_day, 0);
      // Worth more than int64 minor units at a unit cost of 1e12: refused.
      item.unit_cost_minor = kMaxStockQuantity;
      try {
        suggest_purchases({item});
        ADD_FAILURE();
      } catch (const inputs::InputError& e) {
        EXPECT_EQ(e.field(), "items[0].unit_cost_minor");
      }
    }
  }
}

// --- Rounding ----------------------------------------------------------------

TEST(ReorderRounding, PackSizeMinimumAndMaximum) {
  SupplierTerms t;
  t.pack_size = 12;
  t.min_order_qty = 50;  // 5 packs = 60
  EXPECT_EQ(round_to_supplier_terms(0, t).quantity, 0);
  EXPECT_EQ(round_to_supplier_terms(-5, t).quantity, 0);
  EXPECT_EQ(round_to_supplier_terms(1, t).quantity, 60);
  EXPECT_EQ(round_to_supplier_terms(60, t).quantity, 60);
  EXPECT_EQ(round_to_supplier_terms(61, t).quantity, 72);
  t.max_order_qty = 100;
  const auto capped = round_to_supplier_terms(150, t);
  EXPECT_EQ(capped.quantity, 96);
  EXPECT_TRUE(capped.capped_at_maximum);
  EXPECT_FALSE(round_to_supplier_terms(61, t).capped_at_maximum);
  t.max_order_qty = 59;  // below the minimum order rounded to packs
  EXPECT_THROW(round_to_supplier_terms(1, t), inputs::InputError);
  t.max_order_qty.reset();
  t.pack_size = 0;
  try {
    round_to_supplier_terms(1, t);
    ADD_FAILURE();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), "invalid_pack_size");
    EXPECT_EQ(e.field(), "terms.pack_size");
  }
}

TEST(ReorderRounding, MaximumCapsThePlannedOrder) {
  auto item = textbook_item();
  item.policy = "R_S";
  item.review_period_days = 7;
  item.terms = {10, 0, 100};
  const auto plan = plan_reorder(item);
  EXPECT_EQ(plan.raw_quantity, 248);
  EXPECT_EQ(plan.suggested_quantity, 100);
  EXPECT_TRUE(plan.capped_at_maximum);
}

// --- ABC targets -------------------------------------------------------------

TEST(ReorderAbc, DefaultsAndOverrides) {
  EXPECT_EQ(service_target_for_class("A").level, 0.98);
  EXPECT_EQ(service_target_for_class("b").level, 0.95);
  EXPECT_EQ(service_target_for_class("C").level, 0.90);
  EXPECT_EQ(service_target_for_class("A").measure, kCycleServiceLevel);
  AbcServiceTargets targets;
  targets.a = {kFillRate, 0.995};
  EXPECT_EQ(service_target_for_class("A", targets).measure, kFillRate);
  EXPECT_EQ(service_target_for_class("A", targets).level, 0.995);
  try {
    service_target_for_class("D");
    ADD_FAILURE();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), "invalid_parameter");
    EXPECT_EQ(e.field(), "abc_class");
  }
}

// --- Refused input -----------------------------------------------------------

TEST(ReorderErrors, CodesAndFields) {
  struct Case {
    void (*mutate)(ReorderItem&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {[](ReorderItem& i) { i.daily_demand.clear(); }, "invalid_forecast", "daily_demand"},
      {[](ReorderItem& i) { i.daily_demand[3] = -1; }, "invalid_forecast", "daily_demand[3]"},
      {[](ReorderItem& i) { i.daily_demand[2] = std::numeric_limits<double>::quiet_NaN(); },
       "invalid_forecast", "daily_demand[2]"},
      {[](ReorderItem& i) {
         i.daily_sigma = {1, 2};
       },
       "invalid_forecast", "daily_sigma"},
      {[](ReorderItem& i) { i.daily_sigma = {-1}; }, "invalid_forecast", "daily_sigma[0]"},
      {[](ReorderItem& i) { i.lead_time_days = -1; }, "invalid_lead_time", "lead_time_days"},
      {[](ReorderItem& i) { i.lead_time_sigma_days = std::numeric_limits<double>::infinity(); },
       "invalid_lead_time", "lead_time_sigma_days"},
      {[](ReorderItem& i) { i.service.level = 1; }, "invalid_service_level", "service.level"},
      {[](ReorderItem& i) { i.service.level = 0; }, "invalid_service_level", "service.level"},
      {[](ReorderItem& i) { i.service.level = 0.99999; }, "invalid_service_level", "service.level"},
      {[](ReorderItem& i) { i.service.measure = "ready_rate"; }, "invalid_parameter",
       "service.measure"},
      {[](ReorderItem& i) { i.policy = "s_s"; }, "invalid_policy", "policy"},
      {[](ReorderItem& i) { i.policy = "R_S"; }, "invalid_policy", "review_period_days"},
      {[](ReorderItem& i) { i.review_period_days = -1; }, "invalid_parameter",
       "review_period_days"},
      {[](ReorderItem& i) { i.terms.pack_size = 0; }, "invalid_pack_size", "terms.pack_size"},
      {[](ReorderItem& i) { i.terms.min_order_qty = -1; }, "invalid_parameter",
       "terms.min_order_qty"},
      {[](ReorderItem& i) { i.on_hand = -1; }, "invalid_parameter", "on_hand"},
      {[](ReorderItem& i) { i.backordered = -1; }, "invalid_parameter", "backordered"},
      {[](ReorderItem& i) { i.holding_rate_per_year = -0.1; }, "invalid_parameter",
       "holding_rate_per_year"},
      {[](ReorderItem& i) { i.cover_days = 0; }, "invalid_parameter", "cover_days"},
  };
  for (const auto& c : cases) {
    auto item = textbook_item();
    c.mutate(item);
    std::string field;
    EXPECT_EQ(error_code(item, &field), c.code) << c.field;
    EXPECT_EQ(field, c.field);
  }
  // An invalid_argument for callers that catch the standard type.
  auto item = textbook_item();
  item.policy = "?";
  EXPECT_THROW(plan_reorder(item), std::invalid_argument);
}

// --- Purchase suggestions ----------------------------------------------------

TEST(ReorderSuggestions, GroupedBySupplierMostUrgentFirst) {
  std::vector<ReorderItem> items;
  auto a = textbook_item();  // SUP1, out of stock on day 2
  a.sku = "A";
  a.on_hand = 50;
  a.unit_cost_minor = 150;
  items.push_back(a);
  auto b = textbook_item();  // SUP1, nothing to order
  b.sku = "B";
  b.on_hand = 1000;
  items.push_back(b);
  auto c = textbook_item();  // SUP2, out of stock on day 0
  c.sku = "C";
  c.supplier = "SUP2";
  c.on_hand = 10;
  c.unit_cost_minor = 100;
  items.push_back(c);
  auto d = textbook_item();  // SUP1, out of stock on day 1
  d.sku = "D";
  d.on_hand = 30;
  d.unit_cost_minor = 200;
  items.push_back(d);

  const auto out = suggest_purchases(items);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].supplier, "SUP2");
  ASSERT_EQ(out[0].lines.size(), 1u);
  EXPECT_EQ(out[0].lines[0].sku, "C");
  EXPECT_EQ(out[1].supplier, "SUP1");
  ASSERT_EQ(out[1].lines.size(), 2u);
  EXPECT_EQ(out[1].lines[0].sku, "D");
  EXPECT_EQ(out[1].lines[1].sku, "A");
  // s = 97, lot = 600 (30 days of 20): S = 697; orders 697 - IP.
  EXPECT_EQ(out[1].lines[0].quantity, 667);
  EXPECT_EQ(out[1].lines[1].quantity, 647);
  EXPECT_EQ(out[1].lines[0].value_minor, 667 * 200);
  EXPECT_EQ(out[1].total_units, 667 + 647);
  EXPECT_EQ(out[1].total_value_minor, 667 * 200 + 647 * 150);
  EXPECT_EQ(out[0].total_value_minor, 687 * 100);
  EXPECT_EQ(out[1].lines[0].plan, plan_reorder(d));
}

TEST(ReorderSuggestions, ErrorsNameTheItem) {
  std::vector<ReorderItem> items(2, textbook_item());
  items[1].terms.pack_size = -3;
  try {
    suggest_purchases(items);
    ADD_FAILURE();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.code(), "invalid_pack_size");
    EXPECT_EQ(e.field(), "items[1].terms.pack_size");
    EXPECT_NE(std::string(e.what()).find("SKU-1"), std::string::npos);
  }
  items[1] = textbook_item();
  items[1].supplier.clear();
  try {
    suggest_purchases(items);
    ADD_FAILURE();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.field(), "items[1].supplier");
  }
  EXPECT_TRUE(suggest_purchases({}).empty());
}

// --- Properties --------------------------------------------------------------

rc::Gen<ReorderItem> any_item() {
  return rc::gen::exec([] {
    ReorderItem item;
    item.sku = "P";
    item.supplier = "S";
    const int n = *rc::gen::inRange(1, 60);
    const double scale = *rc::gen::elementOf(std::vector<double>{0.01, 1, 100, 1e6});
    for (int i = 0; i < n; ++i) item.daily_demand.push_back(*rc::gen::inRange(0, 100) * scale);
    if (*rc::gen::arbitrary<bool>()) {
      item.daily_sigma = {*rc::gen::inRange(0, 50) * scale};
    } else {
      for (int i = 0; i < n; ++i) item.daily_sigma.push_back(*rc::gen::inRange(0, 50) * scale);
    }
    item.lead_time_days = *rc::gen::inRange(0, 400) / 10.0;
    item.lead_time_sigma_days = *rc::gen::inRange(0, 100) / 10.0;
    item.policy = *rc::gen::elementOf(std::vector<std::string>{"s_S", "s_Q", "R_S"});
    item.review_period_days = *rc::gen::inRange(item.policy == "R_S" ? 1 : 0, 30);
    item.service.measure =
        *rc::gen::elementOf(std::vector<std::string>{kCycleServiceLevel, kFillRate});
    item.service.level = *rc::gen::inRange(1, 99999) / 100000.0;
    item.on_hand = *rc::gen::inRange<int64_t>(0, 100000);
    item.on_order = *rc::gen::inRange<int64_t>(0, 100000);
    item.allocated = *rc::gen::inRange<int64_t>(0, 50000);
    item.backordered = *rc::gen::inRange<int64_t>(0, 50000);
    item.terms.pack_size = *rc::gen::inRange<int64_t>(1, 500);
    item.terms.min_order_qty = *rc::gen::inRange<int64_t>(0, 2000);
    if (*rc::gen::arbitrary<bool>()) {
      const int64_t floor_qty =
          std::max(item.terms.pack_size, (item.terms.min_order_qty + item.terms.pack_size - 1) /
                                             item.terms.pack_size * item.terms.pack_size);
      item.terms.max_order_qty = floor_qty + *rc::gen::inRange<int64_t>(0, 100000);
    }
    item.unit_cost_minor = *rc::gen::inRange<int64_t>(0, 100000);
    item.ordering_cost_minor = *rc::gen::inRange<int64_t>(0, 100000);
    item.holding_rate_per_year = *rc::gen::inRange(0, 100) / 100.0;
    item.cover_days = *rc::gen::inRange(1, 600) / 10.0;
    return item;
  });
}

bool finite_plan(const ReorderPlan& p) {
  const bool cover_ok =
      !p.days_of_cover || (std::isfinite(*p.days_of_cover) && *p.days_of_cover >= 0);
  const bool eoq_ok = !p.eoq || (std::isfinite(*p.eoq) && *p.eoq >= 0);
  return std::isfinite(p.demand_mean) && p.demand_mean >= 0 && std::isfinite(p.demand_sigma) &&
         p.demand_sigma >= 0 && std::isfinite(p.safety_factor) && p.safety_factor >= 0 &&
         std::isfinite(p.safety_stock) && p.safety_stock >= 0 && cover_ok && eoq_ok;
}

RC_GTEST_PROP(ReorderProperty, QuantitiesAreNonNegativeAndFollowTheSupplierTerms, ()) {
  const auto item = *any_item();
  const auto plan = plan_reorder(item);
  RC_ASSERT(finite_plan(plan));
  RC_ASSERT(plan.reorder_point >= 0);
  RC_ASSERT(plan.order_up_to >= plan.reorder_point);
  RC_ASSERT(plan.lot_size >= 0);
  RC_ASSERT(plan.raw_quantity >= 0);
  RC_ASSERT(plan.suggested_quantity >= 0);
  RC_ASSERT(plan.suggested_quantity % item.terms.pack_size == 0);
  if (plan.suggested_quantity > 0) {
    RC_ASSERT(plan.suggested_quantity >= item.terms.min_order_qty);
    if (item.terms.max_order_qty) RC_ASSERT(plan.suggested_quantity <= *item.terms.max_order_qty);
  }
  if (plan.stockout_day) RC_ASSERT(*plan.stockout_day >= 0);
  // Uncapped, the order restores the position the policy aims at.
  if (plan.suggested_quantity > 0 && !plan.capped_at_maximum) {
    const int64_t after = plan.inventory_position + plan.suggested_quantity;
    if (item.policy == "R_S") {
      RC_ASSERT(after >= plan.order_up_to);
    } else {
      RC_ASSERT(after > plan.reorder_point);
    }
  }
}

RC_GTEST_PROP(ReorderProperty, HigherServiceNeverLowersSafetyStock, ()) {
  auto item = *any_item();
  const int lo = *rc::gen::inRange(1, 99998);
  const int hi = *rc::gen::inRange(lo, 99999);
  item.service.level = lo / 100000.0;
  const auto low = plan_reorder(item);
  item.service.level = hi / 100000.0;
  const auto high = plan_reorder(item);
  RC_ASSERT(high.safety_stock >= low.safety_stock);
  RC_ASSERT(high.reorder_point >= low.reorder_point);
  RC_ASSERT(high.order_up_to >= low.order_up_to);
}

RC_GTEST_PROP(ReorderProperty, MoreLeadTimeVariabilityNeverLowersSafetyStock, ()) {
  auto item = *any_item();
  const int lo = *rc::gen::inRange(0, 100);
  const int hi = *rc::gen::inRange(lo, 101);
  item.lead_time_sigma_days = lo / 10.0;
  const auto low = plan_reorder(item);
  item.lead_time_sigma_days = hi / 10.0;
  const auto high = plan_reorder(item);
  RC_ASSERT(high.demand_sigma >= low.demand_sigma);
  RC_ASSERT(high.safety_stock >= low.safety_stock);
  RC_ASSERT(high.reorder_point >= low.reorder_point);
}

RC_GTEST_PROP(ReorderProperty, NoOrderWhenThePositionIsAtOrAboveTheTarget, ()) {
  auto item = *any_item();
  const auto plan = plan_reorder(item);
  // Position does not move s or S; lift IP to the no-order side of the rule.
  const int64_t target = item.policy == "R_S" ? plan.order_up_to : plan.reorder_point + 1;
  item.allocated = 0;
  item.backordered = 0;
  item.on_order = 0;
  item.on_hand = target + *rc::gen::inRange<int64_t>(0, 1000);
  const auto lifted = plan_reorder(item);
  RC_ASSERT(lifted.reorder_point == plan.reorder_point);
  RC_ASSERT(lifted.order_up_to == plan.order_up_to);
  RC_ASSERT(lifted.suggested_quantity == 0);
}

// The suggestions depend on the items, not on the order they come in: any
// permutation of the same items (distinct SKU and warehouse each) gives the
// same suppliers, lines and totals. Each line is the item's own plan, each
// item with something to order is on exactly one line, and the totals add up.
RC_GTEST_PROP(ReorderProperty, SuggestionsDoNotDependOnTheInputOrder, ()) {
  auto items = *rc::gen::container<std::vector<ReorderItem>>(*rc::gen::inRange(0, 8), any_item());
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].sku = "P" + std::to_string(*rc::gen::inRange(0, 4));
    items[i].warehouse = "W" + std::to_string(i);
    items[i].supplier = *rc::gen::elementOf(std::vector<std::string>{"S1", "S2", "S3"});
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[static_cast<size_t>(*rc::gen::inRange<size_t>(0, i))]);
  }
  std::vector<ReorderItem> permuted;
  for (size_t i : order) permuted.push_back(items[i]);

  const auto out = suggest_purchases(items);
  RC_ASSERT(suggest_purchases(permuted) == out);

  size_t lines = 0;
  for (const auto& s : out) {
    int64_t units = 0, value = 0;
    for (const auto& line : s.lines) {
      const auto item = std::find_if(items.begin(), items.end(), [&](const ReorderItem& i) {
        return i.sku == line.sku && i.warehouse == line.warehouse;
      });
      RC_ASSERT(item != items.end());
      RC_ASSERT(item->supplier == s.supplier);
      RC_ASSERT(line.plan == plan_reorder(*item));
      RC_ASSERT(line.quantity == line.plan.suggested_quantity);
      RC_ASSERT(line.value_minor == line.quantity * item->unit_cost_minor);
      units += line.quantity;
      value += line.value_minor;
      ++lines;
    }
    RC_ASSERT(s.total_units == units);
    RC_ASSERT(s.total_value_minor == value);
  }
  RC_ASSERT(lines ==
            static_cast<size_t>(std::count_if(items.begin(), items.end(), [](const auto& i) {
              return plan_reorder(i).suggested_quantity > 0;
            })));
}

}  // namespace
}  // namespace wareflow::planning
