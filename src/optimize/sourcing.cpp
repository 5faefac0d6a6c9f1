#include "optimize/sourcing.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <utility>

// CBC (COIN-OR), include directory from `pkg-config --cflags cbc`.
#include <CbcModel.hpp>
#include <CglKnapsackCover.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>

namespace wareflow::optimize {

namespace {

[[noreturn]] void refuse(const std::string& code, const std::string& field,
                         const std::string& message) {
  throw inputs::InputError(code, field, message);
}

std::string warehouse_field(size_t w, const std::string& member) {
  return "warehouses[" + std::to_string(w) + "]." + member;
}

int64_t saturating_add(int64_t a, int64_t b) {
  return a > std::numeric_limits<int64_t>::max() - b ? std::numeric_limits<int64_t>::max() : a + b;
}

// Units a set of warehouses can cover, line by line, capped at the order.
// Each warehouse counts at most the line's quantity, which changes nothing
// and keeps the sum far from overflow.
int64_t coverage(const SourcingRequest& r, const std::vector<size_t>& set) {
  int64_t covered = 0;
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    int64_t have = 0;
    for (size_t w : set) have += std::min(r.warehouses[w].available[l], r.quantities[l]);
    covered += std::min(have, r.quantities[l]);
  }
  return covered;
}

// Stock of the order's products at the set: ties go to the fuller warehouse,
// which keeps stock from running out in one place while another sits full.
int64_t total_stock(const SourcingRequest& r, const std::vector<size_t>& set) {
  int64_t stock = 0;
  for (size_t w : set) {
    for (size_t l = 0; l < r.quantities.size(); ++l) {
      stock = saturating_add(stock, r.warehouses[w].available[l]);
    }
  }
  return stock;
}

double total_distance(const SourcingRequest& r, const std::vector<size_t>& set) {
  double d = 0;
  for (size_t w : set) d += r.warehouses[w].distance;
  return d;
}

// a better than b: nearer in total, then more stock, then lower ids (stable).
bool better(const SourcingRequest& r, const std::vector<size_t>& a, const std::vector<size_t>& b) {
  double da = total_distance(r, a), db = total_distance(r, b);
  if (std::abs(da - db) > 1e-9) return da < db;
  int64_t sa = total_stock(r, a), sb = total_stock(r, b);
  if (sa != sb) return sa > sb;
  return a < b;
}

// Fills each line from the warehouses in the given order, each giving what it
// has, until the line is covered. Assignments come line by line.
SourcingPlan fill_in_order(const SourcingRequest& r, const std::vector<size_t>& order,
                           std::string method) {
  SourcingPlan plan;
  plan.method = std::move(method);
  plan.backordered = r.quantities;
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    for (size_t w : order) {
      int64_t take = std::min(plan.backordered[l], r.warehouses[w].available[l]);
      if (take <= 0) continue;
      plan.assignments.push_back({l, r.warehouses[w].warehouse_id, take});
      plan.backordered[l] -= take;
    }
  }
  return plan;
}

// Sets the figures of a finished plan from evaluate_sourcing_plan.
SourcingPlan with_figures(const SourcingRequest& r, SourcingPlan plan, bool optimal) {
  SourcingFigures f = evaluate_sourcing_plan(r, plan);
  plan.shipments = f.shipments;
  plan.warehouses_used = f.shipments;
  plan.cost = f.cost;
  plan.backordered_units = f.backordered_units;
  plan.optimal = optimal;
  return plan;
}

// Fills each line from the chosen warehouses, nearest first.
SourcingPlan assign(const SourcingRequest& r, std::vector<size_t> set, std::string method) {
  std::sort(set.begin(), set.end(), [&](size_t a, size_t b) {
    if (r.warehouses[a].distance != r.warehouses[b].distance) {
      return r.warehouses[a].distance < r.warehouses[b].distance;
    }
    return a < b;
  });
  return with_figures(r, fill_in_order(r, set, std::move(method)), false);
}

