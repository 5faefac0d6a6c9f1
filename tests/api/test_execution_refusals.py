"""Bad input on the warehouse execution routes gets a clear error and changes
nothing: receiving (GS1 scans, purchase-order state, tolerances), putaway,
cycle counts, returns, packing/shipping/rating and the task queue, including
workers racing for one task. Every refusal goes through ApiTestCase.refused(),
which checks the problem+json status and code (and field), that the database
snapshot is unchanged and that `wareflow verify` passes."""
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Workers, create_token, sql_query  # noqa: E402


def gs1_check_digit(digits):
    """GS1 mod-10 check digit for `digits` given without it."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def carrier_body(**over):
    """The DHL carrier of the examples: Germany only, 2 business days."""
    body = {"name": "DHL", "services": [{
        "code": "standard", "name": "DHL Paket", "transit_days": 2, "currency": "EUR",
        "dimensional_divisor_cm3_per_kg": 5000,
        "zones": [{"code": "de", "areas": [{"country": "DE", "postal_prefix": ""}],
                   "rates": [{"max_weight_g": 1000, "price_minor": 500},
                             {"max_weight_g": 5000, "price_minor": 700}]}]}]}
    body.update(over)
    return body


class ExecutionBase(ApiTestCase):
    """Shared set-up: a channel, two boxes, a configured carrier and suppliers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        for code, dims in (("S", (250, 200, 100)), ("M", (400, 300, 200))):
            cls.setup_call("PUT", "boxes/" + code,
                           {"inner_length_mm": dims[0], "inner_width_mm": dims[1], "inner_height_mm": dims[2],
                            "max_weight_g": 10000, "tare_weight_g": 100, "cost_minor": 50})
        cls.setup_call("PUT", "carriers/DHL", carrier_body())
        # 10 % over-receipt tolerance, and none at all
        cls.setup_call("PUT", "suppliers/SUP10", {"name": "Tolerant Supplier", "over_receipt_tolerance_permille": 100})
        cls.setup_call("PUT", "suppliers/SUP0", {"name": "Exact Supplier"})

    # -- helpers
    _gtin = 0

    def new_wh(self):
        code = self.uniq("X").replace("-", "")
        self.put_warehouse(code, layout=(2, 3, 2), pick_levels=1)
        return code

    def new_product(self, prefix, **kw):
        """A product with a unique EAN-13 barcode; returns (sku, ean13)."""
        ExecutionBase._gtin += 1
        body = "40%03d%07d" % (os.getpid() % 1000, ExecutionBase._gtin)
        ean = body + gs1_check_digit(body)
        sku = self.uniq(prefix)
        self.put_product(sku, barcodes=[ean], **kw)
        return sku, ean

    def new_po(self, wh, lines, supplier="SUP0", number=None):
        number = number or self.uniq("PO")
        po = self.ok("POST", "purchase-orders",
                     {"number": number, "supplier": supplier, "warehouse": wh,
                      "lines": [{"sku": s, "quantity": q} for s, q in lines]},
                     status=201, token="integration")
        self.assertEqual((po["number"], po["status"]), (number, "open"))
        return number

    def receive(self, number, body, token="operator"):
        return self.ok("POST", "purchase-orders/%s/receipts" % number, body, status=201, token=token)

    def putaway_task(self, wh, sku, qty):
        """Receives `qty` of `sku` on a fresh purchase order; returns (task, receipt)."""
        number = self.new_po(wh, [(sku, qty)])
        rc = self.receive(number, {"sku": sku, "quantity": qty})
        self.assertIsInstance(rc["putaway_task_id"], int, rc)
        task = self.ok("GET", "tasks/%d" % rc["putaway_task_id"], status=200)
        self.assertEqual((task["type"], task["status"], task["quantity"], task["from_location"]),
                         ("putaway", "open", qty, "RECV-01"))
        return task, rc

    def wave(self, wh):
        return self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")

    def picked_fulfillment(self, wh, sku, qty, stock=None, **order):
        """An order of qty x sku (order: create_order's keywords), waved and picked;
        returns (order, fulfillment id)."""
        self.adjust(wh, "A01-001-1", sku, stock or qty)
        o = self.create_order("web", self.uniq("CO"), [(sku, qty)], **order)
        fid = o["fulfillments"][0]["id"]
        w = self.wave(wh)
        for pl in w["pick_lists"]:
            for ln in pl["lines"]:
                self.ok("POST", "pick-lists/%d/picks" % pl["id"],
                        {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                         "quantity": ln["quantity"]}, status=200, token="operator")
        self.assertEqual(self.ok("GET", "fulfillments/%d" % fid, status=200)["status"], "picked")
        return o, fid

    def shipped_fulfillment(self, wh, sku, qty):
        o, fid = self.picked_fulfillment(wh, sku, qty)
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "M", "items": [{"sku": sku, "quantity": qty}]}]}, status=200, token="operator")
        f = self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "OWNVAN"}, status=200, token="operator")
        self.assertEqual(f["status"], "shipped")
        return o, fid


# --------------------------------------------------------------------- receiving

