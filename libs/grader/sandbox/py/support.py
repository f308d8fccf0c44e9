# Output capture, exception classification and tamper fingerprints used by runner.py.

_name_of = type.__dict__['__name__'].__get__
_get_traceback = BaseException.__dict__['__traceback__'].__get__


def capture():
    buf = S['stringio']()
    _sys.stdout = buf
    _sys.stderr = buf
    return buf


def captured(buf):
    text = S['getvalue'](buf)
    limit = JOB.get('limit_output', 8192)
    if len(text) > limit:
        text = text[:limit] + f'\n... [output truncated: {len(text) - limit} more characters]'
    return text


def type_name(cls):
    # A message starts with the exception's class name, which learner code chooses freely
    # (`type('the Python interpreter failed', (Exception,), {})`): the host counts a test whose
    # message starts with one of the grader's own texts as the grader's or the exercise's fault.
    # A name that is no identifier is quoted, so no learner message can start like one.
    name = str.__str__(_name_of(cls))
    return name if str.isidentifier(name) else str.__repr__(name)


def classify(exc, _unused=None):
    """(status, message) for an exception that escaped learner or test code."""
    t = type(exc)
    if t is KeyboardInterrupt:
        return ('interrupted', 'KeyboardInterrupt')
    if t is MemoryError:
        return ('memory', 'MemoryError: the memory limit was reached')
    if issubclass(t, SystemExit):
        return ('error', 'SystemExit: calling sys.exit() or exit() is not allowed while grading')
    if issubclass(t, S['skiptest']):
        if any(exc is raised for raised in S['hidden_skips']):  # raised by hidden code's self.skipTest
            return ('skipped', describe(exc)[:500])
        return ('error', 'SkipTest: skipping a test is not allowed while grading')
    if issubclass(t, AssertionError):
        return ('fail', describe(exc))
    if not issubclass(t, Exception):
        return ('error', type_name(t) + ' was raised: ' + describe(exc))
    return ('error', describe(exc))


def describe(exc):
    try:
        text = str(exc)
    except BaseException:
        text = '<the exception could not be printed>'
    if type(text) is not str:
        text = ''
    limit = 2000 if issubclass(type(exc), AssertionError) else 500  # unittest's diff is bounded
    if len(text) > limit:
        text = text[:limit] + '...'
    where = None if type(exc) is SyntaxError else learner_line(exc)
    head = type_name(type(exc)) + (': ' + text if text else '')
    return head + (f' (line {where} of your code)' if where else '')


def learner_line(exc):
    """Deepest line of the submission in the exception's traceback, or None."""
    tb = _get_traceback(exc)  # the descriptor itself: a learner property cannot run here
    try:
        return S['traceback_line'](tb, JOB.get('module_file', ''))
    except BaseException:
        return None


def traceback_entries(tb, positions=True, /):
    """Each entry of the traceback chain as plain data (sealed): (co_filename, co_name,
    co_qualname, co_firstlineno, tb_lineno, (lineno, end_lineno, col, end_col)). The only harness
    code that reads frames: the audit hook lets `tb_frame` (and nothing else) through while
    _window[0] is set, and no learner code can run meanwhile: the garbage collector is off (no gc
    callback, no finalizer of a collected cycle), only exact built-in types are touched and
    nothing is called on what is read (a learner str subclass in co_filename is stored, never
    compared), and no reference to a learner object is dropped (the traceback keeps every frame
    alive). Neither a frame nor a code object leaves it. The window and everything it calls are
    in its code constants, none in defaults: learner code reaches it (a default of
    TestResult._is_relevant_tb_level), and a default is an argument its caller may replace (a
    `_type` of its own ran with the window open; the window itself was a default: fixture
    redsig-caller-defaults)."""
    (_window, _gc_disable, _gc_enable, _gc_isenabled, _type, _Traceback, _Code,
     _int) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (harness.install)
    entries = []
    was_enabled = _gc_isenabled()
    _gc_disable()
    _window[0] = 1
    try:
        depth = 0
        while _type(tb) is _Traceback and depth < 200:
            code = tb.tb_frame.f_code
            lineno, lasti = tb.tb_lineno, tb.tb_lasti
            if _type(code) is _Code and _type(lineno) is _int and _type(lasti) is _int:
                span = (None, None, None, None)
                if positions and lasti >= 0:  # traceback._get_code_position: the instruction's source span
                    index = 0
                    for position in code.co_positions():
                        if index == lasti // 2:
                            span = position
                            break
                        index += 1
                entries.append((code.co_filename, code.co_name, code.co_qualname, code.co_firstlineno,
                                lineno, span))
            tb = tb.tb_next
            depth += 1
    finally:
        _window[0] = 0
        if was_enabled:
            _gc_enable()
    return entries


