# Python-side lockdown: an audit hook (it cannot be removed once added) that vetoes the ways
# out of the interpreter and the ways into the harness (frames, code objects, gc, tracing),
# and the removal of Pyodide's JavaScript bridge modules from sys.modules so that importing
# them goes through the hook.  This is one layer: the JS side gives the interpreter nothing
# worth stealing even if it is bypassed.

import sys as _sys

# urllib.request, http.client, smtplib and ftplib can be imported: suites of API-client exercises
# import them and mock the network (patch('urllib.request.urlopen')). Nothing of them reaches a
# host: their events (`urllib.Request`, `http.client.connect`) and every `socket.*` event are
# refused by the audit hook below, and the OS wall has no network (escape-host.py tries them).
BLOCKED_MODULES = frozenset({
    'js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'micropip', 'ctypes', '_ctypes',
    'ssl', '_ssl', 'subprocess', '_posixsubprocess',
    'multiprocessing', '_multiprocessing', 'pyodide_http', '_testcapi', '_testinternalcapi',
    '_testlimitedcapi', '_interpreters', '_interpqueues', '_interpchannels', 'faulthandler',
    'pty', 'http.server', 'webbrowser',
    '_testclinic', '_testclinic_limited', '_testbuffer', '_testmultiphase', '_testsinglephase',
    '_testimportmultiple', '_xxtestfuzz', '_remote_debugging', 'xxsubtype', 'xxlimited'})
# Builtin modules that may not be created afresh through _imp (bypassing the import audit):
# the blocked ones, and `_signal` / `_imp`, whose dangerous functions are disarmed in place.
FRESH_REFUSED = frozenset({name for name in BLOCKED_MODULES if '.' not in name}
                          | {'_signal', '_imp', 'gc', 'posix'})

BLOCKED_EVENTS = frozenset({
    'sys._getframe', 'sys._current_frames', 'sys._current_exceptions', 'sys.settrace',
    'sys.setprofile', 'sys.monitoring.register_callback', 'sys.remote_exec',
    'gc.get_objects', 'gc.get_referrers', 'gc.get_referents', 'os.system', 'os.exec',
    'os.posix_spawn', 'os.spawn', 'os.fork', 'os.forkpty', 'os.kill', 'os.killpg',
    'subprocess.Popen', 'pty.spawn', 'os.startfile', 'webbrowser.open', 'urllib.Request',
    'http.client.connect', 'ctypes.dlopen', 'ctypes.dlsym', 'ctypes.cdata',
    'ctypes.call_function', 'cpython.remote_debugger_script', 'os.add_dll_directory',
    'sys.addaudithook'})

# Attributes whose read would expose frames or code (constants of the hidden tests).
# `__code__` is refused only for functions of hidden namespaces (dataclasses, inspect... read
# the learner's own).
BLOCKED_GETATTR = frozenset({'tb_frame', 'gi_frame', 'cr_frame', 'ag_frame', 'gi_code',
                             'cr_code', 'ag_code', 'gi_yieldfrom', 'cr_await'})
BLOCKED_SETATTR = frozenset({'__code__', '__defaults__', '__kwdefaults__', '__globals__',
                             '__closure__', '__builtins__'})
FS_WRITE_EVENTS = frozenset({'os.remove', 'os.rename', 'os.rmdir', 'os.mkdir', 'os.link',
                             'os.symlink', 'os.truncate', 'os.chmod', 'os.chown', 'os.utime',
                             'os.chflags', 'os.lchflags', 'os.listxattr', 'os.setxattr',
                             'os.removexattr', 'shutil.rmtree', 'shutil.move', 'shutil.copyfile',
                             'shutil.copytree', 'shutil.chown', 'os.truncate', 'os.mkfifo',
                             'os.mknod'})
WRITE_FLAGS = 0o1 | 0o2 | 0o100 | 0o1000 | 0o2000  # O_WRONLY O_RDWR O_CREAT O_TRUNC O_APPEND
# Events whose second path is the one created or replaced (the first is only read or linked to).
FS_TARGET_EVENTS = frozenset({'os.link', 'os.symlink', 'shutil.copyfile', 'shutil.copytree'})
# Events this hook lets through without looking at them: none is refused or read below, and they
# are the most frequent ones (each `id()` raises `builtins.id`: ~470 per grading from the harness's
# own bookkeeping, more in assertion-heavy tests; every compile and exec of hidden code). Answered
# first, before the comparisons the other events need. They must stay disjoint from every event
# the hook acts on: checked right below, at load.
QUIET_EVENTS = frozenset({'builtins.id', 'exec', 'compile', 'code.__new__', 'function.__new__',
                          'marshal.loads', 'os.chdir'})
