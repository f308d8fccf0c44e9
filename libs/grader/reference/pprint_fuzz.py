"""Differential check of the helper's pprint port (asserts.value_pformat, the diff in unittest's
messages) against CPython's own pprint through unittest: random nested values with long strs and
bytes, dict/list/tuple/set/str/bytes subclasses, Counter (and a subclass), defaultdict, deque
(with maxlen, and a subclass), frozenset, a list inside itself; `assertEqual` on both sides with
maxDiff None. Verdicts must agree; messages are counted (ids in pprint's recursion markers are
blanked; OrderedDict reprs are 3.12+ style by design; assertSetEqual's item lines follow each
interpreter's set order and are not pprint's).

usage: python3 -I -S pprint_fuzz.py [seed] [count]
Prints examples of differences, then a JSON summary on the last line.
"""
import json
import os
import random
import re
import sys
import unittest
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import helper_fuzz as hf  # noqa: E402
from collections import Counter, OrderedDict, defaultdict, deque
class MyList(list): pass
class MyDict(dict): pass
class MyTuple(tuple): pass
class Tally(Counter): pass
class DD(defaultdict): pass
class Q(deque): pass
class MyStr(str): pass
class MyBytes(bytes): pass
class MySet(set): pass
class Own(list):
    def __repr__(self): return list.__repr__(self)
WORDS = ['alpha', 'beta gamma', 'x' * 30, 'delta epsilon zeta ' * 3, '', 'a\nb\n', 'long line ' * 9]
def scalar(rng):
    return rng.choice([rng.randint(-5, 10 ** rng.randint(1, 12)), rng.choice(WORDS), rng.random() * 1000, None, True,
                       MyStr(rng.choice(WORDS)), bytes(rng.randrange(256) for _ in range(rng.randint(0, 30))),
                       MyBytes(b'ab' * rng.randint(0, 30)), bytearray(b'xy' * rng.randint(0, 30))])
def value(rng, depth=0):
    if depth > 3 or rng.random() < 0.3:
        return scalar(rng)
    n = rng.randint(0, 6)
    items = [value(rng, depth + 1) for _ in range(n)]
    keys = [rng.choice(['k%d' % i for i in range(12)] + list(range(6))) if rng.random() < 0.8 else ('t', i) for i in range(n)]
    kind = rng.choice(['list', 'tuple', 'dict', 'mylist', 'mydict', 'mytuple', 'tally', 'counter', 'dd', 'mydd', 'deque', 'q', 'qmax', 'set', 'myset', 'frozenset', 'own', 'rec'])
    if kind == 'list': return items
    if kind == 'tuple': return tuple(items)
    if kind == 'mylist': return MyList(items)
    if kind == 'mytuple': return MyTuple(items)
    if kind == 'own': return Own(items)
    if kind in ('dict', 'mydict', 'dd', 'mydd'):
        d = dict(zip(keys, items))
        return {'dict': dict, 'mydict': MyDict}[kind](d) if kind in ('dict', 'mydict') else (defaultdict if kind == 'dd' else DD)(list, d)
    if kind in ('tally', 'counter'):
        d = {k: rng.randint(-3, 20) for k in keys}
        return (Tally if kind == 'tally' else Counter)(d)
    if kind == 'deque': return deque(items)
    if kind == 'q': return Q(items)
    if kind == 'qmax': return deque(items, maxlen=rng.randint(n, n + 3))
    if kind in ('set', 'myset', 'frozenset'):
        s = {rng.randint(0, 10 ** rng.randint(1, 9)) for _ in range(n * 3)}
        return {'set': set, 'myset': MySet, 'frozenset': frozenset}[kind](s)
    if kind == 'rec':
        r = list(items)
        r.append(r)
        return r
def norm(m):
    return re.sub(r'with id=\d+', 'with id=N', m)
def main(seed, count):
    rng = random.Random(seed)
    ref = hf.pristine_testcase()('run'); ref.maxDiff = None
    helper = hf.load_helper()
    case = unittest.TestCase(); case.maxDiff = None
    diffs = verdicts = fails = multi = 0
    for i in range(count):
        a = value(rng)
        b = value(rng) if rng.random() < 0.5 else a
        if rng.random() < 0.7:
            a, b = [a, scalar(rng)], [b, scalar(rng)]
        theirs = hf.outcome(lambda: ref.assertEqual(a, b))
        fails += theirs[0] == 'fail'
        multi += theirs[0] == 'fail' and theirs[2].count('\n') > 8
        mine = hf.outcome(lambda: helper('assertEqual', (a, b), {}, case))
        if theirs[:2] != mine[:2]:
            verdicts += 1
            if verdicts < 4:
                print('VERDICT', repr(a)[:200], repr(b)[:200], theirs[:2], mine[:2])
        elif norm(theirs[2]) != norm(mine[2]) and 'OrderedDict' not in theirs[2] and 'set but not the' not in theirs[2]:
            diffs += 1
            if diffs < 4:
                print('--- CPython\n' + theirs[2][:1500] + '\n--- engine\n' + mine[2][:1500])
    print(json.dumps({'seed': seed, 'count': count, 'verdictDifferences': verdicts, 'messageDifferences': diffs,
                      'failures': fails, 'multiLine': multi, 'python': sys.version.split()[0]}))
    return 1 if verdicts or diffs else 0


if __name__ == '__main__':
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1, int(sys.argv[2]) if len(sys.argv) > 2 else 2000))
