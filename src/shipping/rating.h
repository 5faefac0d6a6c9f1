// Shipping decisions: which carton to pack into, whether a packed carton
// weighs what it should, and what each carrier service charges for a shipment
// and when it arrives. Pure: plain structs in, decisions out; no store, clock
// or network. The store keeps carriers and boxes as the JSON of to_json() and
// hands them back to these functions.
//
// Guarantees:
//  - every refusal is a DomainError with a stable code: 422 `invalid_field`
//    naming the offending path (e.g. "services[0].zones[1].rates[2].max_weight_g"),
//    422 `no_service`, `no_service_in_time` or `mixed_currencies`;
//  - parse_carrier(to_json(c)) == c for every carrier parse_carrier accepts;
//  - results are deterministic: every ordering ends on codes, never on input
//    order or on memory;
//  - arithmetic cannot overflow: inputs are bounded (kMax* below) and sums
//    that could still grow beyond int64 are done in 128 bits.
//
// Units: money is int64 minor units next to an ISO 4217 currency code,
// weights are grams, lengths millimetres, times UTC epoch milliseconds.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wareflow::shipping {

// Bounds on every length, weight, count and price these functions accept.
// Ten metres and a thousand tonnes are beyond any parcel or carton; they are
// there so that no product or sum of accepted values can overflow.
inline constexpr int64_t kMaxDimensionMm = 10'000;
inline constexpr int64_t kMaxWeightG = 1'000'000'000;
inline constexpr int64_t kMaxPriceMinor = 1'000'000'000'000;
inline constexpr int64_t kMaxQuantity = 1'000'000;
inline constexpr size_t kMaxItems = 10'000;
inline constexpr size_t kMaxBoxes = 1'000;
inline constexpr size_t kMaxPackages = 1'000;

// ---------------------------------------------------------------------------
// Cartons.

struct Box {
  std::string code;
  int64_t inner_length_mm = 0;
  int64_t inner_width_mm = 0;
  int64_t inner_height_mm = 0;
  int64_t max_weight_g = 0;   // gross: contents plus the box itself
  int64_t tare_weight_g = 0;  // the empty box
  int64_t cost_minor = 0;     // what one box costs; currency is the site's
  bool operator==(const Box&) const = default;
};

struct Item {
  std::string sku;
  int64_t length_mm = 0;
  int64_t width_mm = 0;
  int64_t height_mm = 0;
  int64_t weight_g = 0;  // one unit
  int64_t quantity = 0;
};

struct CartonSuggestion {
  std::string box_code;
  int64_t fill_volume_permille = 0;  // items volume / box inner volume, rounded down
  int64_t gross_weight_g = 0;        // items plus tare
  bool operator==(const CartonSuggestion&) const = default;
};

// Items never fill a box completely: rigid shapes leave gaps between them and
// the packer adds void fill. A box whose inner volume the items would fill
// beyond 85 % rarely closes in practice, so suggest_box does not offer it.
inline constexpr int64_t kFillFactorPermille = 850;

// The cheapest box the items go into, then the smallest inner volume, then
// the lowest code. A box fits when
//  - the items' total volume is at most kFillFactorPermille of its inner volume,
//  - items plus tare weigh at most its max_weight_g, and
//  - every item fits on its own in some orientation that keeps its faces
//    parallel to the box's (its sides sorted are each at most the box's
//    sides sorted).
// This is a screening rule, not a packing: it can offer a box the items do not
// actually go into together. A true 3D packer that places each item is a later
// module. nullopt when no box fits. Refuses (invalid_field) no items, a
// non-positive side, weight or quantity, an invalid box or a repeated box code.
std::optional<CartonSuggestion> suggest_box(const std::vector<Box>& boxes,
                                            const std::vector<Item>& items);

// A box as the store keeps it; the same rules as suggest_box's boxes.
Box parse_box(const boost::json::object& object);
boost::json::object to_json(const Box& box);

// ---------------------------------------------------------------------------
// Weight check at the pack station: is the scale reading close enough to
// what the contents and the box should weigh?

