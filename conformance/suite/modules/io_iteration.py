# iterating over StringIO lines and using it with print
import io
f = io.StringIO('a\nbb\n\nccc')
print([line for line in f])
out = io.StringIO()
for i in range(3):
    print(i, i * i, sep=':', file=out)
print(repr(out.getvalue()))
lines = io.StringIO(out.getvalue())
total = 0
while True:
    line = lines.readline()
    if not line:
        break
    total += int(line.split(':')[1])
print(total)
f.close()
print('closed')
