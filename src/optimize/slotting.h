// Slotting: which pick location (slot) each SKU should live in, so that the
// pickers' expected travel is short, and a re-slotting plan: the few stock
// moves from today's slotting towards that target that save the most travel
// per move. Pure: plain structs in, a slotting out; no store, clock, threads
// or I/O. Deterministic: every ordering below ends with a tie-break on ids,
// never on input order, so the same request always gives the same answer.
//
// Geometry is the router's (routing.h): a slot sits at a PickLocation of the
// request's WarehouseLayout. A slot's travel cost is one round trip depot ->
// slot -> depot, round_trip_mm = 2 * depot_distance_mm(layout, location).
// Several slots may share one location (both sides of the aisle, several
// levels); they cost the same.
//
// Model. Over one period (a day, a week: the caller chooses, the figures
// scale with it) SKU s is picked on picks_s order lines; every pick is one
// round trip to its slot. The expected travel of an assignment is
//   sum over the placed SKUs s of picks_s * round_trip_mm(slot of s).
// One SKU per slot, one slot per SKU. SKU s may take slot t only when
// t.volume_cm3 >= s.unit_volume_cm3 (at least one unit fits) and, when s has
// a zone, t has that same zone; a SKU without a zone may take any slot.
//
// Methods (the target assignment):
//  abc             classes by cumulative share of picks, as classify_abc in
//                  wms/rules.h: SKUs ranked by picks, most first (ties by
//                  id); a SKU is A while the picks of the SKUs ranked before
//                  it are below abc_thresholds_permille[0] / 1000 of all
//                  picks, else B while below [1] / 1000, else C; SKUs without
//                  picks are C. Slots ranked by round trip, nearest first
//                  (ties by id), are split into A, B and C ranges: with at
//                  least as many slots as SKUs, in the proportions of the
//                  class sizes (A gets the ceil(slots * |A| / skus) nearest,
//                  A and B together ceil(slots * (|A| + |B|) / skus));
//                  with fewer slots than SKUs, A gets as many of the nearest
//                  slots as it has SKUs, B the next, C the rest, so the SKUs
//                  left without a slot are the least picked. Then, class by
//                  class, SKUs by picks, most first (ties: see below), each
//                  takes the nearest free slot of its class range that it
//                  fits or, when there is none, the nearest free slot it
//                  fits anywhere.
//  cube_per_order  Heskett's cube-per-order index, COI = cube_cm3 / picks
//                  with cube_cm3 = units * unit_volume_cm3, the space the
//                  SKU's period stock needs. SKUs by COI, lowest first
//                  (compared exactly as fractions; ties by more picks, then
//                  see below; SKUs without picks last); each takes the
//                  nearest free slot it fits.
//  velocity        SKUs by picks, most first (ties: see below); each takes
//                  the nearest free slot it fits. Travel-optimal whenever
//                  every SKU fits every slot (see Optimality), and the best
//                  of the three on skewed demand with capacities (measured in
//                  docs/optimization.md): it ignores space, which the
//                  one-SKU-per-slot model does not charge for.
//  auto            velocity. SlottingResult.method says which ran.
// Ties keep today's slotting where it costs nothing: of two SKUs equal for
// the method, the one whose current slot is nearer goes first (no current
// slot: last), then the smaller id; of the nearest free slots a SKU fits,
// all equally near, it takes its current slot if that is one of them, else
// the smallest id.
//
// Optimality. When every SKU fits every slot, a method is travel-optimal
// exactly when it gives nearer slots to SKUs with more picks (rearrangement
// inequality). velocity always is; cube_per_order is, when all SKUs need the same cube (COI then
// orders by picks alone); abc is, when there are no more slots than SKUs.
// Otherwise COI trades travel for space (a SKU with a large cube is sent
// further out) and abc leaves some near slots of a class empty; capacities
// and zones make both greedy. The re-slotting plan below measures its moves
// in travel, whatever the method.
//
// Travel figures:
//  - current_travel_mm: the request's current assignment, over the SKUs that
//    have a current_slot; a SKU without one is not in the pick area and
//    counts 0. A current slot the SKU does not fit (too small, wrong zone) is
//    taken as it is: it is today's reality, not an error;
//  - target_travel_mm: the target assignment, over the SKUs it places;
//  - planned_travel_mm: the assignment after the plan, over the SKUs with a
//    current slot (the plan never places a SKU that has none, nor removes
//    one from the pick area), so it compares with current_travel_mm.
// When every SKU has a current slot and the target places every SKU, all
// three cover the same SKUs.
//
// Re-slotting plan. Only SKUs that have both a current and a target slot,
// different from each other, move, and every step takes one SKU a from its
// slot X into its target slot Y:
//  relocate  Y is empty: a moves X -> Y. One move.
//  swap      Y holds SKU b and b fits X: a moves X -> Y and b moves Y -> X.
//            Two moves, both listed with the same step number: a's stock is
//            taken onto the re-slotting cart, b's goes from Y into X, the
//            cart's into Y; no third slot is used. b lands in X even when X
//            is not b's target. One of the two moves may save a negative
//            amount; their sum is the step's saving.
// The step's saving is the drop in expected travel. Greedy: while moves are
// left, the step with the largest saving per move (saving for a relocation,
// saving / 2 for a swap; ties: the relocation, then a's id) among those that
// do not raise the travel and fit the moves left is taken; then the
// candidates of the SKUs it touched are recomputed. So a step that saves
// nothing (both slots equally near, or a swap of two SKUs with equal picks)
// is taken only when no step saves anything, because it can make room for
// one that does; such steps at the end of the plan are dropped. A SKU whose
// target slot holds a SKU that does not fit its own slot waits until that
// SKU has moved.
//
// Guarantees:
//  - assignments lists every SKU once, in request order; every target slot
//    is a slot the SKU fits, and no slot is the target of two SKUs;
//  - a SKU is left without a target (listed in unplaced) only when no free
//    slot it fits remained at its turn. So when every SKU fits every slot,
//    exactly min(skus, slots) SKUs are placed, and the unplaced ones are
//    last in the method's order;
//  - the plan has at most max_moves moves; after every step, every slot
//    holds at most one SKU and every SKU the plan has moved sits in a slot it
//    fits; no step raises the expected travel and the last one lowers it
//    (by more than 1e-6 mm per move), so planned_travel_mm <=
//    current_travel_mm; a SKU in its target slot never moves again, so the
//    plan never has more than 2 * (SKUs not yet in their target slot) moves;
//  - the plan reaches the target's travel (planned_travel_mm ==
//    target_travel_mm up to rounding) when max_moves >= 2 * skus, every SKU
//    has a current slot, every SKU fits every slot and the method orders the
//    SKUs by picks alone (cube_per_order when all need the same cube, abc
//    with no more slots than SKUs: the travel-optimal cases of Optimality).
//    Why: the first SKU a, in the method's order, that is not in its target
//    slot Y sits in a slot X that was free at its turn, so Y is at least as
//    near as X, and Y holds nobody or a later SKU, with at most a's picks,
//    that fits X; so a's step never raises the travel, and the plan goes on
//    until every SKU is in its target slot (less the trailing steps that
//    saved nothing). Otherwise the plan stops when no remaining step
//    towards the target saves travel: a target that is not travel-optimal
//    may cost more travel than today's slotting, and then the plan rightly
//    stops short of it (or, through swaps, below it);
//  - work: O((slots + skus) log(slots + skus)) for the target,
//    O((skus + max_moves) log skus) for the plan.
//
// Refusals are inputs::InputError with a stable code() and the offending field():
//  "invalid_layout" (field "layout", the router's checks), "invalid_slot"
//  (empty id, volume_cm3 outside 1..kMaxSlotVolumeCm3, location outside the
//  layout, empty zone: "slots[i].id", ".volume_cm3", ".location", ".zone"),
//  "duplicate_slot_id" ("slots[i].id"), "invalid_sku" (empty id, picks or
//  units outside 0..kMaxSlottingQuantity, unit_volume_cm3 outside
//  1..kMaxSlotVolumeCm3, empty zone: "skus[i].<field>"), "duplicate_sku_id"
//  ("skus[i].id"), "unknown_slot" (current_slot names no slot:
//  "skus[i].current_slot"), "slot_shared" (a second SKU currently in the same
//  slot: "skus[i].current_slot"), "unsupported_method" ("method"),
//  "invalid_parameter" ("max_moves" below 0; "abc_thresholds" outside
//  0 <= [0] <= [1] <= 1000), "too_many_slots" ("slots"), "too_many_skus"
//  ("skus"). More SKUs than usable slots is not a refusal (see unplaced).
//
// JSON contract of `wareflow optimize slot --input FILE.json` (snake_case
// names mirror the structs; optional members may be absent or null):
//   {
//     "layout": {"aisles": 10, "blocks": 1, "cells_per_block": 90,
//                "aisle_pitch_mm": 5000, "cell_pitch_mm": 1000,
//                "depot_aisle": 0},
//     "slots": [{"id": "A01-001", "location": {"aisle": 0, "cell": 0},
//                "volume_cm3": 120000, "zone": "chilled"}],     zone optional
//     "skus": [{"id": "SKU-1", "picks": 120, "units": 300,
//               "unit_volume_cm3": 800, "current_slot": "A01-001",
//               "zone": "chilled"}],           current_slot, zone optional
//     "method": "auto",               optional: "velocity", "abc", "cube_per_order", "auto"
//     "max_moves": 50,                optional, default 0 (no plan)
//     "abc_thresholds": [0.8, 0.95]   optional: fractions of all picks;
//                                     abc_thresholds_from_shares() converts
//   }
// answers
//   {
//     "method": "cube_per_order",
//     "assignments": [{"sku": "SKU-1", "slot": "A01-001" | null,
//                      "current_slot": "B07-013" | null, "abc_class": "A",
//                      "cube_cm3": 240000, "coi_cm3_per_pick": 2000.0 | null,
//                      "travel_mm": 1200000.0}],
//     "unplaced": ["SKU-9"],
//     "current_travel_mm": 2.5e7, "target_travel_mm": 1.8e7,
//     "plan": [{"step": 0, "kind": "swap", "sku": "SKU-1",
//               "from_slot": "B07-013", "to_slot": "A01-001",
//               "saving_mm": 9.6e6}],
//     "planned_travel_mm": 2.0e7
//   }
// and a refusal prints the CLI's problem document {"code", "detail",
// "field"} (exit code 1), as the other optimize commands do.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"
#include "optimize/routing.h"

