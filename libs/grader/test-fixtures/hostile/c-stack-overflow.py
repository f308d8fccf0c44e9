# Recursion through a C function (repr of a nested object) with the limit raised runs the worker
# thread's stack out: that test is the learner's RecursionError, the interpreter it unwound
# through is dropped, the job's other tests run in a fresh one, and later learners are unaffected.
# expect-status: fail
# expect-tests: adds_ints=error test_add_small=pass TestAdd.test_pair=pass
import sys
sys.setrecursionlimit(10 ** 6)
class Node:
    def __init__(self, inner):
        self.inner = inner
    def __repr__(self):
        return '(' + repr(self.inner) + ')'
def add(a, b):
    if (a, b) == (2, 3):
        node = None
        for _ in range(200000):
            node = Node(node)
        return len(repr(node))
    return a + b
