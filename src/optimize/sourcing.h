// Sourcing: which warehouses ship which units of an order. Pure: plain
// structs in, a plan out; no store or network. Only ExactSourcingPolicy reads
// a clock, for its time cap.
//
// Cost model. A warehouse that ships anything of the order is one shipment
// and costs its shipment cost once, plus unit_cost for every unit it ships.
// The shipment cost is SourcingCandidate::shipment_cost, except that when
// shipment_cost and unit_cost are both 0 the distance is the shipment cost,
// so callers that only give distances keep their meaning.
//
// Objective, lexicographic (what ExactSourcingPolicy optimises and what
// evaluate_sourcing_plan reports for every policy):
//  1. most units covered, i.e. fewest backordered. The most any plan can
//     cover is c_l = min(q_l, sum over warehouses of available) for each line
//     l, reached by every line independently; every policy here reaches it;
//  2. fewest shipments (warehouses that ship at least one unit);
//  3. lowest cost: sum of the shipment costs of the shipping warehouses plus
//     unit_cost times units shipped;
//  4. ties: see each policy.
//
// Policies (SourcingPlan::method says which ran):
//  FewestSplitsPolicy ("greedy"). Objectives 1 and 2, then the smallest total
//    distance (not cost), then the most stock of the order's products. Exact
//    (every subset, by size) up to 12 candidate warehouses, greedy set cover
//    beyond: the warehouse adding the most units, nearest on ties. Units go
//    to the chosen warehouses nearest first. method: "single",
//    "exact_subset", "greedy_cover", or "none" when nobody has anything.
//  NearestFirstLinePolicy ("nearest_first_line"). The nearest-first rule of
//    popular open-source order management engines, kept as a baseline.
//    Warehouses are ranked by distance, then request order. The first line with a positive
//    quantity is the anchor: the highest-ranked warehouse whose available
//    units of the anchor line reach its full quantity ships, of every line,
//    min(available, quantity). Then, line by line in request order, whatever
//    is still open goes to the warehouses in rank order, each giving what it
//    has left of that line, until the line is covered or nobody has more;
//    the rest is backordered. With no such anchor warehouse, only the line by
//    line pass runs.
//  ExactSourcingPolicy ("mip"). Exact for objectives 1-3 on orders of at
//    most max_lines lines that anyone can serve and max_warehouses
//    warehouses holding any of them (default 50 x 50), with at most
//    kExactSourcingMaxUnits (1e4) units coverable per line, solved by CBC
//    within time_limit_ms (default 100 ms) of wall-clock time for the whole
//    call.
//    Over lines with c_l > 0 and warehouses w holding any of them, with
//    u_wl = min(available_wl, q_l), s_w the shipment cost and y_w in {0, 1}
//    "warehouse w ships":
//     stage one:  minimise sum_w y_w
//                 subject to sum_w u_wl y_w >= c_l for every line l,
//       giving K. A set of warehouses can cover every line up to c_l exactly
//       when these covering rows hold, so objective 1 is met by construction.
//     stage two:  minimise sum_w s_w y_w + sum_wl unit_cost_w c_l x_wl
//                 subject to the covering rows, sum_w y_w <= K, and, with
//                 x_wl in [0, u_wl / c_l] the share of line l shipped from w,
//                 sum_w x_wl = 1 and x_wl <= (u_wl / c_l) y_w;
//       x (and its rows) only when some warehouse has a unit_cost. The
//       objective is scaled so that its largest coefficient is 1000.
//    The stages are solved one after the other with stage one's optimum as a
//    constraint, so no weight mixes shipments and costs and no magnitude of
//    costs can trade a shipment for a cost. x may be continuous: once y is
//    fixed, each line's constraints form an interval matrix with integral
//    bounds (totally unimodular), so whole units reach the same cost. The
//    plan's units are recomputed exactly from the chosen warehouses: each
//    line from the lowest unit_cost first, then the nearest, then request
//    order, which for a fixed set of warehouses is the cheapest allocation.
//    Cost is minimal up to CBC's tolerances (about 1e-8 of the largest single
//    cost term); figures are recomputed from the units, never taken from the
//    solver. CBC runs without strong branching and, when no line has more
//    than 100 units coverable, with knapsack cover cuts and no other cut
//    generator (the fastest setting measured on these models; with larger
//    lines the knapsack cuts were seen to cut off optima, rows mixing
//    coefficients of 1 and 1e4).
//    Both stages start from the greedy plan as incumbent (FewestSplitsPolicy's
//    warehouses, units reallocated cheapest first), so CBC never returns
//    worse. optimal is true when the plan is proven optimal for objectives
//    1-3: by CBC in both stages (stage two is skipped when every cost is 0),
//    or trivially: nothing to ship, or some single warehouse covers
//    everything coverable, and then the cheapest such warehouse (nearest,
//    then most units of the order in stock, then request order, on ties) is
//    the optimum, found without CBC.
//    Time cap: measured from the start of plan(); CBC gets what is left when
//    its search starts and reads its clock between its steps (nodes, cut
//    passes), so a call can overrun by about one step: a few milliseconds on
//    50 x 50, more on a loaded machine. When the cap cuts the search, the
//    better of CBC's incumbent and the greedy plan is returned with optimal
//    false. method: "mip"; "greedy_after_mip_time_limit" when the greedy plan
//    was strictly better (or no time was left to run CBC);
//    "greedy_over_size_limit" above the size or units limit, where
//    FewestSplitsPolicy's plan is returned unchanged but for the method.
//    Ties among equally good plans: the greedy plan when CBC finds nothing
//    better (its tie-breaks are named rules: nearer, more stock; the method
//    is then still "mip", the program having proved the figures), else the
//    one CBC reaches first, which is the same for the same request unless the
//    time cap cut the search.
//
// Guarantees, for every policy: the plan passes validate_sourcing_plan
// (assignments within availability and quantities, at most one assignment
// per line and warehouse, backordered = quantity - assigned, figures equal to
// evaluate_sourcing_plan); every policy covers the most units coverable;
// plan() keeps no state between calls and is safe to call from several
// threads at once, on one policy object or several. ExactSourcingPolicy
// drives CBC through CbcModel directly, single-threaded (not CbcMain, whose
// parameter tables are static), with no cut generator that keeps static state
// (Cgl012cut does), and with a solver hint that keeps Clp's initial solve off
// the path that installs a process-wide SIGINT handler. Run under helgrind,
// the only unsynchronised shared access left is a debugging counter in
// CoinUtils' factorization (CoinFactorization::factorSparseSmall, present
// in builds without NDEBUG such as Debian's), which only ever enables an
// extra consistency check and does not affect results.
//
// Refusals are inputs::InputError with a stable code() and the offending field():
//  - "invalid_quantity": a quantity below 0 or above kMaxSourcingQuantity
//    (field "quantities[i]");
//  - "invalid_availability": available has not one entry per line, or an
//    entry is negative ("warehouses[i].available" or ".available[l]");
//  - "duplicate_warehouse": two candidates with one warehouse_id
//    ("warehouses[i].warehouse_id");
//  - "invalid_request": a distance, shipment_cost or unit_cost negative, not
//    finite or above kMaxSourcingCost ("warehouses[i].distance", ...);
//  - "invalid_parameter": a policy setting out of range ("time_limit_ms",
//    "max_lines", "max_warehouses") or an unknown method name ("method");
//  - "invalid_plan": evaluate_sourcing_plan given a plan that names a line or
//    warehouse not in the request ("assignments[i]").
// Every policy checks the request first (validate_sourcing_request). Orders
// captured by the OMS always pass: quantities 1..1000000, availability
// clamped at 0 and sized to the lines, one candidate per warehouse, distances
// from haversine_km or 0/20000.
//
// JSON contract of `wareflow optimize source --input FILE.json`:
//  input, an object:
//   "quantities": [q, ...]  or  "lines": [{"quantity": q}, ...]  (exactly one;
//       integers 0..kMaxSourcingQuantity, at most 500 lines);
//   "warehouses": [{"id": integer (unique), "distance": number >= 0 (default
//       0), "shipment_cost": number >= 0 (default 0), "unit_cost": number >= 0
//       (default 0), "available": [integer >= 0, one per line]}, ...] (numbers
//       at most kMaxSourcingCost; at most 1000 warehouses);
//   "method": "auto" (default) | "mip" | "greedy" | "nearest_first_line";
//       "auto" and "mip" both run ExactSourcingPolicy: the MIP within the
//       size limit, FewestSplitsPolicy above it;
//   "time_limit_ms": integer 1..kMaxSourcingTimeLimitMs (default 100), for
//       "auto" and "mip".
//  output, an object:
//   "assignments": [{"line": index into the lines, "warehouse_id": id,
//       "quantity": units > 0}, ...] in plan order;
//   "backordered": [units per line];
//   "shipments": integer; "cost": number; "method": SourcingPlan::method
//       (see above; never "auto"); "optimal": boolean.
//  refusals: {"code", "detail", "field"} with the inputs::InputError code; fields
//   name "quantities[i]" even when the input gave "lines" (then read it as
//   "lines[i].quantity").
//  make_sourcing_policy(method, time_limit_ms) builds the policy the method
//  names; every figure of the output is a field of SourcingPlan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"

