"""Run one conformance test on jitvm (via mpy-cross) and the references, and judge it.

Statuses, for each implementation column:
- `pass`: stdout equals the expected output byte for byte (after `\\r\\n` -> `\\n`),
  compared by size and SHA-256 of the whole stream, so the verdict is exact even
  when the stored output was cut to its head and tail (see conformance.process).
- `fail`: it ran to the end but printed something else, or exited 1 (jitvm's and
  MicroPython's exit code for an uncaught guest exception; the diff then shows the
  traceback after the output).
- `skip`: its whole output was `SKIP` (MicroPython's convention), or there is no
  `.exp` and CPython cannot run the test (non-zero exit, timeout or `SKIP`).
- a test whose output ends with unittest's report passes when the report says `OK`,
  whatever the expected output (run-tests.py's rule for unittest-based tests).
- `timeout`: the harness killed it after `--timeout` plus grace, or it stopped itself
  with a non-zero exit after running at least `--timeout` seconds (its own watchdog).
- `crash`: anything else abnormal: killed by a signal, an exit code other than 0/1, a
  host (CPython) traceback in jitvm's stderr (a frame whose file is an absolute path
  outside the test's folder, or `<frozen ...>`: guest frames name the test's file as
  mpy-cross was given it, relative), or mpy-cross refusing to compile the test
  (reason `mpy-cross: ...`; then jitvm is not run).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from conformance.config import RunConfig
from conformance.discovery import SuiteTest
from conformance.expected import Expected, exp_file, expected_output
from conformance.process import Output, ProcessOutcome, last_line, run_process, signal_name
from conformance.regex_exp import REGEX_OUTPUT_TESTS, normalise

PASS, FAIL, SKIP, TIMEOUT, CRASH = "pass", "fail", "skip", "timeout", "crash"
STATUSES = (PASS, FAIL, SKIP, TIMEOUT, CRASH)
BAD = (FAIL, TIMEOUT, CRASH)  # statuses that make the run fail

_FRAME = re.compile(r'^\s*File "([^"]*)", line \d+')


@dataclass
class Verdict:
    """One implementation's result on one test."""

    status: str
    reason: str = ""
    output: bytes | None = None  # what it printed (stdout, then stderr on a failure)
    seconds: float = 0.0
    cut: int = 0  # bytes of that output left out of `output` (see Output.shown)


@dataclass
class SuiteResult:
    """A test's results: jitvm's verdict, the reference columns and the expected output."""

    test: SuiteTest
    jitvm: Verdict
    expected: Output | None
    expected_source: str
    refs: dict[str, Verdict] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.jitvm.status


_UNITTEST_RAN = re.compile(rb"Ran (\d+) tests$")
_UNITTEST_RESULT = re.compile(rb"(OK)( \(skipped=(\d+)\))?$|(FAILED) \(failures=(\d+), errors=(\d+)\)$")


def unittest_summary(stdout: bytes) -> tuple[bool, str] | None:
    """A test that ends with unittest's report (a rule of 70 dashes, "Ran N tests", a blank
    line, "OK"/"OK (skipped=K)"/"FAILED (failures=F, errors=E)"): (passed, a note), as
    run-tests.py reads it; None for any other output."""
    lines = stdout.splitlines()
    if len(lines) <= 4 or lines[-4] != b"-" * 70 or lines[-2] != b"":
        return None
    ran, result = _UNITTEST_RAN.match(lines[-3]), _UNITTEST_RESULT.match(lines[-1])
    if ran is None or result is None:
        return None
    n = int(ran.group(1))
    if result.group(1):
        skipped = f", {int(result.group(3))} skipped" if result.group(3) else ""
        return True, f"unittest: {n} ran{skipped}"
    failures, errors = int(result.group(5)), int(result.group(6))
    return False, f"unittest: {n} ran, {failures} failures, {errors} errors"


def has_host_traceback(stderr: bytes, test_folder: Path) -> bool:
    """True when stderr holds a CPython traceback of jitvm itself, not a guest one."""
    text = stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" not in text:
        return False
    for line in text.splitlines():
        match = _FRAME.match(line)
        if not match:
            continue
        filename = match.group(1)
        if filename.startswith("<frozen"):
            return True
        path = Path(filename)
        if path.is_absolute() and not path.is_relative_to(test_folder):
            return True
    return False


