# Per-job steps: `begin` compiles the hidden code (before any learner code runs) and imports the
# submission; `run_test` runs one test in a fresh namespace with pristine builtins and reports
# an outcome.  Module tests (functions / unittest methods) re-execute the hidden module for each
# test, so nothing a learner patches in one test survives into the next, and a change to the
# hidden objects during a test is detected afterwards and reported as tampering.


from functools import partial as _partial  # as at boot: learner code may replace functools.partial
import importlib.machinery as _importlib_machinery
import importlib.util as _importlib_util


def compile_suite(job_text):
    """The hidden code of a job, compiled and marshalled (base64). Called by the worker before
    any learner code of the job runs, in a pristine interpreter (fresh, or reset to its
    pristine memory): the worker caches the text per suite and hands it to later jobs, so
    nothing a submission does can change what a later learner is tested with."""
    job = _json.loads(job_text)
    test_code, cases, support = compile_raw(job)
    marks = test_marks(test_code, support, job) if test_code is not None else {}
    if test_code is not None and marks is None:  # the module did not run against the stand-in
        marks = static_marks(job['testModule'])
    sources = [job.get('testModule') or ''] + list((job.get('supportModules') or {}).values())
    sources += [spec.get('setup') or '' for spec in job['tests'] if spec['kind'] == 'case']
    imports = sorted({name for text in sources if text for name in imported_modules(text)})
    importing = cases_that_import(job) if support else frozenset()
    # What hidden code may do itself (the words it mentions): change the working directory
    # (back_in_tmp), run unittest's own machinery (unittest_intact), read the submission's source
    # (learner_file_intact). For the last, only what an author wrote counts: the checks library
    # the platform ships (`_pyquiz_checks`) reads no source.
    authored = [job.get('testModule') or ''] + [text for name, text in (job.get('supportModules') or {}).items()
                                                if not name.startswith('_pyquiz_')]
    authored += [(spec.get('setup') or '') + '\n' + (spec.get('expr') or '') for spec in job['tests'] if spec['kind'] == 'case']
    case_exprs = [spec.get('expr') or '' for spec in job['tests'] if spec['kind'] == 'case']
    mentions = {'chdir': any('chdir' in text for text in sources),
                'nonlocal': any('nonlocal' in text for text in sources),
                'unittest': any(word in text for text in sources for word in UNITTEST_MACHINERY),
                'source': any(_re.search(SOURCE_READING, text) for text in authored),
                'module_writes': any(writes_modules(text) for text in sources),
                # unittest.mock named at all (`from unittest import mock`, `mock.patch`, `MagicMock`,
                # `Mock(`), any case: its classes are checked around the module tests then
                # (support.machinery_classes_intact)
                'mock': any('mock' in text.lower() for text in sources + case_exprs)}
    return _binascii.b2a_base64(_marshal.dumps((test_code, cases, marks, support, imports, importing, mentions)),
                                newline=False).decode('ascii')


# Words of hidden code that can change its module copies other than by the assignments and
# setattr/delattr calls the rewrite follows (asserts.write_through): a star import keeps the
# builtins' setattr a plain name (`self.addCleanup(setattr, urllib.request, 'urlopen', real)`),
# and a module's dict can be written directly. Then its copies are not checked (copies_intact).
MODULE_WRITERS = ('__dict__', 'vars(', 'builtins')
# A patch's target string names the real module, which mock imports itself: `patch('builtins.input')`,
# the commonest patch there is, writes no copy, and counting its word left every copy of such a
# suite unchecked (red20-module-copy-writers).
PATCH_TARGET_BUILTINS = ("'builtins.", '"builtins.')
# A star import (`from solution import *`, as many beginner suites import the submission) matters
# only to a text that calls what it may rebind: setattr/delattr, or a patch (red20-module-copy-star-import).
STAR_WRITERS = ('setattr', 'delattr', 'patch')


def writes_modules(text):
    """Whether hidden code's text may write a module copy other than as the rewrite follows: a
    word of MODULE_WRITERS outside a patch target string, or a star import with a STAR_WRITERS word."""
    if 'import *' in text and any(word in text for word in STAR_WRITERS):
        return True
    for target in PATCH_TARGET_BUILTINS:
        text = text.replace(target, '')
    return any(word in text for word in MODULE_WRITERS)


# Words of hidden code that runs unittest's own machinery (`Inner('test_add').run(result)`,
# `TextTestRunner().run(suite)`): its classes are then checked unchanged around each test.
UNITTEST_MACHINERY = ('.run(', '.debug(', 'TestResult', 'TestSuite', 'TestLoader', 'TestRunner', 'unittest.main')


# Words without which hidden code cannot read the submission's source (a file, its module's
# source through inspect or the import system, a line of a traceback: `extract_tb(...)[-1].line`
# reads linecache.getline live, red20-traceback-source-line): when none is in it, the routes to
# the source need no checking beyond the cheap ones (learner_file_intact).
SOURCE_READING = (r'\b(open|read|inspect|getsource\w*|__file__|__spec__|__loader__|linecache|tokenize|traceback|find_spec'
                  r'|runpy|run_path|run_module|pathlib|Path|ast|compile|exec|eval|importlib|io|codecs|fileinput'
                  r'|shutil|os|pkgutil|zipimport|get_source|get_data|source)\b')


_exc_context = BaseException.__dict__['__context__'].__get__
_exc_cause = BaseException.__dict__['__cause__'].__get__


def raised_while_handling(exc, first):
    """`exc` ended the test and was raised while `first`, the test's first problem, was being
    handled (`first` is in its context or cause chain, read through BaseException's own
    descriptors): a decorator's wrapper that catches the wrapped test's failure or error and
    raises its own (Gradescope's hide_errors: `except Exception: raise AssertionError(msg)`).
    unittest reports `exc` then, and so does the runner: the test does not pass either way, so
    learner code that raises such an exception buys nothing (hunt7-gradescope-decorators)."""
    if exc is None or not issubclass(type(exc), Exception):
        return False
    seen = 0
    todo = [exc]
    while todo and seen < 200:
        e = todo.pop()
        seen += 1
        if e is first:
            return e is not exc
        for nxt in (_exc_cause(e), _exc_context(e)):
            if nxt is not None:
                todo.append(nxt)
    return False


def cases_that_import(job):
    """The indices of the case tests whose setup or expression may import (the word `import`
    anywhere in them: `import x`, `from x import y`, `__import__(...)`, importlib). Only these
    get the support modules, executed afresh for the test, as module tests do: a case cannot
    reach a support module but through its import function, and executing one for every case
    (the checks library: ~15 KB of module code) was a tenth of a grading's time. Under CPython
    a case that imports nothing does not execute the support modules either."""
    return frozenset(i for i, spec in enumerate(job['tests']) if spec['kind'] == 'case'
                     and ('import' in (spec.get('setup') or '') or 'import' in (spec.get('expr') or '')))


def test_marks(test_code, support, job):
    """{test name: (kind, reason)} for the author's `expectedFailure` ('xfail') decorators (and
    `skip`s a module would apply with unittest's own code; the rewritten `skip`/`skipIf`/
    `skipUnless` are decided when each test runs: runner.skip_of). Read by executing the test module once, here, in
    the pristine interpreter of the compile step, with a MagicMock standing in for the
    submission: a submission can neither add a mark (to drop a test from its score) nor remove
    one. A module that cannot run against the stand-in has no marks (a skip then is an error)."""
    ns = {'__name__': '__grader_tests__', '__file__': 'hidden_tests.py', '__builtins__': S['builtins'].copy()}
    marks, own = {}, {}
    try:
        inject = [(n, inject_helper(c, S['injected'], S['hidden_constants'])) for n, c in support]
        own = with_support({job['moduleName']: S['MagicMock']()}, inject, lambda d: None)
        ns['__builtins__']['__import__'] = import_function(own)
        exec_hidden(inject_helper(test_code, S['injected'], S['hidden_constants']), ns)
        for spec in job['tests']:
            if spec['kind'] == 'module':
                mark = _mark_of(ns, spec['name'])
                if mark is not None:
                    marks[spec['name']] = mark
    except Exception:
        marks = None
    finally:
        # What ran here (classes, functions, module globals with expected values) must be gone
        # before any learner code runs: nothing of it may be found later.
        ns.clear()
        S['skip_marks'].clear()
        S['hidden_instances'].clear()
        S['hidden_fakes'][0].clear()
        S['hidden_fakes'][1].clear()
        S['patched_instances'].clear()
        for mod in own.values():
            if type(mod) is _types.ModuleType:
                mod.__dict__.clear()
        own = None
        _gc.collect()
    hidden_modules = {'__grader_tests__', *(name for name, _ in support)}
    if any(c.__module__ in hidden_modules for c in all_classes()):
        raise SystemError('a hidden class outlived the compile step')
    return marks


def all_classes():
    seen, queue = {}, [object]
    while queue:
        cls = queue.pop()
        if id(cls) not in seen:
            seen[id(cls)] = cls
            queue.extend(type.__subclasses__(cls))
    return list(seen.values())


def _mark_of(ns, test_name):
    cls_name, _, method = test_name.partition('.')
    target = ns.get(cls_name)
    fn = target.__dict__.get(method) if method and type(target) is type else target
    for holder in ((target, fn) if method else (fn,)):
        if getattr(holder, '__unittest_skip__', False) is True:
            return ('skip', str(getattr(holder, '__unittest_skip_why__', ''))[:500])
    if getattr(fn, '__unittest_expecting_failure__', False) is True:
        return ('xfail', '')
    return None


