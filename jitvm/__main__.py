"""`python -m jitvm` is the `jitvm` command."""

import os
import sys


def _drop_working_directory() -> None:
    """`python -m` puts the working directory first on the host's import path: a guest's
    `re.py` or `types.py` there would be imported as host code by jitvm's own (lazy) imports.
    The `jitvm` console script has no such entry; make `python -m jitvm` the same (unless
    jitvm is being run from its own source tree, whose packages are found there)."""
    cwd = os.getcwd()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.realpath(here) == os.path.realpath(cwd):
        return
    sys.path[:] = [p for p in sys.path if p not in ("", cwd)]


_drop_working_directory()

from .cli import main  # noqa: E402  (after the import path is fixed)

sys.exit(main())