namespace wareflow::optimize {

struct SourcingCandidate {
  int64_t warehouse_id = 0;
  double distance = 0;             // any unit; smaller is better
  std::vector<int64_t> available;  // per order line, units available
  double shipment_cost = 0;        // per shipment from here; see "Cost model"
  double unit_cost = 0;            // per unit shipped from here
};

struct SourcingRequest {
  std::vector<int64_t> quantities;  // per order line
  std::vector<SourcingCandidate> warehouses;
};

struct SourcingAssignment {
  size_t line = 0;
  int64_t warehouse_id = 0;
  int64_t quantity = 0;
};

struct SourcingPlan {
  std::vector<SourcingAssignment> assignments;
  std::vector<int64_t> backordered;  // per order line
  std::string method;                // the policy's, see above
  size_t warehouses_used = 0;        // = shipments
  // Figures on the cost model, as evaluate_sourcing_plan computes them.
  size_t shipments = 0;
  double cost = 0;
  int64_t backordered_units = 0;
  bool optimal = false;  // proven optimal for objectives 1-3 (ExactSourcingPolicy only)
};

// The figures every policy is compared on.
struct SourcingFigures {
  size_t shipments = 0;  // warehouses shipping at least one unit
  double cost = 0;
  int64_t units_shipped = 0;
  int64_t backordered_units = 0;  // sum over lines of quantity - assigned
  bool split = false;             // shipments > 1
};

inline constexpr int64_t kMaxSourcingQuantity = 1'000'000'000;  // units per line
inline constexpr double kMaxSourcingCost = 1e12;  // distance, shipment_cost, unit_cost
inline constexpr int64_t kDefaultSourcingTimeLimitMs = 100;
inline constexpr int64_t kMaxSourcingTimeLimitMs = 60'000;
inline constexpr size_t kExactSourcingMaxLines = 50;
inline constexpr size_t kExactSourcingMaxWarehouses = 50;
inline constexpr size_t kMaxExactSourcingSize = 1000;  // upper bound for max_lines, max_warehouses
// Units coverable per line up to which the MIP runs. CBC's tolerances are
// relative (about 1e-6 after Clp's scaling), so a one-unit shortfall must
// stay well above them: on adversarial requests (lines of about N units
// covered by warehouses holding about N or 1-3 units each) the MIP claimed
// wrong optima at N = 1e6 and none in 20000 requests at N = 1e4.
inline constexpr int64_t kExactSourcingMaxUnits = 10'000;

class SourcingPolicy {
 public:
  virtual ~SourcingPolicy() = default;
  // Throws inputs::InputError on a bad request (and, for ExactSourcingPolicy, bad
  // settings).
  virtual SourcingPlan plan(const SourcingRequest& request) const = 0;
};

class FewestSplitsPolicy final : public SourcingPolicy {
 public:
  SourcingPlan plan(const SourcingRequest& request) const override;
};

class NearestFirstLinePolicy final : public SourcingPolicy {
 public:
  SourcingPlan plan(const SourcingRequest& request) const override;
};

class ExactSourcingPolicy final : public SourcingPolicy {
 public:
  // Wall-clock cap on one plan() call, 1..kMaxSourcingTimeLimitMs.
  int64_t time_limit_ms = kDefaultSourcingTimeLimitMs;
  // Size limit of the MIP, 1..kMaxExactSourcingSize each: lines with
  // something coverable, warehouses holding any of them.
  size_t max_lines = kExactSourcingMaxLines;
  size_t max_warehouses = kExactSourcingMaxWarehouses;

