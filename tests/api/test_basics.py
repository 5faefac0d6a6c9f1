"""Health, OpenAPI, products, warehouses, layout, locations, adjustments,
inventory, ledger moves, channels, events."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, create_token, sql_exec, sql_query  # noqa: E402


class HealthAndSpec(ApiTestCase):
    def test_healthz_without_token(self):
        r = self.s.call("GET", "/healthz", token=None)
        self.assertStatus(r, 200)

    def test_openapi_without_token(self):
        r = self.s.call("GET", "/api/v1/openapi.json", token=None)
        spec = self.assertStatus(r, 200)
        self.assertIn("json", r.content_type)
        self.assertIsInstance(spec, dict, r.describe())
        self.assertTrue(str(spec.get("openapi", "")).startswith("3.1"), spec.get("openapi"))
        paths = spec.get("paths", {})
        self.assertIsInstance(paths, dict)
        joined = " ".join(paths)
        for frag in ("/products/{", "/orders", "/waves", "/pick-lists/{", "/events", "/inventory/adjustments"):
            self.assertIn(frag, joined)

    def test_unknown_route_404_and_wrong_method_405(self):
        self.assertProblem(self.s.call("GET", "no-such-thing"), 404, "not_found")
        self.assertProblem(self.s.call("DELETE", "channels"), 405, "method_not_allowed")


class Products(ApiTestCase):
    def test_put_create_then_update_then_get(self):
        sku = self.uniq("P")
        body = {"name": "Blue mug", "barcodes": ["4006381333931", "MUG-BLUE"], "weight_g": 350,
                "length_mm": 120, "width_mm": 90, "height_mm": 100}
        r = self.s.call("PUT", "products/" + sku, body)
        p = self.assertStatus(r, 201)
        self.assertEqual(p["sku"], sku)
        self.assertEqual(p["name"], "Blue mug")
        self.assertEqual(sorted(p["barcodes"]), ["4006381333931", "MUG-BLUE"])
        self.assertEqual((p["weight_g"], p["length_mm"], p["width_mm"], p["height_mm"]), (350, 120, 90, 100))
        self.assertEqual(p["tracking"], "none")
        for k in ("shelf_life_days", "created_at", "updated_at"):
            self.assertIn(k, p)
        body["name"] = "Blue mug, large"
        body["weight_g"] = 400
        r = self.s.call("PUT", "products/" + sku, body)
        p2 = self.assertStatus(r, 200)
        self.assertEqual(p2["name"], "Blue mug, large")
        self.assertEqual(p2["weight_g"], 400)
        g = self.ok("GET", "products/" + sku, status=200, token="viewer")
        self.assertEqual(g["name"], "Blue mug, large")
        self.assertEqual(g["created_at"], p["created_at"])

    def test_lookup_by_barcode(self):
        sku = self.uniq("P")
        bc = "BC" + sku
        self.put_product(sku, barcodes=[bc, bc + "X"])
        g = self.ok("GET", "products/by-barcode/" + bc + "X", status=200, token="viewer")
        self.assertEqual(g["sku"], sku)
        self.assertProblem(self.s.call("GET", "products/by-barcode/NOPE-" + bc), 404)

    def test_barcode_belongs_to_one_product(self):
        a, b = self.uniq("P"), self.uniq("P")
        self.put_product(a, barcodes=["SHARED" + a])
        self.refused("PUT", "products/" + b, {"name": "x", "barcodes": ["SHARED" + a], "weight_g": 1,
                                              "length_mm": 1, "width_mm": 1, "height_mm": 1},
                     status=409, code="invalid_state")

    def test_lot_tracking(self):
        sku = self.uniq("LOT")
        p = self.put_product(sku, tracking="lot", shelf_life_days=30)
        self.assertEqual(p["tracking"], "lot")
        self.assertEqual(p["shelf_life_days"], 30)

    def test_sku_charset_and_length(self):
        for sku in ("a" * 64, "Ab.9_x-Z", "1"):
            with self.subTest(sku=sku):
                self.assertEqual(self.put_product(sku)["sku"], sku)
        for sku in ("a" * 65, "has%20space", "uml%C3%A4ut", "semi%3Bcolon"):
            with self.subTest(sku=sku):
                self.refused("PUT", "products/" + sku, {"name": "x", "weight_g": 1, "length_mm": 1, "width_mm": 1,
                                                        "height_mm": 1}, status=422, code="invalid_field")

    def test_default_and_max_limit(self):
        for i in range(105):
            self.put_product("LIM-%03d" % i)
        page = self.ok("GET", "products", status=200)
        self.assertEqual(len(page["products"]), 100)
        self.assertIsNotNone(page["next_cursor"])
        page = self.ok("GET", "products?limit=500", status=200)
        self.assertGreaterEqual(len(page["products"]), 105)
        self.assertLessEqual(len(page["products"]), 500)

    def test_products_list_pagination(self):
        skus = sorted(self.uniq("PL") for _ in range(7))
        for s in skus:
            self.put_product(s)
        seen, cursor, pages = [], None, 0
        while True:
            path = "products?limit=3" + ("&cursor=" + cursor if cursor else "")
            page = self.ok("GET", path, status=200, token="viewer")
            items = page.get("products")
            self.assertIsInstance(items, list, page)
            self.assertLessEqual(len(items), 3)
            seen += [p["sku"] for p in items]
            cursor = page["next_cursor"]
            pages += 1
            self.assertLess(pages, 200)
            if cursor is None:
                break
        self.assertEqual(len(seen), len(set(seen)), "a product was listed twice")
        for s in skus:
            self.assertIn(s, seen)


class WarehousesAndLocations(ApiTestCase):
    def test_warehouse_put_get(self):
        code = self.uniq("W").replace("-", "")
        body = {"name": "North", "address": {"line1": "Dock 4", "city": "Hamburg", "postal_code": "20095",
                                             "country": "DE"}, "latitude": 53.55, "longitude": 9.99}
        w = self.assertStatus(self.s.call("PUT", "warehouses/" + code, body, token="manager"), 201)
        self.assertEqual(w["code"], code)
        self.assertEqual(w["name"], "North")
        self.assertEqual(w["address"]["city"], "Hamburg")
        self.assertAlmostEqual(w["latitude"], 53.55)
        self.assertAlmostEqual(w["longitude"], 9.99)
        body["name"] = "North 2"
        self.assertStatus(self.s.call("PUT", "warehouses/" + code, body, token="manager"), 200)
        g = self.ok("GET", "warehouses/" + code, status=200, token="viewer")
        self.assertEqual(g["name"], "North 2")
        lst = self.ok("GET", "warehouses", status=200, token="viewer")
        items = lst["warehouses"] if isinstance(lst, dict) else lst
        self.assertIn(code, [x["code"] for x in items])

    def test_layout_counts_and_location_walk(self):
        code = self.uniq("W").replace("-", "")
        self.put_warehouse(code, layout=None)
        r = self.s.call("POST", "warehouses/%s/layout" % code,
                        {"aisles": 3, "bays": 4, "levels": 2, "pick_levels": 1, "aisle_pitch_mm": 3000,
                         "bay_width_mm": 1000, "cross_aisle_mm": 3000}, token="manager")
        self.assertEqual(self.assertStatus(r, 201), {"locations_created": 3 * 4 * 2 + 4})
        # second layout would overwrite
        self.refused("POST", "warehouses/%s/layout" % code, {"aisles": 1, "bays": 1, "levels": 1},
                     status=409, code="layout_exists")
        expected = {"A%02d-%03d-%d" % (a, b, l) for a in range(1, 4) for b in range(1, 5) for l in (1, 2)}
        expected |= {"RECV-01", "PACK-01", "SHIP-01", "QUAR-01"}
        seen, cursor, pages = [], None, 0
        while True:
            path = "warehouses/%s/locations?limit=5" % code + ("&cursor=" + cursor if cursor else "")
            page = self.ok("GET", path, status=200, token="viewer")
            self.assertLessEqual(len(page["locations"]), 5)
            seen += [l["code"] for l in page["locations"]]
            for l in page["locations"]:
                self.assertFalse(l["code"].startswith("virtual:"), l)
            cursor = page["next_cursor"]
            pages += 1
            self.assertLess(pages, 100)
            if cursor is None:
                break
        self.assertEqual(len(seen), len(set(seen)), "location listed twice: %r" % seen)
        self.assertEqual(set(seen), expected)
        self.assertEqual(pages, 6)  # 28 locations, 5 per page
        # pick faces are level 1, storage above; geometry
        picks = self.ok("GET", "warehouses/%s/locations?type=pick&limit=500" % code, status=200)["locations"]
        self.assertEqual({l["code"] for l in picks}, {"A%02d-%03d-1" % (a, b) for a in range(1, 4) for b in range(1, 5)})
        byc = {l["code"]: l for l in self.ok("GET", "warehouses/%s/locations?limit=500" % code, status=200)["locations"]}
        l = byc["A02-003-2"]
        self.assertEqual(l["type"], "storage")
        self.assertEqual((l["aisle"], l["bay"], l["level"]), (2, 3, 2))
        self.assertEqual(l["x_mm"], 2 * 3000)
        self.assertEqual(l["y_mm"], 3000 + 2500)
        self.assertTrue(l["allocatable"])
        self.assertEqual(byc["PACK-01"]["type"], "packing")
        self.assertFalse(byc["PACK-01"]["allocatable"])
        self.assertEqual(byc["RECV-01"]["type"], "receiving")
        self.assertEqual(byc["SHIP-01"]["type"], "shipping")
        self.assertEqual(byc["QUAR-01"]["type"], "quarantine")

    def test_layout_options(self):
        code = self.uniq("W").replace("-", "")
        self.put_warehouse(code, layout=None)
        r = self.ok("POST", "warehouses/%s/layout" % code,
                    {"aisles": 2, "bays": 2, "levels": 3, "pick_levels": 2, "zone": "B", "aisle_pitch_mm": 2500,
                     "bay_width_mm": 1200, "cross_aisle_mm": 4000, "max_volume_cm3": 5000, "max_weight_g": 7000},
                    status=201)
        self.assertEqual(r["locations_created"], 2 * 2 * 3 + 4)
        byc = {l["code"]: l for l in self.ok("GET", "warehouses/%s/locations?limit=500" % code, status=200)["locations"]}
        self.assertEqual(byc["B02-002-2"]["type"] if "B02-002-2" in byc else byc["A02-002-2"]["type"], "pick")
        loc = byc.get("A02-002-3") or byc.get("B02-002-3")
        self.assertIsNotNone(loc, sorted(byc))
        self.assertEqual((loc["type"], loc["zone"], loc["x_mm"], loc["y_mm"], loc["max_volume_cm3"],
                          loc["max_weight_g"]), ("storage", "B", 5000, 4000 + 1800, 5000, 7000))
        # defaults
        code2 = self.uniq("W").replace("-", "")
        self.put_warehouse(code2, layout=(1, 1, 1))
        l = self.ok("GET", "warehouses/%s/locations?limit=500&type=pick" % code2, status=200)["locations"]
        self.assertEqual(len(l), 1)
        self.assertEqual((l[0]["code"], l[0]["zone"], l[0]["x_mm"], l[0]["y_mm"], l[0]["max_volume_cm3"],
                          l[0]["max_weight_g"]), ("A01-001-1", "A", 3000, 3500, 1000000, 500000))

    def test_location_not_empty(self):
        code = self.uniq("W").replace("-", "")
        self.put_warehouse(code, layout=(1, 2, 1))
        sku = self.uniq("LNE")
        self.put_product(sku)
        self.adjust(code, "A01-001-1", sku, 2)
        self.refused("PUT", "warehouses/%s/locations/A01-001-1" % code, {"type": "pick", "allocatable": False},
                     status=409, code="location_not_empty")
        self.refused("PUT", "warehouses/%s/locations/A01-001-1" % code, {"type": "quarantine"},
                     status=409, code="location_not_empty")
        # empty: allowed
        r = self.ok("PUT", "warehouses/%s/locations/A01-002-1" % code, {"type": "pick", "allocatable": False},
                    status=200)
        self.assertFalse(r["allocatable"])

    def test_put_location(self):
        code = self.uniq("W").replace("-", "")
        self.put_warehouse(code, layout=None)
        r = self.s.call("PUT", "warehouses/%s/locations/STAGE-1" % code, {"type": "staging"})
        l = self.assertStatus(r, 201)
        self.assertEqual((l["code"], l["warehouse"], l["type"], l["allocatable"]), ("STAGE-1", code, "staging", False))
        r = self.s.call("PUT", "warehouses/%s/locations/BIN-1" % code, {"type": "pick", "zone": "B", "x_mm": 10, "y_mm": 20})
        l = self.assertStatus(r, 201)
        self.assertTrue(l["allocatable"])
        r = self.s.call("PUT", "warehouses/%s/locations/BIN-1" % code, {"type": "pick", "zone": "C"})
        self.assertEqual(self.assertStatus(r, 200)["zone"], "C")
        # staging may not be allocatable
        self.refused("PUT", "warehouses/%s/locations/STAGE-2" % code, {"type": "staging", "allocatable": True},
                     status=422, code="invalid_field", field="allocatable")
        self.refused("PUT", "warehouses/%s/locations/BIN-2" % code, {"type": "shelf"},
                     status=422, code="invalid_field", field="type")


class InventoryAndLedger(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wh = "INV1"
        cls.setup_call("PUT", "warehouses/INV1", {"name": "Inv"})
        cls.setup_call("POST", "warehouses/INV1/layout", {"aisles": 2, "bays": 3, "levels": 2})

    def test_adjustment_and_inventory_shape(self):
        sku = self.uniq("INV")
        self.put_product(sku)
        a = self.adjust(self.wh, "A01-001-1", sku, 10, reason="initial count")
        for k in ("move_id", "warehouse", "location", "sku", "lot", "expiry", "quantity", "on_hand"):
            self.assertIn(k, a)
        self.assertEqual((a["warehouse"], a["location"], a["sku"], a["quantity"], a["on_hand"]),
                         (self.wh, "A01-001-1", sku, 10, 10))
        a2 = self.adjust(self.wh, "A01-001-1", sku, -3, reason="damaged")
        self.assertEqual(a2["on_hand"], 7)
        self.assertNotEqual(a2["move_id"], a["move_id"])
        self.adjust(self.wh, "A02-003-2", sku, 5)
        # non-allocatable location: counts in locations but not in on_hand
        self.adjust(self.wh, "RECV-01", sku, 4)
        inv = self.ok("GET", "inventory/" + sku, status=200, token="viewer")
        self.assertEqual(inv["sku"], sku)
        w = [x for x in inv["warehouses"] if x["warehouse"] == self.wh]
        self.assertEqual(len(w), 1, inv)
        w = w[0]
        self.assertEqual((w["on_hand"], w["allocated"], w["available"]), (12, 0, 12))
        locs = {l["location"]: l for l in w["locations"]}
        self.assertEqual(locs["A01-001-1"]["on_hand"], 7)
        self.assertEqual(locs["A02-003-2"]["on_hand"], 5)
        self.assertEqual(locs["A01-001-1"]["reserved"], 0)
        for l in w["locations"]:
            for k in ("location", "lot", "expiry", "on_hand", "reserved"):
                self.assertIn(k, l)
        self.assertVerify()

    def test_insufficient_stock(self):
        sku = self.uniq("INV")
        self.put_product(sku)
        self.adjust(self.wh, "A01-002-1", sku, 2)
        self.refused("POST", "inventory/adjustments",
                     {"warehouse": self.wh, "location": "A01-002-1", "sku": sku, "quantity": -3, "reason": "x"},
                     status=409, code="insufficient_stock")

    def test_lots(self):
        sku = self.uniq("LOT")
        self.put_product(sku, tracking="lot")
        self.refused("POST", "inventory/adjustments",
                     {"warehouse": self.wh, "location": "A01-003-1", "sku": sku, "quantity": 3, "reason": "x"},
                     status=422, code="lot_required")
        a = self.adjust(self.wh, "A01-003-1", sku, 3, lot="L1", expiry="2027-05-01")
        self.assertEqual(a["lot"], "L1")
        self.assertTrue(str(a["expiry"]).startswith("2027-05-01"), a)
        self.refused("POST", "inventory/adjustments",
                     {"warehouse": self.wh, "location": "A01-003-1", "sku": sku, "quantity": 1, "lot": "L1",
                      "expiry": "2027-06-01", "reason": "x"},
                     status=422, code="lot_expiry_mismatch")
        self.adjust(self.wh, "A01-003-1", sku, 2, lot="L2", expiry="2027-01-01")
        w = self.inventory(sku, self.wh)
        self.assertEqual(w["on_hand"], 5)
        self.assertEqual(sorted((l["lot"], l["on_hand"]) for l in w["locations"]), [("L1", 3), ("L2", 2)])

    def test_moves_pagination_newest_first(self):
        sku = self.uniq("MV")
        self.put_product(sku)
        ids = []
        for q in range(1, 8):
            ids.append(self.adjust(self.wh, "A02-001-1", sku, q, reason="r%d" % q)["move_id"])
        seen, cursor, pages = [], None, 0
        while True:
            page = self.ok("GET", "inventory/%s/moves?limit=3%s" % (sku, "&cursor=" + cursor if cursor else ""),
                           status=200, token="viewer")
            self.assertLessEqual(len(page["moves"]), 3)
            seen += page["moves"]
            cursor = page["next_cursor"]
            pages += 1
            if cursor is None or pages > 10:
                break
        self.assertEqual(pages, 3)
        self.assertEqual([m["id"] for m in seen], list(reversed(ids)))
        self.assertEqual([m["quantity"] for m in seen], [7, 6, 5, 4, 3, 2, 1])
        m = seen[0]
        for k in ("id", "at", "warehouse", "from_location", "to_location", "sku", "lot", "quantity", "reason", "ref"):
            self.assertIn(k, m)
        self.assertEqual((m["from_location"], m["to_location"], m["sku"], m["reason"], m["warehouse"]),
                         ("virtual:adjustment", "A02-001-1", sku, "r7", self.wh))
        # negative adjustment goes location -> virtual:adjustment
        self.adjust(self.wh, "A02-001-1", sku, -2, reason="lost")
        m = self.ok("GET", "inventory/%s/moves?limit=1" % sku, status=200)["moves"][0]
        self.assertEqual((m["from_location"], m["to_location"], abs(m["quantity"])),
                         ("A02-001-1", "virtual:adjustment", 2))

    def test_idempotency_key_on_adjustment(self):
        sku = self.uniq("IK")
        self.put_product(sku)
        body = {"warehouse": self.wh, "location": "A02-002-1", "sku": sku, "quantity": 4, "reason": "found"}
        key = {"Idempotency-Key": "key-" + sku}
        a = self.assertStatus(self.s.call("POST", "inventory/adjustments", body, headers=key), 201)
        b = self.assertStatus(self.s.call("POST", "inventory/adjustments", body, headers=key), (200, 201))
        self.assertEqual(a["move_id"], b["move_id"])
        self.assertEqual(self.inventory(sku, self.wh)["on_hand"], 4)
        body2 = dict(body, quantity=5)
        self.refused("POST", "inventory/adjustments", body2, headers=key, status=409, code="idempotency_conflict")
        self.assertEqual(self.inventory(sku, self.wh)["on_hand"], 4)

    def test_idempotency_key_is_per_token_not_per_token_name(self):
        # Token names are not unique: two tokens named alike (here of two roles;
        # a revoked token and its successor often are) must not see each other's
        # stored answers by sending the same key.
        name = self.uniq("scanner")
        first, second = name + "#1", name + "#2"
        self.s.tokens[first] = create_token(self.s.db, "manager", name)
        self.s.tokens[second] = create_token(self.s.db, "admin", name)
        sku = self.uniq("IKT")
        self.put_product(sku)
        body = {"warehouse": self.wh, "location": "A02-003-1", "sku": sku, "quantity": 3, "reason": "found"}
        key = {"Idempotency-Key": "shared-" + sku}
        a = self.assertStatus(self.s.call("POST", "inventory/adjustments", body, headers=key, token=first), 201)
        b = self.assertStatus(self.s.call("POST", "inventory/adjustments", body, headers=key, token=second), 201)
        self.assertNotEqual(a["move_id"], b["move_id"], "the second token got the first one's stored answer")
        self.assertEqual(self.inventory(sku, self.wh)["on_hand"], 6)
        # Each token's replay still gets its own answer, and changes nothing.
        for token, answer in ((first, a), (second, b)):
            again = self.assertStatus(self.s.call("POST", "inventory/adjustments", body, headers=key, token=token),
                                      201)
            self.assertEqual(again["move_id"], answer["move_id"])
        self.assertEqual(self.inventory(sku, self.wh)["on_hand"], 6)
        # Another request under the key is a conflict for either token.
        body2 = dict(body, quantity=5)
        for token in (first, second):
            self.refused("POST", "inventory/adjustments", body2, headers=key, token=token, status=409,
                         code="idempotency_conflict")


class IdempotencyMigration(ApiTestCase):
    PER_TEST = True

    def test_0010_keys_stored_answers_by_token_where_the_name_tells_which(self):
        s = self.s
        s.tokens["solo"] = create_token(s.db, "manager", "solo")
        s.tokens["twin-a"] = create_token(s.db, "manager", "twin")
        s.tokens["twin-b"] = create_token(s.db, "admin", "twin")
        s.stop()
        # Back to the table before 0010: answers stored per token name.
        sql_exec(s.db, "DROP TABLE idempotency_keys")
        sql_exec(s.db, "CREATE TABLE idempotency_keys (token_name TEXT NOT NULL, idempotency_key TEXT NOT NULL, "
                       "request_hash TEXT NOT NULL, status BIGINT NOT NULL, response_body TEXT NOT NULL, "
                       "created_at_ms BIGINT NOT NULL, PRIMARY KEY (token_name, idempotency_key))")
        sql_exec(s.db, "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at_ms)")
        for name in ("solo", "twin"):
            sql_exec(s.db, "INSERT INTO idempotency_keys VALUES (?, ?, 'h', 201, '{}', 1)", (name, "k-" + name))
        sql_exec(s.db, "DELETE FROM schema_migrations WHERE name = '0010_idempotency_per_token.sql'")
        s.start()
        # The name one token has: its answer moved to that token. The name two
        # tokens share: which one stored it cannot be told, so it is gone.
        rows = sql_query(s.db, "SELECT t.name, k.idempotency_key FROM idempotency_keys k "
                               "JOIN api_tokens t ON t.token_hash = k.token_hash")
        self.assertEqual(rows, [("solo", "k-solo")])
        self.assertEqual(sql_query(s.db, "SELECT COUNT(*) FROM idempotency_keys"), [(1,)])
        # The moved answer is found under the solo token (its fingerprint is
        # another request's: a conflict), and nowhere else.
        body = {"name": "Moved"}
        key = {"Idempotency-Key": "k-solo"}
        self.assertProblem(s.call("PUT", "channels/moved", body, headers=key, token="solo"), 409,
                           "idempotency_conflict")
        self.assertStatus(s.call("PUT", "channels/moved", body, headers=key, token="twin-a"), 201)
        self.assertStatus(s.call("PUT", "channels/twin", body, headers={"Idempotency-Key": "k-twin"}, token="twin-b"),
                          201)
        self.assertVerify()


class Channels(ApiTestCase):
    def test_channels(self):
        code = self.uniq("ch").lower()
        c = self.assertStatus(self.s.call("PUT", "channels/" + code, {"name": "Web shop"}, token="manager"), 201)
        self.assertEqual(c, {"code": code, "name": "Web shop"})
        c = self.assertStatus(self.s.call("PUT", "channels/" + code, {"name": "Web shop 2"}, token="manager"), 200)
        self.assertEqual(c["name"], "Web shop 2")
        lst = self.ok("GET", "channels", status=200, token="viewer")
        items = lst["channels"] if isinstance(lst, dict) else lst
        self.assertIn({"code": code, "name": "Web shop 2"}, items)


class Events(ApiTestCase):
    def test_gap_free_paging(self):
        sku = self.uniq("EV")
        self.put_product(sku)
        self.put_channel("evch")
        self.put_warehouse("EVW")
        self.adjust("EVW", "A01-001-1", sku, 5)
        o = self.create_order("evch", "EV-1", [(sku, 2)])
        late = self.uniq("EVB")
        self.put_product(late)
        bo = self.create_order("evch", "EV-2", [(late, 1)])  # backordered ...
        self.assertEqual(bo["status"], "backordered")
        self.adjust("EVW", "A01-002-1", late, 1)                # ... then allocated
        events, after, pages = [], 0, 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=4" % after, status=200, token="viewer")
            evs = page["events"]
            self.assertLessEqual(len(evs), 4)
            if not evs:
                self.assertEqual(page["next_after"], after)
                break
            self.assertEqual(page["next_after"], evs[-1]["seq"])
            events += evs
            after = page["next_after"]
            pages += 1
            self.assertLess(pages, 500)
        seqs = [e["seq"] for e in events]
        self.assertEqual(seqs, list(range(seqs[0], seqs[0] + len(seqs))), "seq not gap-free")
        self.assertEqual(seqs[0], 1)
        for e in events:
            for k in ("seq", "type", "at", "subject", "data"):
                self.assertIn(k, e)
        types = [e["type"] for e in events]
        for t in ("product.upserted", "channel.upserted", "warehouse.upserted", "layout.generated",
                  "stock.adjusted", "order.created", "fulfillment.created", "order.backordered",
                  "order.allocated"):
            self.assertIn(t, types)
        self.assertLess(types.index("stock.adjusted"), types.index("order.created"))
        # a new event appears after next_after
        self.ok("POST", "orders/%d/cancel" % o["id"], status=200)
        page = self.ok("GET", "events?after=%d" % after, status=200)
        self.assertGreaterEqual(len(page["events"]), 1)
        self.assertEqual(page["events"][0]["seq"], after + 1)
        self.assertIn("order.cancelled", [e["type"] for e in page["events"]])


class Lifecycle(ApiTestCase):
    PER_TEST = True

    def test_sigterm_is_graceful_and_data_survives(self):
        sku = self.uniq("LC")
        p = self.put_product(sku)
        self.assertRegex(p["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")
        self.put_warehouse("LCW", layout=(1, 2, 1))
        self.adjust("LCW", "A01-001-1", sku, 9)
        rc = self.s.stop()
        self.assertEqual(rc, 0, "serve should exit 0 on SIGTERM\n" + self.s.log_tail(10))
        self.assertVerify()
        self.s.start()
        self.assertEqual(self.inventory(sku, "LCW")["on_hand"], 9)
        self.assertEqual(self.ok("GET", "products/" + sku, status=200)["created_at"], p["created_at"])

    def test_keep_alive_many_requests_one_connection(self):
        c = self.s.new_client()
        try:
            for i in range(50):
                r = c.call("GET", "channels", token="viewer")
                self.assertEqual(r.status, 200)
                self.assertNotEqual(r.headers.get("connection", "").lower(), "close")
            self.assertIsNotNone(c.conn, "server closed a keep-alive connection")
        finally:
            c.close()


if __name__ == "__main__":
    unittest.main()
