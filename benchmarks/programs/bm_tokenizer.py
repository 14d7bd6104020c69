# A state machine: a JSON-ish tokenizer and recursive-descent parser written char by char.

DOC = (
    '{"board": "feather", "pins": [1, 2, 3, 13, 21], "sensors": [{"name": "temp", '
    '"addr": 118, "enabled": true, "offset": -12}, {"name": "light", "addr": 57, '
    '"enabled": false, "offset": 0}], "meta": {"rev": 7, "tags": ["a", "bc", "def"], '
    '"note": null}}'
)


def tokenize(s):
    toks = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in " \n\t":
            i += 1
        elif c in "{}[]:,":
            toks.append((c, None))
            i += 1
        elif c == '"':
            j = i + 1
            while s[j] != '"':
                j += 1
            toks.append(("s", s[i + 1 : j]))
            i = j + 1
        elif c == "-" or c.isdigit():
            j = i + 1
            while j < n and s[j].isdigit():
                j += 1
            toks.append(("n", int(s[i:j])))
            i = j
        elif c.isalpha():
            j = i
            while j < n and s[j].isalpha():
                j += 1
            word = s[i:j]
            toks.append(("k", {"true": True, "false": False, "null": None}[word]))
            i = j
        else:
            raise ValueError("bad char")
    return toks


class Parser:
    def __init__(self, toks):
        self.toks = toks
        self.pos = 0

    def take(self, kind):
        t = self.toks[self.pos]
        if t[0] != kind:
            raise ValueError("expected " + kind)
        self.pos += 1
        return t[1]

    def value(self):
        kind, val = self.toks[self.pos]
        if kind == "{":
            return self.obj()
        if kind == "[":
            return self.arr()
        self.pos += 1
        return val

    def obj(self):
        self.take("{")
        out = {}
        while self.toks[self.pos][0] != "}":
            key = self.take("s")
            self.take(":")
            out[key] = self.value()
            if self.toks[self.pos][0] == ",":
                self.pos += 1
        self.take("}")
        return out

    def arr(self):
        self.take("[")
        out = []
        while self.toks[self.pos][0] != "]":
            out.append(self.value())
            if self.toks[self.pos][0] == ",":
                self.pos += 1
        self.take("]")
        return out


def work(rounds):
    acc = 0
    doc = None
    for _ in range(rounds):
        toks = tokenize(DOC)
        doc = Parser(toks).value()
        acc += len(toks) + sum(doc["pins"]) + doc["sensors"][0]["offset"]
    return acc, doc["meta"]["tags"], doc["sensors"][1]["addr"]


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (40,),
    (100, 10): (80,),
    (1000, 10): (3200,),
    (5000, 10): (16000,),
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
