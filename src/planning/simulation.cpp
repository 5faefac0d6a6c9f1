#include "planning/simulation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <utility>

#include "numeric/splitmix64.h"

namespace wareflow::planning {

namespace {

constexpr int kPick = 0;
constexpr int kPack = 1;
constexpr int kShip = 2;
constexpr int kStages = 3;
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
constexpr const char* kStageNames[kStages] = {"pick", "pack", "ship"};

[[noreturn]] void fail(const std::string& code, const std::string& field,
                       const std::string& detail) {
  throw inputs::InputError(code, field, field + ": " + detail);
}

bool time_ok(int64_t t) { return t >= -kMaxAbsTimeMs && t <= kMaxAbsTimeMs; }

// --- Validation --------------------------------------------------------------

void check_task_time(const TaskTime& t, const std::string& name) {
  const std::pair<int64_t, const char*> parts[] = {{t.per_order_ms, ".per_order_ms"},
                                                   {t.per_line_ms, ".per_line_ms"},
                                                   {t.per_unit_ms, ".per_unit_ms"}};
  for (const auto& [v, f] : parts) {
    if (v < 0 || v > kMaxTaskComponentMs) {
      fail("invalid_task_time", name + f, "must be in 0..86400000");
    }
  }
  if (!std::isfinite(t.cv) || t.cv < 0 || t.cv > kMaxCv) {
    fail("invalid_task_time", name + ".cv", "must be finite and in 0..10");
  }
}

void check_shifts(const std::vector<Shift>& shifts, const std::string& name) {
  int64_t total = 0;
  for (size_t i = 0; i < shifts.size(); ++i) {
    const Shift& s = shifts[i];
    const std::string f = name + "[" + std::to_string(i) + "]";
    if (s.count < 0 || s.count > kMaxShiftWorkers) {
      fail("invalid_shift", f + ".count", "must be in 0..10000");
    }
    if (!time_ok(s.from_ms)) fail("invalid_shift", f + ".from_ms", "out of range");
    if (!time_ok(s.to_ms)) fail("invalid_shift", f + ".to_ms", "out of range");
    if (s.to_ms <= s.from_ms) fail("invalid_shift", f + ".to_ms", "must be after from_ms");
    total += s.count;
    if (total > kMaxRoleWorkers) fail("invalid_shift", f + ".count", "too many people in the role");
  }
}

int entry_stage(const std::string& stage) {
  if (stage == "allocated" || stage == "released" || stage == "picking") return kPick;
  if (stage == "picked") return kPack;
  if (stage == "packed") return kShip;
  return -1;
}

void validate(const SimulationRequest& r) {
  if (!time_ok(r.start_ms)) fail("invalid_parameter", "start_ms", "out of range");
  if (r.orders.size() > kMaxSimulationOrders) {
    fail("too_many_orders", "orders", "at most 200000 orders");
  }
  for (size_t i = 0; i < r.orders.size(); ++i) {
    const SimOrder& o = r.orders[i];
    const std::string f = "orders[" + std::to_string(i) + "]";
    if (!time_ok(o.released_at_ms)) fail("invalid_order", f + ".released_at_ms", "out of range");
    if (o.ship_by_ms && !time_ok(*o.ship_by_ms)) {
      fail("invalid_order", f + ".ship_by_ms", "out of range");
    }
    if (entry_stage(o.stage) < 0) {
      fail("invalid_order", f + ".stage",
           "must be allocated, released, picking, picked or packed, not '" + o.stage + "'");
    }
    if (o.lines < 1 || o.lines > kMaxLines)
      fail("invalid_order", f + ".lines", "must be in 1..100000");
    if (o.units < 1 || o.units > kMaxUnits) {
      fail("invalid_order", f + ".units", "must be in 1..10000000");
    }
    if (o.units_picked < 0 || o.units_picked > o.units ||
        (o.units_picked > 0 && o.stage != "picking")) {
      fail("invalid_order", f + ".units_picked", "must be in 0..units, and 0 unless picking");
    }
  }
  std::vector<std::pair<int64_t, size_t>> ids;
  ids.reserve(r.orders.size());
  for (size_t i = 0; i < r.orders.size(); ++i) ids.emplace_back(r.orders[i].id, i);
  std::sort(ids.begin(), ids.end());
  for (size_t i = 1; i < ids.size(); ++i) {
    if (ids[i].first == ids[i - 1].first) {
      fail("duplicate_order_id",
           "orders[" + std::to_string(std::max(ids[i].second, ids[i - 1].second)) + "].id",
           "id " + std::to_string(ids[i].first) + " appears twice");
    }
  }
  check_shifts(r.pickers, "pickers");
  check_shifts(r.packers, "packers");
  check_shifts(r.loaders, "loaders");
  check_task_time(r.pick, "pick");
  check_task_time(r.pack, "pack");
  check_task_time(r.ship, "ship");
  if (!std::isfinite(r.replenish_share) || r.replenish_share < 0 || r.replenish_share > 10) {
    fail("invalid_parameter", "replenish_share", "must be finite and in 0..10");
  }
  for (size_t i = 0; i < r.carrier_pickups_ms.size(); ++i) {
    if (!time_ok(r.carrier_pickups_ms[i])) {
      fail("invalid_parameter", "carrier_pickups_ms[" + std::to_string(i) + "]", "out of range");
    }
  }
  if (r.sample_interval_ms <= 0) fail("invalid_parameter", "sample_interval_ms", "must be > 0");
  if (r.what_if.size() > kMaxScenarios)
    fail("invalid_parameter", "what_if", "at most 16 scenarios");
  for (size_t i = 0; i < r.what_if.size(); ++i) {
    const WhatIf& w = r.what_if[i];
    const std::string f = "what_if[" + std::to_string(i) + "]";
    const std::pair<int64_t, const std::vector<Shift>*> roles[] = {{w.extra_pickers, &r.pickers},
                                                                   {w.extra_packers, &r.packers},
                                                                   {w.extra_loaders, &r.loaders}};
    const char* names[] = {".extra_pickers", ".extra_packers", ".extra_loaders"};
    for (int k = 0; k < kStages; ++k) {
      const auto& [extra, shifts] = roles[k];
      if (extra < -kMaxShiftWorkers || extra > kMaxShiftWorkers) {
        fail("invalid_parameter", f + names[k], "must be in -10000..10000");
      }
      int64_t total = 0;
      for (const Shift& s : *shifts) {
        if (s.count + extra < 0 || s.count + extra > kMaxShiftWorkers) {
          fail("invalid_parameter", f + names[k], "leaves a shift with a count out of 0..10000");
        }
        total += s.count + extra;
      }
      if (total > kMaxRoleWorkers)
        fail("invalid_parameter", f + names[k], "too many people in the role");
    }
  }
}

// --- Task times ----------------------------------------------------------------

// (0, 1), never 0 or 1: the top 53 bits, centred in their cell.
double unit_open(uint64_t x) {
  return (static_cast<double>(x >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double mean_ms(const TaskTime& t, const SimOrder& o) {
  return static_cast<double>(t.per_order_ms) +
         static_cast<double>(t.per_line_ms) * static_cast<double>(o.lines) +
         static_cast<double>(t.per_unit_ms) * static_cast<double>(o.units);
}

// Lognormal with this mean and cv from one standard normal z.
int64_t task_ms(double mean, double cv, double z) {
  double d = mean;
  if (cv > 0 && mean > 0) {
    const double s2 = std::log1p(cv * cv);
    d = std::exp(std::log(mean) - 0.5 * s2 + std::sqrt(s2) * z);
  }
  if (!(d < static_cast<double>(kMaxTaskMs))) return kMaxTaskMs;
  return std::llround(d);
}

// dur[stage][order] for every order and stage, from each order's own stream.
std::array<std::vector<int64_t>, kStages> draw_durations(const SimulationRequest& r) {
  std::array<std::vector<int64_t>, kStages> dur;
  const size_t n = r.orders.size();
  for (auto& d : dur) d.resize(n);
  const TaskTime* times[kStages] = {&r.pick, &r.pack, &r.ship};
  const bool random = r.pick.cv > 0 || r.pack.cv > 0 || r.ship.cv > 0;
  constexpr double kTwoPi = 6.283185307179586;
  for (size_t i = 0; i < n; ++i) {
    const SimOrder& o = r.orders[i];
    // Seeding is the cost of a per-order stream (about 1 us an order); only
    // random runs pay it.
    std::mt19937_64 rng(
        random ? numeric::splitmix64(r.seed ^ numeric::splitmix64(static_cast<uint64_t>(o.id)))
               : 0);
    for (int s = 0; s < kStages; ++s) {
      double z = 0;
      if (random) {  // every stage takes two words, so streams stay aligned
        const double u1 = unit_open(rng());
        const double u2 = unit_open(rng());
        z = std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
      }
      double mean = mean_ms(*times[s], o);
      if (s == kPick) {
        mean *= 1.0 + r.replenish_share;
        if (o.stage == "picking") {
          mean *= static_cast<double>(o.units - o.units_picked) / static_cast<double>(o.units);
        }
      }
      dur[s][i] = task_ms(mean, times[s]->cv, z);
    }
  }
  return dur;
}

// --- The event loop --------------------------------------------------------------

struct Prepared {
  size_t n = 0;
  int64_t start_ms = 0;
  std::vector<int> entry;         // stage each order enters at
  std::vector<int64_t> entry_ms;  // when
  std::vector<int64_t> rank;      // position in dispatch priority
  std::vector<size_t> by_rank;    // order at each rank
  std::vector<char> in_progress;  // "picking"
  std::array<std::vector<int64_t>, kStages> dur;
  std::vector<int64_t> pickups;  // sorted
};

struct Worker {
  int64_t from_ms;  // max(shift from, start)
  int64_t to_ms;
};

struct Run {
  std::array<std::vector<int64_t>, kStages> arrive, start, end;  // end of ship = shipped
  std::array<std::vector<int32_t>, kStages> worker;
  std::vector<int64_t> ready;
  std::array<std::vector<Worker>, kStages> workers;
  int64_t last_ms = 0;
};

struct Event {
  int64_t t;
  uint64_t seq;
  int kind;  // 0 arrival (order), 1 shift start (stage, worker), 2 task end (stage, worker, order)
  int stage;
  int32_t worker;
  uint32_t order;
};

struct EventLater {
  bool operator()(const Event& a, const Event& b) const {
    return a.t != b.t ? a.t > b.t : a.seq > b.seq;
  }
};

Run run(const Prepared& p, const std::array<const std::vector<Shift>*, kStages>& shifts,
        const std::array<int64_t, kStages>& extra) {
  Run r;
  const size_t n = p.n;
  for (int s = 0; s < kStages; ++s) {
    r.arrive[s].assign(n, kNever);
    r.start[s].assign(n, kNever);
    r.end[s].assign(n, kNever);
    r.worker[s].assign(n, -1);
  }
  r.ready.assign(n, kNever);
  r.last_ms = p.start_ms;

  std::priority_queue<Event, std::vector<Event>, EventLater> events;
  uint64_t seq = 0;
  auto push = [&](int64_t t, int kind, int stage, int32_t w, uint32_t o) {
    events.push(Event{t, seq++, kind, stage, w, o});
  };
  for (int s = 0; s < kStages; ++s) {
    for (const Shift& sh : *shifts[s]) {
      const int64_t from = std::max(sh.from_ms, p.start_ms);
      for (int64_t k = 0; k < sh.count + extra[s]; ++k) {
        r.workers[s].push_back(Worker{from, sh.to_ms});
        if (from < sh.to_ms) push(from, 1, s, static_cast<int32_t>(r.workers[s].size() - 1), 0);
      }
    }
  }
  const bool loaders = !r.workers[kShip].empty();
  for (size_t i = 0; i < n; ++i) push(p.entry_ms[i], 0, p.entry[i], -1, static_cast<uint32_t>(i));

  using MinHeap = std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>>;
  std::array<MinHeap, kStages> queue;  // key: rank, "picking" orders ahead at pick
  std::array<std::priority_queue<int32_t, std::vector<int32_t>, std::greater<>>, kStages> idle;
  const int64_t nn = static_cast<int64_t>(n);

  auto ship_at = [&](int64_t ready) -> int64_t {
    if (p.pickups.empty()) return ready;
    auto it = std::lower_bound(p.pickups.begin(), p.pickups.end(), ready);
    return it == p.pickups.end() ? kNever : *it;
  };
  auto arrive = [&](int s, size_t i, int64_t t) {
    r.arrive[s][i] = t;
    if (s == kShip && !loaders) {
      r.start[s][i] = t;
      r.ready[i] = t + p.dur[kShip][i];
      r.end[s][i] = ship_at(r.ready[i]);
      return;
    }
    queue[s].push(p.rank[i] + (s == kPick && !p.in_progress[i] ? nn : 0));
  };

  while (!events.empty()) {
    const int64_t t = events.top().t;
    r.last_ms = std::max(r.last_ms, t);
    while (!events.empty() && events.top().t == t) {
      const Event e = events.top();
      events.pop();
      if (e.kind == 0) {
        arrive(e.stage, e.order, t);
      } else if (e.kind == 1) {
        idle[e.stage].push(e.worker);
      } else {
        const size_t i = e.order;
        if (e.stage == kShip) {
          r.ready[i] = t;
          r.end[kShip][i] = ship_at(t);
        } else {
          r.end[e.stage][i] = t;
          arrive(e.stage + 1, i, t);
        }
        if (t < r.workers[e.stage][e.worker].to_ms) idle[e.stage].push(e.worker);
      }
    }
    for (int s = 0; s < kStages; ++s) {
      while (!queue[s].empty()) {
        int32_t w = -1;
        while (!idle[s].empty()) {
          const int32_t c = idle[s].top();
          idle[s].pop();
          if (t < r.workers[s][c].to_ms) {
            w = c;
            break;
          }
        }
        if (w < 0) break;
        const size_t i = p.by_rank[static_cast<size_t>(queue[s].top() % nn)];
        queue[s].pop();
        r.start[s][i] = t;
        r.worker[s][i] = w;
        push(t + p.dur[s][i], 2, s, w, static_cast<uint32_t>(i));
      }
    }
  }
  return r;
}

// --- Results ---------------------------------------------------------------------

struct Summary {
  int64_t late = 0;
  int64_t with_cutoff = 0;
  int64_t unshipped = 0;
  std::optional<int64_t> makespan;
  std::array<std::optional<int64_t>, kStages> clear;
  std::array<int64_t, kStages> entered{};
  std::array<int64_t, kStages> unfinished{};
};

Summary summarize(const SimulationRequest& req, const Prepared& p, const Run& r) {
  Summary s;
  int64_t last_ship = p.start_ms;
  for (int st = 0; st < kStages; ++st) s.clear[st] = p.start_ms;
  for (size_t i = 0; i < p.n; ++i) {
    const int64_t shipped = r.end[kShip][i];
    if (shipped == kNever) {
      ++s.unshipped;
    } else {
      last_ship = std::max(last_ship, shipped);
    }
    if (req.orders[i].ship_by_ms) {
      ++s.with_cutoff;
      if (shipped == kNever || shipped > *req.orders[i].ship_by_ms) ++s.late;
    }
    for (int st = p.entry[i]; st < kStages; ++st) {
      if (r.arrive[st][i] == kNever) break;
      ++s.entered[st];
      if (r.end[st][i] == kNever) {
        ++s.unfinished[st];
        s.clear[st].reset();
      } else if (s.clear[st]) {
        s.clear[st] = std::max(*s.clear[st], r.end[st][i]);
      }
    }
    // An order stuck upstream never leaves the later stages either.
    for (int st = p.entry[i]; st < kStages; ++st) {
      if (r.arrive[st][i] == kNever) s.clear[st].reset();
    }
  }
  if (s.unshipped == 0) s.makespan = last_ship - p.start_ms;
  return s;
}

std::optional<int64_t> opt(int64_t t) {
  return t == kNever ? std::nullopt : std::optional<int64_t>(t);
}

double utilisation(const Run& r, int s) {
  std::vector<int64_t> busy(r.workers[s].size(), 0);
  for (size_t i = 0; i < r.start[s].size(); ++i) {
    const int32_t w = r.worker[s][i];
    if (w < 0) continue;
    const Worker& k = r.workers[s][static_cast<size_t>(w)];
    const int64_t end = s == kShip ? r.ready[i] : r.end[s][i];
    const int64_t a = std::max(r.start[s][i], k.from_ms), b = std::min(end, k.to_ms);
    if (b > a) busy[static_cast<size_t>(w)] += b - a;
  }
  double on = 0, used = 0;
  for (size_t w = 0; w < busy.size(); ++w) {
    const Worker& k = r.workers[s][w];
    if (k.to_ms > k.from_ms) on += static_cast<double>(k.to_ms - k.from_ms);
    used += static_cast<double>(busy[w]);
  }
  return on > 0 ? std::min(1.0, used / on) : 0.0;
}

std::vector<BacklogSample> backlog(const Run& r, int s, int64_t start, int64_t last,
                                   int64_t interval) {
  std::vector<int64_t> arr, beg, end;
  for (size_t i = 0; i < r.arrive[s].size(); ++i) {
    if (r.arrive[s][i] != kNever) arr.push_back(r.arrive[s][i]);
    if (r.start[s][i] != kNever) beg.push_back(r.start[s][i]);
    if (r.end[s][i] != kNever) end.push_back(r.end[s][i]);
  }
  std::sort(arr.begin(), arr.end());
  std::sort(beg.begin(), beg.end());
  std::sort(end.begin(), end.end());
  const int64_t span = last - start;
  if (span / interval + 2 > static_cast<int64_t>(kMaxSamples)) {
    const int64_t slots = static_cast<int64_t>(kMaxSamples) - 2;
    interval = span / slots + (span % slots != 0 ? 1 : 0);
  }
  std::vector<BacklogSample> out;
  size_t ia = 0, ib = 0, ie = 0;
  for (int64_t k = 0;; ++k) {
    const int64_t at = start + k * interval;
    while (ia < arr.size() && arr[ia] <= at) ++ia;
    while (ib < beg.size() && beg[ib] <= at) ++ib;
    while (ie < end.size() && end[ie] <= at) ++ie;
    out.push_back(BacklogSample{at, static_cast<int64_t>(ia) - static_cast<int64_t>(ib),
                                static_cast<int64_t>(ib) - static_cast<int64_t>(ie)});
    if (at >= last) break;
  }
  return out;
}

}  // namespace

SimulationResult simulate(const SimulationRequest& req) {
  validate(req);
  Prepared p;
  p.n = req.orders.size();
  p.start_ms = req.start_ms;
  p.entry.resize(p.n);
  p.entry_ms.resize(p.n);
  p.in_progress.resize(p.n);
  for (size_t i = 0; i < p.n; ++i) {
    const SimOrder& o = req.orders[i];
    p.entry[i] = entry_stage(o.stage);
    p.entry_ms[i] = std::max(req.start_ms, o.released_at_ms);
    p.in_progress[i] = o.stage == "picking" ? 1 : 0;
  }
  p.by_rank.resize(p.n);
  for (size_t i = 0; i < p.n; ++i) p.by_rank[i] = i;
  std::sort(p.by_rank.begin(), p.by_rank.end(), [&](size_t a, size_t b) {
    const SimOrder& x = req.orders[a];
    const SimOrder& y = req.orders[b];
    const int64_t dx = x.ship_by_ms.value_or(kNever), dy = y.ship_by_ms.value_or(kNever);
    if (dx != dy) return dx < dy;
    if (x.released_at_ms != y.released_at_ms) return x.released_at_ms < y.released_at_ms;
    return x.id < y.id;
  });
  p.rank.resize(p.n);
  for (size_t k = 0; k < p.n; ++k) p.rank[p.by_rank[k]] = static_cast<int64_t>(k);
  p.dur = draw_durations(req);
  p.pickups = req.carrier_pickups_ms;
  std::sort(p.pickups.begin(), p.pickups.end());

  const std::array<const std::vector<Shift>*, kStages> shifts = {&req.pickers, &req.packers,
                                                                 &req.loaders};
  const Run base = run(p, shifts, {0, 0, 0});
  const Summary sum = summarize(req, p, base);

  SimulationResult out;
  out.orders.resize(p.n);
  for (size_t i = 0; i < p.n; ++i) {
    OrderOutcome& o = out.orders[i];
    const SimOrder& in = req.orders[i];
    o.id = in.id;
    o.pick_start_ms = opt(base.start[kPick][i]);
    o.pick_end_ms = opt(base.end[kPick][i]);
    o.pack_start_ms = opt(base.start[kPack][i]);
    o.pack_end_ms = opt(base.end[kPack][i]);
    o.ready_ms = opt(base.ready[i]);
    o.shipped_at_ms = opt(base.end[kShip][i]);
    o.picker = base.worker[kPick][i];
    o.packer = base.worker[kPack][i];
    o.loader = base.worker[kShip][i];
    if (in.ship_by_ms) {
      o.late = !o.shipped_at_ms || *o.shipped_at_ms > *in.ship_by_ms;
      if (o.shipped_at_ms) o.lateness_ms = *o.shipped_at_ms - *in.ship_by_ms;
    }
  }
  int64_t last = base.last_ms;
  for (size_t i = 0; i < p.n; ++i) {
    if (base.end[kShip][i] != kNever) last = std::max(last, base.end[kShip][i]);
    if (base.ready[i] != kNever) last = std::max(last, base.ready[i]);
  }
  for (int s = 0; s < kStages; ++s) {
    StageOutcome st;
    st.stage = kStageNames[s];
    st.orders = sum.entered[s];
    st.unfinished = sum.unfinished[s];
    st.clear_ms = sum.clear[s];
    st.utilisation = utilisation(base, s);
    st.backlog = backlog(base, s, req.start_ms, last, req.sample_interval_ms);
    out.stages.push_back(std::move(st));
  }
  out.late_orders = sum.late;
  out.orders_with_cutoff = sum.with_cutoff;
  out.on_time_rate = sum.with_cutoff == 0 ? 1.0
                                          : static_cast<double>(sum.with_cutoff - sum.late) /
                                                static_cast<double>(sum.with_cutoff);
  out.unshipped_orders = sum.unshipped;
  out.makespan_ms = sum.makespan;

  std::vector<WhatIf> scenarios;
  if (req.what_if_one_more) {
    scenarios.push_back(WhatIf{"+1 picker", 1, 0, 0});
    scenarios.push_back(WhatIf{"+1 packer", 0, 1, 0});
    if (!req.loaders.empty()) scenarios.push_back(WhatIf{"+1 loader", 0, 0, 1});
  }
  scenarios.insert(scenarios.end(), req.what_if.begin(), req.what_if.end());
  for (const WhatIf& w : scenarios) {
    const Run r = run(p, shifts, {w.extra_pickers, w.extra_packers, w.extra_loaders});
    const Summary s = summarize(req, p, r);
    ScenarioOutcome sc;
    sc.name = w.name;
    sc.extra_pickers = w.extra_pickers;
    sc.extra_packers = w.extra_packers;
    sc.extra_loaders = w.extra_loaders;
    sc.late_orders = s.late;
    sc.unshipped_orders = s.unshipped;
    sc.pick_clear_ms = s.clear[kPick];
    sc.pack_clear_ms = s.clear[kPack];
    sc.ship_clear_ms = s.clear[kShip];
    sc.makespan_ms = s.makespan;
    out.what_if.push_back(std::move(sc));
  }
  return out;
}

}  // namespace wareflow::planning
