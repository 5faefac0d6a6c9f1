#include "optimize/cartonization.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace wareflow::optimize {

namespace {

[[noreturn]] void refuse(const std::string& code, const std::string& field,
                         const std::string& message) {
  throw inputs::InputError(code, field, message);
}

struct Dims {
  int64_t l = 0, w = 0, h = 0;
};

// One distinct sku: every unit of it has the same size, weight and rules.
struct Shape {
  std::string sku;
  Dims dims;
  int64_t weight = 0;
  int64_t volume = 0;
  int64_t longest = 0;
  int64_t quantity = 0;
  std::vector<Dims> orientations;  // distinct, allowed
};

struct Type {
  const CartonType* box = nullptr;
  int64_t volume = 0;
};

struct Placed {
  int64_t x, y, z;
  Dims d;
  int shape;
};

// An extreme point, with the last shape found not to fit there: a carton only
// fills up, so a shape that does not fit at a point never will.
struct Point {
  int64_t x, y, z;
  int failed = -1;
};

bool point_less(const Point& a, const Point& b) {
  return std::tie(a.z, a.y, a.x) < std::tie(b.z, b.y, b.x);
}

struct Open {
  int type = 0;
  std::vector<Placed> items;
  std::vector<Point> points;  // sorted by (z, y, x)
  int64_t volume = 0;
  int64_t weight = 0;
  int failed = -1;  // last shape this carton was found not to take
  bool shelf = false;
  // Shelf cursor (only for shelf cartons).
  int64_t sx = 0, sy = 0, sz = 0, row_depth = 0, layer_height = 0;
};

std::vector<Dims> orientations_of(const Dims& d, bool rotatable) {
  std::vector<Dims> out;
  auto add = [&](int64_t l, int64_t w, int64_t h) {
    for (const Dims& o : out) {
      if (o.l == l && o.w == w && o.h == h) return;
    }
    out.push_back({l, w, h});
  };
  add(d.l, d.w, d.h);
  add(d.w, d.l, d.h);
  if (rotatable) {
    add(d.l, d.h, d.w);
    add(d.h, d.l, d.w);
    add(d.w, d.h, d.l);
    add(d.h, d.w, d.l);
  }
  return out;
}

bool fits_inside(const Dims& o, const CartonType& b) {
  return o.l <= b.length_mm && o.w <= b.width_mm && o.h <= b.height_mm;
}

bool holds(const Shape& s, const Type& t) {
  if (s.weight > t.box->max_weight_g || s.volume > t.volume) return false;
  for (const Dims& o : s.orientations) {
    if (fits_inside(o, *t.box)) return true;
  }
  return false;
}

bool overlaps(int64_t x, int64_t y, int64_t z, const Dims& d, const Placed& p) {
  return x < p.x + p.d.l && p.x < x + d.l && y < p.y + p.d.w && p.y < y + d.w && z < p.z + p.d.h &&
         p.z < z + d.h;
}

bool inside(int64_t x, int64_t y, int64_t z, const Placed& p) {
  return p.x <= x && x < p.x + p.d.l && p.y <= y && y < p.y + p.d.w && p.z <= z && z < p.z + p.d.h;
}

struct Problem {
  std::vector<Type> types;
  std::vector<Shape> shapes;
  std::vector<int> units;  // shape per unit, in packing order
};

enum class Search { found, none, out_of_budget };

struct Spot {
  int64_t x = 0, y = 0, z = 0;
  Dims d;
};

class Packer {
 public:
  Packer(const Problem& problem, int64_t& budget) : p_(problem), budget_(budget) {}

  Open open(int type) const {
    Open c;
    c.type = type;
    c.points.push_back({0, 0, 0});
    return c;
  }

