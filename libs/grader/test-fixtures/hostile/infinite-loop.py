# expect-status: fail
# expect-tests: adds_ints=timeout test_add_small=pass
def add(a, b):
    while (a, b) == (2, 3):
        pass
    return a + b
