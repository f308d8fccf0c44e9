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
    extra = {'compiled': jstr(JOB['compiled'])} if 'compiled' in JOB else None
    return outcome_json(result, captured(buf), extra)


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
                           'args': list(spec.get('args') or []), 'kwargs': dict(spec.get('kwargs') or {})}


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
    try:
        if spec['kind'] == 'module':
            result, extra = run_module_test(spec['name']), None
        else:
            result, extra = run_case(index, spec)
    except BaseException as exc:
        result, extra = classify(exc), None
    return outcome_json(result, captured(buf), extra)


def hidden_namespace(name):
    names = dict(S['builtins'])
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
    codes = JOB['cases'][index]
    try:
        if codes['setup'] is not None:
            exec(codes['setup'], ns)
        if codes['expr'] is not None:
            value = eval(codes['expr'], ns)
        else:
            value = ns[spec['call']](*codes['args'], **codes['kwargs'])
    except Exception as exc:
        if not spec.get('raises'):
            raise
        return ('ok', ''), {'raised': jstr(type_name(type(exc))),
                            'raisesMatch': 'true' if raises_matches(exc, spec['raises']) else 'false'}
    return ('ok', ''), {'value': S['encode'](value)}


def raises_matches(exc, wanted):
    cls = S['builtins'].get(wanted)
    if cls is None:
        cls = JOB['module'].__dict__.get(wanted)
    return type(cls) is type and issubclass(type(exc), cls)


def run_module_test(name):
    if JOB['test_code'] is None:
        return ('error', 'the exercise has no test module for ' + name)
    if not testcase_intact():
        return ('error', 'tampering detected: unittest.TestCase was modified')
    ns = hidden_namespace('__grader_tests__')
    exec(JOB['test_code'], ns)
    cls_name, _, method = name.partition('.')
    target = ns.get(cls_name)
    if method:
        if not (type(target) is type and issubclass(target, S['TestCase'])):
            return ('error', 'hidden test class not found: ' + cls_name)
        fn = target.__dict__.get(method)
    else:
        fn = target
    if type(fn) is not _types.FunctionType:
        return ('error', 'hidden test not found: ' + name)
    before = fingerprint(ns)
    try:
        if method:
            call_test_method(target, method, fn)
        else:
            fn()
    finally:
        intact = fingerprint(ns) == before and testcase_intact()
    if not intact:
        return ('error', 'tampering detected: the hidden tests were modified while they ran')
    return ('pass', '')


def call_test_method(cls, method, fn):
    case = cls(method)
    case.setUp()
    try:
        fn(case)
    finally:
        case.tearDown()
        case.doCleanups()
