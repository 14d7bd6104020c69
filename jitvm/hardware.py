"""Connects a run to hal: opens the board, hands it to the guest modules, writes traces."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class Hardware:
    def __init__(self, board, flavour: str) -> None:
        self.board = board
        self.flavour = flavour
        self.recorder = None  # hal.sim.recorder.FrameRecorder with --png-dir / --gif

    @classmethod
    def start(cls, vm, args: argparse.Namespace) -> "Hardware":
        import hal
        from .modules import _hw

        kind = getattr(args, "board", None) or "sim"
        kwargs = {"realtime": bool(getattr(args, "realtime", False)),
                  "net": getattr(args, "net", None) or "sim",
                  "net_allow": tuple(getattr(args, "net_allow", None) or ())}
        if getattr(args, "layout", None):
            kwargs["layout"] = args.layout
        if getattr(args, "scenario", None):
            kwargs["scenario"] = args.scenario
        if kind == "linux":
            kwargs.pop("realtime")
            kwargs.pop("scenario", None)
        board = hal.open_board(kind, **kwargs)
        if getattr(args, "clock", None) == "wall" and hasattr(board.clock, "track_wall"):
            board.clock.track_wall = True
        _hw.reset()
        _hw.set_board(board)
        _hw.set_flavor(vm.flavour)
        hw = cls(board, vm.flavour)
        png_dir, gif = getattr(args, "png_dir", None), getattr(args, "gif", None)
        if (png_dir or gif) and hasattr(board, "devices"):
            from hal.sim.recorder import FrameRecorder

            hw.recorder = FrameRecorder(board, png_dir, gif)
        return hw

    def finish(self, args: argparse.Namespace) -> None:
        from .modules import _hw

        try:
            _hw.run_end()  # displays show their last changes before the outputs are written
            if self.recorder is not None:  # first: refreshes in progress go into the trace
                written = self.recorder.finish()
                for path in written:
                    print(f"jitvm: animation saved to {path}", file=sys.stderr)
                if getattr(args, "gif", None) and not written:
                    print("jitvm: --gif: no simulated display refreshed in this run: no GIF "
                          "written", file=sys.stderr)
                for name, n in self.recorder.dropped.items():
                    print(f"jitvm: display '{name}': {n} frames past the GIF's limit were left "
                          "out", file=sys.stderr)
            if getattr(args, "vcd", None):
                self.board.trace.write_vcd(args.vcd)
            if getattr(args, "trace", None):
                self.board.trace.write_json(args.trace)
            png_dir = getattr(args, "png_dir", None)
            if png_dir:
                for name, dev in getattr(self.board, "devices", {}).items():
                    if hasattr(dev, "save_png"):
                        path = Path(png_dir) / f"{name}.png"
                        dev.save_png(str(path))
                        print(f"jitvm: display '{name}' frame saved to {path}", file=sys.stderr)
        finally:
            _hw.reset()
            self.board.close()
