# The strict assertion helper.  The test rewriter (rewrite.py) turns every comparison, every
# `assert` and every `self.assertXxx(...)` in hidden test code into `HELPER(op, args, kwargs)`,
# where HELPER is this sealed function placed directly in the code objects' constants (reading
# `__code__` is vetoed), so learner code can neither find nor replace it.
#
# Verdicts follow CPython's unittest, with values compared by values.py: by Python's rules on
# the data really stored (1 == 1.0, Counter == dict, a date by its value), never by asking a
# learner object whether it equals trusted data.  Messages follow unittest's wording ("Lists
# differ: ... First differing element 2:", the author's msg appended after " : "), built from
# safe reprs.  difflib and pprint are pure Python that learner code can patch, and they would see
# the expected values: the diff below is a port of difflib's ndiff, the layout pprint's.

EQ_METHODS = frozenset({'assertEqual', 'assertEquals', 'assertListEqual', 'assertTupleEqual',
                        'assertDictEqual', 'assertSetEqual', 'assertMultiLineEqual',
                        'assertSequenceEqual'})
ASSERT_METHODS = EQ_METHODS | frozenset({
    'assertNotEqual', 'assertTrue', 'assertFalse', 'assertIs', 'assertIsNot', 'assertIsNone',
    'assertIsNotNone', 'assertIn', 'assertNotIn', 'assertGreater', 'assertGreaterEqual',
    'assertLess', 'assertLessEqual', 'assertAlmostEqual', 'assertNotAlmostEqual',
    'assertCountEqual', 'assertIsInstance', 'assertNotIsInstance', 'assertRaises',
    'assertRaisesRegex', 'assertRegex', 'assertNotRegex',
    # new in 3.14 (Pyodide's Python)
    'assertStartsWith', 'assertNotStartsWith', 'assertEndsWith', 'assertNotEndsWith',
    'assertHasAttr', 'assertNotHasAttr', 'assertIsSubclass', 'assertNotIsSubclass',
    # removed in 3.12, still in the 3.11 that old suites were written for
    'assertDictContainsSubset'})
# What the rewriter hands to the helper: the assertions, and the registration of an author's
# type-equality function (kept where learner code cannot add to it).
REWRITTEN_METHODS = ASSERT_METHODS | MOCK_ASSERTS | frozenset({'addTypeEqualityFunc', 'skipTest', 'fail'})

# unittest's signatures: parameter names (after self) and how many are required.
SIGNATURES = {
    'assertEqual': (('first', 'second', 'msg'), 2), 'assertEquals': (('first', 'second', 'msg'), 2),
    'assertNotEqual': (('first', 'second', 'msg'), 2),
    'assertTrue': (('expr', 'msg'), 1), 'assertFalse': (('expr', 'msg'), 1),
    'assertIs': (('expr1', 'expr2', 'msg'), 2), 'assertIsNot': (('expr1', 'expr2', 'msg'), 2),
    'assertIsNone': (('obj', 'msg'), 1), 'assertIsNotNone': (('obj', 'msg'), 1),
    'assertIn': (('member', 'container', 'msg'), 2), 'assertNotIn': (('member', 'container', 'msg'), 2),
    'assertIsInstance': (('obj', 'cls', 'msg'), 2), 'assertNotIsInstance': (('obj', 'cls', 'msg'), 2),
    'assertGreater': (('a', 'b', 'msg'), 2), 'assertGreaterEqual': (('a', 'b', 'msg'), 2),
    'assertLess': (('a', 'b', 'msg'), 2), 'assertLessEqual': (('a', 'b', 'msg'), 2),
    'assertAlmostEqual': (('first', 'second', 'places', 'msg', 'delta'), 2),
    'assertNotAlmostEqual': (('first', 'second', 'places', 'msg', 'delta'), 2),
    'assertCountEqual': (('first', 'second', 'msg'), 2),
    'assertListEqual': (('list1', 'list2', 'msg'), 2), 'assertTupleEqual': (('tuple1', 'tuple2', 'msg'), 2),
    'assertSetEqual': (('set1', 'set2', 'msg'), 2), 'assertDictEqual': (('d1', 'd2', 'msg'), 2),
    'assertMultiLineEqual': (('first', 'second', 'msg'), 2),
    'assertSequenceEqual': (('seq1', 'seq2', 'msg', 'seq_type'), 2),
    'assertRegex': (('text', 'expected_regex', 'msg'), 2),
    'assertNotRegex': (('text', 'unexpected_regex', 'msg'), 2),
    'assertStartsWith': (('s', 'prefix', 'msg'), 2), 'assertNotStartsWith': (('s', 'prefix', 'msg'), 2),
    'assertEndsWith': (('s', 'suffix', 'msg'), 2), 'assertNotEndsWith': (('s', 'suffix', 'msg'), 2),
    'assertHasAttr': (('obj', 'name', 'msg'), 2), 'assertNotHasAttr': (('obj', 'name', 'msg'), 2),
    'assertIsSubclass': (('cls', 'superclass', 'msg'), 2),
    'assertNotIsSubclass': (('cls', 'superclass', 'msg'), 2),
    'assertDictContainsSubset': (('subset', 'dictionary', 'msg'), 2),
}
TAIL_OPS = {'assertStartsWith': (True, False), 'assertNotStartsWith': (True, True),
            'assertEndsWith': (False, False), 'assertNotEndsWith': (False, True)}
ORDER_TEXT = {'assertGreater': ('>', 'greater than'), 'assertGreaterEqual': ('>=', 'greater than or equal to'),
              'assertLess': ('<', 'less than'), 'assertLessEqual': ('<=', 'less than or equal to')}


def compare(op, a, b, _eq=None, _order=None, _contains=None, _classify=None, _opcall=None,
            _bool=bool, _budget=VALUES_BUDGET, _type=type, _int=int, _float=float,
            _bool_t=bool, _str=str, _any=ANY_CELL, _matcher=None, _agrees=None, _any_inside=None):
    """One comparison of hidden test code, by CPython's rules (see values.py)."""
    if op == 'is':
        return a is b
    if op == 'is not':
        return a is not b
    ta, tb = _type(a), _type(b)
    if ((ta is _int or ta is _float or ta is _bool_t or ta is _str)
            and (tb is _int or tb is _float or tb is _bool_t or tb is _str) and op != 'in' and op != 'not in'):
        # Exact built-in scalars: Python's own C comparison is CPython's verdict and runs no
        # learner code (an assert in a loop of 10^5 checks spent its time in the full path).
        return _opcall(op, a, b)
    budget = [_budget]
    if op == '==' or op == '!=':
        if a is _any[0] or b is _any[0]:  # never handed to a learner object's __eq__
            return op == '=='
        ka, kb = _classify(a), _classify(b)
        if ka[0] == 'opaque' and kb[0] == 'opaque':
            if (_matcher(b, kb[3], a, 'learner', None, None, None) and _any_inside(b, 0) and not _agrees(b, a)
                    or _matcher(a, ka[3], b, 'learner', None, None, None) and _any_inside(a, 0) and not _agrees(a, b)):
                # a hidden matcher holding hidden code's ANY that does not agree: never handed to
                # the learner object's __eq__/__ne__ (values.value_eq, redmerge-any-inside-hidden-object)
                return op != '=='
            # the objects' own protocol, and its result as Python gives it: a numpy-style mask
            # (`(v == w).all()`), whose truth is its own business, as under CPython
            result = a == b if op == '==' else a != b
            if _type(result) is _bool_t and result is (op == '=='):
                # "equal" between a matcher of the hidden tests and a learner object: the matcher
                # must agree (values.matcher_agrees, as value_eq asks inside containers)
                if _matcher(b, kb[3], a, 'learner', None, None, None):
                    return _agrees(b, a) is (op == '==')
                if _matcher(a, ka[3], b, 'learner', None, None, None):
                    return _agrees(a, b) is (op == '==')
            return result
        same = _eq(a, b, False, 0, budget)
        return same if op == '==' else not same
    if op == 'in':
        return _contains(b, a, 0, budget)
    if op == 'not in':
        return not _contains(b, a, 0, budget)
    return _order(op, a, b, 0, budget)


def show(v, _srepr=None, _type=type, _str=str, _bytes=bytes, _str_repr=str.__repr__, _bytes_repr=bytes.__repr__):
    """safe_repr(v): at most about 20,000 characters; never raises for a learner's __repr__.
    An exact str or bytes is shown whole (C's repr, linear): cut at 50,000 characters, two long
    texts differing past the cut read `'aaaa[49934 chars]aaaa' != 'aaaa[49934 chars]aaaa'` where
    unittest shows their difference (its _common_shorten_repr keeps the message short)."""
    t = _type(v)
    if t is _str:
        return _str_repr(v)
    if t is _bytes:
        return _bytes_repr(v)
    return _srepr(v, 0, [20000], [])


def strict_show(v, _srepr=None):
    """repr(v) where unittest calls repr() itself, not safe_repr (pprint's diff of
    assertSequenceEqual and assertDictEqual, assertSetEqual's and assertCountEqual's item lines):
    an int past sys.get_int_max_str_digits() raises ValueError, as there (the test is an error)."""
    return _srepr(v, 0, [20000, 'strict'], [])


def shorten_text(s, prefixlen, suffixlen, _len=len):
    skip = _len(s) - prefixlen - suffixlen
    if skip > 12:
        s = '%s[%d chars]%s' % (s[:prefixlen], skip, s[_len(s) - suffixlen:])
    return s


def short_pair(a, b, _shorten=None, _len=len, _min=min, _util=None, _get=dict.get, _type=type, _int=int):
    """unittest's _common_shorten_repr on two reprs (80 characters, the difference kept), or as
    many as unittest.util._MAX_LENGTH says when a suite raised it (`unittest.util._MAX_LENGTH =
    2000` at its top, written through to the real module: messages only; an exact int or 80),
    with the difference's length fixed at import as unittest's _MIN_DIFF_LEN is."""
    most = _get(_util, '_MAX_LENGTH', 80) if _util is not None else 80
    most = most if _type(most) is _int else 80
    diff_len = _get(_util, '_MIN_DIFF_LEN', 41) if _util is not None else 41
    diff_len = diff_len if _type(diff_len) is _int else 41
    maxlen = _len(a) if _len(a) > _len(b) else _len(b)
    if maxlen <= most:
        return a, b
    limit = _min(_len(a), _len(b))
    p = 0
    step = 256
    while step >= 1:  # common prefix by halving steps: C slicing, few Python iterations
        while p + step <= limit and a[p:p + step] == b[p:p + step]:
            p += step
        step //= 2
    prefix = a[:p]
    common_len = most - (maxlen - p + 5 + 12)
    if common_len > 5:
        prefix = _shorten(prefix, 5, common_len)
        return prefix + a[p:], prefix + b[p:]
    prefix = _shorten(prefix, 5, 5)
    return prefix + _shorten(a[p:], diff_len, 5), prefix + _shorten(b[p:], diff_len, 5)


def format_message(msg, standard, _classify=None, _srepr=None, _current=None, _str=str, _type=type,
                   _Exception=Exception):
    """unittest's _formatMessage: the author's msg follows the standard one (longMessage, the
    default) or replaces it (a TestCase with `longMessage = False`)."""
    if msg is None:
        return standard
    if _type(msg) is _str:
        text = msg
    else:
        try:
            text = _str(msg)
            if _type(text) is not _str:
                text = _srepr(msg, 0, [2000], [])
        except _Exception:
            text = _srepr(msg, 0, [2000], [])
    if not _current()[0]:
        return text
    return standard + ' : ' + text


def truncate_diff(message, diff, _current=None, _len=len):
    """unittest's _truncateMessage with the TestCase's maxDiff (default 80 * 8, None: no limit)."""
    limit = _current()[1]
    if limit is None or _len(diff) <= limit:
        return message + diff
    return message + '\nDiff is %d characters long. Set self.maxDiff to None to see it.' % _len(diff)


def assertion_settings(_settings=None, _read=None):
    """[longMessage, maxDiff, ...] of the assertion being checked, read from its TestCase
    (testcase_settings) the first time its message needs them: most assertions pass, and reading
    them at every one was ~40 % of a passing assertEqual. They shape messages only."""
    pending = _settings[2]
    if pending is not None:
        _settings[2] = None
        _settings[0], _settings[1] = _read(pending[0])
    return _settings


def sorted_items(data, _sortable=None, _id=id):
    """A dict's (key, value) pairs (`data` as value_kind gives them) in pprint's key order."""
    values = {_id(k): x for k, x in data}
    return [(k, values[_id(k)]) for k in _sortable([k for k, x in data])]


def pprint_dispatch(t, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                    _keys_plain=None, _missing=VALUES_NOKEY, _reprs=(), _flags=type.__dict__['__flags__'].__get__):
    """Which of pprint's layouts a value of type t gets ('dict', 'list', 'Counter', 'str'...), or
    None: pprint dispatches on `type(v).__repr__`, so a subclass that does not define __repr__
    is laid out as the class it inherits its __repr__ from (under its own name where that class
    prints one). `_reprs`: (each layout's class, its __repr__ as it was at boot, its name). Read
    from the classes' dicts: nothing is called."""
    for base, fn, code in _reprs:
        if t is base:  # the common case: a built-in's __repr__ cannot change (Counter's can)
            if _flags(t) & (1 << 8) or _keys_plain(_tdict(t), '__repr__', _missing) is fn:  # IMMUTABLETYPE
                return code
            return None
    for cls in _mro(t):
        found = _keys_plain(_tdict(cls), '__repr__', _missing)
        if found is not _missing:
            for base, fn, code in _reprs:
                if found is fn:
                    return code
            return None
    return None


def pprint_as_base(kind, base, t, _dispatch=None):
    """Whether pprint lays out a dict, list or tuple value of type t as a plain one (its one-line
    form sorts dict keys at any depth): t's __repr__ is the base's."""
    if t is base:
        return True
    if kind != 'dict' and kind != 'list' and kind != 'tuple':
        return False
    return _dispatch(t) == kind


def pformat_recursion(v, _name=type.__dict__['__name__'].__get__, _str_str=str.__str__, _type=type,
                      _id=id, _int_repr=int.__repr__):
    """pprint's _recursion(v): what it prints for a container inside itself."""
    return '<Recursion on ' + _str_str(_name(_type(v))) + ' with id=' + _int_repr(_id(v)) + '>'


def short_pformat(v, context, _self=SELF, _classify=None, _show=None, _items=None, _all_flat=None,
                  _as_base=None, _join=str.join, _len=len, _id=id, _recursion=None):
    """pprint's one-line form of v (its _safe_repr): the repr, but with the keys of dicts sorted,
    at any depth of lists, tuples and dicts (subclasses too, unless they define __repr__); one
    that holds itself (`context`: the ids of the containers v is inside) shows pprint's
    `<Recursion on list with id=...>` (recursing without end was a RecursionError: the test's
    error where CPython's is a failure: fidelity redpp-pprint-recursive-values)."""
    kind, data, base, t = _classify(v)
    if not _as_base(kind, base, t):
        return _show(v)
    if kind == 'dict' or ((kind == 'list' or kind == 'tuple') and not _all_flat(data)):
        if not data:
            return _show(v)
        vid = _id(v)
        if vid in context:
            return _recursion(v)
        context.append(vid)
        try:
            if kind == 'dict':
                return '{' + _join(', ', [_show(k) + ': ' + _self(x, context) for k, x in _items(data)]) + '}'
            parts = [_self(x, context) for x in data]
        finally:
            context.pop()
        if kind == 'list':
            return '[' + _join(', ', parts) + ']'
        return '(' + _join(', ', parts) + (',)' if _len(parts) == 1 else ')')
    return _show(v)


def value_pformat(v, indent, allowance=0, level=0, context=None, _self=SELF, _short=None, _layout=None,
                  _len=len, _id=id, _recursion=None):
    """pprint.pformat(v) (CPython 3.11's PrettyPrinter(width=80)._format at `indent`, with
    `allowance` columns kept for what closes after v, `level` its depth), for unittest's diffs:
    lists, tuples, sets and dicts one item per line, dicts and sets sorted, long strs and bytes cut
    into chunks, Counter, OrderedDict, defaultdict and deque in pprint's own layouts, and those of
    `pformat_special` (dataclasses, SimpleNamespace, ChainMap, UserDict/UserList/UserString,
    mappingproxy); other values as their one-line form. Exact scalars of a list are printed by their C reprs in one
    pass: a 100,000-item list stays cheap. `context`: the ids of the containers being laid out
    around v (pprint's), so that one inside itself is printed as pprint's recursion marker."""
    if context is None:
        context = []
    vid = _id(v)
    if vid in context:
        return _recursion(v)
    text = _short(v, context)
    if _len(text) <= 80 - indent - allowance:
        return text
    context.append(vid)
    try:
        return _layout(v, text, indent, allowance, level, context, _self)
    finally:
        context.pop()


def pformat_layout(v, text, indent, allowance, level, context, _self, _classify=None, _show=None,
                   _sortable=None, _len=len, _set=set, _frozenset=frozenset, _repr=repr, _list=list, _items=None,
                   _bytes=bytes, _bytearray=bytearray, _dict=dict, _lines=None, _bytes_chunks=None,
                   _counter_items=None, _maxlen=_collections.deque.__dict__['maxlen'].__get__,
                   _factory=_collections.defaultdict.__dict__['default_factory'].__get__,
                   _format_items=None, _dict_items=None, _dispatch=None, _str_str=str.__str__,
                   _name=type.__dict__['__name__'].__get__, _layout=None, _special=None):
    """value_pformat's multi-line layouts of v, whose one-line form `text` is too wide (`_self`
    is value_pformat; v's id is in `context` meanwhile): the layout of the class v's __repr__
    comes from (pprint_dispatch), under v's class name where pprint prints one; else pprint's
    other layouts (pprint_layout: dataclasses, SimpleNamespace, ChainMap, UserDict...)."""
    kind, data, base, t = _classify(v)
    code = _dispatch(t)
    level += 1  # pprint's dispatch formats v's own items one level deeper
    if code is None:
        layout = _layout(t) if kind == 'opaque' or base == 'wrapper' else None
        special = None if layout is None else _special(v, layout, kind, data, t, indent, allowance, level, context, _self)
        return text if special is None else special
    name = _str_str(_name(t))  # its name as data: learner code may set a str subclass as __name__
    if kind == 'str' and code == 'str':
        return _lines(data, indent, allowance, level)
    if kind == 'bytes' and code == 'bytes' and base is _bytes:
        return _bytes_chunks(data, indent, allowance, level)
    if kind == 'bytes' and code == 'bytearray' and base is _bytearray:
        return 'bytearray(' + _bytes_chunks(data, indent + 10, allowance + 1, level + 1) + ')'
    if kind == 'dict' and base is _dict:
        if code == 'dict':
            return '{' + _dict_items(_items(data), indent, allowance + 1, level, context, _self) + '}'
        if not data:
            return text
        if code == 'OrderedDict':
            return name + '(' + _self(_list(data), indent + _len(name) + 1, allowance + 1, level, context) + ')'
        if code == 'Counter':
            pairs = _counter_items(data, True)  # pprint calls most_common(): its error is the test's
            if pairs is None:
                return text
            return name + '({' + _dict_items(pairs, indent + _len(name) + 1, allowance + 2, level, context, _self) + '})'
        if code == 'defaultdict':
            inner = indent + _len(name) + 1
            return (name + '(' + _show(_factory(v)) + ',\n' + ' ' * inner + '{'
                    + _dict_items(_items(data), inner, allowance + 2, level, context, _self) + '})')
        return text
    if kind == 'deque' and code == 'deque':
        inner = indent + _len(name) + 1
        limit = _maxlen(v)
        if limit is None:
            return name + '([' + _format_items(data, inner, allowance + 2, level, context, _self) + '])'
        return (name + '([' + _format_items(data, inner, 2, level, context, _self) + '],\n' + ' ' * inner
                + 'maxlen=' + _repr(limit) + ')')
    if kind == 'list' and code == 'list':
        return '[' + _format_items(data, indent, allowance + 1, level, context, _self) + ']'
    if kind == 'tuple' and code == 'tuple':
        tail = ',)' if _len(data) == 1 else ')'
        return '(' + _format_items(data, indent, allowance + _len(tail), level, context, _self) + tail
    if kind == 'set' and (base is _set or base is _frozenset) and (code == 'set' or code == 'frozenset'):
        if not data:
            return text
        if t is _set:
            return '{' + _format_items(_sortable(data), indent, allowance + 1, level, context, _self) + '}'
        return (name + '({' + _format_items(_sortable(data), indent + _len(name) + 1, allowance + 2, level, context, _self)
                + '})')
    return text


def pformat_items(items, indent, allowance, level, context, _pformat=None, _all_flat=None, _map=map, _repr=repr,
                  _list=list, _len=len, _max=max, _join=str.join, _Exception=Exception, _enumerate=enumerate):
    """pprint's _format_items (not compact): one item per line at indent + 1, the last keeping
    `allowance`, the others 1 (their comma). Exact scalars whose reprs all fit are not
    formatted one by one."""
    indent += 1
    parts = None
    if _all_flat(items):
        try:
            parts = _list(_map(_repr, items))
        except _Exception:
            parts = None
        if parts and _max(_map(_len, parts)) > 80 - indent - _max(1, allowance):
            parts = None  # a long str or bytes among them: pprint cuts it
    if parts is None:
        last = _len(items) - 1
        parts = [_pformat(x, indent, allowance if i == last else 1, level, context) for i, x in _enumerate(items)]
    return _join(',\n' + ' ' * indent, parts)


def pformat_dict_items(pairs, indent, allowance, level, context, _pformat=None, _show=None, _len=len, _join=str.join,
                       _enumerate=enumerate):
    """pprint's _format_dict_items: `key: value` per line at indent + 1."""
    indent += 1
    last = _len(pairs) - 1
    parts = []
    for i, (k, x) in _enumerate(pairs):
        rk = _show(k)
        parts.append(rk + ': ' + _pformat(x, indent + _len(rk) + 2, allowance if i == last else 1, level, context))
    return _join(',\n' + ' ' * indent, parts)


def pprint_layout(t, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                  _keys_plain=None, _missing=VALUES_NOKEY, _layouts=None, _dataclass=None):
    """Which of pprint's own layouts (`_dispatch`, keyed by `type(v).__repr__`) type t's values get:
    the tag of the first `__repr__` found along t's MRO when it is one of `_layouts` (set's,
    frozenset's, ChainMap's, UserDict's...); 'dataclass' for a dataclass whose `__repr__` is the
    generated one (pprint's test: `__wrapped__.__qualname__` names `__create_fn__`); else None.
    Read from the classes' dicts and C getters: nothing is called."""
    for cls in _mro(t):
        found = _keys_plain(_tdict(cls), '__repr__', _missing)
        if found is not _missing:
            for f, tag in _layouts:
                if found is f:
                    return tag
            return 'dataclass' if _dataclass(t, found) else None
    return None


def generated_dataclass_repr(t, rep, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                             _keys_plain=None, _missing=VALUES_NOKEY, _pieces=None, _type=type, _dict=dict,
                             _bool=bool, _str=str, _Exception=Exception):
    """pprint's test for a dataclass laid out field by field: `__dataclass_fields__` and
    `__dataclass_params__` on the class, `params.repr` true, and the class's `__repr__` (`rep`)
    the one dataclasses generated. `_pieces`: the dataclasses internals read at boot."""
    if _pieces is None:
        return False
    Params, p_repr, function, fn_dict, qualname = _pieces[:5]
    fields = params = _missing
    for cls in _mro(t):
        own = _tdict(cls)
        if fields is _missing:
            fields = _keys_plain(own, '__dataclass_fields__', _missing)
        if params is _missing:
            params = _keys_plain(own, '__dataclass_params__', _missing)
    if _type(fields) is not _dict or _type(params) is not Params or _type(rep) is not function:
        return False
    try:
        if p_repr(params) is not True:
            return False
        wrapped = _keys_plain(fn_dict(rep), '__wrapped__', _missing)
        if _type(wrapped) is not function:
            return False
        name = qualname(wrapped)
        return _type(name) is _str and '__create_fn__' in name
    except _Exception:
        return False


def class_attribute(t, name, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                    _keys_plain=None, _missing=VALUES_NOKEY):
    """The first `name` in t's MRO dicts, or _missing."""
    for cls in _mro(t):
        found = _keys_plain(_tdict(cls), name, _missing)
        if found is not _missing:
            return found
    return _missing


def instance_attrs(v, t, _attr=None, _missing=VALUES_NOKEY, _getset=_types.GetSetDescriptorType,
                   _gs_get=_types.GetSetDescriptorType.__get__, _member=_types.MemberDescriptorType,
                   _m_get=_types.MemberDescriptorType.__get__, _type=type, _dict=dict, _Exception=Exception):
    """v's instance dict through the C getter its class holds (a getset descriptor, or
    SimpleNamespace's member descriptor: C code), or None."""
    desc = _attr(t, '__dict__')
    try:
        if _type(desc) is _getset:
            found = _gs_get(desc, v, t)
        elif _type(desc) is _member:
            found = _m_get(desc, v, t)
        else:
            return None
    except _Exception:
        return None
    return found if _type(found) is _dict else None


def dataclass_items(v, t, _attr=None, _attrs=None, _keys_plain=None, _missing=VALUES_NOKEY, _pieces=None,
                    _member=_types.MemberDescriptorType, _m_get=_types.MemberDescriptorType.__get__,
                    _type=type, _dict=dict, _str=str, _values=dict.values, _mro=type.__dict__['__mro__'].__get__,
                    _tdict=type.__dict__['__dict__'].__get__, _Exception=Exception):
    """pprint's `[(f.name, getattr(v, f.name)) for f in fields(v) if f.repr]`, read as getattr
    would find plain fields: a slot's member descriptor (C), else the instance dict, else a class
    default that is no descriptor; None when a field is anything else (a property: code)."""
    fields = _attr(t, '__dataclass_fields__')
    Field, FIELD, f_name, f_repr, f_kind = _pieces[5:10]
    items = []
    inst = None
    for f in _values(fields):
        if _type(f) is not Field:
            return None
        try:
            name, shown, kind = f_name(f), f_repr(f), f_kind(f)
        except _Exception:
            return None
        if kind is not FIELD:
            continue
        if _type(name) is not _str or (shown is not True and shown is not False):
            return None
        if not shown:
            continue
        found = _attr(t, name)
        if _type(found) is _member:
            try:
                items.append((name, _m_get(found, v, t)))
            except _Exception:
                return None
            continue
        if found is not _missing:
            for cls in _mro(_type(found)):  # a descriptor's __get__ is code: not read here
                own = _tdict(cls)
                for hook in ('__get__', '__set__', '__delete__'):
                    if _keys_plain(own, hook, _missing) is not _missing:
                        return None
        if inst is None:
            inst = _attrs(v, t)
            if inst is None:
                inst = {}
        value = _keys_plain(inst, name, _missing)
        if value is _missing:
            value = found
        if value is _missing:
            return None
        items.append((name, value))
    return items


