import subprocess
import sys
import textwrap
from pathlib import Path


def cpython(src: str) -> str:
    return subprocess.run([sys.executable, "-c", src], capture_output=True, text=True).stdout


def jitvm_run(tmp_path: Path, src: str, *args: str, name: str = "main.py") -> subprocess.CompletedProcess:
    p = tmp_path / name
    p.write_text(textwrap.dedent(src))
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *args, str(p)],
                          capture_output=True, text=True, timeout=120)
