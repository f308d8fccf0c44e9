# A loop that catches BaseException (and so the interrupt) is terminated; a test that
# returns the right value after ignoring the interrupt is still a timeout.
# expect-status: fail
# expect-tests: adds_ints=timeout test_add_small=timeout
def add(a, b):
    if (a, b) in ((2, 3), (1, 2)):
        while True:
            try:
                while True:
                    pass
            except BaseException:
                if (a, b) == (1, 2):
                    return a + b
    return a + b