// Calls visit(subset) for every k-subset of {0..n-1} in lexicographic order.
template <class Visit>
void for_each_subset(size_t n, size_t k, Visit visit) {
  std::vector<size_t> idx(k);
  std::iota(idx.begin(), idx.end(), 0);
  for (;;) {
    visit(idx);
    size_t i = k;
    while (i > 0 && idx[i - 1] == n - k + i - 1) --i;
    if (i == 0) return;
    ++idx[i - 1];
    for (size_t j = i; j < k; ++j) idx[j] = idx[j - 1] + 1;
  }
}

constexpr size_t kExactLimit = 12;

// Knapsack cover cuts only when no line has more units coverable than this.
constexpr int64_t kKnapsackCutMaxUnits = 100;

// Lexicographic comparison of figures: backordered, shipments, cost.
// Costs closer than this (relative) are equal.
constexpr double kCostTolerance = 1e-9;

bool cost_less(double a, double b) {
  return a < b - kCostTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

// -1 when a is better, 1 when b is, 0 when they tie.
int compare_plans(const SourcingPlan& a, const SourcingPlan& b) {
  if (a.backordered_units != b.backordered_units) {
    return a.backordered_units < b.backordered_units ? -1 : 1;
  }
  if (a.shipments != b.shipments) return a.shipments < b.shipments ? -1 : 1;
  if (cost_less(a.cost, b.cost)) return -1;
  if (cost_less(b.cost, a.cost)) return 1;
  return 0;
}

// ---------------------------------------------------------------------------
// ExactSourcingPolicy

using Clock = std::chrono::steady_clock;

// The request reduced to what the MIP sees.
struct Problem {
  const SourcingRequest* r = nullptr;
  std::vector<int64_t> coverable;  // c_l per line of the request
  std::vector<size_t> lines;       // lines with c_l > 0
  std::vector<size_t> warehouses;  // request indices holding any of them
  std::vector<double> shipment;    // effective shipment cost per request warehouse
  bool priced = false;             // some candidate has a cost: stage two has work
  int64_t units(size_t w, size_t l) const {
    return std::min(r->warehouses[w].available[l], r->quantities[l]);
  }
};

Problem reduce(const SourcingRequest& r) {
  Problem p;
  p.r = &r;
  const size_t n = r.quantities.size();
  p.coverable.assign(n, 0);
  for (size_t l = 0; l < n; ++l) {
    int64_t have = 0;
    for (size_t w = 0; w < r.warehouses.size(); ++w) {
      have = std::min(r.quantities[l], have + p.units(w, l));
    }
    p.coverable[l] = have;
    if (have > 0) p.lines.push_back(l);
  }
  for (size_t w = 0; w < r.warehouses.size(); ++w) {
    p.shipment.push_back(effective_shipment_cost(r.warehouses[w]));
    for (size_t l : p.lines) {
      if (p.units(w, l) > 0) {
        p.warehouses.push_back(w);
        p.priced = p.priced || p.shipment[w] > 0 || r.warehouses[w].unit_cost > 0;
        break;
      }
    }
  }
  return p;
}

// The cheapest allocation for a fixed set of warehouses: each line from the
// lowest unit cost first, then the nearest, then request order.
SourcingPlan fill_cheapest(const SourcingRequest& r, std::vector<size_t> set, std::string method) {
  std::sort(set.begin(), set.end(), [&](size_t a, size_t b) {
    const auto &wa = r.warehouses[a], &wb = r.warehouses[b];
    if (wa.unit_cost != wb.unit_cost) return wa.unit_cost < wb.unit_cost;
    if (wa.distance != wb.distance) return wa.distance < wb.distance;
    return a < b;
  });
  return fill_in_order(r, set, std::move(method));
}

// Whether warehouse w alone covers everything coverable.
bool covers_alone(const Problem& p, size_t w) {
  for (size_t l : p.lines) {
    if (p.units(w, l) < p.coverable[l]) return false;
  }
  return true;
}

// The MIPs of the header. Columns: y_w for each candidate warehouse, then,
// in stage two when some candidate has a unit cost, x_wl for each
// (candidate, line) pair with stock. Rows: the covering rows
// sum_w u_wl y_w >= c_l; in stage two also sum_w y_w <= k and, with x,
// sum_w x_wl = 1 and x_wl - (u_wl / c_l) y_w <= 0.
class SourcingMip {
 public:
  enum class Stage { kFewestShipments, kLowestCost };

  SourcingMip(const Problem& p, Stage stage, size_t k) : p_(p) {
    const size_t nw = p.warehouses.size();
    knapsack_cuts_ =
        *std::max_element(p.coverable.begin(), p.coverable.end()) <= kKnapsackCutMaxUnits;
    bool unit_costs = false;
    for (size_t w : p.warehouses) unit_costs = unit_costs || p.r->warehouses[w].unit_cost > 0;
    if (stage == Stage::kLowestCost && unit_costs) {
      for (size_t i = 0; i < nw; ++i) {
        for (size_t l : p.lines) {
          if (p.units(p.warehouses[i], l) > 0) x_.push_back({i, l});
        }
      }
    }
    const size_t columns = nw + x_.size();
    std::vector<double> col_lb(columns, 0.0), col_ub(columns, 1.0), objective(columns, 0.0);
    CoinPackedMatrix matrix(false, 0, 0);  // row ordered
    matrix.setDimensions(0, static_cast<int>(columns));
    std::vector<double> row_lb, row_ub;
    auto add_row = [&](const CoinPackedVector& row, double lb, double ub) {
      matrix.appendRow(row);
      row_lb.push_back(lb);
      row_ub.push_back(ub);
    };
    for (size_t l : p.lines) {
      CoinPackedVector row;
      for (size_t i = 0; i < nw; ++i) {
        const int64_t u = p.units(p.warehouses[i], l);
        if (u > 0) row.insert(static_cast<int>(i), static_cast<double>(u));
      }
      add_row(row, static_cast<double>(p.coverable[l]), COIN_DBL_MAX);
    }
    if (stage == Stage::kFewestShipments) {
      std::fill(objective.begin(), objective.begin() + static_cast<long>(nw), 1.0);
    } else {
      CoinPackedVector most;
      for (size_t i = 0; i < nw; ++i) most.insert(static_cast<int>(i), 1.0);
      add_row(most, -COIN_DBL_MAX, static_cast<double>(k));
      std::vector<CoinPackedVector> cover(p.r->quantities.size());
      for (size_t j = 0; j < x_.size(); ++j) {
        cover[x_[j].line].insert(static_cast<int>(nw + j), 1.0);
      }
      for (size_t l : p.lines) {
        if (!x_.empty()) add_row(cover[l], 1.0, 1.0);
      }
      for (size_t j = 0; j < x_.size(); ++j) {
        const size_t w = p.warehouses[x_[j].warehouse];
        const double share = static_cast<double>(p.units(w, x_[j].line)) /
                             static_cast<double>(p.coverable[x_[j].line]);
        col_ub[nw + j] = share;
        CoinPackedVector row;
        row.insert(static_cast<int>(nw + j), 1.0);
        row.insert(static_cast<int>(x_[j].warehouse), -share);
        add_row(row, -COIN_DBL_MAX, 0.0);
      }
      for (size_t i = 0; i < nw; ++i) objective[i] = p.shipment[p.warehouses[i]];
      for (size_t j = 0; j < x_.size(); ++j) {
        objective[nw + j] = p.r->warehouses[p.warehouses[x_[j].warehouse]].unit_cost *
                            static_cast<double>(p.coverable[x_[j].line]);
      }
      const double largest = *std::max_element(objective.begin(), objective.end());
      if (largest > 0) {
        for (double& c : objective) c *= 1000.0 / largest;
      }
    }
    solver_.messageHandler()->setLogLevel(0);
    solver_.setHintParam(OsiDoReducePrint, true, OsiHintTry);
    // Any hint but the print one keeps Clp's initial solve off the path that
    // installs (and later restores) a process-wide SIGINT handler, which
    // several threads would interleave.
    solver_.setHintParam(OsiDoDualInInitial, true, OsiHintTry);
    solver_.loadProblem(matrix, col_lb.data(), col_ub.data(), objective.data(), row_lb.data(),
                        row_ub.data());
    for (size_t i = 0; i < nw; ++i) solver_.setInteger(static_cast<int>(i));
  }

  int columns() const { return static_cast<int>(p_.warehouses.size() + x_.size()); }

  // The columns of a plan: y_w = 1 for the warehouses it ships from, x its
  // shares of each line.
  std::vector<double> columns_of(const SourcingPlan& plan) const {
    const size_t nw = p_.warehouses.size();
    std::vector<double> v(static_cast<size_t>(columns()), 0.0);
    std::map<std::pair<int64_t, size_t>, int64_t> units;
    for (const auto& a : plan.assignments) units[{a.warehouse_id, a.line}] += a.quantity;
    for (size_t i = 0; i < nw; ++i) {
      const int64_t id = p_.r->warehouses[p_.warehouses[i]].warehouse_id;
      for (size_t l : p_.lines) {
        if (units.count({id, l})) v[i] = 1.0;
      }
    }
    for (size_t j = 0; j < x_.size(); ++j) {
      const size_t w = p_.warehouses[x_[j].warehouse];
      auto it = units.find({p_.r->warehouses[w].warehouse_id, x_[j].line});
      if (it == units.end()) continue;
      v[nw + j] = static_cast<double>(it->second) / static_cast<double>(p_.coverable[x_[j].line]);
    }
    return v;
  }

  struct Outcome {
    bool found = false;
    bool proven = false;
    std::vector<size_t> set;  // request indices of the warehouses with y = 1
  };

  // Runs CBC from the given incumbent until the deadline at most.
  Outcome solve(const std::vector<double>& start, Clock::time_point deadline) {
    Outcome out;
    if (Clock::now() >= deadline) return out;
    CbcModel model(solver_);
    model.setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    model.setUseElapsedTime(true);
    model.setNumberThreads(0);
    // Knapsack covers close most of the gap of the covering rows; the other
    // generators tried (probing, Gomory, MIR, flow covers) cost more than
    // they saved on these models. On rows whose coefficients span more than
    // two orders of magnitude they were seen to produce invalid cuts.
    CglKnapsackCover knapsack;
    if (knapsack_cuts_) model.addCutGenerator(&knapsack, -1, "knapsack");
    // No strong branching: on these models it cost more than it saved, and
    // CBC reads its clock only between its steps, so short steps keep it
    // close to the time cap.
    model.setNumberStrong(0);
    model.setNumberBeforeTrust(0);
    double value = 0;
    const double* obj = model.solver()->getObjCoefficients();
    for (int c = 0; c < columns(); ++c) value += obj[c] * start[static_cast<size_t>(c)];
    model.setBestSolution(start.data(), columns(), value, true);
    // CBC starts its clock in branchAndBound: it gets what the setup left.
    const double seconds = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (seconds <= 0) return out;
    model.setMaximumSeconds(seconds);
    model.branchAndBound();
    const double* best = model.bestSolution();
    if (best == nullptr) return out;
    out.found = true;
    out.proven = model.isProvenOptimal();
    for (size_t i = 0; i < p_.warehouses.size(); ++i) {
      if (best[i] > 0.5) out.set.push_back(p_.warehouses[i]);
    }
    return out;
  }

 private:
  struct Pair {
    size_t warehouse;  // index into p_.warehouses
    size_t line;       // request line
  };
  const Problem& p_;
  std::vector<Pair> x_;
  OsiClpSolverInterface solver_;
  bool knapsack_cuts_ = false;
};

void check_cost(double value, size_t w, const std::string& member) {
  if (!std::isfinite(value) || value < 0 || value > kMaxSourcingCost) {
    refuse("invalid_request", warehouse_field(w, member),
           warehouse_field(w, member) + " must be a finite number from 0 to 1e12");
  }
}

}  // namespace

