# expect-status: fail
# expect-tests: adds_ints=memory_limit
def add(a, b):
    if (a, b) == (2, 3):
        hog = []
        while True:
            hog.append(bytearray(2 * 10 ** 7))
    return a + b
