#include "shipping/rating.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>
#include <map>
#include <set>

#include "core/error.h"
#include "core/time.h"

namespace wareflow::shipping {
namespace {

int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// The code of the DomainError `call` throws, or "(none)".
template <typename F>
std::string refusal_code(F&& call) {
  try {
    call();
  } catch (const DomainError& e) {
    return e.code();
  }
  return "(none)";
}

template <typename F>
std::string refused_field(F&& call) {
  try {
    call();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "invalid_field");
    return e.field();
  }
  return "(accepted)";
}

Zone zone(std::string code, std::vector<ZoneArea> areas, std::vector<RateBracket> rates) {
  return Zone{std::move(code), std::move(areas), std::move(rates)};
}

Service service(std::string code, int64_t transit_days, std::vector<Zone> zones,
                int64_t divisor = 0, std::string currency = "EUR") {
  Service s;
  s.code = code;
  s.name = "Service " + code;
  s.transit_days = transit_days;
  s.currency = std::move(currency);
  s.dimensional_divisor_cm3_per_kg = divisor;
  s.zones = std::move(zones);
  return s;
}

Carrier carrier(std::string code, std::vector<Service> services) {
  return Carrier{code, "Carrier " + code, std::move(services)};
}

// One service to the whole of Germany: up to 1 kg for 5.00, up to 2 kg for 7.00.
Carrier germany_only(int64_t transit_days = 2, int64_t divisor = 0) {
  return carrier("dhl", {service("paket", transit_days,
                                 {zone("de", {{"DE", ""}}, {{1000, 500}, {2000, 700}})}, divisor)});
}

PackageSpec parcel(int64_t weight_g, int64_t l = 100, int64_t w = 100, int64_t h = 100) {
  return PackageSpec{weight_g, l, w, h};
}

const Destination kBerlin{"DE", "10115"};
// A Monday, mid-morning.
const int64_t kMonday = at("2026-03-02T09:30:00Z");

// ---------------------------------------------------------------------------
// Dimensional weight.

TEST(DimensionalWeight, BeatsActualWeightForALightBigBox) {
  // 40 x 30 x 30 cm = 36000 cm³ / 5000 = 7.2 kg, though it weighs 1 kg.
  PackageSpec big_light = parcel(1000, 400, 300, 300);
  EXPECT_EQ(dimensional_weight_g(big_light, 5000), 7200);
  EXPECT_EQ(billable_weight_g(big_light, 5000), 7200);
  Carrier c = carrier(
      "ups",
      {service("std", 1, {zone("de", {{"DE", ""}}, {{1000, 500}, {5000, 900}, {10000, 1500}})},
               5000)});
  auto quotes = quote_all({c}, kBerlin, {big_light}, kMonday);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].billable_weight_g, 7200);
  EXPECT_EQ(quotes[0].price_minor, 1500);
}

TEST(DimensionalWeight, ActualWeightWinsForADenseBox) {
  PackageSpec dense = parcel(4000, 200, 100, 100);  // 0.4 kg dimensional
  EXPECT_EQ(dimensional_weight_g(dense, 5000), 400);
  EXPECT_EQ(billable_weight_g(dense, 5000), 4000);
}

TEST(DimensionalWeight, RoundsUpToTheNext100Grams) {
  // 101 x 100 x 100 mm = 1010 cm³ / 5000 = 202 g -> 300 g; an exact 200 g stays.
  EXPECT_EQ(dimensional_weight_g(parcel(1, 101, 100, 100), 5000), 300);
  EXPECT_EQ(dimensional_weight_g(parcel(1, 100, 100, 100), 5000), 200);
}

TEST(DimensionalWeight, DivisorZeroBillsActualWeightOnly) {
  PackageSpec big_light = parcel(1000, 400, 300, 300);
  EXPECT_EQ(dimensional_weight_g(big_light, 0), 0);
  EXPECT_EQ(billable_weight_g(big_light, 0), 1000);
}

// ---------------------------------------------------------------------------
// Zones.

Carrier zoned_carrier() {
  return carrier("dpd", {service("classic", 1,
                                 {zone("rest", {{"DE", ""}}, {{5000, 900}}),
                                  zone("south", {{"DE", "8"}, {"AT", ""}}, {{5000, 800}}),
                                  zone("munich", {{"DE", "80"}}, {{5000, 700}}),
                                  zone("london", {{"GB", "SW1"}}, {{5000, 1500}})})});
}

std::string zone_for(const Destination& destination) {
  auto quotes = quote_all({zoned_carrier()}, destination, {parcel(500)}, kMonday);
  return quotes.empty() ? "(none)" : quotes[0].zone;
}

TEST(Zones, LongestPrefixWinsAcrossZones) {
  EXPECT_EQ(zone_for({"DE", "80331"}), "munich");
  EXPECT_EQ(zone_for({"DE", "81241"}), "south");
  EXPECT_EQ(zone_for({"DE", "10115"}), "rest");
  EXPECT_EQ(zone_for({"DE", ""}), "rest");
  EXPECT_EQ(zone_for({"AT", "1010"}), "south");
  EXPECT_EQ(zone_for({"FR", "75001"}), "(none)");
}

