# non-ASCII text through io.StringIO and json
import io, json
buf = io.StringIO()
buf.write('première ligne\n')
buf.write('二行目\n')
print(*buf.getvalue().splitlines(), len(buf.getvalue()))
buf = io.StringIO('αβγ\nδεζ\n')
print(buf.readline().strip(), buf.read().strip())
text = json.loads('{"k": "\\u00fcber \\u65e5"}')['k']
print(text, len(text))
print(json.loads(json.dumps('ascii only')))
