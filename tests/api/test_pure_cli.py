"""`wareflow optimize route|batch|slot|cartonize|source` and `wareflow forecast|reorder|simulate`: the pure
cores on the command line, JSON in and out, clear codes for bad input."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_cli  # noqa: E402


def run_json(command, request):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(request if isinstance(request, str) else json.dumps(request))
        path = f.name
    try:
        p = run_cli(*command, "--input", path)
        return p.returncode, json.loads(p.stdout)
    finally:
        os.unlink(path)


LAYOUT = {"aisles": 4, "blocks": 1, "cells_per_block": 10, "aisle_pitch_mm": 3000,
          "cell_pitch_mm": 1000, "depot_aisle": 0}


class OptimizeRoute(unittest.TestCase):
    def test_one_aisle_there_and_back(self):
        # depot at aisle 0, y = 0; cell 4 is at y = 5 * 1000: out and back = 10,000 mm
        rc, out = run_json(["optimize", "route"], {"layout": LAYOUT, "picks": [{"aisle": 0, "cell": 4}],
                                                   "method": "exact"})
        self.assertEqual(rc, 0, out)
        self.assertEqual(out["sequence"], [0])
        self.assertAlmostEqual(out["length_mm"], 10000, places=3)
        self.assertTrue(out["optimal"])

    def test_exact_is_never_longer_than_s_shape(self):
        picks = [{"aisle": a, "cell": c} for a, c in [(0, 9), (1, 2), (2, 7), (3, 0), (1, 8), (2, 3)]]
        rc, exact = run_json(["optimize", "route"], {"layout": LAYOUT, "picks": picks, "method": "exact"})
        self.assertEqual(rc, 0, exact)
        rc, s_shape = run_json(["optimize", "route"], {"layout": LAYOUT, "picks": picks, "method": "s_shape"})
        self.assertEqual(rc, 0, s_shape)
        self.assertEqual(sorted(exact["sequence"]), list(range(len(picks))))
        self.assertLessEqual(exact["length_mm"], s_shape["length_mm"] + 1e-6)
        self.assertFalse(s_shape["optimal"])

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["optimize", "route"], {"layout": LAYOUT, "picks": [{"aisle": 9, "cell": 0}]})
        self.assertEqual(rc, 1)
        self.assertEqual(out["code"], "pick_outside_layout")
        rc, out = run_json(["optimize", "route"], {"layout": LAYOUT, "picks": [{"aisle": 0}]})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "picks[0].cell"))
        rc, out = run_json(["optimize", "route"], "{not json")
        self.assertEqual((rc, out["code"]), (1, "malformed_json"))


class OptimizeBatch(unittest.TestCase):
    ORDERS = [{"id": 1, "picks": [{"aisle": 0, "cell": 3}], "items": 4},
              {"id": 2, "picks": [{"aisle": 3, "cell": 8}], "items": 5},
              {"id": 3, "picks": [{"aisle": 0, "cell": 5}], "items": 5}]

    def test_orders_in_one_aisle_share_a_cart(self):
        rc, out = run_json(["optimize", "batch"], {"layout": LAYOUT, "cart": {"max_items": 10},
                                                   "orders": self.ORDERS})
        self.assertEqual(rc, 0, out)
        self.assertEqual(sorted(sorted(b["orders"]) for b in out["batches"]), [[1, 3], [2]])
        self.assertLess(out["total_length_mm"], out["fcfs_length_mm"])
        self.assertTrue(all(b["items"] <= 10 for b in out["batches"]))
        self.assertAlmostEqual(out["total_length_mm"], sum(b["route_length_mm"] for b in out["batches"]))
        rc, fcfs = run_json(["optimize", "batch"], {"layout": LAYOUT, "cart": {"max_items": 10},
                                                    "orders": self.ORDERS, "method": "fcfs"})
        self.assertEqual([b["orders"] for b in fcfs["batches"]], [[1, 2], [3]])

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["optimize", "batch"], {"layout": LAYOUT, "cart": {"max_items": 4},
                                                   "orders": self.ORDERS})
        self.assertEqual((rc, out["code"]), (1, "order_exceeds_capacity"))
        rc, out = run_json(["optimize", "batch"], {"layout": LAYOUT, "cart": {"max_items": 10},
                                                   "orders": self.ORDERS + [self.ORDERS[0]]})
        self.assertEqual((rc, out["code"]), (1, "duplicate_order_id"))
        rc, out = run_json(["optimize", "batch"], {"layout": LAYOUT, "orders": self.ORDERS})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "cart"))


class OptimizeCartonize(unittest.TestCase):
    BOXES = [{"code": "S", "length_mm": 200, "width_mm": 200, "height_mm": 200, "max_weight_g": 5000,
              "cost_minor": 40},
             {"code": "L", "length_mm": 400, "width_mm": 400, "height_mm": 400, "max_weight_g": 20000,
              "cost_minor": 90}]

    def test_eight_cubes_fill_the_small_box(self):
        rc, out = run_json(["optimize", "cartonize"], {"boxes": self.BOXES, "items": [
            {"sku": "CUBE", "length_mm": 100, "width_mm": 100, "height_mm": 100, "weight_g": 100, "quantity": 8}]})
        self.assertEqual(rc, 0, out)
        self.assertEqual([c["box"] for c in out["cartons"]], ["S"])
        self.assertEqual(out["cartons"][0]["fill_volume_permille"], 1000)
        self.assertEqual(len(out["cartons"][0]["placements"]), 8)
        # no two placements overlap
        boxes = [(p["x_mm"], p["y_mm"], p["z_mm"], p["length_mm"], p["width_mm"], p["height_mm"])
                 for p in out["cartons"][0]["placements"]]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = all(a[k] < b[k] + b[k + 3] and b[k] < a[k] + a[k + 3] for k in range(3))
                self.assertFalse(overlap, (a, b))

    def test_an_item_no_box_holds_is_refused(self):
        rc, out = run_json(["optimize", "cartonize"], {"boxes": self.BOXES, "items": [
            {"sku": "POLE", "length_mm": 2000, "width_mm": 50, "height_mm": 50, "weight_g": 900, "quantity": 1}]})
        self.assertEqual((rc, out["code"]), (1, "item_too_large"))
        rc, out = run_json(["optimize", "cartonize"], {"boxes": [], "items": []})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "boxes"))


class OptimizeSlot(unittest.TestCase):
    SLOTS = [{"id": "NEAR", "location": {"aisle": 0, "cell": 0}, "volume_cm3": 1000},
             {"id": "MID", "location": {"aisle": 1, "cell": 5}, "volume_cm3": 1000},
             {"id": "FAR", "location": {"aisle": 3, "cell": 9}, "volume_cm3": 1000}]

    def test_the_fast_mover_goes_near_the_depot_in_one_swap(self):
        skus = [{"id": "slow", "picks": 1, "unit_volume_cm3": 100, "current_slot": "NEAR"},
                {"id": "fast", "picks": 50, "unit_volume_cm3": 100, "current_slot": "FAR"}]
        rc, out = run_json(["optimize", "slot"], {"layout": LAYOUT, "slots": self.SLOTS, "skus": skus,
                                                  "max_moves": 2})
        self.assertEqual(rc, 0, out)
        self.assertEqual(out["method"], "velocity")
        target = {a["sku"]: a["slot"] for a in out["assignments"]}
        self.assertEqual(target["fast"], "NEAR")
        # A swap is two moves: fast into NEAR, slow out to FAR.
        self.assertEqual([(m["kind"], m["sku"], m["to_slot"]) for m in out["plan"]],
                         [("swap", "fast", "NEAR"), ("swap", "slow", "FAR")])
        self.assertLess(out["planned_travel_mm"], out["current_travel_mm"])
        # Round trips: NEAR 2 * 1 m; FAR 2 * (9 m across + 10 m in) = 38 m.
        self.assertEqual(out["current_travel_mm"], 1 * 2000 + 50 * 38000)
        self.assertEqual(out["planned_travel_mm"], 50 * 2000 + 1 * 38000)

    def test_bad_input_is_refused_with_a_code(self):
        base = {"layout": LAYOUT, "slots": self.SLOTS,
                "skus": [{"id": "a", "picks": 1, "unit_volume_cm3": 1, "current_slot": "NOPE"}]}
        rc, out = run_json(["optimize", "slot"], base)
        self.assertEqual((rc, out["code"], out["field"]), (1, "unknown_slot", "skus[0].current_slot"))
        rc, out = run_json(["optimize", "slot"], dict(base, skus=[], method="random"))
        self.assertEqual((rc, out["code"]), (1, "unsupported_method"))
        rc, out = run_json(["optimize", "slot"], dict(base, skus=[], abc_thresholds=[0.9, 0.5]))
        self.assertEqual((rc, out["code"]), (1, "invalid_parameter"))
        rc, out = run_json(["optimize", "slot"], dict(base, slots=[dict(self.SLOTS[0], volume_cm3=0)]))
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "slots[0].volume_cm3"))


class OptimizeSource(unittest.TestCase):
    # Greedy set cover takes the warehouse covering most first (3 lines at W9)
    # and then needs two more; two warehouses together cover it all.
    TRAP = {"quantities": [1, 1, 1, 1],
            "warehouses": [{"id": 9, "distance": 1, "available": [1, 1, 1, 0]},
                           {"id": 1, "distance": 5, "available": [1, 1, 0, 0]},
                           {"id": 2, "distance": 5, "available": [0, 0, 1, 1]}]}

    def test_exact_program_ships_fewest_and_proves_it(self):
        rc, out = run_json(["optimize", "source"], dict(self.TRAP, method="mip"))
        self.assertEqual(rc, 0, out)
        self.assertEqual((out["method"], out["optimal"], out["shipments"]), ("mip", True, 2))
        self.assertEqual(out["backordered"], [0, 0, 0, 0])
        self.assertEqual(sum(a["quantity"] for a in out["assignments"]), 4)
        rc, base = run_json(["optimize", "source"], dict(self.TRAP, method="nearest_first_line"))
        self.assertEqual(rc, 0, base)
        self.assertGreaterEqual(base["shipments"], out["shipments"])

    def test_units_nobody_has_are_backordered(self):
        rc, out = run_json(["optimize", "source"], {"lines": [{"quantity": 5}],
                                                    "warehouses": [{"id": 1, "available": [3]}]})
        self.assertEqual(rc, 0, out)
        self.assertEqual(out["backordered"], [2])

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["optimize", "source"], {"quantities": [1], "lines": [], "warehouses": []})
        self.assertEqual((rc, out["code"]), (1, "invalid_field"))
        rc, out = run_json(["optimize", "source"], {"quantities": [1, 2],
                                                    "warehouses": [{"id": 1, "available": [1]}]})
        self.assertEqual((rc, out["code"]), (1, "invalid_availability"))
        rc, out = run_json(["optimize", "source"], {"quantities": [1],
                                                    "warehouses": [{"id": 1, "available": [1]},
                                                                   {"id": 1, "available": [1]}]})
        self.assertEqual((rc, out["code"]), (1, "duplicate_warehouse"))
        rc, out = run_json(["optimize", "source"], dict(self.TRAP, method="magic"))
        self.assertEqual((rc, out["code"]), (1, "invalid_parameter"))
        rc, out = run_json(["optimize", "source"], {"quantities": [-1], "warehouses": []})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "quantities[0]"))


class Forecast(unittest.TestCase):
    def test_constant_series_forecasts_the_constant(self):
        rc, out = run_json(["forecast"], {"horizon": 5, "model": "ses",
                                          "series": [{"id": "a", "values": [4] * 40}]})
        self.assertEqual(rc, 0, out)
        f = out["forecasts"][0]
        self.assertEqual((f["id"], f["model"], len(f["values"])), ("a", "ses", 5))
        for v in f["values"]:
            self.assertAlmostEqual(v, 4, places=6)

    def test_auto_on_a_weekly_pattern_backtests(self):
        week = [10, 12, 11, 13, 30, 45, 5]
        rc, out = run_json(["forecast"], {"horizon": 7, "series": [{"id": "w", "values": week * 12}]})
        self.assertEqual(rc, 0, out)
        f = out["forecasts"][0]
        self.assertIn(f["model"], ("holt_winters", "seasonal_naive"))
        self.assertIsNotNone(f["backtest_mase"])
        for low, v, high in zip(f["lower"], f["values"], f["upper"]):
            self.assertTrue(0 <= low <= v <= high)

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["forecast"], {"horizon": 7, "series": [{"id": "x", "values": [1, -2, 3]}]})
        self.assertEqual((rc, out["code"]), (1, "invalid_value"))
        rc, out = run_json(["forecast"], {"horizon": 7, "model": "magic",
                                          "series": [{"id": "x", "values": [1, 2, 3]}]})
        self.assertEqual((rc, out["code"]), (1, "unknown_model"))
        rc, out = run_json(["forecast"], {"horizon": 0, "series": []})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "horizon"))


if __name__ == "__main__":
    unittest.main()


class Reorder(unittest.TestCase):
    # 20 +/- 5 a day, 4 days' lead time: sigma over the lead time 10, safety
    # stock 1.645 * 10 = 16.45 at 95 %, reorder point 80 + 16.45 -> 97: a
    # position of 98 waits, one of 97 (at the reorder point) orders.
    ITEM = {"sku": "MUG", "warehouse": "BER", "supplier": "ACME", "daily_demand": [20] * 7,
            "daily_sigma": [5], "lead_time_days": 4, "on_hand": 98, "pack_size": 12,
            "unit_cost_minor": 250, "service": {"level": 0.95}}

    def test_textbook_reorder_point_and_a_suggestion_in_packs(self):
        rc, out = run_json(["reorder"], {"items": [self.ITEM, dict(self.ITEM, sku="CUP", on_hand=97)]})
        self.assertEqual(rc, 0, out)
        mug, cup = out["plans"]
        self.assertAlmostEqual(mug["safety_stock"], 16.4485, places=3)
        self.assertEqual(mug["reorder_point"], 97)
        self.assertEqual((mug["suggested_quantity"], mug["reason"]), (0, "above_reorder_point"))
        self.assertEqual(cup["reason"], "below_reorder_point")
        self.assertGreater(cup["suggested_quantity"], 0)
        self.assertEqual(cup["suggested_quantity"] % 12, 0)
        self.assertEqual([s["supplier"] for s in out["suppliers"]], ["ACME"])
        line, = out["suppliers"][0]["lines"]
        self.assertEqual((line["sku"], line["value_minor"]), ("CUP", cup["suggested_quantity"] * 250))

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["reorder"], {"items": [dict(self.ITEM, daily_demand=[-1])]})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "items[0].daily_demand[0]"))
        rc, out = run_json(["reorder"], {"items": [dict(self.ITEM, policy="magic")]})
        self.assertEqual((rc, out["code"]), (1, "invalid_policy"))
        rc, out = run_json(["reorder"], {"items": [dict(self.ITEM, service={"level": 1})]})
        self.assertEqual((rc, out["code"]), (1, "invalid_service_level"))
        rc, out = run_json(["reorder"], {"items": [dict(self.ITEM, daily_demand=[])]})
        self.assertEqual((rc, out["code"]), (1, "invalid_forecast"))


class Simulate(unittest.TestCase):
    """`wareflow simulate`: a day small enough to do on paper."""

    # One picker, one packer. Pick 60 s per order + 10 s per unit, pack 30 s.
    # The earlier cut-off is picked first: order 1 (2 units) 0-80 s, order 2
    # (1 unit) 80-150 s; packing 80-110 s and 150-180 s.
    DAY = {"start_ms": 0,
           "orders": [{"id": 2, "ship_by_ms": 7200000, "units": 1},
                      {"id": 1, "ship_by_ms": 150000, "units": 2}],
           "pickers": [{"count": 1, "from_ms": 0, "to_ms": 7200000}],
           "packers": [{"count": 1, "from_ms": 0, "to_ms": 7200000}],
           "pick": {"per_order_ms": 60000, "per_unit_ms": 10000},
           "pack": {"per_order_ms": 30000}}

    def test_a_day_on_paper(self):
        rc, out = run_json(["simulate"], self.DAY)
        self.assertEqual(rc, 0, out)
        by_id = {o["id"]: o for o in out["orders"]}
        self.assertEqual([o["id"] for o in out["orders"]], [2, 1])  # request order
        self.assertEqual((by_id[1]["pick_end_ms"], by_id[1]["pack_end_ms"], by_id[1]["late"]), (80000, 110000, False))
        self.assertEqual((by_id[2]["pick_start_ms"], by_id[2]["pick_end_ms"], by_id[2]["pack_end_ms"]),
                         (80000, 150000, 180000))
        self.assertEqual({s["stage"]: s["clear_ms"] for s in out["stages"]},
                         {"pick": 150000, "pack": 180000, "ship": 180000})
        self.assertEqual((out["late_orders"], out["makespan_ms"]), (0, 180000))
        # a second picker takes order 2 at once: picked 0-70 s, packed 70-100 s; order 1,
        # picked by 80 s, waits for the packer until 100 s and is done at 130 s
        plus_picker = [w for w in out["what_if"] if w["name"] == "+1 picker"][0]
        self.assertEqual(plus_picker["makespan_ms"], 130000)
        rc2, again = run_json(["simulate"], self.DAY)
        self.assertEqual(again, out)

    def test_bad_input_is_refused_with_a_code(self):
        rc, out = run_json(["simulate"], {"orders": [{"id": 1, "stage": "lost"}]})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_order", "orders[0].stage"))
        rc, out = run_json(["simulate"], {"orders": [{"id": 1}], "pickers": [{"count": 1, "from_ms": 5, "to_ms": 5}]})
        self.assertEqual(rc, 1)
        self.assertIn("pickers[0]", out["field"])
        rc, out = run_json(["simulate"], {"orders": "none"})
        self.assertEqual((rc, out["code"], out["field"]), (1, "invalid_field", "orders"))
        rc, out = run_json(["simulate"], "[1]")
        self.assertEqual((rc, out["code"]), (1, "malformed_json"))