def pformat_special(v, layout, kind, data, t, indent, allowance, level, context, pformat, _items=None, _attrs=None,
                    _attr=None, _classify=None, _proxy_mapping=None, _keys_plain=None,
                    _missing=VALUES_NOKEY, _name=type.__dict__['__name__'].__get__, _len=len, _join=str.join,
                    _enumerate=enumerate, _type=type, _str=str, _list=list, _dict=dict, _id=id,
                    _dict_items=dict.items, _dict_copy=dict.copy, _namespace=_types.SimpleNamespace,
                    _stdlib_dicts=(_collections.OrderedDict, _collections.defaultdict, _collections.Counter)):
    """pprint's `_pprint_dataclass`, `_pprint_simplenamespace`, `_pprint_chain_map`,
    `_pprint_user_dict`/`_list`/`_string` and `_pprint_mappingproxy` (CPython 3.11), `level`
    already one deeper as value_pformat passes it; None: v's one-line form. The data is read as
    value_kind reads it (C getters, the classes' and instance dicts): no learner code runs."""
    if layout == 'dataclass' or layout == 'namespace':
        if layout == 'dataclass':
            pairs = _items(v, t)
            name = _name(t)
        else:
            inst = _attrs(v, t)
            pairs = None if inst is None else _list(_dict_items(inst))
            name = 'namespace' if t is _namespace else _name(t)
        if pairs is None:
            return None
        indent += _len(name) + 1
        last = _len(pairs) - 1
        parts = []
        for i, (key, x) in _enumerate(pairs):
            if _type(key) is not _str:
                return None
            if _id(x) in context:  # _format_namespace_items: a cycle reads as the dataclass repr's
                parts.append(key + '=...')
                continue
            parts.append(key + '=' + pformat(x, indent + _len(key) + 1, allowance if i == last else 1, level, context))
        return name + '(' + _join(',\n' + ' ' * indent, parts) + ')'
    inst = _attrs(v, t)
    if layout == 'chainmap':
        maps = _missing if inst is None else _keys_plain(inst, 'maps', _missing)
        if _type(maps) is not _list or not maps:
            return None
        name = _name(t)
        indent += _len(name) + 1
        last = _len(maps) - 1
        parts = [pformat(m, indent, allowance + 1 if i == last else 1, level, context) for i, m in _enumerate(maps)]
        return name + '(' + _join(',\n' + ' ' * indent, parts) + ')'
    if layout == 'userdict' or layout == 'userlist' or layout == 'userstring':
        inner = _missing if inst is None else _keys_plain(inst, 'data', _missing)
        if inner is _missing:
            return None
        return pformat(inner, indent, allowance, level - 1, context)
    if layout == 'proxy':
        mapping = _proxy_mapping(v)
        mt = _type(mapping)
        if mt is not _dict:
            if _classify(mapping)[2] is not _dict:
                return None
            copy = _attr(mt, 'copy')
            if copy is _attr(_dict, 'copy'):
                mapping = _dict_copy(mapping)  # dict.copy of a subclass: a plain dict, in C
            elif not (mt is _stdlib_dicts[0] or mt is _stdlib_dicts[1] or mt is _stdlib_dicts[2]):
                return None  # a copy() of its own: code
        return 'mappingproxy(' + pformat(mapping, indent + 13, allowance + 1, level, context) + ')'
    return None


def pformat_str(s, indent, allowance, level, _repr=repr, _len=len, _enumerate=enumerate, _join=str.join,
                _splitlines=str.splitlines, _findall=__import__('re').compile(r'\S*\s*').findall):
    """pprint's _pprint_str: each line's repr, a line too long cut after its blanks into chunks
    that fit; in parentheses at the top level. `_findall` is a pattern compiled at boot (a C
    method of an immutable type: learner code cannot change it)."""
    if not s:
        return _repr(s)
    chunks = []
    lines = _splitlines(s, True)
    if level == 1:
        indent += 1
        allowance += 1
    max_width1 = max_width = 80 - indent
    rep = ''
    for i, line in _enumerate(lines):
        rep = _repr(line)
        if i == _len(lines) - 1:
            max_width1 -= allowance
        if _len(rep) <= max_width1:
            chunks.append(rep)
            continue
        parts = _findall(line)
        parts.pop()  # the empty match at the end
        max_width2 = max_width
        current = ''
        for j, part in _enumerate(parts):
            candidate = current + part
            if j == _len(parts) - 1 and i == _len(lines) - 1:
                max_width2 -= allowance
            if _len(_repr(candidate)) > max_width2:
                if current:
                    chunks.append(_repr(current))
                current = part
            else:
                current = candidate
        if current:
            chunks.append(_repr(current))
    if _len(chunks) == 1:
        return rep  # as pprint writes it: the last line's repr
    text = _join('\n' + ' ' * indent, chunks)
    return '(' + text + ')' if level == 1 else text


def pformat_bytes(b, indent, allowance, level, _repr=repr, _len=len, _join=str.join, _range=range):
    """pprint's _pprint_bytes: 4-byte groups joined while their repr fits."""
    if _len(b) <= 4:
        return _repr(b)
    parens = level == 1
    if parens:
        indent += 1
        allowance += 1
    width = 80 - indent
    chunks = []
    current = b''
    last = _len(b) // 4 * 4
    for i in _range(0, _len(b), 4):
        part = b[i:i + 4]
        candidate = current + part
        if i == last:
            width -= allowance
        if _len(_repr(candidate)) > width:
            if current:
                chunks.append(_repr(current))
            current = part
        else:
            current = candidate
    if current:
        chunks.append(_repr(current))
    text = _join('\n' + ' ' * indent, chunks)
    return '(' + text + ')' if parens else text


# Types whose `<` runs in C and cannot be changed (immutable types: their methods are not
# learner code): pprint's order of dict keys and set items is computed on these only.
PLAIN_ORDER_TYPES = frozenset(t for t in (int, float, bool, str, bytes, type(None), complex, _datetime.date,
                                          _datetime.datetime, _datetime.time, _datetime.timedelta,
                                          _decimal.Decimal)
                              if t.__flags__ & (1 << 8))  # Py_TPFLAGS_IMMUTABLETYPE


def plain_orderable(x, _self=SELF, _type=type, _tuple=tuple, _plain=PLAIN_ORDER_TYPES):
    """Whether x is of PLAIN_ORDER_TYPES, or an exact tuple of such values."""
    t = _type(x)
    if t is _tuple:
        for item in x:
            if not _self(item):
                return False
        return True
    return t in _plain


def safe_key_cmp(a, b, _type=type, _str=str, _id=id, _TypeError=TypeError):
    """pprint's _safe_key order as a cmp for functools.cmp_to_key (sorted only asks `<`): a < b,
    or, for values that do not compare, (type name, id) < (type name, id)."""
    try:
        less = a < b
    except _TypeError:
        less = (_str(_type(a)), _id(a)) < (_str(_type(b)), _id(b))
    return -1 if less else 0


def order_known(v, depth, _self=SELF, _classify=None, _keys_plain=None, _missing=VALUES_NOKEY, _type=type,
                _mro=type.__dict__['__mro__'].__get__,
                _tdict=type.__dict__['__dict__'].__get__, _flags=type.__dict__['__flags__'].__get__,
                _object=object, _trusted=(_fractions.Fraction, _collections.Counter, _collections.UserList,
                                          _collections.UserString, _cabc.Set)):
    """Whether pprint's `_safe_key` order puts v among other values without running learner code:
    the classes that answer `v < w` and `w < v` (the first `__lt__` and `__gt__` along v's MRO)
    are C types (immutable: not learner code) or stdlib classes whose rules value_order follows
    on the data, and v holds no learner object that its comparison would ask `==` or `<`.
    A learner object qualifies only when its class orders nothing (object's methods: `<` raises
    TypeError, and pprint falls back to the type's name and the id); inside a tuple, list, set
    or Counter (depth > 0) also its `==`, hash, `<=` and `>=`, which comparing the container asks
    of its items (a tuple key holding a learner object with its own `__eq__` ran that `__eq__`
    while the message was built: redmsgs-pprint-attacks)."""
    if depth > 20:
        return False
    kind, data, base, t = _classify(v)
    lt = gt = None
    for c in _mro(t):
        own = _tdict(c)
        if lt is None and _keys_plain(own, '__lt__', _missing) is not _missing:
            lt = c
        if gt is None and _keys_plain(own, '__gt__', _missing) is not _missing:
            gt = c
    if kind == 'opaque':
        if lt is not _object or gt is not _object:
            return False
        if depth > 0:
            for name in ('__eq__', '__hash__', '__le__', '__ge__'):
                for c in _mro(t):
                    if _keys_plain(_tdict(c), name, _missing) is not _missing:
                        if c is not _object:
                            return False
                        break
        return True
    for c in (lt, gt):
        if c is None or not (_flags(c) & 256 or c is _trusted[0] or c is _trusted[1] or c is _trusted[2]
                             or c is _trusted[3] or c is _trusted[4]):
            return False
    if kind == 'list' or kind == 'tuple' or kind == 'deque' or kind == 'set' or kind == 'values':
        for x in data:
            if not _self(x, depth + 1):
                return False
    elif kind == 'dict':
        for k, x in data:
            if not _self(k, depth + 1) or not _self(x, depth + 1):
                return False
    return True


def safe_order_cmp(a, b, _order=None, _classify=None, _keys_plain=None, _missing=VALUES_NOKEY, _type=type,
                   _typetype=type, _type_repr=type.__repr__, _mro=type.__dict__['__mro__'].__get__,
                   _tdict=type.__dict__['__dict__'].__get__, _id=id, _TypeError=TypeError, _ValueError=ValueError):
    """pprint's _safe_key order as a cmp for functools.cmp_to_key, for values order_known
    accepts: `a < b` by value_order's rules on the data, or, where `<` raises TypeError,
    (str(type(a)), id(a)) < (str(type(b)), id(b))."""
    if _classify(a)[0] != 'opaque' and _classify(b)[0] != 'opaque':
        try:
            return -1 if _order('<', a, b, 0, [100000]) is True else 0
        except _TypeError:
            pass
    ta, tb = _type(a), _type(b)
    if ta is tb:
        return -1 if _id(a) < _id(b) else 0
    for meta in (_type(ta), _type(tb)):  # str(type(x)): the metaclass's __repr__ (ABCMeta: type's)
        if meta is not _typetype:
            for c in _mro(meta):
                if _keys_plain(_tdict(c), '__repr__', _missing) is not _missing:
                    if c is not _typetype:
                        raise _ValueError('a metaclass names the type')  # code: items left unsorted
                    break
    return -1 if (_type_repr(ta), _id(a)) < (_type_repr(tb), _id(b)) else 0


def sorted_if_plain(items, _plain=None, _key=None, _known=None, _safe_key=None, _sorted=sorted, _list=list,
                    _Exception=Exception):
    """Items in pprint's order (sorted with its _safe_key): in C when every item is
    plain_orderable, else by safe_order_cmp when order_known accepts every item; else as they
    are."""
    for x in items:
        if not _plain(x):
            for y in items:
                if not _known(y, 0):
                    return _list(items)
            try:
                return _sorted(items, key=_safe_key)
            except _Exception:
                return _list(items)
    try:
        return _sorted(items, key=_key)
    except _Exception:
        return _list(items)


# difflib.ndiff as CPython 3.11 computes it, for unittest's diffs of sequences, dicts and
# multi-line strings: a port of SequenceMatcher (matching blocks, opcodes, the three ratios,
# junk and autojunk) and of Differ (fancy replace of similar lines, '?' guides), as sealed
# functions. difflib's own classes read their module's live globals and builtins, which learner
# code can change while the hidden expected lines are in hand. Elements are exact strs: the lines
# the helper formatted, or one line's characters (ndiff's charjunk: blanks and tabs are junk).
DIFF_NO_JUNK = frozenset()
DIFF_CHAR_JUNK = frozenset(' \t')
# Differ's search for a similar pair compares every line of a replaced block with every other,
# by character, and again in the parts on each side of the pair it picks: cubic on a block of
# lines that are all alike, in CPython 3.11 too (a list of 230 small ints repeating takes it
# seconds). One ndiff examines at most this many pairs in all; a block past what is left is
# shown plainly (a message that is not CPython's word for word, never a verdict lost to the time
# limit).
DIFF_MAX_PAIRS = 100000  # ~0.8 s in CPython on lines that are all alike


def diff_index(b, junk, _enumerate=enumerate, _len=len, _set=set):
    """SequenceMatcher's index of b (its __chain_b): (element -> positions, junk found), less
    the junk and, for 200 elements or more, the popular elements (autojunk)."""
    b2j = {}
    for i, elt in _enumerate(b):
        positions = b2j.get(elt)
        if positions is None:
            b2j[elt] = [i]
        else:
            positions.append(i)
    bjunk = _set([elt for elt in b2j if elt in junk])
    for elt in bjunk:
        del b2j[elt]
    n = _len(b)
    if n >= 200:
        ntest = n // 100 + 1
        for elt in [elt for elt, positions in b2j.items() if _len(positions) > ntest]:
            del b2j[elt]
    return b2j, bjunk


def diff_longest(a, b, b2j, bjunk, alo, ahi, blo, bhi, _range=range):
    """SequenceMatcher.find_longest_match: (i, j, size)."""
    besti, bestj, bestsize = alo, blo, 0
    j2len = {}
    nothing = []
    for i in _range(alo, ahi):
        newj2len = {}
        for j in b2j.get(a[i], nothing):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = newj2len[j] = j2len.get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    while besti > alo and bestj > blo and b[bestj - 1] not in bjunk and a[besti - 1] == b[bestj - 1]:
        besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
    while (besti + bestsize < ahi and bestj + bestsize < bhi and b[bestj + bestsize] not in bjunk
           and a[besti + bestsize] == b[bestj + bestsize]):
        bestsize += 1
    while besti > alo and bestj > blo and b[bestj - 1] in bjunk and a[besti - 1] == b[bestj - 1]:
        besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
    while (besti + bestsize < ahi and bestj + bestsize < bhi and b[bestj + bestsize] in bjunk
           and a[besti + bestsize] == b[bestj + bestsize]):
        bestsize = bestsize + 1
    return besti, bestj, bestsize


def diff_blocks(a, b, index, _longest=None, _len=len):
    """SequenceMatcher.get_matching_blocks, with b's index from diff_index."""
    b2j, bjunk = index
    la, lb = _len(a), _len(b)
    queue = [(0, la, 0, lb)]
    found = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = x = _longest(a, b, b2j, bjunk, alo, ahi, blo, bhi)
        if k:
            found.append(x)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    found.sort()
    i1 = j1 = k1 = 0
    blocks = []
    for i2, j2, k2 in found:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                blocks.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        blocks.append((i1, j1, k1))
    blocks.append((la, lb, 0))
    return blocks


def diff_opcodes(blocks):
    """SequenceMatcher.get_opcodes from its matching blocks."""
    i = j = 0
    answer = []
    for ai, bj, size in blocks:
        tag = ''
        if i < ai and j < bj:
            tag = 'replace'
        elif i < ai:
            tag = 'delete'
        elif j < bj:
            tag = 'insert'
        if tag:
            answer.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            answer.append(('equal', ai, i, bj, j))
    return answer


def diff_ratio(matches, length):
    """difflib._calculate_ratio."""
    if length:
        return 2.0 * matches / length
    return 1.0


def similar_pair(a, alo, ahi, b, blo, bhi, _index=None, _blocks=None, _ratio=None, _range=range,
                 _len=len, _min=min, _char_junk=DIFF_CHAR_JUNK):
    """Differ._fancy_replace's search: (best_i, best_j, ratio) of the most similar pair of
    lines (ratio over 0.74), else the first equal pair with ratio None, else None."""
    best_ratio, best_i, best_j = 0.74, None, None
    eqi, eqj = None, None
    for j in _range(blo, bhi):
        bj = b[j]
        index = _index(bj, _char_junk)
        counts = None
        for i in _range(alo, ahi):
            ai = a[i]
            if ai == bj:
                if eqi is None:
                    eqi, eqj = i, j
                continue
            length = _len(ai) + _len(bj)
            if _ratio(_min(_len(ai), _len(bj)), length) <= best_ratio:  # real_quick_ratio
                continue
            if counts is None:
                counts = {}
                for elt in bj:
                    counts[elt] = counts.get(elt, 0) + 1
            avail, matches = {}, 0
            for elt in ai:  # quick_ratio
                numb = avail[elt] if elt in avail else counts.get(elt, 0)
                avail[elt] = numb - 1
                if numb > 0:
                    matches = matches + 1
            if _ratio(matches, length) <= best_ratio:
                continue
            matches = 0
            for block in _blocks(ai, bj, index):
                matches += block[2]
            if _ratio(matches, length) > best_ratio:
                best_ratio, best_i, best_j = _ratio(matches, length), i, j
    if best_ratio < 0.75:
        return None if eqi is None else (eqi, eqj, None)
    return best_i, best_j, best_ratio


def guide_lines(aline, bline, _index=None, _blocks=None, _opcodes=None, _zip=zip, _join=str.join,
                _char_junk=DIFF_CHAR_JUNK):
    """Differ._qformat of a similar pair: '- ', '? ', '+ ', '? ' lines (a guide only when it has
    a mark), the marks from the pair's character opcodes, blanks and tabs of the line kept."""
    atags = btags = ''
    for tag, ai1, ai2, bj1, bj2 in _opcodes(_blocks(aline, bline, _index(bline, _char_junk))):
        la, lb = ai2 - ai1, bj2 - bj1
        if tag == 'replace':
            atags += '^' * la
            btags += '^' * lb
        elif tag == 'delete':
            atags += '-' * la
        elif tag == 'insert':
            btags += '+' * lb
        else:
            atags += ' ' * la
            btags += ' ' * lb
    atags = _join('', [c if t == ' ' and c.isspace() else t for c, t in _zip(aline, atags)]).rstrip()
    btags = _join('', [c if t == ' ' and c.isspace() else t for c, t in _zip(bline, btags)]).rstrip()
    out = ['- ' + aline]
    if atags:
        out.append('? ' + atags + '\n')
    out.append('+ ' + bline)
    if btags:
        out.append('? ' + btags + '\n')
    return out


def fancy_replace(a, alo, ahi, b, blo, bhi, out, _pair=None, _guides=None, _type=type, _list=list,
                  _max_pairs=DIFF_MAX_PAIRS):
    """Differ._fancy_replace with its _fancy_helper recursion as a stack: lines appended to out.
    A block whose pairs exceed what is left of _max_pairs is replaced plainly."""
    budget = _max_pairs
    todo = [(alo, ahi, blo, bhi)]
    while todo:
        item = todo.pop()
        if _type(item) is _list:  # the lines of a pair, ready
            out.extend(item)
            continue
        alo, ahi, blo, bhi = item
        if alo >= ahi or blo >= bhi:  # _fancy_helper: one side is empty
            out.extend(['- ' + x for x in a[alo:ahi]])
            out.extend(['+ ' + y for y in b[blo:bhi]])
            continue
        pairs = (ahi - alo) * (bhi - blo)
        pair = None
        if pairs <= budget:
            budget -= pairs
            pair = _pair(a, alo, ahi, b, blo, bhi)
        if pair is None:  # _plain_replace: the shorter block first
            if bhi - blo < ahi - alo:
                out.extend(['+ ' + y for y in b[blo:bhi]])
                out.extend(['- ' + x for x in a[alo:ahi]])
            else:
                out.extend(['- ' + x for x in a[alo:ahi]])
                out.extend(['+ ' + y for y in b[blo:bhi]])
            continue
        best_i, best_j, ratio = pair
        lines = ['  ' + a[best_i]] if ratio is None else _guides(a[best_i], b[best_j])
        todo.append((best_i + 1, ahi, best_j + 1, bhi))
        todo.append(lines)
        todo.append((alo, best_i, blo, best_j))


def line_ndiff(a, b, _index=None, _blocks=None, _opcodes=None, _fancy=None, _no_junk=DIFF_NO_JUNK):
    """difflib.ndiff(a, b) as a list of lines, for lists of exact strs."""
    out = []
    for tag, alo, ahi, blo, bhi in _opcodes(_blocks(a, b, _index(b, _no_junk))):
        if tag == 'replace':
            _fancy(a, alo, ahi, b, blo, bhi, out)
        elif tag == 'delete':
            out.extend(['- ' + x for x in a[alo:ahi]])
        elif tag == 'insert':
            out.extend(['+ ' + y for y in b[blo:bhi]])
        else:
            out.extend(['  ' + x for x in a[alo:ahi]])
    return out


def values_diff(first, second, _ndiff=None, _pformat=None, _join=str.join):
    return '\n' + _join('\n', _ndiff(_pformat(first, 0).splitlines(), _pformat(second, 0).splitlines()))


def seq_item(getter, i, budget, _find=None, _eq=None, _TypeError=TypeError, _KeyError=KeyError):
    """seq[i] as assertSequenceEqual gets it: getter is ('data', items), ('learner', obj),
    ('dict', index, loose, is_counter) (a key lookup) or ('none', TypeError message)."""
    how = getter[0]
    if how == 'data' or how == 'learner':
        return getter[1][i]  # a learner's own __getitem__ for its sequence class
    if how == 'dict':
        entry = _find(i, getter[1], getter[2], 0, budget, _eq)
        if entry is not None:
            return entry[1]
        if getter[3]:
            return 0  # Counter.__missing__
        raise _KeyError(i)
    raise _TypeError(getter[1])


def seq_equal(seq1, seq2, msg, seq_type, _compare=None, _classify=None, _show=None,
              _short_pair=None, _fmt=None, _truncate=None, _line_diff=None, _item=None,
              _split=None, _type_name=None, _type=type, _set=set, _map=map,
              _all_flat=None, _len=len, _min=min,
              _range=range, _issub=type.__subclasscheck__, _Counter=_collections.Counter,
              _name=type.__dict__['__name__'].__get__, _budget=VALUES_BUDGET,
              _AssertionError=AssertionError, _TypeError=TypeError, _IndexError=IndexError,
              _NotImplementedError=NotImplementedError, _id=id):
    """assertSequenceEqual (and assertListEqual / assertTupleEqual with seq_type)."""
    if seq_type is not None:
        name = _name(seq_type)
        if not _issub(seq_type, _type(seq1)):
            raise _AssertionError('First sequence is not a %s: %s' % (name, _show(seq1)))
        if not _issub(seq_type, _type(seq2)):
            raise _AssertionError('Second sequence is not a %s: %s' % (name, _show(seq2)))
    else:
        name = 'sequence'
    budget = [_budget]
    getters = [None, None]
    lens = [0, 0]
    flat = [False, False]
    differing = None
    for side, seq in ((0, seq1), (1, seq2)):
        kind, data, base, t = _classify(seq)
        if kind == 'opaque':
            try:
                lens[side] = _len(seq)  # a learner's sequence: its own __len__/__getitem__
            except (_TypeError, _NotImplementedError):
                differing = '%s %s has no length.    Non-sequence?' % ('First' if side == 0 else 'Second', name)
                break
            getters[side] = ('learner', seq)
        elif kind in ('list', 'tuple', 'deque', 'str', 'bytes', 'range'):
            lens[side] = _len(data)
            getters[side] = ('data', data)
            flat[side] = kind == 'str' or kind == 'bytes' or kind == 'range' or data  # see below
        elif kind == 'dict':
            lens[side] = _len(data)
            index, loose = _split(data, 0, budget)
            getters[side] = ('dict', index, loose, t is _Counter or _issub(_Counter, t))
        elif kind == 'set' or kind == 'values':
            lens[side] = _len(data)
            getters[side] = ('none', "'%s' object is not subscriptable" % _type_name(seq))
        else:
            differing = '%s %s has no length.    Non-sequence?' % ('First' if side == 0 else 'Second', name)
            break
    if differing is None:
        if _compare('==', seq1, seq2):
            return None
        differing = '%ss differ: %s != %s\n' % ((name[0].upper() + name[1:],) + _short_pair(_show(seq1), _show(seq2)))
        ended = True
        start = 0
        for side in (0, 1):  # only now (the sequences differ): exact scalars on both sides?
            if flat[side] is not True and flat[side] is not False:
                flat[side] = _all_flat(flat[side])
        if flat[0] and flat[1]:  # exact scalars: the equal prefix by bisection, compared in C
            a, b = getters[0][1], getters[1][1]
            low, high = 0, _min(lens[0], lens[1])
            while low < high:
                mid = (low + high + 1) // 2
                if a[:mid] == b[:mid]:
                    low = mid
                else:
                    high = mid - 1
            start = low
        for i in _range(start, _min(lens[0], lens[1])):
            items = [None, None]
            for side in (0, 1):
                try:
                    items[side] = _item(getters[side], i, budget)
                except (_TypeError, _IndexError, _NotImplementedError):
                    differing += '\nUnable to index element %d of %s %s\n' % (i, 'first' if side == 0 else 'second', name)
                    items = None
                    break
            if items is None:
                ended = False
                break
            if _compare('!=', items[0], items[1]):
                differing += '\nFirst differing element %d:\n%s\n%s\n' % ((i,) + _short_pair(_show(items[0]), _show(items[1])))
                ended = False
                break
        if ended and lens[0] == lens[1] and seq_type is None and _type(seq1) is not _type(seq2):
            return None  # the same items in sequences of different types: unittest passes
        for side in (0, 1):
            longer, shorter = lens[side], lens[1 - side]
            if longer > shorter:
                which = 'First' if side == 0 else 'Second'
                differing += '\n%s %s contains %d additional elements.\n' % (which, name, longer - shorter)
                try:
                    differing += 'First extra element %d:\n%s\n' % (shorter, _show(_item(getters[side], shorter, budget)))
                except (_TypeError, _IndexError, _NotImplementedError):
                    differing += 'Unable to index element %d of %s %s\n' % (shorter, which.lower(), name)
    standard = _truncate(differing, _line_diff(seq1, seq2))
    raise _AssertionError(_fmt(msg, standard))


def dict_equal(d1, d2, msg, _compare=None, _show=None, _short_pair=None, _fmt=None,
               _truncate=None, _line_diff=None, _type=type, _dict=dict,
               _issub=type.__subclasscheck__, _AssertionError=AssertionError):
    for value, which in ((d1, 'First'), (d2, 'Second')):
        if not _issub(_dict, _type(value)):
            raise _AssertionError(_fmt('%s argument is not a dictionary' % which,
                                       "%s is not an instance of <class 'dict'>" % _show(value)))
    if _compare('!=', d1, d2):
        standard = '%s != %s' % _short_pair(_show(d1), _show(d2))
        raise _AssertionError(_fmt(msg, _truncate(standard, _line_diff(d1, d2))))
    return None


def iter_elements(v, what, _classify=None, _iter=iter, _list=list, _type_name=None,
             _TypeError=TypeError):
    """list(v) without trusting a data value's overridden __iter__; an opaque iterable (a
    generator, a learner's class) is iterated as Python would."""
    kind, data, base, t = _classify(v)
    if kind in ('list', 'tuple', 'deque', 'set', 'values'):
        return _list(data)
    if kind == 'dict':
        return [k for k, x in data]
    if kind == 'str':
        return _list(data)
    if kind == 'bytes':
        return _list(data)
    if kind == 'opaque' or kind == 'range' or (kind == 'id' and base is not None):
        return _list(_iter(v))
    raise _TypeError("'%s' object is not iterable" % _type_name(v))


def c_hashable(items, depth, _self=SELF, _type=type, _tuple=tuple, _frozenset=frozenset,
               _datetime=_datetime.datetime, _time=_datetime.time,
               _dt_tz=_datetime.datetime.__dict__['tzinfo'].__get__, _t_tz=_datetime.time.__dict__['tzinfo'].__get__,
               _plain=(int, float, bool, str, bytes, type(None), complex, range, _datetime.date,
                       _datetime.timedelta, _decimal.Decimal)):
    """Whether hashing every item runs only C code of built-in types (exact types; tuples and
    frozensets of such; naive datetimes and times): a set built of them in the sandbox is laid
    out as CPython lays it out."""
    if depth > 20:
        return False
    for x in items:
        t = _type(x)
        if t is _tuple or t is _frozenset:
            if not _self(x, depth + 1):
                return False
        elif t is _datetime or t is _time:
            if (_dt_tz(x) if t is _datetime else _t_tz(x)) is not None:
                return False
        else:
            for p in _plain:  # identity only: a metaclass's __hash__ or __eq__ is code
                if t is p:
                    break
            else:
                return False
    return True