HANDLED_EVENTS = frozenset({'import', 'gc.get_referents', 'object.__getattr__', 'object.__setattr__',
                            'object.__delattr__', 'open'})
if (QUIET_EVENTS & (BLOCKED_EVENTS | FS_WRITE_EVENTS | HANDLED_EVENTS)
        or any(e.startswith(('socket.', 'ctypes.')) for e in QUIET_EVENTS)):
    raise SystemError('an audit event the hook acts on is among QUIET_EVENTS')

# The submission's own file of the job (`/tmp/solution.py`, set by runner.begin): hidden source
# checks read it, so no one writes, truncates, removes, renames or chmods it. Held by the hook's
# sealed helper and the harness only. The file system refuses the same below any path trick
# (fs-guard.mjs); this layer gives the plain ways a clear PermissionError.
PROTECTED_FILE = ['']
# 1 only inside hidden_code_facts: the audit hook then lets a hidden function's `__code__` be
# read. Held by the hook's defaults and by that function's code constants (never by defaults of
# a function learner code can reach: those are readable).
CODE_WINDOW = bytearray(1)
# The one hidden `__annotate__` function whose `__code__` annotationlib may read now (annotate_window)
ANNOTATE_WINDOW = [None]


def audit_hook(event, args, _frames=None, _gens=None, _events=BLOCKED_EVENTS, _mods=BLOCKED_MODULES,
               _getattrs=BLOCKED_GETATTR, _setattrs=BLOCKED_SETATTR, _fs=FS_WRITE_EVENTS,
               _startswith=str.startswith, _partition=str.partition, _type=type, _str=str,
               _int=int, _RuntimeError=RuntimeError, _ImportError=ImportError,
               _PermissionError=PermissionError, _under_tmp=None, _hidden=None, _id=id,
               _function=type(lambda: None), _sealed=SEALED_GLOBALS, _mock_base=None, _testcase=None,
               _issub=type.__subclasscheck__, _protected=None, _targets=FS_TARGET_EVENTS,
               _referents=REFERENTS_WINDOW, _real_modules=None, _values=type(type.__dict__).values,
               _module=type(_sys), _code_window=CODE_WINDOW, _annotate_window=ANNOTATE_WINDOW,
               _quiet=QUIET_EVENTS, _gone=None):
    if event in _quiet:  # nothing to check (QUIET_EVENTS): the most frequent events leave first
        return
    if event == 'import':
        name = args[0]
        if _type(name) is _str and (name in _mods or _partition(name, '.')[0] in _mods):
            raise _ImportError(f"import of '{name}' is not allowed in the grader sandbox")
        return
    if event == 'gc.get_referents' and _referents[0]:  # values.proxy_mapping's window
        return
    if event in _events or _startswith(event, 'socket.') or _startswith(event, 'ctypes.'):
        raise _RuntimeError(f"{event} is not allowed in the grader sandbox")
    if event == 'object.__getattr__':
        if args[1] == '__code__':
            obj = args[0]
            if _type(obj) is _function and _id(obj.__globals__) in _hidden:
                if _code_window[0]:  # hidden_code_facts, which hands out no code object
                    return
                if obj is _annotate_window[0]:  # annotationlib calling this annotate function (annotate_window)
                    return
                raise _RuntimeError("reading .__code__ of the hidden tests is not allowed")
            if _type(obj) is _function and obj.__globals__ is _sealed:
                raise _RuntimeError("reading .__code__ of the grader's functions is not allowed")
            return
        if args[1] in _getattrs:
            if args[1] == 'tb_frame' and _frames[0]:  # traceback_entries' window (support.py)
                return
            if args[1] == 'gi_frame' or args[1] == 'cr_frame' or args[1] == 'ag_frame':
                if _gens[0]:
                    return  # frame_gone's window (support.py): whether the frame is None, nothing more
                if _gone is not None and _gone(args[0]) is True:
                    return  # a finished generator's frame: None, nothing to hand out (`gen.gi_frame is None`)
            raise _RuntimeError(f"reading .{args[1]} is not allowed in the grader sandbox")
        return
    if event == 'object.__setattr__' or event == 'object.__delattr__':
        # Only the grader's sealed functions and the hidden tests' functions are protected: a
        # learner's own functions may change (namedtuple(..., defaults=...) sets __defaults__).
        obj = args[0]
        if args[1] in _setattrs and _type(obj) is _function and (
                obj.__globals__ is _sealed or _id(obj.__globals__) in _hidden):
            raise _RuntimeError(f"changing .{args[1]} is not allowed in the grader sandbox")
        if args[1] == '__class__' and _mock_base is not None and _issub(_mock_base, _type(obj)):
            raise _RuntimeError("changing the class of a mock is not allowed in the grader sandbox")
        if args[1] == '__class__' and _issub(_module, _type(obj)) and _real_modules is not None:
            # a stdlib module hidden code has a copy of: patch.object(sys, ...) in hidden code
            # patches the real one (asserts.real_module), so its class must not see the values
            for real in _values(_real_modules):
                if real is obj:
                    raise _RuntimeError("changing the class of a standard-library module is not allowed in the grader sandbox")
        if args[1] == '__bases__' and _issub(_type, _type(obj)) and (
                (_mock_base is not None and _issub(_mock_base, obj)) or (_testcase is not None and _issub(_testcase, obj))):
            raise _RuntimeError("changing the bases of a mock or TestCase class is not allowed in the grader sandbox")
        return
    if event == 'open':
        path, mode, flags = args[0], args[1], args[2]
        writes = (_type(mode) is _str and ('w' in mode or 'a' in mode or 'x' in mode or '+' in mode)) \
            or (_type(flags) is _int and flags & 0o3103 != 0)
        if writes and not _under_tmp(path):
            raise _PermissionError(f"writing files outside /tmp is not allowed in the grader sandbox")
        if writes and _protected(path):
            raise _PermissionError("changing the submitted file is not allowed in the grader sandbox")
        return
    if event in _fs:
        if not (_under_tmp(args[0]) and (event not in ('os.rename', 'os.link', 'os.symlink')
                                          or _under_tmp(args[1]))):
            raise _PermissionError(f"{event} outside /tmp is not allowed in the grader sandbox")
        if (event not in _targets and _protected(args[0])) or (
                (event in _targets or event == 'os.rename' or event == 'shutil.move') and _protected(args[1])):
            raise _PermissionError("changing the submitted file is not allowed in the grader sandbox")


