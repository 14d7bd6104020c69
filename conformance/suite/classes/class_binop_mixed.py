# user classes mixed with builtins in arithmetic and comparisons
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        return Money(self.cents + (o.cents if isinstance(o, Money) else int(o * 100)))
    def __sub__(self, o):
        return Money(self.cents - o.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    def __lt__(self, o):
        return self.cents < o.cents
    def __gt__(self, o):
        return self.cents > o.cents
    def __eq__(self, o):
        return isinstance(o, Money) and self.cents == o.cents
    def __hash__(self):
        return self.cents
    def __repr__(self):
        return '$%d.%02d' % divmod(self.cents, 100)
a = Money(150)
print(a + Money(275), a + 2, a * 3, Money(1000) - a)
print(sorted([Money(5), Money(1), Money(3)]), max([Money(5), Money(9)]))
print(a == Money(150), a != Money(1), len({Money(1), Money(1), Money(2)}))
total = Money(0)
for m in [Money(10)] * 5:
    total = total + m
print(total)
