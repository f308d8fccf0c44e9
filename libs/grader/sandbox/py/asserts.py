# The strict assertion helper.  The test rewriter (rewrite.py) turns every comparison, every
# `assert` and every `self.assertXxx(...)` in hidden test code into `HELPER(op, args, kwargs)`,
# where HELPER is this sealed function placed directly in the code objects' constants (reading
# `__code__` is vetoed), so learner code can neither find nor replace it.  Operands are encoded
# to exact built-in data first: an `__eq__` that always answers True, or an `int` subclass that
# lies, is never consulted.

EQ_METHODS = frozenset({'assertEqual', 'assertEquals', 'assertListEqual', 'assertTupleEqual',
                        'assertDictEqual', 'assertSetEqual', 'assertMultiLineEqual',
                        'assertSequenceEqual'})
ASSERT_METHODS = EQ_METHODS | frozenset({
    'assertNotEqual', 'assertTrue', 'assertFalse', 'assertIs', 'assertIsNot', 'assertIsNone',
    'assertIsNotNone', 'assertIn', 'assertNotIn', 'assertGreater', 'assertGreaterEqual',
    'assertLess', 'assertLessEqual', 'assertAlmostEqual', 'assertNotAlmostEqual',
    'assertCountEqual', 'assertIsInstance', 'assertNotIsInstance', 'assertRaises',
    'assertRaisesRegex', 'assertRegex', 'assertNotRegex'})


def compare(op, a, b, _encode=None, _type=type, _str=str, _bytes=bytes, _list=list,
            _tuple=tuple, _set=set, _frozenset=frozenset, _dict=dict, _plain=None,
            _TypeError=TypeError):
    """One strict comparison; operands of `<`-like ops must be plain, `in` compares encodings."""
    if op == 'is':
        return a is b
    if op == 'is not':
        return a is not b
    if op == '==' or op == '!=':
        same = _encode(a) == _encode(b)
        return same if op == '==' else not same
    if op == 'in' or op == 'not in':
        tb = _type(b)
        if tb is _str or tb is _bytes:
            found = _type(a) is tb and a in b
        elif tb is _list or tb is _tuple or tb is _set or tb is _frozenset or tb is _dict:
            needle = _encode(a)
            found = False
            for item in _list(b):
                if _encode(item) == needle:
                    found = True
                    break
        else:
            raise _TypeError('`in` on a value of a non-built-in type is not allowed in tests')
        return found if op == 'in' else not found
    if not (_plain(_encode(a)) and _plain(_encode(b))):
        raise _TypeError('ordering comparison on a value of a non-built-in type')
    if op == '<':
        return a < b
    if op == '<=':
        return a <= b
    if op == '>':
        return a > b
    if op == '>=':
        return a >= b
    raise _TypeError('unknown comparison ' + op)


def show(v, _encode=None, _len=len):
    text = _encode(v)
    return text if _len(text) <= 200 else text[:200] + '...'


def helper(op, args, kwargs, _compare=None, _encode=None, _plain=None, _assert=None,
           _AssertionError=AssertionError, _bool=bool, _len=len, _range=range, _str=str,
           _search=None, _show=None, _ns=None):
    """HELPER(op, args, kwargs): `cmp` and `truth` return an exact bool; assert ops raise."""
    if op == 'cmp':
        ops = args[0]
        for i in _range(_len(ops)):
            if not _compare(ops[i], args[i + 1], args[i + 2]):
                return False
        return True
    if op == 'truth':
        return _plain(_encode(args[0])) and _bool(args[0])
    if op == 'raised':
        return _ns(exception=args[0])
    if op == 'raisedRegex':
        if _search(args[1], _str(args[0])) is None:
            raise _AssertionError('exception message does not match ' + _show(args[1]))
        return None
    if op == 'not_raised':
        raise _AssertionError(args[0] + ' not raised')
    return _assert(op, args, kwargs)


