"""_thread hands the guest a lock and its module's functions: none leads to the host's
threading, the scheduler, its host threads, frames or globals."""

from tests.interp.helpers import jitvm_run

WALK = """
import _thread
l = _thread.allocate_lock()
chains = [
    lambda: l._waiters, lambda: l.__class__.__dict__, lambda: type(l).__dict__['acquire'],
    lambda: l.acquire.__self__.__class__.__init__.__globals__, lambda: l.__init__.__globals__,
    lambda: _thread.start_new_thread.__globals__, lambda: _thread.__dict__['_hw'],
    lambda: _thread._hw, lambda: _thread._report, lambda: _thread.sys,
    lambda: _thread.get_ident.__code__, lambda: type(l).__subclasses__(),
    lambda: l.__class__.__mro__, lambda: _thread.__loader__, lambda: l.__reduce_ex__(2),
    # the host's own _thread module has these; the guest's is jitvm's
    lambda: _thread.interrupt_main, lambda: _thread._local, lambda: _thread.TIMEOUT_MAX,
    lambda: _thread.daemon_threads_allowed, lambda: _thread.start_joinable_thread,
]
n = 0
for i, c in enumerate(chains):
    try:
        v = c()
        print('REACHED', i, v)
    except (AttributeError, TypeError, KeyError, NameError):
        n += 1
print('blocked', n, 'of', len(chains))
def f():
    import sys
    print(type(sys).__name__ if hasattr(sys, 'modules') is False else 'guest sys')
_thread.start_new_thread(f, ())
import time
time.sleep_ms(1)
"""


def test_thread_objects_give_no_way_out(tmp_path):
    r = jitvm_run(tmp_path, WALK)
    assert "REACHED" not in r.stdout, r.stdout
    assert "blocked 20 of 20" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 0, r.stderr