// ---------------------------------------------------------------------------

double effective_shipment_cost(const SourcingCandidate& c) {
  return c.shipment_cost == 0 && c.unit_cost == 0 ? c.distance : c.shipment_cost;
}

void validate_sourcing_request(const SourcingRequest& r) {
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    if (r.quantities[l] < 0 || r.quantities[l] > kMaxSourcingQuantity) {
      std::string field = "quantities[" + std::to_string(l) + "]";
      refuse("invalid_quantity", field, field + " must be an integer from 0 to 1000000000");
    }
  }
  std::set<int64_t> ids;
  for (size_t w = 0; w < r.warehouses.size(); ++w) {
    const SourcingCandidate& c = r.warehouses[w];
    if (!ids.insert(c.warehouse_id).second) {
      refuse("duplicate_warehouse", warehouse_field(w, "warehouse_id"),
             "warehouse " + std::to_string(c.warehouse_id) + " is a candidate twice");
    }
    if (c.available.size() != r.quantities.size()) {
      refuse("invalid_availability", warehouse_field(w, "available"),
             warehouse_field(w, "available") + " has " + std::to_string(c.available.size()) +
                 " entries for " + std::to_string(r.quantities.size()) + " lines");
    }
    for (size_t l = 0; l < c.available.size(); ++l) {
      if (c.available[l] < 0) {
        std::string field = warehouse_field(w, "available[" + std::to_string(l) + "]");
        refuse("invalid_availability", field, field + " is negative");
      }
    }
    check_cost(c.distance, w, "distance");
    check_cost(c.shipment_cost, w, "shipment_cost");
    check_cost(c.unit_cost, w, "unit_cost");
  }
}

