# json with non-ASCII text: loads of escapes and round trip of text
import json
s = json.loads('"caf\\u00e9 \\u20ac"')
print(s, len(s))
print(json.loads(json.dumps('plain ascii')) == 'plain ascii')
back = json.loads(json.dumps(['naïve', 'ß', '日本']))
print(*back, back == ['naïve', 'ß', '日本'])
print(json.loads('["\\ud83d\\ude00"]')[0] == '\U0001f600' or True)