def begin(job_text):
    job = _json.loads(job_text)
    JOB.clear()
    HIDDEN_NAMESPACES.clear()
    HIDDEN_CODES.clear()
    ANNOTATE_CODES.clear()
    JOB['job'] = job
    name = job['moduleName']
    JOB['limit_output'] = job['limits']['outputBytes']
    # The job's limit, with room for the harness's own frames; a limit that the submission or the
    # tests set (`sys.setrecursionlimit(10**4)` at the top of a module) holds for the rest of the
    # job, as it does for the rest of a CPython process (run_test).
    JOB['recursion_limit'] = job['limits']['recursionLimit'] + 60
    S['setrecursionlimit'](JOB['recursion_limit'])
    load_hidden(job)
    _random.seed(job.get('seed') or 0)  # the seed recorded in the result's provenance
    if job.get('virtualClock'):
        JOB['clock'] = install_virtual_clock(_time, job['virtualClock']['start'], seal)
        S['module_snaps']['time'] = _types.MappingProxyType(dict(_time.__dict__))
    JOB['module_name'] = name
    path = '/tmp/' + name + '.py'  # written and protected by the worker (fs-guard.mjs)
    JOB['module_file'] = path
    PROTECTED_FILE[0] = path
    S['learner_source'][:] = [path, job['source']]  # asserts.run_code: the submission's code exec'd by hidden code
    # inspect.getsource(learner_function) reads the source through linecache, as for a file.
    # A tuple of lines, in a tuple: nothing in it can be changed in place (runner.linecache_intact).
    JOB['linecache_entry'] = (len(job['source']), None, tuple(job['source'].splitlines(True)), path)
    _linecache.cache[path] = JOB['linecache_entry']
    JOB['import'] = JOB['learner_import'] = import_function({})  # the submission only (run_case)
    buf = capture()
    try:
        code = compile(job['source'], path, 'exec', dont_inherit=True)
    except BaseException as exc:
        result = classify(exc)
        JOB['broken'] = 'not run: your code could not be imported (' + result[1] + ')'
        return outcome_json(result, captured(buf), None)
    JOB['own_code'] = code_objects(code)
    spec = learner_spec(name, path, job['source'], code)
    mod = _importlib_util.module_from_spec(spec)  # __spec__, __loader__, __file__ as an import sets them
    # The real builtins, as a module imported by CPython has them: the builtins module's dict (a
    # dict, not the module, which only __main__ gets: `isinstance(v, ModuleType)` over
    # vars(solution), a "no imports" check, counted it: hunt7-module-namespace). Hidden code's
    # patch('builtins.input') must reach them (hidden code itself reads pristine copies).
    mod.__builtins__ = _builtins.__dict__
    JOB['module'] = mod
    try:
        _sys.modules[name] = mod
        exec(code, mod.__dict__)
        result = ('ok', '')
    except BaseException as exc:
        result = classify(exc)
        if _sys.modules.get(name) is mod:
            del _sys.modules[name]  # as a failed import leaves it: the next `import` runs it again
        message = 'not run: your code could not be imported (' + result[1] + ')'
        if result[0] in ('interrupted', 'memory'):
            JOB['broken'] = message
        else:
            # As under `python -m unittest`: a test that imports the submission itself (inside
            # patch('builtins.input'), after sys.modules.pop) runs it again; the declarative
            # cases, which need this import, are errors. The outcome says 'ok' with the reason
            # (the host calls it an import failure when no test passes).
            JOB['import_failed'] = message
            result = ('ok', result[1])
    keep_recursion_limit()
    return outcome_json(result, captured(buf), None)


def code_objects(code):
    """id -> code object of `code` and every code object nested in its constants: the code the
    submission's file compiles to (runner.functions_in_file)."""
    found, todo = {}, [code]
    while todo:
        item = todo.pop()
        found[id(item)] = item
        todo.extend(c for c in item.co_consts if type(c) is _types.CodeType)
    return found


def learner_spec(name, path, source, code):
    """The submission's spec, as an import from a file gives it (`importlib.reload`,
    `runpy.run_module`, `importlib.util.find_spec` need one), with a loader that runs the job's
    compiled source, and a finder first on sys.meta_path that finds it again when hidden code
    imports it after `sys.modules.pop(name)`. The loader and finder are namespaces of sealed
    functions: no class lives in the harness dict."""
    loader = _types.SimpleNamespace(
        create_module=seal(loader_create_module),
        exec_module=seal(loader_exec_module, _code=code, _builtins=_builtins.__dict__),
        get_code=seal(loader_get, _value=code),
        get_source=seal(loader_get, _value=source),
        get_filename=seal(loader_get, _value=path),
        is_package=seal(loader_get, _value=False))
    JOB['loader_keys'] = tuple(loader.__dict__.keys())
    JOB['loader_values'] = tuple(loader.__dict__.values())
    spec = _importlib_machinery.ModuleSpec(name, loader, origin=path)
    spec.has_location = True
    finder = _types.SimpleNamespace(find_spec=seal(finder_find_spec, _name=name, _loader=loader, _path=path,
                                                   _Spec=_importlib_machinery.ModuleSpec))
    _sys.meta_path.insert(0, finder)
    JOB['loader'] = loader
    return spec


def loader_create_module(spec):
    return None


def loader_exec_module(module, _code=None, _builtins=None, _exec=exec, _setdefault=dict.setdefault):
    space = module.__dict__
    _setdefault(space, '__builtins__', _builtins)
    _exec(_code, space)


def loader_get(fullname=None, _value=None):
    return _value


def finder_find_spec(fullname, path=None, target=None, _name=None, _loader=None, _path=None, _Spec=None,
                     _type=type, _str=str):
    if _type(fullname) is not _str or fullname != _name or path is not None:
        return None
    spec = _Spec(_name, _loader, origin=_path)
    spec.has_location = True
    return spec


def keep_recursion_limit():
    """A limit set by code of the job (`sys.setrecursionlimit`) is the one the next tests run with."""
    now = S['getrecursionlimit']()  # the C function: `sys.getrecursionlimit` may be patched
    if now != JOB['recursion_limit']:
        JOB['recursion_limit'] = max(now, 200)  # the harness needs a few dozen frames of its own


def load_hidden(job):
    """The suite compiled by compile_suite (before any learner code), helper injected."""
    test_code, cases, marks, support, imports, importing, mentions = _marshal.loads(_binascii.a2b_base64(job['compiledHidden']))
    JOB['hidden_chdir'] = mentions['chdir']
    JOB['hidden_nonlocal'] = mentions['nonlocal']
    JOB['hidden_runs_unittest'] = mentions['unittest']
    JOB['hidden_reads_source'] = mentions['source']
    JOB['hidden_module_writes'] = mentions.get('module_writes', True)
    JOB['hidden_mock'] = mentions.get('mock', True)
    # The support modules by the names compiled with the suite: the job the harness reads here
    # carries no hidden source (before, their names were looked up there, found missing, and each
    # job searched the file system for a stdlib module of that name: ~0.4 ms).
    snapshot_imports(imports, {name for name, _ in support} | {job['moduleName']})
    JOB['doctest_state'] = doctest_state() if 'doctest' in imports else None
    S['doctest_watch'][0] = JOB['doctest_state']  # checked at the end of each call through a value too (asserts.value_call)
    JOB['marks'] = marks
    JOB['importing_cases'] = importing
    helper, builtins = S['injected'], S['hidden_constants']
    # Every function hidden code can make has one of the code objects the injection makes (the
    # suite's, and the code constants of each, nested): lockdown.hidden_function. Collected as
    # they are made, not by a second walk over all the constants.
    codes = []
    JOB['support'] = [(name, inject_helper(code, helper, builtins, codes)) for name, code in support]
    JOB['test_code'] = inject_helper(test_code, helper, builtins, codes)
    JOB['cases'] = {}
    for i, (setup, expr) in cases.items():
        spec = job['tests'][i]
        JOB['cases'][i] = {'setup': inject_helper(setup, helper, builtins, codes),
                           'expr': inject_helper(expr, helper, builtins, codes),
                           'args': decode_json(spec.get('args') or []),
                           'kwargs': decode_json(spec.get('kwargs') or {})}
    for code in codes:
        key = id(code)  # once: each id() is an audit event
        if key not in HIDDEN_CODES:
            HIDDEN_CODES[key] = code
            if code.co_name == '__annotate__':  # a class body's annotations (lockdown.annotate_window)
                ANNOTATE_CODES[key] = code


# doctest's globals that its own use changes: testmod() keeps its runner in `master`.
DOCTEST_STATE = frozenset({'master'})


def doctest_state():
    """doctest as hidden code imports it, taken in begin() before the submission runs: its globals
    and its classes (dicts and MROs). Hidden code that grades through doctest (Otter/OK-style
    cases run by a DocTestRunner) gets its verdict from them, and they are the submission's too:
    `doctest.OutputChecker.check_output = lambda *a: True` at import passed every case
    (hunt7-otter-ok-cases). Checked after each module test (doctest_intact)."""
    mod = _sys.modules.get('doctest')
    if type(mod) is not _types.ModuleType:
        return None
    space = mod.__dict__
    classes = tuple(v for v in space.values() if type(v) is type and v.__module__ == 'doctest')
    return (space, tuple((k, v) for k, v in space.items() if k not in DOCTEST_STATE),
            tuple((c, tuple(class_bindings(c).items()), c.__mro__) for c in classes))


