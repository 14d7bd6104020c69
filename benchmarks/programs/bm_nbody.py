# Float math: a small n-body simulation with sqrt (correctly rounded, so bit-exact everywhere).

import math

SOLAR_MASS = 39.47841760435743
DAYS_PER_YEAR = 365.24


def make_bodies():
    # x, y, z, vx, vy, vz, mass: a sun and four planets with round-number orbits
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS]]
    planets = (
        (4.84, -1.16, -0.10, 0.606, 2.81, -0.02, 0.037),
        (8.34, 4.12, -0.40, -1.01, 1.82, 0.008, 0.011),
        (12.89, -15.11, -0.22, 1.08, 0.868, -0.01, 0.0017),
        (15.37, -25.91, 0.17, 0.979, 0.594, -0.034, 0.002),
    )
    for x, y, z, vx, vy, vz, m in planets:
        bodies.append([x, y, z, vx, vy, vz, m * SOLAR_MASS / 1000.0])
    return bodies


def advance(bodies, dt, steps):
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                dz = bi[2] - bj[2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                mi = bi[6] * mag
                mj = bj[6] * mag
                bi[3] -= dx * mj
                bi[4] -= dy * mj
                bi[5] -= dz * mj
                bj[3] += dx * mi
                bj[4] += dy * mi
                bj[5] += dz * mi
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        bi = bodies[i]
        e += 0.5 * bi[6] * (bi[3] * bi[3] + bi[4] * bi[4] + bi[5] * bi[5])
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            e -= bi[6] * bj[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (200,),
    (100, 10): (400,),
    (1000, 10): (20000,),
    (5000, 10): (100000,),
}


def bm_setup(params):
    (steps,) = params
    state = None

    def run():
        nonlocal state
        bodies = make_bodies()
        e0 = energy(bodies)
        advance(bodies, 0.01, steps)
        state = (int(e0 * 1e9), int(energy(bodies) * 1e9))

    def result():
        return steps, state

    return run, result
