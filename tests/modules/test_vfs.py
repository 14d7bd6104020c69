"""The mount table and user filesystems (os.mount, vfs.mount, storage.mount), against the real
MicroPython binary: the same program, in a fresh folder, printed the same on both.

The unix port's root filesystem is the host's, jitvm's the drive: the programs here use
relative paths on it and mount their own filesystems elsewhere, so both sides see the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

MICROPYTHON = Path(sys.executable).parent / "micropython"

# a user filesystem that prints every call the VM makes on it (as MicroPython's vfs_userfs)
USERFS = '''
import io, os, sys, vfs

class File(io.IOBase):
    def __init__(self, fs, path, mode):
        self.fs, self.path, self.pos = fs, path, 0
        self.text = "b" not in mode
        if "w" in mode:
            fs.files[path] = b""
    def read(self, n=-1):
        d = self.fs.files[self.path][self.pos:] if n < 0 else self.fs.files[self.path][self.pos:self.pos + n]
        self.pos += len(d)
        return str(d, "utf8") if self.text else d
    def readinto(self, buf):
        d = self.fs.files[self.path][self.pos:self.pos + len(buf)]
        buf[:len(d)] = d
        self.pos += len(d)
        return len(d)
    def write(self, b):
        if isinstance(b, str):
            b = bytes(b, "utf8")
        self.fs.files[self.path] += b
        return len(b)
    def ioctl(self, req, arg):
        if self.fs.trace:
            print("  ioctl", req, arg)
        if req == 11:
            return self.fs.bufsize
        return 0 if req == 4 else -1

class FS:
    def __init__(self, name, files, dirs=(), trace=True, bufsize=16):
        self.name, self.files, self.dirs = name, files, set(dirs)
        self.trace, self.bufsize, self.cwd = trace, bufsize, "/"
    def log(self, *a):
        if self.trace:
            print(" ", self.name, *a)
    def _abs(self, p):
        return p if p.startswith("/") else self.cwd.rstrip("/") + "/" + p
    def mount(self, readonly, mkfs):
        self.log("mount", readonly, mkfs)
    def umount(self):
        self.log("umount")
    def stat(self, path):
        self.log("stat", repr(path))
        path = self._abs(path)
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        if path in self.dirs or path == "/":
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)
    def statvfs(self, path):
        self.log("statvfs", repr(path))
        return (512, 512, 10, 5, 5, 0, 0, 0, 0, 255)
    def open(self, path, mode):
        self.log("open", repr(path), mode)
        path = self._abs(path)
        if "w" not in mode and path not in self.files:
            raise OSError(2)
        return File(self, path, mode)
    def ilistdir(self, path):
        self.log("ilistdir", repr(path))
        base = self._abs(path).rstrip("/") + "/"
        names = sorted(set(p[len(base):].split("/")[0] for p in list(self.files) + list(self.dirs)
                           if p.startswith(base) and p != base))
        return iter([(n, 0x4000 if base + n in self.dirs else 0x8000, 0) for n in names])
    def chdir(self, path):
        self.log("chdir", repr(path))
        self.cwd = self._abs(path)
    def getcwd(self):
        self.log("getcwd")
        return self.cwd
    def mkdir(self, path):
        self.log("mkdir", repr(path))
        self.dirs.add(self._abs(path))
    def rmdir(self, path):
        self.log("rmdir", repr(path))
        self.dirs.discard(self._abs(path))
    def remove(self, path):
        self.log("remove", repr(path))
        del self.files[self._abs(path)]
    def rename(self, a, b):
        self.log("rename", repr(a), repr(b))
        self.files[self._abs(b)] = self.files.pop(self._abs(a))

def attempt(fn, *args):
    try:
        r = fn(*args)
        print(" ->", r)
    except OSError as e:
        print(" -> OSError", e.errno)
'''

PROGRAMS = {
    "import_traced": '''
        fs = FS("u", {
            "/m1.py": b"print('in m1', __name__, __file__)\\nimport m2",
            "/m2.py": b"print('in m2')",
            "/pkg/__init__.py": b"print('pkg init', __path__)",
            "/pkg/sub.py": b"print('pkg.sub', __file__)",
            "/ns/leaf.py": b"print('ns.leaf')",
            "/bad.py": b"def f(:",
            "/bad2.mpy": b"not an mpy",
            "/text.txt": b"some text",
        }, dirs=("/pkg", "/ns"))
        vfs.mount(fs, "/uf")
        sys.path.append("/uf")
        import m1
        import pkg.sub
        import ns.leaf
        try:
            import bad
        except SyntaxError:
            print("SyntaxError")
        try:
            import bad2
        except ValueError as e:
            print("ValueError", e)
        try:
            import missing
        except ImportError:
            print("ImportError")
        f = open("/uf/text.txt")
        print(f.read())
        sys.path.pop()
        vfs.umount("/uf")
    ''',
    "mount_table": '''
        a = FS("a", {"/x.txt": b"AX"}, dirs=("/d",))
        b = FS("b", {"/y.txt": b"BY"})
        vfs.mount(a, "/a")
        vfs.mount(b, "/b/c")
        attempt(vfs.mount, FS("c", {}), "/a")          # in use
        print(open("/a/x.txt").read(), open("/b/c/y.txt").read())
        attempt(os.stat, "/a")
        attempt(os.stat, "/a/d")
        attempt(os.stat, "/b/c/y.txt")
        attempt(os.statvfs, "/a")
        attempt(os.listdir, "/a")
        attempt(os.mkdir, "/a")
        attempt(os.mkdir, "/a/new")
        attempt(os.rename, "/a/x.txt", "/b/c/x.txt")    # across filesystems
        attempt(os.rename, "/a/x.txt", "/a/z.txt")
        attempt(os.remove, "/a/z.txt")
        attempt(os.rmdir, "/a/new")
        os.chdir("/a/d")
        attempt(os.getcwd)
        f = open("rel.txt", "w")
        f.write("relative")
        print(sorted(a.files))
        attempt(os.listdir)
        os.chdir("/b/c")
        attempt(os.getcwd)
        attempt(vfs.umount, "/nowhere")
        vfs.umount(b)                                   # the current one: back to the root
        attempt(os.getcwd)
        vfs.umount("/a")
        attempt(open, "/a/x.txt")
    ''',
    "posix_subfolder": '''
        os.mkdir("sub")
        with open("sub/f.txt", "w") as f:
            print(f.write("hello"))
        here = os.getcwd()
        m = vfs.VfsPosix("sub")
        vfs.mount(m, "/m")
        print(open("/m/f.txt").read())
        os.mkdir("/m/dir")
        os.chdir("/m/dir")
        attempt(os.getcwd)
        os.chdir("..")
        attempt(os.getcwd)
        print(sorted(os.listdir()))
        os.chdir(here)
        vfs.umount("/m")
        vfs.mount(vfs.VfsPosix("sub"), "/ro", readonly=True)
        print(open("/ro/f.txt").read())
        attempt(open, "/ro/new.txt", "w")
        attempt(os.mkdir, "/ro/x")
        attempt(os.remove, "/ro/f.txt")
        attempt(os.rename, "/ro/f.txt", "/ro/g.txt")
        vfs.umount("/ro")
        os.rmdir("sub/dir")
        os.remove("sub/f.txt")
        os.rmdir("sub")
        print(os.listdir())
    ''',
    "stream_windows": '''
        with open("w.bin", "wb") as f:
            print(f.write(b"0123456789", 4))
            print(f.write(b"0123456789", 6, 3))
            print(f.write(b"abc", 10, 3))
        buf = bytearray(8)
        with open("w.bin", "rb") as f:
            print(f.readinto(buf, 3), buf)
            print(f.readinto(buf), buf)
        os.remove("w.bin")
    ''',
    "mpy_chunks": '''
        # an .mpy served by a readinto that assigns whole slices (perf_bench's import tests)
        data = MPY
        class F(io.IOBase):
            def __init__(self):
                self.off = 0
            def ioctl(self, req, arg):
                return 0 if req == 4 else -1
            def readinto(self, buf):
                buf[:] = memoryview(data)[self.off:self.off + len(buf)]
                self.off += len(buf)
                return len(buf)
        class Only:
            def mount(self, r, m):
                pass
            def stat(self, path):
                if path == "/__mod.mpy":
                    return tuple(0 for _ in range(10))
                raise OSError(2)
            def open(self, path, mode):
                return F()
        vfs.mount(Only(), "/__r")
        sys.path.insert(0, "/__r")
        for i in range(3):
            sys.modules.clear()
            mod = __import__("__mod")
        print(mod.result, mod.f(4))
    ''',
}

MPY_SOURCE = "result = 123\ndef f(x):\n    return x * 2\n"


def _mpy_literal(tmp_path: Path) -> str:
    from jitvm.compiler import compile_source

    return repr(compile_source(MPY_SOURCE, "__mod.py"))


def _program(name: str, tmp_path: Path) -> str:
    body = textwrap.dedent(PROGRAMS[name])
    if "MPY" in body:
        body = body.replace("MPY", _mpy_literal(tmp_path), 1)
    return USERFS + body


def _run_both(name: str, tmp_path: Path) -> tuple[str, str]:
    src = _program(name, tmp_path)
    outs = []
    for impl in ("micropython", "jitvm"):
        d = tmp_path / impl
        d.mkdir()
        (d / "main.py").write_text(src)
        cmd = ([str(MICROPYTHON), "main.py"] if impl == "micropython"
               else [sys.executable, "-m", "jitvm", "run", "main.py"])
        r = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=120,
                           env=dict(os.environ))
        outs.append(r.stdout + r.stderr)
    return outs[0], outs[1]


@pytest.mark.skipif(not MICROPYTHON.exists(), reason="the real MicroPython binary is a test extra")
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_as_micropython(name, tmp_path):
    expected, got = _run_both(name, tmp_path)
    assert "Traceback" not in expected, expected
    assert got == expected


def test_userfs_import_trace_shape(tmp_path):
    """Independent of the binary: the stat/open/ioctl sequence of an import from a user FS."""
    d = tmp_path / "drive"
    d.mkdir()
    (d / "main.py").write_text(_program("import_traced", tmp_path))
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", "main.py"], cwd=d,
                       capture_output=True, text=True, timeout=120)
    lines = r.stdout.splitlines()
    k = lines.index("  u stat '/m1'")
    assert lines[k:k + 6] == ["  u stat '/m1'", "  u stat '/m1.py'", "  u open '/m1.py' rb",
                              "  ioctl 11 0", "  ioctl 4 0", "in m1 m1 /uf/m1.py"]
    assert "ValueError incompatible .mpy file" in lines


def test_circuitpython_storage_mount_umount_getmount(tmp_path):
    """CircuitPython's storage.mount(filesystem, mount_path, *, readonly): the same table."""
    (tmp_path / "code.py").write_text(textwrap.dedent('''
        import storage, os, io
        class FS:
            def mount(self, readonly, mkfs):
                print("mount", readonly, mkfs)
            def umount(self):
                print("umount")
            def stat(self, path):
                return (0x8000, 0, 0, 0, 0, 0, 3, 0, 0, 0)
            def open(self, path, mode):
                return io.StringIO("abc " + path)
            def ilistdir(self, path):
                return iter([("a.txt", 0x8000, 0)])
        fs = FS()
        storage.mount(fs, "/sd", readonly=True)
        print(storage.getmount("/sd") is fs, os.listdir("/sd"), open("/sd/a.txt").read())
        print(type(storage.getmount("/")).__name__, storage.getmount("/").readonly)
        try:
            storage.mount(FS(), "/sd")
        except OSError as e:
            print("in use", e.errno)
        storage.umount("/sd")
        try:
            storage.getmount("/sd")
        except OSError as e:
            print("gone", e.errno)
        print(hasattr(os, "mount"), sorted(os.listdir("/")))
    '''))
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", "--flavor", "circuitpython",
                        "code.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.stdout.splitlines() == [
        "mount True False",
        "True ['a.txt'] abc /a.txt",
        "VfsFat False",
        "mount False False",
        "in use 1",
        "umount",
        "gone 22",
        "True ['code.py']",
    ], r.stdout + r.stderr


@pytest.mark.parametrize("flavor, expected", [
    # MicroPython (checked against the binary below): a folder without __init__ comes first
    ("micropython", ["namespace", "done"]),
    # CircuitPython follows PEP 420 (its issue 10614): package, module, then namespace package
    ("circuitpython", ["module", "done"]),
])
def test_module_or_namespace_package_of_the_same_name(tmp_path, flavor, expected):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared.py").write_text("kind = 'module'\n")
    (tmp_path / "main.py").write_text(
        "import shared\nprint(getattr(shared, 'kind', 'namespace'))\nprint('done')\n")
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", "--flavor", flavor, "main.py"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.stdout.splitlines() == expected, r.stdout + r.stderr
    if flavor == "micropython" and MICROPYTHON.exists():
        m = subprocess.run([str(MICROPYTHON), "main.py"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=60)
        assert m.stdout.splitlines() == expected
