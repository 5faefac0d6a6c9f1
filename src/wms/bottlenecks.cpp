#include "wms/bottlenecks.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "inputs/input_error.h"
#include "wms/fulfillment.h"
#include "wms/layout.h"

namespace wareflow::wms {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;

// A pick list's start-up (from its wave's release to the first scan: the
// walk to the first location) is not part of the task's busy time; longer
// gaps are people busy elsewhere, which the simulation itself reproduces, so
// a gap counts up to this much.
constexpr int64_t kMaxStartUpMs = 10 * 60'000;

// Pick time from the done pick tasks of the window: per unit, busy time over
// units; per order, the pick lists' start-up over the orders they held.
MeasuredTime measured_pick(store::Tx& tx, int64_t warehouse_id, int64_t since_ms) {
  auto q = tx.query(
      "SELECT t.finished_at_ms - t.started_at_ms, t.quantity, t.started_at_ms - w.created_at_ms, "
      "(SELECT COUNT(DISTINCT pl2.fulfillment_id) FROM pick_lines pl2 WHERE pl2.pick_list_id = "
      "l.id) FROM tasks t LEFT JOIN pick_lists l ON t.ref_type = 'pick_list' AND l.id = t.ref_id "
      "LEFT JOIN waves w ON w.id = l.wave_id WHERE t.warehouse_id = $1 AND t.type = 'pick' AND "
      "t.status = 'done' AND t.finished_at_ms >= $2 AND t.started_at_ms IS NOT NULL AND "
      "t.quantity > 0 AND t.finished_at_ms >= t.started_at_ms",
      warehouse_id, since_ms);
  std::vector<double> per_unit;
  double busy = 0, units = 0, start_up = 0, orders = 0;
  while (q.next()) {
    busy += static_cast<double>(q.i64(0));
    units += static_cast<double>(q.i64(1));
    per_unit.push_back(static_cast<double>(q.i64(0)) / static_cast<double>(q.i64(1)));
    if (!q.is_null(2) && q.i64(3) > 0) {
      start_up += static_cast<double>(std::clamp<int64_t>(q.i64(2), 0, kMaxStartUpMs));
      orders += static_cast<double>(q.i64(3));
    }
  }
  MeasuredTime m;
  if (per_unit.size() < 5 || units <= 0) {
    m.time = {20'000, 0, 8'000, 0.3};
    m.source = "default";
    m.samples = static_cast<int64_t>(per_unit.size());
    return m;
  }
  double mean = busy / units, var = 0, plain_mean = 0;
  for (double v : per_unit) plain_mean += v;
  plain_mean /= static_cast<double>(per_unit.size());
  for (double v : per_unit) var += (v - plain_mean) * (v - plain_mean);
  var /= static_cast<double>(per_unit.size() - 1);
  m.time.per_unit_ms = std::clamp<int64_t>(std::llround(mean), 1, planning::kMaxTaskComponentMs);
  if (orders > 0) {
    m.time.per_order_ms =
        std::clamp<int64_t>(std::llround(start_up / orders), 0, planning::kMaxTaskComponentMs);
  }
  m.time.cv = plain_mean > 0 ? std::min(planning::kMaxCv, std::sqrt(var) / plain_mean) : 0;
  m.source = "history";
  m.samples = static_cast<int64_t>(per_unit.size());
  return m;
}

}  // namespace

