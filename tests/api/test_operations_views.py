"""What the web app stands on: GET /me, the public customer tracking page by an
order's tracking token (and nothing else through it), the operations
dashboard, and `serve --web-root` handing out the built app (types, cache
headers, app routes, no way out of the root)."""
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ROLES, ApiTestCase, Server, drop_db, fresh_db, raw_http, run_cli  # noqa: E402


def iso_in(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))


class OperationsViews(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})
        cls.setup_call("PUT", "boxes/S", {"inner_length_mm": 250, "inner_width_mm": 200, "inner_height_mm": 100,
                                          "max_weight_g": 10000, "tare_weight_g": 100, "cost_minor": 50})

    def new_wh(self):
        code = self.uniq("V").replace("-", "")
        self.put_warehouse(code, layout=(2, 3, 2), pick_levels=1)
        return code

    def test_me_names_the_token_and_its_role(self):
        for role in ROLES:
            me = self.ok("GET", "me", status=200, token=role)
            self.assertEqual(me["role"], role)
            self.assertTrue(me["name"])
        self.refused("GET", "me", status=401, token=None)
        self.refused("GET", "me", status=401, token="wf_" + "0" * 64)

    def test_tracking_page_shows_status_and_shipments_and_nothing_else(self):
        wh = self.new_wh()
        sku = self.uniq("T")
        self.put_product(sku, barcodes=["EAN" + sku], name="Blue mug")
        self.adjust(wh, "A01-001-1", sku, 5)
        o = self.create_order("web", "TRK-" + sku, [(sku, 2)])
        token = o["tracking_token"]
        self.assertRegex(token, r"^[0-9a-f]{32}$")
        other = self.create_order("web", "TRK2-" + sku, [(sku, 1)])
        self.assertNotEqual(other["tracking_token"], token)
        self.assertEqual(self.get_order(o["id"])["tracking_token"], token)

        view = self.ok("GET", "tracking/" + token, status=200, token=None)
        self.assertEqual(view["order"]["channel_order_id"], "TRK-" + sku)
        self.assertEqual(view["order"]["status"], "allocated")
        self.assertEqual(view["order"]["lines"], [{"sku": sku, "name": "Blue mug", "quantity": 2, "shipped": 0}])
        self.assertEqual([s["status"] for s in view["shipments"]], ["released"])

        # pick, pack, ship: the page shows the carrier's tracking number
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        fid = o["fulfillments"][0]["id"]
        for pl in w["pick_lists"]:
            for ln in pl["lines"]:
                self.ok("POST", "pick-lists/%d/picks" % pl["id"],
                        {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                         "quantity": ln["quantity"]}, status=200, token="operator")
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 2}]}]}, status=200, token="operator")
        shipped = self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "OWNVAN", "tracking_number": "VAN123"},
                          status=200, token="operator")
        self.assertEqual(shipped["status"], "shipped")
        r = self.s.call("GET", "tracking/" + token, token=None)
        self.assertStatus(r, 200)
        view = r.body
        self.assertEqual(view["order"]["status"], "shipped")
        self.assertEqual(view["order"]["lines"][0]["shipped"], 2)
        self.assertEqual(len(view["shipments"]), 1)
        s = view["shipments"][0]
        self.assertEqual((s["status"], s["carrier"], s["tracking_number"]), ("shipped", "OWNVAN", "VAN123"))
        self.assertIsNotNone(s["shipped_at"])
        # nothing personal, no prices, no warehouse, no internal ids
        for secret in ("@", "line1", "postal_code", "email", "price", "amount_minor", wh, '"id"'):
            self.assertNotIn(secret, r.text, secret)

    def test_unknown_and_malformed_tracking_tokens_are_404(self):
        for token in ("0" * 32, "F" * 32, "abc", "0" * 33, "%27%20OR%201=1", "g" * 32):
            self.refused("GET", "tracking/" + token, status=404, code="not_found", token=None)

    def test_dashboard_counts_the_pipeline_late_work_today_and_alerts(self):
        wh = self.new_wh()
        sku, short_sku = self.uniq("D"), self.uniq("DS")
        self.put_product(sku, barcodes=["EAN" + sku])
        self.put_product(short_sku)
        self.adjust(wh, "A01-001-1", sku, 20)
        self.ok("PUT", "warehouses/%s/pick-faces/%s" % (wh, "A01-002-1"),
                {"sku": short_sku, "min_quantity": 3, "max_quantity": 10}, status=200, token="manager")
        late = self.create_order("web", "LATE-" + sku, [(sku, 2)], ship_by=iso_in(-3600))
        soon = self.create_order("web", "SOON-" + sku, [(sku, 3)], ship_by=iso_in(1800))
        later = self.create_order("web", "LATER-" + sku, [(sku, 4)], ship_by=iso_in(86400))
        back = self.create_order("web", "BACK-" + sku, [(short_sku, 7)])

        d = self.ok("GET", "reports/dashboard?warehouse=" + wh, status=200, token="viewer")
        self.assertEqual(d["warehouse"], wh)
        stages = {s["stage"]: s for s in d["pipeline"]}
        self.assertEqual(list(stages), ["released", "picking", "picked", "packed"])
        self.assertEqual((stages["released"]["fulfillments"], stages["released"]["units"]), (3, 9))
        self.assertEqual((stages["released"]["late"], stages["released"]["at_risk"]), (1, 1))
        self.assertEqual([(x["order_id"], x["late"]) for x in d["late"]], [(late["id"], True), (soon["id"], False)])
        self.assertGreaterEqual(d["orders_by_status"]["backordered"], 1)
        self.assertIn({"sku": short_sku, "units": 7}, d["alerts"]["backorders"])
        self.assertIn({"warehouse": wh, "location": "A01-002-1", "sku": short_sku, "on_hand": 0, "min": 3, "max": 10},
                      d["alerts"]["pick_faces_below_min"])
        self.assertTrue(all(h["units_picked"] == 0 and h["orders_shipped"] == 0 for h in d["today"]["hours"]))
        self.assertEqual(d["today"]["hours"][-1]["hour"][:13], time.strftime("%Y-%m-%dT%H", time.gmtime()))

        # wave the three, pick all, ship the late one
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        for pl in w["pick_lists"]:
            for ln in pl["lines"]:
                self.ok("POST", "pick-lists/%d/picks" % pl["id"],
                        {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                         "quantity": ln["quantity"]}, status=200, token="operator")
        fid = late["fulfillments"][0]["id"]
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "S", "items": [{"sku": sku, "quantity": 2}]}]}, status=200, token="operator")
        self.ok("POST", "fulfillments/%d/ship" % fid, {"carrier": "OWNVAN"}, status=200, token="operator")
        d = self.ok("GET", "reports/dashboard?warehouse=" + wh, status=200)
        stages = {s["stage"]: s for s in d["pipeline"]}
        self.assertEqual(stages["released"]["fulfillments"], 0)
        self.assertEqual((stages["picked"]["fulfillments"], stages["picked"]["units"], stages["picked"]["at_risk"]),
                         (2, 7, 1))
        self.assertEqual(sum(h["units_picked"] for h in d["today"]["hours"]), 9)
        self.assertEqual(sum(h["orders_shipped"] for h in d["today"]["hours"]), 1)
        self.assertEqual([x["order_id"] for x in d["late"]], [soon["id"]])
        self.assertNotIn(later["id"], [x["order_id"] for x in d["late"]])
        self.assertEqual(self.get_order(back["id"])["status"], "backordered")

        self.refused("GET", "reports/dashboard?warehouse=NOPE", status=422, code="unknown_warehouse",
                     field="warehouse")
        everywhere = self.ok("GET", "reports/dashboard", status=200)
        self.assertIsNone(everywhere["warehouse"])


