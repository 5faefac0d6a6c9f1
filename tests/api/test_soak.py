"""SIGKILL soak under mixed load: five clients work the real server at once
(orders; waves, picks, packing and shipping; cycle counts opened, started,
submitted and approved; purchase orders received; adjustments), the server is
SIGKILLed at a random moment, restarted on the same database, and every write
it acknowledged must be there as acknowledged (or one step further: a client's
last request, in flight at the kill, may have committed unanswered), and
`wareflow verify` must pass. Then the clients carry on and the next kill
follows.

WAREFLOW_SOAK_KILLS sets the number of kills: 5 in the default run, 100 in the
soak run (bench/soak.sh; docs/durability.md has the figures of the last one).
WAREFLOW_TEST_VERBOSE=1 prints each kill's counts."""
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Workers, order_body  # noqa: E402

ORDER_SKU, COUNT_SKU, ADJUST_SKU, RECEIPT_SKU = "SK-ORD", "SK-CNT", "SK-ADJ", "SK-RCV"
COUNT_BAYS = 16
PO_QUANTITY = 60
NEXT_COUNT_STATUS = {"open": {"counting"}, "counting": {"accepted", "recount", "needs_approval"},
                     "recount": {"counting"}, "needs_approval": {"approved"}, "accepted": set(),
                     "approved": set()}


def kills_to_make():
    text = os.environ.get("WAREFLOW_SOAK_KILLS", "5")
    kills = int(text)
    if not 1 <= kills <= 10000:
        raise ValueError("WAREFLOW_SOAK_KILLS must be 1-10000, not %r" % text)
    return kills


def count_location(n):
    return "A01-%03d-1" % (n % COUNT_BAYS + 1)


class Acked:
    """What the server acknowledged (a 2xx answer), the latest state of each
    thing; `fresh` holds what is not yet checked after a restart."""

    def __init__(self):
        self.lock = threading.Lock()
        self.orders = {}           # id -> (channel_order_id, [(sku, qty)])
        self.picks = {}            # line id -> (pick list id, picked)
        self.fulfillments = {}     # id -> packed | shipped
        self.counts = {}           # id -> status
        self.purchase_orders = {}  # number -> received
        self.adjustments = set()   # move ids
        self.per_kind = {}
        self.fresh = {k: set() for k in ("orders", "picks", "fulfillments", "counts", "purchase_orders",
                                         "adjustments")}

    def note(self, kind, table, key, value=None):
        with self.lock:
            if isinstance(table, set):
                table.add(key)
            else:
                table[key] = value
            self.fresh[self._name(table)].add(key)
            self.per_kind[kind] = self.per_kind.get(kind, 0) + 1

    def _name(self, table):
        for name in self.fresh:
            if getattr(self, name) is table:
                return name
        raise KeyError(table)

    def total(self):
        with self.lock:
            return sum(self.per_kind.values())


