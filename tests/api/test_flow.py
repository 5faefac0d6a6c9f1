"""Order to delivery: wave, picks by scan, shorts, pack, ship, deliver, with the
derived order status and I6 checked at each step; illegal transitions."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402

RFC3339 = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$"
def documented_event_types():
    """The event types docs/api.md lists after "Types:" in its Events section."""
    import os
    import re
    doc = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "api.md")).read()
    section = doc[doc.index("### Events"):]
    types_text = section[section.index("Types:"):]
    return set(re.findall(r"`([a-z_]+\.[a-z_]+)`", types_text))


DOC_EVENT_TYPES = documented_event_types()


class Flow(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        for code, dims in (("S", (250, 200, 100)), ("M", (400, 300, 200))):
            cls.setup_call("PUT", "boxes/" + code,
                           {"inner_length_mm": dims[0], "inner_width_mm": dims[1], "inner_height_mm": dims[2],
                            "max_weight_g": 10000, "tare_weight_g": 100, "cost_minor": 50})

    def new_wh(self):
        code = self.uniq("F").replace("-", "")
        self.put_warehouse(code, layout=(2, 3, 2), pick_levels=1)
        return code

    def wave(self, wh, n_fulfillments=1):
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        for k in ("id", "warehouse", "fulfillments", "pick_lists"):
            self.assertIn(k, w)
        self.assertEqual(w["warehouse"], wh)
        self.assertEqual(len(w["fulfillments"]), n_fulfillments, w)
        self.assertGreaterEqual(len(w["pick_lists"]), 1)
        return w

    def all_pick_lines(self, w):
        out = []
        for pl in w["pick_lists"]:
            for ln in pl["lines"]:
                out.append((pl["id"], ln))
        return out

    def order_line(self, oid, sku):
        return self.line(self.get_order(oid), sku)

    def test_full_flow(self):
        wh = self.new_wh()
        p1, p2 = self.uniq("FA"), self.uniq("FB")
        self.put_product(p1, barcodes=["EAN" + p1])
        self.put_product(p2, barcodes=["EAN" + p2])
        self.adjust(wh, "A01-001-1", p1, 10)
        self.adjust(wh, "A01-002-1", p2, 5)
        o = self.create_order("web", "FULL-" + p1, [(p1, 3), (p2, 2)])
        oid = o["id"]
        self.assertEqual(o["status"], "allocated")
        fid = o["fulfillments"][0]["id"]
        self.assertEqual(self.inventory(p1, wh)["allocated"], 3)

        # illegal before picking
        self.refused("POST", "fulfillments/%d/ship" % fid, {"carrier": "DHL"}, status=409, code="invalid_state")
        self.refused("POST", "fulfillments/%d/deliver" % fid, None, status=409, code="invalid_state")

        w = self.wave(wh)
        self.assertEqual(w["fulfillments"], [fid])
        self.assertEqual(self.ok("GET", "waves/%d" % w["id"], status=200, token="viewer")["id"], w["id"])
        lines = self.all_pick_lines(w)
        self.assertEqual(sorted((l["sku"], l["location"], l["quantity"]) for _, l in lines),
                         sorted([(p1, "A01-001-1", 3), (p2, "A01-002-1", 2)]))
        seqs = [l["sequence"] for _, l in lines]
        self.assertEqual(len(seqs), len(set(seqs)))
        self.assertEqual(self.get_order(oid)["status"], "in_fulfillment")
        f = self.ok("GET", "fulfillments/%d" % fid, status=200)
        self.assertEqual(f["status"], "picking")
        inv = self.inventory(p1, wh)
        loc = [l for l in inv["locations"] if l["location"] == "A01-001-1"][0]
        self.assertEqual(loc["reserved"], 3)
        # a wave can't hold the order any more
        self.refused("POST", "orders/%d/hold" % oid, {"reason": "late"}, status=409, code="invalid_state")

        pl_id, l1 = [(i, l) for i, l in lines if l["sku"] == p1][0]
        pl2_id, l2 = [(i, l) for i, l in lines if l["sku"] == p2][0]
        pl = self.ok("GET", "pick-lists/%d" % pl_id, status=200, token="operator")
        for k in ("id", "wave_id", "warehouse", "status", "lines"):
            self.assertIn(k, pl)
        self.assertEqual(pl["wave_id"], w["id"])
        self.assertEqual({l["status"] for l in pl["lines"]}, {"open"})

        # wrong location / wrong product / over pick: refused, nothing changes
        self.refused("POST", "pick-lists/%d/picks" % pl_id,
                     {"line_id": l1["id"], "location": "A02-003-1", "barcode": "EAN" + p1, "quantity": 1},
                     status=422, code="wrong_location", token="operator")
        self.refused("POST", "pick-lists/%d/picks" % pl_id,
                     {"line_id": l1["id"], "location": "A01-001-1", "barcode": "EAN" + p2, "quantity": 1},
                     status=422, code="wrong_product", token="operator")
        self.refused("POST", "pick-lists/%d/picks" % pl_id,
                     {"line_id": l1["id"], "location": "A01-001-1", "barcode": "EAN" + p1, "quantity": 4},
                     status=422, code="over_pick", token="operator")

        # pick p1 by barcode in two scans, without line_id
        pl = self.ok("POST", "pick-lists/%d/picks" % pl_id,
                     {"location": "A01-001-1", "barcode": "EAN" + p1, "quantity": 2}, status=200, token="operator")
        pln = [l for l in pl["lines"] if l["id"] == l1["id"]][0]
        self.assertEqual((pln["picked"], pln["status"]), (2, "open"))
        ln = self.order_line(oid, p1)
        self.assertEqual((ln["allocated"], ln["picked"]), (1, 2))
        pl = self.ok("POST", "pick-lists/%d/picks" % pl_id,
                     {"location": "A01-001-1", "barcode": "EAN" + p1, "quantity": 1}, status=200, token="operator")
        pln = [l for l in pl["lines"] if l["id"] == l1["id"]][0]
        self.assertEqual((pln["picked"], pln["short"], pln["status"]), (3, 0, "done"))
        # p2 by SKU as barcode
        pl = self.ok("POST", "pick-lists/%d/picks" % pl2_id,
                     {"line_id": l2["id"], "location": "A01-002-1", "barcode": p2, "quantity": 2},
                     status=200, token="operator")
        self.assertEqual({l["status"] for l in pl["lines"]}, {"done"})

        o = self.get_order(oid)
        self.assertEqual(o["status"], "in_fulfillment")
        self.assertEqual((self.line(o, p1)["picked"], self.line(o, p1)["allocated"]), (3, 0))
        f = self.ok("GET", "fulfillments/%d" % fid, status=200)
        self.assertEqual(f["status"], "picked")
        self.assertEqual(sorted((l["sku"], l["quantity"], l["allocated"], l["picked"], l["packed"], l["shipped"])
                                for l in f["lines"]), sorted([(p1, 3, 0, 3, 0, 0), (p2, 2, 0, 2, 0, 0)]))
        inv = self.inventory(p1, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (7, 0, 7))
        self.assertVerify()
        # cancel after picking is refused
        self.refused("POST", "orders/%d/cancel" % oid, None, status=409, code="invalid_state")
        self.refused("POST", "fulfillments/%d/ship" % fid, {"carrier": "DHL"}, status=409, code="invalid_state",
                     token="operator")

        # pack: mismatch refused, then exact
        self.refused("POST", "fulfillments/%d/pack" % fid,
                     {"packages": [{"box": "M", "items": [{"sku": p1, "quantity": 2}, {"sku": p2, "quantity": 2}]}]},
                     status=422, code="pack_mismatch", token="operator")
        self.refused("POST", "fulfillments/%d/pack" % fid,
                     {"packages": [{"items": [{"sku": p1, "quantity": 3}, {"sku": p2, "quantity": 2}]},
                                   {"items": [{"sku": p2, "quantity": 1}]}]},
                     status=422, code="pack_mismatch", token="operator")
        # the scale disagrees with 3 x 250 g + 100 g of box: refused
        self.refused("POST", "fulfillments/%d/pack" % fid,
                     {"packages": [{"box": "M", "weight_g": 1200, "items": [{"sku": p1, "quantity": 3}]},
                                   {"box": "S", "items": [{"sku": p2, "quantity": 2}]}]},
                     status=422, code="weight_mismatch", token="operator")
        self.refused("POST", "fulfillments/%d/pack" % fid,
                     {"packages": [{"box": "XXL", "items": [{"sku": p1, "quantity": 3}, {"sku": p2, "quantity": 2}]}]},
                     status=422, code="unknown_box", token="operator")
        f = self.ok("POST", "fulfillments/%d/pack" % fid,
                    {"packages": [{"box": "M", "weight_g": 860, "items": [{"sku": p1, "quantity": 3}]},
                                  {"box": "S", "items": [{"sku": p2, "quantity": 2}]}]},
                    status=200, token="operator")
        self.assertEqual(f["status"], "packed")
        self.assertEqual(sorted((l["sku"], l["packed"]) for l in f["lines"]), sorted([(p1, 3), (p2, 2)]))
        self.assertEqual(len(f["packages"]), 2)
        self.assertTrue(all(isinstance(pk["id"], int) for pk in f["packages"]))
        self.assertIn(860, [pk["weight_g"] for pk in f["packages"]])
        self.assertEqual(sorted((i["sku"], i["quantity"]) for p in f["packages"] for i in p["items"]),
                         sorted([(p1, 3), (p2, 2)]))
        o = self.get_order(oid)
        self.assertEqual(self.line(o, p1)["packed"], 3)
        self.assertEqual(o["status"], "in_fulfillment")
        self.refused("POST", "fulfillments/%d/deliver" % fid, None, status=409, code="invalid_state", token="operator")

        # ship with a generated tracking number
        f = self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "DHL", "service": "parcel"}, status=200,
                    token="operator")
        self.assertEqual((f["status"], f["carrier"], f["service"]), ("shipped", "DHL", "parcel"))
        self.assertIsInstance(f["tracking_number"], str)
        self.assertGreater(len(f["tracking_number"]), 3)
        self.assertRegex(f["shipped_at"], RFC3339)
        self.assertEqual(sorted((l["sku"], l["shipped"]) for l in f["lines"]), sorted([(p1, 3), (p2, 2)]))
        o = self.get_order(oid)
        self.assertEqual(o["status"], "shipped")
        self.assertEqual((self.line(o, p1)["shipped"], self.line(o, p2)["shipped"]), (3, 2))
        self.assertEqual(o["fulfillments"][0]["tracking_number"], f["tracking_number"])
        self.refused("POST", "orders/%d/cancel" % oid, None, status=409, code="invalid_state")
        self.refused("POST", "fulfillments/%d/ship" % fid, {"carrier": "DHL"}, status=409, code="invalid_state")
        moves = self.ok("GET", "inventory/%s/moves" % p1, status=200)["moves"]
        self.assertIn(("virtual:customer", 3), [(m["to_location"], m["quantity"]) for m in moves])
        self.assertIn("PACK-01", [m["to_location"] for m in moves])

        f = self.ok("POST", "fulfillments/%d/deliver" % fid, None, status=200, token="integration")
        self.assertEqual(f["status"], "delivered")
        self.assertRegex(f["delivered_at"], RFC3339)
        self.assertRegex(o["created_at"], RFC3339)
        self.assertTrue(all(isinstance(x, int) for x in [o["id"], fid, w["id"], pl_id, l1["id"]]))
        o = self.get_order(oid)
        self.assertEqual(o["status"], "delivered")
        inv = self.inventory(p1, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"]), (7, 0))
        self.assertVerify()
        types = []
        after = 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=500" % after, status=200)
            if not page["events"]:
                break
            types += [e["type"] for e in page["events"]]
            after = page["next_after"]
        for t in ("wave.released", "pick.confirmed", "fulfillment.picked", "fulfillment.packed",
                  "fulfillment.shipped", "fulfillment.delivered"):
            self.assertIn(t, types)

    def test_event_types_are_the_documented_ones(self):
        # run a flow that touches most types, including cancel and short
        wh = self.new_wh()
        p = self.uniq("ET")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 3)
        a = self.create_order("web", "ETA-" + p, [(p, 1)])
        self.ok("POST", "orders/%d/cancel" % a["id"], None, status=200)
        self.create_order("web", "ETB-" + p, [(p, 2)], hold="check")
        b = self.create_order("web", "ETC-" + p, [(p, 1)])
        self.ok("POST", "orders/%d/hold" % b["id"], {"reason": "x"}, status=200)
        self.ok("POST", "orders/%d/release" % b["id"], None, status=200)
        w = self.wave(wh)
        (pl_id, ln), = self.all_pick_lines(w)
        self.ok("POST", "pick-lists/%d/shorts" % pl_id, {"line_id": ln["id"], "quantity_found": 0}, status=200)
        types, after = set(), 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=500" % after, status=200)
            if not page["events"]:
                break
            types |= {e["type"] for e in page["events"]}
            after = page["next_after"]
        for t in ("order.cancelled", "order.held", "order.released", "pick.short", "order.backordered",
                  "fulfillment.released"):
            self.assertIn(t, types)
        self.assertEqual(sorted(types - DOC_EVENT_TYPES), [], "event types not in docs/api.md")
        import os
        spec = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "src", "api",
                                           "openapi.json")))
        documented = set(spec["components"]["schemas"]["EventType"]["enum"])
        self.assertEqual(sorted(DOC_EVENT_TYPES ^ documented), [],
                         "docs/api.md and openapi.json list different event types")

    def ship_all(self, wh, fid, sku, qty):
        w = self.wave(wh)
        for pl_id, ln in self.all_pick_lines(w):
            self.ok("POST", "pick-lists/%d/picks" % pl_id,
                    {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"], "quantity": ln["quantity"]},
                    status=200, token="operator")
        self.ok("POST", "fulfillments/%d/pack" % fid, {"packages": [{"items": [{"sku": sku, "quantity": qty}]}]},
                status=200, token="operator")
        return self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "DHL"}, status=200, token="operator")

    def test_split_order_partially_shipped(self):
        wa, wb = self.new_wh(), self.new_wh()
        x, y = self.uniq("PX"), self.uniq("PY")
        self.put_product(x)
        self.put_product(y)
        self.adjust(wa, "A01-001-1", x, 5)
        self.adjust(wb, "A01-001-1", y, 5)
        o = self.create_order("web", "PS-" + x, [(x, 2), (y, 1)])
        fids = {f["warehouse"]: f["id"] for f in o["fulfillments"]}
        self.assertEqual(sorted(fids), sorted([wa, wb]))
        self.ship_all(wa, fids[wa], x, 2)
        o = self.get_order(o["id"])
        self.assertEqual(o["status"], "partially_shipped")
        self.assertEqual((self.line(o, x)["shipped"], self.line(o, y)["shipped"]), (2, 0))
        self.refused("POST", "orders/%d/cancel" % o["id"], None, status=409, code="invalid_state")
        self.ship_all(wb, fids[wb], y, 1)
        o = self.get_order(o["id"])
        self.assertEqual(o["status"], "shipped")
        for fid in fids.values():
            self.ok("POST", "fulfillments/%d/deliver" % fid, None, status=200)
        self.assertEqual(self.get_order(o["id"])["status"], "delivered")
        self.assertVerify()

    def test_ship_with_given_tracking_number(self):
        wh = self.new_wh()
        p = self.uniq("FT")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 1)
        o = self.create_order("web", "TN-" + p, [(p, 1)])
        fid = o["fulfillments"][0]["id"]
        pack = {"packages": [{"items": [{"sku": p, "quantity": 1}]}]}
        self.refused("POST", "fulfillments/%d/pack" % fid, pack, status=409, code="invalid_state")
        w = self.wave(wh)
        (pl_id, ln), = self.all_pick_lines(w)
        self.refused("POST", "fulfillments/%d/pack" % fid, pack, status=409, code="invalid_state")
        self.ok("POST", "pick-lists/%d/picks" % pl_id,
                {"line_id": ln["id"], "location": ln["location"], "barcode": p, "quantity": 1}, status=200)
        self.ok("POST", "fulfillments/%d/pack" % fid, pack, status=200)
        self.refused("POST", "fulfillments/%d/pack" % fid, pack, status=409, code="invalid_state")
        self.refused("POST", "fulfillments/%d/ship" % fid, {"service": "x"}, status=422, code="invalid_field",
                     field="carrier")
        f = self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "UPS", "tracking_number": "1Z999"}, status=200)
        self.assertEqual(f["tracking_number"], "1Z999")
        self.ok("POST", "fulfillments/%d/deliver" % fid, None, status=200)
        self.refused("POST", "fulfillments/%d/deliver" % fid, None, status=409, code="invalid_state")
        self.assertEqual(self.get_order(o["id"])["status"], "delivered")

    def test_removal_order_pick_face_before_reserve(self):
        wh = self.new_wh()
        p = self.uniq("RP")
        self.put_product(p)
        self.adjust(wh, "A01-001-2", p, 5)   # reserve, received first
        self.adjust(wh, "A02-003-1", p, 5)   # pick face, received later
        self.create_order("web", "RP-" + p, [(p, 2)])
        (_, ln), = self.all_pick_lines(self.wave(wh))
        self.assertEqual((ln["location"], ln["quantity"]), ("A02-003-1", 2))

    def test_removal_order_fifo(self):
        wh = self.new_wh()
        p = self.uniq("RF")
        self.put_product(p)
        self.adjust(wh, "A02-003-1", p, 5)   # received first
        # Later by the clock: receipts in one millisecond are simultaneous, and
        # then the location code rightly breaks the tie (the nearer one first).
        time.sleep(0.005)
        self.adjust(wh, "A01-001-1", p, 5)   # received later, nearer the depot
        self.create_order("web", "RF-" + p, [(p, 2)])
        (_, ln), = self.all_pick_lines(self.wave(wh))
        self.assertEqual((ln["location"], ln["quantity"]), ("A02-003-1", 2))

    def test_removal_order_fefo(self):
        wh = self.new_wh()
        p = self.uniq("RE")
        self.put_product(p, tracking="lot")
        self.adjust(wh, "A01-001-1", p, 5, lot="LATE", expiry="2028-01-31")   # received first, expires last
        self.adjust(wh, "A02-003-1", p, 5, lot="EARLY", expiry="2027-02-28")
        self.create_order("web", "RE-" + p, [(p, 7)])
        lines = sorted((l["lot"], l["location"], l["quantity"]) for _, l in self.all_pick_lines(self.wave(wh)))
        self.assertEqual(lines, [("EARLY", "A02-003-1", 5), ("LATE", "A01-001-1", 2)])

    def test_wave_order_age(self):
        wh = self.new_wh()
        p = self.uniq("AG")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 10)
        old = self.create_order("web", "AGO-" + p, [(p, 1)])
        new = self.create_order("web", "AGN-" + p, [(p, 1)])
        w = self.ok("POST", "waves", {"warehouse": wh, "max_orders": 1}, status=201)
        self.assertEqual(w["fulfillments"], [old["fulfillments"][0]["id"]])
        w = self.ok("POST", "waves", {"warehouse": wh, "max_orders": 1}, status=201)
        self.assertEqual(w["fulfillments"], [new["fulfillments"][0]["id"]])

    def test_wave_order_ship_by(self):
        wh = self.new_wh()
        p = self.uniq("SB")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 10)
        later = self.create_order("web", "SBL-" + p, [(p, 1)], ship_by="2027-01-10T12:00:00Z")
        sooner = self.create_order("web", "SBS-" + p, [(p, 1)], ship_by="2027-01-05T12:00:00Z")
        w = self.ok("POST", "waves", {"warehouse": wh, "max_orders": 1}, status=201)
        self.assertEqual(w["fulfillments"], [sooner["fulfillments"][0]["id"]])
        w = self.ok("POST", "waves", {"warehouse": wh, "max_orders": 1}, status=201)
        self.assertEqual(w["fulfillments"], [later["fulfillments"][0]["id"]])
        self.refused("POST", "waves", {"warehouse": wh, "max_orders": 0}, status=422, code="invalid_field",
                     field="max_orders")
        self.refused("POST", "waves", {"warehouse": wh, "max_orders": 1001}, status=422, code="invalid_field",
                     field="max_orders")
        # batched onto carts a wave is a longer write command: at most 300 orders
        self.refused("POST", "waves", {"warehouse": wh, "max_orders": 301, "cart": {"max_items": 20}},
                     status=422, code="invalid_field", field="max_orders")

    def test_negative_adjustment_cannot_take_allocated_or_reserved_stock(self):
        wh = self.new_wh()
        p = self.uniq("NA")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 5)
        o = self.create_order("web", "NA-" + p, [(p, 3)])
        self.refused("POST", "inventory/adjustments", {"warehouse": wh, "location": "A01-001-1", "sku": p,
                                                       "quantity": -3, "reason": "lost"},
                     status=409, code="insufficient_stock")
        self.wave(wh)   # now reserved at A01-001-1
        self.refused("POST", "inventory/adjustments", {"warehouse": wh, "location": "A01-001-1", "sku": p,
                                                       "quantity": -3, "reason": "lost"},
                     status=409, code="insufficient_stock")
        a = self.adjust(wh, "A01-001-1", p, -2, reason="lost")
        self.assertEqual(a["on_hand"], 3)
        inv = self.inventory(p, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (3, 3, 0))
        self.assertEqual(self.line(self.get_order(o["id"]), p)["allocated"], 3)
        self.assertVerify()

    def test_idempotency_key_on_scan_and_wave(self):
        wh = self.new_wh()
        p = self.uniq("IK")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 10)
        self.create_order("web", "IK-" + p, [(p, 4)])
        key = {"Idempotency-Key": "wave-" + p}
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, headers=key)
        w2 = self.ok("POST", "waves", {"warehouse": wh}, status=(200, 201), headers=key)
        self.assertEqual(w2["id"], w["id"])
        (pl_id, ln), = self.all_pick_lines(w)
        scan = {"line_id": ln["id"], "location": ln["location"], "barcode": p, "quantity": 1}
        key = {"Idempotency-Key": "scan-" + p}
        self.ok("POST", "pick-lists/%d/picks" % pl_id, scan, status=200, headers=key)
        pl = self.ok("POST", "pick-lists/%d/picks" % pl_id, scan, status=200, headers=key)  # a retried scan
        self.assertEqual([l["picked"] for l in pl["lines"] if l["id"] == ln["id"]], [1])
        self.refused("POST", "pick-lists/%d/picks" % pl_id, dict(scan, quantity=2), headers=key,
                     status=409, code="idempotency_conflict")
        self.assertEqual(self.inventory(p, wh)["on_hand"], 9)

    def test_negative_adjustment_never_breaks_allocation(self):
        # I3: allocated <= on hand in allocatable locations, whatever the
        # server decides about a negative adjustment at one of two bins.
        wh = self.new_wh()
        p = self.uniq("I3")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 5)
        self.adjust(wh, "A01-002-1", p, 5)
        o = self.create_order("web", "I3-" + p, [(p, 8)])
        r = self.s.call("POST", "inventory/adjustments",
                        {"warehouse": wh, "location": "A01-001-1", "sku": p, "quantity": -5, "reason": "lost"})
        self.assertIn(r.status, (201, 409), r.describe())
        inv = self.inventory(p, wh)
        self.assertLessEqual(inv["allocated"], inv["on_hand"], inv)
        o = self.get_order(o["id"])
        self.assertEqual(self.line(o, p)["allocated"], inv["allocated"])
        self.assertVerify()

    def test_stock_in_non_allocatable_locations_is_not_promised(self):
        wh = self.new_wh()
        p = self.uniq("NL")
        self.put_product(p)
        self.adjust(wh, "RECV-01", p, 5)
        self.adjust(wh, "QUAR-01", p, 5)
        o = self.create_order("web", "NL-" + p, [(p, 2)])
        self.assertEqual(self.line(o, p)["backordered"], 2)
        self.adjust(wh, "QUAR-01", p, 5)
        self.assertEqual(self.line(self.get_order(o["id"]), p)["backordered"], 2)
        inv = self.inventory(p, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (0, 0, 0))
        self.adjust(wh, "A01-001-1", p, 2)
        self.assertEqual(self.line(self.get_order(o["id"]), p)["allocated"], 2)

    def test_cancel_in_wave_before_picking(self):
        wh = self.new_wh()
        p = self.uniq("CW")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 4)
        o = self.create_order("web", "CW-" + p, [(p, 3)])
        self.wave(wh)
        c = self.ok("POST", "orders/%d/cancel" % o["id"], None, status=200)
        self.assertEqual(c["status"], "cancelled")
        self.assertEqual(self.line(c, p)["cancelled"], 3)
        inv = self.inventory(p, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (4, 0, 4))
        self.assertEqual([l["reserved"] for l in inv["locations"] if l["location"] == "A01-001-1"], [0])
        self.assertVerify()

    def test_short_pick_resourced_from_another_location(self):
        wh = self.new_wh()
        p = self.uniq("FS")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 2)   # pick face
        self.adjust(wh, "A01-001-2", p, 5)   # reserve above it
        o = self.create_order("web", "SH-" + p, [(p, 2)])
        w = self.wave(wh)
        (pl_id, ln), = self.all_pick_lines(w)
        self.assertEqual((ln["location"], ln["quantity"]), ("A01-001-1", 2))  # pick faces first
        self.refused("POST", "pick-lists/%d/shorts" % pl_id, {"line_id": ln["id"], "quantity_found": 3},
                     status=422, token="operator")
        pl = self.ok("POST", "pick-lists/%d/shorts" % pl_id, {"line_id": ln["id"], "quantity_found": 1},
                     status=200, token="operator")
        old = [l for l in pl["lines"] if l["id"] == ln["id"]][0]
        self.assertEqual((old["picked"], old["short"], old["status"]), (1, 1, "short"))
        new = [l for l in pl["lines"] if l["id"] != ln["id"]]
        self.assertEqual(len(new), 1, pl)
        new = new[0]
        self.assertEqual((new["location"], new["sku"], new["quantity"], new["status"]), ("A01-001-2", p, 1, "open"))
        line = self.order_line(o["id"], p)
        self.assertEqual((line["picked"], line["allocated"], line["backordered"]), (1, 1, 0))
        moves = self.ok("GET", "inventory/%s/moves" % p, status=200)["moves"]
        self.assertIn(("A01-001-1", "virtual:adjustment", "short_pick"),
                      [(m["from_location"], m["to_location"], m["reason"]) for m in moves])
        pl = self.ok("POST", "pick-lists/%d/picks" % pl_id,
                     {"line_id": new["id"], "location": "A01-001-2", "barcode": p, "quantity": 1},
                     status=200, token="operator")
        line = self.order_line(o["id"], p)
        self.assertEqual((line["picked"], line["allocated"]), (2, 0))
        self.assertEqual(self.ok("GET", "fulfillments/%d" % o["fulfillments"][0]["id"], status=200)["status"],
                         "picked")
        inv = self.inventory(p, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"]), (4, 0))  # 7 - 1 written off - 2 picked
        self.assertVerify()

    def test_short_pick_backorders(self):
        wh = self.new_wh()
        p = self.uniq("FB")
        self.put_product(p)
        self.adjust(wh, "A01-003-1", p, 2)
        o = self.create_order("web", "SB-" + p, [(p, 2)])
        w = self.wave(wh)
        (pl_id, ln), = self.all_pick_lines(w)
        pl = self.ok("POST", "pick-lists/%d/shorts" % pl_id, {"line_id": ln["id"], "quantity_found": 0},
                     status=200, token="operator")
        self.assertEqual(len(pl["lines"]), 1)  # nowhere else to take it from
        self.assertEqual(pl["lines"][0]["status"], "short")
        o2 = self.get_order(o["id"])
        line = self.line(o2, p)
        self.assertEqual((line["backordered"], line["allocated"], line["picked"]), (2, 0, 0))
        self.assertEqual(o2["status"], "backordered")
        inv = self.inventory(p, wh)
        self.assertEqual((inv["on_hand"], inv["allocated"]), (0, 0))
        self.assertVerify()
        # stock arrives: allocated again automatically
        self.adjust(wh, "A02-001-1", p, 3)
        o3 = self.get_order(o["id"])
        line = self.line(o3, p)
        self.assertEqual((line["backordered"], line["allocated"]), (0, 2))
        self.assertEqual(self.inventory(p, wh)["allocated"], 2)
        self.assertVerify()

    def test_wave_nothing_and_unknowns(self):
        wh = self.new_wh()
        self.refused("POST", "waves", {"warehouse": wh}, status=409, code="nothing_to_wave")
        self.refused("POST", "waves", {"warehouse": "NOPE-WH"}, status=422, code="unknown_warehouse")
        self.assertProblem(self.s.call("GET", "waves/98765432"), 404, "unknown_wave")
        self.assertProblem(self.s.call("GET", "pick-lists/98765432"), 404, "unknown_pick_list")
        self.assertProblem(self.s.call("GET", "fulfillments/98765432"), 404, "unknown_fulfillment")
        self.refused("POST", "fulfillments/98765432/ship", {"carrier": "DHL"}, status=404, code="unknown_fulfillment")

    def test_wave_order_priority_and_max_orders(self):
        wh = self.new_wh()
        p = self.uniq("FP")
        self.put_product(p)
        self.adjust(wh, "A01-001-1", p, 10)
        lo = self.create_order("web", "LO-" + p, [(p, 1)], priority=1)
        hi = self.create_order("web", "HI-" + p, [(p, 1)], priority=9)
        w = self.ok("POST", "waves", {"warehouse": wh, "max_orders": 1}, status=201)
        self.assertEqual(w["fulfillments"], [hi["fulfillments"][0]["id"]])
        w2 = self.ok("POST", "waves", {"warehouse": wh}, status=201)
        self.assertEqual(w2["fulfillments"], [lo["fulfillments"][0]["id"]])
        self.refused("POST", "waves", {"warehouse": wh}, status=409, code="nothing_to_wave")


if __name__ == "__main__":
    unittest.main()
