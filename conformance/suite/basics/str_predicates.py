# str classification predicates on various strings
tests = ['abc', 'ABC', 'Abc', '123', '12a', ' ', '\t\n', '', 'a b', 'A1', '_']
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isspace(), t.isupper(), t.islower())
