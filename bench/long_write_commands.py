"""Times the longest write commands a manager can send, each of which the
single writer waits for: a generated layout and a wave (one list, or batched
onto carts). Usage (from the checkout, after make build):
  WAREFLOW_BIN=build/wareflow python3 bench/long_write_commands.py
  LAYOUT=50,250,8 ORDERS=300 WAVE=300 METHODS=alns WAREFLOW_BIN=... python3 bench/long_write_commands.py
One method per run: the first wave takes every released fulfillment."""
import os
import sys
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "api"))
from harness import Server, order_body  # noqa: E402

def timed(server, method, path, body):
    t = time.time()
    r = server.call(method, path, body)
    return r, time.time() - t

with Server() as s:
    print("layout max:")
    s.call("PUT", "/api/v1/warehouses/BIG", {"name": "big", "lat": 50.0, "lon": 8.0, "country": "DE"})
    aisles, bays, levels = [int(x) for x in os.environ.get("LAYOUT", "50,250,8").split(",")]
    r, dt = timed(s, "POST", "/api/v1/warehouses/BIG/layout", {"aisles": aisles, "bays": bays, "levels": levels, "pick_levels": 1})
    print(" ", r.status, str(r.body)[:200], "%.2f s" % dt)
    s.call("PUT", "/api/v1/warehouses/W", {"name": "w", "lat": 50.0, "lon": 8.0, "country": "DE"})
    r, dt = timed(s, "POST", "/api/v1/warehouses/W/layout", {"aisles": 20, "bays": 50, "levels": 2, "pick_levels": 1})
    print(" small layout", r.status, "%.2f s" % dt)
    s.call("PUT", "/api/v1/channels/web", {"name": "Web"})
    skus = ["P%03d" % i for i in range(300)]
    locs = s.call("GET", "/api/v1/warehouses/W/locations?type=pick&limit=500").body["locations"]
    for i, sku in enumerate(skus):
        s.call("PUT", "/api/v1/products/" + sku, {"name": sku, "weight_g": 100, "length_mm": 100, "width_mm": 100, "height_mm": 50})
        s.call("POST", "/api/v1/inventory/adjustments", {"warehouse": "W", "location": locs[i % len(locs)]["code"], "sku": sku, "quantity": 100000, "reason": "init"})
    n = int(os.environ.get("ORDERS", "300"))
    for i in range(n):
        lines = [(skus[(i * 7 + k * 13) % len(skus)], 1 + k % 2) for k in range(1 + i % 4)]
        r = s.call("POST", "/api/v1/orders", order_body("web", "O%d" % i, lines))
        assert r.status in (200, 201), r.describe()
    for method in os.environ.get("METHODS", "alns").split(","):
        body = {"warehouse": "W", "max_orders": int(os.environ.get("WAVE", "300"))}
        if method != "none":
            body["cart"] = {"max_items": 40, "max_orders": 12}
            body["batching"] = method
        r, dt = timed(s, "POST", "/api/v1/waves", body)
        print(" wave", method, r.status, len(r.body.get("pick_lists", [])) if isinstance(r.body, dict) else str(r.body)[:200], "%.2f s" % dt)
        # put the fulfillments back? next wave gets nothing released: so one method per run
        break
