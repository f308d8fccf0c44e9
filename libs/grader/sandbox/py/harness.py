# The grading harness.  Loaded (after sealing, values, asserts, rewrite, lockdown) into a
# private dict that no learner-reachable function uses as its globals.  `install()` runs once
# per interpreter before any learner code and returns `entry(command, argument) -> str`, the
# only thing the JavaScript worker calls.  Results leave as JSON text built here from exact
# built-in data; the host decides declarative cases, never Python objects.

import binascii as _binascii
import builtins as _builtins
import gc as _gc
import io as _io
import json as _json
import linecache as _linecache
import marshal as _marshal
from itertools import chain as _chain
from operator import is_ as _is
import os as _os
import posixpath as _posixpath
import random as _random
import re as _re
import sys as _sys
import time as _time
import types as _types
import unittest as _unittest

# 1 only inside traceback_entries (support.py): the audit hook then lets `tb_frame` reads through,
# nothing else. Held by that sealed function and the hook only (their defaults).
FRAMES_WINDOW = bytearray(1)
# 1 only inside frame_gone (support.py): the audit hook then lets `gi_frame`, `cr_frame` and
# `ag_frame` reads through. Held by that sealed function and the hook only.
GEN_WINDOW = bytearray(1)
S = {}  # sealed helpers, filled by install()
JOB = {}  # the current job, private to the harness
HIDDEN_NAMESPACES = set()  # ids of the globals of hidden code (their functions' code is secret)
HIDDEN_CODES = {}  # id -> every code object of the job's hidden code (runner.load_hidden): lockdown.hidden_function
ANNOTATE_CODES = {}  # id -> those of them that are an `__annotate__` (runner.load_hidden): lockdown.annotate_window


def path_slots():
    """pathlib's exact posix path classes and the C getters of the slots their __str__ reads, for
    the audit hook's path reader (lockdown.absolute_path); none when this Python's pathlib keeps
    its text elsewhere (the hook then reads str and bytes paths only, as before)."""
    import pathlib
    slots = pathlib.PurePath.__dict__
    if type(slots.get('_str')) is not _types.MemberDescriptorType or type(slots.get('_raw_paths')) is not _types.MemberDescriptorType:
        return {}
    return {'_paths': (pathlib.PosixPath, pathlib.PurePosixPath), '_path_str': slots['_str'].__get__,
            '_raw_paths': slots['_raw_paths'].__get__}


def _seal_all():
    S['RaisesContext'] = RaisesContext  # from rewrite.py's own namespace
    S['raises_keys'] = tuple(RaisesContext.__dict__.keys())
    S['raises_values'] = tuple(RaisesContext.__dict__.values())
    S['SubTestContext'] = SubTestContext  # from rewrite.py's own namespace (asserts.install_subtest)
    S['file_intact'] = learner_file_intact  # what each strict assertion checks first (runner.py)
    # what asserts.machinery_intact checks while a test runs (support.py, runner.py)
    S['testcase_intact'], S['unittest_intact'] = testcase_intact, unittest_intact
    S['mocks_intact'], S['doctest_intact'] = mocks_intact, doctest_intact
    S['hidden_namespaces'] = HIDDEN_NAMESPACES  # whose context managers are the author's (asserts.author_manager)
    S['hidden_function'] = seal(hidden_function, secret=(  # whose functions hidden code made (its globals and code)
        CODE_WINDOW, HIDDEN_NAMESPACES, HIDDEN_CODES, _types.FunctionType.__dict__['__code__'].__get__,
        _gc.disable, _gc.enable, _gc.isenabled, type, id, _types.FunctionType, dict.get))
    wire_helper(seal, S)  # S['encode'], S['helper'] (asserts.py)
    absolute = seal(absolute_path, _getcwd=_os.getcwd, _normpath=_posixpath.normpath,
                    _DirEntry=_os.DirEntry, _entry_path=_os.DirEntry.__dict__['path'].__get__, **path_slots())
    S['under_tmp'] = seal(under_tmp, _absolute=absolute)
    S['traceback_entries'] = seal(traceback_entries, secret=(FRAMES_WINDOW, _gc.disable, _gc.enable, _gc.isenabled,
                                                             type, _types.TracebackType, _types.CodeType, int))
    S['traceback_line'] = seal(traceback_line, _entries=S['traceback_entries'])
    import unittest.mock as mock
    protected = seal(is_protected, _absolute=absolute)
    gone = seal(frame_gone, secret=(GEN_WINDOW, _gc.disable, _gc.enable, _gc.isenabled, type, _types.GeneratorType,
                                    _types.CoroutineType, _types.AsyncGeneratorType))
    S['hook'] = seal(audit_hook, _frames=FRAMES_WINDOW, _gens=GEN_WINDOW, _under_tmp=S['under_tmp'], _hidden=HIDDEN_NAMESPACES, _gone=gone,
                     _protected=protected, _real_modules=_types.MappingProxyType(REAL_MODULES),
                     _mock_base=mock.NonCallableMock, _testcase=_unittest.TestCase)
    S['escape'] = _escape_table()


