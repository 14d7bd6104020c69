# MicroPython-specific (.exp from MicroPython 1.29): a guest stream class on io.IOBase: print writes each piece through write(), json reads
# through readinto(); counts beyond what was asked are EIO
import io, json


class Out(io.IOBase):
    def __init__(self):
        self.parts = []

    def write(self, buf):
        self.parts.append(bytes(buf))
        return len(buf)


class In(io.IOBase):
    def __init__(self, data):
        self.data = data

    def readinto(self, buf):
        n = min(len(buf), len(self.data))
        buf[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


class Bad(io.IOBase):
    def write(self, buf):
        return len(buf) + 1

    def ioctl(self, cmd, arg):
        return 0


o = Out()
print("a", 1, "b", sep="-", end="!\n", file=o)
print(o.parts)
print(json.load(In(b'{"k": [1, 2.5, "x"]}')))
try:
    print("x", file=Bad())
except OSError as e:
    print("OSError", e.errno)
print(hasattr(o, "read"), isinstance(o, io.IOBase))
