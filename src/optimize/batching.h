// Order batching: which customer orders one picker collects together on one
// cart, so that the walks the router plans for the carts are short in total.
// Pure: plain structs in, batches out; no store, clock, threads or I/O.
//
// Methods:
//  fcfs     orders in release sequence (see "Due dates"), each cart filled
//           until the next order does not fit. The baseline.
//  seed     seed = the order with the pick farthest from the depot; then the
//           order adding the least route length joins while one fits.
//  savings  Clarke & Wright, second variant (de Koster et al. 1999): start
//           with one batch per order, merge the pair of batches with the
//           largest saving L(a) + L(b) - L(a u b) that fits a cart, then
//           recompute the merged batch's savings against every other.
//  ils      iterated local search from the better of seed and savings:
//           shift one order to another batch / swap two orders between
//           batches while that shortens the total, then perturb the best
//           solution with random swaps (seeded, deterministic) and repeat;
//           stops after max_iterations perturbations or
//           max_rounds_without_improvement in a row without a better total.
//  alns     ils as above, then adaptive large neighbourhood search (Ropke &
//           Pisinger 2006) from the best solution ils found. Each round
//           takes orders out of the current solution and puts them back. Out
//           go random orders, or the orders whose batch shrinks most without
//           them, or an order and those sharing most walk with it, or one to
//           three whole batches (whose orders then half the time must find
//           room in the other batches: the move that closes a batch). Back in
//           by cheapest insertion, regret-2 or regret-3 insertion, or one by
//           one in random sequence, each where it adds least; a new batch
//           when that is cheaper or nothing has room. A candidate at most 2 %
//           longer than the current solution then gets the local search on
//           the batches that changed; simulated annealing decides whether it
//           becomes the current solution; a new best gets the full local
//           search. Operators are drawn by weights that adapt to their
//           success after every segment of 25 rounds. Stops after
//           max_iterations segments or max_rounds_without_improvement
//           segments in a row without a new best. Seeded, deterministic.
//  auto     alns.
//
// Work. ils and the ALNS phase of alns also stop when a fixed budget of work
// each (look-ups and measurements of batch lengths, counted, not timed) is
// spent, so the same request always gives the same batches and the largest
// inputs end in seconds. max_iterations and max_rounds_without_improvement
// bound the ils phase of alns as they bound ils, and the ALNS phase in
// segments. With the defaults, on Henn & Wäscher-like instances (10 aisles of
// 90 locations, orders of 5-25 items; bench/bench_batching.cpp) alns takes a
// median 0.04-0.35 s of CPU for 40-60 orders and 0.45-1.5 s for 100 orders,
// ils 0.015-0.25 s; a caller in a hurry lowers max_iterations and
// max_rounds_without_improvement.
//
// Route length. L(batch) is plan_route(method "auto") over the union of the
// batch's picks; every reported length comes from it. Inside the
// constructions and the searches, single-block layouts use the same exact
// optimum (Ratliff & Rosenthal's dynamic program, which is what "auto" runs
// there), computed by a length-only copy of the router's program over the
// cells the batch's picks occupy; layouts of several blocks use the router's
// S-shape walk as an estimate. search_route_length_mm below is that measure.
//
// Due dates. With cutoff_ms, orders due at or before it form the first wave
// and every other order (later or no due date) the second; a batch never
// mixes waves, so the urgent wave can be released alone. Without cutoff_ms
// all orders form one wave. The release sequence inside a wave is by due date
// (orders without one last), then by position in the request. Batches are
// returned wave by wave, each wave's batches by earliest due date, then by
// their first order's release position.
//
// Guarantees:
//  - every order appears in exactly one batch; empty input gives no batches;
//  - every batch respects every cart limit (items, volume, orders) and holds
//    at most kMaxPicks picks, the router's limit;
//  - each batch's route_length_mm equals plan_route (auto) over its picks and
//    total_length_mm is their sum; fcfs_length_mm is the fcfs total for the
//    same request, for comparison;
//  - ils and alns never report a longer total than their starting
//    construction (named in BatchingResult::construction); on a single-block
//    layout alns never reports a longer total than ils for the same request;
//  - the same request (seed included) always gives the same batches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"
#include "optimize/routing.h"

namespace wareflow::optimize {

struct BatchOrder {
  int64_t id = 0;
  std::vector<PickLocation> picks;
  int64_t items = 0;  // units, counted against CartCapacity::max_items
  int64_t volume_cm3 = 0;
  std::optional<int64_t> due_ms;
};

struct CartCapacity {
  int64_t max_items = 0;
  std::optional<int64_t> max_volume_cm3;
  std::optional<int64_t> max_orders;  // totes: one order per tote
};

struct BatchingRequest {
  WarehouseLayout layout;
  std::vector<BatchOrder> orders;  // in arrival order
  CartCapacity capacity;
  std::string method = "auto";                  // "fcfs", "seed", "savings", "ils", "alns", "auto"
  uint64_t seed = 1;                            // ils perturbations, alns choices
  int64_t max_iterations = 200;                 // ils perturbations / alns segments, at most
  int64_t max_rounds_without_improvement = 60;  // ils perturbations / alns segments
  std::optional<int64_t> cutoff_ms;             // wave cut-off, see "Due dates"
};

struct Batch {
  std::vector<int64_t> order_ids;  // in release sequence
  int64_t items = 0;
  int64_t volume_cm3 = 0;
  std::optional<int64_t> due_ms;  // earliest due date of its orders
  int wave = 0;                   // 0 unless cutoff_ms splits the orders
  double route_length_mm = 0;
  std::vector<PickLocation> picks;  // its orders' picks, order by order
  std::vector<size_t> sequence;     // the router's visiting order into picks
};

struct BatchingResult {
  std::vector<Batch> batches;
  double total_length_mm = 0;
  std::string method;         // the method that ran; never "auto"
  std::string construction;   // ils, alns: the construction it started from; else == method
  int64_t iterations = 0;     // ils perturbations / alns segments run
  double fcfs_length_mm = 0;  // the fcfs total, the baseline
};

// Refusals (inputs::InputError) carry a stable code: "invalid_capacity", "invalid_order",
// "duplicate_order_id", "order_exceeds_capacity", "too_many_orders",
// "unsupported_method", "invalid_parameter", and the router's
// "invalid_layout" / "pick_outside_layout" / "too_many_points" for the
// layout and an order's picks. field() names the offending request field.

// Savings evaluates every pair of orders once, so the input is bounded.
inline constexpr size_t kMaxBatchingOrders = 1000;

// Batches request.orders with request.method. Throws inputs::InputError on bad input.
BatchingResult batch_orders(const BatchingRequest& request);

// The length the search gives one batch with these picks (see "Route
// length"): on a single block the exact optimum, equal to plan_route's; on
// several blocks the S-shape walk. Throws inputs::InputError on bad input.
double search_route_length_mm(const WarehouseLayout& layout,
                              const std::vector<PickLocation>& picks);

}  // namespace wareflow::optimize
