"""The HTTP edge against hostile and careless clients: nothing a client does,
with or without a token, stops the server from accepting, answering others,
logging or shutting down. (The edge does not depend on the database, so this
file runs on SQLite only.)"""
import os
import re
import resource
import multiprocessing
import signal
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import BIN, ApiTestCase, Server, free_port, raw_http, wait_for  # noqa: E402


def idle_connections(port, n):
    """n connected sockets that send nothing."""
    sockets = []
    for _ in range(n):
        sockets.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    return sockets


def close_all(sockets):
    for s in sockets:
        s.close()


def healthz(port, timeout=5):
    return raw_http(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    timeout=timeout)


def open_descriptors(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


class Connections(unittest.TestCase):
    def test_out_of_descriptors_the_server_waits_and_accepts_again(self):
        """With its descriptor limit lowered under it, idle clients use up
        every descriptor: accept fails with EMFILE. The server must say so in
        its log and accept again once those clients are gone."""
        with Server() as server:
            pid = server.proc.pid
            limit = open_descriptors(pid) + 20
            resource.prlimit(pid, resource.RLIMIT_NOFILE, (limit, limit))
            idle = idle_connections(server.port, 40)
            try:
                self.assertTrue(wait_for(lambda: "accept failed" in server.log_tail(200), 8),
                                "no log line about the failing accept\n" + server.log_tail())
            finally:
                close_all(idle)
            status, _, _ = healthz(server.port, timeout=10)
            self.assertEqual(status, 200)
            self.assertIsNone(server.proc.poll())

    def test_beyond_the_connection_cap_clients_get_503_and_a_log_line(self):
        with Server(serve_args=["--max-connections", "20"]) as server:
            server.client.close()
            time.sleep(0.5)  # the start's health checks have closed their connections
            idle = idle_connections(server.port, 25)
            try:
                self.assertTrue(wait_for(lambda: "connection limit 20 reached" in server.log_tail(200)),
                                server.log_tail())
                status, headers, body = healthz(server.port)
                self.assertEqual(status, 503)
                self.assertEqual(headers.get("retry-after"), "1")
                self.assertIn('"code":"too_many_connections"', body)
            finally:
                close_all(idle)
            self.assertTrue(wait_for(lambda: healthz(server.port)[0] == 200))


class SlowReaders(unittest.TestCase):
    def test_a_client_that_does_not_read_is_cut_off_and_does_not_hold_up_a_shutdown(self):
        with Server(serve_args=["--write-timeout", "2"]) as server:
            stuck = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            stuck.connect(("127.0.0.1", server.port))
            # Ten requests for the OpenAPI document (hundreds of KiB each) at
            # once, and nothing read: the answers do not fit in the sockets'
            # buffers, so the server waits to write.
            stuck.sendall(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * 10)
            time.sleep(4)
            received = b""
            stuck.settimeout(5)
            try:
                while True:
                    chunk = stuck.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except (ConnectionResetError, socket.timeout):
                pass
            stuck.close()
            head = received.partition(b"\r\n\r\n")[0]
            length = int(re.search(rb"content-length:\s*(\d+)", head, re.I).group(1))
            self.assertGreater(length, 200000)
            self.assertLess(len(received), 10 * length,
                            "every answer was kept for a client that did not read")

            # While another such client waits, SIGTERM ends the server within
            # the write timeout (plus the shutdown's own work), not 15 s.
            stuck = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            stuck.connect(("127.0.0.1", server.port))
            stuck.sendall(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * 10)
            time.sleep(0.5)
            started = time.monotonic()
            server.proc.send_signal(signal.SIGTERM)
            server.proc.wait(timeout=20)
            self.assertLess(time.monotonic() - started, 6.0)
            self.assertEqual(server.proc.returncode, 0)
            stuck.close()


class Log(unittest.TestCase):
    def serve_with_stderr_to_pipe(self, db):
        port = free_port()
        read_end, write_end = os.pipe()
        proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:%d" % port],
                                stdin=subprocess.DEVNULL, stdout=write_end, stderr=write_end,
                                start_new_session=True)
        os.close(write_end)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        self.assertTrue(wait_for(lambda: healthz_ok(port), 10), "server did not start")
        return proc, port, read_end

    def test_a_log_reader_that_goes_away_does_not_end_the_server(self):
        with Server() as server:
            db = server.db
            server.stop()
            proc, port, read_end = self.serve_with_stderr_to_pipe(db)
            os.close(read_end)
            # Log lines are written at least every second: give them time.
            deadline = time.monotonic() + 2.5
            while time.monotonic() < deadline:
                self.assertEqual(healthz(port)[0], 200)
                time.sleep(0.05)
            self.assertIsNone(proc.poll(), "the server died (SIGPIPE is exit -13)")
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(timeout=20), 0)

    def test_a_log_reader_that_stops_reading_does_not_stall_requests(self):
        with Server() as server:
            db = server.db
            server.stop()
            proc, port, read_end = self.serve_with_stderr_to_pipe(db)
            # Thousands of log lines, far more than a pipe holds (64 KiB),
            # and nobody reads them: every request is still answered.
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                for i in range(3000):
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    answer = b""
                    while not answer.endswith(b"\r\n\r\n") and b"\r\n\r\n" not in answer:
                        answer += s.recv(4096)
                    head, _, rest = answer.partition(b"\r\n\r\n")
                    length = int(re.search(rb"content-length:\s*(\d+)", head, re.I).group(1))
                    while len(rest) < length:
                        rest += s.recv(4096)
                    self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
            proc.send_signal(signal.SIGTERM)
            # The log is read now, so the server can write its last lines.
            output = b""
            while True:
                chunk = os.read(read_end, 65536)
                if not chunk:
                    break
                output += chunk
            os.close(read_end)
            self.assertEqual(proc.wait(timeout=20), 0)
            self.assertIn(b"path=/healthz", output)

    def test_secrets_in_paths_are_redacted_in_the_log(self):
        with Server() as server:
            secret = "c2VjcmV0LXRyYWNraW5nLXRva2Vu"
            r = server.call("GET", "/api/v1/tracking/" + secret, token=None)
            self.assertEqual(r.status, 404)
            server.stop()
            with open(server.log_path, encoding="utf-8") as f:
                log = f.read()
            self.assertNotIn(secret, log)
            self.assertIn("path=/api/v1/tracking/REDACTED", log)


