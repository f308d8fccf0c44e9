# Raising KeyboardInterrupt ourselves must not look like a timeout or a pass.
# expect-status: fail
# expect-points: 0
# expect-tests: adds_ints=error
def add(a, b):
    raise KeyboardInterrupt
