"""Differential data for the host's comparison of declarative cases (src/python-equality.ts)
against CPython's own `==`: random honest values (every number type, containers and their
subclasses, dates, nesting) as a submission would return them, each paired with an expected
value an author could write in an exercise (plain JSON with the `$` escapes of
src/python-value.ts): often the same data in other types (a Counter against the dict it holds,
1 against 1.0, a namedtuple against a tuple), sometimes a value changed in one place, sometimes
another random value.

usage: python3 -I -S case_fuzz.py [seed] [count]
Prints one JSON line per pair: {"actual": the sandbox's tagged encoding of the value (values.py
`encode`, wired as the sandbox wires it), "expected": the author's JSON, "equal": CPython's
`actual == expected`, "text": both reprs}. python-value-cpython.spec.ts checks that the host
decides each pair as CPython did.
"""
import datetime as dt
import json
import math
import os
import random
import sys
from collections import Counter, OrderedDict, deque
from decimal import Decimal as D
from fractions import Fraction as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helper_fuzz import P, MyInt, MyList, load_wired, pristine_testcase  # noqa: E402

SCALARS = [0, 1, -1, 2, 3, True, False, 0.0, -0.0, 1.0, 0.5, 2.5, 1e300, 2 ** 53, 2 ** 53 + 1,
           10 ** 30, float('inf'), float('-inf'), float('nan'), F(1, 2), F(2), F(5, 2), F(1, 3),
           D('0.5'), D('1'), D('1.0'), D('2.50'), D('1e2'), 1 + 0j, 0.5 + 0j, 1j, 2 - 1j, 'a', 'b',
           '', 'ab', 'a\nb', b'a', b'', bytearray(b'a'), None, MyInt(1), MyInt(3),
           dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.datetime(2020, 1, 1),
           dt.datetime(2020, 1, 1, 12, 30, tzinfo=dt.timezone.utc),
           dt.datetime(2020, 1, 1, 13, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
           dt.time(12, 30), dt.timedelta(1), dt.timedelta(0), dt.timedelta(seconds=90)]


def value(rng, depth=0):
    if depth > 2 or rng.random() < 0.4:
        return rng.choice(SCALARS)
    items = [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    hashable = [x for x in items if is_hashable(x)]
    pairs = list(zip(hashable, items))
    kind = rng.choice(['list', 'tuple', 'set', 'frozenset', 'dict', 'counter', 'od', 'nt', 'mylist',
                       'deque', 'strdict'])
    return {
        'list': lambda: items, 'mylist': lambda: MyList(items), 'tuple': lambda: tuple(items),
        'deque': lambda: deque(items), 'nt': lambda: P(*(items + [0, 0])[:2]),
        'set': lambda: set(hashable), 'frozenset': lambda: frozenset(hashable),
        'dict': lambda: dict(pairs), 'od': lambda: OrderedDict(pairs),
        'strdict': lambda: {str(i) + 'k': x for i, x in enumerate(items)},
        'counter': lambda: Counter({k: rng.choice([0, 1, 2, 1.0]) for k in hashable}),
    }[kind]()


def is_hashable(x):
    try:
        hash(x)
        return True
    except TypeError:
        return False


def authored(x, rng):
    """What an author could write for the data in x: plain types only (a subclass becomes its
    base, a deque a list, a namedtuple a tuple), sometimes another number type of equal value."""
    t = type(x)
    if isinstance(x, bool) or x is None or t is str or t is bytes:
        return x
    if isinstance(x, int):
        return rng.choice([int(x), int(x), float(x) if abs(x) < 2 ** 60 else int(x), D(int(x)), F(int(x))])
    if t is float:
        if x != x:
            return float('nan')  # a new object, as the expected value parsed from an exercise is
        return rng.choice([x, x, D(x) if math.isfinite(x) else x, F(x) if math.isfinite(x) else x])
    if t in (F, D, complex) or isinstance(x, (dt.date, dt.time, dt.timedelta)):
        return x
    if t is bytearray:
        return bytes(x)
    if isinstance(x, dict):
        return {authored(k, rng): authored(v, rng) for k, v in x.items()}
    if isinstance(x, (set, frozenset)):
        made = [authored(v, rng) for v in x]
        return (set if isinstance(x, set) else frozenset)(v for v in made if is_hashable(v))
    if isinstance(x, tuple):
        return tuple(authored(v, rng) for v in x)
    if isinstance(x, (list, deque)):
        return [authored(v, rng) for v in x]
    raise TypeError(t)


def changed(x, rng):
    """x with one element replaced by a random scalar, where it has one."""
    if type(x) is list and x:
        y = list(x)
        y[rng.randrange(len(y))] = authored(rng.choice(SCALARS), rng)
        return y
    if type(x) is dict and x:
        y = dict(x)
        y[rng.choice(list(y))] = authored(rng.choice(SCALARS), rng)
        return y
    return authored(rng.choice(SCALARS), rng)


def escaped(x):
    """x as an exercise's JSON with the `$` escapes (src/python-value.ts)."""
    t = type(x)
    if x is None or t is bool or t is str:
        return x
    if t is int:
        return x if abs(x) <= 2 ** 53 else {'$int': str(x)}
    if t is float:
        return x if math.isfinite(x) and x != int(x) else {'$float': repr(x)}
    if t is bytes:
        return {'$bytes': x.hex()}
    if t is complex:
        return {'$complex': repr(x).strip('()')}
    if t is D:
        return {'$decimal': str(x)}
    if t is F:
        return {'$fraction': str(x)}
    if t is dt.datetime:
        return {'$datetime': x.isoformat()}
    if t is dt.date:
        return {'$date': x.isoformat()}
    if t is dt.time:
        return {'$time': x.isoformat()}
    if t is dt.timedelta:
        return {'$timedelta': [x.days, x.seconds, x.microseconds]}
    if t is list:
        return [escaped(v) for v in x]
    if t is tuple:
        return {'$tuple': [escaped(v) for v in x]}
    if t is set or t is frozenset:
        return {'$' + t.__name__: [escaped(v) for v in x]}
    if t is dict:
        if all(type(k) is str and not k.startswith('$') for k in x):
            return {k: escaped(v) for k, v in x.items()}
        return {'$dict': [[escaped(k), escaped(v)] for k, v in x.items()]}
    raise TypeError(t)


def assert_equal_message(value, expected, plain):
    """A failed case's message (docs/authoring.md): unittest's for assertEqual(value, expected)
    up to its diff, as cpython_reference.py asks unittest for it (`plain`: unittest's own
    TestCase methods, copied before the helper was wired into this process)."""
    case = plain('run')
    case._truncateMessage = lambda message, diff: message
    try:
        case.assertEqual(value, expected)
    except AssertionError as e:
        return str(e)
    except Exception:  # noqa: BLE001 - pprint's sort of Decimal NaN keys raises; the case still fails
        pass
    return '%r != %r' % (value, expected)


def main(seed, count):
    rng = random.Random(seed)
    plain = pristine_testcase()
    encode = load_wired()['encode']
    for _ in range(count):
        actual = value(rng)
        roll = rng.random()
        expected = authored(actual, rng) if roll < 0.6 else changed(authored(actual, rng), rng) if roll < 0.8 \
            else authored(value(rng), rng)
        try:
            equal = bool(actual == expected)
        except Exception:  # noqa: BLE001 - Decimal('NaN') == ... may raise, never in a case
            continue
        print(json.dumps({'actual': json.loads(encode(actual)), 'expected': escaped(expected), 'equal': equal,
                          'text': repr(actual)[:300] + ' == ' + repr(expected)[:300],
                          'reprs': [repr(actual), repr(expected)],
                          'message': None if equal else assert_equal_message(actual, expected, plain)}))
    return 0


if __name__ == '__main__':
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1, int(sys.argv[2]) if len(sys.argv) > 2 else 2000))
