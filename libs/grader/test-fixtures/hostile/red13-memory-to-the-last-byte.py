# Fills the capped memory to its last bytes with tiny objects the collector is not allowed to
# free (cycles with gc off), in a test it cannot pass: the harness then had no memory left to
# report the MemoryError, the failure escaped as a JS error, "the Python interpreter failed",
# counted as the grader's fault at the submission's will (red team red13). The memory limit
# was reached: that is the verdict, and the next tests run on a fresh interpreter.
# expect-status: fail
# expect-tests: adds_floats=pass rejects_text=pass test_add_small=pass TestAdd.test_negative=memory_limit TestAdd.test_pair=pass adds_ints=pass
# must-not-contain: "fault": interpreter
import gc
def add(a, b):
    if (a, b) == (-2, -3):
        gc.disable()
        while True:
            cycle = []
            cycle.append(cycle)
    return a + b
