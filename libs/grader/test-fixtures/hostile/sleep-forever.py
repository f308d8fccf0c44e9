# time.sleep ignores the interrupt: the worker is terminated and replaced.
# expect-status: fail
# expect-tests: adds_ints=timeout
import time
def add(a, b):
    if (a, b) == (2, 3):
        time.sleep(60)
    return a + b
