#include "planning/simulation.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace wareflow::planning {
namespace {

constexpr int64_t kMin = 60 * 1000;

SimOrder order(int64_t id, int64_t lines, std::optional<int64_t> ship_by = std::nullopt,
               std::string stage = "released", int64_t released = 0) {
  SimOrder o;
  o.id = id;
  o.lines = lines;
  o.units = lines;
  o.ship_by_ms = ship_by;
  o.stage = std::move(stage);
  o.released_at_ms = released;
  return o;
}

// 1 picker and 1 packer all day; pick 10 min a line, pack 20 min an order,
// shipping instant, no carrier pickups.
SimulationRequest paper_case() {
  SimulationRequest r;
  r.start_ms = 0;
  r.orders = {order(1, 1, 60 * kMin), order(2, 3, 30 * kMin), order(3, 2)};
  r.pickers = {{1, 0, 600 * kMin}};
  r.packers = {{1, 0, 600 * kMin}};
  r.pick.per_line_ms = 10 * kMin;
  r.pack.per_order_ms = 20 * kMin;
  return r;
}

std::string error_code(const SimulationRequest& r, std::string* field = nullptr) {
  try {
    simulate(r);
  } catch (const inputs::InputError& e) {
    if (field) *field = e.field();
    return e.code();
  }
  return "no error";
}

const ScenarioOutcome& scenario(const SimulationResult& res, const std::string& name) {
  for (const auto& s : res.what_if) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no scenario " + name);
}

// --- A case worked out on paper ---------------------------------------------------

TEST(Simulation, PaperCase) {
  // EDD: order 2 (cut-off 30), order 1 (60), order 3 (none).
  // Pick (10 min/line): 2 [0, 30), 1 [30, 40), 3 [40, 60).
  // Pack (20 min): 2 arrives 30 -> [30, 50); 1 arrives 40, waits -> [50, 70);
  // 3 arrives 60, waits -> [70, 90). Shipping instant: shipped = pack end.
  // Order 2 ships 50 > 30: late by 20. Order 1 ships 70 > 60: late by 10.
  const SimulationResult res = simulate(paper_case());
  ASSERT_EQ(res.orders.size(), 3u);
  const OrderOutcome& o1 = res.orders[0];
  const OrderOutcome& o2 = res.orders[1];
  const OrderOutcome& o3 = res.orders[2];
  EXPECT_EQ(o2.pick_start_ms, 0);
  EXPECT_EQ(o2.pick_end_ms, 30 * kMin);
  EXPECT_EQ(o1.pick_start_ms, 30 * kMin);
  EXPECT_EQ(o1.pick_end_ms, 40 * kMin);
  EXPECT_EQ(o3.pick_start_ms, 40 * kMin);
  EXPECT_EQ(o3.pick_end_ms, 60 * kMin);
  EXPECT_EQ(o2.pack_start_ms, 30 * kMin);
  EXPECT_EQ(o2.pack_end_ms, 50 * kMin);
  EXPECT_EQ(o1.pack_start_ms, 50 * kMin);
  EXPECT_EQ(o1.pack_end_ms, 70 * kMin);
  EXPECT_EQ(o3.pack_start_ms, 70 * kMin);
  EXPECT_EQ(o3.pack_end_ms, 90 * kMin);
  EXPECT_EQ(o1.shipped_at_ms, 70 * kMin);
  EXPECT_EQ(o2.shipped_at_ms, 50 * kMin);
  EXPECT_EQ(o3.shipped_at_ms, 90 * kMin);
  EXPECT_TRUE(o1.late);
  EXPECT_TRUE(o2.late);
  EXPECT_FALSE(o3.late);
  EXPECT_EQ(o1.lateness_ms, 10 * kMin);
  EXPECT_EQ(o2.lateness_ms, 20 * kMin);
  EXPECT_FALSE(o3.lateness_ms.has_value());
  EXPECT_EQ(o1.picker, 0);
  EXPECT_EQ(o1.packer, 0);
  EXPECT_EQ(o1.loader, -1);

  EXPECT_EQ(res.late_orders, 2);
  EXPECT_EQ(res.orders_with_cutoff, 2);
  EXPECT_DOUBLE_EQ(res.on_time_rate, 0.0);
  EXPECT_EQ(res.unshipped_orders, 0);
  EXPECT_EQ(res.makespan_ms, 90 * kMin);

  ASSERT_EQ(res.stages.size(), 3u);
  EXPECT_EQ(res.stages[0].stage, "pick");
  EXPECT_EQ(res.stages[0].clear_ms, 60 * kMin);
  EXPECT_EQ(res.stages[1].clear_ms, 90 * kMin);
  EXPECT_EQ(res.stages[2].clear_ms, 90 * kMin);
  EXPECT_EQ(res.stages[0].orders, 3);
  // 60 busy minutes of a 600-minute shift each.
  EXPECT_DOUBLE_EQ(res.stages[0].utilisation, 0.1);
  EXPECT_DOUBLE_EQ(res.stages[1].utilisation, 0.1);
  EXPECT_DOUBLE_EQ(res.stages[2].utilisation, 0.0);

  // Samples every 15 min from 0 to 90.
  const auto& pick = res.stages[0].backlog;
  ASSERT_EQ(pick.size(), 7u);
  EXPECT_EQ(pick[0].at_ms, 0);
  EXPECT_EQ(pick[0].queued, 2);  // 1 and 3 wait, 2 is picked
  EXPECT_EQ(pick[0].in_progress, 1);
  EXPECT_EQ(pick[2].at_ms, 30 * kMin);  // 2 done, 1 started, 3 waits
  EXPECT_EQ(pick[2].queued, 1);
  EXPECT_EQ(pick[2].in_progress, 1);
  EXPECT_EQ(pick[3].queued, 0);  // 45: 3 in progress
  EXPECT_EQ(pick[3].in_progress, 1);
  EXPECT_EQ(pick[4].queued + pick[4].in_progress, 0);  // 60: clear
  const auto& pack = res.stages[1].backlog;
  EXPECT_EQ(pack[3].queued, 1);  // 45: 2 packing, 1 waiting
  EXPECT_EQ(pack[3].in_progress, 1);
  EXPECT_EQ(pack[6].at_ms, 90 * kMin);
  EXPECT_EQ(pack[6].queued + pack[6].in_progress, 0);
}

TEST(Simulation, PaperCaseWhatIf) {
  // +1 picker: 2 [0, 30) on picker 0; 1 [0, 10) and 3 [10, 30) on picker 1.
  // Pack: 1 [10, 30); 2 and 3 arrive at 30, EDD: 2 [30, 50), 3 [50, 70).
  // Only order 2 is late (50 > 30). Pick clears at 30, pack at 70.
  // +1 packer: picks as before; pack 2 [30, 50) packer 0, 1 [40, 60) packer 1,
  // 3 [60, 80) packer 0. Order 1 ships 60 <= 60: only 2 late. Pack clears 80.
  const SimulationResult res = simulate(paper_case());
  ASSERT_EQ(res.what_if.size(), 2u);
  const ScenarioOutcome& picker = scenario(res, "+1 picker");
  EXPECT_EQ(picker.extra_pickers, 1);
  EXPECT_EQ(picker.late_orders, 1);
  EXPECT_EQ(picker.pick_clear_ms, 30 * kMin);
  EXPECT_EQ(picker.pack_clear_ms, 70 * kMin);
  EXPECT_EQ(picker.ship_clear_ms, 70 * kMin);
  EXPECT_EQ(picker.makespan_ms, 70 * kMin);
  const ScenarioOutcome& packer = scenario(res, "+1 packer");
  EXPECT_EQ(packer.late_orders, 1);
  EXPECT_EQ(packer.pick_clear_ms, 60 * kMin);
  EXPECT_EQ(packer.pack_clear_ms, 80 * kMin);

  // Caller scenarios follow; -1 packer leaves nobody to pack.
  SimulationRequest r = paper_case();
  r.what_if_one_more = false;
  r.what_if = {{"no packer", 0, -1, 0}, {"+2 pickers", 2, 0, 0}};
  const SimulationResult res2 = simulate(r);
  ASSERT_EQ(res2.what_if.size(), 2u);
  EXPECT_EQ(res2.what_if[0].name, "no packer");
  EXPECT_EQ(res2.what_if[0].late_orders, 2);
  EXPECT_EQ(res2.what_if[0].unshipped_orders, 3);
  EXPECT_FALSE(res2.what_if[0].pack_clear_ms.has_value());
  EXPECT_FALSE(res2.what_if[0].makespan_ms.has_value());
  EXPECT_EQ(res2.what_if[0].pick_clear_ms, 60 * kMin);
  // Three pickers pick all three at once: clear at 30 (order 2's 3 lines).
  EXPECT_EQ(res2.what_if[1].pick_clear_ms, 30 * kMin);
}

TEST(Simulation, EarliestShipByFirstThenReleaseThenId) {
  SimulationRequest r;
  r.pickers = {{1, 0, 1000 * kMin}};
  r.pick.per_order_ms = kMin;
  r.what_if_one_more = false;
  // Expected pick sequence: 5 (ship-by 10), 4 and 2 (ship-by 20; 4 released
  // earlier), 1 and 3 (no cut-off, same release: by id).
  r.orders = {order(1, 1), order(2, 1, 20 * kMin), order(3, 1), order(4, 1, 20 * kMin),
              order(5, 1, 10 * kMin)};
  r.orders[3].released_at_ms = -5 * kMin;  // released before start: available now
  const SimulationResult res = simulate(r);
  std::map<int64_t, int64_t> start;
  for (const auto& o : res.orders) start[o.id] = *o.pick_start_ms;
  EXPECT_EQ(start[5], 0);
  EXPECT_EQ(start[4], 1 * kMin);
  EXPECT_EQ(start[2], 2 * kMin);
  EXPECT_EQ(start[1], 3 * kMin);
  EXPECT_EQ(start[3], 4 * kMin);
  // No packers: every order waits to be packed forever.
  EXPECT_EQ(res.unshipped_orders, 5);
  EXPECT_EQ(res.late_orders, 3);
  EXPECT_FALSE(res.stages[1].clear_ms.has_value());
  EXPECT_EQ(res.stages[1].unfinished, 5);
}

TEST(Simulation, LaterReleaseWaitsAndPickingResumesFirst) {
  SimulationRequest r;
  r.pickers = {{1, 0, 1000 * kMin}};
  r.packers = {{1, 0, 1000 * kMin}};
  r.pick.per_unit_ms = kMin;
  r.what_if_one_more = false;
  SimOrder half = order(1, 2);  // 10 units, 5 picked: 5 min left
  half.units = 10;
  half.units_picked = 5;
  half.stage = "picking";
  // Order 2 has the earliest cut-off but is released at 30; order 3 is urgent
  // and available, yet the order being picked is resumed first.
  r.orders = {half, order(2, 1, 5 * kMin, "allocated", 30 * kMin), order(3, 4, 10 * kMin)};
  const SimulationResult res = simulate(r);
  EXPECT_EQ(res.orders[0].pick_start_ms, 0);
  EXPECT_EQ(res.orders[0].pick_end_ms, 5 * kMin);
  EXPECT_EQ(res.orders[2].pick_start_ms, 5 * kMin);
  EXPECT_EQ(res.orders[2].pick_end_ms, 9 * kMin);
  EXPECT_EQ(res.orders[1].pick_start_ms, 30 * kMin);
  EXPECT_EQ(res.orders[1].shipped_at_ms, 31 * kMin);
  EXPECT_EQ(res.orders[1].lateness_ms, 26 * kMin);
  EXPECT_EQ(res.orders[2].lateness_ms, -1 * kMin);  // shipped 9, due 10
  EXPECT_FALSE(res.orders[2].late);
}

TEST(Simulation, ShiftsBoundWhenTasksStart) {
  // Picker on [60, 120); 40 min a pick. 1: [60, 100); 2: [100, 140), started
  // on shift, finished after it; 3 would start at 140, off shift: unfinished.
  SimulationRequest r;
  r.pickers = {{1, 60 * kMin, 120 * kMin}};
  r.packers = {{1, 0, 1000 * kMin}};
  r.pick.per_order_ms = 40 * kMin;
  r.what_if_one_more = false;
  r.orders = {order(1, 1), order(2, 1), order(3, 1, 500 * kMin)};
  r.orders[2].ship_by_ms.reset();
  SimulationResult res = simulate(r);
  EXPECT_EQ(res.orders[0].pick_start_ms, 60 * kMin);
  EXPECT_EQ(res.orders[1].pick_start_ms, 100 * kMin);
  EXPECT_EQ(res.orders[1].pick_end_ms, 140 * kMin);
  EXPECT_FALSE(res.orders[2].pick_start_ms.has_value());
  EXPECT_FALSE(res.orders[2].shipped_at_ms.has_value());
  EXPECT_EQ(res.unshipped_orders, 1);
  EXPECT_FALSE(res.makespan_ms.has_value());
  EXPECT_FALSE(res.stages[0].clear_ms.has_value());
  EXPECT_EQ(res.stages[0].unfinished, 1);
  // Busy within the shift: [60, 120) entirely.
  EXPECT_DOUBLE_EQ(res.stages[0].utilisation, 1.0);

  // A later shift (another person, index 1) takes the rest at 180.
  r.pickers.push_back({1, 180 * kMin, 240 * kMin});
  res = simulate(r);
  EXPECT_EQ(res.orders[2].pick_start_ms, 180 * kMin);
  EXPECT_EQ(res.orders[2].picker, 1);
  EXPECT_EQ(res.stages[0].clear_ms, 220 * kMin);
  // 60 + 40 busy minutes of 120 on shift.
  EXPECT_NEAR(res.stages[0].utilisation, 100.0 / 120.0, 1e-12);

  // A shift that began before start_ms counts from start_ms only.
  r.start_ms = 90 * kMin;
  r.pickers = {{1, 0, 130 * kMin}};
  res = simulate(r);
  EXPECT_EQ(res.orders[0].pick_start_ms, 90 * kMin);
  EXPECT_EQ(res.orders[0].pick_end_ms, 130 * kMin);
  EXPECT_FALSE(res.orders[1].pick_start_ms.has_value());  // 130 is off shift
  EXPECT_DOUBLE_EQ(res.stages[0].utilisation, 1.0);
}

TEST(Simulation, CarrierPickups) {
  // Already packed orders; no loaders, ship (loading) 10 min: ready at 10.
  SimulationRequest r;
  r.start_ms = 0;
  r.ship.per_order_ms = 10 * kMin;
  r.carrier_pickups_ms = {200 * kMin, 100 * kMin};  // any order
  r.what_if_one_more = false;
  SimOrder late_release = order(3, 1, 150 * kMin, "packed", 195 * kMin);  // ready 205
  r.orders = {order(1, 1, 120 * kMin, "packed"), order(2, 1, 90 * kMin, "packed", 95 * kMin),
              late_release};
  const SimulationResult res = simulate(r);
  EXPECT_EQ(res.orders[0].ready_ms, 10 * kMin);
  EXPECT_EQ(res.orders[0].shipped_at_ms, 100 * kMin);  // first pickup >= 10
  EXPECT_FALSE(res.orders[0].late);
  EXPECT_EQ(res.orders[1].ready_ms, 105 * kMin);
  EXPECT_EQ(res.orders[1].shipped_at_ms, 200 * kMin);
  EXPECT_TRUE(res.orders[1].late);
  EXPECT_EQ(res.orders[1].lateness_ms, 110 * kMin);
  EXPECT_FALSE(res.orders[2].shipped_at_ms.has_value());  // after the last pickup
  EXPECT_TRUE(res.orders[2].late);
  EXPECT_FALSE(res.orders[2].lateness_ms.has_value());
  EXPECT_FALSE(res.orders[0].pick_start_ms.has_value());
  EXPECT_FALSE(res.orders[0].pack_end_ms.has_value());
  EXPECT_EQ(res.late_orders, 2);
  EXPECT_EQ(res.unshipped_orders, 1);
  EXPECT_EQ(res.stages[2].orders, 3);
  EXPECT_FALSE(res.stages[2].clear_ms.has_value());
  EXPECT_EQ(res.stages[0].clear_ms, 0);  // nothing to pick
  EXPECT_EQ(res.stages[0].orders, 0);
  // At 150: order 1 gone (100), order 2 waits for the carrier, 3 not here yet.
  const auto& ship = res.stages[2].backlog;
  EXPECT_EQ(ship[10].at_ms, 150 * kMin);
  EXPECT_EQ(ship[10].queued, 0);
  EXPECT_EQ(ship[10].in_progress, 1);
  // The series ends at the first sample at or after the last event (205).
  EXPECT_EQ(ship.back().at_ms, 210 * kMin);
  EXPECT_EQ(ship.back().in_progress, 1);  // order 3 never leaves
}

TEST(Simulation, LoadersQueue) {
  // One loader, 10 min an order: two packed orders load [0, 10) and [10, 20).
  SimulationRequest r;
  r.loaders = {{1, 0, 100 * kMin}};
  r.ship.per_order_ms = 10 * kMin;
  r.orders = {order(1, 1, std::nullopt, "packed"), order(2, 1, 15 * kMin, "packed")};
  const SimulationResult res = simulate(r);
  EXPECT_EQ(res.orders[1].ready_ms, 10 * kMin);
  EXPECT_EQ(res.orders[1].loader, 0);
  EXPECT_EQ(res.orders[0].ready_ms, 20 * kMin);
  EXPECT_EQ(res.orders[0].shipped_at_ms, 20 * kMin);
  EXPECT_DOUBLE_EQ(res.stages[2].utilisation, 0.2);
  ASSERT_EQ(res.what_if.size(), 3u);
  EXPECT_EQ(res.what_if[2].name, "+1 loader");
  EXPECT_EQ(res.what_if[2].ship_clear_ms, 10 * kMin);
}

TEST(Simulation, ReplenishmentShareLengthensPicks) {
  SimulationRequest r = paper_case();
  r.replenish_share = 0.5;  // 15 min a line
  const SimulationResult res = simulate(r);
  EXPECT_EQ(res.orders[1].pick_end_ms, 45 * kMin);
  EXPECT_EQ(res.stages[0].clear_ms, 90 * kMin);
}

TEST(Simulation, EmptyRequest) {
  SimulationRequest r;
  const SimulationResult res = simulate(r);
  EXPECT_TRUE(res.orders.empty());
  EXPECT_EQ(res.makespan_ms, 0);
  EXPECT_DOUBLE_EQ(res.on_time_rate, 1.0);
  ASSERT_EQ(res.stages.size(), 3u);
  EXPECT_EQ(res.stages[0].clear_ms, 0);
  ASSERT_EQ(res.stages[0].backlog.size(), 1u);
}

TEST(Simulation, SamplesAreBounded) {
  SimulationRequest r = paper_case();
  r.sample_interval_ms = 1;  // 90 min in 1 ms steps would be 5.4 million samples
  const SimulationResult res = simulate(r);
  EXPECT_LE(res.stages[0].backlog.size(), kMaxSamples);
  EXPECT_GE(res.stages[0].backlog.back().at_ms, 90 * kMin);
}

// --- Randomness ----------------------------------------------------------------

SimulationRequest random_day(size_t n, double cv, uint64_t seed) {
  SimulationRequest r;
  r.seed = seed;
  r.pickers = {{3, 0, 480 * kMin}};
  r.packers = {{2, 0, 480 * kMin}};
  r.pick = {kMin, 30 * 1000, 5000, cv};
  r.pack = {2 * kMin, 0, 10 * 1000, cv};
  for (size_t i = 0; i < n; ++i) {
    SimOrder o = order(static_cast<int64_t>(1000 + i * 7), 1 + static_cast<int64_t>(i % 5),
                       (i % 3 == 0) ? std::optional<int64_t>(240 * kMin) : std::nullopt);
    o.units = o.lines * 2;
    o.released_at_ms = static_cast<int64_t>(i % 60) * kMin;
    r.orders.push_back(o);
  }
  return r;
}

bool same_orders(const SimulationResult& a, const SimulationResult& b) {
  if (a.orders.size() != b.orders.size()) return false;
  for (size_t i = 0; i < a.orders.size(); ++i) {
    const auto& x = a.orders[i];
    const auto& y = b.orders[i];
    if (x.pick_start_ms != y.pick_start_ms || x.pick_end_ms != y.pick_end_ms ||
        x.pack_end_ms != y.pack_end_ms || x.shipped_at_ms != y.shipped_at_ms ||
        x.picker != y.picker || x.packer != y.packer || x.late != y.late) {
      return false;
    }
  }
  return true;
}

TEST(Simulation, DeterministicPerSeed) {
  const SimulationResult a = simulate(random_day(200, 0.5, 42));
  const SimulationResult b = simulate(random_day(200, 0.5, 42));
  EXPECT_TRUE(same_orders(a, b));
  EXPECT_EQ(a.late_orders, b.late_orders);
  EXPECT_EQ(a.stages[1].clear_ms, b.stages[1].clear_ms);
  EXPECT_EQ(a.what_if[0].pack_clear_ms, b.what_if[0].pack_clear_ms);
  EXPECT_DOUBLE_EQ(a.stages[0].utilisation, b.stages[0].utilisation);
  const SimulationResult c = simulate(random_day(200, 0.5, 43));
  EXPECT_FALSE(same_orders(a, c));
  // Without variability the seed does not matter.
  EXPECT_TRUE(same_orders(simulate(random_day(200, 0, 1)), simulate(random_day(200, 0, 2))));
}

TEST(Simulation, CommonRandomNumbers) {
  // An order's task times depend on the seed and its id only: not on the
  // other orders, nor on the scenario's staffing.
  SimulationRequest r = random_day(50, 0.5, 7);
  const SimulationResult a = simulate(r);
  r.orders.push_back(order(1, 3));
  r.pickers[0].count = 5;
  std::reverse(r.orders.begin(), r.orders.end());
  const SimulationResult b = simulate(r);
  for (size_t i = 0; i < 50; ++i) {
    const auto& x = a.orders[i];
    const auto& y = b.orders[50 - i];
    ASSERT_EQ(x.id, y.id);
    EXPECT_EQ(*x.pick_end_ms - *x.pick_start_ms, *y.pick_end_ms - *y.pick_start_ms);
    EXPECT_EQ(*x.pack_end_ms - *x.pack_start_ms, *y.pack_end_ms - *y.pack_start_ms);
  }
}

TEST(Simulation, LognormalTimesHaveTheRequestedMean) {
  // 4000 orders, pick mean 60 s, cv 0.3: sample mean within 2 %, sample cv
  // within 0.03 (standard errors about 0.5 % and 0.005).
  SimulationRequest r;
  r.pickers = {{4000, 0, 480 * kMin}};
  r.pick = {60 * 1000, 0, 0, 0.3};
  for (int64_t i = 0; i < 4000; ++i) r.orders.push_back(order(i, 1));
  r.what_if_one_more = false;
  const SimulationResult res = simulate(r);
  double sum = 0, sq = 0;
  for (const auto& o : res.orders) {
    const double d = static_cast<double>(*o.pick_end_ms - *o.pick_start_ms);
    EXPECT_GT(d, 0);
    sum += d;
    sq += d * d;
  }
  const double mean = sum / 4000, var = sq / 4000 - mean * mean;
  EXPECT_NEAR(mean, 60000, 1200);
  EXPECT_NEAR(std::sqrt(var) / mean, 0.3, 0.03);
}

// --- Errors ----------------------------------------------------------------------

TEST(Simulation, Errors) {
  std::string field;
  SimulationRequest r = paper_case();
  r.orders[1].stage = "shipped";
  EXPECT_EQ(error_code(r, &field), "invalid_order");
  EXPECT_EQ(field, "orders[1].stage");
  r = paper_case();
  r.orders[0].lines = 0;
  EXPECT_EQ(error_code(r, &field), "invalid_order");
  EXPECT_EQ(field, "orders[0].lines");
  r = paper_case();
  r.orders[0].units_picked = 1;  // not picking
  EXPECT_EQ(error_code(r, &field), "invalid_order");
  EXPECT_EQ(field, "orders[0].units_picked");
  r = paper_case();
  r.orders[2].ship_by_ms = kMaxAbsTimeMs + 1;
  EXPECT_EQ(error_code(r, &field), "invalid_order");
  EXPECT_EQ(field, "orders[2].ship_by_ms");
  r = paper_case();
  r.orders[2].id = 1;
  EXPECT_EQ(error_code(r, &field), "duplicate_order_id");
  EXPECT_EQ(field, "orders[2].id");
  r = paper_case();
  r.packers.push_back({1, 50, 50});
  EXPECT_EQ(error_code(r, &field), "invalid_shift");
  EXPECT_EQ(field, "packers[1].to_ms");
  r = paper_case();
  r.pickers[0].count = -1;
  EXPECT_EQ(error_code(r, &field), "invalid_shift");
  EXPECT_EQ(field, "pickers[0].count");
  r = paper_case();
  r.pack.cv = -0.1;
  EXPECT_EQ(error_code(r, &field), "invalid_task_time");
  EXPECT_EQ(field, "pack.cv");
  r = paper_case();
  r.ship.per_line_ms = -1;
  EXPECT_EQ(error_code(r, &field), "invalid_task_time");
  EXPECT_EQ(field, "ship.per_line_ms");
  r = paper_case();
  r.sample_interval_ms = 0;
  EXPECT_EQ(error_code(r, &field), "invalid_parameter");
  EXPECT_EQ(field, "sample_interval_ms");
  r = paper_case();
  r.what_if = {{"fewer", 0, -2, 0}};
  EXPECT_EQ(error_code(r, &field), "invalid_parameter");
  EXPECT_EQ(field, "what_if[0].extra_packers");
  r = paper_case();
  r.replenish_share = -1;
  EXPECT_EQ(error_code(r, &field), "invalid_parameter");
  EXPECT_EQ(field, "replenish_share");
  r = paper_case();
  r.orders.assign(kMaxSimulationOrders + 1, SimOrder{});
  EXPECT_EQ(error_code(r, &field), "too_many_orders");
  EXPECT_EQ(field, "orders");
  try {
    r = paper_case();
    r.pickers[0].to_ms = -1;
    simulate(r);
    FAIL();
  } catch (const std::invalid_argument& e) {  // catchable as the standard base
    EXPECT_NE(std::string(e.what()).find("pickers[0].to_ms"), std::string::npos);
  }
}

// --- Properties ------------------------------------------------------------------

rc::Gen<SimulationRequest> gen_request(bool deterministic_monotone) {
  return rc::gen::exec([deterministic_monotone] {
    SimulationRequest r;
    r.start_ms = *rc::gen::inRange<int64_t>(0, 100) * kMin;
    r.seed = *rc::gen::arbitrary<uint64_t>();
    r.sample_interval_ms = *rc::gen::inRange<int64_t>(1, 60) * kMin;
    const char* stages[] = {"allocated", "released", "picking", "picked", "packed"};
    const int n = *rc::gen::inRange(0, 40);
    for (int i = 0; i < n; ++i) {
      SimOrder o;
      o.id = i * 3 + 1;
      o.lines = *rc::gen::inRange<int64_t>(1, 6);
      o.units = o.lines + *rc::gen::inRange<int64_t>(0, 10);
      if (deterministic_monotone) {
        o.stage = *rc::gen::element<std::string>("released", "picking");
        o.released_at_ms = 0;
      } else {
        o.stage = stages[*rc::gen::inRange(0, 5)];
        o.released_at_ms = *rc::gen::inRange<int64_t>(0, 300) * kMin;
      }
      if (o.stage == "picking") o.units_picked = *rc::gen::inRange<int64_t>(0, o.units + 1);
      if (*rc::gen::inRange(0, 3) != 0) o.ship_by_ms = *rc::gen::inRange<int64_t>(0, 600) * kMin;
      r.orders.push_back(o);
    }
    auto shifts = [&](int max_shifts) {
      std::vector<Shift> out;
      const int k = *rc::gen::inRange(0, max_shifts + 1);
      for (int i = 0; i < k; ++i) {
        const int64_t from = *rc::gen::inRange<int64_t>(0, 400) * kMin;
        out.push_back({*rc::gen::inRange<int64_t>(0, 4), from,
                       from + *rc::gen::inRange<int64_t>(1, 400) * kMin});
      }
      return out;
    };
    auto task = [&](double cv) {
      return TaskTime{*rc::gen::inRange<int64_t>(0, 20) * kMin,
                      *rc::gen::inRange<int64_t>(0, 5) * kMin,
                      *rc::gen::inRange<int64_t>(0, 60) * 1000, cv};
    };
    if (deterministic_monotone) {
      r.pickers = {{*rc::gen::inRange<int64_t>(1, 5), 0, kMaxAbsTimeMs}};
      r.pick = task(0);
    } else {
      r.pickers = shifts(3);
      r.packers = shifts(3);
      r.loaders = shifts(1);
      const double cv = *rc::gen::element(0.0, 0.3, 1.0);
      r.pick = task(cv);
      r.pack = task(cv);
      r.ship = task(cv);
      r.replenish_share = *rc::gen::element(0.0, 0.25);
      if (*rc::gen::arbitrary<bool>()) {
        const int k = *rc::gen::inRange(1, 4);
        for (int i = 0; i < k; ++i) {
          r.carrier_pickups_ms.push_back(*rc::gen::inRange<int64_t>(0, 900) * kMin);
        }
      }
    }
    return r;
  });
}

// Person index -> shift, as the header numbers them.
std::vector<Shift> people(const std::vector<Shift>& shifts) {
  std::vector<Shift> out;
  for (const Shift& s : shifts) {
    for (int64_t k = 0; k < s.count; ++k) out.push_back(s);
  }
  return out;
}

void check_worker_timeline(const SimulationRequest& r, const std::vector<Shift>& shifts,
                           const std::vector<std::tuple<int64_t, int64_t, int64_t>>& tasks) {
  const std::vector<Shift> who = people(shifts);
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> by_worker;
  for (const auto& [w, a, b] : tasks) {
    RC_ASSERT(w >= 0);
    RC_ASSERT(static_cast<size_t>(w) < who.size());
    const Shift& s = who[static_cast<size_t>(w)];
    RC_ASSERT(a >= std::max(s.from_ms, r.start_ms));
    RC_ASSERT(a < s.to_ms);
    by_worker[w].emplace_back(a, b);
  }
  for (auto& [w, v] : by_worker) {
    std::sort(v.begin(), v.end());
    for (size_t i = 1; i < v.size(); ++i) RC_ASSERT(v[i - 1].second <= v[i].first);
  }
}

RC_GTEST_PROP(SimulationProperties, InvariantsHold, ()) {
  const SimulationRequest r = *gen_request(false);
  const SimulationResult res = simulate(r);
  RC_ASSERT(res.orders.size() == r.orders.size());
  std::vector<std::tuple<int64_t, int64_t, int64_t>> picks, packs;
  int64_t late = 0, unshipped = 0, cutoff = 0;
  for (size_t i = 0; i < r.orders.size(); ++i) {
    const SimOrder& in = r.orders[i];
    const OrderOutcome& o = res.orders[i];
    RC_ASSERT(o.id == in.id);
    const int64_t entry = std::max(r.start_ms, in.released_at_ms);
    // Times never decrease along the order's path; a missing time means the
    // order never got there, so nothing after it exists either.
    std::vector<std::optional<int64_t>> path;
    if (in.stage != "picked" && in.stage != "packed") {
      path = {o.pick_start_ms, o.pick_end_ms, o.pack_start_ms, o.pack_end_ms};
    } else if (in.stage == "picked") {
      RC_ASSERT(!o.pick_start_ms && !o.pick_end_ms);
      path = {o.pack_start_ms, o.pack_end_ms};
    } else {
      RC_ASSERT(!o.pick_start_ms && !o.pack_end_ms);
    }
    path.push_back(o.ready_ms);
    path.push_back(o.shipped_at_ms);
    int64_t prev = entry;
    bool gone = false;
    for (const auto& t : path) {
      if (!t) {
        gone = true;
        continue;
      }
      RC_ASSERT(!gone);
      RC_ASSERT(*t >= prev);
      prev = *t;
    }
    if (o.picker >= 0) picks.emplace_back(o.picker, *o.pick_start_ms, *o.pick_end_ms);
    if (o.packer >= 0) packs.emplace_back(o.packer, *o.pack_start_ms, *o.pack_end_ms);
    if (in.ship_by_ms) {
      ++cutoff;
      const bool l = !o.shipped_at_ms || *o.shipped_at_ms > *in.ship_by_ms;
      RC_ASSERT(o.late == l);
      if (l) ++late;
    } else {
      RC_ASSERT(!o.late);
    }
    if (!o.shipped_at_ms) ++unshipped;
  }
  RC_ASSERT(res.late_orders == late);
  RC_ASSERT(res.orders_with_cutoff == cutoff);
  RC_ASSERT(res.unshipped_orders == unshipped);
  RC_ASSERT(res.on_time_rate >= 0.0 && res.on_time_rate <= 1.0);
  check_worker_timeline(r, r.pickers, picks);
  check_worker_timeline(r, r.packers, packs);
  RC_ASSERT(res.stages.size() == 3u);
  for (const StageOutcome& s : res.stages) {
    RC_ASSERT(s.utilisation >= 0.0 && s.utilisation <= 1.0);
    RC_ASSERT(!s.backlog.empty());
    RC_ASSERT(s.backlog.size() <= kMaxSamples);
    for (const BacklogSample& b : s.backlog) {
      RC_ASSERT(b.queued >= 0 && b.in_progress >= 0);
      RC_ASSERT(b.queued + b.in_progress <= s.orders);
    }
    RC_ASSERT(s.unfinished == 0 || !s.clear_ms.has_value());
  }
  RC_ASSERT(res.makespan_ms.has_value() == (unshipped == 0));
  RC_ASSERT(simulate(r).late_orders == res.late_orders);  // deterministic
}

RC_GTEST_PROP(SimulationProperties, OneMorePickerNeverClearsPickLaterInTheListCase, ()) {
  // Deterministic times, all orders available at start, one endless picker
  // shift: the pick stage is greedy list scheduling of independent tasks,
  // where every task starts no later with one more machine.
  const SimulationRequest r = *gen_request(true);
  const SimulationResult res = simulate(r);
  const ScenarioOutcome& more = scenario(res, "+1 picker");
  RC_ASSERT(res.stages[0].clear_ms.has_value());
  RC_ASSERT(more.pick_clear_ms.has_value());
  RC_ASSERT(*more.pick_clear_ms <= *res.stages[0].clear_ms);
}

}  // namespace
}  // namespace wareflow::planning