TEST(Zones, PostalCodesCompareUppercaseWithoutSpacesAndHyphens) {
  EXPECT_EQ(zone_for({"GB", "sw1a 1aa"}), "london");
  EXPECT_EQ(zone_for({"GB", "S-W1A"}), "london");
  EXPECT_EQ(zone_for({"GB", "SE1 7PB"}), "(none)");
}

// ---------------------------------------------------------------------------
// Brackets, limits, several packages.

std::optional<int64_t> price_for(const Carrier& c, int64_t weight_g) {
  auto quotes = quote_all({c}, kBerlin, {parcel(weight_g)}, kMonday);
  if (quotes.empty()) return std::nullopt;
  return quotes[0].price_minor;
}

TEST(Brackets, TheMaximumIsInsideItsBracket) {
  Carrier c = germany_only();
  EXPECT_EQ(price_for(c, 1), 500);
  EXPECT_EQ(price_for(c, 1000), 500);
  EXPECT_EQ(price_for(c, 1001), 700);
  EXPECT_EQ(price_for(c, 2000), 700);
  EXPECT_EQ(price_for(c, 2001), std::nullopt);
}

TEST(Limits, APackageBeyondTheServiceLimitsIsNotCarried) {
  Carrier c = germany_only();
  c.services[0].limits = PackageLimits{1500, 600, 400, 300};
  EXPECT_EQ(price_for(c, 1500), 700);
  EXPECT_EQ(price_for(c, 1501), std::nullopt);  // within the rates, over the limit
  auto carried = [&](PackageSpec p) { return !quote_all({c}, kBerlin, {p}, kMonday).empty(); };
  EXPECT_TRUE(carried(parcel(100, 600, 400, 300)));
  EXPECT_TRUE(carried(parcel(100, 300, 600, 400)));  // any orientation
  EXPECT_FALSE(carried(parcel(100, 601, 10, 10)));
  EXPECT_FALSE(carried(parcel(100, 500, 500, 10)));   // middle side 500 > 400
  EXPECT_FALSE(carried(parcel(100, 310, 310, 310)));  // shortest side 310 > 300
}

TEST(Packages, ShipmentPriceIsTheSumOverPackages) {
  auto quotes =
      quote_all({germany_only()}, kBerlin, {parcel(800), parcel(1500), parcel(1000)}, kMonday);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].price_minor, 500 + 700 + 500);
  EXPECT_EQ(quotes[0].billable_weight_g, 3300);
  EXPECT_EQ(quotes[0].currency, "EUR");
  EXPECT_EQ(quotes[0].zone, "de");
  EXPECT_EQ(quotes[0].carrier, "dhl");
  EXPECT_EQ(quotes[0].service, "paket");
  EXPECT_EQ(quotes[0].ship_at_ms, kMonday);
}

TEST(Packages, OnePackageTooHeavyMakesTheServiceUnfit) {
  EXPECT_TRUE(quote_all({germany_only()}, kBerlin, {parcel(800), parcel(2001)}, kMonday).empty());
}

TEST(Packages, RefusesNoPackagesAndNonPositiveSides) {
  Carrier c = germany_only();
  EXPECT_EQ(refused_field([&] { quote_all({c}, kBerlin, {}, kMonday); }), "packages");
  EXPECT_EQ(refused_field([&] { rate_shop({c}, kBerlin, {}, kMonday, std::nullopt); }), "packages");
  EXPECT_EQ(refused_field([&] {
              quote_all({c}, kBerlin, {parcel(1), parcel(1, 10, 10, 0)}, kMonday);
            }),
            "packages[1].height_mm");
  EXPECT_EQ(refused_field([&] { quote_all({c}, kBerlin, {parcel(1, -5, 10, 10)}, kMonday); }),
            "packages[0].length_mm");
  EXPECT_EQ(refused_field([&] { quote_all({c}, kBerlin, {parcel(1, 10, 0, 10)}, kMonday); }),
            "packages[0].width_mm");
  EXPECT_EQ(refused_field([&] { quote_all({c}, kBerlin, {parcel(0)}, kMonday); }),
            "packages[0].weight_g");
  EXPECT_EQ(refused_field([&] {
              rate_shop({c}, kBerlin, {parcel(1, kMaxDimensionMm + 1, 1, 1)}, kMonday, {});
            }),
            "packages[0].length_mm");
  EXPECT_EQ(refused_field([&] {
              quote_all({c}, {"de", "10115"}, {parcel(1)}, kMonday);
            }),
            "destination.country");
  EXPECT_EQ(refused_field([&] { quote_all({c}, kBerlin, {parcel(1)}, -1); }), "ship_at");
}

// ---------------------------------------------------------------------------
// Delivery dates.

