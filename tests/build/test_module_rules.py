"""The module plan is enforced: scripts/check-modules passes on the tree and
fails, naming the file and the rule, on a planted forbidden include."""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check-modules"


def run(root):
    return subprocess.run([sys.executable, str(CHECK), "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


class ModuleRules(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="wf-modules-"))
        shutil.copytree(ROOT / "src", self.tmp / "src")
        (self.tmp / "docs").mkdir()
        shutil.copy(ROOT / "docs" / "architecture.md", self.tmp / "docs" / "architecture.md")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def plant(self, path, line):
        target = self.tmp / "src" / path
        target.write_text(target.read_text() + "\n" + line + "\n")

    def test_the_tree_keeps_the_plan(self):
        result = run(ROOT)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_pure_core_may_not_include_the_store(self):
        self.plant("planning/forecast.h", '#include "store/database.h"')
        result = run(self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/planning/forecast.h", result.stderr)
        self.assertIn("planning may not include store", result.stderr)

    def test_the_wms_may_not_include_the_oms(self):
        self.plant("wms/fulfillment.h", '#include "oms/orders.h"')
        result = run(self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("wms may not include oms", result.stderr)

    def test_an_external_header_must_be_named(self):
        self.plant("optimize/routing.h", "#include <sqlite3.h>")
        result = run(self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("optimize may not include <sqlite3.h>", result.stderr)

    def test_a_line_may_name_only_modules_above_it(self):
        rules = self.tmp / "src" / "modules.txt"
        text, planted = re.subn(r"^(core +\|)", r"\1 store", rules.read_text(), count=1, flags=re.M)
        self.assertEqual(planted, 1, "no core line to plant the breach in")
        rules.write_text(text)
        result = run(self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("core names store, which is not on a line above it", result.stderr)

    def test_the_documented_table_follows_the_rules(self):
        rules = self.tmp / "src" / "modules.txt"
        text, planted = re.subn(r"^(auth +\|)", r"\1 events", rules.read_text(), count=1, flags=re.M)
        self.assertEqual(planted, 1, "no auth line to plant the change in")
        rules.write_text(text)
        result = run(self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("the module table differs from src/modules.txt", result.stderr)

    def test_tests_may_include_any_module(self):
        self.plant("planning/forecast_test.cpp", '#include "store/database.h"')
        result = run(self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
