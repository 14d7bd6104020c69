"""jitvm's frozen `unittest` (the API and report of micropython-lib's, which boards install with
`mip install unittest`): the report's lines are what MicroPython's run-tests.py reads."""

import subprocess
import sys
import textwrap

PROGRAM = '''
import unittest
downs = []

class TestA(unittest.TestCase):
    def setUp(self):
        self.x = 1
    def tearDown(self):
        downs.append(1)
    def test_ok(self):
        self.assertEqual(self.x, 1)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertIn(1, [1])
        self.assertIsNone(None)
    def test_fail(self):
        self.assertEqual(self.x, 2)
    def test_err(self):
        raise ValueError("boom")
    @unittest.skip("not now")
    def test_skip(self):
        pass
    @unittest.skipUnless(False, "never")
    def test_skip2(self):
        pass
    def test_sub(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)
    def test_raises(self):
        with self.assertRaises(KeyError) as cm:
            {}[1]
        assert isinstance(cm.exception, KeyError)
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
    @unittest.expectedFailure
    def test_expected(self):
        self.fail("as expected")

def test_plain():
    assert 1 + 1 == 2

r = unittest.main()
print(r, r.wasSuccessful(), len(downs))
'''

RULE, DOUBLE = "-" * 70, "=" * 70


def test_report_lines(tmp_path):
    (tmp_path / "main.py").write_text(PROGRAM)
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", "main.py"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    lines = r.stdout.splitlines()
    assert lines[:9] == [
        "test_err (__main__.TestA) ... ERROR",
        "test_expected (__main__.TestA) ... ok",
        "test_fail (__main__.TestA) ... FAIL",
        "test_ok (__main__.TestA) ... ok",
        "test_raises (__main__.TestA) ... ok",
        "test_skip (__main__.TestA) ... skipped: not now",
        "test_skip2 (__main__.TestA) ... skipped: never",
        "test_sub (__main__.TestA) ... FAIL",
        "test_plain (__main__) ... ok",
    ], r.stdout + r.stderr
    report = "\n".join(lines[9:])
    assert report.startswith("\n" + DOUBLE + "\nFAIL: test_err <class 'TestA'>\n" + RULE
                             + "\nTraceback (most recent call last):\n")
    assert "ValueError: boom" in report
    assert DOUBLE + "\nFAIL: test_fail <class 'TestA'>\n" in report
    assert "AssertionError: 1 vs (expected) 2" in report
    assert DOUBLE + "\nFAIL: test_sub (__main__.TestA)  (i=2)\n" in report
    assert "AssertionError: 2 is expected to be < 2" in report
    assert lines[-5:] == [RULE, "Ran 9 tests", "",
                          "FAILED (failures=2, errors=1)",
                          "<unittest.result.TestResult run=9 errors=1 failures=2> False 8"]


def test_all_passing_report_with_skips(tmp_path):
    (tmp_path / "main.py").write_text(textwrap.dedent('''
        import unittest
        class T(unittest.TestCase):
            def test_a(self):
                self.assertTrue(True)
            @unittest.skipIf(True, "off")
            def test_b(self):
                pass
        if __name__ == "__main__":
            unittest.main()
    '''))
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", "main.py"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.splitlines() == ["test_a (__main__.T) ... ok", "test_b (__main__.T) ... skipped: off",
                                     RULE, "Ran 2 tests", "", "OK (skipped=1)"], r.stdout + r.stderr