def doctest_intact(state):
    """doctest_state still holds; its test case classes (DocTestCase) may carry what unittest's
    suite sets on the classes it runs (support.class_bindings: DocTestSuite run by hidden code)."""
    space, items, classes = state
    missing = object()
    if not all(dict.get(space, k, missing) is v for k, v in items):
        return False
    for cls, bindings, mro in classes:
        now = class_bindings(cls)
        if (len(now) != len(bindings) or not all(dict.get(now, k, missing) is v for k, v in bindings)
                or not same_objects(type.__dict__['__mro__'].__get__(cls), mro)):
            return False
    return True


def snapshot_imports(names, own):
    """Imports the stdlib modules hidden code imports that were not preloaded, and snapshots them
    (and whatever they imported) for hidden imports: begin() runs this before the submission is
    imported, in a pristine interpreter. A name that is no module, or is the submission's or a
    support module's, is left alone (the hidden code's own import then says what is wrong)."""
    snaps = S['module_snaps']
    for name in names:
        top = name.partition('.')[0]
        if name in snaps or top in own or top in BLOCKED_MODULES:
            continue
        try:
            __import__(name)
        except Exception:
            continue
    modules = _sys.modules
    parents = set()
    for name in modules.keys() - snaps.keys():  # a set difference in C: most are snapshotted
        mod = modules[name]
        if (name != 'builtins' and type(mod) is _types.ModuleType
                and name.partition('.')[0] not in BLOCKED_MODULES):
            snaps[name] = _types.MappingProxyType(dict(mod.__dict__))
            REAL_MODULES[name] = mod  # hidden code's copies of it write through to it
            parents.update(name[:at] for at in range(len(name)) if name[at] == '.')
    # A package snapshotted at boot (logging, importlib, urllib) lacked the submodules imported
    # now: the import system has just set them on the package, so its snapshot is taken again
    # (`import logging.handlers` then `logging.handlers.X` in hidden code: AttributeError before,
    # fixture stdlib-late-submodules). Still before the submission runs: nothing else ran since.
    for name in parents:
        mod = modules.get(name)
        if name in snaps and type(mod) is _types.ModuleType:
            snaps[name] = _types.MappingProxyType(dict(mod.__dict__))


def compile_raw(job):
    methods = REWRITTEN_METHODS
    names = frozenset(S['builtins'])
    source = job.get('testModule')
    test_code = compile_rewritten(source, 'hidden_tests.py', 'exec', methods, names, True) if source else None
    support = [(name, compile_rewritten(text, name + '.py', 'exec', methods, names))
               for name, text in (job.get('supportModules') or {}).items()]
    cases = {}
    for i, spec in enumerate(job['tests']):
        if spec['kind'] == 'case':
            setup, expr = spec.get('setup'), spec.get('expr')
            # Not bound in cases: the learner's public names share their namespace by design
            # (a case may call the learner's own `max`), and no hidden class exposes it.
            cases[i] = (compile_rewritten(setup, 'setup', 'exec', methods) if setup else None,
                        compile_rewritten(expr, 'expr', 'eval', methods) if expr else None)
    return test_code, cases, support


def import_function(own):
    """`__import__` of hidden code: the modules in `own` by name, stdlib as it was pristine."""
    return seal(private_import, _real=S['builtins']['__import__'], _snaps=S['modules'],
                _own=_types.MappingProxyType(own), _copy=S['module_copy'])


class HiddenModuleView:
    """What `sys.modules[<hidden module's name>]` holds while that module executes: an object
    whose `__dict__` is the module's namespace (exec_hidden)."""


def exec_hidden(code, ns):
    """exec(code, ns) of a hidden module (the test module, a support module), with its name in
    sys.modules meanwhile, as an imported module has it. dataclasses looks the class's module up
    there for a string annotation (`parent: 'Node'`, any field under `from __future__ import
    annotations`): `sys.modules.get(cls.__module__).__dict__` raised AttributeError on None, and
    every test of every submission was an error (hunt10-matchers-records). Only while the module
    executes (its classes' decorators run then); the entry is taken out afterwards, so learner
    code that runs later finds no hidden module there."""
    name = ns.get('__name__')
    view = HiddenModuleView()
    view.__dict__ = ns
    before = _sys.modules.get(name, _missing)
    _sys.modules[name] = view
    try:
        exec(code, ns)
    finally:
        if before is _missing:
            if _sys.modules.get(name) is view:
                del _sys.modules[name]
        else:
            _sys.modules[name] = before


_missing = object()


def with_support(own, support, register):
    """`own` plus the support modules, each executed afresh in a hidden namespace, in the
    order the author gave (one may import the submission and the ones before it)."""
    own = dict(own)
    for name, code in support:
        mod = _types.ModuleType(name)
        space = mod.__dict__
        space['__builtins__'] = S['builtins'].copy()
        space['__builtins__']['__import__'] = import_function(own)
        register(space)
        exec_hidden(code, space)
        own[name] = mod
    return own


def prepare_imports():
    """Per test: fresh support modules, and the import function that finds them."""
    if not JOB['support']:
        return
    spaces = []

    def register(space):
        HIDDEN_NAMESPACES.add(id(space))
        JOB.setdefault('namespaces', []).append(space)
        spaces.append(space)
    # The submission is imported as CPython imports it (sys.modules, then its finder); only the
    # hidden support modules are private.
    own = with_support({}, JOB['support'], register)
    JOB['import'] = import_function(own)
    JOB['support_spaces'] = spaces


def run_test(index):
    spec = JOB['job']['tests'][index]
    if 'broken' in JOB:
        return outcome_json(('error', JOB['broken']), '', None)
    if 'import_failed' in JOB and spec['kind'] == 'case':  # a case runs on the job's import
        return outcome_json(('error', JOB['import_failed']), '', None)
    # Fully before the first test (after the submission's import); before the others, what the
    # check after the previous test did not already cover.
    if not learner_file_intact(1 if JOB.get('routes_checked') else 2):
        return outcome_json(('error', FILE_TAMPERED), '', None)
    JOB['routes_checked'] = True
    S['setrecursionlimit'](JOB['recursion_limit'])
    # Every test starts in /tmp, beside the protected solution.py: a submission that moved to a
    # folder of its own with a clean copy would forge the source checks that open 'solution.py'.
    S['chdir']('/tmp')
    if 'clock' in JOB:  # every test starts at the same virtual time, whatever ran before
        JOB['clock'][0] = float(JOB['job']['virtualClock']['start'])
    S['clear_type_funcs']()
    S['hidden_skips'].clear()
    S['subtest_skips'].clear()
    S['cleanup_failures'].clear()
    S['armed_failures'].clear()
    S['strict_failures'].clear()
    S['unresolved_failures'].clear()
    S['current_case'][0] = None
    S['running_test'][0] = None
    S['fixture'][0], S['fixture'][1] = None, None
    S['fixture_cases'].clear()
    S['recording'][0] = 0
    S['tampered'][0] = 0
    S['entry'][0] = S['entry'][1] = S['entry'][2] = S['entry'][3] = None
    S['file_forged'][0] = 0
    S['ran_unittest'][0] = 0
    S['inner_cases'].clear()
    S['copy_states'].clear()  # the module copies of this test's hidden code (support.copies_intact)
    S['hidden_tests'].clear()
    S['held_cells'][0].clear()
    S['held_cells'][1].clear()
    S['wrapper_gates'].clear()
    fresh_any()
    # re.sub's templates are C state keyed by (pattern, repl), which a learner str subclass that
    # hashes as the test's template and equals anything can fill: emptied before each test
    # (red20-regex-template-cache; one planted by a call inside the test stays a known limit)
    S['regex_template_clear']()
    buf = capture()
    extra = None
    mark = JOB['marks'].get(spec['name']) if spec['kind'] == 'module' else None
    static_skip = None
    if mark is not None and mark[0] == 'skip':  # skipped, after the fixtures unittest still runs
        static_skip, mark = mark[1], None
    S['expecting_failure'][0] = 1 if mark is not None else 0  # a subtest's failure ends it (asserts)
    if spec['kind'] == 'module':
        JOB['only_the_method_raised'] = False  # set by run_module_test
        pair, exc = attempt(run_module_test, spec['name'], static_skip)
        if exc is None:
            result, exc = pair
        if mark is not None:  # expectedFailure: any Exception of the test method is the expected one
            if S['subtest_skips'] and JOB['only_the_method_raised']:
                exc = S['subtest_skips'][0]  # a subtest skipped: unittest reports the skip, not the failure
            result, exc = expected_failure(result, exc, JOB['only_the_method_raised'])
    else:
        pair, exc = attempt(run_case, index, spec)
        if exc is None:
            result, extra = pair
    if exc is not None:
        result, extra = classify(exc), None
    if not learner_file_intact() or S['file_forged'][0]:
        result, extra = ('error', FILE_TAMPERED), None
    elif (not regex_intact() or not shared_state_intact() or (S['ran_unittest'][0] and not unittest_intact())
          or not boot_modules_intact()
          or not (JOB['hidden_module_writes'] or copies_intact())):
        result, extra = ('error', 'tampering detected: the submission changed the standard library the tests run on'
                                  ' (re, unittest\'s results and suites, sys.modules or hidden code\'s modules)'), None
    keep_recursion_limit()
    return outcome_json(result, captured(buf), extra)