class ReceivingRefusals(ExecutionBase):
    def test_malformed_gs1_scans(self):
        wh = self.new_wh()
        sku, ean = self.new_product("GS")
        number = self.new_po(wh, [(sku, 5)])
        gtin14 = "0" + ean
        bad = [
            "(99)ABC",                              # unknown AI
            "(01)%s(98)1" % gtin14,                 # unknown AI after a good one
            "(17)261332",                           # month 13
            "(17)260229",                           # 29 February of a common year
            "(17)260431",                           # 31 April
            "(17)2612AB",                           # letters in a date
            "(01)%s(17)261332" % gtin14,            # month 13 after a good GTIN
            "(01)%s(17)2612" % gtin14,              # date too short
            "(01)123",                              # GTIN too short
            "(01)%s1" % gtin14,                     # GTIN too long
            "(01)%s(37)" % gtin14,                  # empty count
            "(01)%s(37)12AB" % gtin14,              # non-numeric count
            "]C1hello",                             # junk after a symbology identifier
            "((((",                                 # junk
            "(01)%s junk" % gtin14,                 # trailing text
            "123456789012345678",                   # raw digits that start with no known AI
            "(01%s" % gtin14,                       # unterminated bracket
            "[01]%s[10" % gtin14,                   # unterminated square bracket
            "[01%s" % gtin14,
            "]C101%s\x1d\x1d10AB" % gtin14,        # two group separators in a row
            "(10)AB CD",                            # a space is not a GS1 character
            "(10)" + "A" * 21,                      # lot longer than 20
            "()",                                   # empty AI
        ]
        for scan in bad:
            with self.subTest(scan=scan):
                self.refused("POST", "purchase-orders/%s/receipts" % number, {"scan": scan, "quantity": 1},
                             status=422, code="invalid_gs1", field="scan", token="operator")
        # the same product by a well-formed GS1 string is received
        rc = self.receive(number, {"scan": "(01)%s(37)2" % gtin14})
        self.assertEqual((rc["sku"], rc["quantity"], rc["location"]), (sku, 2, "RECV-01"))
        self.assertEqual(rc["purchase_order_after"]["lines"][0]["received"], 2)

    def test_wrong_gtin_check_digit(self):
        wh = self.new_wh()
        sku, ean = self.new_product("CD")
        number = self.new_po(wh, [(sku, 5)])
        good = "0" + ean
        wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
        for scan in ("(01)%s" % wrong, "[01]%s[37]1" % wrong, "]C101%s" % wrong):
            with self.subTest(scan=scan):
                self.refused("POST", "purchase-orders/%s/receipts" % number, {"scan": scan, "quantity": 1},
                             status=422, code="invalid_check_digit", field="scan", token="operator")
        sscc17 = "03%015d" % 12345
        wrong_sscc = sscc17 + str((int(gs1_check_digit(sscc17)) + 1) % 10)
        self.refused("POST", "purchase-orders/%s/receipts" % number,
                     {"scan": "(00)%s(01)%s" % (wrong_sscc, good), "quantity": 1},
                     status=422, code="invalid_check_digit", field="scan", token="operator")
        rc = self.receive(number, {"scan": "(01)%s" % good, "quantity": 1})
        self.assertEqual(rc["sku"], sku)

    def test_scan_and_fields_disagree(self):
        wh = self.new_wh()
        lotted, ean = self.new_product("LT", tracking="lot")
        plain, _ = self.new_product("PL")
        number = self.new_po(wh, [(lotted, 5), (plain, 5)])
        g = "0" + ean
        url = "purchase-orders/%s/receipts" % number
        cases = [
            ({"scan": "(01)%s(10)L1(37)99999999" % g}, "invalid_field", "quantity"),   # count from the scan
            ({"scan": "(01)%s(10)L1" % g, "sku": plain, "quantity": 1}, "invalid_field", "sku"),
            ({"scan": "(01)%s(10)L1" % g, "lot": "L2", "quantity": 1}, "invalid_field", "lot"),
            ({"scan": "(01)%s(17)270100(10)L1" % g, "expiry": "2027-01-15", "quantity": 1}, "invalid_field",
             "expiry"),
            ({"scan": "(01)%s" % g, "quantity": 1}, "lot_required", "lot"),
            ({"scan": "(01)%s(10)L1" % g}, "invalid_field", "quantity"),
            ({"quantity": 1}, "invalid_field", "scan"),
            ({"sku": plain, "quantity": 0}, "invalid_field", "quantity"),
            ({"sku": plain, "quantity": 1, "location": "NO-SUCH-LOC"}, "unknown_location", "location"),
            ({"sku": plain, "quantity": 1, "location": "A01-001-1"}, "wrong_location_type", "location"),
        ]
        for body, code, field in cases:
            with self.subTest(body=body):
                self.refused("POST", url, body, status=422, code=code, field=field, token="operator")
        rc = self.receive(number, {"scan": "(01)%s(10)L1(17)270100" % g, "quantity": 1})
        self.assertEqual((rc["lot"], rc["expiry"]), ("L1", "2027-01-31T00:00:00.000Z"))
        # the lot has its expiry now; another one for it is refused
        self.refused("POST", url, {"scan": "(01)%s(10)L1(17)270200" % g, "quantity": 1}, status=422,
                     code="lot_expiry_mismatch", field="expiry", token="operator")

    def test_closed_and_cancelled_purchase_orders_take_no_receipts(self):
        wh = self.new_wh()
        sku, ean = self.new_product("CL")
        closed = self.new_po(wh, [(sku, 5)])
        self.receive(closed, {"sku": sku, "quantity": 2})
        po = self.ok("POST", "purchase-orders/%s/close" % closed, None, status=200, token="manager")
        self.assertEqual(po["status"], "closed")
        cancelled = self.new_po(wh, [(sku, 5)])
        po = self.ok("POST", "purchase-orders/%s/cancel" % cancelled, None, status=200, token="integration")
        self.assertEqual(po["status"], "cancelled")
        for number in (closed, cancelled):
            for body in ({"sku": sku, "quantity": 1}, {"scan": ean, "quantity": 1},
                         {"scan": "(01)0%s" % ean, "quantity": 1}, {"sku": sku, "quantity": 1, "damaged": True}):
                with self.subTest(po=number, body=body):
                    self.refused("POST", "purchase-orders/%s/receipts" % number, body,
                                 status=409, code="purchase_order_closed", token="operator")
        # closing or cancelling again is refused too
        self.refused("POST", "purchase-orders/%s/close" % closed, None, status=409, code="purchase_order_closed",
                     token="manager")
        self.refused("POST", "purchase-orders/%s/cancel" % cancelled, None, status=409, code="invalid_state",
                     token="integration")
        # a purchase order with receipts cannot be cancelled
        receiving = self.new_po(wh, [(sku, 5)])
        self.receive(receiving, {"sku": sku, "quantity": 1})
        self.refused("POST", "purchase-orders/%s/cancel" % receiving, None, status=409, code="invalid_state",
                     token="integration")

    def test_closed_line_takes_no_receipts(self):
        wh = self.new_wh()
        a, _ = self.new_product("LA")
        b, _ = self.new_product("LB")
        number = self.new_po(wh, [(a, 5), (b, 5)])
        rc = self.receive(number, {"sku": a, "quantity": 2, "close_line": True})
        self.assertEqual(rc["purchase_order_after"]["status"], "receiving")
        self.assertEqual([l["closed"] for l in rc["purchase_order_after"]["lines"]], [True, False])
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": a, "quantity": 1},
                     status=409, code="purchase_order_closed", token="operator")
        self.receive(number, {"sku": b, "quantity": 1})

    def test_over_receipt_beyond_tolerance(self):
        wh = self.new_wh()
        sku, _ = self.new_product("OR")
        # 10 units at 10 %: up to 11
        number = self.new_po(wh, [(sku, 10)], supplier="SUP10")
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 12},
                     status=409, code="over_receipt", token="operator")
        self.receive(number, {"sku": sku, "quantity": 5})
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 7},
                     status=409, code="over_receipt", token="operator")
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 7, "damaged": True},
                     status=409, code="over_receipt", token="operator")
        rc = self.receive(number, {"sku": sku, "quantity": 6})   # 11: within the tolerance
        line = rc["purchase_order_after"]["lines"][0]
        self.assertEqual((line["expected"], line["received"], line["closed"]), (10, 11, True))
        self.assertEqual(rc["purchase_order_after"]["status"], "closed")
        # a supplier without tolerance: not one unit over
        exact = self.new_po(wh, [(sku, 3)], supplier="SUP0")
        self.refused("POST", "purchase-orders/%s/receipts" % exact, {"sku": sku, "quantity": 4},
                     status=409, code="over_receipt", token="operator")
        rc = self.receive(exact, {"sku": sku, "quantity": 3})
        self.assertEqual(rc["purchase_order_after"]["lines"][0]["received"], 3)
        self.assertVerify()

    def test_product_not_on_purchase_order(self):
        wh = self.new_wh()
        on, _ = self.new_product("ON")
        off, off_ean = self.new_product("OFF")
        number = self.new_po(wh, [(on, 5)])
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"scan": off_ean, "quantity": 1},
                     status=422, code="not_on_purchase_order", field="scan", token="operator")
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"scan": "(01)0%s" % off_ean, "quantity": 1},
                     status=422, code="not_on_purchase_order", field="scan", token="operator")
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": on, "line_no": 2, "quantity": 1},
                     status=422, code="not_on_purchase_order", field="line_no", token="operator")
        # a scan nobody knows is not a product at all
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"scan": "NO-SUCH-BARCODE", "quantity": 1},
                     status=422, code="unknown_sku", field="scan", token="operator")

    def test_purchase_order_creation_refusals(self):
        wh = self.new_wh()
        sku, _ = self.new_product("PC")
        body = {"number": self.uniq("PO"), "supplier": "NO-SUCH-SUPPLIER", "warehouse": wh,
                "lines": [{"sku": sku, "quantity": 3}]}
        self.refused("POST", "purchase-orders", body, status=422, code="unknown_supplier", field="supplier",
                     token="integration")
        number = self.new_po(wh, [(sku, 3)])
        for supplier in ("SUP0", "SUP10"):
            with self.subTest(supplier=supplier):
                self.refused("POST", "purchase-orders", dict(body, number=number, supplier=supplier),
                             status=409, code="purchase_order_exists", token="integration")
        self.refused("POST", "purchase-orders",
                     dict(body, supplier="SUP0", lines=[{"sku": "NO-SUCH-SKU", "quantity": 1}]),
                     status=422, code="unknown_sku", field="lines[0].sku", token="integration")
        self.refused("POST", "purchase-orders", dict(body, supplier="SUP0", lines=[]),
                     status=422, code="invalid_field", field="lines", token="integration")
        po = self.ok("GET", "purchase-orders/" + number, status=200, token="viewer")
        self.assertEqual([(l["sku"], l["expected"]) for l in po["lines"]], [(sku, 3)])

    def test_unknown_purchase_order(self):
        sku, _ = self.new_product("UP")
        self.assertProblem(self.s.call("GET", "purchase-orders/NO-SUCH-PO", token="viewer"), 404,
                           "unknown_purchase_order")
        self.refused("POST", "purchase-orders/NO-SUCH-PO/receipts", {"sku": sku, "quantity": 1},
                     status=404, code="unknown_purchase_order", token="operator")
        self.refused("POST", "purchase-orders/NO-SUCH-PO/close", None, status=404, code="unknown_purchase_order",
                     token="manager")
        self.refused("POST", "purchase-orders/NO-SUCH-PO/cancel", None, status=404, code="unknown_purchase_order",
                     token="integration")

    def test_damaged_goods_go_to_quarantine_without_putaway(self):
        wh = self.new_wh()
        sku, _ = self.new_product("DM")
        number = self.new_po(wh, [(sku, 5)])
        before = self.ok("GET", "tasks?warehouse=%s&type=putaway" % wh, status=200)["tasks"]
        rc = self.receive(number, {"sku": sku, "quantity": 2, "damaged": True})
        self.assertEqual((rc["location"], rc["damaged"], rc["putaway_task_id"]), ("QUAR-01", True, None))
        line = rc["purchase_order_after"]["lines"][0]
        self.assertEqual((line["received"], line["damaged"], line["open"]), (0, 2, 3))
        after = self.ok("GET", "tasks?warehouse=%s&type=putaway" % wh, status=200)["tasks"]
        self.assertEqual(after, before, "a damaged receipt makes no putaway task")
        inv = self.inventory(sku, wh)
        self.assertEqual(inv["on_hand"], 0, "quarantined units are not on hand for orders")
        moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
        self.assertEqual([(m["from_location"], m["to_location"], m["quantity"], m["reason"]) for m in moves],
                         [("virtual:supplier", "QUAR-01", 2, "receipt_damaged")])
        # damaged units may not be sent to the receiving dock
        self.refused("POST", "purchase-orders/%s/receipts" % number,
                     {"sku": sku, "quantity": 1, "damaged": True, "location": "RECV-01"},
                     status=422, code="wrong_location_type", field="location", token="operator")
        # good units do get a putaway task
        rc = self.receive(number, {"sku": sku, "quantity": 1})
        self.assertEqual(rc["location"], "RECV-01")
        self.assertIsInstance(rc["putaway_task_id"], int)
        self.assertVerify()


