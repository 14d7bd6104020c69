# unittest for jitvm's guests: the API and the printed report of micropython-lib's unittest
# (what `mip install unittest` puts on a board), written for jitvm. MicroPython's test runner
# reads the report's last four lines: a rule, "Ran N tests", a blank line, and "OK",
# "OK (skipped=K)" or "FAILED (failures=F, errors=E)".

import io
import sys

RULE = "-" * 70
DOUBLE_RULE = "=" * 70


class SkipTest(Exception):
    pass


class _Raises:
    # assertRaises(exc) used as a context manager

    def __init__(self, expected):
        self.expected = expected
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.exception = exc_value
        if exc_type is None:
            assert False, "%r not raised" % self.expected
        return issubclass(exc_type, self.expected)


class _NoCheck:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        return False


# the test being run and its result, for subTest's failures
_running = [None, None]


class _SubTest:
    def __init__(self, msg, params):
        self.msg = msg
        self.params = params

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            return False
        label, result = _running
        if label is not None and result is not None:
            label = tuple(label)
            if self.msg:
                label += (" [%s]" % (self.msg,),)
            if self.params:
                label += (" (%s)" % ", ".join("%s=%s" % kv for kv in self.params.items()),)
            result._record(label, exc_value, False)
        return True  # the test goes on with its next subtest


class TestCase:
    def __init__(self):
        pass

    def addCleanup(self, func, *args, **kwargs):
        cleanups = self.__dict__.setdefault("_cleanups", [])
        cleanups.append((func, args, kwargs))

    def doCleanups(self):
        cleanups = self.__dict__.get("_cleanups")
        while cleanups:
            func, args, kwargs = cleanups.pop()
            func(*args, **kwargs)

    def subTest(self, msg=None, **params):
        return _SubTest(msg, params)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=""):
        assert False, msg

    def assertEqual(self, x, y, msg=""):
        assert x == y, msg or "%r vs (expected) %r" % (x, y)

    def assertNotEqual(self, x, y, msg=""):
        assert x != y, msg or "%r not expected to be equal %r" % (x, y)

    def assertLess(self, x, y, msg=None):
        assert x < y, msg if msg is not None else "%r is expected to be < %r" % (x, y)

    def assertLessEqual(self, x, y, msg=None):
        assert x <= y, msg if msg is not None else "%r is expected to be <= %r" % (x, y)

    def assertGreater(self, x, y, msg=None):
        assert x > y, msg if msg is not None else "%r is expected to be > %r" % (x, y)

    def assertGreaterEqual(self, x, y, msg=None):
        assert x >= y, msg if msg is not None else "%r is expected to be >= %r" % (x, y)

    def assertAlmostEqual(self, x, y, places=None, msg="", delta=None):
        if x == y:
            return
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        if delta is not None:
            if abs(x - y) <= delta:
                return
            assert False, msg or "%r != %r within %r delta" % (x, y, delta)
        places = 7 if places is None else places
        if round(abs(y - x), places) == 0:
            return
        assert False, msg or "%r != %r within %r places" % (x, y, places)

    def assertNotAlmostEqual(self, x, y, places=None, msg="", delta=None):
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        if delta is not None:
            if x != y and abs(x - y) > delta:
                return
            assert False, msg or "%r == %r within %r delta" % (x, y, delta)
        places = 7 if places is None else places
        if x != y and round(abs(y - x), places) != 0:
            return
        assert False, msg or "%r == %r within %r places" % (x, y, places)

    def assertIs(self, x, y, msg=""):
        assert x is y, msg or "%r is not %r" % (x, y)

    def assertIsNot(self, x, y, msg=""):
        assert x is not y, msg or "%r is %r" % (x, y)

    def assertIsNone(self, x, msg=""):
        assert x is None, msg or "%r is not None" % (x,)

    def assertIsNotNone(self, x, msg=""):
        assert x is not None, msg or "%r is None" % (x,)

    def assertTrue(self, x, msg=""):
        assert x, msg or "Expected %r to be True" % (x,)

    def assertFalse(self, x, msg=""):
        assert not x, msg or "Expected %r to be False" % (x,)

    def assertIn(self, x, y, msg=""):
        assert x in y, msg or "Expected %r to be in %r" % (x, y)

    def assertNotIn(self, x, y, msg=""):
        assert x not in y, msg or "Expected %r not to be in %r" % (x, y)

    def assertIsInstance(self, x, y, msg=""):
        assert isinstance(x, y), msg

    def assertNotIsInstance(self, x, y, msg=""):
        assert not isinstance(x, y), msg

    def assertRaises(self, exc, func=None, *args, **kwargs):
        if func is None:
            return _Raises(exc)
        try:
            func(*args, **kwargs)
        except Exception as e:
            if isinstance(e, exc):
                return
            raise
        assert False, "%r not raised" % (exc,)

    def assertWarns(self, warn):
        return _NoCheck()


def skip(msg):
    def decorate(fun):
        def skipped(self):
            raise SkipTest(msg)

        return skipped

    return decorate