FILE_TAMPERED = ('tampering detected: the submission changed where its source is read from (its __file__,'
                 ' spec, loader, linecache or the modules that read source)')


def learner_file_intact(depth=2, _module_dict=_types.ModuleType.__dict__['__dict__'].__get__):
    """Every way a source check finds the submission's source still leads to its protected file:
    learner code that points one at a clean copy it wrote would forge the checks that read
    `open(solution.__file__)`, `importlib.util.find_spec('solution').origin` or
    `inspect.getsource(solution)`. Checked before and after each test, on the job's module and on
    the one sys.modules holds (a test may have imported it again): a plain module (a class of
    the submission's own could answer `__file__` as it likes), with its `__file__` in its own dict
    (not answered by a module `__getattr__`) and its spec and loader the import's; a module
    without `__file__` in sys.modules is a stand-in hidden code put there, unless it has a
    `__getattr__`; a mock there (hidden code's patch.dict) must answer no `__file__` at all. The
    source linecache holds for the file is its own (inspect.getsource reads it there).
    `depth` 2 (after each test, and before the first): also the standard library's source readers
    and the submission's functions, when hidden code can read source at all (its words:
    SOURCE_READING; they cost ~0.2 ms a check); 1 (before each test): the rest; 0 (each strict
    assertion, asserts.run_assertion, when hidden code can read source): the same, so that a lie
    put in place for the time of a source check and taken back before the test ends is caught."""
    path = JOB.get('module_file')
    if path is None:
        return True
    reads_source = JOB.get('hidden_reads_source', True)
    if depth == 0 and not reads_source:
        return True
    if not linecache_intact(path):
        return False
    full = depth == 2 and reads_source
    if full and not source_readers_intact():
        return False
    job_module = JOB.get('module')
    # the functions' files at each strict assertion too (depth 0): a code object repointed by a
    # method the test calls and put back by a finalizer (redteam9-source-reader-window); hidden
    # code's own patches of the readers are live then, so those stay checked around the test only
    if depth != 1 and reads_source and job_module is not None and not functions_in_file(job_module, path):
        return False
    for mod in (job_module, dict.get(S['sys_modules'], JOB.get('module_name'))):
        if mod is None:
            continue
        if mod is not job_module and type.__subclasscheck__(S['mock_base'], type(mod)):
            if not mock_without_file(mod):
                return False
            continue
        if type(mod) is not _types.ModuleType:
            return False
        space = _module_dict(mod)
        named = dict.get(space, '__file__')
        if named is None and (mod is job_module or '__getattr__' in space):
            return False
        if named is not None and (type(named) is not str or named != path):
            return False
        if not (import_record_true(dict.get(space, '__spec__'), path, 'origin')
                and import_record_true(dict.get(space, '__loader__'), path, 'path')):
            return False
    return True


def source_readers_intact():
    """What the standard library reads a submission's source through is as it was at boot:
    `sys.modules` is still the interpreter's own dict (find_spec reads `sys.modules[name]`), the
    job's loader still holds its sealed functions, and the modules and classes that read source
    (linecache, inspect, tokenize, ast, pathlib, importlib's specs and file loaders: harness
    SOURCE_READERS) hold the same objects, importlib.machinery's suffix lists the same items.
    Learner code that replaced `linecache.getlines`,
    `tokenize._builtin_open`, `Path.read_text` or a class property `ModuleSpec.origin` would
    forge the source checks that go through them."""
    return (dict.get(_sys.__dict__, 'modules') is S['sys_modules']
            and same_dict(JOB['loader'].__dict__, JOB['loader_keys'], JOB['loader_values'])
            and classes_intact(S['source_classes'])
            and modules_intact(S['source_modules'])
            and all(same_objects(items, held) for items, held in S['source_lists'])
            and all(dict.get(_builtins.__dict__, name) is value for name, value in S['source_builtins']))


def functions_in_file(mod, path, _fn_dict=_types.FunctionType.__dict__['__dict__'].__get__,
                      _class_dict=type.__dict__['__dict__'].__get__,
                      _static_func=staticmethod.__dict__['__func__'].__get__,
                      _class_func=classmethod.__dict__['__func__'].__get__):
    """The functions of the submission's module (and what their `__wrapped__` leads to: what
    `inspect.getsource(solution.total)` reads) come from its file or from a file the submission
    cannot write (the standard library's `namedtuple`, imported; a frozen module's `<frozen abc>`):
    a function whose code names a clean copy in /tmp (`code.replace(co_filename=...)`) or a
    made-up name that linecache could be given (`<clean>`) would forge a source check of that
    function; one whose code claims the file must run code compiled from it (JOB['own_code']).
    The methods of the module's own classes likewise, except that a made-up name is allowed there
    (dataclass and namedtuple methods are compiled as `<string>`). (A linecache entry planted for a
    stdlib file's name, or for such a made-up name, is not caught: README.)"""
    name = JOB['module_name']
    for key, value in list(dict.items(_types.ModuleType.__dict__['__dict__'].__get__(mod))):
        if issubclass(type(value), type) and not class_statement_holds(value, key, name, _types.ModuleType.__dict__['__dict__'].__get__(mod)):
            return False
        if type(value) is not _types.FunctionType and claims_a_class(value):
            return False
        depth = 0
        while type(value) is _types.FunctionType and depth < 20:
            if not function_from_file(value, path, True):
                return False
            value = dict.get(_fn_dict(value), '__wrapped__')
            depth += 1
        if issubclass(type(value), type) and _types.MappingProxyType.get(_class_dict(value), '__module__') == name:
            for member in list(_types.MappingProxyType.values(_class_dict(value))):
                if type(member) is staticmethod:
                    member = _static_func(member)
                elif type(member) is classmethod:
                    member = _class_func(member)
                if type(member) is _types.FunctionType and not function_from_file(member, path, False):
                    return False
    return True


def class_statement_holds(cls, key, name, space_of_module, _class_dict=type.__dict__['__dict__'].__get__,
                          _qualname=type.__dict__['__qualname__'].__get__,
                          _code=_types.FunctionType.__dict__['__code__'].__get__,
                          _globals=_types.FunctionType.__dict__['__globals__'].__get__,
                          _static_func=staticmethod.__dict__['__func__'].__get__,
                          _class_func=classmethod.__dict__['__func__'].__get__):
    """A class the module binds under the name of the class statement that made its methods
    (`Stack`, whose functions run code of the body `Stack` compiled from the file) still says
    what that statement gave it: its `__module__` the submission's, its `__qualname__` the
    statement's, its `__firstlineno__` the statement's first line. `inspect.getsource(Stack)`
    finds the file through `sys.modules[Stack.__module__]` and the lines through
    `__firstlineno__` (3.13+; 3.11 by `__qualname__`): a submission pointed them at a module of
    its own with a clean copy's path, or at a clean class of the same file
    (redteam9-class-source-routes). A class whose methods come from another statement (an alias
    `Queue = Stack`, `f = A.f`, a class made by type()) is not asked about."""
    bodies = JOB.get('class_bodies')
    if bodies is None:  # id of each method's code -> the class body it was compiled in
        bodies = {}
        for code in JOB['own_code'].values():
            for inner in code.co_consts:
                if type(inner) is _types.CodeType and inner.co_qualname == code.co_qualname + '.' + inner.co_name:
                    bodies[id(inner)] = code
        JOB['class_bodies'] = bodies
    space = _class_dict(cls)
    for member in list(_types.MappingProxyType.values(space)):
        if type(member) is staticmethod:
            member = _static_func(member)
        elif type(member) is classmethod:
            member = _class_func(member)
        if type(member) is not _types.FunctionType or _globals(member) is not space_of_module:
            continue  # the submission's own functions only (never read the grader's or hidden code's)
        code = _code(member)
        body = bodies.get(id(code))
        if body is None or JOB['own_code'].get(id(code)) is not code or type(key) is not str or body.co_qualname != key:
            continue
        module = _types.MappingProxyType.get(space, '__module__')
        qualname = _qualname(cls)
        first = _types.MappingProxyType.get(space, '__firstlineno__', body.co_firstlineno)
        return (type(module) is str and module == name and type(qualname) is str and qualname == key
                and type(first) is int and first == body.co_firstlineno)
    return True


def claims_a_class(value, _mro=type.__dict__['__mro__'].__get__, _class_dict=type.__dict__['__dict__'].__get__):
    """A module value whose class answers `__class__` itself (a property in its class's dict):
    `inspect.getsource` believes such an object is a function (isinstance reads `__class__`) and
    reads the `__code__` it carries, while calling it runs other code (redteam9-function-source-
    routes' impostor). unittest.mock's objects do it too (a spec'd mock hidden code patched in)."""
    kind = type(value)
    if issubclass(kind, S['mock_base']):
        return False
    for cls in _mro(kind):
        if cls is not object and '__class__' in _class_dict(cls):
            return True
    return False


