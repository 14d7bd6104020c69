"""pytest plugin: `pytest --jitvm-suite PATH` runs each conformance test as one pytest item.

Registered through the `pytest11` entry point `jitvm_suite`. Without `--jitvm-suite`
it does nothing. With it, each test file under PATH becomes an item named by its
relative path (`basics/int_arith.py`), so `-k`, `-n auto` (pytest-xdist) and
`--junitxml` work as usual; a failing item shows the reason and the unified diff;
a test that prints SKIP (or that CPython cannot run) is a pytest skip.
When no positional paths are given, only the suite runs (not `testpaths`).
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest

from conformance.config import RunConfig, ToolNotFound
from conformance.discovery import SuiteTest, find_tests
from conformance.execute import BAD, SKIP, SuiteResult, run_test
from conformance.summary import unified_diff

_ROOTS = pytest.StashKey[dict[Path, set[Path] | None]]()
from conformance.discovery import load_known_failures  # noqa: E402 - shared with the CLI

_CONFIG = pytest.StashKey[RunConfig]()
_KNOWN = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jitvm-suite", "jitvm conformance suite")
    group.addoption(
        "--jitvm-suite",
        action="append",
        default=[],
        metavar="PATH",
        help="collect every .py under PATH (or the file PATH) as a jitvm conformance test",
    )
    group.addoption(
        "--jitvm-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds per conformance test (default 10)",
    )
    group.addoption(
        "--jitvm-known-failures",
        default=None,
        metavar="FILE",
        help="tests expected to fail, one 'category/name.py  reason' a line: marked xfail(strict)",
    )
    group.addoption(
        "--jitvm-cmd",
        default=None,
        metavar="CMD",
        help="command that starts jitvm (default $JITVM_CMD or 'python -P -m jitvm')",
    )


def pytest_configure(config: pytest.Config) -> None:
    paths = config.getoption("jitvm_suite", default=None)
    if not paths:
        return
    # Folder -> the files chosen in it (None: all). A file is collected through its
    # folder: handed to pytest directly, the python plugin would import it as a module.
    roots: dict[Path, set[Path] | None] = {}
    for raw in paths:
        path = Path(raw).resolve()
        if not path.exists():
            raise pytest.UsageError(f"--jitvm-suite {raw}: no such file or folder")
        if path.is_dir():
            roots[path] = None
        else:
            chosen = roots.setdefault(path.parent, set())
            if chosen is not None:
                chosen.add(path)
    config.stash[_ROOTS] = roots
    run_config = RunConfig(timeout=config.getoption("jitvm_timeout"))
    if config.getoption("jitvm_cmd"):
        run_config.jitvm_cmd = shlex.split(config.getoption("jitvm_cmd"))
    config.stash[_CONFIG] = run_config
    config.stash[_KNOWN] = load_known_failures(config.getoption("jitvm_known_failures"))
    suite_args = [str(root) for root in roots]
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        config.args = [*config.args, *suite_args]
    else:
        config.args = suite_args  # not testpaths: the user asked for the suite


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    roots = parent.config.stash.get(_ROOTS, None)
    if not roots or path.resolve() not in roots:
        return None
    return SuiteDir.from_parent(parent, path=path)


class SuiteDir(pytest.Directory):
    """A suite folder: its test files (recursively) become items, nothing is imported."""

    def collect(self) -> list[pytest.Item]:
        chosen = self.config.stash[_ROOTS][self.path.resolve()]
        tests = find_tests(self.path)
        if chosen is not None:
            tests = [t for t in tests if t.path in chosen]
            # A file handed over alone takes its folder's name as category, as in the CLI.
            tests = [
                SuiteTest(t.path, f"{t.path.parent.name}/{t.path.name}", t.path.parent.name)
                for t in tests
            ]
        known = self.config.stash.get(_KNOWN, {})
        items = []
        for t in tests:
            item = SuiteItem.from_parent(self, name=t.name, test=t)
            if t.name in known:
                item.add_marker(pytest.mark.xfail(reason=known[t.name], strict=True))
            items.append(item)
        return items


class SuiteTestFailed(Exception):
    """jitvm failed, crashed or timed out on a conformance test."""

    def __init__(self, result: SuiteResult):
        super().__init__(result.jitvm.reason)
        self.result = result


class SuiteItem(pytest.Item):
    """One conformance test file, run through mpy-cross and `jitvm run`."""

    def __init__(self, *, test: SuiteTest, **kwargs: Any):
        super().__init__(**kwargs)
        self.test = test

    def _run_config(self) -> RunConfig:
        run_config = self.config.stash[_CONFIG]
        if not run_config.mpy_cross:
            try:
                run_config.resolve_tools()
            except ToolNotFound as exc:
                raise pytest.UsageError(str(exc)) from exc
        return run_config

    def runtest(self) -> None:
        result = run_test(self.test, self._run_config())
        if result.status == SKIP:
            # Reported at the test file, not at this line, like a skip mark is.
            raise pytest.skip.Exception(result.jitvm.reason, _use_item_location=True)
        if result.status in BAD:
            raise SuiteTestFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, SuiteTestFailed):
            result = excinfo.value.result
            lines = [f"{self.test.name}: {result.status}: {result.jitvm.reason}"]
            diff = unified_diff(result)
            if diff:
                lines.append(diff.rstrip("\n"))
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        # Line 0: the whole file. The domain (failure headline) is the file's path: the
        # terminal would rewrite '.' to '::' in a domain that ends the node id.
        try:
            shown = self.test.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            shown = self.test.path.as_posix()
        return self.test.path, 0, shown
