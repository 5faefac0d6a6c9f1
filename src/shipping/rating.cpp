#include "shipping/rating.h"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <functional>
#include <set>
#include <tuple>
#include <utility>

#include "core/error.h"
#include "core/json.h"
#include "core/time.h"

namespace wareflow::shipping {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;
// 9999-12-31T23:59:59.999Z: the last instant format_rfc3339 writes with four
// year digits, and far enough that any delivery estimate stays in range.
constexpr int64_t kLatestShipAtMs = 253'402'300'799'999;
constexpr int64_t kMaxTransitDays = 90;
constexpr int64_t kMaxDivisor = 1'000'000;
constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxPrefixLength = 16;
constexpr size_t kMaxPostalCodeLength = 32;
constexpr size_t kMaxServices = 100;
constexpr size_t kMaxZones = 500;
constexpr size_t kMaxAreas = 1'000;
constexpr size_t kMaxBrackets = 200;

std::string indexed(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string member(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Sides sorted longest first, so that "fits in some orientation" is a
// side-by-side comparison.
std::array<int64_t, 3> sorted_sides(int64_t a, int64_t b, int64_t c) {
  std::array<int64_t, 3> sides{a, b, c};
  std::sort(sides.begin(), sides.end(), std::greater<>());
  return sides;
}

bool is_currency_code(std::string_view text) {
  return text.size() == 3 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_postal_prefix(std::string_view text) {
  return text.size() <= kMaxPrefixLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

// The form prefixes are written in: uppercase, without the spaces and
// hyphens that countries put in the middle of postal codes.
std::string normalized_postal_code(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

void require_range(int64_t value, int64_t min, int64_t max, const std::string& field) {
  if (value < min || value > max) {
    throw_invalid_field(
        field, field + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
}

// ---------------------------------------------------------------------------
// Reading a carrier.

std::string read_code(const FieldReader& in, std::string_view key) {
  std::string code = in.required_string(key, 64);
  if (!is_code(code)) {
    throw_invalid_field(in.field_path(key),
                        in.field_path(key) + " must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  return code;
}

ZoneArea read_area(const FieldReader& in) {
  ZoneArea area;
  area.country = in.required_string("country", 16);
  if (!is_country_code(area.country)) {
    throw_invalid_field(in.field_path("country"),
                        in.field_path("country") + " must be an ISO 3166 code like DE");
  }
  area.postal_prefix = in.optional_string("postal_prefix", kMaxPrefixLength).value_or("");
  if (!is_postal_prefix(area.postal_prefix)) {
    throw_invalid_field(in.field_path("postal_prefix"),
                        in.field_path("postal_prefix") +
                            " must be uppercase letters and digits only, like 80 or SW1");
  }
  return area;
}

std::vector<RateBracket> read_rates(const FieldReader& in) {
  const auto& array = in.required_array("rates", kMaxBrackets);
  if (array.empty()) {
    throw_invalid_field(in.field_path("rates"), in.field_path("rates") + " needs a bracket");
  }
  std::vector<RateBracket> rates;
  for (size_t i = 0; i < array.size(); ++i) {
    FieldReader bracket = in.element("rates", array, i);
    RateBracket r;
    r.max_weight_g = bracket.required_int("max_weight_g", 1, kMaxWeightG);
    r.price_minor = bracket.required_int("price_minor", 0, kMaxPriceMinor);
    if (!rates.empty() && r.max_weight_g <= rates.back().max_weight_g) {
      throw_invalid_field(bracket.field_path("max_weight_g"),
                          bracket.field_path("max_weight_g") +
                              " must be above the previous bracket's " +
                              std::to_string(rates.back().max_weight_g));
    }
    if (!rates.empty() && r.price_minor < rates.back().price_minor) {
      throw_invalid_field(bracket.field_path("price_minor"),
                          bracket.field_path("price_minor") +
                              " must not be below the lighter bracket's " +
                              std::to_string(rates.back().price_minor));
    }
    rates.push_back(r);
  }
  return rates;
}

PackageLimits read_limits(const FieldReader& service) {
  PackageLimits limits;
  auto in = service.optional_object("limits");
  if (!in) return limits;
  limits.max_weight_g = in->optional_int("max_weight_g", 1, kMaxWeightG);
  limits.max_length_mm = in->optional_int("max_length_mm", 1, kMaxDimensionMm);
  limits.max_width_mm = in->optional_int("max_width_mm", 1, kMaxDimensionMm);
  limits.max_height_mm = in->optional_int("max_height_mm", 1, kMaxDimensionMm);
  // Sides compare sorted, so a stated side must not exceed a longer one.
  const std::array<std::pair<const char*, const std::optional<int64_t>*>, 3> sides{
      {{"max_length_mm", &limits.max_length_mm},
       {"max_width_mm", &limits.max_width_mm},
       {"max_height_mm", &limits.max_height_mm}}};
  for (size_t i = 1; i < sides.size(); ++i) {
    if (!*sides[i].second) continue;
    for (size_t j = 0; j < i; ++j) {
      if (*sides[j].second && **sides[i].second > **sides[j].second) {
        throw_invalid_field(
            in->field_path(sides[i].first),
            in->field_path(sides[i].first) + " must not exceed " + in->field_path(sides[j].first));
      }
    }
  }
  return limits;
}

Service read_service(const FieldReader& in) {
  Service s;
  s.code = read_code(in, "code");
  s.name = in.required_string("name", kMaxNameLength);
  s.transit_days = in.required_int("transit_days", 0, kMaxTransitDays);
  s.currency = in.required_string("currency", 16);
  if (!is_currency_code(s.currency)) {
    throw_invalid_field(in.field_path("currency"),
                        in.field_path("currency") + " must be an ISO 4217 code like EUR");
  }
  s.dimensional_divisor_cm3_per_kg =
      in.required_int("dimensional_divisor_cm3_per_kg", 0, kMaxDivisor);
  s.limits = read_limits(in);

  const auto& zones = in.required_array("zones", kMaxZones);
  if (zones.empty()) {
    throw_invalid_field(in.field_path("zones"), in.field_path("zones") + " needs a zone");
  }
  std::set<std::string> zone_codes;
  std::set<std::pair<std::string, std::string>> areas_seen;
  for (size_t z = 0; z < zones.size(); ++z) {
    FieldReader zone_in = in.element("zones", zones, z);
    Zone zone;
    zone.code = read_code(zone_in, "code");
    if (!zone_codes.insert(zone.code).second) {
      throw_invalid_field(zone_in.field_path("code"),
                          zone_in.field_path("code") + " repeats zone " + zone.code);
    }
    const auto& areas = zone_in.required_array("areas", kMaxAreas);
    if (areas.empty()) {
      throw_invalid_field(zone_in.field_path("areas"),
                          zone_in.field_path("areas") + " needs an area");
    }
    for (size_t a = 0; a < areas.size(); ++a) {
      FieldReader area_in = zone_in.element("areas", areas, a);
      ZoneArea area = read_area(area_in);
      // One destination must lie in one zone: the longest prefix decides
      // between prefixes, but nothing decides between two equal ones.
      if (!areas_seen.insert({area.country, area.postal_prefix}).second) {
        throw_invalid_field(area_in.field_path("postal_prefix"),
                            area_in.field_path("postal_prefix") + " " + area.country + " \"" +
                                area.postal_prefix + "\" is already listed in this service");
      }
      zone.areas.push_back(std::move(area));
    }
    zone.rates = read_rates(zone_in);
    s.zones.push_back(std::move(zone));
  }
  return s;
}

// ---------------------------------------------------------------------------
// Rating.

int64_t ceil_div(int64_t numerator, int64_t denominator) {
  return (numerator + denominator - 1) / denominator;
}

// Days since 1970-01-01 of a time at or after it.
int64_t epoch_day(int64_t at_ms) { return at_ms / kMsPerDay; }

// 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday.
int64_t weekday(int64_t day) { return (day + 3) % 7; }

void validate_destination(const Destination& destination) {
  if (!is_country_code(destination.country)) {
    throw_invalid_field("destination.country",
                        "destination.country must be an ISO 3166 code like DE");
  }
  if (destination.postal_code.size() > kMaxPostalCodeLength) {
    throw_invalid_field("destination.postal_code", "destination.postal_code is longer than " +
                                                       std::to_string(kMaxPostalCodeLength) +
                                                       " characters");
  }
}

void validate_packages(const std::vector<PackageSpec>& packages) {
  if (packages.empty()) throw_invalid_field("packages", "packages needs a package");
  if (packages.size() > kMaxPackages) {
    throw_invalid_field("packages",
                        "packages has more than " + std::to_string(kMaxPackages) + " items");
  }
  for (size_t i = 0; i < packages.size(); ++i) {
    const PackageSpec& p = packages[i];
    std::string path = indexed("packages", i);
    require_range(p.weight_g, 1, kMaxWeightG, member(path, "weight_g"));
    require_range(p.length_mm, 1, kMaxDimensionMm, member(path, "length_mm"));
    require_range(p.width_mm, 1, kMaxDimensionMm, member(path, "width_mm"));
    require_range(p.height_mm, 1, kMaxDimensionMm, member(path, "height_mm"));
  }
}

void validate_ship_at(int64_t ship_at_ms) {
  require_range(ship_at_ms, 0, kLatestShipAtMs, "ship_at");
}

// The zone a destination lies in: the area with the longest prefix that
// matches, across all the service's zones. Null when none matches.
const Zone* find_zone(const Service& service, const std::string& country,
                      const std::string& postal_code) {
  const Zone* best = nullptr;
  size_t best_length = 0;
  for (const Zone& zone : service.zones) {
    for (const ZoneArea& area : zone.areas) {
      if (area.country != country) continue;
      if (postal_code.compare(0, area.postal_prefix.size(), area.postal_prefix) != 0) continue;
      if (!best || area.postal_prefix.size() > best_length) {
        best = &zone;
        best_length = area.postal_prefix.size();
      }
    }
  }
  return best;
}

bool within_limits(const PackageLimits& limits, const PackageSpec& package) {
  if (limits.max_weight_g && package.weight_g > *limits.max_weight_g) return false;
  auto sides = sorted_sides(package.length_mm, package.width_mm, package.height_mm);
  if (limits.max_length_mm && sides[0] > *limits.max_length_mm) return false;
  if (limits.max_width_mm && sides[1] > *limits.max_width_mm) return false;
  if (limits.max_height_mm && sides[2] > *limits.max_height_mm) return false;
  return true;
}

// The bracket a billable weight falls in: the first whose maximum reaches it.
const RateBracket* find_bracket(const Zone& zone, int64_t billable_g) {
  auto it = std::lower_bound(
      zone.rates.begin(), zone.rates.end(), billable_g,
      [](const RateBracket& bracket, int64_t weight) { return bracket.max_weight_g < weight; });
  return it == zone.rates.end() ? nullptr : &*it;
}

std::optional<Quote> quote_service(const Carrier& carrier, const Service& service,
                                   const std::string& country, const std::string& postal_code,
                                   const std::vector<PackageSpec>& packages, int64_t ship_at_ms) {
  const Zone* zone = find_zone(service, country, postal_code);
  if (!zone) return std::nullopt;
  Quote quote;
  for (const PackageSpec& package : packages) {
    if (!within_limits(service.limits, package)) return std::nullopt;
    int64_t billable = billable_weight_g(package, service.dimensional_divisor_cm3_per_kg);
    const RateBracket* bracket = find_bracket(*zone, billable);
    if (!bracket) return std::nullopt;
    quote.price_minor += bracket->price_minor;
    quote.billable_weight_g += billable;
  }
  quote.carrier = carrier.code;
  quote.service = service.code;
  quote.currency = service.currency;
  quote.transit_business_days = service.transit_days;
  quote.ship_at_ms = ship_at_ms;
  quote.estimated_delivery_ms = estimated_delivery_ms(ship_at_ms, service.transit_days);
  quote.zone = zone->code;
  return quote;
}

std::string service_name(const Quote& quote) { return quote.carrier + "/" + quote.service; }

// ---------------------------------------------------------------------------
// Boxes.

void validate_box(const Box& box, const std::string& path) {
  if (!is_code(box.code)) {
    throw_invalid_field(member(path, "code"),
                        member(path, "code") + " must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  require_range(box.inner_length_mm, 1, kMaxDimensionMm, member(path, "inner_length_mm"));
  require_range(box.inner_width_mm, 1, kMaxDimensionMm, member(path, "inner_width_mm"));
  require_range(box.inner_height_mm, 1, kMaxDimensionMm, member(path, "inner_height_mm"));
  require_range(box.max_weight_g, 1, kMaxWeightG, member(path, "max_weight_g"));
  require_range(box.tare_weight_g, 0, kMaxWeightG, member(path, "tare_weight_g"));
  require_range(box.cost_minor, 0, kMaxPriceMinor, member(path, "cost_minor"));
}

void validate_item(const Item& item, const std::string& path) {
  require_range(item.length_mm, 1, kMaxDimensionMm, member(path, "length_mm"));
  require_range(item.width_mm, 1, kMaxDimensionMm, member(path, "width_mm"));
  require_range(item.height_mm, 1, kMaxDimensionMm, member(path, "height_mm"));
  require_range(item.weight_g, 1, kMaxWeightG, member(path, "weight_g"));
  require_range(item.quantity, 1, kMaxQuantity, member(path, "quantity"));
}

int64_t inner_volume_mm3(const Box& box) {
  return box.inner_length_mm * box.inner_width_mm * box.inner_height_mm;
}

}  // namespace

bool is_country_code(std::string_view text) {
  return text.size() == 2 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// ---------------------------------------------------------------------------
// Cartons.

std::optional<CartonSuggestion> suggest_box(const std::vector<Box>& boxes,
                                            const std::vector<Item>& items) {
  if (items.empty()) throw_invalid_field("items", "items needs an item");
  if (items.size() > kMaxItems) {
    throw_invalid_field("items", "items has more than " + std::to_string(kMaxItems) + " items");
  }
  if (boxes.size() > kMaxBoxes) {
    throw_invalid_field("boxes", "boxes has more than " + std::to_string(kMaxBoxes) + " items");
  }
  std::set<std::string> box_codes;
  for (size_t i = 0; i < boxes.size(); ++i) {
    validate_box(boxes[i], indexed("boxes", i));
    if (!box_codes.insert(boxes[i].code).second) {
      throw_invalid_field(indexed("boxes", i) + ".code",
                          indexed("boxes", i) + ".code repeats box " + boxes[i].code);
    }
  }
  // Up to 10^4 items of 10^6 units of 10^12 mm³: beyond int64, so in 128 bits.
  __int128 items_volume = 0;
  __int128 items_weight = 0;
  std::array<int64_t, 3> largest_sides{0, 0, 0};  // per rank, over all items
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    validate_item(item, indexed("items", i));
    items_volume +=
        static_cast<__int128>(item.length_mm * item.width_mm * item.height_mm) * item.quantity;
    items_weight += static_cast<__int128>(item.weight_g) * item.quantity;
    auto sides = sorted_sides(item.length_mm, item.width_mm, item.height_mm);
    for (size_t k = 0; k < 3; ++k) largest_sides[k] = std::max(largest_sides[k], sides[k]);
  }

  const Box* best = nullptr;
  for (const Box& box : boxes) {
    // Each item fits alone iff each of its sorted sides fits the box's; the
    // per-rank maxima over all items decide that for all of them at once.
    auto box_sides = sorted_sides(box.inner_length_mm, box.inner_width_mm, box.inner_height_mm);
    bool every_item_fits = true;
    for (size_t k = 0; k < 3; ++k) every_item_fits &= largest_sides[k] <= box_sides[k];
    if (!every_item_fits) continue;
    if (items_volume * 1000 > static_cast<__int128>(inner_volume_mm3(box)) * kFillFactorPermille) {
      continue;
    }
    if (items_weight + box.tare_weight_g > box.max_weight_g) continue;
    if (!best || std::tuple(box.cost_minor, inner_volume_mm3(box), box.code) <
                     std::tuple(best->cost_minor, inner_volume_mm3(*best), best->code)) {
      best = &box;
    }
  }
  if (!best) return std::nullopt;
  // The fits above bound both figures by the box's, well inside int64.
  return CartonSuggestion{best->code,
                          static_cast<int64_t>(items_volume * 1000 / inner_volume_mm3(*best)),
                          static_cast<int64_t>(items_weight) + best->tare_weight_g};
}

Box parse_box(const boost::json::object& object) {
  FieldReader in(object);
  Box box;
  box.code = read_code(in, "code");
  box.inner_length_mm = in.required_int("inner_length_mm", 1, kMaxDimensionMm);
  box.inner_width_mm = in.required_int("inner_width_mm", 1, kMaxDimensionMm);
  box.inner_height_mm = in.required_int("inner_height_mm", 1, kMaxDimensionMm);
  box.max_weight_g = in.required_int("max_weight_g", 1, kMaxWeightG);
  box.tare_weight_g = in.required_int("tare_weight_g", 0, kMaxWeightG);
  box.cost_minor = in.required_int("cost_minor", 0, kMaxPriceMinor);
  return box;
}

boost::json::object to_json(const Box& box) {
  return boost::json::object{{"code", box.code},
                             {"inner_length_mm", box.inner_length_mm},
                             {"inner_width_mm", box.inner_width_mm},
                             {"inner_height_mm", box.inner_height_mm},
                             {"max_weight_g", box.max_weight_g},
                             {"tare_weight_g", box.tare_weight_g},
                             {"cost_minor", box.cost_minor}};
}

// ---------------------------------------------------------------------------
// Weight check.

WeightCheck check_weight(int64_t expected_g, int64_t actual_g, int64_t tolerance_permille,
                         int64_t min_tolerance_g) {
  require_range(expected_g, 0, kMaxWeightG, "expected_g");
  require_range(actual_g, 0, kMaxWeightG, "actual_g");
  require_range(tolerance_permille, 0, 1000, "tolerance_permille");
  require_range(min_tolerance_g, 0, kMaxWeightG, "min_tolerance_g");
  WeightCheck check;
  check.expected_g = expected_g;
  check.actual_g = actual_g;
  check.tolerance_g = std::max(min_tolerance_g, expected_g * tolerance_permille / 1000);
  int64_t difference = actual_g > expected_g ? actual_g - expected_g : expected_g - actual_g;
  check.ok = difference <= check.tolerance_g;
  return check;
}

// ---------------------------------------------------------------------------
// Carriers.

Carrier parse_carrier(const boost::json::object& object) {
  FieldReader in(object);
  Carrier carrier;
  carrier.code = read_code(in, "code");
  carrier.name = in.required_string("name", kMaxNameLength);
  const auto& services = in.required_array("services", kMaxServices);
  if (services.empty()) throw_invalid_field("services", "services needs a service");
  std::set<std::string> service_codes;
  for (size_t i = 0; i < services.size(); ++i) {
    FieldReader service_in = in.element("services", services, i);
    Service service = read_service(service_in);
    if (!service_codes.insert(service.code).second) {
      throw_invalid_field(service_in.field_path("code"),
                          service_in.field_path("code") + " repeats service " + service.code);
    }
    carrier.services.push_back(std::move(service));
  }
  return carrier;
}

boost::json::object to_json(const Carrier& carrier) {
  boost::json::array services;
  for (const Service& service : carrier.services) {
    boost::json::array zones;
    for (const Zone& zone : service.zones) {
      boost::json::array areas;
      for (const ZoneArea& area : zone.areas) {
        areas.push_back(
            boost::json::object{{"country", area.country}, {"postal_prefix", area.postal_prefix}});
      }
      boost::json::array rates;
      for (const RateBracket& bracket : zone.rates) {
        rates.push_back(boost::json::object{{"max_weight_g", bracket.max_weight_g},
                                            {"price_minor", bracket.price_minor}});
      }
      zones.push_back(boost::json::object{
          {"code", zone.code}, {"areas", std::move(areas)}, {"rates", std::move(rates)}});
    }
    boost::json::object out{
        {"code", service.code},
        {"name", service.name},
        {"transit_days", service.transit_days},
        {"currency", service.currency},
        {"dimensional_divisor_cm3_per_kg", service.dimensional_divisor_cm3_per_kg}};
    boost::json::object limits;
    const PackageLimits& l = service.limits;
    if (l.max_weight_g) limits["max_weight_g"] = *l.max_weight_g;
    if (l.max_length_mm) limits["max_length_mm"] = *l.max_length_mm;
    if (l.max_width_mm) limits["max_width_mm"] = *l.max_width_mm;
    if (l.max_height_mm) limits["max_height_mm"] = *l.max_height_mm;
    if (!limits.empty()) out["limits"] = std::move(limits);
    out["zones"] = std::move(zones);
    services.push_back(std::move(out));
  }
  return boost::json::object{
      {"code", carrier.code}, {"name", carrier.name}, {"services", std::move(services)}};
}

// ---------------------------------------------------------------------------
// Quotes.

int64_t dimensional_weight_g(const PackageSpec& package, int64_t divisor_cm3_per_kg) {
  if (divisor_cm3_per_kg <= 0) return 0;
  // cm³ / (cm³/kg) = kg, and mm³ = cm³ / 1000, so mm³ / divisor is grams.
  int64_t volume_mm3 = package.length_mm * package.width_mm * package.height_mm;
  return ceil_div(volume_mm3, divisor_cm3_per_kg * kDimensionalWeightStepG) *
         kDimensionalWeightStepG;
}

int64_t billable_weight_g(const PackageSpec& package, int64_t divisor_cm3_per_kg) {
  return std::max(package.weight_g, dimensional_weight_g(package, divisor_cm3_per_kg));
}

int64_t estimated_delivery_ms(int64_t ship_at_ms, int64_t transit_business_days) {
  validate_ship_at(ship_at_ms);
  require_range(transit_business_days, 0, kMaxTransitDays, "transit_business_days");
  int64_t day = epoch_day(ship_at_ms);
  if (weekday(day) == 5) day += 2;       // Saturday: hand-over counts from Monday
  if (weekday(day) == 6) day += 1;       // Sunday
  day += transit_business_days / 5 * 7;  // whole weeks keep the weekday
  for (int64_t left = transit_business_days % 5; left > 0;) {
    ++day;
    if (weekday(day) < 5) --left;
  }
  return (day + 1) * kMsPerDay - 1;
}

std::vector<Quote> quote_all(const std::vector<Carrier>& carriers, const Destination& destination,
                             const std::vector<PackageSpec>& packages, int64_t ship_at_ms) {
  validate_destination(destination);
  validate_packages(packages);
  validate_ship_at(ship_at_ms);
  std::string postal_code = normalized_postal_code(destination.postal_code);
  std::vector<Quote> quotes;
  for (const Carrier& carrier : carriers) {
    for (const Service& service : carrier.services) {
      auto quote =
          quote_service(carrier, service, destination.country, postal_code, packages, ship_at_ms);
      if (quote) quotes.push_back(std::move(*quote));
    }
  }
  std::sort(quotes.begin(), quotes.end(), [](const Quote& a, const Quote& b) {
    return std::tie(a.currency, a.price_minor, a.transit_business_days, a.carrier, a.service) <
           std::tie(b.currency, b.price_minor, b.transit_business_days, b.carrier, b.service);
  });
  return quotes;
}

Quote rate_shop(const std::vector<Carrier>& carriers, const Destination& destination,
                const std::vector<PackageSpec>& packages, int64_t ship_at_ms,
                std::optional<int64_t> deliver_by_ms) {
  std::vector<Quote> quotes = quote_all(carriers, destination, packages, ship_at_ms);
  if (quotes.empty()) {
    std::string to = destination.country;
    if (!destination.postal_code.empty()) to += " " + destination.postal_code;
    throw_unprocessable("no_service", "no carrier service carries these " +
                                          std::to_string(packages.size()) + " package(s) to " + to);
  }
  std::vector<const Quote*> in_time;
  const Quote* earliest = nullptr;
  for (const Quote& quote : quotes) {
    if (!earliest ||
        std::tie(quote.estimated_delivery_ms, quote.carrier, quote.service) <
            std::tie(earliest->estimated_delivery_ms, earliest->carrier, earliest->service)) {
      earliest = &quote;
    }
    if (!deliver_by_ms || quote.estimated_delivery_ms <= *deliver_by_ms) in_time.push_back(&quote);
  }
  if (in_time.empty()) {
    throw_unprocessable("no_service_in_time", "no carrier service delivers by " +
                                                  format_rfc3339(*deliver_by_ms) +
                                                  "; the earliest delivery is " +
                                                  format_rfc3339(earliest->estimated_delivery_ms) +
                                                  " by " + service_name(*earliest));
  }
  std::set<std::string> currencies;
  for (const Quote* quote : in_time) currencies.insert(quote->currency);
  if (currencies.size() > 1) {
    std::string list;
    for (const auto& c : currencies) list += (list.empty() ? "" : ", ") + c;
    throw_unprocessable("mixed_currencies", "the services in time quote in several currencies (" +
                                                list +
                                                "), which do not compare without an exchange rate");
  }
  const Quote* best =
      *std::min_element(in_time.begin(), in_time.end(), [](const Quote* a, const Quote* b) {
        return std::tie(a->price_minor, a->estimated_delivery_ms, a->carrier, a->service) <
               std::tie(b->price_minor, b->estimated_delivery_ms, b->carrier, b->service);
      });
  return *best;
}

}  // namespace wareflow::shipping
