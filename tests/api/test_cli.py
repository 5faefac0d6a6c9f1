"""The CLI: import products/stock/orders, all-or-nothing on a bad row, verify on a
healthy and on a corrupted db, `routes` against openapi.json."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

import test_auth  # noqa: E402  (module import: its ROUTES list, not its tests)
from harness import (ApiTestCase, diff_snapshots, list_tables, run_cli, snapshot, sql_exec, sql_query,  # noqa: E402
                     verify)

PRODUCTS_HDR = "sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,tracking,shelf_life_days"
STOCK_HDR = "warehouse,location,sku,quantity,lot,expiry,reason"
ORDERS_HDR = ("channel,channel_order_id,email,name,phone,ship_name,line1,line2,city,postal_code,country,"
              "sku,quantity,unit_price_minor,currency,priority,ship_by")
LINE4 = re.compile(r"line\D{0,3}4(?!\d)", re.I)


def write(path, lines):
    with open(path, "w", newline="") as f:
        f.write("\n".join(lines) + "\n")
    return path


class CliImport(ApiTestCase):
    PER_TEST = True

    def setUp(self):
        super().setUp()
        self.put_warehouse("CLIW", layout=(2, 3, 2))
        self.put_channel("clich")
        self.s.stop()  # imports run with the server down

    def f(self, name):
        return os.path.join(self.s.tmpdir, name)

    def imp(self, kind, path):
        return run_cli("import", kind, "--db", self.s.db, "--file", path)

    def products_csv(self, name="p.csv"):
        return write(self.f(name), [
            PRODUCTS_HDR,
            "CLI-1,Red shirt,111|CLI1-ALT,200,300,200,20,none,",
            "CLI-2,Blue shirt,222,210,300,200,20,,",
            'CLI-3,"Milk, 1 l",333,1050,70,70,200,lot,14',
        ])

    def test_import_happy_path(self):
        p = self.imp("products", self.products_csv())
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        st = write(self.f("s.csv"), [
            STOCK_HDR,
            "CLIW,A01-001-1,CLI-1,10,,,initial",
            "CLIW,A01-002-1,CLI-2,4,,,initial",
            "CLIW,A02-001-1,CLI-3,6,L-77,2027-03-01,initial",
        ])
        p = self.imp("stock", st)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        od = write(self.f("o.csv"), [
            ORDERS_HDR,
            "clich,CSV-1,a@example.com,Ann,,Ann,Main St 1,,Berlin,10115,DE,CLI-1,2,1999,EUR,0,",
            "clich,CSV-1,a@example.com,Ann,,Ann,Main St 1,,Berlin,10115,DE,CLI-2,1,2499,EUR,0,",
            "clich,CSV-2,b@example.com,Bob,+4930123,Bob,Side St 2,Apt 3,Hamburg,20095,DE,CLI-2,5,2499,EUR,3,"
            "2026-12-24T10:00:00Z",
        ])
        p = self.imp("orders", od)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        rc, out = verify(self.s.db)
        self.assertEqual(rc, 0, out)

        self.s.start()
        p1 = self.ok("GET", "products/CLI-1", status=200)
        self.assertEqual(p1["name"], "Red shirt")
        self.assertEqual(sorted(p1["barcodes"]), ["111", "CLI1-ALT"])
        self.assertEqual(self.ok("GET", "products/CLI-3", status=200)["name"], "Milk, 1 l")
        self.assertEqual(self.ok("GET", "products/CLI-3", status=200)["tracking"], "lot")
        self.assertEqual(self.ok("GET", "products/by-barcode/222", status=200)["sku"], "CLI-2")
        self.assertEqual(self.inventory("CLI-3", "CLIW")["on_hand"], 6)
        orders = self.ok("GET", "orders?channel=clich", status=200)["orders"]
        byid = {o["channel_order_id"]: o for o in orders}
        self.assertEqual(sorted(byid), ["CSV-1", "CSV-2"])
        o1 = byid["CSV-1"]
        self.assertEqual(sorted((l["sku"], l["quantity"]) for l in o1["lines"]), [("CLI-1", 2), ("CLI-2", 1)])
        self.assertEqual(o1["status"], "allocated")
        self.assertEqual(self.line(o1, "CLI-1")["unit_price"], {"amount_minor": 1999, "currency": "EUR"})
        o2 = byid["CSV-2"]
        self.assertEqual(o2["priority"], 3)
        ln = self.line(o2, "CLI-2")
        self.assertEqual((ln["allocated"], ln["backordered"]), (3, 2))  # 4 in stock, 1 went to CSV-1
        self.assertEqual(self.inventory("CLI-1", "CLIW")["allocated"], 2)
        # re-importing the same orders file is idempotent
        self.s.stop()
        before = snapshot(self.s.db)["counts"]
        p = self.imp("orders", od)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        after = snapshot(self.s.db)["counts"]
        self.assertEqual({k: v for k, v in after.items() if "order" in k},
                         {k: v for k, v in before.items() if "order" in k})

    def assert_bad_file_refused(self, kind, path):
        before = snapshot(self.s.db)
        p = self.imp(kind, path)
        out = p.stdout + p.stderr
        self.assertNotEqual(p.returncode, 0, "import %s of a bad file succeeded: %s" % (kind, out))
        self.assertRegex(out, LINE4, "message should name line 4")
        self.assertEqual(diff_snapshots(before, snapshot(self.s.db)), [], "a refused import changed the db")
        rc, vout = verify(self.s.db)
        self.assertEqual(rc, 0, vout)

    def test_bad_products_row(self):
        self.assert_bad_file_refused("products", write(self.f("bad-p.csv"), [
            PRODUCTS_HDR,
            "BADP-1,One,,100,10,10,10,none,",
            "BADP-2,Two,,100,10,10,10,none,",
            "BADP-3,Three,,heavy,10,10,10,none,",
            "BADP-4,Four,,100,10,10,10,none,",
        ]))

    def test_bad_stock_row(self):
        self.assertEqual(self.imp("products", self.products_csv()).returncode, 0)
        self.assert_bad_file_refused("stock", write(self.f("bad-s.csv"), [
            STOCK_HDR,
            "CLIW,A01-001-1,CLI-1,10,,,initial",
            "CLIW,A01-002-1,CLI-2,4,,,initial",
            "CLIW,A01-003-1,NO-SUCH-SKU,4,,,initial",
        ]))

    def test_bad_orders_row(self):
        self.assertEqual(self.imp("products", self.products_csv()).returncode, 0)
        self.assert_bad_file_refused("orders", write(self.f("bad-o.csv"), [
            ORDERS_HDR,
            "clich,BAD-1,a@example.com,Ann,,Ann,Main St 1,,Berlin,10115,DE,CLI-1,2,1999,EUR,0,",
            "clich,BAD-2,a@example.com,Ann,,Ann,Main St 1,,Berlin,10115,DE,CLI-2,1,2499,EUR,0,",
            "clich,BAD-3,b@example.com,Bob,,Bob,Side St 2,,Hamburg,20095,DE,CLI-2,0,2499,EUR,0,",
        ]))

    def test_missing_file_and_bad_header(self):
        p = self.imp("products", self.f("does-not-exist.csv"))
        self.assertNotEqual(p.returncode, 0)
        before = snapshot(self.s.db)
        p = self.imp("products", write(self.f("hdr.csv"), ["sku,title", "X,Y"]))
        self.assertNotEqual(p.returncode, 0)
        self.assertEqual(diff_snapshots(before, snapshot(self.s.db)), [])


class CliVerify(ApiTestCase):
    PER_TEST = True

    def test_verify_detects_corruption(self):
        self.put_product("VER-1")
        self.put_warehouse("VW", layout=(1, 2, 1))
        self.adjust("VW", "A01-001-1", "VER-1", 8)
        self.adjust("VW", "A01-002-1", "VER-1", 3)
        self.s.stop()
        rc, out = verify(self.s.db)
        self.assertEqual(rc, 0, out)
        self.assertIn("stock_balances", list_tables(self.s.db))
        # the balance row, by its primary key (works on SQLite and PostgreSQL)
        ((product_id, location_id, lot, on_hand),) = sql_query(
            self.s.db, "SELECT product_id, location_id, lot, on_hand FROM stock_balances WHERE on_hand = 8")
        where = " WHERE product_id = ? AND location_id = ? AND lot = ?"
        key = (product_id, location_id, lot)
        # (a) a balance that the ledger does not explain: I1 (sum != 0) / I4 (replay)
        sql_exec(self.s.db, "UPDATE stock_balances SET on_hand = on_hand + 5" + where, key)
        rc, out = verify(self.s.db)
        self.assertNotEqual(rc, 0, "verify passed on a corrupted balance: " + out)
        self.assertRegex(out, r"\bI[1-6]\b", "verify must name the invariant")
        self.assertRegex(out, r"\bI[14]\b")
        # undo: healthy again
        sql_exec(self.s.db, "UPDATE stock_balances SET on_hand = ?" + where, (on_hand,) + key)
        rc, out = verify(self.s.db)
        self.assertEqual(rc, 0, out)
        # (b) a negative physical balance: I2 (and I1/I4)
        sql_exec(self.s.db, "UPDATE stock_balances SET on_hand = -2" + where, key)
        rc, out = verify(self.s.db)
        self.assertNotEqual(rc, 0, out)
        self.assertRegex(out, r"\bI[1-6]\b")

    def test_verify_on_demo_dataset(self):
        self.s.stop()
        p = run_cli("demo", "--db", self.s.db, timeout=300)
        self.assertEqual(p.returncode, 0, p.stdout[-2000:] + p.stderr[-2000:])
        rc, out = verify(self.s.db)
        self.assertEqual(rc, 0, out)
        self.s.start()
        w = self.ok("GET", "warehouses/MAIN", status=200)
        self.assertEqual(w["code"], "MAIN")
        self.assertEqual(self.ok("GET", "products/SKU-00001", status=200)["sku"], "SKU-00001")
        chans = self.ok("GET", "channels", status=200)
        chans = chans["channels"] if isinstance(chans, dict) else chans
        self.assertTrue({"web", "marketplace"} <= {c["code"] for c in chans})
        page = self.ok("GET", "orders?limit=500", status=200)
        self.assertEqual(len(page["orders"]), 500 if page["next_cursor"] else len(page["orders"]))
        self.assertGreater(len(page["orders"]), 100)
        for o in page["orders"][:50]:
            self.assertI6(o)
        n, cursor = 0, None
        for _ in range(20):
            pg = self.ok("GET", "warehouses/MAIN/locations?limit=500" + ("&cursor=" + cursor if cursor else ""),
                         status=200)
            n += len(pg["locations"])
            cursor = pg["next_cursor"]
            if cursor is None:
                break
        self.assertGreaterEqual(n, 10 * 30 * 4 + 4)


def norm(path):
    p = re.sub(r"\{[^}]*\}", "{}", path.strip())
    if p.startswith("/api/v1/") and p != "/api/v1/openapi.json":
        p = p[len("/api/v1"):]
    return p.rstrip("/") or "/"


class CliRoutes(ApiTestCase):
    def test_routes_match_openapi(self):
        p = run_cli("routes")
        self.assertEqual(p.returncode, 0, p.stderr)
        cli, cli_roles = set(), {}
        for line in p.stdout.splitlines():
            if not line.strip():
                continue
            parts = line.split()
            # `METHOD /path` (optionally followed by the roles, comma-separated)
            self.assertIn(len(parts), (2, 3), "route line %r is not 'METHOD /path [roles]'" % line)
            self.assertIn(parts[0], ("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"), line)
            self.assertTrue(parts[1].startswith("/"), line)
            cli.add((parts[0], norm(parts[1])))
            if len(parts) == 3:
                cli_roles[(parts[0], norm(parts[1]))] = set(parts[2].split(","))
        self.assertGreater(len(cli), 25)
        spec = self.ok("GET", "/api/v1/openapi.json", status=200, token=None)
        base = ""
        for srv in spec.get("servers", []) or []:
            url = srv.get("url", "")
            if url.rstrip("/").endswith("/api/v1"):
                base = "/api/v1"
        spec_routes = set()
        for path, item in spec["paths"].items():
            full = path if path.startswith("/api/") or path == "/healthz" or not base else base + path
            for m in item:
                if m.lower() in ("get", "put", "post", "delete", "patch", "head"):
                    spec_routes.add((m.upper(), norm(full)))
        self.assertEqual(sorted(cli - spec_routes), [], "routes missing from openapi.json")
        self.assertEqual(sorted(spec_routes - cli), [], "openapi.json routes the server does not have")
        # and every route of docs/api.md is served
        doc = {(m, norm("/" + t)) for m, t, _, _ in test_auth.ROUTES}
        self.assertEqual(sorted(doc - cli), [], "docs/api.md routes missing from `wareflow routes`")
        # when `routes` lists roles, they are the ones of docs/api.md's table
        for m, t, _, allowed in test_auth.ROUTES:
            key = (m, norm("/" + t))
            if key in cli_roles:
                self.assertEqual(cli_roles[key], set(allowed), "roles of %s %s" % key)


if __name__ == "__main__":
    unittest.main()
