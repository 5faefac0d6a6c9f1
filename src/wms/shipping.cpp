// Boxes, carriers, rating, shipping, tracking, manifests and documents.
#include "wms/shipping.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "core/time.h"
#include "documents/documents.h"
#include "events/outbox.h"
#include "inputs/input_error.h"
#include "optimize/cartonization.h"
#include "wms/layout.h"
#include "wms/picking.h"

namespace wareflow::wms {
namespace {

constexpr int64_t kDayMs = 86'400'000;

struct FulfillmentRow {
  int64_t id, order_id, warehouse_id;
  FulfillmentStatus status;
};

FulfillmentRow require_fulfillment_row(store::Tx& tx, int64_t id) {
  auto q =
      tx.query("SELECT id, order_id, warehouse_id, status FROM fulfillments WHERE id = $1", id);
  if (!q.next()) throw_not_found("unknown_fulfillment", "no fulfillment " + std::to_string(id));
  return {q.i64(0), q.i64(1), q.i64(2),
          stored_enum(parse_fulfillment_status(q.text(3)), "fulfillment status", q.text(3))};
}

bool is_packed_or_later(FulfillmentStatus status) {
  return status == FulfillmentStatus::packed || status == FulfillmentStatus::shipped ||
         status == FulfillmentStatus::delivered;
}

// The order's ship-to address and reference, as copied onto the fulfillment
// when it was created (wms/fulfillment.h: the fulfillment is the contract).
struct ShipToRow {
  std::string name, line1, line2, city, postal_code, country;
  std::string channel_order_id;
};
ShipToRow ship_to_of(store::Tx& tx, int64_t fulfillment_id) {
  auto q = tx.query("SELECT ship_to_json, channel_order_id FROM fulfillments WHERE id = $1",
                    fulfillment_id);
  if (!q.next()) throw std::logic_error("ship-to of an unknown fulfillment");
  auto f = string_fields(q.text(0));
  return {f["name"], f["line1"], f["line2"], f["city"], f["postal_code"], f["country"], q.text(1)};
}

documents::Address warehouse_address(store::Tx& tx, int64_t warehouse_id) {
  auto w = find_warehouse_by_id(tx, warehouse_id);
  documents::Address a;
  a.name = w->name;
  for (const std::string* line : {&w->address.line1, &w->address.line2}) {
    if (!line->empty()) a.lines.push_back(*line);
  }
  std::string city = w->address.postal_code + " " + w->address.city;
  if (city != " ") a.lines.push_back(city);
  if (!w->address.country.empty()) a.lines.push_back(w->address.country);
  return a;
}

documents::Address to_address(const ShipToRow& s) {
  documents::Address a;
  a.name = s.name;
  for (const std::string* line : {&s.line1, &s.line2}) {
    if (!line->empty()) a.lines.push_back(*line);
  }
  a.lines.push_back(s.postal_code + " " + s.city);
  a.lines.push_back(s.country);
  return a;
}

struct PackageRow {
  int64_t id;
  std::optional<std::string> box, sscc;
  std::optional<int64_t> weight_g, expected_weight_g, length_mm, width_mm, height_mm;
};
std::vector<PackageRow> packages_of(store::Tx& tx, int64_t fulfillment_id) {
  auto q = tx.query(
      "SELECT id, box, sscc, weight_g, expected_weight_g, length_mm, width_mm, height_mm FROM "
      "packages WHERE fulfillment_id = $1 ORDER BY id",
      fulfillment_id);
  std::vector<PackageRow> list;
  while (q.next()) {
    list.push_back({q.i64(0), q.opt_text(1), q.opt_text(2), q.opt_i64(3), q.opt_i64(4),
                    q.opt_i64(5), q.opt_i64(6), q.opt_i64(7)});
  }
  return list;
}

// What the carrier rates a package by: its weighed weight (else the expected
// one) and its box's outer size (inner size when that is all we know).
shipping::PackageSpec spec_of(const PackageRow& p) {
  shipping::PackageSpec spec;
  spec.weight_g = p.weight_g.value_or(p.expected_weight_g.value_or(0));
  spec.length_mm = p.length_mm.value_or(0);
  spec.width_mm = p.width_mm.value_or(0);
  spec.height_mm = p.height_mm.value_or(0);
  return spec;
}

// Carriers promise a day, not an hour: a deadline means "delivered on or
// before that UTC day", whatever time of day it names.
std::optional<int64_t> end_of_day(std::optional<int64_t> at_ms) {
  if (!at_ms) return std::nullopt;
  int64_t day = *at_ms - ((*at_ms % kDayMs) + kDayMs) % kDayMs;
  return day + kDayMs - 1;
}

}  // namespace

// ---- boxes and carriers -------------------------------------------------------------

bool upsert_box(store::Tx& tx, const shipping::Box& b) {
  bool created = !find_box(tx, b.code);
  tx.exec(
      "INSERT INTO boxes (code, inner_length_mm, inner_width_mm, inner_height_mm, max_weight_g, "
      "tare_weight_g, cost_minor) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO "
      "UPDATE SET inner_length_mm = excluded.inner_length_mm, inner_width_mm = "
      "excluded.inner_width_mm, inner_height_mm = excluded.inner_height_mm, max_weight_g = "
      "excluded.max_weight_g, tare_weight_g = excluded.tare_weight_g, cost_minor = "
      "excluded.cost_minor",
      b.code, b.inner_length_mm, b.inner_width_mm, b.inner_height_mm, b.max_weight_g,
      b.tare_weight_g, b.cost_minor);
  events::append(tx, created ? "box.created" : "box.updated", "box:" + b.code,
                 shipping::to_json(b));
  return created;
}

std::vector<shipping::Box> list_boxes(store::Tx& tx) {
  auto q = tx.query(
      "SELECT code, inner_length_mm, inner_width_mm, inner_height_mm, max_weight_g, "
      "tare_weight_g, cost_minor FROM boxes ORDER BY code");
  std::vector<shipping::Box> list;
  while (q.next()) {
    list.push_back({q.text(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.i64(5), q.i64(6)});
  }
  return list;
}

std::optional<shipping::Box> find_box(store::Tx& tx, std::string_view code) {
  auto q = tx.query(
      "SELECT code, inner_length_mm, inner_width_mm, inner_height_mm, max_weight_g, "
      "tare_weight_g, cost_minor FROM boxes WHERE code = $1",
      code);
  if (!q.next()) return std::nullopt;
  return shipping::Box{q.text(0), q.i64(1), q.i64(2), q.i64(3), q.i64(4), q.i64(5), q.i64(6)};
}

bool upsert_carrier(store::Tx& tx, const shipping::Carrier& carrier) {
  bool created = !tx.query("SELECT 1 FROM carriers WHERE code = $1", carrier.code).next();
  std::string definition = boost::json::serialize(shipping::to_json(carrier));
  tx.exec(
      "INSERT INTO carriers (code, name, definition_json, updated_at_ms) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, definition_json = "
      "excluded.definition_json, updated_at_ms = excluded.updated_at_ms",
      carrier.code, carrier.name, definition, tx.now_ms());
  boost::json::object data;
  data["code"] = carrier.code;
  data["services"] = static_cast<int64_t>(carrier.services.size());
  events::append(tx, created ? "carrier.created" : "carrier.updated", "carrier:" + carrier.code,
                 data);
  return created;
}

std::vector<shipping::Carrier> list_carriers(store::Tx& tx) {
  auto q = tx.query("SELECT definition_json FROM carriers ORDER BY code");
  std::vector<shipping::Carrier> list;
  while (q.next()) {
    list.push_back(shipping::parse_carrier(boost::json::parse(q.text(0)).as_object()));
  }
  return list;
}

shipping::Carrier require_carrier(store::Tx& tx, std::string_view code) {
  auto q = tx.query("SELECT definition_json FROM carriers WHERE code = $1", code);
  if (!q.next()) throw_not_found("unknown_carrier", "no carrier " + std::string(code));
  return shipping::parse_carrier(boost::json::parse(q.text(0)).as_object());
}

// ---- packing --------------------------------------------------------------------

CartonAdvice suggest_carton(store::Tx& tx, int64_t fulfillment_id) {
  require_fulfillment_row(tx, fulfillment_id);
  CartonAdvice advice;
  advice.fulfillment_id = fulfillment_id;
  std::vector<optimize::PackItem> items;
  {
    std::vector<std::pair<int64_t, int64_t>> to_ship;  // product id, units
    {
      auto q = tx.query(
          "SELECT product_id, SUM(quantity - shipped) FROM fulfillment_lines WHERE "
          "fulfillment_id = $1 GROUP BY product_id HAVING SUM(quantity - shipped) > 0",
          fulfillment_id);
      while (q.next()) to_ship.emplace_back(q.i64(0), q.i64(1));
    }
    std::vector<int64_t> product_ids;
    for (const auto& [product_id, units] : to_ship) product_ids.push_back(product_id);
    std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
    for (const auto& [product_id, units] : to_ship) {
      const catalog::Product& p = products.at(product_id);
      items.push_back({p.sku, p.length_mm, p.width_mm, p.height_mm, p.weight_g, units});
      advice.items_weight_g += p.weight_g * units;
    }
    // By SKU, so that the packer sees the same order on both backends.
    std::sort(
        items.begin(), items.end(),
        [](const optimize::PackItem& a, const optimize::PackItem& b) { return a.sku < b.sku; });
  }
  auto boxes = list_boxes(tx);
  if (items.empty() || boxes.empty()) return advice;
  std::vector<optimize::CartonType> types;
  std::map<std::string, int64_t> tare;
  for (const auto& b : boxes) {
    // The box's weight limit is gross; the packer limits what goes in.
    types.push_back({b.code, b.inner_length_mm, b.inner_width_mm, b.inner_height_mm,
                     std::max<int64_t>(1, b.max_weight_g - b.tare_weight_g), b.cost_minor});
    tare[b.code] = b.tare_weight_g;
  }
  try {
    auto result = optimize::cartonize(types, items);
    for (const auto& c : result.cartons) {
      CartonAdvice::Carton carton;
      carton.box = c.code;
      std::map<std::string, int64_t> units;
      for (const auto& placement : c.items) ++units[placement.sku];
      carton.items.assign(units.begin(), units.end());
      carton.fill_volume_permille = c.fill_volume_permille;
      carton.gross_weight_g = c.weight_g + tare[c.code];
      advice.cartons.push_back(std::move(carton));
    }
    advice.fill_rate = result.fill_rate;
    advice.lower_bound_cartons = result.volume_lower_bound_cartons;
    advice.method = result.method;
  } catch (const inputs::InputError& e) {
    // A product without a size, or one no box holds: nothing to suggest.
    advice.unpackable = e.what();
  }
  return advice;
}

// ---- rating and shipping ---------------------------------------------------------

QuoteResult quote_rates(store::Tx& tx, const QuoteRequest& request) {
  auto carriers = list_carriers(tx);
  QuoteResult result;
  result.quotes =
      shipping::quote_all(carriers, request.destination, request.packages, request.ship_at_ms);
  if (request.deliver_by_ms || !result.quotes.empty()) {
    try {
      result.best = shipping::rate_shop(carriers, request.destination, request.packages,
                                        request.ship_at_ms, end_of_day(request.deliver_by_ms));
    } catch (const DomainError& e) {
      // Prices in several currencies cannot be ranked: every quote is still
      // listed, none is called the best.
      if (e.code() != "mixed_currencies") throw;
    }
  }
  return result;
}

FulfillmentView ship_fulfillment(store::Tx& tx, int64_t fulfillment_id, const ShipRequest& request,
                                 FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment_row(tx, fulfillment_id);
  if (f.status != FulfillmentStatus::packed) {
    throw_conflict("invalid_state", "only a packed fulfillment can ship; this one is " +
                                        std::string(to_string(f.status)));
  }
  if (request.carrier && !is_code(*request.carrier)) {
    throw_invalid_field("carrier", "carrier must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (request.service && !request.carrier) {
    throw_invalid_field("carrier", "a service needs its carrier");
  }
  std::optional<shipping::Quote> chosen;
  bool configured = !request.carrier ||
                    tx.query("SELECT 1 FROM carriers WHERE code = $1", *request.carrier).next();
  if (configured) {
    ShipToRow to = ship_to_of(tx, f.id);
    std::vector<shipping::PackageSpec> specs;
    for (const PackageRow& p : packages_of(tx, fulfillment_id)) {
      if (!p.length_mm) {
        throw_unprocessable("package_without_box",
                            fmt::format("package {} has no box from the catalogue; rating needs "
                                        "its size",
                                        p.id),
                            "carrier");
      }
      specs.push_back(spec_of(p));
    }
    std::vector<shipping::Carrier> carriers;
    if (request.carrier) {
      auto carrier = require_carrier(tx, *request.carrier);
      if (request.service) {
        std::erase_if(carrier.services,
                      [&](const shipping::Service& s) { return s.code != *request.service; });
        if (carrier.services.empty()) {
          throw_unknown(422, "unknown_service",
                        *request.carrier + " has no service " + *request.service, "service");
        }
      }
      carriers.push_back(std::move(carrier));
    } else {
      carriers = list_carriers(tx);
    }
    // The request's deadline, else the one promised to the customer.
    std::optional<int64_t> deliver_by = request.deliver_by_ms;
    if (!deliver_by) {
      auto q = tx.query("SELECT deliver_by_ms FROM fulfillments WHERE id = $1", f.id);
      if (q.next()) deliver_by = q.opt_i64(0);
    }
    chosen = shipping::rate_shop(carriers, {to.country, to.postal_code}, specs, tx.now_ms(),
                                 end_of_day(deliver_by));
  }
  ShipInput input;
  input.carrier = chosen ? chosen->carrier : *request.carrier;
  input.service = chosen ? std::optional<std::string>(chosen->service) : request.service;
  input.tracking_number = request.tracking_number;
  FulfillmentView view = ship(tx, fulfillment_id, input, listener);
  if (chosen) {
    tx.exec("UPDATE fulfillments SET price_minor = $2, currency = $3 WHERE id = $1", fulfillment_id,
            chosen->price_minor, chosen->currency);
    boost::json::object data;
    data["fulfillment_id"] = fulfillment_id;
    data["carrier"] = chosen->carrier;
    data["service"] = chosen->service;
    data["price_minor"] = chosen->price_minor;
    data["currency"] = chosen->currency;
    data["estimated_delivery"] = format_rfc3339(chosen->estimated_delivery_ms);
    events::append(tx, "fulfillment.rated", "fulfillment:" + std::to_string(fulfillment_id), data);
    view = get_fulfillment(tx, fulfillment_id);
  }
  return view;
}

FulfillmentView record_tracking_event(store::Tx& tx, int64_t fulfillment_id,
                                      const TrackingEventInput& input,
                                      FulfillmentListener& listener) {
  FulfillmentRow f = require_fulfillment_row(tx, fulfillment_id);
  const std::optional<TrackingStatus> status = parse_tracking_status(input.status);
  if (!status) {
    throw_invalid_field("status", "status is in_transit, out_for_delivery, delivered or exception");
  }
  if (input.detail && input.detail->size() > 500) {
    throw_invalid_field("detail", "detail is at most 500 characters");
  }
  if (f.status != FulfillmentStatus::shipped && f.status != FulfillmentStatus::delivered) {
    throw_conflict("invalid_state", "tracking events are for shipped fulfillments; this one is " +
                                        std::string(to_string(f.status)));
  }
  if (f.status == FulfillmentStatus::delivered && *status != TrackingStatus::exception) {
    throw_conflict("invalid_state", "the fulfillment is already delivered");
  }
  int64_t at = input.at_ms.value_or(tx.now_ms());
  tx.exec(
      "INSERT INTO tracking_events (id, fulfillment_id, status, at_ms, detail, recorded_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      tx.next_id("tracking_events"), fulfillment_id, input.status, at, input.detail, tx.now_ms());
  tx.exec("UPDATE fulfillments SET tracking_status = $2 WHERE id = $1", fulfillment_id,
          input.status);
  boost::json::object data;
  data["fulfillment_id"] = fulfillment_id;
  data["order_id"] = f.order_id;
  data["status"] = input.status;
  data["at"] = format_rfc3339(at);
  if (input.detail) data["detail"] = *input.detail;
  events::append(tx, "fulfillment.tracking", "fulfillment:" + std::to_string(fulfillment_id), data);
  if (*status == TrackingStatus::delivered) return deliver(tx, fulfillment_id, listener);
  listener.fulfillment_changed(tx, f.order_id);
  return get_fulfillment(tx, fulfillment_id);
}

Manifest manifest(store::Tx& tx, std::string_view carrier, int64_t day_ms,
                  std::optional<int64_t> warehouse_id) {
  int64_t day = day_ms - day_ms % kDayMs;
  Manifest m;
  m.carrier = std::string(carrier);
  m.date = format_rfc3339(day).substr(0, 10);
  if (warehouse_id) m.warehouse = find_warehouse_by_id(tx, *warehouse_id)->code;
  auto q = tx.query(
      "SELECT f.id, f.order_id, COALESCE(f.service, ''), COALESCE(f.tracking_number, ''), "
      "f.shipped_at_ms, f.price_minor, f.currency, f.ship_to_json FROM fulfillments f WHERE "
      "f.carrier = $1 AND f.shipped_at_ms >= $2 AND f.shipped_at_ms < $3 AND ($4 IS NULL OR "
      "f.warehouse_id = $4) ORDER BY f.shipped_at_ms, f.id",
      carrier, day, day + kDayMs, warehouse_id);
  while (q.next()) {
    ManifestEntry e;
    e.fulfillment_id = q.i64(0);
    e.order_id = q.i64(1);
    e.service = q.text(2);
    e.tracking_number = q.text(3);
    e.shipped_at_ms = q.i64(4);
    e.price_minor = q.opt_i64(5);
    e.currency = q.opt_text(6);
    auto address = string_fields(q.text(7));
    e.ship_to_country = address["country"];
    e.ship_to_postal_code = address["postal_code"];
    m.entries.push_back(std::move(e));
  }
  for (ManifestEntry& e : m.entries) {
    for (const PackageRow& p : packages_of(tx, e.fulfillment_id)) {
      int64_t weight = p.weight_g.value_or(p.expected_weight_g.value_or(0));
      e.packages.push_back({p.id, p.sscc, p.weight_g ? p.weight_g : p.expected_weight_g});
      m.packages += 1;
      m.weight_g += weight;
    }
  }
  return m;
}

// ---- documents ------------------------------------------------------------------

Document pick_list_document(store::Tx& tx, int64_t pick_list_id) {
  PickListView list = get_pick_list(tx, pick_list_id);
  documents::PickListDocument doc;
  doc.pick_list_id = list.id;
  doc.wave_id = list.wave_id;
  doc.warehouse = list.warehouse;
  doc.printed_at_ms = tx.now_ms();
  {
    auto q = tx.query("SELECT route_length_mm FROM pick_lists WHERE id = $1", pick_list_id);
    if (q.next()) doc.route_length_mm = q.opt_i64(0).value_or(0);
  }
  for (const PickLineView& line : list.lines) {
    if (line.status != to_string(PickLineStatus::open)) continue;
    auto product = catalog::find_product(tx, line.sku);
    documents::PickListDocument::Line l;
    l.sequence = line.sequence;
    l.location = line.location;
    l.sku = line.sku;
    l.product_name = product ? product->name : line.sku;
    l.lot = line.lot;
    l.barcode = line.sku;
    if (product) {
      for (const std::string& b : product->barcodes) {
        if (documents::is_valid_gtin13(b)) {
          l.barcode = b;
          break;
        }
      }
    }
    l.quantity = line.quantity - line.picked - line.short_quantity;
    doc.lines.push_back(std::move(l));
  }
  return {"application/pdf", fmt::format("pick-list-{}.pdf", pick_list_id),
          documents::render_pick_list_pdf(doc)};
}

Document packing_slip_document(store::Tx& tx, int64_t fulfillment_id) {
  FulfillmentRow f = require_fulfillment_row(tx, fulfillment_id);
  if (!is_packed_or_later(f.status)) {
    throw_conflict("not_packed", "fulfillment " + std::to_string(fulfillment_id) + " is " +
                                     std::string(to_string(f.status)) +
                                     "; a packing slip lists packed packages");
  }
  FulfillmentView view = get_fulfillment(tx, fulfillment_id);
  ShipToRow to = ship_to_of(tx, f.id);
  documents::PackingSlipDocument doc;
  doc.order_id = f.order_id;
  doc.channel_order_id = to.channel_order_id;
  doc.fulfillment_id = fulfillment_id;
  doc.ship_from = warehouse_address(tx, f.warehouse_id);
  doc.ship_to = to_address(to);
  doc.printed_at_ms = tx.now_ms();
  for (const auto& p : view.packages) {
    documents::PackingSlipDocument::Package package;
    package.tracking_number = view.tracking_number.value_or("");
    for (const auto& [sku, quantity] : p.items) {
      auto product = catalog::find_product(tx, sku);
      package.items.push_back({sku, product ? product->name : sku, quantity});
    }
    doc.packages.push_back(std::move(package));
  }
  return {"application/pdf", fmt::format("packing-slip-{}.pdf", fulfillment_id),
          documents::render_packing_slip_pdf(doc)};
}

Document label_document(store::Tx& tx, int64_t fulfillment_id, const std::string& format,
                        int64_t package_index) {
  if (format != "pdf" && format != "zpl") throw_invalid_field("format", "format is pdf or zpl");
  FulfillmentRow f = require_fulfillment_row(tx, fulfillment_id);
  if (!is_packed_or_later(f.status)) {
    throw_conflict("not_packed", "fulfillment " + std::to_string(fulfillment_id) + " is " +
                                     std::string(to_string(f.status)) +
                                     "; labels are printed for packed packages");
  }
  FulfillmentView view = get_fulfillment(tx, fulfillment_id);
  if (!view.carrier || !view.tracking_number) {
    throw_conflict("not_shipped", "fulfillment " + std::to_string(fulfillment_id) +
                                      " has no carrier and tracking number yet; ship it first");
  }
  auto packages = packages_of(tx, fulfillment_id);
  if (package_index < 1 || package_index > static_cast<int64_t>(packages.size())) {
    throw_not_found("unknown_package",
                    fmt::format("the fulfillment has {} package(s)", packages.size()));
  }
  const PackageRow& p = packages[static_cast<size_t>(package_index - 1)];
  ShipToRow to = ship_to_of(tx, f.id);
  documents::ShippingLabel label;
  label.ship_from = warehouse_address(tx, f.warehouse_id);
  label.ship_to = to_address(to);
  label.carrier = *view.carrier;
  label.service = view.service.value_or("");
  label.tracking_number = *view.tracking_number;
  label.sscc = p.sscc.value_or("");
  label.weight_g = p.weight_g.value_or(p.expected_weight_g.value_or(0));
  label.package_index = package_index;
  label.package_count = static_cast<int64_t>(packages.size());
  label.reference = to.channel_order_id.empty() ? std::to_string(f.order_id) : to.channel_order_id;
  label.printed_at_ms = tx.now_ms();
  if (format == "zpl") {
    return {"application/zpl", fmt::format("label-{}-{}.zpl", fulfillment_id, package_index),
            documents::render_label_zpl(label)};
  }
  return {"application/pdf", fmt::format("label-{}-{}.pdf", fulfillment_id, package_index),
          documents::render_label_pdf(label)};
}

}  // namespace wareflow::wms
