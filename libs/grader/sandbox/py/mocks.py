# A mock's own assertions (`send.assert_called_with('b', 1)`) in hidden tests.  unittest.mock
# checks them in pure Python that compares natively (a learner object's __eq__ decides), looked
# up on an object the submission may have been handed (it can replace the method, swap the
# object's class or plant `_mock_delegate`).  The rewriter sends them to the helper instead,
# which reads the calls the mock recorded from its own storage and compares them by values.py's
# rules.  Anything that is not a genuine mock with genuine storage fails closed: the assertion
# fails, it is never handed to an object's own method.

MOCK_ASSERTS = frozenset({
    'assert_called_with', 'assert_called_once_with', 'assert_any_call', 'assert_has_calls',
    'assert_called', 'assert_called_once', 'assert_not_called',
    'assert_awaited_with', 'assert_awaited_once_with', 'assert_any_await', 'assert_has_awaits',
    'assert_awaited', 'assert_awaited_once', 'assert_not_awaited'})

# op -> (what is checked, records read): 'call' reads call_count/call_args/call_args_list and
# mock_calls; 'await' reads await_count/await_args/await_args_list.
MOCK_OPS = {
    'assert_called': ('call', 'some'), 'assert_called_once': ('call', 'once'),
    'assert_not_called': ('call', 'none'), 'assert_called_with': ('call', 'with'),
    'assert_called_once_with': ('call', 'once_with'), 'assert_any_call': ('call', 'any'),
    'assert_has_calls': ('call', 'has'),
    'assert_awaited': ('await', 'some'), 'assert_awaited_once': ('await', 'once'),
    'assert_not_awaited': ('await', 'none'), 'assert_awaited_with': ('await', 'with'),
    'assert_awaited_once_with': ('await', 'once_with'), 'assert_any_await': ('await', 'any'),
    'assert_has_awaits': ('await', 'has'),
}
# Record names: (count, last, list, sequence that has_calls/has_awaits searches).
MOCK_RECORDS = {'call': ('call_count', 'call_args', 'call_args_list', 'mock_calls'),
                'await': ('await_count', 'await_args', 'await_args_list', 'await_args_list')}


def mock_classes():
    """Every class unittest.mock defines (and inspect's Signature family): a change to any of them
    (its dict or its MRO) during a test is reported as tampering (support.mocks_intact)."""
    import inspect
    import unittest.mock as mock
    own = [v for v in vars(mock).values() if isinstance(v, type) and v.__module__ == 'unittest.mock']
    return tuple(own) + (inspect.Signature, inspect.Parameter, inspect.BoundArguments)


def unittest_machinery():
    """unittest's classes other than TestCase (testcase_intact keeps that one): results, suites,
    loaders, runners, the test-part machinery (support.unittest_intact)."""
    import unittest.case
    import unittest.loader
    import unittest.result
    import unittest.runner
    import unittest.suite
    found = []
    for module in (unittest.case, unittest.suite, unittest.result, unittest.runner, unittest.loader):
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__ and value is not unittest.case.TestCase
                    and not issubclass(value, BaseException)):
                found.append(value)
    return tuple(found)


def mock_pieces():
    """What check_mock reads with, taken before any learner code: the mock base class, the
    instance dict getters of mocks and of functions, inspect's Signature.bind, _CallList."""
    import inspect
    import unittest.mock as mock
    function_dict = _types.FunctionType.__dict__['__dict__'].__get__
    return (mock.NonCallableMock, _instance_dict_getter(mock.NonCallableMock), function_dict,
            inspect.Signature, inspect.Signature.bind, inspect.BoundArguments.args.fget,
            inspect.BoundArguments.kwargs.fget, mock._CallList)