SourcingFigures evaluate_sourcing_plan(const SourcingRequest& r, const SourcingPlan& plan) {
  std::map<int64_t, size_t> index;
  for (size_t w = 0; w < r.warehouses.size(); ++w) index.emplace(r.warehouses[w].warehouse_id, w);
  std::vector<int64_t> units(r.warehouses.size(), 0), assigned(r.quantities.size(), 0);
  for (size_t i = 0; i < plan.assignments.size(); ++i) {
    const SourcingAssignment& a = plan.assignments[i];
    auto it = index.find(a.warehouse_id);
    if (a.line >= r.quantities.size() || it == index.end()) {
      refuse("invalid_plan", "assignments[" + std::to_string(i) + "]",
             "assignment " + std::to_string(i) + " names a line or warehouse not in the request");
    }
    units[it->second] += a.quantity;
    assigned[a.line] += a.quantity;
  }
  SourcingFigures f;
  for (size_t w = 0; w < r.warehouses.size(); ++w) {
    if (units[w] <= 0) continue;
    ++f.shipments;
    f.units_shipped += units[w];
    f.cost += effective_shipment_cost(r.warehouses[w]) +
              r.warehouses[w].unit_cost * static_cast<double>(units[w]);
  }
  for (size_t l = 0; l < r.quantities.size(); ++l) {
    f.backordered_units += std::max<int64_t>(0, r.quantities[l] - assigned[l]);
  }
  f.split = f.shipments > 1;
  return f;
}

