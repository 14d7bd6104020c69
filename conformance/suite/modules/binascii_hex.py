# binascii.hexlify/unhexlify
import binascii
for data in (b'', b'\x00', b'ab', b'\xde\xad\xbe\xef', bytes(range(16))):
    h = binascii.hexlify(data)
    print(data, h, binascii.unhexlify(h) == data)
print(binascii.unhexlify(b'4a4B4c'), binascii.unhexlify('00ff'))
for bad in ('abc', 'zz'):
    try:
        binascii.unhexlify(bad)
    except (ValueError, TypeError) as e:
        print('error', repr(bad), type(e).__name__ in ('ValueError', 'Error'))