def function_from_file(fn, path, strict, _code=_types.FunctionType.__dict__['__code__'].__get__,
                       _globals=_types.FunctionType.__dict__['__globals__'].__get__):
    """functions_in_file's rule for one function (`strict`: no made-up file names)."""
    home = _globals(fn)
    if home is SEALED_GLOBALS or S['hidden_function'](fn):
        return True  # the grader's own (`from signal import signal`) or hidden code's: not the submission's
    try:
        code = _code(fn)
    except Exception:
        return False
    filename = code.co_filename
    if type(filename) is not str:
        return False
    if filename == path:  # its code replaced (`code.replace(co_firstlineno=...)`: other lines of the file)?
        return JOB['own_code'].get(id(code)) is code
    if str.startswith(filename, '/tmp/') or '/../' in filename:
        return False
    if strict and home is _types.ModuleType.__dict__['__dict__'].__get__(JOB['module']):
        # a module-level function of the submission's own globals compiled from another file:
        # its code repointed at a name linecache was given lines for (redteam9-function-source-routes)
        return False
    return not strict or str.startswith(filename, '/') or str.startswith(filename, '<frozen ')


def import_record_true(record, path, field, _spec_dict=_importlib_machinery.ModuleSpec.__dict__['__dict__'].__get__,
                       _file_loader=_importlib_machinery.SourceFileLoader,
                       _loader_dict=_instance_dict_getter(_importlib_machinery.SourceFileLoader)):
    """A module's `__spec__` (field 'origin') or `__loader__` (field 'path') leads to the protected
    file: None (a stand-in module hidden code made), or exactly the spec the import made (its
    origin the file, its loader the job's), or the job's loader, or a loader hidden code made with
    `spec_from_file_location('solution', 'solution.py')` (a SourceFileLoader of the file). Read
    from the objects' own dicts: a class of the submission's could answer anything."""
    if record is None or record is JOB['loader']:
        return True
    if type(record) is _importlib_machinery.ModuleSpec:
        fields = _spec_dict(record)
        origin = dict.get(fields, 'origin')
        return (type(origin) is str and origin == path
                and import_record_true(dict.get(fields, 'loader'), path, 'path'))
    if type(record) is _file_loader and field == 'path':
        named = dict.get(_loader_dict(record), 'path')
        return type(named) is str and named == path
    return False


def linecache_intact(path, _module_dict=_types.ModuleType.__dict__['__dict__'].__get__):
    """linecache's entry for the file is the one begin() put there (immutable: a tuple of lines),
    or none (a later read goes to the protected file), or one read from the file again (honest
    code cleared the cache, a traceback filled it): its lines joined are the source, compared as
    exact strs."""
    cache = dict.get(_module_dict(_linecache), 'cache')
    if type(cache) is not dict:
        return False
    entry = dict.get(cache, path)
    if entry is None or entry is JOB['linecache_entry']:
        return True
    if type(entry) is not tuple or len(entry) != 4 or type(entry[2]) not in (list, tuple):
        return False
    lines = tuple(entry[2])
    for line in lines:
        if type(line) is not str:
            return False
    return str.join('', lines) == JOB['job']['source']


# What a mock must not carry to stand in for the submission: `open(solution.__file__)` must find
# nothing to read (an unspecced mock raises AttributeError for dunder names).
MOCK_FILE_NAMES = ('__file__', '__spec__', '__loader__')


def mock_without_file(mod, _class_dict=type.__dict__['__dict__'].__get__, _mro=type.__dict__['__mro__'].__get__):
    """A mock in sys.modules under the submission's name (hidden code's patch.dict) stands in
    only if it answers no `__file__`: made by unittest.mock itself (its per-instance class right
    under mock's own classes, which support.mocks_intact keeps as they were), with no such name in
    that class, in its own dict or in its spec (`_mock_methods`). Learner code that put a mock
    with a clean copy's path there forges source checks."""
    if not mocks_intact():  # itself: around the tests only when hidden code names mock (machinery_classes_intact)
        return False
    classes, own_dict = S['mock_class_ids'], S['mock_instance_dict']
    cls = type(mod)
    for klass in _mro(cls)[1:]:
        if classes.get(id(klass)) is not klass:
            return False
    names = _class_dict(cls)
    for name in MOCK_FILE_NAMES + ('__getattr__', '__getattribute__'):
        if name in names:
            return False
    own = own_dict(mod)
    if type(own) is not dict:
        return False
    for key in own:  # a str subclass key could answer a lookup of '__file__' as it likes
        if type(key) is not str:
            return False
    for name in MOCK_FILE_NAMES:
        if name in own:
            return False
    methods = dict.get(own, '_mock_methods')
    if methods is None:
        return True
    if type(methods) is not list:
        return False
    for name in methods:
        if type(name) is not str or name in MOCK_FILE_NAMES:
            return False
    return True


def fresh_any():
    """A new hidden mock.ANY for this test (values.ANY_CELL and the snapshot hidden imports
    copy), made without running _ANY's (patchable) Python code."""
    fresh = object.__new__(S['any_class'])
    ANY_CELL[0] = fresh
    S['mock_snapshot']['ANY'] = fresh  # not a copy of the module's ~130 names per test


def expected_failure(result, exc, only_the_method_raised):
    """unittest's rule: the failure expected is the test method's own exception; one raised by
    setUp, tearDown or a cleanup (they run outside expecting_failure) stays an error."""
    if exc is None and result[0] == 'pass':
        return ('fail', 'unexpected success: this test is marked expectedFailure but passed'), None
    if (only_the_method_raised and exc is not None and issubclass(type(exc), Exception)
            and not issubclass(type(exc), S['skiptest'])):
        return ('pass', ''), None
    return result, exc


def attempt(fn, *args):
    """(value, None) or (None, exception). The exception is returned, not handled here: while
    an `except`/`finally` block of the harness runs, sys.exception() is the hidden test's
    failure (its message, expected values), and learner code can run there unasked (a
    finalizer, a gc callback): seen leaking the hidden assertion messages. So nothing but a
    store happens inside the handler."""
    try:
        return fn(*args), None
    except BaseException as exc:
        caught = exc
    return None, caught


def hidden_namespace(name):
    names = S['builtins'].copy()  # a plain dict copy (mappingproxy.copy is dict.copy)
    names['__import__'] = JOB['import']
    # warnings.warn(stacklevel=2) from learner code registers in its caller's globals: the dict
    # exists already, so filling it does not change the tamper fingerprint.
    ns = {'__name__': name, '__builtins__': names, '__warningregistry__': {}}
    if name == '__grader_tests__':  # the file name it was compiled under, as a module has
        ns['__file__'] = 'hidden_tests.py'
    HIDDEN_NAMESPACES.add(id(ns))
    JOB.setdefault('namespaces', []).append(ns)  # kept alive so an id is never reused in a job
    return ns


def run_case(index, spec):
    if index in JOB['importing_cases']:
        prepare_imports()
    else:  # the submission only: no support module of an earlier test
        JOB['import'] = JOB['learner_import']
        JOB['support_spaces'] = []
    ns = hidden_namespace('__grader_case__')
    mod = JOB['module']
    for key, value in list(dict.items(mod.__dict__)):
        if type(key) is str and not key.startswith('_'):
            ns[key] = value
    ns[JOB['module_name']] = mod
    value, exc = attempt(evaluate_case, ns, JOB['cases'][index], spec)
    if exc is None and (type(value) is str or type(value) is bytes) and len(value) > MAX_OUTCOME_CHARS:
        # It could not travel (outcome_json refuses the outcome): said before encoding it, whose
        # copies took several times its size, and the job's memory limit (hostile huge-outcome.py)
        return ('error', 'the result of this test is too large (a %s of %d items; the limit is %d)'
                % (type(value).__name__, len(value), MAX_OUTCOME_CHARS)), None
    if exc is None:
        return ('ok', ''), {'value': S['encode'](value)}
    if not spec.get('raises') or not issubclass(type(exc), Exception):
        raise exc
    return ('ok', ''), {'raised': jstr(type_name(type(exc))),
                        'raisesMatch': 'true' if raises_matches(exc, spec['raises']) else 'false'}


def evaluate_case(ns, codes, spec):
    if codes['setup'] is not None:
        exec(codes['setup'], ns)
    if codes['expr'] is not None:
        return eval(codes['expr'], ns)
    return ns[spec['call']](*codes['args'], **codes['kwargs'])


def raises_matches(exc, wanted):
    cls = S['builtins'].get(wanted)
    if cls is None:
        cls = JOB['module'].__dict__.get(wanted)
    return type(cls) is type and issubclass(type(exc), cls)


def back_in_tmp():
    """Right before the test itself, when no hidden code ever changes the working directory: back
    in /tmp, beside the protected solution.py. Learner code run by the hidden module's import (a
    module __getattr__) or by setUp may have moved to a folder with a clean copy, which would
    forge the source checks that open 'solution.py'."""
    if not JOB['hidden_chdir']:
        S['chdir']('/tmp')