TEST(Delivery, FridayPlusOneBusinessDayIsMonday) {
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-06T16:00:00Z"), 1), at("2026-03-09T23:59:59.999Z"));
}

TEST(Delivery, CountsBusinessDaysAndEndsTheDay) {
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-06T00:00:00Z"), 0), at("2026-03-06T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-05T23:59:59.999Z"), 2),
            at("2026-03-09T23:59:59.999Z"));  // Thursday + 2 = Monday
  EXPECT_EQ(estimated_delivery_ms(kMonday, 4), at("2026-03-06T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(kMonday, 5), at("2026-03-09T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-06T12:00:00Z"), 5), at("2026-03-13T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-04T12:00:00Z"), 12),
            at("2026-03-20T23:59:59.999Z"));  // Wednesday + 12 = Friday two weeks on
}

TEST(Delivery, AWeekendShipDayCountsFromMonday) {
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-07T10:00:00Z"), 0), at("2026-03-09T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-07T10:00:00Z"), 1), at("2026-03-10T23:59:59.999Z"));
  EXPECT_EQ(estimated_delivery_ms(at("2026-03-08T23:00:00Z"), 1), at("2026-03-10T23:59:59.999Z"));
}

TEST(Delivery, RefusesTimesAndTransitOutOfRange) {
  EXPECT_EQ(refused_field([] { estimated_delivery_ms(-1, 1); }), "ship_at");
  EXPECT_EQ(refused_field([] { estimated_delivery_ms(kMonday, -1); }), "transit_business_days");
}

TEST(Delivery, QuotesCarryTheEstimate) {
  auto quotes = quote_all({germany_only(1)}, kBerlin, {parcel(100)}, at("2026-03-06T16:00:00Z"));
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].transit_business_days, 1);
  EXPECT_EQ(format_rfc3339(quotes[0].estimated_delivery_ms), "2026-03-09T23:59:59.999Z");
}

// ---------------------------------------------------------------------------
// Rate shopping.

// A cheap slow service and a dear fast one.
std::vector<Carrier> slow_and_fast() {
  return {carrier("post", {service("economy", 5, {zone("de", {{"DE", ""}}, {{5000, 400}})})}),
          carrier("courier", {service("express", 1, {zone("de", {{"DE", ""}}, {{5000, 1900}})})})};
}

TEST(RateShop, WithoutADeadlineTheCheaperSlowServiceWins) {
  Quote q = rate_shop(slow_and_fast(), kBerlin, {parcel(1000)}, kMonday, std::nullopt);
  EXPECT_EQ(q.carrier, "post");
  EXPECT_EQ(q.service, "economy");
  EXPECT_EQ(q.price_minor, 400);
  EXPECT_EQ(q.estimated_delivery_ms, at("2026-03-09T23:59:59.999Z"));
}

TEST(RateShop, ATightDeadlineTakesTheFasterService) {
  Quote q =
      rate_shop(slow_and_fast(), kBerlin, {parcel(1000)}, kMonday, at("2026-03-03T23:59:59.999Z"));
  EXPECT_EQ(q.carrier, "courier");
  EXPECT_EQ(q.service, "express");
  EXPECT_EQ(q.price_minor, 1900);
  // A deadline exactly at the slow service's promise is met.
  EXPECT_EQ(
      rate_shop(slow_and_fast(), kBerlin, {parcel(1000)}, kMonday, at("2026-03-09T23:59:59.999Z"))
          .service,
      "economy");
}

TEST(RateShop, EqualPricesGoToTheFasterThenToTheLowerCode) {
  std::vector<Carrier> carriers = {
      carrier("b", {service("slow", 3, {zone("de", {{"DE", ""}}, {{5000, 500}})}),
                    service("fast", 1, {zone("de", {{"DE", ""}}, {{5000, 500}})})}),
      carrier("a", {service("fast", 1, {zone("de", {{"DE", ""}}, {{5000, 500}})})})};
  Quote q = rate_shop(carriers, kBerlin, {parcel(1000)}, kMonday, std::nullopt);
  EXPECT_EQ(q.carrier, "a");
  EXPECT_EQ(q.service, "fast");
  auto quotes = quote_all(carriers, kBerlin, {parcel(1000)}, kMonday);
  ASSERT_EQ(quotes.size(), 3u);
  EXPECT_EQ(quotes[0].carrier + "/" + quotes[0].service, "a/fast");
  EXPECT_EQ(quotes[1].carrier + "/" + quotes[1].service, "b/fast");
  EXPECT_EQ(quotes[2].carrier + "/" + quotes[2].service, "b/slow");
}

TEST(RateShop, NoServiceWhenNobodyCarriesTheShipment) {
  EXPECT_EQ(refusal_code([] {
              rate_shop(slow_and_fast(), {"FR", "75001"}, {parcel(1000)}, kMonday, std::nullopt);
            }),
            "no_service");
  EXPECT_EQ(refusal_code(
                [] { rate_shop(slow_and_fast(), kBerlin, {parcel(5001)}, kMonday, std::nullopt); }),
            "no_service");
  EXPECT_EQ(refusal_code([] { rate_shop({}, kBerlin, {parcel(1)}, kMonday, std::nullopt); }),
            "no_service");
}