def _snapshot_modules():
    """Pristine copies of every module namespace, for the imports of hidden code."""
    snaps = {}
    for name, mod in list(_sys.modules.items()):
        # builtins is the real module for hidden code (patch.object(builtins, 'input') must reach
        # the submission); hidden code's own builtin names are pristine constants anyway.
        if type(mod) is _types.ModuleType and name.partition('.')[0] not in BLOCKED_MODULES and name != 'builtins':
            snaps[name] = _types.MappingProxyType(dict(mod.__dict__))
    S['module_snaps'] = snaps  # writable by the harness only (virtual clock)
    return _types.MappingProxyType(snaps)


def private_import(name, globals=None, locals=None, fromlist=(), level=0, _real=None,
                   _snaps=None, _own=None, _copy=None, _partition=str.partition):
    """`import` inside hidden code: the learner module as imported, stdlib as it was pristine."""
    if level == 0:
        if name in _own:
            return _own[name]
        top = name if fromlist else _partition(name, '.')[0]
        if top in _snaps:
            if not fromlist and name not in _snaps:
                # A submodule that was not imported before the submission ran: the real import
                # says why (refused by the sandbox, `import http.server`; missing), where the copy
                # of its package gave an AttributeError later. What it imports now is not used.
                _real(name, globals, locals, fromlist, level)
            return _copy(top, 0)
    return _real(name, globals, locals, fromlist, level)


def module_copy(name, depth, _self=SELF, /):
    """A fresh module holding the pristine snapshot of `name`, its submodules copied the same
    way (`from unittest import mock` must reach the pristine `mock.ANY`, not the learner's).
    Registered (secret: values.MODULE_COPIES) with its real module: hidden code's assignments on
    it are written through to that one (asserts.write_through), and it compares as that one.
    Learner code reaches it (the hidden import function's defaults): the registry, the
    snapshots, the real modules and the module class are code constants, not defaults a
    caller could replace (a copy of its own registered as one of a module it names).
    `_self` is itself (recursion): another function passed there only runs as the caller.
    """
    (copies, _snaps, _real, _Module, _type, _update, _items, _list, _str,
     _id, states, _tuple, _keys, _values, modules_in, _issub) = '\x00grader-sealed-secret\x00'  # SECRET: replaced by seal() (install)
    copy = _Module(name)
    copies[_id(copy)] = (copy, _real.get(name))  # the copy is held: its id is not reused in the job
    space = copy.__dict__
    snap = _snaps[name]
    # from a dict: dict.update takes a plain dict in one C pass, but a mappingproxy key by key
    # (~2x as long: ast's 166 names); mappingproxy.copy() is the snapshot's own dict.copy()
    _update(space, snap.copy())
    if depth < 4:
        # The snapshot's names whose values are modules, found once per snapshot object (each
        # module test copies the same ones again): only an instance of a module class can be (or
        # become, by `__class__` assignment) a ModuleType, so the test below sees every name the
        # walk over all of them would pass.
        found = modules_in.get(name)
        if found is None or found[0] is not snap:
            found = modules_in[name] = (snap, _tuple([(key, value) for key, value in _items(space)
                                                      if _issub(_Module, _type(value))]))
        for key, value in found[1]:
            if _type(value) is _Module and _type(key) is _str and (name + '.' + key) in _snaps:
                space[key] = _self(name + '.' + key, depth + 1)
    # as made: checked after the test (support.copies_intact; redteam6-modulecopy-getattribute)
    states[_id(copy)] = (copy, _tuple(_keys(space)), _tuple(_values(space)))
    return copy


