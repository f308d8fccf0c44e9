"""Differential check of the strict helper (sandbox/py/values.py + asserts.py) against the real
CPython running it: random honest values (numbers of every type, containers and their
subclasses, dates, ranges, views, dataclasses, SimpleNamespace, ChainMap, UserDict/UserList/
UserString, mappingproxy, set subclasses, Counters with bool and NaN counts, nested), every comparison operator and every unittest
assertion; the helper's verdict (result, or the exception type) must be CPython's own.

usage: python3 -I -S helper_fuzz.py [seed] [count] [messages]
(`messages`: print the first 20 message differences too.)
Prints a JSON summary on the last line; exit status 1 when a verdict differs, when the
sandbox's Counter order (values.counter_order) is not `Counter.most_common()`'s, or when learner
code ran while the helper built a failure message (learner_calls: ordering methods, a metaclass
__repr__, a property or __getattribute__ outside the object's own repr and __eq__). The helper is
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
import re
import sys
import types
import unittest
from collections import ChainMap, Counter, OrderedDict, UserDict, UserList, UserString, deque, namedtuple
from dataclasses import dataclass, field
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
    wired = {'RaisesContext': rewrite['RaisesContext'], 'SubTestContext': rewrite['SubTestContext'],
             'file_intact': lambda depth: True,
             'testcase_intact': lambda: True, 'unittest_intact': lambda: True,  # (asserts.machinery_intact)
             'mocks_intact': lambda: True, 'doctest_intact': lambda state: True,
             'hidden_function': lambda fn: False}  # no hidden namespace here (lockdown.hidden_function)
    ns['wire_helper'](ns['seal'], wired)
    wired['running_test'][0] = 'fuzz'  # as inside a running function-style test
    wired['counter_order'] = ns['seal'](ns['counter_order'])
    wired['HELPER_OPS'] = ns['HELPER_OPS']
    return wired


def load_helper():
    return load_wired()['helper']


def counter_differences(rng, count, counter_order):
    """The one most_common() order of the sandbox (values.counter_order: Counter's repr and its
    pprint layout) against CPython's own `Counter.most_common()`, on Counters whose counts mix
    ints, bools, floats, NaN and Decimals (ties kept in insertion order, as sorted() does)."""
    counts = [0, 1, 2, -1, True, False, 1.0, 0.5, float('nan'), float('inf'), D('1'), D('0.5')]
    differences = []
    for _ in range(count):
        c = Counter({key: rng.choice(counts) for key in rng.sample('abcdefghij', rng.randint(0, 8))})
        mine = counter_order(list(c.items()))
        try:
            theirs = c.most_common()
        except ArithmeticError:  # a Decimal against a NaN float: InvalidOperation, no order at all
            theirs = None
        if mine != theirs:  # NaN counts: the same objects, compared by `is` first
            differences.append('%r: CPython %r, helper %r' % (dict(c), theirs, mine))
    return differences


P = namedtuple('P', 'x y')


class MyList(list):
    pass


class MyInt(int):
    pass


class MySet(set):
    pass


class MyFrozenSet(frozenset):
    pass


class MyNamespace(types.SimpleNamespace):
    pass


@dataclass
class Pair:
    first: object
    second: object = None


@dataclass(frozen=True)
class Point:  # hashable: a dict key or set element
    x: object
    label: str = field(default='p', repr=False)


@dataclass(repr=False)
class Quiet:  # its repr is object's: pprint prints it on one line
    x: object


SCALARS = [0, 1, -1, 2, True, False, 0.0, -0.0, 1.0, 0.5, 2.5, float('nan'), float('inf'),
           F(1, 2), F(2), F(5, 2), D('0.5'), D('1'), D('2.50'), D('NaN'), 1 + 0j, 0.5 + 0j, 1j,
           'a', 'b', '', 'ab', 'a\nb', b'a', bytearray(b'a'), None, MyInt(1), dt.date(2020, 1, 1),
           dt.date(2020, 1, 2), dt.datetime(2020, 1, 1), dt.timedelta(1), dt.timedelta(0),
           range(3), range(0, 3), (), 'a longer string of words', frozenset({1, 2}), Point(1),
           Point('b')]


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
                       'mylist', 'deque', 'keys', 'dataclass', 'namespace', 'mynamespace', 'chainmap',
                       'userdict', 'userlist', 'userstring', 'proxy', 'myset', 'myfrozenset', 'quiet'])
    pairs = list(zip(hashable, items))
    return {
        'list': lambda: items, 'mylist': lambda: MyList(items), 'tuple': lambda: tuple(items),
        'deque': lambda: deque(items), 'nt': lambda: P(*(items + [0, 0])[:2]),
        'set': lambda: set(hashable), 'frozenset': lambda: frozenset(hashable),
        'keys': lambda: dict.fromkeys(hashable).keys(), 'dict': lambda: dict(pairs),
        'od': lambda: OrderedDict(pairs),
        'counter': lambda: Counter({k: rng.choice([0, 1, 2, 1.0, True, False, float('nan')]) for k in hashable}),
        'dataclass': lambda: Pair(*(items + [None])[:2]), 'quiet': lambda: Quiet(items),
        'namespace': lambda: types.SimpleNamespace(**named(items)),
        'mynamespace': lambda: MyNamespace(**named(items)),
        'chainmap': lambda: ChainMap(*[dict(pairs[i:i + 2]) for i in range(0, len(pairs), 2)]),
        'userdict': lambda: UserDict(pairs), 'userlist': lambda: UserList(items),
        'userstring': lambda: UserString(rng.choice(['ab', 'a longer string of words'])),
        'proxy': lambda: types.MappingProxyType(dict(pairs)),
        'myset': lambda: MySet(hashable), 'myfrozenset': lambda: MyFrozenSet(hashable),
    }[kind]()


def named(items):
    return {name: x for name, x in zip(('b', 'a', 'c'), items)}


def learner_calls(helper, case):
    """Messages laid out by pprint's rules must run no learner code: keys whose class orders
    (CPython's pprint calls their `__lt__`/`__gt__` to sort), a metaclass whose `__repr__` would
    name the type, a dataclass field behind a property, a `__getattribute__`, a set subclass with
    its own `__lt__`, Counter counts of an int subclass with its own `__lt__`. Returns the names
    of the methods that ran while the helper built its failure messages."""
    calls = []

    def from_repr():  # the dataclass's generated __repr__ and __eq__ read its fields: the policy
        return sys._getframe(2).f_code.co_name in ('__repr__', '__eq__')  # for opaque reprs, comparisons

    class Ordered:
        def __init__(self, n):
            self.n = n

        def __lt__(self, other):
            calls.append('__lt__')
            return True

        def __gt__(self, other):
            calls.append('__gt__')
            return True

        def __hash__(self):
            return self.n

        def __repr__(self):
            return 'Ordered(%d)' % self.n

    class Meta(type):
        def __repr__(cls):
            calls.append('metaclass __repr__')
            return 'M'

    class Plain(metaclass=Meta):
        __repr__ = object.__repr__

    @dataclass
    class Record:
        a: object
        b: object = None

        def __getattribute__(self, name):
            if name in ('a', 'b') and not from_repr():
                calls.append('__getattribute__')
            return object.__getattribute__(self, name)

    @dataclass
    class Shadowed:
        a: object

    Shadowed.a = property(lambda self: from_repr() or calls.append('property') or 'p', lambda self, v: None)

    class Tags(frozenset):
        def __lt__(self, other):
            calls.append('set __lt__')
            return False

    class Count(int):
        def __lt__(self, other):
            calls.append('count __lt__')
            return False

    class Keyed:  # orders nothing, but compares and hashes by its own code (redmsgs-pprint-attacks)
        def __init__(self, n):
            self.n = n

        def __eq__(self, other):
            calls.append('item __eq__')
            return False

        def __hash__(self):
            calls.append('item __hash__')
            return self.n

        def __le__(self, other):
            calls.append('item __le__')
            return True

        def __repr__(self):
            return 'Keyed(%d)' % self.n

    long = 'x' * 60
    pairs = [
        ({(Keyed(1), 'a'): long, (Keyed(2), 'b'): long}, {}),
        ([{frozenset({Keyed(1)}): long, frozenset({Keyed(2), Keyed(3)}): long, frozenset({Keyed(4)}): long}], [{}]),
        ({(Keyed(1), long), (Keyed(2), long), (Keyed(3), 'k')}, set()),
        ({Ordered(1): long, Ordered(2): long, 'k': 1}, {}),
        ([{Plain(): long, 1: long, 'k': long}], [{}]),
        ([Record(long, [long, long])], [Record(long)]),
        ([Shadowed(long), long], [long]),
        ([{Tags({1}): long, frozenset({2}): long, Tags({3}): long}], [{}]),
        ([Counter({'a': Count(1), 'b': Count(2), long: Count(3)})], [Counter()]),
        ({Tags({1}), Tags({2}), frozenset({3}), long}, set()),
    ]
    ran = []
    for n, (a, b) in enumerate(pairs):
        for op in ('assertEqual', 'assertSequenceEqual', 'assertDictEqual', 'assertSetEqual', 'assertCountEqual'):
            if n < 3 and op == 'assertCountEqual':
                continue  # counting Keyed items asks their own hash and `==` for the verdict, as Counter does
            del calls[:]
            try:
                helper(op, (a, b), {}, case)
            except Exception:  # a failure, or CPython's own error (KeyError: a dict as a sequence)
                pass
            ran.extend(sorted({'%s: %s' % (op, name) for name in calls} - set(ran)))
    return ran


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


def main(seed, count, show_messages=False):
    rng = random.Random(seed)
    reference = pristine_testcase()('run')
    wired = load_wired()
    helper = wired['helper']
    # the helper sends every op it has no branch of its own for to the assertions, and names in
    # asserts.HELPER_OPS skip that test: the two lists must be the same
    with open(os.path.join(PY, 'asserts.py'), encoding='utf-8') as f:
        source = f.read()
    body = source[source.index('\ndef helper('):]
    body = body[:body.index('\ndef ', 10)]
    assert set(re.findall(r"op == '([a-zA-Z_]*)'", body)) == wired['HELPER_OPS'], 'asserts.HELPER_OPS is out of date'
    assert type(reference).assertEqual is not unittest.TestCase.assertEqual, 'the helper was not wired'
    case = unittest.TestCase()
    differences, messages, examples, message_examples = 0, 0, [], []
    for i in range(count):
        a, b = value(rng), value(rng)
        if rng.random() < 0.2:
            b = a
        if i % 2 == 0:
            op = rng.choice(sorted(OPERATORS))
            theirs = outcome(lambda: OPERATORS[op](a, b))
            if i % 4 == 0:  # what hidden code's one-operator comparisons call (asserts.compare_two)
                mine = outcome(lambda: wired['injected'][1](op, a, b))
            else:
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
        elif theirs[2] != mine[2] and 'OrderedDict' not in theirs[2] + repr(a) + repr(b):
            messages += 1
            if show_messages and len(message_examples) < 20:
                message_examples.append('%s %r %r:\n--- CPython\n%s\n--- helper\n%s' % (op, a, b, theirs[2], mine[2]))
    counters = counter_differences(rng, count // 10, wired['counter_order'])
    ran = learner_calls(helper, case)
    for line in examples + message_examples + counters[:5] + ran:
        print(line)
    print(json.dumps({'seed': seed, 'count': count, 'verdictDifferences': differences,
                      'counterOrderDifferences': len(counters), 'learnerCodeInMessages': len(ran),
                      'messageDifferences': messages, 'python': sys.version.split()[0]}))
    return 1 if differences or counters or ran else 0


if __name__ == '__main__':
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1, int(sys.argv[2]) if len(sys.argv) > 2 else 20000,
                  len(sys.argv) > 3 and sys.argv[3] == 'messages'))