TEST(RateShop, NoServiceInTimeNamesTheEarliestDelivery) {
  try {
    rate_shop(slow_and_fast(), kBerlin, {parcel(1000)}, kMonday, at("2026-03-03T12:00:00Z"));
    FAIL() << "accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "no_service_in_time");
    EXPECT_NE(e.detail().find("2026-03-03T23:59:59.999Z"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("courier/express"), std::string::npos) << e.detail();
  }
}

TEST(RateShop, MixedCurrenciesAreRefusedUnlessTheQuotesInTimeShareOne) {
  std::vector<Carrier> carriers = {
      carrier("eu", {service("slow", 5, {zone("de", {{"DE", ""}}, {{5000, 400}})}, 0, "EUR")}),
      carrier("ch", {service("fast", 1, {zone("de", {{"DE", ""}}, {{5000, 300}})}, 0, "CHF")})};
  EXPECT_EQ(
      refusal_code([&] { rate_shop(carriers, kBerlin, {parcel(1000)}, kMonday, std::nullopt); }),
      "mixed_currencies");
  // Only the CHF service is in time: nothing to compare across currencies.
  Quote q = rate_shop(carriers, kBerlin, {parcel(1000)}, kMonday, at("2026-03-04T00:00:00Z"));
  EXPECT_EQ(q.currency, "CHF");
  // quote_all lists both, grouped by currency.
  auto quotes = quote_all(carriers, kBerlin, {parcel(1000)}, kMonday);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].currency, "CHF");
  EXPECT_EQ(quotes[1].currency, "EUR");
}

// ---------------------------------------------------------------------------
// Cartons.

std::vector<Box> shelf() {
  return {Box{"small", 200, 150, 100, 5000, 100, 40}, Box{"medium", 400, 300, 200, 15000, 300, 90},
          Box{"long", 1000, 100, 100, 10000, 250, 80},
          Box{"large", 600, 400, 400, 30000, 600, 150}};
}

TEST(Cartons, PicksTheCheapestBoxThatFits) {
  // 2 x 1000 cm³ = 2000 cm³ of the small box's 3000 cm³: 666 permille.
  auto s = suggest_box(shelf(), {Item{"MUG", 100, 100, 100, 400, 2}});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->box_code, "small");
  EXPECT_EQ(s->fill_volume_permille, 666);
  EXPECT_EQ(s->gross_weight_g, 2 * 400 + 100);
}

TEST(Cartons, VolumeBeyondTheFillFactorNeedsABiggerBox) {
  // 2600 cm³ fits 3000 cm³ arithmetically but exceeds 85 % (2550 cm³).
  auto s = suggest_box(shelf(), {Item{"BRICK", 130, 100, 100, 100, 2}});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->box_code, "long");  // 80 beats medium's 90; 2.6 of 10 litres
  // Exactly at 85 % still fits.
  s = suggest_box(shelf(), {Item{"BRICK", 150, 170, 100, 100, 1}});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->box_code, "small");
  EXPECT_EQ(s->fill_volume_permille, 850);
}

TEST(Cartons, WeightIncludesTheTare) {
  // 4900 g + 100 g tare = 5000 g: the small box takes it; one more gram does not.
  EXPECT_EQ(suggest_box(shelf(), {Item{"LEAD", 50, 50, 50, 4900, 1}})->box_code, "small");
  EXPECT_EQ(suggest_box(shelf(), {Item{"LEAD", 50, 50, 50, 4901, 1}})->box_code, "long");
}

TEST(Cartons, EqualCostGoesToTheSmallerBox) {
  std::vector<Box> boxes = {Box{"big", 500, 500, 500, 20000, 0, 100},
                            Box{"mid", 300, 300, 300, 20000, 0, 100}};
  EXPECT_EQ(suggest_box(boxes, {Item{"X", 100, 100, 100, 10, 1}})->box_code, "mid");
}

TEST(Cartons, AnItemFitsInAnyOrientation) {
  // 90 x 190 x 140 turned fits 200 x 150 x 100.
  EXPECT_EQ(suggest_box(shelf(), {Item{"BOOK", 90, 190, 140, 300, 1}})->box_code, "small");
}

TEST(Cartons, AnItemTooLongForEveryBoxGetsNoBox) {
  EXPECT_EQ(suggest_box(shelf(),
                        {Item{"MUG", 100, 100, 100, 400, 1}, Item{"POLE", 1200, 30, 30, 900, 1}}),
            std::nullopt);
  EXPECT_EQ(suggest_box({}, {Item{"MUG", 100, 100, 100, 400, 1}}), std::nullopt);
}

