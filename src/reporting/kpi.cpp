#include "reporting/kpi.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "numeric/wide.h"

namespace wareflow::reporting {
namespace {

std::optional<CycleTime> cycle_time(std::vector<int64_t> durations) {
  if (durations.empty()) return std::nullopt;
  std::sort(durations.begin(), durations.end());
  CycleTime c;
  double sum = 0;
  for (int64_t d : durations) sum += static_cast<double>(d);
  c.mean_ms = sum / static_cast<double>(durations.size());
  auto rank = [&](double q) {
    // Nearest rank: the smallest value with at least q of the values <= it.
    size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(durations.size())));
    return durations[std::max<size_t>(k, 1) - 1];
  };
  c.p50_ms = rank(0.5);
  c.p90_ms = rank(0.9);
  return c;
}

// Orders completely shipped (or delivered) whose last such event fell in the
// window: placement-to-event durations.
std::vector<int64_t> completed(store::Tx& tx, const char* column, const char* statuses,
                               int64_t from_ms, int64_t to_ms, int64_t channel_id) {
  auto q = tx.query(std::string("SELECT o.created_at_ms, MAX(f.") + column +
                        ") FROM orders o JOIN fulfillments f ON f.order_id = o.id WHERE o.status "
                        "IN " +
                        statuses +
                        " AND f.status <> 'cancelled' AND ($3 = 0 OR o.channel_id = $3) GROUP BY "
                        "o.id, o.created_at_ms HAVING MAX(f." +
                        column + ") >= $1 AND MAX(f." + column + ") < $2",
                    from_ms, to_ms, channel_id);
  std::vector<int64_t> durations;
  while (q.next()) durations.push_back(q.i64(1) - q.i64(0));
  return durations;
}

}  // namespace