def set_equal(set1, set2, msg, _classify=None, _member_index=None, _member=None, _all_flat=None, _blocker=None,
              _c_hashable=None, _len=len,
              _set_diff=set.difference, _fset_diff=frozenset.difference, _list=list, _elements=None, _keyof=None,
              _show=None, _fmt=None, _type_name=None, _set=set, _frozenset=frozenset,
              _join=str.join, _nokey=VALUES_NOKEY, _budget=VALUES_BUDGET,
              _AssertionError=AssertionError, _TypeError=TypeError, _only_opaque=None, _order64=None):
    """assertSetEqual: set1.difference(set2) and set2.difference(set1) must both be empty."""
    k1, d1, b1, t1 = _classify(set1)
    if k1 != 'set' or not (b1 is _set or b1 is _frozenset):
        raise _AssertionError("first argument does not support set difference: '%s' object has no attribute 'difference'" % _type_name(set1))
    budget = [_budget]
    try:
        others = _elements(set2, 'second')
        for y in others:
            blocker = _blocker(y, 0, budget)
            if blocker is not None:
                raise _TypeError("unhashable type: '%s'" % _type_name(blocker))
    except _TypeError as exc:
        problem = exc
    else:
        problem = None
    if problem is not None:
        raise _AssertionError('invalid type when attempting set difference: %s' % problem)
    k2, d2, b2, t2 = _classify(set2)
    if k2 != 'set' or not (b2 is _set or b2 is _frozenset):
        raise _AssertionError("second argument does not support set difference: '%s' object has no attribute 'difference'" % _type_name(set2))
    if _all_flat(d1) and _all_flat(d2):  # exact scalars only: C hashes and compares them
        # C's own set.difference on the stored tables: the lines in the order of the new set
        # unittest lists (`set1.difference(set2)`), which is not set1's own iteration order
        only1 = _list((_set_diff if b1 is _set else _fset_diff)(set1, set2))
        only2 = _list((_set_diff if b2 is _set else _fset_diff)(set2, set1))
    elif _only_opaque(set1, d1, b1) and _only_opaque(set2, d2, b2):
        # learner objects only: unittest's own set.difference, with the stored hashes (and its
        # order), comparing opaque objects only
        only1 = [x for x in (_set_diff if b1 is _set else _fset_diff)(set1, set2)]
        only2 = [y for y in (_set_diff if b2 is _set else _fset_diff)(set2, set1)]
    else:
        index2, loose2 = _member_index('set', d2, 0, budget)  # each side split once
        only1 = [x for x in d1 if not _member(x, b2, index2, loose2, 0, budget)]
        index1, loose1 = _member_index('set', d1, 0, budget)
        only2 = [y for y in d2 if not _member(y, b1, index1, loose1, 0, budget)]
        # set.difference copies the set and discards (its order) when it is over four times the
        # other's size; else it adds the items left to a new set: their order in that new set,
        # rebuilt in C when every item's hash is C's own
        if not _len(d1) >> 2 > _len(d2) and _c_hashable(only1, 0):
            only1 = _list(_set(only1))
        if not _len(d2) >> 2 > _len(d1) and _c_hashable(only2, 0):
            only2 = _list(_set(only2))
    if not (_only_opaque(set1, d1, b1) and _only_opaque(set2, d2, b2)):
        # the sandbox's hashes are 32-bit: floats, tuples, negative and big ints go elsewhere in
        # its tables than in the 64-bit reference's (values.set_order64)
        only1 = _order64(d1, only1, _len(d2)) or only1
        only2 = _order64(d2, only2, _len(d1)) or only2
    if not only1 and not only2:
        return None
    lines = []
    if only1:
        lines.append('Items in the first set but not the second:')
        lines.extend([_show(x) for x in only1])
    if only2:
        lines.append('Items in the second set but not the first:')
        lines.extend([_show(y) for y in only2])
    raise _AssertionError(_fmt(msg, _join('\n', lines)))


def text_equal(first, second, msg, _classify=None, _show=None, _short_pair=None, _fmt=None,
               _truncate=None, _ndiff=None, _len=len, _join=str.join,
               _AssertionError=AssertionError):
    """assertMultiLineEqual."""
    texts = []
    for value, which in ((first, 'First'), (second, 'Second')):
        kind, data, base, t = _classify(value)
        if kind != 'str' or base == 'wrapper':  # a UserString compares as its str, but is none
            raise _AssertionError(_fmt('%s argument is not a string' % which,
                                       "%s is not an instance of <class 'str'>" % _show(value)))
        texts.append(data)
    a, b = texts
    if a == b:
        return None
    standard = '%s != %s' % _short_pair(_show(a), _show(b))
    if _len(a) > 65536 or _len(b) > 65536:
        raise _AssertionError(_fmt(msg, standard))
    alines, blines = a.splitlines(True), b.splitlines(True)
    if _len(alines) == 1 and a.strip('\r\n') == a:
        alines, blines = [a + '\n'], [b + '\n']
    diff = '\n' + _join('', _ndiff(alines, blines))
    raise _AssertionError(_fmt(msg, _truncate(standard, diff)))


def count_equal(first, second, msg, _classify=None, _elements=None, _keyof=None, _eq=None,
                _find=None, _shape=None, _show=None, _fmt=None, _truncate=None, _len=len, _range=range,
                _join=str.join, _hash=hash, _nokey=VALUES_NOKEY, _budget=VALUES_BUDGET,
                _AssertionError=AssertionError, _TypeError=TypeError):
    """assertCountEqual: the same elements, the same number of times, in any order."""
    seqs = [_elements(first, 'first'), _elements(second, 'second')]
    budget = [_budget]
    keys = [[_keyof(x, 0, budget) for x in seq] for seq in seqs]
    hashable = True
    for row in keys:
        for k in row:
            if k is _nokey:
                hashable = False
    learner_hashed = False
    if not hashable:
        # unittest counts in a Counter whenever every item hashes (learner objects too, by their
        # own __hash__): items are then found by hash first, then `==`, so two equal learner
        # objects whose hashes differ are counted apart; only a TypeError from hashing sends it
        # to the all-purpose pairing by `==` (the branch below)
        learner_hashed = True
        hashes = [[None] * _len(seqs[0]), [None] * _len(seqs[1])]
        for side in (0, 1):
            for i in _range(_len(seqs[side])):
                if keys[side][i] is not _nokey:
                    continue
                x = seqs[side][i]
                try:
                    if _classify(x)[0] == 'opaque':
                        hashes[side][i] = _hash(x)
                    elif _shape(x, 0, budget) is None:
                        learner_hashed = False
                except _TypeError:
                    learner_hashed = False
                if not learner_hashed:
                    break
            if not learner_hashed:
                break
    diffs = []
    if learner_hashed:  # Counter(first) == Counter(second) with learner objects among the keys
        tables = []
        for side in (0, 1):
            index, loose, buckets, order = {}, [], {}, []
            for i in _range(_len(seqs[side])):
                x, k, h = seqs[side][i], keys[side][i], hashes[side][i]
                entry = None
                if k is not _nokey:
                    entry = index.get(k)
                elif h is not None:  # a learner object: same hash, then identity or `==`
                    for e in buckets.get(h, ()):
                        if e[0] is x or _eq(e[0], x, False, 0, budget):
                            entry = e
                            break
                else:  # a tuple holding learner objects: hash shape, then `==`
                    entry = _find(x, index, loose, 0, budget, _eq)
                if entry is None:
                    entry = [x, 0, k, h]
                    order.append(entry)
                    if k is not _nokey:
                        index[k] = entry
                    elif h is not None:
                        buckets.setdefault(h, []).append(entry)
                    else:
                        loose.append(entry)
                entry[1] += 1
            tables.append((index, loose, buckets, order))
        for side in (0, 1):  # _count_diff_hashable: first's counts, then what only second has
            table = tables[1 - side]
            for entry in tables[side][3]:
                x, k, h = entry[0], entry[2], entry[3]
                other = None
                if k is not _nokey:
                    other = table[0].get(k)
                elif h is not None:
                    for e in table[2].get(h, ()):
                        if e[0] is x or _eq(e[0], x, False, 0, budget):
                            other = e
                            break
                else:
                    other = _find(x, table[0], table[1], 0, budget, _eq)
                if side == 0 and entry[1] != (0 if other is None else other[1]):
                    diffs.append((entry[1], 0 if other is None else other[1], x))
                elif side == 1 and other is None:
                    diffs.append((0, entry[1], x))
    elif hashable:  # unittest: Counter(first) == Counter(second), then _count_diff_hashable
        counts = [{}, {}]
        for side in (0, 1):
            for i in _range(_len(seqs[side])):
                entry = counts[side].get(keys[side][i])
                if entry is None:
                    counts[side][keys[side][i]] = [seqs[side][i], 1]
                else:
                    entry[1] += 1
        for k, entry in counts[0].items():
            other = counts[1].get(k)
            n = 0 if other is None else other[1]
            if entry[1] != n:
                diffs.append((entry[1], n, entry[0]))
        for k, entry in counts[1].items():
            if k not in counts[0]:
                diffs.append((0, entry[1], entry[0]))
    else:  # unittest's _count_diff_all_purpose, with `==` by our rules
        s, t = [[True, x] for x in seqs[0]], [[True, y] for y in seqs[1]]
        for i in _range(_len(s)):
            if not s[i][0]:
                continue
            elem = s[i][1]
            cnt_s = cnt_t = 0
            for j in _range(i, _len(s)):
                if s[j][0] and _eq(s[j][1], elem, False, 0, budget):
                    cnt_s += 1
                    s[j][0] = False
            for j in _range(_len(t)):
                if t[j][0] and _eq(t[j][1], elem, False, 0, budget):
                    cnt_t += 1
                    t[j][0] = False
            if cnt_s != cnt_t:
                diffs.append((cnt_s, cnt_t, elem))
        for i in _range(_len(t)):
            if not t[i][0]:
                continue
            elem = t[i][1]
            cnt_t = 0
            for j in _range(i, _len(t)):
                if t[j][0] and _eq(t[j][1], elem, False, 0, budget):
                    cnt_t += 1
                    t[j][0] = False
            diffs.append((0, cnt_t, elem))
    if not diffs:
        return None
    lines = ['First has %d, Second has %d:  %s' % (a, b, _show(x)) for a, b, x in diffs]
    standard = _truncate('Element counts were not equal:\n', _join('\n', lines))
    raise _AssertionError(_fmt(msg, standard))


def almost_diff(first, second, _classify=None, _num_sub=None, _make=None, _type_name=None,
                _class_attr=None, _missing=VALUES_NOKEY, _abs=abs, _TypeError=TypeError):
    """abs(first - second) for assertAlmostEqual: learner objects' own arithmetic between
    themselves; None (never close) for a learner object against data; Python's own results
    (exact types, Fractions by hand) between data."""
    ka, da, ba, ta = _classify(first)
    kb, db, bb, tb = _classify(second)
    names = (_type_name(first), _type_name(second))
    if ka == 'opaque' or kb == 'opaque':
        if ka == kb:
            return _abs(first - second)
        if ((ka != 'opaque' or _class_attr(ta, '__sub__') is _missing)
                and (kb != 'opaque' or _class_attr(tb, '__rsub__') is _missing)):
            # no subtraction on the learner's class (read from its dicts): CPython's `-` raises
            # (the data's own method answers NotImplemented to a foreign object)
            raise _TypeError("unsupported operand type(s) for -: '%s' and '%s'" % names)
        return None
    if ka == 'num' and kb == 'num':
        diff = _num_sub(da, db, names)
        kd, dd, bd, td = _classify(diff)
        return _make(_abs(dd[1][0]), dd[1][1]) if dd[0] == 4 else _abs(diff)
    native = ('num', 'value', 'str', 'bytes', 'list', 'tuple', 'none', 'range')
    if ka in native and kb in native and not (ka == 'num' and da[0] == 4) and not (kb == 'num' and db[0] == 4):
        x = da[1] if ka == 'num' else da
        y = db[1] if kb == 'num' else db
        return _abs(x - y)  # exact built-in values: C arithmetic, C errors
    if ka == 'set' and kb == 'set' or ka == 'dict' and kb == 'dict' and names[0] == names[1] == 'Counter':
        raise _TypeError("bad operand type for abs(): '%s'" % names[0])
    raise _TypeError("unsupported operand type(s) for -: '%s' and '%s'" % names)


def check_almost(first, second, places, msg, delta, negate, _classify=None, _compare=None,
                 _diff=None, _zero=None, _order=None, _show=None, _fmt=None, _bool=bool,
                 _budget=VALUES_BUDGET, _AssertionError=AssertionError, _TypeError=TypeError):
    """assertAlmostEqual / assertNotAlmostEqual, step by step as unittest runs them:
    round(abs(first - second), places) == 0, or abs(first - second) <= delta."""
    learner = _classify(first)[0] == 'opaque' and _classify(second)[0] == 'opaque'
    if not negate and _compare('==', first, second):
        return None
    if delta is not None and places is not None:
        raise _TypeError('specify delta or places not both')
    diff = _diff(first, second)
    budget = [_budget]
    shown = '?' if diff is None else _show(diff)
    if delta is not None:
        if negate:
            if not _compare('==', first, second):
                if diff is None or (_bool(diff > delta) if learner else _order('>', diff, delta, 0, budget)):
                    return None
            standard = '%s == %s within %s delta (%s difference)' % (_show(first), _show(second), _show(delta), shown)
        else:
            if diff is not None and (_bool(diff <= delta) if learner else _order('<=', diff, delta, 0, budget)):
                return None
            standard = '%s != %s within %s delta (%s difference)' % (_show(first), _show(second), _show(delta), shown)
        raise _AssertionError(_fmt(msg, standard))
    if places is None:
        places = 7
    if negate:
        if not _compare('==', first, second):
            if diff is None or not _zero(diff, places, learner):
                return None
        standard = '%s == %s within %s places' % (_show(first), _show(second), _show(places))
    else:
        if diff is not None and _zero(diff, places, learner):
            return None
        standard = '%s != %s within %s places (%s difference)' % (_show(first), _show(second), _show(places), shown)
    raise _AssertionError(_fmt(msg, standard))


def round_is_zero(diff, places, learner, _classify=None, _compare=None, _round=round, _bool=bool):
    """round(diff, places) == 0 (a Fraction by hand: Fraction.__round__ is patchable Python)."""
    if learner:
        return _bool(_round(diff, places) == 0)
    kind, data, base, t = _classify(diff)
    if kind == 'num' and data[0] == 4:  # half rounds to the even 0
        n, d = data[1]
        return 2 * n * 10 ** places <= d if places >= 0 else 2 * n <= d * 10 ** -places
    return _compare('==', _round(data[1] if kind == 'num' else diff, places), 0)


def check_regex(text, pattern, msg, negate, _classify=None, _compile=None, _show=None, _fmt=None,
          _type_name=None, _str=str, _bytes=bytes, _type=type, _AssertionError=AssertionError,
          _TypeError=TypeError):
    """assertRegex / assertNotRegex."""
    kind, data, base, t = _classify(text)
    if kind != 'str' and kind != 'bytes':
        raise _TypeError("expected string or bytes-like object, got '%s'" % _type_name(text))
    if _type(pattern) is _str or _type(pattern) is _bytes:
        if not pattern:
            raise _AssertionError('expected_regex must not be empty.')
        pattern = _compile(pattern)
    match = pattern.search(data)
    if not negate:
        if match is None:
            raise _AssertionError(_fmt(msg, "Regex didn't match: %s not found in %s" % (_show(pattern.pattern), _show(data))))
        return None
    if match is not None:
        raise _AssertionError(_fmt(msg, 'Regex matched: %s matches %s in %s' % (
            _show(data[match.start():match.end()]), _show(pattern.pattern), _show(data))))
    return None


def check_tail(op, s, tail, msg, _classify=None, _show=None, _fmt=None, _type_name=None,
               _ops=TAIL_OPS, _len=len, _str=str, _startswith=str.startswith, _endswith=str.endswith,
               _bstartswith=bytes.startswith, _bendswith=bytes.endswith, _range=range,
               _AssertionError=AssertionError, _TypeError=TypeError):
    """assertStartsWith / assertEndsWith and their negations (3.14), on the stored data: a str
    subclass's own startswith is never asked."""
    start, negate = _ops[op]
    ks, ds = _classify(s)[:2]
    kt, dt = _classify(tail)[:2]
    tails = dt if kt == 'tuple' else (tail,)
    kinds = [_classify(t)[:2] for t in tails]
    for kind, data in kinds:
        if kind == 'str' and ks != 'str':
            raise _AssertionError(_fmt(msg, 'Expected str, not %s' % _type_name(s)))
        if kind == 'bytes' and ks != 'bytes':
            raise _AssertionError(_fmt(msg, 'Expected bytes, not %s' % _type_name(s)))
        if kind != 'str' and kind != 'bytes' or ks != kind:
            raise _TypeError('%s first arg must be %s or a tuple of %s, not %s' % (
                'startswith' if start else 'endswith', 'str' if ks == 'str' else 'bytes',
                'str' if ks == 'str' else 'bytes', _type_name(tails[0] if kind == 'tuple' else tail)))
    hit = None
    for i in _range(_len(kinds)):
        data = kinds[i][1]
        if ks == 'str':
            found = _startswith(ds, data) if start else _endswith(ds, data)
        else:
            found = _bstartswith(ds, data) if start else _bendswith(ds, data)
        if found:
            hit = tails[i]
            break
    a = _show(s)
    if _len(a) > 80:
        a = a[:80] + ' [truncated]...'
    if not negate and hit is None:
        word = 'start' if start else 'end'
        many = 'any of ' if kt == 'tuple' else ''
        raise _AssertionError(_fmt(msg, "%s doesn't %s with %s%s" % (a, word, many, _show(tail))))
    if negate and hit is not None:
        raise _AssertionError(_fmt(msg, '%s %s with %s' % (a, 'starts' if start else 'ends', _show(hit))))
    return None


def attr_owner(obj, _show=None, _type_name=None, _type=type, _module=_types.ModuleType,
               _typetype=type, _issub=type.__subclasscheck__, _mod_dict=_types.ModuleType.__dict__['__dict__'].__get__,
               _name=type.__dict__['__name__'].__get__, _str=str):
    """How assertHasAttr names the object: module 'm', type object 'C', 'C' object."""
    if _issub(_module, _type(obj)):
        name = _mod_dict(obj).get('__name__')
        return 'module %s' % _show(name if _type(name) is _str else '?')
    if _issub(_typetype, _type(obj)):
        return 'type object %s' % _show(_name(obj))
    return '%s object' % _show(_type_name(obj))


def check_raises(op, args, kwargs, _compile=None, _context=None, _str=str, _bytes=bytes, _type=type, _tuple=tuple, _dict=dict,
           _len=len, _issub=type.__subclasscheck__, _BaseException=BaseException,
           _Exception=Exception, _AssertionError=AssertionError, _TypeError=TypeError,
           _name=type.__dict__['__name__'].__get__, _AttributeError=AttributeError, _expected_caught=None):
    """assertRaises / assertRaisesRegex called with the function to run."""
    named = ('expected_exception', 'expected_regex') if op == 'assertRaisesRegex' else ('expected_exception',)
    if _len(args) < _len(named) and named[_len(args)] in kwargs:
        # unittest's own parameters given by keyword (`assertRaises(expected_exception=E)`)
        kwargs = _dict(kwargs)
        args = _tuple(args)
        while _len(args) < _len(named) and named[_len(args)] in kwargs:
            args = args + (kwargs.pop(named[_len(args)]),)
    for name in named[:_len(args)]:
        if name in kwargs:
            raise _TypeError("TestCase.%s() got multiple values for argument '%s'" % (op, name))
    if _len(args) < (2 if op == 'assertRaisesRegex' else 1):
        raise _TypeError(op + '() missing a required argument')
    expected, rest = args[0], args[1:]
    pattern = None
    if op == 'assertRaisesRegex':
        pattern, rest = rest[0], rest[1:]
    kinds = expected if _type(expected) is _tuple else (expected,)
    for e in kinds:
        if not (_issub(_type, _type(e)) and _issub(_BaseException, e)):
            raise _TypeError('%s() arg 1 must be an exception type or tuple of exception types' % op)
    if _len(rest) == 0:  # kept for a later `with` (a helper method returns it)
        if pattern is not None and (_type(pattern) is _str or _type(pattern) is _bytes):
            pattern = _compile(pattern)
        exc_name = _name(expected) if _type(expected) is not _tuple else _str(expected)
        return _context(kinds, exc_name, pattern, kwargs.get('msg'))
    fn = rest[0]
    caught = None
    try:
        fn(*rest[1:], **kwargs)
    except _BaseException as exc:
        caught = exc  # handled outside the except block (see runner.attempt)
    if caught is None:
        exc_name = _name(expected) if _type(expected) is not _tuple else _str(expected)
        try:
            obj_name = fn.__name__
        except _AttributeError:
            obj_name = _str(fn)
        raise _AssertionError('%s not raised by %s' % (exc_name, obj_name))
    matched = False
    for e in kinds:
        if _issub(e, _type(caught)):
            matched = True
            break
    if not matched:
        raise caught  # not the expected exception: it is the test's error, as in unittest
    _expected_caught(caught)
    if pattern is not None:
        compiled = _compile(pattern) if _type(pattern) is _str or _type(pattern) is _bytes else pattern
        text = _str(caught)
        if compiled.search(text) is None:
            raise _AssertionError('"%s" does not match "%s"' % (compiled.pattern, text))
    return None


def own_cleanups(case, _getattribute=object.__getattribute__, _type=type, _dict=dict, _list=list,
                 _get=dict.get, _pop=list.pop, _BaseException=BaseException, _Interrupt=KeyboardInterrupt,
                 _issub=type.__subclasscheck__):
    """unittest's doCleanups for the runner's test case, called by the test itself: the cleanups,
    last added first, each run even when one before it failed. Returns the first exception (None
    when all ran): unittest records it then, and the test goes on. Nothing runs while an
    exception is the handled one (runner.attempt)."""
    own = _getattribute(case, '__dict__')
    cleanups = _get(own, '_cleanups') if _type(own) is _dict else None
    first = None
    while _type(cleanups) is _list and cleanups:
        function, args, kwargs = _pop(cleanups)
        failure = None
        try:
            function(*args, **kwargs)
        except _BaseException as exc:
            failure = exc
        if failure is not None and _issub(_Interrupt, _type(failure)):
            raise failure  # the time limit
        first = failure if first is None else first
    return first


def bind_args(op, args, kwargs, _sigs=None, _len=len, _list=list, _range=range, _TypeError=TypeError):
    """The arguments of a unittest assertion by name, as unittest's own signature takes them."""
    names, required = _sigs[op]
    if _len(args) > _len(names):
        raise _TypeError('TestCase.%s() takes from %d to %d positional arguments but %d were given'
                         % (op, required + 1, _len(names) + 1, _len(args) + 1))
    values = _list(args) + [None] * (_len(names) - _len(args))
    if not kwargs and _len(args) >= required:  # the usual call: positional arguments only
        return values
    given = [True] * _len(args) + [False] * (_len(names) - _len(args))
    for key, value in kwargs.items():
        if key not in names:
            raise _TypeError("TestCase.%s() got an unexpected keyword argument '%s'" % (op, key))
        i = names.index(key)
        if given[i]:
            raise _TypeError("TestCase.%s() got multiple values for argument '%s'" % (op, key))
        values[i], given[i] = value, True
    for i in _range(required):
        if not given[i]:
            raise _TypeError("TestCase.%s() missing 1 required positional argument: '%s'" % (op, names[i]))
    return values


def class_check(t, classes, _self=SELF, _type=type, _tuple=tuple, _issubclass=issubclass,
                _real=type.__subclasscheck__, _attr=None, _missing=VALUES_NOKEY, _checks=(),
                _TypeError=TypeError, _union=_types.UnionType):
    """issubclass(t, classes) for assertIsInstance and assertIsSubclass, asking a
    `__subclasscheck__` only when it existed at boot (type's, ABCMeta's registrations and hooks,
    typing's unions and protocols: standard library code). One that did not (a learner's
    metaclass answering True for anything, one patched onto ABCMeta, a learner object passed as
    the class) would decide the verdict: a class is checked by its real bases, anything else is
    no class (redmerge-isinstance-metaclass)."""
    if _type(classes) is _tuple:
        for c in classes:
            if _self(t, c):
                return True
        return False
    found = _attr(_type(classes), '__subclasscheck__')
    if found is _missing and _type(classes) is _union:
        return _issubclass(t, classes)  # `int | None`: C reads its members
    for known in _checks:
        if found is known:
            return _issubclass(t, classes)
    if _real(_type, _type(classes)):  # a class (type's own check: a metaclass's metaclass is not asked)
        return _real(classes, t)
    raise _TypeError('isinstance() arg 2 must be a type, a tuple of types, or a union')