def _hook_names(code):
    """The strings audit_hook compares events with: its constants, those of the sets and tuples
    it tests membership in, and its nested code's."""
    names = set()
    for c in code.co_consts:
        if type(c) is str:
            names.add(c)
        elif type(c) is frozenset or type(c) is tuple:
            names.update(x for x in c if type(x) is str)
        elif type(c) is type(code):
            names |= _hook_names(c)
    return names


# HANDLED_EVENTS is written by hand; the hook's own code is the truth. An `event == '...'`
# branch added to audit_hook for one of QUIET_EVENTS would never run (the quiet ones leave
# first): refuse to load instead.
if QUIET_EVENTS & _hook_names(audit_hook.__code__):
    raise SystemError('audit_hook acts on an event listed in QUIET_EVENTS')
del _hook_names


# inspect.signature() and inspect.isgeneratorfunction()/iscoroutinefunction() read a function's
# `__code__`: for a function of the hidden tests the hook refuses that (its constants hold the
# expected values), which broke honest code: a learner's decorator that asks the signature of the
# hidden function it wraps, hidden code's Mock(spec=f). So inspect's two readers of `__code__`
# are replaced: for a hidden function they read what a signature needs through
# hidden_code_facts (parameter names, counts and flags; the code object never leaves it) and let
# inspect's own code build the signature from a stand-in with those parameters and no body.


def hidden_code_facts(fn, /):
    """None when `fn` is not a function of the hidden tests; else (co_argcount,
    co_posonlyargcount, co_kwonlyargcount, co_flags, the parameters' names). The audit hook lets
    the one `__code__` read below through while the window is set; no learner code can run
    meanwhile (the collector is off: no gc callback, no finalizer), and only ints and the
    names' tuple leave. Everything it calls is in its code constants, none in defaults: learner
    code reaches this function (a default of inspect's replaced readers), and a default is an
    argument a caller may pass (`_code=`, a getter of its own that ran with the window open and
    read the code: fixture redsig-facts-window)."""
    (window, hidden, _code, _gc_disable, _gc_enable, _gc_isenabled, _type, _id, _function,
     _tuple) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (open_signatures)
    if _type(fn) is not _function or _id(fn.__globals__) not in hidden:
        return None
    was_enabled = _gc_isenabled()
    _gc_disable()
    try:
        window[0] = 1
        code = _code(fn)
    finally:
        window[0] = 0
        if was_enabled:
            _gc_enable()
    flags = code.co_flags
    count = code.co_argcount + code.co_kwonlyargcount + (1 if flags & 0x04 else 0) + (1 if flags & 0x08 else 0)
    return (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, flags, _tuple(code.co_varnames[:count]))


