# Raising the recursion limit and recursing very deeply must not take the grader down. The raised
# limit holds for every test, as in a CPython process: the endless recursion runs into the memory cap.
# expect-status: fail
# expect-tests: adds_ints=memory_limit
import sys
sys.setrecursionlimit(10 ** 6)
def down(n):
    return down(n + 1) + 1
def add(a, b):
    if (a, b) == (2, 3):
        return down(0)
    return a + b
