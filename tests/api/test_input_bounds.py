"""Input bounds and the text rule at every entry point (issue 14, items 4 and 5).

Numbers: product measures (length, width, height <= 10,000 mm; weight <= 10,000,000 g),
order lines (quantity <= 1,000,000; unit price <= 10^12 minor units) and stock
adjustments (|quantity| <= 10^9) are refused beyond their bounds by the API and
the CSV import alike, and the reports that multiply and add them answer, exactly
or saturated and marked, with the largest allowed values and with stored values
beyond the bounds.

Text: a control character (C0 such as newline, tab and NUL; DEL; C1) in any
text field of an order, a product or a channel is refused at capture with 422
naming the field, through the API and the CSV import, and changes nothing;
Unicode text (accents, CJK, emoji) is accepted and prints on the label and the
packing slip.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unittest  # noqa: E402

from harness import (ApiTestCase, default_customer, default_ship_to, diff_snapshots, order_body,  # noqa: E402
                     run_cli, snapshot, sql_exec, verify)
from test_execution_refusals import ExecutionBase  # noqa: E402

MAX_DIM = 10_000
MAX_WEIGHT = 10_000_000
MAX_QTY = 1_000_000
MAX_PRICE = 10 ** 12
MAX_ADJUST = 10 ** 9
INT64_MAX = 2 ** 63 - 1

# C0 (newline, tab, carriage return, NUL, unit separator), DEL, C1 (NEL, the last C1)
CONTROLS = ["\n", "\t", "\r", "\x00", "\x1f", "\x7f", "\x85", "\x9f"]
UNICODE_NAME = "Zoë Ångström 北京 🚚"


def with_field(body, path, value):
    """A deep copy of body with the dotted/indexed path set to value."""
    b = json.loads(json.dumps(body))
    node = b
    parts = path.replace("]", "").replace("[", ".").split(".")
    for p in parts[:-1]:
        node = node[int(p)] if p.isdigit() else node[p]
    last = parts[-1]
    node[int(last) if last.isdigit() else last] = value
    return b


class TextRule(ExecutionBase):
    ORDER_TEXT = {
        "customer.name": "Ann Lee",
        "customer.email": "ann@example.com",
        "customer.phone": "+49 30 1234",
        "ship_to.name": "Ann Lee",
        "ship_to.line1": "Main St 1",
        "ship_to.line2": "Apt 3",
        "ship_to.city": "Berlin",
        "ship_to.postal_code": "10115",
        "hold": "check address",
    }

    def test_control_characters_refused_in_every_order_text_field(self):
        sku, _ = self.new_product("TXT")
        base = order_body("web", self.uniq("TX"), [(sku, 1)])
        base["ship_to"]["line2"] = "Apt 3"
        fields = dict(self.ORDER_TEXT, **{"lines[0].sku": sku})
        for field, good in fields.items():
            for c in CONTROLS:
                # inside, and (for a newline) at either end: no trimming lets it through
                for bad in [good[:2] + c + good[2:]] + ([good + c, c + good] if c == "\n" else []):
                    with self.subTest(field=field, char=hex(ord(c)), at=bad.index(c)):
                        self.refused("POST", "orders", with_field(base, field, bad), status=422,
                                     code="invalid_field", field=field, token="integration")
        # the clean body is taken
        self.ok("POST", "orders", with_field(base, "hold", "check address"), status=201, token="integration")

    def test_control_characters_refused_in_product_and_channel_names(self):
        for c in CONTROLS:
            with self.subTest(char=hex(ord(c))):
                sku = self.uniq("TXP")
                self.refused("PUT", "products/" + sku,
                             {"name": "Red" + c + "shirt", "weight_g": 1, "length_mm": 1, "width_mm": 1,
                              "height_mm": 1}, status=422, code="invalid_field", field="name")
                self.refused("PUT", "channels/" + self.uniq("ch"), {"name": "Web" + c}, status=422,
                             code="invalid_field", field="name")

    def test_unicode_text_is_accepted_and_prints(self):
        wh = self.new_wh()
        sku, _ = self.new_product("UNI", name="Tee 東京 👕 Größe M")
        ship_to = dict(default_ship_to(), name=UNICODE_NAME, line1="Straße 5 — 東京都", line2="Wohnung 3 😀",
                       city="Köln")
        customer = dict(default_customer(), name="Zoë 李")
        o, fid = self.picked_fulfillment(wh, sku, 2, ship_to=ship_to, customer=customer)
        self.assertEqual(o["ship_to"]["name"], UNICODE_NAME)
        self.ok("POST", "fulfillments/%d/pack" % fid,
                {"packages": [{"box": "M", "items": [{"sku": sku, "quantity": 2}]}]}, status=200, token="operator")
        shipped = self.ok("POST", "fulfillments/%d/ship" % fid, {}, status=200, token="operator")
        self.assertEqual(shipped["status"], "shipped")
        for path, ctype in (("label?format=pdf", "application/pdf"), ("label?format=zpl", "application/zpl"),
                            ("packing-slip", "application/pdf")):
            with self.subTest(document=path):
                r = self.s.call("GET", "fulfillments/%d/documents/%s" % (fid, path), token="operator")
                self.assertStatus(r, 200)
                self.assertTrue(r.content_type.startswith(ctype), r.content_type)


class NumericBounds(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_call("PUT", "channels/web", {"name": "Web"})

    def product_body(self, **kw):
        b = {"name": "Big", "weight_g": MAX_WEIGHT, "length_mm": MAX_DIM, "width_mm": MAX_DIM,
             "height_mm": MAX_DIM}
        b.update(kw)
        return b

    def test_product_measures_are_bounded(self):
        sku = self.uniq("BND")
        for field, over in (("length_mm", MAX_DIM + 1), ("width_mm", MAX_DIM + 1), ("height_mm", MAX_DIM + 1),
                            ("weight_g", MAX_WEIGHT + 1), ("length_mm", 10 ** 8), ("weight_g", -1)):
            with self.subTest(field=field, value=over):
                r = self.refused("PUT", "products/" + sku, self.product_body(**{field: over}), status=422,
                                 code="invalid_field", field=field)
                bound = str(MAX_WEIGHT if field == "weight_g" else MAX_DIM)
                self.assertIn(bound, r.body["detail"])
        self.ok("PUT", "products/" + sku, self.product_body(), status=201)

    def test_order_lines_and_adjustments_are_bounded(self):
        sku = self.uniq("BNO")
        self.put_product(sku)
        body = order_body("web", self.uniq("BO"), [(sku, 1)])
        r = self.refused("POST", "orders", with_field(body, "lines[0].quantity", MAX_QTY + 1), status=422,
                         code="invalid_field", field="lines[0].quantity", token="integration")
        self.assertIn(str(MAX_QTY), r.body["detail"])
        r = self.refused("POST", "orders", with_field(body, "lines[0].unit_price.amount_minor", MAX_PRICE + 1),
                         status=422, code="invalid_field", field="lines[0].unit_price.amount_minor",
                         token="integration")
        self.assertIn(str(MAX_PRICE), r.body["detail"])
        wh = self.uniq("BW").replace("-", "")
        self.put_warehouse(wh, layout=(1, 2, 1))
        for q in (MAX_ADJUST + 1, -MAX_ADJUST - 1, -2 ** 63):
            with self.subTest(quantity=q):
                self.refused("POST", "inventory/adjustments",
                             {"warehouse": wh, "location": "A01-001-1", "sku": sku, "quantity": q, "reason": "x"},
                             status=422, code="invalid_field", field="quantity")
        # the bounds themselves are taken
        body = with_field(body, "lines[0].quantity", MAX_QTY)
        body = with_field(body, "lines[0].unit_price.amount_minor", MAX_PRICE)
        self.ok("POST", "orders", body, status=201, token="integration")
        self.adjust(wh, "A01-001-1", sku, MAX_ADJUST)

    def test_reports_with_the_largest_allowed_values(self):
        wh = self.uniq("BR").replace("-", "")
        self.put_warehouse(wh, layout=(1, 2, 1))
        sku = self.uniq("BRP")
        self.ok("PUT", "products/" + sku, self.product_body(), status=201)
        # 5 x 10^9 cubes of 10 m: 5 x 10^21 mm^3 at one location, past int64 in mm^3, not in cm^3
        for _ in range(5):
            self.adjust(wh, "A01-001-1", sku, MAX_ADJUST)
        stock = self.ok("GET", "warehouses/%s/stock" % wh, status=200)
        loc = [l for l in stock["locations"] if l["location"] == "A01-001-1"][0]
        self.assertEqual(loc["used_cm3"], 5 * MAX_ADJUST * 10 ** 9)
        space = self.ok("GET", "reports/space?warehouse=" + wh, status=200)
        self.assertEqual(space["used_cm3"], 5 * MAX_ADJUST * 10 ** 9)
        # 5 more: 10^19 cm^3, past int64 even in cm^3: saturated
        for _ in range(5):
            self.adjust(wh, "A01-002-1", sku, MAX_ADJUST)
            self.adjust(wh, "A01-001-1", sku, MAX_ADJUST)
        stock = self.ok("GET", "warehouses/%s/stock" % wh, status=200)
        self.assertEqual([l["used_cm3"] for l in stock["locations"]], [INT64_MAX, 5 * MAX_ADJUST * 10 ** 9])
        self.assertEqual(self.ok("GET", "reports/space?warehouse=" + wh, status=200)["used_cm3"], INT64_MAX)
        # 10 lines of 10^6 x 10^12: 10^19 minor units, past int64: saturated and marked
        sku2 = self.uniq("BRS")
        self.put_product(sku2)
        for _ in range(10):
            b = order_body("web", self.uniq("BS"), [(sku2, MAX_QTY)])
            b["lines"][0]["unit_price"]["amount_minor"] = MAX_PRICE
            self.ok("POST", "orders", b, status=201, token="integration")
        sales = self.ok("GET", "reports/sales?group=sku&limit=500", status=200)
        row = [r for r in sales["rows"] if r["key"] == sku2][0]
        self.assertEqual(row["units"], 10 * MAX_QTY)
        self.assertEqual(row["revenue_minor"], {"EUR": INT64_MAX})
        self.assertTrue(row["revenue_saturated"])
        # a single line at the bounds is exact
        sku3 = self.uniq("BRX")
        self.put_product(sku3)
        b = order_body("web", self.uniq("BX"), [(sku3, MAX_QTY)])
        b["lines"][0]["unit_price"]["amount_minor"] = MAX_PRICE
        self.ok("POST", "orders", b, status=201, token="integration")
        sales = self.ok("GET", "reports/sales?group=sku&limit=500", status=200)
        row = [r for r in sales["rows"] if r["key"] == sku3][0]
        self.assertEqual(row["revenue_minor"], {"EUR": MAX_QTY * MAX_PRICE})
        self.assertFalse(row["revenue_saturated"])
        self.assertVerify()


class StoredBeyondBounds(ApiTestCase):
    """Rows written before the bounds (dimensions up to 10^8 mm) still report."""
    PER_TEST = True

    def test_reports_answer_with_old_oversized_products(self):
        wh = "OLDW"
        self.put_warehouse(wh, layout=(1, 2, 1))
        self.put_channel("web")
        self.put_product("OLD-1")
        self.adjust(wh, "A01-001-1", "OLD-1", MAX_ADJUST)
        self.s.stop()
        sql_exec(self.s.db, "UPDATE products SET length_mm = 100000000, width_mm = 100000000, "
                            "height_mm = 100000000, weight_g = 100000000 WHERE sku = 'OLD-1'")
        self.s.start()
        stock = self.ok("GET", "warehouses/%s/stock" % wh, status=200)
        loc = [l for l in stock["locations"] if l["location"] == "A01-001-1"][0]
        self.assertEqual(loc["used_cm3"], INT64_MAX)  # 10^33 cm^3: saturated
        space = self.ok("GET", "reports/space?warehouse=" + wh, status=200)
        self.assertEqual(space["used_cm3"], INT64_MAX)
        self.ok("GET", "reports/dashboard?warehouse=" + wh, status=200)
        # putaway advice for the same product over the full location: nothing fits, no wrapped volume
        self.ok("GET", "warehouses/%s/slotting" % wh, status=200)


PRODUCTS_HDR = "sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,tracking,shelf_life_days"
STOCK_HDR = "warehouse,location,sku,quantity,lot,expiry,reason"
ORDERS_HDR = ("channel,channel_order_id,email,name,phone,ship_name,line1,line2,city,postal_code,country,"
              "sku,quantity,unit_price_minor,currency,priority,ship_by")
ORDER_ROW = {"channel": "csvch", "channel_order_id": "C-1", "email": "a@example.com", "name": "Ann", "phone": "+4930",
             "ship_name": "Ann", "line1": "Main St 1", "line2": "Apt 3", "city": "Berlin", "postal_code": "10115",
             "country": "DE", "sku": "CSV-1", "quantity": "2", "unit_price_minor": "1999", "currency": "EUR",
             "priority": "0", "ship_by": ""}


def csv_field(value):
    return '"' + str(value).replace('"', '""') + '"'


class CsvImportBounds(ApiTestCase):
    PER_TEST = True

    def setUp(self):
        super().setUp()
        self.put_warehouse("CSVW", layout=(1, 2, 1))
        self.put_channel("csvch")
        self.put_product("CSV-1")
        self.s.stop()  # imports run with the server down

    def imp(self, kind, lines):
        path = os.path.join(self.s.tmpdir, kind + ".csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return run_cli("import", kind, "--db", self.s.db, "--file", path)

    def assert_refused(self, kind, lines, field):
        before = snapshot(self.s.db)
        p = self.imp(kind, lines)
        out = p.stdout + p.stderr
        self.assertNotEqual(p.returncode, 0, "import %s succeeded: %s" % (kind, out))
        self.assertIn("line 2", out)
        self.assertIn(field, out)
        self.assertEqual(diff_snapshots(before, snapshot(self.s.db)), [], "a refused import changed the db")
        rc, vout = verify(self.s.db)
        self.assertEqual(rc, 0, vout)
        return out

    def order_line(self, **over):
        row = dict(ORDER_ROW, **over)
        return ",".join(csv_field(row[c]) for c in ORDERS_HDR.split(","))

    def test_control_characters_refused_in_every_order_column(self):
        columns = {"name": "customer.name", "email": "customer.email", "phone": "customer.phone",
                   "ship_name": "ship_to.name", "line1": "ship_to.line1", "line2": "ship_to.line2",
                   "city": "ship_to.city", "postal_code": "ship_to.postal_code", "sku": "lines[0].sku"}
        for column, field in columns.items():
            for c in CONTROLS:
                with self.subTest(column=column, char=hex(ord(c))):
                    value = ORDER_ROW[column][:2] + c + ORDER_ROW[column][2:]
                    self.assert_refused("orders", [ORDERS_HDR, self.order_line(**{column: value})], field)
        # the clean row, with Unicode text, is taken
        p = self.imp("orders", [ORDERS_HDR, self.order_line(name="Zoë 李", ship_name=UNICODE_NAME, city="Köln")])
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_control_characters_refused_in_products_and_stock(self):
        for c in CONTROLS:
            with self.subTest(char=hex(ord(c))):
                self.assert_refused("products", [PRODUCTS_HDR, "CSV-2,%s,,1,1,1,1,none," % csv_field("Red" + c)],
                                    "name")
                self.assert_refused("stock", [STOCK_HDR, "CSVW,A01-001-1,CSV-1,1,,,%s" % csv_field("in" + c)],
                                    "reason")

    def test_numbers_beyond_the_bounds_refused(self):
        for column, value in (("length_mm", MAX_DIM + 1), ("width_mm", MAX_DIM + 1), ("height_mm", MAX_DIM + 1),
                              ("weight_g", MAX_WEIGHT + 1)):
            with self.subTest(column=column):
                row = {"weight_g": 1, "length_mm": 1, "width_mm": 1, "height_mm": 1, column: value}
                out = self.assert_refused("products", [PRODUCTS_HDR, "CSV-3,Big,,%d,%d,%d,%d,none," % (
                    row["weight_g"], row["length_mm"], row["width_mm"], row["height_mm"])], column)
                self.assertIn(str(MAX_WEIGHT if column == "weight_g" else MAX_DIM), out)
        for q in (MAX_ADJUST + 1, -2 ** 63):
            with self.subTest(quantity=q):
                self.assert_refused("stock", [STOCK_HDR, "CSVW,A01-001-1,CSV-1,%d,,,x" % q], "quantity")
        out = self.assert_refused("orders", [ORDERS_HDR, self.order_line(unit_price_minor=str(MAX_PRICE + 1))],
                                  "lines[0].unit_price.amount_minor")
        self.assertIn(str(MAX_PRICE), out)
        self.assert_refused("orders", [ORDERS_HDR, self.order_line(unit_price_minor="-1")],
                            "lines[0].unit_price.amount_minor")
        self.assert_refused("orders", [ORDERS_HDR, self.order_line(quantity=str(MAX_QTY + 1))], "lines[0].quantity")


if __name__ == "__main__":
    unittest.main()