# ----------------------------------------------------------------------- putaway

class PutawayRefusals(ExecutionBase):
    def test_unfit_destinations(self):
        wh = self.new_wh()
        sku, _ = self.new_product("PA")       # 100 x 80 x 50 mm = 400 cm3 a unit
        task, rc = self.putaway_task(wh, sku, 3)
        tid = task["id"]
        url = "tasks/%d/complete" % tid
        self.ok("PUT", "warehouses/%s/locations/TINY-1" % wh, {"type": "storage", "max_volume_cm3": 1}, status=201)
        self.ok("PUT", "warehouses/%s/locations/RECV-02" % wh, {"type": "receiving"}, status=201)
        self.ok("PUT", "warehouses/%s/locations/LIGHT-1" % wh, {"type": "storage", "max_weight_g": 300}, status=201)
        self.refused("POST", url, {"location": "TINY-1"}, status=409, code="location_full", token="operator")
        self.refused("POST", url, {"location": "LIGHT-1"}, status=409, code="location_full", token="operator")
        # a location holding another product
        other, _ = self.new_product("PO")
        self.adjust(wh, "A02-001-2", other, 1)
        self.refused("POST", url, {"location": "A02-001-2"}, status=409, code="location_occupied", token="operator")
        self.refused("POST", url, {"location": "TINY-1", "quantity": 1}, status=409, code="location_full",
                     token="operator")
        for loc in ("PACK-01", "SHIP-01", "RECV-02", "RECV-01", "QUAR-01"):
            with self.subTest(location=loc):
                self.refused("POST", url, {"location": loc}, status=422, code="wrong_location_type",
                             token="operator")
        for loc in ("NO-SUCH-LOC", "virtual:customer"):
            with self.subTest(location=loc):
                self.refused("POST", url, {"location": loc}, status=422, code="unknown_location",
                             field="location", token="operator")
        for q in (4, 1000):
            with self.subTest(quantity=q):
                self.refused("POST", url, {"location": "A02-003-2", "quantity": q}, status=422,
                             code="invalid_field", field="quantity", token="operator")
        self.refused("POST", url, {"location": "A02-003-2", "quantity": 0}, status=422, code="invalid_field",
                     field="quantity", token="operator")
        self.refused("POST", url, {}, status=422, code="invalid_field", field="location", token="operator")
        self.refused("POST", "tasks/98765432/complete", {"location": "A02-003-2"}, status=404, code="unknown_task",
                     token="operator")
        self.assertEqual(self.ok("GET", "tasks/%d" % tid, status=200)["status"], "open")
        # the suggested location takes it; then the task is done
        dest = rc["suggested_location"] or "A02-003-2"
        t = self.ok("POST", url, {"location": dest}, status=200, token="operator")
        self.assertEqual((t["status"], t["done_location"], t["done_quantity"]), ("done", dest, 3))
        self.refused("POST", url, {"location": dest}, status=409, code="invalid_state", token="operator")
        inv = self.inventory(sku, wh)
        self.assertEqual([(l["location"], l["on_hand"]) for l in inv["locations"] if l["on_hand"]], [(dest, 3)])
        self.assertVerify()


