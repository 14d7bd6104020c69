"""Find conformance test files under the paths given and name them by category."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SuiteTest:
    """One test program: a `.py` file run on every implementation and compared."""

    path: Path  # absolute path of the .py file
    name: str  # relative path shown in reports, e.g. "basics/int_arith.py"
    category: str  # folder relative to the root, e.g. "basics"

    @property
    def folder(self) -> Path:
        """The folder tests run in (cwd), as MicroPython's run-tests.py does."""
        return self.path.parent


class DiscoveryError(ValueError):
    """A path given to the harness does not exist or holds nothing runnable."""


def _is_test_file(path: Path) -> bool:
    # every *.py except package markers; helper modules next to the tests (import1b.py)
    # print nothing when run on their own, as run-tests.py runs them too
    return path.suffix == ".py" and path.name != "__init__.py"


# folders of MicroPython's tests/ that are no test folders of run-tests.py's kind
_NOT_TEST_DIRS = {"feature_check", "internal_bench", "perf_bench", "testlib", "cpydiff",
                  "__pycache__"}


def _direct_tests(folder: Path) -> list[Path]:
    """The tests of one test folder: its .py files directly in it, as run-tests.py takes
    them (helper packages in subfolders, e.g. import/pkg*, are not tests)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if _is_test_file(folder / n) and (folder / n).is_file()]


def _walk(root: Path) -> list[Path]:
    """A folder's tests. A folder with .py files directly in it is one test folder, unless it
    is a tests/ root (it has run-tests.py): then, as for a folder of category folders (our own
    conformance/suite), each subfolder is a test folder. Sorted: the same order on every
    machine and every xdist worker (workers must collect identical lists)."""
    direct = _direct_tests(root)
    if direct and not (root / "run-tests.py").is_file():
        return direct
    found = []
    for d in sorted(os.listdir(root)):
        sub = root / d
        if sub.is_dir() and d not in _NOT_TEST_DIRS and not d.startswith("."):
            found.extend(_direct_tests(sub))
    return found


def find_tests(path: str | os.PathLike[str]) -> list[SuiteTest]:
    """Tests in one PATH argument: a folder (walked recursively) or a single file.

    A test's category is its folder relative to the folder given (files directly in
    it take that folder's own name); a file given directly takes its parent's name.
    """
    root = Path(path).resolve()
    if root.is_file():
        if root.suffix != ".py":
            raise DiscoveryError(f"{path}: not a .py test file")
        category = root.parent.name or "."
        return [SuiteTest(root, f"{category}/{root.name}", category)]
    if not root.is_dir():
        raise DiscoveryError(f"{path}: no such file or folder")
    tests = []
    for file in _walk(root):
        rel = file.relative_to(root)
        category = rel.parent.as_posix() if rel.parent != Path(".") else root.name
        name = rel.as_posix() if rel.parent != Path(".") else f"{root.name}/{rel.name}"
        tests.append(SuiteTest(file, name, category))
    return tests


def discover(paths: list[str], keyword: list[str] | None = None) -> list[SuiteTest]:
    """All tests under `paths`, de-duplicated, filtered by `-k` substrings.

    A test is kept when any keyword occurs in its name (case-insensitive, like
    pytest's `-k` for plain words). Names made unique if two roots collide.
    """
    seen: set[Path] = set()
    tests: list[SuiteTest] = []
    names: set[str] = set()
    for path in paths:
        for test in find_tests(path):
            if test.path in seen:
                continue
            seen.add(test.path)
            if test.name in names:
                test = SuiteTest(test.path, test.path.as_posix(), test.category)
            names.add(test.name)
            tests.append(test)
    if keyword:
        words = [k.lower() for k in keyword]
        tests = [t for t in tests if any(w in t.name.lower() for w in words)]
    return tests


def load_known_failures(path: str | None) -> dict[str, str]:
    """{test name: reason} from a known-failures file (blank lines and # comments skipped):
    one test name per line, then its reason."""
    if not path:
        return {}
    known: dict[str, str] = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        known[name] = reason.strip() or "known failure"
    return known