TEST(Cartons, RefusesInvalidItemsAndBoxes) {
  EXPECT_EQ(refused_field([] { suggest_box(shelf(), {}); }), "items");
  EXPECT_EQ(refused_field([] {
              suggest_box(shelf(), {Item{"A", 1, 1, 1, 1, 1}, Item{"B", 1, 1, 1, 1, 0}});
            }),
            "items[1].quantity");
  EXPECT_EQ(refused_field([] {
              suggest_box(shelf(), {Item{"A", 1, 0, 1, 1, 1}});
            }),
            "items[0].width_mm");
  auto boxes = shelf();
  boxes[2].tare_weight_g = -1;
  EXPECT_EQ(refused_field([&] {
              suggest_box(boxes, {Item{"A", 1, 1, 1, 1, 1}});
            }),
            "boxes[2].tare_weight_g");
  boxes = shelf();
  boxes[3].code = "small";
  EXPECT_EQ(refused_field([&] {
              suggest_box(boxes, {Item{"A", 1, 1, 1, 1, 1}});
            }),
            "boxes[3].code");
}

TEST(Cartons, BoxJsonRoundTrips) {
  for (const Box& box : shelf()) EXPECT_EQ(parse_box(to_json(box)), box);
  auto json = to_json(shelf()[0]);
  json["inner_height_mm"] = 0;
  EXPECT_EQ(refused_field([&] { parse_box(json); }), "inner_height_mm");
  json = to_json(shelf()[0]);
  json["code"] = "small box";
  EXPECT_EQ(refused_field([&] { parse_box(json); }), "code");
}

// ---------------------------------------------------------------------------
// Weight check.

TEST(WeightCheckTest, PercentageToleranceForHeavyParcels) {
  // 2 % of 10 kg = 200 g.
  EXPECT_EQ(check_weight(10000, 10200, 20, 50), (WeightCheck{10000, 10200, 200, true}));
  EXPECT_EQ(check_weight(10000, 9799, 20, 50), (WeightCheck{10000, 9799, 200, false}));
}

TEST(WeightCheckTest, FloorToleranceForLightParcels) {
  // 2 % of 500 g is 10 g, below the 50 g floor.
  EXPECT_EQ(check_weight(500, 550, 20, 50), (WeightCheck{500, 550, 50, true}));
  EXPECT_EQ(check_weight(500, 449, 20, 50), (WeightCheck{500, 449, 50, false}));
}

TEST(WeightCheckTest, RefusesNegativeArguments) {
  EXPECT_EQ(refused_field([] { check_weight(-1, 0, 0, 0); }), "expected_g");
  EXPECT_EQ(refused_field([] { check_weight(0, -1, 0, 0); }), "actual_g");
  EXPECT_EQ(refused_field([] { check_weight(0, 0, -1, 0); }), "tolerance_permille");
  EXPECT_EQ(refused_field([] { check_weight(0, 0, 0, -1); }), "min_tolerance_g");
}

// ---------------------------------------------------------------------------
// Parsing carriers.

TEST(Countries, TwoUppercaseLetters) {
  EXPECT_TRUE(is_country_code("DE"));
  EXPECT_FALSE(is_country_code("de"));
  EXPECT_FALSE(is_country_code("DEU"));
  EXPECT_FALSE(is_country_code("D"));
  EXPECT_FALSE(is_country_code("D1"));
  EXPECT_FALSE(is_country_code(""));
}

Carrier sample_carrier() {
  Service standard =
      service("standard", 2,
              {zone("south", {{"DE", "8"}, {"DE", "9"}}, {{1000, 500}, {2000, 700}, {5000, 900}}),
               zone("north", {{"DE", "1"}, {"DE", "2"}}, {{1000, 450}, {2000, 650}, {5000, 850}}),
               zone("austria", {{"AT", ""}}, {{1000, 900}})},
              5000);
  standard.limits = PackageLimits{31500, 1200, 600, 600};
  Service express = service("express", 1, {zone("de", {{"DE", ""}}, {{3000, 1500}})});
  return carrier("dhl", {standard, express});
}

boost::json::object& at_path(boost::json::object& root, std::initializer_list<size_t> indices) {
  // services[i] -> zones[j] -> (areas or rates)[k] is too irregular for one
  // walker; this helper only walks services[i].zones[j].
  auto it = indices.begin();
  boost::json::object* o = &root["services"].as_array()[*it++].as_object();
  if (it != indices.end()) o = &(*o)["zones"].as_array()[*it++].as_object();
  return *o;
}

boost::json::object& svc(boost::json::object& root, size_t i) { return at_path(root, {i}); }
boost::json::object& zn(boost::json::object& root, size_t i, size_t j) {
  return at_path(root, {i, j});
}
boost::json::object& rate(boost::json::object& root, size_t i, size_t j, size_t k) {
  return zn(root, i, j)["rates"].as_array()[k].as_object();
}
boost::json::object& area(boost::json::object& root, size_t i, size_t j, size_t k) {
  return zn(root, i, j)["areas"].as_array()[k].as_object();
}

