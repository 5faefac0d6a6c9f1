#include "wms/rules.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

#include "core/error.h"
#include "numeric/wide.h"

namespace wareflow::wms::rules {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;
// Longest count frequency accepted. A bound keeps daily_workload's exact
// fraction sum within 128 bits; a century is far past any real schedule.
constexpr int64_t kMaxFrequencyDays = 36525;

// 128-bit intermediates for products and sums of int64 that must stay exact
// (cumulative picks times permille, cross-multiplied ratios). GCC and Clang.
using Wide = numeric::Int128;

std::string indexed(std::string_view list, size_t index, std::string_view field) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(field);
}

void require_non_negative(int64_t value, const std::string& field) {
  if (value < 0) throw_invalid_field(field, field + " must not be negative");
}

void require_permille(int64_t value, const std::string& field) {
  if (value < 0 || value > 1000) throw_invalid_field(field, field + " must be 0-1000");
}

// --- putaway ---------------------------------------------------------------

void validate_request(const PutawayRequest& r) {
  require_non_negative(r.unit_volume_cm3, "unit_volume_cm3");
  require_non_negative(r.unit_weight_g, "unit_weight_g");
  if (r.quantity < 1) throw_invalid_field("quantity", "quantity must be at least 1");
}

void validate_candidate(const PutawayCandidate& c, const std::string& prefix) {
  auto field = [&](std::string_view name) { return prefix + std::string(name); };
  if (c.max_volume_cm3) require_non_negative(*c.max_volume_cm3, field("max_volume_cm3"));
  if (c.max_weight_g) require_non_negative(*c.max_weight_g, field("max_weight_g"));
  require_non_negative(c.used_volume_cm3, field("used_volume_cm3"));
  require_non_negative(c.used_weight_g, field("used_weight_g"));
  if (c.pick_face_max_units) {
    require_non_negative(*c.pick_face_max_units, field("pick_face_max_units"));
  }
  require_non_negative(c.units_of_product_here, field("units_of_product_here"));
}

bool takes_putaway(const std::string& type) { return type == "pick" || type == "storage"; }

// Whether `per_unit * quantity` more fits under `limit` on top of `used`.
// An overfull location (used > limit) takes nothing.
bool capacity_fits(const std::optional<int64_t>& limit, int64_t used, int64_t per_unit,
                   int64_t quantity) {
  if (!limit) return true;
  return Wide(per_unit) * quantity <= Wide(*limit) - used;
}

bool pick_face_fits(const PutawayRequest& r, const PutawayCandidate& c) {
  if (!c.is_fixed_pick_face_of_product || !c.pick_face_max_units) return true;
  return Wide(c.units_of_product_here) + r.quantity <= *c.pick_face_max_units;
}

std::optional<PutawayMismatch> mismatch(const PutawayRequest& r, const PutawayCandidate& c) {
  if (!takes_putaway(c.type)) return PutawayMismatch::wrong_type;
  if (c.holds_other_products && !r.allow_mixed_products) return PutawayMismatch::mixed_product;
  if (!capacity_fits(c.max_volume_cm3, c.used_volume_cm3, r.unit_volume_cm3, r.quantity) ||
      !capacity_fits(c.max_weight_g, c.used_weight_g, r.unit_weight_g, r.quantity) ||
      !pick_face_fits(r, c)) {
    return PutawayMismatch::full;
  }
  return std::nullopt;
}

Wide manhattan_mm(const PutawayRequest& r, const PutawayCandidate& c) {
  Wide dx = Wide(c.x_mm) - r.from_x_mm;
  Wide dy = Wide(c.y_mm) - r.from_y_mm;
  return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}

std::string wide_to_string(Wide v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  std::string digits;
  while (v != 0) {
    int d = static_cast<int>(v % 10);
    digits.push_back(static_cast<char>('0' + (d < 0 ? -d : d)));
    v /= 10;
  }
  if (negative) digits.push_back('-');
  return {digits.rbegin(), digits.rend()};
}

// --- counts ----------------------------------------------------------------

int64_t utc_day(int64_t at_ms) {
  // Floor, not truncation: a time before 1970 belongs to the earlier day.
  int64_t day = at_ms / kMsPerDay;
  if (at_ms % kMsPerDay < 0) --day;
  return day;
}

