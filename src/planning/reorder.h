// Reorder policy: safety stock, reorder point and order-up-to level from a
// demand forecast, the lead time and its variability and a service target;
// then the order to place now, rounded to the supplier's pack size and minimum
// order quantity, and those orders grouped into purchase suggestions per
// supplier. Pure: plain structs in and out; no store, clock or network;
// depends on nothing but the C++ standard library. Deterministic: the same
// input gives the same output, bit for bit. Days are offsets from "today" (day
// 0 = the first forecast day); turning them into dates is the caller's job.
//
// Textbook model (Silver, Pyke & Thomas, "Inventory and Production Management
// in Supply Chains", 4th ed., ch. 6-7; Axsaeter, "Inventory Control"):
//
//   Protection interval  P = L + R days: mean lead time L plus review period
//                        R (R = 0: continuous review).
//   Demand over P        mu_P = sum of the daily forecast means of days
//                        0 .. P-1; a fractional last day counts pro rata
//                        (P = 4.5 adds half of day 4). Days beyond the forecast
//                        use the mean of the forecast.
//   Its variance         sigma_P^2 = sum of the daily error variances over P
//                        (same pro rata rule; beyond the forecast the mean
//                        variance) + mu_d^2 * sigma_L^2, with mu_d = mu_P / P
//                        the mean daily demand over P (the first forecast day
//                        when P = 0) and sigma_L the standard deviation of the
//                        lead time. With a constant daily sigma_d this is the
//                        classic P * sigma_d^2 + mu_d^2 * sigma_L^2. Daily
//                        errors are taken as independent and independent of
//                        the lead time; R itself is fixed.
//   Safety factor k      cycle service level CSL: k = Phi^-1(CSL).
//                        fill rate beta: k solves G(k) = (1 - beta) * Q /
//                        sigma_P, with G the standard normal loss function
//                        G(k) = phi(k) - k (1 - Phi(k)) and Q the expected
//                        replenishment: the lot size for s_S and s_Q, the mean
//                        demand of one review period (mu_(L+R) - mu_L) for R_S.
//                        k is kept in [0, Phi^-1(0.99999)]: the module never
//                        plans negative safety stock (a CSL below 50%, or a
//                        fill rate the lot size alone delivers, gives k = 0)
//                        and a fill rate with nothing to order against gives
//                        the largest k; a fill rate with sigma_P = 0 gives
//                        k = 0 (k does not matter then: SS = 0).
//   Safety stock         SS = k * sigma_P.
//   Policies             s_S  reorder point s = ceil(mu_P + SS); order-up-to
//                             S = s + lot. Order S - IP when IP <= s.
//                        s_Q  same s; order n * lot, the smallest n that lifts
//                             IP above s, when IP <= s.
//                        R_S  order-up-to S = ceil(mu_P + SS) with R >= 1; the
//                             evaluation is taken to happen at a review, so it
//                             orders S - IP whenever IP < S. There is no
//                             separate reorder point: it is reported equal to S.
//                        s_S and s_Q with R > 0 are the periodic (R, s, S) and
//                        (R, s, nQ) forms: s then protects L + R days.
//                        ceil ignores excess below 1e-9, so 100.0000000001 is
//                        100.
//   Lot size             EOQ = sqrt(2 D A / (v r)) with D = 365 * mean daily
//                        forecast, A the ordering cost, v the unit cost (both
//                        in the same minor units) and r the yearly holding
//                        rate, capped at kMaxPlannedQuantity. The lot is the
//                        EOQ when D, A, v and r are all > 0, else the forecast
//                        demand over cover_days; either is then rounded like an
//                        order (below), so it is at least one pack and at least
//                        the minimum order (and at most max_order_qty).
//   Inventory position   IP = on_hand + on_order - allocated - backordered,
//                        on_order being open purchase quantities not yet
//                        received. May be negative.
//   Rounding             A raw quantity q > 0 is rounded UP to a multiple of
//                        pack_size, then raised to the minimum order quantity
//                        (itself rounded up to a pack multiple); above
//                        max_order_qty it is cut to the largest pack multiple
//                        not above it (capped_at_maximum). q <= 0 gives 0.
//   Cover                Available stock on_hand - allocated - backordered,
//                        with no receipts (open orders have no date here), is
//                        walked against the daily forecast: stockout_day is the
//                        first day whose demand takes it below 0,
//                        days_of_cover the fractional day it reaches 0 (both 0
//                        when it is already negative). Both are empty when that
//                        is not within kMaxCoverDays.
//   Reasons              no_demand            mu_P = 0, sigma_P = 0, IP >= 0
//                        below_reorder_point  s_S / s_Q with IP <= s
//                        above_reorder_point  s_S / s_Q with IP > s
//                        review_period        R_S with IP < S
//                        above_order_up_to    R_S with IP >= S
//
// Guarantees: every quantity is >= 0; a suggested quantity > 0 is a multiple
// of pack_size, >= min_order_qty and <= max_order_qty when set; no NaN or
// infinity is returned. Bad input throws inputs::InputError; nothing else is thrown
// except std::bad_alloc.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inputs/input_error.h"
#include "planning/normal.h"