def instance_check(obj, classes, _self=SELF, _class_check=None, _attr=None, _keys_plain=None, _getattr_static=None,
                   _proto_check=None, _mock_base=None, _mock_dict=None, _stdlib=frozenset(), _missing=VALUES_NOKEY, _type=type, _tuple=tuple,
                   _str=str, _partition=str.partition, _mocks_made=None, _proxies_made=None, _get=dict.get, _id=id,
                   _issub=type.__subclasscheck__, _real=type.__subclasscheck__, _Exception=Exception,
                   _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                   _TypeError=TypeError, _AttributeError=AttributeError, _Any=None):
    """isinstance(obj, classes) for assertIsInstance: class_check of type(obj) (never
    obj.__class__, which a learner object can fake), except for a runtime-checkable
    typing.Protocol, whose isinstance() is structural on the instance itself (typing's
    _ProtocolMeta.__instancecheck__: issubclass() of a protocol with data members raises
    TypeError, and a method may be an instance attribute): its members are looked up with
    inspect.getattr_static, which runs no learner code (hunt8-protocols-interfaces); and a
    genuine unittest.mock mock, whose `__class__` is its spec (hunt8-mock-spec-injection), asked
    about a class that is no standard library's (`_stdlib`: sys.stdlib_module_names), or about
    any class when hidden code made the mock with that spec (mock_made)."""
    if _type(classes) is _tuple:
        for c in classes:
            if _self(obj, c):
                return True
        return False
    if classes is _Any and _Any is not None:
        # typing.Any's metaclass refuses it (CPython: TypeError); type()'s check answered False
        raise _TypeError('typing.Any cannot be used with isinstance()')
    found = _attr(_type(classes), '__instancecheck__')
    own = _tdict(classes) if _proto_check is not None and found is _proto_check else None
    if (own is None or _keys_plain(own, '_is_protocol', _missing) is not True
            or _keys_plain(own, '_is_runtime_protocol', _missing) is not True):
        if _class_check(_type(obj), classes):
            return True
        proxied = _get(_proxies_made, _id(obj)) if _proxies_made is not None else None
        if proxied is not None and proxied[0] is obj:
            # a weakref.proxy hidden code made (proxy_made): its referent's type, which CPython
            # reads through the proxy's `__class__` (the referent's own; a dead one: a proxy)
            referent = proxied[1]()
            if referent is not None:
                return _class_check(_type(referent), classes)
        module = _keys_plain(_tdict(classes), '__module__', None) if _real(_type, _type(classes)) else None
        made = _get(_mocks_made, _id(obj)) if _mocks_made is not None else None
        if made is not None and made[0] is obj and _issub(_mock_base, _type(obj)):
            # the test's own `Mock(spec=io.StringIO)`, `MagicMock(spec=dict)` (mock_made): its
            # spec is the author's, any class, as long as it is still the one the mock was made
            # with (`mock_add_spec(int)` or a write to its dict by learner code is not)
            try:
                spec = _keys_plain(_mock_dict(obj), '_spec_class', None)
            except _Exception:
                spec = None
            if spec is not None and spec is made[1]:
                return _class_check(spec, classes)
        if (_mock_base is not None and _issub(_mock_base, _type(obj)) and _type(module) is _str
                and _partition(module, '.')[0] not in _stdlib):
            # a genuine unittest.mock mock answers `__class__` with its spec (Mock(spec=Repo),
            # create_autospec(Notifier, instance=True)), which isinstance() then checks: the spec
            # as mock's own code stored it in the instance dict. Only against a class of the
            # submission's or the test's: the submission's own Mock(spec=int) (or of its int
            # subclass) passed for a parsed number, a list, numbers.Number, `int | None`, where
            # CPython believes the mock's `__class__` as it believes any object's, and the engine
            # never does for other objects (red9-mock-spec-isinstance)
            try:
                spec = _keys_plain(_mock_dict(obj), '_spec_class', None)
            except _Exception:
                spec = None
            if spec is not None and _real(_type, _type(spec)):
                return _class_check(spec, classes)
        return False
    t = _type(obj)
    try:
        if _class_check(t, classes):
            return True
    except _TypeError:  # data members: no issubclass(); a subclass that names the protocol is one
        for c in _mro(t):
            if c is classes:
                return True
    attrs = _keys_plain(own, '__protocol_attrs__', _missing)
    data = _keys_plain(own, '__non_callable_proto_members__', _missing)
    if attrs is _missing or data is _missing:
        return False
    for attr in attrs:
        try:
            val = _getattr_static(obj, attr)
        except _AttributeError:
            return False
        if val is None and attr not in data:
            return False
    return True


def strict_isinstance(obj, classes, /, _check=None, _mock_base=None, _proxies=(), _type=type, _typetype=type, _tuple=tuple,
                      _issub=type.__subclasscheck__):
    """`isinstance` read by hidden code (the rewrite's pristine builtin constant): assertIsInstance's
    check (instance_check: by type(), never the `__class__` an object answers, which Python's
    isinstance believes). `self.assertTrue(isinstance(solution.parse('12'), int))`, `assert
    isinstance(...)`, `if not isinstance(...): self.fail(...)` passed for a submission's object
    whose `__class__` property answered int, where assertIsInstance refused it (red9-hidden-isinstance).
    First the answer that needs no lookup, for anything but a mock (whose spec instance_check
    reads) or a weakref proxy (whose referent it reads: proxy_made): against a class whose metaclass is exactly type (or a tuple of such), instance_check
    is type's own subclass check of type(obj)."""
    t = _type(obj)
    if not _issub(_mock_base, t) and t is not _proxies[0] and t is not _proxies[1]:
        if _type(classes) is _typetype:
            return _issub(classes, t)
        if _type(classes) is _tuple:
            plain = True
            for c in classes:
                if _type(c) is not _typetype:
                    plain = False
                    break
                if _issub(c, t):
                    return True
            if plain:
                return False
    return _check(obj, classes)


def boot_subclasses(*roots):
    """Every class below `roots` (themselves included, each once), through type.__subclasses__:
    called at boot, before any learner code ran, so these are the standard library's classes."""
    found, seen, todo = [], set(), list(roots)
    while todo:
        cls = todo.pop()
        if id(cls) in seen:
            continue
        seen.add(id(cls))
        found.append(cls)
        todo.extend(type.__subclasses__(cls))
    return found


def subclass_checks():
    """The `__subclasscheck__` of every class that exists at boot (type's, ABCMeta's, typing's):
    standard library code, before any learner code ran."""
    import typing  # noqa: F401 (its classes)
    import abc  # noqa: F401
    found = []
    for cls in boot_subclasses(object, type):
        fn = cls.__dict__.get('__subclasscheck__')
        if fn is not None and all(fn is not f for f in found):
            found.append(fn)
    return tuple(found)


def check_assert(op, args, kwargs, receiver, _bind=None, _compare=None, _truth=None, _show=None,
          _short_pair=None, _fmt=None, _seq_equal=None, _dict_equal=None, _set_equal=None,
          _text_equal=None, _count_equal=None, _almost=None, _regex=None, _raises=None,
          _order_text=None, _custom=None, _tail=None, _tail_ops=TAIL_OPS, _hasattr=hasattr,
          _describe_owner=None, _typetype=type, _type=type, _issubclass=issubclass, _class_check=None, _instance_check=None, _list=list, _tuple=tuple,
          _dict=dict, _set=set, _frozenset=frozenset, _str=str, _AssertionError=AssertionError,
          _self=SELF):
    """One unittest assertion (self.assertXxx), with unittest's verdict and message."""
    if op == 'assertRaises' or op == 'assertRaisesRegex':
        return _raises(op, args, kwargs)
    v = _bind(op, args, kwargs)
    if op == 'assertEqual' or op == 'assertEquals':
        first, second, msg = v
        t = _type(first)
        if t is _type(second):  # unittest's _type_equality_funcs
            custom = _custom(receiver, t)
            if _type(custom) is _str:  # registered by name ('assertMultiLineEqual'): strict too
                return _self(custom, (first, second), {'msg': msg}, receiver)
            if custom is not None:  # the author's own (hidden code): it decides, as in unittest
                return custom(first, second, msg=msg)
            if t is _list or t is _tuple:
                return _seq_equal(first, second, msg, t)
            if t is _dict:
                return _dict_equal(first, second, msg)
            if t is _set or t is _frozenset:
                return _set_equal(first, second, msg)
            if t is _str:
                return _text_equal(first, second, msg)
        if not _compare('==', first, second):
            raise _AssertionError(_fmt(msg, '%s != %s' % _short_pair(_show(first), _show(second))))
        return None
    if op == 'assertNotEqual':
        if not _compare('!=', v[0], v[1]):
            raise _AssertionError(_fmt(v[2], '%s == %s' % (_show(v[0]), _show(v[1]))))
        return None
    if op == 'assertListEqual':
        return _seq_equal(v[0], v[1], v[2], _list)
    if op == 'assertTupleEqual':
        return _seq_equal(v[0], v[1], v[2], _tuple)
    if op == 'assertSequenceEqual':
        return _seq_equal(v[0], v[1], v[2], v[3])
    if op == 'assertDictEqual':
        return _dict_equal(v[0], v[1], v[2])
    if op == 'assertSetEqual':
        return _set_equal(v[0], v[1], v[2])
    if op == 'assertMultiLineEqual':
        return _text_equal(v[0], v[1], v[2])
    if op == 'assertTrue' or op == 'assertFalse':
        if _truth(v[0]) != (op == 'assertTrue'):
            word = 'true' if op == 'assertTrue' else 'false'
            raise _AssertionError(_fmt(v[1], '%s is not %s' % (_show(v[0]), word)))
        return None
    if op == 'assertIs':
        if v[0] is not v[1]:
            raise _AssertionError(_fmt(v[2], '%s is not %s' % (_show(v[0]), _show(v[1]))))
        return None
    if op == 'assertIsNot':
        if v[0] is v[1]:
            raise _AssertionError(_fmt(v[2], 'unexpectedly identical: %s' % _show(v[0])))
        return None
    if op == 'assertIsNone':
        if v[0] is not None:
            raise _AssertionError(_fmt(v[1], '%s is not None' % _show(v[0])))
        return None
    if op == 'assertIsNotNone':
        if v[0] is None:
            raise _AssertionError(_fmt(v[1], 'unexpectedly None'))
        return None
    if op == 'assertIn':
        if not _compare('in', v[0], v[1]):
            raise _AssertionError(_fmt(v[2], '%s not found in %s' % (_show(v[0]), _show(v[1]))))
        return None
    if op == 'assertNotIn':
        if _compare('in', v[0], v[1]):
            raise _AssertionError(_fmt(v[2], '%s unexpectedly found in %s' % (_show(v[0]), _show(v[1]))))
        return None
    if op == 'assertIsInstance' or op == 'assertNotIsInstance':
        # type(obj), not obj.__class__ (which a learner object can fake)
        if _instance_check(v[0], v[1]) != (op == 'assertIsInstance'):
            verb = 'is not' if op == 'assertIsInstance' else 'is'
            raise _AssertionError(_fmt(v[2], '%s %s an instance of %s' % (_show(v[0]), verb, _show(v[1]))))
        return None
    if op in _order_text:
        sign, words = _order_text[op]
        if not _compare(sign, v[0], v[1]):
            raise _AssertionError(_fmt(v[2], '%s not %s %s' % (_show(v[0]), words, _show(v[1]))))
        return None
    if op == 'assertAlmostEqual' or op == 'assertNotAlmostEqual':
        return _almost(v[0], v[1], v[2], v[3], v[4], op == 'assertNotAlmostEqual')
    if op == 'assertCountEqual':
        return _count_equal(v[0], v[1], v[2])
    if op == 'assertRegex' or op == 'assertNotRegex':
        return _regex(v[0], v[1], v[2], op == 'assertNotRegex')
    if op in _tail_ops:
        return _tail(op, v[0], v[1], v[2])
    if op == 'assertDictContainsSubset':  # unittest 3.11's, with the strict comparisons
        missing, mismatched = [], []
        for key, value in v[0].items():
            if not _compare('in', key, v[1]):
                missing.append(_show(key))
            else:
                actual = v[1][key]
                if _compare('!=', value, actual):
                    mismatched.append('%s, expected: %s, actual: %s' % (_show(key), _show(value), _show(actual)))
        if missing or mismatched:
            text = 'Missing: %s' % ','.join(missing) if missing else ''
            if mismatched:
                text = (text + '; ' if text else '') + 'Mismatched values: %s' % ','.join(mismatched)
            raise _AssertionError(_fmt(v[2], text))
        return None
    if op == 'assertHasAttr' or op == 'assertNotHasAttr':
        # hasattr asks the object (its __getattr__): what such a test tests, as in unittest
        if _hasattr(v[0], v[1]) != (op == 'assertHasAttr'):
            what = 'has no attribute' if op == 'assertHasAttr' else 'has unexpected attribute'
            raise _AssertionError(_fmt(v[2], '%s %s %s' % (_describe_owner(v[0]), what, _show(v[1]))))
        return None
    if op == 'assertIsSubclass' or op == 'assertNotIsSubclass':
        if not _issubclass(_type(v[0]), _typetype):
            raise _AssertionError(_fmt(v[2], '%s is not a class' % _show(v[0])))
        if _class_check(v[0], v[1]) != (op == 'assertIsSubclass'):
            words = 'is not a subclass of' if op == 'assertIsSubclass' else 'is a subclass of'
            raise _AssertionError(_fmt(v[2], '%s %s %s' % (_show(v[0]), words, _show(v[1]))))
        return None
    raise _AssertionError('unsupported assertion ' + op)


def testcase_settings(receiver, _TestCase=None, _methods=None, _issub=type.__subclasscheck__, _type=type,
                      _id=id, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                      _instance_dict=None, _dict=dict, _object=object, _str=str, _keys_plain=None,
                      _is_plain=None, _missing=VALUES_NOKEY, _Exception=Exception):
    """(longMessage, maxDiff) of the TestCase an assertion is called on (unittest's defaults for
    anything else). They shape messages only, never a verdict, and reading them runs no learner
    code: the submission may set them on TestCase (testcase_intact lets them change), and a
    property or any descriptor there ran on every assertion with the running test case as `self`
    (its fixtures, the hidden module's globals through a method) and could fill the value it had
    returned before the comparison (red team redmsg). So the value is read from the dicts, as
    attribute lookup finds it (the classes along the MRO, the instance's own dict first when the
    class's value is plain data), never called; only exact bool, int, float, str and None count,
    anything else is unittest's default. Dicts whose keys are not all exact strs (a hash-colliding
    str subclass's __eq__ would run in the lookup) are searched by hand."""
    settings = [True, 640]
    if receiver is None or not _issub(_TestCase, _type(receiver)):
        return True, 640
    try:
        own = _instance_dict(receiver)  # TestCase's own descriptor: no class's __dict__ property
    except _Exception:
        own = None
    if _type(own) is not _dict:
        own = None
    for at, name in ((0, 'longMessage'), (1, 'maxDiff')):
        value = _missing
        for cls in _mro(_type(receiver)):
            space = _tdict(cls)
            entry = _methods.get(_id(cls))
            if cls is _TestCase or cls is _object or (entry is not None and entry[0] is cls):
                value = space.get(name, _missing)  # exact str keys only (type's setattr, class bodies)
            else:
                value = _keys_plain(space, name, _missing)
            if value is not _missing:
                break
        if value is _missing or _is_plain(value):  # plain data is no descriptor: the instance's own wins
            if own is not None:
                mine = _keys_plain(own, name, _missing)
                if mine is not _missing:
                    value = mine
        if value is _missing or not _is_plain(value):
            continue
        if at == 0:
            settings[0] = not not value  # unittest: `if not self.longMessage`
        elif _type(value) is not _str:
            settings[1] = value
    return settings[0], settings[1]


def plain_setting(value, _type=type, _bool=bool, _int=int, _float=float, _str=str):
    """Whether a setting's value is an exact bool, int, float, str or None (identity checks of the
    exact type: no metaclass's __eq__ runs)."""
    t = _type(value)
    return t is _bool or t is _int or t is _float or t is _str or value is None


def lookup_plain_keys(space, name, missing, _type=type, _str=str, _map=map, _is=_operator.is_,
                      _repeat=_itertools.repeat, _all=all, _str_eq=str.__eq__):
    """space.get(name, missing) for a dict or a class's mappingproxy, without running any key's
    __eq__: when every key is an exact str (C checks), the lookup itself; else by hand."""
    if _all(_map(_is, _map(_type, space), _repeat(_str))):
        return space.get(name, missing)
    for key, value in space.items():  # never space[key]: the probe could meet a colliding key
        if _type(key) is _str and _str_eq(key, name):
            return value
    return missing


def type_equality_func(receiver, t, _funcs=None, _id=id):
    """The comparison the author registered for exact type `t` with `addTypeEqualityFunc` on
    this TestCase, or None. Only the helper records registrations (the rewritten hidden code
    calls it), so learner code can neither add one nor replace one."""
    entry = _funcs.get(_id(receiver))
    if entry is None or entry[0] is not receiver:
        return None
    for registered, func in entry[1]:
        if registered is t:
            return func  # a function, or the name of an assertion method (check_assert runs it)
    return None


def register_type_func(receiver, args, kwargs, _funcs=None, _id=id, _len=len, _TypeError=TypeError):
    """`self.addTypeEqualityFunc(typeobj, function)` in hidden code."""
    values = (args + (kwargs.get('typeobj'), kwargs.get('function'))[_len(args):])[:2]
    if values[0] is None or values[1] is None:
        raise _TypeError("addTypeEqualityFunc() missing required argument 'typeobj' or 'function'")
    entry = _funcs.get(_id(receiver))
    if entry is None or entry[0] is not receiver:
        entry = (receiver, [])
        _funcs[_id(receiver)] = entry  # the receiver is held: its id is never reused meanwhile
    entry[1].insert(0, (values[0], values[1]))
    return None


def own_method(receiver, name, args, kwargs, unshadowed=False, _attribute=None):
    """`self.<name>(*args, **kwargs)` of hidden code, where a hidden class defines <name>: the
    function as recorded when the hidden module was executed for this test (runner), found along
    the receiver's MRO, so a method that learner code replaced (even one that puts the original
    back when called) is not the one called (own_attribute). Anything else is an ordinary method call."""
    return _attribute(receiver, name, unshadowed)(*args, **kwargs)


def own_attribute(receiver, name, unshadowed=False, _methods=None, _type=type, _id=id, _getattr=getattr,
                  _mro=type.__dict__['__mro__'].__get__, _function=_types.FunctionType, _method=_types.MethodType,
                  _instance_attr=object.__getattribute__, _dict=dict, _Exception=Exception,
                  _static=staticmethod, _static_func=staticmethod.__dict__['__func__'].__get__,
                  _classm=classmethod, _class_func=classmethod.__dict__['__func__'].__get__,
                  _issub=type.__subclasscheck__):
    """`receiver.<name>` as own_method calls it: the function a hidden class defines, as recorded
    when the hidden module was executed for this test, found along the receiver's MRO. An
    attribute of the instance itself shadows the class's function, as in Python (`self.check =
    ...` in setUp), unless `unshadowed`: hidden code never stores an attribute of that name
    (rewrite._instance_names), so learner code put it there (a `check_top` that checks nothing,
    planted on the test case it got hold of: red4-instance-attribute-plant). A hidden class
    itself as the receiver (`Checks.fail(checks, msg)`, helper 'method_call') gets its own
    recorded function, unbound, not one learner code put on the class and takes back when called
    (red15-hidden-object-fail). Anything else is an ordinary attribute read."""
    if _issub(_type, _type(receiver)):
        entry = _methods.get(_id(receiver))
        if entry is not None and entry[0] is receiver:
            f = entry[1].get(name)
            if _type(f) is _function:
                return f
            if _type(f) is _static:
                return _static_func(f)
            if _type(f) is _classm:
                return _method(_class_func(f), receiver)
        return _getattr(receiver, name)
    if not unshadowed:
        try:
            own = _instance_attr(receiver, '__dict__')
        except _Exception:
            own = None
        if _type(own) is _dict and name in own:
            return _getattr(receiver, name)
    for cls in _mro(_type(receiver)):
        entry = _methods.get(_id(cls))
        if entry is not None and entry[0] is cls:
            f = entry[1].get(name)
            if _type(f) is _function:
                return _method(f, receiver)
            if _type(f) is _static:
                return _static_func(f)
            if _type(f) is _classm:
                return _method(_class_func(f), _type(receiver))
            if f is not None:
                break
    return _getattr(receiver, name)


def clear_type_funcs(_funcs=None):
    """Before each test: registrations belong to one test's TestCase."""
    _funcs.clear()


# The helper's ops that are not assertions (helper()): an assertion's name never takes their path.
HELPER_OPS = frozenset({
    'addTypeEqualityFunc', 'binding', 'bound_assert', 'call_test', 'call_value', 'class_store', 'cmp', 'cmp_chain',
    'delattr', 'doCleanups', 'enter_test', 'getattr', 'made', 'mock_record', 'module_delattr', 'module_setattr',
    'instance', 'not_raised', 'own_method', 'own_class_method', 'mock_call', 'raised', 'raisedRegex', 'real_module', 'setattr', 'skipTest', 'skip_mark',
    'skip_raise', 'skip_store', 'skip_stored', 'subtest_skip', 'truth', 'with_manager', 'with_suppressed',
    'write_through', 'exec', 'eval', 'match_plain', 'caught', 'assert_failed', 'raising', 'class_intact', 'seq_method', 'match_class',
    'suppress_made', 'mock_made', 'method_call', 'attr_method_call', 'managers_intact', 'proxy_made', 'patch_made',
    'patched_read', 'fixture_case', 'type_hints', 'patched_code'})


def compare_two(op, a, b, _compare=None, _scalar_ops=None, _type=type, _int=int, _float=float, _bool=bool, _str=str):
    """`a <op> b` in hidden code, one operator (rewrite.visit_Compare): what helper('cmp') gives,
    without its dispatch. Exact int, float, bool or str on both sides: C's comparison is
    CPython's verdict; anything else: the strict comparison. Reachable only from hidden code's
    constants, as the helper is."""
    ta, tb = _type(a), _type(b)
    if (ta is _int or ta is _float or ta is _bool or ta is _str) and (tb is _int or tb is _float or tb is _bool or tb is _str):
        c = _scalar_ops.get(op)
        if c is not None:
            return c(a, b)
    return _compare(op, a, b)


def sequence_method(seq, name, args, _compare_two=None, _truth=None, _type=type, _list=list, _tuple=tuple,
                    _int=int, _len=len, _min=min, _getattr=getattr):
    """`x.count(v)`, `x.index(v[, start[, stop]])` written in hidden code (rewrite.visit_Call): on
    an exact list or tuple, each element is compared with `v` as hidden code's `==` compares
    (identity first, as C does; then compare_two, which never believes a learner object equal to
    data): `result.count('a')` counted a learner str subclass whose __eq__ answers True, and
    `WORDS.index(pick())` found it at the first word (red7-implicit-c-comparisons). Anything
    else (a str, a deque, a learner sequence, start/stop that are not exact ints) is the method
    itself, called as written. The list is read live, as C reads it (an __eq__ may change it)."""
    t = _type(seq)
    extra = args[1:]
    if (t is not _list and t is not _tuple) or (name == 'count' and extra) or _len(extra) > 2 \
            or (_len(extra) > 0 and _type(extra[0]) is not _int) or (_len(extra) > 1 and _type(extra[1]) is not _int):
        return _getattr(seq, name)(*args)
    value = args[0]
    if name == 'count':
        found, i = 0, 0
        while i < _len(seq):
            item = seq[i]
            if item is value or _truth(_compare_two('==', item, value)):
                found += 1
            i += 1
        return found
    # list.index's own bounds: a negative one counts from the end, then at least 0
    start = extra[0] if extra else 0
    stop = extra[1] if _len(extra) > 1 else 9223372036854775807  # C's PY_SSIZE_T_MAX: the live length bounds it
    if start < 0:
        start = start + _len(seq) if start + _len(seq) > 0 else 0
    if stop < 0:
        stop = stop + _len(seq) if stop + _len(seq) > 0 else 0
    i = start
    while i < _min(stop, _len(seq)):
        item = seq[i]
        if item is value or _truth(_compare_two('==', item, value)):
            return i
        i += 1
    return ([] if t is _list else ()).index(value)  # not there: C's own ValueError, worded as C words it


def operator_compare(a, b, /):
    """What hidden code's copy of the operator module holds for `eq`, `ne`, `lt`, `le`, `gt`, `ge`,
    `contains` (and their dunder names): the comparison hidden code's `a == b` (`b in a`) makes
    (compare_two). C's operator functions compare with a learner object's own __eq__: a str
    subclass answering True passed `operator.eq(result, 'Ann')` where `result == 'Ann'` fails
    (red7-implicit-c-comparisons). Reached by learner code too (a hidden function's
    __globals__, the copy): its dependencies are secret constants, and it returns what that
    comparison would return, nothing more."""
    (op, swapped, compare_two, real, _type, _int, _float, _str) = '\x00grader-sealed-secret\x00'  # SECRET (wire_helper)
    ta, tb = _type(a), _type(b)
    if not swapped and (ta is _int or ta is _float or ta is _str) and (tb is _int or tb is _float or tb is _str):
        return real(a, b)  # exact scalars: C's own verdict, at C's speed (`all(map(operator.le, xs, xs[1:]))`)
    return compare_two(op, b, a) if swapped else compare_two(op, a, b)


def operator_search(a, b, /):
    """Hidden code's `operator.countOf(a, b)` and `operator.indexOf(a, b)` (its copy of the
    operator module): on an exact list or tuple each item is compared with `b` as hidden code's
    `==` compares (identity first, as C does; then compare_two), like `a.count(b)` and
    `a.index(b)` written in hidden code (sequence_method); anything else is C's own function.
    C compared with the items' own __eq__: a learner str subclass answering True was counted
    for every 'a' (red7-implicit-c-comparisons). Not found: C's own ValueError and words."""
    (name, real, compare_two, truth, _type, _list, _tuple, _len) = '\x00grader-sealed-secret\x00'  # SECRET (wire_helper)
    t = _type(a)
    if t is not _list and t is not _tuple:
        return real(a, b)
    found, i = 0, 0
    while i < _len(a):  # read live, as C reads it (an __eq__ may change the list)
        item = a[i]
        if item is b or truth(compare_two('==', item, b)):
            if name == 'indexOf':
                return i
            found += 1
        i += 1
    return found if name == 'countOf' else real((), b)


