"""The mount table's path lookup and the drive filesystem's path mapping, fuzzed: whatever the
guest passes, a lookup answers (a mount and its path, the root, or nothing) or raises the
guest's own exception, and a path on the drive never leads outside it."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jitvm.gexc import GUEST_EXC
from jitvm.mounts import ROOT, Mount
from jitvm.vm import VM

PARTS = st.sampled_from(["", ".", "..", "a", "b", "mnt", "sub", "lnk", "x\x00y", "é", "//", "\\"])
PATHS = st.lists(PARTS, max_size=8).map("/".join) | st.text(max_size=40)
GUEST_ERRORS = (GUEST_EXC["OSError"], GUEST_EXC["TypeError"])


def _vm(tmp_path: Path) -> VM:
    root = tmp_path / "drive"
    (root / "sub" / "a").mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    if not (root / "lnk").exists():
        os.symlink(outside, root / "lnk")
    return VM(str(root))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=PATHS, cwd=st.sampled_from(["/", "/sub", "/sub/a"]), as_bytes=st.booleans())
def test_drive_paths_stay_inside(tmp_path, path, cwd, as_bytes):
    vm = _vm(tmp_path)
    table = vm.importer.mounts
    table.chdir(cwd)
    table.mounts.insert(0, Mount("/mnt", object()))  # a guest filesystem: looked up, not called
    arg = path.encode("utf-8", "surrogatepass") if as_bytes else path
    try:
        m, out = table.lookup(arg)
    except GUEST_ERRORS:
        return
    if m is None or m is ROOT:
        assert out is None
        return
    assert isinstance(out, bytes if as_bytes else str)
    if m.path == "/mnt":
        # an absolute path, or a relative one while the current folder is the root ("/")
        assert path.lstrip("/").startswith("mnt") and out[:1] in ("/", b"/")
        return
    try:
        host = m.obj._host(out)
    except GUEST_ERRORS:
        return
    root = vm.root.resolve()
    assert host == root or root in host.resolve().parents, (path, host)