def genuine_record(value, attr, _pieces=None, _call=MOCK_CALL, _type=type, _int=int, _bool=bool,
                   _name=type.__dict__['__name__'].__get__, _AssertionError=AssertionError):
    """A record as mock itself stores it, or AssertionError: a count is an int, a last call a
    call object or None, a list of calls mock's own _CallList (learner code can assign any object
    to them through mock's property setters)."""
    t = _type(value)
    if attr == 'called':
        ok = t is _bool
    elif attr == 'call_count' or attr == 'await_count':
        ok = t is _int
    elif attr == 'call_args' or attr == 'await_args':
        ok = value is None or t is _call
    elif attr == 'method_calls' or attr == 'mock_calls' or attr[-5:] == '_list':
        ok = t is _pieces[7]
    else:
        ok = t is _pieces[7]
    if not ok:
        raise _AssertionError("the mock's records were replaced (its %s is a %s)" % (attr, _name(t)))
    return value


def call_signature(name, args, kwargs, _show=None, _type=type, _str=str, _items=dict.items,
                   _join=str.join, _tuple_get=tuple.__getitem__, _all=slice(None)):
    """mock's _format_call_signature, from safe reprs."""
    parts = [_show(x) for x in _tuple_get(args, _all)]
    for key, value in _items(kwargs):
        parts.append((key if _type(key) is _str else _show(key)) + '=' + _show(value))
    return name + '(' + _join(', ', parts) + ')'


def mock_record(recv, attr, _pieces=None, _genuine=None, _type=type, _issub=type.__subclasscheck__,
                _get=dict.get, _getattr=getattr, _function=_types.FunctionType,
                _AssertionError=AssertionError):
    """`recv.call_args_list` (and the other records of rewrite.MOCK_RECORD_READS) read by hidden code: from a
    genuine mock's storage, checked genuine; any other object's attribute as usual."""
    base, mock_dict, function_dict = _pieces[0], _pieces[1], _pieces[2]
    target = recv
    if _type(recv) is _function:
        target = _get(function_dict(recv), 'mock')
        if target is None or not _issub(base, _type(target)):
            return _getattr(recv, attr)
        return _genuine(_get(function_dict(recv), attr), attr)
    if not _issub(base, _type(recv)):
        return _getattr(recv, attr)
    own = mock_dict(target)
    delegate = _get(own, '_mock_delegate')
    if delegate is not None:
        if _type(delegate) is not _function:
            raise _AssertionError("the mock's records were replaced (its _mock_delegate is not an autospec function)")
        return _genuine(_get(function_dict(delegate), attr), attr)
    key = attr if attr == 'method_calls' else '_mock_' + attr  # mock stores this one unprefixed
    if key not in own:
        if attr[:6] == 'await_' and '_mock_call_count' in own:
            return _getattr(recv, attr)  # await_count of a mock that is no AsyncMock: mock says
        raise _AssertionError("the mock's records were replaced (its %s is missing)" % attr)
    return _genuine(own[key], attr)


def mock_records(recv, what, _pieces=None, _type=type, _issub=type.__subclasscheck__, _get=dict.get,
                 _records=MOCK_RECORDS, _function=_types.FunctionType, _AssertionError=AssertionError):
    """(mock, its dict, storage, storage keys, record names, signature) of a genuine mock, or
    AssertionError. An autospecced
    function stands for its mock (`f.mock`); a delegated mock keeps its records on the function
    it delegates to (create_autospec), under the plain names."""
    base, mock_dict, function_dict, signature_type = _pieces[0], _pieces[1], _pieces[2], _pieces[3]
    if _type(recv) is _function:
        recv = _get(function_dict(recv), 'mock')
    if recv is None or not _issub(base, _type(recv)):
        raise _AssertionError('the assertion was called on an object that is not a mock (it was replaced)')
    own = mock_dict(recv)
    keys = _records[what]
    storage = own
    prefixed = ('_mock_' + keys[0], '_mock_' + keys[1], '_mock_' + keys[2], '_mock_' + keys[3])
    delegate = _get(own, '_mock_delegate')
    if delegate is not None:
        if _type(delegate) is not _function or what != 'call':
            raise _AssertionError("the mock's records were replaced (its _mock_delegate is not an autospec function)")
        storage, prefixed = function_dict(delegate), keys
    signature = _get(own, '_spec_signature')
    if signature is not None and _type(signature) is not signature_type:
        raise _AssertionError("the mock's signature was replaced (its _spec_signature is not a Signature)")
    return recv, own, storage, prefixed, keys, signature


