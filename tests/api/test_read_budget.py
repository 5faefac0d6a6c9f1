"""A read has a time budget (serve --read-timeout): a read that runs past it
is stopped and answered 503 read_timeout, without Retry-After (the same read
would run as long again), and the server goes on answering everyone else.
SQLite stops the whole read transaction (a progress handler); PostgreSQL each
statement (statement_timeout on the readers' connections)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import Server, drop_db, fresh_db, problem_ok, run_cli, wait_for  # noqa: E402
import tempfile  # noqa: E402
import shutil  # noqa: E402

# A year of orders: the order report scans every one of them, which takes
# far longer than a millisecond on either backend.
REPORT = "/api/v1/reports/orders?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"
HISTORY_DAYS = "10"


class ReadBudget(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmpdir = tempfile.mkdtemp(prefix="wareflow-test-")
        cls.db = fresh_db(cls.tmpdir)
        run_cli("demo", "--db", cls.db, "--history-days", HISTORY_DAYS, check=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        drop_db(cls.db)
        shutil.rmtree(cls.tmpdir, ignore_errors=True)

    def test_a_read_past_its_budget_is_stopped_and_the_server_goes_on(self):
        with Server(db=self.db, serve_args=["--read-timeout", "0.001"]) as server:
            r = server.client.call("GET", REPORT, retry=False)
            self.assertEqual(problem_ok(r, 503, "read_timeout"), None, r.describe())
            self.assertNotIn("retry-after", {k.lower() for k in r.headers},
                             "a stopped read must not invite a retry\n" + r.describe())
            self.assertIn("1 ms", r.body.get("detail", ""), r.describe())
            self.assertTrue(wait_for(lambda: "read stopped" in server.log_tail(50)), server.log_tail())
            # Everyone else is served: liveness, and a write right after. With
            # a budget of 1 ms even a token lookup (a read) may be stopped now
            # and then, so a few tries are allowed; what may not happen is
            # any other answer, or a server that stops answering.
            self.assertEqual(server.call("GET", "/healthz").status, 200)

            def answered(method, path, body=None):
                for _ in range(10):
                    r = server.call(method, path, body)
                    if r.status != 503:
                        return r
                    self.assertEqual(problem_ok(r, 503, "read_timeout"), None, r.describe())
                return r
            r = answered("PUT", "/api/v1/products/BUDGET-1",
                         {"name": "after a stopped read", "weight_g": 10, "length_mm": 100,
                          "width_mm": 80, "height_mm": 50})
            self.assertIn(r.status, (200, 201), r.describe())
            # The reader it used is whole again: a read that fits still works.
            r = answered("GET", "/api/v1/products/BUDGET-1")
            self.assertEqual(r.status, 200, r.describe())
            self.assertIsNone(server.proc.poll(), "the server stopped:\n" + server.log_tail())

    def test_the_same_read_within_the_default_budget_answers(self):
        # The refusal above comes from the budget, not from the report.
        with Server(db=self.db) as server:
            r = server.call("GET", REPORT)
            self.assertEqual(r.status, 200, r.describe())
            self.assertGreater(r.body["orders_placed"], 100, r.describe())


if __name__ == "__main__":
    unittest.main()
