"""Frames of a run's display panels as files: one PNG per refresh and/or an animated GIF paced
by virtual time.

PNG names: ``<device>-<frame:04d>-<t_ms>ms.png`` (frame numbers count from 1 per device, the
time is the refresh's virtual time in whole milliseconds), written as each refresh ends.
GIF: one file for one panel; with several, ``<stem>-<device>.gif`` beside the given path.
Each frame lasts until the next refresh; the last one is held for the rest of the run (at
least 0.5 s).  GIF delays are whole centiseconds and viewers slow down frames under 20 ms,
so a frame shorter than that is dropped and the next one shown from its time.  Colours are
quantised to 256 a frame (Pillow).  At most ``max_gif_frames`` frames a panel are kept (the
rest are counted in ``dropped``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

MIN_FRAME_NS = 20_000_000
LAST_FRAME_NS = 500_000_000


def frame_png_name(device: str, number: int, t_ns: int) -> str:
    return f"{device}-{number:04d}-{t_ns // 1_000_000}ms.png"


class FrameRecorder:
    """Listens to every panel of ``board`` (devices with ``frame_listeners``)."""

    def __init__(self, board, png_dir: str | None = None, gif_path: str | None = None,
                 max_gif_frames: int = 600) -> None:  # fmt: skip
        self.board = board
        self.png_dir = None if png_dir is None else Path(png_dir)
        self.gif_path = None if gif_path is None else Path(gif_path)
        self.max_gif_frames = max_gif_frames
        self.frames: dict[str, list[tuple[int, np.ndarray]]] = {}
        self.dropped: dict[str, int] = {}
        self.pngs_written = 0
        self.panels = [d for d in board.devices.values() if hasattr(d, "frame_listeners")]
        for panel in self.panels:
            self.frames[panel.name] = []
            panel.frame_listeners.append(self._on_frame)

    def _on_frame(self, panel, number: int, t_ns: int, rgb: np.ndarray) -> None:
        if self.png_dir is not None:
            from PIL import Image

            path = self.png_dir / frame_png_name(panel.name, number, t_ns)
            Image.fromarray(np.ascontiguousarray(rgb), "RGB").save(path, format="PNG")
            self.pngs_written += 1
        if self.gif_path is not None:
            kept = self.frames[panel.name]
            if len(kept) < self.max_gif_frames:
                kept.append((t_ns, np.array(rgb, np.uint8, copy=True)))
            else:
                self.dropped[panel.name] = self.dropped.get(panel.name, 0) + 1

    def finish(self) -> list[Path]:
        """End refreshes in progress and write the GIF(s); returns the files written."""
        for panel in self.panels:
            panel.flush_frame()
        if self.gif_path is None:
            return []
        written = []
        named = [p for p in self.panels if self.frames[p.name]]
        for panel in named:
            path = self.gif_path
            if len(named) > 1:
                path = path.with_name(f"{path.stem}-{panel.name}{path.suffix}")
            write_gif(path, self.frames[panel.name], self.board.clock.now())
            written.append(path)
        return written


def gif_timeline(times: list[int], end_ns: int) -> list[tuple[int, int]]:
    """(frame index, duration ms) for frames at ``times`` in a run ending at ``end_ns``."""
    out: list[tuple[int, int]] = []
    start = times[0] if times else 0
    for i, t in enumerate(times):
        nxt = times[i + 1] if i + 1 < len(times) else max(end_ns, t + LAST_FRAME_NS)
        if i + 1 < len(times) and nxt - start < MIN_FRAME_NS:
            continue  # too short to show: the next frame takes over from `start`
        out.append((i, max(1, round((nxt - start) / 1_000_000))))
        start = nxt
    return out


def write_gif(path: Path, frames: list[tuple[int, np.ndarray]], end_ns: int) -> None:
    from PIL import Image

    timeline = gif_timeline([t for t, _ in frames], end_ns)
    images = [Image.fromarray(np.ascontiguousarray(frames[i][1]), "RGB") for i, _ in timeline]
    durations = [ms for _, ms in timeline]
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:],
                   duration=durations, loop=0, optimize=False, disposal=1)  # fmt: skip
