"""No test skips itself: a test that did not run has not passed. ctest
counts a skipped unittest (exit 0) as passed and a GTEST_SKIP as "Skipped",
not failed, so a missing binary or tool must fail the test instead. The
API tests also fail under ctest when unittest reports skipped=N
(CMakeLists.txt); gtest's "[  SKIPPED ]" cannot be made a failure there
(gtest_discover_tests always marks it skipped), so this check keeps skips
out of the sources."""
import pathlib
import re
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SKIPS = re.compile(r"GTEST_SKIP|\bskipTest\(|unittest\.skip|SkipTest|\bskipIf\(|\bskipUnless\(|"
                   r"\b(?:it|test|describe)\.(?:skip|todo)\(")


def sources(root):
    for pattern in ("src/**/*_test.cpp", "src/testing/**/*", "tests/**/*.py", "fuzz/**/*.cpp",
                    "web/src/**/*.test.ts", "web/src/**/*.test.tsx", "web/e2e/**/*.mjs"):
        yield from (p for p in root.glob(pattern) if p.is_file())


def skips(root):
    found = []
    for path in sources(root):
        if path.resolve() == pathlib.Path(__file__).resolve():
            continue
        for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if SKIPS.search(line):
                found.append("%s:%d: %s" % (path.relative_to(root), n, line.strip()))
    return found


class NoSkips(unittest.TestCase):
    def test_no_test_skips_itself(self):
        self.assertEqual(skips(ROOT), [])

    def test_a_planted_skip_is_found(self):
        import shutil
        import tempfile
        tmp = pathlib.Path(tempfile.mkdtemp(prefix="wf-skips-"))
        try:
            (tmp / "src" / "core").mkdir(parents=True)
            (tmp / "tests" / "api").mkdir(parents=True)
            (tmp / "src" / "core" / "x_test.cpp").write_text('TEST(X, Y) { GTEST_SKIP() << "no tool"; }\n')
            (tmp / "tests" / "api" / "test_x.py").write_text('        self.skipTest("no binary")\n')
            self.assertEqual(len(skips(tmp)), 2)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
