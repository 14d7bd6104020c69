# re.sub with strings, backreferences, counts and functions
import re
print(re.sub(r'\s+', ' ', 'a   b \t c'), re.sub('x', 'y', 'no match'), re.sub('a', 'b', 'aaaa', 2))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'me@home you@work'))
print(re.sub(r'\d', lambda m: str(int(m.group(0)) * 2), 'a1b2c3'))
print(re.sub('^q', '> q', 'quoted'), re.sub('[aeiou]', '', 'remove vowels'))
print(re.sub(r'(\d+)', r'<\1>', 'x 10 y 200'))