  // The lowest extreme point of c where shape s fits, in its flattest
  // orientation there. Records failures so they are not searched again.
  Search find(Open& c, int s, Spot& spot) {
    const Shape& sh = p_.shapes[static_cast<size_t>(s)];
    const Type& t = p_.types[static_cast<size_t>(c.type)];
    if (c.shelf || c.failed == s) return Search::none;
    if (c.weight + sh.weight > t.box->max_weight_g || c.volume + sh.volume > t.volume) {
      c.failed = s;
      return Search::none;
    }
    const int64_t step = static_cast<int64_t>(c.items.size()) + 1;
    for (Point& pt : c.points) {
      if (pt.failed == s) continue;
      bool any = false;
      Dims best;
      for (const Dims& o : sh.orientations) {
        if (pt.x + o.l > t.box->length_mm || pt.y + o.w > t.box->width_mm ||
            pt.z + o.h > t.box->height_mm) {
          continue;
        }
        if (any && std::tie(best.h, best.w) <= std::tie(o.h, o.w)) continue;
        if (budget_ <= 0) return Search::out_of_budget;
        budget_ -= step;
        bool clash = false;
        // Most recent first: they are the nearest to the lowest free corner.
        for (auto it = c.items.rbegin(); it != c.items.rend(); ++it) {
          if (overlaps(pt.x, pt.y, pt.z, o, *it)) {
            clash = true;
            break;
          }
        }
        if (!clash) {
          best = o;
          any = true;
        }
      }
      if (any) {
        spot = {pt.x, pt.y, pt.z, best};
        return Search::found;
      }
      pt.failed = s;
    }
    c.failed = s;
    return Search::none;
  }

  void place(Open& c, int s, const Spot& spot) {
    const Shape& sh = p_.shapes[static_cast<size_t>(s)];
    const Type& t = p_.types[static_cast<size_t>(c.type)];
    const Placed placed{spot.x, spot.y, spot.z, spot.d, s};
    c.items.push_back(placed);
    c.volume += sh.volume;
    c.weight += sh.weight;
    // Points the new unit covers can never take anything again.
    std::erase_if(c.points, [&](const Point& pt) { return inside(pt.x, pt.y, pt.z, placed); });
    const int64_t n = static_cast<int64_t>(c.items.size());
    budget_ -= 12 * n;
    const int64_t x = spot.x, y = spot.y, z = spot.z;
    const int64_t xl = x + spot.d.l, yw = y + spot.d.w, zh = z + spot.d.h;
    const std::array<std::array<int64_t, 3>, 6> candidates = {{
        {xl, project(c, 1, xl, y, z), z},
        {xl, y, project(c, 2, xl, y, z)},
        {project(c, 0, x, yw, z), yw, z},
        {x, yw, project(c, 2, x, yw, z)},
        {project(c, 0, x, y, zh), y, zh},
        {x, project(c, 1, x, y, zh), zh},
    }};
    for (const auto& q : candidates) {
      if (q[0] >= t.box->length_mm || q[1] >= t.box->width_mm || q[2] >= t.box->height_mm) {
        continue;
      }
      bool covered = false;
      for (const Placed& other : c.items) {
        if (inside(q[0], q[1], q[2], other)) {
          covered = true;
          break;
        }
      }
      if (covered) continue;
      const Point pt{q[0], q[1], q[2]};
      auto at = std::lower_bound(c.points.begin(), c.points.end(), pt, point_less);
      if (at != c.points.end() && at->x == pt.x && at->y == pt.y && at->z == pt.z) continue;
      c.points.insert(at, pt);
    }
  }

