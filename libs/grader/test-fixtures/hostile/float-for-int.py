# 5.0 == 5 in Python, but adds_ints asks for exact types (exactType): 5.0 is not an int there.
# expect-status: fail
# expect-tests: adds_ints=fail adds_floats=pass
def add(a, b):
    return float(a + b)
