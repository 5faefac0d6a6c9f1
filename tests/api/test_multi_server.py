"""Several `wareflow serve` processes on one PostgreSQL database.

PostgreSQL only (registered as pg.api.test_multi_server): the race for the last
units spread over four servers, a server SIGKILLed under load while the others
go on, a failover from a primary to its synchronous standby while two
servers take orders through a multi-host URI, and reports read from a replica.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import BIN, ApiTestCase, Client, Server, Workers, create_postgres_db, order_body, psql  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG_CLUSTER = os.path.join(ROOT, "scripts", "pg-cluster")


def channel_order_ids(server, channel):
    """Every channel_order_id of the channel's orders, read page by page."""
    ids, cursor = set(), None
    while True:
        path = "orders?channel=%s&limit=500" % channel + ("&cursor=" + cursor if cursor else "")
        r = server.call("GET", path)
        if r.status != 200:
            raise AssertionError(r.describe())
        ids.update(o["channel_order_id"] for o in r.body["orders"])
        cursor = r.body["next_cursor"]
        if not cursor:
            return ids


class Servers:
    """N servers on one database; the first makes the tokens, all share them."""

    def __init__(self, db, n):
        self.tmpdir = tempfile.mkdtemp(prefix="wareflow-multi-")
        self.servers = []
        first = Server(db=db, tmpdir=self.tmpdir)
        first.__enter__()
        self.servers.append(first)
        for _ in range(n - 1):
            s = Server(db=db, tmpdir=self.tmpdir, make_tokens=False)
            s.tokens = dict(first.tokens)
            s.__enter__()
            self.servers.append(s)

    def close(self):
        for s in self.servers:
            s.stop()
        if not os.environ.get("WAREFLOW_KEEP_TMP"):
            shutil.rmtree(self.tmpdir, ignore_errors=True)