  // Layer-by-layer packing for when the budget is spent: rows along x, rows
  // stacked along y into a layer, layers up z. Each row is as deep as its
  // deepest unit and each layer as tall as its tallest, so units never meet.
  static bool shelf_place(const Problem& p, Open& c, int s) {
    const Shape& sh = p.shapes[static_cast<size_t>(s)];
    const CartonType& b = *p.types[static_cast<size_t>(c.type)].box;
    if (c.weight + sh.weight > b.max_weight_g) return false;
    // The flattest orientation that fits the carton at all.
    std::optional<Dims> chosen;
    for (const Dims& o : sh.orientations) {
      if (!fits_inside(o, b)) continue;
      if (!chosen || std::tie(o.h, o.w) < std::tie(chosen->h, chosen->w)) chosen = o;
    }
    if (!chosen) return false;
    const Dims d = *chosen;
    if (c.sx + d.l > b.length_mm || c.sy + d.w > b.width_mm || c.sz + d.h > b.height_mm) {
      // New row.
      c.sx = 0;
      c.sy += c.row_depth;
      c.row_depth = 0;
      if (c.sy + d.w > b.width_mm || c.sz + d.h > b.height_mm) {
        // New layer.
        c.sy = 0;
        c.sz += c.layer_height;
        c.layer_height = 0;
        if (c.sz + d.h > b.height_mm) return false;
      }
    }
    c.items.push_back({c.sx, c.sy, c.sz, d, s});
    c.sx += d.l;
    c.row_depth = std::max(c.row_depth, d.w);
    c.layer_height = std::max(c.layer_height, d.h);
    c.volume += sh.volume;
    c.weight += sh.weight;
    return true;
  }

 private:
  // Nearest face behind (x, y, z) looking towards -axis (0: x, 1: y, 2: z);
  // 0 is the wall.
  int64_t project(const Open& c, int axis, int64_t x, int64_t y, int64_t z) const {
    const int64_t at[3] = {x, y, z};
    int64_t best = 0;
    for (const Placed& q : c.items) {
      const int64_t lo[3] = {q.x, q.y, q.z};
      const int64_t len[3] = {q.d.l, q.d.w, q.d.h};
      bool in_line = true;
      for (int a = 0; a < 3; ++a) {
        if (a != axis && !(lo[a] <= at[a] && at[a] < lo[a] + len[a])) in_line = false;
      }
      if (in_line && lo[axis] + len[axis] <= at[axis]) best = std::max(best, lo[axis] + len[axis]);
    }
    return best;
  }

