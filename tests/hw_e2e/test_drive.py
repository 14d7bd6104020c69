"""A folder run as a CIRCUITPY drive: its scenario.toml (and the scenario's board), boot.py and
boot_out.txt, settings.toml through os.getenv, --watch's reload, storage.remount and a
read-only drive, the program names looked for. Expected texts come from CircuitPython's
supervisor (`main.c`), `supervisor/shared/settings.c` with its test
`tests/circuitpython/getenv.py(.exp)`, and `shared-module/storage/__init__.c`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def jitvm(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([PYTHON, "-m", "jitvm", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)


def drive(tmp_path: Path, files: dict) -> Path:
    d = tmp_path / "CIRCUITPY"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(textwrap.dedent(text))
    return d


def test_the_drives_scenario_is_loaded(tmp_path):
    run = jitvm("run", str(ROOT / "examples" / "button_keypad"))
    assert run.returncode == 0, run.stderr
    assert "A pressed at 260 ms" in run.stdout, run.stdout  # the scenario's button presses


def test_scenario_none_turns_it_off(tmp_path):
    run = jitvm("run", "--scenario", "none", "--timeout", "20",
                str(ROOT / "examples" / "button_keypad"))
    assert "pressed" not in run.stdout, run.stdout


SCENARIO_PICO = """
    [scenario]
    layout = "raspberry_pi_pico"
    [[device]]
    type = "led"
    pin = "GP15"
"""


def test_the_scenarios_layout_selects_the_board(tmp_path):
    d = drive(tmp_path, {"scenario.toml": SCENARIO_PICO,
                         "code.py": "import board, sys\nprint(board.board_id, sys.platform)\n"})
    run = jitvm("run", str(d))
    assert run.returncode == 0, run.stderr
    assert run.stdout == "raspberry_pi_pico RP2040\n", run.stdout


def test_a_conflicting_layout_is_a_one_line_error(tmp_path):
    d = drive(tmp_path, {"scenario.toml": SCENARIO_PICO, "code.py": "print(1)\n"})
    run = jitvm("run", "--layout", "adafruit_feather_rp2040", str(d))
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "raspberry_pi_pico" in lines[0], run.stderr


def test_boot_py_runs_first_and_writes_boot_out(tmp_path):
    d = drive(tmp_path, {"boot.py": "print('from boot')\n", "code.py": "print('from code')\n",
                         "scenario.toml": SCENARIO_PICO})
    run = jitvm("run", str(d))
    assert run.returncode == 0, run.stderr
    assert run.stdout == "from code\n"  # boot.py's output goes to boot_out.txt only
    lines = (d / "boot_out.txt").read_text().splitlines()
    # main.c: "%s\nBoard ID:%s\n" with MICROPY_FULL_VERSION_INFO, then UID:, "boot.py output:"
    assert lines[0].startswith("Adafruit CircuitPython 10.0.3 on "), lines
    assert lines[0].endswith("; Raspberry Pi Pico with rp2040"), lines
    assert lines[1] == "Board ID:raspberry_pi_pico"
    assert lines[2].startswith("UID:") and len(lines[2]) == 4 + 16
    assert lines[3:] == ["boot.py output:", "from boot"]
    mtime = (d / "boot_out.txt").stat().st_mtime_ns
    time.sleep(0.05)
    jitvm("run", str(d))
    assert (d / "boot_out.txt").stat().st_mtime_ns == mtime  # unchanged: not rewritten


def test_boot_py_error_goes_to_boot_out_and_code_still_runs(tmp_path):
    d = drive(tmp_path, {"boot.py": "x = 1\nraise ValueError('bad')\n", "code.py": "print('ran')\n"})
    run = jitvm("run", str(d))
    assert run.stdout == "ran\n" and run.returncode == 0, run.stderr
    text = (d / "boot_out.txt").read_text()
    assert text.endswith('boot.py output:\nTraceback (most recent call last):\n'
                         '  File "boot.py", line 2, in <module>\nValueError: bad\n'), text


# CircuitPython's own test file for getenv, and what it expects (tests/circuitpython/getenv.py)
SETTINGS = (
    '\n# comment\nkey0 = "hello world"\nkey1 = 7\nkey2= "\\n"\nkey3 ="\\u00c1x"\n'
    'key4 = "\\U000000c1x"\nkey5 = "\\f\\"\\\\"\nkey6 = "\\t\\r\\b"\n'
    ' key9 = "hello comment" # comment\n  key10 = 0x7f # comment\nkey11 = 0\n'
    '[section]\nsubvalue = "hi"\n'
)
EXPECTED = {"key0": "hello world", "key1": "7", "key2": "\n", "key3": "Áx", "key4": "Áx",
            "key5": '\x0c"\\', "key6": "\t\r\x08", "key9": "hello comment", "key10": "0x7f",
            "key11": "0", "key12": None, "subvalue": None}
BAD = ['key = "\n', 'key = """\n', "key =\n", 'key="']