class MultiServer(ApiTestCase):
    PER_TEST = True

    def setUp(self):
        self.db = create_postgres_db()

    def start_servers(self, n, db=None):
        group = Servers(db or self.db, n)
        self.addCleanup(group.close)
        self.s = group.servers[0]
        return group.servers

    def stock_one_product(self, sku, units):
        self.put_product(sku)
        self.put_channel("multi")
        self.put_warehouse("MW", layout=(2, 3, 2))
        self.adjust("MW", "A01-001-1", sku, units)

    def test_race_for_the_last_units_over_four_servers(self):
        servers = self.start_servers(4)
        sku = "MULTI-RACE"
        self.stock_one_product(sku, 100)
        threads_n, orders_n = 16, 200
        barrier = threading.Barrier(threads_n)
        results, errors = [], []
        lock = threading.Lock()

        def worker(t):
            c = servers[t % len(servers)].new_client()
            try:
                barrier.wait(timeout=30)
                for i in range(t, orders_n, threads_n):
                    r = c.call("POST", "orders", order_body("multi", "M-%04d" % i, [(sku, 1)], customer={
                        "email": "m%d@example.com" % i, "name": "Racer %d" % i}), token="integration")
                    with lock:
                        results.append(r)
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append("thread %d: %r" % (t, e))
            finally:
                c.close()

        workers = Workers()
        for t in range(threads_n):
            workers.start(worker, t)
        workers.join(180)
        self.assertEqual(errors, [])
        self.assertEqual(sorted({r.status for r in results}), [201], [r.describe() for r in results
                                                                       if r.status != 201][:3])
        allocated = sum(sum(l["allocated"] for l in r.body["lines"]) for r in results)
        backordered = sum(sum(l["backordered"] for l in r.body["lines"]) for r in results)
        self.assertEqual((allocated, backordered), (100, 100))
        inv = self.inventory(sku, "MW")
        self.assertEqual((inv["on_hand"], inv["allocated"], inv["available"]), (100, 100, 0))
        # The same order sent again to another server: the first answer, not a second order.
        again = servers[3].call("POST", "orders", order_body("multi", "M-0000", [(sku, 1)], customer={
            "email": "m0@example.com", "name": "Racer 0"}), token="integration")
        self.assertStatus(again, 200)
        self.assertVerify()

    def test_a_killed_server_loses_no_acknowledged_order(self):
        servers = self.start_servers(3)
        sku = "MULTI-KILL"
        self.stock_one_product(sku, 100000)
        acknowledged, lock = [], threading.Lock()
        stop = threading.Event()

        def worker(t, server):
            c = server.new_client()
            i = 0
            while not stop.is_set():
                coid = "K-%d-%d" % (t, i)
                i += 1
                try:
                    r = c.call("POST", "orders", order_body("multi", coid, [(sku, 1)]), token="integration",
                               retry=False)
                except OSError:
                    c.close()
                    if server.proc is None:
                        return  # its server was killed: nothing more acknowledged here
                    continue
                if r.status == 201:
                    with lock:
                        acknowledged.append(coid)
            c.close()

        workers = Workers()
        for t in range(6):
            workers.start(worker, t, servers[t % 3])
        # Two of the three killed, one after the other, each in the middle of
        # its writes: an order answered before its commit was durable would
        # be missing (each kill has a few milliseconds of such a window).
        time.sleep(2.0)
        servers[1].kill()
        time.sleep(1.0)
        servers[2].kill()
        time.sleep(1.0)
        stop.set()
        workers.join(60)
        self.assertGreater(len(acknowledged), 50)
        stored = channel_order_ids(servers[0], "multi")
        missing = [coid for coid in acknowledged if coid not in stored]
        self.assertEqual(missing, [], "acknowledged orders missing after a server was killed")
        self.assertVerify()

    def test_a_follower_sees_every_event_once_in_order_while_four_servers_write(self):
        """Four server processes take orders and adjustments at once; a consumer
        follows GET /events?after=N on one of them, as an integration does. It
        must see every event exactly once, in seq order, without a gap: an
        event numbered below one already seen must never appear later."""
        servers = self.start_servers(4)
        sku = "FEED"
        self.stock_one_product(sku, 100000)
        stop = threading.Event()
        errors, lock = [], threading.Lock()

        def writer(t):
            c = servers[t % 4].new_client()
            i = 0
            while not stop.is_set():
                i += 1
                # A 503 with Retry-After is the documented answer when a
                # command lost to other writers too often; a client retries.
                for _ in range(3):
                    if i % 3 == 0:
                        r = c.call("POST", "inventory/adjustments", {"warehouse": "MW", "location": "A01-001-1",
                                                                     "sku": sku, "quantity": 1, "reason": "feed"},
                                   token="manager")
                    else:
                        r = c.call("POST", "orders", order_body("multi", "E-%d-%d" % (t, i), [(sku, 1)]),
                                   token="integration")
                    if r.status != 503:
                        break
                    time.sleep(float(r.headers.get("retry-after", "1")))
                if r.status not in (200, 201):
                    with lock:
                        errors.append(r.describe())
            c.close()

        follower = servers[0].new_client()
        last, seen, gaps = 0, 0, []

        def follow():
            nonlocal last, seen
            r = follower.call("GET", "events?after=%d&limit=500" % last)
            self.assertEqual(r.status, 200, r.describe())
            for event in r.body["events"]:
                if event["seq"] != last + 1:
                    gaps.append("after %d came %d" % (last, event["seq"]))
                last = event["seq"]
                seen += 1
            return len(r.body["events"])

        workers = Workers()
        for t in range(8):
            workers.start(writer, t)
        deadline = time.monotonic() + 6.0
        while time.monotonic() < deadline:
            follow()
        stop.set()
        workers.join(60)
        for _ in range(100):
            if follow() == 0:
                break
        follower.close()
        self.assertEqual(errors, [])
        self.assertEqual(gaps, [], "the feed skipped or reordered events")
        newest = servers[2].call("GET", "events?after=%d&limit=1" % last)
        self.assertEqual(newest.body["events"], [], "events after the follower's last one")
        self.assertEqual(seen, last, "every seq from 1 to the last was seen once")
        self.assertGreater(seen, 200)
        self.assertVerify()