OrderKpis order_kpis(store::Tx& tx, int64_t from_ms, int64_t to_ms,
                     const std::optional<std::string>& channel) {
  OrderKpis k;
  k.from_ms = from_ms;
  k.to_ms = to_ms;
  k.channel = channel;
  int64_t channel_id = 0;
  if (channel) {
    auto q = tx.query("SELECT id FROM channels WHERE code = $1", *channel);
    if (!q.next()) throw_unprocessable("unknown_channel", "no channel " + *channel, "channel");
    channel_id = q.i64(0);
  }
  {
    auto q = tx.query(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN o.status = 'cancelled' THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM((SELECT SUM(ol.quantity) FROM order_lines ol WHERE ol.order_id = o.id)), 0) "
        "FROM orders o WHERE o.created_at_ms >= $1 AND o.created_at_ms < $2 AND ($3 = 0 OR "
        "o.channel_id = $3)",
        from_ms, to_ms, channel_id);
    q.next();
    k.orders_placed = q.i64(0);
    k.orders_cancelled = q.i64(1);
    k.units_ordered = q.i64(2);
  }
  {
    // Backorders at capture: the order.backordered event appended with the
    // order (a later backorder comes from a short pick or a count). The id is
    // cast to BIGINT: PostgreSQL's INTEGER is 32 bits (SQLite's is 64).
    auto q = tx.query(
        "SELECT e.data_json FROM events e JOIN orders o ON o.id = CAST(substr(e.subject, 7) AS "
        "BIGINT) WHERE e.type = 'order.backordered' AND e.at_ms >= $1 AND e.at_ms < $2 AND "
        "e.subject LIKE 'order:%' AND e.at_ms = o.created_at_ms AND ($3 = 0 OR o.channel_id = "
        "$3)",
        from_ms, to_ms, channel_id);
    while (q.next()) {
      ++k.orders_backordered;
      boost::json::error_code ec;
      auto data = boost::json::parse(q.text(0), ec);
      if (!ec && data.is_object()) {
        if (auto* units = data.as_object().if_contains("units"); units && units->is_int64()) {
          k.units_backordered_at_capture += units->as_int64();
        }
      }
    }
  }
  if (k.orders_placed > 0) {
    k.backorder_rate =
        static_cast<double>(k.orders_backordered) / static_cast<double>(k.orders_placed);
  }
  if (k.units_ordered > 0) {
    k.fill_rate_at_capture = 1.0 - static_cast<double>(k.units_backordered_at_capture) /
                                       static_cast<double>(k.units_ordered);
  }
  auto shipped =
      completed(tx, "shipped_at_ms", "('shipped', 'delivered')", from_ms, to_ms, channel_id);
  k.orders_shipped = static_cast<int64_t>(shipped.size());
  k.ship_cycle_time = cycle_time(std::move(shipped));
  auto delivered = completed(tx, "delivered_at_ms", "('delivered')", from_ms, to_ms, channel_id);
  k.orders_delivered = static_cast<int64_t>(delivered.size());
  k.delivery_cycle_time = cycle_time(std::move(delivered));
  {
    auto q = tx.query(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.shipped_at_ms <= f.ship_by_ms THEN 1 ELSE 0 "
        "END), 0) FROM fulfillments f JOIN orders o ON o.id = f.order_id WHERE f.shipped_at_ms "
        ">= $1 AND f.shipped_at_ms < $2 AND f.ship_by_ms IS NOT NULL AND ($3 = 0 OR "
        "o.channel_id = $3)",
        from_ms, to_ms, channel_id);
    q.next();
    k.fulfillments_shipped_with_ship_by = q.i64(0);
    k.fulfillments_shipped_on_time = q.i64(1);
  }
  {
    // The orders of orders_shipped, and which of them went wrong somewhere.
    auto q = tx.query(
        "SELECT o.id, (SELECT COALESCE(SUM(ol.cancelled), 0) FROM order_lines ol WHERE "
        "ol.order_id = o.id) + (SELECT COUNT(*) FROM events e WHERE e.type = 'order.backordered' "
        "AND e.subject = 'order:' || o.id) + (SELECT COUNT(*) FROM fulfillments f2 WHERE "
        "f2.order_id = o.id AND f2.status <> 'cancelled' AND f2.ship_by_ms IS NOT NULL AND "
        "f2.shipped_at_ms > f2.ship_by_ms) + (SELECT COUNT(*) FROM pick_lines pl JOIN "
        "fulfillments f3 ON f3.id = pl.fulfillment_id WHERE f3.order_id = o.id AND pl.short > 0) "
        "+ (SELECT COUNT(*) FROM returns r WHERE r.order_id = o.id AND r.status <> 'cancelled') "
        "FROM orders o JOIN fulfillments f ON f.order_id = o.id WHERE o.status IN ('shipped', "
        "'delivered') AND f.status <> 'cancelled' AND ($3 = 0 OR o.channel_id = $3) GROUP BY o.id "
        "HAVING MAX(f.shipped_at_ms) >= $1 AND MAX(f.shipped_at_ms) < $2",
        from_ms, to_ms, channel_id);
    int64_t orders = 0;
    while (q.next()) {
      ++orders;
      if (q.i64(1) == 0) ++k.perfect_orders;
    }
    if (orders > 0) {
      k.perfect_order_rate = static_cast<double>(k.perfect_orders) / static_cast<double>(orders);
    }
  }
  if (k.fulfillments_shipped_with_ship_by > 0) {
    k.on_time_ship_rate = static_cast<double>(k.fulfillments_shipped_on_time) /
                          static_cast<double>(k.fulfillments_shipped_with_ship_by);
  }
  return k;
}

Throughput throughput(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                      int64_t to_ms, int64_t bucket_ms) {
  Throughput t;
  t.bucket_ms = bucket_ms;
  t.from_ms = from_ms / bucket_ms * bucket_ms;
  t.to_ms = to_ms;
  if ((to_ms - t.from_ms + bucket_ms - 1) / bucket_ms > 10'000) {
    throw_invalid_field("to", "the window holds more than 10000 buckets; use bucket=day");
  }
  for (int64_t b = t.from_ms; b < to_ms; b += bucket_ms) t.buckets.push_back({b});
  const int64_t wh = warehouse_id.value_or(0);
  auto bucket = [&](int64_t at_ms) -> ThroughputBucket* {
    if (at_ms < t.from_ms || at_ms >= to_ms) return nullptr;
    return &t.buckets[static_cast<size_t>((at_ms - t.from_ms) / bucket_ms)];
  };
  {
    auto q = tx.query(
        "SELECT at_ms, quantity FROM stock_moves WHERE reason = 'pick' AND at_ms >= $1 AND at_ms "
        "< $2 AND ($3 = 0 OR warehouse_id = $3)",
        t.from_ms, to_ms, wh);
    while (q.next()) {
      if (auto* b = bucket(q.i64(0))) {
        b->units_picked += q.i64(1);
        b->pick_lines += 1;
      }
    }
  }
  {
    auto q = tx.query(
        "SELECT f.order_id, MAX(f.shipped_at_ms), SUM((SELECT COALESCE(SUM(fl.shipped), 0) FROM "
        "fulfillment_lines fl WHERE fl.fulfillment_id = f.id)) FROM fulfillments f WHERE "
        "f.shipped_at_ms >= $1 AND f.shipped_at_ms < $2 AND ($3 = 0 OR f.warehouse_id = $3) "
        "GROUP BY f.order_id",
        t.from_ms, to_ms, wh);
    while (q.next()) {
      if (auto* b = bucket(q.i64(1))) {
        b->orders_shipped += 1;
        b->units_shipped += q.i64(2);
      }
    }
  }
  int64_t active_ms = 0;
  for (const auto& b : t.buckets) {
    t.units_picked += b.units_picked;
    t.units_shipped += b.units_shipped;
    t.orders_shipped += b.orders_shipped;
    if (b.units_picked + b.orders_shipped > 0) active_ms += bucket_ms;
  }
  if (active_ms > 0) {
    double hours = static_cast<double>(active_ms) / 3'600'000.0;
    t.units_picked_per_hour = static_cast<double>(t.units_picked) / hours;
    t.orders_shipped_per_hour = static_cast<double>(t.orders_shipped) / hours;
  }
  return t;
}