def judge(
    outcome: ProcessOutcome,
    expected: Output | bytes,
    timeout: float,
    test_folder: Path | None = None,
    patterned: bool = False,
) -> Verdict:
    """The status of one finished run against the expected output (see module doc)."""
    if isinstance(expected, bytes):
        expected = Output.of(expected)
    stdout, stderr = outcome.stdout, outcome.stderr
    err = stderr.shown()
    both, cut = stdout.shown() + err, stdout.cut + stderr.cut
    secs = outcome.seconds
    if outcome.killed_for_time:
        reason = f"killed after {secs:.1f}s (--timeout {timeout:g})"
        return Verdict(TIMEOUT, reason, both, secs, cut)
    code = outcome.returncode
    if code != 0 and secs >= timeout:
        reason = f"stopped itself after {secs:.1f}s with exit {code}"
        return Verdict(TIMEOUT, reason, both, secs, cut)
    if code is not None and code < 0:
        return Verdict(CRASH, f"killed by {signal_name(code)}", both, secs, cut)
    if code not in (0, 1):
        detail = last_line(err)
        reason = f"exit code {code}" + (f": {detail}" if detail else "")
        return Verdict(CRASH, reason, both, secs, cut)
    if test_folder is not None and has_host_traceback(err, test_folder):
        return Verdict(CRASH, f"host traceback: {last_line(err)}", both, secs, cut)
    if stdout.equals(b"SKIP\n"):
        return Verdict(SKIP, "printed SKIP", stdout.shown(), secs)
    if stdout.equals(b"SKIP-TOO-LARGE\n"):
        return Verdict(SKIP, "printed SKIP-TOO-LARGE", stdout.shown(), secs)
    summary = unittest_summary(stdout.shown())
    if summary is not None:  # run-tests.py judges a unittest file by its own report
        ok, text = summary
        return Verdict(PASS if ok else FAIL, text, stdout.shown(), secs, stdout.cut)
    if code == 1:
        detail = last_line(err) or last_line(stdout.shown()) or "no message"
        return Verdict(FAIL, f"uncaught exception: {detail}", both, secs, cut)
    if stdout.same_as(expected):
        return Verdict(PASS, "", stdout.shown(), secs, stdout.cut)
    if patterned and not stdout.cut and not expected.cut and stdout.size and Output.of(
            normalise(stdout.shown(), expected.shown())).same_as(expected):
        return Verdict(PASS, "matches the expected output's patterns", stdout.shown(), secs)
    return Verdict(FAIL, "output differs from expected", stdout.shown(), secs, stdout.cut)


def compile_mpy(test: SuiteTest, config: RunConfig, out_dir: Path) -> tuple[Path | None, str]:
    """Compile the test with mpy-cross into `out_dir`; (mpy path, '') or (None, reason).

    mpy-cross runs in the test's folder on the bare file name, so the .mpy's source
    name (and so guest tracebacks) read `x.py`; in MicroPython's or CircuitPython's tests/
    tree it runs from the tree on `category/x.py`, as their run-tests.py --via-mpy does
    (their `.exp` files name `circuitpython/traceback_test.py`).
    """
    target = out_dir / (test.path.stem + ".mpy")
    cwd, name = test.folder, test.path.name
    if (test.folder.parent / "run-tests.py").is_file():
        cwd, name = test.folder.parent, f"{test.folder.name}/{test.path.name}"
    cmd = [config.mpy_cross, "-o", str(target), name]
    from jitvm.viper import has_emitter_decorators

    if has_emitter_decorators(test.path.read_bytes()):
        # as run-tests.py --via-mpy does on x64: machine code for @native/@viper functions;
        # jitvm finds the source beside it (in the root) by its bare name and compiles those
        cwd, name = test.folder, test.path.name
        cmd = [config.mpy_cross, "-march=x64", "-o", str(target), name]
    outcome = run_process(cmd, cwd, config.kill_after)
    if outcome.returncode == 0 and target.is_file():
        return target, ""
    if outcome.killed_for_time:
        return None, "mpy-cross: timed out"
    message = last_line(outcome.stderr.shown()) or last_line(outcome.stdout.shown())
    return None, f"mpy-cross: {message or f'exit {outcome.returncode}'}"