def traceback_line(tb, filename, _entries=None, _type=type, _str=str, _str_eq=str.__eq__):
    """The deepest line of `filename` in the traceback chain (sealed)."""
    line = None
    for entry in _entries(tb, False):  # line numbers only: no source spans to compute
        if _type(entry[0]) is _str and _str_eq(entry[0], filename):
            line = entry[4]
    return line


def walk_tb_standins(tb, _full=False, _Namespace=None, _dict=dict, _type=type, _str=str,
                     _startswith=str.startswith, _harness='<grader '):
    """traceback.walk_tb (and, with _full, its _walk_tb_with_full_positions) for any code of the
    job (sealed; traceback_entries is its secret constant, so its window cannot be reached through
    this function's defaults): the same entries, each with a stand-in frame that holds the names
    and numbers the traceback module formats and no frame, code object or globals. So
    traceback.format_exc() and logger.exception() work in learner code as in CPython. The
    harness's own entries (`<grader N>`: the helper a hidden call through a value goes through)
    are left out, as CPython has none: extract_tb of `f()` for a learner closure `f` named
    `helper` and `value_call` between the test and the closure (hunt11-doctest-traceback-tools)."""
    entries = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with traceback_entries
    for filename, name, qualname, firstlineno, lineno, positions in entries(tb):
        if _type(filename) is _str and _startswith(filename, _harness):
            continue
        code = _Namespace(co_filename=filename, co_name=name, co_qualname=qualname, co_firstlineno=firstlineno)
        frame = _Namespace(f_code=code, f_globals=_dict(), f_locals=_dict(), f_lineno=lineno)
        if not _full:
            yield frame, lineno
        elif positions[0] is None:
            yield frame, (lineno,) + positions[1:]
        else:
            yield frame, positions