def hidden_function(fn, /):
    """Whether `fn` is a function hidden code made: its globals a hidden namespace and its code one
    the hidden suite compiled to (HIDDEN_CODES, runner.load_hidden). The globals alone say nothing:
    learner code reads a hidden function's `__globals__` (not audited) and makes a function of its
    own with them (`types.FunctionType(code, g)`, `exec('def ...', g)`), an __exit__ that
    swallowed a failed assertion as the author's manager (asserts.author_manager) or a silent
    `builtins.print` handed to the reference program hidden code execs (asserts.run_code)
    (red9-forged-hidden-globals). The code is read as hidden_code_facts reads it, in the same
    window; only a bool leaves. Everything it calls is in its code constants."""
    (window, hidden, codes, _code, _gc_disable, _gc_enable, _gc_isenabled, _type, _id, _function,
     _get) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (harness._seal_all)
    if _type(fn) is not _function or _id(fn.__globals__) not in hidden:
        return False
    was_enabled = _gc_isenabled()
    _gc_disable()
    try:
        window[0] = 1
        code = _code(fn)
    finally:
        window[0] = 0
        if was_enabled:
            _gc_enable()
    return _get(codes, _id(code)) is code


def signature_stand_in(fn, facts, _compile=compile, _exec=exec, _type=type, _str=str,
                       _isidentifier=str.isidentifier, _iskeyword=None, _join=str.join, _list=list,
                       _getattr=getattr, _Exception=Exception):
    """A function with `fn`'s parameters (names, kinds, defaults, annotations) and an empty body,
    for inspect to read; None when a name is not a plain identifier (then inspect reads `fn`,
    and the hook refuses as before)."""
    argcount, posonly, kwonly, flags, names = facts
    for name in names:
        if _type(name) is not _str or not _isidentifier(name) or _iskeyword(name):
            return None
    parts = _list(names[:posonly]) + (['/'] if posonly else []) + _list(names[posonly:argcount])
    rest = argcount + kwonly
    if flags & 0x04:
        parts.append('*' + names[rest])
        rest += 1
    elif kwonly:
        parts.append('*')
    parts += names[argcount:argcount + kwonly]
    if flags & 0x08:
        parts.append('**' + names[rest])
    space = {'__builtins__': {}}
    _exec(_compile('def stand_in(' + _join(', ', parts) + '):\n    pass\n', '<signature>', 'exec'), space)
    stand_in = space['stand_in']
    stand_in.__defaults__ = fn.__defaults__
    stand_in.__kwdefaults__ = fn.__kwdefaults__
    # The annotations as inspect reads them from fn (format VALUE: `fn.__annotations__`, evaluated
    # once and kept, so an assigned dict or one changed since is fn's own); a name not defined
    # yet leaves fn's `__annotate__`, which inspect asks in the format it wants.
    try:
        annotations = fn.__annotations__
    except _Exception:
        annotations = None
    if annotations is None:
        stand_in.__annotate__ = fn.__annotate__
    else:
        stand_in.__annotations__ = annotations
    text = _getattr(fn, '__text_signature__', None)  # inspect prefers it to the code
    if text is not None:
        stand_in.__text_signature__ = text
    stand_in.__name__, stand_in.__qualname__, stand_in.__module__ = fn.__name__, fn.__qualname__, fn.__module__
    return stand_in


def signature_from_function(cls, func, skip_bound_arg=True, globals=None, locals=None, eval_str=False,
                            _real=None, _facts=None, _stand_in=None, **options):
    """inspect._signature_from_function, for a hidden function through its stand-in."""
    facts = _facts(func)
    if facts is not None:
        stand_in = _stand_in(func, facts)
        if stand_in is not None:
            if eval_str and globals is None:
                globals = func.__globals__  # what inspect evaluates string annotations in
            func = stand_in
    return _real(cls, func, skip_bound_arg, globals, locals, eval_str, **options)


def has_code_flag(f, flag, _real=None, _facts=None, _unwrap_partialmethod=None, _unwrap_partial=None,
                  _Method=None, _type=type, _int=int, _bool=bool, _isinstance=isinstance):
    """inspect._has_code_flag: the same unwrapping, then a hidden function answers from its flags."""
    inner = _unwrap_partialmethod(f)
    while _isinstance(inner, _Method):
        inner = inner.__func__
    facts = _facts(_unwrap_partial(inner))
    if facts is None or _type(flag) is not _int:
        return _real(f, flag)
    return _bool(facts[3] & flag)


