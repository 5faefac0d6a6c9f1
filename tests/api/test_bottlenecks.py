"""GET /planning/bottlenecks: the simulation fed from the store. A small,
hand-checkable day: two released fulfillments, one picker, one packer,
times given in the query, so the predicted clear times follow by hand."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import ApiTestCase  # noqa: E402


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class Bottlenecks(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})

    def test_a_day_that_can_be_checked_by_hand(self):
        wh = self.uniq("B").replace("-", "")
        self.put_warehouse(wh, layout=(1, 2, 1), pick_levels=1)
        sku = self.uniq("S")
        self.put_product(sku)
        self.adjust(wh, "A01-001-1", sku, 10)
        soon = self.create_order("web", "SOON-" + sku, [(sku, 2)], ship_by=iso(time.time() + 150))
        later = self.create_order("web", "LATER-" + sku, [(sku, 1)], ship_by=iso(time.time() + 7200))
        # Times given in the query are exact: pick 60 s per order + 10 s per unit, pack 30 s,
        # ship 0. One picker: SOON (earliest ship-by) 0-80 s, LATER 80-150 s; one packer:
        # SOON 80-110 s, LATER 150-180 s.
        q = ("planning/bottlenecks?warehouse=%s&hours=2&pickers=1&packers=1&pick_per_order_ms=60000"
             "&pick_per_unit_ms=10000&pack_per_order_ms=30000&pack_per_unit_ms=0&ship_per_order_ms=0" % wh)
        f = self.ok("GET", q, status=200, token="viewer")
        self.assertEqual(f["open"], {"released": 2, "picking": 0, "picked": 0, "packed": 0})
        self.assertEqual(f["task_times"]["pick"]["source"], "request")
        self.assertEqual(f["task_times"]["pick"]["per_unit_ms"], 10000)
        stages = {s["stage"]: s for s in f["stages"]}
        self.assertEqual((stages["pick"]["orders"], stages["pick"]["unfinished"]), (2, 0))
        start = _ms(f["start"])
        self.assertEqual(_ms(stages["pick"]["clear_at"]) - start, 150000)
        self.assertEqual(_ms(stages["pack"]["clear_at"]) - start, 180000)
        self.assertEqual((f["late_orders"], f["unshipped_orders"], f["makespan_ms"]), (0, 0, 180000))
        self.assertEqual(f["orders_with_cutoff"], 2)
        # the two-hour cut-off is met whatever the draws: one picker and one packer need minutes
        self.assertNotIn(later["fulfillments"][0]["id"], [l["fulfillment_id"] for l in f["late"]])
        again = self.ok("GET", q, status=200)
        for k in ("late_orders", "unshipped_orders", "stages", "what_if"):
            self.assertEqual(_without_times(again[k]), _without_times(f[k]), k)
        names = [w["name"] for w in f["what_if"]]
        self.assertEqual(names[:2], ["+1 picker", "+1 packer"])

        # nobody on shift: nothing clears, everything with a cut-off is late
        none = self.ok("GET", "planning/bottlenecks?warehouse=%s&hours=1" % wh, status=200)
        self.assertEqual(none["unshipped_orders"], 2)
        self.assertEqual(sorted(l["fulfillment_id"] for l in none["late"]),
                         sorted([soon["fulfillments"][0]["id"], later["fulfillments"][0]["id"]]))
        self.assertEqual(none["task_times"]["pick"]["source"], "default")

    def test_bad_queries(self):
        base = "planning/bottlenecks?warehouse="
        self.refused("GET", "planning/bottlenecks", status=422, code="invalid_field", field="warehouse")
        self.refused("GET", base + "NOPE", status=422, code="unknown_warehouse")
        for bad, field in (("hours=0", "hours"), ("hours=73", "hours"), ("pickers=-1", "pickers"),
                           ("packers=x", "packers"), ("pickups=25:00", "pickups"), ("pickups=soon", "pickups"),
                           ("history_days=0", "history_days"), ("pick_per_unit_ms=-5", "pick_per_unit_ms")):
            self.refused("GET", "planning/bottlenecks?warehouse=MAINX&" + bad, status=422, code="invalid_field",
                         field=field)


def _ms(text):
    """Milliseconds since the epoch of an RFC 3339 UTC time with milliseconds."""
    import calendar
    whole, _, frac = text.rstrip("Z").partition(".")
    return calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S")) * 1000 + int((frac or "0").ljust(3, "0")[:3])


def _without_times(value):
    """The parts of a result that do not depend on the clock reading."""
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if not k.endswith("_at") and k != "at"
                and k != "backlog" and not k.endswith("_ms")}
    return value


if __name__ == "__main__":
    unittest.main()
