"""The request fuzzer (fuzz/fuzz_request.cpp) drives every write operation of
src/api/openapi.json, and each seed of fuzz/corpus/fuzz_request/ selects the
route it is named after. The fuzzer itself is built only by scripts/fuzz
(clang, build-fuzz/), so this check runs in the ordinary build instead: a
write route added to the API without a fuzzer route fails here."""
import json
import pathlib
import re
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
WRITE_METHODS = ("post", "put", "patch", "delete")

# Seed file -> the openapi operation its first byte must select. A new seed
# is listed here, so that a seed whose route byte is missing or wrong fails.
SEEDS = {
    "adjust": ("POST", "/api/v1/inventory/adjustments"),
    "channel": ("PUT", "/api/v1/channels/{code}"),
    "count_approve": ("POST", "/api/v1/counts/{id}/approve"),
    "count_reject": ("POST", "/api/v1/counts/{id}/reject"),
    "count_start": ("POST", "/api/v1/counts/{id}/start"),
    "deliver": ("POST", "/api/v1/fulfillments/{id}/deliver"),
    "forecast_refresh": ("POST", "/api/v1/planning/forecasts/refresh"),
    "order": ("POST", "/api/v1/orders"),
    "order_cancel": ("POST", "/api/v1/orders/{id}/cancel"),
    "order_release": ("POST", "/api/v1/orders/{id}/release"),
    "po_cancel": ("POST", "/api/v1/purchase-orders/{number}/cancel"),
    "po_close": ("POST", "/api/v1/purchase-orders/{number}/close"),
    "product": ("PUT", "/api/v1/products/{sku}"),
    "purchase_from_suggestion": ("POST", "/api/v1/planning/purchase-orders"),
    "receipt": ("POST", "/api/v1/purchase-orders/{number}/receipts"),
    "return_receive": ("POST", "/api/v1/returns/{id}/receive"),
    "supplier_terms": ("PUT", "/api/v1/suppliers/{code}/products/{sku}"),
    "supplier_terms_delete": ("DELETE", "/api/v1/suppliers/{code}/products/{sku}"),
    "task": ("POST", "/api/v1/tasks"),
    "task_cancel": ("POST", "/api/v1/tasks/{id}/cancel"),
    "task_claim": ("POST", "/api/v1/tasks/{id}/claim"),
    "warehouse": ("PUT", "/api/v1/warehouses/{code}"),
    "wave": ("POST", "/api/v1/waves"),
    "wave_cart": ("POST", "/api/v1/waves"),
}


def write_operations(openapi_text):
    """[(METHOD, path template)] of every write operation."""
    spec = json.loads(openapi_text)
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops
            if method in WRITE_METHODS]


def fuzz_routes(source):
    """The fuzzer's kRoutes table in order: [(METHOD, concrete path)]."""
    table = re.search(r"kRoutes\[\]\[2\]\s*=\s*\{(.*?)\n\};", source, re.S)
    if not table:
        raise AssertionError("no kRoutes table in fuzz_request.cpp")
    return re.findall(r'\{"([A-Z]+)",\s*"([^"]+)"\}', table.group(1))


def template_matches(template, path):
    pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
    return re.match(pattern, path) is not None


def operation_of(operations, method, path):
    """The openapi operation a concrete request hits: a literal path wins over
    a template (as the router does)."""
    hits = [(m, t) for m, t in operations if m == method and template_matches(t, path)]
    hits.sort(key=lambda op: op[1].count("{"))
    return hits[0] if hits else None


def problems(root):
    operations = write_operations((root / "src/api/openapi.json").read_text())
    routes = fuzz_routes((root / "fuzz/fuzz_request.cpp").read_text())
    out = []
    covered = set()
    for method, path in routes:
        op = operation_of(operations, method, path)
        if op is None:
            out.append("fuzzer route %s %s is no write operation of openapi.json" % (method, path))
        covered.add(op)
    for op in operations:
        if op not in covered:
            out.append("openapi write operation %s %s has no fuzzer route" % op)
    corpus = root / "fuzz/corpus/fuzz_request"
    for seed in sorted(corpus.iterdir()):
        data = seed.read_bytes()
        if seed.name not in SEEDS:
            out.append("seed %s: not listed in SEEDS (%s)" % (seed.name, __file__))
            continue
        if not data or data[:1] in (b"{", b"["):
            out.append("seed %s: no route-selector byte before the body" % seed.name)
            continue
        method, path = routes[data[0] % len(routes)]
        got = operation_of(operations, method, path)
        if got != SEEDS[seed.name]:
            out.append("seed %s selects %s %s, not %s %s" % ((seed.name, method, path) +
                                                              SEEDS[seed.name]))
        body = data[1:]
        if body:
            try:
                json.loads(body)
            except ValueError as e:
                out.append("seed %s: body is no JSON: %s" % (seed.name, e))
    for name in sorted(set(SEEDS) - {p.name for p in corpus.iterdir()}):
        out.append("seed %s listed in SEEDS is missing" % name)
    return out


class FuzzRoutes(unittest.TestCase):
    def test_every_write_operation_is_fuzzed_and_seeds_select_their_route(self):
        self.assertEqual(problems(ROOT), [])

    def test_a_missing_route_and_a_seed_without_its_byte_are_found(self):
        import shutil
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            for part in ("src/api/openapi.json", "fuzz/fuzz_request.cpp", "fuzz/corpus/fuzz_request"):
                (root / part).parent.mkdir(parents=True, exist_ok=True)
                copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
                copy(ROOT / part, root / part)
            source = (root / "fuzz/fuzz_request.cpp").read_text()
            gone = '    {"POST", "/api/v1/orders/1/release"},\n'
            self.assertIn(gone, source)
            (root / "fuzz/fuzz_request.cpp").write_text(source.replace(gone, ""))
            seed = root / "fuzz/corpus/fuzz_request/wave"
            seed.write_bytes(seed.read_bytes()[1:])
            found = problems(root)
            self.assertIn("openapi write operation POST /api/v1/orders/{id}/release has no fuzzer route",
                          found)
            self.assertIn("seed wave: no route-selector byte before the body", found)


if __name__ == "__main__":
    unittest.main()