namespace wareflow::planning {

inline constexpr int64_t kMaxPlanningDays = 3650;            // lead time, review period, cover
inline constexpr int64_t kMaxCoverDays = 3650;               // days_of_cover / stockout_day search
inline constexpr double kMaxDailyDemand = 1e9;               // per day, forecast mean or sigma
inline constexpr int64_t kMaxStockQuantity = 1000000000000;  // 1e12: stock, pack, MOQ, max
inline constexpr double kMaxServiceLevel = 0.99999;          // service levels are < this
// Each computed level (s, or S for R_S), lot and EOQ is capped here: far above
// any real stock, far below where int64 arithmetic on them could overflow.
inline constexpr int64_t kMaxPlannedQuantity = 1'000'000'000'000'000;  // 1e15

// Refused input: inputs::InputError. code() is one of: invalid_forecast, invalid_lead_time,
// invalid_service_level, invalid_policy, invalid_pack_size, invalid_parameter.
// field() names the offending input ("daily_demand[3]", "terms.pack_size",
// "items[2].service.level", ...).

// --- Service targets ---------------------------------------------------------

inline constexpr const char* kCycleServiceLevel = "cycle_service_level";
inline constexpr const char* kFillRate = "fill_rate";

// measure: "cycle_service_level" (probability of no stock-out per
// replenishment cycle) or "fill_rate" (share of demand met from stock).
// level in (0, kMaxServiceLevel).
struct ServiceTarget {
  std::string measure = kCycleServiceLevel;
  double level = 0.95;
};

// Targets per ABC class; defaults A 98%, B 95%, C 90% cycle service level.
struct AbcServiceTargets {
  ServiceTarget a{kCycleServiceLevel, 0.98};
  ServiceTarget b{kCycleServiceLevel, 0.95};
  ServiceTarget c{kCycleServiceLevel, 0.90};
};

// The target of class "A", "B" or "C" (either case). Anything else throws
// invalid_parameter (field "abc_class"). The target itself is checked when
// used.
ServiceTarget service_target_for_class(std::string_view abc_class,
                                       const AbcServiceTargets& targets = {});

// --- One item ----------------------------------------------------------------

// How a supplier sells the item. pack_size 1..kMaxStockQuantity;
// min_order_qty 0..kMaxStockQuantity; max_order_qty, when set, at least one
// pack and at least the minimum order rounded up to a pack.
struct SupplierTerms {
  int64_t pack_size = 1;
  int64_t min_order_qty = 0;
  std::optional<int64_t> max_order_qty;
};

struct RoundedQuantity {
  int64_t quantity = 0;
  bool capped_at_maximum = false;
};

// The rounding rule of the header comment. Throws on terms that break the
// SupplierTerms rules (invalid_pack_size / invalid_parameter).
RoundedQuantity round_to_supplier_terms(int64_t raw_quantity, const SupplierTerms& terms);

// A SKU at a warehouse, bought from one supplier.
struct ReorderItem {
  std::string sku;
  std::string warehouse;
  std::string supplier;  // must be non-empty for suggest_purchases