struct WeightCheck {
  int64_t expected_g = 0;
  int64_t actual_g = 0;
  int64_t tolerance_g = 0;  // max(min_tolerance_g, expected_g * permille / 1000, rounded down)
  bool ok = false;          // |actual_g - expected_g| <= tolerance_g
  bool operator==(const WeightCheck&) const = default;
};

// The floor keeps light parcels from failing on scale noise, where a percentage
// of a few grams would be below the scale's resolution. Refuses (invalid_field)
// negative or out-of-range arguments, naming the parameter.
WeightCheck check_weight(int64_t expected_g, int64_t actual_g, int64_t tolerance_permille,
                         int64_t min_tolerance_g);

// ---------------------------------------------------------------------------
// Carriers, services and rate tables.

// A destination area of a zone: a whole country (empty prefix) or the postal
// codes of a country that begin with postal_prefix. Prefixes are uppercase
// letters and digits only; destination postal codes are compared uppercased
// and without spaces and hyphens, so "sw1a 1aa" lies in prefix "SW1".
struct ZoneArea {
  std::string country;        // ISO 3166-1 alpha-2, e.g. "DE"
  std::string postal_prefix;  // "" = the whole country
  bool operator==(const ZoneArea&) const = default;
};

// One weight bracket: packages up to and including max_weight_g (billable)
// cost price_minor. A zone's brackets ascend strictly by weight and never get
// cheaper as they get heavier (else adding ballast could save money).
struct RateBracket {
  int64_t max_weight_g = 0;
  int64_t price_minor = 0;
  bool operator==(const RateBracket&) const = default;
};

struct Zone {
  std::string code;
  std::vector<ZoneArea> areas;
  std::vector<RateBracket> rates;  // ascending; heavier than the last: not carried
  bool operator==(const Zone&) const = default;
};

// What a service takes per package; an absent limit does not limit. The sides
// compare orientation-free: the package's longest side against max_length_mm,
// middle against max_width_mm, shortest against max_height_mm, so a service
// stating them must state length >= width >= height. max_weight_g is actual
// (scale) weight, the weight a carrier's handlers lift.
struct PackageLimits {
  std::optional<int64_t> max_weight_g;
  std::optional<int64_t> max_length_mm;
  std::optional<int64_t> max_width_mm;
  std::optional<int64_t> max_height_mm;
  bool operator==(const PackageLimits&) const = default;
};

struct Service {
  std::string code;
  std::string name;
  int64_t transit_days = 0;  // business days (Mon-Fri) after the ship day; 0 = same day
  std::string currency;      // ISO 4217, of every price in the zones
  // Volume that bills as one kilogram, in cm³ per kg (5000 is common); 0 = the
  // service bills actual weight only.
  int64_t dimensional_divisor_cm3_per_kg = 0;
  PackageLimits limits;
  std::vector<Zone> zones;
  bool operator==(const Service&) const = default;
};

struct Carrier {
  std::string code;
  std::string name;
  std::vector<Service> services;
  bool operator==(const Carrier&) const = default;
};

// Reads and checks a carrier. Refuses with 422 invalid_field naming the path
// of the first offending field: codes (is_code), names (1-200 characters),
// countries (is_country_code), prefixes (0-16 of [A-Z0-9]), currencies (three
// uppercase letters), transit 0-90 days, divisor 0-1000000, at least one
// service, zone, area and bracket; no service code twice in a carrier, no zone
// code twice in a service, no (country, prefix) twice in a service (it would
// belong to two zones), brackets strictly ascending in weight and
// non-decreasing in price, limits within bounds and ordered as above.
// Unknown members are ignored.
Carrier parse_carrier(const boost::json::object& object);
// Every member parse_carrier reads; absent limits are left out.
boost::json::object to_json(const Carrier& carrier);

// Two uppercase ASCII letters. Whether ISO assigned the pair is not checked.
bool is_country_code(std::string_view text);

// ---------------------------------------------------------------------------
// Quotes and rate shopping.

