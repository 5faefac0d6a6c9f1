"""Blind counts are blind on every route: while a location is under an open
count, a counter (operator) and a viewer read no book quantity of it anywhere
(a product's stock, stock by location, the moves, pick faces, the dashboard's
alerts, the space report, the count itself, the event feed's stock flows, the reorder
suggestions' inventory position), nor the warehouse totals that
would give it away; managers see everything, the integration role keeps its
availability, and once the count is closed the counter sees the figures again.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402

BOOK = 37          # units on the books at the counted location: a number nothing else shows
OTHER = 5          # units at a location of the same warehouse that is not counted
ELSEWHERE = 9      # units in a warehouse without counts
UNIT_CM3 = 1000    # the product is 100 x 100 x 100 mm
SECRETS = {BOOK, BOOK + OTHER, BOOK * UNIT_CM3, (BOOK + OTHER) * UNIT_CM3}


def numbers(value, key=""):
    """Every number in a JSON body but ids (which may be anything)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "id" and not k.endswith("_id"):
                yield from numbers(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v, key)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


class BlindCounts(ApiTestCase):
    PER_TEST = True

    def setUp(self):
        super().setUp()
        self.wh, self.far = self.uniq("B").replace("-", ""), self.uniq("F").replace("-", "")
        self.put_warehouse(self.wh, layout=(1, 4, 2), pick_levels=1)
        self.put_warehouse(self.far, layout=(1, 2, 1), pick_levels=1)
        self.sku = self.uniq("S")
        self.put_product(self.sku, length_mm=100, width_mm=100, height_mm=100)
        picks = self.ok("GET", "warehouses/%s/locations?type=pick" % self.wh)["locations"]
        self.counted, self.open = picks[0]["code"], picks[1]["code"]
        self.far_pick = self.ok("GET", "warehouses/%s/locations?type=pick" % self.far)["locations"][0]["code"]
        self.assertEqual(self.far_pick, self.counted)  # the same code in another warehouse, not counted
        self.adjust(self.wh, self.counted, self.sku, BOOK)
        self.adjust(self.wh, self.open, self.sku, OTHER)
        self.adjust(self.far, self.far_pick, self.sku, ELSEWHERE)
        # The counted location is a pick face below its minimum (a dashboard alert), the other one too.
        for loc in (self.counted, self.open):
            self.ok("PUT", "warehouses/%s/pick-faces/%s" % (self.wh, loc),
                    {"sku": self.sku, "min_quantity": 40, "max_quantity": 100}, token="manager")
        self.count = self.ok("POST", "counts", {"warehouse": self.wh, "location": self.counted}, status=201,
                             token="manager")

    def routes(self):
        return {
            "inventory": "inventory/%s" % self.sku,
            "stock": "warehouses/%s/stock" % self.wh,
            "moves": "inventory/%s/moves" % self.sku,
            "pick_faces": "warehouses/%s/pick-faces" % self.wh,
            "dashboard": "reports/dashboard?warehouse=%s" % self.wh,
            "space": "reports/space?warehouse=%s" % self.wh,
            "count": "counts/%d" % self.count["id"],
            "counts": "counts?warehouse=%s" % self.wh,
        }

    def read_all(self, token):
        return {name: self.ok("GET", path, token=token, status=200) for name, path in self.routes().items()}

    def warehouse_row(self, inventory, code):
        [row] = [w for w in inventory["warehouses"] if w["warehouse"] == code]
        return row

    def assert_blind(self, token):
        bodies = self.read_all(token)
        for name, body in bodies.items():
            leaked = SECRETS & set(numbers(body))
            self.assertFalse(leaked, "%s shows %s to %s the book quantity of %s: %s"
                             % (name, leaked, token, self.counted, body))
        # the product: no row at the counted location, no totals in its warehouse ...
        row = self.warehouse_row(bodies["inventory"], self.wh)
        self.assertEqual(row["hidden"], "open_count")
        self.assertEqual((row["on_hand"], row["allocated"], row["available"]), (None, None, None))
        self.assertEqual([(l["location"], l["on_hand"]) for l in row["locations"]], [(self.open, OTHER)])
        # ... and a warehouse without counts as it is
        far = self.warehouse_row(bodies["inventory"], self.far)
        self.assertNotIn("hidden", far)
        self.assertEqual((far["on_hand"], far["available"]), (ELSEWHERE, ELSEWHERE))
        # stock by location: the counted location listed, its figures hidden
        stock = {l["location"]: l for l in bodies["stock"]["locations"]}
        self.assertIn(self.counted, stock, "a counted location is listed, stock on the books or not")
        self.assertEqual(stock[self.counted]["hidden"], "open_count")
        for key in ("on_hand", "reserved", "products", "top_sku", "used_cm3"):
            self.assertIsNone(stock[self.counted][key], key)
        self.assertEqual((stock[self.open]["on_hand"], stock[self.open]["used_cm3"]), (OTHER, OTHER * UNIT_CM3))
        self.assertNotIn("hidden", stock[self.open])
        # moves: the one into the counted location has no quantity, the others have theirs (the far
        # warehouse's location of the same code included: a count is of one warehouse's location)
        moves = {(m["warehouse"], m["to_location"]): m for m in bodies["moves"]["moves"]}
        self.assertEqual(moves[self.wh, self.counted]["hidden"], "open_count")
        self.assertIsNone(moves[self.wh, self.counted]["quantity"])
        self.assertEqual(moves[self.wh, self.open]["quantity"], OTHER)
        self.assertEqual(moves[self.far, self.far_pick]["quantity"], ELSEWHERE)
        # pick faces
        faces = {f["location"]: f for f in bodies["pick_faces"]["pick_faces"]}
        self.assertEqual((faces[self.counted]["hidden"], faces[self.counted]["on_hand"],
                          faces[self.counted]["reserved"]), ("open_count", None, None))
        self.assertEqual(faces[self.open]["on_hand"], OTHER)
        # the dashboard does not say the counted face is below its minimum
        alerts = [a["location"] for a in bodies["dashboard"]["alerts"]["pick_faces_below_min"]]
        self.assertEqual(alerts, [self.open])
        # space: the counted location's zone and the total hide what is used
        [zone] = [z for z in bodies["space"]["zones"] if z["zone"] == "A"]
        self.assertEqual((zone["hidden"], zone["used_cm3"], zone["occupied"]), ("open_count", None, None))
        self.assertIsNone(bodies["space"]["used_cm3"])
        # the count itself shows no expected quantity or variance
        for c in [bodies["count"]] + bodies["counts"]["counts"]:
            for line in c["lines"]:
                self.assertNotIn("expected", line)
                self.assertNotIn("variance", line)

    def assert_sees_everything(self, token, book=BOOK):
        bodies = self.read_all(token)
        row = self.warehouse_row(bodies["inventory"], self.wh)
        self.assertNotIn("hidden", row)
        self.assertEqual(row["on_hand"], book + OTHER)
        self.assertIn((self.counted, book), [(l["location"], l["on_hand"]) for l in row["locations"]])
        stock = {l["location"]: l for l in bodies["stock"]["locations"]}
        self.assertEqual((stock[self.counted]["on_hand"], stock[self.counted]["used_cm3"]),
                         (book, book * UNIT_CM3))
        self.assertIn(BOOK, [m["quantity"] for m in bodies["moves"]["moves"]
                             if (m["warehouse"], m["to_location"]) == (self.wh, self.counted)])
        faces = {f["location"]: f for f in bodies["pick_faces"]["pick_faces"]}
        self.assertEqual(faces[self.counted]["on_hand"], book)
        alerts = [a["location"] for a in bodies["dashboard"]["alerts"]["pick_faces_below_min"]]
        self.assertEqual(sorted(alerts), sorted([self.counted, self.open]))
        self.assertEqual(bodies["space"]["used_cm3"], (book + OTHER) * UNIT_CM3)
        for name, body in bodies.items():
            self.assertNotIn('"hidden"', json.dumps(body), name)

    def test_an_open_count_hides_the_book_quantity_from_counters_and_viewers(self):
        for token in ("operator", "viewer"):
            with self.subTest(token=token):
                self.assert_blind(token)
        # started and recounted the count stays open, and blind
        self.ok("POST", "counts/%d/start" % self.count["id"], token="operator", status=200)
        self.assert_blind("operator")
        recount = self.ok("POST", "counts/%d/submit" % self.count["id"],
                          {"location": self.counted, "lines": [{"sku": self.sku, "quantity": BOOK - 3}]},
                          token="operator", status=200)
        self.assertEqual(recount["status"], "recount")
        self.assert_blind("operator")

    def test_managers_and_the_integration_see_everything(self):
        for token in ("admin", "manager"):
            with self.subTest(token=token):
                self.assert_sees_everything(token)
        manager_view = self.ok("GET", "counts/%d" % self.count["id"], token="manager")
        self.assertEqual(manager_view["status"], "open")
        # channel stock sync reads availability per warehouse whatever is being counted
        row = self.warehouse_row(self.ok("GET", "inventory/%s" % self.sku, token="integration"), self.wh)
        self.assertEqual(row["available"], BOOK + OTHER)

    def test_a_closed_count_shows_the_figures_again(self):
        done = self.ok("POST", "counts/submissions",
                       {"warehouse": self.wh, "location": self.counted,
                        "lines": [{"sku": self.sku, "quantity": BOOK}]}, token="operator", status=200)
        self.assertEqual(done["status"], "accepted")
        for token in ("operator", "viewer"):
            with self.subTest(token=token):
                self.assert_sees_everything(token)

    def test_an_approved_count_shows_the_counted_figures(self):
        counted = BOOK - 4
        for _ in range(2):
            c = self.ok("POST", "counts/submissions",
                        {"warehouse": self.wh, "location": self.counted,
                         "lines": [{"sku": self.sku, "quantity": counted}]}, token="operator", status=200)
        self.assertEqual(c["status"], "needs_approval")
        self.assert_blind("operator")
        self.ok("POST", "counts/%d/approve" % self.count["id"], token="manager", status=200)
        self.assert_sees_everything("operator", book=counted)
        self.assertVerify()

    def feed(self, token):
        return self.ok("GET", "events?limit=500", token=token, status=200)["events"]

    def test_the_event_feed_shows_counters_no_stock_flow_of_a_warehouse_under_count(self):
        """The feed's adjustments, picks and receipts add up to every book quantity: while a
        count is open they carry no quantities for counters in that warehouse."""
        def adjustments(token):
            return {(e["data"]["warehouse"], e["data"]["location"]): e["data"]
                    for e in self.feed(token) if e["type"] == "stock.adjusted" and e["data"]["sku"] == self.sku}
        for token in ("operator", "viewer"):
            with self.subTest(token=token):
                seen = adjustments(token)
                self.assertEqual((seen[self.wh, self.counted]["quantity"], seen[self.wh, self.counted]["hidden"]),
                                 (None, "open_count"))
                self.assertIsNone(seen[self.wh, self.open]["quantity"], "the warehouse's other flows too")
                self.assertEqual(seen[self.far, self.far_pick]["quantity"], ELSEWHERE)
                self.assertNotIn("hidden", seen[self.far, self.far_pick])
                leaked = SECRETS & set(numbers(self.feed(token)))
                self.assertFalse(leaked, "the feed shows %s to %s" % (leaked, token))
        for token in ("manager", "integration"):
            seen = adjustments(token)
            self.assertEqual(seen[self.wh, self.counted]["quantity"], BOOK, token)
            self.assertNotIn("hidden", seen[self.wh, self.counted], token)
        # closed, the counter sees the flows again
        self.ok("POST", "counts/submissions", {"warehouse": self.wh, "location": self.counted,
                                               "lines": [{"sku": self.sku, "quantity": BOOK}]},
                token="operator", status=200)
        self.assertEqual(adjustments("operator")[self.wh, self.counted]["quantity"], BOOK)

    def test_reorder_suggestions_show_counters_no_inventory_position_under_count(self):
        supplier = self.uniq("SUP").replace("-", "")
        self.ok("PUT", "suppliers/" + supplier, {"name": "Blind supplier"}, status=201, token="manager")
        self.ok("PUT", "suppliers/%s/products/%s" % (supplier, self.sku),
                {"lead_time_days": 4, "pack_size": 1, "unit_cost_minor": 250}, status=201, token="manager")
        # demand beyond the warehouse's stock: the product is due for a purchase order
        self.put_channel("blind")
        self.create_order("blind", self.uniq("BO"), [(self.sku, BOOK + OTHER + ELSEWHERE + 8)])
        path = "planning/reorder-suggestions?warehouse=%s&supplier=%s" % (self.wh, supplier)

        def line(token):
            [l] = [l for sup in self.ok("GET", path, token=token, status=200)["suppliers"] for l in sup["lines"]]
            return l
        seen = line("manager")
        self.assertNotIn("hidden", seen)
        self.assertIsInstance(seen["plan"]["inventory_position"], int)
        self.assertGreater(seen["quantity"], 0)
        for token in ("operator", "viewer"):
            with self.subTest(token=token):
                blind = line(token)
                self.assertEqual(blind["hidden"], "open_count")
                for key in ("quantity", "value_minor"):
                    self.assertIsNone(blind[key], key)
                for key in ("inventory_position", "raw_quantity", "days_of_cover", "stockout_date"):
                    self.assertIsNone(blind["plan"][key], key)
                body = self.ok("GET", path, token=token, status=200)
                self.assertIsNone(body["suppliers"][0]["total_units"])
                leaked = {seen["plan"]["inventory_position"], seen["quantity"]} & set(numbers(body))
                self.assertFalse(leaked, "the suggestion shows %s to %s" % (leaked, token))


if __name__ == "__main__":
    unittest.main()
