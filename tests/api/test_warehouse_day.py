"""A warehouse day through the API: a purchase order received by scan (GS1
included), putaway by the task queue, a pick face replenished, a wave picked
while its location is counted, carton suggestion, packing with a weight check,
rate shopping, shipping, printed label and pick list decoded with zbarimg, the
carrier's manifest, tracking to delivery, a return restocked, and the reports.
"""
import datetime
import http.client
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402

GTIN_A = "4006381333931"   # EAN-13 with a valid check digit
GTIN_L = "4012345678901"   # EAN-13 with a valid check digit


def gs1_check_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def carrier_body():
    def zone(code, country, rates):
        return {"code": code, "areas": [{"country": country, "postal_prefix": ""}],
                "rates": [{"max_weight_g": w, "price_minor": p} for w, p in rates]}
    return {"name": "Fast Parcel",
            "services": [
                {"code": "standard", "name": "Standard", "transit_days": 3, "currency": "EUR",
                 "dimensional_divisor_cm3_per_kg": 5000,
                 "zones": [zone("de", "DE", [(2000, 490), (10000, 790)])]},
                {"code": "express", "name": "Express", "transit_days": 1, "currency": "EUR",
                 "dimensional_divisor_cm3_per_kg": 5000,
                 "zones": [zone("de", "DE", [(2000, 1290), (10000, 1990)])]}]}