void validate_frequency(const CountFrequency& f) {
  for (auto [days, field] :
       {std::pair{f.a_days, "frequency.a_days"}, std::pair{f.b_days, "frequency.b_days"},
        std::pair{f.c_days, "frequency.c_days"}}) {
    if (days < 1 || days > kMaxFrequencyDays) {
      throw_invalid_field(
          field, std::string(field) + " must be 1-" + std::to_string(kMaxFrequencyDays) + " days");
    }
  }
}

void validate_locations(const std::vector<CountableLocation>& locations) {
  for (size_t i = 0; i < locations.size(); ++i) {
    char k = locations[i].abc_class;
    if (k != 'A' && k != 'B' && k != 'C') {
      std::string field = indexed("locations", i, "abc_class");
      throw_invalid_field(field, field + " must be 'A', 'B' or 'C'");
    }
  }
}

int64_t frequency_days(const CountFrequency& f, char abc_class) {
  return abc_class == 'A' ? f.a_days : abc_class == 'B' ? f.b_days : f.c_days;
}

}  // namespace

// --- putaway ---------------------------------------------------------------

std::string_view to_string(PutawayMismatch mismatch) {
  switch (mismatch) {
    case PutawayMismatch::wrong_type:
      return "wrong_type";
    case PutawayMismatch::mixed_product:
      return "mixed_product";
    case PutawayMismatch::full:
      return "full";
  }
  return "full";
}

std::optional<PutawayMismatch> why_not(const PutawayRequest& request,
                                       const PutawayCandidate& candidate) {
  validate_request(request);
  validate_candidate(candidate, "location.");
  return mismatch(request, candidate);
}

bool fits(const PutawayRequest& request, const PutawayCandidate& candidate) {
  return !why_not(request, candidate).has_value();
}

std::string explain_mismatch(const PutawayRequest& r, const PutawayCandidate& c) {
  auto reason = why_not(r, c);
  if (!reason) return {};
  const std::string units = std::to_string(r.quantity) + (r.quantity == 1 ? " unit" : " units");
  switch (*reason) {
    case PutawayMismatch::wrong_type:
      return c.code + " is a " + c.type + " location; putaway goes to pick or storage locations";
    case PutawayMismatch::mixed_product:
      return c.code + " holds other products and mixing products is not allowed";
    case PutawayMismatch::full:
      break;
  }
  if (!capacity_fits(c.max_volume_cm3, c.used_volume_cm3, r.unit_volume_cm3, r.quantity)) {
    Wide free = Wide(*c.max_volume_cm3) - c.used_volume_cm3;
    return c.code + " has " + wide_to_string(free < 0 ? 0 : free) + " cm³ free; " + units +
           (r.quantity == 1 ? " needs " : " need ") +
           wide_to_string(Wide(r.unit_volume_cm3) * r.quantity) + " cm³";
  }
  if (!capacity_fits(c.max_weight_g, c.used_weight_g, r.unit_weight_g, r.quantity)) {
    Wide free = Wide(*c.max_weight_g) - c.used_weight_g;
    return c.code + " can take " + wide_to_string(free < 0 ? 0 : free) + " g more; " + units +
           (r.quantity == 1 ? " weighs " : " weigh ") +
           wide_to_string(Wide(r.unit_weight_g) * r.quantity) + " g";
  }
  return c.code + " is the product's pick face for at most " +
         std::to_string(*c.pick_face_max_units) + " units and holds " +
         std::to_string(c.units_of_product_here) + "; " + units + " would exceed it";
}

