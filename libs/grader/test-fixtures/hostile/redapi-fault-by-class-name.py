# A test is counted as the grader's or the exercise's fault (not the learner's) when its message
# starts with one of the grader's own texts; a learner exception's message starts with its class
# name, which can be any text. Named "the Python interpreter failed" or "not run: the hidden tests
# could not be compiled", the submission's own errors were shown to the learner and the
# instructor as the grader's or the exercise's fault, left out of failures and misconceptions on
# the dashboards (red team "redapi", session 8).
# expect-status: fail
# expect-tests: adds_ints=error adds_floats=error test_add_small=pass
# must-not-contain: "fault":
GraderFault = type('the Python interpreter failed', (Exception,), {})
AuthorFault = type('not run: the hidden tests could not be compiled', (Exception,), {})
def add(a, b):
    if (a, b) == (2, 3):
        raise GraderFault('of course not my fault')
    if (a, b) == (0.5, 0.25):
        raise AuthorFault('blame the author')
    return a + b
