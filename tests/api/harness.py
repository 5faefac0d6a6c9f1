"""Black-box test harness for the Wareflow HTTP API.

Runs the real binary (env WAREFLOW_BIN, default <repo>/build/wareflow) on a free
loopback port with a fresh SQLite database in a temp dir. Standard library only.
With WAREFLOW_TEST_BACKEND=postgres every fresh database is instead a new
PostgreSQL database (wf_<pid>_<n>) on the server named by WAREFLOW_TEST_POSTGRES
(scripts/with-postgres starts one), made and dropped with `psql`; `db` is then
its URI, and the snapshot helpers read it through `psql`.

    with Server() as s:
        r = s.call("GET", "products/SKU-1", token="viewer")
        status, headers, body = r          # Resp is a 3-tuple

Paths that start with "/" are sent as is; others get the "/api/v1/" prefix.
`token` is a role name (admin, manager, operator, integration, viewer) whose token
the harness made with the CLI, any other string (sent verbatim), or None (no
Authorization header).
"""

import http.client
import itertools
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
BIN = os.environ.get("WAREFLOW_BIN", os.path.join(REPO, "build", "wareflow"))
ROLES = ("admin", "manager", "operator", "integration", "viewer")
API = "/api/v1/"
PROBLEM_CT = "application/problem+json"

# Tables whose *content* may change on a refused request (auth bookkeeping and
# the like). Their row counts are still compared.
CONTENT_IGNORE = re.compile(r"(token|session|metric|sqlite_|migration|schema|counter|idempotency_hit)", re.I)


# The backend of the fresh databases: "sqlite" (a file, the default) or
# "postgres" (a database on the server at WAREFLOW_TEST_POSTGRES).
BACKEND = os.environ.get("WAREFLOW_TEST_BACKEND") or "sqlite"
if BACKEND not in ("sqlite", "postgres"):
    raise RuntimeError("WAREFLOW_TEST_BACKEND=%r: use sqlite or postgres" % BACKEND)
ON_POSTGRES = BACKEND == "postgres"


def postgres_server():
    """The URI of the PostgreSQL server the tests make their databases on. A
    PostgreSQL run without one fails: it is never skipped."""
    uri = os.environ.get("WAREFLOW_TEST_POSTGRES")
    if not uri:
        raise AssertionError("WAREFLOW_TEST_BACKEND=postgres needs WAREFLOW_TEST_POSTGRES (a server URI): "
                             "run under scripts/with-postgres, as make test does")
    return uri


if ON_POSTGRES:
    postgres_server()


def require_binary():
    """Fails (never skips) when the binary is missing: a test that cannot run
    has not passed."""
    if not (os.path.isfile(BIN) and os.access(BIN, os.X_OK)):
        raise AssertionError("wareflow binary not found at %s (set WAREFLOW_BIN, or build it: make build)" % BIN)


# --------------------------------------------------------------------------- CLI