GETENV_PROGRAM = """
    import os
    for k in {keys!r}:
        print(k, repr(os.getenv(k)))
    print(os.getenv("key12", "dflt"), os.getenv("key0", default="d"))
    with open("settings.toml", "wb") as f:
        f.write(b"noeol=3")
    print(repr(os.getenv("noeol")))
    for bad in {bad!r}:
        with open("settings.toml", "w") as f:
            f.write(bad)
        print(repr(os.getenv("key", "fallback")))
    with open("settings.toml", "w") as f:
        f.write("key = this is an unquoted string\\n")
    print(repr(os.getenv("key")))
"""


def test_settings_toml_feeds_os_getenv(tmp_path):
    for crlf in (False, True):
        d = tmp_path / ("crlf" if crlf else "lf")
        d.mkdir()
        (d / "settings.toml").write_bytes(
            SETTINGS.replace("\n", "\r\n" if crlf else "\n").encode())
        (d / "code.py").write_text(textwrap.dedent(
            GETENV_PROGRAM.format(keys=list(EXPECTED), bad=BAD)))
        run = jitvm("run", str(d))
        assert run.returncode == 0, run.stdout + run.stderr
        want = [f"{k} {v!r}" for k, v in EXPECTED.items()]
        want += ["dflt hello world", "'3'"] + ["'fallback'"] * len(BAD)
        want += ["'this is an unquoted string'"]
        assert run.stdout.splitlines() == want, run.stdout


def test_read_only_drive_refuses_writes_with_erofs(tmp_path):
    d = drive(tmp_path, {"code.py": """
        import os
        for f in (lambda: open("a.txt", "w"), lambda: os.mkdir("d"), lambda: os.remove("code.py")):
            try:
                f()
            except OSError as e:
                print(e.errno)
        import storage
        print(storage.getmount("/").readonly)
        try:
            storage.remount("/", readonly=False)
        except RuntimeError as e:
            print(e)
    """})
    run = jitvm("run", "--read-only-drive", str(d))
    assert run.stdout == "30\n30\n30\nTrue\nCannot remount path when visible via USB.\n", \
        run.stdout + run.stderr
    assert sorted(os.listdir(d)) == ["code.py"]


def test_boot_py_remounts_the_drive_writable_for_code(tmp_path):
    d = drive(tmp_path, {"boot.py": "import storage\nstorage.remount('/', readonly=False)\n",
                         "code.py": "open('log.txt', 'w').write('hi')\nprint('wrote')\n"})
    run = jitvm("run", "--read-only-drive", str(d))
    assert run.stdout == "wrote\n", run.stdout + run.stderr
    assert (d / "log.txt").read_text() == "hi"


def test_remount_of_another_path_is_einval(tmp_path):
    d = drive(tmp_path, {"code.py": """
        import storage
        try:
            storage.remount("/lib", True)
        except OSError as e:
            print(e.errno)
        storage.remount("/", True)
        try:
            open("x", "w")
        except OSError as e:
            print(e.errno)
    """})
    run = jitvm("run", str(d))
    assert run.stdout == "22\n30\n", run.stdout + run.stderr