def is_async_func(func, _real=None, _facts=None, _iscoroutinefunction=None):
    """unittest.mock._is_async_func (create_autospec): `getattr(func, '__code__', None)` is its
    test for "a function"; a hidden function has one, and inspect answers for it."""
    if _facts(func) is not None:
        return _iscoroutinefunction(func)
    return _real(func)


def annotate_window(annotate, format, owner=None):
    """annotationlib.call_annotate_function, with the audit hook letting annotationlib read the
    `__code__` of `annotate` (and of no other function) while it runs, when `annotate` is a
    hidden function. Python 3.14's typing.NamedTuple (and TypedDict, dataclasses' FORWARDREF
    annotations) builds its fields by calling the class body's `__annotate__` this way, which
    makes a function of its code with other globals: `class Pair(NamedTuple): a: int` in a test
    module stopped the hidden module with "reading .__code__ of the hidden tests is not
    allowed", an error for every test of every submission (hunt10-matchers-records). The code
    object never leaves annotationlib, and an annotate function's code forged into a function
    only answers its class's annotations. Everything it uses is in its code constants (a caller
    could pass any default; `owner` is a plain parameter: seal() keeps no keyword-only defaults)."""
    (window, real, _annotate_of_hidden_code) = '\x00grader-sealed-secret\x00'  # SECRET (open_signatures)
    # Only an `__annotate__` the hidden suite compiled (ANNOTATE_CODES): any other hidden function
    # handed in here (a helper that calls the submission) would let learner code read its code,
    # the test's expected values among its constants, while the window is open.
    if not _annotate_of_hidden_code(annotate):
        return real(annotate, format, owner=owner)
    before = window[0]
    window[0] = annotate
    try:
        return real(annotate, format, owner=owner)
    finally:
        window[0] = before


def open_signatures(seal, hidden):
    """inspect's readers of `__code__` replaced (see hidden_code_facts); `hidden` is the set of
    the hidden namespaces' ids."""
    import functools
    import gc
    import inspect
    import keyword
    import types
    function = type(lambda: None)
    facts = seal(hidden_code_facts, secret=(CODE_WINDOW, hidden, function.__dict__['__code__'].__get__,
                                            gc.disable, gc.enable, gc.isenabled, type, id, function, tuple))
    inspect._signature_from_function = seal(
        signature_from_function, _real=inspect._signature_from_function, _facts=facts,
        _stand_in=seal(signature_stand_in, _iskeyword=keyword.iskeyword))
    inspect._has_code_flag = seal(
        has_code_flag, _real=inspect._has_code_flag, _facts=facts,
        _unwrap_partialmethod=functools._unwrap_partialmethod, _unwrap_partial=functools._unwrap_partial,
        _Method=types.MethodType)
    try:
        import annotationlib  # 3.14: the NamedTuple and TypedDict classes of the hidden tests
    except ImportError:
        annotationlib = None
    if annotationlib is not None:
        annotate_of_hidden_code = seal(hidden_function, secret=(  # hidden_function, over the annotate codes only
            CODE_WINDOW, hidden, ANNOTATE_CODES, function.__dict__['__code__'].__get__,
            gc.disable, gc.enable, gc.isenabled, type, id, function, dict.get))
        annotationlib.call_annotate_function = seal(annotate_window, secret=(
            ANNOTATE_WINDOW, annotationlib.call_annotate_function, annotate_of_hidden_code))
    import unittest.mock as mock
    mock._is_async_func = seal(is_async_func, _real=mock._is_async_func, _facts=facts,
                               _iscoroutinefunction=mock.iscoroutinefunction)


def absolute_path(path, _type=type, _str=str, _bytes=bytes, _startswith=str.startswith,
                  _getcwd=None, _normpath=None, _decode=bytes.decode, _DirEntry=None, _entry_path=None,
                  _paths=(None, None), _path_str=None, _raw_paths=None, _list=list, _AttributeError=AttributeError):
    """The normalized absolute text of a path argument of an audit event, or None (not a path).
    shutil's events carry the objects its caller gave (os.* events get the converted text), so
    two kinds of path objects are read too, without running any Python code of theirs:
    an os.DirEntry (shutil.copytree recurses with the scandir entries it reads: an honest copy of
    a tree with subfolders was refused) by its `path`, through its C getter (the type cannot be
    made or subclassed from Python); a pathlib.PosixPath/PurePosixPath of exactly that type
    (shutil.rmtree(Path(...)) was refused) by its slots as its own __str__ reads them: the cached
    `_str`, else its `_raw_paths` (a list of str) joined as posixpath.join does."""
    if _DirEntry is not None and _type(path) is _DirEntry:
        path = _entry_path(path)
    elif _paths[0] is not None and (_type(path) is _paths[0] or _type(path) is _paths[1]):  # `is`: no metaclass __eq__
        try:
            text = _path_str(path)
        except _AttributeError:
            text = None
        if _type(text) is not _str:
            raw = _raw_paths(path)
            if _type(raw) is not _list:
                return None
            text = ''
            for part in raw:
                if _type(part) is not _str:
                    return None
                if _startswith(part, '/') or not text:
                    text = part
                elif part:
                    text = text + '/' + part
            text = text or '.'
        path = text
    if _type(path) is _bytes:
        path = _decode(path, 'utf-8', 'replace')
    if _type(path) is not _str:
        return None
    if not _startswith(path, '/'):
        path = _getcwd() + '/' + path
    return _normpath(path)


