"""Many clients racing for the last units: 16 threads, 200 one-unit orders,
100 in stock -> exactly 100 allocated and 100 backordered, never oversold."""
import os
import re
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Workers, i6_errors, order_body  # noqa: E402

THREADS = 16
ORDERS = 200
STOCK = 100


class Race(ApiTestCase):
    PER_TEST = True

    def test_race_for_last_units(self):
        sku = "RACE-1"
        self.put_product(sku)
        self.put_channel("race")
        self.put_warehouse("RW", layout=(2, 3, 2))
        # stock spread over two locations so allocation is per warehouse, not per bin
        self.adjust("RW", "A01-001-1", sku, 60)
        self.adjust("RW", "A02-003-2", sku, 40)
        self.assertEqual(self.inventory(sku, "RW")["available"], STOCK)

        barrier = threading.Barrier(THREADS)
        results = []
        lock = threading.Lock()

        def worker(t):
            c = self.s.new_client()
            try:
                barrier.wait(timeout=30)
                for i in range(t, ORDERS, THREADS):
                    r = c.call("POST", "orders", order_body("race", "R-%04d" % i, [(sku, 1)], customer={
                        "email": "r%d@example.com" % i, "name": "Racer %d" % i}), token="integration")
                    with lock:
                        results.append((i, r))
            finally:
                c.close()

        workers = Workers()
        for t in range(THREADS):
            workers.start(worker, t)
        workers.join(120)
        self.assertEqual(len(results), ORDERS)
        bad = [(i, r.describe()) for i, r in results if r.status != 201]
        self.assertEqual(bad, [], "every order must be 201")
        ids = {r.body["id"] for _, r in results}
        self.assertEqual(len(ids), ORDERS, "distinct order ids")

        allocated = backordered = 0
        statuses = {}
        for oid in ids:
            o = self.ok("GET", "orders/%d" % oid, status=200, token="viewer")
            self.assertEqual(i6_errors(o), [])
            (ln,) = o["lines"]
            self.assertEqual(ln["quantity"], 1)
            allocated += ln["allocated"]
            backordered += ln["backordered"]
            statuses[o["status"]] = statuses.get(o["status"], 0) + 1
        self.assertEqual((allocated, backordered), (STOCK, ORDERS - STOCK))
        self.assertEqual(statuses, {"allocated": STOCK, "backordered": ORDERS - STOCK})
        inv = self.inventory(sku, "RW")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (STOCK, STOCK, 0))
        self.assertVerify()

        # 5 more units arrive: exactly the 5 oldest backordered orders get them
        self.adjust("RW", "A01-002-1", sku, 5)
        inv = self.inventory(sku, "RW")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (STOCK + 5, STOCK + 5, 0))
        backordered = sum(self.ok("GET", "orders/%d" % oid, status=200)["lines"][0]["backordered"] for oid in ids)
        self.assertEqual(backordered, ORDERS - STOCK - 5)
        self.assertVerify()

        # the event log stayed gap-free under concurrent writers
        seqs, after = [], 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=500" % after, status=200)
            if not page["events"]:
                break
            seqs += [e["seq"] for e in page["events"]]
            after = page["next_after"]
        self.assertEqual(seqs, list(range(1, len(seqs) + 1)))
        types = {}
        # each order has exactly one order.created event
        after = 0
        while True:
            page = self.ok("GET", "events?after=%d&limit=500" % after, status=200)
            if not page["events"]:
                break
            for e in page["events"]:
                types[e["type"]] = types.get(e["type"], 0) + 1
            after = page["next_after"]
        self.assertEqual(types.get("order.created"), ORDERS)

    def test_concurrent_scans_never_over_pick(self):
        sku = "RACE-PICK"
        self.put_product(sku)
        self.put_channel("racepick")
        self.put_warehouse("RPW", layout=(1, 2, 1))
        self.adjust("RPW", "A01-001-1", sku, 20)
        o = self.create_order("racepick", "RP-1", [(sku, 5)])
        w = self.ok("POST", "waves", {"warehouse": "RPW"}, status=201)
        pl = w["pick_lists"][0]
        (ln,) = pl["lines"]
        barrier = threading.Barrier(10)
        statuses, lock = [], threading.Lock()

        def scan():
            c = self.s.new_client()
            try:
                barrier.wait(timeout=30)
                r = c.call("POST", "pick-lists/%d/picks" % pl["id"],
                           {"line_id": ln["id"], "location": ln["location"], "barcode": sku, "quantity": 1},
                           token="operator")
                with lock:
                    statuses.append((r.status, r.body.get("code") if isinstance(r.body, dict) else None))
            finally:
                c.close()

        workers = Workers()
        for _ in range(10):
            workers.start(scan)
        workers.join(60)
        self.assertEqual(len(statuses), 10, statuses)
        self.assertEqual(sum(1 for st, _ in statuses if st == 200), 5, statuses)
        for st, code in statuses:
            self.assertIn((st, code), ((200, None), (422, "over_pick"), (409, "invalid_state")), statuses)
        line = self.line(self.get_order(o["id"]), sku)
        self.assertEqual((line["picked"], line["allocated"]), (5, 0))
        inv = self.inventory(sku, "RPW")
        self.assertEqual((inv["on_hand"], inv["allocated"]), (15, 0))
        self.assertVerify()


