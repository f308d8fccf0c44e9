# expect-status: error
# expect-points: 0
def add(a, b)
    return a + b