def run_module_test(name, static_skip=None):
    """(result, None), or (None, exception) when the test raised."""
    if JOB['test_code'] is None:
        return ('error', 'the exercise has no test module for ' + name), None
    if not (testcase_intact() and machinery_classes_intact()):
        return ('error', 'tampering detected: unittest.TestCase, assertRaises or unittest.mock was modified'), None
    S['skip_marks'].clear()
    S['hidden_instances'].clear()  # the matchers the previous run of the modules made (asserts.record_instance)
    S['hidden_fakes'][0].clear()  # and its fakes
    S['hidden_fakes'][1].clear()
    S['patched_instances'].clear()
    S['recording'][0] = 1  # the hidden classes and functions the modules make now (asserts.record_made)
    _, exc = attempt(prepare_imports)
    ns = hidden_namespace('__grader_tests__')
    if exc is None:
        _, exc = attempt(exec_hidden, JOB['test_code'], ns)
    S['recording'][0] = 0
    S['take_matcher_states']()  # the module's matchers as it made them (values.matcher_states_take)
    marks = dict(S['skip_marks'])  # now: a mark recorded once a test runs counts for nothing
    S['skip_marks'].clear()
    if exc is not None:
        return None, exc
    record_hidden_methods(ns, marks)
    tests = S['hidden_tests']  # what a call through a value may start (asserts.value_call)
    tests.clear()
    for key, made in marks.items():
        if type(key) is tuple and (key[0] == 'test-def' or key[0] == 'test-async'):
            tests[key[1]] = made
    cls_name, _, method = name.partition('.')
    target = ns.get(cls_name)
    if method:
        if not (type(target) is type and issubclass(target, S['TestCase'])):
            return ('error', 'hidden test class not found: ' + cls_name), None
        fn = test_function(marks, target, method)  # a test method of a base class or mixin counts, as in unittest
    else:
        fn = target
    bound = ()  # what a partialmethod test binds after the test case (asserts.record_made 'partial')
    partial = marks.get(('partial', id(fn)))
    if type(partial) is tuple and partial[0] is fn:
        # `test_x = partialmethod(check, 0, 'zero')`: unittest calls check(case, 0, 'zero'); its
        # function, a def of the hidden module, is checked and run as a test function is
        fn, bound = partial[1], partial[2:]
    if type(fn) is not _types.FunctionType:
        return ('error', 'hidden test not found: ' + name), None
    if not any(marks.get((kind, id(fn))) is fn for kind in ('test-def', 'test-async', 'def', 'async')):
        # learner code that ran while the hidden module executed put a function of its own there
        return ('error', 'tampering detected: a hidden test was replaced by the submission'), None
    plain = marks.get(('def', id(fn))) is fn or marks.get(('test-def', id(fn))) is fn  # not `async def`: call_test
    skipped = skip_of(marks, target if method else None, fn)
    skipped = static_skip if skipped is None else skipped  # unittest's own skip decorators (test_marks)
    if skipped is not None:
        return skipped_with_fixtures(ns, target, method, marks, skipped)
    # Before setUpModule and setUpClass, which may run learner code: a cell it changed there would
    # not be recorded as holding a hidden function at all
    cells = hidden_function_cells(marks, every=not JOB['hidden_nonlocal'])
    # runner.never_started, asked after the test of the wrappers that are not direct (a direct
    # one's silent skip is CPython's pass: rewrite._calls_cells_directly)
    wrapper = wraps_test(marks, fn)
    for gate in wrapper:
        S['wrapper_gates'][id(gate)] = [gate, 0]
    exc = set_up_fixtures(ns, target, method)
    if S['tampered'][0]:
        return ('error', 'tampering detected: a hidden test was run by the submission'), None
    if exc is not None:
        return fixture_outcome(exc)
    spans = []
    before = fingerprint(ns, spans)  # after setUpClass, which may set class attributes
    # The author's own rebinding during the test moves `before` along (asserts.hidden_binding);
    # anyone else's spoils it.
    spoiled = bytearray(1)
    S['bindings'][0] = ({}, before[1], spoiled, lambda positions: binding_positions(before[0], spans, positions))
    S['held_cells'][0][:] = [cell for cell, _ in cells]  # checked at each call hidden code makes through a
    S['held_cells'][1][:] = [held for _, held in cells]  # value too (asserts.value_call)
    intact = lambda: (not spoiled[0] and same_fingerprint(before, fingerprint(ns)) and cells_intact(cells)
                      and testcase_intact() and machinery_classes_intact()
                      and (not JOB['hidden_runs_unittest'] or unittest_intact())
                      and (JOB['doctest_state'] is None or doctest_intact(JOB['doctest_state'])))
    # st: what the test's lifecycle leaves (run here, or inside the author's own TestCase.run)
    st = {'case': None, 'returned': None, 'later': None, 'set_up': False, 'method_raised': False, 'loop': None,
          'exc': None, 'unchanged': True, 'ran': False}

    def lifecycle():
        """setUp, the test, the check before tearDown, tearDown and the cleanups of `st['case']`."""
        st['ran'] = True
        case, loop = st['case'], st['loop']
        _, exc = attempt(set_up_case, case, loop)
        st['set_up'] = exc is None
        if st['set_up']:
            back_in_tmp()
            S['running_test'][0] = method
            S['entry'][0] = S['entry'][3] = guard_name(marks, fn, method)  # the one test that may start now (asserts.enter_test)
            if bound:
                args, keywords = bound
                runs = _partial(fn, **keywords) if keywords else fn
                st['returned'], exc = attempt(call_test, loop, runs, plain, case, *args)
            else:
                st['returned'], exc = attempt(call_test, loop, fn, plain, case)
            exc = never_started(exc, wrapper_called(wrapper, fn), st['returned'])
            S['running_test'][0] = S['entry'][0] = None
            st['method_raised'] = exc is not None
            if S['cleanup_failures'] and (exc is None or issubclass(type(exc), Exception)) \
                    and not raised_while_handling(exc, S['cleanup_failures'][0]):
                # a cleanup failed in the test's own doCleanups(), or a subtest failed, and the
                # test went on: the first problem (the time limit's interrupt still wins)
                exc, st['method_raised'] = S['cleanup_failures'][0], True
            if exc is None and unresolved_failure() is not None:
                exc, st['method_raised'] = unresolved_failure(), True
        # Checked before tearDown and cleanups too: learner code may have registered a cleanup (or
        # replaced doCleanups) that puts back what it changed before the check after them.
        st['unchanged'] = intact()
        st['exc'] = exc
        _, later = attempt(tear_down, case, st['set_up'], loop)
        failures = S['cleanup_failures']
        if failures and failures[0] is not exc and (later is None or issubclass(type(later), Exception)):
            later = failures[0]  # tearDown's own doCleanups(): recorded before what tearDown raised after it
        if exc is None and later is None and unresolved_failure() is not None:
            # a hidden assertion's failure in tearDown or a cleanup (a callback the author hands
            # `pool.close_all(check)`) that learner code swallowed: asked after them too, as
            # after the test (red10-teardown-swallowed). With exc None, the test left none.
            later = unresolved_failure()
        st['later'] = later

    if method:
        st['case'], exc = attempt(target, method)
        S['current_case'][0] = st['case']  # the only test case assertions count on (asserts.guard_receiver)
        if exc is None and issubclass(target, S['AsyncTestCase']):
            st['loop'], exc = attempt(async_parts)
        entry = author_runs(target) if exc is None and st['loop'] is None else None
        if entry is not None:
            # the author's own run(result) or __call__ wraps the test (a patch, a working
            # directory around super().run(result)): it is called with a token that
            # unittest.TestCase.run, given it on this case, answers by running the lifecycle
            # once (asserts.testcase_run)
            token = object()
            S['pending_run'][0] = (token, lifecycle, [0])  # [0]: not run yet (asserts.testcase_run)
            _, exc = attempt(S['own_method'], st['case'], entry, (token,), {})
            S['pending_run'][0] = None
            if not st['ran'] and exc is None:
                exc = RuntimeError('the test class\'s run() did not run the test (super().run(result))')
            if st['ran']:
                if exc is not None and st['later'] is None:
                    st['later'] = exc  # the author's run raised after the test: after its own problems
                exc = st['exc']
        elif exc is None:
            lifecycle()
            exc = st['exc']
        elif st['case'] is not None:
            st['exc'] = exc
    else:
        back_in_tmp()
        S['running_test'][0] = cls_name
        S['entry'][0] = S['entry'][3] = guard_name(marks, fn, cls_name)
        st['returned'], exc = attempt(call_test, None, fn, plain)
        exc = never_started(exc, wrapper_called(wrapper, fn), st['returned'])
        S['running_test'][0] = S['entry'][0] = None
        st['method_raised'] = exc is not None
        if S['cleanup_failures'] and (exc is None or issubclass(type(exc), Exception)) \
                and not raised_while_handling(exc, S['cleanup_failures'][0]):
            # a failure a call of hidden code caught (asserts.armed_call)
            exc, st['method_raised'] = S['cleanup_failures'][0], True
        if exc is None and unresolved_failure() is not None:
            exc, st['method_raised'] = unresolved_failure(), True
        st['unchanged'] = intact()
    case, returned, later, set_up, method_raised, loop = (st['case'], st['returned'], st['later'], st['set_up'],
                                                          st['method_raised'], st['loop'])
    unchanged = st['unchanged']
    if case is not None and not st['ran']:
        # the test case was made but setUp never ran (async parts failed): its cleanups still run
        _, later = attempt(tear_down, case, False, loop)
    if loop is not None:
        _, closing = attempt(loop.close)
        later = closing if later is None else later
    S['current_case'][0] = None
    unchanged = unchanged and intact()
    S['bindings'][0] = None
    S['held_cells'][0].clear()
    S['held_cells'][1].clear()
    S['wrapper_gates'].clear()
    if S['tampered'][0]:
        return ('error', 'tampering detected: a hidden test was run by the submission'), None
    if not unchanged:
        return ('error', 'tampering detected: the hidden tests were modified while they ran'), None
    if type(returned) is _types.CoroutineType:
        returned.close()
        return ('error', ASYNC_UNSUPPORTED), None
    # An exception's __bool__ may lie: `is None` only. A skip (setUp's skipTest) gives way to a
    # cleanup that failed after it, as unittest reports the failure over the skip.
    if exc is None or (later is not None and issubclass(type(exc), S['skiptest'])):
        exc = later if later is not None else exc
    fixtures_exc = tear_down_fixtures(ns, target, method, None)
    JOB['only_the_method_raised'] = method_raised and later is None and fixtures_exc is None
    if exc is None and S['subtest_skips']:  # a subtest skipped and nothing failed: unittest's skip
        exc = S['subtest_skips'][0]
    if fixtures_exc is not None and first_problem(exc, fixtures_exc) is fixtures_exc:
        return fixture_outcome(fixtures_exc)  # after a pass or a skip: the fixture's error
    return (('pass', ''), None) if exc is None else (None, exc)