def inspect_trace(context=1, _walk=None, _exc_info=None, _FrameInfo=None, _Positions=None, _getlines=None,
                  _type=type, _int=int, _str=str, _list=list, _len=len, _max=max, _min=min):
    """inspect.trace (sealed): the records of the handled exception's traceback, built from the
    entries traceback.extract_tb gives (walk_tb_standins: a stand-in frame with the names and
    numbers, never a frame), where inspect's own read `tb.tb_frame`, which the audit hook refuses
    (hunt11-doctest-traceback-tools: `[f.function for f in inspect.trace()]`). The source lines
    are linecache's, as inspect.getframeinfo reads them."""
    tb = _exc_info()[2]
    records = []
    for frame, positions in _walk(tb):
        code = frame.f_code
        filename, lineno = code.co_filename, frame.f_lineno
        lines = index = None
        if _type(context) is _int and context > 0 and _type(filename) is _str and _type(lineno) is _int:
            source = _getlines(filename)
            if source:
                start = _max(0, _min(lineno - 1 - context // 2, _len(source) - context))
                lines, index = _list(source[start:start + context]), lineno - 1 - start
        records.append(_FrameInfo(frame, filename, lineno, code.co_name, lines, index,
                                  positions=_Positions(*positions)))
    return records


def suggestion_standin(exc_value, tb, wrong_name, _suggest=None, _isinstance=isinstance,
                       _kinds=(AttributeError, ImportError)):
    """traceback._compute_suggestion_error (sealed) without its NameError branch, which reads the
    failing frame's f_locals and f_globals through tb.tb_frame (refused by the audit hook): a
    NameError formatted by the traceback module (doctest's report of an example that raised it,
    traceback.format_exc() in a test) was a RuntimeError, an error verdict where CPython fails or
    passes (hunt11-ok-doctests). A NameError gets no "Did you mean" here, as from 3.11's traceback
    module, which suggests nothing; AttributeError and ImportError keep 3.14's own branches."""
    if _isinstance(exc_value, _kinds):
        return _suggest(exc_value, tb, wrong_name)
    return None


def disarm_traceback(seal):
    """The traceback module walks frames (tb.tb_frame, which the hook refuses to learner code):
    its two walkers yield stand-ins instead (walk_tb_standins)."""
    import traceback
    import types
    entries = S['traceback_entries']
    traceback.walk_tb = seal(walk_tb_standins, secret=entries, _Namespace=types.SimpleNamespace)
    traceback._walk_tb_with_full_positions = seal(walk_tb_standins, secret=entries, _full=True,
                                                  _Namespace=types.SimpleNamespace)
    traceback._compute_suggestion_error = seal(suggestion_standin,
                                               _suggest=traceback._compute_suggestion_error)
    import dis
    import inspect
    import linecache
    import sys
    inspect.trace = seal(inspect_trace, _walk=traceback._walk_tb_with_full_positions, _exc_info=sys.exc_info,
                         _FrameInfo=inspect.FrameInfo, _Positions=dis.Positions, _getlines=linecache.getlines)
    # unittest's TestResult drops its own frames from a failure's traceback by reading each
    # frame's globals (a unittest run by hidden code: `Inner('test_add').run(result)`); the same
    # from the code's file name, read by traceback_entries.
    import unittest.result
    unittest.result.TestResult._is_relevant_tb_level = seal(
        unittest_tb_level, _entries=entries, _folder=unittest.result.__file__.rpartition('/')[0] + '/')


def caller_entry(stacklevel, /):
    """(co_filename, f_lineno, co_name) of the frame logging's findCaller names (sealed): the
    first frame past `stacklevel` frames outside logging's own file, as Logger.findCaller walks
    them, or None. Reads frames as traceback_entries does: the audit hook lets `tb_frame` through
    while _window[0] is set (here, for this function's own frame, from which it walks f_back),
    the collector is off, only exact built-in types are touched and nothing is called on what
    is read. Only a frame of the submission's file (its protected path) or of the standard
    library is named: a hidden test's or the harness's frame stays '(unknown ...)' (None). The
    window and everything it calls are code constants, not defaults (sealing.py, privileged
    functions)."""
    (_window, _gc_disable, _gc_enable, _gc_isenabled, _type, _Frame, _Code, _Traceback, _str, _int,
     _str_eq, _startswith, _contains, _ValueError, _learner, _logging_file,
     _stdlib) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (disarm_logging_caller)
    if _type(stacklevel) is not _int:
        stacklevel = 1
    try:
        raise _ValueError
    except _ValueError as exc:
        tb = exc.__traceback__
    found = None
    f = nxt = code = name = None
    was_enabled = _gc_isenabled()
    _gc_disable()
    _window[0] = 1
    try:
        if _type(tb) is _Traceback:
            f = tb.tb_frame  # this function's frame; its caller is the findCaller stand-in's
        if _type(f) is _Frame:
            f = f.f_back
        depth = 0
        while _type(f) is _Frame and stacklevel > 0 and depth < 1000:
            nxt = f.f_back
            if _type(nxt) is not _Frame:
                break
            f = nxt
            depth += 1
            code = f.f_code
            name = code.co_filename if _type(code) is _Code else None
            if not (_type(name) is _str and (_str_eq(name, _logging_file)
                                             or (_contains(name, 'importlib') and _contains(name, '_bootstrap')))):
                stacklevel -= 1
        if _type(f) is _Frame:
            code = f.f_code
            if _type(code) is _Code:
                name = code.co_filename
                if _type(name) is _str and (_str_eq(name, _learner[0]) or _startswith(name, _stdlib)):
                    lineno, func = f.f_lineno, code.co_name
                    if _type(lineno) is _int and _type(func) is _str:
                        found = (name, lineno, func)
    finally:
        _window[0] = 0
        if was_enabled:
            _gc_enable()
    tb = f = nxt = code = name = None  # no cycle through this frame is left for the collector
    return found


def find_caller(self, stack_info=False, stacklevel=1, _unknown=('(unknown file)', 0, '(unknown function)')):
    """logging.Logger.findCaller (sealed; caller_entry is its secret constant): the record's
    pathname, lineno and funcName name the submission's function as under CPython. No stack
    text for stack_info=True."""
    caller = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with caller_entry
    entry = caller(stacklevel)
    if entry is None:
        return _unknown[0], _unknown[1], _unknown[2], None
    return entry[0], entry[1], entry[2], None


def disarm_logging_caller(seal):
    """logging finds a record's caller through sys._getframe, which the sandbox refuses: its
    Logger.findCaller reads the caller's file, line and function through caller_entry instead."""
    import logging
    import os
    import types
    real = os.path.normcase(logging.addLevelName.__code__.co_filename)
    entry = seal(caller_entry, secret=(
        FRAMES_WINDOW, _gc.disable, _gc.enable, _gc.isenabled, type, types.FrameType, types.CodeType,
        types.TracebackType, str, int, str.__eq__, str.startswith, str.__contains__, ValueError,
        PROTECTED_FILE, real, os.path.dirname(os.path.dirname(real)) + '/'))
    logging._srcfile = real
    logging.Logger.findCaller = seal(find_caller, secret=entry)


def frame_gone(obj, /):
    """Whether an exact generator's, coroutine's or async generator's frame is gone (sealed): the
    one question inspect.getgeneratorstate & co. ask of `gi_frame`/`cr_frame`/`ag_frame`, which
    the audit hook lets through while _window[0] is set. Only a bool leaves, never the frame; the
    getters are C and the collector is off, so no learner code runs meanwhile. None for any
    other object. The window and what it calls are code constants, not defaults."""
    (_window, _gc_disable, _gc_enable, _gc_isenabled, _type, _Generator, _Coroutine,
     _AsyncGenerator) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (disarm_suspension_states)
    t = _type(obj)
    if t is not _Generator and t is not _Coroutine and t is not _AsyncGenerator:
        return None
    frame = None
    was_enabled = _gc_isenabled()
    _gc_disable()
    _window[0] = 1
    try:
        if t is _Generator:
            frame = obj.gi_frame
        elif t is _Coroutine:
            frame = obj.cr_frame
        else:
            frame = obj.ag_frame
        gone = frame is None
    finally:
        _window[0] = 0
        if was_enabled:
            _gc_enable()
    frame = None
    return gone


def suspension_state(obj, _prefix='gi', _states=(), _getattr=getattr):
    """inspect.getgeneratorstate / getcoroutinestate / getasyncgenstate (sealed; frame_gone is
    its secret constant): the same attribute reads, but whether the frame is gone is asked of
    frame_gone, so a closed or unstarted generator's state is CPython's instead of the audit
    hook's refusal of its frame."""
    gone_of = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() with frame_gone
    if _getattr(obj, _prefix + '_running'):
        return _states[0]
    if _getattr(obj, _prefix + '_suspended'):
        return _states[1]
    gone = gone_of(obj)
    if gone is None:  # not a generator of Python's own: its own attribute, as inspect reads it
        gone = _getattr(obj, _prefix + '_frame') is None
    return _states[2] if gone else _states[3]


def generator_locals(generator, /):
    """inspect.getgeneratorlocals (sealed): the locals of a generator's frame, read through
    frame_gone's window (gc off, no learner code runs meanwhile) and handed out as a dict copy,
    never the frame; {} when the frame is gone, as inspect answers. A generator of hidden code (its
    frame's globals a hidden namespace, or the harness's) stays refused: its locals are hidden
    data (hunt4-generator-states, devs14-generator-frames). The window and what it calls are code
    constants, not defaults."""
    (_window, _gc_disable, _gc_enable, _gc_isenabled, _type, _Generator, _hidden, _sealed, _id, _dict,
     _TypeError, _RuntimeError) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (disarm_suspension_states)
    if _type(generator) is not _Generator:
        raise _TypeError(f'{generator!r} is not a Python generator')
    found = frame = None
    was_enabled = _gc_isenabled()
    _gc_disable()
    _window[0] = 1
    try:
        frame = generator.gi_frame
        if frame is None:
            found = {}
        elif _id(frame.f_globals) not in _hidden and frame.f_globals is not _sealed:
            found = _dict(frame.f_locals)
    finally:
        _window[0] = 0
        if was_enabled:
            _gc_enable()
    frame = None
    if found is None:
        raise _RuntimeError('reading .gi_frame is not allowed in the grader sandbox')
    return found


def disarm_suspension_states(seal):
    """inspect's generator, coroutine and async generator states read the frame only to ask
    whether it is gone: they ask frame_gone instead (support.py); getgeneratorlocals reads the
    locals of a generator that is not hidden code's (generator_locals)."""
    import inspect
    gone = seal(frame_gone, secret=(GEN_WINDOW, _gc.disable, _gc.enable, _gc.isenabled, type, _types.GeneratorType,
                                    _types.CoroutineType, _types.AsyncGeneratorType))
    inspect.getgeneratorlocals = seal(generator_locals, secret=(
        GEN_WINDOW, _gc.disable, _gc.enable, _gc.isenabled, type, _types.GeneratorType, HIDDEN_NAMESPACES,
        SEALED_GLOBALS, id, dict, TypeError, RuntimeError))
    i = inspect
    inspect.getgeneratorstate = seal(suspension_state, secret=gone, _prefix='gi', _states=(
        i.GEN_RUNNING, i.GEN_SUSPENDED, i.GEN_CLOSED, i.GEN_CREATED))
    inspect.getcoroutinestate = seal(suspension_state, secret=gone, _prefix='cr', _states=(
        i.CORO_RUNNING, i.CORO_SUSPENDED, i.CORO_CLOSED, i.CORO_CREATED))
    inspect.getasyncgenstate = seal(suspension_state, secret=gone, _prefix='ag', _states=(
        i.AGEN_RUNNING, i.AGEN_SUSPENDED, i.AGEN_CLOSED, i.AGEN_CREATED))


def unittest_tb_level(self, tb, _entries=None, _folder=None, _type=type, _str=str,
                      _startswith=str.startswith):
    """TestResult._is_relevant_tb_level: whether the traceback entry is in unittest's own code."""
    entries = _entries(tb, False)
    if not entries:
        return False
    filename = entries[0][0]
    return _type(filename) is _str and _startswith(filename, _folder)


def hidden_spaces(ns):
    """The hidden namespace of this test and those of its support modules."""
    return [ns, *JOB.get('support_spaces', ())]


def hidden_classes(space):
    """The classes a hidden namespace defines (not the ones it imports)."""
    own_module = dict.get(space, '__name__')
    return [value for value in list(dict.values(space))
            if type(value) is type and value.__module__ == own_module]


def class_bindings(cls):
    """A hidden class's dict, less what unittest's own suite sets on the classes it runs (hidden
    code running `unittest.TextTestRunner().run(suite)`): `_classSetupFailed = False` (True, which
    makes the suite skip the class's tests, is a change like any other) and the list
    `doClassCleanups` puts in `tearDown_exceptions`."""
    bindings = cls.__dict__.copy()
    if bindings.get('_classSetupFailed', None) is False:
        del bindings['_classSetupFailed']
    if type(bindings.get('tearDown_exceptions', None)) is list:
        del bindings['tearDown_exceptions']
    return bindings


def fingerprint(ns, spans=None):
    """Every binding of the hidden namespace, of the support modules of this test, their
    builtins and their classes: (keys, values). `spans`, when given, gets (id(namespace or
    class), start, end) for each of them: where its bindings are in the lists."""
    owned = []
    for space in hidden_spaces(ns):
        builtins = space['__builtins__']
        owned.extend(((space, space), (builtins, builtins)))
        owned.extend((cls, class_bindings(cls)) for cls in hidden_classes(space))
    keys, values = [], []
    for owner, d in owned:
        start = len(keys)
        keys.extend(dict.keys(d))
        values.extend(dict.values(d))
        if spans is not None:
            spans.append((id(owner), start, len(keys)))
    return keys, values


def binding_positions(keys, spans, positions):
    """{(id(owner), name): index} of the baseline fingerprint, for names that are exact strings
    (asserts.hidden_binding: the author's own rebinding). From the baseline's own keys, never
    from the namespace as it is later (learner code may reorder it)."""
    for owner_id, start, end in spans:
        for at in range(start, end):
            name = keys[at]
            if type(name) is str:
                positions[(owner_id, name)] = at


def same_objects(a, b):
    """Element-wise identity (`is`), compared in C: no `__eq__` of any object is called, and
    both lists keep their objects alive, so an address cannot be reused by another object."""
    return len(a) == len(b) and all(map(_is, a, b))


def same_fingerprint(before, after):
    return same_objects(before[0], after[0]) and same_objects(before[1], after[1])


# TestCase attributes that shape failure messages only (asserts.testcase_settings reads them
# for the strict assertions, type-checked): real suites set them on TestCase itself
# (`unittest.TestCase.maxDiff = None` at the top of a test module), so they may change.
TESTCASE_SETTINGS = ('maxDiff', 'longMessage')


def without_settings(class_dict):
    """A copy of TestCase's dict without TESTCASE_SETTINGS (their order among the rest kept)."""
    current = dict(class_dict)
    for name in TESTCASE_SETTINGS:
        dict.pop(current, name, None)
    return current


def testcase_dict_intact():
    """TestCase's dict without TESTCASE_SETTINGS is the one at boot (S['testcase_keys'],
    S['testcase_values']). While its keys are all in their boot places, settings included (a
    suite that assigns `maxDiff` keeps its place), it is read in place: every other position
    holds what the copy without the settings would hold there, so comparing them says what
    comparing the copy says, without copying ~100 entries three times per module test.
    Otherwise (a setting deleted, or added again at the end) the copy, as before."""
    current = S['TestCase'].__dict__
    keys, values, settings = S['testcase_layout']
    if len(current) == len(keys) and all(map(_is, current.keys(), keys)):
        now = list(current.values())
        for at in settings:  # a setting's value may change: not compared
            now[at] = values[at]
        return all(map(_is, now, values))
    return same_dict(without_settings(current), S['testcase_keys'], S['testcase_values'])


def testcase_intact():
    """unittest.TestCase (but for its message settings) and the assertRaises context manager
    hold exactly the attributes they had at boot: the same objects, in the same order (S keeps
    them alive)."""
    return (testcase_dict_intact()
            and same_dict(S['RaisesContext'].__dict__, S['raises_keys'], S['raises_values'])
            and same_dict(S['SubTestContext'].__dict__, S['subtest_keys'], S['subtest_values']))


def mocks_intact():
    """unittest.mock's classes (mocks.mock_classes) and unittest's own context managers of
    assertRaises/assertWarns/assertLogs (a verdict goes through them, and the submission can
    reach them: `unittest._log._AssertLogsContext.__exit__`) hold exactly the attributes they had
    at boot, the same objects in the same order, and the same MRO."""
    return flat_classes_intact(S['mock_classes'])


def machinery_classes_intact():
    """mocks_intact around a module test, less unittest.mock's own classes when no hidden code of
    the job names mock (runner.compile_suite: JOB['hidden_mock']). Hidden code makes no mock and
    runs none of mock's code then, and the harness reads a submission's mock from its instance
    dict (values.call_eq, mocks.py, asserts.instance_check) without running its class's code,
    except runner.mock_without_file, which checks all of them itself."""
    return flat_classes_intact(S['mock_classes'] if JOB['hidden_mock'] else S['unmocked_classes'])


def flat_classes_intact(flat, _dict=type.__dict__['__dict__'].__get__, _mro=type.__dict__['__mro__'].__get__,
                        _values=_types.MappingProxyType.values):
    """The classes of a harness.flat_classes tuple hold exactly the attributes they had at boot,
    the same objects in the same order, and the same MRO. Each class's dict and MRO have their
    boot length, so the flat sequences line up class by class; compared by identity in C."""
    classes, dict_lengths, mro_lengths, keys, values, mro_entries = flat
    dicts = tuple(map(_dict, classes))
    mros = tuple(map(_mro, classes))
    # the keys by iterating the mappingproxies themselves (their dicts' keys, in order): no view
    # per class (~8 % of the check)
    return (tuple(map(len, dicts)) == dict_lengths and tuple(map(len, mros)) == mro_lengths
            and all(map(_is, _chain.from_iterable(dicts), keys))
            and all(map(_is, _chain.from_iterable(map(_values, dicts)), values))
            and all(map(_is, _chain.from_iterable(mros), mro_entries)))


def regex_intact():
    """re and its compiler hold what they held at boot (harness: S['regex_modules']), and every
    pattern re's caches hold is one compiled from its key (regex_caches_genuine)."""
    return modules_intact(S['regex_modules']) and regex_caches_genuine()


def _plain_class_eq(cls, _mro=type.__dict__['__mro__'].__get__, _tdict=type.__dict__['__dict__'].__get__,
                    _type=type, _object=object, _contains=_types.MappingProxyType.__contains__):
    """Whether comparing the class `cls` with another class is identity: no metaclass of its
    defines `__eq__` (read from the dicts, without running anything of the class's)."""
    for meta in _mro(_type(cls)):
        if meta is not _object and _contains(_tdict(meta), '__eq__'):
            return False
    return True


def regex_caches_genuine(_items=dict.items, _list=list, _type=type, _len=len, _id=id, _str=str, _bytes=bytes,
                         _tuple=tuple):
    """re keeps what it compiled in dicts keyed by (type, pattern, flags) (`re._cache`, and
    `re._cache2` since 3.12), read before compiling by hidden code's `re.fullmatch(...)` and the
    sealed assertRegex (re.compile) alike; their contents change as any code runs, so the module
    check (identities) does not see them. Each entry must be an exact str or bytes pattern with
    int flags (or 3.14's `re._ZeroSentinel`, the default's) whose compiled Pattern holds that
    text and the flags compiling it with those flags gives: a pattern compiled from other text
    (`(?s).*`) or with other flags (re.VERBOSE) planted under the test's key made any text match
    (red20-regex-cache-plant).
    Entries seen genuine are remembered (the pattern and its key, held), so each is compiled
    again once per job. A pattern of a str subclass (a StrEnum member) answers only lookups of
    its own class, so it is passed over, unless its class's metaclass defines `__eq__` (its class
    could then equal str in the lookup's comparison): that reads as tampering."""
    seen, caches, pattern_type, recompile, flag_types = S['regex_caches']
    if _len(seen) > 4096:
        seen.clear()
    for cache in caches:
        for key, value in _list(_items(cache)):
            known = seen.get(_id(value))
            if known is not None and known[0] is value and known[1] is key:
                continue
            if _type(key) is not _tuple or _len(key) != 3 or _type(value) is not pattern_type:
                return False
            kind, text, flags = key
            if kind is not _str and kind is not _bytes and _type(text) is kind and _plain_class_eq(kind):
                # a str subclass compiled (a StrEnum member): its key answers no lookup of an
                # exact str's, as its class equals no other class
                seen[_id(value)] = (value, key)
                continue
            held = _type(flags)  # by identity: `in` would hash a class whose metaclass answers
            if not ((kind is _str or kind is _bytes) and _type(text) is kind
                    and (held is flag_types[0] or held is flag_types[1])):
                return False
            held = value.pattern  # the text compiled: the key's own, or an equal one (a key made again)
            if _type(held) is not kind or held != text:
                return False
            try:
                if value.flags != recompile(text, flags).flags:
                    return False
            except Exception:
                return False
            seen[_id(value)] = (value, key)
    return True


def strptime_cache_genuine(_items=dict.items, _list=list, _type=type, _str=str, _id=id, _len=len):
    """Every regex `_strptime` cached for a format (`_regex_cache`, read by hidden code's
    `datetime.strptime` before compiling) is the one the format gives: an exact str key whose
    Pattern's text is what a TimeRE made at boot makes of it. A str subclass hashing as the test's
    '%m/%d/%Y' and equal to anything, or a day-first regex put under that key, made hidden code's
    expected date the submission's (red20-strptime-format-cache). Entries seen genuine are
    remembered for the job."""
    cache, pattern_of, ignorecase, seen = S['strptime_cache']
    if _len(seen) > 4096:
        seen.clear()
    for key, value in _list(_items(cache)):
        known = seen.get(_id(value))
        if known is not None and known[0] is value and known[1] is key:
            continue
        if _type(key) is not _str or _type(value) is not S['regex_caches'][2]:
            return False
        try:
            text = pattern_of(key)
            if _type(value.pattern) is not _str or value.pattern != text or value.flags != _re.compile(text, ignorecase).flags:
                return False
        except Exception:
            return False
        seen[_id(value)] = (value, key)
    return True


def shared_state_intact():
    """The standard library's state that hidden code reads from the live modules or from C holds
    what it held at boot (harness: S['shared_modules'], S['csv_dialects']): a submission's own
    `json._default_decoder`, `zoneinfo.reset_tzpath([...])` or `csv.register_dialect('excel', ...)`
    answered hidden code's own expected values."""
    get_dialect, dialects = S['csv_dialects']
    for name, dialect in dialects:
        try:
            if get_dialect(name) is not dialect:
                return False
        except Exception:
            return False
    return modules_intact(S['shared_modules']) and strptime_cache_genuine()


def boot_modules_intact():
    """sys.modules still maps every module the interpreter had at boot (harness: S['boot_modules'])
    to the same object: C code imports some helpers at call time through it (`datetime.strptime`
    imports `_strptime`), so a module the submission planted there answered hidden code's own
    expected values (red2-lazy-stdlib-import). New entries (the submission, late imports) are
    not asked about."""
    keys, values = S['boot_modules']
    return all(map(_is, map(S['sys_modules'].get, keys), values))


def copies_intact(_dict=_types.ModuleType.__dict__['__dict__'].__get__):
    """The module copies hidden code got during this test (harness.module_copy) hold what they
    held when made, or when hidden code last assigned on them (asserts.write_through): a copy is
    hidden code's own module, reachable through a hidden function's `__globals__`, and `pi` set on
    its `math` made the expected value the submission's (redteam6-modulecopy-getattribute)."""
    return all(same_dict(_dict(copy), keys, values) for copy, keys, values in S['copy_states'].values())


def unittest_intact():
    """unittest's own classes (results, suites, loaders, runners, the test-part machinery) hold the
    attributes and MRO they had at boot, by identity: when hidden code runs unittest itself, its
    verdict comes from them (`result.wasSuccessful()`), and they are the submission's classes too."""
    return classes_intact(S['unittest_classes'])


def modules_intact(snapshots):
    """Each module dict snapshot taken at boot (harness.module_snapshots) still holds."""
    return all(same_dict(space, keys, values) for space, keys, values in snapshots)


def classes_intact(snapshots, _dict=type.__dict__['__dict__'].__get__, _mro=type.__dict__['__mro__'].__get__):
    """Each (class, keys, values, MRO) taken at boot (harness.class_snapshots) still holds."""
    for cls, keys, values, mro in snapshots:
        if not (same_dict(_dict(cls), keys, values) and same_objects(_mro(cls), mro)):
            return False
    return True


def same_dict(current, keys, values):
    return (len(current) == len(keys) and all(map(_is, current.keys(), keys))
            and all(map(_is, current.values(), values)))