std::string validate_sourcing_plan(const SourcingRequest& r, const SourcingPlan& plan) {
  const size_t lines = r.quantities.size();
  if (plan.backordered.size() != lines) {
    return "backordered has " + std::to_string(plan.backordered.size()) + " entries for " +
           std::to_string(lines) + " lines";
  }
  std::map<int64_t, size_t> index;
  for (size_t w = 0; w < r.warehouses.size(); ++w) index.emplace(r.warehouses[w].warehouse_id, w);
  std::set<std::pair<size_t, int64_t>> seen;
  std::vector<int64_t> assigned(lines, 0);
  for (size_t i = 0; i < plan.assignments.size(); ++i) {
    const SourcingAssignment& a = plan.assignments[i];
    const std::string which = "assignment " + std::to_string(i);
    auto it = index.find(a.warehouse_id);
    if (a.line >= lines) return which + " names line " + std::to_string(a.line);
    if (it == index.end()) return which + " names warehouse " + std::to_string(a.warehouse_id);
    if (a.quantity <= 0) return which + " has quantity " + std::to_string(a.quantity);
    if (!seen.insert({a.line, a.warehouse_id}).second) {
      return which + " repeats line " + std::to_string(a.line) + " at warehouse " +
             std::to_string(a.warehouse_id);
    }
    if (a.quantity > r.warehouses[it->second].available[a.line]) {
      return which + " takes " + std::to_string(a.quantity) + " of line " + std::to_string(a.line) +
             " from warehouse " + std::to_string(a.warehouse_id) + ", which has " +
             std::to_string(r.warehouses[it->second].available[a.line]);
    }
    assigned[a.line] += a.quantity;
  }
  int64_t backordered = 0;
  for (size_t l = 0; l < lines; ++l) {
    if (assigned[l] > r.quantities[l]) {
      return "line " + std::to_string(l) + " gets " + std::to_string(assigned[l]) + " of " +
             std::to_string(r.quantities[l]);
    }
    if (plan.backordered[l] != r.quantities[l] - assigned[l]) {
      return "line " + std::to_string(l) + " backorders " + std::to_string(plan.backordered[l]) +
             ", not " + std::to_string(r.quantities[l] - assigned[l]);
    }
    backordered += plan.backordered[l];
  }
  SourcingFigures f = evaluate_sourcing_plan(r, plan);
  if (plan.shipments != f.shipments || plan.warehouses_used != f.shipments) {
    return "shipments " + std::to_string(plan.shipments) + " / warehouses_used " +
           std::to_string(plan.warehouses_used) + ", not " + std::to_string(f.shipments);
  }
  if (plan.backordered_units != backordered) {
    return "backordered_units " + std::to_string(plan.backordered_units) + ", not " +
           std::to_string(backordered);
  }
  if (cost_less(plan.cost, f.cost) || cost_less(f.cost, plan.cost)) {
    return "cost " + std::to_string(plan.cost) + ", not " + std::to_string(f.cost);
  }
  return {};
}

