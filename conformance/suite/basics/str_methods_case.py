# str case methods
words = ['hello', 'WORLD', 'MiXeD cAsE', '', '123abc', 'a-b_c d']
for w in words:
    print(repr(w), w.upper(), w.lower())
for w in words:
    print(w.isupper(), w.islower(), w.isalpha(), w.isdigit(), w.isspace())
print('ab' * 3, 3 * 'xy', 'a' + 'b' + 'c')
print('Hello'.startswith('He'), 'Hello'.endswith('lo'), 'Hello'.startswith(('x', 'H')))
print('Hello'.startswith('l', 2), 'Hello'.endswith('l', 0, 4))
