"""A plain-text progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class ProgressBar:
    """`[#####.....] 12/40 3 bad  basics/int1.py`, redrawn in place with `\\r`."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None):
        self.total = max(total, 1)
        self.done = 0
        self.bad = 0
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = isatty() if enabled is None else enabled

    def advance(self, name: str, bad: bool) -> None:
        self.done += 1
        self.bad += int(bad)
        if self.enabled:
            self._draw(name)

    def _draw(self, name: str) -> None:
        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(40, columns // 3))
        filled = width * self.done // self.total
        text = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        if self.bad:
            text += f" {self.bad} bad"
        text = f"{text}  {name}"[: columns - 1]
        self.stream.write("\r" + text.ljust(columns - 1))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            columns = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (columns - 1) + "\r")
            self.stream.flush()