namespace wareflow::optimize {

// Bounds that keep every product of accepted values inside int64 (the
// cumulative pick shares) or __int128 (the exact COI comparison), and the
// work within a few seconds.
inline constexpr size_t kMaxSlottingSkus = 100'000;
inline constexpr size_t kMaxSlottingSlots = 100'000;
inline constexpr int64_t kMaxSlottingQuantity = 1'000'000'000;  // picks, units per period
inline constexpr int64_t kMaxSlotVolumeCm3 = 1'000'000'000;     // 1,000 m3

struct PickSlot {
  std::string id;
  PickLocation location;
  int64_t volume_cm3 = 0;           // what the slot holds; > 0
  std::optional<std::string> zone;  // nullopt: no zone
};

struct SlottingSku {
  std::string id;
  int64_t picks = 0;                        // order lines per period
  int64_t units = 0;                        // units per period
  int64_t unit_volume_cm3 = 0;              // one unit; > 0
  std::optional<std::string> current_slot;  // nullopt: not slotted today
  std::optional<std::string> zone;          // nullopt: any slot
};

struct SlottingRequest {
  WarehouseLayout layout;
  std::vector<PickSlot> slots;
  std::vector<SlottingSku> skus;
  std::string method = "auto";  // "velocity", "abc", "cube_per_order", "auto"
  int64_t max_moves = 0;        // re-slotting plan length, moves; 0: no plan
  // A / B share of all picks, in permille (see abc above).
  std::array<int64_t, 2> abc_thresholds_permille = {800, 950};
};

struct SkuSlotting {
  std::string sku;
  std::optional<std::string> slot;          // target; nullopt: unplaced
  std::optional<std::string> current_slot;  // as in the request
  std::string abc_class;                    // "A", "B" or "C", whatever the method
  int64_t cube_cm3 = 0;                     // units * unit_volume_cm3
  // cube_cm3 / picks, for display (orderings compare the exact fraction);
  // nullopt when picks == 0.
  std::optional<double> coi_cm3_per_pick;
  double travel_mm = 0;  // picks * round trip of the target slot; 0 if unplaced
};

struct ReslotMove {
  int64_t step = 0;  // 0, 1, ...; the two moves of a swap share one
  std::string kind;  // "relocate" or "swap"
  std::string sku;
  std::string from_slot;
  std::string to_slot;
  double saving_mm = 0;  // this SKU's drop in expected travel per period
};

struct SlottingResult {
  std::vector<SkuSlotting> assignments;  // one per SKU, in request order
  std::vector<std::string> unplaced;     // SKUs without a target slot, request order
  double current_travel_mm = 0;
  double target_travel_mm = 0;
  std::vector<ReslotMove> plan;  // in execution order
  double planned_travel_mm = 0;  // after the whole plan
  std::string method;            // the method that ran; never "auto"
};

// Slots the request's SKUs with request.method and plans the re-slotting.
// Throws inputs::InputError on bad input.
SlottingResult plan_slotting(const SlottingRequest& request);

// Throws inputs::InputError unless the request is valid (what plan_slotting checks).
void validate_slotting_request(const SlottingRequest& request);

// 2 * depot_distance_mm: one pick's walk to the location and back.
double slot_round_trip_mm(const WarehouseLayout& layout, const PickLocation& location);

// Whether the SKU may take the slot: capacity for one unit, and its zone.
bool sku_fits_slot(const SlottingSku& sku, const PickSlot& slot);

// The JSON "abc_thresholds" fractions [a, b] in permille, rounded to the
// nearest. Throws inputs::InputError("invalid_parameter", "abc_thresholds", ...)
// unless both are finite and 0 <= a <= b <= 1.
std::array<int64_t, 2> abc_thresholds_from_shares(double a_share, double b_share);

}  // namespace wareflow::optimize
