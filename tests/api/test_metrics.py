"""Observability: `GET /metrics` in the Prometheus text format (checked by
promtool, which must be installed: scripts/install-deps), its counters moving
with the requests and writes that happen, route labels that are patterns,
X-Request-Id echoed, made or replaced and logged, and `--log-format json`."""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import BIN, ApiTestCase, Server, raw_http, wait_for  # noqa: E402

MADE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{16}$")
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text):
    """{(name, ((label, value), ...)): float} of every sample line."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        if not m:
            raise AssertionError("not a sample line: %r" % line)
        labels = tuple(sorted(LABEL.findall(m.group(2) or "")))
        samples[(m.group(1), labels)] = float(m.group(3))
    return samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def read_log(server):
    with open(server.log_path, encoding="utf-8") as f:
        return f.read()


PRODUCT = {"name": "Mug", "barcodes": [], "weight_g": 350, "length_mm": 120, "width_mm": 90,
           "height_mm": 100}


class Metrics(ApiTestCase):
    def scrape(self, token="viewer"):
        r = self.s.call("GET", "/metrics", token=token)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.content_type, "text/plain; version=0.0.4; charset=utf-8")
        return parse_metrics(r.text)

    def test_promtool_accepts_the_answer(self):
        promtool = shutil.which("promtool")
        self.assertIsNotNone(promtool, "promtool is missing: scripts/install-deps installs it "
                                       "(Debian package prometheus)")
        # Something in every family: requests, an error, a write, an event.
        self.s.call("GET", "orders/1")
        self.s.call("GET", "/no/such/path")
        self.assertEqual(self.s.call("PUT", "products/" + self.uniq("PM"), PRODUCT).status, 201)
        text = self.s.call("GET", "/metrics", token="viewer").text
        check = subprocess.run([promtool, "check", "metrics"], input=text.encode(),
                               capture_output=True, timeout=60)
        self.assertEqual(check.returncode, 0, "promtool: %s%s\n%s" % (
            check.stdout.decode(), check.stderr.decode(), text[:3000]))
        for family in ("wareflow_http_requests_total", "wareflow_http_request_duration_seconds",
                       "wareflow_http_connections_open", "wareflow_http_refusals_total",
                       "wareflow_writer_queue_depth", "wareflow_writer_group_size",
                       "wareflow_writer_commit_seconds", "wareflow_event_feed_last_seq"):
            self.assertIn("# TYPE %s " % family, text)

    def test_requests_are_counted_by_route_pattern_method_and_status(self):
        before = self.scrape()
        route = "/api/v1/orders/{id}"
        for order_id in ("123", "456"):
            self.assertEqual(self.s.call("GET", "orders/" + order_id).status, 404)
        self.assertEqual(self.s.call("GET", "/no/such/path/789").status, 404)
        self.assertEqual(self.s.call("GET", "orders/1", token=None).status, 401)
        after = self.scrape()
        requests = "wareflow_http_requests_total"
        self.assertEqual(value(after, requests, method="GET", route=route, status="404")
                         - value(before, requests, method="GET", route=route, status="404"), 2)
        self.assertEqual(value(after, requests, method="GET", route=route, status="401")
                         - value(before, requests, method="GET", route=route, status="401"), 1)
        self.assertEqual(value(after, requests, method="GET", route="unmatched", status="404")
                         - value(before, requests, method="GET", route="unmatched", status="404"),
                         1)
        durations = "wareflow_http_request_duration_seconds_count"
        self.assertEqual(value(after, durations, method="GET", route=route)
                         - value(before, durations, method="GET", route=route), 3)
        # The raw paths never become labels.
        for (_, labels) in after:
            for (_, label_value) in labels:
                self.assertNotIn("123", label_value)
                self.assertNotIn("no/such", label_value)

    def test_writes_move_the_writer_and_event_feed_numbers(self):
        before = self.scrape()
        for _ in range(3):
            self.assertEqual(self.s.call("PUT", "products/" + self.uniq("PW"), PRODUCT).status,
                             201)
        after = self.scrape()
        self.assertGreaterEqual(value(after, "wareflow_writer_commands_total")
                                - value(before, "wareflow_writer_commands_total"), 3)
        self.assertGreaterEqual(value(after, "wareflow_writer_group_size_count")
                                - value(before, "wareflow_writer_group_size_count"), 1)
        self.assertGreaterEqual(value(after, "wareflow_writer_group_size_sum")
                                - value(before, "wareflow_writer_group_size_sum"), 3)
        self.assertGreaterEqual(value(after, "wareflow_writer_commit_seconds_count")
                                - value(before, "wareflow_writer_commit_seconds_count"), 1)
        self.assertEqual(value(after, "wareflow_writer_queue_depth"), 0)
        # Each product write appends one event; the feed shows up to the newest.
        self.assertEqual(value(after, "wareflow_event_feed_last_seq")
                         - value(before, "wareflow_event_feed_last_seq"), 3)
        events = self.s.call("GET", "events?after=%d" % value(after, "wareflow_event_feed_last_seq"))
        self.assertEqual(events.body["events"], [])

    def test_open_connections_are_a_gauge(self):
        open_now = value(self.scrape(), "wareflow_http_connections_open")
        self.assertGreaterEqual(open_now, 1)  # this client's own
        idle = [socket.create_connection(("127.0.0.1", self.s.port)) for _ in range(3)]
        try:
            self.assertTrue(wait_for(lambda: value(self.scrape(), "wareflow_http_connections_open")
                                     == open_now + 3))
        finally:
            for s in idle:
                s.close()
        self.assertTrue(wait_for(lambda: value(self.scrape(), "wareflow_http_connections_open")
                                 == open_now))

    def test_a_token_of_any_role_may_read_them_none_may_not(self):
        self.assertProblem(self.s.call("GET", "/metrics", token=None), 401, "unauthorized")
        for role in ("viewer", "integration", "operator", "manager", "admin"):
            self.scrape(token=role)


def idle_and_accepted(port, n, timeout=10.0):
    """n connections the server has accepted and holds, sending nothing. The
    server closes a connection of its start-up checks only some moments after
    the client did, so until then a new one may be refused over the cap: such
    a one (answered 503 at once) is dropped and made again."""
    sockets, deadline = [], time.time() + timeout
    while len(sockets) < n:
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(0.3)
        try:
            s.recv(1)  # an answer before any request: refused
        except socket.timeout:
            s.settimeout(None)
            sockets.append(s)
            continue
        s.close()
        if time.time() > deadline:
            raise AssertionError("the server refused idle connections under its cap for %.0f s" % timeout)
        time.sleep(0.1)
    return sockets


class Refusals(unittest.TestCase):
    def test_connections_over_the_cap_are_counted(self):
        with Server(serve_args=["--max-connections", "3"]) as server:
            server.client.close()
            idle = idle_and_accepted(server.port, 3)
            try:
                status, _, _ = raw_http(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(status, 503)
            finally:
                for s in idle:
                    s.close()

            # Until the server has seen the idle ones go, a scrape may be
            # refused too: at least one refusal, then.
            def refused():
                client = server.new_client()
                try:
                    r = client.call("GET", "/metrics", token="viewer")
                finally:
                    client.close()
                if r.status != 200:
                    return False
                samples = parse_metrics(r.text)
                return value(samples, "wareflow_http_refusals_total",
                             reason="too_many_connections") >= 1
            self.assertTrue(wait_for(refused), server.log_tail())
            self.assertTrue(wait_for(lambda: "connection limit 3 reached" in read_log(server)))


class RequestIds(ApiTestCase):
    def test_a_plain_id_is_echoed(self):
        r = self.s.call("GET", "/healthz", token=None, headers={"X-Request-Id": "trace.A_1-x"})
        self.assertEqual(r.headers.get("x-request-id"), "trace.A_1-x")
        r = self.s.call("GET", "orders/99999", headers={"X-Request-Id": "x" * 64})
        self.assertEqual(r.status, 404)
        self.assertEqual(r.headers.get("x-request-id"), "x" * 64)

    def test_without_one_the_server_makes_a_new_one_each_time(self):
        seen = set()
        for _ in range(5):
            r = self.s.call("GET", "/healthz", token=None)
            self.assertRegex(r.headers.get("x-request-id", ""), MADE_ID)
            seen.add(r.headers["x-request-id"])
        self.assertEqual(len(seen), 5)

    def test_a_hostile_or_long_id_is_replaced(self):
        for hostile in ("x" * 65, "a b", 'say"hi', "a=b", "tab\there", "caf\u00e9".encode().decode(
                "latin-1")):
            r = self.s.call("GET", "/healthz", token=None, headers={"X-Request-Id": hostile})
            self.assertEqual(r.status, 200)
            self.assertRegex(r.headers.get("x-request-id", ""), MADE_ID, repr(hostile))

    def test_refusals_before_routing_carry_one(self):
        status, headers, _ = raw_http(
            self.s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
        self.assertEqual(status, 431)
        self.assertRegex(headers.get("x-request-id", ""), MADE_ID)
        status, headers, _ = raw_http(
            self.s.port, b"POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nX-Request-Id: big-1\r\n"
                         b"Content-Length: 99999999\r\n\r\n")
        self.assertEqual(status, 413)
        self.assertEqual(headers.get("x-request-id"), "big-1")

    def test_the_id_is_in_the_request_log_line(self):
        self.s.call("GET", "orders/4242", headers={"X-Request-Id": "find-me-in-the-log"})

        def logged():
            return re.search(r"request id=find-me-in-the-log method=GET path=/api/v1/orders/4242 "
                             r"status=404 duration_ms=[0-9.]+ bytes=[0-9]+ token=test-admin "
                             r"code=unknown_order", read_log(self.s))
        self.assertTrue(wait_for(logged), self.s.log_tail())


class JsonLog(unittest.TestCase):
    def test_every_line_is_a_json_object_and_requests_have_their_fields(self):
        with Server(serve_args=["--log-format", "json"]) as server:
            server.call("GET", "orders/77", headers={"X-Request-Id": "json-1"})
            server.call("GET", "/api/v1/tracking/c2VjcmV0LXRyYWNraW5n", token=None,
                        headers={"X-Request-Id": "json-2"})
            self.assertEqual(server.stop(), 0)
            text = read_log(server)
        lines = [json.loads(line) for line in text.splitlines()]  # every line parses
        self.assertTrue(lines)
        for line in lines:
            self.assertRegex(line["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
            self.assertIn(line["level"], ("info", "warning", "error"))
            self.assertTrue("msg" in line or line.get("event") == "request", line)
        requests = {line["request_id"]: line for line in lines if line.get("event") == "request"}
        one = requests["json-1"]
        self.assertEqual((one["method"], one["path"], one["route"], one["status"], one["code"]),
                         ("GET", "/api/v1/orders/77", "/api/v1/orders/{id}", 404, "unknown_order"))
        self.assertIsInstance(one["duration_ms"], (int, float))
        self.assertGreater(one["bytes"], 0)
        self.assertEqual(one["token"], "test-admin")
        two = requests["json-2"]
        self.assertEqual(two["path"], "/api/v1/tracking/REDACTED")
        self.assertNotIn("c2VjcmV0LXRyYWNraW5n", text)
        self.assertTrue(any("wareflow listening" in line.get("msg", "") for line in lines))

    def test_an_unknown_log_format_is_refused(self):
        with Server() as server:
            server.stop()
            r = subprocess.run([BIN, "serve", "--db",
                                server.db, "--log-format", "xml"], capture_output=True, timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn(b"--log-format", r.stderr + r.stdout)


if __name__ == "__main__":
    unittest.main()
