# ntptime for jitvm (frozen, MicroPython): asks an NTP server for the time over UDP port 123.
# Same interface as the ntptime module MicroPython's ports freeze: `host`, `timeout`, time(),
# settime(); written for jitvm.
import socket
import struct
import time as _time

host = "pool.ntp.org"
timeout = 1

# seconds from 1900-01-01 (NTP's epoch) to the board's epoch
_NTP_DELTA = 3155673600 if _time.gmtime(0)[0] == 2000 else 2208988800


def time():
    request = bytearray(48)
    request[0] = 0x1B  # leap indicator 0, version 3, mode 3 (client)
    addr = socket.getaddrinfo(host, 123)[0][-1]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        s.sendto(request, addr)
        answer = s.recv(48)
    finally:
        s.close()
    seconds = struct.unpack("!I", answer[40:44])[0]
    return seconds - _NTP_DELTA


def settime():
    t = time()
    import machine

    tm = _time.gmtime(t)
    machine.RTC().datetime((tm[0], tm[1], tm[2], tm[6] + 1, tm[3], tm[4], tm[5], 0))
