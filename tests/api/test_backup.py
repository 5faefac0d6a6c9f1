"""`wareflow backup` while the server takes orders: the copy is consistent
(verify passes on it) and a server started on it serves what it holds.

On SQLite the copy is a database file; on PostgreSQL a pg_dump archive,
restored with pg_restore into a new database."""
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase, Server, Workers, create_postgres_db, is_postgres, order_body, run_cli, verify  # noqa: E402


def restore(backup_file, like_db):
    """A database holding the backup; returns what --db takes."""
    if not is_postgres(like_db):
        return backup_file
    uri = create_postgres_db(like_db)
    p = subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + uri, backup_file],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise AssertionError("pg_restore failed: " + p.stderr[-2000:])
    return uri


class Backup(ApiTestCase):
    PER_TEST = True

    def test_backup_under_load_restores_to_a_consistent_copy(self):
        skus = ["BK-%d" % i for i in range(3)]
        for sku in skus:
            self.put_product(sku)
        self.put_channel("backup")
        self.put_warehouse("BW", layout=(2, 3, 2))
        for n, sku in enumerate(skus):
            self.adjust("BW", "A01-00%d-1" % (n + 1), sku, 200)  # later orders backorder
        stop = threading.Event()
        acknowledged, lock = [], threading.Lock()

        def worker(t):
            c = self.s.new_client()
            i = 0
            while not stop.is_set():
                i += 1
                lines = [(skus[(t + i + k) % len(skus)], 1 + k) for k in range(1 + i % 2)]
                coid = "B-%d-%d" % (t, i)
                r = c.call("POST", "orders", order_body("backup", coid, lines), token="integration")
                if r.status == 201:
                    with lock:
                        acknowledged.append(coid)
            c.close()

        workers = Workers()
        for t in range(4):
            workers.start(worker, t)
        time.sleep(1.0)
        backup_file = os.path.join(self.s.tmpdir, "backup.wareflow")
        with lock:
            before = list(acknowledged)
        p = run_cli("backup", "--db", self.s.db, "--to", backup_file, timeout=300)
        during = len(acknowledged)
        time.sleep(0.5)
        stop.set()
        workers.join(60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(during, 10)
        # A second backup to the same file is refused: a backup never overwrites.
        again = run_cli("backup", "--db", self.s.db, "--to", backup_file)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("exists already", again.stderr)

        copy = restore(backup_file, self.s.db)
        rc, out = verify(copy)
        self.assertEqual(rc, 0, out)
        with Server(db=copy, make_tokens=False) as restored:
            restored.tokens = dict(self.s.tokens)
            restored.client.tokens = restored.tokens
            held, cursor = set(), None
            while True:
                r = restored.call("GET", "orders?channel=backup&limit=500" +
                                  ("&cursor=" + cursor if cursor else ""))
                self.assertEqual(r.status, 200, r.describe())
                held.update(o["channel_order_id"] for o in r.body["orders"])
                cursor = r.body["next_cursor"]
                if not cursor:
                    break
        # The copy holds everything acknowledged before the backup began (a
        # copy of the file alone would miss what is still in the WAL), and
        # nothing that was never acknowledged.
        self.assertEqual(sorted(set(before) - held), [], "acknowledged before the backup, not in it")
        self.assertEqual(sorted(held - set(acknowledged)), [], "in the backup, never acknowledged")
        self.assertVerify()


if __name__ == "__main__":
    unittest.main()
