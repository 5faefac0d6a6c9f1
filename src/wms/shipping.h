// Packing and shipping with carriers: the box catalogue, carriers and their
// rate tables (stored as the JSON shipping::parse_carrier reads), carton
// suggestions, rate quotes and rate shopping for a fulfillment, the daily
// manifest per carrier, tracking events, and the printed documents (pick
// list, packing slip, shipping label as PDF or ZPL).
//
// The decisions are pure (shipping/rating.h, documents/documents.h); this
// layer loads what they need and records what they decide.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "shipping/rating.h"
#include "store/database.h"
#include "wms/fulfillment.h"

namespace wareflow::wms {

// ---- boxes and carriers -----------------------------------------------------------

bool upsert_box(store::Tx& tx, const shipping::Box& box);  // true when created
std::vector<shipping::Box> list_boxes(store::Tx& tx);
std::optional<shipping::Box> find_box(store::Tx& tx, std::string_view code);

bool upsert_carrier(store::Tx& tx, const shipping::Carrier& carrier);  // true when created
std::vector<shipping::Carrier> list_carriers(store::Tx& tx);
// 404 unknown_carrier.
shipping::Carrier require_carrier(store::Tx& tx, std::string_view code);

// ---- packing --------------------------------------------------------------------

struct CartonAdvice {
  int64_t fulfillment_id = 0;
  int64_t items_weight_g = 0;
  // The 3D packing (optimize/cartonization.h) of the units still to ship into
  // the box catalogue: fewest cartons, then lowest cost. Empty when there is
  // nothing to pack, no box, or a unit no box holds (`unpackable` says which).
  struct Carton {
    std::string box;
    std::vector<std::pair<std::string, int64_t>> items;  // sku, units
    int64_t fill_volume_permille = 0;
    int64_t gross_weight_g = 0;  // items plus the box's tare
  };
  std::vector<Carton> cartons;
  double fill_rate = 0;
  int64_t lower_bound_cartons = 0;
  std::string method;
  std::optional<std::string> unpackable;
};
// The cartons for everything picked (or to pick) for the fulfillment.
CartonAdvice suggest_carton(store::Tx& tx, int64_t fulfillment_id);

// ---- rating and shipping ---------------------------------------------------------

struct QuoteRequest {
  shipping::Destination destination;
  std::vector<shipping::PackageSpec> packages;
  int64_t ship_at_ms = 0;
  std::optional<int64_t> deliver_by_ms;
};
// Every configured service that can carry it, cheapest first. With a
// deliver_by (a UTC day: any time on it counts), `best` is the cheapest in
// time (422 no_service / no_service_in_time when none); without one, the
// cheapest quote. Quotes in several currencies cannot be ranked: no `best`.
struct QuoteResult {
  std::vector<shipping::Quote> quotes;
  std::optional<shipping::Quote> best;
};
QuoteResult quote_rates(store::Tx& tx, const QuoteRequest& request);

struct ShipRequest {
  std::optional<std::string> carrier;  // none: rate-shop every configured carrier
  std::optional<std::string> service;
  std::optional<std::string> tracking_number;
  std::optional<int64_t> deliver_by_ms;
};
// Ships a packed fulfillment. A configured carrier is priced (its cheapest
// service in time, or the named one); a carrier that is not configured is
// recorded as named, unpriced (a collection, the site's own van). Without a
// carrier the cheapest configured service in time is chosen. "In time" is by
// the request's deliver_by, else the order's (the day promised to the customer).
FulfillmentView ship_fulfillment(store::Tx& tx, int64_t fulfillment_id, const ShipRequest& request,
                                 FulfillmentListener& listener);

// What a carrier's tracking event says. Stored and rendered as to_string
// writes it.
enum class TrackingStatus { in_transit, out_for_delivery, delivered, exception };
inline constexpr std::array<std::string_view, 4> kTrackingStatusNames = {
    "in_transit", "out_for_delivery", "delivered", "exception"};
inline std::string_view to_string(TrackingStatus s) {
  return kTrackingStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<TrackingStatus> parse_tracking_status(std::string_view text) {
  return parse_enum<TrackingStatus>(kTrackingStatusNames, text);
}

struct TrackingEventInput {
  std::string status;  // in_transit, out_for_delivery, delivered, exception
  std::optional<int64_t> at_ms;
  std::optional<std::string> detail;
};
// Records a carrier's tracking event; `delivered` delivers the fulfillment.
// 409 invalid_state unless the fulfillment has shipped.
FulfillmentView record_tracking_event(store::Tx& tx, int64_t fulfillment_id,
                                      const TrackingEventInput& input,
                                      FulfillmentListener& listener);

struct ManifestEntry {
  int64_t fulfillment_id;
  int64_t order_id;
  std::string service;
  std::string tracking_number;
  int64_t shipped_at_ms;
  std::optional<int64_t> price_minor;
  std::optional<std::string> currency;
  struct Package {
    int64_t id;
    std::optional<std::string> sscc;
    std::optional<int64_t> weight_g;
  };
  std::vector<Package> packages;
  std::string ship_to_country, ship_to_postal_code;
};
struct Manifest {
  std::string carrier;
  std::string date;  // YYYY-MM-DD (UTC)
  std::optional<std::string> warehouse;
  std::vector<ManifestEntry> entries;
  int64_t packages = 0;
  int64_t weight_g = 0;
};
// What the carrier collects: fulfillments shipped with it on that UTC day.
Manifest manifest(store::Tx& tx, std::string_view carrier, int64_t day_ms,
                  std::optional<int64_t> warehouse_id);

// ---- documents ------------------------------------------------------------------

struct Document {
  std::string content_type;  // application/pdf or application/zpl
  std::string filename;
  std::string body;
};
// 404 unknown_pick_list.
Document pick_list_document(store::Tx& tx, int64_t pick_list_id);
// 409 not_packed before the fulfillment is packed.
Document packing_slip_document(store::Tx& tx, int64_t fulfillment_id);
// The label of package `package_index` (1-based) as "pdf" or "zpl". 409
// not_packed before packing, 409 not_shipped before a carrier and tracking
// number are assigned, 404 unknown_package past the last package.
Document label_document(store::Tx& tx, int64_t fulfillment_id, const std::string& format,
                        int64_t package_index);

}  // namespace wareflow::wms