def helper(op, args, kwargs, receiver=None, _compare=None, _truth=None, _compile=None,
           _ns=None, _register=None, _mock_record=None,
           _own_method=None, _SkipTest=None, _skips=None, _assert=None, _bind=None, _skip_mark=None, _guard=None,
           _enter_test=None, _call_test=None, _value_call=None, _strict_getattr=None, _write_through=None, _machinery=None,
           _real_module=None, _startswith=str.startswith, _binding=None, _made=None, _skip_store=None, _skip_stored=None, _skip_guard=None,
           _str=str, _bytes=bytes, _setattr=setattr, _delattr=delattr, _class_store=None,
           _compare_two=None,
           _type=type, _len=len, _range=range, _AssertionError=AssertionError, _tuple=tuple,
           _join=str.join, _type_repr=type.__repr__, _issub=type.__subclasscheck__,
           _type_name=type.__dict__['__name__'].__get__, _all=all, _subtest_skips=None,
           _cleanup_failures=None, _own_cleanups=None, _current=None, _AsyncCase=None, _suppressed=None, _manager=None,
           _without_traceback=BaseException.with_traceback, _Exception=Exception, _expecting=None,
           _assertions=frozenset(), _expected_caught=None, _run_code=None, _instance=None, _match_plain=None,
           _release=None, _unresolved=None, _class_intact=None, _args_patched=None, _sequence_method=None, _match_class=None,
           _suppress_made=None, _mock_made=None, _note=None, _TestCase=None, _super=super, _getattr=getattr,
           _managers_intact=None, _super_self=super.__dict__['__self__'].__get__, _proxy_made=None,
           _patched_read=None, _fixture_case=None, _type_hints=None, _patched_code=None, _own_attribute=None,
           _RuntimeError=RuntimeError):
    """HELPER(op, args, kwargs[, receiver]): `cmp` returns what Python's comparison gives (an
    exact bool, or what two opaque objects' own methods return), `truth` an exact bool; assert
    ops raise. `receiver` is the object a `x.assertXxx(...)` call was made on (its settings)."""
    if op == 'attr_method_call':
        # `self.case.skipTest(...)` (method_call's names on an attribute of a name): the attribute
        # read here. The running test case standing for an attribute of itself is learner code's
        # doing (a self-removing __getattribute__ that answers `case` with the case, or plants it
        # there): its skipTest would be the author's skip (red15-handed-case-skip)
        owner = receiver
        receiver = _getattr(owner, args[0])
        if receiver is owner and owner is _current[0]:
            raise _RuntimeError('tampering detected: the running test case stood for an attribute of itself')
        op, args = 'method_call', args[1:]
    if op == 'method_call':
        # `task.fail()` written on no parameter, or `super().fail()` (rewrite._DOMAIN_METHOD_NAMES):
        # the submission's own method of that name (Task.fail, Job.skipTest, a classmethod
        # `Registry.fail(name)`) is called as Python would (hunt11-domain-method-names,
        # red15-class-receiver-fail). A test case, TestCase or a subclass
        # (`unittest.TestCase.fail(self, msg)`), or a super() of one (a hidden TestCase's own
        # `fail` override deferring to TestCase's) goes on as `self.fail(...)` does, strictly; a
        # super() of anything else is a hidden subclass of a learner class deferring to the
        # learner's method (red15-super-fail-learner-class). own_method: on an instance of a
        # hidden class (a soft-checks helper's `checks.fail(msg)`), the method as the class was
        # made for the test, not an instance attribute learner code planted when hidden code
        # never stores that name (args[1]: red15-hidden-object-fail)
        # The running test case stays strict whatever its class says now (learner code that got
        # it swapped its __class__ for one whose fail() puts the class back: lie
        # running-case-class-swapped, hunt12-fail-attribute-reads)
        kind = _type(receiver)
        holder = _super_self(receiver) if kind is _super else receiver
        held = _type(holder)
        if not (holder is _current[0] or _issub(_TestCase, held)
                or (_issub(_type, held) and _issub(_TestCase, holder))):
            return _own_method(receiver, args[0], args[2:], kwargs, args[1])
        op, args = args[0], args[2:]
    if op in _assertions:  # the most frequent ops, and none of the others below: straight there
        return _assert(op, args, kwargs, receiver)
    if op == 'cmp' or op == 'cmp_chain':
        # a chain `a < b < c` is `(a < b) and (b < c)`, b evaluated once; with cmp_chain the
        # operands after the second come as hidden lambdas, called only when the chain goes on
        ops = args[0]
        if _len(ops) == 1:
            return _compare_two(ops[0], args[1], args[2])
        left, right = args[1], args[2]
        result = True
        for i in _range(_len(ops)):
            if i > 0:
                left, right = right, (args[i + 2]() if op == 'cmp_chain' else args[i + 2])
            result = _compare(ops[i], left, right)
            if i + 1 < _len(ops) and not result:
                return result
        return result
    if op == 'truth':
        return _truth(args[0])
    if op == 'raised':
        # unittest keeps the exception without its traceback (`exc.with_traceback(None)`, on the
        # exception itself): extract_tb(cm.exception.__traceback__) is [] under CPython
        _without_traceback(args[0], None)
        _expected_caught(args[0])
        return _ns(exception=args[0])
    if op == 'raisedRegex':
        pattern = args[1]
        if _type(pattern) is _str or _type(pattern) is _bytes:
            pattern = _compile(pattern)
        text = _str(args[0])
        if pattern.search(text) is None:
            failure = _AssertionError('"%s" does not match "%s"' % (pattern.pattern, text))
            _note(failure)  # as an assertion method's failure (with_suppressed, unresolved_failure)
            _unresolved(failure, None, True)
            raise failure
        return None
    if op == 'not_raised':  # the name as unittest shows it: a class's __name__, a tuple's str()
        shown = args[0]
        if _type(shown) is _tuple and _all([_issub(_type, _type(e)) for e in shown]):
            shown = '(' + _join(', ', [_type_repr(e) for e in shown]) + (',)' if _len(shown) == 1 else ')')
        elif _issub(_type, _type(shown)):
            shown = _type_name(shown)
        elif _type(shown) is not _str or _len(args) > 2:
            shown = args[2]  # the expression as written
        text = shown + ' not raised'
        failure = _AssertionError(text if _len(args) < 2 or args[1] is None else text + ' : ' + _str(args[1]))
        # as an assertion method's failure: a learner manager around the hidden `with
        # self.assertRaises(E):` that swallows it does not pass the test (with_suppressed), nor
        # learner code that catches it around a hidden callback (runner.unresolved_failure):
        # hunt8-context-suppression GuardTests.test_overdraft_inside passed a wrong Account
        _note(failure)
        _unresolved(failure, None, True)
        raise failure
    if op == 'addTypeEqualityFunc':
        return _register(receiver, args, kwargs)
    if op == 'bound_assert':  # `self.assertEqual` taken as a value (rewrite.py)
        if _len(args) > 1:
            # `job.fail`, or `self.fail` in a helper class that stores a `fail` set
            # (rewrite._DOMAIN_METHOD_NAMES, args[1]: unshadowed): on anything but a test case,
            # TestCase or a super() of one, the object's own attribute, as method_call calls it
            # (hunt12-async-crawler). The running test case is one whatever its class says now
            # (learner code that got it may swap its __class__ for the read and back:
            # hunt12-fail-attribute-reads, lie running-case-class-swapped)
            holder = _super_self(receiver) if _type(receiver) is _super else receiver
            held = _type(holder)
            if not (holder is _current[0] or _issub(_TestCase, held)
                    or (_issub(_type, held) and _issub(_TestCase, holder))):
                return _own_attribute(receiver, args[0], args[1])
        return _bind(args[0], receiver)
    if op == 'skip_mark':  # @unittest.skip/skipIf/skipUnless in hidden code (rewrite.py)
        return _skip_mark(args, kwargs)
    if op == 'enter_test':  # the first statement of every hidden test function (rewrite.py)
        return _enter_test(args[0], args[1])
    if op == 'binding':  # around hidden code's own rebinding of its globals or class attributes
        return _binding(args[0], args[1], args[2])
    if op == 'made':  # every hidden class, def, async def (rewrite.py): records it
        return _made[args[0]]
    if op == 'instance':  # hidden code's call of one of its module-level classes (rewrite.py)
        return _instance(*args)
    if op == 'class_intact':  # right before that call: its class as its statement made it
        if args[1:]:
            # a `**` of that call, evaluated after its arguments: learner code they call may have
            # patched the class since (limits10-manager-routes); record_instance reads the mark
            if _class_intact(args[0]) is False:
                _args_patched[0] = args[0]
            return {}
        return _class_intact(args[0])
    if op == 'skip_store':  # module-level `requires_x = unittest.skipUnless(...)` (rewrite.py)
        return _skip_store(args, kwargs)
    if op == 'skip_stored':  # `@requires_x`, a decorator of such a variable
        return _skip_stored(args[0])
    if op == 'skip_raise':  # `raise unittest.SkipTest(...)` in setUpClass, setUpModule, a test function
        _skip_guard(args[0], receiver)
        exc = _SkipTest(*args[1:])
        _skips.append(exc)
        raise exc
    if op == 'doCleanups':  # hidden code's `self.doCleanups()` (rewrite.py)
        if receiver is not None and receiver is _current[0] and not _issub(_AsyncCase, _type(receiver)):
            failure = _own_cleanups(receiver)
            if failure is not None and not _cleanup_failures:
                _cleanup_failures.append(failure)  # the runner reports it (it came first)
            return failure is None
        return receiver.doCleanups(*args, **kwargs)
    if op == 'subtest_skip':  # the exception that ends a `with self.subTest(...)` body (rewrite.py)
        for skip in _skips:
            if skip is args[0]:  # the author's own skip: recorded, and the test goes on
                _subtest_skips.append(skip)
                return True
        # unittest's subTest on the running test case records a failure or an error and the test
        # goes on: the first problem is the test's (runner.run_module_test reads it). Not for
        # an expectedFailure test (unittest stops it there), not for BaseExceptions (the time
        # limit, SystemExit: they end the test, whose verdict is the same), not for a subTest
        # of another test case (no outcome of the runner's: the exception goes through)
        receiver = args[1] if _len(args) > 1 else None
        if (receiver is not None and receiver is _current[0] and not _expecting[0]
                and _issub(_Exception, _type(args[0]))):
            if not _cleanup_failures:
                _cleanup_failures.append(args[0])
            return True
        return False
    if op == 'skipTest':
        # Only this exception object counts as the author's skip (runner: support.classify);
        # a SkipTest that learner code raises is an error, as before.
        if args and args[0] is receiver and _issub(_type, _type(receiver)):
            # `cls.skipTest(cls, reason)` in setUpClass (TestCase.skipTest with the class as
            # self): `raise SkipTest(reason)`'s rule, only while the runner runs that setUpClass
            _skip_guard('setUpClass', receiver)
            exc = _SkipTest(args[1] if _len(args) > 1 else kwargs.get('reason', ''))
            _skips.append(exc)
            raise exc
        _guard(receiver, True)
        exc = _SkipTest(args[0] if args else kwargs.get('reason', ''))
        _skips.append(exc)
        raise exc
    if op == 'mock_record':
        return _mock_record(args[0], args[1])
    if op == 'with_manager':  # each manager of a hidden `with` statement, as it is evaluated
        return _manager(args[0], args[1], args[2])
    if op == 'suppress_made':  # a call of `suppress(...)` written in hidden code (rewrite.visit_Call)
        return _suppress_made(args[0], args[1])
    if op == 'managers_intact':  # before that call, and before a hidden `with` evaluates its manager
        return _managers_intact()
    if op == 'mock_made':  # a call with `spec=` (or of create_autospec) written in hidden code
        return _mock_made(args[0])
    if op == 'proxy_made':  # a call of something named `proxy` written in hidden code
        return _proxy_made(args[0], args[1:], kwargs)
    if op == 'type_hints':  # typing.get_type_hints / inspect.get_annotations called by hidden code
        return _type_hints(args[0], args[1], args[2:], kwargs)
    if op == 'fixture_case':  # `cls()` as an assertion's receiver in a hidden classmethod
        return _fixture_case(args[0])
    if op == 'patch_made':  # a patcher of a hidden `with` statement, right before it is entered
        _machinery((), False, False, True)  # unittest.mock's classes as at boot (patched_read)
        return args[0]
    if op == 'patched_read':  # hidden code's read of what its own `with patch(...)` replaced
        return _patched_read(args[0], args[1], args[2], args[3])
    if op == 'patched_code':  # `eval(source)`/`exec(source)` in the body of such a patch of builtins
        return _patched_code(args[0], args[1], args[2], args[3], args[4])
    if op == 'seq_method':  # `x.count(v)`, `x.index(v, ...)` in hidden code (rewrite.visit_Call)
        return _sequence_method(args[0], args[1], args[2:])
    if op == 'caught':  # the first statement of a hidden except clause (rewrite.visit_ExceptHandler)
        return _release(args[0])
    if op == 'raising':  # what a hidden `raise` statement raises (rewrite.visit_Raise), unchanged
        if _issub(_AssertionError, _type(args[0])):
            _unresolved(args[0], None, True)  # a failure of hidden code, as its assertion methods'
        return args[0]
    if op == 'assert_failed':  # a hidden `assert` statement failed (rewrite.visit_Assert)
        failure = _AssertionError(*args)  # the statement's own: AssertionError() or AssertionError(msg)
        _unresolved(failure, None, True)  # as its assertion methods' failures (note_unresolved)
        raise failure
    if op == 'with_suppressed':  # after a hidden `with` whose managers suppressed the body's exception
        return _suppressed(args[0], args[1], args[2])
    if op == 'own_method' or op == 'own_class_method':
        unshadowed = op == 'own_class_method'  # an instance attribute does not shadow it (rewrite._instance_names)
        if _type(args[1]) is _str and _startswith(args[1], 'test'):  # `self.test_a()` in hidden code
            return _call_test(args[1], _own_method, (args[0], args[1], args[2:], kwargs, unshadowed), {})
        return _own_method(args[0], args[1], args[2:], kwargs, unshadowed)
    if op == 'mock_call':  # `mock.call('b', 1)`, `call.method(...)` in hidden code (rewrite.visit_Call)
        _machinery((), False, False, True)  # _Call.__call__ must be mock's own now (machinery_intact)
        return args[0](*args[1:], **kwargs)
    if op == 'write_through':  # after `sys.stdout = buf` in hidden code (rewrite.py)
        return _write_through(args[0], args[1])
    if op == 'match_plain':  # a sequence or mapping pattern's part in hidden code's `match` (rewrite.py)
        return _match_plain(args[0], args[1] if _len(args) > 1 else None, _compare_two)
    if op == 'match_class':  # a class pattern's part in hidden code's `match`: assertIsInstance's check
        return _match_class(args[0], args[1])
    if op == 'exec' or op == 'eval':  # `exec(source, namespace)` in hidden code (rewrite.py)
        return _run_code(op, args, receiver)
    if op == 'setattr':  # `setattr(sys, 'stdout', buf)` in hidden code (rewrite.py)
        _setattr(*args)
        return _write_through(args[0], args[1])
    if op == 'delattr':
        _delattr(*args)
        return _write_through(args[0], args[1])
    if op == 'class_store':  # around `T.x = ...` at the hidden module's top level (rewrite.py)
        return _class_store(args[0], args[1:])
    if op == 'module_setattr' or op == 'module_delattr':  # setattr(T, ...) at the module's top level
        _class_store('check', args)
        (_setattr if op == 'module_setattr' else _delattr)(*args)
        _class_store('note', args)
        return _write_through(args[0], args[1])
    if op == 'real_module':  # patch.object(module, ...), patch.multiple(module, ...) in hidden code
        return _real_module(args[0])
    if op == 'getattr':  # `getattr(x, name[, default])` in hidden code (rewrite.py)
        return _strict_getattr(args)
    if op == 'call_test':  # `test_helper()`, `Other('test_c').test_c()` in hidden code
        return _value_call(_call_test, (args[0], args[1], args[2:], kwargs), {})
    if op == 'call_value':  # `getattr(self, name)()`, `case.run(result)` in hidden code
        return _value_call(args[0], args[1:], kwargs)
    return _assert(op, args, kwargs, receiver)


def note_failure(failure, _failures=None, _id=id, _len=len):
    """Records a failure raised by a hidden assertion during the running test (cleared per test;
    bounded: past it, later failures are not recorded)."""
    if _len(_failures) < 10000:
        _failures[_id(failure)] = failure  # held: its id is not reused meanwhile


def note_unresolved(failure, receiver, statement=False, _unresolved=None, _current=None, _id=id, _len=len,
                    _type=type, _super=super, _super_self=super.__dict__['__self__'].__get__):
    """Records a failure of the running test that hidden code must catch itself (released) or
    let end the test: else learner code caught it, and the runner fails the test with it
    (runner.unresolved_failure). An assertion method's on the runner's test case (any, in a
    function-style test), a hidden `assert` or `raise` statement's (`statement`). Not a mock's
    assertion, nor one on a TestCase of the submission's own (`_check = unittest.TestCase()`
    in solution.py, caught there: redteam7-assertion-by-attrgetter)."""
    if _type(receiver) is _super:  # super().assertEqual(...) in an author's own assertion method
        receiver = _super_self(receiver)
    if not (statement or receiver is _current[0] or _current[0] is None):
        return None
    if _len(_unresolved) < 10000:
        _unresolved[_id(failure)] = failure  # held: its id is not reused meanwhile


def released(exc, depth=0, _self=SELF, _failures=None, _id=id, _type=type, _BaseException=BaseException,
             _issub=type.__subclasscheck__, _Group=BaseExceptionGroup,
             _members=BaseExceptionGroup.__dict__['exceptions'].__get__,
             _cause=BaseException.__dict__['__cause__'].__get__,
             _context=BaseException.__dict__['__context__'].__get__):
    """Hidden code caught `exc`: an except clause of its own (rewrite.visit_ExceptHandler), its
    assertRaises, its own context manager suppressing it (expected_caught). A hidden assertion's
    failure that is `exc`, or that `exc` was raised from or while handling (a submission's
    CallbackError wrapping it, caught by the author's assertRaises), or that an exception group
    among them holds (a submission that runs every check and raises
    `ExceptionGroup('checks failed', errors)`, caught by `assertRaises(ExceptionGroup)` or
    `except* AssertionError`: red10-exception-group-release), is the author's to handle:
    no longer one the runner makes the test's problem (runner.unresolved_failure). Reads the
    chain with BaseException's own descriptors (a group's members with BaseExceptionGroup's, the
    tuple it was made with, each as `exc`, a few levels of groups): nothing of the submission
    runs (hunt10-callback-failures and red10-exception-group-release found the groups the same
    day)."""
    seen = 0
    while seen < 100 and _issub(_BaseException, _type(exc)):  # no container made: runs inside a handler
        seen += 1
        if _failures.get(_id(exc)) is exc:
            del _failures[_id(exc)]
        cause = _cause(exc)
        if _issub(_BaseException, _type(cause)) and _failures.get(_id(cause)) is cause:
            del _failures[_id(cause)]  # `raise X from failure`: one level
        if depth < 8 and _issub(_Group, _type(exc)):
            for member in _members(exc):  # a tuple the group holds (its constructor checked each)
                _self(member, depth + 1)
        exc = _context(exc)


def managers_intact(_methods=(), _attr=None):
    """Whether contextlib.suppress and _GeneratorContextManager hold their own __init__,
    __enter__ and __exit__ (looked up through the MRO from dicts, as Python does), asked by the
    rewrite before hidden code makes a manager (`suppress(KeyError)`, `tolerant()` of an
    @contextmanager, evaluated by a `with`): an __init__ patched by learner code that puts the
    original back when it runs (widening the kinds suppressed, swapping in a generator that
    swallows everything) is intact again by the time the `with` asks (author_manager), but not
    before the call (red10-patched-suppress). `_attr`: class_attribute."""
    for cls, name, original in _methods:
        if _attr(cls, name) is not original:
            return False
    return True


def suppress_made(intact, cm, _made=None, _suppress=None, _type=type, _id=id, _len=len):
    """What a call of `suppress(...)` written in hidden code gave: a contextlib.suppress (the
    boot class, exactly) is kept (by id, held) as one the author made, so that its `with`
    statement elsewhere (`ignoring = suppress(AssertionError)`, then `with ignoring:`) is the
    author's choice (author_manager), as one made in the `with` statement itself is; not when
    contextlib's managers were patched right before the call (`intact`: managers_intact).
    Returned unchanged."""
    if intact is True and _type(cm) is _suppress and _len(_made) < 10000:
        _made[_id(cm)] = cm
    return cm


def mock_made(obj, _made=None, _mock_base=None, _mock_dict=None, _keys_plain=None, _type=type, _id=id, _len=len,
              _issub=type.__subclasscheck__, _Exception=Exception):
    """What a call written in hidden code with a `spec=`/`spec_set=` keyword, or of
    `create_autospec`, gave (rewrite.visit_Call): a genuine unittest.mock mock is kept (by id,
    held) with the spec class its own code stored, so that instance_check believes its spec for
    any class, as CPython does (the test's `Mock(spec=io.StringIO)` handed to the submission and
    kept: red9-mock-spec-isinstance, hunt10-hidden-isinstance). A mock the submission makes
    (its `Mock(spec=int)` for a parsed number) is never kept: only classes of the submission or
    the test answer for it. Returned unchanged."""
    if _issub(_mock_base, _type(obj)) and _len(_made) < 10000:
        try:
            spec = _keys_plain(_mock_dict(obj), '_spec_class', None)
        except _Exception:
            return obj
        if spec is not None:
            _made[_id(obj)] = (obj, spec)
    return obj


def proxy_made(func, args, kwargs, _made=None, _proxy=None, _ref=None, _id=id, _len=len):
    """`func(*args, **kwargs)` for a call of `weakref.proxy` (or anything named `proxy`) written
    in hidden code (rewrite.visit_Call): when `func` is weakref.proxy itself, the proxy is kept
    (by id, held) with a weak reference to its referent, so that instance_check asks about the
    referent's type, as CPython's isinstance() does through the proxy's `__class__` (the test's
    `isinstance(weakref.proxy(bag), Bag)`: hunt10-hidden-isinstance). A proxy learner code made is
    never kept: by type(), it is a proxy (devs14-proxy-isinstance). Returned unchanged."""
    made = func(*args, **kwargs)
    if func is _proxy and _len(_made) < 10000:
        _made[_id(made)] = (made, _ref(args[0]))
    return made


def type_hints(fn, hidden_globals, args, kwargs, _readers=(), _hidden=None, _type=type, _typetype=type, _dict=dict,
               _get=dict.get, _str=str, _len=len, _id=id, _object=object, _issub=type.__subclasscheck__,
               _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
               _pget=_types.MappingProxyType.get, _items=dict.items, _tuple=tuple):
    """`fn(*args, **kwargs)` for a call of `get_type_hints`/`get_annotations` written in hidden code:
    when fn is typing's, inspect's or annotationlib's own and its one argument a class of the
    calling hidden module (every class of its MRO but object one a class statement of that module
    made, as runner.record_hidden_methods recorded it: not a class of the submission's whose
    `__module__` says it is the test module's, imported there), the module's namespace is handed as the globals
    the class's string annotations resolve in (`globalns=`, `globals=`), where CPython reads
    sys.modules[cls.__module__].__dict__: a class of the test module with string annotations
    (`from __future__ import annotations`, `children: list[Node]`) resolves them as under CPython,
    where a NameError came (hunt10-test-module-annotations). Nothing is put in sys.modules: a
    view of the module there while the call ran was found by learner code the call runs (a string
    annotation of the submission's evaluated in its module, `size: '_peek()'`:
    red19-type-hints-learner-annotations). Each class's annotations dict must still be the one
    hidden code made, holding what it held then (recorded with the class, or after the call
    that had its `__annotate__` make it); any other call is as written."""
    name = _get(hidden_globals, '__name__') if _type(hidden_globals) is _dict else None
    if (_type(name) is not _str or _len(args) != 1 or _hidden is None
            or not (fn is _readers[0] or fn is _readers[1] or fn is _readers[2])):
        return fn(*args, **kwargs)
    target = args[0]
    if not _issub(_typetype, _type(target)):
        return fn(*args, **kwargs)
    pending = []  # classes whose annotations their hidden `__annotate__` makes during the call
    for c in _mro(target):
        if c is _object:
            continue
        own = _tdict(c)
        module = _pget(own, '__module__')
        entry = _get(_hidden, _id(c))
        if entry is None or entry[0] is not c or _type(module) is not _str or module != name:
            return fn(*args, **kwargs)
        held = _pget(own, '__annotations__')
        if held is None:
            held = _pget(own, '__annotations_cache__')
        if held is None:
            pending.append(c)
            continue
        # the dict as hidden code made it: a string learner code planted in it (handed an
        # instance, `type(node).__annotations__['value'] = "leak(SECRET)"`) would be evaluated in
        # the module's namespace (red19-type-hints-planted-annotation)
        kept = entry[2]
        if entry[1] is not held or _type(held) is not _dict or kept is None or _len(held) != _len(kept):
            return fn(*args, **kwargs)
        at = 0
        for key, value in _items(held):
            if key is not kept[at][0] or value is not kept[at][1]:
                return fn(*args, **kwargs)
            at += 1
    key = 'globalns' if fn is _readers[0] else 'globals'
    if key in kwargs:
        return fn(*args, **kwargs)
    given = _dict(kwargs)
    given[key] = hidden_globals
    result = fn(target, **given)
    for c in pending:  # what the call made them, kept as the next call's reference
        own = _tdict(c)
        held = _pget(own, '__annotations_cache__')
        if held is None:
            held = _pget(own, '__annotations__')
        if _type(held) is _dict:
            _hidden[_id(c)] = (c, held, _tuple(_items(held)))
    return result


def fixture_case(case, _made=None, _fixture=None, _hidden=None, _TestCase=None, _type=type, _id=id, _len=len,
                 _object=object, _mro=type.__dict__['__mro__'].__get__):
    """`cls()` written as the receiver of an assertion in a hidden classmethod (rewrite.visit_Call:
    `cls().assertEqual(cls.reg.get('x'), 10)` in setUpClass, a TestCase classmethod having no
    instance): kept while the runner runs that class's setUpClass and `case` is an exact instance
    of it, so that its assertions count (assertions_count_on) as a plain `assert` there does,
    where they were tampering (hunt6-class-fixture-errors). A case learner code makes of the
    class (to run a hidden test with) is never kept, nor one whose class has a learner base
    (whose `__init__` would get hold of it): every class along its MRO is hidden code's,
    TestCase or object. Returned unchanged."""
    if _fixture[0] != 'setUpClass' or _type(case) is not _fixture[1] or _len(_made) >= 10000:
        return case
    for c in _mro(_type(case)):
        entry = _hidden.get(_id(c))
        if c is not _TestCase and c is not _object and (entry is None or entry[0] is not c):
            return case
    _made[_id(case)] = case
    return case


def patched_read(entered, owner, name, pristine, _real_module=None, _builtins=None, _type=type,
                 _module=_types.ModuleType, _module_dict=_types.ModuleType.__dict__['__dict__'].__get__,
                 _get=dict.get, _missing=VALUES_NOKEY):
    """Hidden code's read of `owner.name` (the builtin `name` when owner is None) in the body of
    its own `with patch(...)` of that name (rewrite._follow_patches): what the real module holds
    when it is `entered`, the very object the author's patcher entered (the MagicMock of
    `patch('builtins.print')`, patch.object(sys, 'platform', 'win32')'s 'win32'), as under
    CPython's one module; otherwise `pristine`, hidden code's own value: a function learner code
    set there since is never called by hidden code (devs14-patched-reads)."""
    real = _builtins if owner is None else _real_module(owner)
    if _type(real) is not _module:
        return pristine
    live = _get(_module_dict(real), name, _missing)
    return live if live is entered else pristine


def patched_code(op, code, hidden_globals, hidden_locals, entered, _builtins=None, _exec=exec, _eval=eval,
                 _type=type, _dict=dict, _module_dict=_types.ModuleType.__dict__['__dict__'].__get__,
                 _get=dict.get, _missing=VALUES_NOKEY):
    """`eval(code)`/`exec(code)` with no namespace, written in the body of hidden code's own
    `with patch('builtins.input', ...)` (rewrite._PatchedReads): the code runs in a copy of hidden
    code's globals whose builtins are its pristine ones, except each patched name whose live
    value is still the object the author's patcher entered (patched_read's rule), and in its
    locals, so that `eval('int(input())')` reads the author's mock as under CPython
    (hunt7-hidden-reads-patched-sys). A name the code assigns with `global` stays in the copy."""
    given = _get(hidden_globals, '__builtins__') if _type(hidden_globals) is _dict else None
    if _type(given) is not _dict:  # not hidden code's namespace as the runner made it: as written
        return _eval(code, hidden_globals, hidden_locals) if op == 'eval' else _exec(code, hidden_globals, hidden_locals)
    namespace, given, live = _dict(hidden_globals), _dict(given), _module_dict(_builtins)
    for name in entered:
        value = _get(live, name, _missing)
        if value is entered[name]:
            given[name] = value
    namespace['__builtins__'] = given
    return _eval(code, namespace, hidden_locals) if op == 'eval' else _exec(code, namespace, hidden_locals)


def author_manager(cm, suppress_call, _hidden=None, _suppress=None, _made=None, _gcm=None, _gcm_dict=None, _type=type, _id=id,
                   _attr=None, _dict=dict, _get=dict.get, _missing=VALUES_NOKEY, _Exception=Exception,
                   _suppress_methods=(), _gcm_methods=(), _patched=None, _intact=None):
    """Whether a context manager's decision to suppress an exception is the author's: a
    contextlib.suppress that the `with` statement makes itself (`suppress_call`: the rewrite saw
    a call of a name or attribute `suppress` there; one a submission's function hands out,
    `with solution.opened(...)`, is the submission's choice), a class whose __exit__ is hidden
    code, a contextlib.contextmanager of a hidden generator function. Read from dicts, nothing
    called. `_hidden`: lockdown.hidden_function (a function with hidden globals may be
    learner-made: red9-forged-hidden-globals). `_attr`: class_attribute (the MRO's dicts, no
    descriptor run)."""
    t = _type(cm)
    if t is _suppress or t is _gcm:
        # contextlib's own __init__ and __exit__, looked up through the class's MRO as Python
        # does: the submission can patch them (a suppress.__init__ adding AssertionError to the
        # kinds, a _GeneratorContextManager.__init__ swapping in a generator of its own that
        # swallows everything, an __exit__ answering True) in a call before the `with`, which
        # then swallowed a hidden failure as the author's (red10-patched-suppress). __exit__ is
        # bound as the statement starts, right after this: a patch put back later changes nothing
        for name, original in (_suppress_methods if t is _suppress else _gcm_methods):
            if _attr(t, name) is not original:
                return False
    if t is _suppress:
        # written in the `with` statement, or made by a call of hidden code (suppress_made)
        return suppress_call or _get(_made, _id(cm)) is cm
    if t is _gcm:
        try:
            own = _gcm_dict(cm)
        except _Exception:
            return False
        fn = _get(own, 'func') if _type(own) is _dict else None
        return _hidden(fn)
    if _get(_patched, _id(cm)) is cm or not _intact(t):
        # an author's own manager class (`class ignored:` of the test module) made while learner
        # code had replaced its __init__ with one that puts itself back when called and widens the
        # kinds (asserts.record_instance), or whose __enter__ is replaced now (it runs right after
        # this, and could put itself back too): not the author's (red10-author-manager-init)
        return False
    exit_ = _attr(t, '__exit__')
    return exit_ is not _missing and _hidden(exit_)