class Chaos(ApiTestCase):
    """Mixed concurrent traffic (orders, cancels, adjustments, waves, picks,
    shorts) for a few seconds; then the ledger verifies, every order keeps I6,
    and the warehouse's allocated equals what the order lines hold."""
    PER_TEST = True
    SECONDS = 5

    def test_mixed_traffic_keeps_invariants(self):
        import random
        import time
        skus = ["CH-%d" % i for i in range(3)]
        for sku in skus:
            self.put_product(sku)
        self.put_channel("chaos")
        self.put_warehouse("CHW", layout=(2, 3, 2))
        for n, sku in enumerate(skus):
            self.adjust("CHW", "A01-00%d-1" % (n + 1), sku, 30)
            self.adjust("CHW", "A02-00%d-2" % (n + 1), sku, 10)
        locs = ["A%02d-%03d-%d" % (a, b, l) for a in (1, 2) for b in (1, 2, 3) for l in (1, 2)]
        order_ids, lock, stop = [], threading.Lock(), threading.Event()
        bad = []

        stats = {}

        def record(r):
            key = "%s %s %d" % (r.method, re.sub(r"/\d+", "/{id}", r.path), r.status)
            with lock:
                stats[key] = stats.get(key, 0) + 1
            if r.status >= 500 or (r.status >= 400 and not r.content_type.startswith("application/problem+json")):
                with lock:
                    bad.append(r.describe())

        def orders(t):
            c, rnd, i = self.s.new_client(), random.Random(t), 0
            while not stop.is_set():
                i += 1
                lines = [(sku, rnd.randint(1, 4)) for sku in rnd.sample(skus, rnd.randint(1, 3))]
                r = c.call("POST", "orders", order_body("chaos", "CH-%d-%d" % (t, i), lines,
                                                        priority=rnd.randint(0, 9)), token="integration")
                record(r)
                if r.status == 201:
                    with lock:
                        order_ids.append(r.body["id"])
            c.close()

        def cancels(t):
            c, rnd = self.s.new_client(), random.Random(100 + t)
            while not stop.is_set():
                with lock:
                    oid = rnd.choice(order_ids) if order_ids else None
                if oid is None:
                    time.sleep(0.01)
                    continue
                record(c.call("POST", "orders/%d/cancel" % oid, token="integration"))
                time.sleep(0.01)
            c.close()

        def adjusts(t):
            c, rnd = self.s.new_client(), random.Random(200 + t)
            while not stop.is_set():
                q = rnd.choice([-3, -2, -1, 1, 2, 3, 5])
                record(c.call("POST", "inventory/adjustments",
                              {"warehouse": "CHW", "location": rnd.choice(locs), "sku": rnd.choice(skus),
                               "quantity": q, "reason": "chaos"}, token="manager"))
                time.sleep(0.005)
            c.close()

        def waves(t):
            c, rnd = self.s.new_client(), random.Random(300 + t)
            while not stop.is_set():
                r = c.call("POST", "waves", {"warehouse": "CHW", "max_orders": 5}, token="manager")
                record(r)
                if r.status != 201:
                    time.sleep(0.02)
                    continue
                for pl in r.body["pick_lists"]:
                    for ln in pl["lines"]:
                        if rnd.random() < 0.2:
                            record(c.call("POST", "pick-lists/%d/shorts" % pl["id"],
                                          {"line_id": ln["id"], "quantity_found": rnd.randint(0, ln["quantity"])},
                                          token="operator"))
                        else:
                            record(c.call("POST", "pick-lists/%d/picks" % pl["id"],
                                          {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                                           "quantity": ln["quantity"]}, token="operator"))
            c.close()

        workers = Workers()
        for fn, n in ((orders, 4), (cancels, 2), (adjusts, 2), (waves, 2)):
            for t in range(n):
                workers.start(fn, t)
        try:
            time.sleep(self.SECONDS)
        finally:
            stop.set()
        workers.join(60)
        if os.environ.get("WAREFLOW_TEST_VERBOSE"):
            sys.stderr.write("\n[chaos] %s\n" % sorted(stats.items()))
        self.assertEqual(bad, [], "5xx or non-problem errors under mixed load")
        self.assertGreater(len(order_ids), 20)
        self.assertVerify()
        allocated = {sku: 0 for sku in skus}
        for oid in order_ids:
            o = self.get_order(oid)  # asserts I6
            for ln in o["lines"]:
                allocated[ln["sku"]] += ln["allocated"]
        for sku in skus:
            inv = self.inventory(sku, "CHW")
            self.assertEqual(inv["allocated"], allocated[sku], sku)
            self.assertGreaterEqual(inv["on_hand"], inv["allocated"], sku)
            self.assertEqual(inv["available"], inv["on_hand"] - inv["allocated"])
            for l in inv["locations"]:
                self.assertTrue(0 <= l["reserved"] <= l["on_hand"], l)


if __name__ == "__main__":
    unittest.main()
