# attribute lookup through the inheritance chain, overriding class attrs
class Base:
    color = 'red'
    size = 1
    def info(self):
        return self.color, self.size
class Mid(Base):
    color = 'green'
class Leaf(Mid):
    size = 3
print(Base().info(), Mid().info(), Leaf().info())
Base.size = 10
print(Mid().info(), Leaf().info())
l = Leaf()
l.color = 'blue'
print(l.info(), Leaf.color)
del Leaf.size
print(Leaf().info())
print(hasattr(Leaf, 'info'), Leaf.info is Base.info)