def test_a_folder_without_a_program_lists_the_names(tmp_path):
    (tmp_path / "empty").mkdir()
    run = jitvm("run", str(tmp_path / "empty"))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    for name in ("code.txt", "code.py", "main.py", "main.txt"):
        assert name in lines[0]


def test_code_txt_is_a_program(tmp_path):
    d = drive(tmp_path, {"code.txt": "print('txt')\n"})
    run = jitvm("run", str(d))
    assert run.stdout == "txt\n", run.stderr


def test_watch_reruns_code_when_a_file_changes(tmp_path):
    d = drive(tmp_path, {"code.py": "print('v1')\nopen('own.txt', 'w').write('x')\n"})
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.Popen([PYTHON, "-m", "jitvm", "run", "--watch", str(d)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        out = []
        while "Press any key" not in "".join(out):
            out.append(p.stdout.readline())
        time.sleep(0.6)  # the program's own write did not reload it
        (d / "code.py").write_text("print('v2')\n")
        while "v2" not in out[-1]:
            out.append(p.stdout.readline())
        rest, err = _interrupt_and_read(p)
    finally:
        if p.poll() is None:
            p.kill()
    text = "".join(out) + rest
    assert text == (
        "Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\n"
        "code.py output:\nv1\n\nCode done running.\n\n"
        "Press any key to enter the REPL. Use CTRL-D to reload.\n"
        "soft reboot\n"
        "Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\n"
        "code.py output:\nv2\n\nCode done running.\n\n"
        "Press any key to enter the REPL. Use CTRL-D to reload.\n"), text + err


def _interrupt_and_read(p) -> tuple[str, str]:
    """Ctrl-C, then the rest of the output. Read through p.stdout itself: lines already
    read ahead into its buffer would be lost to communicate(), which reads the pipe's fd."""
    import threading

    p.send_signal(signal.SIGINT)
    killer = threading.Timer(20, p.kill)  # a hang fails the test instead of blocking it
    killer.start()
    try:
        rest = p.stdout.read()
        err = p.stderr.read()
        p.wait()
    finally:
        killer.cancel()
    return rest, err


def _watch_until(p, out: list, marker: str, deadline: float) -> None:
    while marker not in "".join(out):
        assert time.monotonic() < deadline, "".join(out)
        line = p.stdout.readline()
        assert line, "".join(out) + f"\n[ended, status {p.wait()}]\n" + p.stderr.read()
        out.append(line)


def test_watch_stops_a_running_program_when_a_file_changes(tmp_path):
    d = drive(tmp_path, {"code.py": """
        import time
        print('v1')
        n = 0
        while True:
            n += 1
            if n % 1000 == 0:
                time.sleep(0.01)
    """, "data.csv": "1\n"})
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.Popen([PYTHON, "-m", "jitvm", "run", "--watch", str(d)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        out: list[str] = []
        deadline = time.monotonic() + 30
        _watch_until(p, out, "v1", deadline)
        (d / "data.csv").write_text("2\n")  # not a watched file: no reload
        time.sleep(0.6)
        (d / "code.py").write_text("import supervisor\nprint('v2')\nsupervisor.reload()\n")
        _watch_until(p, out, "v2", deadline)
        _watch_until(p, out, "v2", deadline)
        (d / "code.py").write_text("print('v3')\n")
        _watch_until(p, out, "Press any key", deadline)
        rest, err = _interrupt_and_read(p)
    finally:
        if p.poll() is None:
            p.kill()
    text = "".join(out) + rest
    head = ("Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\n"
            "code.py output:\n")
    # main.c: "\nCode stopped by auto-reload. Reloading soon.\n" when a file changed during the
    # run; supervisor.reload(): "\nCode done running.\n" then an immediate soft reboot
    assert text.startswith(head + "v1\n\nCode stopped by auto-reload. Reloading soon.\n"
                           "soft reboot\n" + head + "v2\n\nCode done running.\n"), text + err
    assert text.endswith("soft reboot\n" + head + "v3\n\nCode done running.\n\n"
                         "Press any key to enter the REPL. Use CTRL-D to reload.\n"), text + err