def under_tmp(path, _absolute=None, _startswith=str.startswith):
    path = _absolute(path)
    return path is not None and (path == '/tmp' or _startswith(path, '/tmp/'))


def is_protected(path, _file=PROTECTED_FILE, _absolute=None):
    """Whether `path` names the job's protected file (PROTECTED_FILE), by its text."""
    if not _file[0]:
        return False
    return _absolute(path) == _file[0]


def purge_bridge_modules():
    """Forget the JS bridge modules so that importing them again goes through the hook."""
    for name in list(_sys.modules):
        if name in BLOCKED_MODULES or name.partition('.')[0] in BLOCKED_MODULES:
            del _sys.modules[name]
    _sys.meta_path[:] = [f for f in _sys.meta_path if 'pyodide' not in type(f).__module__.lower()
                         and 'js' not in type(f).__name__.lower()]


def install_virtual_clock(time_module, start, seal):
    """time.time/monotonic/perf_counter/sleep (and *_ns) read and advance a virtual clock."""
    state = [float(start)]

    def now(_s=state):
        return _s[0]

    def now_ns(_s=state, _int=int):
        return _int(_s[0] * 1e9)

    def sleep(seconds, _s=state, _type=type, _int=int, _float=float, _ValueError=ValueError,
              _TypeError=TypeError):
        if _type(seconds) is not _int and _type(seconds) is not _float:
            raise _TypeError('sleep() needs an int or float')
        if seconds < 0:
            raise _ValueError('sleep length must be non-negative')
        _s[0] += seconds

    sealed_now, sealed_ns, sealed_sleep = seal(now), seal(now_ns), seal(sleep)
    for name in ('time', 'monotonic', 'perf_counter'):
        setattr(time_module, name, sealed_now)
        setattr(time_module, name + '_ns', sealed_ns)
    time_module.sleep = sealed_sleep
    return state


def exit_raises(status=0, _SystemExit=SystemExit):
    """os._exit replacement: ending the interpreter becomes an ordinary SystemExit."""
    raise _SystemExit(status)


def abort_raises(_SystemExit=SystemExit):
    """os.abort replacement. CPython's process dies of SIGABRT; Pyodide's abort() is a wasm trap, a
    JS error out of the interpreter ("the Python interpreter failed": the grader's fault, at the
    submission's will, red13). As for os._exit, the test ends in a SystemExit of the submission's."""
    raise _SystemExit('os.abort() ends the process')


def raise_signal_guarded(signalnum, /):
    """signal.raise_signal. Emscripten's raise() of a signal whose default action ends the process
    traps or calls Node's exit (JS errors: the grader's fault at will, as os.abort), and a number
    past its table called whatever memory followed it. CPython's process dies of such a signal:
    here the test ends in a SystemExit, as os._exit does. SIGINT (KeyboardInterrupt), 0 and the
    signals CPython's process ignores go to the real function, which returns or raises as
    CPython's does. The real function is a secret constant: a default could be read and called."""
    (real, _index, _kept, _SystemExit, _OSError) = '\x00grader-sealed-secret\x00'  # SECRET: seal()
    number = _index(signalnum)
    if number < 0 or number > 64:
        raise _OSError(22, 'Invalid argument')
    if number in _kept:
        return real(number)
    raise _SystemExit(f'signal {number} ends the process')


def refuse_signal_handler(signalnum=None, handler=None, _ValueError=ValueError):
    # ValueError, as signal.signal raises off the main thread: asyncio.Runner expects it.
    raise _ValueError('changing signal handlers is not allowed in the grader sandbox')


