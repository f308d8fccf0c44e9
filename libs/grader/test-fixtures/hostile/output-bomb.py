# Huge output is truncated with a visible note.
# expect-status: pass
# must-contain: output truncated
def add(a, b):
    if (a, b) == (2, 3):
        print('x' * 1000000)
    return a + b