def bind_call(signature, args, kwargs, _pieces=None, _tuple=tuple, _dict=dict):
    """(args, kwargs) as mock's _call_matcher binds them to a spec's signature (TypeError if the
    call does not fit it)."""
    if signature is None:
        return (args, kwargs)
    bound = _pieces[4](signature, *args, **kwargs)
    return (_tuple(_pieces[5](bound)), _dict(_pieces[6](bound)))


def recorded_call(kall, signature, _bind=None, _call=MOCK_CALL, _type=type, _len=len,
                  _tuple_get=tuple.__getitem__, _all=slice(None), _TypeError=TypeError):
    """A recorded call as the expected one is compared with: bound to the spec's signature when
    the mock has one (a call that does not fit it stays as recorded)."""
    if signature is None or _type(kall) is not _call:
        return kall
    stored = _tuple_get(kall, _all)
    if _len(stored) == 3 and stored[0]:
        return kall  # a child's call (`m.method(...)`): its own signature is not the mock's
    args, kwargs = stored[-2], stored[-1]
    try:
        return _bind(signature, args, kwargs)
    except _TypeError:
        return kall


def check_mock(op, recv, args, kwargs, _records=None, _bind=None, _recorded=None, _genuine=None,
               _empty=None, _eq=None, _show=None, _pformat=None,
               _sig=None, _ops=MOCK_OPS, _budget=VALUES_BUDGET, _type=type, _get=dict.get, _str=str,
               _len=len, _range=range, _list=list, _tuple=tuple, _dict=dict, _pop=list.pop,
               _call=MOCK_CALL, _tuple_get=tuple.__getitem__, _all=slice(None),
               _AssertionError=AssertionError, _TypeError=TypeError):
    """`recv.assert_called_with(...)` and the other MOCK_ASSERTS, with CPython's verdicts and
    messages (close to mock's own)."""
    what, check = _ops[op]
    recv, own, storage, keys, names, signature = _records(recv, what)
    name = _get(own, '_mock_name')
    name = name if _type(name) is _str and name else 'mock'
    count = _genuine(_get(storage, keys[0], 0), names[0])
    last = _genuine(_get(storage, keys[1]), names[1])
    calls = [_recorded(k, signature) for k in _genuine(_get(storage, keys[2], _empty), names[2])]
    budget = [_budget]
    verb = 'called' if what == 'call' else 'awaited'
    # mock's _calls_repr: the calls it saw, after a wrong count of calls (not of awaits)
    # shown as mock's own _CallList, which pprint lays out one call a line past 80 columns
    seen_calls = _genuine(_get(storage, keys[3], _empty), names[3]) if what == 'call' else _empty
    seen = _list(seen_calls)
    calls_text = '\nCalls: %s.' % _show(seen_calls) if seen else ''
    # mock quotes the name in its call-count messages, not in its await-count ones
    quoted = "'" + name + "'" if what == 'call' else name
    if check == 'some' or check == 'once' or check == 'none':
        if kwargs or args:
            raise _TypeError(op + '() takes 1 positional argument but %d were given' % (_len(args) + 1))
        if check == 'some' and _eq(count, 0, False, 0, budget):
            raise _AssertionError("Expected %s to have been %s." % (quoted, verb))
        if check == 'once' and not _eq(count, 1, False, 0, budget):
            raise _AssertionError("Expected %s to have been %s once. %s %s times.%s"
                                  % (quoted, verb, verb.capitalize(), _show(count), calls_text))
        if check == 'none' and not _eq(count, 0, False, 0, budget):
            raise _AssertionError("Expected %s to not have been %s. %s %s times.%s"
                                  % (quoted, verb, verb.capitalize(), _show(count), calls_text))
        return None
    if check == 'has':
        given = _list(args[0] if args else kwargs.get('calls'))
        any_order = (args[1] if _len(args) > 1 else kwargs.get('any_order', False)) is True
        expected = [_recorded(k, signature) for k in given]
        raw_calls = _genuine(_get(storage, keys[3], _empty), names[3])
        raw = _list(raw_calls)
        recorded = [_recorded(k, signature) for k in raw]
        if not any_order:
            n = _len(expected)
            for i in _range(_len(recorded) - n + 1):
                j = 0
                while j < n and _eq(recorded[i + j], expected[j], False, 0, budget):
                    j += 1
                if j == n:
                    return None
            # mock's message: the calls as given, laid out by pprint (`_CallList(calls)`), then
            # the recorded ones as recorded, not as bound to a spec's signature
            # (assert_has_awaits' Actual line has no indent in mock's message)
            raise _AssertionError('%s not found.\nExpected: %s\n%sActual: %s'
                                  % ('Calls' if what == 'call' else 'Awaits', _pformat(given, 0),
                                     '  ' if what == 'call' else '', _show(raw_calls)))
        missing = []
        for kall in expected:
            k = 0
            while k < _len(recorded) and not _eq(recorded[k], kall, False, 0, budget):
                k += 1
            if k < _len(recorded):
                _pop(recorded, k)
            else:
                missing.append(kall)
        if missing and what == 'call':
            raise _AssertionError('%s does not contain all of %s in its call list, found %s instead'
                                  % (_show(name), _show(_tuple(missing)), _show(recorded)))
        if missing:
            raise _AssertionError('%s not all found in await list' % _show(_tuple(missing)))
        return None
    text = _sig(name, _tuple(args), _dict(kwargs))
    try:
        wanted = _bind(signature, _tuple(args), _dict(kwargs))
    except _TypeError as exc:
        raise _AssertionError('%s does not fit the signature of the mocked callable (%s)' % (text, _str(exc)))
    if check == 'any':
        for kall in calls:
            if _eq(kall, wanted, False, 0, budget):
                return None
        raise _AssertionError('%s %s not found' % (text, what))
    if check == 'once_with' and not _eq(count, 1, False, 0, budget):
        raise _AssertionError("Expected %s to %s %s once. %s %s times.%s"
                              % (quoted, 'be' if what == 'call' else 'have been', verb, verb.capitalize(),
                                 _show(count), calls_text))
    if last is None:
        if what == 'await':
            raise _AssertionError('Expected await: %s\nNot awaited' % text)  # mock's own wording
        raise _AssertionError('expected %s not found.\nExpected: %s\n  Actual: not %s.' % (what, text, verb))
    if not _eq(_recorded(last, signature), wanted, False, 0, budget):
        shown = _show(last)
        if _type(last) is _call:
            stored = _tuple_get(last, _all)
            if _len(stored) == 2 and _type(stored[0]) is _tuple and _type(stored[1]) is _dict:
                shown = _sig(name, stored[0], stored[1])
        raise _AssertionError('expected %s not found.\nExpected: %s\n  Actual: %s' % (what, text, shown))
    return None


def wire_mocks(seal, eq_, show_, pformat_):
    """The sealed check_mock and mock_record (install time)."""
    pieces = mock_pieces()
    records = seal(mock_records, _pieces=pieces)
    bind = seal(bind_call, _pieces=pieces)
    genuine = seal(genuine_record, _pieces=pieces)
    check = seal(check_mock, _records=records, _bind=bind, _recorded=seal(recorded_call, _bind=bind),
                 _genuine=genuine, _empty=pieces[7](), _eq=eq_, _show=show_, _pformat=pformat_,
                 _sig=seal(call_signature, _show=show_))
    return check, seal(mock_record, _pieces=pieces, _genuine=genuine)