def with_manager(intact, cm, suppress_call, _author=None):
    """A manager of a hidden `with` statement, as it is evaluated (before its __enter__, which
    drops a contextmanager's function): (the manager, whether it is the author's). `intact`:
    contextlib's managers were unpatched before the expression ran (managers_intact)."""
    return (cm, intact is True and _author(cm, suppress_call))


def with_suppressed(exc, managers, first, _failures=None, _id=id, _expected_caught=None, _unresolved=None):
    """After a `with` statement of hidden code whose body raised and whose managers suppressed
    it (rewrite.py; `managers` as with_manager gave them): a hidden assertion's failure stands
    unless an author's manager was among them. A learner's __exit__ returning True (or a
    contextmanager generator catching it) made a failed test pass, in CPython too, and never
    the failure's message (red team redmsg). `first`: what the body's first statement raised
    when that is an assertion of literals only (rewrite._constant_assertion: `with
    ignored(AssertionError): self.fail('swallowed')`), else None: that failure checks nothing
    of the submission and any manager may suppress it (hunt8-context-suppression)."""
    for cm, author in managers:
        if author:
            _expected_caught(exc)  # the running test's failure an author's wrapper suppressed (armed_call)
            return None
    if _failures.get(_id(exc)) is not exc or exc is first:
        # any other exception: the managers' choice, as in CPython; a hidden `assert` or `raise`
        # statement's failure too (an exercise's `with ignored(AssertionError): assert 1 == 2`).
        # `exc` alone, not its __context__ and __cause__ as released() follows them: a learner's
        # __exit__ writes them, and a hidden callback's failure it kept was released through
        # them (red14-suppressed-context-launders)
        if _unresolved.get(_id(exc)) is exc:
            del _unresolved[_id(exc)]
        return None
    raise exc


def run_assertion(op, args, kwargs, receiver, by_class=False, _check=None, _settings=None,
                  _mock=None, _mock_ops=MOCK_ASSERTS, _AssertionError=AssertionError, _guard=None, _fakes=None,
                  _get=dict.get, _id=id,
                  _overrides=None, _own_method=None, _issub=type.__subclasscheck__, _type=type,
                  _file_intact=None, _forged=None, _note=None, _unresolved=None, _RuntimeError=RuntimeError,
                  _inner=None, _machinery=None, _Exception=Exception):
    """An assertion (self.assertXxx, self.fail, a mock's assert_called_with...) and nothing
    else: the only part of the helper an assertion taken as a value can reach. `by_class`: it was
    reached as TestCase's own attribute (testcase_assertion), so no author override applies."""
    if not _file_intact(0):
        # A source check reads, then asserts: a clean copy put where it reads is still there now,
        # even when a finalizer takes it back before the test ends (runner.learner_file_intact).
        _forged[0] = 1
        raise _RuntimeError('tampering detected: the submission changed where its source is read from')
    if _inner:
        # hidden code runs hidden cases through unittest (value_call): what records this
        # assertion's failure (TestResult.addFailure) must be unittest's now, not only after the
        # test (redteam9-inner-suite-result: silenced, then put back by stopTest)
        _machinery((), True)
    named_class = _issub(_type, _type(receiver)) and args
    if named_class:  # unittest.TestCase.assertEqual(self, a, b): that class's own, by name
        receiver, args = args[0], args[1:]
    if op not in _mock_ops:  # a mock's assert_called_with is asked of the mock
        _guard(receiver, False)
        if not (named_class or by_class) and _overrides(receiver, op):
            # the author's own assertEqual (a hidden class defines it): it decides, as in unittest;
            # its super().assertEqual(...) comes back here with a super object, which has none
            return _own_method(receiver, op, args, kwargs)
    if op == 'fail':  # TestCase.fail, which learner code could replace on the class
        failure = _AssertionError(args[0] if args else kwargs.get('msg'))
        _note(failure)
        _unresolved(failure, receiver)
        raise failure
    if op in _mock_ops:
        if _overrides(receiver, op) and _get(_fakes[0], _id(receiver)) is receiver:
            # a fake the hidden tests wrote (`class FakePrinter: def assert_called_with(...)`), or
            # an author's Mock subclass overriding it, made by hidden code (record_instance): its
            # own method decides, as in Python. A learner object, or an instance the submission
            # made of the hidden class, is still no mock (the submission could have put it where
            # the test's mock was): mock_records fails closed (hunt12-handwritten-spies). The class's method
            # even when the instance has an attribute of that name: hidden fakes do not store one,
            # learner code planted it (unshadowed, as own_method's rule)
            return _own_method(receiver, op, args, kwargs, True)
        failure = None
        try:
            return _mock(op, receiver, args, kwargs)
        except _AssertionError as caught:
            failure = caught  # noted outside the except block (above)
        _note(failure)
        raise failure
    before = (_settings[0], _settings[1], _settings[2])
    _settings[2] = (receiver,)  # its settings, read if a message needs them (assertion_settings)
    failure = result = None
    try:
        result = _check(op, args, kwargs, receiver)
    except _AssertionError as caught:
        failure = caught  # noted outside the except block: nothing (a dict's growth, a gc callback)
        # may run while a hidden failure is the handled exception (runner.attempt)
    except _Exception as caught:
        # an error out of the assertion itself (pprint's diff of a Counter with a Decimal NaN
        # count: values.counter_order strict), raised as under CPython, is its failure for the
        # same rules: a learner's manager that swallows it does not pass the test
        # (red14-counter-nan-diff-swallowed)
        failure = caught
    _settings[0], _settings[1], _settings[2] = before  # a custom type function may assert on another TestCase
    if _inner:
        _machinery((), True)  # again: the check may run learner code (a __repr__ for the message)
    if failure is not None:
        _note(failure)  # a failure of hidden code's assertion (with_suppressed)
        _unresolved(failure, receiver)  # (runner.unresolved_failure)
        raise failure
    return result


def unbound_assertion(self, *args, **kwargs):
    """One assertion method through the strict checks, sealed once per name at install with
    (run_assertion, name) as its secret constant: no defaults, nothing of the helper readable.
    Reached by learner code, it can only run assertions."""
    pair = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with (run_assertion, name)
    return pair[0](pair[1], args, kwargs, self)


def class_assertion(self, *args, **kwargs):
    """unittest.TestCase.<assertion> itself, installed at boot for each strict assertion name
    (install_class_assertions) with (testcase_assertion, name) as its secret constant."""
    pair = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with (testcase_assertion, name)
    return pair[0](pair[1], self, args, kwargs)


def testcase_assertion(name, receiver, args, kwargs, _run=None, _native=None, _counts=None, _ops=None):
    """TestCase's own assertion reached without the rewriter: `operator.methodcaller('assertEqual',
    a, b)(self)`, `operator.attrgetter`, `getattr(super(), 'assertEqual')`, an assertion learner
    code calls. On a test case whose assertions count for the running hidden test it is the strict
    assertion (a learner object's always-True __eq__ must not pass there either); on any other
    test case (a submission's own unittest use) it is unittest's own method, as under CPython."""
    if _counts(receiver):
        return _run(_ops.get(name, name), args, kwargs, receiver, True)
    return _native[name](receiver, *args, **kwargs)


def subtest_method(self, /, *args, **kwargs):
    """unittest.TestCase.subTest itself, installed at boot (install_subtest): on the running
    test case, a SubTestContext whose sealed __exit__ records what ends the body as unittest's
    subTest does (the helper's 'subtest_skip'); on any other test case (a submission's own),
    unittest's own subTest."""
    native, current, cls, new, set_case = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal()
    if self is not None and self is current[0]:
        manager = new(cls)
        set_case(manager, self)
        return manager
    return native(self, *args, **kwargs)


def subtest_exit(self, exc_type, exc, tb, /):
    """SubTestContext.__exit__ (sealed): an exception that ends a subtest's body on the running
    test case is recorded and the test goes on (a failure or error is the test's first problem
    unless an earlier one came; the author's skip is recorded as a subtest skip), as
    unittest's subTest does; anything else goes through."""
    helper, case_of, _type, _BaseException, _issub = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal()
    if exc is None or not _issub(_BaseException, _type(exc)):
        return False
    return helper('subtest_skip', (exc, case_of(self)), {}) is True


def testcase_run(self, /, *args, **kwargs):
    """unittest.TestCase.run itself, installed at boot (install_subtest): given, on the running
    test case, the token the runner handed to the author's own `run(result)` override, it runs
    the test's lifecycle, once (runner.run_module_test); anything else is unittest's own run.
    The token stays known until the author's run returns: a second `super().run(result)` of the
    author's runs nothing (unittest's own run given the token was an error: redh6-run-twice)."""
    native, current, pending = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal()
    slot = pending[0]
    result = args[0] if args else kwargs.get('result')
    if slot is not None and self is not None and self is current[0] and result is slot[0]:
        ran = slot[2]
        if ran[0] == 0:
            ran[0] = 1  # one shot
            slot[1]()
        return None
    return native(self, *args, **kwargs)


def install_subtest(seal, TestCase, helper, current, cls):
    """TestCase.subTest, TestCase.run and SubTestContext.__exit__ become the sealed functions
    above; returns the runner's cell for TestCase.run."""
    slot = cls.__dict__['_case']
    cls.__exit__ = seal(subtest_exit, secret=(helper, slot.__get__, type, BaseException, type.__subclasscheck__))
    TestCase.subTest = seal(subtest_method, secret=(TestCase.__dict__['subTest'], current, cls, object.__new__,
                                                    slot.__set__))
    pending = [None]  # (token, lifecycle, [ran]) while the author's own run() runs (runner)
    TestCase.run = seal(testcase_run, secret=(TestCase.__dict__['run'], current, pending))
    return pending


def assertions_count_on(receiver, skipping=False, _current=None, _running=None, _TestCase=None, _hidden=None,
                        _inner=None, _fixture=None, _fixture_cases=None, _issub=type.__subclasscheck__, _type=type, _id=id,
                        _mro=type.__dict__['__mro__'].__get__):
    """Whether assertions (or a skip) on `receiver` count for the running hidden test: it is the
    test case the runner made, or a hidden test case hidden code hands to unittest itself
    (value_call: its setUp asserts too), or (assertions only) while a hidden test runs, a plain
    `unittest.TestCase()` (what hidden code borrows: a submission's own cases are subclasses) or,
    in a function-style test, a TestCase of its own (no instance of a hidden test class), or
    (assertions only) while the runner runs a hidden class's setUpClass, the throwaway case its
    `cls().assertEqual(...)` made of that very class (fixture_case)."""
    if receiver is not None and receiver is _current[0]:
        return True
    pair = _inner.get(_id(receiver))
    if pair is not None and pair[0] is receiver:
        return True
    if (not skipping and _fixture[0] == 'setUpClass' and _fixture_cases.get(_id(receiver)) is receiver
            and _type(receiver) is _fixture[1]):
        return True
    if skipping or _running[0] is None:
        return False
    if _type(receiver) is _TestCase:
        return True
    if _current[0] is None and _issub(_TestCase, _type(receiver)):
        for klass in _mro(_type(receiver)):
            if _id(klass) in _hidden:
                return False
        return True
    return False


# TestCase's private assertions that hidden code can reach (`self._baseAssertEqual(a, b)`, and what
# `self._getAssertEqualityFunc(a, b)` returns for a type with no function of its own): the strict
# assertion each stands for.
PRIVATE_ASSERTIONS = {'_baseAssertEqual': 'assertEqual'}


def install_class_assertions(seal, TestCase, names, run, counts, aliases):
    """TestCase.<name> becomes class_assertion for every strict assertion unittest defines (and its
    private _baseAssertEqual), and each old alias (legacy.py) that stood for one follows it. Before
    S['testcase_dict'] is taken: testcase_intact then holds them in place."""
    own = TestCase.__dict__
    native = {name: own[name] for name in [*names, *PRIVATE_ASSERTIONS] if name in own}
    dispatch = seal(testcase_assertion, _run=run, _native=_types.MappingProxyType(native), _counts=counts,
                    _ops=_types.MappingProxyType(PRIVATE_ASSERTIONS))
    for name in native:
        setattr(TestCase, name, seal(class_assertion, secret=(dispatch, name)))
    for old, new in aliases.items():
        if new in native and own.get(old) is native[new]:
            setattr(TestCase, old, own[new])


def author_override(receiver, name, _methods=None, _named=None, _type=type, _id=id,
                    _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__):
    """Whether the first class along the receiver's MRO that defines `name` is a hidden class
    (an author's own assertion method), from the dicts recorded for this test. `_named`: every
    name those dicts hold; a name no hidden class defines is never an author's own (the loop
    below could not answer True), and that is nearly every assertion of nearly every suite."""
    if name not in _named:
        return False
    for cls in _mro(_type(receiver)):
        entry = _methods.get(_id(cls))
        if entry is not None and entry[0] is cls:
            if name in entry[1]:
                return True
        elif name in _tdict(cls):
            return False
    return False


def bind_assertion(name, receiver, _unbound=None, _method=None, _issub=type.__subclasscheck__,
                   _type=type, _AttributeError=AttributeError):
    """`check = self.assertEqual` (a bound method: immutable, unlike a functools.partial) or
    `assertItemsEqual = unittest.TestCase.assertCountEqual` in a class body (the function, which
    binds to each test case like the method it stands for)."""
    fn = _unbound.get(name)
    if fn is None:
        raise _AttributeError(name)
    return fn if _issub(_type, _type(receiver)) else _method(fn, receiver)


def run_code(op, args, caller_builtins, _real=None, _learner=None, _mock_base=None, _hidden=None, _live=('input', 'print', 'open'),
             _exec=exec, _eval=eval, _type=type, _dict=dict, _getattr=getattr, _str=str, _bytes=bytes,
             _code=_types.CodeType, _issub=type.__subclasscheck__,
             _filename=_types.CodeType.__dict__['co_filename'].__get__, _contains=str.__contains__,
             _bcontains=bytes.__contains__, _encode=str.encode):
    """`exec(source, globals[, locals])` or `eval(...)` written in hidden code. Python gives the
    code the caller's builtins when `globals` has none: hidden code's pristine ones, so the
    submission's source exec'd by a CodeRunner-style test under `patch('builtins.input', ...)`,
    `patch('builtins.print')` or a mock_open read the pristine input/print/open (EOFError), where
    CPython's one builtins module gives it the mocks. The code gets a copy of the caller's builtins
    (its import of hidden modules included) with input, print and open as the builtins module holds
    them now (hunt7-coderunner-programs). Only the submission's own code (a str or bytes holding
    its source, code compiled under its file's name; `_learner`: path, source) gets whatever the module holds: other code (a reference program the hidden tests
    exec to get the expected transcript) gets a live value only when hidden code can have put it
    there (a unittest.mock mock, a function hidden code made: its globals and its code), else the pristine one:
    a submission that set `builtins.print` to a function printing nothing made the reference's
    transcript as empty as its own, and a wrong program passed (red8a-exec-reference-builtins)."""
    namespace = args[1]
    if _type(namespace) is _dict and '__builtins__' not in namespace and _type(caller_builtins) is _dict:
        code, path, source = args[0], _learner[0], _learner[1]
        t = _type(code)
        mine = False
        if source:
            if t is _str:
                mine = _contains(code, source)
            elif t is _bytes:
                mine = _bcontains(code, _encode(source))
            elif t is _code:
                mine = _filename(code) == path
        given = _dict(caller_builtins)
        for name in _live:
            value = _getattr(_real, name)
            vt = _type(value)
            if mine or _issub(_mock_base, vt) or _hidden(value):  # _hidden: lockdown.hidden_function
                given[name] = value
        namespace['__builtins__'] = given
    return _exec(*args) if op == 'exec' else _eval(*args)


# What the match statement calls on a sequence or mapping it takes apart (len, iteration,
# indexing; get, keys and iteration for a mapping and its **rest).
MATCH_PROTOCOL = ('__len__', '__iter__', '__getitem__', 'get', 'keys', 'items', '__contains__')


def match_plain(part, keys=None, compare_two=None, _boot=_types.MappingProxyType({}), _list=list, _tuple=tuple, _dict=dict,
                _names=MATCH_PROTOCOL, _scalars=frozenset({str, int, float, bool, bytes, type(None)}),
                _type=type, _id=id, _issub=type.__subclasscheck__, _mro=type.__dict__['__mro__'].__get__,
                _tdict=type.__dict__['__dict__'].__get__, _contains=_types.MappingProxyType.__contains__,
                _keys=dict.__iter__, _keys_plain=None, _missing=VALUES_NOKEY, _zip=zip):
    """Whether hidden code's `match` may take `part` apart as a sequence or mapping pattern: not
    when it is a list, tuple or dict subclass one of whose classes made after boot (the
    submission's) defines what the match calls (MATCH_PROTOCOL): a tuple subclass whose
    __len__/__iter__ answered ('add', 1, 2), or a dict subclass whose `get` answered
    {'name': 'Ada', 'age': 36}, matched those patterns with other data, as under CPython; its data
    is what the engine compares everywhere else. For a mapping pattern (`keys`: its keys), a dict
    whose keys are not all exact scalars must hold each pattern key as a key strictly equal to it
    (compare_two): `get('name')` compares the stored keys with `==`, and a learner key whose
    `__eq__` answers True stood for 'name' (red8a-match-structure-lies). Such a part matches no
    pattern: the case is passed over. A class of the standard library's (`_boot`) is trusted only
    while its own dict holds for those names what it held at boot: learner code patched
    `collections.Counter.get`, or unittest.mock's `_Call.__iter__` in a suite that never names mock
    (whose classes are then not checked around the test), and the pattern matched
    (red18-boot-container-match)."""
    t = _type(part)
    if t is not _list and t is not _tuple and t is not _dict:
        for base in (_list, _tuple, _dict):
            if _issub(base, t):
                for c in _mro(t):
                    if c is base:
                        break
                    own = _tdict(c)
                    known = _boot.get(_id(c))
                    if known is not None and known[0] is c:
                        for name, held in _zip(_names, known[1]):
                            if _keys_plain(own, name, _missing) is not held:
                                return False
                        continue
                    for name in _names:
                        if _contains(own, name):
                            return False
    if keys is not None and _issub(_dict, t):
        odd = False
        for stored in _keys(part):
            if _type(stored) not in _scalars:
                odd = True
                break
        if odd:
            for key in keys:
                found = False
                for stored in _keys(part):
                    if stored is key or compare_two('==', stored, key):
                        found = True
                        break
                if not found:
                    return False
    return True


def boot_container_classes(_missing=VALUES_NOKEY):
    """id -> (class, what its own dict holds for each MATCH_PROTOCOL name, or `_missing`) of the
    list, tuple and dict subclasses that exist at boot (standard library code: OrderedDict,
    defaultdict, Counter, namedtuple classes, mock's _Call and _CallList...): match_plain trusts
    them while they hold the same. The classes are held: an id is never reused by another class."""
    return _types.MappingProxyType({id(cls): (cls, tuple(cls.__dict__.get(name, _missing) for name in MATCH_PROTOCOL))
                                    for cls in boot_subclasses(list, tuple, dict)})


def write_through(owner, name, _copies=_types.MappingProxyType(MODULE_COPIES), _id=id, _type=type,
                  _str=str, _get=dict.get, _mod_dict=_types.ModuleType.__dict__['__dict__'].__get__,
                  _set=_types.ModuleType.__setattr__, _del=_types.ModuleType.__delattr__,
                  _missing=object(), _AttributeError=AttributeError, _live=None, _pop=dict.pop, _retake=None,
                  _states=COPY_STATES, _tuple=tuple, _keys=dict.keys, _values=dict.values):
    """Hidden code assigned (or deleted) `owner.name`: when owner is its pristine copy of a module,
    the real module gets the same binding, as there is one module under CPython (`sys.stdout =
    buf` must reach the submission's print). Module's own setattr, whatever class learner code
    gave the real module. A name the copy reads live from the real module (sys_live: `sys.stdout`)
    leaves the copy again, so that later changes of the real one (a mock patch) show too. A
    module-level matcher's attribute set so (`EXPECTED.tol = 0.5`) is the author's new state
    (values.matcher_state_retake). The copy's bindings as hidden code leaves them are what the
    check after the test expects (COPY_STATES, support.copies_intact)."""
    _retake(owner)
    pair = _copies.get(_id(owner))
    if pair is None or pair[0] is not owner:
        return None
    space = _mod_dict(owner)
    if _id(owner) in _states:
        _states[_id(owner)] = (owner, _tuple(_keys(space)), _tuple(_values(space)))
    if pair[1] is None or _type(name) is not _str:
        return None
    value = _get(space, name, _missing)
    if value is _missing:
        try:
            _del(pair[1], name)
        except _AttributeError:
            pass
    else:
        _set(pair[1], name, value)
        if _live is not None and _get(space, '__getattr__') is _live[0] and name in _live[1]:
            _pop(space, name, None)
            _states[_id(owner)] = (owner, _tuple(_keys(space)), _tuple(_values(space)))
    return None


# sys's attributes that hidden code's copy of sys reads from the real module: what redirect_stdout,
# mock.patch('sys.stdout'/'sys.argv'/'sys.stdin') and the runner's capture change while a test runs.
SYS_LIVE = frozenset({'stdin', 'stdout', 'stderr', 'argv'})


def sys_live(name, _real=None, _names=SYS_LIVE, _type=type, _str=str, _getattr=getattr,
             _AttributeError=AttributeError, _repr=str.__repr__):
    """The module `__getattr__` of hidden code's copies of sys (PEP 562): the copies lack the
    SYS_LIVE names, which are read from the real sys as they are now. A copy holding them as
    they were at boot showed hidden code the boot stdout inside `with patch('sys.stdout',
    new_callable=io.StringIO)` (`sys.stdout.getvalue()` an AttributeError), the boot argv under a
    patched one, and learner source exec'd by hidden code (`import sys` gets a copy there) printed
    `file=sys.stdout` past redirect_stdout (hunt7-hidden-reads-patched-sys)."""
    if _type(name) is _str and name in _names:
        return _getattr(_real, name)
    raise _AttributeError("module 'sys' has no attribute " + _repr(name if _type(name) is _str else ''))


def real_module(obj, _copies=_types.MappingProxyType(MODULE_COPIES), _id=id):
    """The real module when `obj` is hidden code's pristine copy of it, else `obj`."""
    pair = _copies.get(_id(obj))
    return pair[1] if pair is not None and pair[0] is obj and pair[1] is not None else obj


def strict_getattr(args, _bind=None, _names=None, _legacy=None, _TestCase=None, _machinery=None, _getattr=getattr,
                   _issub=type.__subclasscheck__, _type=type, _str=str, _len=len):
    """`getattr(obj, name[, default])` in hidden code: an assertion name (or an old alias of
    one) on a test case gives the strict bound assertion, as `obj.assertEqual` written in place
    does; anything else is Python's getattr. An assertion name on anything else
    (`getattr(super(), 'assertEqual')`) finds TestCase's own attribute: TestCase must hold the
    strict one right now (machinery_intact), not only when the test ends (redteam9-assertion-window)."""
    obj, name = args[0], args[1]
    if _type(name) is _str:
        today = _legacy.get(name, name)
        if today in _names:
            if _issub(_TestCase, _type(obj)):
                return _bind(today, obj)
            _machinery((), False)
    return _getattr(obj, name) if _len(args) == 2 else _getattr(obj, name, args[2])


def shadowed_method(case, _case_dict=None, _result_dict=None, _TestCase=None, _type=type, _str=str, _dict=dict,
                    _callable=callable, _issub=type.__subclasscheck__,
                    _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                    _get=_types.MappingProxyType.get, _missing=object(), _prefix='__unittest'):
    """Whether a hidden test case that hidden code hands to unittest (value_call) holds an
    instance attribute that unittest's run() would take for its class's: a method its classes
    define (`TestCase.run` calls `getattr(self, self._testMethodName)`, `self._callTestMethod`,
    `self.setUp`), or a `__unittest_...` mark (`__unittest_expecting_failure__` makes a failure
    expected). A learner hook on `TestCase.__init__` or `TestResult.startTest`, put back when it
    ran, planted `test_add = lambda: None` on the case: the hidden test never started, nothing
    was recorded and the outer test passed (redteam9-inner-case-shadowed). A key that is no
    exact str may stand for any name (its own __eq__ answers the lookup). Hidden code has no
    reason to do either on a case it runs. The same for the TestResult handed along with it
    (`startTest` planted on hidden code's result by a hook on its __init__)."""
    own = _case_dict(case) if _issub(_TestCase, _type(case)) else _result_dict(case)
    if _type(own) is not _dict:
        return True
    for key in own:
        if _type(key) is not _str or key.startswith(_prefix):
            return True
        for klass in _mro(_type(case)):
            value = _get(_tdict(klass), key, _missing)
            if value is not _missing:
                if _callable(value):
                    return True
                break
    return False


def machinery_intact(cases, unittest_too, doctest_too=False, mocks_too=False, _testcase=None, _unittest=None,
                     _shadowed=None, _live=None, _doctest=None, _mocks=None, _RuntimeError=RuntimeError):
    """Raises (the running test's tamper flag set) unless TestCase (and, with `unittest_too`,
    unittest's results, suites, loaders and runners) hold what they held at boot, and no hidden
    case in `cases` is shadowed (shadowed_method). The runner checks these after the test; hidden
    code that reaches them in C (`operator.methodcaller('assertEqual', ...)(self)`,
    `getattr(super(), 'assertEqual')`, `Inner('test_add').run(result)`) needs them now: learner
    code puts back what it replaced the moment it is called (`TestCase.assertEqual`,
    `TestResult.addFailure` put back by `stopTest`), so the check after the test found them intact
    and the lie passed (redteam9-assertion-window, -inner-suite-result, -inner-case-shadowed).
    With `doctest_too`, doctest's globals and classes too (runner.doctest_intact, given the state
    `_doctest[0]` taken for this job); with `mocks_too`, unittest.mock's classes (support.mocks_intact:
    hidden code's `mock.call('b', 1)` runs `_Call.__call__`, which learner code replaced by one that
    answers with the mock's own record and puts itself back: red2-self-restoring-mock-patch)."""
    if (_testcase() and (not unittest_too or _unittest())
            and (not doctest_too or _doctest[0] is None or _doctest[1](_doctest[0]))
            and (not mocks_too or _mocks())):
        for case in cases:
            if _shadowed(case):
                break
        else:
            return None
    live = _live[0]
    if live is not None:
        live[2][0] = 1  # the test's tamper flag (runner.run_module_test)
    raise _RuntimeError('tampering detected: the hidden tests were modified while they ran')


