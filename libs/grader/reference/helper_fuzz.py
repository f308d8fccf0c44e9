"""Differential check of the strict helper (sandbox/py/values.py + asserts.py) against the real
CPython running it: random honest values (numbers of every type, containers and their
subclasses, dates, ranges, views, nested), every comparison operator and every unittest
assertion; the helper's verdict (result, or the exception type) must be CPython's own.

usage: python3 -I -S helper_fuzz.py [seed] [count]
Prints a JSON summary on the last line; exit status 1 when a verdict differs. The helper is
loaded here unsealed-checked (`_check_code` is skipped: CPython before 3.12 compiles
comprehensions as closures), otherwise exactly as the sandbox wires it. Messages are compared
too and reported as a count (pprint/ndiff layouts of exotic values may differ; OrderedDict
reprs differ between 3.11 and the sandbox's 3.14 by design). CPython's side runs on copies of
unittest's own TestCase methods taken before the helper is wired (pristine_testcase): wiring
replaces unittest.TestCase's assertions in this process too.
"""
import datetime as dt
import decimal
import json
import os
import random
import sys
import unittest
from collections import Counter, OrderedDict, deque, namedtuple
from decimal import Decimal as D
from fractions import Fraction as F

PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'sandbox', 'py')


def load_wired():
    """The helper's sealed functions, wired as the sandbox wires them (S['helper'], S['encode']...)."""
    ns = {'__name__': 'grader_fuzz'}
    for name in ('sealing.py', 'values.py', 'mocks.py', 'asserts.py'):
        with open(os.path.join(PY, name), encoding='utf-8') as f:
            exec(compile(f.read(), name, 'exec'), ns)
    ns['_check_code'] = lambda code, name: None
    rewrite = {'__name__': 'grader_fuzz_rewrite'}
    with open(os.path.join(PY, 'rewrite.py'), encoding='utf-8') as f:
        exec(compile(f.read(), 'rewrite.py', 'exec'), rewrite)
    ns['LEGACY_ASSERTIONS'] = rewrite['LEGACY_ASSERTIONS']  # as python-worker.mjs exports it
    # No submission file here: the source routes the strict assertions check are always intact.
    wired = {'RaisesContext': rewrite['RaisesContext'], 'file_intact': lambda depth: True}
    ns['wire_helper'](ns['seal'], wired)
    wired['running_test'][0] = 'fuzz'  # as inside a running function-style test
    return wired


def load_helper():
    return load_wired()['helper']


P = namedtuple('P', 'x y')


class MyList(list):
    pass


class MyInt(int):
    pass


SCALARS = [0, 1, -1, 2, True, False, 0.0, -0.0, 1.0, 0.5, 2.5, float('nan'), float('inf'),
           F(1, 2), F(2), F(5, 2), D('0.5'), D('1'), D('2.50'), D('NaN'), 1 + 0j, 0.5 + 0j, 1j,
           'a', 'b', '', 'ab', 'a\nb', b'a', bytearray(b'a'), None, MyInt(1), dt.date(2020, 1, 1),
           dt.date(2020, 1, 2), dt.datetime(2020, 1, 1), dt.timedelta(1), dt.timedelta(0),
           range(3), range(0, 3), ()]