std::string parse_refusal(const std::function<void(boost::json::object&)>& mutate) {
  boost::json::object json = to_json(sample_carrier());
  mutate(json);
  return refused_field([&] { parse_carrier(json); });
}

TEST(ParseCarrier, TheSampleIsAccepted) {
  EXPECT_EQ(parse_carrier(to_json(sample_carrier())), sample_carrier());
  EXPECT_EQ(parse_refusal([](boost::json::object&) {}), "(accepted)");
}

TEST(ParseCarrier, AbsentPrefixAndLimitsMeanNone) {
  boost::json::object json = to_json(sample_carrier());
  area(json, 0, 2, 0).erase("postal_prefix");
  svc(json, 0).erase("limits");
  Carrier c = parse_carrier(json);
  EXPECT_EQ(c.services[0].zones[2].areas[0].postal_prefix, "");
  EXPECT_EQ(c.services[0].limits, PackageLimits{});
  EXPECT_FALSE(to_json(c).at("services").as_array()[0].as_object().contains("limits"));
}

TEST(ParseCarrier, EveryRefusalNamesTheFieldPath) {
  using O = boost::json::object;
  EXPECT_EQ(parse_refusal([](O& j) { j.erase("code"); }), "code");
  EXPECT_EQ(parse_refusal([](O& j) { j["code"] = "dhl express"; }), "code");
  EXPECT_EQ(parse_refusal([](O& j) { j["name"] = ""; }), "name");
  EXPECT_EQ(parse_refusal([](O& j) { j["name"] = std::string(201, 'x'); }), "name");
  EXPECT_EQ(parse_refusal([](O& j) { j["services"] = boost::json::array(); }), "services");
  EXPECT_EQ(parse_refusal([](O& j) { j["services"] = "standard"; }), "services");
  EXPECT_EQ(parse_refusal([](O& j) { j["services"].as_array()[1] = 7; }), "services[1]");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 1)["code"] = "standard"; }), "services[1].code");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["code"] = "a/b"; }), "services[0].code");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0).erase("name"); }), "services[0].name");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["transit_days"] = -1; }),
            "services[0].transit_days");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["transit_days"] = 1.5; }),
            "services[0].transit_days");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 1)["currency"] = "eur"; }), "services[1].currency");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 1)["currency"] = "EURO"; }), "services[1].currency");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["dimensional_divisor_cm3_per_kg"] = -1; }),
            "services[0].dimensional_divisor_cm3_per_kg");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["limits"] = 5; }), "services[0].limits");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["limits"].as_object()["max_weight_g"] = 0; }),
            "services[0].limits.max_weight_g");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 0)["limits"].as_object()["max_width_mm"] = 1300; }),
            "services[0].limits.max_width_mm");
  EXPECT_EQ(parse_refusal([](O& j) {
              auto& l = svc(j, 0)["limits"].as_object();
              l.erase("max_width_mm");
              l["max_height_mm"] = 1201;
            }),
            "services[0].limits.max_height_mm");
  EXPECT_EQ(parse_refusal([](O& j) { svc(j, 1)["zones"] = boost::json::array(); }),
            "services[1].zones");
  EXPECT_EQ(parse_refusal([](O& j) { zn(j, 0, 2)["code"] = "south"; }),
            "services[0].zones[2].code");
  EXPECT_EQ(parse_refusal([](O& j) { zn(j, 0, 1)["areas"] = boost::json::array(); }),
            "services[0].zones[1].areas");
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 1, 1)["country"] = "de"; }),
            "services[0].zones[1].areas[1].country");
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 1, 1)["country"] = "DEU"; }),
            "services[0].zones[1].areas[1].country");
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 0, 0)["postal_prefix"] = "8 0"; }),
            "services[0].zones[0].areas[0].postal_prefix");
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 0, 0)["postal_prefix"] = "sw1"; }),
            "services[0].zones[0].areas[0].postal_prefix");
  // The same prefix in two zones of one service...
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 1, 1)["postal_prefix"] = "8"; }),
            "services[0].zones[1].areas[1].postal_prefix");
  // ...or twice in one zone.
  EXPECT_EQ(parse_refusal([](O& j) { area(j, 0, 0, 1)["postal_prefix"] = "8"; }),
            "services[0].zones[0].areas[1].postal_prefix");
  // A whole country twice.
  EXPECT_EQ(parse_refusal([](O& j) {
              area(j, 0, 1, 0) = O{{"country", "AT"}};
            }),
            "services[0].zones[2].areas[0].postal_prefix");
  EXPECT_EQ(parse_refusal([](O& j) { zn(j, 0, 2)["rates"] = boost::json::array(); }),
            "services[0].zones[2].rates");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 2)["max_weight_g"] = 1500; }),
            "services[0].zones[1].rates[2].max_weight_g");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 2)["max_weight_g"] = 2000; }),
            "services[0].zones[1].rates[2].max_weight_g");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 0)["max_weight_g"] = 0; }),
            "services[0].zones[1].rates[0].max_weight_g");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 0)["price_minor"] = -1; }),
            "services[0].zones[1].rates[0].price_minor");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 2)["price_minor"] = 600; }),
            "services[0].zones[1].rates[2].price_minor");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 0, 1, 2)["price_minor"] = "850"; }),
            "services[0].zones[1].rates[2].price_minor");
  EXPECT_EQ(parse_refusal([](O& j) { rate(j, 1, 0, 0).erase("price_minor"); }),
            "services[1].zones[0].rates[0].price_minor");
}

