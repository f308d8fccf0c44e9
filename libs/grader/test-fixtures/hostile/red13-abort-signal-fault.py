# os.abort() and signal.raise_signal() of a signal whose default action ends the process were JS
# errors out of the interpreter in Pyodide (a wasm trap; Emscripten's exit writing the worker's
# frozen `process`): "the Python interpreter failed", counted as the grader's fault, at the
# submission's will, in tests it could not pass (as redmsg-getuid-fault). A number past the
# signal table (65) called whatever memory followed Emscripten's table of handlers. CPython's
# process dies of these signals; here the test ends in a SystemExit of the submission's
# (as os._exit), and 65 is CPython's OSError (red team red13).
# expect-status: fail
# expect-tests: adds_floats=error rejects_text=pass test_add_small=pass TestAdd.test_negative=error TestAdd.test_pair=error adds_ints=pass
# must-not-contain: "fault": interpreter
import os, signal
def add(a, b):
    if (a, b) == (-2, -3):
        os.abort()
    if (a, b) == (10, 20):
        signal.raise_signal(signal.SIGTERM)
    if (a, b) == (0.5, 0.25):
        signal.raise_signal(65)
    if (a, b) == (2, 3):
        signal.raise_signal(signal.SIGCHLD)  # ignored by default: returns, as under CPython
        signal.raise_signal(0)
    return a + b
