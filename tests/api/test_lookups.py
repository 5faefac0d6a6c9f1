"""The lookups people type into: products by SKU prefix or name, orders by
id, channel order id or e-mail, fulfillments by status, waves, a subject's
events, and what each location holds."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402


class Lookups(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})

    def test_products_by_sku_prefix_or_name(self):
        base = self.uniq("LK")
        self.put_product(base + "-A", name="Blue Enamel Mug")
        self.put_product(base + "-B", name="red kettle")
        found = self.ok("GET", "products?q=" + base, status=200, token="viewer")["products"]
        self.assertEqual([p["sku"] for p in found], [base + "-A", base + "-B"])
        found = self.ok("GET", "products?q=ENAMEL", status=200)["products"]
        self.assertIn(base + "-A", [p["sku"] for p in found])
        self.assertNotIn(base + "-B", [p["sku"] for p in found])
        page = self.ok("GET", "products?limit=1&q=" + base, status=200)
        self.assertEqual(len(page["products"]), 1)
        rest = self.ok("GET", "products?limit=1&q=%s&cursor=%s" % (base, page["next_cursor"]), status=200)
        self.assertEqual(rest["products"][0]["sku"], base + "-B")
        # % and _ are literal characters, not LIKE wildcards
        self.put_product(base + "-C", name="Half%Price Mug")
        found = self.ok("GET", "products?q=%25&limit=500", status=200)["products"]
        self.assertIn(base + "-C", [p["sku"] for p in found])
        self.assertEqual([p["sku"] for p in found if "%" not in p["name"]], [])
        self.assertEqual([p["sku"] for p in self.ok("GET", "products?q=f%25p", status=200)["products"]
                          if p["sku"].startswith(base)], [base + "-C"])
        self.assertEqual(self.ok("GET", "products?q=half_price", status=200)["products"], [])
        self.refused("GET", "products?q=" + "x" * 101, status=422, code="invalid_field", field="q")

    def test_orders_by_id_channel_order_id_or_email(self):
        wh = self.uniq("L").replace("-", "")
        self.put_warehouse(wh, layout=(1, 2, 1), pick_levels=1)
        sku = self.uniq("LS")
        self.put_product(sku)
        self.adjust(wh, "A01-001-1", sku, 5)
        coid = self.uniq("SHOP")
        email = self.uniq("finder") + "@Example.com"
        from harness import default_ship_to
        o = self.ok("POST", "orders", {"channel": "web", "channel_order_id": coid,
                                       "customer": {"email": email, "name": "F"},
                                       "ship_to": default_ship_to(), "lines": [{"sku": sku, "quantity": 1}]},
                    status=201, token="integration")
        for q in (coid, coid[:-2], email.lower(), " " + email.upper() + " ", str(o["id"])):
            from urllib.parse import quote
            ids = [x["id"] for x in self.ok("GET", "orders?q=" + quote(q), status=200)["orders"]]
            self.assertIn(o["id"], ids, q)
        self.assertEqual(self.ok("GET", "orders?q=nothing-like-it", status=200)["orders"], [])

        # its fulfillment by status, its wave, its events
        fid = o["fulfillments"][0]["id"]
        released = self.ok("GET", "fulfillments?status=released&limit=500&warehouse=" + wh, status=200)
        self.assertEqual([f["id"] for f in released["fulfillments"]], [fid])
        self.refused("GET", "fulfillments?status=lost", status=422, code="invalid_field", field="status")
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        waves = self.ok("GET", "waves?warehouse=" + wh, status=200)["waves"]
        self.assertEqual([x["id"] for x in waves], [w["id"]])
        self.assertEqual(waves[0]["pick_lists"][0]["lines"][0]["sku"], sku)
        self.assertEqual(self.ok("GET", "fulfillments?status=picking&warehouse=" + wh, status=200)["fulfillments"][0]["id"],
                         fid)
        events = self.ok("GET", "events?subject=order:%d" % o["id"], status=200)["events"]
        self.assertTrue(events)
        self.assertEqual({e["subject"] for e in events}, {"order:%d" % o["id"]})
        self.assertIn("order.created", [e["type"] for e in events])

    def test_stock_by_location(self):
        wh = self.uniq("S").replace("-", "")
        self.put_warehouse(wh, layout=(1, 2, 1), pick_levels=1)
        a, b = self.uniq("SA"), self.uniq("SB")
        self.put_product(a, length_mm=100, width_mm=100, height_mm=100)
        self.put_product(b, length_mm=10, width_mm=10, height_mm=10)
        self.adjust(wh, "A01-001-1", a, 2)
        self.adjust(wh, "A01-001-1", b, 5)
        stock = self.ok("GET", "warehouses/%s/stock" % wh, status=200, token="viewer")
        self.assertEqual(stock["warehouse"], wh)
        self.assertEqual(len(stock["locations"]), 1)
        loc = stock["locations"][0]
        self.assertEqual((loc["location"], loc["on_hand"], loc["reserved"], loc["products"], loc["top_sku"],
                          loc["used_cm3"]), ("A01-001-1", 7, 0, 2, b, 2005))
        self.refused("GET", "warehouses/NOPE/stock", status=404, code="unknown_warehouse")


if __name__ == "__main__":
    unittest.main()
