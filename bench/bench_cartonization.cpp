// bench_cartonization — the 3D cartonization core (src/optimize/cartonization.h)
// on seeded streams of e-commerce orders, against a one-box-per-order
// baseline and against the volume/weight lower bound on the number of
// cartons; prints one markdown table per order mix.
//
// Box catalogue. Eight shipping boxes as a web shop stocks them, from
// 200x150x100 mm (3 l, 5 kg, 38 minor units) up to 600x400x400 mm (96 l,
// 30 kg, 189 minor units); inner sizes, max content weight and cost per box in
// kBoxes below. Every product of both mixes fits the largest box, in size and
// weight, so no order is refused.
//
// Instances. A catalogue of 200 products per mix, then a stream of orders:
//  - "small parcels": longest side the smallest of three uniform draws in
//    20-400 mm (median about 100 mm), the second side 35-100 % of it, the
//    third 20-100 % of that (at least 20 mm); weight = volume x a density of
//    0.05-1.00 g/cm3 (the smaller of two draws), clamped to 20 g-8 kg. 15 %
//    are "this side up" (bottles): a footprint of 25-60 % of the longest
//    side, standing on end.
//  - "bulky": longest side the smaller of two draws in 120-580 mm, the second
//    40-100 % of it (at most 390 mm), the third 30-100 % of that; density
//    0.06-0.40 g/cm3, clamped to 200 g-20 kg. 20 % are "this side up", lying
//    on their longest side with the middle side vertical.
// Orders have 1-12 units, P(n) proportional to 40, 20, 12, 8, 5, 4, 3, 2, 2,
// 2, 1, 1 (mean 2.95); each unit is a product drawn with popularity skewed
// towards the start of the catalogue (the smallest of three uniform indices),
// and with probability 15 % repeats the previous unit's product (quantity
// greater than one). Everything comes from std::mt19937_64 with integer-only
// mappings written out below (the standard distributions differ between
// libraries), so the tables are identical on every platform.
//
// What is compared, per order:
//  - packer: cartonize() with the whole box catalogue;
//  - one box per order: what a packing bench does without cartonization —
//    the smallest box (by inner volume, then cost) that can take the whole
//    order. "Can take" means: the order's total volume and weight fit the
//    box, and cartonize() with a catalogue of that box alone packs every
//    unit into ONE carton of it (the core's own geometry decides, so the
//    baseline is never credited with a packing the core could not produce).
//    When no box takes the whole order, the order ships in the largest box
//    repeated as often as needed: cartonize() with a catalogue of only the
//    largest box, which fills one carton and opens the next when nothing
//    more fits;
//  - lower bound: the result's volume_lower_bound_cartons, i.e.
//    max(ceil(order volume / largest inner volume), ceil(order weight /
//    largest max weight)). No packing uses fewer cartons.
//
// Rows of each table:
//  - mean cartons per order, and the share of orders shipped in one carton;
//  - share of orders at the lower bound (cartons == bound);
//  - orders with fewer / more cartons than the baseline, and orders whose
//    shipping material costs less / more than the baseline's;
//  - fill rate, volume-weighted: sum of unit volumes / sum of inner volumes
//    of the cartons used, over all orders; per carton: the mean over
//    cartons of (unit volume in the carton / its inner volume);
//  - shipping material per order: mean of the cartons' cost_minor sums;
//  - cartons by box type;
//  - time per order: wall time of one cartonize() call with the full
//    catalogue (std::chrono::steady_clock), the fastest of --reps runs of
//    each order; median, p99 and max over the orders. The machine the
//    figures were taken on is shared (its load average is printed), so
//    the tail is noisy; the packing itself is deterministic (work is
//    bounded by counting steps, not by a clock), which the runs check;
//  - shelf fallbacks: results whose method is "ep_bfd+shelf" (work budget
//    spent);
//  - violations: results that validate_packing() rejects, with more cartons
//    than units, or that differ between runs of the same order (all must be
//    0); refusals: orders cartonize() threw on (none expected).
//
// Build and run, from the repository root (one line):
//   g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_cartonization.cpp
//       src/optimize/cartonization.cpp -o /tmp/bench_cartonization &&
//       /tmp/bench_cartonization [--orders N] [--seed S] [--reps R]
// (defaults 1000, 1 and 3); the first line printed is the command that
// reproduces the tables.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "optimize/cartonization.h"

