# multiple inheritance without diamonds: attribute lookup goes left to right
class Flyer:
    def move(self):
        return 'fly'
    def fly_speed(self):
        return 10
class Swimmer:
    def move(self):
        return 'swim'
    def swim_speed(self):
        return 3
class Duck(Flyer, Swimmer):
    pass
class Fish(Swimmer, Flyer):
    pass
d = Duck()
f = Fish()
print(d.move(), f.move(), d.fly_speed(), d.swim_speed(), f.fly_speed())
print(isinstance(d, Flyer), isinstance(d, Swimmer), issubclass(Fish, Flyer))
class Named:
    def __init__(self):
        self.name = 'named'
class Sized:
    size = 42
class Thing(Named, Sized):
    def describe(self):
        return self.name, self.size
print(Thing().describe())