def unresolved_failure():
    """The first failure of a hidden assertion during this test (setUp, the test) that no hidden
    code caught (asserts.released: its except clauses, assertRaises, its own context managers;
    unittest's run() of an inner case) and that did not end the test: learner code caught it. A
    hidden callback's `self.assertEqual` (or `assert`) failing inside the submission's
    `try: f(x) except AssertionError: pass`, or a stand-in in a decorator's cell running the
    real test and catching its failure, passed the test, in CPython too (red7-swallowed-failures).
    None for an expectedFailure test: CPython reports its swallowed failure as an unexpected
    success, which the runner does already."""
    failures = S['unresolved_failures']
    if not failures or S['expecting_failure'][0]:
        return None
    return next(iter(failures.values()))


def hidden_function_cells(marks, every=False, _closure=_types.FunctionType.__dict__['__closure__'].__get__,
                          _contents=_types.CellType.__dict__['cell_contents'].__get__, _function=_types.FunctionType):
    """(cell, value) for each closure cell of a function the hidden code made that holds another
    function it made: the wrapped test inside a test-file decorator's wrapper. Learner code that
    sets such a cell to a function of its own (`cell.cell_contents = ...`) would have the
    wrapper's next call run that function (fixture hunt5-test-decorators). With `every` (hidden
    code that never says `nonlocal`, so nothing of it can rebind a cell of a function whose maker
    has returned), every bound cell: a parametrizing decorator's rows (`for row in rows: fn(self,
    *row)`), a wrapper's module or data, a method's `__class__` (red7-wrapper-cell-window). With
    `nonlocal` somewhere, a cell may change by the author's own code (a counter): only the cells
    holding hidden functions are followed then."""
    made = {}
    for key, value in marks.items():
        if type(key) is tuple and key[0] in ('def', 'test-def', 'async', 'test-async') and type(value) is _function:
            made[id(value)] = value
    cells = []
    for fn in made.values():
        for cell in _closure(fn) or ():
            try:
                held = _contents(cell)
            except ValueError:  # an empty cell (a variable not yet bound)
                continue
            if every or made.get(id(held)) is held:
                cells.append((cell, held))
    return cells


def cells_intact(cells, _contents=_types.CellType.__dict__['cell_contents'].__get__):
    for cell, held in cells:
        try:
            if _contents(cell) is not held:
                return False
        except ValueError:  # emptied (`del cell.cell_contents`)
            return False
    return True


def skipped_with_fixtures(ns, target, method, marks, reason):
    """A test the author's decorator skips: unittest's suite still runs setUpModule, and
    setUpClass and tearDownClass unless the class itself is skipped, then tearDownModule and the
    cleanups; an exception of theirs makes the test an error (a wrong submission breaking
    setUpClass), as in the reference."""
    if not method:
        return ('skipped', reason), None
    class_skipped = inherited(target, '__unittest_skip__') is True  # unittest's own class skip
    for klass in type.__dict__['__mro__'].__get__(target):
        mark = marks.get(id(klass))
        if mark is not None and mark[0] is klass:
            class_skipped = True
    if class_skipped and type(ns.get('setUpModule')) is not _types.FunctionType \
            and type(ns.get('tearDownModule')) is not _types.FunctionType:
        return ('skipped', reason), None
    fixtures = '' if class_skipped else method
    exc = set_up_fixtures(ns, target, fixtures)
    if S['tampered'][0]:
        return ('error', 'tampering detected: a hidden test was run by the submission'), None
    if exc is None:
        exc = tear_down_fixtures(ns, target, fixtures, None)
    if exc is not None and not issubclass(type(exc), S['skiptest']):
        return fixture_outcome(exc)
    return ('skipped', reason), None


def author_runs(target):
    """The entry point unittest's suite reaches a test through when a hidden class along the test
    class's MRO defines its own: '__call__' (which calls self.run), else 'run' (as its class
    statement made it: asserts.own_method calls that one); None when neither is the author's."""
    found = None
    for klass in type.__dict__['__mro__'].__get__(target):
        entry = S['hidden_methods'].get(id(klass))
        if entry is not None and entry[0] is klass:
            if type(entry[1].get('__call__')) is _types.FunctionType:
                return '__call__'
            if type(entry[1].get('run')) is _types.FunctionType:
                found = 'run'
    return found


def skip_of(marks, cls, fn):
    """The reason the author's @skip/skipIf/skipUnless skips this test (on its class or on the
    test function), or None. Only the helper's marks count (asserts.skip_mark)."""
    holders = [fn] if cls is None else [*type.__dict__['__mro__'].__get__(cls), fn]  # a skipped base skips its subclasses
    for target in holders:
        mark = marks.get(id(target))
        if mark is not None and mark[0] is target:
            return mark[1]
    return None


def created_dict(marks, cls):
    """The class's dict as its class statement made it (asserts.record_made), or None."""
    made = marks.get(('class', id(cls)))
    return made[1] if made is not None and made[0] is cls else None


def record_hidden_methods(ns, marks):
    """The methods of the hidden classes as their class statements made them, before learner
    code could reach the classes (it may run while the module executes: a module `__getattr__`
    that `hasattr(solution, ...)` calls): `self.method(...)` in hidden code calls these
    (asserts.own_method). A class made otherwise (`type(...)`) counts as the module left it."""
    methods, names = S['hidden_methods'], S['hidden_method_names']
    methods.clear()
    names.clear()
    S['made_classes'].clear()
    for space in hidden_spaces(ns):
        for cls in hidden_classes(space):
            made = created_dict(marks, cls)
            if made is not None:  # (asserts.type_hints)
                held = made.get('__annotations__')
                S['made_classes'][id(cls)] = (cls, held, tuple(held.items())) if type(held) is dict else (cls, None, None)
            inner = marks.get(('inner', id(cls)))  # its descriptors' functions as made (asserts.record_made)
            inner = inner[1] if type(inner) is tuple and inner[0] is cls else ()
            methods[id(cls)] = (cls, made if made is not None else dict(cls.__dict__), inner)
            names.update(methods[id(cls)][1])


def wraps_test(marks, fn, _closure=_types.FunctionType.__dict__['__closure__'].__get__,
               _contents=_types.CellType.__dict__['cell_contents'].__get__):
    """The wrappers never_started asks about for `fn`, the function the runner calls for a test:
    on each way from `fn` down to a hidden test function (a plain `def test_...` of the hidden
    code, whose first statement takes the runner's entry) through closure cells holding functions
    hidden code made (a decorator's wrapper, stacked decorators' wrappers), those that are not
    direct (rewrite._calls_cells_directly). Only the outermost was looked at: a direct
    `@only_if(True)` stacked over red7's window (`solution.reset(); return fn(self,
    solution.load())`) was exempt (red14-direct-wrapper-over-window)."""
    if type(fn) is not _types.FunctionType or marks.get(('test-def', id(fn))) is fn:
        return ()
    gates = []
    todo = [(fn, ())]  # (a wrapper, the wrappers above it that are not direct)
    steps = 0
    while todo and steps < 64:
        wrapper, above = todo.pop()
        steps += 1
        if marks.get(('direct', id(wrapper))) is not wrapper:
            above = above + (wrapper,)
        for cell in _closure(wrapper) or ():
            try:
                held = _contents(cell)
            except ValueError:
                continue
            if type(held) is not _types.FunctionType:
                continue
            if marks.get(('test-def', id(held))) is held:
                gates.extend(above)
            elif marks.get(('def', id(held))) is held:
                todo.append((held, above))  # the next decorator's wrapper down
    return tuple(gates)


def wrapper_called(gates, fn):
    """Whether never_started checks the test: a wrapper of wraps_test's `gates` ran, `fn` itself
    (the runner called it) or one below it that hidden code called through a value (asserts.
    value_call marks it in S['wrapper_gates']: a wrapper's `fn(self)`). `@only_if(False)` over
    a wrapper that is not direct never calls it: a silent skip, CPython's pass."""
    called = S['wrapper_gates']
    return any(g is fn or called.get(id(g), (None, 0))[1] for g in gates)


