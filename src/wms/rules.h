// Warehouse decision rules: where received goods go (putaway), which
// locations to count today (ABC classes and the cycle-count plan), and what a
// count's variance means (accept, recount, approval) and how accurate the
// records are. Pure: the WMS services load the facts from the store and call
// these; no store, clock or network here, so the same facts always give the
// same decision and each rule is tested on its own.
//
// Guarantees:
//  - every function is deterministic; every ordering has a final tie-break
//    (location code, then id; or product id), never input order;
//  - choose_putaway only ever returns a location for which fits() is true, and
//    it never splits the quantity: the whole quantity goes to one location;
//  - daily_count_plan returns only due locations, each once, at most the cap;
//  - classify_abc gives every product exactly one class, and a product never
//    sits in a lower class than one with fewer picks;
//  - nonsense input (negative quantities or capacities, zero frequency days,
//    permille outside 0..1000, attempt < 1, ...) is refused with DomainError
//    422 `invalid_field`, naming the field ("candidates[2].used_volume_cm3").
//
// Units as everywhere in Wareflow: quantities in units (int64), times in UTC
// epoch milliseconds, volumes in cm³, weights in g, coordinates in mm.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wareflow::wms::rules {

// ---------------------------------------------------------------------------
// Putaway
//
// Rules, first that yields a location wins:
//  (a) pick_face   the product's fixed pick face, if the whole quantity fits
//                  (its units stay within pick_face_max_units, and volume and
//                  weight fit);
//  (b) same_lot    the nearest location already holding the same product and
//                  lot where the whole quantity fits: one lot stays together,
//                  so picks and recalls visit fewer places;
//  (c) nearest_fit the nearest empty or part-full location of the requested
//                  zone and velocity class (each only when the request names
//                  one) where the whole quantity fits.
// The zone and class filter only (c): the pick face and the lot's locations
// are where the product already lives, and consolidating there beats moving a
// lot into its ideal slot. Only types "pick" and "storage" take putaway.
// A location holding other products is used only when allow_mixed_products;
// another lot of the same product is no obstacle.
//
// Distance is Manhattan, |dx| + |dy| from (from_x_mm, from_y_mm), not the
// router's aisle-aware walk (optimize/routing.h), for two reasons. The router
// works on aisle and cell indices of a WarehouseLayout these rules are not
// given. And putaway trips start at the dock or receiving area, on the front
// cross aisle: from any point on a cross aisle the shortest walk to a location
// IS |dx| + |dy| (along the cross aisle, then up the aisle), so the ranking is
// exact there. From a start inside an aisle it underestimates by the detour to
// a cross aisle; the choice may then be a near-best instead of the best, never
// a location that does not fit. Levels (height) are not distance: equally
// near locations fall to the code order, which in generated layouts
// (A01-001-1 before A01-001-2) puts the lower level first.
//
// The candidate has no field for "ANOTHER product's fixed pick face": the
// caller leaves such a location out, or marks it holds_other_products so that
// it is not chosen (unless mixing is allowed) and an operator's scan of it is
// refused as mixed_product. Locations without coordinates have no fair
// distance: the caller's placeholder decides where they rank.

struct PutawayCandidate {
  int64_t location_id = 0;
  std::string code;
  std::string type;  // "pick", "storage", ...; others are never chosen
  std::optional<std::string> zone;
  std::optional<std::string> velocity_class;  // "A", "B", "C"
  int64_t x_mm = 0, y_mm = 0;
  std::optional<int64_t> max_volume_cm3, max_weight_g;  // nullopt = unlimited
  int64_t used_volume_cm3 = 0, used_weight_g = 0;       // what is there now
  bool holds_same_product_and_lot = false;
  bool holds_other_products = false;
  bool holds_same_product_other_lot = false;
  bool is_fixed_pick_face_of_product = false;  // the product's assigned pick face
  std::optional<int64_t> pick_face_max_units;  // the face's max; nullopt = no unit limit
  int64_t units_of_product_here = 0;           // all lots of the product
};

struct PutawayRequest {
  int64_t unit_volume_cm3 = 0, unit_weight_g = 0;  // 0 = unknown, takes no room
  int64_t quantity = 0;                            // at least 1
  std::optional<std::string> zone;                 // rule (c) only
  std::optional<std::string> velocity_class;       // rule (c) only
  int64_t from_x_mm = 0, from_y_mm = 0;
  bool allow_mixed_products = false;
};

struct PutawayChoice {
  int64_t location_id = 0;
  std::string rule;      // "pick_face", "same_lot", "nearest_fit"
  int64_t quantity = 0;  // always the request's whole quantity
};

// The location for the whole quantity, or nullopt when none fits (the caller
// then splits the quantity or leaves it in receiving).
std::optional<PutawayChoice> choose_putaway(const PutawayRequest& request,
                                            const std::vector<PutawayCandidate>& candidates);

// Why a location cannot take the whole quantity. Codes are stable: a service
// refusing an operator's scanned location puts them in its error.
enum class PutawayMismatch {
  wrong_type,     // not a "pick" or "storage" location
  mixed_product,  // holds other products and mixing is not allowed
  full,           // volume, weight or the pick face's unit maximum exceeded
};
std::string_view to_string(PutawayMismatch mismatch);  // "wrong_type", ...

