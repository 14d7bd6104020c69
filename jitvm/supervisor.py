"""`jitvm run` in a child process watched by its parent: limits that hold whatever the guest does.

A guest inside long host C code (``any(iter(int, 1))``, ``math.factorial(10**7)``) holds
the interpreter lock, so nothing in its own process can stop it. The parent can: at the
time limit (plus a grace for the child to stop itself and flush) it kills the child and
exits 124 with one line; on Ctrl-C it lets the child raise ``KeyboardInterrupt`` in the
guest and kills it if the child cannot even acknowledge that within a grace period.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time

GRACE = 1.0  # seconds after --timeout before the parent kills a child that did not stop itself
ACK_WAIT = 2.0  # seconds the child has to take a Ctrl-C before the parent ends it
SI_KERNEL = 0x80  # si_code of a signal the kernel sent (the terminal's Ctrl-C)


def can_supervise() -> bool:
    if not hasattr(os, "fork") or os.environ.get("JITVM_NO_SUPERVISOR"):
        return False
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return False  # output captured in memory (in-process tests): run in this process
    return True


def supervise(child, timeout: float | None, label: str) -> int:
    """Run ``child(ack_fd)`` in a forked process; return its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    sigs = {signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP}
    before = _children()  # the caller's own children are not ours to end
    _set_subreaper(1)  # a grandchild (mpy-cross for exec()) left behind becomes ours to end
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    ack_r, ack_w = os.pipe()
    # the child's collector leaves what it inherits alone (no scans of the parent's objects,
    # no copy-on-write of their pages); the parent goes back to normal at once (a caller that
    # froze objects itself is left as it is)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    pid = -1
    try:
        pid = os.fork()
    finally:
        if pid != 0 and freeze:  # the parent, or no child at all
            gc.unfreeze()
    if pid == 0:  # the child: runs the VM
        os.close(ack_r)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        _child_main(child, ack_w)
    os.close(ack_w)
    try:
        return _watch(pid, ack_r, sigs, timeout, label)
    finally:
        os.close(ack_r)
        _kill_strays(before)
        _set_subreaper(0)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _child_main(child, ack_w: int) -> None:
    status = 3
    try:
        status = child(ack_w)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        status = 130
    except BaseException as e:  # noqa: BLE001 - the child must always reach os._exit
        try:
            print(f"jitvm: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        except BaseException:
            pass
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        os._exit(status if isinstance(status, int) else 3)


def _watch(pid: int, ack_r: int, sigs: set, timeout: float | None, label: str) -> int:
    os.set_blocking(ack_r, False)
    hard = None if timeout is None else time.monotonic() + timeout + GRACE
    interrupts = acks = 0
    unacked_since = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return _status(status)
        now = time.monotonic()
        if hard is not None and now >= hard:
            _kill(pid)
            print(f"jitvm: timeout: {label} ran longer than {timeout:g}s", file=sys.stderr)
            return 124
        if unacked_since is not None and now - unacked_since >= ACK_WAIT:
            _kill(pid)
            print("jitvm: interrupted: the program did not stop (busy in host code)",
                  file=sys.stderr)
            return 130
        wait = 0.05 if hard is None else max(0.001, min(0.05, hard - now))
        info = signal.sigtimedwait(sigs, wait)
        if info is not None and info.si_signo == signal.SIGINT:
            interrupts += 1
            if info.si_code != SI_KERNEL:  # sent by a process, not the terminal: pass it on
                try:
                    os.kill(pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
        elif info is not None and info.si_signo in (signal.SIGTERM, signal.SIGHUP):
            _kill(pid)
            return 128 + info.si_signo
        try:
            acks += len(os.read(ack_r, 64))
        except BlockingIOError:
            pass
        if interrupts > acks:
            unacked_since = unacked_since or time.monotonic()
        else:
            unacked_since = None


def _set_subreaper(on: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, on, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _children() -> set[int]:
    """Pids of the processes whose parent is this one (from /proc)."""
    if _has_no_children():
        return set()
    me = str(os.getpid()).encode()
    out = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return out
    for e in entries:
        if not e.isdigit():
            continue
        data = _read_small(f"/proc/{e}/stat")
        if data is None:
            continue
        fields = data.rsplit(b")", 1)[-1].split(None, 2)
        if len(fields) > 1 and fields[1] == me:  # field 4 of stat: the parent's pid
            out.add(int(e))
    return out


def _has_no_children() -> bool:
    """True when no thread of this process has a child process: a few small reads instead of
    a scan of every process. The kernel's children lists may skip a child while another one
    is being reaped, but a list read as empty was empty; False when they cannot be read."""
    me = os.getpid()
    try:
        tids = os.listdir(f"/proc/{me}/task")
    except OSError:
        return False
    for tid in tids:
        data = _read_small(f"/proc/{me}/task/{tid}/children")
        if data is None or data.strip():
            return False  # children, or no such file (CONFIG_PROC_CHILDREN off): scan
    return True


def _read_small(path: str) -> bytes | None:
    """The first 4 KiB of a /proc file, or None (os-level calls: this runs per process)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)


def _kill_strays(before: set[int]) -> None:
    """End every process parented to us since the run began (the VM child's orphans)."""
    for pid in _children() - before:
        _kill(pid)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _status(status: int) -> int:
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    sig = os.WTERMSIG(status)
    print(f"jitvm: the VM process died with signal {sig}", file=sys.stderr)
    return 128 + sig
