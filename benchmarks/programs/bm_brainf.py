# A small interpreter: a brainf*ck VM with precomputed jumps, running a greeting and nested loops.

HELLO = (
    "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------."
    "--------.>>+.>++."
)
# three nested counting loops (8 * 12 * 10 innermost steps) that leave sums in cells 4 and 5
LOOPS = ">>>>>>>>[-]<[-]<[-]<[-]<[-]<[-]++++++++[>++++++++++++[>++++++++++[>+>++<<-]<-]<-]>>>.>."


def compile_jumps(code):
    jumps = [0] * len(code)
    stack = []
    for i, c in enumerate(code):
        if c == "[":
            stack.append(i)
        elif c == "]":
            j = stack.pop()
            jumps[i] = j
            jumps[j] = i
    return jumps


def run_bf(code, jumps):
    tape = bytearray(64)
    out = []
    ptr = 0
    pc = 0
    n = len(code)
    while pc < n:
        c = code[pc]
        if c == "+":
            tape[ptr] = (tape[ptr] + 1) & 0xFF
        elif c == "-":
            tape[ptr] = (tape[ptr] - 1) & 0xFF
        elif c == ">":
            ptr += 1
        elif c == "<":
            ptr -= 1
        elif c == "[":
            if tape[ptr] == 0:
                pc = jumps[pc]
        elif c == "]":
            if tape[ptr] != 0:
                pc = jumps[pc]
        elif c == ".":
            out.append(tape[ptr])
        pc += 1
    return out


def work(rounds):
    code = HELLO + LOOPS
    jumps = compile_jumps(code)
    acc = 0
    out = []
    for _ in range(rounds):
        out = run_bf(code, jumps)
        for b in out:
            acc = (acc * 31 + b) & 0xFFFFFF
    return acc, bytes(out[:12]).decode(), out[-2], out[-1]


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (1,),
    (100, 10): (2,),
    (1000, 10): (100,),
    (5000, 10): (500,),
}


def bm_setup(params):
    (rounds,) = params
    state = None

    def run():
        nonlocal state
        state = work(rounds)

    def result():
        return rounds, state

    return run, result