// Whether the location can legally take the whole quantity: type, product
// mixing and capacity. Zone, velocity class and distance are preferences of
// choose_putaway, not part of fitting: an operator who scans another fitting
// location may put the goods there.
bool fits(const PutawayRequest& request, const PutawayCandidate& candidate);

// nullopt when fits(); else the first reason, checked in the enum's order.
std::optional<PutawayMismatch> why_not(const PutawayRequest& request,
                                       const PutawayCandidate& candidate);

// A sentence for the error detail ("A01-001-1 has 2000 cm³ free; 3 units need
// 3000 cm³"); empty when the location fits.
std::string explain_mismatch(const PutawayRequest& request, const PutawayCandidate& candidate);

// ---------------------------------------------------------------------------
// ABC classification and the daily cycle-count plan

struct ItemVelocity {
  int64_t product_id = 0;
  int64_t units_picked = 0;  // over the lookback window; >= 0
};

// Pareto classes by cumulative share of picks. Products are ranked by picks,
// most first (ties by product id); a product is A while the picks of the
// products ranked before it are below a_share_permille of all picks, else B
// while below b_share_permille, else C. So the product that straddles a
// boundary belongs to the higher class: the A class is the fewest top
// products that together reach the A share. Products with no picks are C
// (also when no product has picks). Product ids must be unique.
// a_share_permille <= b_share_permille, both 0..1000.
std::map<int64_t, char> classify_abc(const std::vector<ItemVelocity>& items,
                                     int64_t a_share_permille = 800,
                                     int64_t b_share_permille = 950);

// How often each class is counted, in days; each 1..36525 (100 years).
struct CountFrequency {
  int64_t a_days = 30, b_days = 90, c_days = 365;
};

struct CountableLocation {
  int64_t location_id = 0;
  std::string code;
  char abc_class = 'C';                    // 'A', 'B' or 'C'
  std::optional<int64_t> last_counted_ms;  // nullopt = never counted
};

// Location ids to count today, in order of urgency. A location is due when it
// was never counted, or when the UTC date of its last count plus its class's
// frequency in days is on or before today's UTC date (counted on Monday with
// a 1-day frequency: due Tuesday, whatever the hour).
//
// Order: never-counted locations first (A, then B, then C); then by overdue
// ratio, days since the count / frequency days, largest first; equal ratios A
// before B before C; then by code. Taking the most overdue first spreads the
// work: a backlog is worked off at the cap's pace, oldest debt first, and no
// location waits behind ones counted more recently than it.
//
// max_locations caps the plan; nullopt uses daily_workload(locations), the
// steady pace that keeps every location on schedule. To take everything due,
// pass locations.size().
std::vector<int64_t> daily_count_plan(const std::vector<CountableLocation>& locations,
                                      const CountFrequency& frequency, int64_t today_ms,
                                      std::optional<int64_t> max_locations);

// Locations to count per working day so that each is counted once per its
// class's frequency: ceil(sum over locations of 1 / frequency_days), exact.
int64_t daily_workload(const std::vector<CountableLocation>& locations,
                       const CountFrequency& frequency);

// ---------------------------------------------------------------------------
// Count variance and record accuracy

// A count matches when |counted - expected| <= allowed_variance(), that is
// max(units, floor(expected * permille / 1000)). Flooring never allows more
// than the stated share.
struct VarianceTolerance {
  int64_t units = 0;     // >= 0
  int64_t permille = 0;  // 0..1000
};

int64_t allowed_variance(int64_t expected, const VarianceTolerance& tolerance);

enum class CountVerdict {
  // Within tolerance: the count is accepted and the difference, if any, is
  // posted as an adjustment automatically, without approval. The tolerance
  // is exactly the loss a site accepts without a second look.
  accept,
  // Outside tolerance before the last attempt: count again, blind (the
  // counter is not shown the expected figure or the first count), ideally by
  // another counter, so one miscount is not confirmed by the same eyes.
  recount,
  // Outside tolerance on the last attempt: a manager approves the count
  // (posting the difference) or rejects it (the record stands).
  needs_approval,
};
std::string_view to_string(CountVerdict verdict);  // "accept", "recount", "needs_approval"

// attempt is 1-based; an attempt at or past max_attempts is the last one.
// expected, counted >= 0; attempt, max_attempts >= 1.
CountVerdict judge_count(int64_t expected, int64_t counted, int attempt,
                         const VarianceTolerance& tolerance, int max_attempts = 2);

struct AccuracyInput {
  int64_t locations_counted = 0;
  int64_t locations_exact = 0;     // counted locations whose count equalled the record
  int64_t units_expected = 0;      // sum of the records' quantities at those locations
  int64_t units_abs_variance = 0;  // sum of |counted - expected|
};

// Inventory record accuracy (IRA): locations_exact / locations_counted, the
// share of counted locations whose record was EXACTLY right. Exact, not
// within tolerance: tolerance decides what is posted without approval; it does
// not make a wrong record right, and an exact IRA is comparable across sites
// with different tolerances. 1.0 when nothing was counted (no evidence of an
// error): show locations_counted next to it.
double inventory_record_accuracy(const AccuracyInput& input);

// 1 - units_abs_variance / units_expected, floored at 0. With nothing
// expected: 1.0 when nothing was found either, else 0.0.
double unit_accuracy(const AccuracyInput& input);

}  // namespace wareflow::wms::rules