def value(rng, depth=0):
    if depth > 2 or rng.random() < 0.45:
        return rng.choice(SCALARS)
    items = [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    hashable = []
    for x in items:
        try:
            hash(x)
            hashable.append(x)
        except TypeError:
            pass
    kind = rng.choice(['list', 'tuple', 'set', 'frozenset', 'dict', 'counter', 'od', 'nt',
                       'mylist', 'deque', 'keys'])
    pairs = list(zip(hashable, items))
    return {
        'list': lambda: items, 'mylist': lambda: MyList(items), 'tuple': lambda: tuple(items),
        'deque': lambda: deque(items), 'nt': lambda: P(*(items + [0, 0])[:2]),
        'set': lambda: set(hashable), 'frozenset': lambda: frozenset(hashable),
        'keys': lambda: dict.fromkeys(hashable).keys(), 'dict': lambda: dict(pairs),
        'od': lambda: OrderedDict(pairs),
        'counter': lambda: Counter({k: rng.choice([0, 1, 2, 1.0]) for k in hashable}),
    }[kind]()


def outcome(fn):
    try:
        return ('value', fn(), '')
    except AssertionError as exc:
        return ('fail', None, str(exc))
    except (TypeError, ValueError, KeyError, decimal.InvalidOperation) as exc:
        return ('raises', type(exc).__name__, '')


OPERATORS = {'==': lambda a, b: a == b, '!=': lambda a, b: a != b, '<': lambda a, b: a < b,
             '<=': lambda a, b: a <= b, '>': lambda a, b: a > b, '>=': lambda a, b: a >= b,
             'in': lambda a, b: a in b}
ASSERTIONS = ['assertEqual', 'assertNotEqual', 'assertIn', 'assertNotIn', 'assertCountEqual',
              'assertListEqual', 'assertTupleEqual', 'assertSetEqual', 'assertDictEqual',
              'assertSequenceEqual', 'assertLess', 'assertGreaterEqual', 'assertAlmostEqual',
              'assertNotAlmostEqual', 'assertTrue', 'assertFalse', 'assertIsNone',
              'assertMultiLineEqual']


def pristine_testcase():
    """A TestCase subclass holding copies of unittest's own methods, taken before the helper is
    wired: wire_helper replaces unittest.TestCase's assertions with the strict ones in this
    process too (asserts.install_class_assertions), so CPython's side of the comparison would
    otherwise run the helper against itself."""
    own = {k: v for k, v in vars(unittest.TestCase).items() if k not in ('__dict__', '__weakref__')}
    return type('PristineTestCase', (unittest.TestCase,), own)


def main(seed, count):
    rng = random.Random(seed)
    reference = pristine_testcase()('run')
    helper = load_helper()
    assert type(reference).assertEqual is not unittest.TestCase.assertEqual, 'the helper was not wired'
    case = unittest.TestCase()
    differences, messages, examples = 0, 0, []
    for i in range(count):
        a, b = value(rng), value(rng)
        if rng.random() < 0.2:
            b = a
        if i % 2 == 0:
            op = rng.choice(sorted(OPERATORS))
            theirs = outcome(lambda: OPERATORS[op](a, b))
            mine = outcome(lambda: helper('cmp', ((op,), a, b), {}))
        else:
            op = rng.choice(ASSERTIONS)
            args = (a,) if op in ('assertTrue', 'assertFalse', 'assertIsNone') else (a, b)
            kwargs = rng.choice([{}, {'msg': 'note'}])
            if 'Almost' in op:
                kwargs = rng.choice([{}, {'places': 2}, {'delta': 0.5}])
            theirs = outcome(lambda: getattr(reference, op)(*args, **kwargs))
            mine = outcome(lambda: helper(op, args, kwargs, case))  # on a TestCase of its own, as a function-style test
        if theirs[:2] != mine[:2]:
            # unittest's own message building can raise: pprint sorts Decimal('NaN') dict keys
            pprint_sorting_nan = theirs[1] == 'InvalidOperation' and mine[0] == 'fail'
            if not pprint_sorting_nan:
                differences += 1
                if len(examples) < 20:
                    examples.append('%s %r %r: CPython %s, helper %s' % (op, a, b, theirs[:2], mine[:2]))
        elif theirs[2] != mine[2] and 'OrderedDict' not in theirs[2]:
            messages += 1
    for line in examples:
        print(line)
    print(json.dumps({'seed': seed, 'count': count, 'verdictDifferences': differences,
                      'messageDifferences': messages, 'python': sys.version.split()[0]}))
    return 1 if differences else 0


if __name__ == '__main__':
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1, int(sys.argv[2]) if len(sys.argv) > 2 else 20000))