def c_lookup(fn, args, _TestCase=None, _DocTestRunner=None, _type=type, _issub=type.__subclasscheck__,
             _method=_types.MethodType, _m_self=_types.MethodType.__dict__['__self__'].__get__,
             _lookups=(_operator.methodcaller, _operator.attrgetter)):
    """What a call through a value may look up in C that learner code can replace and put back
    when called: 1 when it is an `operator.methodcaller`/`attrgetter` handed a test case
    (`operator.methodcaller('assertEqual', a, b)(self)` finds TestCase's attribute), 2 when it is a
    DocTestRunner's method (`runner.run(test)`: examples run learner code that may patch doctest
    for the `runner.summarize()` hidden code calls next), else 0. Narrow on purpose: a check of
    TestCase on every call handed a test case (`check = self.helper` called in a loop) cost ~80 us
    a call (machinery_intact)."""
    t = _type(fn)
    if t is _lookups[0] or t is _lookups[1]:
        for arg in args:
            if _issub(_TestCase, _type(arg)):
                return 1
        return 0
    if t is _method and _issub(_DocTestRunner, _type(_m_self(fn))):
        return 2
    return 0


def enter_test(name, receiver, _entry=None, _inner=None, _tampered=None, _method_name=None, _str=str,
               _type=type, _id=id, _RuntimeError=RuntimeError):
    """A hidden test starts: only when it was just started by the runner or by a call written in
    hidden code (`self.test_a()` in `test_all`, a module-level `test_helper()`, `Other('test_c')
    .test_c()`, `getattr(self, name)()`): each arms a one-shot entry with the test's name
    (armed_call, value_call), and this first statement of the test takes it. Or on a test case
    hidden code hands to unittest itself (`Inner('test_add').run(result)`, a runner's
    `run(suite)`: value_call), once, for the method it names. Learner code that runs a hidden test
    itself (to read expected values from its failures, or the running test a second time as a
    pass/fail oracle) finds no entry for it: tampering."""
    armed = _entry[0]
    pair = _inner.get(_id(receiver))
    if pair is not None and pair[0] is not receiver:
        pair = None
    if _type(armed) is _str and _type(name) is _str and armed == name:
        _entry[0] = None
        if _entry[2] != name:
            # the runner's own entry, taken outside any call written in hidden code (the test
            # itself, or stdlib code a decorator's wrapper calls): no such call may start it
            # again (armed_call)
            _entry[1] = name
        if pair is not None:
            pair[1] = 1  # its assertions count (assertions_count_on)
        return None
    if pair is not None and not pair[1] and _type(name) is _str and _method_name(receiver) == name:
        pair[1] = 1
        return None
    _tampered[0] = 1
    raise _RuntimeError('hidden tests may only be run by the grader')


def value_call(fn, args, kwargs, _armed_call=None, _inner=None, _tests=None, _cases=None, _ran=None, _type=type, _id=id,
               _function=_types.FunctionType, _method=_types.MethodType,
               _m_func=_types.MethodType.__dict__['__func__'].__get__,
               _f_name=_types.FunctionType.__dict__['__name__'].__get__, _cells=((), ()),
               _contents=_types.CellType.__dict__['cell_contents'].__get__, _live=None,
               _all=all, _map=map, _is=_operator.is_, _ValueError=ValueError, _RuntimeError=RuntimeError,
               _strict=None, _frozenset=frozenset, _machinery=None, _c_lookup=None, _TestResult=None,
               _issub=type.__subclasscheck__, _gates=None, _get=dict.get):
    """A call written in hidden code through a value (`getattr(self, name)()`, `check()` of a
    local, `tests[i]()`) or of a method named run or debug (rewrite.py): when it calls one of this
    test's hidden test functions, its entry is armed for the time of the call, as for a call
    written by name (armed_call); the hidden test cases it hands over (the receiver, a suite or a
    case among the arguments: `Inner('test_add').run(result)`, `runner.run(suite)`) may each start
    their test once meanwhile, and their assertions count (enter_test, assertions_count_on).
    First, the closure cells of hidden functions that held hidden functions when the test began
    (runner.hidden_function_cells, `_cells`) must hold them still: a decorator's wrapper calls the
    wrapped test through such a cell (`fn(self)`), and learner code it ran first (`solution.reset()`)
    put a function of its own there that puts the test back when called, so the check after the
    test found the cell intact and the wrong solution passed (red7-wrapper-cell-window). `_cells`
    is (cells, values), compared in C: a loop of calls through a value with hundreds of cells
    (generated tests' closures) stays cheap. The hidden assertions' failures of the cases it hands
    over are unittest's to catch and report in its result, not this test's (released)."""
    cells, helds = _cells
    if cells:
        try:
            same = _all(_map(_is, _map(_contents, cells), helds))
        except _ValueError:  # emptied
            same = False
        if not same:
            live = _live[0]
            if live is not None:
                live[2][0] = 1  # the test's tamper flag (runner.run_module_test)
            raise _RuntimeError('tampering detected: the hidden tests were modified while they ran')
    target = _m_func(fn) if _type(fn) is _method else fn
    gate = _get(_gates, _id(target))
    if gate is not None and gate[0] is target:
        # a stacked decorator's wrapper called by a direct one (`return fn(self)`): the runner
        # then asks whether the test started (runner.wrapper_called, never_started)
        gate[1] = 1
    name = _f_name(target) if _type(target) is _function and _tests.get(_id(target)) is target else None
    added = []
    handed = _cases(fn, args)
    for case in handed:
        _ran[0] = 1  # hidden code runs unittest itself: its classes are checked after the test (runner)
        if _id(case) not in _inner:
            _inner[_id(case)] = [case, 0]
            added.append(case)
    looked_up = _c_lookup(fn, args)
    watched = handed
    if handed:
        # the results handed along too (`Inner('test_add').run(result)`): a method planted on
        # hidden code's TestResult() by a hook on its __init__ would run inside unittest's run()
        watched = handed + [arg for arg in args if _issub(_TestResult, _type(arg))]
    if handed or looked_up == 1:
        # what C code (unittest's run(), methodcaller) will look up must be intact now, not only
        # after the test (machinery_intact)
        _machinery(watched, handed)
    before = _frozenset(_strict) if added else None
    try:
        if name is None:
            return fn(*args, **kwargs)
        return _armed_call(name, fn, args, kwargs)
    finally:
        for case in added:
            del _inner[_id(case)]
        if added:
            for key in [key for key in _strict if key not in before]:
                del _strict[key]  # an inner case's failure, caught by unittest's run() (not learner code)
        if handed or looked_up == 2:
            # a case shadowed, or unittest patched, during the run; doctest patched by an example
            # a DocTestRunner's run() ran (`runner.run(test)`), before hidden code asks the runner
            # (`runner.summarize()`: red8a-doctest-self-restoring)
            _machinery(watched, handed, looked_up == 2)


def hidden_cases(fn, args, _hidden=None, _current=None, _TestCase=None, _Suite=None, _suite_dict=None, _type=type, _id=id, _get=dict.get,
                 _list=list, _len=len, _issub=type.__subclasscheck__, _mro=type.__dict__['__mro__'].__get__,
                 _method=_types.MethodType, _m_self=_types.MethodType.__dict__['__self__'].__get__):
    """The instances of hidden test classes in `fn` (its receiver, if a bound method) and `args`,
    and inside the test suites among them (their `_tests`, read from the instance dict), a few
    levels down: what unittest's run() will start. Not the runner's own case: its test has
    started already, and must not start again."""
    todo = [fn] + _list(args)
    found = []
    seen = 0
    while todo and seen < 1000:
        obj = todo.pop()
        seen += 1
        t = _type(obj)
        if t is _method:  # `Other('test_c').test_c` handed to armed_call
            todo.append(_m_self(obj))
        elif _issub(_TestCase, t) and obj is not _current[0]:
            for klass in _mro(t):
                entry = _hidden.get(_id(klass))
                if entry is not None and entry[0] is klass:
                    found.append(obj)
                    break
        elif _issub(_Suite, t):
            tests = _get(_suite_dict(obj), '_tests')
            if _type(tests) is _list:
                todo.extend(tests)
    return found


def test_method_name(case, _case_dict=None, _type=type, _str=str, _dict=dict):
    """The method a test case was made for (`Inner('test_add')`), from its instance dict."""
    own = _case_dict(case)
    name = own.get('_testMethodName') if _type(own) is _dict else None
    return name if _type(name) is _str else None


def armed_call(name, fn, args, kwargs, _entry=None, _tampered=None, _failures=None, _armed=None, _type=type,
               _issub=type.__subclasscheck__, _Exception=Exception, _BaseException=BaseException,
               _RuntimeError=RuntimeError):
    """A call written in hidden code of a function named test...: the entry is armed for it
    (enter_test) for the time of the call only. What was armed before stands again after it,
    unless it was this same test and the call took it (a decorator's wrapper calling the wrapped
    test the runner armed): then nothing is armed, so the test cannot start a second time.
    A failure of the test that leaves such a call is the running test's first problem, whoever
    catches it (redmerge-wrapper-window-oracle)."""
    outer, outer_call = _entry[0], _entry[2]
    if outer is None and _entry[1] == name:
        # The runner armed this test and it was taken outside a call of hidden code: by learner
        # code that a decorator's wrapper ran before calling the wrapped test (the test run as an
        # oracle, its failure read for the expected values), or by the test itself. The wrapper's
        # own call must not start it a second time.
        _tampered[0] = 1
        raise _RuntimeError('hidden tests may only be run by the grader')
    _entry[0] = _entry[2] = name
    caught = None
    try:
        return fn(*args, **kwargs)
    except _BaseException as exc:
        caught = exc  # looked at after the handler (nothing runs while it is the handled one)
    finally:
        _entry[0] = None if (_entry[0] is None and outer == name) else outer
        _entry[2] = outer_call
    # A hidden test failed in a run a call of hidden code started: the running test's first
    # problem, whoever catches it. Learner code calling a decorator's wrapper itself (the running
    # test's, or another test's: its `fn(self)` arms the wrapped test) caught the failure and read
    # the expected value from it, then answered it in the wrapper's own run of the test, or in
    # that other test later; a wrapper that runs the test several times, or `self.test_a()` in
    # `test_all`, fails at its first failure anyway.
    if _issub(_Exception, _type(caught)) and not _failures:
        _failures.append(caught)
        _armed.append((caught, name))  # hidden code that expects it (assertRaises) takes it back: expected_caught
    raise caught


def expected_caught(exc, _failures=None, _armed=None, _entry=None, _release=None):
    """Hidden code caught `exc` as expected (its `assertRaises(AssertionError)` around the wrapped
    test, an author's context manager suppressing it: a decorator that negates a test): when
    armed_call recorded it as the running test's first problem, it is no problem. Only outside a
    run of the test that failed (the wrapper's own catch): inside one, learner code could raise
    a failure it kept from an earlier run (its oracle) for the test's own
    `assertRaises(Exception)` to take. A hidden assertion's failure among it is hidden code's
    to handle (released)."""
    _release(exc)
    if _failures and _failures[0] is exc:
        for x, name in _armed:
            if x is exc and _entry[2] != name:
                del _failures[0]
                return


def hidden_binding(action, owner, name, _live=None, _type=type, _str=str, _dict=dict, _id=id,
                   _get=dict.get, _proxy_get=_types.MappingProxyType.get,
                   _class_dict=type.__dict__['__dict__'].__get__, _issub=type.__subclasscheck__,
                   _object=object):
    """Hidden code rebinds one of its own globals (`global CALLED; CALLED += 1`) or class
    attributes (`TestX.calls += 1`): rewrite.py puts HELPER('binding', 'check', ...) before such a
    statement and HELPER('binding', 'note', ...) after it. The test's tamper fingerprint
    (runner.run_module_test) then expects the value the author's code stored; `check` finds a
    binding changed by anyone else since the last note (learner code writing through a hidden
    function's `__globals__`) and spoils the test: tampering, as before. Outside a running test
    (the module's own code, setUpClass) there is no fingerprint yet: nothing to do."""
    live = _live[0]
    if live is None or _type(name) is not _str:
        return None
    positions, values, spoiled, build = live
    if not positions:
        build(positions)  # once per test, on first use: {(id(owner), name): position}
    at = _get(positions, (_id(owner), name))
    if at is None:
        return None
    if _type(owner) is _dict:
        current = _get(owner, name, spoiled)
    elif _issub(_type, _type(owner)):
        current = _proxy_get(_class_dict(owner), name, spoiled)
    else:
        return None
    if action == 'check':
        if current is not values[at]:
            spoiled[0] = 1
    elif action == 'note':
        values[at] = current
    return None


def guard_receiver(receiver, skipping, _current=None, _tampered=None, _counts=None, _type=type, _super=super,
                   _super_self=super.__dict__['__self__'].__get__, _RuntimeError=RuntimeError):
    """Assertions and skipTest count only on the test case the runner made for this test. A
    function-style test (the runner made none) may assert on a TestCase of its own
    (`tc = unittest.TestCase()`), if it is no instance of a hidden test class, but not skip with
    it. Anything else is learner code running a hidden test itself: with a test case of its own,
    a plain object as `self`, to read expected values from failure messages or to raise the
    author's skip. That is tampering: the test is an error."""
    if _type(receiver) is _super:  # super().assertEqual(...) in an author's own assertion method
        receiver = _super_self(receiver)
    if receiver is not None and receiver is _current[0]:
        return
    if _counts(receiver, skipping):
        return
    _tampered[0] = 1
    raise _RuntimeError('hidden tests may only be run by the grader')


def skip_mark(args, kwargs, _truth=None, _partial=None, _record=None, _len=len, _str=str):
    """@unittest.skip(reason), skipIf(condition, reason), skipUnless(condition, reason) in hidden
    code: the decorator the helper returns leaves the test as it is and, when it skips, records
    it for the runner (runner.skip_of). The condition is hidden code's, read as Python would."""
    kind = args[0]
    if kind == 'skip':
        reason, skipping = (args[1] if _len(args) > 1 else kwargs.get('reason', '')), True
    else:
        condition = args[1] if _len(args) > 1 else kwargs.get('condition')
        reason = args[2] if _len(args) > 2 else kwargs.get('reason', '')
        skipping = _truth(condition) if kind == 'skipIf' else not _truth(condition)
    return _partial(_record, skipping, _str(reason))


def keep_target(target):
    """What a stored skip decorator's variable holds (rewrite._stored_skips): a decorator that
    changes nothing. The decision itself is read by the rewritten `@name` (skip_stored)."""
    return target


def skip_store(args, kwargs, _mark=None, _marks=None, _keep=None):
    """`name = unittest.skipIf(...)` at a hidden module's top level: the helper decides it now (as
    unittest would) and keeps the decorator it made under ('stored', name) in the marks table,
    which lives for one execution of the hidden module (emptied before, read right after)."""
    _marks[('stored', args[0])] = _mark(args[1:], kwargs)
    return _keep


def skip_stored(name, _marks=None, _keep=None):
    """`@name` of a stored skip decorator: the decorator the helper made when `name` was
    assigned (whatever the variable holds now)."""
    return _marks.get(('stored', name), _keep)


def record_instance(intact, obj, guard=VALUES_NOKEY, _instances=None, _patched=None, _fakes=None, _args_patched=None, _len=len, _keys_plain=None,
                    _missing=VALUES_NOKEY, _type=type,
                    _typetype=type, _object=object, _id=id, _get=dict.get, _mro=type.__dict__['__mro__'].__get__,
                    _tdict=type.__dict__['__dict__'].__get__, _fake_names=MOCK_ASSERTS):
    """What `Cls(...)` gives in hidden code, for a class of its module (rewrite.visit_Call): kept
    (by id, held until the hidden module runs again) when a class along its MRO defines __eq__,
    so values.hidden_matcher trusts a matcher hidden code made and no other: learner code finds
    the test module's classes (object.__subclasses__()) and made AnyStr() for any expected str,
    Approx(0, inf) for any number (red8b-forged-matchers). `guard`: in a method of a class with
    __eq__, its first parameter, which must be a recorded instance too (`Approx(2.5).within(0.1)`,
    never `learner_made.within(inf)`). `intact`: the class held what its class statement made
    right before the call (values.hidden_class_intact, asked first by the rewritten call): an
    `__init__` learner code replaced and that puts itself back when called made the hidden
    Approx(2.5) with an infinite tolerance (red8b-forged-matchers). Asked again after the call's
    arguments ran (`_args_patched`, set by helper 'class_intact'): `ignored(solution.kind())`, whose
    argument patched `ignored.__init__` to put itself back when called (limits10-manager-routes)."""
    if _args_patched[0] is not None and _args_patched[0] is _type(obj):
        _args_patched[0] = None
        if intact is True:
            intact = False
    if intact is not True:
        if intact is False and _len(_patched) < 10000:
            # made while learner code had replaced a method of its class, say an __init__ that
            # puts itself back when called: never the author's manager either (author_manager)
            _patched[_id(obj)] = obj
        return obj
    if guard is not _missing and _get(_instances, _id(guard)) is not guard:
        return obj
    t = _type(obj)
    if _type(t) is _typetype:
        for c in _mro(t):
            if c is _object:
                break
            if _keys_plain(_tdict(c), '__eq__', _missing) is not _missing:
                _instances[_id(obj)] = obj
                break
        # a fake the hidden tests wrote, with methods named like mock's assertions (run_assertion
        # believes them only on an instance hidden code made: not one the submission made of the
        # class it found and put where the test reads its mock). `_fakes[1]`: id(class) -> (class,
        # whether it is such a fake), each class looked at once per run of the modules
        kind = _get(_fakes[1], _id(t))
        if kind is None or kind[0] is not t:
            fake = False
            for c in _mro(t):
                if c is _object:
                    break
                own = _tdict(c)
                for name in _fake_names:
                    if _keys_plain(own, name, _missing) is not _missing:
                        fake = True
                        break
                if fake:
                    break
            kind = (t, fake)
            if _len(_fakes[1]) < 10000:
                _fakes[1][_id(t)] = kind
        if kind[1] and _len(_fakes[0]) < 10000:
            _fakes[0][_id(obj)] = obj
    return obj


def record_made(obj, _kind=None, _recording=None, _id=id, _dict=dict, _type=type, _descriptor_parts=None,
                _issub=type.__subclasscheck__, _tdict=type.__dict__['__dict__'].__get__,
                _function=_types.FunctionType, _f_name=_types.FunctionType.__dict__['__name__'].__get__,
                _partialmethod=None, _pm_dict=None, _Placeholder=None, _keys_plain=None, _tuple=tuple, _missing=VALUES_NOKEY):
    """The decorator `made` gives for a hidden class (its outermost), def or async def (its
    innermost), sealed once per kind ('class', 'def', 'async'; a test function the rewrite guards:
    'test-def', 'test-async') with the marks table as its secret constant. While the hidden module executes (the
    runner sets _recording), it records the object under (kind, id): a class with its dict as
    its class statement made it, before learner code can reach the class. The runner takes the
    test function and the methods `self.x()` calls from those dicts (runner.test_function), and
    knows which functions hidden code made, and which of them are plain `def`s (call_test).
    'partial': `test_x = functools.partialmethod(check, 0, 'zero')` in a class body (rewrite.py),
    recorded with its function, arguments and keywords as they are when made (runner.run_test
    calls `check(case, 0, 'zero')`, as binding the partialmethod does, without functools' code,
    which learner code can patch); one with a Placeholder is not recorded."""
    marks = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with the marks table
    if _kind == 'partial':
        if _recording[0] and _type(obj) is _partialmethod:
            own = _pm_dict(obj)
            func = _keys_plain(own, 'func', _missing)
            args = _keys_plain(own, 'args', _missing)
            keywords = _keys_plain(own, 'keywords', _missing)
            whole = _type(func) is _function and _type(args) is _tuple and _type(keywords) is _dict
            for arg in (args if whole else ()):
                if arg is _Placeholder:  # filled by the call's own arguments: none here
                    whole = False
            if whole:
                marks[('partial', _id(obj))] = (obj, func, args, _dict(keywords))
        return obj
    if _recording[0] and _kind != 'class':
        marks[(_kind, _id(obj))] = obj  # the object is held: its id is never reused meanwhile
        if (_kind == 'test-def' or _kind == 'test-async') and _type(obj) is _function:
            # the name its guard starts under (enter_test), as the def statement wrote it: a
            # test put under another name too (`test_again = test_a`) is armed under this one
            marks[('name', _id(obj))] = (obj, _f_name(obj))
    elif _recording[0] and _issub(_type, _type(obj)):  # (an author's class decorator may return no class)
        own = _dict(_tdict(obj))
        marks[(_kind, _id(obj))] = (obj, own)
        # what each property, classmethod and staticmethod of the class holds as made: such an
        # object can be re-initialised in place (`A.__dict__['tol'].__init__(lambda s: inf)`),
        # which the class's dict, compared by identity, does not show (values.hidden_class_intact)
        inner = []
        for value in own.values():
            parts = _descriptor_parts(value)
            if parts is not None:
                inner.append((value, parts))
        marks[('inner', _id(obj))] = (obj, _tuple(inner))
    return obj


def descriptor_parts(value, _type=type, _property=property, _classmethod=classmethod, _staticmethod=staticmethod,
                     _fget=property.__dict__['fget'].__get__, _fset=property.__dict__['fset'].__get__,
                     _fdel=property.__dict__['fdel'].__get__,
                     _cm_func=classmethod.__dict__['__func__'].__get__,
                     _sm_func=staticmethod.__dict__['__func__'].__get__):
    """The functions an exact property, classmethod or staticmethod holds (C getters: nothing of
    theirs runs), else None."""
    t = _type(value)
    if t is _property:
        return (_fget(value), _fset(value), _fdel(value))
    if t is _classmethod:
        return (_cm_func(value),)
    if t is _staticmethod:
        return (_sm_func(value),)
    return None


def class_store(phase, target, _recording=None, _id=id, _type=type, _str=str, _len=len,
                _tdict=type.__dict__['__dict__'].__get__, _missing=object()):
    """Hidden code's own rebinding of an attribute of one of its classes at the module's top level,
    after the class statement (`T.test_x = wrap(T.test_x)`, generated tests `setattr(T, 'test_' +
    name, make(data))`), while the module executes: the class's dict as record_made recorded it
    follows, so the runner runs the test (and own_method the method) the author left there.
    target is (class, name, ...). 'check', before the store: the class still holds what was
    recorded, else learner code that ran meanwhile changed it, and this store is not followed;
    'note', after it: the recorded dict takes the new binding (or loses a deleted one)."""
    marks = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with the marks table
    if not _recording[0] or _len(target) < 2 or _type(target[1]) is not _str:
        return None
    owner, name = target[0], target[1]
    made = marks.get(('class', _id(owner)))
    if made is None or made[0] is not owner:
        return None
    key = ('store', _id(owner), name)
    now = _tdict(owner).get(name, _missing)
    if phase == 'check':
        marks[key] = now is made[1].get(name, _missing)
    elif marks.pop(key, False):
        if now is _missing:
            made[1].pop(name, None)
        else:
            made[1][name] = now
    return None


def skip_guard(where, receiver, _fixture=None, _current=None, _running=None, _tampered=None, _recording=None,
               _type=type, _str=str, _RuntimeError=RuntimeError):
    """A `raise SkipTest` written in setUpClass ('setUpClass', receiver: its cls), setUpModule
    ('setUpModule'), a function-style test ('test:' + its name) or the test module's top level
    ('module') counts only while the runner runs that fixture for this test's class, that test,
    or executes the module. Learner code that calls such hidden
    code itself (to catch the author's SkipTest and raise it from a test it would fail) makes the
    test an error, tampering, as for self.skipTest (guard_receiver)."""
    if where == 'setUpClass' or where == 'setUpModule':
        if _fixture[0] == where and _fixture[1] is receiver:
            return
    elif where == 'module':  # the test module's top level: only while the runner executes it
        if _recording[0] and _current[0] is None and _running[0] is None and _fixture[0] is None:
            return
    elif _current[0] is None and receiver is None and _type(_running[0]) is _str and 'test:' + _running[0] == where:
        return
    _tampered[0] = 1
    raise _RuntimeError('hidden tests may only be run by the grader')


def record_skip(skipping, reason, target, _id=id):
    """The decorator skip_mark returns (sealed; the marks table is its secret constant, emptied
    before and read right after each execution of the hidden module: a mark added later counts
    for nothing)."""
    marks = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with the marks table
    if skipping:
        marks[_id(target)] = (target, reason)  # the target is held: its id is never reused meanwhile
    return target


def pprint_layouts():
    """(the `__repr__` pprint dispatches on, its layout tag): read at boot, as pprint's own
    `_dispatch` holds them (a class given another `__repr__` later is printed on one line)."""
    c = _collections
    return ((c.ChainMap.__dict__['__repr__'], 'chainmap'), (c.UserDict.__dict__['__repr__'], 'userdict'),
            (c.UserList.__dict__['__repr__'], 'userlist'), (c.UserString.__dict__['__repr__'], 'userstring'),
            (_types.MappingProxyType.__dict__['__repr__'], 'proxy'),
            (_types.SimpleNamespace.__dict__['__repr__'], 'namespace'))


def dataclass_pieces():
    """The dataclasses internals pprint's dataclass test and fields() read, as C getters taken at
    boot: (_DataclassParams, its `repr` getter, FunctionType, a function's __dict__ and
    __qualname__ getters, Field, _FIELD, Field's name, repr and _field_type getters); None when
    this Python's dataclasses keep them elsewhere (dataclasses then print on one line)."""
    import dataclasses
    try:
        params, field = dataclasses._DataclassParams, dataclasses.Field
        fn = _types.FunctionType
        getters = [params.__dict__['repr']] + [field.__dict__[n] for n in ('name', 'repr', '_field_type')]
        if any(type(g) is not _types.MemberDescriptorType for g in getters):
            return None
        return (params, getters[0].__get__, fn, fn.__dict__['__dict__'].__get__, fn.__dict__['__qualname__'].__get__,
                field, dataclasses._FIELD, getters[1].__get__, getters[2].__get__, getters[3].__get__)
    except (AttributeError, KeyError):
        return None


