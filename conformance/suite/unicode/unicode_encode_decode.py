# UTF-8 encoding and decoding round trips
words = ['plain', 'café', 'naïve', 'Ελληνικά', 'русский', '日本語', '한국어', '😀👍', '']
for w in words:
    b = w.encode('utf-8')
    print(w, len(w), len(b), b.decode('utf-8') == w, str(b, 'utf-8') == w)
print('€'.encode(), bytes('ü', 'utf-8'), b'\xe2\x82\xac'.decode())
print(bytearray('ß', 'utf-8'), bytearray(b'\xc3\x9f').decode())