  // Daily forecast means, day 0 first (forecast.h's Forecast::values): at
  // least one, each finite, >= 0 and <= kMaxDailyDemand.
  std::vector<double> daily_demand;
  // One-step forecast error standard deviation per day: one value for every
  // day, or one per daily_demand entry; finite, >= 0, <= kMaxDailyDemand.
  std::vector<double> daily_sigma;

  double lead_time_days = 0;        // mean L, 0..kMaxPlanningDays
  double lead_time_sigma_days = 0;  // sigma_L, 0..kMaxPlanningDays
  int64_t review_period_days = 0;   // R, 0..kMaxPlanningDays; R_S needs >= 1

  std::string policy = "s_S";  // "s_S", "s_Q" or "R_S"
  ServiceTarget service;

  // Position, each 0..kMaxStockQuantity.
  int64_t on_hand = 0;
  int64_t on_order = 0;
  int64_t allocated = 0;
  int64_t backordered = 0;

  SupplierTerms terms;

  // Costs: unit cost and ordering cost in minor units, 0..kMaxStockQuantity;
  // holding rate per year (0.25 = 25% of unit cost per unit-year), 0..100.
  int64_t unit_cost_minor = 0;
  int64_t ordering_cost_minor = 0;
  double holding_rate_per_year = 0;
  // Days of forecast demand in a lot when the EOQ is not computable,
  // (0, kMaxPlanningDays].
  double cover_days = 30;
};

struct ReorderPlan {
  std::string policy;
  double protection_days = 0;      // P = L + R
  double demand_mean = 0;          // mu_P
  double demand_sigma = 0;         // sigma_P
  double safety_factor = 0;        // k (z for a cycle service level)
  double safety_stock = 0;         // k * sigma_P
  int64_t reorder_point = 0;       // s (R_S: equal to S)
  int64_t order_up_to = 0;         // S (s_Q: s + lot, the highest IP after an order)
  std::optional<double> eoq;       // when computable
  int64_t lot_size = 0;            // the rounded lot (s_S, s_Q); 0 for R_S
  int64_t inventory_position = 0;  // IP, may be negative
  int64_t raw_quantity = 0;        // the order before rounding, >= 0
  int64_t suggested_quantity = 0;  // after rounding, >= 0
  bool capped_at_maximum = false;  // max_order_qty cut the order
  std::optional<double> days_of_cover;
  std::optional<int64_t> stockout_day;
  std::string reason;  // see the header comment

  bool operator==(const ReorderPlan&) const = default;
};

// The plan for one item. Throws inputs::InputError on bad input.
ReorderPlan plan_reorder(const ReorderItem& item);

// --- Purchase suggestions ----------------------------------------------------

struct SuggestionLine {
  std::string sku;
  std::string warehouse;
  int64_t quantity = 0;  // > 0
  int64_t unit_cost_minor = 0;
  int64_t value_minor = 0;  // quantity * unit_cost_minor
  ReorderPlan plan;

  bool operator==(const SuggestionLine&) const = default;
};

// One supplier's lines, most urgent first: stockout_day ascending (none last),
// then sku, warehouse and input order. Units and value are summed over lines;
// a supplier's items are taken to share one currency.
struct SupplierSuggestion {
  std::string supplier;
  std::vector<SuggestionLine> lines;
  int64_t total_units = 0;
  int64_t total_value_minor = 0;

  bool operator==(const SupplierSuggestion&) const = default;
};

// Plans every item and keeps those with a suggested quantity > 0, grouped by
// supplier. Suppliers come most urgent first (by their first line, same keys),
// then by supplier code. The first bad item throws, with field() prefixed by
// "items[i]." and the SKU in the message; a value that overflows int64 throws
// invalid_parameter.
std::vector<SupplierSuggestion> suggest_purchases(const std::vector<ReorderItem>& items);

}  // namespace wareflow::planning