TEST(ParseCarrier, ZeroPricesAndEqualPricesAreAccepted) {
  boost::json::object json = to_json(sample_carrier());
  rate(json, 0, 1, 0)["price_minor"] = 0;
  rate(json, 0, 1, 1)["price_minor"] = 850;
  EXPECT_EQ(parse_carrier(json).services[0].zones[1].rates[1].price_minor, 850);
}

// ---------------------------------------------------------------------------
// Properties over random carriers.

std::string random_code(const std::string& unique_suffix) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
  auto stem = *rc::gen::container<std::string>(*rc::gen::inRange<size_t>(1, 12),
                                               rc::gen::elementOf(alphabet));
  return stem + unique_suffix;
}

std::string random_name() {
  static const std::vector<std::string> words = {"Paket",   "Päckchen", "Express", "Colis",
                                                 "Economy", "24h",      "  ",      "\"quoted\""};
  std::string name = *rc::gen::elementOf(words);
  for (int n = *rc::gen::inRange(0, 3); n > 0; --n) name += " " + *rc::gen::elementOf(words);
  return name;
}

// Countries and prefixes from a small alphabet, so that random destinations
// often land in some zone and prefixes often nest.
const std::vector<std::string> kCountries = {"DE", "AT", "FR"};

std::string random_prefix() {
  auto length = *rc::gen::weightedElement<size_t>({{3, 0}, {3, 1}, {2, 2}, {1, 3}});
  return *rc::gen::container<std::string>(length, rc::gen::elementOf(std::string("018")));
}

std::optional<int64_t> maybe(int64_t value) {
  return *rc::gen::arbitrary<bool>() ? std::optional<int64_t>(value) : std::nullopt;
}

Service random_service(size_t index, const std::vector<std::string>& currencies) {
  Service s;
  s.code = random_code("-" + std::to_string(index));
  s.name = random_name();
  s.transit_days = *rc::gen::inRange<int64_t>(0, 11);
  s.currency = *rc::gen::elementOf(currencies);
  s.dimensional_divisor_cm3_per_kg =
      *rc::gen::oneOf(rc::gen::elementOf(std::vector<int64_t>{0, 4000, 5000, 6000}),
                      rc::gen::inRange<int64_t>(1, 1'000'001));
  if (*rc::gen::arbitrary<bool>()) {
    auto sides = *rc::gen::container<std::vector<int64_t>>(3, rc::gen::inRange<int64_t>(100, 3001));
    std::sort(sides.begin(), sides.end(), std::greater<>());
    s.limits = PackageLimits{maybe(*rc::gen::inRange<int64_t>(1, 40001)), maybe(sides[0]),
                             maybe(sides[1]), maybe(sides[2])};
  }
  std::set<std::pair<std::string, std::string>> seen;
  size_t zone_count = *rc::gen::inRange<size_t>(1, 5);
  for (size_t z = 0; z < zone_count; ++z) {
    Zone zone;
    zone.code = random_code("-" + std::to_string(z));
    for (size_t a = *rc::gen::inRange<size_t>(1, 4); a > 0; --a) {
      ZoneArea area{*rc::gen::elementOf(kCountries), random_prefix()};
      if (seen.insert({area.country, area.postal_prefix}).second) zone.areas.push_back(area);
    }
    // A prefix no random one can equal keeps every zone non-empty.
    if (zone.areas.empty()) zone.areas.push_back({"DE", "Z" + std::to_string(z)});
    int64_t weight = 0;
    int64_t price = 0;
    for (size_t b = *rc::gen::inRange<size_t>(1, 6); b > 0; --b) {
      weight += *rc::gen::inRange<int64_t>(1, 8001);
      price += *rc::gen::inRange<int64_t>(0, 2001);
      zone.rates.push_back({weight, price});
    }
    s.zones.push_back(std::move(zone));
  }
  return s;
}

Carrier random_carrier(size_t index, const std::vector<std::string>& currencies) {
  Carrier c;
  c.code = random_code("-" + std::to_string(index));
  c.name = random_name();
  for (size_t i = *rc::gen::inRange<size_t>(1, 4), n = 0; n < i; ++n) {
    c.services.push_back(random_service(n, currencies));
  }
  return c;
}

