# 5.0 is not 5: comparisons are type-strict.
# expect-status: fail
# expect-tests: adds_ints=fail adds_floats=pass
def add(a, b):
    return float(a + b)
