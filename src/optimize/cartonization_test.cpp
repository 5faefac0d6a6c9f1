#include "optimize/cartonization.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace wareflow::optimize {
namespace {

CartonType box(std::string code, int64_t l, int64_t w, int64_t h, int64_t max_g, int64_t cost) {
  return CartonType{std::move(code), l, w, h, max_g, cost};
}

PackItem item(std::string sku, int64_t l, int64_t w, int64_t h, int64_t g, int64_t qty,
              bool rotatable = true) {
  return PackItem{std::move(sku), l, w, h, g, qty, rotatable};
}

CartonizationResult checked(const std::vector<CartonType>& boxes,
                            const std::vector<PackItem>& items) {
  CartonizationResult r = cartonize(boxes, items);
  std::string why;
  EXPECT_TRUE(validate_packing(boxes, r, items, &why)) << why;
  return r;
}

template <typename F>
inputs::InputError refusal(F&& f) {
  try {
    f();
  } catch (const inputs::InputError& e) {
    return e;
  }
  ADD_FAILURE() << "not refused";
  return inputs::InputError("", "", "");
}

TEST(Cartonization, EightCubesFillOneBoxExactly) {
  const std::vector<CartonType> boxes = {box("C20", 200, 200, 200, 100'000, 300)};
  const std::vector<PackItem> items = {item("CUBE", 100, 100, 100, 500, 8)};
  const CartonizationResult r = checked(boxes, items);
  ASSERT_EQ(r.cartons.size(), 1u);
  EXPECT_EQ(r.cartons[0].code, "C20");
  EXPECT_EQ(r.cartons[0].items.size(), 8u);
  EXPECT_EQ(r.cartons[0].fill_volume_permille, 1000);
  EXPECT_EQ(r.cartons[0].weight_g, 4000);
  EXPECT_DOUBLE_EQ(r.fill_rate, 1.0);
  EXPECT_EQ(r.volume_lower_bound_cartons, 1);
  EXPECT_EQ(r.total_cost_minor, 300);
  EXPECT_EQ(r.method, "ep_bfd");
}

TEST(Cartonization, ItemThatFitsOnlyRotated) {
  // 300 long on the item's width: only turned does it lie along the box.
  const std::vector<CartonType> boxes = {box("LONG", 300, 100, 100, 10'000, 100)};
  const CartonizationResult r = checked(boxes, {item("ROD", 100, 300, 100, 200, 1)});
  ASSERT_EQ(r.cartons.size(), 1u);
  const Placement& p = r.cartons[0].items[0];
  EXPECT_EQ(p.length_mm, 300);
  EXPECT_EQ(p.width_mm, 100);

  // Standing on end it is 300 tall: it must lie down, and may only if rotatable.
  const std::vector<PackItem> tall = {item("POLE", 100, 100, 300, 200, 1)};
  EXPECT_EQ(checked(boxes, tall).cartons[0].items[0].height_mm, 100);
  const std::vector<PackItem> upright = {item("POLE", 100, 100, 300, 200, 1, false)};
  EXPECT_EQ(refusal([&] { cartonize(boxes, upright); }).code(), "item_too_large");
}

TEST(Cartonization, UprightItemsKeepTheirHeight) {
  const std::vector<CartonType> boxes = {box("B", 400, 300, 300, 100'000, 100)};
  const std::vector<PackItem> items = {item("BOTTLE", 80, 80, 250, 900, 9, false),
                                       item("BOOK", 200, 150, 30, 400, 5)};
  const CartonizationResult r = checked(boxes, items);
  for (const Carton& c : r.cartons) {
    for (const Placement& p : c.items) {
      if (p.sku == "BOTTLE") {
        EXPECT_EQ(p.height_mm, 250);
      }
    }
  }
}

TEST(Cartonization, HeavySetSplitsByWeight) {
  const std::vector<CartonType> boxes = {box("B", 500, 500, 500, 10'000, 100)};
  const CartonizationResult r = checked(boxes, {item("PLATE", 200, 200, 50, 4'000, 4)});
  EXPECT_EQ(r.volume_lower_bound_cartons, 2);
  ASSERT_EQ(r.cartons.size(), 2u);
  for (const Carton& c : r.cartons) EXPECT_LE(c.weight_g, 10'000);
}

TEST(Cartonization, CheaperOfTwoFittingBoxesWins) {
  const std::vector<PackItem> items = {item("A", 100, 100, 100, 100, 2)};
  // The bigger box is cheaper here: cost decides, not size.
  const std::vector<CartonType> boxes = {box("SMALL", 300, 300, 300, 10'000, 200),
                                         box("BIG", 400, 400, 400, 10'000, 150)};
  CartonizationResult r = checked(boxes, items);
  ASSERT_EQ(r.cartons.size(), 1u);
  EXPECT_EQ(r.cartons[0].code, "BIG");
  EXPECT_EQ(r.total_cost_minor, 150);
  // At equal cost the smaller box fills better.
  const std::vector<CartonType> same = {box("BIG", 400, 400, 400, 10'000, 150),
                                        box("SMALL", 300, 300, 300, 10'000, 150)};
  r = checked(same, items);
  ASSERT_EQ(r.cartons.size(), 1u);
  EXPECT_EQ(r.cartons[0].code, "SMALL");
}

TEST(Cartonization, FewerCartonsBeatCheaperCartons) {
  // Two cheap small boxes would cost less than one big one; one carton wins.
  const std::vector<CartonType> boxes = {box("S", 100, 100, 100, 10'000, 10),
                                         box("L", 200, 100, 100, 10'000, 50)};
  const CartonizationResult r = checked(boxes, {item("X", 100, 100, 100, 100, 2)});
  ASSERT_EQ(r.cartons.size(), 1u);
  EXPECT_EQ(r.cartons[0].code, "L");
}

TEST(Cartonization, DownsizesTheLastCarton) {
  const std::vector<CartonType> boxes = {box("S", 100, 100, 100, 10'000, 10),
                                         box("L", 200, 200, 200, 10'000, 50)};
  // Nine cubes: one full large carton and one that a small box holds.
  const CartonizationResult r = checked(boxes, {item("X", 100, 100, 100, 100, 9)});
  ASSERT_EQ(r.cartons.size(), 2u);
  EXPECT_EQ(r.total_cost_minor, 60);
}

TEST(Cartonization, RefusesTooLargeAndTooHeavy) {
  const std::vector<CartonType> boxes = {box("A", 500, 400, 300, 10'000, 100),
                                         box("B", 600, 200, 200, 20'000, 100)};
  inputs::InputError e = refusal([&] {
    cartonize(boxes, {item("OK", 10, 10, 10, 1, 1), item("SOFA", 2000, 900, 800, 5'000, 1)});
  });
  EXPECT_EQ(e.code(), "item_too_large");
  EXPECT_EQ(e.field(), "items[1]");
  EXPECT_NE(std::string(e.what()).find("SOFA"), std::string::npos);
  e = refusal([&] { cartonize(boxes, {item("ANVIL", 100, 100, 100, 30'000, 1)}); });
  EXPECT_EQ(e.code(), "item_too_large");
  // Fits A by size and B by weight, but no one box both ways.
  e = refusal([&] { cartonize(boxes, {item("SAFE", 450, 350, 250, 15'000, 1)}); });
  EXPECT_EQ(e.code(), "item_too_large");
}

TEST(Cartonization, RefusesInvalidInput) {
  const std::vector<CartonType> ok_boxes = {box("A", 100, 100, 100, 1000, 1)};
  const std::vector<PackItem> ok_items = {item("X", 10, 10, 10, 10, 1)};
  auto field_of = [](const std::vector<CartonType>& b, const std::vector<PackItem>& i) {
    const inputs::InputError e = refusal([&] { cartonize(b, i); });
    EXPECT_EQ(e.code(), "invalid_field");
    return e.field();
  };
  EXPECT_EQ(field_of({}, ok_items), "boxes");
  EXPECT_EQ(field_of(ok_boxes, {}), "items");
  EXPECT_EQ(field_of({box("A", 100, 100, 100, 1000, 1), box("A", 50, 50, 50, 10, 1)}, ok_items),
            "boxes[1].code");
  EXPECT_EQ(field_of({box("", 100, 100, 100, 1000, 1)}, ok_items), "boxes[0].code");
  EXPECT_EQ(field_of({box("A", 0, 100, 100, 1000, 1)}, ok_items), "boxes[0].length_mm");
  EXPECT_EQ(field_of({box("A", 100, 100, 100, 0, 1)}, ok_items), "boxes[0].max_weight_g");
  EXPECT_EQ(field_of({box("A", 100, 100, 100, 10, -1)}, ok_items), "boxes[0].cost_minor");
  EXPECT_EQ(field_of(ok_boxes, {item("X", 10, -1, 10, 10, 1)}), "items[0].width_mm");
  EXPECT_EQ(field_of(ok_boxes, {item("X", 10, 10, 10, 0, 1)}), "items[0].weight_g");
  EXPECT_EQ(field_of(ok_boxes, {item("X", 10, 10, 10, 1, 0)}), "items[0].quantity");
  EXPECT_EQ(field_of(ok_boxes, {item("", 10, 10, 10, 1, 1)}), "items[0].sku");
  EXPECT_EQ(field_of(ok_boxes, {item("X", 10, 10, 10, 1, 1), item("X", 10, 10, 11, 1, 1)}),
            "items[1].sku");
  // The same sku on two lines, alike: one sku, quantities added.
  const CartonizationResult r =
      checked(ok_boxes, {item("X", 10, 10, 10, 1, 2), item("X", 10, 10, 10, 1, 3)});
  EXPECT_EQ(r.units, 5);
  const inputs::InputError many = refusal([&] {
    cartonize(ok_boxes, {item("X", 1, 1, 1, 1, 6000), item("Y", 1, 1, 1, 1, 6000)});
  });
  EXPECT_EQ(many.code(), "too_many_units");
}

TEST(Cartonization, ValidatorCatchesBrokenPackings) {
  const std::vector<CartonType> boxes = {box("C20", 200, 200, 200, 100'000, 300)};
  const std::vector<PackItem> items = {item("CUBE", 100, 100, 100, 500, 8)};
  const CartonizationResult good = cartonize(boxes, items);
  std::string why;
  ASSERT_TRUE(validate_packing(boxes, good, items, &why)) << why;
  CartonizationResult bad = good;
  bad.cartons[0].items[1].x_mm = bad.cartons[0].items[0].x_mm;
  bad.cartons[0].items[1].y_mm = bad.cartons[0].items[0].y_mm;
  bad.cartons[0].items[1].z_mm = bad.cartons[0].items[0].z_mm;
  EXPECT_FALSE(validate_packing(boxes, bad, items, &why));
  bad = good;
  bad.cartons[0].items[0].x_mm = 150;
  EXPECT_FALSE(validate_packing(boxes, bad, items, &why));
  bad = good;
  bad.cartons[0].items.pop_back();
  EXPECT_FALSE(validate_packing(boxes, bad, items, &why));
  bad = good;
  bad.cartons[0].code = "NOPE";
  EXPECT_FALSE(validate_packing(boxes, bad, items, &why));
  EXPECT_FALSE(validate_packing({box("C20", 200, 200, 200, 3'000, 300)}, good, items, &why));
  EXPECT_FALSE(validate_packing(
      boxes, good,
      {item("CUBE", 100, 100, 100, 500, 8, false), item("CUBE", 100, 100, 100, 500, 1)}, &why));
}

// Random instances: a catalogue of 1-5 boxes and 1-8 lines that always fit.
struct Instance {
  std::vector<CartonType> boxes;
  std::vector<PackItem> items;
};

rc::Gen<Instance> instances() {
  return rc::gen::exec([] {
    Instance in;
    const int nb = *rc::gen::inRange(1, 6);
    for (int i = 0; i < nb; ++i) {
      in.boxes.push_back(
          box("B" + std::to_string(i), *rc::gen::inRange<int64_t>(50, 601),
              *rc::gen::inRange<int64_t>(50, 601), *rc::gen::inRange<int64_t>(50, 601),
              *rc::gen::inRange<int64_t>(1'000, 30'001), *rc::gen::inRange<int64_t>(0, 1000)));
    }
    const CartonType& big = in.boxes[static_cast<size_t>(*rc::gen::inRange(0, nb))];
    const int ni = *rc::gen::inRange(1, 9);
    for (int i = 0; i < ni; ++i) {
      // Sized within the chosen box so every unit has a home.
      in.items.push_back(item("S" + std::to_string(i),
                              *rc::gen::inRange<int64_t>(1, big.length_mm + 1),
                              *rc::gen::inRange<int64_t>(1, big.width_mm + 1),
                              *rc::gen::inRange<int64_t>(1, big.height_mm + 1),
                              *rc::gen::inRange<int64_t>(1, big.max_weight_g + 1),
                              *rc::gen::inRange<int64_t>(1, 13), *rc::gen::arbitrary<bool>()));
    }
    return in;
  });
}

RC_GTEST_PROP(CartonizationProperty, PackingsAreValidBoundedAndDeterministic, ()) {
  const Instance in = *instances();
  const CartonizationResult r = cartonize(in.boxes, in.items);
  std::string why;
  RC_ASSERT(validate_packing(in.boxes, r, in.items, &why));
  RC_ASSERT(static_cast<int64_t>(r.cartons.size()) >= r.volume_lower_bound_cartons);
  RC_ASSERT(static_cast<int64_t>(r.cartons.size()) <= r.units);
  RC_ASSERT(r.fill_rate > 0.0 && r.fill_rate <= 1.0);
  const CartonizationResult again = cartonize(in.boxes, in.items);
  RC_ASSERT(again.cartons.size() == r.cartons.size());
  RC_ASSERT(again.total_cost_minor == r.total_cost_minor);
  RC_ASSERT(again.strategy == r.strategy);
  for (size_t c = 0; c < r.cartons.size(); ++c) {
    RC_ASSERT(again.cartons[c].code == r.cartons[c].code);
    RC_ASSERT(again.cartons[c].items.size() == r.cartons[c].items.size());
    for (size_t i = 0; i < r.cartons[c].items.size(); ++i) {
      const Placement& a = again.cartons[c].items[i];
      const Placement& b = r.cartons[c].items[i];
      RC_ASSERT(a.sku == b.sku && a.x_mm == b.x_mm && a.y_mm == b.y_mm && a.z_mm == b.z_mm &&
                a.length_mm == b.length_mm && a.width_mm == b.width_mm &&
                a.height_mm == b.height_mm);
    }
  }
}

// Arbitrary input: either a valid packing or a inputs::InputError, nothing else.
RC_GTEST_PROP(CartonizationProperty, AnyInputIsPackedOrRefused, ()) {
  const auto nb = *rc::gen::inRange(0, 4);
  std::vector<CartonType> boxes;
  for (int i = 0; i < nb; ++i) {
    boxes.push_back(box(*rc::gen::element<std::string>("A", "B", ""),
                        *rc::gen::inRange<int64_t>(-5, 400), *rc::gen::inRange<int64_t>(-5, 400),
                        *rc::gen::inRange<int64_t>(-5, 400), *rc::gen::inRange<int64_t>(-5, 5000),
                        *rc::gen::inRange<int64_t>(-5, 100)));
  }
  const auto ni = *rc::gen::inRange(0, 5);
  std::vector<PackItem> items;
  for (int i = 0; i < ni; ++i) {
    items.push_back(item(*rc::gen::element<std::string>("X", "Y", ""),
                         *rc::gen::inRange<int64_t>(-5, 500), *rc::gen::inRange<int64_t>(-5, 500),
                         *rc::gen::inRange<int64_t>(-5, 500), *rc::gen::inRange<int64_t>(-5, 6000),
                         *rc::gen::inRange<int64_t>(-2, 40), *rc::gen::arbitrary<bool>()));
  }
  try {
    const CartonizationResult r = cartonize(boxes, items);
    std::string why;
    RC_ASSERT(validate_packing(boxes, r, items, &why));
  } catch (const inputs::InputError& e) {
    RC_ASSERT(!e.code().empty());
  }
}

TEST(Cartonization, TenThousandUnitsStayBounded) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> side(5, 120);
  const std::vector<CartonType> boxes = {box("S", 300, 200, 150, 20'000, 100),
                                         box("M", 400, 300, 300, 25'000, 180),
                                         box("L", 600, 400, 400, 30'000, 260)};
  // Worst shape for the search: every unit a different sku.
  std::vector<PackItem> distinct;
  for (int i = 0; i < 10'000; ++i) {
    distinct.push_back(item("U" + std::to_string(i), side(rng), side(rng), side(rng), 50, 1));
  }
  // And many units of few skus.
  std::vector<PackItem> bulk = {item("SCREW", 20, 10, 10, 5, 6000),
                                item("NUT", 10, 10, 8, 3, 4000)};
  for (const std::vector<PackItem>* items : {&distinct, &bulk}) {
    const auto start = std::chrono::steady_clock::now();
    const CartonizationResult r = checked(boxes, *items);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("10,000 units (%zu skus): %zu cartons, lower bound %lld, fill %.3f, %s, %.2f s\n",
                items->size(), r.cartons.size(),
                static_cast<long long>(r.volume_lower_bound_cartons), r.fill_rate, r.method.c_str(),
                seconds);
  }
}

// Figures, not assertions: ~200 seeded orders against one box per order.
TEST(Cartonization, BenchmarkAgainstOneBoxPerOrder) {
  std::mt19937_64 rng(20240611);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const std::vector<CartonType> boxes = {
      box("XS", 200, 150, 100, 5'000, 60), box("S", 300, 200, 150, 10'000, 90),
      box("M", 400, 300, 200, 15'000, 130), box("L", 500, 400, 300, 20'000, 190),
      box("XL", 600, 500, 400, 30'000, 260)};
  std::vector<PackItem> catalogue;
  for (int i = 0; i < 30; ++i) {
    catalogue.push_back(item("SKU" + std::to_string(i), uniform(20, 300), uniform(20, 250),
                             uniform(10, 200), uniform(50, 3000), 1, uniform(0, 4) != 0));
  }
  const int kOrders = 200;
  double cartons = 0, fill = 0, base_cartons = 0, base_fill = 0, bound = 0, cost = 0, base_cost = 0;
  int one_box_orders = 0, screen_one_box = 0, screen_really_fits = 0;
  double largest_fill = 0, largest_cost = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int o = 0; o < kOrders; ++o) {
    std::vector<PackItem> order;
    std::vector<int> picked;
    const int lines = static_cast<int>(uniform(1, 12));
    for (int l = 0; l < lines; ++l) {
      int s;
      do s = static_cast<int>(uniform(0, 29));
      while (std::find(picked.begin(), picked.end(), s) != picked.end());
      picked.push_back(s);
      PackItem it = catalogue[static_cast<size_t>(s)];
      it.quantity = uniform(1, 3);
      order.push_back(it);
    }
    const CartonizationResult r = checked(boxes, order);
    cartons += static_cast<double>(r.cartons.size());
    fill += r.fill_rate;
    bound += static_cast<double>(r.volume_lower_bound_cartons);
    cost += static_cast<double>(r.total_cost_minor);
    one_box_orders += r.cartons.size() == 1;
    // Baseline: the smallest box that passes the screen (volume, weight, each
    // unit alone fits), else the largest box, as many as volume and weight need.
    int64_t volume = 0, weight = 0;
    for (const PackItem& it : order) {
      volume += it.length_mm * it.width_mm * it.height_mm * it.quantity;
      weight += it.weight_g * it.quantity;
    }
    const CartonType* chosen = nullptr;
    for (const CartonType& b : boxes) {  // ascending size
      bool fits = volume <= b.length_mm * b.width_mm * b.height_mm && weight <= b.max_weight_g;
      for (const PackItem& it : order) {
        std::array<int64_t, 3> s = {it.length_mm, it.width_mm, it.height_mm};
        std::array<int64_t, 3> bs = {b.length_mm, b.width_mm, b.height_mm};
        std::sort(s.begin(), s.end());
        std::sort(bs.begin(), bs.end());
        fits = fits && s[0] <= bs[0] && s[1] <= bs[1] && s[2] <= bs[2];
      }
      if (fits) {
        chosen = &b;
        break;
      }
    }
    int64_t n = 1;
    if (!chosen) {
      chosen = &boxes.back();
      const int64_t bv = chosen->length_mm * chosen->width_mm * chosen->height_mm;
      n = std::max((volume + bv - 1) / bv,
                   (weight + chosen->max_weight_g - 1) / chosen->max_weight_g);
    } else {
      ++screen_one_box;
    }
    if (n == 1) {
      // Does the screen's box really take the order? Pack it into that box alone.
      // (The screen turns every unit freely, so the box may refuse an upright one.)
      try {
        screen_really_fits += cartonize({*chosen}, order).cartons.size() == 1;
      } catch (const inputs::InputError&) {
      }
    }
    const CartonType& xl = boxes.back();
    const int64_t xlv = xl.length_mm * xl.width_mm * xl.height_mm;
    const int64_t nxl =
        std::max((volume + xlv - 1) / xlv, (weight + xl.max_weight_g - 1) / xl.max_weight_g);
    largest_fill += static_cast<double>(volume) / static_cast<double>(nxl * xlv);
    largest_cost += static_cast<double>(nxl * xl.cost_minor);
    base_cartons += static_cast<double>(n);
    base_cost += static_cast<double>(n * chosen->cost_minor);
    base_fill += static_cast<double>(volume) /
                 static_cast<double>(n * chosen->length_mm * chosen->width_mm * chosen->height_mm);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d orders (1-12 lines, 1-3 units each, 30 skus, 5 boxes):\n", kOrders);
  std::printf("  ep_bfd:            %.3f cartons/order, fill %.3f, cost %.1f, one carton in %d\n",
              cartons / kOrders, fill / kOrders, cost / kOrders, one_box_orders);
  std::printf(
      "  one box (screen):  %.3f cartons/order, fill %.3f, cost %.1f, one box in %d "
      "(screen only: not a real packing)\n",
      base_cartons / kOrders, base_fill / kOrders, base_cost / kOrders, screen_one_box);
  std::printf("  screen's one box really packs the order in %d of %d\n", screen_really_fits,
              screen_one_box);
  std::printf(
      "  largest box (XL):  %.3f cartons/order (volume/weight bound), fill %.3f, cost %.1f\n",
      bound / kOrders, largest_fill / kOrders, largest_cost / kOrders);
  std::printf("  lower bound:       %.3f cartons/order\n", bound / kOrders);
  std::printf("  time:              %.3f s in all, %.2f ms/order\n", seconds,
              1000 * seconds / kOrders);
}

}  // namespace
}  // namespace wareflow::optimize