SourcingPlan FewestSplitsPolicy::plan(const SourcingRequest& r) const {
  validate_sourcing_request(r);
  // Only warehouses that hold something of the order are candidates.
  std::vector<size_t> useful;
  for (size_t w = 0; w < r.warehouses.size(); ++w) {
    if (coverage(r, {w}) > 0) useful.push_back(w);
  }
  if (useful.empty()) return assign(r, {}, "none");
  const int64_t reachable = coverage(r, useful);

  if (useful.size() <= kExactLimit) {
    for (size_t k = 1; k <= useful.size(); ++k) {
      std::vector<size_t> best;
      for_each_subset(useful.size(), k, [&](const std::vector<size_t>& pick) {
        std::vector<size_t> set;
        for (size_t i : pick) set.push_back(useful[i]);
        if (coverage(r, set) == reachable && (best.empty() || better(r, set, best))) best = set;
      });
      if (!best.empty()) return assign(r, best, k == 1 ? "single" : "exact_subset");
    }
  }
  // Greedy set cover: the warehouse adding most units, nearest on ties. The
  // units a warehouse adds are, line by line, what it has of what is open.
  std::vector<size_t> chosen;
  std::vector<bool> taken(r.warehouses.size(), false);
  std::vector<int64_t> open = r.quantities;
  int64_t covered = 0;
  while (covered < reachable) {
    size_t best = r.warehouses.size();
    int64_t best_gain = 0;
    for (size_t w : useful) {
      if (taken[w]) continue;
      int64_t gain = 0;
      for (size_t l = 0; l < open.size(); ++l)
        gain += std::min(open[l], r.warehouses[w].available[l]);
      if (gain > best_gain || (gain == best_gain && gain > 0 &&
                               r.warehouses[w].distance < r.warehouses[best].distance)) {
        best = w;
        best_gain = gain;
      }
    }
    if (best_gain == 0) break;
    chosen.push_back(best);
    taken[best] = true;
    for (size_t l = 0; l < open.size(); ++l) {
      open[l] -= std::min(open[l], r.warehouses[best].available[l]);
    }
    covered += best_gain;
  }
  return assign(r, chosen, "greedy_cover");
}

