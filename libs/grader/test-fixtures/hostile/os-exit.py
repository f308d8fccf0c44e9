# os._exit ends the interpreter: every test still gets a verdict.
# expect-status: fail
# expect-points: 0
import os
def add(a, b):
    os._exit(0)
