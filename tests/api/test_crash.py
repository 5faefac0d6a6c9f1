"""SIGKILL the server while orders stream in from several clients; on restart
every acknowledged order is there with the same lines and the ledger balances."""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Workers, i6_errors, order_body  # noqa: E402

THREADS = 6
SKUS = ["CR-%d" % i for i in range(5)]


class Crash(ApiTestCase):
    PER_TEST = True

    def test_sigkill_mid_stream(self):
        for s in SKUS:
            self.put_product(s)
        self.put_channel("crash")
        self.put_warehouse("CW", layout=(2, 3, 2))
        for n, s in enumerate(SKUS):
            self.adjust("CW", "A01-00%d-1" % (n % 3 + 1), s, 300 + n)  # some orders will backorder
        acked = {}          # channel_order_id -> order body returned
        sent_lines = {}     # channel_order_id -> [(sku, qty)]
        lock = threading.Lock()
        stop = threading.Event()
        failures = []

        def worker(t):
            c = self.s.new_client()
            c.timeout = 5
            i = 0
            while not stop.is_set():
                i += 1
                coid = "CR-%d-%d" % (t, i)
                lines = [(SKUS[(t + i + k) % len(SKUS)], 1 + (i + k) % 3) for k in range(1 + i % 3)]
                lines = list(dict(lines).items())  # one line per sku
                with lock:
                    sent_lines[coid] = lines
                try:
                    r = c.call("POST", "orders", order_body("crash", coid, lines), token="integration", retry=False)
                except Exception:  # noqa: BLE001 -- the server died under us
                    break
                if r.status in (200, 201):
                    with lock:
                        acked[coid] = r.body
                elif r.status >= 500 or r.status < 200:
                    with lock:
                        failures.append(r.describe())
            c.close()

        workers = Workers()
        for t in range(THREADS):
            workers.start(worker, t)
        deadline = time.time() + 20
        while time.time() < deadline:
            with lock:
                if len(acked) >= 600:
                    break
            time.sleep(0.02)
        self.s.kill()  # SIGKILL
        stop.set()
        workers.join(30)
        self.assertEqual(failures, [])
        self.assertGreater(len(acked), 20, "too few orders acknowledged before the kill")
        if os.environ.get("WAREFLOW_TEST_VERBOSE"):
            sys.stderr.write("\n[crash] %d orders sent, %d acknowledged before SIGKILL\n" % (len(sent_lines), len(acked)))

        self.s.start()  # same db, same tokens
        for coid, before in acked.items():
            r = self.s.call("GET", "orders/%d" % before["id"], token="viewer")
            self.assertEqual(r.status, 200, "acknowledged order %s lost after SIGKILL: %s" % (coid, r.describe()))
            o = r.body
            self.assertEqual(o["channel_order_id"], coid)
            self.assertEqual(sorted((l["sku"], l["quantity"]) for l in o["lines"]), sorted(sent_lines[coid]))
            self.assertEqual(sorted((l["sku"], l["quantity"]) for l in before["lines"]), sorted(sent_lines[coid]))
            self.assertEqual(i6_errors(o), [])
            # idempotent replay after restart still yields the same order
        some = list(acked.items())[:10]
        for coid, before in some:
            r = self.s.call("POST", "orders", order_body("crash", coid, sent_lines[coid]), token="integration")
            self.assertEqual((r.status, r.body.get("id")), (200, before["id"]), r.describe())
        # allocation totals still match what the orders hold
        for s in SKUS:
            total_alloc = 0
            cursor = None
            while True:
                page = self.ok("GET", "orders?channel=crash&limit=500" + ("&cursor=" + cursor if cursor else ""),
                               status=200)
                for o in page["orders"]:
                    total_alloc += sum(l["allocated"] for l in o["lines"] if l["sku"] == s)
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            self.assertEqual(self.inventory(s, "CW")["allocated"], total_alloc, s)
        self.assertVerify()


    def test_sigkill_during_adjustments_and_picking(self):
        """Acknowledged adjustments and picks survive a SIGKILL: each is on
        the books after the restart, and of the writes in flight at the kill
        (one per client) none is there twice or half."""
        sku = "CRA-1"
        self.put_product(sku)
        self.put_channel("crash")
        self.put_warehouse("CA", layout=(2, 3, 2))
        self.adjust("CA", "A01-001-1", sku, 1000)
        for i in range(30):
            self.create_order("crash", "CA-%d" % i, [(sku, 2)])
        wave = self.ok("POST", "waves", {"warehouse": "CA"}, status=201)
        acked_moves, acked_picks, lock, stop = [], [], threading.Lock(), threading.Event()
        refused = []  # every request is valid: before the kill each must succeed

        def adjuster(t):
            c = self.s.new_client()
            loc = "A02-00%d-2" % (t + 1)
            while not stop.is_set():
                try:
                    r = c.call("POST", "inventory/adjustments", {"warehouse": "CA", "location": loc, "sku": sku,
                                                                 "quantity": 1, "reason": "crash"},
                               token="manager", retry=False)
                except Exception:  # noqa: BLE001
                    break
                with lock:
                    if r.status == 201:
                        acked_moves.append(r.body["move_id"])
                    else:
                        refused.append(r.describe())
            c.close()

        def picker():
            c = self.s.new_client()
            for pl in wave["pick_lists"]:
                for ln in pl["lines"]:
                    for _ in range(ln["quantity"]):
                        if stop.is_set():
                            return
                        try:
                            r = c.call("POST", "pick-lists/%d/picks" % pl["id"],
                                       {"line_id": ln["id"], "location": ln["location"], "barcode": sku,
                                        "quantity": 1}, token="operator", retry=False)
                        except Exception:  # noqa: BLE001
                            return
                        with lock:
                            if r.status == 200:
                                acked_picks.append(ln["id"])
                            else:
                                refused.append(r.describe())
            c.close()

        workers = Workers()
        for t in range(3):
            workers.start(adjuster, t)
        workers.start(picker)
        deadline = time.time() + 20
        while time.time() < deadline:
            with lock:
                if len(acked_moves) >= 300 and len(acked_picks) >= 15:
                    break
            time.sleep(0.01)
        self.s.kill()
        stop.set()
        workers.join(30)
        self.assertEqual(refused, [])
        self.assertGreater(len(acked_moves), 50, "too few adjustments acknowledged before the kill")
        self.assertGreaterEqual(len(acked_picks), 10, "too few picks acknowledged before the kill")
        self.assertVerify()
        self.s.start()
        moves, cursor = [], None
        for _ in range(100):
            page = self.ok("GET", "inventory/%s/moves?limit=500%s" % (sku, "&cursor=" + cursor if cursor else ""),
                           status=200)
            moves += page["moves"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertIsNone(cursor, "more than 100 pages of moves")
        ids = {m["id"] for m in moves}
        lost = [m for m in acked_moves if m not in ids]
        self.assertEqual(lost, [], "acknowledged adjustments lost")
        # three adjusters: at most one committed but unanswered write each
        adjusted = sum(1 for m in moves if m["reason"] == "crash")
        self.assertTrue(len(acked_moves) <= adjusted <= len(acked_moves) + 3, (len(acked_moves), adjusted))

        # Picks: every acknowledged one is on its line; the one picker had at
        # most one more in flight.
        picked = {}
        for lid in acked_picks:
            picked[lid] = picked.get(lid, 0) + 1
        on_lists = 0
        for pl in wave["pick_lists"]:
            now = self.ok("GET", "pick-lists/%d" % pl["id"], status=200)
            for ln in now["lines"]:
                self.assertGreaterEqual(ln["picked"], picked.get(ln["id"], 0), "acknowledged pick lost")
                on_lists += ln["picked"]
        self.assertTrue(len(acked_picks) <= on_lists <= len(acked_picks) + 1, (len(acked_picks), on_lists))
        # ... each as one pick move off the shelf, no more, no less
        pick_moves = [m for m in moves if m["reason"] == "pick"]
        self.assertEqual(sum(abs(m["quantity"]) for m in pick_moves), on_lists)
        self.assertTrue(all(m["from_location"] == "A01-001-1" for m in pick_moves), pick_moves[:3])
        shelf = [l for l in self.inventory(sku, "CA")["locations"] if l["location"] == "A01-001-1"]
        self.assertEqual([l["on_hand"] for l in shelf], [1000 - on_lists])
        total_picked = 0
        cursor = None
        while True:
            page = self.ok("GET", "orders?channel=crash&limit=500" + ("&cursor=" + cursor if cursor else ""),
                           status=200)
            for o in page["orders"]:
                self.assertEqual(i6_errors(o), [])
                total_picked += sum(l["picked"] for l in o["lines"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(total_picked, on_lists, "the orders' lines hold what the pick lists say was picked")
        self.assertVerify()


if __name__ == "__main__":
    unittest.main()
