"""Authentication (401) and the role matrix of docs/api.md (403)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, ROLES, diff_snapshots, order_body  # noqa: E402

ALL = set(ROLES)
MGR = {"manager", "admin"}
OPS = {"operator", "manager", "admin"}

# (method, path template, body, roles allowed) -- from the table in docs/api.md:
# viewer: every GET; integration: every GET, PUT products, POST orders, POST
# orders/{id}/cancel, POST fulfillments/{id}/deliver; operator: every GET, picks,
# shorts, pack, ship, deliver; manager and admin: everything.
ROUTES = [
    ("GET", "products", None, ALL),
    ("GET", "products/{sku}", None, ALL),
    ("GET", "products/by-barcode/{barcode}", None, ALL),
    ("PUT", "products/{sku}", {"name": "n", "weight_g": 1, "length_mm": 1, "width_mm": 1, "height_mm": 1},
     {"integration"} | MGR),
    ("GET", "warehouses", None, ALL),
    ("GET", "warehouses/{wh}", None, ALL),
    ("PUT", "warehouses/{wh}", {"name": "Auth W"}, MGR),
    ("POST", "warehouses/{wh}/layout", {"aisles": 1, "bays": 1, "levels": 1}, MGR),
    ("PUT", "warehouses/{wh}/locations/{newloc}", {"type": "staging"}, MGR),
    ("GET", "warehouses/{wh}/locations", None, ALL),
    ("POST", "inventory/adjustments",
     {"warehouse": "{wh}", "location": "A01-002-1", "sku": "{sku}", "quantity": 1, "reason": "auth"}, MGR),
    ("GET", "inventory/{sku}", None, ALL),
    ("GET", "inventory/{sku}/moves", None, ALL),
    ("PUT", "channels/{ch}", {"name": "Auth channel"}, MGR),
    ("GET", "channels", None, ALL),
    ("POST", "orders", "ORDER", {"integration"} | MGR),
    ("GET", "orders", None, ALL),
    ("GET", "orders/{oid2}", None, ALL),
    ("POST", "orders/{oid2}/hold", {"reason": "auth"}, MGR),
    ("POST", "orders/{oid2}/release", None, MGR),
    ("POST", "orders/{oid2}/cancel", None, {"integration"} | MGR),
    ("GET", "fulfillments/{fid}", None, ALL),
    ("POST", "waves", {"warehouse": "{wh}"}, MGR),
    ("GET", "waves/{wave}", None, ALL),
    ("GET", "pick-lists/{pl}", None, ALL),
    ("POST", "pick-lists/{pl}/picks", {"line_id": "{pl_line}", "location": "{pl_loc}", "barcode": "{sku}",
                                       "quantity": 1}, OPS),
    ("POST", "pick-lists/{pl}/shorts", {"line_id": "{pl_line}", "quantity_found": 0}, OPS),
    ("POST", "fulfillments/{fid}/pack", {"packages": [{"items": [{"sku": "{sku}", "quantity": 1}]}]}, OPS),
    ("POST", "fulfillments/{fid}/ship", {"carrier": "DHL"}, OPS),
    ("POST", "fulfillments/{fid}/deliver", None, OPS | {"integration"}),
    ("GET", "events", None, ALL),
]


class Auth(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.s.call

        def ok(r, *st):
            assert r.status in st, r.describe()
            return r.body

        ok(c("PUT", "products/AUTH-SKU", {"name": "a", "barcodes": ["AUTHBC"], "weight_g": 1, "length_mm": 1,
                                           "width_mm": 1, "height_mm": 1}), 201)
        ok(c("PUT", "warehouses/AUTHW", {"name": "a"}), 201)
        ok(c("POST", "warehouses/AUTHW/layout", {"aisles": 1, "bays": 3, "levels": 1}), 201)
        ok(c("PUT", "channels/authch", {"name": "a"}), 201)
        ok(c("POST", "inventory/adjustments", {"warehouse": "AUTHW", "location": "A01-001-1", "sku": "AUTH-SKU",
                                               "quantity": 50, "reason": "init"}), 201)
        o1 = ok(c("POST", "orders", order_body("authch", "AUTH-1", [("AUTH-SKU", 2)])), 201)
        w = ok(c("POST", "waves", {"warehouse": "AUTHW"}), 201)
        o2 = ok(c("POST", "orders", order_body("authch", "AUTH-2", [("AUTH-SKU", 1)])), 201)
        pl = w["pick_lists"][0]
        cls.vars = {"sku": "AUTH-SKU", "barcode": "AUTHBC", "wh": "AUTHW", "newloc": "AUTH-STAGE", "ch": "authch",
                    "oid2": o2["id"], "fid": o1["fulfillments"][0]["id"], "wave": w["id"], "pl": pl["id"],
                    "pl_line": pl["lines"][0]["id"], "pl_loc": pl["lines"][0]["location"]}
        cls.order_n = 0

    def fill(self, x):
        if isinstance(x, str):
            for k, v in self.vars.items():
                if x == "{%s}" % k:
                    return v
                x = x.replace("{%s}" % k, str(v))
            return x
        if isinstance(x, dict):
            return {k: self.fill(v) for k, v in x.items()}
        if isinstance(x, list):
            return [self.fill(v) for v in x]
        return x

    def body_for(self, body):
        if body == "ORDER":
            Auth.order_n += 1
            return order_body("authch", "AUTH-X%d" % Auth.order_n, [("AUTH-SKU", 1)])
        return self.fill(body)

    def test_no_token_and_bad_token_401(self):
        for method, path, body in (("GET", "products", None), ("GET", "orders/1", None),
                                   ("POST", "orders", order_body("authch", "NOAUTH", [("AUTH-SKU", 1)])),
                                   ("PUT", "channels/x", {"name": "x"})):
            before = self.s.snapshot()
            r = self.s.call(method, path, body, token=None)
            self.assertProblem(r, 401, "unauthorized")
            r = self.s.call(method, path, body, token="not-a-real-token-0123456789")
            self.assertProblem(r, 401, "unauthorized")
            r = self.s.call(method, path, body, headers={"Authorization": "Basic YWRtaW46YWRtaW4="}, token=None)
            self.assertProblem(r, 401, "unauthorized")
            self.assertEqual(diff_snapshots(before, self.s.snapshot()), [])

    def test_public_routes(self):
        self.assertStatus(self.s.call("GET", "/healthz", token=None), 200)
        self.assertStatus(self.s.call("GET", "/api/v1/openapi.json", token=None), 200)
        # a public route ignores whatever token comes with it
        doc = self.assertStatus(self.s.call("GET", "/api/v1/openapi.json", token=None), 200)
        self.assertEqual(self.assertStatus(self.s.call("GET", "/api/v1/openapi.json", token="garbage"), 200), doc)
        self.assertIn("openapi", doc)

    def test_role_matrix(self):
        # 1. every disallowed role gets 403 forbidden and nothing changes
        before = self.s.snapshot()
        checked = 0
        for method, tmpl, body, allowed in ROUTES:
            path = self.fill(tmpl)
            for role in sorted(ALL - allowed):
                with self.subTest(route="%s %s" % (method, tmpl), role=role, expect=403):
                    r = self.s.call(method, path, self.body_for(body), token=role)
                    self.assertProblem(r, 403, "forbidden")
                    checked += 1
        self.assertEqual(checked, sum(len(ALL - a) for _, _, _, a in ROUTES))
        self.assertGreater(checked, 30)
        self.assertEqual(diff_snapshots(before, self.s.snapshot()), [], "a 403 changed the database")
        self.assertVerify()
        # 2. every allowed role gets past auth (any status but 401/403)
        for method, tmpl, body, allowed in ROUTES:
            path = self.fill(tmpl)
            for role in sorted(allowed):
                with self.subTest(route="%s %s" % (method, tmpl), role=role, expect="not 401/403"):
                    r = self.s.call(method, path, self.body_for(body), token=role)
                    self.assertNotIn(r.status, (401, 403), self.ctx(r))
                    self.assertLess(r.status, 500, self.ctx(r))
        self.assertVerify()


if __name__ == "__main__":
    unittest.main()