class SigkillSoak(ApiTestCase):
    PER_TEST = True

    def set_up(self):
        for sku in (ORDER_SKU, COUNT_SKU, ADJUST_SKU, RECEIPT_SKU):
            self.put_product(sku)
        self.put_channel("soak")
        self.put_warehouse("SW1", layout=(1, 2, 1))
        self.put_warehouse("SW2", layout=(1, 20, 1))
        self.ok("PUT", "suppliers/SUP", {"name": "Supplier"})
        self.adjust("SW1", "A01-001-1", ORDER_SKU, 1000000)
        for bay in range(COUNT_BAYS):
            self.adjust("SW2", count_location(bay), COUNT_SKU, 50)

    def test_sigkill_soak_mixed_load(self):
        kills = kills_to_make()
        started = time.monotonic()
        self.set_up()
        acked = Acked()
        for kill in range(kills):
            rng = random.Random(kill * 7919 + 23)
            stop = threading.Event()
            refused = []
            workers = Workers()
            for work in (self.place_orders, self.pick_pack_ship, self.count, self.receive, self.adjust_stock):
                workers.start(work, kill, acked, stop, refused)
            # Kill after a random number of further acknowledgements.
            kill_after = acked.total() + rng.randint(20, 400)
            deadline = time.monotonic() + 30
            while acked.total() < kill_after and time.monotonic() < deadline and not refused:
                time.sleep(0.002)
            self.s.kill()  # SIGKILL
            stop.set()
            workers.join(30)
            self.assertEqual(refused, [], "kill %d" % (kill + 1))
            self.assertGreaterEqual(acked.total(), kill_after, "no progress for 30 s before kill %d" % (kill + 1))
            self.s.start()  # same database, same tokens
            checked = self.check(acked, acked.fresh)
            self.assertVerify()
            if os.environ.get("WAREFLOW_TEST_VERBOSE"):
                sys.stderr.write("\n[soak] kill %d after %d acknowledged writes: %d checked\n"
                                 % (kill + 1, acked.total(), checked))
        everything = {"orders": set(acked.orders), "picks": set(acked.picks),
                      "fulfillments": set(acked.fulfillments), "counts": set(acked.counts),
                      "purchase_orders": set(acked.purchase_orders), "adjustments": set(acked.adjustments)}
        self.check(acked, everything)
        self.assertVerify()
        for kind in ("orders", "picks", "packs", "shipments", "count steps", "receipts", "adjustments"):
            self.assertGreater(acked.per_kind.get(kind, 0), 0, "no %s acknowledged in %d kills" % (kind, kills))
        sys.stderr.write("\n[soak] SIGKILL soak: %d kills, %d acknowledged writes checked (%s); 0 failures; "
                         "%.1f s\n" % (kills, acked.total(), ", ".join(
                             "%s %d" % kv for kv in sorted(acked.per_kind.items())), time.monotonic() - started))

    # ---- the clients: each runs until its server dies under it

    def client_loop(self, stop, refused):
        c = self.s.new_client()
        c.timeout = 10

        def call(method, path, body=None, expect=(200, 201), allowed=()):
            """The answer, or None once the server is gone (or the run stops)."""
            if stop.is_set():
                return None
            try:
                r = c.call(method, path, body, token="admin", retry=False)
            except Exception:  # noqa: BLE001 -- the server died under us
                return None
            if r.status in expect:
                return r
            if r.status in allowed and r.body.get("code") in allowed[r.status]:
                return r
            refused.append(r.describe())
            return None
        return c, call

    def place_orders(self, kill, acked, stop, refused):
        c, call = self.client_loop(stop, refused)
        for n in range(10 ** 9):
            coid = "K%d-%d" % (kill, n)
            lines = [(ORDER_SKU, 1 + n % 3)]
            r = call("POST", "orders", order_body("soak", coid, lines))
            if r is None:
                break
            acked.note("orders", acked.orders, r.body["id"], (coid, lines))
        c.close()

    def pick_pack_ship(self, kill, acked, stop, refused):
        c, call = self.client_loop(stop, refused)
        while True:
            r = call("POST", "waves", {"warehouse": "SW1", "max_orders": 5}, expect=(201,),
                     allowed={409: ("nothing_to_wave",)})
            if r is None:
                return c.close()
            if r.status == 409:
                time.sleep(0.005)
                continue
            wave = r.body
            for pl in wave["pick_lists"]:
                for ln in pl["lines"]:
                    r = call("POST", "pick-lists/%d/picks" % pl["id"],
                             {"line_id": ln["id"], "location": ln["location"], "barcode": ln["sku"],
                              "quantity": ln["quantity"]}, expect=(200,))
                    if r is None:
                        return c.close()
                    picked = [l["picked"] for l in r.body["lines"] if l["id"] == ln["id"]]
                    acked.note("picks", acked.picks, ln["id"], (pl["id"], picked[0]))
            for fid in wave["fulfillments"]:
                r = call("GET", "fulfillments/%d" % fid, expect=(200,))
                if r is None:
                    return c.close()
                items = [{"sku": l["sku"], "quantity": l["picked"]} for l in r.body["lines"] if l["picked"] > 0]
                if call("POST", "fulfillments/%d/pack" % fid, {"packages": [{"items": items}]}, expect=(200,)) is None:
                    return c.close()
                acked.note("packs", acked.fulfillments, fid, "packed")
                if call("POST", "fulfillments/%d/ship" % fid, {"carrier": "van"}, expect=(200,)) is None:
                    return c.close()
                acked.note("shipments", acked.fulfillments, fid, "shipped")

    def count(self, kill, acked, stop, refused):
        """Count after count: opened, started, submitted (every other one off
        by a unit: recounted, then approved). Each step reads where the count
        stands, so one that committed unanswered before a kill is not
        repeated; a count opened unanswered is found and carried on."""
        c, call = self.client_loop(stop, refused)
        count_id = None
        for n in range(kill * 7, 10 ** 9):
            status = None
            if count_id is not None:
                r = call("GET", "counts/%d" % count_id, expect=(200,))
                if r is None:
                    break
                status = r.body["status"]
            if status in (None, "accepted", "approved"):
                loc = count_location(n)
                r = call("POST", "counts", {"warehouse": "SW2", "location": loc}, expect=(201,),
                         allowed={409: ("count_open",)})
                if r is not None and r.status == 409:
                    count_id = self.open_count_at(call, loc)
                    if count_id is None:
                        break
                    continue
            elif status in ("open", "recount"):
                r = call("POST", "counts/%d/start" % count_id, expect=(200,))
            elif status == "counting":
                loc = call("GET", "counts/%d" % count_id, expect=(200,))
                inv = call("GET", "inventory/" + COUNT_SKU, expect=(200,))
                if loc is None or inv is None:
                    break
                loc = loc.body["location"]
                book = sum(l["on_hand"] for w in inv.body["warehouses"] if w["warehouse"] == "SW2"
                           for l in w["locations"] if l["location"] == loc)
                r = call("POST", "counts/%d/submit" % count_id,
                         {"location": loc, "lines": [{"sku": COUNT_SKU, "quantity": book + count_id % 2}]},
                         expect=(200,))
            elif status == "needs_approval":
                r = call("POST", "counts/%d/approve" % count_id, expect=(200,))
            else:
                refused.append("count %d is %s" % (count_id, status))
                break
            if r is None:
                break
            count_id = r.body["id"]
            acked.note("count steps", acked.counts, count_id, r.body["status"])
        c.close()

    @staticmethod
    def open_count_at(call, loc):
        for status in ("open", "counting", "recount", "needs_approval"):
            r = call("GET", "counts?warehouse=SW2&status=%s&limit=500" % status, expect=(200,))
            if r is None:
                return None
            for cnt in r.body["counts"]:
                if cnt["location"] == loc:
                    return cnt["id"]
        return None

    def receive(self, kill, acked, stop, refused):
        c, call = self.client_loop(stop, refused)
        for n in range(10 ** 9):
            number = "PO-K%d-%d" % (kill, n)
            r = call("POST", "purchase-orders", {"number": number, "supplier": "SUP", "warehouse": "SW2",
                                                 "lines": [{"sku": RECEIPT_SKU, "quantity": PO_QUANTITY}]},
                     expect=(201,))
            if r is None:
                break
            acked.note("purchase orders", acked.purchase_orders, number, 0)
            received, k = 0, 0
            while received < PO_QUANTITY:
                q = min(PO_QUANTITY - received, 1 + (n + k) % 5)
                k += 1
                r = call("POST", "purchase-orders/%s/receipts" % number, {"sku": RECEIPT_SKU, "quantity": q},
                         expect=(201,))
                if r is None:
                    return c.close()
                received = r.body["purchase_order_after"]["lines"][0]["received"]
                acked.note("receipts", acked.purchase_orders, number, received)
        c.close()

    def adjust_stock(self, kill, acked, stop, refused):
        c, call = self.client_loop(stop, refused)
        while True:
            r = call("POST", "inventory/adjustments", {"warehouse": "SW2", "location": "A01-020-1",
                                                       "sku": ADJUST_SKU, "quantity": 1, "reason": "soak"},
                     expect=(201,))
            if r is None:
                break
            acked.note("adjustments", acked.adjustments, r.body["move_id"])
        c.close()

    # ---- after a restart

    def check(self, acked, which):
        """Every acknowledged write named in `which` is there as acknowledged,
        or one step further; clears `acked.fresh`. Returns how many it checked."""
        with acked.lock:
            which = {k: set(v) for k, v in which.items()}
            for v in acked.fresh.values():
                v.clear()
        for oid in which["orders"]:
            coid, lines = acked.orders[oid]
            r = self.s.call("GET", "orders/%d" % oid, token="admin")
            self.assertEqual(r.status, 200, "acknowledged order %s lost: %s" % (coid, r.describe()))
            self.assertEqual(r.body["channel_order_id"], coid)
            self.assertEqual(sorted((l["sku"], l["quantity"]) for l in r.body["lines"]), sorted(lines))
        lists = {}
        for line_id in which["picks"]:
            list_id, picked = acked.picks[line_id]
            if list_id not in lists:
                pl = self.ok("GET", "pick-lists/%d" % list_id, status=200)
                lists[list_id] = {l["id"]: l["picked"] for l in pl["lines"]}
            self.assertGreaterEqual(lists[list_id][line_id], picked, "acknowledged pick on line %d lost" % line_id)
        for fid in which["fulfillments"]:
            status = acked.fulfillments[fid]
            now = self.ok("GET", "fulfillments/%d" % fid, status=200)["status"]
            self.assertIn(now, {status} | ({"shipped"} if status == "packed" else set()),
                          "fulfillment %d acknowledged %s" % (fid, status))
        for cid in which["counts"]:
            status = acked.counts[cid]
            now = self.ok("GET", "counts/%d" % cid, status=200)["status"]
            self.assertIn(now, {status} | NEXT_COUNT_STATUS[status], "count %d acknowledged %s" % (cid, status))
        for number in which["purchase_orders"]:
            received = acked.purchase_orders[number]
            now = self.ok("GET", "purchase-orders/" + number, status=200)["lines"][0]["received"]
            self.assertTrue(received <= now <= received + 5, "%s: %d received, %d acknowledged"
                            % (number, now, received))
        if which["adjustments"]:
            ids, cursor = set(), None
            for _ in range(1000):
                page = self.ok("GET", "inventory/%s/moves?limit=500%s" % (ADJUST_SKU, "&cursor=" + cursor if cursor
                                                                           else ""), status=200)
                ids.update(m["id"] for m in page["moves"])
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            lost = sorted(which["adjustments"] - ids)
            self.assertEqual(lost, [], "acknowledged adjustments lost")
        return sum(len(v) for v in which.values())


if __name__ == "__main__":
    unittest.main()