# ------------------------------------------------------------------------ counts

class CountRefusals(ExecutionBase):
    def test_submission_without_open_count(self):
        wh = self.new_wh()
        sku, _ = self.new_product("NP")
        self.adjust(wh, "A01-002-1", sku, 4)
        body = {"warehouse": wh, "location": "A01-002-1", "lines": [{"sku": sku, "quantity": 4}]}
        self.refused("POST", "counts/submissions", body, status=409, code="not_in_plan", token="operator")
        self.refused("POST", "counts/submissions", dict(body, location="NO-SUCH-LOC"), status=422,
                     code="unknown_location", field="location", token="operator")

    def test_wrong_location_and_approval_state(self):
        wh = self.new_wh()
        sku, _ = self.new_product("WL")
        self.adjust(wh, "A01-003-1", sku, 5)
        c = self.ok("POST", "counts", {"warehouse": wh, "location": "A01-003-1"}, status=201, token="manager")
        cid = c["id"]
        self.assertEqual(c["status"], "open")
        lines = [{"sku": sku, "quantity": 5}]
        for loc in ("A01-002-1", "a01-003-1", "NO-SUCH-LOC"):
            with self.subTest(location=loc):
                self.refused("POST", "counts/%d/submit" % cid, {"location": loc, "lines": lines}, status=422,
                             code="wrong_location", field="location", token="operator")
        self.refused("POST", "counts", {"warehouse": wh, "location": "A01-003-1"}, status=409, code="count_open",
                     token="manager")
        # an open count needs no approval
        self.refused("POST", "counts/%d/approve" % cid, None, status=409, code="invalid_state", token="manager")
        self.refused("POST", "counts/%d/reject" % cid, None, status=409, code="invalid_state", token="manager")
        # listing a SKU twice is refused
        self.refused("POST", "counts/%d/submit" % cid,
                     {"location": "A01-003-1", "lines": [{"sku": sku, "quantity": 2}, {"sku": sku, "quantity": 3}]},
                     status=422, code="invalid_field", field="lines[1]", token="operator")
        # an exact count is accepted at once: nothing left to approve
        done = self.ok("POST", "counts/%d/submit" % cid, {"location": "A01-003-1", "lines": lines}, status=200,
                       token="operator")
        self.assertEqual(done["status"], "accepted")
        self.refused("POST", "counts/%d/approve" % cid, None, status=409, code="invalid_state", token="manager")
        self.refused("POST", "counts/%d/submit" % cid, {"location": "A01-003-1", "lines": lines}, status=409,
                     code="invalid_state", token="operator")
        self.refused("POST", "counts/98765432/approve", None, status=404, code="unknown_count", token="manager")
        self.assertEqual(self.inventory(sku, wh)["on_hand"], 5)

    def test_blind_counts(self):
        wh = self.new_wh()
        sku, _ = self.new_product("BC")
        self.adjust(wh, "A02-001-1", sku, 5)
        cid = self.ok("POST", "counts", {"warehouse": wh, "location": "A02-001-1"}, status=201, token="manager")["id"]
        submit = {"location": "A02-001-1", "lines": [{"sku": sku, "quantity": 4}]}

        def check_views(expected, counted, variance):
            op = self.ok("GET", "counts/%d" % cid, status=200, token="operator")
            self.assertEqual([l["sku"] for l in op["lines"]], [sku], op)
            for ln in op["lines"]:
                self.assertEqual(ln["counted"], counted)
                self.assertNotIn("expected", ln, "an operator's count view is blind")
                self.assertNotIn("variance", ln, "an operator's count view is blind")
            for role in ("manager", "admin"):
                mg = self.ok("GET", "counts/%d" % cid, status=200, token=role)
                self.assertEqual([(l["sku"], l["expected"], l["counted"], l["variance"]) for l in mg["lines"]],
                                 [(sku, expected, counted, variance)], mg)
            listed = self.ok("GET", "counts?warehouse=%s" % wh, status=200, token="operator")["counts"]
            for c in listed:
                for ln in c["lines"]:
                    self.assertNotIn("expected", ln)
                    self.assertNotIn("variance", ln)

        first = self.ok("POST", "counts/%d/submit" % cid, submit, status=200, token="operator")
        for ln in first["lines"]:
            self.assertNotIn("expected", ln)
            self.assertNotIn("variance", ln)
        self.assertEqual(first["status"], "recount")
        check_views(5, 4, -1)
        second = self.ok("POST", "counts/%d/submit" % cid, submit, status=200, token="operator")
        self.assertEqual(second["status"], "needs_approval")
        for ln in second["lines"]:
            self.assertNotIn("expected", ln)
        check_views(5, 4, -1)
        # a count awaiting approval takes no more figures
        self.refused("POST", "counts/submissions", dict(submit, warehouse=wh), status=409, code="not_in_plan",
                     token="operator")
        self.refused("POST", "counts/%d/submit" % cid, submit, status=409, code="invalid_state", token="operator")
        self.refused("POST", "counts/%d/start" % cid, None, status=409, code="invalid_state", token="operator")
        # an operator can't approve; a manager can, once
        self.refused("POST", "counts/%d/approve" % cid, None, status=403, token="operator")
        a = self.ok("POST", "counts/%d/approve" % cid, None, status=200, token="manager")
        self.assertEqual(a["status"], "approved")
        self.refused("POST", "counts/%d/approve" % cid, None, status=409, code="invalid_state", token="manager")
        self.assertEqual(self.inventory(sku, wh)["on_hand"], 4)
        self.assertVerify()