struct Destination {
  std::string country;      // ISO 3166-1 alpha-2
  std::string postal_code;  // may be empty where a country has none
};

struct PackageSpec {
  int64_t weight_g = 0;
  int64_t length_mm = 0;
  int64_t width_mm = 0;
  int64_t height_mm = 0;
};

struct Quote {
  std::string carrier;
  std::string service;
  int64_t price_minor = 0;  // all packages together
  std::string currency;
  int64_t billable_weight_g = 0;  // all packages together
  int64_t transit_business_days = 0;
  int64_t ship_at_ms = 0;             // as given
  int64_t estimated_delivery_ms = 0;  // the last millisecond (23:59:59.999Z) of the delivery day
  std::string zone;
  bool operator==(const Quote&) const = default;
};

// Dimensional weight rounds up to this step: L x W x H / divisor is a
// fraction of a gram that no carrier bills, and whole 100 g keeps the billed
// figure stable against millimetre noise in the measurement. Actual weight is
// a scale reading in whole grams already and is not rounded.
inline constexpr int64_t kDimensionalWeightStepG = 100;

// L x W x H in cm³ / divisor in kg, in grams, rounded up to
// kDimensionalWeightStepG; 0 when the divisor is 0. The package must be within
// the kMax* bounds, as quote_all checks.
int64_t dimensional_weight_g(const PackageSpec& package, int64_t divisor_cm3_per_kg);
// max(actual, dimensional): what the rate table is read with.
int64_t billable_weight_g(const PackageSpec& package, int64_t divisor_cm3_per_kg);

// The delivery day of a shipment handed over at ship_at_ms, as the last
// millisecond of that UTC day. The ship day is the UTC date of ship_at_ms
// whatever the hour (carrier cut-off times are not modelled); a Saturday or
// Sunday ship day moves to the next Monday; transit_business_days then skips
// Saturdays and Sundays. Public holidays are not modelled. End of day because
// carriers promise a day, not an hour: a deadline is only surely met when the
// whole promised day lies before it, so to accept delivery any time on a day,
// pass that day's last millisecond as deliver_by. Refuses (invalid_field)
// a ship time outside years 1970-9999 ("ship_at") and transit outside 0-90
// days ("transit_business_days").
int64_t estimated_delivery_ms(int64_t ship_at_ms, int64_t transit_business_days);

// Every service that carries the shipment: its destination lies in one of
// the service's zones (the area with the longest matching prefix in the
// destination's country wins, across all of the service's zones), and every
// package is within the service's limits and its billable weight within the
// zone's last bracket. Price and billable weight are sums over the packages;
// each package is rated on its own. Sorted by currency, then price, then
// transit days, then carrier and service code (in one currency, as usual,
// simply by price then transit). Refuses (invalid_field) an invalid
// destination ("destination.country"), no packages ("packages"), a
// non-positive or out-of-range package field ("packages[1].height_mm") or a
// ship time outside years 1970-9999 ("ship_at"). Carriers must be as
// parse_carrier accepts them.
std::vector<Quote> quote_all(const std::vector<Carrier>& carriers, const Destination& destination,
                             const std::vector<PackageSpec>& packages, int64_t ship_at_ms);

// The cheapest quote delivered by deliver_by_ms (any quote when absent); equal
// prices go to the earlier delivery, then the lower carrier and service code.
// Refuses, after quote_all's own refusals, with 422
//  - no_service: no service carries the shipment at all;
//  - no_service_in_time: some do, none by deliver_by; the detail names the
//    earliest delivery any of them offers;
//  - mixed_currencies: the quotes in time are in more than one currency.
//    Prices in different currencies do not compare without an exchange rate,
//    which this core does not have; one currency among the quotes in time
//    (whatever the others quote in) is fine.
Quote rate_shop(const std::vector<Carrier>& carriers, const Destination& destination,
                const std::vector<PackageSpec>& packages, int64_t ship_at_ms,
                std::optional<int64_t> deliver_by_ms);

}  // namespace wareflow::shipping