std::vector<Carrier> random_carriers(const std::vector<std::string>& currencies) {
  std::vector<Carrier> carriers;
  size_t count = *rc::gen::weightedElement<size_t>({{1, 0}, {4, 1}, {4, 2}, {3, 3}});
  for (size_t n = 0; n < count; ++n) carriers.push_back(random_carrier(n, currencies));
  return carriers;
}

Destination random_destination() {
  auto postal_char =
      rc::gen::weightedElement<char>({{4, '0'}, {4, '1'}, {4, '8'}, {1, ' '}, {1, '-'}});
  return Destination{
      *rc::gen::elementOf(kCountries),
      *rc::gen::container<std::string>(*rc::gen::inRange<size_t>(0, 6), postal_char)};
}

PackageSpec random_package() {
  return PackageSpec{*rc::gen::inRange<int64_t>(1, 10001), *rc::gen::inRange<int64_t>(1, 301),
                     *rc::gen::inRange<int64_t>(1, 301), *rc::gen::inRange<int64_t>(1, 301)};
}

std::vector<PackageSpec> random_packages() {
  std::vector<PackageSpec> packages;
  for (size_t i = *rc::gen::inRange<size_t>(1, 4), n = 0; n < i; ++n) {
    packages.push_back(random_package());
  }
  return packages;
}

// 2020-01-01 .. 2030-01-01.
int64_t random_ship_at() {
  return *rc::gen::inRange<int64_t>(1'577'836'800'000, 1'893'456'000'000);
}

RC_GTEST_PROP(RatingProperties, ParseCarrierRoundTripsToJson, ()) {
  Carrier c = random_carrier(*rc::gen::inRange<size_t>(0, 100), {"EUR", "USD", "CHF"});
  RC_ASSERT(parse_carrier(to_json(c)) == c);
  // As the store keeps it: through JSON text and back.
  auto text = boost::json::serialize(to_json(c));
  RC_ASSERT(parse_carrier(boost::json::parse(text).as_object()) == c);
}

RC_GTEST_PROP(RatingProperties, RateShopIsNeverDearerThanAQuoteInTime, ()) {
  // Mostly one currency, sometimes two, to reach mixed_currencies too.
  std::vector<std::string> currencies =
      *rc::gen::element(std::vector<std::string>{"EUR"}, std::vector<std::string>{"EUR", "USD"});
  auto carriers = random_carriers(currencies);
  auto destination = random_destination();
  auto packages = random_packages();
  int64_t ship_at = random_ship_at();
  std::optional<int64_t> deliver_by;
  if (*rc::gen::arbitrary<bool>()) {
    deliver_by = ship_at + *rc::gen::inRange<int64_t>(-86'400'000, 20 * 86'400'000);
  }

  auto quotes = quote_all(carriers, destination, packages, ship_at);
  std::vector<Quote> in_time;
  std::set<std::string> currencies_in_time;
  for (const Quote& q : quotes) {
    if (!deliver_by || q.estimated_delivery_ms <= *deliver_by) {
      in_time.push_back(q);
      currencies_in_time.insert(q.currency);
    }
  }
  std::string expected_refusal = quotes.empty()                  ? "no_service"
                                 : in_time.empty()               ? "no_service_in_time"
                                 : currencies_in_time.size() > 1 ? "mixed_currencies"
                                                                 : "";
  RC_TAG(expected_refusal.empty() ? std::string("chosen") : expected_refusal);
  if (!expected_refusal.empty()) {
    RC_ASSERT(refusal_code([&] {
                rate_shop(carriers, destination, packages, ship_at, deliver_by);
              }) == expected_refusal);
    return;
  }
  Quote best = rate_shop(carriers, destination, packages, ship_at, deliver_by);
  RC_ASSERT(std::find(in_time.begin(), in_time.end(), best) != in_time.end());
  for (const Quote& q : in_time) RC_ASSERT(best.price_minor <= q.price_minor);
}

RC_GTEST_PROP(RatingProperties, QuotePricesAreMonotoneInPackageWeight, ()) {
  auto carriers = random_carriers({"EUR"});
  auto destination = random_destination();
  auto light = random_packages();
  auto heavy = light;
  size_t k = *rc::gen::inRange<size_t>(0, heavy.size());
  heavy[k].weight_g += *rc::gen::inRange<int64_t>(0, 5001);
  int64_t ship_at = random_ship_at();

  std::map<std::pair<std::string, std::string>, int64_t> light_prices;
  for (const Quote& q : quote_all(carriers, destination, light, ship_at)) {
    light_prices[{q.carrier, q.service}] = q.price_minor;
  }
  auto heavy_quotes = quote_all(carriers, destination, heavy, ship_at);
  RC_CLASSIFY(!heavy_quotes.empty(), "quoted");
  for (const Quote& q : heavy_quotes) {
    // Whatever carries the heavier shipment carries the lighter one, for no more.
    auto it = light_prices.find({q.carrier, q.service});
    RC_ASSERT(it != light_prices.end());
    RC_ASSERT(it->second <= q.price_minor);
  }
}

}  // namespace
}  // namespace wareflow::shipping