# ----------------------------------------------------------------------- returns

class ReturnRefusals(ExecutionBase):
    def test_return_refusals(self):
        wh = self.new_wh()
        sku, _ = self.new_product("RT")
        o, fid = self.shipped_fulfillment(wh, sku, 3)
        oid = o["id"]
        line_id = o["lines"][0]["id"]

        # more than was shipped
        self.refused("POST", "returns", {"order_id": oid, "reason": "too many", "lines": [{"sku": sku, "quantity": 4}]},
                     status=422, code="return_exceeds_shipped", field="lines[0].quantity", token="integration")
        self.refused("POST", "returns", {"order_id": oid, "reason": "too many",
                                         "lines": [{"order_line_id": line_id, "quantity": 2},
                                                   {"order_line_id": line_id, "quantity": 2}]},
                     status=422, code="return_exceeds_shipped", token="integration")
        self.refused("POST", "returns", {"order_id": 98765432, "reason": "x", "lines": [{"sku": sku, "quantity": 1}]},
                     status=422, code="unknown_order", field="order_id", token="integration")
        rma = self.ok("POST", "returns", {"order_id": oid, "reason": "wrong size",
                                          "lines": [{"order_line_id": line_id, "quantity": 2}]},
                      status=201, token="integration")
        rid = rma["id"]
        self.assertEqual([(l["sku"], l["authorized"], l["received"]) for l in rma["lines"]], [(sku, 2, 0)])
        # 2 authorised already: only 1 more may come back on another return
        self.refused("POST", "returns", {"order_id": oid, "reason": "again", "lines": [{"sku": sku, "quantity": 2}]},
                     status=422, code="return_exceeds_shipped", field="lines[0].quantity", token="integration")

        # more than authorised
        rurl = "returns/%d/receive" % rid
        self.refused("POST", rurl, {"lines": [{"sku": sku, "quantity": 3}]}, status=422,
                     code="return_exceeds_authorized", field="lines[0].quantity", token="operator")
        self.refused("POST", rurl, {"lines": [{"sku": sku, "quantity": 1}, {"sku": sku, "quantity": 2}]}, status=422,
                     code="return_exceeds_authorized", field="lines[1].quantity", token="operator")
        self.refused("POST", rurl, {"location": "A01-001-1", "lines": [{"sku": sku, "quantity": 1}]}, status=422,
                     code="wrong_location_type", field="location", token="operator")
        r = self.ok("POST", rurl, {"lines": [{"sku": sku, "quantity": 1}]}, status=200, token="operator")
        self.assertEqual((r["lines"][0]["received"], r["lines"][0]["awaiting_inspection"]), (1, 1))
        self.refused("POST", rurl, {"lines": [{"sku": sku, "quantity": 2}]}, status=422,
                     code="return_exceeds_authorized", field="lines[0].quantity", token="operator")

        # inspection
        iurl = "returns/%d/inspect" % rid
        self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 2, "disposition": "scrap"}]}, status=422,
                     code="exceeds_received", field="lines[0].quantity", token="operator")
        for disp in ("donate", "RESTOCK", ""):
            with self.subTest(disposition=disp):
                self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": disp}]}, status=422,
                             code="invalid_field", field="lines[0].disposition", token="operator")
        self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": "restock"}]}, status=422,
                     code="invalid_field", field="lines[0].location", token="operator")
        self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": "restock",
                                               "location": "NO-SUCH-LOC"}]},
                     status=422, code="unknown_location", field="lines[0].location", token="operator")
        self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": "restock",
                                               "location": "PACK-01"}]},
                     status=422, code="wrong_location_type", token="operator")
        r = self.ok("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": "restock",
                                              "location": "A02-002-1"}]}, status=200, token="operator")
        self.assertEqual((r["lines"][0]["restocked"], r["lines"][0]["awaiting_inspection"]), (1, 0))
        self.refused("POST", iurl, {"lines": [{"sku": sku, "quantity": 1, "disposition": "scrap"}]}, status=422,
                     code="exceeds_received", field="lines[0].quantity", token="operator")
        self.assertEqual([(l["location"], l["on_hand"]) for l in self.inventory(sku, wh)["locations"]
                          if l["location"] == "A02-002-1"], [("A02-002-1", 1)])
        self.assertVerify()


