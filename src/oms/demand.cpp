#include "oms/demand.h"

#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "inputs/input_error.h"
#include "planning/demand.h"
#include "wms/layout.h"

namespace wareflow::oms {
namespace {

constexpr int64_t kDayMs = 86'400'000;

int64_t channel_id(store::Tx& tx, const std::string& code) {
  auto q = tx.query("SELECT id FROM channels WHERE code = $1", code);
  if (!q.next()) throw_unprocessable("unknown_channel", "no channel " + code, "channel");
  return q.i64(0);
}

// Units into physical stock of a move (negative: out of it), for SQL over
// stock_moves m joined to its locations lf (from) and lt (to).
constexpr const char* kNetIntoStock =
    "m.quantity * ((CASE WHEN lt.type <> 'virtual' THEN 1 ELSE 0 END) - (CASE WHEN lf.type <> "
    "'virtual' THEN 1 ELSE 0 END))";

struct StockMove {
  int64_t at_ms, net;  // units into physical stock (negative: out of it)
};

// The series from the period's daily units, the physical stock now and the
// period's moves (latest first): the stock replayed backwards to each day's
// start and end flags the stock-out days; the series starts on the first day
// with stock or demand.
DemandHistory replay(const std::vector<int64_t>& units, int64_t on_hand,
                     const std::vector<StockMove>& moves, int64_t start_ms) {
  const size_t n = units.size();
  std::vector<int64_t> at_end(n), at_start(n);
  size_t next_move = 0;
  // Undo the moves after `boundary_ms`, latest first, to get the stock then.
  auto stock_at = [&](int64_t boundary_ms) {
    while (next_move < moves.size() && moves[next_move].at_ms >= boundary_ms) {
      on_hand -= moves[next_move].net;
      ++next_move;
    }
    return on_hand;
  };
  for (size_t d = n; d-- > 0;) {
    const int64_t day_start = start_ms + static_cast<int64_t>(d) * kDayMs;
    at_end[d] = stock_at(day_start + kDayMs);
    at_start[d] = stock_at(day_start);
  }
  DemandHistory history;
  size_t first = 0;
  while (first < n && units[first] == 0 && at_start[first] <= 0 && at_end[first] <= 0) ++first;
  history.first_day_ms = start_ms + static_cast<int64_t>(first) * kDayMs;
  for (size_t d = first; d < n; ++d) {
    history.units.push_back(units[d]);
    history.stock_out.push_back(at_start[d] <= 0 || at_end[d] <= 0);
  }
  return history;
}

}  // namespace

DemandHistory demand_history(store::Tx& tx, const DemandQuery& query) {
  catalog::Product product = catalog::require_product(tx, query.sku);
  std::optional<int64_t> warehouse_id, channel;
  if (query.warehouse) warehouse_id = wms::require_warehouse(tx, *query.warehouse).id;
  if (query.channel) channel = channel_id(tx, *query.channel);
  const int64_t today_ms = tx.now_ms() / kDayMs * kDayMs;
  const int64_t start_ms = today_ms - query.days * kDayMs;
  const size_t n = static_cast<size_t>(query.days);

  std::vector<int64_t> units(n, 0);
  {
    // Order lines of the period (the join keeps the channel and the day).
    auto q = warehouse_id
                 ? tx.query(
                       "SELECT o.created_at_ms, SUM(fl.quantity) FROM fulfillment_lines fl JOIN "
                       "fulfillments f ON f.id = fl.fulfillment_id JOIN orders o ON o.id = "
                       "f.order_id WHERE fl.product_id = $1 AND f.warehouse_id = $2 AND "
                       "o.created_at_ms >= $3 AND o.created_at_ms < $4 AND ($5 = 0 OR "
                       "o.channel_id = $5) GROUP BY o.id, o.created_at_ms",
                       product.id, *warehouse_id, start_ms, today_ms, channel.value_or(0))
                 : tx.query(
                       "SELECT o.created_at_ms, SUM(ol.quantity - ol.cancelled) FROM order_lines "
                       "ol JOIN orders o ON o.id = ol.order_id WHERE ol.product_id = $1 AND "
                       "o.created_at_ms >= $2 AND o.created_at_ms < $3 AND ($4 = 0 OR "
                       "o.channel_id = $4) GROUP BY o.id, o.created_at_ms",
                       product.id, start_ms, today_ms, channel.value_or(0));
    while (q.next()) {
      units[static_cast<size_t>((q.i64(0) - start_ms) / kDayMs)] += q.i64(1);
    }
  }

  // Physical stock now, then replayed backwards over the period's moves.
  int64_t on_hand = 0;
  {
    auto q = tx.query(
        "SELECT COALESCE(SUM(b.on_hand), 0) FROM stock_balances b JOIN locations l ON l.id = "
        "b.location_id WHERE b.product_id = $1 AND l.type <> 'virtual' AND ($2 = 0 OR "
        "b.warehouse_id = $2)",
        product.id, warehouse_id.value_or(0));
    q.next();
    on_hand = q.i64(0);
  }
  std::vector<StockMove> moves;
  {
    auto q = tx.query(std::string("SELECT m.product_id, m.at_ms, ") + kNetIntoStock +
                          " FROM stock_moves m JOIN locations lf ON lf.id = m.from_location_id "
                          "JOIN locations lt ON lt.id = m.to_location_id WHERE m.product_id = $1 "
                          "AND m.at_ms >= $2 AND ($3 = 0 OR m.warehouse_id = $3) ORDER BY "
                          "m.at_ms DESC, m.id DESC",
                      product.id, start_ms, warehouse_id.value_or(0));
    while (q.next()) {
      if (q.i64(2) != 0) moves.push_back({q.i64(1), q.i64(2)});
    }
  }
  DemandHistory history = replay(units, on_hand, moves, start_ms);
  history.sku = product.sku;
  history.warehouse = query.warehouse;
  history.channel = query.channel;
  return history;
}

std::map<int64_t, DemandHistory> demand_histories(store::Tx& tx, const std::string& warehouse,
                                                  int64_t days,
                                                  const std::vector<int64_t>& also_products) {
  const int64_t warehouse_id = wms::require_warehouse(tx, warehouse).id;
  const int64_t today_ms = tx.now_ms() / kDayMs * kDayMs;
  const int64_t start_ms = today_ms - days * kDayMs;
  const size_t n = static_cast<size_t>(days);
  std::map<int64_t, std::vector<int64_t>> units;
  std::map<int64_t, int64_t> on_hand;
  std::map<int64_t, std::vector<StockMove>> moves;
  for (int64_t id : also_products) units.try_emplace(id, n, 0);
  {
    auto q = tx.query(
        "SELECT fl.product_id, o.created_at_ms, fl.quantity FROM fulfillments f JOIN "
        "fulfillment_lines fl ON fl.fulfillment_id = f.id JOIN orders o ON o.id = f.order_id "
        "WHERE f.warehouse_id = $1 AND o.created_at_ms >= $2 AND o.created_at_ms < $3",
        warehouse_id, start_ms, today_ms);
    while (q.next()) {
      auto& u = units.try_emplace(q.i64(0), n, 0).first->second;
      u[static_cast<size_t>((q.i64(1) - start_ms) / kDayMs)] += q.i64(2);
    }
  }
  {
    auto q = tx.query(
        "SELECT b.product_id, SUM(b.on_hand) FROM stock_balances b JOIN locations l ON l.id = "
        "b.location_id WHERE b.warehouse_id = $1 AND l.type <> 'virtual' GROUP BY b.product_id",
        warehouse_id);
    while (q.next()) {
      on_hand[q.i64(0)] = q.i64(1);
      units.try_emplace(q.i64(0), n, 0);
    }
  }
  {
    auto q = tx.query(std::string("SELECT m.product_id, m.at_ms, ") + kNetIntoStock +
                          " FROM stock_moves m JOIN locations lf ON lf.id = m.from_location_id "
                          "JOIN locations lt ON lt.id = m.to_location_id WHERE m.warehouse_id = "
                          "$1 AND m.at_ms >= $2 ORDER BY m.product_id, m.at_ms DESC, m.id DESC",
                      warehouse_id, start_ms);
    while (q.next()) {
      if (q.i64(2) == 0) continue;
      moves[q.i64(0)].push_back({q.i64(1), q.i64(2)});
      units.try_emplace(q.i64(0), n, 0);
    }
  }
  std::map<int64_t, DemandHistory> out;
  static const std::vector<StockMove> kNoMoves;
  for (const auto& [product_id, u] : units) {
    auto m = moves.find(product_id);
    auto h = on_hand.find(product_id);
    DemandHistory history = replay(u, h == on_hand.end() ? 0 : h->second,
                                   m == moves.end() ? kNoMoves : m->second, start_ms);
    history.warehouse = warehouse;
    out.emplace(product_id, std::move(history));
  }
  {
    // SKUs, in one pass over the products read.
    auto q = tx.query("SELECT id, sku FROM products ORDER BY id");
    auto it = out.begin();
    while (it != out.end() && q.next()) {
      while (it != out.end() && it->first < q.i64(0)) ++it;
      if (it != out.end() && it->first == q.i64(0)) it->second.sku = q.text(1);
    }
  }
  return out;
}

DemandForecast forecast_demand(store::Tx& tx, const DemandQuery& query,
                               const planning::ForecastOptions& options) {
  DemandForecast out;
  out.history = demand_history(tx, query);
  std::vector<double> values(out.history.units.begin(), out.history.units.end());
  out.stock_out_days = std::count(out.history.stock_out.begin(), out.history.stock_out.end(), true);
  values = planning::fill_censored_days(values, out.history.stock_out, options.season_length);
  try {
    out.forecast = planning::forecast_series(values, options);
  } catch (const inputs::InputError& e) {
    // The series is the history the query chose: its faults are the days'.
    const bool series = e.field().rfind("values", 0) == 0;
    throw_unprocessable(e.code(), e.what(), series ? "days" : e.field());
  }
  return out;
}

}  // namespace wareflow::oms
