"""Exec a program under resource limits: `python limited.py AS=N DATA=N FSIZE=N CPU=S -- cmd...`.

The harness runs the CPython reference through this (it runs the test unsandboxed).
Sizes are bytes, CPU is seconds: its soft limit sends SIGXCPU, the hard one (a
second later) SIGKILL. Limits are only ever lowered, never raised above the
current hard limit. Standalone on purpose: it runs with `-I -S` and imports
nothing of the project.
"""

import os
import resource
import signal
import sys

_NAMES = {
    "AS": resource.RLIMIT_AS,
    "DATA": resource.RLIMIT_DATA,
    "FSIZE": resource.RLIMIT_FSIZE,
    "CPU": resource.RLIMIT_CPU,
}


def _lower(which: int, soft: int, hard: int) -> None:
    _, old_hard = resource.getrlimit(which)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(which, (soft, hard))


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("usage: limited.py NAME=VALUE... -- cmd...", file=sys.stderr)
        return 2
    split = argv.index("--")
    for item in argv[:split]:
        name, _, value = item.partition("=")
        limit = int(value)
        hard = limit + 1 if name == "CPU" else limit
        _lower(_NAMES[name], limit, hard)
    cmd = argv[split + 1 :]
    # This interpreter ignores SIGPIPE and SIGXFSZ; the program gets the defaults,
    # as subprocess's restore_signals would give it.
    for name in ("SIGPIPE", "SIGXFSZ"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    sys.stdout.flush()
    try:
        os.execvp(cmd[0], cmd)
    except OSError as exc:
        print(f"limited.py: cannot run {cmd[0]}: {exc}", file=sys.stderr)
        return 127
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