# ---------------------------------------------------------------------- shipping

class ShippingRefusals(ExecutionBase):
    def test_documents_before_packing(self):
        wh = self.new_wh()
        sku, _ = self.new_product("DOC")
        self.adjust(wh, "A01-001-1", sku, 2)
        o = self.create_order("web", self.uniq("DO"), [(sku, 2)])
        fid = o["fulfillments"][0]["id"]
        for fmt in ("pdf", "zpl"):
            self.refused("GET", "fulfillments/%d/documents/label?format=%s" % (fid, fmt), status=409,
                         code="not_packed", token="operator")
        self.refused("GET", "fulfillments/%d/documents/packing-slip" % fid, status=409, code="not_packed",
                     token="operator")
        self.refused("GET", "fulfillments/98765432/documents/label", status=404, code="unknown_fulfillment")
        # picked but not packed: still not
        _, fid2 = self.picked_fulfillment(wh, sku, 1, stock=1)
        self.refused("GET", "fulfillments/%d/documents/label" % fid2, status=409, code="not_packed")
        self.refused("GET", "fulfillments/%d/documents/packing-slip" % fid2, status=409, code="not_packed")
        # packed, not shipped: the slip prints, the label needs a carrier and tracking number
        self.ok("POST", "fulfillments/%d/pack" % fid2,
                {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 1}]}]}, status=200, token="operator")
        r = self.s.call("GET", "fulfillments/%d/documents/packing-slip" % fid2)
        self.assertStatus(r, 200)
        self.assertTrue(r.content_type.startswith("application/pdf"), r.content_type)
        self.refused("GET", "fulfillments/%d/documents/label" % fid2, status=409, code="not_shipped")

    def test_rate_quote_without_a_service(self):
        pkg = [{"weight_g": 800, "length_mm": 200, "width_mm": 150, "height_mm": 100}]
        ship_at = "2030-01-07T10:00:00Z"   # a Monday; 2 business days: Wednesday 9 January
        self.refused("POST", "rates/quote", {"destination": {"country": "FR", "postal_code": "75001"}, "packages": pkg,
                                             "ship_at": ship_at, "deliver_by": "2030-02-01T00:00:00Z"},
                     status=422, code="no_service", token="viewer")
        self.refused("POST", "rates/quote", {"destination": {"country": "DE", "postal_code": "10115"}, "packages": pkg,
                                             "ship_at": ship_at, "deliver_by": "2030-01-08T23:59:59Z"},
                     status=422, code="no_service_in_time", token="viewer")
        # too heavy for the last bracket: nothing carries it
        self.refused("POST", "rates/quote", {"destination": {"country": "DE", "postal_code": "10115"},
                                             "packages": [dict(pkg[0], weight_g=6000)],
                                             "ship_at": ship_at, "deliver_by": "2030-02-01T00:00:00Z"},
                     status=422, code="no_service", token="viewer")
        self.refused("POST", "rates/quote", {"destination": {"country": "de"}, "packages": pkg}, status=422,
                     code="invalid_field", field="destination.country", token="viewer")
        self.refused("POST", "rates/quote", {"destination": {"country": "DE"}, "packages": []}, status=422,
                     code="invalid_field", field="packages", token="viewer")
        self.refused("POST", "rates/quote", {"destination": {"country": "DE"}, "packages": [dict(pkg[0], height_mm=0)]},
                     status=422, code="invalid_field", field="packages[0].height_mm", token="viewer")
        # in time: the service is quoted
        q = self.ok("POST", "rates/quote", {"destination": {"country": "DE", "postal_code": "10115"}, "packages": pkg,
                                            "ship_at": ship_at, "deliver_by": "2030-01-09T23:59:59.999Z"},
                    status=200, token="viewer")
        self.assertEqual((q["best"]["carrier"], q["best"]["service"], q["best"]["price"]),
                         ("DHL", "standard", {"amount_minor": 500, "currency": "EUR"}))
        # without a deadline an uncovered country just gets no quotes (422 only when a best is asked for)
        q = self.ok("POST", "rates/quote", {"destination": {"country": "FR"}, "packages": pkg, "ship_at": ship_at},
                    status=200, token="viewer")
        self.assertEqual((q["quotes"], q["best"]), ([], None))

    def test_pack_refusals(self):
        wh = self.new_wh()
        sku, _ = self.new_product("PK")    # 250 g a unit
        _, fid = self.picked_fulfillment(wh, sku, 2)
        url = "fulfillments/%d/pack" % fid
        self.refused("POST", url, {"packages": [{"box": "XXL", "items": [{"sku": sku, "quantity": 2}]}]},
                     status=422, code="unknown_box", field="packages[0].box", token="operator")
        self.refused("POST", url, {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 1}]},
                                                {"box": "NOPE", "items": [{"sku": sku, "quantity": 1}]}]},
                     status=422, code="unknown_box", field="packages[1].box", token="operator")
        # 2 x 250 g + 100 g box = 600 g (tolerance 5 %, at least 20 g)
        for w in (1200, 850, 400, 1):
            with self.subTest(weight_g=w):
                self.refused("POST", url, {"packages": [{"box": "M", "weight_g": w,
                                                         "items": [{"sku": sku, "quantity": 2}]}]},
                             status=422, code="weight_mismatch", field="packages[0].weight_g", token="operator")
        f = self.ok("POST", url, {"packages": [{"box": "M", "weight_g": 610, "items": [{"sku": sku, "quantity": 2}]}]},
                    status=200, token="operator")
        self.assertEqual(f["status"], "packed")

    def test_malformed_carriers(self):
        def svc(**over):
            s = dict(carrier_body()["services"][0])
            s.update(over)
            return s

        def zone(**over):
            z = dict(carrier_body()["services"][0]["zones"][0])
            z.update(over)
            return z

        cases = [
            (svc(zones=[zone(rates=[{"max_weight_g": 5000, "price_minor": 500},
                                    {"max_weight_g": 1000, "price_minor": 700}])]),
             "services[0].zones[0].rates[1].max_weight_g"),
            (svc(zones=[zone(rates=[{"max_weight_g": 1000, "price_minor": 500},
                                    {"max_weight_g": 1000, "price_minor": 700}])]),
             "services[0].zones[0].rates[1].max_weight_g"),
            (svc(zones=[zone(rates=[{"max_weight_g": 1000, "price_minor": 700},
                                    {"max_weight_g": 5000, "price_minor": 500}])]),
             "services[0].zones[0].rates[1].price_minor"),
            (svc(zones=[zone(areas=[{"country": "de", "postal_prefix": ""}])]),
             "services[0].zones[0].areas[0].country"),
            (svc(zones=[zone(areas=[{"country": "DEU", "postal_prefix": ""}])]),
             "services[0].zones[0].areas[0].country"),
            (svc(zones=[zone(areas=[{"country": "DE", "postal_prefix": ""}, {"country": "D1", "postal_prefix": ""}])]),
             "services[0].zones[0].areas[1].country"),
            (svc(zones=[zone(areas=[{"country": "DE", "postal_prefix": "1-0"}])]),
             "services[0].zones[0].areas[0].postal_prefix"),
            (svc(zones=[zone(rates=[])]), "services[0].zones[0].rates"),
            (svc(zones=[]), "services[0].zones"),
            (svc(currency="euro"), "services[0].currency"),
            (svc(zones=[zone(), zone(code="de2")]), "services[0].zones[1].areas[0].postal_prefix"),  # DE twice
            (svc(zones=[zone(), zone(areas=[{"country": "AT", "postal_prefix": ""}])]), "services[0].zones[1].code"),
            (svc(limits={"max_length_mm": 100, "max_width_mm": 200}), "services[0].limits.max_width_mm"),
            (svc(transit_days=91), "services[0].transit_days"),
            (svc(zones=[zone(rates=[{"max_weight_g": 1000, "price_minor": -1}])]),
             "services[0].zones[0].rates[0].price_minor"),
        ]
        for service, field in cases:
            with self.subTest(field=field):
                self.refused("PUT", "carriers/DHL", carrier_body(services=[service]), status=422,
                             code="invalid_field", field=field, token="manager")
                self.refused("PUT", "carriers/NEWCARRIER", carrier_body(services=[service]), status=422,
                             code="invalid_field", field=field, token="manager")
        self.refused("PUT", "carriers/DHL", carrier_body(services=[]), status=422, code="invalid_field",
                     field="services", token="manager")
        self.refused("PUT", "carriers/DHL", carrier_body(services=[svc(), svc(zones=[zone(code="de2")])]), status=422,
                     code="invalid_field", field="services[1].code", token="manager")
        # the stored carrier is still the one from set-up
        c = self.ok("GET", "carriers/DHL", status=200, token="viewer")
        self.assertEqual(c["services"][0]["zones"][0]["rates"],
                         [{"max_weight_g": 1000, "price_minor": 500}, {"max_weight_g": 5000, "price_minor": 700}])
        self.assertProblem(self.s.call("GET", "carriers/NEWCARRIER", token="viewer"), 404, "unknown_carrier")

    def test_tracking_event_before_shipping(self):
        wh = self.new_wh()
        sku, _ = self.new_product("TR")
        self.adjust(wh, "A01-001-1", sku, 1)
        o = self.create_order("web", self.uniq("TE"), [(sku, 1)])
        fid = o["fulfillments"][0]["id"]
        for status in ("in_transit", "delivered", "exception"):
            with self.subTest(status=status):
                self.refused("POST", "fulfillments/%d/tracking-events" % fid, {"status": status}, status=409,
                             code="invalid_state", token="integration")
        self.refused("POST", "fulfillments/%d/tracking-events" % fid, {"status": "lost_in_space"}, status=422,
                     code="invalid_field", field="status", token="integration")
        self.refused("POST", "fulfillments/98765432/tracking-events", {"status": "in_transit"}, status=404,
                     code="unknown_fulfillment", token="integration")
        # once shipped (rated by the configured carrier), events are taken
        _, fid2 = self.picked_fulfillment(wh, sku, 1, stock=1)
        self.refused("POST", "fulfillments/%d/tracking-events" % fid2, {"status": "in_transit"}, status=409,
                     code="invalid_state", token="integration")
        self.ok("POST", "fulfillments/%d/pack" % fid2,
                {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 1}]}]}, status=200, token="operator")
        self.refused("POST", "fulfillments/%d/tracking-events" % fid2, {"status": "in_transit"}, status=409,
                     code="invalid_state", token="integration")
        f = self.ok("POST", "fulfillments/%d/ship" % fid2, {"carrier": "DHL"}, status=200, token="operator")
        self.assertEqual((f["status"], f["carrier"], f["service"]), ("shipped", "DHL", "standard"))
        e = self.ok("POST", "fulfillments/%d/tracking-events" % fid2, {"status": "in_transit"}, status=201,
                    token="integration")
        self.assertEqual((e["fulfillment_id"], e["status"], e["tracking_status"]), (fid2, "shipped", "in_transit"))


