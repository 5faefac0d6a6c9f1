"""Write commands racing across several `wareflow serve` processes on one
PostgreSQL database.

PostgreSQL only: three servers share one database, and requests that read
state and write on it are sent at once, spread over the servers. A task is
claimed once and completed once (its stock moves once), a pick line is never
picked beyond its quantity, two waves never share a fulfillment, and receipts
never exceed the supplier's over-receipt tolerance; returns never authorise
or receive more than was shipped or authorised, a location has one open
count, a count's figures are booked once, a pick face is replenished once,
and a warehouse's forecasts are refreshed by one server at a time. Each test
ends with
`wareflow verify`. These are the multi-process versions of test_race.py and
the racing tests of test_execution_refusals.py.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Workers, create_postgres_db, create_token, order_body, sql_exec, sql_query, verify  # noqa: E402
from test_execution_refusals import ExecutionBase  # noqa: E402
from test_multi_server import Servers  # noqa: E402

SERVERS = 3
RACERS = 12
ROUNDS = 4  # tasks raced for, one after the other


class MultiWriter(ApiTestCase):
    PER_TEST = True

    def setUp(self):
        # Not ApiTestCase.setUp: the servers run on a PostgreSQL database.
        self.db = create_postgres_db()
        group = Servers(self.db, SERVERS)
        self.addCleanup(group.close)
        self.servers = group.servers
        self.s = self.servers[0]
        # One operator token per racer: a worker is its token's name.
        self.racers = []
        for i in range(RACERS):
            name = "racer-%d" % i
            token = create_token(self.db, "operator", name)
            for s in self.servers:
                s.tokens[name] = token
            self.racers.append(name)
        self.ok("PUT", "suppliers/SUP10", {"name": "Tolerant Supplier", "over_receipt_tolerance_permille": 100})
        self.ok("PUT", "suppliers/SUP0", {"name": "Exact Supplier"})
        self.ok("PUT", "channels/web", {"name": "Web"})
        self.ok("PUT", "boxes/M", {"inner_length_mm": 400, "inner_width_mm": 300, "inner_height_mm": 200,
                                   "max_weight_g": 10000, "tare_weight_g": 100, "cost_minor": 50})

    def assertVerify(self):
        rc, out = verify(self.db)
        if rc != 0:
            self.fail("wareflow verify failed (rc=%d):\n%s" % (rc, out[-3000:]))

    # -- racing
    def race(self, requests):
        """Sends requests [(token, method, path, body)] at once, the i-th to
        server i mod 3, each from its own thread; returns [(token, Resp)] in
        the order of `requests`."""
        barrier = threading.Barrier(len(requests))
        results = [None] * len(requests)
        errors = []
        lock = threading.Lock()

        def worker(i, token, method, path, body):
            c = self.servers[i % len(self.servers)].new_client()
            try:
                # Connected, and the token known to the server, before the start:
                # the requests then arrive within a fraction of a millisecond.
                warm = c.call("GET", "tasks?limit=1", token=token)
                if warm.status != 200:
                    raise AssertionError(warm.describe())
                barrier.wait(timeout=30)
                r = c.call(method, path, body, token=token)
                results[i] = (token, r)
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append("request %d: %r" % (i, e))
            finally:
                c.close()

        workers = Workers()
        for i, req in enumerate(requests):
            workers.start(worker, i, *req)
        workers.join(120)
        self.assertEqual(errors, [])
        self.assertNotIn(None, results)
        for _, r in results:
            self.assertLess(r.status, 500, r.describe())
        return results

    def race_all(self, method, path, body):
        """Every racer sends the same request at once."""
        return self.race([(n, method, path, body) for n in self.racers])

    def events_of(self, subject, type_):
        found, after = [], 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=500" % after, status=200)
            if not page["events"]:
                return found
            found += [e for e in page["events"] if e["type"] == type_ and e["subject"] == subject]
            after = page["next_after"]

    # -- set-up helpers
    def new_wh(self):
        code = self.uniq("X").replace("-", "")
        self.put_warehouse(code, layout=(2, 3, 2), pick_levels=1)
        return code

    def new_po(self, wh, lines, supplier="SUP0"):
        number = self.uniq("PO")
        po = self.ok("POST", "purchase-orders",
                     {"number": number, "supplier": supplier, "warehouse": wh,
                      "lines": [{"sku": s, "quantity": q} for s, q in lines]},
                     status=201, token="integration")
        self.assertEqual(po["status"], "open")
        return number

    def putaway_task(self, wh, sku, qty):
        """Receives `qty` of `sku` on a fresh purchase order; returns (task, receipt)."""
        number = self.new_po(wh, [(sku, qty)])
        rc = self.ok("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": qty},
                     status=201, token="operator")
        self.assertIsInstance(rc["putaway_task_id"], int, rc)
        task = self.ok("GET", "tasks/%d" % rc["putaway_task_id"], status=200)
        self.assertEqual((task["type"], task["status"], task["quantity"]), ("putaway", "open", qty))
        return task, rc

    # An order picked, packed and shipped, as the execution tests make one.
    wave = ExecutionBase.wave
    picked_fulfillment = ExecutionBase.picked_fulfillment
    shipped_fulfillment = ExecutionBase.shipped_fulfillment

    def assertOnlyRefused(self, results, ok_status, *refusals):
        """Every answer is ok_status or one of the (status, code) refusals;
        returns the successful answers."""
        ok = []
        for _, r in results:
            if r.status == ok_status:
                ok.append(r)
            else:
                self.assertIn((r.status, r.body.get("code")), refusals, r.describe())
        return ok

    # -- the tests
    def test_a_task_claimed_by_many_workers_is_claimed_once(self):
        wh = self.new_wh()
        sku = self.uniq("TC")
        self.put_product(sku)
        tasks = [self.putaway_task(wh, sku, 1)[0]["id"] for _ in range(ROUNDS)]
        for tid in tasks:
            results = self.race_all("POST", "tasks/%d/claim" % tid, None)
            winners = [n for n, r in results if r.status == 200]
            self.assertEqual(len(winners), 1, "exactly one worker claims task %d:\n" % tid +
                             "\n".join(r.describe() for _, r in results))
            for _, r in results:
                if r.status != 200:
                    self.assertProblem(r, 409, "task_taken")
            t = self.ok("GET", "tasks/%d" % tid, status=200)
            self.assertEqual((t["status"], t["assigned_to"]), ("in_progress", winners[0]))
            self.assertEqual(len(self.events_of("task:%d" % tid, "task.claimed")), 1)
        self.assertVerify()

    def test_a_task_completed_twice_at_once_moves_stock_once(self):
        for _ in range(ROUNDS):
            self.complete_one_task_at_once()
        self.assertVerify()

    def complete_one_task_at_once(self):
        wh = self.new_wh()
        sku = self.uniq("TD")
        self.put_product(sku)
        task, rc = self.putaway_task(wh, sku, 4)
        tid = task["id"]
        dest = rc["suggested_location"] or "A02-003-2"
        results = self.race_all("POST", "tasks/%d/complete" % tid, {"location": dest})
        winners = [(n, r) for n, r in results if r.status == 200]
        self.assertEqual(len(winners), 1, "exactly one worker completes the task:\n" +
                         "\n".join(r.describe() for _, r in results))
        for _, r in results:
            if r.status != 200:
                self.assertProblem(r, 409)
                self.assertIn(r.body.get("code"), ("task_taken", "invalid_state"), r.describe())
        t = self.ok("GET", "tasks/%d" % tid, status=200)
        self.assertEqual((t["status"], t["assigned_to"], t["done_location"], t["done_quantity"]),
                         ("done", winners[0][0], dest, 4))
        moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
        putaways = [m for m in moves if m["ref"] == {"type": "task", "id": tid}]
        self.assertEqual([(m["to_location"], m["quantity"], m["reason"]) for m in putaways], [(dest, 4, "putaway")])
        inv = self.inventory(sku, wh)
        self.assertEqual([(l["location"], l["on_hand"]) for l in inv["locations"] if l["on_hand"]], [(dest, 4)])
        self.assertEqual(len(self.events_of("task:%d" % tid, "task.done")), 1)

    def test_concurrent_pick_confirms_never_over_pick(self):
        sku = self.uniq("PK")
        self.put_product(sku)
        self.put_channel("mwpick")
        wh = self.new_wh()
        self.adjust(wh, "A01-001-1", sku, 20)
        o = self.create_order("mwpick", self.uniq("PK"), [(sku, 5)])
        w = self.ok("POST", "waves", {"warehouse": wh}, status=201, token="manager")
        pl = w["pick_lists"][0]
        (ln,) = pl["lines"]
        self.assertEqual(ln["quantity"], 5)
        # Twelve scans of 1 or 2 units over three servers against a line of 5.
        scans = [(n, "POST", "pick-lists/%d/picks" % pl["id"],
                  {"line_id": ln["id"], "location": ln["location"], "barcode": sku, "quantity": 1 + i % 2})
                 for i, n in enumerate(self.racers)]
        results = self.race(scans)
        picked = sum(req[3]["quantity"] for req, (_, r) in zip(scans, results) if r.status == 200)
        for _, r in results:
            if r.status != 200:
                self.assertIn((r.status, r.body.get("code")), ((422, "over_pick"), (409, "invalid_state")),
                              r.describe())
        after = self.ok("GET", "pick-lists/%d" % pl["id"], status=200)
        (line,) = after["lines"]
        self.assertLessEqual(line["picked"], 5)
        self.assertEqual(line["picked"], picked, "the answered picks are the line's picks")
        order_line = self.line(self.get_order(o["id"]), sku)
        self.assertEqual(order_line["picked"], picked)
        self.assertEqual(order_line["allocated"], 5 - picked)
        moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
        self.assertEqual(sum(m["quantity"] for m in moves if m["reason"] == "pick"), picked)
        self.assertVerify()

    def test_two_waves_released_at_once_never_share_a_fulfillment(self):
        skus = [self.uniq("WV") for _ in range(2)]
        self.put_channel("mwwave")
        wh = self.new_wh()
        for sku in skus:
            self.put_product(sku)
            self.adjust(wh, "A01-001-1" if sku == skus[0] else "A02-002-1", sku, 100)
        orders = [self.create_order("mwwave", self.uniq("WV"), [(skus[i % 2], 1 + i % 3)]) for i in range(9)]
        results = self.race([("manager", "POST", "waves", {"warehouse": wh, "max_orders": 2})
                             for _ in range(6)])
        taken = []
        for _, r in results:
            if r.status == 201:
                taken += r.body["fulfillments"]
                for pl in r.body["pick_lists"]:
                    for line in pl["lines"]:
                        self.assertIn(line["fulfillment_id"], r.body["fulfillments"], r.describe())
            else:
                self.assertProblem(r, 409, "nothing_to_wave")
        self.assertEqual(len(taken), len(set(taken)), "a fulfillment in two waves: %s" % sorted(taken))
        self.assertLessEqual(len(taken), len(orders))
        picking = self.ok("GET", "fulfillments?warehouse=%s&status=picking&limit=100" % wh, status=200)
        self.assertEqual(sorted(f["id"] for f in picking["fulfillments"]), sorted(taken))
        for sku in skus:
            inv = self.inventory(sku, wh)
            wanted = sum(1 + i % 3 for i in range(9) if i % 2 == skus.index(sku))
            self.assertEqual((inv["on_hand"], inv["allocated"]), (100, wanted))
        self.assertVerify()

    def test_concurrent_receipts_never_exceed_the_tolerance(self):
        wh = self.new_wh()
        sku = self.uniq("RR")
        self.put_product(sku)
        number = self.new_po(wh, [(sku, 10)], supplier="SUP10")  # up to 11 with 10 %
        results = self.race_all("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 3})
        ok = [r for _, r in results if r.status == 201]
        self.assertEqual(len(ok), 3, "3 x 3 = 9 fit, a 4th would make 12:\n" +
                         "\n".join(r.describe() for _, r in results))
        for _, r in results:
            if r.status != 201:
                self.assertProblem(r, 409)
                self.assertIn(r.body.get("code"), ("over_receipt", "purchase_order_closed"), r.describe())
        po = self.ok("GET", "purchase-orders/" + number, status=200)
        self.assertEqual(po["lines"][0]["received"], 9)
        moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
        self.assertEqual(sum(m["quantity"] for m in moves if m["reason"] == "receipt"), 9)
        self.ok("POST", "purchase-orders/%s/receipts" % number, {"sku": sku, "quantity": 2}, status=201,
                token="operator")
        self.assertVerify()

    # The first race on fresh servers is slow (cold connections, statements
    # not yet prepared) and often runs one request after the other; each
    # test below therefore races several rounds, each on fresh objects.

    def test_return_authorisations_at_once_never_exceed_what_shipped(self):
        wh = self.new_wh()
        for _ in range(ROUNDS):
            sku = self.uniq("RA")
            self.put_product(sku)
            o, _ = self.shipped_fulfillment(wh, sku, 5)
            body = {"order_id": o["id"], "reason": "too small", "lines": [{"sku": sku, "quantity": 2}]}
            results = self.race([("integration", "POST", "returns", body) for _ in self.racers])
            ok = self.assertOnlyRefused(results, 201, (422, "return_exceeds_shipped"))
            self.assertEqual(len(ok), 2, "5 shipped: two returns of 2 fit, a third would make 6")
            listed = self.ok("GET", "returns?order_id=%d" % o["id"], status=200)["returns"]
            self.assertEqual(sorted(r["id"] for r in listed), sorted(r.body["id"] for r in ok))
            self.assertEqual(sum(ln["authorized"] for r in listed for ln in r["lines"]), 4)
        self.assertVerify()

    def test_return_receipts_and_inspections_at_once_stay_within_the_return(self):
        wh = self.new_wh()
        for _ in range(ROUNDS):
            sku = self.uniq("RR")
            self.put_product(sku)
            o, _ = self.shipped_fulfillment(wh, sku, 5)
            rma = self.ok("POST", "returns", {"order_id": o["id"], "reason": "damaged",
                                              "lines": [{"sku": sku, "quantity": 5}]}, status=201, token="integration")
            results = self.race_all("POST", "returns/%d/receive" % rma["id"], {"lines": [{"sku": sku, "quantity": 2}]})
            ok = self.assertOnlyRefused(results, 200, (422, "return_exceeds_authorized"))
            self.assertEqual(len(ok), 2, "5 authorised: two receipts of 2 fit")
            after = self.ok("GET", "returns/%d" % rma["id"], status=200)
            self.assertEqual(after["lines"][0]["received"], 4)
            moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
            self.assertEqual(sum(m["quantity"] for m in moves if m["reason"] == "customer_return"), 4)
            # 4 await inspection: one scrap of 3 fits
            results = self.race_all("POST", "returns/%d/inspect" % rma["id"],
                                    {"lines": [{"sku": sku, "quantity": 3, "disposition": "scrap"}]})
            ok = self.assertOnlyRefused(results, 200, (422, "exceeds_received"))
            self.assertEqual(len(ok), 1)
            after = self.ok("GET", "returns/%d" % rma["id"], status=200)
            self.assertEqual(after["lines"][0]["scrapped"], 3)
        self.assertVerify()

    def test_a_location_has_one_open_count_whoever_orders_it(self):
        wh = self.new_wh()
        sku = self.uniq("CO")
        self.put_product(sku)
        locations = ["A01-00%d-1" % b for b in (1, 2, 3)] + ["A02-00%d-1" % b for b in (1, 2, 3)]
        for loc in locations[:ROUNDS]:
            self.adjust(wh, loc, sku, 7)
            results = self.race([("manager", "POST", "counts", {"warehouse": wh, "location": loc})
                                 for _ in range(RACERS)])
            ok = self.assertOnlyRefused(results, 201, (409, "count_open"))
            self.assertEqual(len(ok), 1, "one count of %s:\n%s" % (loc, "\n".join(r.describe() for _, r in results)))
        # plans at once on every server: no location gets a second count
        self.race([("manager", "POST", "counts/plan", {"warehouse": wh, "max_locations": 20})
                   for _ in range(2 * SERVERS)])
        counts = self.ok("GET", "counts?warehouse=%s&limit=100" % wh, status=200)["counts"]
        open_locations = [c["location"] for c in counts if c["status"] in ("open", "counting", "recount")]
        self.assertGreater(len(open_locations), ROUNDS)
        self.assertEqual(len(open_locations), len(set(open_locations)), sorted(open_locations))
        tasks = self.ok("GET", "tasks?warehouse=%s&type=count&limit=100" % wh, status=200)["tasks"]
        self.assertEqual(len(tasks), len(open_locations), "one count task per open count")
        self.assertVerify()

    def test_a_count_submitted_at_once_books_its_variance_once(self):
        wh = self.new_wh()
        for loc in ["A0%d-00%d-1" % (a, b) for a in (1, 2) for b in (1, 2)][:ROUNDS]:
            sku = self.uniq("CS")
            self.put_product(sku)
            self.adjust(wh, loc, sku, 10)
            cid = self.ok("POST", "counts", {"warehouse": wh, "location": loc, "tolerance_units": 5},
                          status=201, token="manager")["id"]
            results = self.race_all("POST", "counts/%d/submit" % cid,
                                    {"location": loc, "lines": [{"sku": sku, "quantity": 8}]})
            ok = self.assertOnlyRefused(results, 200, (409, "invalid_state"))
            self.assertEqual(len(ok), 1, "one submission closes the count")
            c = self.ok("GET", "counts/%d" % cid, status=200, token="manager")
            self.assertEqual(c["status"], "accepted")
            moves = self.ok("GET", "inventory/%s/moves" % sku, status=200)["moves"]
            self.assertEqual([m["quantity"] for m in moves if m["reason"] == "cycle_count"], [2])
            self.assertEqual(self.inventory(sku, wh)["on_hand"], 8)
        self.assertVerify()

    def test_a_pick_face_planned_at_once_is_replenished_once(self):
        wh = self.new_wh()
        for face, reserve in [("A0%d-00%d-1" % (a, b), "A0%d-00%d-2" % (a, b)) for a in (1, 2) for b in (1, 2)]:
            sku = self.uniq("RP")
            self.put_product(sku)
            self.ok("PUT", "warehouses/%s/pick-faces/%s" % (wh, face),
                    {"sku": sku, "min_quantity": 5, "max_quantity": 10}, status=200, token="manager")
            self.adjust(wh, reserve, sku, 40)  # reserve stock on the level above
            results = self.race([("manager", "POST", "replenishment", {"warehouse": wh, "sku": sku})
                                 for _ in range(RACERS)])
            self.assertOnlyRefused(results, 201)
            tasks = [t for t in self.ok("GET", "tasks?warehouse=%s&type=replenishment&limit=100" % wh,
                                        status=200)["tasks"] if t["sku"] == sku]
            self.assertEqual(sum(t["quantity"] for t in tasks), 10, "the face is filled to its maximum once: %s" % tasks)
            self.assertEqual(sum(len(r.body["tasks"]) for _, r in results), len(tasks))
        self.assertVerify()

    def test_forecasts_are_refreshed_by_one_server_at_a_time(self):
        wh = self.new_wh()
        skus = [self.uniq("FC") for _ in range(3)]
        for sku in skus:
            self.put_product(sku)
            self.adjust(wh, "A01-001-1", sku, 50)
        for i in range(6):
            self.create_order("web", self.uniq("FC"), [(skus[i % 3], 1 + i % 2)])
        answered = 0
        for _ in range(ROUNDS):
            results = self.race([("manager", "POST", "planning/forecasts/refresh", {"warehouse": wh})
                                 for _ in range(2 * SERVERS)])
            answered += len(self.assertOnlyRefused(results, 200, (409, "refresh_running")))
        refreshed = self.events_of("warehouse:" + wh, "forecasts.refreshed")
        self.assertEqual(len(refreshed), answered, "each 200 is one refresh")
        # The lease of a refresh running on a server that is not in this test
        # (a live lease of another holder) refuses; once expired it is taken.
        wid = sql_query(self.db, "SELECT id FROM warehouses WHERE code = ?", (wh,))[0][0]
        future = int(time.time() * 1000) + 600000
        sql_exec(self.db, "INSERT INTO leases (name, holder, expires_at_ms) VALUES (?, 'elsewhere', ?)",
                 ("forecast-refresh:%d" % wid, future))
        for s in self.servers:
            r = s.new_client().call("POST", "planning/forecasts/refresh", {"warehouse": wh}, token="manager")
            self.assertProblem(r, 409, "refresh_running")
        sql_exec(self.db, "UPDATE leases SET expires_at_ms = ? WHERE holder = 'elsewhere'", (future - 1200000,))
        self.ok("POST", "planning/forecasts/refresh", {"warehouse": wh}, status=200, token="manager")
        self.assertEqual(sql_query(self.db, "SELECT COUNT(*) FROM leases"), [(0,)], "given back after the refresh")
        self.assertVerify()

    def test_an_order_shipped_from_two_warehouses_at_once_ends_shipped(self):
        whs = [self.new_wh(), self.new_wh()]
        for _ in range(ROUNDS):
            skus = [self.uniq("SH"), self.uniq("SH")]
            for wh, sku in zip(whs, skus):
                self.put_product(sku)
                self.adjust(wh, "A01-001-1", sku, 1)
            o = self.create_order("web", self.uniq("SH"), [(skus[0], 1), (skus[1], 1)])
            fids = sorted(f["id"] for f in o["fulfillments"])
            self.assertEqual(len(fids), 2, o)
            for wh in whs:
                for pl in self.wave(wh)["pick_lists"]:
                    for ln in pl["lines"]:
                        self.ok("POST", "pick-lists/%d/picks" % pl["id"],
                                {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                                 "quantity": ln["quantity"]}, status=200, token="operator")
            for fid in fids:
                f = self.ok("GET", "fulfillments/%d" % fid, status=200)
                (line,) = f["lines"]
                self.ok("POST", "fulfillments/%d/pack" % fid,
                        {"packages": [{"box": "M", "items": [{"sku": line["sku"], "quantity": 1}]}]},
                        status=200, token="operator")
            # Each ship derives the order's status from both fulfillments.
            results = self.race([("operator", "POST", "fulfillments/%d/ship" % fid, {"carrier": "OWNVAN"})
                                 for fid in fids])
            self.assertOnlyRefused(results, 200)
            self.assertEqual(self.get_order(o["id"])["status"], "shipped")
        self.assertVerify()


if __name__ == "__main__":
    unittest.main()