def run_cli(*args, check=False, timeout=120, input_text=None):
    """Runs `wareflow ARGS...`; returns CompletedProcess (text)."""
    require_binary()
    p = subprocess.run([BIN] + [str(a) for a in args], capture_output=True, text=True,
                       timeout=timeout, input=input_text, stdin=None if input_text is not None else subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise AssertionError("wareflow %s failed (rc=%d)\nstdout: %s\nstderr: %s"
                             % (" ".join(map(str, args)), p.returncode, p.stdout[-2000:], p.stderr[-2000:]))
    return p


def create_token(db, role, name=None):
    p = run_cli("token", "create", "--db", db, "--role", role, "--name", name or ("test-" + role), check=True)
    lines = [l.strip() for l in p.stdout.splitlines() if l.strip()]
    if not lines:
        raise AssertionError("token create printed nothing; stderr: %s" % p.stderr)
    return lines[-1].split()[-1]


def verify(db):
    """Runs `wareflow verify`; returns (returncode, stdout+stderr)."""
    p = run_cli("verify", "--db", db)
    return p.returncode, (p.stdout + p.stderr)


# ------------------------------------------------------------------ databases

def is_postgres(db):
    return db.startswith(("postgresql://", "postgres://"))


_URI = re.compile(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?(\?.*)?$")
_db_numbers = itertools.count(1)
_db_numbers_lock = threading.Lock()


def _with_dbname(uri, name):
    m = _URI.match(uri)
    if not m:
        raise AssertionError("not a postgresql:// URI: %s" % uri)
    return m.group(1) + "/" + name + (m.group(3) or "")


# Debian's /usr/bin/psql is a Perl wrapper that costs ~60 ms a call; the
# snapshots of refused() call psql twice per request, so take the binary.
PSQL = os.environ.get("WAREFLOW_PSQL") or next(
    (p for p in ("/usr/lib/postgresql/15/bin/psql",) if os.access(p, os.X_OK)), "psql")


def psql(uri, sql, variables=None, timeout=120):
    """Runs the SQL script `sql` with psql on `uri` (unaligned, tuples only,
    fields separated by \\x1f); returns its stdout. Fails on the first error."""
    cmd = [PSQL, "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-d", uri]
    for k, v in (variables or {}).items():
        cmd += ["-v", "%s=%s" % (k, v)]
    p = subprocess.run(cmd, input=sql, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise AssertionError("psql on %s failed (rc=%d): %s\n%s" % (uri, p.returncode, p.stderr.strip(), sql[:2000]))
    return p.stdout


def create_postgres_db(server=None):
    """A new empty database wf_<pid>_<n> on the test server (or on the server
    of the URI `server`), made as Wareflow needs it (template0, locale C,
    UTF8); returns its URI. The server applies the migrations when it first
    opens it."""
    server = server or postgres_server()
    with _db_numbers_lock:
        name = "wf_%d_%d" % (os.getpid(), next(_db_numbers))
    psql(server, "CREATE DATABASE %s TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8';\n" % name)
    return _with_dbname(server, name)


def drop_postgres_db(uri):
    name = _URI.match(uri).group(2).lstrip("/")
    psql(postgres_server(), "DROP DATABASE IF EXISTS %s WITH (FORCE);\n" % name)


_drop_lock = threading.Lock()


def drop_postgres_db_later(uri):
    """Drops the database on a thread of its own (one at a time; the process
    waits for them before it exits). DROP DATABASE waits for a checkpoint,
    which fsyncs every file of the databases made since the last one: about
    a second, which no test needs to wait for."""
    def run():
        with _drop_lock:
            try:
                drop_postgres_db(uri)
            except Exception as e:  # noqa: BLE001 -- the throwaway server goes away anyway
                sys.stderr.write("\n[harness] could not drop %s: %s\n" % (uri, e))
    threading.Thread(target=run, name="drop " + uri).start()


def fresh_db(tmpdir):
    """A fresh database for the current backend: a file name in tmpdir, or a
    new PostgreSQL database's URI. drop_db() removes what this made."""
    if ON_POSTGRES:
        return create_postgres_db()
    return os.path.join(tmpdir, "wareflow.db")


def drop_db(db):
    """Removes a database fresh_db() made on PostgreSQL (in the background;
    kept with WAREFLOW_KEEP_TMP). A file goes with its temp dir."""
    if not is_postgres(db):
        return
    if os.environ.get("WAREFLOW_KEEP_TMP"):
        sys.stderr.write("\n[harness] kept database %s\n" % db)
    else:
        drop_postgres_db_later(db)


def start_ids_above_int32(db):
    """Moves the id sequences of a migrated PostgreSQL database past 2^31, so
    that a 32-bit integer anywhere (an `AS INTEGER` cast, an int4 parameter)
    fails here rather than at order number 2147483648. Not packages: a
    package id is the serial reference of its SSCC, at most 999999999. Not
    the events' provisional numbers: they are renumbered at COMMIT."""
    psql(db, "SELECT setval(format('%I', sequencename)::regclass, 3000000000) FROM pg_sequences "
             "WHERE schemaname = 'public' AND sequencename NOT IN ('events_provisional_seq', 'packages_id_seq');\n")


def _sql_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _inline_params(sql, params):
    """sqlite3's `?` parameters, written into the SQL as literals for psql."""
    out, params, quoted = [], list(params), False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "?" and not quoted:
            if not params:
                raise AssertionError("more ? than parameters in %r" % sql)
            out.append(_sql_literal(params.pop(0)))
        else:
            out.append(ch)
    if params:
        raise AssertionError("fewer ? than parameters in %r" % sql)
    return "".join(out)


def _pg_rows(text):
    """Rows printed as one JSON object per line -> tuples of values in column
    order (integers as int, NULL as None, like sqlite3)."""
    return [json.loads(line, object_pairs_hook=lambda pairs: tuple(v for _, v in pairs))
            for line in text.splitlines() if line]


_PG_TABLES = ("SELECT table_name FROM information_schema.tables "
              "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")

# One psql run, one query, one snapshot: per table its name, row count and
# (unless its name matches CONTENT_IGNORE) a digest of its rows, taken by the
# server (the rows as JSON text, sorted, hashed): shipping every row to the
# test and parsing it made each refusal check cost seconds on a grown database.
_PG_SNAPSHOT = """BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT string_agg(format('SELECT %%L, count(*), %%s FROM public.%%I AS t', table_name,
                         CASE WHEN table_name ~* :'ignore' THEN 'NULL'
                              ELSE 'coalesce(md5(string_agg(to_jsonb(t)::text, '','' ORDER BY to_jsonb(t)::text)), ''empty'')' END,
                         table_name), ' UNION ALL ')
  FROM (%s) AS tables
\\gexec
COMMIT;
""" % _PG_TABLES


def _pg_snapshot(db):
    counts, content = {}, {}
    for line in psql(db, _PG_SNAPSHOT, {"ignore": CONTENT_IGNORE.pattern}).splitlines():
        if not line:
            continue
        name, count, rows = line.split("\x1f")
        counts[name] = int(count)
        if rows:
            content[name] = rows
    return counts, content


def _ro_connect(db):
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)


def list_tables(db):
    if is_postgres(db):
        return [line for line in psql(db, _PG_TABLES + ";\n").splitlines() if line]
    con = _ro_connect(db)
    try:
        return [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    finally:
        con.close()


def snapshot_counts(db):
    """{table: row count} for every table in the database (read-only)."""
    if is_postgres(db):
        return _pg_snapshot(db)[0]
    con = _ro_connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: con.execute('SELECT count(*) FROM "%s"' % n.replace('"', '""')).fetchone()[0] for n in names}
    finally:
        con.close()


def snapshot_content(db):
    """{table: hash of all rows} for tables not matched by CONTENT_IGNORE."""
    if is_postgres(db):
        return _pg_snapshot(db)[1]
    con = _ro_connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for n in names:
            if CONTENT_IGNORE.search(n):
                continue
            rows = con.execute('SELECT * FROM "%s"' % n.replace('"', '""')).fetchall()
            out[n] = hash(tuple(sorted(repr(r) for r in rows)))
        return out
    finally:
        con.close()


def snapshot(db):
    if is_postgres(db):
        counts, content = _pg_snapshot(db)
        return {"counts": counts, "content": content}
    return {"counts": snapshot_counts(db), "content": snapshot_content(db)}


def diff_snapshots(a, b):
    """Human-readable list of differences between two snapshot() results."""
    out = []
    ca, cb = a["counts"], b["counts"]
    for t in sorted(set(ca) | set(cb)):
        if ca.get(t) != cb.get(t):
            out.append("rows in %s: %s -> %s" % (t, ca.get(t), cb.get(t)))
    xa, xb = a["content"], b["content"]
    for t in sorted(set(xa) | set(xb)):
        if xa.get(t) != xb.get(t) and ca.get(t) == cb.get(t):
            out.append("content of %s changed" % t)
    return out


def sql_query(db, sql, params=()):
    """The rows of one SELECT (read-only) as a list of tuples; `?` parameters.
    On PostgreSQL through psql, with values as sqlite3 gives them: integers
    (also a SUM's numeric) as int, NULL as None."""
    if is_postgres(db):
        inner = _inline_params(sql, params).strip().rstrip(";")
        return _pg_rows(psql(db, "BEGIN READ ONLY;\nSELECT row_to_json(q) FROM (%s) AS q;\nCOMMIT;\n" % inner))
    con = _ro_connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def sql_exec(db, sql, params=()):
    """Runs one changing statement with `?` parameters and commits it (tests
    that corrupt the database on purpose)."""
    if is_postgres(db):
        psql(db, _inline_params(sql, params).strip().rstrip(";") + ";\n")
        return
    con = sqlite3.connect(db, timeout=10)
    try:
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


# ---------------------------------------------------------------------- HTTP

class Workers:
    """Threads whose failures fail the test. start() runs fn(*args) in a
    thread; join() waits for all of them and raises in the calling thread
    when any raised (an assertion or any other exception, with its traceback)
    or is still running after `timeout` seconds. An exception in a plain
    threading.Thread is only printed, and the test goes on to pass."""

    def __init__(self):
        self._threads = []
        self._errors = []
        self._lock = threading.Lock()

    def start(self, fn, *args):
        def run():
            try:
                fn(*args)
            except BaseException:  # noqa: BLE001 -- handed to the main thread
                with self._lock:
                    self._errors.append("%s%r:\n%s" % (getattr(fn, "__name__", fn), args, traceback.format_exc()))
        th = threading.Thread(target=run, name="%s%r" % (getattr(fn, "__name__", "worker"), args), daemon=True)
        self._threads.append(th)
        th.start()
        return th

    def join(self, timeout=120):
        deadline = time.monotonic() + timeout
        for th in self._threads:
            th.join(max(0.0, deadline - time.monotonic()))
        alive = [th.name for th in self._threads if th.is_alive()]
        problems = list(self._errors)
        if alive:
            problems.append("still running after %d s: %s" % (timeout, ", ".join(alive)))
        if problems:
            raise AssertionError("%d worker thread(s) failed:\n%s" % (len(problems), "\n".join(problems)))


class Resp(tuple):
    """(status, headers, body) plus request info for failure messages."""

    def __new__(cls, status, headers, body, method="", path="", req_body=None, text=""):
        self = tuple.__new__(cls, (status, headers, body))
        self.method, self.path, self.req_body, self.text = method, path, req_body, text
        return self

    status = property(lambda self: self[0])
    headers = property(lambda self: self[1])
    body = property(lambda self: self[2])

    @property
    def content_type(self):
        return self.headers.get("content-type", "")

    def describe(self):
        rb = self.req_body
        if isinstance(rb, (bytes, bytearray)):
            rb = "<%d bytes>" % len(rb)
        elif rb is not None and not isinstance(rb, str):
            rb = json.dumps(rb)
        if rb and len(rb) > 600:
            rb = rb[:600] + "..."
        t = self.text if len(self.text) < 1500 else self.text[:1500] + "..."
        return "%s %s %s\n  -> %s %s\n  %s" % (self.method, self.path, rb or "", self.status,
                                                self.content_type, t)


def _full_path(path):
    if path.startswith("/"):
        return path
    return API + path


class Client:
    """A keep-alive JSON client; one per thread."""

    def __init__(self, port, tokens=None, timeout=30):
        self.port = port
        self.tokens = tokens or {}
        self.timeout = timeout
        self.conn = None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None

    def _token(self, token):
        if token is None:
            return None
        return self.tokens.get(token, token)

    def call(self, method, path, body=None, token="admin", raw_body=None, headers=None, retry=True):
        full = _full_path(path)
        hdrs = {"Accept": "application/json"}
        data = None
        if raw_body is not None:
            data = raw_body if isinstance(raw_body, (bytes, bytearray)) else raw_body.encode()
            hdrs["Content-Type"] = "application/json"
        elif body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        tok = self._token(token)
        if tok is not None:
            hdrs["Authorization"] = "Bearer " + tok
        if headers:
            hdrs.update(headers)
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, full, body=data, headers=hdrs)
                r = self.conn.getresponse()
                raw = r.read()
                rh = {k.lower(): v for k, v in r.getheaders()}
                if rh.get("connection", "").lower() == "close" or r.will_close:
                    self.close()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                # A kept-alive connection the server closed: reconnect once.
                self.close()
                if attempt == 1 or not retry:
                    raise
        text = raw.decode("utf-8", "replace")
        parsed = text
        ct = rh.get("content-type", "")
        if "json" in ct or (text[:1] in "{[" and text):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = text
        return Resp(r.status, rh, parsed, method, full, body if raw_body is None else raw_body, text)


def wait_for(predicate, timeout=5.0):
    """Polls predicate every 50 ms until it is true or timeout seconds passed;
    returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def raw_http(port, request_bytes, timeout=30):
    """Sends raw bytes; returns (status, headers, body_text) or raises. Tolerates
    the server closing early while we are still sending (e.g. 413)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        try:
            view = memoryview(request_bytes)
            while view:
                n = s.send(view[:65536])
                view = view[n:]
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                c = s.recv(65536)
            except ConnectionResetError:
                break
            if not c:
                break
            chunks.append(c)
            head = b"".join(chunks)
            if b"\r\n\r\n" in head:
                h, _, rest = head.partition(b"\r\n\r\n")
                m = re.search(rb"content-length:\s*(\d+)", h, re.I)
                if m and len(rest) >= int(m.group(1)):
                    break
        data = b"".join(chunks)
    finally:
        s.close()
    if not data:
        raise ConnectionError("no response")
    h, _, rest = data.partition(b"\r\n\r\n")
    lines = h.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, rest.decode("utf-8", "replace")


# --------------------------------------------------------------------- server

class Server:
    """A wareflow server on a fresh database (or on `db` if given).

    Context manager: makes a temp dir, a db, one token per role (via the CLI,
    before serving), starts `serve` on a free loopback port and waits for
    /healthz. stop() sends SIGTERM (kill after 10 s); kill() sends SIGKILL.
    start() may be called again after stop()/kill() to restart on the same db.
    """

    def __init__(self, db=None, tmpdir=None, make_tokens=True, demo=False, serve_args=()):
        self.serve_args = list(serve_args)
        self.own_tmp = tmpdir is None
        self.tmpdir = tmpdir or tempfile.mkdtemp(prefix="wareflow-test-")
        # Without `db`: a fresh one, made in __enter__ (a PostgreSQL database
        # is dropped again in __exit__).
        self.own_db = db is None
        self.db = db
        self.tokens = {}
        self.make_tokens = make_tokens
        self.demo = demo
        self.proc = None
        self.port = None
        self.client = None
        self.log_path = None
        self.starts = 0

    # -- lifecycle
    def __enter__(self):
        require_binary()
        try:
            if self.db is None:
                self.db = fresh_db(self.tmpdir)
            if self.demo:
                run_cli("demo", "--db", self.db, check=True, timeout=300)
            if self.make_tokens:
                for role in ROLES:
                    self.tokens[role] = create_token(self.db, role)
            if self.own_db and is_postgres(self.db):
                start_ids_above_int32(self.db)
            self.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        if self.own_db and self.db is not None and is_postgres(self.db):
            drop_db(self.db)
            self.db = None
        if self.own_tmp and not os.environ.get("WAREFLOW_KEEP_TMP"):
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        return False

    def start(self, timeout=10.0):
        self.starts += 1
        self.port = free_port()
        self.log_path = os.path.join(self.tmpdir, "serve-%d.log" % self.starts)
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port] + self.serve_args,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("wareflow serve exited with %s before becoming healthy\n%s"
                                     % (self.proc.returncode, self.log_tail()))
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    self.client = Client(self.port, self.tokens)
                    return
                last = r.status
            except OSError as e:
                last = e
            time.sleep(0.05)
        self.kill()
        raise AssertionError("wareflow serve not healthy after %.0fs (last: %r)\n%s" % (timeout, last, self.log_tail()))

    def stop(self, timeout=10.0):
        if self.client:
            self.client.close()
            self.client = None
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        rc = self.proc.returncode
        self.proc = None
        return rc

    def kill(self):
        if self.client:
            self.client.close()
            self.client = None
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def log_tail(self, n=40):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
            return "--- server log (%s), last %d lines ---\n%s" % (self.log_path, n, "\n".join(lines[-n:]))
        except (OSError, TypeError):
            return "(no server log)"

    # -- requests
    def new_client(self):
        return Client(self.port, self.tokens)

    def call(self, method, path, body=None, token="admin", raw_body=None, headers=None):
        return self.client.call(method, path, body=body, token=token, raw_body=raw_body, headers=headers)

    def verify(self):
        return verify(self.db)

    def snapshot(self):
        return snapshot(self.db)


