"""Orders: create and idempotent replay, backorders and automatic allocation,
multi-warehouse sourcing, hold/release/cancel, illegal transitions."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, order_body  # noqa: E402


class OrderCreate(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "warehouses/OC1", {"name": "OC"})
        cls.setup_call("POST", "warehouses/OC1/layout", {"aisles": 2, "bays": 3, "levels": 2})

    def test_create_and_replay(self):
        sku = self.uniq("OC")
        self.put_product(sku)
        self.adjust("OC1", "A01-001-1", sku, 10)
        body = order_body("web", "W-" + sku, [(sku, 3)], priority=2, ship_by="2026-12-24T12:00:00Z")
        r = self.s.call("POST", "orders", body, token="integration")
        o = self.assertStatus(r, 201)
        for k in ("id", "channel", "channel_order_id", "status", "customer", "ship_to", "priority", "ship_by",
                  "hold_reason", "created_at", "lines", "fulfillments"):
            self.assertIn(k, o)
        self.assertIsInstance(o["id"], int)
        self.assertEqual((o["channel"], o["channel_order_id"], o["status"], o["priority"]),
                         ("web", "W-" + sku, "allocated", 2))
        self.assertIsNone(o["hold_reason"])
        self.assertIsInstance(o["customer"].get("id"), int)
        self.assertEqual(o["customer"]["email"], body["customer"]["email"])
        self.assertEqual(o["ship_to"]["city"], "Berlin")
        ln = self.line(o, sku)
        self.assertEqual((ln["quantity"], ln["allocated"], ln["backordered"]), (3, 3, 0))
        self.assertEqual(ln["unit_price"], {"amount_minor": 1000, "currency": "EUR"})
        self.assertEqual(len(o["fulfillments"]), 1)
        self.assertEqual(o["fulfillments"][0]["warehouse"], "OC1")
        self.assertEqual(o["fulfillments"][0]["status"], "released")
        self.assertEqual(self.inventory(sku, "OC1")["allocated"], 3)
        self.assertEqual(self.inventory(sku, "OC1")["available"], 7)

        # identical replay: 200, same order, nothing new allocated
        before = self.s.snapshot()["counts"]
        r2 = self.s.call("POST", "orders", body, token="integration")
        o2 = self.assertStatus(r2, 200)
        self.assertEqual(o2["id"], o["id"])
        self.assertEqual(o2["lines"], o["lines"])
        self.assertEqual(self.inventory(sku, "OC1")["allocated"], 3)
        orders_tables = {t: n for t, n in self.s.snapshot()["counts"].items() if "order" in t}
        self.assertEqual(orders_tables, {t: n for t, n in before.items() if "order" in t})

        # different body: 409 and nothing changes
        body3 = order_body("web", "W-" + sku, [(sku, 4)], priority=2, ship_by="2026-12-24T12:00:00Z")
        self.refused("POST", "orders", body3, status=409, code="idempotency_conflict", token="integration")
        self.assertEqual(self.get_order(o["id"])["lines"][0]["quantity"], 3)
        self.assertEqual(self.inventory(sku, "OC1")["allocated"], 3)

        # GET by id and in list
        g = self.get_order(o["id"])
        self.assertEqual(g["id"], o["id"])
        lst = self.ok("GET", "orders?channel=web&status=allocated&limit=500", status=200, token="viewer")
        self.assertIn(o["id"], [x["id"] for x in lst["orders"]])
        for x in lst["orders"]:
            self.assertEqual((x["channel"], x["status"]), ("web", "allocated"))

    def test_same_channel_order_id_on_other_channel_is_another_order(self):
        sku = self.uniq("OC")
        self.put_product(sku)
        self.put_channel("market")
        a = self.create_order("web", "SAME-" + sku, [(sku, 1)])
        b = self.create_order("market", "SAME-" + sku, [(sku, 1)])
        self.assertNotEqual(a["id"], b["id"])

    def test_orders_list_newest_first_and_paged(self):
        sku = self.uniq("OL")
        self.put_product(sku)
        self.put_channel("listch")
        ids = [self.create_order("listch", "L%d-%s" % (i, sku), [(sku, 1)])["id"] for i in range(5)]
        seen, cursor = [], None
        for _ in range(10):
            page = self.ok("GET", "orders?channel=listch&limit=2" + ("&cursor=" + cursor if cursor else ""), status=200)
            seen += [o["id"] for o in page["orders"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(seen, list(reversed(ids)))


class Backorders(ApiTestCase):
    def test_backorder_then_auto_allocate_by_priority_and_age(self):
        sku = self.uniq("BO")
        self.put_product(sku)
        self.put_channel("web")
        self.put_warehouse("BO1")
        self.adjust("BO1", "A01-001-1", sku, 1)
        a = self.create_order("web", "A-" + sku, [(sku, 3)], priority=0)   # 1 allocated, 2 backordered
        la = self.line(a, sku)
        self.assertEqual((la["allocated"], la["backordered"]), (1, 2))
        self.assertEqual(a["status"], "backordered")
        b = self.create_order("web", "B-" + sku, [(sku, 2)], priority=5)
        c = self.create_order("web", "C-" + sku, [(sku, 2)], priority=5)
        for o in (b, c):
            self.assertEqual(self.line(o, sku)["backordered"], 2)
            self.assertEqual(o["status"], "backordered")
        inv = self.inventory(sku, "BO1")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (1, 1, 0))

        # +2: B (priority 5, oldest) gets it
        self.adjust("BO1", "A01-002-1", sku, 2)
        b2, c2, a2 = (self.get_order(x["id"]) for x in (b, c, a))
        self.assertEqual((self.line(b2, sku)["allocated"], self.line(b2, sku)["backordered"]), (2, 0))
        self.assertEqual(b2["status"], "allocated")
        self.assertEqual(self.line(c2, sku)["backordered"], 2)
        self.assertEqual(self.line(a2, sku)["backordered"], 2)
        # +2: C next
        self.adjust("BO1", "A01-002-1", sku, 2)
        c3, a3 = self.get_order(c["id"]), self.get_order(a["id"])
        self.assertEqual(self.line(c3, sku)["allocated"], 2)
        self.assertEqual(self.line(a3, sku)["backordered"], 2)
        # +2: A last
        self.adjust("BO1", "A01-002-1", sku, 2)
        a4 = self.get_order(a["id"])
        self.assertEqual((self.line(a4, sku)["allocated"], self.line(a4, sku)["backordered"]), (3, 0))
        self.assertEqual(a4["status"], "allocated")
        inv = self.inventory(sku, "BO1")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (7, 7, 0))
        self.assertVerify()

    def test_nothing_in_stock_anywhere(self):
        sku = self.uniq("BO")
        self.put_product(sku)
        self.put_channel("web")
        o = self.create_order("web", "N-" + sku, [(sku, 4)])
        self.assertEqual(self.line(o, sku)["backordered"], 4)
        self.assertEqual(self.line(o, sku)["allocated"], 0)
        self.assertEqual(o["status"], "backordered")
        self.assertVerify()


class Sourcing(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        # Berlin and Munich
        for code, lat, lon in (("BER", 52.52, 13.405), ("MUC", 48.137, 11.575)):
            cls.setup_call("PUT", "warehouses/" + code, {"name": code, "latitude": lat, "longitude": lon,
                                                         "address": {"country": "DE"}})
            cls.setup_call("POST", "warehouses/%s/layout" % code, {"aisles": 1, "bays": 4, "levels": 1})

    def fwh(self, o):
        return sorted(f["warehouse"] for f in o["fulfillments"])

    def test_one_warehouse_covers_all(self):
        x, y = self.uniq("SX"), self.uniq("SY")
        for s in (x, y):
            self.put_product(s)
        self.adjust("BER", "A01-001-1", x, 5)
        self.adjust("BER", "A01-002-1", y, 5)
        self.adjust("MUC", "A01-001-1", x, 50)  # MUC has more x but not y
        o = self.create_order("web", "ONE-" + x, [(x, 2), (y, 2)], ship_to={
            "name": "B", "line1": "l", "city": "Munich", "postal_code": "80331", "country": "DE",
            "latitude": 48.14, "longitude": 11.58})
        self.assertEqual(self.fwh(o), ["BER"])
        self.assertEqual(o["status"], "allocated")
        self.assertEqual(self.inventory(x, "BER")["allocated"], 2)
        self.assertEqual(self.inventory(x, "MUC")["allocated"], 0)
        f = self.ok("GET", "fulfillments/%d" % o["fulfillments"][0]["id"], status=200, token="viewer")
        self.assertEqual(f["order_id"], o["id"])
        self.assertEqual(f["warehouse"], "BER")
        self.assertEqual(sorted((l["sku"], l["quantity"]) for l in f["lines"]), sorted([(x, 2), (y, 2)]))

    def test_split_across_two(self):
        x, y = self.uniq("SX"), self.uniq("SY")
        for s in (x, y):
            self.put_product(s)
        self.adjust("BER", "A01-003-1", x, 5)
        self.adjust("MUC", "A01-003-1", y, 5)
        o = self.create_order("web", "SPLIT-" + x, [(x, 2), (y, 3)])
        self.assertEqual(self.fwh(o), ["BER", "MUC"])
        for fs in o["fulfillments"]:
            f = self.ok("GET", "fulfillments/%d" % fs["id"], status=200)
            want = [(x, 2)] if f["warehouse"] == "BER" else [(y, 3)]
            self.assertEqual([(l["sku"], l["quantity"]) for l in f["lines"]], want)
        self.assertEqual(self.line(o, x)["allocated"], 2)
        self.assertEqual(self.line(o, y)["allocated"], 3)
        self.assertVerify()

    def test_nearest_wins_tie(self):
        x = self.uniq("SN")
        self.put_product(x)
        self.adjust("BER", "A01-004-1", x, 20)  # more stock in Berlin
        self.adjust("MUC", "A01-004-1", x, 5)
        near_muc = {"name": "M", "line1": "l", "city": "Munich", "postal_code": "80331", "country": "DE",
                    "latitude": 48.15, "longitude": 11.56}
        near_ber = {"name": "B", "line1": "l", "city": "Berlin", "postal_code": "10115", "country": "DE",
                    "latitude": 52.50, "longitude": 13.40}
        o1 = self.create_order("web", "NM-" + x, [(x, 1)], ship_to=near_muc)
        self.assertEqual(self.fwh(o1), ["MUC"])
        o2 = self.create_order("web", "NB-" + x, [(x, 1)], ship_to=near_ber)
        self.assertEqual(self.fwh(o2), ["BER"])

    def test_uncovered_part_backordered(self):
        x = self.uniq("SB")
        self.put_product(x)
        self.adjust("BER", "A01-001-1", x, 2)
        self.adjust("MUC", "A01-001-1", x, 1)
        o = self.create_order("web", "UB-" + x, [(x, 5)])
        ln = self.line(o, x)
        self.assertEqual((ln["allocated"], ln["backordered"]), (3, 2))
        self.assertEqual(self.fwh(o), ["BER", "MUC"])
        self.assertEqual(self.inventory(x, "BER")["available"], 0)
        self.assertEqual(self.inventory(x, "MUC")["available"], 0)

    def test_country_then_most_stock(self):
        # no coordinates on the ship-to: a warehouse in the ship-to's country wins,
        # else the one with most stock
        self.ok("PUT", "warehouses/PAR", {"name": "Paris", "address": {"city": "Paris", "country": "FR"}})
        self.ok("POST", "warehouses/PAR/layout", {"aisles": 1, "bays": 2, "levels": 1}, status=201)
        self.ok("PUT", "warehouses/LYS", {"name": "Lyon", "address": {"city": "Lyon", "country": "FR"}})
        self.ok("POST", "warehouses/LYS/layout", {"aisles": 1, "bays": 2, "levels": 1}, status=201)
        x = self.uniq("SC")
        self.put_product(x)
        self.adjust("BER", "A01-001-1", x, 50)   # DE, most stock
        self.adjust("PAR", "A01-001-1", x, 5)    # FR
        self.adjust("LYS", "A01-001-1", x, 8)    # FR, more than PAR
        to_fr = {"name": "F", "line1": "1 rue X", "city": "Paris", "postal_code": "75001", "country": "FR"}
        o = self.create_order("web", "FR-" + x, [(x, 1)], ship_to=to_fr)
        self.assertEqual(self.fwh(o), ["LYS"])  # in FR; then most stock among the FR ones
        to_it = {"name": "I", "line1": "Via 1", "city": "Roma", "postal_code": "00100", "country": "IT"}
        o = self.create_order("web", "IT-" + x, [(x, 1)], ship_to=to_it)
        self.assertEqual(self.fwh(o), ["BER"])  # nobody in IT: most stock

    def test_backorder_filled_from_another_warehouse(self):
        x = self.uniq("SW")
        self.put_product(x)
        self.adjust("BER", "A01-002-1", x, 1)
        o = self.create_order("web", "BW-" + x, [(x, 3)])
        self.assertEqual(self.fwh(o), ["BER"])
        self.adjust("MUC", "A01-002-1", x, 10)
        o2 = self.get_order(o["id"])
        ln = self.line(o2, x)
        self.assertEqual((ln["allocated"], ln["backordered"]), (3, 0))
        self.assertIn("MUC", self.fwh(o2))
        self.assertEqual(self.inventory(x, "MUC")["allocated"], 2)
        self.assertEqual(self.inventory(x, "BER")["allocated"], 1)
        self.assertVerify()


class OrderDetails(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "warehouses/OD1", {"name": "OD"})
        cls.setup_call("POST", "warehouses/OD1/layout", {"aisles": 1, "bays": 3, "levels": 1})

    def test_customer_dedupe_by_email(self):
        sku = self.uniq("CD")
        self.put_product(sku)
        a = self.create_order("web", "CD1-" + sku, [(sku, 1)], customer={"email": "same@example.com", "name": "Sam"})
        b = self.create_order("web", "CD2-" + sku, [(sku, 1)], customer={"email": "same@example.com", "name": "Sam"})
        c = self.create_order("web", "CD3-" + sku, [(sku, 1)], customer={"email": "other@example.com", "name": "O"})
        self.assertEqual(a["customer"]["id"], b["customer"]["id"])
        self.assertNotEqual(a["customer"]["id"], c["customer"]["id"])

    def test_status_filter(self):
        sku = self.uniq("SF")
        self.put_product(sku)
        o = self.create_order("web", "SF-" + sku, [(sku, 1)])
        self.assertEqual(o["status"], "backordered")
        lst = self.ok("GET", "orders?status=backordered&limit=500", status=200)["orders"]
        self.assertIn(o["id"], [x["id"] for x in lst])
        self.assertEqual({x["status"] for x in lst}, {"backordered"})
        lst = self.ok("GET", "orders?status=allocated&limit=500", status=200)["orders"]
        self.assertNotIn(o["id"], [x["id"] for x in lst])

    def test_partly_backordered_cancel(self):
        sku = self.uniq("PB")
        self.put_product(sku)
        self.adjust("OD1", "A01-001-1", sku, 2)
        o = self.create_order("web", "PB-" + sku, [(sku, 5)])
        ln = self.line(o, sku)
        self.assertEqual((ln["allocated"], ln["backordered"]), (2, 3))
        c = self.ok("POST", "orders/%d/cancel" % o["id"], status=200)
        ln = self.line(c, sku)
        self.assertEqual((ln["allocated"], ln["backordered"], ln["cancelled"]), (0, 0, 5))
        self.assertEqual(self.inventory(sku, "OD1")["available"], 2)
        self.adjust("OD1", "A01-001-1", sku, 3)
        self.assertEqual(self.line(self.get_order(o["id"]), sku)["allocated"], 0)
        self.assertEqual(self.inventory(sku, "OD1")["allocated"], 0)

    def test_ship_to_coordinates_validated(self):
        sku = self.uniq("LL")
        self.put_product(sku)
        bad = {"name": "B", "line1": "l", "city": "c", "postal_code": "1", "country": "DE",
               "latitude": 123.0, "longitude": 10.0}
        self.refused("POST", "orders", order_body("web", "LL-" + sku, [(sku, 1)], ship_to=bad),
                     status=422, code="invalid_field", field="ship_to.latitude")


class HoldReleaseCancel(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "warehouses/HR1", {"name": "HR"})
        cls.setup_call("POST", "warehouses/HR1/layout", {"aisles": 2, "bays": 3, "levels": 2})

    def test_hold_on_create_then_release(self):
        sku = self.uniq("H")
        self.put_product(sku)
        self.put_warehouse("HR2")
        self.adjust("HR2", "A01-001-1", sku, 5)
        o = self.create_order("web", "H-" + sku, [(sku, 2)], hold="fraud check")
        self.assertEqual(o["status"], "on_hold")
        self.assertEqual(o["hold_reason"], "fraud check")
        self.assertEqual([f["status"] for f in o["fulfillments"]], ["pending"])
        # held fulfillments are not waved
        self.refused("POST", "waves", {"warehouse": "HR2"}, status=409, code="nothing_to_wave")
        r = self.ok("POST", "orders/%d/release" % o["id"], status=200, token="manager")
        self.assertEqual(r["status"], "allocated")
        self.assertIsNone(r["hold_reason"])
        self.assertEqual([f["status"] for f in r["fulfillments"]], ["released"])
        self.assertEqual(self.line(r, sku)["allocated"], 2)

    def test_hold_and_release_allocated_order(self):
        sku = self.uniq("H")
        self.put_product(sku)
        self.adjust("HR1", "A01-002-1", sku, 5)
        o = self.create_order("web", "H2-" + sku, [(sku, 1)])
        h = self.ok("POST", "orders/%d/hold" % o["id"], {"reason": "address check"}, status=200, token="manager")
        self.assertEqual((h["status"], h["hold_reason"]), ("on_hold", "address check"))
        self.assertEqual(self.get_order(o["id"])["status"], "on_hold")
        self.refused("POST", "orders/%d/hold" % o["id"], {}, status=422, code="invalid_field", field="reason")
        r = self.ok("POST", "orders/%d/release" % o["id"], status=200, token="manager")
        self.assertEqual(r["status"], "allocated")

    def test_cancel_releases_allocation(self):
        sku = self.uniq("C")
        self.put_product(sku)
        self.adjust("HR1", "A01-003-1", sku, 5)
        o = self.create_order("web", "C-" + sku, [(sku, 3)])
        self.assertEqual(self.inventory(sku, "HR1")["available"], 2)
        c = self.ok("POST", "orders/%d/cancel" % o["id"], status=200, token="integration")
        self.assertEqual(c["status"], "cancelled")
        ln = self.line(c, sku)
        self.assertEqual((ln["cancelled"], ln["allocated"], ln["backordered"]), (3, 0, 0))
        self.assertI6(c)
        self.assertEqual([f["status"] for f in c["fulfillments"]], ["cancelled"])
        inv = self.inventory(sku, "HR1")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (5, 0, 5))
        # cancelled twice / hold a cancelled order
        self.refused("POST", "orders/%d/hold" % o["id"], {"reason": "x"}, status=409, code="invalid_state")
        self.assertVerify()

    def test_cancel_backordered_order_frees_nothing_and_is_not_allocated_later(self):
        sku = self.uniq("C")
        self.put_product(sku)
        o = self.create_order("web", "CB-" + sku, [(sku, 2)])
        self.assertEqual(o["status"], "backordered")
        c = self.ok("POST", "orders/%d/cancel" % o["id"], status=200)
        self.assertEqual(self.line(c, sku)["cancelled"], 2)
        self.adjust("HR1", "A02-001-1", sku, 5)
        g = self.get_order(o["id"])
        self.assertEqual(g["status"], "cancelled")
        self.assertEqual(self.line(g, sku)["allocated"], 0)
        self.assertEqual(self.inventory(sku, "HR1")["allocated"], 0)

    def test_unknown_order(self):
        self.assertProblem(self.s.call("GET", "orders/987654321"), 404, "unknown_order")
        self.refused("POST", "orders/987654321/cancel", None, status=404, code="unknown_order")
        self.refused("POST", "orders/987654321/hold", {"reason": "x"}, status=404, code="unknown_order")


if __name__ == "__main__":
    unittest.main()