def healthz_ok(port):
    try:
        return healthz(port, timeout=1)[0] == 200
    except OSError:
        return False


class Requests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def test_headers_over_16_kib_are_answered_431(self):
        request = (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + b"a" * (20 * 1024) +
                   b"\r\nConnection: close\r\n\r\n")
        status, headers, body = raw_http(self.server.port, request)
        self.assertEqual(status, 431)
        self.assertIn('"code":"headers_too_large"', body)
        self.assertEqual(healthz(self.server.port)[0], 200)

    def test_an_encoded_slash_stays_inside_its_path_segment(self):
        """`%2F` is data, not a separator: GET /products/A%2FB asks for the
        product "A/B" (404 from the product lookup), not for the route
        /products/A/B (which does not exist)."""
        r = self.server.call("GET", "/api/v1/products/NO%2FSUCH")
        self.assertEqual(r.status, 404)
        self.assertNotIn("no route", r.text)
        self.assertIn("NO/SUCH", r.text)
        r = self.server.call("GET", "/api/v1/products/NO/SUCH")
        self.assertEqual(r.status, 404)
        self.assertIn("no route", r.text)


def loop_on(port, token, path, stop, results):
    """A viewer: GET path again and again until `stop`; puts (statuses, error)."""
    statuses, failure = [], None
    try:
        while not stop.is_set():
            status, _, _ = raw_http(port, ("GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                                           "Connection: close\r\n\r\n" % (path, token)).encode())
            statuses.append(status)
            if status == 429:
                # Refused at once: without a pause this loop would measure a
                # flood of cheap requests (another matter: the connection
                # cap), not expensive reads.
                time.sleep(0.1)
    except Exception as e:  # noqa: BLE001 - reported by the test
        failure = repr(e)
    results.put((statuses, failure))


class ExpensiveReads(ApiTestCase):
    def test_viewers_looping_on_a_large_carton_do_not_slow_health_checks(self):
        """16 clients with a viewer token ask again and again for the carton
        of a 10,000-unit fulfillment. Health checks (and everything else
        not waiting for a read) must stay fast: p99 under 50 ms. The token's
        calls beyond its share are answered 429, never left to pile up."""
        for code, dims in (("S", (250, 200, 100)), ("M", (400, 300, 200)), ("L", (600, 400, 400))):
            self.ok("PUT", "boxes/" + code, {"inner_length_mm": dims[0], "inner_width_mm": dims[1],
                                             "inner_height_mm": dims[2], "max_weight_g": 30000,
                                             "tare_weight_g": 100, "cost_minor": 50})
        self.ok("PUT", "channels/edge", {"name": "Edge"})
        wh = self.uniq("EW")
        self.put_warehouse(wh, layout=(1, 10, 1))
        lines = []
        for i in range(10):
            sku = self.uniq("EDGE")
            self.put_product(sku, weight_g=20, length_mm=30, width_mm=20, height_mm=10)
            self.adjust(wh, "A01-%03d-1" % (i + 1), sku, 1000)
            lines.append((sku, 1000))
        order = self.create_order("edge", self.uniq("E"), lines)
        fid = order["fulfillments"][0]["id"]
        started = time.monotonic()
        carton = self.s.call("GET", "fulfillments/%d/carton" % fid, token="viewer")
        one_carton_s = time.monotonic() - started
        self.assertEqual(carton.status, 200, carton.describe())

        # The viewers are processes, so the health checks below do not wait
        # for this interpreter's lock behind 16 threads.
        context = multiprocessing.get_context("fork")
        stop = context.Event()
        results = context.Queue()
        token = self.s.tokens["viewer"]
        viewers = [context.Process(target=loop_on, args=(self.s.port, token, "/api/v1/fulfillments/%d/carton" % fid,
                                                         stop, results))
                   for _ in range(16)]
        for v in viewers:
            v.start()
        time.sleep(0.5)
        latencies = []
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            self.assertEqual(healthz(self.s.port)[0], 200)
            latencies.append(time.monotonic() - t0)
            time.sleep(0.01)
        stop.set()
        statuses, failures = [], []
        for _ in viewers:
            got, failure = results.get(timeout=60)
            statuses += got
            if failure:
                failures.append(failure)
        for v in viewers:
            v.join(60)
        self.assertEqual(failures, [])
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        self.assertLess(p99, 0.050, "healthz p99 %.1f ms, median %.1f ms (one carton takes %.0f ms)"
                        % (p99 * 1000, statistics.median(latencies) * 1000, one_carton_s * 1000))
        self.assertEqual(set(statuses) - {200, 429}, set())
        self.assertIn(200, statuses)
        self.assertIn(429, statuses)


if __name__ == "__main__":
    unittest.main()