  SourcingPlan plan(const SourcingRequest& request) const override;
};

// The policy a method name selects: "auto" and "mip" -> ExactSourcingPolicy
// with time_limit_ms, "greedy" -> FewestSplitsPolicy, "nearest_first_line"
// -> NearestFirstLinePolicy. Throws inputs::InputError("invalid_parameter").
std::unique_ptr<SourcingPolicy> make_sourcing_policy(
    const std::string& method, int64_t time_limit_ms = kDefaultSourcingTimeLimitMs);

// Throws inputs::InputError unless the request is valid (see "Refusals").
void validate_sourcing_request(const SourcingRequest& request);

// The figures of any plan on the cost model. The request must be valid.
// Throws inputs::InputError("invalid_plan") if an assignment names a line or
// warehouse the request does not have.
SourcingFigures evaluate_sourcing_plan(const SourcingRequest& request, const SourcingPlan& plan);

// Empty when the plan is consistent with the (valid) request, else what is
// wrong: every assignment names a line and warehouse of the request with a
// positive quantity, at most once per (line, warehouse); no warehouse gives
// more of a line than it has; no line gets more than its quantity;
// backordered has one entry per line equal to quantity - assigned; and
// shipments, warehouses_used, cost and backordered_units equal
// evaluate_sourcing_plan (cost to 1e-9 relative).
std::string validate_sourcing_plan(const SourcingRequest& request, const SourcingPlan& plan);

// The shipment cost of a candidate under the cost model.
double effective_shipment_cost(const SourcingCandidate& candidate);

// Great-circle distance in kilometres.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace wareflow::optimize