namespace {

using wareflow::inputs::InputError;
using wareflow::optimize::Carton;
using wareflow::optimize::CartonizationResult;
using wareflow::optimize::CartonType;
using wareflow::optimize::PackItem;
using wareflow::optimize::Placement;

// Inner length x width x height (mm), max content weight (g), cost (minor units).
const std::vector<CartonType> kBoxes = {
    {"S1", 200, 150, 100, 5'000, 38},    {"S2", 250, 200, 120, 8'000, 49},
    {"M1", 300, 200, 150, 12'000, 62},   {"M2", 350, 250, 200, 15'000, 79},
    {"L1", 400, 300, 250, 20'000, 98},   {"L2", 450, 350, 300, 25'000, 125},
    {"XL1", 500, 400, 350, 30'000, 155}, {"XL2", 600, 400, 400, 30'000, 189},
};

constexpr int64_t kProducts = 200;

// A uniform integer in [0, n), by rejection: the same on every library.
uint64_t below(std::mt19937_64& rng, uint64_t n) {
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  const uint64_t limit = max - max % n;  // a multiple of n
  uint64_t x = rng();
  while (x >= limit) x = rng();
  return x % n;
}

// A uniform integer in [lo, hi].
int64_t between(std::mt19937_64& rng, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(below(rng, static_cast<uint64_t>(hi - lo + 1)));
}

// The smallest of k uniform integers in [lo, hi]: skewed towards lo.
int64_t smallest_of(std::mt19937_64& rng, int k, int64_t lo, int64_t hi) {
  int64_t v = hi;
  for (int i = 0; i < k; ++i) v = std::min(v, between(rng, lo, hi));
  return v;
}

// Percent of a length, rounded down, at least lo_mm.
int64_t share_of(int64_t length_mm, int64_t percent, int64_t lo_mm) {
  return std::max(lo_mm, length_mm * percent / 100);
}

int64_t weight_of(int64_t l_mm, int64_t w_mm, int64_t h_mm, int64_t density_mg_per_cm3,
                  int64_t lo_g, int64_t hi_g) {
  const int64_t volume_mm3 = l_mm * w_mm * h_mm;
  // mm3 x mg/cm3 = 1e-3 cm3 x 1e-3 g/cm3.
  return std::clamp(volume_mm3 * density_mg_per_cm3 / 1'000'000, lo_g, hi_g);
}

PackItem small_parcel(std::mt19937_64& rng, const std::string& sku) {
  PackItem p;
  p.sku = sku;
  const int64_t longest_mm = smallest_of(rng, 3, 20, 400);
  const int64_t density_mg_per_cm3 = smallest_of(rng, 2, 50, 1000);
  if (below(rng, 100) < 15) {
    // Standing on end: the longest side is vertical.
    const int64_t foot_mm = share_of(longest_mm, between(rng, 25, 60), 20);
    p.length_mm = foot_mm;
    p.width_mm = share_of(foot_mm, between(rng, 80, 100), 20);
    p.height_mm = longest_mm;
    p.rotatable = false;
  } else {
    p.length_mm = longest_mm;
    p.width_mm = share_of(longest_mm, between(rng, 35, 100), 20);
    p.height_mm = share_of(p.width_mm, between(rng, 20, 100), 20);
  }
  p.weight_g = weight_of(p.length_mm, p.width_mm, p.height_mm, density_mg_per_cm3, 20, 8'000);
  return p;
}

PackItem bulky(std::mt19937_64& rng, const std::string& sku) {
  PackItem p;
  p.sku = sku;
  const int64_t longest_mm = smallest_of(rng, 2, 120, 580);
  const int64_t middle_mm = std::min<int64_t>(390, share_of(longest_mm, between(rng, 40, 100), 20));
  const int64_t shortest_mm = share_of(middle_mm, between(rng, 30, 100), 20);
  const int64_t density_mg_per_cm3 = between(rng, 60, 400);
  p.length_mm = longest_mm;
  if (below(rng, 100) < 20) {
    // Lying on its longest side, middle side up (e.g. a boxed appliance).
    p.width_mm = shortest_mm;
    p.height_mm = middle_mm;
    p.rotatable = false;
  } else {
    p.width_mm = middle_mm;
    p.height_mm = shortest_mm;
  }
  p.weight_g = weight_of(p.length_mm, p.width_mm, p.height_mm, density_mg_per_cm3, 200, 20'000);
  return p;
}

struct Mix {
  std::string name;
  uint64_t salt = 0;
  PackItem (*product)(std::mt19937_64&, const std::string&) = nullptr;
};

std::vector<std::vector<PackItem>> generate(const Mix& mix, uint64_t seed, int64_t orders) {
  std::mt19937_64 rng(seed * 1'000'003 + mix.salt);
  std::vector<PackItem> catalogue;
  for (int64_t i = 0; i < kProducts; ++i) {
    char sku[16];
    std::snprintf(sku, sizeof sku, "P%03lld", static_cast<long long>(i));
    catalogue.push_back(mix.product(rng, sku));
  }
  static constexpr int64_t kUnitsWeight[12] = {40, 20, 12, 8, 5, 4, 3, 2, 2, 2, 1, 1};
  std::vector<std::vector<PackItem>> out;
  for (int64_t o = 0; o < orders; ++o) {
    int64_t draw = between(rng, 0, 99), units = 1;
    while (draw >= kUnitsWeight[units - 1]) {
      draw -= kUnitsWeight[units - 1];
      ++units;
    }
    std::vector<PackItem> lines;
    int64_t previous = -1;
    for (int64_t u = 0; u < units; ++u) {
      int64_t product = smallest_of(rng, 3, 0, kProducts - 1);
      if (previous >= 0 && below(rng, 100) < 15) product = previous;
      previous = product;
      const PackItem& p = catalogue[static_cast<size_t>(product)];
      auto line = std::find_if(lines.begin(), lines.end(),
                               [&](const PackItem& l) { return l.sku == p.sku; });
      if (line == lines.end()) {
        lines.push_back(p);
        lines.back().quantity = 1;
      } else {
        ++line->quantity;
      }
    }
    out.push_back(std::move(lines));
  }
  return out;
}

int64_t volume_mm3(const CartonType& b) { return b.length_mm * b.width_mm * b.height_mm; }

// Per carton: unit volume / inner volume, exactly (fill_volume_permille is rounded down).
double fill_of(const Carton& c, const CartonType& b) {
  int64_t units_mm3 = 0;
  for (const Placement& q : c.items) units_mm3 += q.length_mm * q.width_mm * q.height_mm;
  return static_cast<double>(units_mm3) / static_cast<double>(volume_mm3(b));
}

bool same_packing(const CartonizationResult& a, const CartonizationResult& b) {
  if (a.cartons.size() != b.cartons.size() || a.strategy != b.strategy) return false;
  for (size_t i = 0; i < a.cartons.size(); ++i) {
    const Carton& x = a.cartons[i];
    const Carton& y = b.cartons[i];
    if (x.code != y.code || x.items.size() != y.items.size()) return false;
    for (size_t j = 0; j < x.items.size(); ++j) {
      const Placement& p = x.items[j];
      const Placement& q = y.items[j];
      if (p.sku != q.sku || p.x_mm != q.x_mm || p.y_mm != q.y_mm || p.z_mm != q.z_mm ||
          p.length_mm != q.length_mm || p.width_mm != q.width_mm || p.height_mm != q.height_mm) {
        return false;
      }
    }
  }
  return true;
}

// The baseline's packing and the one-type catalogue it was made with.
struct Baseline {
  CartonizationResult result;
  std::vector<CartonType> catalogue;
  bool one_box = false;
};

// Boxes by inner volume, then cost: the order the baseline tries them in.
std::vector<CartonType> by_volume(std::vector<CartonType> boxes) {
  std::stable_sort(boxes.begin(), boxes.end(), [](const CartonType& a, const CartonType& b) {
    return std::make_pair(volume_mm3(a), a.cost_minor) <
           std::make_pair(volume_mm3(b), b.cost_minor);
  });
  return boxes;
}

// Throws InputError only when not even the largest box takes every unit.
Baseline one_box_per_order(const std::vector<CartonType>& boxes_by_volume,
                           const std::vector<PackItem>& items) {
  int64_t order_mm3 = 0, order_g = 0;
  for (const PackItem& it : items) {
    order_mm3 += it.length_mm * it.width_mm * it.height_mm * it.quantity;
    order_g += it.weight_g * it.quantity;
  }
  for (const CartonType& b : boxes_by_volume) {
    if (volume_mm3(b) < order_mm3 || b.max_weight_g < order_g) continue;
    Baseline out;
    out.catalogue = {b};
    try {
      out.result = wareflow::optimize::cartonize(out.catalogue, items);
    } catch (const InputError& e) {
      if (e.code() == "item_too_large") continue;  // some unit does not fit this box
      throw;
    }
    if (out.result.cartons.size() == 1) {
      out.one_box = true;
      return out;
    }
  }
  Baseline out;
  out.catalogue = {boxes_by_volume.back()};
  out.result = wareflow::optimize::cartonize(out.catalogue, items);
  return out;
}

struct Side {
  int64_t cartons = 0, one_carton_orders = 0, at_bound = 0, cost_minor = 0;
  int64_t cartons_mm3 = 0;
  double fill_sum = 0;  // over cartons
  std::map<std::string, int64_t> by_type;
  int64_t violations = 0;
};

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string pct(double part, double whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", whole > 0 ? 100.0 * part / whole : 0.0);
  return buf;
}

std::string num(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string usage(const std::map<std::string, int64_t>& by_type) {
  std::string out;
  for (const CartonType& b : kBoxes) {
    auto it = by_type.find(b.code);
    if (it == by_type.end()) continue;
    if (!out.empty()) out += ", ";
    out += b.code + " " + std::to_string(it->second);
  }
  return out;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  if (!(in >> a >> b >> c)) return "unknown";
  return a + " " + b + " " + c;
}

void run(const Mix& mix, uint64_t seed, int64_t orders, int reps) {
  const std::vector<std::vector<PackItem>> stream = generate(mix, seed, orders);
  const std::vector<CartonType> sorted = by_volume(kBoxes);
  std::map<std::string, const CartonType*> box_of;
  for (const CartonType& b : kBoxes) box_of[b.code] = &b;

  Side packer, baseline;
  int64_t packed_orders = 0, units = 0, items_mm3 = 0, bound = 0, refusals = 0;
  int64_t fewer = 0, more = 0, cheaper = 0, dearer = 0, shelf = 0, nondeterministic = 0;
  std::vector<double> ms;
  for (const std::vector<PackItem>& items : stream) {
    CartonizationResult r;
    Baseline base;
    double best_ms = 0;
    try {
      for (int rep = 0; rep < reps; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        CartonizationResult again = wareflow::optimize::cartonize(kBoxes, items);
        const double t_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (rep == 0 || t_ms < best_ms) best_ms = t_ms;
        if (rep == 0) {
          r = std::move(again);
        } else if (!same_packing(r, again)) {
          ++nondeterministic;
        }
      }
      base = one_box_per_order(sorted, items);
    } catch (const InputError& e) {
      ++refusals;
      std::fprintf(stderr, "refused (%s, %s): %s\n", e.code().c_str(), e.field().c_str(), e.what());
      continue;
    }
    ms.push_back(best_ms);
    ++packed_orders;
    units += r.units;
    items_mm3 += r.items_volume_mm3;
    bound += r.volume_lower_bound_cartons;
    shelf += r.method != "ep_bfd";

    auto tally = [&](Side& s, const CartonizationResult& res, const std::vector<CartonType>& cat) {
      std::string why;
      if (!wareflow::optimize::validate_packing(cat, res, items, &why) ||
          static_cast<int64_t>(res.cartons.size()) > res.units) {
        ++s.violations;
        std::fprintf(stderr, "violation: %s\n", why.c_str());
      }
      const int64_t n = static_cast<int64_t>(res.cartons.size());
      s.cartons += n;
      s.one_carton_orders += n == 1;
      s.at_bound += n == r.volume_lower_bound_cartons;
      s.cost_minor += res.total_cost_minor;
      s.cartons_mm3 += res.cartons_volume_mm3;
      for (const Carton& c : res.cartons) {
        s.fill_sum += fill_of(c, *box_of.at(c.code));
        ++s.by_type[c.code];
      }
    };
    tally(packer, r, kBoxes);
    tally(baseline, base.result, base.catalogue);
    fewer += r.cartons.size() < base.result.cartons.size();
    more += r.cartons.size() > base.result.cartons.size();
    cheaper += r.total_cost_minor < base.result.total_cost_minor;
    dearer += r.total_cost_minor > base.result.total_cost_minor;
  }

  const double n = static_cast<double>(packed_orders);
  auto per_order = [&](int64_t v) { return num(static_cast<double>(v) / n, 3); };
  auto fill_weighted = [&](const Side& s) {
    return pct(static_cast<double>(items_mm3), static_cast<double>(s.cartons_mm3));
  };
  auto fill_per_carton = [&](const Side& s) {
    return pct(s.fill_sum, static_cast<double>(s.cartons));
  };
  std::printf("### %s — %lld orders, %lld units (%.2f per order), seed %llu\n\n", mix.name.c_str(),
              static_cast<long long>(packed_orders), static_cast<long long>(units),
              static_cast<double>(units) / n, static_cast<unsigned long long>(seed));
  std::printf("| | packer | one box per order | lower bound |\n");
  std::printf("|---|---:|---:|---:|\n");
  std::printf("| mean cartons per order | %s | %s | %s |\n", per_order(packer.cartons).c_str(),
              per_order(baseline.cartons).c_str(), per_order(bound).c_str());
  std::printf("| orders in one carton | %s | %s | |\n",
              pct(static_cast<double>(packer.one_carton_orders), n).c_str(),
              pct(static_cast<double>(baseline.one_carton_orders), n).c_str());
  std::printf("| orders at the lower bound | %s | %s | |\n",
              pct(static_cast<double>(packer.at_bound), n).c_str(),
              pct(static_cast<double>(baseline.at_bound), n).c_str());
  std::printf("| orders with fewer / more cartons than the baseline | %lld / %lld | | |\n",
              static_cast<long long>(fewer), static_cast<long long>(more));
  std::printf("| orders costing less / more than the baseline | %lld / %lld | | |\n",
              static_cast<long long>(cheaper), static_cast<long long>(dearer));
  std::printf("| fill rate, volume-weighted | %s | %s | |\n", fill_weighted(packer).c_str(),
              fill_weighted(baseline).c_str());
  std::printf("| fill rate, mean per carton | %s | %s | |\n", fill_per_carton(packer).c_str(),
              fill_per_carton(baseline).c_str());
  std::printf("| shipping material per order, minor units | %s | %s | |\n",
              num(static_cast<double>(packer.cost_minor) / n, 1).c_str(),
              num(static_cast<double>(baseline.cost_minor) / n, 1).c_str());
  std::printf("| cartons by box type | %s | %s | |\n", usage(packer.by_type).c_str(),
              usage(baseline.by_type).c_str());
  std::printf("| time per order, median / p99 / max, ms | %.3f / %.3f / %.3f | | |\n",
              percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0));
  std::printf("| shelf fallbacks | %lld | | |\n", static_cast<long long>(shelf));
  std::printf("| violations (validate_packing, cartons > units, runs differ) | %lld | %lld | |\n",
              static_cast<long long>(packer.violations + nondeterministic),
              static_cast<long long>(baseline.violations));
  std::printf("| refusals | %lld | | |\n\n", static_cast<long long>(refusals));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  long long orders = 1000;
  unsigned long long seed = 1;
  int reps = 3;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--orders") == 0) {
      orders = std::max(1LL, std::atoll(argv[++i]));
    } else if (i + 1 < argc && std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && std::strcmp(argv[i], "--reps") == 0) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--orders N] [--seed S] [--reps R]\n", argv[0]);
      return 2;
    }
  }
  std::printf(
      "Reproduce: g++ -std=c++20 -O2 -Wall -Wextra -Isrc bench/bench_cartonization.cpp "
      "src/optimize/cartonization.cpp -o /tmp/bench_cartonization && "
      "/tmp/bench_cartonization --orders %lld --seed %llu --reps %d\n\n",
      orders, seed, reps);
  std::printf("Load average at start (shared machine; times are the fastest of %d runs): %s\n\n",
              reps, load_average().c_str());
  std::printf("Boxes (inner mm, max g, cost minor):");
  for (const CartonType& b : kBoxes) {
    std::printf(" %s %lldx%lldx%lld %lld g %lld;", b.code.c_str(),
                static_cast<long long>(b.length_mm), static_cast<long long>(b.width_mm),
                static_cast<long long>(b.height_mm), static_cast<long long>(b.max_weight_g),
                static_cast<long long>(b.cost_minor));
  }
  std::printf("\n\n");
  const std::vector<Mix> mixes = {{"small parcels", 1, small_parcel}, {"bulky", 2, bulky}};
  for (const Mix& mix : mixes) run(mix, seed, orders, reps);
  std::printf("Load average at end: %s\n", load_average().c_str());
  return 0;
}