def decode_pdf(pdf_bytes):
    """Every barcode value zbarimg finds on the PDF's pages (rasterised at 300 dpi)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "doc.pdf")
        with open(path, "wb") as f:
            f.write(pdf_bytes)
        subprocess.run(["pdftoppm", "-r", "300", "-png", path, os.path.join(d, "page")], check=True)
        values = set()
        for name in sorted(os.listdir(d)):
            if name.endswith(".png"):
                p = subprocess.run(["zbarimg", "--raw", "-q", "--nodbus", os.path.join(d, name)],
                                   capture_output=True, text=True)
                values.update(v for v in p.stdout.splitlines() if v)
        return values


class WarehouseDay(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "suppliers/ACME", {"name": "Acme Supplies", "over_receipt_tolerance_permille": 100})
        for code, dims, tare in (("S", (250, 200, 100), 60), ("M", (400, 300, 200), 100)):
            cls.setup_call("PUT", "boxes/" + code,
                           {"inner_length_mm": dims[0], "inner_width_mm": dims[1], "inner_height_mm": dims[2],
                            "max_weight_g": 10000, "tare_weight_g": tare, "cost_minor": 50})
        cls.setup_call("PUT", "carriers/FAST", carrier_body())

    def get_bytes(self, path, token="admin"):
        conn = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        try:
            conn.request("GET", "/api/v1/" + path, headers={"Authorization": "Bearer " + self.s.tokens[token]})
            r = conn.getresponse()
            return r.status, r.getheader("Content-Type"), r.read()
        finally:
            conn.close()

    def new_warehouse(self):
        wh = self.uniq("D").replace("-", "")
        self.put_warehouse(wh, layout=(2, 4, 3), pick_levels=1)
        return wh

    def next_task(self, wh, types, token="operator"):
        r = self.ok("GET", "tasks/next?warehouse=%s&type=%s" % (wh, types), status=200, token=token)
        self.assertIsNotNone(r["task"], "no %s task in %s" % (types, wh))
        return r["task"]

    def put_away_all(self, wh):
        """Works the queue as an operator until no putaway task is left."""
        done = []
        while True:
            r = self.ok("GET", "tasks/next?warehouse=%s&type=putaway" % wh, status=200, token="operator")
            task = r["task"]
            if task is None:
                return done
            self.ok("POST", "tasks/%d/claim" % task["id"], status=200, token="operator")
            self.assertIsNotNone(task["to_location"], task)
            t = self.ok("POST", "tasks/%d/complete" % task["id"], {"location": task["to_location"]},
                        status=200, token="operator")
            self.assertEqual(t["status"], "done")
            self.assertEqual(t["done_location"], task["to_location"])
            done.append(t)

    def test_a_whole_day(self):
        wh = self.new_warehouse()
        a, lot_sku = self.uniq("A"), self.uniq("L")
        self.put_product(a, barcodes=[GTIN_A], weight_g=250, length_mm=100, width_mm=80, height_mm=50)
        self.put_product(lot_sku, barcodes=[GTIN_L], tracking="lot", weight_g=100, length_mm=50, width_mm=50,
                         height_mm=50)
        face = "A01-001-1"
        pf = self.ok("PUT", "warehouses/%s/pick-faces/%s" % (wh, face),
                     {"sku": a, "min_quantity": 5, "max_quantity": 10}, status=200, token="manager")
        self.assertEqual(pf["sku"], a)

        # ---- inbound: a purchase order, received by scan
        po_number = self.uniq("PO")
        po = self.ok("POST", "purchase-orders",
                     {"number": po_number, "supplier": "ACME", "warehouse": wh, "expected_at": "2026-12-01",
                      "lines": [{"sku": a, "quantity": 20, "unit_cost_minor": 150},
                                {"sku": lot_sku, "quantity": 12, "unit_cost_minor": 80}]},
                     status=201, token="integration")
        self.assertEqual(po["status"], "open")
        r = self.ok("POST", "purchase-orders/%s/receipts" % po_number, {"scan": GTIN_A, "quantity": 20},
                    status=201, token="operator")
        self.assertEqual((r["sku"], r["quantity"], r["location"]), (a, 20, "RECV-01"))
        self.assertIsNotNone(r["putaway_task_id"])
        # The 20 units do not fit the pick face (max 10): the rules send them to storage.
        self.assertNotEqual(r["suggested_location"], face)
        gtin14 = "0" + GTIN_L
        scan = "(01)%s(17)271231(10)LOT7(37)12" % gtin14
        r = self.ok("POST", "purchase-orders/%s/receipts" % po_number, {"scan": scan}, status=201, token="operator")
        self.assertEqual((r["sku"], r["lot"], r["quantity"]), (lot_sku, "LOT7", 12))
        self.assertTrue(r["expiry"].startswith("2027-12-31"), r)
        self.assertEqual(r["purchase_order_after"]["status"], "closed")
        # Received goods are not yet sellable: they wait at receiving.
        self.assertEqual(self.inventory(a, wh)["available"], 0)

        # ---- putaway through the task queue
        done = self.put_away_all(wh)
        self.assertEqual(len(done), 2)
        self.assertEqual(self.inventory(a, wh)["available"], 20)
        self.assertEqual(self.inventory(lot_sku, wh)["available"], 12)

        # ---- replenishment: the empty face is filled from storage up to max
        rep = self.ok("POST", "replenishment", {"warehouse": wh}, status=201, token="manager")
        self.assertEqual(len(rep["tasks"]), 1, rep)
        task = rep["tasks"][0]
        self.assertEqual((task["type"], task["to_location"], task["quantity"]), ("replenishment", face, 10))
        self.ok("POST", "tasks/%d/complete" % task["id"], {"location": face}, status=200, token="operator")
        faces = self.ok("GET", "warehouses/%s/pick-faces" % wh, status=200)["pick_faces"]
        self.assertEqual(faces[0]["on_hand"], 10)
        # Nothing below min now: planning again creates nothing.
        self.assertEqual(self.ok("POST", "replenishment", {"warehouse": wh}, status=201, token="manager")["tasks"], [])

        # ---- an order, waved; the pick list carries its route and prints
        order = self.create_order("web", self.uniq("WEB"), [(a, 4), (lot_sku, 2)])
        fid = order["fulfillments"][0]["id"]
        wave = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        pick_list = wave["pick_lists"][0]
        self.assertIsNotNone(pick_list["route"])
        self.assertIn(pick_list["route"]["method"], ("exact", "s_shape", "heuristic", "held_karp",
                                                     "ratliff_rosenthal", "local_search"))
        face_line = [ln for ln in pick_list["lines"] if ln["sku"] == a][0]
        self.assertEqual(face_line["location"], face)  # pick faces before reserve
        status, ctype, pdf = self.get_bytes("pick-lists/%d/document" % pick_list["id"])
        self.assertEqual((status, ctype), (200, "application/pdf"))
        self.assertTrue(pdf.startswith(b"%PDF-"))
        decoded = decode_pdf(pdf)
        for ln in pick_list["lines"]:
            self.assertIn(ln["location"], decoded)
        self.assertIn(GTIN_A, decoded)
        self.assertIn(str(pick_list["id"]), decoded)

        # ---- the face is counted while the wave picks from it
        count = self.ok("POST", "counts", {"warehouse": wh, "location": face}, status=201, token="manager")
        started = self.ok("POST", "counts/%d/start" % count["id"], status=200, token="operator")
        self.assertEqual(started["status"], "counting")
        for ln in pick_list["lines"]:
            barcode = GTIN_A if ln["sku"] == a else GTIN_L
            self.ok("POST", "pick-lists/%d/picks" % pick_list["id"],
                    {"line_id": ln["id"], "location": ln["location"], "barcode": barcode,
                     "quantity": ln["quantity"]}, status=200, token="operator")
        # The counter saw 10 when the count started; 4 were picked since.
        counted = self.ok("POST", "counts/%d/submit" % count["id"],
                          {"location": face, "lines": [{"sku": a, "quantity": 10}]}, status=200, token="operator")
        self.assertEqual(counted["status"], "accepted")
        self.assertNotIn("expected", counted["lines"][0])  # blind for the counter
        self.assertEqual(self.inventory(a, wh)["on_hand"], 16)
        manager_view = self.ok("GET", "counts/%d" % count["id"], status=200, token="manager")
        self.assertEqual(manager_view["lines"][0]["expected"], 10)
        self.assertEqual(manager_view["lines"][0]["variance"], 0)
        pick_tasks = self.ok("GET", "tasks?warehouse=%s&type=pick" % wh, status=200)["tasks"]
        self.assertEqual([(t["status"], t["assigned_to"] is not None) for t in pick_tasks], [("done", True)])

        # ---- carton, pack with a weight check
        carton = self.ok("GET", "fulfillments/%d/carton" % fid, status=200)
        self.assertIsNotNone(carton["suggestion"])
        box = carton["suggestion"]["box"]
        weight = carton["suggestion"]["gross_weight_g"]
        f = self.ok("POST", "fulfillments/%d/pack" % fid,
                    {"packages": [{"box": box, "weight_g": weight,
                                   "items": [{"sku": a, "quantity": 4}, {"sku": lot_sku, "quantity": 2}]}]},
                    status=200, token="operator")
        sscc = f["packages"][0]["sscc"]
        self.assertEqual(len(sscc), 18)
        self.assertEqual(sscc[-1], gs1_check_digit(sscc[:-1]))
        self.assertEqual(f["packages"][0]["expected_weight_g"], weight)

        # ---- rate shopping and shipping
        quotes = self.ok("POST", "rates/quote",
                         {"destination": {"country": "DE", "postal_code": "10115"},
                          "packages": [{"weight_g": weight, "length_mm": 400, "width_mm": 300, "height_mm": 200}]},
                         status=200)
        self.assertEqual([q["service"] for q in quotes["quotes"]], ["standard", "express"])
        self.assertEqual(quotes["best"]["service"], "standard")
        shipped = self.ok("POST", "fulfillments/%d/ship" % fid, {}, status=200, token="operator")
        self.assertEqual((shipped["status"], shipped["carrier"], shipped["service"]), ("shipped", "FAST", "standard"))
        self.assertEqual(shipped["price"]["currency"], "EUR")
        tracking = shipped["tracking_number"]

        # ---- documents print and scan
        status, ctype, pdf = self.get_bytes("fulfillments/%d/documents/label?format=pdf" % fid)
        self.assertEqual((status, ctype), (200, "application/pdf"))
        decoded = decode_pdf(pdf)
        self.assertIn(tracking, decoded)
        self.assertIn("00" + sscc, decoded)
        status, ctype, zpl = self.get_bytes("fulfillments/%d/documents/label?format=zpl" % fid)
        self.assertEqual((status, ctype), (200, "application/zpl"))
        self.assertTrue(zpl.startswith(b"^XA"))
        self.assertIn(sscc.encode(), zpl)
        status, ctype, slip = self.get_bytes("fulfillments/%d/documents/packing-slip" % fid)
        self.assertEqual((status, ctype), (200, "application/pdf"))
        self.assertIn(str(order["id"]), decode_pdf(slip))

        # ---- the carrier's manifest for today
        today = datetime.datetime.utcnow().strftime("%Y-%m-%d")
        manifest = self.ok("GET", "carriers/FAST/manifest?date=%s&warehouse=%s" % (today, wh), status=200)
        self.assertEqual(manifest["fulfillments"], 1)
        self.assertEqual(manifest["entries"][0]["packages"][0]["sscc"], sscc)

        # ---- tracking to delivery
        t = self.ok("POST", "fulfillments/%d/tracking-events" % fid, {"status": "in_transit"},
                    status=201, token="integration")
        self.assertEqual(t["status"], "shipped")
        self.assertEqual(self.ok("GET", "fulfillments/%d" % fid, status=200)["tracking_status"], "in_transit")
        t = self.ok("POST", "fulfillments/%d/tracking-events" % fid, {"status": "delivered"},
                    status=201, token="integration")
        self.assertEqual(t["status"], "delivered")
        self.assertEqual(self.get_order(order["id"])["status"], "delivered")

        # ---- a return: 2 units back, one restocked, one scrapped
        rma = self.ok("POST", "returns", {"order_id": order["id"], "reason": "too small",
                                          "lines": [{"sku": a, "quantity": 2}]}, status=201, token="integration")
        self.assertEqual(rma["status"], "authorized")
        rma = self.ok("POST", "returns/%d/receive" % rma["id"], {"lines": [{"sku": a, "quantity": 2}]},
                      status=200, token="operator")
        self.assertEqual(rma["status"], "received")
        rma = self.ok("POST", "returns/%d/inspect" % rma["id"],
                      {"lines": [{"sku": a, "quantity": 1, "disposition": "restock", "location": face},
                                 {"sku": a, "quantity": 1, "disposition": "scrap"}]},
                      status=200, token="operator")
        self.assertEqual(rma["status"], "closed")
        self.assertEqual((rma["lines"][0]["restocked"], rma["lines"][0]["scrapped"]), (1, 1))
        self.assertEqual(self.line(self.get_order(order["id"]), a)["returned"], 2)
        self.assertEqual(self.inventory(a, wh)["on_hand"], 17)

        # ---- reports
        accuracy = self.ok("GET", "reports/inventory-accuracy?warehouse=%s" % wh, status=200)
        self.assertEqual(accuracy["total"]["locations_counted"], 1)
        self.assertEqual(accuracy["total"]["record_accuracy"], 1)
        labour = self.ok("GET", "reports/productivity?warehouse=%s" % wh, status=200)["rows"]
        by_type = {(row["worker"], row["type"]): row for row in labour}
        operator = [w for (w, _t) in by_type][0]
        self.assertEqual(by_type[(operator, "putaway")]["tasks"], 2)
        self.assertEqual(by_type[(operator, "putaway")]["units"], 32)
        self.assertIn((operator, "pick"), by_type)
        self.assertIn((operator, "replenishment"), by_type)

        events = self.ok("GET", "events?after=0&limit=500", status=200)["events"]
        types = {e["type"] for e in events}
        for t in ("purchase_order.received", "purchase_order.closed", "task.done", "count.accepted",
                  "fulfillment.rated", "fulfillment.tracking", "return.closed"):
            self.assertIn(t, types)
        self.assertVerify()

    def test_a_count_that_finds_a_loss_is_recounted_then_approved(self):
        wh = self.new_warehouse()
        sku = self.uniq("C")
        self.put_product(sku)
        po_number = self.uniq("PO")
        self.ok("POST", "purchase-orders",
                {"number": po_number, "supplier": "ACME", "warehouse": wh,
                 "lines": [{"sku": sku, "quantity": 8, "unit_cost_minor": 300}]}, status=201)
        self.ok("POST", "purchase-orders/%s/receipts" % po_number, {"sku": sku, "quantity": 8}, status=201,
                token="operator")
        [task] = self.put_away_all(wh)
        location = task["done_location"]
        count = self.ok("POST", "counts", {"warehouse": wh, "location": location}, status=201, token="manager")
        first = self.ok("POST", "counts/submissions",
                        {"warehouse": wh, "location": location, "lines": [{"sku": sku, "quantity": 5}]},
                        status=200, token="operator")
        self.assertEqual((first["id"], first["status"], first["attempt"]), (count["id"], "recount", 2))
        second = self.ok("POST", "counts/%d/submit" % count["id"],
                         {"location": location, "lines": [{"sku": sku, "quantity": 5}]}, status=200,
                         token="operator")
        self.assertEqual(second["status"], "needs_approval")
        self.assertEqual(self.inventory(sku, wh)["on_hand"], 8)  # nothing posted yet
        approved = self.ok("POST", "counts/%d/approve" % count["id"], status=200, token="manager")
        self.assertEqual(approved["status"], "approved")
        self.assertEqual(approved["lines"][0]["variance"], -3)
        self.assertEqual(self.inventory(sku, wh)["on_hand"], 5)
        shrink = self.ok("GET", "reports/shrinkage?warehouse=%s" % wh, status=200)
        self.assertEqual(shrink["units_lost"], 3)
        self.assertEqual(shrink["value_minor"], 900)
        self.assertEqual((shrink["rows"][0]["sku"], shrink["rows"][0]["location"], shrink["rows"][0]["reason"]),
                         (sku, location, "cycle_count"))
        accuracy = self.ok("GET", "reports/inventory-accuracy?warehouse=%s" % wh, status=200)["total"]
        self.assertEqual((accuracy["locations_counted"], accuracy["locations_exact"]), (1, 0))
        self.assertVerify()

    def test_the_daily_plan_counts_never_counted_locations_first_and_caps(self):
        wh = self.new_warehouse()
        plan = self.ok("POST", "counts/plan", {"warehouse": wh, "max_locations": 3}, status=201, token="manager")
        self.assertEqual(len(plan["counts"]), 3)
        self.assertEqual(plan["locations_due"], 24)
        again = self.ok("POST", "counts/plan", {"warehouse": wh, "max_locations": 3}, status=201, token="manager")
        first = {c["location"] for c in plan["counts"]}
        self.assertFalse(first & {c["location"] for c in again["counts"]})  # open counts are not planned twice
        tasks = self.ok("GET", "tasks?warehouse=%s&type=count" % wh, status=200)["tasks"]
        self.assertEqual(len(tasks), 6)

    def test_shipping_meets_the_delivery_day_promised_on_the_order(self):
        wh = self.new_warehouse()
        sku = self.uniq("P")
        self.put_product(sku)
        self.adjust(wh, "A01-001-1", sku, 5)
        today = datetime.datetime.utcnow().strftime("%Y-%m-%d")
        order = self.create_order("web", self.uniq("WEB"), [(sku, 1)], deliver_by=today)
        self.assertTrue(order["deliver_by"].startswith(today))
        fid = order["fulfillments"][0]["id"]
        wave = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        line = wave["pick_lists"][0]["lines"][0]
        self.ok("POST", "pick-lists/%d/picks" % wave["pick_lists"][0]["id"],
                {"line_id": line["id"], "location": line["location"], "barcode": sku, "quantity": 1},
                status=200, token="operator")
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 1}]}]}, status=200, token="operator")
        # No service delivers today: the promise cannot be met by rate shopping...
        self.refused("POST", "fulfillments/%d/ship" % fid, {}, status=422, code="no_service_in_time",
                     token="operator")
        # ...unless the shipper decides on another deadline.
        later = (datetime.datetime.utcnow() + datetime.timedelta(days=10)).strftime("%Y-%m-%d")
        f = self.ok("POST", "fulfillments/%d/ship" % fid, {"deliver_by": later}, status=200, token="operator")
        self.assertEqual((f["carrier"], f["service"]), ("FAST", "standard"))

    def test_cartons_are_packed_in_3d(self):
        wh = self.new_warehouse()
        cube = self.uniq("CUBE")
        self.put_product(cube, weight_g=500, length_mm=200, width_mm=200, height_mm=200)
        self.adjust(wh, "A01-001-1", cube, 5)
        order = self.create_order("web", self.uniq("WEB"), [(cube, 5)])
        advice = self.ok("GET", "fulfillments/%d/carton" % order["fulfillments"][0]["id"], status=200)
        # Box M (400 x 300 x 200) takes two 20 cm cubes; S takes none. By volume two
        # boxes would do; in three dimensions it takes three.
        self.assertEqual([c["box"] for c in advice["cartons"]], ["M", "M", "M"])
        self.assertEqual(sum(i["quantity"] for c in advice["cartons"] for i in c["items"]), 5)
        self.assertIsNone(advice["suggestion"])
        self.assertEqual(advice["lower_bound_cartons"], 2)
        self.assertEqual(advice["cartons"][0]["gross_weight_g"], 2 * 500 + 100)

    def test_a_tight_deadline_buys_the_faster_service(self):
        monday = "2026-11-30T08:00:00Z"
        body = {"destination": {"country": "DE", "postal_code": "80331"},
                "packages": [{"weight_g": 1500, "length_mm": 300, "width_mm": 200, "height_mm": 100}],
                "ship_at": monday}
        self.assertEqual(self.ok("POST", "rates/quote", body, status=200)["best"]["service"], "standard")
        body["deliver_by"] = "2026-12-01T23:59:59Z"
        best = self.ok("POST", "rates/quote", body, status=200)["best"]
        self.assertEqual((best["service"], best["estimated_delivery"][:10]), ("express", "2026-12-01"))


if __name__ == "__main__":
    unittest.main()
