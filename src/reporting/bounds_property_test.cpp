// Every report and room check driven with the extreme values the entry points
// allow (catalog::kMaxDimensionMm and kMaxWeightG, oms::kMaxLineQuantity and
// kMaxUnitPriceMinor, inventory::kMaxAdjustQuantity, a unit cost of 10^12):
// none fails, and the sums that can pass 2^63 (revenue, stock volume, the
// value of losses) are exact where int64 holds them and saturate, marked where
// the report has a mark, where it does not.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/error.h"
#include "inventory/inventory.h"
#include "numeric/wide.h"
#include "oms/orders.h"
#include "reporting/dashboard.h"
#include "reporting/kpi.h"
#include "testing/small_shop.h"
#include "wms/counting.h"
#include "wms/storage.h"

namespace wareflow::reporting {
namespace {

using numeric::Int128;

constexpr int64_t kUnitCostMax = 1'000'000'000'000;  // the API's bound on unit_cost_minor

// A value of [min, max], most often one of its ends or next to them.
rc::Gen<int64_t> extreme(int64_t min, int64_t max) {
  return rc::gen::weightedOneOf<int64_t>({{3, rc::gen::just(max)},
                                          {1, rc::gen::just(max - 1)},
                                          {1, rc::gen::just(min)},
                                          {2, rc::gen::inRange(min, max + 1)}});
}

struct ProductCase {
  int64_t length_mm, width_mm, height_mm, weight_g, unit_cost;
  std::vector<int64_t> adds;  // adjustments in, at A01-001-1 or A01-002-1 by parity of index
  int64_t loss;               // units taken back out of the first location (<= the first add)
};

struct LineCase {
  size_t product;
  int64_t quantity, price;
};

std::string sku_of(size_t i) { return "X" + std::to_string(i); }
std::string location_of(size_t i) { return i % 2 == 0 ? "A01-001-1" : "A01-002-1"; }

Int128 ceil_cm3(Int128 mm3) { return (mm3 + 999) / 1000; }

RC_GTEST_PROP(ReportBounds, ExtremeAllowedInputsNeverBreakAReport, ()) {
  const auto products = *rc::gen::resize(
      3, rc::gen::nonEmpty(rc::gen::container<std::vector<ProductCase>>(rc::gen::build<ProductCase>(
             rc::gen::set(&ProductCase::length_mm, extreme(0, catalog::kMaxDimensionMm)),
             rc::gen::set(&ProductCase::width_mm, extreme(0, catalog::kMaxDimensionMm)),
             rc::gen::set(&ProductCase::height_mm, extreme(0, catalog::kMaxDimensionMm)),
             rc::gen::set(&ProductCase::weight_g, extreme(0, catalog::kMaxWeightG)),
             rc::gen::set(&ProductCase::unit_cost, extreme(0, kUnitCostMax)),
             rc::gen::set(
                 &ProductCase::adds,
                 rc::gen::resize(4, rc::gen::nonEmpty(rc::gen::container<std::vector<int64_t>>(
                                        extreme(1, inventory::kMaxAdjustQuantity))))),
             rc::gen::set(&ProductCase::loss, extreme(0, inventory::kMaxAdjustQuantity))))));
  // Up to 12 orders of up to 5 lines: enough lines of 10^18 for the sums to
  // pass 2^63 in many runs, and not in others.
  const auto orders = *rc::gen::resize(
      12,
      rc::gen::container<std::vector<std::vector<LineCase>>>(rc::gen::resize(
          5, rc::gen::nonEmpty(rc::gen::container<std::vector<LineCase>>(rc::gen::build<LineCase>(
                 rc::gen::set(&LineCase::product, rc::gen::inRange<size_t>(0, products.size())),
                 rc::gen::set(&LineCase::quantity, extreme(1, oms::kMaxLineQuantity)),
                 rc::gen::set(&LineCase::price, extreme(0, oms::kMaxUnitPriceMinor))))))));

  const int64_t now = 1'700'000'000'000;
  testing::TempDb t;
  t.set_clock(now);
  testing::set_up_small_shop(t);
  // The reference sums, exact in 128 bits.
  std::map<std::string, Int128> volume_mm3_at;  // by location
  Int128 revenue_all = 0, loss_value = 0;
  std::map<std::string, Int128> revenue_by_sku;
  int64_t units_ordered = 0;
  t.db->write([&](store::Tx& tx) {
    for (size_t i = 0; i < products.size(); ++i) {
      const ProductCase& pc = products[i];
      catalog::ProductInput p;
      p.sku = sku_of(i);
      p.name = "Product " + p.sku;
      p.length_mm = pc.length_mm;
      p.width_mm = pc.width_mm;
      p.height_mm = pc.height_mm;
      p.weight_g = pc.weight_g;
      int64_t id = catalog::upsert_product(tx, p, inventory::shelf_stock()).product.id;
      catalog::set_unit_cost(tx, id, pc.unit_cost);
      const Int128 unit_mm3 = Int128{pc.length_mm} * pc.width_mm * pc.height_mm;
      for (size_t k = 0; k < pc.adds.size(); ++k) {
        inventory::AdjustmentInput a{"W1", location_of(k), p.sku, pc.adds[k],
                                     "",   std::nullopt,   "test"};
        inventory::adjust(tx, a, t.orders.get());
        volume_mm3_at[location_of(k)] += unit_mm3 * pc.adds[k];
      }
      const int64_t loss = std::min(pc.loss, pc.adds[0]);
      if (loss > 0) {
        inventory::AdjustmentInput a{"W1", location_of(0), p.sku, -loss, "", std::nullopt, "test"};
        inventory::adjust(tx, a, t.orders.get());
        volume_mm3_at[location_of(0)] -= unit_mm3 * loss;
        loss_value += Int128{loss} * pc.unit_cost;
      }
    }
  });
  for (size_t o = 0; o < orders.size(); ++o) {
    t.db->write([&](store::Tx& tx) {
      oms::OrderInput in;
      in.channel = "web";
      in.channel_order_id = "B" + std::to_string(o);
      in.customer = {"c@example.com", "C", std::nullopt};
      in.ship_to = {"C", "Street 1", "", "Berlin", "10115", "DE", std::nullopt, std::nullopt};
      for (const LineCase& l : orders[o]) {
        in.lines.push_back({sku_of(l.product), l.quantity, l.price, "EUR"});
        revenue_all += Int128{l.price} * l.quantity;
        revenue_by_sku[sku_of(l.product)] += Int128{l.price} * l.quantity;
        units_ordered += l.quantity;
      }
      t.orders->create_order(tx, in);
    });
  }

  const int64_t from = 0, to = std::numeric_limits<int64_t>::max() / 2;
  t.db->read([&](store::Tx& tx) {
    // Sales: the revenue of every row exact, or saturated and marked.
    SalesReport by_channel = sales(tx, from, to, "channel", std::nullopt, 100);
    Int128 channel_revenue = 0;
    for (const SalesRow& row : by_channel.rows) {
      if (row.revenue_minor.count("EUR")) channel_revenue += row.revenue_minor.at("EUR");
      RC_ASSERT(row.revenue_saturated == (revenue_all > numeric::kInt64Max));
    }
    RC_ASSERT(channel_revenue == (orders.empty() ? 0 : numeric::saturate(revenue_all)));
    SalesReport by_sku = sales(tx, from, to, "sku", std::nullopt, 100);
    for (const SalesRow& row : by_sku.rows) {
      const Int128 expected = revenue_by_sku[row.key];
      RC_ASSERT(row.revenue_minor.at("EUR") == numeric::saturate(expected));
      RC_ASSERT(row.revenue_saturated == (expected > numeric::kInt64Max));
    }
    RC_ASSERT(by_sku.units == units_ordered);
    SalesReport by_day = sales(tx, now - 86'400'000, now + 86'400'000, "day", std::nullopt, 100);
    RC_ASSERT(by_day.units == units_ordered);
    RC_TAG(revenue_all > numeric::kInt64Max ? "revenue saturated" : "revenue exact");

    // Space: the used volume of each location and zone, exact or saturated.
    for (const auto& s : inventory::stock_by_location(tx, 1)) {
      RC_ASSERT(s.used_cm3 == numeric::saturate(ceil_cm3(volume_mm3_at[s.location])));
    }
    Int128 zone_mm3 = volume_mm3_at["A01-001-1"] + volume_mm3_at["A01-002-1"];
    for (const ZoneSpace& z : space_utilisation(tx, 1)) {
      if (z.capacity_cm3 > 0) RC_ASSERT(z.used_cm3 == numeric::saturate(ceil_cm3(zone_mm3)));
    }

    // Losses valued at the unit cost, exact or saturated.
    wms::ShrinkageReport lost = wms::shrinkage(tx, std::nullopt, from, to);
    RC_ASSERT(lost.value_minor == numeric::saturate(loss_value));

    // The rest only must answer.
    order_kpis(tx, from, to, std::nullopt);
    throughput(tx, std::nullopt, now - 86'400'000, now + 86'400'000, 3'600'000);
    dock_to_stock(tx, std::nullopt, from, to);
    dashboard(tx, std::string("W1"));
    dashboard(tx, std::nullopt);
  });

  // Putaway: the room check of every product at every location answers (a
  // suggestion, a fit, or location_full), never wraps into a false fit.
  t.db->write([&](store::Tx& tx) {
    for (size_t i = 0; i < products.size(); ++i) {
      catalog::Product p = catalog::require_product(tx, sku_of(i));
      wms::suggest_putaway(tx, 1, p, "", inventory::kMaxAdjustQuantity, 1);
      for (const char* code : {"A01-001-1", "A01-002-1"}) {
        auto location = inventory::find_location(tx, 1, code);
        RC_ASSERT(location.has_value());
        bool fits = true;
        try {
          wms::check_destination(tx, *location, p, "", 1);
        } catch (const DomainError& e) {
          RC_ASSERT(e.code() == "location_full" || e.code() == "location_occupied");
          fits = false;
        }
        auto q = tx.query("SELECT max_volume_cm3 FROM locations WHERE id = $1", location->id);
        RC_ASSERT(q.next());
        const auto max_cm3 = q.opt_i64(0);
        const Int128 unit_cm3 = numeric::volume_cm3(1, p.length_mm, p.width_mm, p.height_mm);
        if (fits && max_cm3) RC_ASSERT(ceil_cm3(volume_mm3_at[code]) + unit_cm3 <= *max_cm3);
      }
    }
  });
}

}  // namespace
}  // namespace wareflow::reporting