# ------------------------------------------------------------------------- tasks

class TaskRefusals(ExecutionBase):
    WORKERS = 8

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one token per worker: a worker is the token's name
        cls.s.tokens["worker-a"] = create_token(cls.s.db, "operator", "worker-a")
        cls.s.tokens["worker-b"] = create_token(cls.s.db, "operator", "worker-b")
        cls.racers = []
        for i in range(cls.WORKERS):
            name = "racer-%d" % i
            cls.s.tokens[name] = create_token(cls.s.db, "operator", name)
            cls.racers.append(name)
        cls.s.client.tokens = cls.s.tokens

    def test_second_worker_cannot_take_a_claimed_task(self):
        wh = self.new_wh()
        sku, _ = self.new_product("TC")
        task, rc = self.putaway_task(wh, sku, 2)
        tid = task["id"]
        dest = rc["suggested_location"] or "A02-003-2"
        t = self.ok("POST", "tasks/%d/claim" % tid, None, status=200, token="worker-a")
        self.assertEqual((t["status"], t["assigned_to"]), ("in_progress", "worker-a"))
        self.refused("POST", "tasks/%d/claim" % tid, None, status=409, code="task_taken", token="worker-b")
        self.refused("POST", "tasks/%d/complete" % tid, {"location": dest}, status=409, code="task_taken",
                     token="worker-b")
        # claiming one's own task again changes nothing
        t = self.ok("POST", "tasks/%d/claim" % tid, None, status=200, token="worker-a")
        self.assertEqual((t["status"], t["assigned_to"]), ("in_progress", "worker-a"))
        t = self.ok("POST", "tasks/%d/complete" % tid, {"location": dest}, status=200, token="worker-a")
        self.assertEqual((t["status"], t["done_location"]), ("done", dest))
        for who in ("worker-a", "worker-b"):
            self.refused("POST", "tasks/%d/claim" % tid, None, status=409, code="invalid_state", token=who)
            self.refused("POST", "tasks/%d/complete" % tid, {"location": dest}, status=409, code="invalid_state",
                         token=who)
        self.refused("POST", "tasks/98765432/claim", None, status=404, code="unknown_task", token="worker-a")

    def race(self, method, path, body):
        """Every racer sends the same request at once; returns [(name, Resp)]."""
        barrier = threading.Barrier(len(self.racers))
        results, errors = [], []
        lock = threading.Lock()

        def worker(name):
            c = self.s.new_client()
            try:
                barrier.wait(timeout=30)
                r = c.call(method, path, body, token=name)
                with lock:
                    results.append((name, r))
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append("%s: %r" % (name, e))
            finally:
                c.close()

        workers = Workers()
        for n in self.racers:
            workers.start(worker, n)
        workers.join(60)
        self.assertEqual(errors, [])
        self.assertEqual(len(results), len(self.racers))
        return results

    def test_racing_receipts_stay_within_tolerance(self):
        wh = self.new_wh()
        sku, _ = self.new_product("RR")
        number = self.new_po(wh, [(sku, 10)], supplier="SUP10")     # up to 11
        results = self.race("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 3})
        ok = [r for _, r in results if r.status == 201]
        self.assertEqual(len(ok), 3, "3 x 3 = 9 fit, a 4th would make 12:\n" +
                         "\n".join(r.describe() for _, r in results))
        for _, r in results:
            if r.status != 201:
                self.assertProblem(r, 409)
                self.assertIn(r.body.get("code"), ("over_receipt", "purchase_order_closed"), r.describe())
        po = self.ok("GET", "purchase-orders/" + number, status=200)
        self.assertEqual(po["lines"][0]["received"], 9)
        self.assertEqual(sql_query(self.s.db, "SELECT count(*), sum(quantity) FROM receipts r JOIN purchase_orders p "
                                              "ON p.id = r.purchase_order_id WHERE p.number = ?", (number,)), [(3, 9)])
        self.refused("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 3}, status=409,
                     code="over_receipt", token="operator")
        self.receive(number, {"sku": sku, "quantity": 2})
        self.assertVerify()

    def test_racing_workers_claim_a_task_once(self):
        wh = self.new_wh()
        sku, _ = self.new_product("RL")
        task, _ = self.putaway_task(wh, sku, 1)
        tid = task["id"]
        results = self.race("POST", "tasks/%d/claim" % tid, None)
        winners = [n for n, r in results if r.status == 200]
        self.assertEqual(len(winners), 1, "exactly one worker claims the task:\n" +
                         "\n".join(r.describe() for _, r in results))
        for n, r in results:
            if r.status != 200:
                self.assertProblem(r, 409, "task_taken")
        t = self.ok("GET", "tasks/%d" % tid, status=200)
        self.assertEqual((t["status"], t["assigned_to"]), ("in_progress", winners[0]))
        self.assertEqual(sql_query(self.s.db, "SELECT count(*) FROM events WHERE type = 'task.claimed' "
                                              "AND subject = ?", ("task:%d" % tid,)), [(1,)])

    def test_racing_workers_complete_a_task_once(self):
        wh = self.new_wh()
        sku, _ = self.new_product("RC")
        task, rc = self.putaway_task(wh, sku, 4)
        tid = task["id"]
        dest = rc["suggested_location"] or "A02-003-2"
        results = self.race("POST", "tasks/%d/complete" % tid, {"location": dest})
        winners = [(n, r) for n, r in results if r.status == 200]
        self.assertEqual(len(winners), 1, "exactly one worker completes the task:\n" +
                         "\n".join(r.describe() for _, r in results))
        for n, r in results:
            if r.status != 200:
                self.assertProblem(r, 409, field=None)
                self.assertIn(r.body.get("code"), ("task_taken", "invalid_state"), r.describe())
        winner, r = winners[0]
        t = self.ok("GET", "tasks/%d" % tid, status=200)
        self.assertEqual((t["status"], t["assigned_to"], t["done_location"], t["done_quantity"]),
                         ("done", winner, dest, 4))
        moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
        putaways = [m for m in moves if m["ref"] == {"type": "task", "id": tid}]
        self.assertEqual([(m["from_location"], m["to_location"], m["quantity"], m["reason"]) for m in putaways],
                         [("RECV-01", dest, 4, "putaway")])
        self.assertEqual(sql_query(self.s.db, "SELECT count(*), sum(quantity) FROM stock_moves "
                                              "WHERE ref_type = 'task' AND ref_id = ?", (tid,)), [(1, 4)])
        inv = self.inventory(sku, wh)
        self.assertEqual([(l["location"], l["on_hand"]) for l in inv["locations"] if l["on_hand"]], [(dest, 4)])
        self.assertVerify()


if __name__ == "__main__":
    unittest.main()
