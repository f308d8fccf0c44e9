# Closing the process's standard streams: the next submission must still be graded normally.
# expect-status: pass
import os
os.close(1)
os.close(2)
def add(a, b):
    return a + b
