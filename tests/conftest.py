"""Every jitvm cache the tests touch (mpy-cross's output, tier 1's object code) goes to one
scratch folder per test session, never the user's: created at import by the controlling
process, before any test runs, and inherited by xdist workers and the jitvm processes the
tests start."""

import atexit
import os
import shutil
import tempfile

if not os.environ.get("JITVM_TEST_CACHE_DIR"):
    _CACHE = tempfile.mkdtemp(prefix="jitvm-test-cache-")
    os.environ["JITVM_TEST_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)  # only where it was made
os.environ["JITVM_CACHE_DIR"] = os.environ["JITVM_TEST_CACHE_DIR"]
