# int.to_bytes and int.from_bytes
for n in (0, 1, 255, 256, 0x1234, 0xdeadbeef):
    print(n, n.to_bytes(4, 'big'), n.to_bytes(4, 'little'))
print(int.from_bytes(b'\x01\x02', 'big'), int.from_bytes(b'\x01\x02', 'little'))
print(int.from_bytes(b'\xff\xff\xff\xff', 'big'))
print(int.from_bytes(b'', 'big'))
print(int.from_bytes(b'\x00' * 10 + b'\x01', 'big'))
print((2 ** 80).to_bytes(12, 'big'))
print(int.from_bytes((2 ** 80 + 5).to_bytes(11, 'little'), 'little') == 2 ** 80 + 5)
print(int.from_bytes(bytearray(b'\x10\x20'), 'little'))
