#include "planning/reorder.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numbers>

namespace wareflow::planning {
namespace {

// Rounding up ignores an excess this small, so float noise on an exact
// integer does not add a unit.
constexpr double kCeilTolerance = 1e-9;
constexpr double kMaxHoldingRate = 100;
constexpr double kDaysPerYear = 365;

enum class Policy { kSs, kSq, kRs };

[[noreturn]] void fail(const std::string& code, const std::string& field,
                       const std::string& detail) {
  throw inputs::InputError(code, field, field + ": " + detail);
}

bool finite_in(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

void check_quantity(int64_t value, const std::string& field) {
  if (value < 0 || value > kMaxStockQuantity) {
    fail("invalid_parameter", field, "must be in 0.." + std::to_string(kMaxStockQuantity));
  }
}

int64_t ceil_div(int64_t a, int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

// ceil(x) as units, clamped to [0, kMaxPlannedQuantity]. x is finite.
int64_t ceil_units(double x) {
  const double c = std::ceil(x - kCeilTolerance);
  if (!(c > 0)) return 0;
  if (c >= static_cast<double>(kMaxPlannedQuantity)) return kMaxPlannedQuantity;
  return static_cast<int64_t>(c);
}

// Sum of at(i) over days 0 .. p-1, the fractional last day pro rata.
template <class At>
double sum_over_days(const At& at, double p) {
  const double whole = std::floor(p);
  const auto days = static_cast<int64_t>(whole);
  double sum = 0;
  for (int64_t i = 0; i < days; ++i) sum += at(i);
  const double frac = p - whole;
  if (frac > 0) sum += frac * at(days);
  return sum;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

void validate_terms(const SupplierTerms& t) {
  if (t.pack_size < 1 || t.pack_size > kMaxStockQuantity) {
    fail("invalid_pack_size", "terms.pack_size",
         "must be in 1.." + std::to_string(kMaxStockQuantity));
  }
  check_quantity(t.min_order_qty, "terms.min_order_qty");
  if (t.max_order_qty) {
    const int64_t floor_qty =
        std::max(t.pack_size, ceil_div(t.min_order_qty, t.pack_size) * t.pack_size);
    if (*t.max_order_qty < floor_qty || *t.max_order_qty > kMaxStockQuantity) {
      fail("invalid_parameter", "terms.max_order_qty",
           "must be at least one pack and the minimum order (" + std::to_string(floor_qty) +
               ") and at most " + std::to_string(kMaxStockQuantity));
    }
  }
}

void validate_service(const ServiceTarget& s) {
  if (s.measure != kCycleServiceLevel && s.measure != kFillRate) {
    fail("invalid_parameter", "service.measure",
         "unknown measure '" + s.measure + "' (cycle_service_level or fill_rate)");
  }
  if (!(std::isfinite(s.level) && s.level > 0 && s.level < kMaxServiceLevel)) {
    fail("invalid_service_level", "service.level", "must be in (0, 0.99999)");
  }
}

Policy validate(const ReorderItem& item) {
  if (item.daily_demand.empty()) fail("invalid_forecast", "daily_demand", "is empty");
  for (size_t i = 0; i < item.daily_demand.size(); ++i) {
    if (!finite_in(item.daily_demand[i], 0, kMaxDailyDemand)) {
      fail("invalid_forecast", "daily_demand[" + std::to_string(i) + "]",
           "must be finite and in [0, 1e9]");
    }
  }
  if (item.daily_sigma.size() != 1 && item.daily_sigma.size() != item.daily_demand.size()) {
    fail("invalid_forecast", "daily_sigma", "needs one value or one per daily_demand entry");
  }
  for (size_t i = 0; i < item.daily_sigma.size(); ++i) {
    if (!finite_in(item.daily_sigma[i], 0, kMaxDailyDemand)) {
      fail("invalid_forecast", "daily_sigma[" + std::to_string(i) + "]",
           "must be finite and in [0, 1e9]");
    }
  }
  const auto max_days = static_cast<double>(kMaxPlanningDays);
  if (!finite_in(item.lead_time_days, 0, max_days)) {
    fail("invalid_lead_time", "lead_time_days", "must be finite and in [0, 3650]");
  }
  if (!finite_in(item.lead_time_sigma_days, 0, max_days)) {
    fail("invalid_lead_time", "lead_time_sigma_days", "must be finite and in [0, 3650]");
  }
  if (item.review_period_days < 0 || item.review_period_days > kMaxPlanningDays) {
    fail("invalid_parameter", "review_period_days", "must be in 0..3650");
  }
  Policy policy;
  if (item.policy == "s_S") {
    policy = Policy::kSs;
  } else if (item.policy == "s_Q") {
    policy = Policy::kSq;
  } else if (item.policy == "R_S") {
    policy = Policy::kRs;
    if (item.review_period_days < 1) {
      fail("invalid_policy", "review_period_days", "R_S needs a review period of at least 1 day");
    }
  } else {
    fail("invalid_policy", "policy", "unknown policy '" + item.policy + "' (s_S, s_Q or R_S)");
  }
  validate_service(item.service);
  check_quantity(item.on_hand, "on_hand");
  check_quantity(item.on_order, "on_order");
  check_quantity(item.allocated, "allocated");
  check_quantity(item.backordered, "backordered");
  validate_terms(item.terms);
  check_quantity(item.unit_cost_minor, "unit_cost_minor");
  check_quantity(item.ordering_cost_minor, "ordering_cost_minor");
  if (!finite_in(item.holding_rate_per_year, 0, kMaxHoldingRate)) {
    fail("invalid_parameter", "holding_rate_per_year", "must be finite and in [0, 100]");
  }
  if (!(std::isfinite(item.cover_days) && item.cover_days > 0 && item.cover_days <= max_days)) {
    fail("invalid_parameter", "cover_days", "must be finite and in (0, 3650]");
  }
  return policy;
}

double safety_factor(const ServiceTarget& service, double sigma_p, double replenishment) {
  const double k_max = standard_normal_quantile(kMaxServiceLevel);
  if (service.measure == kCycleServiceLevel) {
    return std::clamp(standard_normal_quantile(service.level), 0.0, k_max);
  }
  if (!(sigma_p > 0)) return 0;
  const double g = (1 - service.level) * replenishment / sigma_p;
  if (!(g > 0)) return k_max;
  if (g >= standard_normal_loss(0)) return 0;
  return std::clamp(inverse_standard_normal_loss(g), 0.0, k_max);
}

}  // namespace

// --- Service targets ---------------------------------------------------------

ServiceTarget service_target_for_class(std::string_view abc_class,
                                       const AbcServiceTargets& targets) {
  if (abc_class == "A" || abc_class == "a") return targets.a;
  if (abc_class == "B" || abc_class == "b") return targets.b;
  if (abc_class == "C" || abc_class == "c") return targets.c;
  fail("invalid_parameter", "abc_class",
       "unknown class '" + std::string(abc_class) + "' (A, B or C)");
}

// --- One item ----------------------------------------------------------------

RoundedQuantity round_to_supplier_terms(int64_t raw_quantity, const SupplierTerms& terms) {
  validate_terms(terms);
  if (raw_quantity <= 0) return {};
  if (raw_quantity > std::numeric_limits<int64_t>::max() - terms.pack_size) {
    fail("invalid_parameter", "raw_quantity", "too large to round");
  }
  RoundedQuantity out;
  const int64_t min_qty = ceil_div(terms.min_order_qty, terms.pack_size) * terms.pack_size;
  out.quantity = std::max(ceil_div(raw_quantity, terms.pack_size) * terms.pack_size, min_qty);
  if (terms.max_order_qty && out.quantity > *terms.max_order_qty) {
    out.quantity = *terms.max_order_qty / terms.pack_size * terms.pack_size;
    out.capped_at_maximum = true;
  }
  return out;
}

ReorderPlan plan_reorder(const ReorderItem& item) {
  const Policy policy = validate(item);
  const auto& demand = item.daily_demand;
  const auto n = static_cast<int64_t>(demand.size());
  const double demand_tail = mean(demand);
  const auto demand_at = [&](int64_t i) {
    return i < n ? demand[static_cast<size_t>(i)] : demand_tail;
  };
  std::vector<double> variance;
  variance.reserve(item.daily_sigma.size());
  for (double s : item.daily_sigma) variance.push_back(s * s);
  const double variance_tail = mean(variance);
  const auto variance_at = [&](int64_t i) {
    if (variance.size() == 1) return variance[0];
    return i < n ? variance[static_cast<size_t>(i)] : variance_tail;
  };

  ReorderPlan plan;
  plan.policy = item.policy;
  const double lead = item.lead_time_days;
  const double p = lead + static_cast<double>(item.review_period_days);
  plan.protection_days = p;
  plan.demand_mean = sum_over_days(demand_at, p);
  const double mean_daily = p > 0 ? plan.demand_mean / p : demand_at(0);
  const double lead_sigma = item.lead_time_sigma_days;
  plan.demand_sigma =
      std::sqrt(sum_over_days(variance_at, p) + mean_daily * mean_daily * lead_sigma * lead_sigma);

  const double annual_demand = kDaysPerYear * demand_tail;
  const auto unit_cost = static_cast<double>(item.unit_cost_minor);
  const auto ordering_cost = static_cast<double>(item.ordering_cost_minor);
  if (annual_demand > 0 && ordering_cost > 0 && unit_cost > 0 && item.holding_rate_per_year > 0) {
    const double eoq =
        std::sqrt(2 * annual_demand * ordering_cost / (unit_cost * item.holding_rate_per_year));
    plan.eoq = std::isfinite(eoq) ? std::min(eoq, static_cast<double>(kMaxPlannedQuantity))
                                  : static_cast<double>(kMaxPlannedQuantity);
  }

  double replenishment = 0;  // Q of the fill-rate equation
  if (policy == Policy::kRs) {
    replenishment = std::max(0.0, plan.demand_mean - sum_over_days(demand_at, lead));
  } else {
    const double raw_lot = plan.eoq ? *plan.eoq : sum_over_days(demand_at, item.cover_days);
    plan.lot_size =
        round_to_supplier_terms(std::max<int64_t>(1, ceil_units(raw_lot)), item.terms).quantity;
    replenishment = static_cast<double>(plan.lot_size);
  }
  plan.safety_factor = safety_factor(item.service, plan.demand_sigma, replenishment);
  plan.safety_stock = plan.safety_factor * plan.demand_sigma;
  const int64_t level = ceil_units(plan.demand_mean + plan.safety_stock);
  if (policy == Policy::kRs) {
    plan.order_up_to = level;
    plan.reorder_point = level;
  } else {
    plan.reorder_point = level;
    plan.order_up_to = level + plan.lot_size;
  }

  const int64_t ip = item.on_hand + item.on_order - item.allocated - item.backordered;
  plan.inventory_position = ip;
  if (plan.demand_mean == 0 && plan.demand_sigma == 0 && ip >= 0) {
    plan.reason = "no_demand";
  } else if (policy == Policy::kRs) {
    if (ip < plan.order_up_to) {
      plan.reason = "review_period";
      plan.raw_quantity = plan.order_up_to - ip;
    } else {
      plan.reason = "above_order_up_to";
    }
  } else if (ip <= plan.reorder_point) {
    plan.reason = "below_reorder_point";
    if (policy == Policy::kSs) {
      plan.raw_quantity = plan.order_up_to - ip;
    } else {
      plan.raw_quantity = ((plan.reorder_point - ip) / plan.lot_size + 1) * plan.lot_size;
    }
  } else {
    plan.reason = "above_reorder_point";
  }
  const RoundedQuantity rounded = round_to_supplier_terms(plan.raw_quantity, item.terms);
  plan.suggested_quantity = rounded.quantity;
  plan.capped_at_maximum = rounded.capped_at_maximum;

  const auto available = static_cast<double>(item.on_hand - item.allocated - item.backordered);
  if (available < 0) {
    plan.days_of_cover = 0;
    plan.stockout_day = 0;
  } else {
    double used = 0;
    for (int64_t day = 0; day < kMaxCoverDays; ++day) {
      const double d = demand_at(day);
      if (used + d > available) {
        plan.stockout_day = day;
        plan.days_of_cover = static_cast<double>(day) + (available - used) / d;
        break;
      }
      used += d;
    }
  }
  return plan;
}

// --- Purchase suggestions ----------------------------------------------------

std::vector<SupplierSuggestion> suggest_purchases(const std::vector<ReorderItem>& items) {
  struct Pending {
    SuggestionLine line;
    size_t index;
  };
  std::map<std::string, std::vector<Pending>> by_supplier;
  for (size_t i = 0; i < items.size(); ++i) {
    const ReorderItem& item = items[i];
    const std::string prefix = "items[" + std::to_string(i) + "].";
    ReorderPlan plan;
    try {
      if (item.supplier.empty()) fail("invalid_parameter", "supplier", "is empty");
      plan = plan_reorder(item);
    } catch (const inputs::InputError& e) {
      throw inputs::InputError(e.code(), prefix + e.field(),
                               prefix + std::string(e.what()) + " (sku '" + item.sku + "')");
    }
    if (plan.suggested_quantity <= 0) continue;
    SuggestionLine line;
    line.sku = item.sku;
    line.warehouse = item.warehouse;
    line.quantity = plan.suggested_quantity;
    line.unit_cost_minor = item.unit_cost_minor;
    if (__builtin_mul_overflow(line.quantity, line.unit_cost_minor, &line.value_minor)) {
      fail("invalid_parameter", prefix + "unit_cost_minor",
           "order value overflows (sku '" + item.sku + "')");
    }
    line.plan = std::move(plan);
    by_supplier[item.supplier].push_back({std::move(line), i});
  }

  const auto urgency_less = [](const Pending& x, const Pending& y) {
    const auto& a = x.line.plan.stockout_day;
    const auto& b = y.line.plan.stockout_day;
    if (a.has_value() != b.has_value()) return a.has_value();
    if (a && *a != *b) return *a < *b;
    if (x.line.sku != y.line.sku) return x.line.sku < y.line.sku;
    if (x.line.warehouse != y.line.warehouse) return x.line.warehouse < y.line.warehouse;
    return x.index < y.index;
  };
  struct Group {
    std::optional<int64_t> first_stockout;
    SupplierSuggestion suggestion;
  };
  std::vector<Group> groups;
  for (auto& [supplier, pending] : by_supplier) {
    std::sort(pending.begin(), pending.end(), urgency_less);
    Group group{pending.front().line.plan.stockout_day, {}};
    group.suggestion.supplier = supplier;
    for (auto& p : pending) {
      SupplierSuggestion& s = group.suggestion;
      if (__builtin_add_overflow(s.total_units, p.line.quantity, &s.total_units) ||
          __builtin_add_overflow(s.total_value_minor, p.line.value_minor, &s.total_value_minor)) {
        fail("invalid_parameter", "items[" + std::to_string(p.index) + "].unit_cost_minor",
             "supplier total overflows (supplier '" + supplier + "')");
      }
      s.lines.push_back(std::move(p.line));
    }
    groups.push_back(std::move(group));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Group& x, const Group& y) {
    // Groups come out of the map in supplier order; the stable sort keeps
    // that order among equally urgent suppliers.
    const auto& a = x.first_stockout;
    const auto& b = y.first_stockout;
    if (a.has_value() != b.has_value()) return a.has_value();
    return a && *a < *b;
  });
  std::vector<SupplierSuggestion> out;
  out.reserve(groups.size());
  for (auto& g : groups) out.push_back(std::move(g.suggestion));
  return out;
}

}  // namespace wareflow::planning
