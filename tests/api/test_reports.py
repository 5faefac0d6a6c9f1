"""The KPI reports over a window, through the HTTP API: throughput per hour,
sales by day / channel / SKU with the trend against the week before, perfect
orders, space by zone, dock to stock, and every report as CSV."""
import csv
import io
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402


def flat_csv_row(obj, prefix=""):
    """A JSON report object as its CSV row: nested objects under dotted
    names, null as an empty cell, numbers in their shortest form."""
    row = {}
    for k, v in obj.items():
        if isinstance(v, dict):
            row.update(flat_csv_row(v, prefix + k + "."))
        elif v is None:
            row[prefix + k] = ""
        elif isinstance(v, bool):
            row[prefix + k] = "true" if v else "false"
        else:
            row[prefix + k] = str(v)
    return row


class Reports(ApiTestCase):
    PER_TEST = True  # each test counts everything the server has seen

    def setUp(self):
        super().setUp()
        self.ok("PUT", "channels/web", {"name": "Web"})
        self.ok("PUT", "channels/shop", {"name": "Shop"})
        self.ok("PUT", "suppliers/ACME", {"name": "Acme"})
        self.ok("PUT", "boxes/S", {"inner_length_mm": 250, "inner_width_mm": 200, "inner_height_mm": 100,
                                   "max_weight_g": 10000, "tare_weight_g": 100, "cost_minor": 50})
        self.wh = "RW"
        self.put_warehouse(self.wh, layout=(1, 3, 1), pick_levels=1)

    def pick_all(self, wave, short_sku=None):
        for pl in wave["pick_lists"]:
            for ln in pl["lines"]:
                if ln["sku"] == short_sku:
                    self.ok("POST", "pick-lists/%d/shorts" % pl["id"], {"line_id": ln["id"], "quantity_found": 0},
                            status=200, token="operator")
                    continue
                self.ok("POST", "pick-lists/%d/picks" % pl["id"],
                        {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                         "quantity": ln["quantity"]}, status=200, token="operator")

    def ship(self, order, items):
        fid = order["fulfillments"][0]["id"]
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "S", "items": [{"sku": s, "quantity": q} for s, q in items]}]},
                status=200, token="operator")
        self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "OWNVAN"}, status=200, token="operator")

    def test_throughput_sales_and_perfect_orders(self):
        a, b = "RA", "RB"
        self.put_product(a)
        self.put_product(b)
        self.adjust(self.wh, "A01-001-1", a, 10)
        self.adjust(self.wh, "A01-002-1", b, 1)
        good = self.create_order("web", "GOOD", [(a, 3)])
        short = self.create_order("shop", "SHORT", [(a, 2), (b, 1)])
        wave = self.ok("POST", "waves", {"warehouse": self.wh}, status=201, token="manager")
        self.pick_all(wave, short_sku=b)
        self.ship(good, [(a, 3)])
        # the short order ships what it has once its backorder is cancelled
        self.ok("POST", "orders/%d/cancel" % short["id"], status=(200, 409), token="manager")
        report = self.ok("GET", "reports/orders", status=200)
        self.assertEqual(report["orders_shipped"], 1)
        self.assertEqual((report["perfect_orders"], report["perfect_order_rate"]), (1, 1))

        t = self.ok("GET", "reports/throughput?warehouse=%s&from=%s" % (
            self.wh, time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime())), status=200)
        self.assertEqual((t["units_picked"], t["units_shipped"], t["orders_shipped"]), (5, 3, 1))
        self.assertEqual(t["bucket"], "hour")
        busy = [x for x in t["buckets"] if x["units_picked"]]
        self.assertEqual(len(busy), 1)
        self.assertEqual(busy[0]["pick_lines"], 2)
        self.assertEqual(t["units_picked_per_hour"], 5)
        day = self.ok("GET", "reports/throughput?bucket=day", status=200)
        self.assertEqual(len(day["buckets"]), 31)
        self.refused("GET", "reports/throughput?bucket=week", status=422, code="invalid_field", field="bucket")

        sales = self.ok("GET", "reports/sales?group=channel", status=200)
        self.assertEqual(sales["units"], 6)
        self.assertEqual([(r["key"], r["units"], r["orders"], r["prior_units"], r["change"]) for r in sales["rows"]],
                         [("shop", 3, 1, 0, None), ("web", 3, 1, 0, None)])  # ties by code
        by_sku = self.ok("GET", "reports/sales?group=sku&limit=1", status=200)
        self.assertEqual([(r["key"], r["units"]) for r in by_sku["rows"]], [(a, 5)])
        by_day = self.ok("GET", "reports/sales?from=%s" % time.strftime("%Y-%m-%d", time.gmtime(time.time() - 6 * 86400)),
                         status=200)
        self.assertEqual(len(by_day["rows"]), 7)
        self.assertEqual(by_day["rows"][-1]["key"], time.strftime("%Y-%m-%d", time.gmtime()))
        self.assertEqual(by_day["rows"][-1]["units"], 6)
        self.refused("GET", "reports/sales?group=week", status=422, code="invalid_field", field="group")
        self.refused("GET", "reports/sales?channel=nope", status=422, code="unknown_channel")

    def test_space_and_dock_to_stock(self):
        sku = "SP"
        self.put_product(sku, length_mm=100, width_mm=100, height_mm=100)
        self.ok("PUT", "warehouses/%s/locations/A01-001-1" % self.wh,
                {"type": "pick", "max_volume_cm3": 10000}, status=(200, 201), token="manager")
        self.adjust(self.wh, "A01-001-1", sku, 4)
        space = self.ok("GET", "reports/space?warehouse=" + self.wh, status=200)
        zones = {z["zone"]: z for z in space["zones"]}
        self.assertTrue(zones, space)
        with_stock = [z for z in zones.values() if z["occupied"]]
        self.assertEqual(len(with_stock), 1)
        self.assertEqual(with_stock[0]["used_cm3"], 4000)
        self.assertGreaterEqual(with_stock[0]["capacity_cm3"], 10000)
        self.refused("GET", "reports/space", status=422, code="invalid_field", field="warehouse")
        self.refused("GET", "reports/space?warehouse=NOPE", status=422, code="unknown_warehouse")

        self.ok("POST", "purchase-orders", {"number": "PO-R1", "supplier": "ACME", "warehouse": self.wh,
                                            "lines": [{"sku": sku, "quantity": 5}]}, status=201, token="integration")
        r = self.ok("POST", "purchase-orders/PO-R1/receipts", {"scan": sku, "quantity": 5}, status=201, token="operator")
        task_id = r["putaway_task_id"]
        self.assertIsNotNone(task_id)
        task = self.ok("POST", "tasks/%d/claim" % task_id, status=200, token="operator")
        self.ok("POST", "tasks/%d/complete" % task_id, {"location": task["to_location"]}, status=200, token="operator")
        d = self.ok("GET", "reports/dock-to-stock?warehouse=" + self.wh, status=200)
        self.assertEqual((d["receipts"], d["units"]), (1, 5))
        self.assertGreaterEqual(d["dock_to_stock"]["p50_ms"], 0)

    def test_reports_as_csv(self):
        for path, first_column in (("reports/orders", "from"), ("reports/throughput?bucket=day", "start"),
                                   ("reports/sales", "key"), ("reports/space?warehouse=RW", "zone"),
                                   ("reports/dock-to-stock", "from"), ("reports/shrinkage", "sku"),
                                   ("reports/productivity", "worker"), ("reports/inventory-accuracy", "locations_counted")):
            sep = "&" if "?" in path else "?"
            r = self.s.call("GET", path + sep + "format=csv")
            self.assertStatus(r, 200)
            self.assertEqual(r.headers["content-type"], "text/csv; charset=utf-8", path)
            self.assertIn("attachment", r.headers["content-disposition"])
            rows = list(csv.reader(io.StringIO(r.text)))
            if first_column:
                self.assertEqual(rows[0][0], first_column, (path, r.text[:200]))
        # One shipped order gives the orders report nested figures (ship_cycle_time
        # {mean_ms, p50_ms, p90_ms}): its CSV is the JSON report, flattened
        # with dotted names, value for value.
        self.put_product("RC")
        self.adjust(self.wh, "A01-001-1", "RC", 5)
        order = self.create_order("web", "CSV-1", [("RC", 2)])
        self.pick_all(self.ok("POST", "waves", {"warehouse": self.wh}, status=201, token="manager"))
        self.ship(order, [("RC", 2)])
        window = "from=%s&to=%s" % (time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400)),
                                    time.strftime("%Y-%m-%d", time.gmtime(time.time() + 2 * 86400)))
        report = self.ok("GET", "reports/orders?" + window, status=200)
        self.assertIsInstance(report["ship_cycle_time"], dict)
        orders = list(csv.DictReader(io.StringIO(self.s.call("GET", "reports/orders?format=csv&" + window).text)))
        self.assertEqual(len(orders), 1)
        self.assertIn("ship_cycle_time.p50_ms", orders[0])
        self.assertEqual(orders[0], flat_csv_row(report))
        self.refused("GET", "reports/orders?format=xml", status=422, code="invalid_field", field="format")


if __name__ == "__main__":
    unittest.main()