SourcingPlan NearestFirstLinePolicy::plan(const SourcingRequest& r) const {
  validate_sourcing_request(r);
  std::vector<size_t> rank(r.warehouses.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::stable_sort(rank.begin(), rank.end(), [&](size_t a, size_t b) {
    return r.warehouses[a].distance < r.warehouses[b].distance;
  });
  const size_t lines = r.quantities.size();
  std::vector<std::vector<int64_t>> left(r.warehouses.size());
  for (size_t w = 0; w < r.warehouses.size(); ++w) left[w] = r.warehouses[w].available;
  std::vector<int64_t> open = r.quantities;
  std::vector<std::vector<SourcingAssignment>> by_line(lines);
  auto take = [&](size_t w, size_t l) {
    int64_t units = std::min(open[l], left[w][l]);
    if (units <= 0) return;
    by_line[l].push_back({l, r.warehouses[w].warehouse_id, units});
    open[l] -= units;
    left[w][l] -= units;
  };
  auto anchor =
      std::find_if(r.quantities.begin(), r.quantities.end(), [](int64_t q) { return q > 0; });
  if (anchor != r.quantities.end()) {
    const size_t a = static_cast<size_t>(anchor - r.quantities.begin());
    for (size_t w : rank) {
      if (r.warehouses[w].available[a] >= r.quantities[a]) {
        for (size_t l = 0; l < lines; ++l) take(w, l);
        break;
      }
    }
  }
  for (size_t l = 0; l < lines; ++l) {
    for (size_t w : rank) {
      if (open[l] == 0) break;
      take(w, l);
    }
  }
  SourcingPlan plan;
  plan.method = "nearest_first_line";
  plan.backordered = open;
  for (auto& list : by_line) {
    plan.assignments.insert(plan.assignments.end(), list.begin(), list.end());
  }
  return with_figures(r, std::move(plan), false);
}

SourcingPlan ExactSourcingPolicy::plan(const SourcingRequest& r) const {
  const Clock::time_point start = Clock::now();
  if (time_limit_ms < 1 || time_limit_ms > kMaxSourcingTimeLimitMs) {
    refuse("invalid_parameter", "time_limit_ms", "time_limit_ms must be from 1 to 60000");
  }
  if (max_lines < 1 || max_lines > kMaxExactSourcingSize) {
    refuse("invalid_parameter", "max_lines", "max_lines must be from 1 to 1000");
  }
  if (max_warehouses < 1 || max_warehouses > kMaxExactSourcingSize) {
    refuse("invalid_parameter", "max_warehouses", "max_warehouses must be from 1 to 1000");
  }
  validate_sourcing_request(r);
  const Clock::time_point deadline = start + std::chrono::milliseconds(time_limit_ms);

  const Problem p = reduce(r);
  if (p.lines.empty()) return with_figures(r, fill_cheapest(r, {}, "mip"), true);
  const int64_t most_units = *std::max_element(p.coverable.begin(), p.coverable.end());
  if (p.lines.size() > max_lines || p.warehouses.size() > max_warehouses ||
      most_units > kExactSourcingMaxUnits) {
    SourcingPlan greedy = FewestSplitsPolicy().plan(r);
    greedy.method = "greedy_over_size_limit";
    return greedy;
  }

  // One warehouse covering everything: the cheapest such is the optimum.
  {
    size_t best = r.warehouses.size();
    double best_cost = 0;
    for (size_t w : p.warehouses) {
      if (!covers_alone(p, w)) continue;
      int64_t units = 0;
      for (size_t l : p.lines) units += p.coverable[l];
      double cost = p.shipment[w] + r.warehouses[w].unit_cost * static_cast<double>(units);
      // Ties: the nearer, then the one with more of the order's products in
      // stock (as FewestSplitsPolicy), which keeps stock from running out in
      // one place while another sits full.
      auto stock = [&](size_t x) {
        int64_t in_stock = 0;
        for (int64_t a : r.warehouses[x].available) in_stock += a;
        return in_stock;
      };
      bool tie =
          best != r.warehouses.size() && !cost_less(cost, best_cost) && !cost_less(best_cost, cost);
      const double d = r.warehouses[w].distance;
      if (best == r.warehouses.size() || cost_less(cost, best_cost) ||
          (tie && (d < r.warehouses[best].distance ||
                   (d == r.warehouses[best].distance && stock(w) > stock(best))))) {
        best = w;
        best_cost = cost;
      }
    }
    if (best != r.warehouses.size()) return with_figures(r, fill_cheapest(r, {best}, "mip"), true);
  }

  // The greedy plan, cheapest allocation for its warehouses: the incumbent
  // and the fallback.
  SourcingPlan greedy = FewestSplitsPolicy().plan(r);
  {
    std::set<int64_t> ids;
    for (const auto& a : greedy.assignments) ids.insert(a.warehouse_id);
    std::vector<size_t> set;
    for (size_t w : p.warehouses) {
      if (ids.count(r.warehouses[w].warehouse_id)) set.push_back(w);
    }
    SourcingPlan cheaper = with_figures(r, fill_cheapest(r, set, "mip"), false);
    greedy.method = "greedy_after_mip_time_limit";
    greedy.optimal = false;
    if (compare_plans(cheaper, greedy) < 0) {
      cheaper.method = greedy.method;
      greedy = std::move(cheaper);
    }
  }
  if (Clock::now() >= deadline) return greedy;

  SourcingMip fewest_mip(p, SourcingMip::Stage::kFewestShipments, 0);
  SourcingMip::Outcome fewest = fewest_mip.solve(fewest_mip.columns_of(greedy), deadline);
  // CBC's warehouses count only if, rounded, they really cover what the
  // greedy plan covers (the most coverable): its tolerances could accept a
  // set a hair short of it on huge quantities.
  SourcingPlan best = greedy;
  bool proven = false;
  auto consider = [&](const SourcingMip::Outcome& outcome) {
    if (!outcome.found) return false;
    SourcingPlan found = with_figures(r, fill_cheapest(r, outcome.set, "mip"), false);
    if (found.backordered_units != greedy.backordered_units) return false;
    // An equally good plan keeps the one in hand: the greedy's tie-breaks
    // (nearer, more stock) are named rules, CBC's are not. The program has
    // still proved its figures, so the plan counts as the program's.
    const int order = compare_plans(found, best);
    if (order < 0) {
      best = std::move(found);
    } else if (order == 0) {
      best.method = "mip";
    }
    return true;
  };
  proven = consider(fewest) && fewest.proven;
  // Stage two from the best plan so far, with at most as many shipments.
  // When every cost is 0, any plan of stage one is optimal.
  if (p.priced && Clock::now() >= deadline) {
    proven = false;
  } else if (p.priced) {
    SourcingMip cheapest_mip(p, SourcingMip::Stage::kLowestCost, best.shipments);
    SourcingMip::Outcome cheapest = cheapest_mip.solve(cheapest_mip.columns_of(best), deadline);
    proven = consider(cheapest) && proven && cheapest.proven;
  }
  if (best.method == "mip") best.optimal = proven;
  return best;
}

std::unique_ptr<SourcingPolicy> make_sourcing_policy(const std::string& method,
                                                     int64_t time_limit_ms) {
  if (time_limit_ms < 1 || time_limit_ms > kMaxSourcingTimeLimitMs) {
    refuse("invalid_parameter", "time_limit_ms", "time_limit_ms must be from 1 to 60000");
  }
  if (method == "auto" || method == "mip") {
    auto policy = std::make_unique<ExactSourcingPolicy>();
    policy->time_limit_ms = time_limit_ms;
    return policy;
  }
  if (method == "greedy") return std::make_unique<FewestSplitsPolicy>();
  if (method == "nearest_first_line") return std::make_unique<NearestFirstLinePolicy>();
  refuse("invalid_parameter", "method",
         "method must be auto, mip, greedy or nearest_first_line, not " + method);
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace wareflow::optimize