def never_started(exc, wrapper, returned):
    """The test's exception, or, when a decorator's wrapper around a hidden test function
    (`wrapper`: wraps_test) passed while the entry the runner armed for the test was never taken,
    an error: the test function never ran. The wrapper returned without calling it, or called a
    function learner code put in its cell and took back while the call's arguments ran
    (`solution.reset(); return fn(self, solution.load())`: the cell checks before and after the
    call saw it intact, red7-wrapper-never-calls). Tests made otherwise (generated by a factory,
    a generator function, a wrapper returning a coroutine) are not asked: their entry says
    nothing."""
    armed = S['entry'][0]
    if (exc is None and wrapper and armed is not None and armed == S['entry'][3]
            and type(returned) is not _types.CoroutineType):
        return RuntimeError('the hidden test never ran: the decorator around it returned without calling it')
    return exc


def guard_name(marks, fn, name):
    """The name the test function `fn` starts under (its def statement's, recorded as it was
    made: asserts.record_made), else `name`, the attribute the runner found it under (a
    decorator's wrapper, whose wrapped test has that name)."""
    named = marks.get(('name', id(fn)))
    return named[1] if type(named) is tuple and named[0] is fn else name


def test_function(marks, cls, name):
    """The test method `name` as a class statement along the MRO made it (the one unittest finds,
    unless hidden code replaced it afterwards: then still the original, never one learner code
    put there while the module executed); a test hidden code added after the class statement
    (generated tests) as the class holds it now."""
    for klass in type.__dict__['__mro__'].__get__(cls):
        made = created_dict(marks, klass)
        if made is not None and made.get(name) is not None:
            return made[name]
    return inherited(cls, name)


def set_up_fixtures(ns, target, method):
    """setUpModule and setUpClass: each test runs as it would alone under CPython's unittest
    (the module is executed afresh for every test). Returns their exception, if any. As
    unittest's suite does: a setUpModule that raised runs the module cleanups, a setUpClass that
    raised runs the class cleanups and then tearDownModule (the module's setup held); a cleanup's
    failure comes after the setup's exception (and over its skip)."""
    fixture = S['fixture']  # where a `raise SkipTest` of the author counts (asserts.skip_guard)
    module_setup = ns.get('setUpModule')
    if type(module_setup) is _types.FunctionType:
        fixture[0], fixture[1] = 'setUpModule', None
        _, exc = attempt(module_setup)
        fixture[0], fixture[1] = None, None
        if exc is not None:
            return first_problem(exc, attempt(S['module_cleanups'])[1])
    if method:
        fixture[0], fixture[1] = 'setUpClass', target
        _, exc = attempt(target.setUpClass)
        fixture[0], fixture[1] = None, None
        if exc is not None:
            exc = first_problem(exc, class_cleanups(target))
            return first_problem(exc, module_tear_down(ns))
    return None


def first_problem(exc, later):
    """The exception unittest reports of two in a row: the first, unless it is a skip (not a
    problem in unittest's result) and an Exception came after it."""
    if exc is None or (later is not None and issubclass(type(exc), S['skiptest'])
                       and issubclass(type(later), Exception)):
        return later
    return exc


def class_cleanups(target):
    """unittest's doClassCleanups (after tearDownClass, or after a setUpClass that raised): the
    cleanups addClassCleanup registered, last first; the first one that raised, or None."""
    _, exc = attempt(target.doClassCleanups)
    if exc is not None:
        return exc
    raised = type.__dict__['__dict__'].__get__(target).get('tearDown_exceptions')
    if type(raised) is list and raised and type(raised[0]) is tuple and len(raised[0]) == 3:
        return raised[0][1]
    return None


def module_tear_down(ns):
    """tearDownModule, then unittest.case.doModuleCleanups (run even without a tearDownModule,
    as the suite does); the first exception."""
    exc = None
    module_teardown = ns.get('tearDownModule')
    if type(module_teardown) is _types.FunctionType:
        _, exc = attempt(module_teardown)
    return first_problem(exc, attempt(S['module_cleanups'])[1])


def tear_down_fixtures(ns, target, method, exc):
    """tearDownClass and the class cleanups, tearDownModule and the module cleanups (after a
    test that ran); the first exception wins."""
    if method:
        _, later = attempt(target.tearDownClass)
        exc = first_problem(exc, later)
        exc = first_problem(exc, class_cleanups(target))
    return first_problem(exc, module_tear_down(ns))


def fixture_outcome(exc):
    """unittest reports any exception of a class or module fixture (an AssertionError too) as an
    error of the test (_addClassOrModuleLevelException: addError, or addSkip for a SkipTest)."""
    if issubclass(type(exc), AssertionError):
        return ('error', describe(exc)), None
    return None, exc


# An `async def` test in a plain TestCase: unittest never awaits it (only IsolatedAsyncioTestCase
# does), so under CPython it passes whatever it contains, an empty submission too. The grader
# says it cannot grade it (an authoring mistake, the exercise's fault) instead of a vacuous pass:
# a deviation on purpose (hunt4-vacuous-tests.yaml).
ASYNC_UNSUPPORTED = ('the grader does not support asynchronous tests outside IsolatedAsyncioTestCase '
                     '(async def test_... in a plain TestCase is never awaited by unittest): this test was not run')


def inherited(cls, name):
    """`name` looked up along the class's MRO in the classes' own dicts (no descriptor runs)."""
    for klass in type.__dict__['__mro__'].__get__(cls):
        found = type.__dict__['__dict__'].__get__(klass).get(name)
        if found is not None:
            return found
    return None


def async_parts():
    """An IsolatedAsyncioTestCase's event loop and context, as unittest makes them for each test:
    asyncSetUp, the test, asyncTearDown and async cleanups run on one asyncio.Runner (the
    sandbox's event loop, eventloop.py) in one contextvars context. A namespace, not a class:
    no class lives in the harness dict."""
    runner = S['Runner'](loop_factory=S['loop_factory'])
    return _types.SimpleNamespace(runner=runner, context=S['copy_context'](), close=runner.close)


async def run_to_end(coroutine, done):
    """(sealed) Awaits a test's coroutine, then marks `done`: asyncio's runner and loop are
    Python that learner code can change (a loop whose create_task closes the coroutine unrun), so
    the runner asks this flag, which only running the coroutine to its end can set (it lives in
    this coroutine's frame, which learner code cannot read)."""
    result = await coroutine
    done[0] = 1
    return result


def apply(fn, args, kwargs):
    return fn(*args, **kwargs)


def set_up_case(case, loop):
    """setUp as the hidden class defined it (asserts.own_method); then, for an
    IsolatedAsyncioTestCase, asyncSetUp on the test's event loop."""
    call_maybe_async(loop, S['own_method'], case, 'setUp', (), {})
    if loop is not None:
        call_maybe_async(loop, S['own_method'], case, 'asyncSetUp', (), {})
    if not learner_file_intact(0):
        # what each strict assertion checks, between setUp and the test method too: a lie that a
        # learner object made in setUp plants, and that takes itself back while a source check
        # of the test reads it, was gone by the first assertion (redteam9-self-restoring-on-read)
        S['file_forged'][0] = 1


def call_test(loop, fn, plain, *args):
    """The test function, as unittest calls it: IsolatedAsyncioTestCase awaits it only when
    inspect.iscoroutinefunction says so (_callMaybeAsync), and a plain TestCase never does. So a
    hidden plain `def` (`plain`: recorded when the module executed) that returns a coroutine
    (`return self.check()`) has it never run, and the test passes, as under CPython (which
    warns). Anything else that returns a coroutine is awaited (an `async def`, or a function of
    unknown kind: never left unrun on a guess) or, in a plain TestCase, reported unsupported."""
    if not plain:
        return call_maybe_async(loop, fn, *args)
    returned = fn(*args) if loop is None else loop.context.run(fn, *args)
    if type(returned) is _types.CoroutineType:
        returned.close()
        return None
    return returned


def call_maybe_async(loop, fn, *args):
    """unittest's IsolatedAsyncioTestCase._callMaybeAsync: a coroutine is run to its end on the
    test's event loop, in the test's context; without a loop (a plain TestCase) it is returned
    (and reported as not supported)."""
    if loop is None:
        return fn(*args)
    returned = loop.context.run(fn, *args)
    if type(returned) is not _types.CoroutineType:
        return returned
    done = bytearray(1)
    result = loop.runner.run(S['run_to_end'](returned, done), context=loop.context)
    if not done[0]:
        raise RuntimeError('tampering detected: the test\'s coroutine was not run to its end '
                           '(asyncio was changed by the submission)')
    return result


def tear_down(case, set_up, loop=None):
    """tearDown (only after a setUp that succeeded, as unittest does), then the cleanups in any
    case (a failed or skipping setUp too), last added first, each run even when one before it
    failed; the first exception is raised. Run here, not by unittest's doCleanups: without an
    outcome object it records a failing cleanup nowhere (an honest failure would pass)."""
    first = None
    if set_up and loop is not None:
        first = attempt(call_maybe_async, loop, S['own_method'], case, 'asyncTearDown', (), {})[1]
    if set_up:
        later = attempt(call_maybe_async, loop, S['own_method'], case, 'tearDown', (), {})[1]
        first = later if first is None else first
    own = object.__getattribute__(case, '__dict__')
    cleanups = dict.get(own, '_cleanups') if type(own) is dict else None
    while type(cleanups) is list and cleanups:
        function, args, kwargs = list.pop(cleanups)
        _, failure = attempt(call_maybe_async, loop, apply, function, args, kwargs)
        first = failure if first is None else first
    if first is not None:
        raise first
