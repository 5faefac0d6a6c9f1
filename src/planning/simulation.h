// Bottleneck simulation: a deterministic discrete-event simulation of the
// coming hours of a warehouse. Open orders with their ship-by cut-offs, the
// workers on shift per role and task times measured from history in; per
// order the predicted pick, pack and ship times, per stage the backlog over
// time, when it clears and how busy its workers are, and "what if" one more
// picker or packer were on shift. Pure: plain structs in and out; no store,
// clock, threads or I/O; depends on nothing but the C++ standard library.
//
// Time. Every time is an int64_t count of milliseconds on one axis the caller
// chooses (Unix epoch or relative to anything), every duration is in ms.
// Times lie within +/- kMaxAbsTimeMs.
//
// Model. Three stages in sequence: pick -> pack -> ship. Each order enters at
// the stage its `stage` names ("allocated", "released": pick; "picking": pick,
// with units_picked units done; "picked": pack; "packed": ship) at
// max(start_ms, released_at_ms); a later released_at_ms is how a wave that is
// not yet released enters. Pick is done by pickers, pack by packers, ship by
// loaders when the request has loader shifts (otherwise shipping is a delay
// of the ship task time, with no one to wait for). An order leaves the ship
// stage at the first carrier pickup at or after its loading ends (no pickup
// left: it does not ship); without carrier pickups it ships when loading ends.
//  - Task times. A stage's mean time for an order is
//      per_order_ms + per_line_ms * lines + per_unit_ms * units
//    (pick: times (1 + replenish_share), replenishment being modelled as a
//    share of pick time, not as tasks of its own; a "picking" order: times
//    the share of its units not yet picked). With cv > 0 the time is drawn
//    from a lognormal distribution of that mean and coefficient of variation,
//    then rounded to whole ms; with cv = 0 it is the mean, rounded.
//  - Workers. Each shift {count, from_ms, to_ms} is count people. A person
//    starts a task only while on shift (from_ms <= t < to_ms, and t >=
//    start_ms) and always finishes a task once started, even past to_ms
//    (non-preemptive). Work left when no one of a role is on shift waits for
//    the next shift in the request; after the last shift it stays unfinished
//    (no end time): the simulation never invents shifts.
//  - Dispatch. A free person takes the next order of their stage's queue:
//    at pick, "picking" orders first (their picker resumes them), then
//    earliest ship-by first (no cut-off last), ties by released_at_ms, then
//    id. Pack and ship queues use the same rule. Among free people the one
//    with the lowest worker index starts (people are numbered per role in
//    shift order: shift 0's count people first, then shift 1's, ...). At
//    equal times every arrival and every release of a person happens before
//    any dispatch. Picks are not batched: one order, one pick task.
//  - Randomness. Each order draws its three task times from its own stream:
//    a std::mt19937_64 seeded from (seed, id), mapped to reals and normals
//    by this module's own arithmetic (no std:: distributions). The draws are
//    made once and shared by every scenario (common random numbers): adding a
//    person changes who does what when, never how long an order's tasks take,
//    and adding or removing other orders does not change an order's draws.
//    The same request gives the same result, bit for bit, wherever std::log,
//    std::exp and std::cos round alike (correctly rounded C libraries do).
//
// Results.
//  - Per order (in request order): start and end of pick and pack, the end
//    of loading (ready_ms), shipped_at_ms, the worker index per stage (-1
//    when none), late = it has a cut-off and does not ship by it (shipped
//    after ship_by_ms or not at all), lateness_ms = shipped_at - ship_by when
//    both exist (negative = slack). Times of stages an order starts past are
//    empty; so are the times of stages it never reaches.
//  - Per stage: the backlog sampled every sample_interval_ms from start_ms
//    until the first sample at or after the last time anything happens (the
//    interval widens to keep at most kMaxSamples samples): queued = arrived
//    (arrival at or before the sample) and not started; in_progress =
//    started and not left (at ship: loading, or waiting for the carrier).
//    clear_ms = when the last order passing through the stage leaves it,
//    empty when one never does, start_ms when none passes. utilisation =
//    busy time inside shifts / shift time from start_ms on, in [0, 1] (0
//    without shifts).
//  - Summary: late orders, orders with a cut-off, on-time rate (1 without
//    cut-offs), unshipped orders, makespan (last shipment - start_ms, empty
//    when some order does not ship).
//  - What if: the same simulation with each shift of a role holding extra
//    people (one more picker = one more person on every picker shift), with
//    the same draws. what_if_one_more adds "+1 picker" and "+1 packer" (and
//    "+1 loader" with loader shifts) before the caller's scenarios.
//
// Guarantees: every order appears once in the result, in request order;
// along an order pick start <= pick end <= pack start <= pack end <=
// ready <= shipped; no person does two tasks at once and each task starts
// within its person's shift; utilisation is in [0, 1]; with cv = 0 everywhere
// the seed does not matter. With deterministic times, every order available
// at start_ms and pickers on one shift long enough for all picks, one more
// picker never makes the pick stage clear later (greedy list scheduling of
// independent tasks); with release times, several shifts or random times no
// monotonicity is promised (non-preemptive scheduling has anomalies).
//
// Cost: O((orders + people) log orders) per scenario, plus seeding one
// std::mt19937_64 per order when some cv > 0 (about 1 us an order, most of
// the time). bench/bench_simulation.cpp: a day of 10,000 orders, 20 pickers,
// 10 packers, cv 0.3 takes 30-50 ms of wall time, 45-65 ms with the two
// what-if runs, on a shared 2-core machine.
//
// Bad input throws inputs::InputError; nothing else is thrown except
// std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs/input_error.h"

