# expect-status: fail
# expect-tests: adds_ints=error
import sys
def down(n):
    return down(n + 1) + 1
def add(a, b):
    if (a, b) == (2, 3):
        return down(0)
    return a + b