def skipIf(cond, msg):
    return skip(msg) if cond else (lambda fun: fun)


def skipUnless(cond, msg):
    return (lambda fun: fun) if cond else skip(msg)


def expectedFailure(test):
    def expecting(*args, **kwargs):
        try:
            test(*args, **kwargs)
        except:  # noqa: E722 - any failure is the expected one
            return
        assert False, "unexpected success"

    return expecting


class TestResult:
    def __init__(self):
        self.errorsNum = 0
        self.failuresNum = 0
        self.skippedNum = 0
        self.testsRun = 0
        self.errors = []
        self.failures = []
        self.skipped = []
        self._newFailures = 0

    def wasSuccessful(self):
        return self.errorsNum == 0 and self.failuresNum == 0

    def _record(self, label, exc, verbose=True):
        # one test's exception: a skip, a failure (AssertionError) or an error
        if isinstance(exc, SkipTest):
            reason = exc.args[0] if exc.args else ""
            self.skippedNum += 1
            self.skipped.append((label, reason))
            print(" skipped:", reason)
            return
        text = _exception_text(exc)
        if isinstance(exc, AssertionError):
            self.failuresNum += 1
            self.failures.append((label, text))
            word = " FAIL"
        else:
            self.errorsNum += 1
            self.errors.append((label, text))
            word = " ERROR"
        if verbose:
            print(word)
        self._newFailures += 1

    def printErrors(self):
        if not (self.errors or self.failures):
            return
        print()
        for listing in (self.errors, self.failures):
            for label, text in listing:
                print(DOUBLE_RULE)
                print("FAIL: " + " ".join(str(part) for part in label))
                print(RULE)
                print(text)

    def __repr__(self):
        return "<unittest.result.TestResult run=%d errors=%d failures=%d>" % (
            self.testsRun, self.errorsNum, self.failuresNum)

    def __add__(self, other):
        for name in ("errorsNum", "failuresNum", "skippedNum", "testsRun"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.failures.extend(other.failures)
        self.skipped.extend(other.skipped)
        return self


def _exception_text(exc):
    buf = io.StringIO()
    sys.print_exception(exc, buf)
    return buf.getvalue()


class TestSuite:
    def __init__(self, name=""):
        self._tests = []
        self.name = name

    def addTest(self, test):
        self._tests.append(test)

    def run(self, result):
        for test in self._tests:
            _run_one_case(test, result, self.name)
        return result

    def _load_module(self, mod):
        for name in dir(mod):
            obj = getattr(mod, name)
            if isinstance(obj, type) and issubclass(obj, TestCase):
                self.addTest(obj)
            elif name.startswith("test") and callable(obj):
                self.addTest(obj)


def _run_one_case(case, result, suite_name):
    # a TestCase class (each of its test* methods), a suite, or a plain test function
    if isinstance(case, TestSuite):
        case.run(result)
        return
    obj = case() if isinstance(case, type) else case
    hook = lambda name: getattr(obj, name, None) or (lambda: None)  # noqa: E731
    try:
        suite_name += "." + case.__qualname__
    except AttributeError:
        pass

    def run(name, test):
        print("%s (%s) ..." % (name, suite_name), end="")
        hook("setUp")()
        _running[0], _running[1] = (name, "(%s)" % suite_name), result
        try:
            result._newFailures = 0
            result.testsRun += 1
            test()
            print(" FAIL" if result._newFailures else " ok")
        except Exception as e:
            result._record((name, case), e)
        finally:
            _running[0] = _running[1] = None
            hook("tearDown")()
            cleanups = getattr(obj, "doCleanups", None)
            if cleanups is not None:
                cleanups()

    hook("setUpClass")()
    try:
        if hasattr(obj, "runTest"):
            run(str(obj), obj.runTest)
            return
        for name in dir(obj):
            if name.startswith("test"):
                method = getattr(obj, name)
                if callable(method):
                    run(name, method)
        if callable(obj):
            run(obj.__name__, obj)
    finally:
        hook("tearDownClass")()


class TestRunner:
    def run(self, suite):
        result = TestResult()
        suite.run(result)
        result.printErrors()
        print(RULE)
        print("Ran %d tests\n" % result.testsRun)
        if result.failuresNum or result.errorsNum:
            print("FAILED (failures=%d, errors=%d)" % (result.failuresNum, result.errorsNum))
        elif result.skippedNum:
            print("OK (skipped=%d)" % result.skippedNum)
        else:
            print("OK")
        return result


TextTestRunner = TestRunner


def main(module="__main__", testRunner=None):
    # unittest.main() at the end of a test file, or unittest.main("mytests")
    if testRunner is None:
        testRunner = TestRunner()
    elif isinstance(testRunner, type):
        testRunner = testRunner()
    if isinstance(module, str):
        module = __import__(module)
    suite = TestSuite(module.__name__)
    suite._load_module(module)
    return testRunner.run(suite)