SalesReport sales(store::Tx& tx, int64_t from_ms, int64_t to_ms, const std::string& group,
                  const std::optional<std::string>& channel, int64_t limit) {
  constexpr int64_t kDayMs = 86'400'000, kWeekMs = 7 * kDayMs;
  if (group != "day" && group != "channel" && group != "sku") {
    throw_invalid_field("group", "group must be day, channel or sku");
  }
  SalesReport r;
  r.group = group;
  r.from_ms = group == "day" ? from_ms / kDayMs * kDayMs : from_ms;
  r.to_ms = to_ms;
  if (group == "day" && (to_ms - r.from_ms) > 366 * kDayMs) {
    throw_invalid_field("from", "a report by day covers at most 366 days");
  }
  int64_t channel_id = 0;
  if (channel) {
    auto q = tx.query("SELECT id FROM channels WHERE code = $1", *channel);
    if (!q.next()) throw_unprocessable("unknown_channel", "no channel " + *channel, "channel");
    channel_id = q.i64(0);
  }
  // The total, channels and SKUs compare with the window moved back by its
  // length in whole weeks; each day with the same weekday a week before
  // (which may lie inside the window).
  const int64_t shift = (to_ms - r.from_ms + kWeekMs - 1) / kWeekMs * kWeekMs;
  std::map<std::string, SalesRow> rows;
  std::map<std::string, int64_t> prior;  // by key of the row it compares with
  auto key_of = [&](store::Query& q, int64_t at_ms) -> std::string {
    if (group == "day") return format_rfc3339(at_ms / kDayMs * kDayMs).substr(0, 10);
    return q.text(4);
  };
  auto q =
      tx.query(std::string("SELECT o.id, o.created_at_ms, ol.quantity - ol.cancelled, "
                           "ol.unit_price_minor, ") +
                   (group == "sku" ? "p.sku" : "c.code") +
                   ", ol.currency FROM orders o JOIN "
                   "order_lines ol ON ol.order_id = o.id JOIN channels c ON c.id = o.channel_id "
                   "JOIN products p ON p.id = ol.product_id WHERE o.created_at_ms >= $1 AND "
                   "o.created_at_ms < $2 AND ($3 = 0 OR o.channel_id = $3) ORDER BY o.id",
               r.from_ms - shift, to_ms, channel_id);
  std::map<std::string, std::map<std::string, numeric::Sum>> revenue;  // by key, then currency
  std::map<std::string, int64_t> last_order_of_key;
  while (q.next()) {
    const int64_t at = q.i64(1), units = q.i64(2);
    const bool earlier_window = at < to_ms - shift;  // and >= from - shift, by the query
    if (earlier_window) r.prior_units += units;
    if (group == "day") {
      if (at + kWeekMs >= r.from_ms && at + kWeekMs < to_ms)
        prior[key_of(q, at + kWeekMs)] += units;
    } else if (earlier_window) {
      prior[key_of(q, at)] += units;
    }
    if (at < r.from_ms) continue;
    std::string key = key_of(q, at);
    SalesRow& row = rows[key];
    row.key = key;
    row.units += units;
    if (auto price = q.opt_i64(3); price && units > 0) {
      revenue[key][q.opt_text(5).value_or("")] += numeric::mul_wide(*price, units);
    }
    if (last_order_of_key[key] != q.i64(0)) {
      row.orders += 1;
      last_order_of_key[key] = q.i64(0);
    }
    r.units += units;
  }
  // Every day of the window, and every channel or SKU that sold in either
  // stretch, shows (a drop to nothing is a trend too).
  if (group == "day") {
    for (int64_t d = r.from_ms; d < to_ms; d += kDayMs) {
      std::string key = format_rfc3339(d).substr(0, 10);
      rows[key].key = key;
    }
  } else {
    for (const auto& [key, units] : prior) rows[key].key = key;
  }
  for (auto& [key, row] : rows) {
    for (const auto& [currency, sum] : revenue[key]) {
      row.revenue_minor[currency] = sum.value();
      if (sum.saturated()) row.revenue_saturated = true;
    }
    row.prior_units = prior.count(key) ? prior[key] : 0;
    if (row.prior_units > 0) {
      row.change = static_cast<double>(row.units) / static_cast<double>(row.prior_units) - 1.0;
    }
    r.rows.push_back(std::move(row));
  }
  if (group != "day") {
    std::stable_sort(r.rows.begin(), r.rows.end(),
                     [](const SalesRow& a, const SalesRow& b) { return a.units > b.units; });
    if (group == "sku" && static_cast<int64_t>(r.rows.size()) > limit) r.rows.resize(limit);
  }
  if (r.prior_units > 0) {
    r.change = static_cast<double>(r.units) / static_cast<double>(r.prior_units) - 1.0;
  }
  return r;
}

