#include "optimize/batching.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>

namespace wareflow::optimize {
namespace {

// Henn & Wäscher's warehouse: 10 aisles of 90 locations, depot at the left
// front corner.
WarehouseLayout hw_layout() { return WarehouseLayout{10, 1, 90, 5000, 1000, 0}; }

BatchOrder order(int64_t id, std::vector<PickLocation> picks, int64_t items = 0,
                 std::optional<int64_t> due = std::nullopt) {
  BatchOrder o;
  o.id = id;
  o.items = items > 0 ? items : static_cast<int64_t>(picks.size());
  o.picks = std::move(picks);
  o.due_ms = due;
  return o;
}

BatchingRequest request(std::vector<BatchOrder> orders, int64_t max_items, std::string method) {
  BatchingRequest r;
  r.layout = hw_layout();
  r.orders = std::move(orders);
  r.capacity.max_items = max_items;
  r.method = std::move(method);
  return r;
}

// A Henn-Wäscher-like instance: orders of lo..hi items, one pick per item at
// uniformly random locations. std::mt19937_64 is the same on every platform.
std::vector<BatchOrder> random_orders(const WarehouseLayout& l, size_t count, int64_t lo,
                                      int64_t hi, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int64_t cells = l.blocks * l.cells_per_block;
  std::vector<BatchOrder> orders;
  for (size_t i = 0; i < count; ++i) {
    const int64_t items = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
    std::vector<PickLocation> picks;
    for (int64_t k = 0; k < items; ++k) {
      picks.push_back({static_cast<int64_t>(rng() % static_cast<uint64_t>(l.aisles)),
                       static_cast<int64_t>(rng() % static_cast<uint64_t>(cells))});
    }
    BatchOrder o = order(static_cast<int64_t>(100 + i), std::move(picks), items);
    o.volume_cm3 = 500 * items;
    orders.push_back(std::move(o));
  }
  return orders;
}

std::vector<std::set<int64_t>> groups_of(const BatchingResult& r) {
  std::vector<std::set<int64_t>> out;
  for (const Batch& b : r.batches) out.emplace_back(b.order_ids.begin(), b.order_ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::string code_of(const BatchingRequest& r) {
  try {
    batch_orders(r);
  } catch (const inputs::InputError& e) {
    return e.code() + " @" + e.field();
  }
  return "accepted";
}

// Every invariant the header promises that one result can be checked for.
void expect_valid(const BatchingRequest& req, const BatchingResult& res) {
  std::map<int64_t, const BatchOrder*> by_id;
  for (const BatchOrder& o : req.orders) by_id[o.id] = &o;
  std::multiset<int64_t> seen;
  double total = 0;
  for (const Batch& b : res.batches) {
    ASSERT_FALSE(b.order_ids.empty());
    int64_t items = 0, volume = 0;
    std::vector<PickLocation> picks;
    for (int64_t id : b.order_ids) {
      seen.insert(id);
      ASSERT_TRUE(by_id.count(id));
      const BatchOrder& o = *by_id[id];
      items += o.items;
      volume += o.volume_cm3;
      picks.insert(picks.end(), o.picks.begin(), o.picks.end());
      const int wave = req.cutoff_ms && o.due_ms && *o.due_ms <= *req.cutoff_ms ? 0
                       : req.cutoff_ms                                          ? 1
                                                                                : 0;
      EXPECT_EQ(b.wave, wave);
    }
    EXPECT_EQ(b.items, items);
    EXPECT_EQ(b.volume_cm3, volume);
    EXPECT_LE(items, req.capacity.max_items);
    if (req.capacity.max_volume_cm3) {
      EXPECT_LE(volume, *req.capacity.max_volume_cm3);
    }
    if (req.capacity.max_orders) {
      EXPECT_LE(static_cast<int64_t>(b.order_ids.size()), *req.capacity.max_orders);
    }
    const Route route = plan_route(RouteRequest{req.layout, picks, "auto"});
    EXPECT_DOUBLE_EQ(b.route_length_mm, route.length_mm);
    EXPECT_DOUBLE_EQ(route_length_mm(req.layout, b.picks, b.sequence), b.route_length_mm);
    total += b.route_length_mm;
  }
  EXPECT_NEAR(res.total_length_mm, total, 1e-6);
  std::multiset<int64_t> want;
  for (const BatchOrder& o : req.orders) want.insert(o.id);
  EXPECT_EQ(seen, want);
  // Waves in order, then earliest due date first.
  for (size_t k = 1; k < res.batches.size(); ++k) {
    const Batch& a = res.batches[k - 1];
    const Batch& b = res.batches[k];
    EXPECT_LE(a.wave, b.wave);
    if (a.wave == b.wave && b.due_ms) {
      EXPECT_TRUE(a.due_ms.has_value());
      if (a.due_ms) {
        EXPECT_LE(*a.due_ms, *b.due_ms);
      }
    }
  }
}

const std::vector<std::string> kMethods = {"fcfs", "seed", "savings", "ils", "alns", "auto"};

// ---------------------------------------------------------------------------
// Worked examples.

TEST(Batching, EmptyOrdersGiveNoBatches) {
  for (const std::string& m : kMethods) {
    const BatchingResult r = batch_orders(request({}, 10, m));
    EXPECT_TRUE(r.batches.empty());
    EXPECT_EQ(r.total_length_mm, 0);
    EXPECT_EQ(r.fcfs_length_mm, 0);
    EXPECT_NE(r.method, "auto");
  }
}

TEST(Batching, TwoOrdersInTheSameAisleBatchTogether) {
  // Arrival A, B, C with room for two orders: fcfs pairs A with B (aisles 5
  // and 2); every other method pairs the two orders deep in aisle 5, which
  // share that aisle's walk.
  const std::vector<BatchOrder> orders = {order(1, {{5, 80}, {5, 70}}), order(2, {{2, 10}, {2, 5}}),
                                          order(3, {{5, 85}, {5, 75}})};
  const BatchingResult fcfs = batch_orders(request(orders, 4, "fcfs"));
  EXPECT_EQ(groups_of(fcfs), (std::vector<std::set<int64_t>>{{1, 2}, {3}}));
  for (const std::string m : {"seed", "savings", "ils", "alns", "auto"}) {
    const BatchingRequest req = request(orders, 4, m);
    const BatchingResult r = batch_orders(req);
    EXPECT_EQ(groups_of(r), (std::vector<std::set<int64_t>>{{1, 3}, {2}})) << m;
    EXPECT_LT(r.total_length_mm, fcfs.total_length_mm) << m;
    EXPECT_DOUBLE_EQ(r.fcfs_length_mm, fcfs.total_length_mm) << m;
    expect_valid(req, r);
  }
  EXPECT_EQ(batch_orders(request(orders, 4, "auto")).method, "alns");
}

TEST(Batching, CapacitySplitsCarts) {
  const std::vector<BatchOrder> orders = {order(1, {{1, 1}}, 3), order(2, {{1, 2}}, 3),
                                          order(3, {{1, 3}}, 3), order(4, {{1, 4}}, 3)};
  for (const std::string& m : kMethods) {
    // Items: 6 per cart, so two carts of two orders.
    BatchingRequest req = request(orders, 6, m);
    BatchingResult r = batch_orders(req);
    EXPECT_EQ(r.batches.size(), 2u) << m;
    expect_valid(req, r);
    // Totes: one order per cart.
    req = request(orders, 100, m);
    req.capacity.max_orders = 1;
    r = batch_orders(req);
    EXPECT_EQ(r.batches.size(), 4u) << m;
    expect_valid(req, r);
    // Volume: 2,500 cm3 per cart, 1,000 per order.
    req = request(orders, 100, m);
    for (BatchOrder& o : req.orders) o.volume_cm3 = 1000;
    req.capacity.max_volume_cm3 = 2500;
    r = batch_orders(req);
    EXPECT_EQ(r.batches.size(), 2u) << m;
    expect_valid(req, r);
    // Everything fits on one cart.
    r = batch_orders(request(orders, 100, m));
    EXPECT_EQ(r.batches.size(), 1u) << m;
  }
}

TEST(Batching, CutoffKeepsTheUrgentWaveApartAndFirst) {
  // Orders 1 and 3 share an aisle, but only 3 is due before the cut-off.
  std::vector<BatchOrder> orders = {order(1, {{5, 10}}, 1, 9000), order(2, {{2, 10}}, 1, 500),
                                    order(3, {{5, 11}}, 1, 1000), order(4, {{5, 12}}, 1)};
  for (const std::string& m : kMethods) {
    BatchingRequest req = request(orders, 10, m);
    req.cutoff_ms = 1000;
    const BatchingResult r = batch_orders(req);
    expect_valid(req, r);
    ASSERT_EQ(r.batches.size(), 2u) << m;
    EXPECT_EQ(std::set<int64_t>(r.batches[0].order_ids.begin(), r.batches[0].order_ids.end()),
              (std::set<int64_t>{2, 3}))
        << m;
    EXPECT_EQ(r.batches[0].wave, 0);
    EXPECT_EQ(r.batches[0].due_ms, 500);
    EXPECT_EQ(r.batches[1].wave, 1);
    // Without a cut-off, everything fits one cart.
    req.cutoff_ms.reset();
    EXPECT_EQ(batch_orders(req).batches.size(), 1u) << m;
  }
}

TEST(Batching, FcfsReleasesByDueDateThenArrival) {
  // One order per cart: the batches come back in release sequence.
  std::vector<BatchOrder> orders = {order(1, {{1, 1}}, 1), order(2, {{1, 2}}, 1, 300),
                                    order(3, {{1, 3}}, 1, 100), order(4, {{1, 4}}, 1)};
  BatchingRequest req = request(orders, 10, "fcfs");
  req.capacity.max_orders = 1;
  const BatchingResult r = batch_orders(req);
  std::vector<int64_t> ids;
  for (const Batch& b : r.batches) ids.push_back(b.order_ids.front());
  EXPECT_EQ(ids, (std::vector<int64_t>{3, 2, 1, 4}));
}

TEST(Batching, RefusesBadInput) {
  const std::vector<BatchOrder> ok = {order(1, {{1, 1}}, 2), order(2, {{2, 2}}, 2)};
  EXPECT_EQ(code_of(request(ok, 10, "auto")), "accepted");

  EXPECT_EQ(code_of(request(ok, 0, "auto")), "invalid_capacity @capacity.max_items");
  BatchingRequest r = request(ok, 10, "auto");
  r.capacity.max_volume_cm3 = 0;
  EXPECT_EQ(code_of(r), "invalid_capacity @capacity.max_volume_cm3");
  r = request(ok, 10, "auto");
  r.capacity.max_orders = -1;
  EXPECT_EQ(code_of(r), "invalid_capacity @capacity.max_orders");

  EXPECT_EQ(code_of(request({order(7, {{1, 1}}), order(7, {{2, 2}})}, 10, "auto")),
            "duplicate_order_id @orders[1].id");
  EXPECT_EQ(code_of(request({order(1, {{1, 1}}, 11)}, 10, "auto")),
            "order_exceeds_capacity @orders[0].items");
  r = request(ok, 10, "auto");
  r.orders[1].volume_cm3 = 600;
  r.capacity.max_volume_cm3 = 500;
  EXPECT_EQ(code_of(r), "order_exceeds_capacity @orders[1].volume_cm3");

  EXPECT_EQ(code_of(request({order(1, {{10, 1}})}, 10, "auto")),
            "pick_outside_layout @orders[0].picks");
  EXPECT_EQ(code_of(request({order(1, {{0, 90}})}, 10, "auto")),
            "pick_outside_layout @orders[0].picks");
  EXPECT_EQ(code_of(request({order(1, {})}, 10, "auto")), "invalid_order @orders[0].picks");
  r = request(ok, 10, "auto");
  r.orders[0].items = 0;
  EXPECT_EQ(code_of(r), "invalid_order @orders[0].items");
  r = request(ok, 10, "auto");
  r.orders[0].volume_cm3 = -1;
  EXPECT_EQ(code_of(r), "invalid_order @orders[0].volume_cm3");

  EXPECT_EQ(code_of(request(ok, 10, "genetic")), "unsupported_method @method");
  r = request(ok, 10, "ils");
  r.max_iterations = -1;
  EXPECT_EQ(code_of(r), "invalid_parameter @max_iterations");
  r = request(ok, 10, "ils");
  r.max_rounds_without_improvement = 0;
  EXPECT_EQ(code_of(r), "invalid_parameter @max_rounds_without_improvement");

  r = request(ok, 10, "auto");
  r.layout.depot_aisle = 10;
  EXPECT_EQ(code_of(r), "invalid_layout @layout");
  r = request({}, 10, "auto");
  r.layout.aisles = 0;
  EXPECT_EQ(code_of(r), "invalid_layout @layout");

  r = request({}, 10, "fcfs");
  for (size_t i = 0; i <= kMaxBatchingOrders; ++i) {
    r.orders.push_back(order(static_cast<int64_t>(i), {{1, 1}}));
  }
  EXPECT_EQ(code_of(r), "too_many_orders @orders");

  // The error is an invalid_argument, so callers that only know that still
  // see a refusal.
  EXPECT_THROW(batch_orders(request(ok, 0, "auto")), std::invalid_argument);
}

TEST(Batching, ZeroIterationsIsTheLocalSearchAlone) {
  for (const std::string m : {"ils", "alns"}) {
    BatchingRequest req = request(random_orders(hw_layout(), 20, 2, 8, 3), 24, m);
    req.max_iterations = 0;
    const BatchingResult r = batch_orders(req);
    EXPECT_EQ(r.iterations, 0) << m;
    expect_valid(req, r);
    // Both run the same local search on the same start, and nothing else.
    req.method = "ils";
    EXPECT_EQ(groups_of(batch_orders(req)), groups_of(r)) << m;
  }
}

TEST(Batching, SearchLengthIsTheRoutersOptimumOnOneBlock) {
  // Henn-Wäscher: the bitmap path. One picks nothing but the depot's aisle;
  // one spans every aisle; one repeats a location.
  const WarehouseLayout hw = hw_layout();
  const std::vector<std::vector<PickLocation>> cases = {
      {{0, 0}},
      {{0, 89}, {0, 0}},
      {{9, 45}},
      {{3, 3}, {3, 3}, {7, 80}},
      {{0, 10}, {1, 80}, {2, 5}, {3, 60}, {4, 30}, {5, 89}, {6, 0}, {7, 44}, {8, 45}, {9, 1}}};
  for (const auto& picks : cases) {
    EXPECT_DOUBLE_EQ(search_route_length_mm(hw, picks),
                     plan_route(RouteRequest{hw, picks, "auto"}).length_mm);
  }
  // Many random batches of Henn-Wäscher-like size, depot anywhere.
  std::mt19937_64 rng(99);
  for (int k = 0; k < 2000; ++k) {
    WarehouseLayout l = hw;
    l.depot_aisle = static_cast<int64_t>(rng() % 10);
    std::vector<PickLocation> picks(1 + rng() % 75);
    for (PickLocation& p : picks) {
      p = {static_cast<int64_t>(rng() % 10), static_cast<int64_t>(rng() % 90)};
    }
    ASSERT_NEAR(search_route_length_mm(l, picks),
                plan_route(RouteRequest{l, picks, "auto"}).length_mm, 1e-6);
  }
  // Deep aisles: the sorted-list path (aisles * cells / 64 words > 512).
  const WarehouseLayout deep{9, 1, 4000, 3000, 800, 4};
  const std::vector<PickLocation> far = {{0, 3999}, {8, 0}, {4, 2000}, {4, 10}, {2, 3000}};
  EXPECT_DOUBLE_EQ(search_route_length_mm(deep, far),
                   plan_route(RouteRequest{deep, far, "auto"}).length_mm);
  // Several blocks: the S-shape walk.
  const WarehouseLayout blocks{8, 3, 20, 3000, 1000, 3};
  const std::vector<PickLocation> picks = {{1, 5}, {6, 30}, {2, 59}};
  EXPECT_DOUBLE_EQ(search_route_length_mm(blocks, picks),
                   plan_route(RouteRequest{blocks, picks, "s_shape"}).length_mm);
  EXPECT_THROW(search_route_length_mm(hw, {{10, 0}}), inputs::InputError);
}

// ---------------------------------------------------------------------------
// Properties over random instances.

BatchingRequest random_request(bool multi_block) {
  WarehouseLayout l;
  l.aisles = *rc::gen::inRange<int64_t>(1, 9);
  l.blocks = multi_block ? *rc::gen::inRange<int64_t>(1, 4) : 1;
  l.cells_per_block = *rc::gen::inRange<int64_t>(1, 15);
  l.aisle_pitch_mm = static_cast<double>(*rc::gen::inRange<int64_t>(1, 5000));
  l.cell_pitch_mm = static_cast<double>(*rc::gen::inRange<int64_t>(1, 2000));
  l.depot_aisle = *rc::gen::inRange<int64_t>(0, l.aisles);
  const int64_t cells = l.blocks * l.cells_per_block;
  const size_t n = *rc::gen::inRange<size_t>(0, 14);
  BatchingRequest r;
  r.layout = l;
  r.capacity.max_items = *rc::gen::inRange<int64_t>(4, 20);
  if (*rc::gen::arbitrary<bool>()) r.capacity.max_volume_cm3 = *rc::gen::inRange<int64_t>(50, 200);
  if (*rc::gen::arbitrary<bool>()) r.capacity.max_orders = *rc::gen::inRange<int64_t>(1, 5);
  const bool dated = *rc::gen::arbitrary<bool>();
  if (dated && *rc::gen::arbitrary<bool>()) r.cutoff_ms = *rc::gen::inRange<int64_t>(0, 100);
  for (size_t i = 0; i < n; ++i) {
    BatchOrder o;
    o.id = static_cast<int64_t>(i * 7 + 3);
    const size_t picks = *rc::gen::inRange<size_t>(1, 5);
    for (size_t k = 0; k < picks; ++k) {
      o.picks.push_back(
          {*rc::gen::inRange<int64_t>(0, l.aisles), *rc::gen::inRange<int64_t>(0, cells)});
    }
    o.items = *rc::gen::inRange<int64_t>(1, r.capacity.max_items + 1);
    o.volume_cm3 = *rc::gen::inRange<int64_t>(0, 50);
    if (dated && *rc::gen::arbitrary<bool>()) o.due_ms = *rc::gen::inRange<int64_t>(0, 200);
    r.orders.push_back(std::move(o));
  }
  r.seed = *rc::gen::arbitrary<uint64_t>();
  r.max_iterations = *rc::gen::inRange<int64_t>(0, 30);
  return r;
}

RC_GTEST_PROP(BatchingProperty, EveryMethodKeepsTheContract, ()) {
  BatchingRequest req = random_request(*rc::gen::arbitrary<bool>());
  req.method = *rc::gen::elementOf(kMethods);
  const BatchingResult r = batch_orders(req);
  expect_valid(req, r);
  RC_ASSERT(!::testing::Test::HasFailure());
  // The same request gives the same batches.
  const BatchingResult again = batch_orders(req);
  RC_ASSERT(again.batches.size() == r.batches.size());
  for (size_t k = 0; k < r.batches.size(); ++k) {
    RC_ASSERT(again.batches[k].order_ids == r.batches[k].order_ids);
  }
  RC_ASSERT(again.total_length_mm == r.total_length_mm);
}

RC_GTEST_PROP(BatchingProperty, SearchesAreNeverLongerThanTheirStart, ()) {
  BatchingRequest req = random_request(*rc::gen::arbitrary<bool>());
  req.method = *rc::gen::element<std::string>("ils", "alns");
  const BatchingResult found = batch_orders(req);
  req.method = found.construction;
  RC_ASSERT(found.construction == "seed" || found.construction == "savings");
  const BatchingResult start = batch_orders(req);
  RC_ASSERT(found.total_length_mm <= start.total_length_mm + 1e-6);
  // It starts from the better construction, so it beats both.
  req.method = found.construction == "seed" ? "savings" : "seed";
  RC_ASSERT(found.total_length_mm <= batch_orders(req).total_length_mm + 1e-6);
}

// The search's exact length against the router's, on random single-block
// layouts: small ones (bitmaps) and deep ones (sorted lists).
RC_GTEST_PROP(BatchingProperty, SearchLengthEqualsTheRouters, ()) {
  WarehouseLayout l;
  l.aisles = *rc::gen::inRange<int64_t>(1, 12);
  l.cells_per_block = *rc::gen::element<int64_t>(1, 2, 7, 63, 64, 65, 90, 130, 5000);
  l.aisle_pitch_mm = static_cast<double>(*rc::gen::inRange<int64_t>(1, 5000));
  l.cell_pitch_mm = static_cast<double>(*rc::gen::inRange<int64_t>(1, 2000));
  l.depot_aisle = *rc::gen::inRange<int64_t>(0, l.aisles);
  const size_t n = *rc::gen::inRange<size_t>(0, 40);
  std::vector<PickLocation> picks;
  for (size_t k = 0; k < n; ++k) {
    picks.push_back({*rc::gen::inRange<int64_t>(0, l.aisles),
                     *rc::gen::inRange<int64_t>(0, l.cells_per_block)});
  }
  const double want = plan_route(RouteRequest{l, picks, "auto"}).length_mm;
  RC_ASSERT(std::abs(search_route_length_mm(l, picks) - want) <= 1e-9 * std::max(1.0, want));
}

// Larger random instances than random_request makes, with tight carts, so
// that every destroy and repair operator runs into full carts, order limits,
// volume limits and two waves.
RC_GTEST_PROP(BatchingProperty, AlnsKeepsTheContractOnTightCarts, ()) {
  BatchingRequest r;
  r.layout = WarehouseLayout{*rc::gen::inRange<int64_t>(2, 11), 1, 30, 4000, 1000, 0};
  r.layout.depot_aisle = *rc::gen::inRange<int64_t>(0, r.layout.aisles);
  r.capacity.max_items = *rc::gen::inRange<int64_t>(6, 30);
  if (*rc::gen::arbitrary<bool>()) r.capacity.max_volume_cm3 = *rc::gen::inRange<int64_t>(60, 300);
  if (*rc::gen::arbitrary<bool>()) r.capacity.max_orders = *rc::gen::inRange<int64_t>(1, 6);
  if (*rc::gen::arbitrary<bool>()) r.cutoff_ms = 50;
  const size_t n = *rc::gen::inRange<size_t>(2, 45);
  for (size_t i = 0; i < n; ++i) {
    BatchOrder o;
    o.id = static_cast<int64_t>(1000 - 3 * i);
    const size_t picks = *rc::gen::inRange<size_t>(1, 8);
    for (size_t k = 0; k < picks; ++k) {
      o.picks.push_back(
          {*rc::gen::inRange<int64_t>(0, r.layout.aisles), *rc::gen::inRange<int64_t>(0, 30)});
    }
    o.items = *rc::gen::inRange<int64_t>(1, r.capacity.max_items + 1);
    o.volume_cm3 = *rc::gen::inRange<int64_t>(0, 60);
    if (*rc::gen::arbitrary<bool>()) o.due_ms = *rc::gen::inRange<int64_t>(0, 100);
    r.orders.push_back(std::move(o));
  }
  r.method = "alns";
  r.seed = *rc::gen::arbitrary<uint64_t>();
  r.max_iterations = *rc::gen::inRange<int64_t>(0, 25);
  r.max_rounds_without_improvement = *rc::gen::inRange<int64_t>(1, 10);
  const BatchingResult found = batch_orders(r);
  expect_valid(r, found);
  RC_ASSERT(!::testing::Test::HasFailure());
  RC_ASSERT(found.iterations <= r.max_iterations);
  const BatchingResult again = batch_orders(r);
  RC_ASSERT(groups_of(again) == groups_of(found));
  // Never longer than its start, nor (on one block) than ils, which it runs
  // first.
  for (const std::string m : {"seed", "savings", "ils"}) {
    r.method = m;
    RC_ASSERT(found.total_length_mm <= batch_orders(r).total_length_mm + 1e-6);
  }
}

TEST(Batching, SavingsAndSearchesBeatFcfsOnAverage) {
  double fcfs = 0, savings = 0, ils = 0, alns = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    BatchingRequest req = request(random_orders(hw_layout(), 25, 2, 10, seed), 30, "savings");
    const BatchingResult s = batch_orders(req);
    req.method = "ils";
    req.seed = seed;
    const BatchingResult i = batch_orders(req);
    expect_valid(req, i);
    req.method = "alns";
    const BatchingResult a = batch_orders(req);
    expect_valid(req, a);
    fcfs += s.fcfs_length_mm;
    savings += s.total_length_mm;
    ils += i.total_length_mm;
    alns += a.total_length_mm;
    EXPECT_LE(i.total_length_mm, s.total_length_mm + 1e-6);
    EXPECT_LE(a.total_length_mm, s.total_length_mm + 1e-6);
  }
  EXPECT_LT(savings, fcfs);
  EXPECT_LT(ils, savings + 1e-6);
  EXPECT_LT(alns, ils + 1e-6);
}

TEST(Batching, MultiBlockLayoutKeepsTheContract) {
  // Several blocks: the search runs on the S-shape estimate, the reported
  // lengths still come from the router.
  const WarehouseLayout l{8, 3, 20, 3000, 1000, 3};
  for (const std::string& m : kMethods) {
    BatchingRequest req = request(random_orders(l, 20, 1, 6, 11), 15, m);
    req.layout = l;
    const BatchingResult r = batch_orders(req);
    expect_valid(req, r);
    EXPECT_LE(r.total_length_mm, r.fcfs_length_mm * 1.2) << m;
  }
}

// ---------------------------------------------------------------------------
// The Henn-Wäscher-like instance: 60 orders of 5-25 items, carts of 45 items.
//
// Its optimum is known: the 146,374 sets of orders that fit a cart, each
// measured exactly, make a set-partitioning problem that a MIP solver closes
// at 17,046 m, 22.48 % less than fcfs (21,988 m): bench/bench_batching_optimum
// shows it. No method can save more on this instance, so 25 % is out of reach
// here; alns must come close.

TEST(Batching, HennWaescherLikeInstance) {
  BatchingRequest req = request(random_orders(hw_layout(), 60, 5, 25, 2024), 45, "fcfs");
  req.seed = 7;
  double fcfs = 0;
  BatchingResult ils, alns;
  for (const std::string m : {"fcfs", "seed", "savings", "ils", "alns"}) {
    req.method = m;
    const auto t0 = std::chrono::steady_clock::now();
    const BatchingResult r = batch_orders(req);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    expect_valid(req, r);
    if (m == "fcfs") fcfs = r.total_length_mm;
    if (m == "ils") ils = r;
    if (m == "alns") alns = r;
    std::printf("  %-8s %3zu batches  %10.0f mm  %5.1f%% vs fcfs  %8.1f ms%s\n", m.c_str(),
                r.batches.size(), r.total_length_mm, 100.0 * (fcfs - r.total_length_mm) / fcfs, ms,
                m == "ils" || m == "alns"
                    ? (" (from " + r.construction + ", " + std::to_string(r.iterations) +
                       (m == "ils" ? " perturbations)" : " segments)"))
                          .c_str()
                    : "");
  }
  EXPECT_DOUBLE_EQ(fcfs, 21988000);
  EXPECT_LE(ils.total_length_mm, 0.85 * fcfs);
  EXPECT_LE(alns.total_length_mm, ils.total_length_mm);
  EXPECT_GE(alns.total_length_mm, 17046000);  // the optimum
  // >= 21.9 % saved, within 0.6 points of the optimum (this run: 22.0 %).
  EXPECT_LE(alns.total_length_mm, 0.781 * fcfs);
}

// Two more Henn-Wäscher-like instances, larger carts: alns is valid and, over
// both, shorter than ils (see bench/bench_batching.cpp for the averages).
TEST(Batching, AlnsOnHennWaescherLikeMix) {
  double ils = 0, alns = 0;
  for (const auto& [n, cart] : std::vector<std::pair<size_t, int64_t>>{{40, 75}, {80, 60}}) {
    BatchingRequest req = request(random_orders(hw_layout(), n, 5, 25, 31 * n), cart, "ils");
    const BatchingResult i = batch_orders(req);
    req.method = "alns";
    const BatchingResult a = batch_orders(req);
    expect_valid(req, a);
    ils += i.total_length_mm;
    alns += a.total_length_mm;
  }
  std::printf("  alns %.0f mm, ils %.0f mm\n", alns, ils);
  EXPECT_LT(alns, ils);
}

}  // namespace
}  // namespace wareflow::optimize
