#include "oms/orders.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cctype>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "core/text.h"
#include "events/outbox.h"
#include "store/id_list.h"
#include "wms/layout.h"
#include "wms/returns.h"

namespace wareflow::oms {
namespace {

std::string lowercase_trimmed(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string out(text.substr(b, e - b));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void require_text(const std::string& value, const std::string& field, size_t max) {
  if (value.empty() || value.size() > max) {
    throw_invalid_field(field, fmt::format("{} must be 1-{} characters", field, max));
  }
  check_text(value, field);
}

void validate(const OrderInput& in) {
  if (!is_code(in.channel_order_id, 128)) {
    throw_invalid_field("channel_order_id",
                        "channel_order_id must be 1-128 characters of A-Z a-z 0-9 . _ -");
  }
  std::string email = lowercase_trimmed(in.customer.email);
  auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find(' ') != std::string::npos) {
    throw_invalid_field("customer.email", "customer.email must be an email address");
  }
  check_text(in.customer.email, "customer.email");
  if (in.customer.phone) check_text(*in.customer.phone, "customer.phone");
  require_text(in.customer.name, "customer.name", 200);
  require_text(in.ship_to.name, "ship_to.name", 200);
  require_text(in.ship_to.line1, "ship_to.line1", 200);
  require_text(in.ship_to.city, "ship_to.city", 100);
  require_text(in.ship_to.postal_code, "ship_to.postal_code", 20);
  check_text(in.ship_to.line2, "ship_to.line2");
  const std::string& country = in.ship_to.country;
  if (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
      !std::isupper(static_cast<unsigned char>(country[1]))) {
    throw_invalid_field("ship_to.country", "ship_to.country must be an ISO 3166 code like DE");
  }
  if (in.ship_to.latitude.has_value() != in.ship_to.longitude.has_value()) {
    throw_invalid_field("ship_to.latitude", "latitude and longitude go together");
  }
  if (in.lines.empty() || in.lines.size() > 500) {
    throw_invalid_field("lines", "an order has 1-500 lines");
  }
  for (size_t i = 0; i < in.lines.size(); ++i) {
    const OrderLineInput& line = in.lines[i];
    std::string prefix = fmt::format("lines[{}]", i);
    check_text(line.sku, prefix + ".sku");
    if (line.quantity < 1 || line.quantity > kMaxLineQuantity) {
      throw_invalid_field(
          prefix + ".quantity",
          fmt::format("{}.quantity must be an integer between 1 and {}", prefix, kMaxLineQuantity));
    }
    if (line.unit_price_minor &&
        (*line.unit_price_minor < 0 || *line.unit_price_minor > kMaxUnitPriceMinor)) {
      throw_invalid_field(prefix + ".unit_price.amount_minor",
                          fmt::format("{}.unit_price.amount_minor must be between 0 and {}", prefix,
                                      kMaxUnitPriceMinor));
    }
    if (line.currency) {
      const std::string& c = *line.currency;
      if (c.size() != 3 ||
          !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
        throw_invalid_field(prefix + ".unit_price.currency",
                            "currency must be an ISO 4217 code like EUR");
      }
    }
  }
  if (in.priority < 0 || in.priority > 9) throw_invalid_field("priority", "priority is 0-9");
  if (in.hold_reason) require_text(*in.hold_reason, "hold", 200);
}

// A canonical digest of what the order says, so that a replay with the same
// content (in any key order or formatting) is recognised as the same order.
std::string fingerprint(const OrderInput& in) {
  std::string canonical = fmt::format(
      "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
      in.channel, in.channel_order_id, lowercase_trimmed(in.customer.email), in.customer.name,
      in.customer.phone.value_or(""), in.ship_to.name, in.ship_to.line1, in.ship_to.line2,
      in.ship_to.city, in.ship_to.postal_code, in.ship_to.country,
      in.ship_to.latitude
          ? fmt::format("{:.6f},{:.6f}", *in.ship_to.latitude, *in.ship_to.longitude)
          : "",
      in.priority, in.ship_by_ms.value_or(-1), in.hold_reason.value_or(""));
  // Added later: only present when given, so the fingerprints of orders
  // captured before keep matching their replays.
  if (in.deliver_by_ms)
    canonical += fmt::format(
        "\x1d"
        "deliver_by={}",
        *in.deliver_by_ms);
  for (const auto& line : in.lines) {
    canonical += fmt::format("\x1e{}\x1f{}\x1f{}\x1f{}", line.sku, line.quantity,
                             line.unit_price_minor ? std::to_string(*line.unit_price_minor) : "",
                             line.currency.value_or(""));
  }
  return sha256_hex(canonical);
}

std::string ship_to_json(const ShipTo& s) {
  boost::json::object o;
  o["name"] = s.name;
  o["line1"] = s.line1;
  o["line2"] = s.line2;
  o["city"] = s.city;
  o["postal_code"] = s.postal_code;
  o["country"] = s.country;
  return to_json(o);
}

ShipTo ship_to_from_json(const std::string& text, std::optional<double> lat,
                         std::optional<double> lon) {
  auto f = string_fields(text);
  return {f["name"], f["line1"], f["line2"], f["city"], f["postal_code"], f["country"], lat, lon};
}

int64_t upsert_customer(store::Tx& tx, const CustomerInput& c) {
  std::string email = lowercase_trimmed(c.email);
  int64_t id = 0;
  {
    auto q = tx.query("SELECT id FROM customers WHERE email = $1", email);
    if (q.next()) id = q.i64(0);
  }
  if (id != 0) {
    tx.exec(
        "UPDATE customers SET name = $2, phone = COALESCE($3, phone), updated_at_ms = $4 "
        "WHERE id = $1 AND (name <> $2 OR ($3 IS NOT NULL AND (phone IS NULL OR phone <> $3)))",
        id, c.name, c.phone, tx.now_ms());
    return id;
  }
  id = tx.next_id("customers");
  tx.exec(
      "INSERT INTO customers (id, email, name, phone, created_at_ms, updated_at_ms) VALUES ($1, "
      "$2, $3, $4, $5, $5)",
      id, email, c.name, c.phone, tx.now_ms());
  return id;
}

using WarehouseGeo = wms::WarehousePlace;

// Distance used to rank warehouses: great-circle km when both ends have
// coordinates; otherwise 0 inside the ship-to's country and 20,000 outside.
double distance_to(const WarehouseGeo& w, const ShipTo& s) {
  if (w.latitude && s.latitude) {
    return optimize::haversine_km(*w.latitude, *w.longitude, *s.latitude, *s.longitude);
  }
  return w.country && *w.country == s.country ? 0.0 : 20000.0;
}

// A fulfillment's status as the WMS stored it.
wms::FulfillmentStatus status_of(const wms::FulfillmentSummary& f) {
  return stored_enum(wms::parse_fulfillment_status(f.status), "fulfillment status", f.status);
}

OrderStatus derive_status(const std::vector<OrderLine>& lines,
                          const std::vector<wms::FulfillmentSummary>& fulfillments, bool on_hold) {
  using wms::FulfillmentStatus;
  int64_t quantity = 0, cancelled = 0, shipped = 0, backordered = 0, in_progress = 0;
  for (const auto& l : lines) {
    quantity += l.quantity;
    cancelled += l.cancelled;
    shipped += l.shipped;
    backordered += l.backordered;
    in_progress += l.picked + l.packed;
  }
  if (cancelled == quantity) return OrderStatus::cancelled;
  if (on_hold) return OrderStatus::on_hold;
  if (shipped == quantity - cancelled) {
    bool all_delivered = std::all_of(fulfillments.begin(), fulfillments.end(), [](const auto& f) {
      return status_of(f) == FulfillmentStatus::delivered ||
             status_of(f) == FulfillmentStatus::cancelled;
    });
    return all_delivered ? OrderStatus::delivered : OrderStatus::shipped;
  }
  if (shipped > 0) return OrderStatus::partially_shipped;
  bool in_fulfillment =
      in_progress > 0 || std::any_of(fulfillments.begin(), fulfillments.end(), [](const auto& f) {
        FulfillmentStatus s = status_of(f);
        return s == FulfillmentStatus::picking || s == FulfillmentStatus::picked ||
               s == FulfillmentStatus::packed;
      });
  if (in_fulfillment) return OrderStatus::in_fulfillment;
  if (backordered > 0) return OrderStatus::backordered;
  return OrderStatus::allocated;
}

void append_order_event(store::Tx& tx, const char* type, int64_t order_id,
                        boost::json::object data = {}) {
  data["order_id"] = order_id;
  events::append(tx, type, "order:" + std::to_string(order_id), data);
}

struct OrderRow {
  int64_t id;
  std::optional<std::string> hold_reason;
  OrderStatus status;
};

OrderRow require_order(store::Tx& tx, int64_t order_id) {
  auto q = tx.query("SELECT id, hold_reason, status FROM orders WHERE id = $1", order_id);
  if (!q.next()) throw_not_found("unknown_order", "no order " + std::to_string(order_id));
  return {q.i64(0), q.opt_text(1),
          stored_enum(parse_order_status(q.text(2)), "order status", q.text(2))};
}

// The order as its fulfillments carry it (wms/fulfillment.h: the contract).
wms::FulfillmentOrder fulfillment_order_of(store::Tx& tx, int64_t order_id) {
  auto q = tx.query(
      "SELECT channel_order_id, ship_to_json, priority, ship_by_ms, deliver_by_ms, hold_reason IS "
      "NOT NULL FROM orders WHERE id = $1",
      order_id);
  if (!q.next()) throw std::logic_error("fulfillment for an unknown order");
  return {order_id, q.text(0), q.text(1), q.i64(2), q.opt_i64(3), q.opt_i64(4), q.i64(5) != 0};
}

// The orders with these ids, in this order (ids that name none are left
// out), set-based: one query per kind of row for all of them, so a page of
// orders costs the same few queries as one order.
std::vector<Order> orders_by_ids(store::Tx& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string id_list = store::id_list(ids);
  std::map<int64_t, Order> by_id;
  {
    auto q = tx.query(
        "SELECT o.id, c.code, o.channel_order_id, o.status, cu.id, cu.email, cu.name, cu.phone, "
        "o.ship_to_json, o.ship_to_latitude, o.ship_to_longitude, o.priority, o.ship_by_ms, "
        "o.hold_reason, o.created_at_ms, o.deliver_by_ms, o.tracking_token FROM orders o JOIN "
        "channels c ON c.id = o.channel_id JOIN customers cu ON cu.id = o.customer_id WHERE o.id "
        "IN (SELECT value FROM json_each($1))",
        id_list);
    while (q.next()) {
      Order o;
      o.id = q.i64(0);
      o.channel = q.text(1);
      o.channel_order_id = q.text(2);
      o.status = q.text(3);
      o.customer = {q.i64(4), q.text(5), q.text(6), q.opt_text(7)};
      o.ship_to = ship_to_from_json(q.text(8), q.opt_f64(9), q.opt_f64(10));
      o.priority = q.i64(11);
      o.ship_by_ms = q.opt_i64(12);
      o.hold_reason = q.opt_text(13);
      o.created_at_ms = q.i64(14);
      o.deliver_by_ms = q.opt_i64(15);
      o.tracking_token = q.text(16);
      by_id.emplace(o.id, std::move(o));
    }
  }
  auto progress = wms::progress_of_orders(tx, ids);
  auto returned = wms::returned_by_order_line(tx, ids);
  {
    // The SKUs come from the catalogue, in one lookup for the page's lines.
    std::vector<std::pair<OrderLine*, int64_t>> line_products;
    {
      auto q = tx.query(
          "SELECT ol.order_id, ol.id, ol.product_id, ol.quantity, ol.unit_price_minor, "
          "ol.currency, ol.backordered, ol.cancelled FROM order_lines ol WHERE ol.order_id IN "
          "(SELECT value FROM json_each($1)) ORDER BY ol.order_id, ol.line_no",
          id_list);
      std::vector<std::pair<int64_t, int64_t>> line_rows;  // order id, product id
      while (q.next()) {
        auto order = by_id.find(q.i64(0));
        if (order == by_id.end()) continue;
        const int64_t line_id = q.i64(1);
        const wms::LineProgress& p = progress[line_id];
        auto back = returned.find(line_id);
        order->second.lines.push_back({line_id, "", q.i64(3), q.opt_i64(4), q.opt_text(5),
                                       p.allocated, p.picked, p.packed, p.shipped, q.i64(6),
                                       q.i64(7), back == returned.end() ? 0 : back->second});
        line_rows.emplace_back(q.i64(0), q.i64(2));
      }
      // Pointers only once every line is in place (push_back moves them).
      std::map<int64_t, size_t> next_line;
      for (const auto& [order_id, product_id] : line_rows) {
        line_products.emplace_back(&by_id[order_id].lines[next_line[order_id]++], product_id);
      }
    }
    std::vector<int64_t> product_ids;
    for (const auto& [line, product_id] : line_products) product_ids.push_back(product_id);
    std::map<int64_t, catalog::Product> products = catalog::products_by_ids(tx, product_ids);
    for (auto& [line, product_id] : line_products) line->sku = products.at(product_id).sku;
  }
  for (auto& [order_id, fulfillments] : wms::fulfillments_of_orders(tx, ids)) {
    auto order = by_id.find(order_id);
    if (order != by_id.end()) order->second.fulfillments = std::move(fulfillments);
  }
  return store::in_order_of(ids, by_id);
}

}  // namespace

bool is_order_status(std::string_view status) { return parse_order_status(status).has_value(); }

ChannelUpsert upsert_channel(store::Tx& tx, const std::string& code, const std::string& name) {
  if (!is_code(code)) {
    throw_invalid_field("code", "channel code must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  require_text(name, "name", 200);
  int64_t id = 0;
  {
    auto q = tx.query("SELECT id FROM channels WHERE code = $1", code);
    if (q.next()) id = q.i64(0);
  }
  bool created = id == 0;
  if (created) {
    id = tx.next_id("channels");
    tx.exec("INSERT INTO channels (id, code, name, created_at_ms) VALUES ($1, $2, $3, $4)", id,
            code, name, tx.now_ms());
  } else {
    tx.exec("UPDATE channels SET name = $2 WHERE id = $1", id, name);
  }
  boost::json::object data;
  data["code"] = code;
  data["created"] = created;
  events::append(tx, "channel.upserted", "channel:" + code, data);
  return {{id, code, name}, created};
}

std::vector<Channel> list_channels(store::Tx& tx, std::string_view after_code, int64_t limit) {
  std::vector<Channel> list;
  auto q = tx.query("SELECT id, code, name FROM channels WHERE code > $1 ORDER BY code LIMIT $2",
                    after_code, limit);
  while (q.next()) list.push_back({q.i64(0), q.text(1), q.text(2)});
  return list;
}

OrderCreate OrderService::create_order(store::Tx& tx, const OrderInput& in) {
  validate(in);
  int64_t channel_id = 0;
  {
    auto q = tx.query("SELECT id FROM channels WHERE code = $1", in.channel);
    if (!q.next()) throw_unprocessable("unknown_channel", "no channel " + in.channel, "channel");
    channel_id = q.i64(0);
  }
  std::string hash = fingerprint(in);
  {
    std::optional<int64_t> existing_id;
    std::string existing_hash;
    {
      auto q = tx.query(
          "SELECT id, request_hash FROM orders WHERE channel_id = $1 AND channel_order_id = $2",
          channel_id, in.channel_order_id);
      if (q.next()) {
        existing_id = q.i64(0);
        existing_hash = q.text(1);
      }
    }
    if (existing_id) {
      if (existing_hash != hash) {
        throw_conflict("idempotency_conflict", "order " + in.channel_order_id + " of channel " +
                                                   in.channel + " exists with different content");
      }
      return {get_order(tx, *existing_id), false};
    }
  }
  std::vector<int64_t> product_ids;
  for (size_t i = 0; i < in.lines.size(); ++i) {
    std::optional<int64_t> product_id = catalog::product_id_of(tx, in.lines[i].sku);
    if (!product_id) {
      throw_unprocessable("unknown_sku", "no product with SKU " + in.lines[i].sku,
                          fmt::format("lines[{}].sku", i));
    }
    product_ids.push_back(*product_id);
  }

  int64_t customer_id = upsert_customer(tx, in.customer);
  int64_t order_id = tx.next_id("orders");
  std::vector<int64_t> line_ids;
  for (size_t i = 0; i < in.lines.size(); ++i) line_ids.push_back(tx.next_id("order_lines"));

  // Sourcing: availability of every line at every warehouse that stocks it.
  optimize::SourcingRequest request;
  std::map<int64_t, size_t> candidate_index;
  std::vector<WarehouseGeo> geos = wms::warehouse_places(tx);
  for (size_t i = 0; i < in.lines.size(); ++i) {
    request.quantities.push_back(in.lines[i].quantity);
    for (const auto& stock : inventory::warehouse_stock(tx, product_ids[i])) {
      if (stock.available() <= 0) continue;
      auto [it, fresh] = candidate_index.emplace(stock.warehouse_id, request.warehouses.size());
      if (fresh) {
        optimize::SourcingCandidate c;
        c.warehouse_id = stock.warehouse_id;
        for (const auto& g : geos) {
          if (g.id == stock.warehouse_id) c.distance = distance_to(g, in.ship_to);
        }
        request.warehouses.push_back(std::move(c));
      }
      auto& available = request.warehouses[it->second].available;
      available.resize(in.lines.size(), 0);
      // Two lines of one SKU share the stock: give the later one what is left.
      int64_t already = 0;
      for (size_t j = 0; j < i; ++j) {
        if (product_ids[j] == product_ids[i]) already += available[j];
      }
      available[i] = std::max<int64_t>(0, stock.available() - already);
    }
  }
  for (auto& c : request.warehouses) c.available.resize(in.lines.size(), 0);
  optimize::SourcingPlan plan = policy_.plan(request);

  std::map<int64_t, std::vector<wms::FulfillmentLineInput>> by_warehouse;
  std::vector<int64_t> backordered(in.lines.size());
  for (size_t i = 0; i < in.lines.size(); ++i) backordered[i] = in.lines[i].quantity;
  for (const auto& a : plan.assignments) {
    // Inside the single writer this cannot fail; on a shared database a
    // concurrent order may have taken the units, which are then backordered.
    if (!inventory::allocate(tx, a.warehouse_id, product_ids[a.line], a.quantity)) continue;
    by_warehouse[a.warehouse_id].push_back(
        {line_ids[a.line], static_cast<int64_t>(a.line + 1), product_ids[a.line], a.quantity});
    backordered[a.line] -= a.quantity;
  }

  // The answer is built from what was just written: a fresh order has no
  // history to read back (this is the hot path of order capture).
  Order order;
  order.id = order_id;
  order.channel = in.channel;
  order.channel_order_id = in.channel_order_id;
  order.customer = {customer_id, lowercase_trimmed(in.customer.email), in.customer.name,
                    in.customer.phone};
  order.ship_to = in.ship_to;
  order.priority = in.priority;
  order.ship_by_ms = in.ship_by_ms;
  order.deliver_by_ms = in.deliver_by_ms;
  order.hold_reason = in.hold_reason;
  order.created_at_ms = tx.now_ms();
  order.tracking_token = random_hex(16);
  for (size_t i = 0; i < in.lines.size(); ++i) {
    order.lines.push_back({line_ids[i], in.lines[i].sku, in.lines[i].quantity,
                           in.lines[i].unit_price_minor, in.lines[i].currency,
                           in.lines[i].quantity - backordered[i], 0, 0, 0, backordered[i], 0});
  }
  int64_t total_backordered = 0;
  for (int64_t b : backordered) total_backordered += b;
  boost::json::object data;
  data["channel"] = in.channel;
  data["channel_order_id"] = in.channel_order_id;
  data["lines"] = static_cast<int64_t>(in.lines.size());
  data["warehouses"] = static_cast<int64_t>(by_warehouse.size());
  data["backordered"] = total_backordered;
  // Which method chose the warehouses, whether it proved the choice best,
  // and what it costs (optimize/sourcing.h).
  data["sourcing"] = {{"method", plan.method},
                      {"optimal", plan.optimal},
                      {"shipments", static_cast<int64_t>(plan.shipments)},
                      {"cost", json_number(plan.cost)}};
  append_order_event(tx, "order.created", order_id, data);
  if (total_backordered > 0) {
    boost::json::object b;
    b["units"] = total_backordered;
    append_order_event(tx, "order.backordered", order_id, b);
  }
  const std::string ship_to = ship_to_json(in.ship_to);
  const wms::FulfillmentOrder as_fulfilled{
      order_id,         in.channel_order_id,       ship_to, in.priority, in.ship_by_ms,
      in.deliver_by_ms, in.hold_reason.has_value()};
  for (const auto& [warehouse_id, lines] : by_warehouse) {
    int64_t fulfillment_id = wms::assign_to_fulfillment(tx, warehouse_id, as_fulfilled, lines);
    std::string code;
    for (const auto& g : geos) {
      if (g.id == warehouse_id) code = g.code;
    }
    const auto status =
        in.hold_reason ? wms::FulfillmentStatus::pending : wms::FulfillmentStatus::released;
    order.fulfillments.push_back({fulfillment_id, code, std::string(wms::to_string(status)),
                                  std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  }
  order.status = std::string(
      to_string(derive_status(order.lines, order.fulfillments, order.hold_reason.has_value())));
  tx.exec(
      "INSERT INTO orders (id, channel_id, channel_order_id, request_hash, customer_id, "
      "ship_to_json, ship_to_country, ship_to_latitude, ship_to_longitude, priority, ship_by_ms, "
      "hold_reason, status, created_at_ms, updated_at_ms, deliver_by_ms, tracking_token) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $13, $13, $15, $16)",
      order_id, channel_id, in.channel_order_id, hash, customer_id, ship_to, in.ship_to.country,
      in.ship_to.latitude, in.ship_to.longitude, in.priority, in.ship_by_ms, in.hold_reason,
      tx.now_ms(), order.status, in.deliver_by_ms, order.tracking_token);
  for (size_t i = 0; i < in.lines.size(); ++i) {
    tx.exec(
        "INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, unit_price_minor, "
        "currency, backordered, cancelled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)",
        line_ids[i], order_id, static_cast<int64_t>(i + 1), product_ids[i], in.lines[i].quantity,
        in.lines[i].unit_price_minor, in.lines[i].currency, backordered[i]);
  }
  return {std::move(order), true};
}

Order OrderService::get_order(store::Tx& tx, int64_t order_id) {
  std::vector<Order> found = orders_by_ids(tx, {order_id});
  if (found.empty()) throw_not_found("unknown_order", "no order " + std::to_string(order_id));
  return std::move(found.front());
}

std::vector<Order> OrderService::list_orders(store::Tx& tx, const OrderFilter& f) {
  std::vector<int64_t> ids;
  {
    auto q = tx.query(
        "SELECT o.id FROM orders o JOIN channels c ON c.id = o.channel_id WHERE ($1 = 0 OR o.id "
        "< $1) AND ($2 IS NULL OR o.status = $2) AND ($3 IS NULL OR c.code = $3) AND ($5 IS NULL "
        "OR CAST(o.id AS TEXT) = $5 OR lower(substr(o.channel_order_id, 1, length($5))) = "
        "lower($5) OR "
        "o.customer_id = (SELECT id FROM customers WHERE email = lower(trim($5)))) ORDER BY o.id "
        "DESC LIMIT $4",
        f.before_id, f.status, f.channel, f.limit, f.search);
    while (q.next()) ids.push_back(q.i64(0));
  }
  return orders_by_ids(tx, ids);
}

Order OrderService::cancel_order(store::Tx& tx, int64_t order_id) {
  // Locked before it is read: holds, releases and cancels of one order take
  // turns across processes (the order's lock comes first of all).
  tx.lock("order", order_id);
  OrderRow row = require_order(tx, order_id);
  if (row.status == OrderStatus::cancelled) {
    throw_conflict("invalid_state", "the order is already cancelled");
  }
  // Backorders are cancelled first, so the stock freed below serves other orders.
  tx.exec(
      "UPDATE order_lines SET cancelled = cancelled + backordered, backordered = 0 WHERE "
      "order_id = $1",
      order_id);
  auto freed = wms::cancel_fulfillments(tx, order_id, this);
  for (const auto& [line_id, quantity] : freed) {
    tx.exec("UPDATE order_lines SET cancelled = cancelled + $2 WHERE id = $1", line_id, quantity);
  }
  append_order_event(tx, "order.cancelled", order_id);
  refresh_status(tx, order_id);
  return get_order(tx, order_id);
}

Order OrderService::hold_order(store::Tx& tx, int64_t order_id, const std::string& reason) {
  require_text(reason, "reason", 200);
  tx.lock("order", order_id);
  OrderRow row = require_order(tx, order_id);
  for (OrderStatus final_status : {OrderStatus::cancelled, OrderStatus::shipped,
                                   OrderStatus::delivered, OrderStatus::partially_shipped}) {
    if (row.status == final_status) {
      throw_conflict("invalid_state",
                     "a " + std::string(to_string(row.status)) + " order cannot be held");
    }
  }
  wms::hold_fulfillments(tx, order_id);
  tx.exec("UPDATE orders SET hold_reason = $2, updated_at_ms = $3 WHERE id = $1", order_id, reason,
          tx.now_ms());
  boost::json::object data;
  data["reason"] = reason;
  append_order_event(tx, "order.held", order_id, data);
  refresh_status(tx, order_id);
  return get_order(tx, order_id);
}

Order OrderService::release_order(store::Tx& tx, int64_t order_id) {
  tx.lock("order", order_id);
  OrderRow row = require_order(tx, order_id);
  if (!row.hold_reason) throw_conflict("invalid_state", "the order is not on hold");
  if (row.status == OrderStatus::cancelled)
    throw_conflict("invalid_state", "the order is cancelled");
  tx.exec("UPDATE orders SET hold_reason = NULL, updated_at_ms = $2 WHERE id = $1", order_id,
          tx.now_ms());
  wms::release_fulfillments(tx, order_id);
  append_order_event(tx, "order.released", order_id);
  refresh_status(tx, order_id);
  return get_order(tx, order_id);
}

void OrderService::stock_available(store::Tx& tx, int64_t warehouse_id, int64_t product_id) {
  for (;;) {
    auto level = inventory::warehouse_level(tx, warehouse_id, product_id);
    int64_t available = level ? level->available() : 0;
    if (available <= 0) return;
    struct Waiting {
      int64_t line_id, order_id, backordered, line_no;
    };
    std::optional<Waiting> next;
    {
      auto q = tx.query(
          "SELECT ol.id, ol.order_id, ol.backordered, ol.line_no FROM order_lines ol JOIN orders o "
          "ON o.id = ol.order_id WHERE ol.product_id = $1 AND ol.backordered > 0 ORDER BY "
          "o.priority DESC, o.created_at_ms, o.id, ol.id LIMIT 1",
          product_id);
      if (q.next()) next = Waiting{q.i64(0), q.i64(1), q.i64(2), q.i64(3)};
    }
    if (!next) return;
    int64_t quantity = std::min(available, next->backordered);
    // The line is served once: another process may have served it since it
    // was read; then look again.
    if (tx.exec("UPDATE order_lines SET backordered = backordered - $2 WHERE id = $1 AND "
                "backordered >= $2",
                next->line_id, quantity) == 0) {
      continue;
    }
    if (!inventory::allocate(tx, warehouse_id, product_id, quantity)) {
      tx.exec("UPDATE order_lines SET backordered = backordered + $2 WHERE id = $1", next->line_id,
              quantity);
      return;
    }
    int64_t fulfillment_id =
        wms::assign_to_fulfillment(tx, warehouse_id, fulfillment_order_of(tx, next->order_id),
                                   {{next->line_id, next->line_no, product_id, quantity}});
    boost::json::object data;
    data["order_line_id"] = next->line_id;
    data["quantity"] = quantity;
    data["fulfillment_id"] = fulfillment_id;
    data["from_backorder"] = true;
    append_order_event(tx, "order.allocated", next->order_id, data);
    refresh_status(tx, next->order_id);
  }
}

void OrderService::units_returned(store::Tx& tx, int64_t warehouse_id, int64_t order_line_id,
                                  int64_t quantity) {
  int64_t order_id, product_id, line_no;
  ShipTo ship_to;
  {
    auto q = tx.query(
        "SELECT o.id, ol.product_id, ol.line_no, o.ship_to_country, o.ship_to_latitude, "
        "o.ship_to_longitude FROM order_lines ol JOIN orders o ON o.id = ol.order_id WHERE ol.id "
        "= $1",
        order_line_id);
    if (!q.next()) throw std::logic_error("units returned to an unknown order line");
    order_id = q.i64(0);
    product_id = q.i64(1);
    line_no = q.i64(2);
    ship_to.country = q.text(3);
    ship_to.latitude = q.opt_f64(4);
    ship_to.longitude = q.opt_f64(5);
  }
  tx.exec("UPDATE order_lines SET backordered = backordered + $2 WHERE id = $1", order_line_id,
          quantity);
  boost::json::object data;
  data["order_line_id"] = order_line_id;
  data["units"] = quantity;
  append_order_event(tx, "order.backordered", order_id, data);

  // Another warehouse may hold the units: nearest first. (The warehouse that
  // gave them back has already looked at its own shelves.)
  struct Candidate {
    int64_t warehouse_id, available;
    double distance;
  };
  std::vector<Candidate> candidates;
  std::vector<WarehouseGeo> geos;  // read once, when some other warehouse has stock
  for (const auto& stock : inventory::warehouse_stock(tx, product_id)) {
    if (stock.warehouse_id == warehouse_id || stock.available() <= 0) continue;
    if (geos.empty()) geos = wms::warehouse_places(tx);
    for (const WarehouseGeo& geo : geos) {
      if (geo.id == stock.warehouse_id) {
        candidates.push_back({stock.warehouse_id, stock.available(), distance_to(geo, ship_to)});
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
  int64_t remaining = quantity;
  for (const Candidate& c : candidates) {
    if (remaining == 0) break;
    int64_t take = std::min(remaining, c.available);
    if (!inventory::allocate(tx, c.warehouse_id, product_id, take)) continue;
    tx.exec("UPDATE order_lines SET backordered = backordered - $2 WHERE id = $1", order_line_id,
            take);
    int64_t fulfillment_id =
        wms::assign_to_fulfillment(tx, c.warehouse_id, fulfillment_order_of(tx, order_id),
                                   {{order_line_id, line_no, product_id, take}});
    boost::json::object allocated;
    allocated["order_line_id"] = order_line_id;
    allocated["quantity"] = take;
    allocated["fulfillment_id"] = fulfillment_id;
    allocated["from_backorder"] = true;
    append_order_event(tx, "order.allocated", order_id, allocated);
    remaining -= take;
  }
  refresh_status(tx, order_id);
}

void OrderService::fulfillment_changed(store::Tx& tx, int64_t order_id) {
  refresh_status(tx, order_id);
}

void OrderService::refresh_status(store::Tx& tx, int64_t order_id) {
  // The status is derived from all of the order's fulfillments, read here:
  // two commands on two fulfillments of one order (ships in two server
  // processes) must not both derive it from a view without the other's
  // change. Taken late (the caller may hold pick-list or fulfillment locks),
  // against the lock order; a deadlock that makes is detected and re-run.
  tx.lock("order", order_id);
  Order o = get_order(tx, order_id);
  OrderStatus status = derive_status(o.lines, o.fulfillments, o.hold_reason.has_value());
  if (to_string(status) != o.status) {
    tx.exec("UPDATE orders SET status = $2, updated_at_ms = $3 WHERE id = $1", order_id,
            to_string(status), tx.now_ms());
  }
}

}  // namespace wareflow::oms
