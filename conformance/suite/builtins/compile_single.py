# compile(..., "single"): expression statements print their value, as at the REPL
exec(compile("if 1: 10 + 1\n", "file", "single"))
exec(compile("print(10 + 2)", "file", "single"))
exec(compile("None", "file", "single"))
exec(compile("'s'", "file", "single"))
exec(compile("for i in range(2): i * 3\n", "file", "single"))
exec(compile("def f():\n    1 + 1\n    return 7\n", "file", "single"))
exec(compile("f()", "file", "single"))
print(eval(compile("1 + 1", "file", "single")))
