# single inheritance, overriding, extending via super()
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '%s says %s' % (self.name, self.sound)
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog, an ' + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + ' (age %d)' % self.age
for a in (Animal('generic'), Dog('rex'), Puppy('bit', 1)):
    print(a.speak(), '|', a.kind())
print(isinstance(Puppy('x', 0), Animal), issubclass(Puppy, Dog), issubclass(Animal, Dog))
print(Puppy.__bases__[0].__name__ if hasattr(Puppy, '__bases__') else 'Dog')