  const Problem& p_;
  int64_t& budget_;
};

struct Packing {
  std::vector<Open> cartons;
  bool shelf = false;
  std::string strategy;
  int64_t cost = 0;
  int64_t volume = 0;
};

// One packing of every unit, new cartons of type opener[shape]. nullopt when
// the budget runs out and may_fall_back is false.
std::optional<Packing> pack_all(const Problem& p, const std::vector<int>& opener, int64_t& budget,
                                bool may_fall_back) {
  Packer packer(p, budget);
  Packing out;
  // Open EP cartons by free volume, so the first that takes a unit is the
  // best fit; ties go to the carton opened first.
  std::set<std::pair<int64_t, size_t>> by_free;
  auto free_of = [&](size_t i) {
    return p.types[static_cast<size_t>(out.cartons[i].type)].volume - out.cartons[i].volume;
  };
  for (const int s : p.units) {
    const Shape& sh = p.shapes[static_cast<size_t>(s)];
    bool placed = false;
    if (budget > 0) {
      for (auto it = by_free.lower_bound({sh.volume, 0}); it != by_free.end(); ++it) {
        const size_t i = it->second;
        Spot spot;
        const Search r = packer.find(out.cartons[i], s, spot);
        if (r == Search::found) {
          by_free.erase(it);
          packer.place(out.cartons[i], s, spot);
          by_free.insert({free_of(i), i});
          placed = true;
          break;
        }
        if (r == Search::out_of_budget) break;
      }
    }
    if (placed) continue;
    if (budget > 0) {
      Open c = packer.open(opener[static_cast<size_t>(s)]);
      Spot spot;
      if (packer.find(c, s, spot) == Search::found) {
        packer.place(c, s, spot);
        out.cartons.push_back(std::move(c));
        by_free.insert({free_of(out.cartons.size() - 1), out.cartons.size() - 1});
        continue;
      }
    }
    // Out of budget (an empty carton always takes a unit its type holds).
    if (!may_fall_back) return std::nullopt;
    out.shelf = true;
    if (out.cartons.empty() || !out.cartons.back().shelf ||
        out.cartons.back().type != opener[static_cast<size_t>(s)] ||
        !Packer::shelf_place(p, out.cartons.back(), s)) {
      Open c;
      c.type = opener[static_cast<size_t>(s)];
      c.shelf = true;
      Packer::shelf_place(p, c, s);
      out.cartons.push_back(std::move(c));
    }
  }
  return out;
}

// Re-packs each carton into the cheapest, then smallest, type that takes all
// of its units in one carton.
void downsize(const Problem& p, Packing& packing, int64_t& budget) {
  std::vector<int> order(p.types.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  auto key = [&](int t) {
    const Type& ty = p.types[static_cast<size_t>(t)];
    return std::make_tuple(ty.box->cost_minor, ty.volume, std::cref(ty.box->code));
  };
  std::sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
  Packer packer(p, budget);
  for (Open& c : packing.cartons) {
    if (c.shelf) continue;
    const Type& current = p.types[static_cast<size_t>(c.type)];
    // Units in packing order (by the order their shapes come in p.units).
    std::vector<int> shapes;
    for (const Placed& q : c.items) shapes.push_back(q.shape);
    std::sort(shapes.begin(), shapes.end());
    std::stable_sort(shapes.begin(), shapes.end(), [&](int a, int b) {
      const Shape& x = p.shapes[static_cast<size_t>(a)];
      const Shape& y = p.shapes[static_cast<size_t>(b)];
      return std::tie(y.volume, y.longest) < std::tie(x.volume, x.longest);
    });
    for (const int t : order) {
      const Type& ty = p.types[static_cast<size_t>(t)];
      if (std::make_tuple(ty.box->cost_minor, ty.volume) >=
          std::make_tuple(current.box->cost_minor, current.volume)) {
        break;
      }
      if (budget <= 0) return;
      if (ty.volume < c.volume || ty.box->max_weight_g < c.weight) continue;
      bool screen = true;
      for (const int s : shapes) {
        if (!holds(p.shapes[static_cast<size_t>(s)], ty)) {
          screen = false;
          break;
        }
      }
      if (!screen) continue;
      Open trial = packer.open(t);
      bool ok = true;
      for (const int s : shapes) {
        Spot spot;
        if (packer.find(trial, s, spot) != Search::found) {
          ok = false;
          break;
        }
        packer.place(trial, s, spot);
      }
      if (ok) {
        c = std::move(trial);
        break;
      }
    }
  }
}

void total(const Problem& p, Packing& packing) {
  packing.cost = 0;
  packing.volume = 0;
  for (const Open& c : packing.cartons) {
    packing.cost += p.types[static_cast<size_t>(c.type)].box->cost_minor;
    packing.volume += p.types[static_cast<size_t>(c.type)].volume;
  }
}

bool better(const Packing& a, const Packing& b) {
  return std::make_tuple(a.cartons.size(), a.cost, a.volume) <
         std::make_tuple(b.cartons.size(), b.cost, b.volume);
}

std::string at(const std::string& list, size_t i, const std::string& member) {
  return list + "[" + std::to_string(i) + "]" + (member.empty() ? "" : "." + member);
}

void check_range(int64_t value, int64_t lo, int64_t hi, const std::string& field) {
  if (value < lo || value > hi) {
    refuse("invalid_field", field,
           field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
}

Problem build_problem(const std::vector<CartonType>& boxes, const std::vector<PackItem>& items) {
  Problem p;
  if (boxes.empty()) refuse("invalid_field", "boxes", "at least one box type is required");
  if (boxes.size() > kMaxCartonTypes) {
    refuse("invalid_field", "boxes",
           "at most " + std::to_string(kMaxCartonTypes) + " box types are allowed");
  }
  if (items.empty()) refuse("invalid_field", "items", "at least one item is required");
  std::set<std::string> codes;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const CartonType& b = boxes[i];
    if (b.code.empty()) refuse("invalid_field", at("boxes", i, "code"), "box code is empty");
    if (!codes.insert(b.code).second) {
      refuse("invalid_field", at("boxes", i, "code"), "box code " + b.code + " repeats");
    }
    check_range(b.length_mm, 1, kMaxCartonDimensionMm, at("boxes", i, "length_mm"));
    check_range(b.width_mm, 1, kMaxCartonDimensionMm, at("boxes", i, "width_mm"));
    check_range(b.height_mm, 1, kMaxCartonDimensionMm, at("boxes", i, "height_mm"));
    check_range(b.max_weight_g, 1, kMaxCartonWeightG, at("boxes", i, "max_weight_g"));
    check_range(b.cost_minor, 0, kMaxCartonCostMinor, at("boxes", i, "cost_minor"));
    p.types.push_back({&b, b.length_mm * b.width_mm * b.height_mm});
  }
  std::map<std::string, size_t> by_sku;
  std::vector<size_t> line_of_shape;
  int64_t units = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const PackItem& it = items[i];
    if (it.sku.empty()) refuse("invalid_field", at("items", i, "sku"), "sku is empty");
    check_range(it.length_mm, 1, kMaxCartonDimensionMm, at("items", i, "length_mm"));
    check_range(it.width_mm, 1, kMaxCartonDimensionMm, at("items", i, "width_mm"));
    check_range(it.height_mm, 1, kMaxCartonDimensionMm, at("items", i, "height_mm"));
    check_range(it.weight_g, 1, kMaxCartonWeightG, at("items", i, "weight_g"));
    check_range(it.quantity, 1, kMaxUnits, at("items", i, "quantity"));
    units += it.quantity;  // at most 10,000 lines' worth of 10,000: no overflow
    if (units > kMaxUnits) {
      refuse("too_many_units", "items",
             "at most " + std::to_string(kMaxUnits) + " units can be cartonized at once");
    }
    auto [found, fresh] = by_sku.emplace(it.sku, p.shapes.size());
    if (!fresh) {
      Shape& s = p.shapes[found->second];
      const PackItem& first = items[line_of_shape[found->second]];
      if (first.length_mm != it.length_mm || first.width_mm != it.width_mm ||
          first.height_mm != it.height_mm || first.weight_g != it.weight_g ||
          first.rotatable != it.rotatable) {
        refuse("invalid_field", at("items", i, "sku"),
               "sku " + it.sku + " repeats with a different size, weight or rotatability");
      }
      s.quantity += it.quantity;
      continue;
    }
    Shape s;
    s.sku = it.sku;
    s.dims = {it.length_mm, it.width_mm, it.height_mm};
    s.weight = it.weight_g;
    s.volume = it.length_mm * it.width_mm * it.height_mm;
    s.longest = std::max({it.length_mm, it.width_mm, it.height_mm});
    s.quantity = it.quantity;
    s.orientations = orientations_of(s.dims, it.rotatable);
    p.shapes.push_back(std::move(s));
    line_of_shape.push_back(i);
  }
  for (size_t s = 0; s < p.shapes.size(); ++s) {
    const Shape& sh = p.shapes[s];
    bool by_weight = false, by_size = false;
    for (const Type& t : p.types) {
      if (holds(sh, t)) {
        by_weight = by_size = true;
        break;
      }
      by_weight = by_weight || sh.weight <= t.box->max_weight_g;
      for (const Dims& o : sh.orientations) by_size = by_size || fits_inside(o, *t.box);
    }
    if (!by_weight || !by_size) {
      refuse("item_too_large", at("items", line_of_shape[s], ""),
             "sku " + sh.sku +
                 (by_size ? " is heavier than every box may hold"
                          : " is larger than every box in every allowed orientation"));
    } else if (!std::any_of(p.types.begin(), p.types.end(),
                            [&](const Type& t) { return holds(sh, t); })) {
      refuse("item_too_large", at("items", line_of_shape[s], ""),
             "sku " + sh.sku + " fits no box that may hold its weight");
    }
  }
  // Shapes in packing order; units of one sku stay together, which the
  // per-shape failure records rely on for their speed (not their truth).
  std::vector<int> order(p.shapes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Shape& x = p.shapes[static_cast<size_t>(a)];
    const Shape& y = p.shapes[static_cast<size_t>(b)];
    return std::tie(y.volume, y.longest, x.sku) < std::tie(x.volume, x.longest, y.sku);
  });
  for (const int s : order) {
    for (int64_t k = 0; k < p.shapes[static_cast<size_t>(s)].quantity; ++k) p.units.push_back(s);
  }
  return p;
}

}  // namespace