# ------------------------------------------------------------ domain helpers

def problem_ok(r, status, code=None):
    """None when r is a problem+json error with that status/code, else a message."""
    msgs = []
    if r.status != status:
        msgs.append("status %s != %s" % (r.status, status))
    if not r.content_type.startswith(PROBLEM_CT):
        msgs.append("content-type %r is not %s" % (r.content_type, PROBLEM_CT))
    if not isinstance(r.body, dict):
        msgs.append("body is not a JSON object")
    else:
        if code is not None and r.body.get("code") != code:
            msgs.append("code %r != %r" % (r.body.get("code"), code))
        if r.body.get("status") != r.status:
            msgs.append("body.status %r != %r" % (r.body.get("status"), r.status))
        for k in ("type", "title"):
            if not isinstance(r.body.get(k), str) or not r.body.get(k):
                msgs.append("body.%s missing" % k)
    return "; ".join(msgs) or None


def i6_errors(order):
    errs = []
    for ln in order.get("lines", []):
        parts = [ln.get(k) for k in ("allocated", "picked", "packed", "shipped", "backordered", "cancelled")]
        if any((not isinstance(p, int)) or p < 0 for p in parts):
            errs.append("line %s has a missing/negative part: %r" % (ln.get("sku"), ln))
        elif sum(parts) != ln.get("quantity"):
            errs.append("line %s: quantity %s != sum %s (%r)" % (ln.get("sku"), ln.get("quantity"), sum(parts), ln))
    return errs