std::vector<ZoneSpace> space_utilisation(store::Tx& tx, int64_t warehouse_id) {
  // Volumes are summed here in 128 bits (numeric/wide.h): SQL's SUM of units
  // × length × width × height overflows on both backends.
  std::map<std::string, numeric::Sum> volume_mm3;
  {
    auto q = tx.query(
        "SELECT COALESCE(l.zone, l.type), b.on_hand, p.length_mm, p.width_mm, p.height_mm FROM "
        "stock_balances b JOIN products p ON p.id = b.product_id JOIN locations l ON l.id = "
        "b.location_id WHERE b.warehouse_id = $1 AND b.on_hand > 0 AND l.type IN ('storage', "
        "'pick') AND l.max_volume_cm3 IS NOT NULL",
        warehouse_id);
    while (q.next()) {
      volume_mm3[q.text(0)] += numeric::volume_mm3(q.i64(1), q.i64(2), q.i64(3), q.i64(4));
    }
  }
  auto q = tx.query(
      "SELECT COALESCE(l.zone, l.type), COUNT(*), SUM(CASE WHEN s.units > 0 THEN 1 ELSE 0 END), "
      "COALESCE(SUM(l.max_volume_cm3), 0) FROM locations l LEFT JOIN (SELECT b.location_id, "
      "SUM(b.on_hand) AS units FROM stock_balances b WHERE b.warehouse_id = $1 AND b.on_hand > 0 "
      "GROUP BY b.location_id) s ON s.location_id = l.id WHERE l.warehouse_id = $1 AND l.type IN "
      "('storage', 'pick') GROUP BY COALESCE(l.zone, l.type) ORDER BY 1",
      warehouse_id);
  std::vector<ZoneSpace> zones;
  while (q.next()) {
    ZoneSpace z;
    z.zone = q.text(0);
    z.locations = q.i64(1);
    z.occupied = q.i64(2);
    z.capacity_cm3 = q.i64(3);
    z.used_cm3 = numeric::saturate(numeric::ceil_div(volume_mm3[z.zone].wide(), 1000));
    if (z.capacity_cm3 > 0) {
      z.utilisation = static_cast<double>(z.used_cm3) / static_cast<double>(z.capacity_cm3);
    }
    zones.push_back(std::move(z));
  }
  return zones;
}

DockToStock dock_to_stock(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                          int64_t to_ms) {
  auto q = tx.query(
      "SELECT t.finished_at_ms - r.received_at_ms, r.quantity FROM tasks t JOIN receipts r ON "
      "r.id = t.ref_id WHERE t.type = 'putaway' AND t.ref_type = 'receipt' AND t.status = 'done' "
      "AND t.finished_at_ms >= $1 AND t.finished_at_ms < $2 AND ($3 = 0 OR t.warehouse_id = $3)",
      from_ms, to_ms, warehouse_id.value_or(0));
  DockToStock d;
  std::vector<int64_t> durations;
  while (q.next()) {
    durations.push_back(std::max<int64_t>(0, q.i64(0)));
    d.units += q.i64(1);
  }
  d.receipts = static_cast<int64_t>(durations.size());
  d.time = cycle_time(std::move(durations));
  return d;
}

}  // namespace wareflow::reporting