def wire_helper(seal, S):
    """Seals values.py and this file and wires them together (install time, before any learner
    code): S['encode'] (tagged JSON of a case's value) and S['helper'] (the rewritten tests')."""
    import enum
    import functools
    import inspect
    import operator
    import re
    import types
    import typing
    import unittest
    import unittest.mock
    proxy = types.MappingProxyType
    proxy_mapping_ = seal(proxy_mapping, secret=(
        REFERENTS_WINDOW, _gc.get_referents, _gc.isenabled, _gc.disable, _gc.enable, type, list, len))
    classify_ = seal(value_kind, _wrapper=seal(wrapper_kind, _proxy_mapping=proxy_mapping_))
    all_flat_ = seal(all_flat)
    type_name_ = seal(value_type_name)
    opcall_ = seal(value_opcall)
    make = seal(make_fraction)
    keyof_ = seal(value_key, _classify=classify_)
    split_ = seal(index_entries, _keyof=keyof_)
    shape_ = seal(hash_shape, _keyof=keyof_, _classify=classify_)
    find_ = seal(find_entry, _keyof=keyof_, _classify=classify_, _shape=shape_)
    only_opaque_ = seal(only_opaque, _classify=classify_)
    hidden_methods = {}  # id(hidden class) -> (class, its dict as created for this test): own_method, value_eq
    made_classes = {}  # id -> (class, its annotations dict, its items): what a hidden class statement made (runner.record_hidden_methods; type_hints)
    S['made_classes'] = made_classes
    hidden_instances = {}  # id -> instance of a hidden class with __eq__ that hidden code made (record_instance)
    S['hidden_instances'] = hidden_instances
    # ({id -> instance of a hidden fake hidden code made}, {id(class) -> (class, is a fake)}):
    # record_instance, run_assertion
    hidden_fakes = ({}, {})
    S['hidden_fakes'] = hidden_fakes
    descriptor_parts_ = seal(descriptor_parts)
    class_intact_ = seal(hidden_class_intact, _methods=hidden_methods, _keys_plain=seal(lookup_plain_keys),
                         _parts=descriptor_parts_)
    instance_dict_ = seal(instance_attrs, _attr=seal(class_attribute, _keys_plain=seal(lookup_plain_keys)))
    matcher_states = {}  # id -> (module-level matcher, its attributes' names, their values): matcher_states_take
    S['take_matcher_states'] = seal(matcher_states_take, _states=matcher_states, _instances=hidden_instances,
                                    _attrs=instance_dict_)
    retake_ = seal(matcher_state_retake, _states=matcher_states, _attrs=instance_dict_)
    matcher_ = seal(hidden_matcher, _methods=hidden_methods, _instances=hidden_instances, _keys_plain=seal(lookup_plain_keys),
                    _all_flat=all_flat_, _intact=class_intact_, _state_holds=seal(
                        matcher_state_holds, _states=matcher_states, _attrs=instance_dict_, _keys_plain=seal(lookup_plain_keys)))
    agrees_ = seal(matcher_agrees, _keys_plain=seal(lookup_plain_keys))
    any_inside_ = seal(any_inside, _holds=seal(holds_any, _classify=classify_), _attrs=instance_dict_)
    eq_ = seal(value_eq, _classify=classify_, _all_flat=all_flat_, _num_eq=seal(num_eq), _find=find_, _split=split_,
               _call_eq=seal(call_eq, _classify=classify_), _only_opaque=only_opaque_, _matcher=matcher_, _agrees=agrees_,
               _any_inside=any_inside_)
    contained_ = seal(value_contained, _eq=eq_, _find=find_, _split=split_)
    order_ = seal(value_order, _classify=classify_, _eq=eq_, _opcall=opcall_, _contained=contained_,
                  _num_order=seal(num_order, _opcall=opcall_), _type_name=type_name_,
                  _find=find_, _split=split_)
    member_index_ = seal(member_index, _split=split_)
    keys_plain_ = seal(lookup_plain_keys)
    attr_ = seal(class_attribute, _keys_plain=keys_plain_)
    blocker_ = seal(hash_blocker, _classify=classify_, _keyof=keyof_, _class_attr=attr_)
    member_ = seal(member, _classify=classify_, _eq=eq_, _keyof=keyof_, _find=find_,
                   _type_name=type_name_, _blocker=blocker_)
    contains_ = seal(value_contains, _classify=classify_, _eq=eq_, _keyof=keyof_, _find=find_,
                     _split=split_, _type_name=type_name_, _member_index=member_index_,
                     _member=member_, _all_flat=all_flat_, _all_plain=seal(all_plain, _all_flat=all_flat_),
                     _holds_any=seal(holds_any, _classify=classify_), _proxy_mapping=proxy_mapping_,
                     _only_opaque=only_opaque_)
    truth_ = seal(value_truth, _classify=classify_)
    counter_order_ = seal(counter_order)
    set_order_ = seal(set_order64, _hash=seal(hash64), _slot=seal(table_slot))
    fields_ = seal(tuple_fields, _get=keys_plain_)
    class_repr_ = seal(class_repr, _get=keys_plain_)
    srepr_ = seal(value_repr, _classify=classify_, _all_flat=all_flat_, _itemgetter=operator.itemgetter(1),
                  _call_repr=seal(call_repr), _counter_order=counter_order_, _fields=fields_,
                  _keys_plain=keys_plain_, _class_repr=class_repr_, _set_order=set_order_,
                  _call_list=unittest.mock._CallList,
                  _enum_repr=seal(enum_repr, _enum_repr=enum.Enum.__dict__['__repr__'],
                                  _flag_repr=enum.Flag.__dict__.get('__repr__'),
                                  _data_reprs=(int.__repr__, str.__repr__), _keys_plain=keys_plain_))
    S['encode'] = seal(encode, _enc=seal(value_enc, _classify=classify_, _srepr=srepr_, _fields=fields_,
                                          _set_order=set_order_, _with_repr=seal(enc_with_repr)))
    compare_ = seal(compare, _eq=eq_, _order=order_, _contains=contains_, _classify=classify_,
                    _opcall=opcall_, _matcher=matcher_, _agrees=agrees_, _any_inside=any_inside_)
    show_ = seal(show, _srepr=srepr_)
    short_pair_ = seal(short_pair, _shorten=seal(shorten_text), _util=unittest.util.__dict__)
    # (longMessage, maxDiff) of the assertion being checked, and (its TestCase,) until they are read
    settings = [True, 640, None]
    type_funcs = {}  # id(TestCase) -> (TestCase, [(type, function)]): addTypeEqualityFunc
    hidden_method_names = set()  # every name of those dicts (runner.record_hidden_methods)
    own_attribute_ = seal(own_attribute, _methods=hidden_methods)
    own_method_ = seal(own_method, _attribute=own_attribute_)
    hidden_skips = []  # SkipTest objects raised by hidden code's self.skipTest (cleared per test)
    S['hidden_skips'] = hidden_skips
    subtest_skips = []  # those of them that ended a subtest: the test went on (cleared per test)
    S['subtest_skips'] = subtest_skips
    # the first problem unittest records while the test goes on: a cleanup that failed in the
    # test's own doCleanups(), a failure or error inside a subTest (cleared per test)
    cleanup_failures = []
    S['cleanup_failures'] = cleanup_failures
    armed_failures = []  # those of them armed_call recorded (cleared per test)
    S['armed_failures'] = armed_failures
    # [the name of the test that may start now (armed by the runner and armed_call), the test
    # the runner's entry let start outside any armed_call, the name armed_call is arming,
    entry = [None, None, None, None]  # and the name the runner's test starts under
    S['entry'] = entry
    failures = {}  # id(failure) -> failure: the hidden assertions' failures of the running test
    S['strict_failures'] = failures
    unresolved = {}  # id(failure) -> failure: those of them note_unresolved keeps (cleared per test)
    S['unresolved_failures'] = unresolved
    release_ = seal(released, _failures=unresolved)
    expected_caught_ = seal(expected_caught, _failures=cleanup_failures, _armed=armed_failures, _entry=entry, _release=release_)
    expecting = bytearray(1)  # set by the runner for an expectedFailure test
    S['expecting_failure'] = expecting
    S['own_method'] = own_method_
    current_settings_ = seal(assertion_settings, _settings=settings, _read=seal(
        testcase_settings, _TestCase=unittest.TestCase, _methods=hidden_methods,
        _instance_dict=_instance_dict_getter(unittest.TestCase), _keys_plain=seal(lookup_plain_keys),
        _is_plain=seal(plain_setting)))
    fmt_ = seal(format_message, _classify=classify_, _srepr=srepr_, _current=current_settings_)
    truncate_ = seal(truncate_diff, _current=current_settings_)
    strict_show_ = seal(strict_show, _srepr=srepr_)
    sortable_ = seal(sorted_if_plain, _plain=seal(plain_orderable),
                     _key=functools.cmp_to_key(seal(safe_key_cmp)),
                     _known=seal(order_known, _classify=classify_, _keys_plain=keys_plain_),
                     _safe_key=functools.cmp_to_key(seal(safe_order_cmp, _order=order_, _classify=classify_,
                                                         _keys_plain=keys_plain_)))
    items_ = seal(sorted_items, _sortable=sortable_)
    layouts = (dict, list, tuple, set, frozenset, str, bytes, bytearray, _collections.Counter,
               _collections.OrderedDict, _collections.defaultdict, _collections.deque)
    dispatch_ = seal(pprint_dispatch, _keys_plain=keys_plain_,
                     _reprs=tuple((cls, cls.__dict__['__repr__'], cls.__name__) for cls in layouts))
    as_base_ = seal(pprint_as_base, _dispatch=dispatch_)
    recursion_ = seal(pformat_recursion)
    attrs_ = seal(instance_attrs, _attr=attr_)
    dc_pieces = dataclass_pieces()
    format_items_ = seal(pformat_items, _all_flat=all_flat_)
    special_layout_ = seal(pprint_layout, _keys_plain=keys_plain_, _layouts=pprint_layouts(),
                           _dataclass=seal(generated_dataclass_repr, _keys_plain=keys_plain_, _pieces=dc_pieces))
    special_ = seal(pformat_special, _items=seal(dataclass_items, _attr=attr_, _attrs=attrs_, _keys_plain=keys_plain_,
                                                 _pieces=dc_pieces),
                    _attrs=attrs_, _attr=attr_, _classify=classify_, _proxy_mapping=proxy_mapping_,
                    _keys_plain=keys_plain_)
    short_ = seal(short_pformat, _classify=classify_, _show=strict_show_, _items=items_, _all_flat=all_flat_,
                  _as_base=as_base_, _recursion=recursion_)
    layout_ = seal(pformat_layout, _classify=classify_, _show=strict_show_, _sortable=sortable_, _items=items_,
                   _lines=seal(pformat_str), _bytes_chunks=seal(pformat_bytes), _counter_items=counter_order_,
                   _format_items=format_items_, _dict_items=seal(pformat_dict_items, _show=strict_show_),
                   _dispatch=dispatch_, _layout=special_layout_, _special=special_)
    pformat_ = seal(value_pformat, _short=short_, _layout=layout_, _recursion=recursion_)
    mock_check, mock_record_ = wire_mocks(seal, eq_, show_, pformat_)
    index_ = seal(diff_index)
    blocks_ = seal(diff_blocks, _longest=seal(diff_longest))
    opcodes_ = seal(diff_opcodes)
    pair_ = seal(similar_pair, _index=index_, _blocks=blocks_, _ratio=seal(diff_ratio))
    guides_ = seal(guide_lines, _index=index_, _blocks=blocks_, _opcodes=opcodes_)
    ndiff_ = seal(line_ndiff, _index=index_, _blocks=blocks_, _opcodes=opcodes_,
                  _fancy=seal(fancy_replace, _pair=pair_, _guides=guides_))
    line_diff_ = seal(values_diff, _ndiff=ndiff_, _pformat=pformat_)
    messages = dict(_show=show_, _fmt=fmt_)
    elements_ = seal(iter_elements, _classify=classify_, _type_name=type_name_)
    class_check_ = seal(class_check, _attr=attr_, _checks=subclass_checks())
    mocks_made = {}  # id -> (mock, its spec class): the mocks hidden code made with a spec (mock_made)
    proxies_made = {}  # id -> (proxy, weak reference to its referent): weakref.proxy calls of hidden code
    mock_made_ = seal(mock_made, _made=mocks_made, _mock_base=unittest.mock.NonCallableMock,
                      _mock_dict=_instance_dict_getter(unittest.mock.NonCallableMock), _keys_plain=keys_plain_)
    instance_check_ = seal(instance_check, _class_check=class_check_, _attr=attr_, _keys_plain=keys_plain_,
                           _getattr_static=inspect.getattr_static, _Any=typing.Any,
                           _proto_check=typing._ProtocolMeta.__dict__.get('__instancecheck__'),
                           _mock_base=unittest.mock.NonCallableMock,
                           _mock_dict=_instance_dict_getter(unittest.mock.NonCallableMock),
                           _stdlib=frozenset(__import__('sys').stdlib_module_names), _mocks_made=mocks_made,
                           _proxies_made=proxies_made)
    S['strict_isinstance'] = seal(strict_isinstance, _check=instance_check_, _mock_base=unittest.mock.NonCallableMock,
                                  _proxies=(__import__('weakref').ProxyType, __import__('weakref').CallableProxyType))  # hidden code's isinstance (harness)
    check_ = seal(
        check_assert, _bind=seal(bind_args, _sigs=proxy(SIGNATURES)), _compare=compare_, _truth=truth_,
        _class_check=class_check_,
        _instance_check=instance_check_,
        _custom=seal(type_equality_func, _funcs=type_funcs),
        _tail=seal(check_tail, _classify=classify_, _type_name=type_name_, **messages),
        _describe_owner=seal(attr_owner, _show=show_, _type_name=type_name_),
        _short_pair=short_pair_, _order_text=proxy(ORDER_TEXT),
        _seq_equal=seal(seq_equal, _compare=compare_, _classify=classify_, _all_flat=all_flat_, _short_pair=short_pair_,
                        _truncate=truncate_, _line_diff=line_diff_, _split=split_, _type_name=type_name_,
                        _item=seal(seq_item, _find=find_, _eq=eq_), **messages),
        _dict_equal=seal(dict_equal, _compare=compare_, _short_pair=short_pair_,
                         _truncate=truncate_, _line_diff=line_diff_, **messages),
        _set_equal=seal(set_equal, _classify=classify_, _member_index=member_index_, _member=member_, _all_flat=all_flat_,
                        _blocker=blocker_, _c_hashable=seal(c_hashable), _elements=elements_, _only_opaque=only_opaque_,
                        _order64=seal(difference_order64, _set_order=set_order_),
                        _keyof=keyof_, _type_name=type_name_, _show=strict_show_, _fmt=fmt_),
        _text_equal=seal(text_equal, _classify=classify_, _short_pair=short_pair_,
                         _truncate=truncate_, _ndiff=ndiff_, **messages),
        _count_equal=seal(count_equal, _classify=classify_, _elements=elements_, _keyof=keyof_,
                          _eq=eq_, _find=find_, _shape=shape_, _truncate=truncate_, _show=strict_show_, _fmt=fmt_),
        _almost=seal(check_almost, _classify=classify_, _compare=compare_, _order=order_,
                     _diff=seal(almost_diff, _classify=classify_, _num_sub=seal(num_sub, _make=make),
                                _make=make, _type_name=type_name_, _class_attr=attr_),
                     _zero=seal(round_is_zero, _classify=classify_, _compare=compare_), **messages),
        _regex=seal(check_regex, _classify=classify_, _compile=re.compile, _type_name=type_name_, **messages),
        _raises=seal(check_raises, _compile=re.compile, _context=S['RaisesContext'], _expected_caught=expected_caught_),
        **messages)
    current_case, running_test, tampered = [None], [None], bytearray(1)  # set and read by the runner only
    S['current_case'], S['running_test'], S['tampered'] = current_case, running_test, tampered
    unresolved_ = seal(note_unresolved, _unresolved=unresolved, _current=current_case)
    inner = {}  # id(hidden test case) -> [case, started]: the cases hidden code runs itself (value_call)
    S['inner_cases'] = inner
    hidden_tests = {}  # id(function) -> function: this test's hidden test functions (runner)
    S['hidden_tests'] = hidden_tests
    fixture = [None, None]  # (setUpClass or setUpModule, its class) while the runner runs it
    S['fixture'] = fixture
    fixture_cases = {}  # id -> case: what hidden setUpClass's `cls()` made to assert with (fixture_case)
    try:  # what type_hints opens the hidden module's sys.modules entry for
        import annotationlib
        hints_readers = (typing.get_type_hints, inspect.get_annotations, annotationlib.get_annotations)
    except ImportError:  # before 3.14: the reference CPython running helper_fuzz
        hints_readers = (typing.get_type_hints, inspect.get_annotations, inspect.get_annotations)
    S['fixture_cases'] = fixture_cases
    counts_ = seal(assertions_count_on, _current=current_case, _running=running_test,
                   _TestCase=unittest.TestCase, _hidden=hidden_methods, _inner=inner,
                   _fixture=fixture, _fixture_cases=fixture_cases)
    guard_ = seal(guard_receiver, _current=current_case, _tampered=tampered, _counts=counts_)
    enter_ = seal(enter_test, _entry=entry, _inner=inner, _tampered=tampered,
                  _method_name=seal(test_method_name, _case_dict=_instance_dict_getter(unittest.TestCase)))
    call_test_ = seal(armed_call, _entry=entry, _tampered=tampered, _failures=cleanup_failures, _armed=armed_failures)
    ran_unittest = bytearray(1)  # set when hidden code hands test cases to unittest (value_call)
    S['ran_unittest'] = ran_unittest
    bindings = [None]  # (positions, fingerprint values, spoiled flag, index builder) of the running test
    S['bindings'] = bindings
    held_cells = ([], [])  # the running test's cells and what they held (runner.hidden_function_cells)
    S['held_cells'] = held_cells
    # TestCase, unittest's and mock's classes and doctest checked while the test runs, where C code
    # is about to read them (support.testcase_intact...: harness functions, held here only)
    import doctest
    doctest_watch = [None, S['doctest_intact']]  # [0]: the job's doctest state when hidden code imports doctest (runner.load_hidden)
    S['doctest_watch'] = doctest_watch
    machinery_ = seal(machinery_intact, _testcase=S['testcase_intact'], _unittest=S['unittest_intact'], _live=bindings,
                      _doctest=doctest_watch, _mocks=S['mocks_intact'],
                      _shadowed=seal(shadowed_method, _case_dict=_instance_dict_getter(unittest.TestCase),
                                     _result_dict=_instance_dict_getter(unittest.TestResult), _TestCase=unittest.TestCase))
    gates = {}  # id -> [wrapper, called]: the running test's wrappers runner.wraps_test found (value_call)
    S['wrapper_gates'] = gates
    value_call_ = seal(value_call, _strict=unresolved, _armed_call=call_test_, _inner=inner, _tests=hidden_tests, _ran=ran_unittest,
                       _TestResult=unittest.TestResult,
                       _machinery=machinery_, _c_lookup=seal(c_lookup, _TestCase=unittest.TestCase,
                                                             _DocTestRunner=doctest.DocTestRunner),
                       _cases=seal(hidden_cases, _hidden=hidden_methods, _current=current_case, _TestCase=unittest.TestCase,
                                   _Suite=unittest.BaseTestSuite,
                                   _suite_dict=_instance_dict_getter(unittest.BaseTestSuite)),
                       _cells=held_cells, _live=bindings, _gates=gates)
    binding_ = seal(hidden_binding, _live=bindings)
    file_forged = bytearray(1)  # set when an assertion finds the source routes changed (runner)
    S['file_forged'] = file_forged
    note_ = seal(note_failure, _failures=failures)
    import contextlib
    suppressed_ = seal(with_suppressed, _failures=failures, _expected_caught=expected_caught_, _unresolved=unresolved)
    suppresses_made = {}  # contextlib.suppress objects hidden code made (suppress_made)
    suppress_made_ = seal(suppress_made, _made=suppresses_made, _suppress=contextlib.suppress)
    patched_instances = {}  # id -> what hidden code made of its class while it was patched (record_instance)
    S['patched_instances'] = patched_instances
    manager_methods = ('__init__', '__enter__', '__exit__')
    managers_intact_ = seal(managers_intact, _attr=attr_, _methods=tuple(
        (cls, name, getattr(cls, name)) for cls in (contextlib.suppress, contextlib._GeneratorContextManager)
        for name in manager_methods))
    manager_ = seal(with_manager, _author=seal(
        author_manager, _hidden=S['hidden_function'], _suppress=contextlib.suppress, _made=suppresses_made, _gcm=contextlib._GeneratorContextManager,
        _suppress_methods=tuple((name, getattr(contextlib.suppress, name)) for name in manager_methods),
        _gcm_methods=tuple((name, getattr(contextlib._GeneratorContextManager, name)) for name in manager_methods),
        _gcm_dict=_instance_dict_getter(contextlib._GeneratorContextManager), _attr=attr_,
        _patched=patched_instances, _intact=class_intact_))
    run_ = seal(run_assertion, _fakes=hidden_fakes, _check=check_, _file_intact=S['file_intact'], _forged=file_forged, _settings=settings, _mock=mock_check, _guard=guard_, _note=note_, _unresolved=unresolved_,
                _inner=inner, _machinery=machinery_,
                _overrides=seal(author_override, _methods=hidden_methods, _named=hidden_method_names), _own_method=own_method_)
    names = sorted(n for n in ASSERT_METHODS | MOCK_ASSERTS | {'fail'} if n.startswith('assert') or n == 'fail')
    bind_ = seal(bind_assertion, _method=types.MethodType, _unbound=proxy(
        {name: seal(unbound_assertion, secret=(run_, name)) for name in names}))
    # TestCase's own attributes too: `operator.methodcaller('assertEqual', a, b)(self)` and
    # `getattr(super(), 'assertEqual')` reach them, not the rewritten `self.assertEqual`.
    install_class_assertions(seal, unittest.TestCase, [n for n in names if n != 'fail'], run_, counts_,
                             LEGACY_ASSERTIONS)
    # What the helper records while the hidden module executes (emptied before, read right after):
    # id(hidden test function or class) -> (it, reason), skip_mark; ('stored', name) -> the
    # decorator of a stored skip, skip_store; (kind, id(object)) -> a hidden class (with its dict
    # as created), def, async def or guarded test function, record_made.
    skip_marks = {}
    S['skip_marks'] = skip_marks
    skip_mark_ = seal(skip_mark, _truth=truth_, _partial=functools.partial,
                      _record=seal(record_skip, secret=skip_marks))
    keep_ = seal(keep_target)
    import sys as real_sys
    import builtins as real_builtins
    learner_source = ['', '']  # the job's protected file and the submission's source (runner.begin): run_code
    S['learner_source'] = learner_source
    S['sys_live'] = seal(sys_live, _real=real_sys)  # hidden code's copies of sys read these live (harness)
    recording = bytearray(1)  # set by the runner while the hidden modules execute: record_made
    S['recording'] = recording
    # `a <op> b` with one operator: hidden code's comparisons, and the helper's `cmp` of one operator
    compare_two_ = seal(compare_two, _compare=compare_, _scalar_ops=proxy(
        {'==': operator.eq, '!=': operator.ne, '<': operator.lt, '<=': operator.le, '>': operator.gt, '>=': operator.ge}))
    # what hidden code's copy of the operator module holds in place of C's comparing functions
    # (harness.install puts them in its snapshot): they compare as hidden code's `==` does
    strict_operators = {name: seal(operator_compare, secret=(op, False, compare_two_, getattr(operator, name), type, int, float, str))
                        for name, op in (('eq', '=='), ('ne', '!='), ('lt', '<'), ('le', '<='), ('gt', '>'), ('ge', '>='))}
    strict_operators['contains'] = seal(operator_compare, secret=('in', True, compare_two_, operator.contains, type, int, float, str))
    strict_operators.update({'__%s__' % name: fn for name, fn in strict_operators.items()})
    strict_operators.update({name: seal(operator_search, secret=(
        name, getattr(operator, name), compare_two_, truth_, type, list, tuple, len)) for name in ('countOf', 'indexOf')})
    S['strict_operators'] = proxy(strict_operators)
    skip_guard_ = seal(skip_guard, _fixture=fixture, _current=current_case, _running=running_test,
                       _tampered=tampered, _recording=recording)
    args_patched = [None]  # a class its call's arguments left patched (helper 'class_intact', record_instance)
    S['helper'] = seal(helper, _expected_caught=expected_caught_, _release=release_, _unresolved=unresolved_, _class_intact=class_intact_, _type_repr=class_repr_, _compare=compare_, _truth=truth_, _assert=run_, _bind=bind_, _skip_mark=skip_mark_, _guard=guard_, _enter_test=enter_, _call_test=call_test_, _value_call=value_call_,
                       _write_through=seal(write_through, _live=(S['sys_live'], SYS_LIVE), _retake=retake_),
                       _real_module=seal(real_module),
                       _match_plain=seal(match_plain, _boot=boot_container_classes(), _keys_plain=keys_plain_), _match_class=instance_check_,
                       _run_code=seal(run_code, _real=real_builtins, _learner=learner_source, _mock_base=unittest.mock.NonCallableMock,
                                 _hidden=S['hidden_function']),
                       _class_store=seal(class_store, secret=skip_marks, _recording=recording),
                       _strict_getattr=seal(strict_getattr, _bind=bind_, _names=frozenset(names),
                                            _legacy=proxy(dict(LEGACY_ASSERTIONS)), _TestCase=unittest.TestCase,
                                            _machinery=machinery_),
                       _skip_store=seal(skip_store, _mark=skip_mark_, _marks=skip_marks, _keep=keep_),
                       _skip_stored=seal(skip_stored, _marks=skip_marks, _keep=keep_), _skip_guard=skip_guard_,
                       _made=proxy({kind: seal(record_made, secret=skip_marks, _kind=kind, _recording=recording,
                                               _partialmethod=functools.partialmethod,
                                               _pm_dict=_instance_dict_getter(functools.partialmethod),
                                               _Placeholder=getattr(functools, 'Placeholder', VALUES_NOKEY),
                                               _keys_plain=keys_plain_, _descriptor_parts=descriptor_parts_)
                                    for kind in ('class', 'def', 'async', 'test-def', 'test-async', 'partial', 'direct')}),
                       _binding=binding_, _compare_two=compare_two_, _TestCase=unittest.TestCase, _machinery=machinery_,
                       _sequence_method=seal(sequence_method, _compare_two=compare_two_, _truth=truth_),
                       _compile=re.compile, _ns=types.SimpleNamespace,
                       _register=seal(register_type_func, _funcs=type_funcs),
                       _own_method=own_method_, _own_attribute=own_attribute_, _SkipTest=unittest.SkipTest, _skips=hidden_skips, _subtest_skips=subtest_skips,
                       _cleanup_failures=cleanup_failures, _expecting=expecting, _own_cleanups=seal(own_cleanups), _current=current_case,
                       _AsyncCase=unittest.IsolatedAsyncioTestCase,
                       _mock_record=mock_record_, _suppressed=suppressed_, _manager=manager_, _suppress_made=suppress_made_,
                       _mock_made=mock_made_, _note=note_, _managers_intact=managers_intact_,
                       _type_hints=seal(type_hints, _readers=hints_readers, _hidden=made_classes),
                       _patched_code=seal(patched_code, _builtins=real_builtins),
                       _fixture_case=seal(fixture_case, _made=fixture_cases, _fixture=fixture, _hidden=hidden_methods,
                                          _TestCase=unittest.TestCase),
                       _patched_read=seal(patched_read, _real_module=seal(real_module), _builtins=real_builtins),
                       _proxy_made=seal(proxy_made, _made=proxies_made, _proxy=__import__('weakref').proxy,
                                        _ref=__import__('weakref').ref),
                       _assertions=frozenset(ASSERT_METHODS - HELPER_OPS),
                       _instance=seal(record_instance, _instances=hidden_instances, _patched=patched_instances,
                                      _fakes=hidden_fakes, _keys_plain=seal(lookup_plain_keys), _args_patched=args_patched),
                       _args_patched=args_patched)
    # What hidden code's constants hold in place of rewrite.SENTINEL and COMPARE_SENTINEL
    S['injected'] = (S['helper'], compare_two_)
    S['pending_run'] = install_subtest(seal, unittest.TestCase, S['helper'], current_case, S['SubTestContext'])
    S['clear_type_funcs'] = seal(clear_type_funcs, _funcs=type_funcs)
    S['hidden_methods'] = hidden_methods
    S['hidden_method_names'] = hidden_method_names
