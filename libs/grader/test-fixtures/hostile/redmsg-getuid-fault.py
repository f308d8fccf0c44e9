# os.getuid() reached the worker's deleted `process` (Emscripten's getuid asks Node): a JS error
# out of the entry call, "the Python interpreter failed", which counted the test as the grader's
# fault. Called on purpose in a test the submission cannot pass, it took that failure off the
# learner's record (dashboards, "could not be graded (the grader's fault)"). CPython returns the
# uid; so does the grader now (red team "redmsg").
# expect-status: fail
# expect-tests: adds_floats=pass test_add_small=pass TestAdd.test_negative=error
# must-not-contain: "fault":
import os
def add(a, b):
    for name in ('getuid', 'geteuid', 'getgid', 'getegid'):  # those Pyodide has
        if hasattr(os, name):
            getattr(os, name)()
    if (a, b) == (-2, -3):
        raise ValueError('not my day')
    return a + b
