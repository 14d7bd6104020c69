# comprehensions, lambdas and generators nested inside classes inside functions
def factory(n):
    class Holder:
        items = [i * n for i in range(4)]
        table = {k: [v for v in range(k)] for k in range(3)}
        def gen(self):
            return (lambda m: [x + m for x in (y * 2 for y in range(3))])(n)
        @staticmethod
        def deep():
            def a():
                def b():
                    return [(lambda z: z + 1)(q) for q in range(2)]
                return b()
            return a()
    return Holder
H = factory(5)
print(H.items, H.table, H().gen(), H.deep())
print(factory(2).items, factory(3)().gen())