def default_customer(i=0):
    return {"email": "buyer%d@example.com" % i, "name": "Buyer %d" % i, "phone": "+49 30 1234%03d" % (i % 1000)}


def default_ship_to(lat=None, lon=None, country="DE"):
    s = {"name": "Buyer", "line1": "Hauptstrasse 1", "city": "Berlin", "postal_code": "10115", "country": country}
    if lat is not None:
        s["latitude"] = lat
        s["longitude"] = lon
    return s


def order_body(channel, coid, lines, priority=None, hold=None, ship_to=None, customer=None, ship_by=None,
               deliver_by=None):
    b = {"channel": channel, "channel_order_id": coid,
         "customer": customer or default_customer(),
         "ship_to": ship_to or default_ship_to(),
         "lines": [{"sku": s, "quantity": q, "unit_price": {"amount_minor": 1000, "currency": "EUR"}}
                   for s, q in lines]}
    if priority is not None:
        b["priority"] = priority
    if hold is not None:
        b["hold"] = hold
    if ship_by is not None:
        b["ship_by"] = ship_by
    if deliver_by is not None:
        b["deliver_by"] = deliver_by
    return b


class ApiTestCase(unittest.TestCase):
    """Base class: one server per test class (self.s), plus assertion helpers.

    Subclasses that need a server per test set PER_TEST = True."""

    PER_TEST = False
    s = None
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        require_binary()
        if not cls.PER_TEST:
            cls._srv = Server()
            cls.s = cls._srv.__enter__()
            # a class cleanup runs even when a subclass's setUpClass fails later
            cls.addClassCleanup(cls._srv.__exit__, None, None, None)

    @classmethod
    def setup_call(cls, method, path, body=None, status=(200, 201)):
        """For setUpClass: a request that must succeed; returns the body."""
        r = cls.s.call(method, path, body=body)
        if r.status not in ((status,) if isinstance(status, int) else status):
            raise AssertionError("setup request failed: %s\n%s" % (r.describe(), cls.s.log_tail(15)))
        return r.body

    def setUp(self):
        if self.PER_TEST:
            self._srv = Server()
            self.s = self._srv.__enter__()
            self.addCleanup(self._srv.__exit__, None, None, None)

    # -- unique names
    _n = 0

    @classmethod
    def uniq(cls, prefix):
        ApiTestCase._n += 1
        return "%s-%d%03d" % (prefix, os.getpid() % 1000, ApiTestCase._n)

    # -- assertions
    def ctx(self, r):
        return "\n" + r.describe() + "\n" + self.s.log_tail(15)

    def assertStatus(self, r, status, msg=""):
        if isinstance(status, int):
            status = (status,)
        if r.status not in status:
            self.fail("expected HTTP %s, got %s %s%s" % ("/".join(map(str, status)), r.status, msg, self.ctx(r)))
        return r.body

    def assertProblem(self, r, status, code=None, field=None):
        err = problem_ok(r, status, code)
        if err:
            self.fail("expected problem %s %s: %s%s" % (status, code or "", err, self.ctx(r)))
        if field is not None:
            got = r.body.get("field")
            ok = got == field if isinstance(field, str) else field(got)
            if not ok:
                self.fail("problem field %r, expected %r%s" % (got, field, self.ctx(r)))
        return r.body

    def assertVerify(self):
        rc, out = self.s.verify()
        if rc != 0:
            self.fail("wareflow verify failed (rc=%d):\n%s" % (rc, out[-3000:]))

    def assertI6(self, order):
        errs = i6_errors(order)
        if errs:
            self.fail("I6 broken on order %s:\n%s" % (order.get("id"), "\n".join(errs)))

    def refused(self, method, path, body=None, status=422, code=None, field=None, token="admin",
                raw_body=None, headers=None):
        """Sends a request that must be refused; checks the problem, that the
        database is unchanged (row counts and content) and that verify passes."""
        before = self.s.snapshot()
        r = self.s.call(method, path, body=body, token=token, raw_body=raw_body, headers=headers)
        self.assertProblem(r, status, code, field)
        after = self.s.snapshot()
        d = diff_snapshots(before, after)
        if d:
            self.fail("refused request changed the database: %s%s" % ("; ".join(d), self.ctx(r)))
        self.assertVerify()
        return r

    # -- domain helpers (all assert success)
    def ok(self, method, path, body=None, status=(200, 201), token="admin", headers=None):
        r = self.s.call(method, path, body=body, token=token, headers=headers)
        return self.assertStatus(r, status)

    def put_product(self, sku, barcodes=None, tracking=None, name=None, **kw):
        b = {"name": name or ("Product " + sku), "weight_g": 250, "length_mm": 100, "width_mm": 80, "height_mm": 50}
        if barcodes is not None:
            b["barcodes"] = barcodes
        if tracking is not None:
            b["tracking"] = tracking
        b.update(kw)
        return self.ok("PUT", "products/" + sku, b)

    def put_warehouse(self, code, lat=None, lon=None, layout=(2, 3, 2), pick_levels=1, country="DE"):
        b = {"name": "Warehouse " + code, "address": {"line1": "Lagerweg 1", "city": "Town", "postal_code": "12345",
                                                       "country": country}}
        if lat is not None:
            b["latitude"] = lat
            b["longitude"] = lon
        w = self.ok("PUT", "warehouses/" + code, b)
        if layout:
            a, bays, lv = layout
            r = self.ok("POST", "warehouses/%s/layout" % code,
                        {"aisles": a, "bays": bays, "levels": lv, "pick_levels": pick_levels}, status=201)
            self.assertEqual(r.get("locations_created"), a * bays * lv + 4, r)
        return w

    def put_channel(self, code):
        return self.ok("PUT", "channels/" + code, {"name": "Channel " + code})

    def adjust(self, wh, loc, sku, qty, lot=None, expiry=None, reason="test", status=201):
        b = {"warehouse": wh, "location": loc, "sku": sku, "quantity": qty, "reason": reason}
        if lot is not None:
            b["lot"] = lot
        if expiry is not None:
            b["expiry"] = expiry
        return self.ok("POST", "inventory/adjustments", b, status=status)

    def create_order(self, channel, coid, lines, status=201, **kw):
        o = self.ok("POST", "orders", order_body(channel, coid, lines, **kw), status=status)
        self.assertI6(o)
        return o

    def get_order(self, oid):
        o = self.ok("GET", "orders/%s" % oid, status=200)
        self.assertI6(o)
        return o

    def inventory(self, sku, wh=None):
        inv = self.ok("GET", "inventory/" + sku, status=200)
        if wh is None:
            return inv
        for w in inv.get("warehouses", []):
            if w.get("warehouse") == wh:
                return w
        return {"warehouse": wh, "on_hand": 0, "allocated": 0, "available": 0, "locations": []}

    def line(self, order, sku):
        for ln in order["lines"]:
            if ln["sku"] == sku:
                return ln
        self.fail("order %s has no line for %s: %r" % (order.get("id"), sku, order))