BottleneckForecast forecast_bottlenecks(store::Tx& tx, const BottleneckQuery& query) {
  if (query.hours < 1 || query.hours > 72)
    throw_invalid_field("hours", "hours must be from 1 to 72");
  auto people = [](int64_t n, const char* field) {
    if (n < 0 || n > planning::kMaxShiftWorkers) {
      throw_invalid_field(field, std::string(field) + " must be from 0 to 10000");
    }
  };
  people(query.pickers, "pickers");
  people(query.packers, "packers");
  if (query.loaders) people(*query.loaders, "loaders");
  if (query.history_days < 1 || query.history_days > 365) {
    throw_invalid_field("history_days", "history_days must be from 1 to 365");
  }
  const int64_t warehouse_id = require_warehouse(tx, query.warehouse, 422, "warehouse").id;
  BottleneckForecast f;
  f.warehouse = query.warehouse;
  f.start_ms = tx.now_ms();

  f.pick = measured_pick(tx, warehouse_id, f.start_ms - query.history_days * kDayMs);
  f.pack = {{60'000, 0, 5'000, 0.3}, "default", 0};
  f.ship = {{30'000, 0, 0, 0.2}, "default", 0};
  if (query.pick) f.pick = {*query.pick, "request", 0};
  if (query.pack) f.pack = {*query.pack, "request", 0};
  if (query.ship) f.ship = {*query.ship, "request", 0};

  planning::SimulationRequest request;
  request.start_ms = f.start_ms;
  request.seed = query.seed;
  request.pick = f.pick.time;
  request.pack = f.pack.time;
  request.ship = f.ship.time;
  const int64_t end = f.start_ms + query.hours * kHourMs;
  request.pickers.push_back({query.pickers, f.start_ms, end});
  request.packers.push_back({query.packers, f.start_ms, end});
  if (query.loaders) request.loaders.push_back({*query.loaders, f.start_ms, end});
  request.carrier_pickups_ms = query.carrier_pickups_ms;
  request.sample_interval_ms = std::max<int64_t>(5 * 60'000, query.hours * kHourMs / 96);
  {
    auto q = tx.query(
        "SELECT f.id, f.order_id, f.status, f.ship_by_ms, COUNT(fl.id), COALESCE(SUM(fl.quantity "
        "- fl.shipped), 0), COALESCE(SUM(fl.picked + fl.packed), 0) FROM fulfillments f JOIN "
        "fulfillment_lines fl ON fl.fulfillment_id = f.id WHERE f.warehouse_id = $1 AND f.status "
        "IN ('released', 'picking', 'picked', 'packed') AND fl.quantity > 0 GROUP BY f.id, "
        "f.order_id, f.status, f.ship_by_ms ORDER BY f.id",
        warehouse_id);
    while (q.next()) {
      planning::SimOrder o;
      o.id = q.i64(0);
      o.released_at_ms = f.start_ms;
      o.stage = q.text(2);
      const FulfillmentStatus stage =
          stored_enum(parse_fulfillment_status(o.stage), "fulfillment status", o.stage);
      o.ship_by_ms = q.opt_i64(3);
      o.lines = std::clamp<int64_t>(q.i64(4), 1, planning::kMaxLines);
      o.units = std::clamp<int64_t>(q.i64(5), 1, planning::kMaxUnits);
      if (stage == FulfillmentStatus::picking)
        o.units_picked = std::clamp<int64_t>(q.i64(6), 0, o.units);
      if (stage == FulfillmentStatus::released) ++f.released;
      if (stage == FulfillmentStatus::picking) ++f.picking;
      if (stage == FulfillmentStatus::picked) ++f.picked;
      if (stage == FulfillmentStatus::packed) ++f.packed;
      request.orders.push_back(o);
      f.late.push_back({o.id, q.i64(1), o.ship_by_ms, std::nullopt});
    }
  }
  try {
    f.result = planning::simulate(request);
  } catch (const inputs::InputError& e) {
    throw_invalid_field(e.field(), e.what());
  }
  // Keep the fulfillments predicted late, soonest ship-by first.
  std::vector<LateFulfillment> late;
  for (size_t i = 0; i < f.result.orders.size(); ++i) {
    if (!f.result.orders[i].late) continue;
    LateFulfillment l = f.late[i];
    l.predicted_ship_ms = f.result.orders[i].shipped_at_ms;
    late.push_back(l);
  }
  std::sort(late.begin(), late.end(), [](const LateFulfillment& a, const LateFulfillment& b) {
    return a.ship_by_ms != b.ship_by_ms ? a.ship_by_ms < b.ship_by_ms
                                        : a.fulfillment_id < b.fulfillment_id;
  });
  f.late = std::move(late);
  return f;
}

}  // namespace wareflow::wms