std::optional<PutawayChoice> choose_putaway(const PutawayRequest& request,
                                            const std::vector<PutawayCandidate>& candidates) {
  validate_request(request);
  for (size_t i = 0; i < candidates.size(); ++i) {
    validate_candidate(candidates[i], indexed("candidates", i, ""));
  }

  // Nearest first, then code, then id: the same facts give the same location
  // whatever order the store returned them in.
  auto nearest = [&](auto&& eligible) -> const PutawayCandidate* {
    const PutawayCandidate* best = nullptr;
    Wide best_distance = 0;
    for (const auto& c : candidates) {
      if (!eligible(c) || mismatch(request, c)) continue;
      Wide d = manhattan_mm(request, c);
      if (!best || std::tie(d, c.code, c.location_id) <
                       std::tie(best_distance, best->code, best->location_id)) {
        best = &c;
        best_distance = d;
      }
    }
    return best;
  };
  auto choice = [&](const PutawayCandidate* c, const char* rule) -> std::optional<PutawayChoice> {
    if (!c) return std::nullopt;
    return PutawayChoice{c->location_id, rule, request.quantity};
  };

  // (a) The product's pick face: there is normally one, but a product may
  // have a face in each pick zone; then the nearest.
  if (auto c = nearest([](const PutawayCandidate& l) { return l.is_fixed_pick_face_of_product; })) {
    return choice(c, "pick_face");
  }
  // (b) Keep the lot together.
  if (auto c = nearest([](const PutawayCandidate& l) { return l.holds_same_product_and_lot; })) {
    return choice(c, "same_lot");
  }
  // (c) Anywhere of the requested zone and class with room.
  auto wanted = [&](const PutawayCandidate& l) {
    return (!request.zone || l.zone == request.zone) &&
           (!request.velocity_class || l.velocity_class == request.velocity_class);
  };
  return choice(nearest(wanted), "nearest_fit");
}

// --- ABC and the count plan --------------------------------------------------

std::map<int64_t, char> classify_abc(const std::vector<ItemVelocity>& items,
                                     int64_t a_share_permille, int64_t b_share_permille) {
  require_permille(a_share_permille, "a_share_permille");
  require_permille(b_share_permille, "b_share_permille");
  if (a_share_permille > b_share_permille) {
    throw_invalid_field("a_share_permille", "a_share_permille must not exceed b_share_permille");
  }
  std::set<int64_t> seen;
  Wide total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    require_non_negative(items[i].units_picked, indexed("items", i, "units_picked"));
    if (!seen.insert(items[i].product_id).second) {
      std::string field = indexed("items", i, "product_id");
      throw_invalid_field(
          field, "product " + std::to_string(items[i].product_id) + " is listed more than once");
    }
    total += items[i].units_picked;
  }

  std::vector<ItemVelocity> ranked = items;
  std::sort(ranked.begin(), ranked.end(), [](const ItemVelocity& x, const ItemVelocity& y) {
    return x.units_picked != y.units_picked ? x.units_picked > y.units_picked
                                            : x.product_id < y.product_id;
  });

  std::map<int64_t, char> classes;
  Wide before = 0;  // picks of the products ranked ahead
  for (const auto& item : ranked) {
    // Compare shares as before / total < share / 1000 without division.
    char k = 'C';
    if (item.units_picked > 0) {
      if (before * 1000 < total * a_share_permille) {
        k = 'A';
      } else if (before * 1000 < total * b_share_permille) {
        k = 'B';
      }
    }
    classes[item.product_id] = k;
    before += item.units_picked;
  }
  return classes;
}

int64_t daily_workload(const std::vector<CountableLocation>& locations,
                       const CountFrequency& frequency) {
  validate_frequency(frequency);
  validate_locations(locations);
  Wide n_a = 0, n_b = 0, n_c = 0;
  for (const auto& l : locations) {
    (l.abc_class == 'A' ? n_a : l.abc_class == 'B' ? n_b : n_c) += 1;
  }
  // n_a/a + n_b/b + n_c/c over the common denominator a*b*c, rounded up.
  const Wide a = frequency.a_days, b = frequency.b_days, c = frequency.c_days;
  const Wide numerator = n_a * b * c + n_b * a * c + n_c * a * b;
  const Wide denominator = a * b * c;
  return static_cast<int64_t>((numerator + denominator - 1) / denominator);
}