def cluster(*args, timeout=120):
    p = subprocess.run([PG_CLUSTER] + list(args), capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise AssertionError("pg-cluster %s failed: %s" % (" ".join(args), p.stderr[-2000:]))
    return p.stdout.strip()


def primary_and_standby(test, prefix):
    """Starts a primary cluster with a database and a streaming standby of it, both in a temp
    folder, stopped and removed when the test ends. Returns (folder, primary dir, standby dir,
    the database's URI on the primary, the standby's server URI)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.chmod(folder, 0o755)  # the servers run as an unprivileged user under root
    test.addCleanup(shutil.rmtree, folder, True)
    primary_dir = os.path.join(folder, "primary")
    standby_dir = os.path.join(folder, "standby")
    test.addCleanup(cluster, "stop", standby_dir)
    test.addCleanup(cluster, "stop", primary_dir)
    primary = cluster("start", primary_dir)
    db = create_postgres_db(primary)
    standby = cluster("standby", primary_dir, standby_dir)
    return folder, primary_dir, standby_dir, db, standby


def host_of(uri):
    return uri.split("@", 1)[1].split("/", 1)[0]


class DatabaseGone(unittest.TestCase):
    """While the database does not answer, a request whose token is not in the
    server's token cache cannot be authenticated: 503, and the server lives.
    (It used to answer through a callback it had already handed on: the
    process aborted, so one unknown token during an outage stopped it.)"""

    def test_a_token_lookup_the_database_cannot_answer_is_503_and_the_server_lives(self):
        folder = tempfile.mkdtemp(prefix="wareflow-gone-")
        os.chmod(folder, 0o755)  # the server runs as an unprivileged user under root
        self.addCleanup(shutil.rmtree, folder, True)
        cluster_dir = os.path.join(folder, "pg")
        self.addCleanup(cluster, "stop", cluster_dir)
        db = create_postgres_db(cluster("start", cluster_dir))
        with Server(db=db, tmpdir=folder) as server:
            self.assertEqual(server.call("GET", "/api/v1/me").status, 200)
            cluster("stop", cluster_dir)
            for token in ("not-a-token-1", "viewer"):
                r = server.call("GET", "/api/v1/me", token=token)
                self.assertEqual((r.status, r.body.get("code")), (503, "database_unavailable"), r.describe())
            self.assertEqual(server.call("GET", "/healthz", token=None).status, 200)
            self.assertIsNone(server.proc.poll(), "the server stopped:\n" + server.log_tail())


class Failover(ApiTestCase):
    """A primary with a synchronous standby; two servers on a multi-host URI."""
    PER_TEST = True

    def setUp(self):
        self.dir, self.primary_dir, self.standby_dir, db, standby = primary_and_standby(
            self, "wareflow-failover-")
        hosts = ",".join(host_of(u) for u in (db, standby))
        self.db = "postgresql://wareflow@%s/%s?target_session_attrs=read-write" % (hosts, db.rsplit("/", 1)[1])

    def postmaster_pid(self, cluster_dir):
        with open(os.path.join(cluster_dir, "data", "postmaster.pid")) as f:
            return int(f.readline())

    def test_failover_to_the_synchronous_standby_loses_no_acknowledged_order(self):
        group = Servers(self.db, 2)
        self.addCleanup(group.close)
        servers = group.servers
        self.s = servers[0]
        sku = "FAILOVER"
        self.put_product(sku)
        self.put_channel("multi")
        self.put_warehouse("MW", layout=(2, 3, 2))
        self.adjust("MW", "A01-001-1", sku, 100000)

        acknowledged, answers, lock = [], [], threading.Lock()
        stop = threading.Event()
        killed_at = [None]

        def worker(t):
            c = Client(servers[t % 2].port, servers[0].tokens, timeout=30)
            i = 0
            while not stop.is_set():
                coid = "F-%d-%d" % (t, i)
                i += 1
                started = time.monotonic()
                try:
                    r = c.call("POST", "orders", order_body("multi", coid, [(sku, 1)]), token="integration")
                except OSError:
                    c.close()
                    continue
                took = time.monotonic() - started
                with lock:
                    answers.append((started, took, r.status))
                    if r.status == 201:
                        acknowledged.append(coid)
                if r.status == 503:
                    self.assertEqual(r.headers.get("retry-after"), "1")
                    time.sleep(0.05)
            c.close()

        workers = Workers()
        for t in range(4):
            workers.start(worker, t)
        time.sleep(2.0)
        before_kill = len(acknowledged)
        killed_at[0] = time.monotonic()
        os.kill(self.postmaster_pid(self.primary_dir), signal.SIGKILL)
        # While no database can write: /readyz says so, writes are refused quickly.
        time.sleep(1.0)
        ready = servers[0].call("GET", "/readyz")
        self.assertEqual(ready.status, 503, ready.describe())
        cluster("promote", self.standby_dir)
        promoted_at = time.monotonic()
        first_after = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and first_after is None:
            with lock:
                first_after = next((s + d for s, d, st in answers if st == 201 and s > promoted_at), None)
            time.sleep(0.05)
        time.sleep(1.0)
        stop.set()
        workers.join(60)
        self.assertGreater(before_kill, 10)
        self.assertIsNotNone(first_after, "no order was accepted after the promotion")
        print("failover: %.2f s from SIGKILL of the primary to the first order accepted after "
              "promotion (promotion itself took %.2f s after the kill; %d orders acknowledged, "
              "%d answered 503)" % (first_after - killed_at[0], promoted_at - killed_at[0],
                                    len(acknowledged), sum(1 for _, _, st in answers if st == 503)),
              file=sys.stderr)
        slow_refusals = [d for s, d, st in answers if st == 503 and d > 5.0]
        self.assertEqual(slow_refusals, [], "writes must be refused quickly while the database is down")
        self.assertEqual(servers[1].call("GET", "/readyz").status, 200)
        # Every acknowledged order is on the new primary.
        stored = channel_order_ids(servers[1], "multi")
        missing = [coid for coid in acknowledged if coid not in stored]
        self.assertEqual(missing, [], "acknowledged orders lost in the failover")
        self.assertVerify()



class ReportReplica(ApiTestCase):
    """`serve --reports-db`: the /reports routes read from a hot standby, the
    rest from the primary; while the standby cannot serve, from the primary."""
    PER_TEST = True

    def setUp(self):
        self.dir, _, self.standby_dir, self.db, standby = primary_and_standby(self, "wareflow-replica-")
        # A read replica streams asynchronously (pg-cluster makes its standby
        # synchronous): the primary must not wait for it once it is gone.
        psql(self.db, "ALTER SYSTEM SET synchronous_standby_names = ''; SELECT pg_reload_conf();")
        self.replica = "postgresql://wareflow@%s/%s" % (host_of(standby), self.db.rsplit("/", 1)[1])
        self.s = Server(db=self.db, tmpdir=self.dir, serve_args=["--reports-db", self.replica])
        self.s.__enter__()
        self.addCleanup(self.s.stop)

    def units_sold(self):
        return self.ok("GET", "reports/sales?group=channel", status=200)["units"]

    def wait_for_units(self, units, timeout=20.0):
        deadline = time.monotonic() + timeout
        while self.units_sold() != units:
            if time.monotonic() > deadline:
                self.fail("the report never showed %d units (last: %d)" % (units, self.units_sold()))
            time.sleep(0.1)

    def test_reports_read_the_replica_and_the_primary_when_it_is_gone(self):
        sku = self.uniq("REP")
        self.put_product(sku)
        self.put_channel("replica")
        self.put_warehouse("RW", layout=(2, 3, 2))
        self.adjust("RW", "A01-001-1", sku, 100)
        self.create_order("replica", self.uniq("R"), [(sku, 2)])
        self.wait_for_units(2)

        # Replay paused: the replica stays where it is, the primary goes on.
        psql(self.replica, "SELECT pg_wal_replay_pause();")
        o = self.create_order("replica", self.uniq("R"), [(sku, 3)])
        self.assertEqual(self.get_order(o["id"])["status"], "allocated", "orders are read on the primary")
        for _ in range(5):
            self.assertEqual(self.units_sold(), 2, "the report is read on the paused replica")
            time.sleep(0.1)
        psql(self.replica, "SELECT pg_wal_replay_resume();")
        self.wait_for_units(5)

        # The replica gone: reports come from the primary, current at once.
        cluster("stop", self.standby_dir)
        self.create_order("replica", self.uniq("R"), [(sku, 1)])
        self.assertEqual(self.units_sold(), 6)
        self.ok("GET", "reports/dashboard", status=200)

    def test_a_replica_of_an_sqlite_file_is_refused(self):
        p = subprocess.run([BIN, "serve", "--db", os.path.join(self.dir, "x.db"), "--listen", "127.0.0.1:0",
                            "--reports-db", self.replica], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("a report replica needs PostgreSQL", p.stderr)


if __name__ == "__main__":
    unittest.main()