SOURCE_BUILTINS = ('compile', 'open', 'exec', 'eval', '__import__', 'getattr', 'isinstance', 'len', 'iter',
                   'next', 'str', 'bytes', 'list', 'tuple', 'dict', 'min', 'max', 'type', 'hasattr', 'callable')


def source_readers():
    """The modules and classes the standard library reads source through (runner.source_readers_intact):
    (module dicts, classes), the builtins among the modules."""
    import _io
    import ast
    import codecs
    import dis
    import encodings.utf_8
    import genericpath
    import importlib._bootstrap_external as external
    import importlib.machinery
    import inspect
    import io
    import pathlib
    import tokenize
    ast.unparse(ast.parse('x'))  # its first use adds `_Unparser` to ast's globals: now, not in a job
    # How a file's text is read (open, its decoder), where its path comes from (os.path.join,
    # os.fspath), how source is found (linecache, inspect, the import system) and parsed (tokenize,
    # ast and its node classes, dis).
    modules = [_linecache, inspect, tokenize, ast, pathlib, io, _io, codecs, encodings.utf_8, _os, _posixpath,
               genericpath, dis, importlib.machinery]
    modules += [m for name, m in sorted(_sys.modules.items()) if name.startswith('pathlib.') and type(m) is _types.ModuleType]
    classes = {importlib.machinery.ModuleSpec, external.SourceFileLoader, external.FileLoader, external.SourceLoader,
               external.SourcelessFileLoader, codecs.IncrementalDecoder, codecs.BufferedIncrementalDecoder,
               encodings.utf_8.IncrementalDecoder, encodings.utf_8.StreamReader}
    classes.update(c for c in pathlib.Path.__mro__ if c is not object)
    classes.update(c for c in pathlib.PosixPath.__mro__ if c is not object)
    classes.update(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.AST))
    return modules, sorted(classes, key=lambda c: (c.__module__, c.__qualname__))


def module_snapshots(modules):
    """(its dict, the dict's keys, its values) of each module, for support.modules_intact."""
    return tuple((m.__dict__, tuple(m.__dict__.keys()), tuple(m.__dict__.values())) for m in modules)


def class_snapshots(classes):
    """(class, its dict's keys, values, its MRO) of each, for support.classes_intact."""
    return tuple((c, tuple(c.__dict__.keys()), tuple(c.__dict__.values()), c.__mro__) for c in classes)


def flat_classes(classes):
    """The classes, each one's dict length and MRO length, then every key, every value and every
    MRO entry of all of them in order (support.flat_classes_intact)."""
    return (classes, tuple(len(c.__dict__) for c in classes), tuple(len(c.__mro__) for c in classes),
            tuple(_chain.from_iterable(c.__dict__.keys() for c in classes)),
            tuple(_chain.from_iterable(c.__dict__.values() for c in classes)),
            tuple(_chain.from_iterable(c.__mro__ for c in classes)))


