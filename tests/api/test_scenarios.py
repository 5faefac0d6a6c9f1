"""Scenario runner: every tests/scenarios/*.scn file runs against its own fresh
server, as one test method (test_<file stem>). Adding a scenario needs no Python.

Run one:  python3 -m unittest tests/api/test_scenarios.py -k full_flow
Or:       python3 tests/api/test_scenarios.py tests/scenarios/full_flow.scn

Format (one directive per line; '#' starts a comment line; ${name} is replaced
by a saved value everywhere):

  token ROLE                 default token for later requests: admin (default),
                             manager, operator, integration, viewer, or none
  header NAME: VALUE         extra header for the next request only
  request METHOD PATH [as ROLE|none]
  {json body ...}            optional body: the lines after `request` up to a
                             blank line or the next directive. PATH without a
                             leading '/' gets '/api/v1/'. A body of `raw: TEXT`
                             is sent verbatim.
  expect STATUS [CODE] [field=NAME]
                             status of the last response (and problem code,
                             and problem field); a request with no `expect`
                             must answer 2xx. Problems must be
                             application/problem+json.
  expect-json EXPR OP VALUE  EXPR: $ root, .key, [n], [*] (all), [key=value]
                             (first element whose key equals value), len(EXPR),
                             sum(EXPR). OP: == != < <= > >= contains ~ (regex)
                             VALUE is JSON (after ${} substitution) or a bare
                             string.
  save NAME EXPR             save a value from the last response
  verify                     `wareflow verify` must pass
  check-i6 ORDER_ID          GET the order: every line's quantity equals
                             allocated+picked+packed+shipped+backordered+cancelled
  snapshot                   remember every table's rows
  unchanged                  the database equals the last snapshot

Sugar (each asserts success, as admin):
  product SKU [BARCODE ...]
  warehouse CODE AISLESxBAYSxLEVELS [LAT LON]
  channel CODE
  stock WAREHOUSE LOCATION SKU QUANTITY
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import (REPO, Server, diff_snapshots, i6_errors,  # noqa: E402
                     problem_ok)

SCN_DIR = os.path.join(REPO, "tests", "scenarios")
DIRECTIVES = {"token", "header", "request", "expect", "expect-json", "save", "verify", "check-i6", "snapshot",
              "unchanged", "product", "warehouse", "channel", "stock"}


class ScenarioError(AssertionError):
    pass


# ------------------------------------------------------------------ parsing

def parse(path):
    """[(lineno, directive, args, body_text_or_None)]"""
    with open(path) as f:
        lines = f.read().splitlines()
    steps, i = [], 0
    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        i += 1
        lineno = i
        if not s or s.startswith("#"):
            continue
        word, _, rest = s.partition(" ")
        if word not in DIRECTIVES:
            raise ScenarioError("%s:%d: unknown directive %r" % (path, i, word))
        body = None
        if word == "request":
            blines = []
            while i < len(lines):
                t = lines[i].strip()
                if not t or t.startswith("#") or t.partition(" ")[0] in DIRECTIVES:
                    break
                blines.append(lines[i])
                i += 1
            if blines:
                body = "\n".join(blines)
        steps.append((lineno, word, rest.strip(), body))
    return steps


# --------------------------------------------------------------- expressions

_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_\-]*)|\[(\*|-?\d+|[^\]=]+=[^\]]*)\]")


def evaluate(expr, doc):
    expr = expr.strip()
    m = re.fullmatch(r"(len|sum)\((.*)\)", expr)
    if m:
        v = evaluate(m.group(2), doc)
        if m.group(1) == "len":
            return len(v)
        return sum(v)
    if not expr.startswith("$"):
        raise ScenarioError("expression must start with $: %r" % expr)
    rest = expr[1:]
    vals, multi = [doc], False
    pos = 0
    while pos < len(rest):
        m = _TOKEN.match(rest, pos)
        if not m:
            raise ScenarioError("cannot parse expression %r at %r" % (expr, rest[pos:]))
        pos = m.end()
        out = []
        for v in vals:
            if m.group(1) is not None:
                if not isinstance(v, dict) or m.group(1) not in v:
                    raise ScenarioError("%s: no key %r in %s" % (expr, m.group(1), _short(v)))
                out.append(v[m.group(1)])
                continue
            sel = m.group(2)
            if not isinstance(v, list):
                raise ScenarioError("%s: [%s] applied to a non-list %s" % (expr, sel, _short(v)))
            if sel == "*":
                out.extend(v)
                multi = True
            elif re.fullmatch(r"-?\d+", sel):
                k = int(sel)
                if not -len(v) <= k < len(v):
                    raise ScenarioError("%s: index %d out of range (len %d)" % (expr, k, len(v)))
                out.append(v[k])
            else:
                key, _, want = sel.partition("=")
                want = want.strip().strip('"')
                hit = [x for x in v if isinstance(x, dict) and str(x.get(key.strip())) == want]
                if not hit:
                    raise ScenarioError("%s: no element with %s=%s in %s" % (expr, key, want, _short(v)))
                out.append(hit[0])
        vals = out
    return vals if multi else vals[0]


def _short(v, n=400):
    s = json.dumps(v)
    return s if len(s) <= n else s[:n] + "..."


def parse_value(text):
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def compare(got, op, want):
    if op == "==":
        return got == want
    if op == "!=":
        return got != want
    if op == "contains":
        return want in got
    if op == "~":
        return re.search(str(want), str(got)) is not None
    if op in ("<", "<=", ">", ">="):
        return {"<": got < want, "<=": got <= want, ">": got > want, ">=": got >= want}[op]
    raise ScenarioError("unknown operator %r" % op)


# ------------------------------------------------------------------- running

class Runner:
    def __init__(self, server, path):
        self.s = server
        self.path = path
        self.vars = {}
        self.token = "admin"
        self.headers = {}
        self.last = None
        self.checked = True
        self.snap = None
        self.req_line = 0

    def sub(self, text):
        def rep(m):
            if m.group(1) not in self.vars:
                raise ScenarioError("unknown variable ${%s}" % m.group(1))
            v = self.vars[m.group(1)]
            return v if isinstance(v, str) else json.dumps(v)
        return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", rep, text)

    def fail(self, lineno, msg):
        ctx = ""
        if self.last is not None:
            ctx = "\nlast response: " + self.last.describe()
        raise ScenarioError("%s:%d: %s%s\n%s" % (os.path.relpath(self.path, REPO), lineno, msg, ctx,
                                                  self.s.log_tail(20)))

    def tok(self, name):
        return None if name == "none" else name

    def must_ok(self, lineno, r):
        if not 200 <= r.status < 300:
            self.last = r
            self.fail(lineno, "setup request failed")
        return r.body

    def finish_request(self, lineno):
        if not self.checked and self.last is not None and not 200 <= self.last.status < 300:
            self.fail(self.req_line, "request without `expect` answered %d" % self.last.status)
        self.checked = True

    def run(self):
        steps = parse(self.path)
        last_line = 0
        for lineno, word, args, body in steps:
            last_line = lineno
            try:
                self.step(lineno, word, self.sub(args), body)
            except ScenarioError as e:
                if str(e).startswith(os.path.relpath(self.path, REPO)):
                    raise
                self.fail(lineno, "%s %s: %s" % (word, args, e))
        self.finish_request(last_line)

    def step(self, lineno, word, args, body):
        s = self.s
        if word == "token":
            self.token = self.tok(args)
        elif word == "header":
            k, _, v = args.partition(":")
            self.headers[k.strip()] = v.strip()
        elif word == "request":
            self.finish_request(lineno)
            parts = args.split()
            if len(parts) not in (2, 4) or (len(parts) == 4 and parts[2] != "as"):
                raise ScenarioError("usage: request METHOD PATH [as ROLE]")
            token = self.tok(parts[3]) if len(parts) == 4 else self.token
            kw = {}
            if body is not None:
                text = self.sub(body)
                if text.strip().startswith("raw:"):
                    kw["raw_body"] = text.strip()[4:].lstrip()
                else:
                    try:
                        kw["body"] = json.loads(text)
                    except ValueError as e:
                        raise ScenarioError("request body is not JSON (%s); use `raw:` to send bad JSON" % e)
            self.last = s.call(parts[0], parts[1], token=token, headers=self.headers or None, **kw)
            self.req_line = lineno
            self.headers = {}
            self.checked = False
        elif word == "expect":
            if self.last is None:
                raise ScenarioError("expect before any request")
            self.checked = True
            parts = args.split()
            status = int(parts[0])
            code = field = None
            for p in parts[1:]:
                if p.startswith("field="):
                    field = p[6:]
                else:
                    code = p
            if status >= 400:
                err = problem_ok(self.last, status, code)
                if err:
                    self.fail(lineno, "expected problem %s %s: %s" % (status, code or "", err))
                if field is not None and self.last.body.get("field") != field:
                    self.fail(lineno, "expected field %r, got %r" % (field, self.last.body.get("field")))
            elif self.last.status != status:
                self.fail(lineno, "expected status %d, got %d" % (status, self.last.status))
        elif word == "expect-json":
            m = re.match(r"(\S+)\s+(==|!=|<=|>=|<|>|contains|~)\s+(.*)$", args)
            if not m:
                raise ScenarioError("usage: expect-json EXPR OP VALUE")
            got = evaluate(m.group(1), self.last.body)
            want = parse_value(m.group(3))
            try:
                ok = compare(got, m.group(2), want)
            except TypeError as e:
                ok, _ = False, e
            if not ok:
                self.fail(lineno, "%s is %s, expected %s %s" % (m.group(1), _short(got), m.group(2), _short(want)))
        elif word == "save":
            name, _, expr = args.partition(" ")
            self.vars[name] = evaluate(expr, self.last.body)
        elif word == "verify":
            rc, out = s.verify()
            if rc != 0:
                self.fail(lineno, "wareflow verify failed (rc=%d): %s" % (rc, out[-2000:]))
        elif word == "check-i6":
            r = s.call("GET", "orders/%s" % args, token="admin")
            o = self.must_ok(lineno, r)
            errs = i6_errors(o)
            if errs:
                self.fail(lineno, "I6 broken: " + "; ".join(errs))
        elif word == "snapshot":
            self.snap = s.snapshot()
        elif word == "unchanged":
            if self.snap is None:
                raise ScenarioError("unchanged without snapshot")
            d = diff_snapshots(self.snap, s.snapshot())
            if d:
                self.fail(lineno, "database changed: " + "; ".join(d))
        elif word == "product":
            parts = args.split()
            b = {"name": "Product " + parts[0], "barcodes": parts[1:], "weight_g": 200, "length_mm": 100,
                 "width_mm": 100, "height_mm": 50}
            self.must_ok(lineno, s.call("PUT", "products/" + parts[0], b))
        elif word == "warehouse":
            parts = args.split()
            b = {"name": "Warehouse " + parts[0]}
            if len(parts) >= 4:
                b["latitude"], b["longitude"] = float(parts[2]), float(parts[3])
            self.must_ok(lineno, s.call("PUT", "warehouses/" + parts[0], b))
            a, bays, lv = (int(x) for x in parts[1].lower().split("x"))
            self.must_ok(lineno, s.call("POST", "warehouses/%s/layout" % parts[0],
                                        {"aisles": a, "bays": bays, "levels": lv}))
        elif word == "channel":
            self.must_ok(lineno, s.call("PUT", "channels/" + args, {"name": "Channel " + args}))
        elif word == "stock":
            wh, loc, sku, q = args.split()
            self.must_ok(lineno, s.call("POST", "inventory/adjustments",
                                        {"warehouse": wh, "location": loc, "sku": sku, "quantity": int(q),
                                         "reason": "scenario"}))


def run_scenario(path):
    with Server() as s:
        Runner(s, path).run()


class Scenarios(unittest.TestCase):
    pass


def _make(path):
    def test(self):
        run_scenario(path)
    test.__doc__ = os.path.relpath(path, REPO)
    return test


for _p in sorted(glob.glob(os.path.join(SCN_DIR, "*.scn"))):
    _name = "test_" + re.sub(r"\W", "_", os.path.splitext(os.path.basename(_p))[0])
    setattr(Scenarios, _name, _make(_p))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].endswith(".scn"):
        for p in sys.argv[1:]:
            run_scenario(os.path.abspath(p))
            print("ok", p)
    else:
        unittest.main()
