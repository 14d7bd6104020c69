"""A stand-in for `jitvm` in the harness's tests: CPython runs the test's source.

Usage (what the harness calls): `fake_jitvm.py run --timeout S --root DIR path/to/x.mpy`, with
cwd = the test's folder. It checks the .mpy really is mpy-cross output, then runs
`x.py` from cwd. A marker comment in the test changes its behaviour, so each of the
harness's statuses can be produced on purpose:

    # fake-jitvm: wrong           prints an extra line after the program's output
    # fake-jitvm: crash           dies by SIGSEGV
    # fake-jitvm: exit3           exits with code 3
    # fake-jitvm: hang            sleeps forever (the harness must kill it)
    # fake-jitvm: skip            prints SKIP instead of running
    # fake-jitvm: host-traceback  raises inside the fake itself (a host traceback)

An uncaught exception in the program is printed MicroPython-style (guest frames
only, relative file name) and exits 1, like `jitvm run`.
"""

import os
import signal
import sys
import time
import traceback


def main() -> int:
    args = sys.argv[1:]
    assert args[0] == "run" and args[1] == "--timeout", args
    assert args[3] == "--root" and os.path.samefile(args[4], os.getcwd()), args
    mpy = args[5]
    with open(mpy, "rb") as f:
        if f.read(2) != b"M\x06":
            print(f"{mpy}: not an .mpy v6 file", file=sys.stderr)
            return 2
    source_name = os.path.splitext(os.path.basename(mpy))[0] + ".py"
    with open(source_name) as f:
        source = f.read()
    if "# fake-jitvm: crash" in source:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "# fake-jitvm: exit3" in source:
        return 3
    if "# fake-jitvm: hang" in source:
        time.sleep(3600)
    if "# fake-jitvm: skip" in source:
        print("SKIP")
        return 0
    if "# fake-jitvm: host-traceback" in source:
        raise RuntimeError("internal error in the VM")
    code = compile(source, source_name, "exec")
    try:
        exec(code, {"__name__": "__main__"})  # noqa: S102 - the fake VM runs the test
    except Exception as exc:  # noqa: BLE001 - mimic jitvm's guest traceback
        sys.stdout.flush()
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == source_name]
        print("Traceback (most recent call last):", file=sys.stderr)
        for frame in frames:
            print(
                f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}', file=sys.stderr
            )
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if "# fake-jitvm: wrong" in source:
        print("an extra line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