class WebRoot(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="wareflow-web-")
        os.makedirs(os.path.join(cls.root, "assets"))
        with open(os.path.join(cls.root, "index.html"), "w") as f:
            f.write("<!doctype html><title>Wareflow</title>")
        with open(os.path.join(cls.root, "assets", "app-1a2b.js"), "w") as f:
            f.write("export const x = 1;")
        secret_dir = os.path.dirname(cls.root)
        cls.secret = os.path.join(secret_dir, "wareflow-web-secret.txt")
        with open(cls.secret, "w") as f:
            f.write("do not serve")
        cls.srv = Server(serve_args=["--web-root", cls.root])
        cls.s = cls.srv.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)
        shutil.rmtree(cls.root, ignore_errors=True)
        os.remove(cls.secret)

    def get(self, path):
        return raw_http(self.s.port, ("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())

    def test_serves_the_app_its_assets_and_its_routes(self):
        status, headers, body = self.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(headers["cache-control"], "no-cache")
        self.assertIn("default-src 'self'", headers["content-security-policy"])
        self.assertEqual(body, "<!doctype html><title>Wareflow</title>")
        status, headers, body = self.get("/assets/app-1a2b.js")
        self.assertEqual((status, headers["content-type"]), (200, "text/javascript; charset=utf-8"))
        self.assertIn("immutable", headers["cache-control"])
        for route in ("/orders/12", "/track/" + "a" * 32, "/handheld/pick?list=3"):
            status, headers, body = self.get(route)
            self.assertEqual((status, body), (200, "<!doctype html><title>Wareflow</title>"), route)
        status, _, _ = self.get("/assets/gone-9f9f.js")
        self.assertEqual(status, 404)

    def test_the_api_is_still_the_api(self):
        status, headers, _ = self.get("/api/v1/nothing-here")
        self.assertEqual(status, 404)
        self.assertEqual(headers["content-type"], "application/problem+json")
        status, _, _ = self.get("/healthz")
        self.assertEqual(status, 200)

    def test_nothing_outside_the_root(self):
        for path in ("/../wareflow-web-secret.txt", "/%2e%2e/wareflow-web-secret.txt", "/assets/../../etc/passwd",
                     "/..%2f..%2fetc%2fpasswd", "//etc/passwd"):
            status, _, body = self.get(path)
            self.assertNotIn("do not serve", body, path)
            self.assertNotIn("root:", body, path)
            self.assertIn(status, (200, 400, 404), path)

    def test_a_root_without_an_app_is_refused_at_start(self):
        empty = tempfile.mkdtemp(prefix="wareflow-web-empty-")
        db = fresh_db(empty)
        try:
            p = run_cli("serve", "--db", db, "--listen", "127.0.0.1:1", "--web-root", empty)
            self.assertEqual(p.returncode, 2)
            self.assertIn("index.html", p.stderr)
        finally:
            drop_db(db)
            shutil.rmtree(empty, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