def install(config_text):
    config = _json.loads(config_text)
    for name in config.get('preload', []):
        __import__(name)
    install_legacy_unittest(LEGACY_ASSERTIONS)
    _seal_all()
    S['TestCase'] = _unittest.TestCase
    S['testcase_dict'] = _types.MappingProxyType(without_settings(_unittest.TestCase.__dict__))
    S['testcase_keys'] = tuple(S['testcase_dict'].keys())
    S['testcase_values'] = tuple(S['testcase_dict'].values())
    # The same dict with the settings in place, and where they are (support.testcase_dict_intact)
    boot = dict(_unittest.TestCase.__dict__)
    S['testcase_layout'] = (tuple(boot.keys()), tuple(boot.values()),
                            tuple(at for at, name in enumerate(boot) if name in TESTCASE_SETTINGS))
    S['subtest_keys'] = tuple(SubTestContext.__dict__.keys())  # its sealed __exit__ is in place now
    S['subtest_values'] = tuple(SubTestContext.__dict__.values())
    S['builtins'] = _types.MappingProxyType(dict(_builtins.__dict__))
    # What a builtin that hidden code reads becomes (rewrite.inject_helper): the pristine ones, and
    # for `isinstance` assertIsInstance's check (asserts.strict_isinstance: type(), not __class__)
    S['hidden_constants'] = _types.MappingProxyType({**S['builtins'], 'isinstance': S['strict_isinstance']})
    S['stringio'] = _io.StringIO
    S['getvalue'] = _io.StringIO.getvalue
    S['setrecursionlimit'] = _sys.setrecursionlimit
    S['getrecursionlimit'] = _sys.getrecursionlimit
    S['chdir'] = _os.chdir
    S['skiptest'] = _unittest.SkipTest
    S['module_cleanups'] = _unittest.case.doModuleCleanups  # as unittest's suite runs them (runner)
    import asyncio
    import contextvars
    S['AsyncTestCase'] = _unittest.IsolatedAsyncioTestCase
    S['Runner'] = asyncio.Runner
    S['copy_context'] = contextvars.copy_context
    import unittest.mock as _mock  # preloaded: the stand-in of the submission in test_marks
    S['MagicMock'] = _mock.MagicMock
    S['mock_base'] = _mock.NonCallableMock
    # Verified once now (sealing.py keeps the code objects it checked), so sealing them for each
    # job skips the bytecode check: ~1 ms of every grading before.
    for fn in (private_import, loader_create_module, loader_exec_module, loader_get, finder_find_spec):
        seal(fn)
    S['js_references_dropped'] = scrub_js_references()
    purge_bridge_modules()
    disarm_exit(seal)
    disarm_signals(seal)
    disarm_shell(seal)
    disarm_gc(seal)
    disarm_result_registry(seal)
    disarm_trace(seal)
    disarm_traceback(seal)
    open_signatures(seal, HIDDEN_NAMESPACES)  # inspect's signatures and code flags of hidden functions
    disarm_logging_caller(seal)  # logging's caller through a frames window (support.caller_entry)
    disarm_suspension_states(seal)  # generator states without their frames (support.frame_gone)
    S['loop_factory'] = install_event_loop()
    install_threads()
    S['run_to_end'] = seal(run_to_end)
    # After the scrub and the disarming: the pristine copies handed to hidden code hold neither
    # JS proxies nor the real os._exit / signal.signal / gc.set_debug.
    S['modules'] = _snapshot_modules()
    # Hidden code's copies of sys read the streams and argv from the real sys (asserts.sys_live).
    sys_snap = {k: v for k, v in S['module_snaps']['sys'].items() if k not in SYS_LIVE}
    sys_snap['__getattr__'] = S['sys_live']
    S['module_snaps']['sys'] = _types.MappingProxyType(sys_snap)
    # The snapshot of unittest.mock is the one whose ANY runner.fresh_any renews for every test,
    # in place: a dict only the harness holds (hidden imports copy it into a new module).
    S['mock_snapshot'] = dict(S['module_snaps']['unittest.mock'])
    S['module_snaps']['unittest.mock'] = _types.MappingProxyType(S['mock_snapshot'])
    # Hidden code's copies of operator compare as its `==` and `in` do (asserts.operator_compare,
    # operator_search: red7-implicit-c-comparisons); the submission's operator is untouched.
    for name in ('operator', '_operator'):
        if name in S['module_snaps']:
            S['module_snaps'][name] = _types.MappingProxyType({**S['module_snaps'][name], **S['strict_operators']})
    REAL_MODULES.update((name, _sys.modules[name]) for name in S['modules'])
    # sys.modules as the interpreter has it now, checked after each test (support.boot_modules_intact):
    # C code imports some Python helpers at call time through it, so they are imported now
    # (`datetime.strptime` and `time.strptime` import `_strptime`: red2-lazy-stdlib-import).
    import _strptime  # noqa: F401
    # The formats strptime compiled (`_strptime._regex_cache`, format -> regex): checked after every
    # test against what a TimeRE of the boot's own makes of each format (support.strptime_cache_genuine)
    S['strptime_cache'] = (_strptime._regex_cache, _strptime.TimeRE().pattern, _re.IGNORECASE, {})
    S['boot_modules'] = (tuple(_sys.modules.keys()), tuple(_sys.modules.values()))
    S['module_copy'] = seal(module_copy, secret=(MODULE_COPIES, S['modules'], _types.MappingProxyType(REAL_MODULES),
                                                 _types.ModuleType, type, dict.update, dict.items, list, str, id,
                                                 COPY_STATES, tuple, dict.keys, dict.values, {},
                                                 type.__subclasscheck__))
    S['copy_states'] = COPY_STATES
    # Hidden code's `mock.ANY` (in the snapshot, renewed for every test: runner.fresh_any)
    # equals everything in the helper's comparisons; learner code is given an ANY of its own, an
    # ordinary object to those comparisons, so a submission cannot return the hidden one.
    _mock.ANY = _mock._ANY()
    S['any_class'] = _mock._ANY
    S['unittest_classes'] = class_snapshots(unittest_machinery())
    modules, classes = source_readers()
    S['source_modules'] = module_snapshots(modules)
    # The suffix lists inspect.getsourcefile maps a file name with (a `.pyc` name to its `.py`),
    # shared lists: their contents too, not only which lists importlib.machinery holds
    # (redteam9-source-uncovered-readers: a suffix appended in place led getsource to a clean entry)
    import importlib.machinery
    lists = {id(v): v for v in vars(importlib.machinery).values() if type(v) is list}
    S['source_lists'] = tuple((v, tuple(v)) for v in lists.values())
    S['source_classes'] = class_snapshots(classes)
    # The builtins those modules call: not the whole builtins dict (doctest's displayhook sets `_`)
    S['source_builtins'] = tuple((name, _builtins.__dict__[name]) for name in SOURCE_BUILTINS)
    S['sys_modules'] = _sys.modules
    # What the strict regex assertions compile patterns with (assertRegex, assertRaisesRegex...):
    # checked after every test (support.regex_intact), source-reading suites or not.
    import re._compiler
    import re._parser
    S['regex_modules'] = module_snapshots((_re, re._compiler, re._parser))
    # re's caches of compiled patterns, whose contents support.regex_caches_genuine checks: the
    # dicts themselves (the module check keeps them the same objects), the entries seen genuine,
    # the Pattern class and the compiler (its modules checked first)
    caches = tuple(c for c in (_re.__dict__.get('_cache'), _re.__dict__.get('_cache2')) if type(c) is dict)
    zero = _re.__dict__.get('_ZeroSentinel')  # 3.14: the type of re's default flags (an int subclass)
    flag_types = (int, zero if type(zero) is type else int)
    # the boot's entries (the standard library's imports compiled them) are seen genuine now, not
    # compiled again by the first check of every job
    seen = {id(value): (value, key) for cache in caches for key, value in cache.items()}
    S['regex_caches'] = (seen, caches, _re.Pattern, re._compiler.compile, flag_types)
    template = _re.__dict__.get('_compile_template')  # re.sub's template cache (runner.run_test)
    S['regex_template_clear'] = getattr(template, 'cache_clear', None) or (lambda: None)
    # State of the standard library that hidden code's pristine copies do not cover, read by the
    # functions of those copies from the live modules or from C: json's default decoder and
    # encoder (red-stdlib-function-globals), zoneinfo's search path (redteam5-zoneinfo-tzpath),
    # csv's standard dialects (redpp-stdlib-shared-state). Checked after every test
    # (support.shared_state_intact); decimal's context stays the submission's to set (README).
    # json.scanner too: every JSONDecoder made after boot (a keyword to json.loads) reads
    # `scanner.make_scanner` there (red20-json-scanner).
    import csv
    import json.decoder
    import json.encoder
    import json.scanner
    import zoneinfo._tzpath
    S['shared_modules'] = module_snapshots((_json, json.decoder, json.encoder, json.scanner, zoneinfo._tzpath))
    S['csv_dialects'] = (csv.get_dialect, tuple((name, csv.get_dialect(name)) for name in csv.list_dialects()))
    # The context managers of assertRaises/assertWarns/assertLogs (unittest's own, shared with the
    # submission): checked with TestCase around every test (support.testcase_intact).
    import unittest._log
    contexts = tuple(c for module in (_unittest.case, unittest._log) for c in vars(module).values()
                     if isinstance(c, type) and c.__module__ == module.__name__
                     and c.__name__.startswith(('_Assert', '_Capturing', '_Logging')))
    mocks = mock_classes()
    # What runner.mock_without_file accepts as unittest.mock's own classes, by identity.
    S['mock_class_ids'] = _types.MappingProxyType({id(c): c for c in mocks + (object,)})
    classes = mocks + contexts  # support.mocks_intact checks both
    S['mock_instance_dict'] = _instance_dict_getter(_mock.NonCallableMock)
    # Flat, so that support.mocks_intact compares them in a few C loops (it runs three times per
    # module test): the classes, each one's dict length and MRO length, then every key, every
    # value and every MRO entry of all of them in order.
    S['mock_classes'] = flat_classes(classes)
    # Without unittest.mock's own classes: what runner.machinery_classes_intact checks around the
    # module tests of a suite whose hidden code never names mock (inspect's Signature family and
    # unittest's context managers stay: the helper and unittest reach them with no such word).
    S['unmocked_classes'] = flat_classes(tuple(c for c in classes if c.__module__ != 'unittest.mock'))
    assert_harness_unreachable(globals())
    _os.chdir('/tmp')
    _os.environ.clear()  # Emscripten's defaults name the host script path
    # USER and LOGNAME as a login sets them (Emscripten's own name): getpass.getuser() reads
    # them first, and Pyodide has no pwd module to fall back on (OSError where CPython answers
    # the user's name: hunt2-platform-modules)
    _os.environ.update({'HOME': '/tmp', 'LANG': 'C.UTF-8', 'PATH': '/', 'USER': 'web_user', 'LOGNAME': 'web_user'})
    _sys.addaudithook(S['hook'])
    return entry