def check_assert(op, args, kwargs, _compare=None, _encode=None, _plain=None, _show=None,
                 _more=None, _AssertionError=AssertionError, _bool=bool, _eq=EQ_METHODS,
                 _pairs=None):
    """The unittest assertions that compare values or test truth."""
    msg = kwargs.get('msg')
    if op in _eq or op == 'assertNotEqual':
        if _compare('==', args[0], args[1]) != (op in _eq):
            sign = ' != ' if op in _eq else ' == '
            raise _AssertionError(msg or _show(args[0]) + sign + _show(args[1]))
        return None
    if op == 'assertTrue' or op == 'assertFalse':
        truth = _plain(_encode(args[0])) and _bool(args[0])
        if truth != (op == 'assertTrue'):
            raise _AssertionError(msg or _show(args[0]) + ' is not ' + ('true' if op == 'assertTrue' else 'false'))
        return None
    if op in _pairs:
        if not _compare(_pairs[op], args[0], args[1]):
            raise _AssertionError(msg or _show(args[0]) + ' not ' + _pairs[op] + ' ' + _show(args[1]))
        return None
    if op == 'assertIsNone' or op == 'assertIsNotNone':
        if (args[0] is None) != (op == 'assertIsNone'):
            raise _AssertionError(msg or _show(args[0]) + (' is not None' if op == 'assertIsNone' else ' is None'))
        return None
    return _more(op, args, kwargs)


def check_other(op, args, kwargs, _encode=None, _show=None, _raises=None, _AssertionError=AssertionError,
                _TypeError=TypeError, _type=type, _issubclass=issubclass, _abs=abs, _round=round,
                _sorted=sorted, _list=list, _len=len, _int=int, _float=float):
    """Approximate numbers, element counts and types."""
    msg = kwargs.get('msg')
    if op == 'assertAlmostEqual' or op == 'assertNotAlmostEqual':
        a, b = args[0], args[1]
        if not ((_type(a) is _int or _type(a) is _float) and (_type(b) is _int or _type(b) is _float)):
            raise _AssertionError('assertAlmostEqual needs int or float values')
        delta = kwargs.get('delta')
        places = kwargs.get('places', args[2] if _len(args) > 2 else 7)
        close = a == b or (_abs(a - b) <= delta if delta is not None else _round(_abs(a - b), places) == 0)
        if close != (op == 'assertAlmostEqual'):
            raise _AssertionError(msg or _show(a) + (' != ' if not close else ' == ') + _show(b))
        return None
    if op == 'assertCountEqual':
        if _sorted([_encode(x) for x in _list(args[0])]) != _sorted([_encode(x) for x in _list(args[1])]):
            raise _AssertionError(msg or 'element counts differ')
        return None
    if op == 'assertIsInstance' or op == 'assertNotIsInstance':
        if _issubclass(_type(args[0]), args[1]) != (op == 'assertIsInstance'):
            raise _AssertionError(msg or 'unexpected type')
        return None
    return _raises(op, args, kwargs)


def check_raises(op, args, kwargs, _search=None, _AssertionError=AssertionError,
                 _TypeError=TypeError, _BaseException=BaseException, _type=type,
                 _issubclass=issubclass, _len=len, _str=str):
    """assertRaises/assertRaisesRegex called with the function, and assertRegex."""
    if op == 'assertRaises' or op == 'assertRaisesRegex':
        expected, rest = args[0], args[1:]
        pattern = None
        if op == 'assertRaisesRegex':
            pattern, rest = rest[0], rest[1:]
        if _len(rest) == 0:
            raise _TypeError(op + ' as a context manager must be used directly in a `with` statement')
        try:
            rest[0](*rest[1:], **kwargs)
        except _BaseException as exc:
            if not _issubclass(_type(exc), expected):
                raise
            if pattern is not None and _search(pattern, _str(exc)) is None:
                raise _AssertionError('exception message does not match')
            return None
        raise _AssertionError('expected exception was not raised')
    if op == 'assertRegex' or op == 'assertNotRegex':
        found = _type(args[0]) is _str and _search(args[1], args[0]) is not None
        if found != (op == 'assertRegex'):
            raise _AssertionError(kwargs.get('msg') or 'regex mismatch')
        return None
    raise _TypeError('unsupported assertion ' + op)


PAIRS = {'assertIs': 'is', 'assertIsNot': 'is not', 'assertIn': 'in', 'assertNotIn': 'not in',
         'assertGreater': '>', 'assertGreaterEqual': '>=', 'assertLess': '<', 'assertLessEqual': '<='}