def create_module_guarded(spec, file=None, /):
    """_imp.create_builtin / create_dynamic without the import audit event: the only way to a
    fresh `_signal` (with an unpatched signal()), `_pyodide_core`, `_testcapi`, `_ctypes`...
    The real function is in this function's constants (SECRET), which learner code cannot
    read; it gets a clean spec, so a spec whose name changes between reads cannot lie. What it
    checks with is in its constants too, none in defaults: a default is an argument its caller
    may replace (`_refused=frozenset()` made a fresh `_signal`: fixture redsig-caller-defaults)."""
    (real, _refused, _type, _str, _getattr, _split, _ns,
     _ImportError) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (disarm_signals)
    name = _getattr(spec, 'name', None)
    origin = _getattr(spec, 'origin', None)
    if _type(name) is not _str or (origin is not None and _type(origin) is not _str):
        raise _ImportError('a module spec needs an exact str name and origin')
    for part in _split(name, '.'):
        if part in _refused:
            raise _ImportError(f"import of '{name}' is not allowed in the grader sandbox")
    clean = _ns(name=name, origin=origin)
    return real(clean) if file is None else real(clean, file)


def disarm_signals(seal):
    """A Python signal handler is called with the current frame, and `frame.f_back` leads to the
    harness's frames and globals (SIGINT can be raised by `_thread.interrupt_main()` or by our
    own timeout interrupt).  So learner code may not install one, through any copy of `_signal`;
    and no blocked module is created afresh through `_imp` (that skips the import audit)."""
    import _imp
    import _signal
    import operator
    import signal
    import types
    refuse = seal(refuse_signal_handler)
    # Ignored by default, or by CPython's own process (SIGPIPE, SIGXFSZ), and SIGINT's handler.
    # operator.index gives an exact int (a subclass's own __eq__ could pass the membership test).
    kept = frozenset(int(s) for s in (0, signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGCHLD,
                                      signal.SIGCONT, signal.SIGURG, signal.SIGWINCH))
    guarded = seal(raise_signal_guarded, secret=(_signal.raise_signal, operator.index, kept, SystemExit, OSError))
    for module in (_signal, signal):
        module.signal = refuse
        module.raise_signal = guarded
    for name in ('create_builtin', 'create_dynamic'):
        setattr(_imp, name, seal(create_module_guarded, secret=(
            getattr(_imp, name), FRESH_REFUSED, type, str, getattr, str.split, types.SimpleNamespace,
            ImportError)))


def no_shell(command, _type=type, _str=str, _bytes=bytes, _fspath=None):
    """os.system in the sandbox, which has no shell and runs no process: nothing is run, and the
    status is the one C's system() gives when /bin/sh cannot run the command (127, a shell's
    'command not found'), as CPython answers `os.system('cls')` on Linux. An intro program that
    clears the screen before its menu goes on as there; it raised RuntimeError
    (hunt1-sandbox-policies). The 'os.system' audit event stays refused (posix.system reached
    some other way)."""
    if _type(command) is not _str and _type(command) is not _bytes:
        _fspath(command)  # an os.PathLike, else os.system's TypeError
    return 127 << 8


def disarm_shell(seal):
    """os.system and posix.system: no_shell."""
    import os
    import posix
    stand_in = seal(no_shell, _fspath=os.fspath)
    os.system = posix.system = stand_in


def refuse_gc_debug(flags, _type=type, _int=int, _ValueError=ValueError):
    """gc.set_debug without flags. DEBUG_SAVEALL keeps every dead reference cycle in
    gc.garbage, and an exception caught in a function that has returned is such a cycle: it
    handed learner code a frame (its f_back leads to the harness's frames and globals) without
    any audited read."""
    if _type(flags) is _int and flags == 0:
        return None
    raise _ValueError('gc debug flags are not allowed in the grader sandbox')


def disarm_result_registry(seal):
    """unittest's TextTestRunner registers each result it makes in `unittest.signals._results` (for
    Ctrl-C handling, which the sandbox has not): a hidden test that runs a suite that way would
    leave its failure messages, with the expected values, where the submission can read them."""
    import unittest.runner
    import unittest.signals
    quiet = seal(register_no_result)
    unittest.signals.registerResult = unittest.runner.registerResult = unittest.registerResult = quiet


def register_no_result(result):
    return None


def disarm_gc(seal):
    import gc
    gc.set_debug(0)
    gc.set_debug = seal(refuse_gc_debug)


def settrace_none_only(function, _RuntimeError=RuntimeError):
    """sys.settrace: a trace function is refused (the audit hook refuses the real one too: it
    hands out frames). Clearing it, which is all doctest's runner does when it puts back the
    trace function it found, is a no-op here, since none can ever be set."""
    if function is None:
        return None
    raise _RuntimeError('sys.settrace is not allowed in the grader sandbox')


