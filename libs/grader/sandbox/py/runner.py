# Per-job steps: `begin` compiles the hidden code (before any learner code runs) and imports the
# submission; `run_test` runs one test in a fresh namespace with pristine builtins and reports
# an outcome.  Module tests (functions / unittest methods) re-execute the hidden module for each
# test, so nothing a learner patches in one test survives into the next, and a change to the
# hidden objects during a test is detected afterwards and reported as tampering.


def begin(job_text):
    job = _json.loads(job_text)
    JOB.clear()
    HIDDEN_NAMESPACES.clear()
    JOB['job'] = job
    name = job['moduleName']
    JOB['limit_output'] = job['limits']['outputBytes']
    S['setrecursionlimit'](job['limits']['recursionLimit'] + 60)
    try:
        compile_hidden(job)
    except BaseException as exc:
        JOB['broken'] = 'the hidden tests could not be compiled: ' + describe(exc)
        return outcome_json(('error', JOB['broken']), '', None)
    _random.seed(job.get('seed') or 0)  # the seed recorded in the result's provenance
    if job.get('virtualClock'):
        JOB['clock'] = install_virtual_clock(_time, job['virtualClock']['start'], seal)
        S['module_snaps']['time'] = _types.MappingProxyType(dict(_time.__dict__))
    JOB['module_name'] = name
    mod = _types.ModuleType(name)
    mod.__file__ = name + '.py'
    JOB['module'] = mod
    JOB['import'] = seal(private_import, _real=S['builtins']['__import__'], _snaps=S['modules'],
                         _own=_types.MappingProxyType({name: mod}))
    buf = capture()
    try:
        code = compile(job['source'], name + '.py', 'exec', dont_inherit=True)
        _sys.modules[name] = mod
        exec(code, mod.__dict__)
        result = ('ok', '')
    except BaseException as exc:
        result = classify(exc)
        JOB['broken'] = 'not run: your code could not be imported (' + result[1] + ')'
    return outcome_json(result, captured(buf), None)


def compile_hidden(job):
    """Hidden code compiled (or loaded from the worker's per-suite cache), helper injected."""
    cached = job.get('compiledHidden')
    if cached:
        test_code, cases = _marshal.loads(_binascii.a2b_base64(cached))
    else:
        test_code, cases = compile_raw(job)
        JOB['compiled'] = _binascii.b2a_base64(_marshal.dumps((test_code, cases)), newline=False).decode('ascii')
    helper = S['helper']
    JOB['test_code'] = inject_helper(test_code, helper)
    JOB['cases'] = {}
    for i, (setup, expr) in cases.items():
        spec = job['tests'][i]
        JOB['cases'][i] = {'setup': inject_helper(setup, helper), 'expr': inject_helper(expr, helper),
                           'args': decode_json(spec.get('args') or []),
                           'kwargs': decode_json(spec.get('kwargs') or {})}


def compile_raw(job):
    methods = ASSERT_METHODS
    source = job.get('testModule')
    test_code = compile_rewritten(source, 'hidden_tests.py', 'exec', methods) if source else None
    cases = {}
    for i, spec in enumerate(job['tests']):
        if spec['kind'] == 'case':
            setup, expr = spec.get('setup'), spec.get('expr')
            cases[i] = (compile_rewritten(setup, 'setup', 'exec', methods) if setup else None,
                        compile_rewritten(expr, 'expr', 'eval', methods) if expr else None)
    return test_code, cases


def run_test(index):
    spec = JOB['job']['tests'][index]
    if 'broken' in JOB:
        return outcome_json(('error', JOB['broken']), '', None)
    S['setrecursionlimit'](JOB['job']['limits']['recursionLimit'] + 60)
    if 'clock' in JOB:  # every test starts at the same virtual time, whatever ran before
        JOB['clock'][0] = float(JOB['job']['virtualClock']['start'])
    buf = capture()
    extra = None
    if spec['kind'] == 'module':
        pair, exc = attempt(run_module_test, spec['name'])
        if exc is None:
            result, exc = pair
    else:
        pair, exc = attempt(run_case, index, spec)
        if exc is None:
            result, extra = pair
    if exc is not None:
        result, extra = classify(exc), None
    return outcome_json(result, captured(buf), extra)


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
    ns = {'__name__': name, '__builtins__': names}
    HIDDEN_NAMESPACES.add(id(ns))
    JOB.setdefault('namespaces', []).append(ns)  # kept alive so an id is never reused in a job
    return ns


def run_case(index, spec):
    ns = hidden_namespace('__grader_case__')
    mod = JOB['module']
    for key, value in list(dict.items(mod.__dict__)):
        if type(key) is str and not key.startswith('_'):
            ns[key] = value
    ns[JOB['module_name']] = mod
    value, exc = attempt(evaluate_case, ns, JOB['cases'][index], spec)
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


def run_module_test(name):
    """(result, None), or (None, exception) when the test raised."""
    if JOB['test_code'] is None:
        return ('error', 'the exercise has no test module for ' + name), None
    if not testcase_intact():
        return ('error', 'tampering detected: unittest.TestCase was modified'), None
    ns = hidden_namespace('__grader_tests__')
    exec(JOB['test_code'], ns)
    cls_name, _, method = name.partition('.')
    target = ns.get(cls_name)
    if method:
        if not (type(target) is type and issubclass(target, S['TestCase'])):
            return ('error', 'hidden test class not found: ' + cls_name), None
        fn = target.__dict__.get(method)
    else:
        fn = target
    if type(fn) is not _types.FunctionType:
        return ('error', 'hidden test not found: ' + name), None
    before = fingerprint(ns)
    if method:
        failure, exc = attempt(call_test_method, target, method, fn)
        if exc is None:
            exc = failure
    else:
        _, exc = attempt(fn)
    if not (same_fingerprint(before, fingerprint(ns)) and testcase_intact()):
        return ('error', 'tampering detected: the hidden tests were modified while they ran'), None
    return (('pass', ''), None) if exc is None else (None, exc)


def call_test_method(cls, method, fn):
    """setUp, the test, tearDown and cleanups; returns the first exception (never handled while
    tearDown runs learner code)."""
    case = cls(method)
    case.setUp()
    _, failure = attempt(fn, case)
    _, later = attempt(tear_down, case)
    return failure if failure is not None else later  # an exception's __bool__ may lie


def tear_down(case):
    case.tearDown()
    case.doCleanups()