CartonizationResult cartonize(const std::vector<CartonType>& boxes,
                              const std::vector<PackItem>& items) {
  const Problem p = build_problem(boxes, items);

  // Types by volume, largest first; ties: heavier limit, cheaper, code.
  std::vector<int> by_size(p.types.size());
  for (size_t i = 0; i < by_size.size(); ++i) by_size[i] = static_cast<int>(i);
  std::sort(by_size.begin(), by_size.end(), [&](int a, int b) {
    const CartonType& x = *p.types[static_cast<size_t>(a)].box;
    const CartonType& y = *p.types[static_cast<size_t>(b)].box;
    return std::make_tuple(-p.types[static_cast<size_t>(a)].volume, -x.max_weight_g, x.cost_minor,
                           std::cref(x.code)) <
           std::make_tuple(-p.types[static_cast<size_t>(b)].volume, -y.max_weight_g, y.cost_minor,
                           std::cref(y.code));
  });
  std::vector<int> largest(p.shapes.size(), -1);
  for (size_t s = 0; s < p.shapes.size(); ++s) {
    for (const int t : by_size) {
      if (holds(p.shapes[s], p.types[static_cast<size_t>(t)])) {
        largest[s] = t;
        break;
      }
    }
  }

  // Strategies in order: "largest", then one per type, largest type first,
  // skipping any that would open exactly the cartons an earlier one opens.
  int64_t budget = kWorkBudget;
  std::optional<Packing> best;
  std::set<std::vector<int>> tried;
  for (int i = -1; i < static_cast<int>(by_size.size()); ++i) {
    if (best && budget <= 0) break;
    std::vector<int> opener = largest;
    std::string name = "largest";
    if (i >= 0) {
      const int t = by_size[static_cast<size_t>(i)];
      for (size_t s = 0; s < p.shapes.size(); ++s) {
        if (holds(p.shapes[s], p.types[static_cast<size_t>(t)])) opener[s] = t;
      }
      name = "open:" + p.types[static_cast<size_t>(t)].box->code;
    }
    if (!tried.insert(opener).second) continue;
    std::optional<Packing> packing = pack_all(p, opener, budget, !best);
    if (!packing) break;  // budget spent part way: the ones kept are complete
    packing->strategy = name;
    if (!packing->shelf) downsize(p, *packing, budget);
    total(p, *packing);
    if (!best || better(*packing, *best)) best = std::move(packing);
  }

  CartonizationResult result;
  result.method = best->shelf ? "ep_bfd+shelf" : "ep_bfd";
  result.strategy = best->strategy;
  result.units = static_cast<int64_t>(p.units.size());
  int64_t total_weight = 0, max_volume = 0, max_weight = 0;
  for (const Shape& s : p.shapes) {
    result.items_volume_mm3 += s.volume * s.quantity;
    total_weight += s.weight * s.quantity;
  }
  for (const Type& t : p.types) {
    max_volume = std::max(max_volume, t.volume);
    max_weight = std::max(max_weight, t.box->max_weight_g);
  }
  result.volume_lower_bound_cartons =
      std::max<int64_t>({1, (result.items_volume_mm3 + max_volume - 1) / max_volume,
                         (total_weight + max_weight - 1) / max_weight});
  for (const Open& c : best->cartons) {
    const Type& t = p.types[static_cast<size_t>(c.type)];
    Carton out;
    out.code = t.box->code;
    out.weight_g = c.weight;
    out.cost_minor = t.box->cost_minor;
    out.fill_volume_permille = c.volume * 1000 / t.volume;
    for (const Placed& q : c.items) {
      out.items.push_back(
          {p.shapes[static_cast<size_t>(q.shape)].sku, q.x, q.y, q.z, q.d.l, q.d.w, q.d.h});
    }
    result.total_cost_minor += out.cost_minor;
    result.cartons_volume_mm3 += t.volume;
    result.cartons.push_back(std::move(out));
  }
  result.fill_rate =
      static_cast<double>(result.items_volume_mm3) / static_cast<double>(result.cartons_volume_mm3);
  return result;
}