namespace wareflow::planning {

inline constexpr size_t kMaxSimulationOrders = 200000;
inline constexpr int64_t kMaxAbsTimeMs = 1000000000000000;  // 1e15 ms, about 31,700 years
inline constexpr int64_t kMaxShiftWorkers = 10000;          // people in one shift
inline constexpr int64_t kMaxRoleWorkers = 100000;          // people of one role, all shifts
inline constexpr int64_t kMaxTaskComponentMs = 86400000;    // per_order/per_line/per_unit
inline constexpr int64_t kMaxTaskMs = 1000000000000000;     // a drawn task time is capped here
inline constexpr int64_t kMaxLines = 100000;
inline constexpr int64_t kMaxUnits = 10000000;
inline constexpr double kMaxCv = 10.0;
inline constexpr size_t kMaxSamples = 10000;
inline constexpr size_t kMaxScenarios = 16;

// Refused input: inputs::InputError. code() is one of: invalid_order, duplicate_order_id,
// invalid_shift, invalid_task_time, invalid_parameter, too_many_orders.
// field() names the offending input ("orders[3].lines", "pickers[0].to_ms",
// "pack.cv", "what_if[1].extra_packers", ...).

struct SimOrder {
  int64_t id = 0;
  int64_t released_at_ms = 0;         // may not start before; <= start_ms: now
  std::optional<int64_t> ship_by_ms;  // cut-off; empty: none
  std::string stage = "released";     // allocated, released, picking, picked, packed
  int64_t lines = 1;                  // 1..kMaxLines
  int64_t units = 1;                  // 1..kMaxUnits
  int64_t units_picked = 0;           // "picking" only: 0..units, done already
};

struct Shift {
  int64_t count = 0;  // people, 0..kMaxShiftWorkers
  int64_t from_ms = 0;
  int64_t to_ms = 0;  // > from_ms
};

struct TaskTime {
  int64_t per_order_ms = 0;  // each 0..kMaxTaskComponentMs
  int64_t per_line_ms = 0;
  int64_t per_unit_ms = 0;
  double cv = 0;  // coefficient of variation, 0..kMaxCv; 0: deterministic
};

struct WhatIf {
  std::string name;
  int64_t extra_pickers = 0;  // added to every shift of the role; a shift
  int64_t extra_packers = 0;  // may not fall below 0 people
  int64_t extra_loaders = 0;
};

struct SimulationRequest {
  int64_t start_ms = 0;
  std::vector<SimOrder> orders;
  std::vector<Shift> pickers;
  std::vector<Shift> packers;
  std::vector<Shift> loaders;  // empty: shipping is a delay of the ship time
  TaskTime pick;
  TaskTime pack;
  TaskTime ship;
  double replenish_share = 0;               // 0..10, added to pick time
  std::vector<int64_t> carrier_pickups_ms;  // any order; empty: ship when loaded
  uint64_t seed = 1;
  int64_t sample_interval_ms = 15 * 60 * 1000;  // > 0
  bool what_if_one_more = true;
  std::vector<WhatIf> what_if;  // at most kMaxScenarios
};

struct OrderOutcome {
  int64_t id = 0;
  std::optional<int64_t> pick_start_ms;
  std::optional<int64_t> pick_end_ms;
  std::optional<int64_t> pack_start_ms;
  std::optional<int64_t> pack_end_ms;
  std::optional<int64_t> ready_ms;  // loading done (packed orders: max(start, release) + ship time)
  std::optional<int64_t> shipped_at_ms;
  int64_t picker = -1;  // worker index within the role, -1 when none
  int64_t packer = -1;
  int64_t loader = -1;
  bool late = false;
  std::optional<int64_t> lateness_ms;
};

struct BacklogSample {
  int64_t at_ms = 0;
  int64_t queued = 0;
  int64_t in_progress = 0;
};

struct StageOutcome {
  std::string stage;                // "pick", "pack", "ship"
  int64_t orders = 0;               // orders that entered the stage
  int64_t unfinished = 0;           // of those, orders that never left it
  std::optional<int64_t> clear_ms;  // see header comment
  double utilisation = 0;
  std::vector<BacklogSample> backlog;
};

struct ScenarioOutcome {
  std::string name;
  int64_t extra_pickers = 0;
  int64_t extra_packers = 0;
  int64_t extra_loaders = 0;
  int64_t late_orders = 0;
  int64_t unshipped_orders = 0;
  std::optional<int64_t> pick_clear_ms;
  std::optional<int64_t> pack_clear_ms;
  std::optional<int64_t> ship_clear_ms;
  std::optional<int64_t> makespan_ms;
};

struct SimulationResult {
  std::vector<OrderOutcome> orders;  // request order
  std::vector<StageOutcome> stages;  // pick, pack, ship
  int64_t late_orders = 0;
  int64_t orders_with_cutoff = 0;
  double on_time_rate = 1;
  int64_t unshipped_orders = 0;
  std::optional<int64_t> makespan_ms;
  std::vector<ScenarioOutcome> what_if;  // "+1 picker", "+1 packer", ..., then the caller's
};

// Runs the simulation. Throws inputs::InputError on bad input.
SimulationResult simulate(const SimulationRequest& request);

}  // namespace wareflow::planning
