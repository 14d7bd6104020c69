# Method calls and attribute access: a class-heavy particle/boid simulation on integers.


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scaled(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    def __init__(self, ident, x, y):
        self.ident = ident
        self.pos = Vec(x, y)
        self.vel = Vec((ident % 7) - 3, (ident % 5) - 2)
        self.bounces = 0

    @property
    def speed2(self):
        return self.vel.dot(self.vel)

    def step(self, world):
        self.pos = self.pos.add(self.vel)
        if self.pos.x < 0 or self.pos.x > world.width:
            self.vel.x = -self.vel.x
            self.bounces += 1
        if self.pos.y < 0 or self.pos.y > world.height:
            self.vel.y = -self.vel.y
            self.bounces += 1


class HeavyParticle(Particle):
    def step(self, world):
        super().step(world)
        self.vel = self.vel.scaled(1)


class World:
    def __init__(self, n):
        self.width = 1000
        self.height = 600
        self.particles = []
        for i in range(n):
            cls = HeavyParticle if i % 4 == 0 else Particle
            self.particles.append(cls(i, (i * 37) % self.width, (i * 91) % self.height))

    def tick(self):
        for p in self.particles:
            p.step(self)

    def summary(self):
        b = 0
        s = 0
        cx = 0
        for p in self.particles:
            b += p.bounces
            s += p.speed2
            cx += p.pos.x + p.pos.y
        return b, s, cx


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (20, 20),
    (100, 10): (30, 30),
    (1000, 100): (150, 1200),
    (5000, 100): (300, 3000),
}


def bm_setup(params):
    n, ticks = params
    state = None

    def run():
        nonlocal state
        w = World(n)
        for _ in range(ticks):
            w.tick()
        state = w.summary()

    def result():
        return n * ticks, state

    return run, result
