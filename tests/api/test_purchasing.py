"""Supplier terms, the kept forecasts' refresh, reorder suggestions and a
suggestion made a purchase order, through the HTTP API: what is accepted,
what is refused (and changes nothing), and who may do it."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402


class Purchasing(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "suppliers/ACME", {"name": "Acme"})

    def new_wh(self):
        code = self.uniq("P").replace("-", "")
        self.put_warehouse(code, layout=(1, 2, 1), pick_levels=1)
        return code

    def test_terms_are_set_listed_replaced_and_deleted(self):
        sku = self.uniq("T")
        self.put_product(sku)
        path = "suppliers/ACME/products/" + sku
        t = self.ok("PUT", path, {"lead_time_days": 5, "pack_size": 6, "min_order_qty": 12, "unit_cost_minor": 99},
                    status=201, token="manager")
        self.assertEqual((t["supplier"], t["sku"], t["lead_time_days"], t["pack_size"], t["min_order_qty"],
                          t["max_order_qty"], t["unit_cost_minor"], t["priority"], t["lead_time_sigma_days"]),
                         ("ACME", sku, 5, 6, 12, None, 99, 1, 0))
        t = self.ok("PUT", path, {"lead_time_days": 2.5, "lead_time_sigma_days": 1}, status=200, token="manager")
        self.assertEqual((t["lead_time_days"], t["pack_size"], t["unit_cost_minor"]), (2.5, 1, None))
        listed = self.ok("GET", "suppliers/ACME/products?limit=500", status=200, token="viewer")
        self.assertIn(t, listed["products"])
        self.ok("DELETE", path, status=200, token="manager")
        self.refused("DELETE", path, status=404, code="unknown_supplier_product", token="manager")

    def test_bad_terms_are_refused_and_change_nothing(self):
        sku = self.uniq("B")
        self.put_product(sku)
        path = "suppliers/ACME/products/" + sku
        self.refused("PUT", path, {}, status=422, code="invalid_field", field="lead_time_days", token="manager")
        self.refused("PUT", path, {"lead_time_days": -1}, status=422, code="invalid_field", token="manager")
        self.refused("PUT", path, {"lead_time_days": 400}, status=422, code="invalid_field", token="manager")
        self.refused("PUT", path, {"lead_time_days": 3, "pack_size": 0}, status=422, code="invalid_field",
                     field="pack_size", token="manager")
        self.refused("PUT", path, {"lead_time_days": 3, "pack_size": 10, "min_order_qty": 15, "max_order_qty": 19},
                     status=422, code="invalid_field", field="max_order_qty", token="manager")
        self.refused("PUT", path, {"lead_time_days": "3"}, status=422, code="invalid_field", token="manager")
        self.refused("PUT", "suppliers/NOPE/products/" + sku, {"lead_time_days": 3}, status=404,
                     code="unknown_supplier", token="manager")
        self.refused("PUT", "suppliers/ACME/products/NOPE-" + sku, {"lead_time_days": 3}, status=422,
                     code="unknown_sku", token="manager")
        self.refused("PUT", path, {"lead_time_days": 3}, status=403, token="operator")
        self.refused("PUT", path, raw_body="{", status=400, code="malformed_json", token="manager")

    def test_a_backorder_is_suggested_and_ordered_once(self):
        wh = self.new_wh()
        sku = self.uniq("R")
        self.put_product(sku)
        self.ok("PUT", "suppliers/ACME/products/" + sku, {"lead_time_days": 4, "pack_size": 10, "unit_cost_minor": 250},
                status=201, token="manager")
        o = self.create_order("web", "RO-" + sku, [(sku, 7)])
        self.assertEqual(self.line(o, sku)["backordered"], 7)

        s = self.ok("GET", "planning/reorder-suggestions?supplier=ACME&warehouse=" + wh, status=200, token="viewer")
        self.assertEqual(s["warehouse"], wh)
        lines = [l for sup in s["suppliers"] for l in sup["lines"] if l["sku"] == sku]
        self.assertEqual(len(lines), 1, s)
        line = lines[0]
        self.assertGreaterEqual(line["quantity"], 7)
        self.assertEqual(line["quantity"] % 10, 0)
        self.assertEqual(line["plan"]["inventory_position"], -7)
        self.assertEqual(line["value_minor"], line["quantity"] * 250)

        r = self.ok("POST", "planning/purchase-orders", {"warehouse": wh, "supplier": "ACME", "number": "PO-" + sku},
                    status=201, token="manager")
        po = r["purchase_order"]
        self.assertEqual((po["number"], po["supplier"], po["warehouse"], po["status"]), ("PO-" + sku, "ACME", wh, "open"))
        mine = [l for l in po["lines"] if l["sku"] == sku]
        self.assertEqual(mine[0]["expected"], line["quantity"])
        self.assertEqual(self.ok("GET", "purchase-orders/PO-" + sku, status=200)["number"], "PO-" + sku)
        # now on order: nothing more of this product is due
        s = self.ok("GET", "planning/reorder-suggestions?supplier=ACME&warehouse=" + wh, status=200)
        self.assertFalse([l for sup in s["suppliers"] for l in sup["lines"] if l["sku"] == sku])
        again = self.s.call("POST", "planning/purchase-orders", {"warehouse": wh, "supplier": "ACME"}, token="manager")
        if again.status == 201:  # other tests' products of ACME may be due; never this one
            self.assertFalse([l for l in again.body["purchase_order"]["lines"] if l["sku"] == sku])
        else:
            self.assertProblem(again, 422, "nothing_to_order")

    def test_bad_planning_queries_are_refused(self):
        wh = self.new_wh()
        base = "planning/reorder-suggestions?warehouse=" + wh
        self.refused("GET", "planning/reorder-suggestions", status=422, code="invalid_field", field="warehouse")
        self.refused("GET", "planning/reorder-suggestions?warehouse=NOPE", status=422, code="unknown_warehouse")
        self.refused("GET", base + "&supplier=NOPE", status=422, code="unknown_supplier", field="supplier")
        self.refused("GET", base + "&policy=min_max", status=422, code="invalid_field", field="policy")
        self.refused("GET", base + "&policy=R_S", status=422, code="invalid_field", field="review_days")
        self.refused("GET", base + "&service_level=1.5", status=422, code="invalid_field", field="service_level")
        self.refused("GET", base + "&service_level=nan", status=422, code="invalid_field", field="service_level")
        self.refused("GET", base + "&history_days=3", status=422, code="invalid_field", field="history_days")
        self.refused("POST", "planning/purchase-orders", {"warehouse": wh}, status=422, code="invalid_field",
                     field="supplier", token="manager")
        self.refused("POST", "planning/purchase-orders", {"warehouse": wh, "supplier": "ACME", "number": "a b"},
                     status=422, code="invalid_field", field="number", token="manager")
        self.refused("POST", "planning/purchase-orders", {"warehouse": wh, "supplier": "ACME"}, status=403,
                     token="viewer")
        self.refused("POST", "planning/forecasts/refresh", {"warehouse": "NOPE"}, status=422, code="unknown_warehouse",
                     token="manager")
        self.refused("POST", "planning/forecasts/refresh", {"warehouse": wh, "horizon": 0}, status=422,
                     code="invalid_field", field="horizon", token="manager")
        self.refused("POST", "planning/forecasts/refresh", {"warehouse": wh}, status=403, token="operator")

    def test_refresh_keeps_a_forecast_per_product(self):
        wh = self.new_wh()
        sku = self.uniq("F")
        self.put_product(sku)
        self.adjust(wh, "A01-001-1", sku, 9)
        r = self.ok("POST", "planning/forecasts/refresh", {"warehouse": wh, "threads": 2}, status=200, token="manager")
        self.assertEqual(r["warehouse"], wh)
        self.assertGreaterEqual(r["products"], 1)
        self.assertEqual(sum(r["models"].values()), r["forecasted"])
        events = self.ok("GET", "events?limit=500", status=200)["events"]
        while True:
            nxt = self.ok("GET", "events?limit=500&after=%d" % events[-1]["seq"], status=200)["events"]
            if not nxt:
                break
            events += nxt
        self.assertIn(("forecasts.refreshed", "warehouse:" + wh), [(e["type"], e["subject"]) for e in events])


if __name__ == "__main__":
    unittest.main()