bool validate_packing(const std::vector<CartonType>& boxes, const CartonizationResult& result,
                      const std::vector<PackItem>& items, std::string* why) {
  auto fail = [&](const std::string& reason) {
    if (why) *why = reason;
    return false;
  };
  struct Sku {
    Dims dims;
    int64_t weight = 0;
    bool rotatable = true;
    int64_t expected = 0;
    int64_t placed = 0;
  };
  std::map<std::string, Sku> skus;
  int64_t items_volume = 0, units = 0;
  for (const PackItem& it : items) {
    if (it.length_mm < 1 || it.width_mm < 1 || it.height_mm < 1 || it.weight_g < 1 ||
        it.quantity < 1 || it.length_mm > kMaxCartonDimensionMm ||
        it.width_mm > kMaxCartonDimensionMm || it.height_mm > kMaxCartonDimensionMm ||
        it.weight_g > kMaxCartonWeightG || it.quantity > kMaxUnits) {
      return fail("item " + it.sku + " is out of range");
    }
    auto [entry, fresh] = skus.try_emplace(it.sku);
    Sku& s = entry->second;
    if (fresh) {
      s.dims = {it.length_mm, it.width_mm, it.height_mm};
      s.weight = it.weight_g;
      s.rotatable = it.rotatable;
    } else if (s.dims.l != it.length_mm || s.dims.w != it.width_mm || s.dims.h != it.height_mm ||
               s.weight != it.weight_g || s.rotatable != it.rotatable) {
      return fail("sku " + it.sku + " repeats with different attributes");
    }
    s.expected += it.quantity;
    units += it.quantity;
    if (units > kMaxUnits) return fail("too many units");
    items_volume += it.length_mm * it.width_mm * it.height_mm * it.quantity;
  }
  std::map<std::string, const CartonType*> types;
  for (const CartonType& b : boxes) {
    if (b.length_mm < 1 || b.width_mm < 1 || b.height_mm < 1 ||
        b.length_mm > kMaxCartonDimensionMm || b.width_mm > kMaxCartonDimensionMm ||
        b.height_mm > kMaxCartonDimensionMm || b.cost_minor < 0 ||
        b.cost_minor > kMaxCartonCostMinor) {
      return fail("box " + b.code + " is out of range");
    }
    types.emplace(b.code, &b);
  }
  if (result.cartons.size() > static_cast<size_t>(kMaxUnits) + 1) return fail("too many cartons");
  int64_t cost = 0, cartons_volume = 0;
  for (size_t ci = 0; ci < result.cartons.size(); ++ci) {
    const Carton& c = result.cartons[ci];
    const std::string where = "carton " + std::to_string(ci) + " (" + c.code + ")";
    auto type = types.find(c.code);
    if (type == types.end()) return fail(where + ": no such box type");
    const CartonType& b = *type->second;
    if (c.items.empty()) return fail(where + ": empty");
    if (c.items.size() > static_cast<size_t>(kMaxUnits)) return fail(where + ": too many units");
    int64_t weight = 0, volume = 0;
    for (const Placement& q : c.items) {
      auto sku = skus.find(q.sku);
      if (sku == skus.end()) return fail(where + ": sku " + q.sku + " is not in the order");
      Sku& s = sku->second;
      if (++s.placed > s.expected) return fail("sku " + q.sku + " is placed too often");
      std::array<int64_t, 3> placed = {q.length_mm, q.width_mm, q.height_mm};
      std::array<int64_t, 3> own = {s.dims.l, s.dims.w, s.dims.h};
      bool allowed;
      if (s.rotatable) {
        std::sort(placed.begin(), placed.end());
        std::sort(own.begin(), own.end());
        allowed = placed == own;
      } else {
        allowed = q.height_mm == s.dims.h && ((q.length_mm == s.dims.l && q.width_mm == s.dims.w) ||
                                              (q.length_mm == s.dims.w && q.width_mm == s.dims.l));
      }
      if (!allowed) return fail(where + ": sku " + q.sku + " placed in a size it does not have");
      if (q.x_mm < 0 || q.y_mm < 0 || q.z_mm < 0 || q.x_mm > b.length_mm - q.length_mm ||
          q.y_mm > b.width_mm - q.width_mm || q.z_mm > b.height_mm - q.height_mm) {
        return fail(where + ": sku " + q.sku + " sticks out of the carton");
      }
      weight += s.weight;
      volume += q.length_mm * q.width_mm * q.height_mm;
    }
    if (weight != c.weight_g) return fail(where + ": weight_g is not its contents' weight");
    if (weight > b.max_weight_g) return fail(where + ": heavier than max_weight_g");
    const int64_t box_volume = b.length_mm * b.width_mm * b.height_mm;
    if (c.fill_volume_permille != volume * 1000 / box_volume) {
      return fail(where + ": fill_volume_permille is wrong");
    }
    if (c.cost_minor != b.cost_minor) return fail(where + ": cost_minor is not the type's");
    cost += b.cost_minor;
    cartons_volume += box_volume;
    // Sweep along x: only placements whose x ranges meet can overlap.
    std::vector<const Placement*> sorted;
    for (const Placement& q : c.items) sorted.push_back(&q);
    std::sort(sorted.begin(), sorted.end(),
              [](const Placement* a, const Placement* b2) { return a->x_mm < b2->x_mm; });
    for (size_t i = 0; i < sorted.size(); ++i) {
      const Placement& a = *sorted[i];
      for (size_t j = i + 1; j < sorted.size() && sorted[j]->x_mm < a.x_mm + a.length_mm; ++j) {
        const Placement& o = *sorted[j];
        if (a.y_mm < o.y_mm + o.width_mm && o.y_mm < a.y_mm + a.width_mm &&
            a.z_mm < o.z_mm + o.height_mm && o.z_mm < a.z_mm + a.height_mm) {
          return fail(where + ": " + a.sku + " and " + o.sku + " overlap");
        }
      }
    }
  }
  for (const auto& [sku, s] : skus) {
    if (s.placed != s.expected) return fail("sku " + sku + " is not placed as often as ordered");
  }
  if (cost != result.total_cost_minor) return fail("total_cost_minor is not the cartons' sum");
  if (units != result.units) return fail("units is wrong");
  if (items_volume != result.items_volume_mm3) return fail("items_volume_mm3 is wrong");
  if (cartons_volume != result.cartons_volume_mm3) return fail("cartons_volume_mm3 is wrong");
  if (cartons_volume > 0) {
    const double fill = static_cast<double>(items_volume) / static_cast<double>(cartons_volume);
    if (!(std::abs(result.fill_rate - fill) <= 1e-9)) return fail("fill_rate is wrong");
  }
  if (static_cast<int64_t>(result.cartons.size()) < result.volume_lower_bound_cartons) {
    return fail("fewer cartons than the lower bound");
  }
  return true;
}

}  // namespace wareflow::optimize