std::vector<int64_t> daily_count_plan(const std::vector<CountableLocation>& locations,
                                      const CountFrequency& frequency, int64_t today_ms,
                                      std::optional<int64_t> max_locations) {
  validate_frequency(frequency);
  validate_locations(locations);
  if (max_locations) require_non_negative(*max_locations, "max_locations");
  const int64_t cap = max_locations ? *max_locations : daily_workload(locations, frequency);
  const int64_t today = utc_day(today_ms);

  struct Due {
    const CountableLocation* location;
    bool never_counted;
    int64_t days_since;  // when counted
    int64_t days;        // the class's frequency
  };
  std::vector<Due> due;
  for (const auto& l : locations) {
    const int64_t days = frequency_days(frequency, l.abc_class);
    if (!l.last_counted_ms) {
      due.push_back({&l, true, 0, days});
      continue;
    }
    const int64_t since = today - utc_day(*l.last_counted_ms);
    if (since >= days) due.push_back({&l, false, since, days});
  }

  auto more_urgent = [](const Due& x, const Due& y) {
    if (x.never_counted != y.never_counted) return x.never_counted;
    if (!x.never_counted) {
      // x.since / x.days vs y.since / y.days, exactly.
      const Wide lhs = Wide(x.days_since) * y.days;
      const Wide rhs = Wide(y.days_since) * x.days;
      if (lhs != rhs) return lhs > rhs;
    }
    return std::tie(x.location->abc_class, x.location->code, x.location->location_id) <
           std::tie(y.location->abc_class, y.location->code, y.location->location_id);
  };
  std::sort(due.begin(), due.end(), more_urgent);

  std::vector<int64_t> plan;
  const size_t take = std::min(due.size(), static_cast<size_t>(cap));
  plan.reserve(take);
  for (size_t i = 0; i < take; ++i) plan.push_back(due[i].location->location_id);
  return plan;
}

// --- variance and accuracy ---------------------------------------------------

int64_t allowed_variance(int64_t expected, const VarianceTolerance& tolerance) {
  require_non_negative(expected, "expected");
  require_non_negative(tolerance.units, "tolerance.units");
  require_permille(tolerance.permille, "tolerance.permille");
  const int64_t share = static_cast<int64_t>(Wide(expected) * tolerance.permille / 1000);
  return std::max(tolerance.units, share);
}

std::string_view to_string(CountVerdict verdict) {
  switch (verdict) {
    case CountVerdict::accept:
      return "accept";
    case CountVerdict::recount:
      return "recount";
    case CountVerdict::needs_approval:
      return "needs_approval";
  }
  return "needs_approval";
}

CountVerdict judge_count(int64_t expected, int64_t counted, int attempt,
                         const VarianceTolerance& tolerance, int max_attempts) {
  require_non_negative(counted, "counted");
  if (attempt < 1) throw_invalid_field("attempt", "attempt must be at least 1");
  if (max_attempts < 1) throw_invalid_field("max_attempts", "max_attempts must be at least 1");
  const int64_t allowed = allowed_variance(expected, tolerance);
  // Both are non-negative, so the difference cannot overflow.
  const int64_t variance = counted > expected ? counted - expected : expected - counted;
  if (variance <= allowed) return CountVerdict::accept;
  return attempt < max_attempts ? CountVerdict::recount : CountVerdict::needs_approval;
}

namespace {

void validate_accuracy(const AccuracyInput& in) {
  require_non_negative(in.locations_counted, "locations_counted");
  require_non_negative(in.locations_exact, "locations_exact");
  require_non_negative(in.units_expected, "units_expected");
  require_non_negative(in.units_abs_variance, "units_abs_variance");
  if (in.locations_exact > in.locations_counted) {
    throw_invalid_field("locations_exact", "locations_exact must not exceed locations_counted");
  }
}

}  // namespace

double inventory_record_accuracy(const AccuracyInput& input) {
  validate_accuracy(input);
  if (input.locations_counted == 0) return 1.0;
  return static_cast<double>(input.locations_exact) / static_cast<double>(input.locations_counted);
}

double unit_accuracy(const AccuracyInput& input) {
  validate_accuracy(input);
  if (input.units_expected == 0) return input.units_abs_variance == 0 ? 1.0 : 0.0;
  if (input.units_abs_variance >= input.units_expected) return 0.0;
  return 1.0 -
         static_cast<double>(input.units_abs_variance) / static_cast<double>(input.units_expected);
}

}  // namespace wareflow::wms::rules