def disarm_trace(seal):
    _sys.settrace = seal(settrace_none_only)


def disarm_exit(seal):
    import os
    import posix
    sealed = seal(exit_raises)
    os._exit = sealed
    posix._exit = sealed
    os.abort = posix.abort = seal(abort_raises)


def scrub_js_references(budget=600000):
    """Drops every JS proxy reachable from Python's object graph (module globals, class
    attributes, function defaults and closures, containers): Pyodide's own modules keep some
    (`scheduleCallback` behind time.sleep, `loadedPackages`...), and any of them would hand
    learner code a JS function or a callback that outlives the grading. Runs before any
    learner code; returns how many references were dropped."""
    import time
    import types
    from pyodide.ffi import JsProxy
    if isinstance(time.sleep, types.FunctionType) and hasattr(time.sleep, '__wrapped__'):
        time.sleep = time.sleep.__wrapped__  # Pyodide's wrapper schedules JS callbacks
    core = _sys.modules.get('_pyodide_core')

    def is_bridge(value):
        # A JS proxy, or a function of _pyodide_core (create_once_callable, run_sync... kept in
        # pyodide.webloop's globals): called by learner code it hands out a new JS proxy.
        return isinstance(value, JsProxy) or (type(value) is types.BuiltinFunctionType
                                              and getattr(value, '__self__', None) is core)
    dropped = 0
    seen = set()
    queue = list(object.__subclasses__()) + list(_sys.modules.values())
    while queue and budget > 0:
        obj = queue.pop()
        budget -= 1
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        dropped += _scrub_one(obj, queue, is_bridge, types)
    return dropped


def _scrub_one(obj, queue, is_bridge, types):
    """Queues what `obj` refers to and cuts its references to JS proxies."""
    if isinstance(obj, type):
        return _scrub_class(obj, queue, is_bridge)
    if isinstance(obj, types.FunctionType):
        return _scrub_function(obj, queue, is_bridge)
    if isinstance(obj, (staticmethod, classmethod, types.MethodType)):
        queue.append(obj.__func__)
    elif isinstance(obj, property):
        queue.extend((obj.fget, obj.fset, obj.fdel))
    elif isinstance(obj, types.ModuleType):
        queue.append(vars(obj))
    elif type(obj) is dict or type(obj) is list:
        return _scrub_container(obj, queue, is_bridge)
    elif type(obj) in (tuple, set, frozenset):
        queue.extend(obj)
    else:
        try:
            attributes = object.__getattribute__(obj, '__dict__')
        except (AttributeError, TypeError):
            attributes = None
        if type(attributes) is dict:
            queue.append(attributes)
    return 0


def _scrub_class(cls, queue, is_bridge):
    dropped = 0
    queue.extend(type.__subclasses__(cls))
    for key, value in list(vars(cls).items()):
        if not is_bridge(value):
            queue.append(value)
            continue
        try:
            type.__setattr__(cls, key, None)
            dropped += 1
        except (TypeError, AttributeError):
            pass
    return dropped


def _scrub_function(fn, queue, is_bridge):
    dropped = 0
    queue.append(fn.__globals__)
    if fn.__defaults__ and any(is_bridge(d) for d in fn.__defaults__):
        fn.__defaults__ = tuple(None if is_bridge(d) else d for d in fn.__defaults__)
        dropped += 1
    queue.extend(fn.__defaults__ or ())
    for cell in fn.__closure__ or ():
        try:
            contents = cell.cell_contents
        except ValueError:  # empty cell
            continue
        if is_bridge(contents):
            cell.cell_contents = None
            dropped += 1
        else:
            queue.append(contents)
    return dropped


def _scrub_container(container, queue, is_bridge):
    dropped = 0
    keys = list(container) if type(container) is dict else range(len(container))
    for key in keys:
        value = container[key]
        if is_bridge(value):
            container[key] = None
            dropped += 1
        else:
            queue.append(value)
    return dropped


def assert_harness_unreachable(harness_globals):
    """Boot-time proof that no class reachable from `object.__subclasses__()` has a method whose
    `__globals__` is the harness dict (reading `__globals__` is not audited in CPython): that
    dict holds the sealed helpers, the job and the result writer."""
    import types
    for cls in boot_subclasses(object):  # asserts.py, loaded before this file
        for key, value in list(vars(cls).items()):
            for fn in (value, getattr(value, '__func__', None), getattr(value, 'fget', None)):
                if isinstance(fn, types.FunctionType) and fn.__globals__ is harness_globals:
                    raise SystemError(f'harness globals reachable through {cls.__name__}.{key}')
