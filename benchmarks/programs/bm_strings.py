# String work: split, join, replace, find, upper/lower, %-formatting and str.format.

TEXT = (
    "sensor=temp value=21 unit=C; sensor=humidity value=48 unit=pct; "
    "sensor=pressure value=1013 unit=hPa; sensor=light value=300 unit=lux"
)


def parse_records(text):
    out = []
    for rec in text.split(";"):
        fields = {}
        for part in rec.strip().split(" "):
            k, v = part.split("=")
            fields[k] = v
        out.append(fields)
    return out


def work(n):
    total = 0
    lines = []
    for i in range(n):
        recs = parse_records(TEXT)
        for r in recs:
            v = int(r["value"]) + i
            # %-formatting on purpose: it is a separate code path in MicroPython
            line = "%s:%d%s" % (r["sensor"].upper(), v, r["unit"].lower())  # noqa: UP031
            line2 = "{}|{:>6}|{:04x}".format(r["sensor"], v, v & 0xFFFF)
            total += len(line) + len(line2) + line2.find("|")
            lines.append(line)
        if len(lines) > 40:
            joined = ",".join(lines)
            total += joined.count("TEMP") + len(joined.replace(",", ", "))
            lines = []
        s = "x" * (i % 17) + str(i)
        total += len(s.strip("x")) + s.startswith("xx") + s.endswith("9")
    return total


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (150,),
    (100, 10): (300,),
    (1000, 10): (12000,),
    (5000, 10): (60000,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = work(n)

    def result():
        return n, state

    return run, result