def run_jitvm(test: SuiteTest, config: RunConfig, expected: Output) -> Verdict:
    """Compile the test to .mpy and run it with `jitvm run --timeout S file.mpy`."""
    with tempfile.TemporaryDirectory(prefix="jitvm-conf-") as tmp:
        mpy, reason = compile_mpy(test, config, Path(tmp))
        if mpy is None:
            return Verdict(CRASH, reason)
        extra = (["--flavor", config.flavor] if config.flavor else []) + [
            a for p in config.lib_paths for a in ("--path", p)]
        cmd = [*config.jitvm_cmd, "run", *extra, "--timeout", f"{config.timeout:g}", "--root",
               str(test.folder), str(mpy)]
        outcome = run_process(cmd, test.folder, config.kill_after)
    return judge(outcome, expected, config.timeout, test.folder, patterned=_patterned(test))


def run_micropython(test: SuiteTest, config: RunConfig, expected: Output) -> Verdict:
    """The real MicroPython on the same source, judged against the same expected output."""
    assert config.micropython
    outcome = run_process([config.micropython, test.path.name], test.folder, config.kill_after)
    return judge(outcome, expected, config.timeout, patterned=_patterned(test))


def _patterned(test: SuiteTest) -> bool:
    """Is the test's `.exp` a list of patterns (run-tests.py's tests_with_regex_output)?"""
    return (f"{test.path.parent.name}/{test.path.name}" in REGEX_OUTPUT_TESTS
            and exp_file(test) is not None)


def cpython_column(exp: Expected, timeout: float) -> Verdict:
    """Does CPython itself print the expected output? (`--ref both`)."""
    assert exp.cpython is not None
    out = exp.cpython.stdout
    if exp.output is None:
        return Verdict(SKIP, exp.skip_reason, out.shown(), exp.cpython.seconds, out.cut)
    if exp.source == "cpython":
        reason = "expected output is CPython's"
        return Verdict(PASS, reason, exp.output.shown(), exp.cpython.seconds, exp.output.cut)
    return judge(exp.cpython, exp.output, timeout)


# tests MicroPython's run-tests.py --via-mpy skips (via_mpy_tests_to_skip): they print their
# own file name and expect the .py's (category/name -> reason)
VIA_MPY_SKIPS = {
    name: "run-tests.py --via-mpy skips it (prints its file name, expects the .py's)"
    for name in ("import/import_file.py", "io/argv.py", "misc/sys_settrace_features.py",
                 "misc/sys_settrace_generator.py", "misc/sys_settrace_loop.py")
}


# tests run-tests.py runs only on hardware targets, with the board's loopback wiring
# (`target_wiring`, tests_requiring_target_wiring); the unix port skips them (no machine.UART)
TARGET_WIRING_SKIPS = {
    name: "needs target_wiring: a board's loopback wiring, which run-tests.py gives only to "
          "hardware targets"
    for name in ("extmod/machine_spi_rate.py", "extmod/machine_uart_irq_txidle.py",
                 "extmod/machine_uart_tx.py")
}


def run_test(test: SuiteTest, config: RunConfig) -> SuiteResult:
    """Everything for one test: expected output, jitvm's verdict, the reference columns."""
    key = f"{test.path.parent.name}/{test.path.name}"
    reason = VIA_MPY_SKIPS.get(key) or TARGET_WIRING_SKIPS.get(key)
    if reason is not None and (test.folder.parent / "run-tests.py").is_file():
        return SuiteResult(test, Verdict(SKIP, reason), None, "exp",
                           {ref: Verdict(SKIP, reason) for ref in config.refs})
    exp = expected_output(test, config)
    refs: dict[str, Verdict] = {}
    if exp.output is None:
        verdict = Verdict(SKIP, exp.skip_reason)
        for ref in config.refs:
            refs[ref] = Verdict(SKIP, exp.skip_reason)
        return SuiteResult(test, verdict, None, exp.source, refs)
    verdict = run_jitvm(test, config, exp.output)
    if "cpython" in config.refs:
        refs["cpython"] = cpython_column(exp, config.timeout)
    if "micropython" in config.refs:
        refs["micropython"] = run_micropython(test, config, exp.output)
        if verdict.status in BAD:
            verdict.reason = f"{verdict.reason} ({compare_with_micropython(refs['micropython'])})"
    return SuiteResult(test, verdict, exp.output, exp.source, refs)


def compare_with_micropython(micropython: Verdict) -> str:
    """How a jitvm failure reads next to MicroPython's own result on the test."""
    if micropython.status == PASS:
        return "jitvm differs from MicroPython"
    if micropython.status == FAIL:
        return "MicroPython differs from CPython too"
    return f"MicroPython: {micropython.status}"
