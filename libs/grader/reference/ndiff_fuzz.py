"""Differential check of the helper's ndiff (sandbox/py/asserts.py: diff_index ... line_ndiff, a port
of CPython 3.11's difflib SequenceMatcher and Differ) against the machine's difflib.ndiff: random
lists of similar lines (small alphabets, blanks and tabs, lines of 200 characters or more and
lists of 200 lines or more for autojunk, lines with and without a newline); every output line
must be CPython's. unittest's diffs of sequences, dicts and multi-line strings are these lines.

usage: python3 -I -S ndiff_fuzz.py [seed] [count]
Prints a JSON summary on the last line; exit status 1 when an output differs.
"""
import difflib
import json
import os
import random
import sys

PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'sandbox', 'py')


def load_ndiff():
    """line_ndiff wired as asserts.wire_helper wires it, but for the bound (the bytecode check is
    skipped: CPython before 3.12 compiles comprehensions as closures)."""
    ns = {'__name__': 'ndiff_fuzz'}
    for name in ('sealing.py', 'values.py', 'mocks.py', 'asserts.py'):
        with open(os.path.join(PY, name), encoding='utf-8') as f:
            exec(compile(f.read(), name, 'exec'), ns)
    ns['_check_code'] = lambda code, name: None
    seal = ns['seal']
    index_ = seal(ns['diff_index'])
    blocks_ = seal(ns['diff_blocks'], _longest=seal(ns['diff_longest']))
    opcodes_ = seal(ns['diff_opcodes'])
    pair_ = seal(ns['similar_pair'], _index=index_, _blocks=blocks_, _ratio=seal(ns['diff_ratio']))
    guides_ = seal(ns['guide_lines'], _index=index_, _blocks=blocks_, _opcodes=opcodes_)
    # Without the sandbox's bound on the similar-pair search (DIFF_MAX_PAIRS): the port itself
    # is what is compared here, on blocks of up to 250 x 250 lines.
    return seal(ns['line_ndiff'], _index=index_, _blocks=blocks_, _opcodes=opcodes_,
                _fancy=seal(ns['fancy_replace'], _pair=pair_, _guides=guides_, _max_pairs=10 ** 12))


ndiff = load_ndiff()

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rng = random.Random(seed)
count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000

def line(alpha, n):
    return ''.join(rng.choice(alpha) for _ in range(n))

def mutate(s, alpha):
    s = list(s)
    for _ in range(rng.randint(0, 3)):
        op = rng.random()
        p = rng.randint(0, len(s))
        if op < 0.4 and s:
            s[min(p, len(s) - 1)] = rng.choice(alpha)
        elif op < 0.7:
            s.insert(p, rng.choice(alpha))
        elif s:
            del s[min(p, len(s) - 1)]
    return ''.join(s)

diffs = 0
for k in range(count):
    alpha = rng.choice(['ab', 'abc ', 'abcdef\t ', 'xyz0123456789,[]\'" ', 'ab \t\n'])
    size = rng.choice([1, 2, 3, 5, 8, 20, 60, 210, 250])
    width = rng.choice([1, 3, 8, 20, 60, 205])
    a = [line(alpha, rng.randint(0, width)) for _ in range(rng.randint(0, size))]
    if rng.random() < 0.3:
        a = [x + '\n' for x in a]
    b = [mutate(x, alpha) if rng.random() < 0.3 else x for x in a]
    for _ in range(rng.randint(0, 3)):
        if b and rng.random() < 0.5:
            del b[rng.randrange(len(b))]
        else:
            b.insert(rng.randint(0, len(b)), line(alpha, rng.randint(0, width)))
    if rng.random() < 0.2:
        a, b = b, a
    want = list(difflib.ndiff(a, b))
    got = ndiff(a, b)
    if got != want:
        diffs += 1
        if diffs <= 3:
            print(json.dumps({'case': k, 'a': a, 'b': b, 'cpython': want, 'helper': got})[:4000])
print(json.dumps({'seed': seed, 'count': count, 'differences': diffs, 'python': sys.version.split()[0]}))
sys.exit(1 if diffs else 0)
