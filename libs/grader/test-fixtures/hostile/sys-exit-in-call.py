# expect-status: fail
# expect-points: 0
import sys
def add(a, b):
    sys.exit(0)