def entry(command, argument):
    try:
        if command == 'begin':
            return begin(argument)
        if command == 'test':
            return run_test(int(argument))
        if command == 'compile':
            return compile_suite(argument)
        return '{"status":"error","message":"unknown command"}'
    except BaseException as exc:  # never let the JS side see a Python exception
        result = classify(exc, None)
        if command == 'begin':
            JOB['broken'] = 'not run: ' + result[1]
        return outcome_json(result, '', None)


def jstr(text):
    return '"' + str.translate(text, S['escape']) + '"'


# An outcome text is bounded (values, messages and output of learner code can be huge): past
# this it becomes an error outcome. The worker checks the same bound again in JS.
MAX_OUTCOME_CHARS = 2 * 1024 * 1024


def outcome_json(status_message, output, extra):
    status, message = status_message
    parts = ['{"status":', jstr(status), ',"message":', jstr(message), ',"output":', jstr(output)]
    for key, value in (extra or {}).items():
        parts.append(',"' + key + '":' + value)
    parts.append('}')
    text = ''.join(parts)
    if len(text) > MAX_OUTCOME_CHARS:
        return ('{"status":"error","message":"the result of this test is too large (%d characters;'
                ' the limit is %d)","output":""}' % (len(text), MAX_OUTCOME_CHARS))
    return text
