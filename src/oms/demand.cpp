#include "oms/demand.h"

#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "inputs/input_error.h"
#include "inventory/inventory.h"
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
  for (const auto& [id, held] :
       inventory::physical_on_hand(tx, warehouse_id.value_or(0), product.id)) {
    on_hand += held;
  }
  std::vector<StockMove> moves;
  for (const inventory::NetMove& m :
       inventory::physical_moves_since(tx, warehouse_id.value_or(0), product.id, start_ms)) {
    moves.push_back({m.at_ms, m.net});
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
  on_hand = inventory::physical_on_hand(tx, warehouse_id, 0);
  for (const auto& [product_id, held] : on_hand) units.try_emplace(product_id, n, 0);
  for (const inventory::NetMove& m :
       inventory::physical_moves_since(tx, warehouse_id, 0, start_ms)) {
    moves[m.product_id].push_back({m.at_ms, m.net});
    units.try_emplace(m.product_id, n, 0);
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
    // SKUs, in one catalogue lookup.
    std::vector<int64_t> ids;
    for (const auto& [product_id, history] : out) ids.push_back(product_id);
    for (const auto& [id, product] : catalog::products_by_ids(tx, ids)) out[id].sku = product.sku;
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
