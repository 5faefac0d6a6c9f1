#include "oms/kpi.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <vector>

#include "core/error.h"

namespace wareflow::oms {
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
    // order (a later backorder comes from a short pick or a count).
    auto q = tx.query(
        "SELECT e.data_json FROM events e JOIN orders o ON o.id = CAST(substr(e.subject, 7) AS "
        "INTEGER) WHERE e.type = 'order.backordered' AND e.at_ms >= $1 AND e.at_ms < $2 AND "
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
  if (k.fulfillments_shipped_with_ship_by > 0) {
    k.on_time_ship_rate = static_cast<double>(k.fulfillments_shipped_on_time) /
                          static_cast<double>(k.fulfillments_shipped_with_ship_by);
  }
  return k;
}

}  // namespace wareflow::oms
