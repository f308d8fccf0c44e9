# Compiles hidden test code (the test module and the setup/expr of declarative cases) so that
# every comparison, `assert` and `self.assertXxx(...)` calls the sealed strict helper.  The
# rewrite runs before any learner code of the submission (so a patched `ast` cannot influence
# it), and the helper is injected into the code objects' constants rather than a global name.

import ast as _ast
import copy as _copy
import types as _types
import warnings as _warnings
import sys as _sys

SENTINEL = '\x00grader-strict-helper\x00'
# A comparison with one operator (`a == b`, the most frequent call into the helper: a loop of
# assertions spends its time there) calls a function of its own (asserts.compare_two), not the
# helper's dispatch: the helper's wide signature cost ~0.3 us per call in Pyodide.
COMPARE_SENTINEL = '\x00grader-strict-compare\x00'
# A builtin read by hidden code becomes the constant BUILTIN_PREFIX + name, replaced by the
# pristine builtin itself when the helper is injected: nothing learner code patches (the hidden
# namespace's `__builtins__` dict is reachable through a hidden class's methods) is looked up.
BUILTIN_PREFIX = '\x00grader-builtin:'
# `super` must stay a name: the compiler gives a method its `__class__` cell only when it sees it.
# Dunder names (`__name__`...) are the namespace's own, not builtins.
UNBOUND_BUILTINS = frozenset({'super'})
_OPS = {_ast.Eq: '==', _ast.NotEq: '!=', _ast.Lt: '<', _ast.LtE: '<=', _ast.Gt: '>',
        _ast.GtE: '>=', _ast.In: 'in', _ast.NotIn: 'not in', _ast.Is: 'is', _ast.IsNot: 'is not'}


_NO_ARGUMENTS = _ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                               kwarg=None, defaults=[])


def _lambda_unsafe(node):
    """A node that would change meaning if moved into a lambda."""
    return (isinstance(node, (_ast.Await, _ast.Yield, _ast.YieldFrom, _ast.NamedExpr))
            or (isinstance(node, _ast.Name) and node.id in ('super', 'locals', 'vars', 'dir', '__class__')))


def _helper_call(op, args, keywords=(), receiver=None):
    keys = [_ast.Constant(k.arg) if k.arg is not None else None for k in keywords]
    values = [k.value for k in keywords]
    call_args = [_ast.Constant(op), _ast.Tuple(list(args), _ast.Load()), _ast.Dict(keys, values)]
    if receiver is not None:  # `x.assertEqual(...)`: x's settings (maxDiff, longMessage...)
        call_args.append(receiver)
    return _ast.Call(func=_ast.Constant(SENTINEL), args=call_args, keywords=[])


def _makes_spec_mock(node, local_names, trusted=None):
    """A call that may make a mock with a spec the author chose: a `spec=`/`spec_set=` keyword,
    or `create_autospec(...)`, whose spec is not a local name (a helper's parameter, which learner
    code calling that helper would choose: `def fake(spec): return Mock(spec=spec)`), and whose
    names, the callee's too, are all `trusted` (StrictRewriter._spec_name: `io.StringIO`, `dict`,
    a class of the test module, `mock.Mock` through `from unittest import mock`).
    `Mock(spec=solution.Store)` or a name imported from the submission is the submission's choice
    (`Store = int`, red14-mock-spec-from-submission): the mock answers as any mock does."""
    func = node.func
    name = func.attr if isinstance(func, _ast.Attribute) else func.id if isinstance(func, _ast.Name) else None
    if name == 'create_autospec':
        spec = node.args[0] if node.args and not isinstance(node.args[0], _ast.Starred) else None
        spec = next((k.value for k in node.keywords if k.arg == 'spec'), spec)
    else:
        spec = next((k.value for k in node.keywords if k.arg in ('spec', 'spec_set')), None)
    if spec is None or any(k.arg is None for k in node.keywords):
        return False
    # the callee too: `solution.convert('12', spec=int)` is the submission's call, and the
    # Mock(spec=int) it returns is no mock of the test's (red14-mock-spec-from-submission)
    return not any(isinstance(n, _ast.Name) and (n.id in local_names or (trusted is not None and not trusted(n.id)))
                   for part in (spec, func) for n in _ast.walk(part))


def _stdlib_names(tree):
    """The names the module's top-level imports of standard-library modules bind (`import io`,
    `import collections.abc`, `from decimal import Decimal`): hidden code reads them in its own
    namespace, from module copies the submission does not write (_makes_spec_mock)."""
    stdlib = _sys.stdlib_module_names
    names = set()
    for item in (tree.body if isinstance(tree, _ast.Module) else ()):
        if isinstance(item, _ast.Import):
            names.update(alias.asname or alias.name.partition('.')[0] for alias in item.names
                         if alias.name.partition('.')[0] in stdlib)
        elif isinstance(item, _ast.ImportFrom) and not item.level and item.module.partition('.')[0] in stdlib:
            names.update(alias.asname or alias.name for alias in item.names if alias.name != '*')
    return frozenset(names)


def _imported_names(tree):
    """The names the module's top-level imports of modules outside the standard library bind
    (`import solution`, `from solution import MiniCase`) and nothing else in its top-level scope
    binds: the submission's (or a hidden support module's) objects (_made_locals)."""
    stdlib = _sys.stdlib_module_names
    names, rebound = set(), set()
    top = tree.body if isinstance(tree, _ast.Module) else ()
    for node in (_scope_nodes(tree) if top else ()):
        if isinstance(node, (_ast.Import, _ast.ImportFrom)) and any(node is item for item in top):
            for alias in node.names:
                module = alias.name if isinstance(node, _ast.Import) else '' if node.level else node.module
                bound = alias.asname or alias.name.partition('.')[0]
                outside = module and module.partition('.')[0] not in stdlib and alias.name != '*'
                (names if outside else rebound).add(bound)
            continue
        rebound.update(_binds(node))
    return frozenset(names - rebound)


def _binds(node):
    """The names this one node binds in the scope it is in (not those of the nodes inside it)."""
    if isinstance(node, _ast.Name):
        return () if isinstance(node.ctx, _ast.Load) else (node.id,)
    if isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef)):
        return (node.name,)
    if isinstance(node, (_ast.Import, _ast.ImportFrom)):
        return tuple((a.asname or a.name).partition('.')[0] for a in node.names)
    if isinstance(node, (_ast.Global, _ast.Nonlocal)):
        return tuple(node.names)
    if isinstance(node, (_ast.ExceptHandler, _ast.MatchAs, _ast.MatchStar)):
        return (node.name,) if node.name else ()
    if isinstance(node, _ast.MatchMapping):
        return (node.rest,) if node.rest else ()
    return ()


def _made_locals(function, imported):
    """The plain locals of a function that only `name = <imported>(...)` binds, a call of what
    the module imported from outside the standard library (`case = MiniCase()`, `case =
    solution.MiniCase()`): an assertion method called on one (`case.assertEqual(2, 2)`) is the
    object's own unless it is a test case (asserts.helper 'method_call'; hunt11-domain-method-names).
    Never a parameter (a test case learner code hands in: the redteam3 oracle), nor a name a
    nested function, lambda or generator uses (a cell a closure handed to learner code exposes),
    nor one bound any other way (`case = self.case`, a loop target: data learner code may plant)."""
    made, targets, other = set(), set(), set(_param_names(function))
    for node in _scope_nodes(function):
        if (isinstance(node, _ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _ast.Name)
                and isinstance(node.value, _ast.Call)):
            root = node.value.func
            while isinstance(root, _ast.Attribute):
                root = root.value
            if isinstance(root, _ast.Name) and root.id in imported:
                made.add(node.targets[0].id)
                targets.add(id(node.targets[0]))
        if isinstance(node, (*_SCOPES, _ast.GeneratorExp)):
            other.update(n.id for n in _ast.walk(node) if isinstance(n, _ast.Name))
        if id(node) not in targets:
            other.update(_binds(node))
    return frozenset(made - other)


# unittest's old spellings, removed in 3.12 (Pyodide's Python is 3.14; suites written for 3.11 and
# earlier still use them): hidden code's calls are rewritten to today's assertion.
LEGACY_ASSERTIONS = {
    'assertEquals': 'assertEqual', 'failUnlessEqual': 'assertEqual', 'assertNotEquals': 'assertNotEqual', 'failIfEqual': 'assertNotEqual',
    'assertAlmostEquals': 'assertAlmostEqual', 'failUnlessAlmostEqual': 'assertAlmostEqual',
    'assertNotAlmostEquals': 'assertNotAlmostEqual', 'failIfAlmostEqual': 'assertNotAlmostEqual',
    'failUnless': 'assertTrue', 'assert_': 'assertTrue', 'failIf': 'assertFalse',
    'failUnlessRaises': 'assertRaises', 'assertRaisesRegexp': 'assertRaisesRegex',
    'assertRegexpMatches': 'assertRegex', 'assertNotRegexpMatches': 'assertNotRegex',
}


def _today(name):
    return LEGACY_ASSERTIONS.get(name, name)


def _is_assertion(name):
    """What a bound assertion may run: assertXxx, a mock's assert_xxx and fail (never skipTest or
    addTypeEqualityFunc, which the helper handles only as calls written in hidden code)."""
    return name.startswith('assert') or name == 'fail' or name in LEGACY_ASSERTIONS


def _is_helper(node):
    return (isinstance(node, _ast.Call) and isinstance(node.func, _ast.Constant)
            and (node.func.value == SENTINEL or node.func.value == COMPARE_SENTINEL))


def _is_subtest(item):
    call = item.context_expr
    return isinstance(call, _ast.Call) and isinstance(call.func, _ast.Attribute) and call.func.attr == 'subTest'


def _raises_context(item):
    call = item.context_expr
    if not (isinstance(call, _ast.Call) and isinstance(call.func, _ast.Attribute)):
        return None
    wanted = {'assertRaises': 1, 'assertRaisesRegex': 2}.get(_today(call.func.attr))
    only_msg = all(k.arg == 'msg' for k in call.keywords)
    return call if wanted is not None and len(call.args) == wanted and only_msg else None


# `@mock.patch(...)` as a decorator inspects the function it wraps (`inspect` reads its
# `__code__`, which is vetoed for hidden code): such decorators become `with` statements around
# the body, with the mocks bound to the parameters the decorators would have filled. The number
# is how many positional arguments leave `new` to a mock the decorator passes positionally;
# None: it passes none (patch.multiple passes its mocks by keyword, _keyword_mocks).
_PATCHERS = {'patch': 2, 'patch.object': 3, 'patch.dict': None, 'patch.multiple': None}


def _patcher(decorator, patch_names):
    """The kind of patcher `decorator` calls (a key of _PATCHERS; unittest.mock.patch as the
    module names it: _patch_names), else None."""
    if not isinstance(decorator, _ast.Call):
        return None
    name = _ast.unparse(decorator.func)
    for patch in patch_names:
        for kind in _PATCHERS:
            if name == patch + kind[len('patch'):]:
                return kind
    return None


def _passes_mock(kind, call):
    positional_new = _PATCHERS[kind]
    if positional_new is None or any(k.arg == 'new' for k in call.keywords):
        return False
    return len(call.args) < positional_new


def _keyword_mocks(node, call, holder):
    """`@patch.multiple(sys, stdout=DEFAULT)` passes the mocks it makes by keyword (`stdout=`):
    the parameters named like its keywords given DEFAULT (`DEFAULT`, `mock.DEFAULT`...) leave the
    signature, and the body's first statements take them from the dict the `with` form gives
    (`holder`)."""
    wanted = {k.arg for k in call.keywords if k.arg is not None
              and _ast.unparse(k.value).rpartition('.')[2] == 'DEFAULT'}
    taken = [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg in wanted]
    node.args.args = [a for a in node.args.args if a.arg not in wanted]
    kept = [(a, d) for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if a.arg not in wanted]
    node.args.kwonlyargs, node.args.kw_defaults = [a for a, d in kept], [d for a, d in kept]
    return [_ast.Assign([_ast.Name(name, _ast.Store())],
                        _ast.Subscript(_ast.Name(holder, _ast.Load()), _ast.Constant(name), _ast.Load()))
            for name in taken]


def _patches_to_with(node, patch_names):
    patches = [d for d in node.decorator_list if _patcher(d, patch_names)]
    if not patches:
        return
    node.decorator_list = [d for d in node.decorator_list if not _patcher(d, patch_names)]
    bottom_up = list(reversed(patches))
    holders, unpack = {}, []
    for i, d in enumerate(bottom_up):
        if _patcher(d, patch_names) == 'patch.multiple':
            holders[d] = '__grader_patched_%d__' % i
            unpack += _keyword_mocks(node, d, holders[d])
    takes = [d for d in bottom_up if _passes_mock(_patcher(d, patch_names), d)]
    params = node.args.args[len(node.args.args) - len(takes):] if takes else []
    node.args.args = node.args.args[:len(node.args.args) - len(takes)]
    names = iter(p.arg for p in params)
    items = [_ast.withitem(d, _ast.Name(next(names) if d in takes else holders[d], _ast.Store())
                           if d in takes or d in holders else None)
             for d in bottom_up]
    body = [_ast.copy_location(stmt, node.body[0]) for stmt in unpack] + node.body
    node.body = [_ast.copy_location(_ast.With(items=items, body=body), node.body[0])]


# `@unittest.skip(...)`, `skipIf(...)`, `skipUnless(...)`: unittest's decorators are Python that a
# submission can patch (a forged skip takes a test out of the score), so the helper decides them
# (asserts.skip_mark) and the runner reads its marks right after the module is executed.
_SKIPS = frozenset({'skip', 'skipIf', 'skipUnless'})
# `raise unittest.SkipTest(...)` written in hidden code: raised by the helper, which records the
# exception as the author's (a SkipTest that learner code raises stays an error).
_SKIP_NAMES = _SKIPS | {'SkipTest'}


def _guard_test_entry(function, receiver):
    """A test function's first statement (after its docstring): HELPER('enter_test', name,
    receiver). Only the runner starts a test: learner code that calls a hidden test itself, to
    learn expected values from its failures (assertion messages, a mock's expected call, which of
    its guesses an assert statement lets through), makes the test an error (asserts.enter_test)."""
    body = function.body
    at = 1 if body and isinstance(body[0], _ast.Expr) and isinstance(body[0].value, _ast.Constant) \
        and isinstance(body[0].value.value, str) else 0
    call = _ast.Expr(_helper_call('enter_test', [_ast.Constant(function.name), receiver]))
    body.insert(at, _ast.copy_location(call, body[at] if at < len(body) else function))


def _is_test_lambda(node):
    """`test_x = lambda self: self.assertEqual(...)` in a class body: a test method unittest runs
    like a def's."""
    if not (isinstance(node, _ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _ast.Name)
            and node.targets[0].id.startswith('test') and isinstance(node.value, _ast.Lambda)):
        return False
    lam = node.value
    return bool(lam.args.posonlyargs + lam.args.args) and not any(
        isinstance(n, (_ast.Yield, _ast.YieldFrom, _ast.Await)) for n in _ast.walk(lam.body))


def _is_test_partial(node):
    """`test_x = partialmethod(...)` or `functools.partialmethod(...)` in a class body."""
    if not (isinstance(node, _ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _ast.Name)
            and node.targets[0].id.startswith('test') and isinstance(node.value, _ast.Call)):
        return False
    func = node.value.func
    return (isinstance(func, _ast.Name) and func.id == 'partialmethod') or \
        (isinstance(func, _ast.Attribute) and func.attr == 'partialmethod')


def _guard_test_lambda(node):
    """A test lambda gets what a test def gets (visit_FunctionDef, _guard_test_entry): recorded
    as a test function hidden code made (asserts.record_made: the runner starts only those) and
    an entry guard, here the first item of a tuple whose last is the lambda's own expression,
    under the name the lambda has ('<lambda>', as record_made notes it). Its name, signature and
    result stay the lambda's (hunt5-test-generation)."""
    lam = node.value
    receiver = (lam.args.posonlyargs + lam.args.args)[0].arg
    guard = _helper_call('enter_test', [_ast.Constant('<lambda>'), _ast.Name(receiver, _ast.Load())])
    lam.body = _ast.copy_location(_ast.Subscript(_ast.Tuple([guard, lam.body], _ast.Load()), _ast.Constant(1), _ast.Load()), lam.body)
    node.value = _ast.copy_location(_ast.Call(_helper_call('made', [_ast.Constant('test-def')]), [lam], []), lam)


def _is_test_function(node):
    """A function named test... that runs when called: a generator's body runs only when it is
    iterated, after the call that armed its entry returned (a `test_cases()` helper that yields
    data), so generators get no entry guard."""
    return (isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef)) and node.name.startswith('test')
            and not any(isinstance(n, (_ast.Yield, _ast.YieldFrom)) for n in _scope_nodes(node)))


def _skip_names(tree):
    """How the module names unittest's skip decorators and SkipTest: `unittest.skipIf`,
    `ut.skipIf` after `import unittest as ut`, `skipIf` or `sk` after `from unittest import skipIf
    as sk`."""
    names = {}
    for node in _ast.walk(tree):
        if isinstance(node, _ast.Import):
            for alias in node.names:
                if alias.name == 'unittest':
                    for kind in _SKIP_NAMES:
                        names[(alias.asname or 'unittest') + '.' + kind] = kind
        elif isinstance(node, _ast.ImportFrom) and node.module == 'unittest' and node.level == 0:
            for alias in node.names:
                if alias.name in _SKIP_NAMES:
                    names[alias.asname or alias.name] = alias.name
    return names


def _skips_to_helper(node, skip_names, stored):
    for i, d in enumerate(node.decorator_list):
        if isinstance(d, _ast.Name) and d.id in stored:  # `@requires_x`, a stored skip decorator
            node.decorator_list[i] = _ast.copy_location(_helper_call('skip_stored', [_ast.Constant(d.id)]), d)
            continue
        if not isinstance(d, _ast.Call):
            continue
        kind = skip_names.get(_ast.unparse(d.func))
        if kind in _SKIPS:
            node.decorator_list[i] = _ast.copy_location(
                _helper_call('skip_mark', [_ast.Constant(kind), *d.args], d.keywords), d)


def _binding_counts(tree):
    """How many times each name is bound anywhere in the module (assignments, defs, imports,
    parameters...)."""
    counts = {}
    for node in _ast.walk(tree):
        name = None
        if isinstance(node, _ast.Name) and not isinstance(node.ctx, _ast.Load):
            name = node.id
        elif isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef)):
            name = node.name
        elif isinstance(node, _ast.arg):
            name = node.arg
        elif isinstance(node, _ast.alias):
            name = (node.asname or node.name).partition('.')[0]
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _stored_skips(tree, skip_names):
    """A skip decorator kept in a module variable (`requires_x = unittest.skipUnless(cond, why)`,
    then `@requires_x`, CPython's own test-suite idiom), bound once in the whole module: the
    helper decides it when the assignment runs and keeps the decision where only the rewritten
    `@requires_x` reads it (asserts.skip_store); the variable itself holds a decorator that does
    nothing, so learner code that reaches it (or rebinds it) marks nothing. Returns the names."""
    if not isinstance(tree, _ast.Module):  # a case's `expr`
        return set()
    counts = _binding_counts(tree)
    stored = set()
    for item in tree.body:
        if not (isinstance(item, _ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], _ast.Name)
                and isinstance(item.value, _ast.Call)):
            continue
        name, call = item.targets[0].id, item.value
        kind = skip_names.get(_ast.unparse(call.func))
        if kind in _SKIPS and counts.get(name) == 1:
            item.value = _ast.copy_location(_helper_call(
                'skip_store', [_ast.Constant(name), _ast.Constant(kind), *call.args], call.keywords), call)
            stored.add(name)
    return stored


def _skip_raiser(function, parent, test_module):
    """Where a `raise SkipTest(...)` written in `function` counts as the author's skip, as
    (helper op, its first arguments, receiver), or None (then it stays an error):
    a method: `self.skipTest(...)`'s rule (only on the runner's own test case); setUpClass and
    setUpModule: only while the runner runs that fixture (asserts.skip_guard); a function-style
    test of the test module: only while the runner runs that test."""
    decorators = {_ast.unparse(d) for d in function.decorator_list}
    params = function.args.args
    if parent == 'class':
        if function.name == 'setUpClass' and 'classmethod' in decorators and params:
            return 'skip_raise', ['setUpClass'], _ast.Name(params[0].arg, _ast.Load())
        if decorators & {'classmethod', 'staticmethod'} or not params:
            return None
        return 'skipTest', [], _ast.Name(params[0].arg, _ast.Load())
    if parent == 'module' and function.name == 'setUpModule':
        return 'skip_raise', ['setUpModule'], None
    if parent == 'module' and test_module and _is_test_function(function):
        return 'skip_raise', ['test:' + function.name], None
    return None


def _class_patches_to_methods(node, patch_names):
    """`@mock.patch(...)` on a TestCase class patches each of its `test*` methods (mock's
    decorate_class): the decorator moves onto those methods, outermost, as a copy each."""
    patches = [d for d in node.decorator_list if _patcher(d, patch_names)]
    if not patches:
        return
    node.decorator_list = [d for d in node.decorator_list if not _patcher(d, patch_names)]
    for item in node.body:
        if isinstance(item, (_ast.FunctionDef, _ast.AsyncFunctionDef)) and item.name.startswith('test'):
            item.decorator_list = [_copy.deepcopy(d) for d in patches] + item.decorator_list


def _bound_names(tree):
    """Every name the hidden code binds anywhere (assignments, defs, imports, parameters,
    globals): such a name is never replaced by a builtin, wherever it is read."""
    names = set()
    for node in _ast.walk(tree):
        if isinstance(node, _ast.Name) and not isinstance(node.ctx, _ast.Load):
            names.add(node.id)
        elif isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, _ast.arg):
            names.add(node.arg)
        elif isinstance(node, _ast.alias):
            if node.name == '*':  # binds names unknown here: bind no builtin at all
                return None
            names.add((node.asname or node.name).partition('.')[0])
        elif isinstance(node, (_ast.Global, _ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, _ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (_ast.MatchAs, _ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, _ast.MatchMapping) and node.rest:
            names.add(node.rest)
    return names


# A mock's records read by hidden code (`send.call_args_list`): the helper returns them from the
# mock's own storage (mocks.py), not through attributes learner code can reassign.
MOCK_RECORD_READS = frozenset({'called', 'call_count', 'call_args', 'call_args_list', 'mock_calls',
                               'method_calls', 'await_count', 'await_args', 'await_args_list'})


_SCOPES = (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef, _ast.Lambda)


def _scope_nodes(function):
    """The nodes of a function's own scope (not those of the functions and classes it defines)."""
    todo = list(function.body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, _SCOPES):
            todo.extend(_ast.iter_child_nodes(node))


_COMPREHENSIONS = (_ast.ListComp, _ast.SetComp, _ast.DictComp, _ast.GeneratorExp)


def _simple(node, free):
    """An argument whose evaluation runs no code and hands on no cell: a constant, a name of the
    function's own, `*name`."""
    if isinstance(node, _ast.Starred):
        node = node.value
    return isinstance(node, _ast.Constant) or (isinstance(node, _ast.Name) and node.id not in free)


def _calls_cells_directly(function, free):
    """Whether a nested function uses the names of the functions around it (`free`: its cells,
    the wrapped test among them) only as the callee of a call whose arguments run no code
    (`return fn(self)`, `fn(self, *args, **kwargs)`), or as a condition (`if not flag:`); and has
    no nested function, lambda, comprehension or `nonlocal`. Such a wrapper reads the cell right
    before the call, whose helper checks the cells (asserts.value_call): learner code has no
    window between the two (red7-wrapper-never-calls), so one that passes without its test having
    started returned without calling it, a silent skip CPython passes too."""
    parents = {}
    for node in _ast.walk(_ast.Module(function.body, [])):
        if isinstance(node, _SCOPES + _COMPREHENSIONS + (_ast.Nonlocal, _ast.Global)):
            return False
        for child in _ast.iter_child_nodes(node):
            parents[child] = node
    for node in list(parents):
        if not (isinstance(node, _ast.Name) and node.id in free):
            continue
        if not isinstance(node.ctx, _ast.Load):
            return False
        up = parents[node]
        if isinstance(up, _ast.Call) and up.func is node:
            if not (all(_simple(a, free) for a in up.args)
                    and all(_simple(k.value, free) for k in up.keywords)):
                return False
            continue
        child = node
        while isinstance(up, (_ast.UnaryOp, _ast.BoolOp, _ast.Compare)):
            child, up = up, parents.get(up)
        if not (isinstance(up, (_ast.If, _ast.While, _ast.IfExp)) and up.test is child):
            return False
    return True


def _param_names(function):
    """A function's (or a lambda's) parameters."""
    arguments = function.args
    names = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
    names.update(a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None)
    return frozenset(names)


def _local_names(function):
    """A function's parameters and the names its own scope binds (assignments, loop and `with`
    targets, walrus): a call of one of them is a call through a value (visit_Call)."""
    names = set(_param_names(function))
    for node in _scope_nodes(function):
        if isinstance(node, _ast.Name) and isinstance(node.ctx, _ast.Store):
            names.add(node.id)
    return frozenset(names)


def _rebound_owner(target, declared, classes, cls_arg):
    """(expression of the namespace or class that owns it, name) when `target` rebinds one of the
    hidden module's globals (declared `global` here) or an attribute of one of its classes."""
    if isinstance(target, _ast.Name) and target.id in declared:
        return _ast.Call(_ast.Constant(BUILTIN_PREFIX + 'globals'), [], []), target.id
    if not isinstance(target, _ast.Attribute):
        return None
    owner = target.value
    if isinstance(owner, _ast.Name) and (owner.id in classes or owner.id == cls_arg):
        return _ast.Name(owner.id, _ast.Load()), target.attr
    if (isinstance(owner, _ast.Call) and isinstance(owner.func, _ast.Name) and owner.func.id == 'type'
            and len(owner.args) == 1 and isinstance(owner.args[0], _ast.Name) and not owner.keywords):
        return _ast.Call(_ast.Constant(BUILTIN_PREFIX + 'type'), [_ast.Name(owner.args[0].id, _ast.Load())], []), target.attr
    if isinstance(owner, _ast.Attribute) and owner.attr == '__class__' and isinstance(owner.value, _ast.Name):
        return _ast.Attribute(_ast.Name(owner.value.id, _ast.Load()), '__class__', _ast.Load()), target.attr
    return None


def _targets(stmt):
    if isinstance(stmt, _ast.Assign):
        pending = list(stmt.targets)
    elif isinstance(stmt, _ast.AugAssign) or (isinstance(stmt, _ast.AnnAssign) and stmt.value is not None):
        pending = [stmt.target]
    else:
        return []
    flat = []
    while pending:
        t = pending.pop(0)
        if isinstance(t, (_ast.Tuple, _ast.List)):
            pending.extend(t.elts)
        elif isinstance(t, _ast.Starred):
            pending.append(t.value)
        else:
            flat.append(t)
    return flat


def _expand_blocks(node, expand):
    """Each statement list of `node` (body, orelse, finalbody) with every statement replaced by
    the statements `expand(stmt)` returns."""
    for field in ('body', 'orelse', 'finalbody'):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], _ast.stmt):
            setattr(node, field, [new for stmt in block for new in expand(stmt)])


def _mark_rebinding(stmt, declared, classes, cls_arg):
    owners = [o for o in (_rebound_owner(t, declared, classes, cls_arg) for t in _targets(stmt)) if o]
    if not owners:
        return [stmt]
    def calls(action):
        return [_ast.copy_location(_ast.Expr(_helper_call('binding', [_ast.Constant(action), _copy.deepcopy(owner), _ast.Constant(name)])), stmt)
                for owner, name in owners]
    return [*calls('check'), stmt, *calls('note')]


def _author_rebinding(tree):
    """Hidden code that rebinds its own module's globals (`global CALLED; CALLED += 1` in a
    callback it hands to the submission) or its classes' attributes (`TestX.calls += 1`,
    `cls.shared = ...`, `type(self).n += 1`) is doing what CPython lets it do, not tampering: each
    such statement is bracketed by HELPER('binding', 'check'/'note', owner, name), which moves
    the test's tamper fingerprint along with it (asserts.hidden_binding). Other ways to rebind
    (`globals()[name] = ...`, `setattr(TestX, ...)`) are still reported as tampering."""
    classes = frozenset(node.name for node in tree.body if isinstance(node, _ast.ClassDef))
    for function in _ast.walk(tree):
        if not isinstance(function, (_ast.FunctionDef, _ast.AsyncFunctionDef)):
            continue
        own = list(_scope_nodes(function))
        declared = frozenset(name for node in own if isinstance(node, _ast.Global) for name in node.names)
        is_classmethod = any(isinstance(d, _ast.Name) and d.id == 'classmethod' for d in function.decorator_list)
        cls_arg = function.args.args[0].arg if is_classmethod and function.args.args else None
        for node in [function, *own]:  # every statement list of this scope (handlers, match cases too)
            if node is not function and isinstance(node, _SCOPES):
                continue
            _expand_blocks(node, lambda stmt: _mark_rebinding(stmt, declared, classes, cls_arg))


def _class_stored(stmt, classes):
    """`T.test_x = wrap(T.test_x)`, `del T.helper`... at the hidden module's top level, on one of
    its classes: the statement bracketed by HELPER('class_store', 'check'/'note', T, name), so the
    class's dict as the runner reads it (asserts.record_made) follows the author's rebinding."""
    targets = list(stmt.targets) if isinstance(stmt, _ast.Delete) else _targets(stmt)
    owners = [(t.value.id, t.attr) for t in targets
              if isinstance(t, _ast.Attribute) and isinstance(t.value, _ast.Name) and t.value.id in classes]
    if not owners:
        return [stmt]
    def calls(phase):
        return [_ast.copy_location(_ast.Expr(_helper_call('class_store', [
            _ast.Constant(phase), _ast.Name(owner, _ast.Load()), _ast.Constant(name)])), stmt) for owner, name in owners]
    return [*calls('check'), stmt, *calls('note')]


def _module_class_stores(tree):
    """Every statement list of the module's top level (into if/for/with/try, not into functions
    or classes: only the module's own execution runs these statements, once, in order; learner
    code can call a hidden function, never re-run a module-level statement)."""
    classes = frozenset(node.name for node in tree.body if isinstance(node, _ast.ClassDef))
    todo = [tree]
    while todo:
        node = todo.pop()
        _expand_blocks(node, lambda stmt: _class_stored(stmt, classes))
        todo.extend(child for child in _ast.iter_child_nodes(node) if not isinstance(child, _SCOPES)
                    and isinstance(child, (_ast.stmt, _ast.excepthandler, _ast.match_case)))


def _chain_root(node):
    """The name a dotted chain `a.b.c` starts from, or None."""
    while isinstance(node, _ast.Attribute):
        node = node.value
    return node.id if isinstance(node, _ast.Name) else None


def _stdlib_roots(tree):
    """The names `import a.b` statements of the module bind for standard-library packages (`a`):
    `unittest.util._MAX_LENGTH = 2000` and `urllib.request.urlopen = fake` write through the
    submodule hidden code reaches through them (evaluated again for the helper: a chain of
    attributes of module copies, nothing of the submission's)."""
    names = _sys.stdlib_module_names
    return frozenset(alias.name.partition('.')[0] for node in _ast.walk(tree) if isinstance(node, _ast.Import)
                     for alias in node.names if alias.asname is None and alias.name.partition('.')[0] in names)


def _written_through(stmt, roots=frozenset(), selves=frozenset()):
    """`sys.stdout = buf`, `random.randint = fake`, `del sys.argv[0]`... in hidden code: the
    statement, then HELPER('write_through', owner, name) for each attribute it sets or deletes on
    a plain name, which copies the new binding to the real module when the owner is hidden
    code's pristine copy of one (asserts.write_through), or takes a module-level matcher's state
    again (`EXPECTED.tol = 0.5`; `self.tol = tol` in a method of a matcher class, a statement in
    `selves`: the author's change, values.matcher_state_retake); anything else: nothing happens."""
    if isinstance(stmt, _ast.Delete):
        targets = list(stmt.targets)
    else:
        targets = _targets(stmt)
    owners = [(_ast.Name(t.value.id, _ast.Load()), t.attr) for t in targets
              if isinstance(t, _ast.Attribute) and isinstance(t.value, _ast.Name)
              and (t.value.id != 'self' or id(stmt) in selves)]
    owners += [(_loaded(_copy.deepcopy(t.value)), t.attr) for t in targets
               if isinstance(t, _ast.Attribute) and isinstance(t.value, _ast.Attribute) and _chain_root(t.value) in roots
               and all(isinstance(n, (_ast.Attribute, _ast.Name, _ast.expr_context)) for n in _ast.walk(t.value))]
    if not owners:
        return [stmt]
    return [stmt, *(_ast.copy_location(_ast.Expr(_helper_call(
        'write_through', [owner, _ast.Constant(name)])), stmt) for owner, name in owners)]


def _loaded(node):
    """`node` (a chain of names and attributes) read, not stored."""
    for part in _ast.walk(node):
        if isinstance(part, (_ast.Attribute, _ast.Name)):
            part.ctx = _ast.Load()
    return node


def _matcher_statements(tree):
    """The ids of the statements in the methods of the module's classes that define __eq__ or
    derive from one that does (by name): where a `self.x = ...` may change a matcher's state
    (_written_through). Other classes' stores (a fake clock's `self.now += 1` in a loop) are left
    without a helper call."""
    classes = [node for node in tree.body if isinstance(node, _ast.ClassDef)]
    eq = {c.name for c in classes if any(isinstance(i, _ast.FunctionDef) and i.name == '__eq__' for i in c.body)}
    grown = True
    while grown:
        grown = False
        for c in classes:
            if c.name not in eq and any(_ast.unparse(b) in eq for b in c.bases):
                eq.add(c.name)
                grown = True
    return frozenset(id(stmt) for c in classes if c.name in eq for item in c.body
                     if isinstance(item, (_ast.FunctionDef, _ast.AsyncFunctionDef))
                     for stmt in _ast.walk(item) if isinstance(stmt, _ast.stmt))


def _write_through(tree):
    """Every statement list of the module, at any depth (module level, class bodies, functions)."""
    roots = _stdlib_roots(tree)
    selves = _matcher_statements(tree)
    for node in _ast.walk(tree):
        _expand_blocks(node, lambda stmt: _written_through(stmt, roots, selves))


# How hidden code names unittest.mock.patch without an import alias: the default of _patch_names.
_PATCH_NAMES = frozenset({'patch', 'mock.patch', 'unittest.mock.patch'})
# The patchers that take the object to patch first: patch.object(sys, 'stdout', buf),
# patch.multiple(sys, stdout=buf).
_PATCHES_AN_OBJECT = frozenset({'object', 'multiple'})


def _is_test_class(node, test_classes):
    """A class statement with a base written `...TestCase` (unittest.TestCase,
    IsolatedAsyncioTestCase, a support module's CourseTestCase) or a test class of the module
    defined before: its helper methods make expected values freely (visit_Call's `Approx(...)`)."""
    for base in node.bases:
        text = _ast.unparse(base)
        if text.endswith('TestCase') or text in test_classes:
            return True
    return False


def _mock_names(tree, attr, defaults):
    """How the module names unittest.mock's `attr` (patch, call): the `defaults` (`patch`,
    `mock.patch`, `unittest.mock.patch`) and the aliases its imports make (`from unittest.mock
    import patch as p`: `p`; `from unittest import mock as m`: `m.patch`; `import unittest.mock
    as um`: `um.patch`)."""
    names = set(defaults)
    for node in _ast.walk(tree):
        if isinstance(node, _ast.Import):
            names.update(alias.asname + '.' + attr for alias in node.names
                         if alias.name == 'unittest.mock' and alias.asname)
        elif isinstance(node, _ast.ImportFrom) and node.level == 0:
            wanted = {'unittest.mock': attr, 'unittest': 'mock'}.get(node.module)
            suffix = '' if node.module == 'unittest.mock' else '.' + attr
            names.update((alias.asname or alias.name) + suffix for alias in node.names if alias.name == wanted)
    return frozenset(names)


def _patch_names(tree):
    """How the module names unittest.mock.patch (_mock_names)."""
    return _mock_names(tree, 'patch', _PATCH_NAMES)


_CALL_NAMES = frozenset({'call', 'mock.call', 'unittest.mock.call'})


def _call_names(tree):
    """How the module names unittest.mock.call (_mock_names)."""
    return _mock_names(tree, 'call', _CALL_NAMES)


# Builtins that rebind an attribute: called (or taken as a value) in hidden code, the helper runs
# them and then writes the binding through to the real module (asserts.helper 'setattr').
_ATTRIBUTE_WRITERS = frozenset({'setattr', 'delattr'})
_CODE_RUNNERS = frozenset({'exec', 'eval'})
# TestCase methods whose names a submission's own classes use too (`task.fail()`, `Job.fail`):
# called on anything but a parameter, they go through the helper's 'method_call'
_DOMAIN_METHOD_NAMES = frozenset({'fail', 'skipTest'})
# Functions that resolve a class's string annotations in `sys.modules[cls.__module__]`, where a
# hidden module is only while it executes (asserts.type_hints).
_HINTS_READERS = frozenset({'get_type_hints', 'get_annotations'})


def _patched_target(call, patch_names):
    """(owner as written, attribute) that a manager of a hidden `with` statement replaces:
    `patch('random.randint', ...)` ('random', 'randint'), `patch('builtins.input', ...)`,
    `patch.object(sys, 'platform', ...)` ('sys', 'platform'); None for anything else."""
    if not isinstance(call, _ast.Call) or not call.args:
        return None
    written, first = _ast.unparse(call.func), call.args[0]
    if written in patch_names and isinstance(first, _ast.Constant) and isinstance(first.value, str):
        owner, _, attr = first.value.rpartition('.')
        return (owner, attr) if owner and attr.isidentifier() else None
    if (written.endswith('.object') and written[:-7] in patch_names and len(call.args) > 1
            and isinstance(first, (_ast.Name, _ast.Attribute))
            and isinstance(call.args[1], _ast.Constant) and isinstance(call.args[1].value, str)):
        return _ast.unparse(first), call.args[1].value
    return None


class _PatchedReads(_ast.NodeTransformer):
    """In the body of a hidden `with patch(...)` (not in the functions it defines), hidden code's
    reads of what the patch replaced (`random.randint`, `sys.platform`, the bare name of a
    patched builtin) go through the helper's 'patched_read': the live value when it is the very
    object the author's patcher entered, else the pristine one (StrictRewriter._follow_patches)."""

    def __init__(self, targets, is_builtin):
        self.targets = targets  # (owner as written, attribute) -> the name holding what the patcher entered
        self.is_builtin = is_builtin

    def _read(self, node, key, owner):
        entered = _ast.Name(self.targets[key], _ast.Load())
        return _ast.copy_location(_helper_call('patched_read', [entered, owner, _ast.Constant(key[1]), node]), node)

    def visit_Name(self, node):
        if isinstance(node.ctx, _ast.Load) and ('builtins', node.id) in self.targets and self.is_builtin(node.id):
            return self._read(node, ('builtins', node.id), _ast.Constant(None))
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        func = node.func
        patched = {attr: name for (owner, attr), name in self.targets.items() if owner == 'builtins'}
        if (patched and isinstance(func, _ast.Name) and func.id in _CODE_RUNNERS and self.is_builtin(func.id)
                and len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], _ast.Starred)):
            # `eval('int(input())')` with no namespace: the code gets hidden code's globals, whose
            # builtins are pristine; here, a copy of them with the patched builtins the author's
            # patchers entered (asserts.patched_code)
            entered = _ast.Dict([_ast.Constant(a) for a in patched], [_ast.Name(n, _ast.Load()) for n in patched.values()])
            spaces = [_ast.Call(_ast.Constant(BUILTIN_PREFIX + f), [], []) for f in ('globals', 'locals')]
            return _ast.copy_location(_helper_call('patched_code', [_ast.Constant(func.id), node.args[0], *spaces, entered]), node)
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        key = (_ast.unparse(node.value), node.attr)
        if isinstance(node.ctx, _ast.Load) and key in self.targets and isinstance(node.value, (_ast.Name, _ast.Attribute)):
            return self._read(node, key, _copy.deepcopy(node.value))
        return node

    def _nested(self, node):
        return node  # a function or generator defined there runs whenever it is called

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_GeneratorExp = _nested


class StrictRewriter(_ast.NodeTransformer):
    def __init__(self, assert_methods, builtin_names=frozenset(), bound=frozenset()):
        self.assert_methods = assert_methods | LEGACY_ASSERTIONS.keys()
        self.builtin_names = builtin_names
        self.bound = bound
        self.class_methods = frozenset()  # inside a hidden class: module_methods
        self.module_methods = frozenset()  # the names of the methods the module's classes define
        self.skip_names = {}  # how the module names unittest's skip decorators (_skip_names)
        self.stored_skips = frozenset()  # module variables holding a skip decorator (_stored_skips)
        self.test_module = False
        self.scope = 'module'  # 'module', 'class' or 'function': where the node being visited is
        self.skip_raiser = None  # the enclosing function's _skip_raiser
        self.local_names = frozenset()  # the enclosing functions' parameters and local variables
        self.param_names = frozenset()  # the enclosing functions' (and lambdas') parameters
        self.patch_names = _PATCH_NAMES  # how the module names unittest.mock.patch (_patch_names)
        self.module_functions = frozenset()  # the names of the module's top-level defs
        self.module_classes = frozenset()  # the names of the module's top-level class statements
        self.instance_names = None  # the attribute names hidden code may store (_instance_names)
        self.call_names = _CALL_NAMES  # how the module names unittest.mock.call (_call_names)
        self.stdlib_names = frozenset()  # what its top-level stdlib imports bind (_stdlib_names)
        self.imported_names = frozenset()  # what its top-level imports of other modules bind (_imported_names)
        self.made_locals = frozenset()  # the enclosing function's locals made by their calls (_made_locals)
        # visit_Call's `Approx(...)`: None, recorded; '': never (a class body defining __eq__); a
        # name: the first parameter of a method of such a class, recorded when that is a recorded
        # instance itself (`Approx(2.5).within(0.1)`, never a learner-made one's)
        self.instance_guard = None
        self.test_classes = frozenset()  # module-level classes with a TestCase base (_is_test_class)
        self.subtests = 0  # `with self.subTest(...)` statements seen (their locals' names)
        self.withs = 0  # other `with` statements in functions (_suppression_checked: their locals' names)
        self.raises = 0  # `with self.assertRaises(...)` statements seen (their flags' names)
        self.patches = 0  # patchers of hidden `with` statements followed (_follow_patches: their names)
        self.cls_param = None  # in a classmethod of a class that never rebinds it: its first parameter
        self.handlers = 0  # except clauses without a name in functions (visit_ExceptHandler: the name given)
        self.stringified_annotations = False  # the module has `from __future__ import annotations`
        self.match_names = 0  # value patterns captured (visit_match_case: their names)

    # Under `from __future__ import annotations` the compiler keeps annotations as the text of
    # their source: rewritten, they would read '\x00grader-builtin:int' (inspect.signature,
    # typing.get_type_hints). They are never evaluated but by get_type_hints, in hidden code's
    # own namespace (pristine builtins), so they are left as written.
    _ANNOTATION_FIELDS = {_ast.arg: ('annotation',), _ast.FunctionDef: ('returns',),
                          _ast.AsyncFunctionDef: ('returns',), _ast.AnnAssign: ('annotation',)}

    def generic_visit(self, node):
        fields = self._ANNOTATION_FIELDS.get(type(node)) if self.stringified_annotations else None
        if not fields:
            return super().generic_visit(node)
        kept = [(field, getattr(node, field)) for field in fields]
        for field, _ in kept:
            setattr(node, field, None)
        node = super().generic_visit(node)
        for field, value in kept:
            setattr(node, field, value)
        return node

    def _spec_name(self, name):
        """A name a mock's spec may be read through (_makes_spec_mock): a builtin, a class of
        the module's own, a name its imports of the standard library bind."""
        return self._is_builtin(name) or name in self.module_classes or name in self.stdlib_names

    def _is_builtin(self, name):
        """`name` read in hidden code is the builtin (the module binds no such name)."""
        return self.bound is not None and name in self.builtin_names and name not in self.bound

    def visit_ClassDef(self, node):
        _class_patches_to_methods(node, self.patch_names)
        outer = self.class_methods
        # the methods of every class of the module: a helper may come from a hidden base class
        self.class_methods = self.module_methods
        outer_scope = (self.scope, self.skip_raiser, self.instance_guard)
        self.scope, self.skip_raiser = 'class', None
        # a class of the module's that is no test class (a matcher, its base, a builder): its
        # methods' calls are guarded by their self (visit_FunctionDef)
        self.instance_guard = None if _is_test_class(node, self.test_classes) else ''
        if self.instance_guard is None and self.scope == 'module':
            self.test_classes = self.test_classes | {node.name}
        self.generic_visit(node)
        self.scope, self.skip_raiser, self.instance_guard = outer_scope
        self.class_methods = outer
        _skips_to_helper(node, self.skip_names, self.stored_skips)
        # outermost decorator: the helper records the class with its dict as this statement made it
        node.decorator_list.insert(0, _ast.copy_location(_helper_call('made', [_ast.Constant('class')]), node))
        for item in node.body:
            if _is_test_function(item) and item.args.args:
                _guard_test_entry(item, _ast.Name(item.args.args[0].arg, _ast.Load()))
            elif _is_test_lambda(item):
                _guard_test_lambda(item)
            elif _is_test_partial(item):
                # `test_x = functools.partialmethod(check, 0, 'zero')`: recorded as made, with
                # its function and arguments (asserts.record_made, runner.run_test)
                item.value = _ast.copy_location(
                    _ast.Call(_helper_call('made', [_ast.Constant('partial')]), [item.value], []), item.value)
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if isinstance(node.ctx, _ast.Load) and node.attr in MOCK_RECORD_READS:
            return _ast.copy_location(_helper_call('mock_record', [node.value, _ast.Constant(node.attr)]), node)
        if isinstance(node.ctx, _ast.Load) and _is_assertion(node.attr) and node.attr in self.assert_methods:
            # An assertion taken as a value (`check = self.assertEqual`, or handed to
            # addTypeEqualityFunc): bound to the strict checks, like a call written in place.
            args = [_ast.Constant(_today(node.attr))]
            if node.attr in _DOMAIN_METHOD_NAMES:
                # `job.fail`, a helper object's `self.fail` set: the object's own attribute unless
                # it is a test case (asserts.helper 'bound_assert'), as visit_Call's method_call
                args.append(_ast.Constant(self.instance_names is not None and node.attr not in self.instance_names))
            return _ast.copy_location(_helper_call('bound_assert', args, receiver=node.value), node)
        return node

    def visit_FunctionDef(self, node):
        _patches_to_with(node, self.patch_names)
        outer = (self.scope, self.skip_raiser)
        # the test functions _guard_test_entry guards (of a class; of the test module's top level)
        guarded = _is_test_function(node) and ((self.scope == 'class' and node.args.args)
                                               or (self.scope == 'module' and self.test_module))
        self.skip_raiser = _skip_raiser(node, self.scope, self.test_module)
        outer_guard = self.instance_guard
        if self.scope == 'class' and self.instance_guard is not None:  # a method of a class with __eq__
            params = node.args.posonlyargs + node.args.args
            self.instance_guard = params[0].arg if params else ''
        self.scope = 'function'
        outer_locals, outer_params = self.local_names, self.param_names
        # a decorator's wrapper that calls its cells only directly (runner.never_started), read
        # before the body is rewritten
        direct = bool(outer_locals) and _calls_cells_directly(node, outer_locals - _local_names(node))
        # its own names and those of the functions around it (a decorator's wrapper calling the
        # `fn` of its factory is a call through a value too: `for case in cases: fn(self, *case)`)
        self.local_names = _local_names(node) | outer_locals
        self.param_names = _param_names(node) | outer_params
        outer_made, self.made_locals = self.made_locals, _made_locals(node, self.imported_names)
        outer_cls, self.cls_param = self.cls_param, None
        first = node.args.posonlyargs + node.args.args
        if (outer[0] == 'class' and first and any(isinstance(d, _ast.Name) and d.id == 'classmethod' for d in node.decorator_list)
                and not any(first[0].arg in _binds(n) for n in _scope_nodes(node))):
            self.cls_param = first[0].arg
        self.generic_visit(node)
        self.scope, self.skip_raiser = outer
        self.instance_guard = outer_guard
        self.local_names, self.param_names, self.made_locals = outer_locals, outer_params, outer_made
        self.cls_param = outer_cls
        _skips_to_helper(node, self.skip_names, self.stored_skips)
        # innermost decorator: the helper records the function hidden code made (asserts.record_made)
        kind = ('test-' if guarded else '') + ('def' if isinstance(node, _ast.FunctionDef) else 'async')
        node.decorator_list.append(_ast.copy_location(_helper_call('made', [_ast.Constant(kind)]), node))
        if direct:
            node.decorator_list.append(_ast.copy_location(_helper_call('made', [_ast.Constant('direct')]), node))
        return node

    def visit_Raise(self, node):
        """`raise unittest.SkipTest(why)` (or the class alone) in a test method, setUp, a helper
        method, setUpClass, setUpModule, a function-style test or the test module's top level: the helper raises it and records
        it as the author's skip (only where _skip_raiser allows; elsewhere it stays an error)."""
        self.generic_visit(node)
        exc = node.exc
        call = exc if isinstance(exc, _ast.Call) else None
        named = _ast.unparse(call.func if call is not None else exc) if exc is not None else ''
        raiser = self.skip_raiser
        if raiser is None and self.scope == 'module' and self.test_module:
            # at the test module's top level (`if not hasattr(solution, 'X'): raise
            # unittest.SkipTest(...)`): every test of the module is skipped, as unittest's
            # loader and the reference report it; counts only while the runner executes the
            # module (asserts.skip_guard)
            raiser = ('skip_raise', ['module'], None)
        if (raiser is None or node.cause is not None or self.skip_names.get(named) != 'SkipTest'
                or (call is not None and call.keywords)):
            if exc is not None and self.scope == 'function':
                # `raise AssertionError(...)` of a hidden function is a failure of hidden code as
                # its assertion methods' are: the helper records it (asserts.raising), so learner
                # code that swallows it does not pass the test (runner.unresolved_failure)
                node.exc = _ast.copy_location(_helper_call('raising', [exc]), exc)
            return node
        op, first, receiver = raiser
        args = [_ast.Constant(a) for a in first] + (list(call.args) if call is not None else [])
        return _ast.copy_location(_ast.Raise(exc=_helper_call(op, args, receiver=receiver)), node)

    visit_AsyncFunctionDef = visit_FunctionDef  # patch and skip decorators on async tests too

    def _may_be_a_case(self, receiver):
        """Whether hidden code's `<receiver>.fail(...)` may be on a test case learner code handed
        in: a parameter of the enclosing functions, or super()."""
        if isinstance(receiver, _ast.Name):
            return receiver.id in self.param_names or self.scope != 'function'
        return (isinstance(receiver, _ast.Call) and isinstance(receiver.func, _ast.Name)
                and receiver.func.id == 'super')

    def visit_Lambda(self, node):
        outer, outer_params, outer_made, outer_cls = self.scope, self.param_names, self.made_locals, self.cls_param
        self.scope, self.made_locals, self.cls_param = 'function', frozenset(), None  # a lambda can be called again later, like a def (visit_Call: setattr)
        if isinstance(node, _ast.Lambda):
            self.param_names = _param_names(node) | outer_params
        self.generic_visit(node)
        self.scope, self.param_names, self.made_locals, self.cls_param = outer, outer_params, outer_made, outer_cls
        return node

    visit_GeneratorExp = visit_Lambda  # runs whenever it is iterated, not where it is written

    def visit_Name(self, node):
        if isinstance(node.ctx, _ast.Load) and node.id in _ATTRIBUTE_WRITERS and self._is_builtin(node.id):
            # `self.addCleanup(setattr, sys, 'stdout', old)`: a hidden lambda doing what the call
            # written in place does (its code, holding the helper, is secret like any hidden code)
            args = _ast.arguments(posonlyargs=[], args=[], vararg=_ast.arg('args'), kwonlyargs=[],
                                  kw_defaults=[], kwarg=None, defaults=[])
            call = _helper_call(node.id, [_ast.Starred(_ast.Name('args', _ast.Load()), _ast.Load())])
            return _ast.copy_location(_ast.Lambda(args, call), node)
        if (isinstance(node.ctx, _ast.Load) and self._is_builtin(node.id) and node.id not in UNBOUND_BUILTINS
                and not node.id.startswith('_')):
            return _ast.copy_location(_ast.Constant(BUILTIN_PREFIX + node.id), node)
        return node

    def visit_Compare(self, node):
        self.generic_visit(node)
        ops = tuple(_OPS[type(op)] for op in node.ops)
        if all(op in ('is', 'is not') for op in ops):
            return node
        later = node.comparators[1:]
        if later and self.scope != 'class' and not any(_lambda_unsafe(n) for c in later for n in _ast.walk(c)):
            # `lo < f(x) < g(y)`: g(y) runs only when the first comparison holds, as in Python
            # (not in a class body, where a lambda cannot see the class's names; nor around
            # await, yield, := or super(), which mean something else inside a lambda)
            thunks = [_ast.copy_location(_ast.Lambda(_NO_ARGUMENTS, c), c) for c in later]
            return _helper_call('cmp_chain', [_ast.Constant(ops), node.left, node.comparators[0], *thunks])
        if len(ops) == 1:
            return _ast.Call(func=_ast.Constant(COMPARE_SENTINEL),
                             args=[_ast.Constant(ops[0]), node.left, node.comparators[0]], keywords=[])
        return _helper_call('cmp', [_ast.Constant(ops), node.left, *node.comparators])

    def visit_Match(self, node):
        """A case whose pattern is an or-pattern with structure in its alternatives and no guard
        (`case ('add', 1, 2) | ('plus', 1, 2):`) becomes one case per alternative, each with the
        same body: the alternatives bind the same names, so each is then checked as a case of its
        own (visit_match_case), where an or-pattern's alternatives cannot be told apart in one
        guard. Without a guard that is the same statement: the first alternative that matches
        runs the body. With a guard CPython does not try the next alternative when the guard fails
        after one matched: each alternative's case then sets a flag (reset before the statement)
        once its pattern and checks held, right before the author's guard runs, and the later
        alternatives' cases are passed over when it is set (limits10; red8a-match-structure-lies)."""
        cases, resets = [], []
        for case in node.cases:
            pattern = case.pattern
            if (isinstance(pattern, _ast.MatchOr)
                    and not all(isinstance(p, (_ast.MatchValue, _ast.MatchSingleton)) for p in pattern.patterns)):
                flag = None
                if case.guard is not None:
                    self.match_names += 1
                    flag = '_grader_alternative_%d' % self.match_names
                    resets.append(_ast.copy_location(_ast.Assign([_ast.Name(flag, _ast.Store())], _ast.Constant(False)), node))
                for alternative in pattern.patterns:
                    guard = None
                    if flag is not None:
                        # `not flag and (flag := True) and guard`, after the checks visit_match_case
                        # puts first: an alternative that matched and whose guard failed ends the case
                        guard = _ast.BoolOp(_ast.And(), [
                            _ast.UnaryOp(_ast.Not(), _ast.Name(flag, _ast.Load())),
                            _ast.NamedExpr(_ast.Name(flag, _ast.Store()), _ast.Constant(True)),
                            _copy.deepcopy(case.guard)])
                    cases.append(_ast.match_case(alternative, guard, _copy.deepcopy(case.body)))
            else:
                cases.append(case)
        node.cases = cases
        self.generic_visit(node)
        return resets + [node] if resets else node

    def visit_match_case(self, node):
        """`case 42:`, `case ('add', 1, 2):`, `case {'name': 'Ada'}:` compare parts of the subject
        with `==` inside the match machinery, where no Compare node is: a learner int or str
        subclass whose __eq__ answers True matched every value pattern (red7-match-value-patterns).
        Each value pattern becomes a capture of a fresh name, and the case's guard first compares
        each capture with its value strictly, in the pattern's order; the author's guard comes
        after. An or-pattern of values and
        singletons (`case 1 | 2 | None:`) is one capture tested against each; one with structure
        in its alternatives is left as written."""
        self.generic_visit(node)
        checks = []
        node.pattern = self._capture_values(node.pattern, checks)
        if checks:
            if node.guard is not None:
                checks.append(node.guard)
            node.guard = checks[0] if len(checks) == 1 else _ast.BoolOp(_ast.And(), checks)
        return node

    def visit_MatchClass(self, node):
        """`case int():`: the class stays the name it is (Python compiles only a Name or Attribute
        there; visit_Name's pristine constant for a builtin made every hidden module with a class
        pattern of a builtin fail to compile: red9-match-class-patterns). The guard's class check
        (_capture_values) reads the pristine builtin."""
        node.patterns = [self.visit(p) for p in node.patterns]
        node.kwd_patterns = [self.visit(p) for p in node.kwd_patterns]
        return node

    def _match_test(self, name, pattern):
        """The strict test of a capture against a value pattern (`==`, then its truth, as CPython
        compiles it: no identity shortcut, `case math.nan:` never matches) or a singleton (`is`)."""
        if isinstance(pattern, _ast.MatchSingleton):
            return _ast.Compare(_ast.Name(name, _ast.Load()), [_ast.Is()], [_ast.Constant(pattern.value)])
        return _ast.Call(func=_ast.Constant(COMPARE_SENTINEL),
                         args=[_ast.Constant('=='), _ast.Name(name, _ast.Load()), _copy.deepcopy(pattern.value)], keywords=[])

    def _capture_values(self, pattern, checks):
        if isinstance(pattern, _ast.MatchValue) or (
                isinstance(pattern, _ast.MatchOr) and any(isinstance(p, _ast.MatchValue) for p in pattern.patterns)
                and all(isinstance(p, (_ast.MatchValue, _ast.MatchSingleton)) for p in pattern.patterns)):
            name = '_grader_match_%d' % self.match_names
            self.match_names += 1
            if isinstance(pattern, _ast.MatchValue):
                checks.append(self._match_test(name, pattern))
            else:
                checks.append(_ast.BoolOp(_ast.Or(), [self._match_test(name, p) for p in pattern.patterns]))
            return _ast.copy_location(_ast.MatchAs(pattern=None, name=name), pattern)
        if isinstance(pattern, (_ast.MatchSequence, _ast.MatchMapping)):
            # the part the sequence or mapping pattern took apart is captured too: a list, tuple or
            # dict subclass whose own __len__/__iter__/__getitem__/get lie about its data matches
            # nothing, nor a dict whose keys claim the pattern's keys (asserts.match_plain;
            # red8a-match-structure-lies)
            name = '_grader_match_%d' % self.match_names
            self.match_names += 1
            part = [_ast.Name(name, _ast.Load())]
            if isinstance(pattern, _ast.MatchMapping):  # its keys, looked up with the stored keys' `==`
                part.append(_ast.Tuple([_copy.deepcopy(k) for k in pattern.keys], _ast.Load()))
            checks.append(_helper_call('match_plain', part))
            pattern.patterns = [self._capture_values(p, checks) for p in pattern.patterns]
            return _ast.copy_location(_ast.MatchAs(pattern=pattern, name=name), pattern)
        alternatives = pattern.patterns if isinstance(pattern, _ast.MatchOr) else [pattern]
        if any(isinstance(p, _ast.MatchClass) for p in alternatives) and all(
                isinstance(p, (_ast.MatchClass, _ast.MatchValue, _ast.MatchSingleton)) for p in alternatives):
            # `case int():`, `case Point(x=0):`, `case int() | float() | None:` ask isinstance(),
            # which believes an object's `__class__` (a property answering int matched `case
            # int():`): the part is captured and the guard asks assertIsInstance's check, by type()
            # (asserts.instance_check; red9-match-class-patterns), for one of the classes, or the
            # strict test of one of the values. The class is a dotted name, evaluated again there
            # (a builtin as its pristine constant).
            name = '_grader_match_%d' % self.match_names
            self.match_names += 1
            tests = [_helper_call('match_class', [_ast.Name(name, _ast.Load()), self.visit(_copy.deepcopy(p.cls))])
                     if isinstance(p, _ast.MatchClass) else self._match_test(name, p) for p in alternatives]
            checks.append(tests[0] if len(tests) == 1 else _ast.BoolOp(_ast.Or(), tests))
            if isinstance(pattern, _ast.MatchClass):
                pattern.patterns = [self._capture_values(p, checks) for p in pattern.patterns]
                pattern.kwd_patterns = [self._capture_values(p, checks) for p in pattern.kwd_patterns]
            return _ast.copy_location(_ast.MatchAs(pattern=pattern, name=name), pattern)
        elif isinstance(pattern, _ast.MatchAs) and pattern.pattern is not None:
            pattern.pattern = self._capture_values(pattern.pattern, checks)
        return pattern

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, _ast.Attribute) and func.attr in self.assert_methods:
            # the receiver and arguments only: the method itself is called, not taken as a value
            args = [self.visit(arg) for arg in node.args]
            keywords = [self.visit(k) for k in node.keywords]
            if ((func.attr in _DOMAIN_METHOD_NAMES and (not self._may_be_a_case(func.value) or not isinstance(func.value, _ast.Name)))
                    or (isinstance(func.value, _ast.Name) and func.value.id in self.made_locals and _today(func.attr) == func.attr)):
                # an assertion method on a local made by a call of the submission's
                # (`case = MiniCase()`, a write-your-own-unittest exercise): the object's own
                # unless it is a test case, as `job.fail(...)` below (_made_locals)
                # super() too: in a hidden subclass of a learner class (`return super().fail(reason)`)
                # it is the learner's method (red15-super-fail-learner-class)
                # `solution.Task().fail()`, `job.fail(reason)`: a test case reaches hidden code as a
                # parameter (`self`, a helper's `tc`) or as super(); on anything else the helper
                # calls a submission's own method of that name, and keeps a test case or a TestCase
                # class (`unittest.TestCase.fail(self, ...)`) strict (asserts.helper 'method_call'). On a
                # hidden class's instance, its method as the class was made, which an instance
                # attribute shadows only when hidden code stores that name (own_class_method's
                # rule: red15-hidden-object-fail)
                unshadowed = self.instance_names is not None and func.attr not in self.instance_names
                if isinstance(func.value, _ast.Attribute) and isinstance(func.value.value, _ast.Name):
                    # `self.case.skipTest(...)`: the helper reads `case` itself, to see whether the
                    # running case stands for an attribute of itself (red15-handed-case-skip)
                    return _helper_call('attr_method_call', [_ast.Constant(func.value.attr), _ast.Constant(func.attr),
                                                             _ast.Constant(unshadowed), *args],
                                        keywords, self.visit(func.value.value))
                return _helper_call('method_call', [_ast.Constant(func.attr), _ast.Constant(unshadowed), *args],
                                    keywords, self.visit(func.value))
            receiver = func.value
            if (isinstance(receiver, _ast.Call) and isinstance(receiver.func, _ast.Name) and receiver.func.id == self.cls_param
                    and not receiver.args and not receiver.keywords):
                # `cls().assertEqual(...)` in a hidden classmethod (setUpClass: no instance to
                # assert with): the case it makes counts there (asserts.fixture_case)
                return _helper_call(_today(func.attr), args, keywords,
                                    _helper_call('fixture_case', [self.visit(receiver)]))
            return _helper_call(_today(func.attr), args, keywords, self.visit(func.value))
        if (isinstance(func, _ast.Name) and func.id == 'getattr' and self.bound is not None and 'getattr' not in self.bound
                and 2 <= len(node.args) <= 3 and not node.keywords
                and not any(isinstance(a, _ast.Starred) for a in node.args)):
            # `getattr(self, 'assertEqual')`: an assertion reached by name is bound as strictly as
            # `self.assertEqual` written in place (asserts.strict_getattr)
            return _ast.copy_location(_helper_call('getattr', [self.visit(a) for a in node.args]), node)
        if (isinstance(func, _ast.Name) and func.id in _CODE_RUNNERS and self._is_builtin(func.id) and not node.keywords
                and 2 <= len(node.args) <= 3 and not any(isinstance(a, _ast.Starred) for a in node.args)):
            # `exec(source, {'__name__': '__main__'})` (CodeRunner-style suites running the
            # submission's source under `patch('builtins.input', ...)`): the code gets hidden
            # code's builtins but the live input/print/open (asserts.run_code)
            return _ast.copy_location(_helper_call(func.id, [self.visit(a) for a in node.args], (),
                                                   _ast.Name('__builtins__', _ast.Load())), node)
        if isinstance(func, _ast.Name) and func.id in _ATTRIBUTE_WRITERS and self._is_builtin(func.id) and not node.keywords:
            # `setattr(sys, 'stdout', buf)`: like `sys.stdout = buf`, it must reach the real module;
            # at the module's top level (`setattr(T, 'test_' + name, make(data))`), like
            # `T.x = ...` there (_class_stored), the class's dict as the runner reads it follows
            op = ('module_' if self.scope == 'module' else '') + func.id
            return _ast.copy_location(_helper_call(op, [self.visit(a) for a in node.args]), node)
        self.generic_visit(node)
        if (isinstance(func, _ast.Attribute) and func.attr in _PATCHES_AN_OBJECT and node.args
                and _ast.unparse(func.value) in self.patch_names):
            # patch.object(random, 'randint', ...), patch.multiple(sys, stdout=buf): the module
            # the submission uses, not hidden code's pristine copy of it (asserts.real_module)
            node.args[0] = _ast.copy_location(_helper_call('real_module', [node.args[0]]), node.args[0])
            return node
        written_func = _ast.unparse(func) if isinstance(func, (_ast.Name, _ast.Attribute)) else ''
        if written_func.partition('.')[0] in self.local_names:
            written_func = ''  # a local or parameter of that name (`for call in calls: call()`): a call through a value
        if written_func in self.call_names or written_func.partition('.call.')[0] + '.call' in self.call_names \
                or (written_func.startswith('call.') and 'call' in self.call_names):
            # `mock.call('b', 1)`, `call.method(x)`: unittest.mock's classes are checked right before
            # _Call.__call__ runs (asserts.helper 'mock_call'; red2-self-restoring-mock-patch)
            return _ast.copy_location(_helper_call('mock_call', [func, *node.args], node.keywords), node)
        if (isinstance(func, _ast.Name) and func.id == 'suppress') or (isinstance(func, _ast.Attribute) and func.attr == 'suppress'):
            # `ignoring = suppress(AssertionError)` then `with ignoring:`, a helper that returns
            # one, `with (suppress(E) if lenient else nullcontext()):`: a contextlib.suppress that
            # hidden code made is the author's wherever its `with` statement is (asserts.suppress_made;
            # one the submission hands out is not: asserts.author_manager)
            # (contextlib's managers checked before the call: asserts.managers_intact)
            return _ast.copy_location(_helper_call('suppress_made', [_helper_call('managers_intact', []), node]), node)
        if (isinstance(func, _ast.Attribute) and func.attr in ('count', 'index') and func.attr not in self.class_methods
                and not node.keywords and 1 <= len(node.args) <= (1 if func.attr == 'count' else 3)
                and not any(isinstance(a, _ast.Starred) for a in node.args)):
            # `result.count('a')`, `WORDS.index(pick())`: C compares inside list.count/index with
            # the element's own __eq__; on an exact list or tuple the helper compares as hidden
            # code's `==` does (asserts.sequence_method), anything else calls the method
            return _ast.copy_location(_helper_call('seq_method', [func.value, _ast.Constant(func.attr), *node.args]), node)
        if (isinstance(func, _ast.Attribute) and func.attr == 'doCleanups' and not node.args and not node.keywords
                and func.attr not in self.class_methods):
            # unittest records a cleanup that fails here and the test goes on (asserts.own_cleanups)
            return _helper_call('doCleanups', [], (), func.value)
        if (isinstance(func, _ast.Attribute) and isinstance(func.value, _ast.Name) and func.value.id == 'self'
                and func.attr in self.class_methods):
            # `self.check(...)` of a method this hidden class defines: the function as the class
            # was created for this test, never one learner code put on the class since
            # (own_class_method: hidden code never stores an attribute of that name, so one on the
            # instance is none of its doing and does not shadow the method: _instance_names)
            op = 'own_method' if self.instance_names is None or func.attr in self.instance_names else 'own_class_method'
            return _helper_call(op, [func.value, _ast.Constant(func.attr), *node.args], node.keywords)
        written = func.attr if isinstance(func, _ast.Attribute) else func.id if isinstance(func, _ast.Name) else None
        called = written
        if isinstance(func, _ast.Name) and called not in self.module_functions:
            # only a module-level def is a hidden test called by its name; `test(self)` in a
            # decorator's wrapper calls a parameter (the runner's entry is the wrapped test's)
            called = None
        if (isinstance(func, _ast.Name) and func.id in self.module_classes and func.id not in self.local_names
                and self.instance_guard != ''):
            # `Approx(2.5)`: an instance hidden code makes of its own module-level class is
            # recorded (asserts.record_instance): only such a matcher answers against data
            # (values.hidden_matcher), never one learner code made of the class it found, nor
            # one a method of the matcher made for a learner-made one (`within(inf)`)
            guard = [] if self.instance_guard is None else [_ast.Name(self.instance_guard, _ast.Load())]
            # the class is checked before the call runs its __init__ (asserts.record_instance)
            intact = _helper_call('class_intact', [_ast.Name(func.id, _ast.Load())])
            # and again after its arguments, the last `**` of the call (limits10-manager-routes)
            node.keywords.append(_ast.keyword(None, _helper_call('class_intact', [_ast.Name(func.id, _ast.Load()),
                                                                                  _ast.Constant(True)])))
            return _ast.copy_location(_helper_call('instance', [intact, node, *guard]), node)
        if called is not None and called.startswith('test'):
            # a hidden test called by hidden code may start (asserts.enter_test, armed_call)
            return _helper_call('call_test', [_ast.Constant(called), func, *node.args], node.keywords)
        if ((written is None and not isinstance(func, _ast.Constant))  # (a Constant: the helper's own calls)
                or (isinstance(func, _ast.Attribute) and written in ('run', 'debug', '__call__'))
                or (isinstance(func, _ast.Name) and written in self.local_names)):
            # a call through a value (`getattr(self, name)()`, a local `check()`, `fn.__call__(self)`),
            # or unittest run by hidden code (`Inner('test_add').run(result)`): what it starts is
            # hidden code's doing (asserts.value_call)
            return _helper_call('call_value', [func, *node.args], node.keywords)
        if _makes_spec_mock(node, self.local_names | self.param_names, self._spec_name):
            # `mock.MagicMock(spec=dict)`, `Mock(spec=io.StringIO)`, `create_autospec(Repo)`: a
            # mock the test makes answers isinstance() with its spec, any class (asserts.mock_made)
            return _ast.copy_location(_helper_call('mock_made', [node]), node)
        if (isinstance(func, _ast.Attribute) and func.attr in _HINTS_READERS
                or isinstance(func, _ast.Name) and func.id in _HINTS_READERS and func.id not in self.local_names):
            # `typing.get_type_hints(Node)` of a class of this module: resolved in the module's
            # namespace as CPython finds it in sys.modules (asserts.type_hints)
            hidden_globals = _ast.Call(_ast.Constant(BUILTIN_PREFIX + 'globals'), [], [])
            return _ast.copy_location(_helper_call('type_hints', [func, hidden_globals, *node.args], node.keywords), node)
        if isinstance(func, _ast.Attribute) and func.attr == 'proxy' or isinstance(func, _ast.Name) and func.id == 'proxy':
            # `weakref.proxy(bag)`: a proxy the test makes answers isinstance() with its
            # referent's type, as CPython's does (asserts.proxy_made)
            return _ast.copy_location(_helper_call('proxy_made', [func, *node.args], node.keywords), node)
        return node

    def visit_Assert(self, node):
        self.generic_visit(node)
        node.test = self._strict_truth(node.test)
        if self.scope != 'function':
            return node
        # `assert test, msg` in a function: `if not test: <the helper raises AssertionError(msg)>`,
        # which records the failure as its assertion methods' are (asserts.note_failure): one that
        # learner code swallows (a hidden callback's assert) still fails the test
        # (runner.unresolved_failure). The message is evaluated only on failure, as the statement's.
        failed = _helper_call('assert_failed', [node.msg] if node.msg is not None else [])
        check = _ast.If(_ast.UnaryOp(_ast.Not(), node.test), [_ast.Expr(failed)], [])
        return _ast.copy_location(check, node)

    def visit_ExceptHandler(self, node):
        """An except clause of a hidden function: it first tells the helper what it caught
        (asserts.released), so that a hidden assertion's failure the author catches on purpose
        (an either-or check, a hint re-raised) is no problem of the test, while one that learner
        code caught (a hidden callback's assertEqual inside the submission's try/except) still
        fails the test (runner.unresolved_failure). A clause without a name gets one (a local the
        handler deletes at its end, as Python does with any name there)."""
        self.generic_visit(node)
        if self.scope != 'function':
            return node
        if node.name is None:
            self.handlers += 1
            node.name = '__grader_caught_%d__' % self.handlers
        tell = _ast.Expr(_helper_call('caught', [_ast.Name(node.name, _ast.Load())]))
        node.body.insert(0, _ast.copy_location(tell, node))
        return node

    def _strict_truth(self, expr):
        if _is_helper(expr):
            return expr
        if isinstance(expr, _ast.Compare):  # only identity ops are left: an exact bool
            return expr
        if isinstance(expr, _ast.UnaryOp) and isinstance(expr.op, _ast.Not):
            return _ast.UnaryOp(_ast.Not(), self._strict_truth(expr.operand))
        if isinstance(expr, _ast.BoolOp):
            return _ast.BoolOp(expr.op, [self._strict_truth(v) for v in expr.values])
        return _helper_call('truth', [expr])

    def _constant_assertion(self, statement):
        """`self.fail('...')`, `self.assertEqual(1, 2)`: an assertion method of unittest's TestCase
        (no class of the module defines one of that name) whose arguments are all literals, as a
        statement. First in a `with` body it fails for every submission once the managers are
        entered, and checks nothing of it (_suppression_checked)."""
        if not (isinstance(statement, _ast.Expr) and isinstance(statement.value, _ast.Call)):
            return False
        call = statement.value
        func = call.func
        # not a mock's assertion (`save.assert_not_called()`, `save.assert_called_once_with('x')`:
        # all of them `assert_...`, TestCase's are camelCase): it checks what the submission did
        # with the mock (red14-constant-first-mock-assert)
        return (isinstance(func, _ast.Attribute) and func.attr in self.assert_methods
                and not func.attr.startswith('assert_')
                and func.attr not in self.class_methods and isinstance(func.value, _ast.Name)
                and all(isinstance(a, _ast.Constant) for a in call.args)
                and all(k.arg is not None and isinstance(k.value, _ast.Constant) for k in call.keywords))

    def _suppression_checked(self, node, constant=False):
        """A `with` of hidden code, its managers kept in locals: when the body raised and the
        managers suppressed it, the helper decides after the statement whether that may be
        (asserts.with_suppressed: a hidden assertion's failure stands unless the author's own
        manager swallowed it). Nothing runs while the exception is the handled one.
        `constant`: the body starts with an assertion of literals only (_constant_assertion:
        `with ignored(AssertionError): self.fail('swallowed')`, a suite testing a suppressing
        manager), whose failure, the same for every submission, any manager may suppress as in
        CPython (hunt8-context-suppression); it is kept in a local to be told from the others."""
        self.withs += 1
        caught = '__grader_with_%d__' % self.withs
        first = '__grader_with_first_%d__' % self.withs
        managers = []
        for i, item in enumerate(node.items):
            name = '__grader_cm_%d_%d__' % (self.withs, i)
            # (manager, the author's?) kept; the statement enters the manager itself
            # `with suppress(...)`/`contextlib.suppress(...)` written here: the author's own choice
            # (a suppress the submission hands out is not: asserts.author_manager); contextlib's
            # managers are checked before the expression makes one (asserts.managers_intact)
            func = item.context_expr.func if isinstance(item.context_expr, _ast.Call) else None
            suppress_call = (isinstance(func, _ast.Name) and func.id == 'suppress') or \
                (isinstance(func, _ast.Attribute) and func.attr == 'suppress')
            kept = _ast.NamedExpr(_ast.Name(name, _ast.Store()), _helper_call(
                'with_manager', [_helper_call('managers_intact', []), item.context_expr, _ast.Constant(suppress_call)]))
            item.context_expr = _ast.Subscript(kept, _ast.Constant(0), _ast.Load())
            managers.append(_ast.Name(name, _ast.Load()))
        exc = '__grader_with_exc__'
        kinds = self.visit(_ast.Name('BaseException', _ast.Load()))
        if constant:
            keep_first = _ast.Assign([_ast.Name(first, _ast.Store())], _ast.Name(exc, _ast.Load()))
            node.body[0] = _ast.copy_location(
                _ast.Try([node.body[0]], [_ast.ExceptHandler(kinds, exc, [keep_first, _ast.Raise()])], [], []), node.body[0])
        keep = _ast.Assign([_ast.Name(caught, _ast.Store())], _ast.Name(exc, _ast.Load()))
        node.body = [_ast.Try(node.body, [_ast.ExceptHandler(kinds, exc, [keep, _ast.Raise()])], [], [])]
        reset = _ast.Assign([_ast.Name(caught, _ast.Store())], _ast.Constant(None))
        reset_first = _ast.Assign([_ast.Name(first, _ast.Store())], _ast.Constant(None))
        check = _ast.If(_ast.Compare(_ast.Name(caught, _ast.Load()), [_ast.IsNot()], [_ast.Constant(None)]),
                        [_ast.Expr(_helper_call('with_suppressed', [_ast.Name(caught, _ast.Load()),
                                                                    _ast.Tuple(managers, _ast.Load()),
                                                                    _ast.Name(first, _ast.Load())]))], [])
        return [_ast.copy_location(reset, node), _ast.copy_location(reset_first, node), node, _ast.copy_location(check, node)]

    def _follow_patches(self, node):
        """`with mock.patch('builtins.print') as fake:`, `with patch('random.randint',
        return_value=6):`, `with patch.object(sys, 'platform', 'win32'):` in a hidden function:
        hidden code reads its pristine builtins and module copies, so its own `print(...)`,
        `random.randint(1, 6)` or `sys.platform` in the body missed the author's patch, which
        reached only the submission (hunt7-hidden-reads-patched-sys, hunt7-module-namespace).
        What the patcher enters is kept in a name of its own, and the body's reads of the patched
        name give the live value when it is that very object (asserts.patched_read), never
        something learner code put there since; unittest.mock's classes are checked right before
        the patcher is entered (asserts.patch_made), so its __enter__ is mock's own."""
        targets = {}
        for at, item in enumerate(node.items):
            target = _patched_target(item.context_expr, self.patch_names)
            if target is None:
                continue
            self.patches += 1
            entered = '__grader_patch_%d__' % self.patches
            item.context_expr = _ast.copy_location(_helper_call('patch_made', [item.context_expr]), item.context_expr)
            targets[target] = entered
            if item.optional_vars is not None:
                # `with patch('time.sleep') as fake, patch('solution.sleep', fake):` is
                # `with patch(...) as <entered>: fake = <entered>; with patch('solution.sleep', fake):`
                # (a `with` of several items is those statements nested, in order)
                keep = _ast.copy_location(_ast.Assign([item.optional_vars], _ast.Name(entered, _ast.Load())), node)
                item.optional_vars = _ast.Name(entered, _ast.Store())
                later, node.items = node.items[at + 1:], node.items[:at + 1]
                node.body = [keep] + ([_ast.copy_location(_ast.With(later, node.body), node)] if later else node.body)
                break
            item.optional_vars = _ast.Name(entered, _ast.Store())
        if targets:
            reads = _PatchedReads(targets, self._is_builtin)
            node.body = [reads.visit(statement) for statement in node.body]

    def visit_With(self, node):
        if self.scope == 'function':
            self._follow_patches(node)
        at = next((i for i, item in enumerate(node.items) if _is_subtest(item)), None)
        if at is not None and len(node.items) > 1:
            # `with A, self.subTest(), B:` is `with A: with self.subTest(): with B:`; the subtest
            # must be a statement of its own for the branch below (it swallows what B raises)
            body = node.body
            if at + 1 < len(node.items):
                body = [_ast.copy_location(_ast.With(node.items[at + 1:], body), node)]
            nested = _ast.copy_location(_ast.With([node.items[at]], body), node)
            if at > 0:
                nested = _ast.copy_location(_ast.With(node.items[:at], [nested]), node)
            return self.visit(nested)
        if _is_subtest(node.items[0]):
            # unittest's subTest records a skip (self.skipTest in the subtest), a failure or an
            # error, and the test goes on (the first problem is the test's verdict; an
            # expectedFailure test stops at it). The runner gives the case no _outcome, so
            # subTest() only yields: what ends the body is caught here and the helper records it
            # when the subtest is the running test case's (asserts: 'subtest_skip'); anything
            # else goes on as before.
            # Nothing runs while the exception is the handled one (as runner.attempt): it is
            # stored, and looked at after the handler.
            owner = node.items[0].context_expr.func.value  # the test case, when it is a name
            owner = _ast.Name(owner.id, _ast.Load()) if isinstance(owner, _ast.Name) else _ast.Constant(None)
            self.generic_visit(node)
            self.subtests += 1
            caught, kept = '__grader_sub__', '__grader_sub_%d__' % self.subtests
            kinds = self.visit(_ast.Name('BaseException', _ast.Load()))
            store = _ast.Assign([_ast.Name(kept, _ast.Store())], _ast.Name(caught, _ast.Load()))
            check = _helper_call('subtest_skip', [_ast.Name(kept, _ast.Load()), owner])
            node.body = [
                _ast.Assign([_ast.Name(kept, _ast.Store())], _ast.Constant(None)),
                _ast.Try(node.body, [_ast.ExceptHandler(kinds, caught, [store])], [], []),
                _ast.If(_ast.BoolOp(_ast.And(), [_ast.Compare(_ast.Name(kept, _ast.Load()), [_ast.IsNot()], [_ast.Constant(None)]),
                                                 _ast.UnaryOp(_ast.Not(), check)]),
                        [_ast.Raise(_ast.Name(kept, _ast.Load()))], []),
            ]
            return node
        call = _raises_context(node.items[0]) if len(node.items) == 1 else None
        if call is None:
            constant = self.scope == 'function' and self._constant_assertion(node.body[0])
            self.generic_visit(node)
            return self._suppression_checked(node, constant) if self.scope == 'function' else node
        item = node.items[0]
        node.items = []  # visit the body only: the assertRaises call itself becomes a try
        self.generic_visit(node)
        # unittest shows expected.__name__, or str(expected) for a tuple (`json.JSONDecodeError`
        # shows as JSONDecodeError): names and attributes are looked up when nothing was raised
        # (the except clause looks them up only when something was: never twice)
        first = call.args[0]
        text = _ast.Constant(_ast.unparse(first))  # before builtins become sentinel constants
        looked_up = (_ast.Name, _ast.Attribute)
        if isinstance(first, looked_up) or (isinstance(first, _ast.Tuple) and all(isinstance(e, looked_up) for e in first.elts)):
            shown = self.visit(_copy.deepcopy(first))
        else:
            shown = text
        call.args = [self.visit(arg) for arg in call.args]
        exc_name = '__grader_exc__'
        handler_body = []
        target = item.optional_vars
        # 'raised' drops the exception's traceback, as unittest does, with or without `as cm`
        kept = _helper_call('raised', [_ast.Name(exc_name, _ast.Load())])
        handler_body.append(_ast.Assign([target], kept) if target is not None else _ast.Expr(kept))
        if len(call.args) == 2:
            handler_body.append(_ast.Expr(_helper_call('raisedRegex', [
                _ast.Name(exc_name, _ast.Load()), call.args[1]])))
        msg = next((k.value for k in call.keywords if k.arg == 'msg'), _ast.Constant(None))
        # "not raised" also when the body leaves by return, break or continue (the with
        # statement's __exit__ runs then too; a try's else clause would not): a flag set by the
        # handlers, looked at in finally. Another exception goes through unchanged.
        self.raises += 1
        left = '__grader_raises_%d__' % self.raises
        flag = lambda value: _ast.Assign([_ast.Name(left, _ast.Store())], _ast.Constant(value))
        handler_body.insert(0, flag(False))
        handler = _ast.ExceptHandler(call.args[0], exc_name, handler_body)
        other = _ast.ExceptHandler(self.visit(_ast.Name('BaseException', _ast.Load())), None, [flag(False), _ast.Raise()])
        check = _ast.If(_ast.Name(left, _ast.Load()), [_ast.Expr(_helper_call('not_raised', [shown, msg, text]))], [])
        return [_ast.copy_location(flag(True), node), _ast.Try(node.body, [handler, other], [], [check])]


def _inject(code, helper, builtins, made=None):
    new = code.replace(co_consts=tuple([_inject_const(c, helper, builtins, made) for c in code.co_consts]))
    if made is not None:  # every code object so made, nested ones first (runner.load_hidden)
        made.append(new)
    return new


def _inject_const(c, helper, builtins, made=None):
    """A constant with its sentinels replaced; the compiler folds `(int, float)` or `{int, str}`
    into one tuple or frozenset constant, so those are looked into too. `helper`: (the helper,
    its one-operator comparison). (Per job, for every constant of the suite: its type is asked
    once.)"""
    kind = type(c)
    if kind is str:
        if c == SENTINEL:
            return helper[0]
        if c == COMPARE_SENTINEL:
            return helper[1]
        if c.startswith(BUILTIN_PREFIX):
            return builtins[c[len(BUILTIN_PREFIX):]]
        return c
    if kind is tuple:
        return tuple(_inject_const(x, helper, builtins) for x in c)
    if kind is frozenset:
        return frozenset(_inject_const(x, helper, builtins) for x in c)
    if isinstance(c, _types.CodeType):  # a code constant of a code object (not one inside a tuple)
        return _inject(c, helper, builtins, made)
    return c


# Names through which code can store an attribute whose name it computes (`setattr(self, name,
# f)`, `self.__dict__[name] = f`, `vars(self).update(...)`): with one of them in hidden code, any
# attribute of a test case may be hidden code's own (_instance_names).
_DYNAMIC_WRITERS = frozenset({'setattr', '__dict__', 'vars', '__setattr__'})


def _instance_names(tree):
    """The attribute names hidden code may store on an object (a test case): every attribute it
    assigns or deletes (`self.check = ...`), every string constant (`setattr(self, 'check', f)`,
    `patch.object(self, 'check')`) and every keyword name (`patch.multiple(self, check=...)`);
    None when it can store names it computes (_DYNAMIC_WRITERS). An
    instance attribute of a test case named like a hidden method but none of these was put there
    by other code: visit_Call's `self.check(...)` then calls the class's function
    (asserts.own_method; red4-instance-attribute-plant)."""
    names = set()
    for node in _ast.walk(tree):
        if isinstance(node, _ast.Attribute):
            if node.attr in _DYNAMIC_WRITERS:
                return None
            if not isinstance(node.ctx, _ast.Load):
                names.add(node.attr)
        elif isinstance(node, _ast.Name) and node.id in _DYNAMIC_WRITERS:
            return None
        elif isinstance(node, _ast.Constant) and isinstance(node.value, str):
            names.add(node.value)
        elif isinstance(node, _ast.keyword) and node.arg is not None:
            names.add(node.arg)
    return frozenset(names)


def compile_rewritten(source, filename, mode, assert_methods, builtin_names=frozenset(), test_module=False):
    """Parse, rewrite and compile hidden code; the sentinels still stand for the helper and the
    builtins, so the code object can be marshalled (the worker caches it per test suite)."""
    tree = _ast.parse(source, filename, mode)
    rewriter = StrictRewriter(assert_methods, builtin_names, _bound_names(tree))
    rewriter.skip_names = _skip_names(tree)
    rewriter.stored_skips = frozenset(_stored_skips(tree, rewriter.skip_names))
    rewriter.test_module = test_module
    rewriter.instance_names = _instance_names(tree)  # before the passes below add their own constants
    rewriter.patch_names = _patch_names(tree)
    rewriter.call_names = _call_names(tree)
    rewriter.stringified_annotations = isinstance(tree, _ast.Module) and any(
        isinstance(item, _ast.ImportFrom) and item.module == '__future__' and any(a.name == 'annotations' for a in item.names)
        for item in tree.body)
    if isinstance(tree, _ast.Module):
        _author_rebinding(tree)
        _module_class_stores(tree)
        _write_through(tree)
    if test_module:
        for item in tree.body:  # function-style tests at the test module's top level (a support
            # module's test_... functions are helpers the tests call)
            if _is_test_function(item):
                _guard_test_entry(item, _ast.Constant(None))
    rewriter.module_functions = frozenset(item.name for item in (tree.body if isinstance(tree, _ast.Module) else ())
                                          if isinstance(item, (_ast.FunctionDef, _ast.AsyncFunctionDef)))
    rewriter.module_classes = frozenset(item.name for item in (tree.body if isinstance(tree, _ast.Module) else ())
                                        if isinstance(item, _ast.ClassDef))
    rewriter.stdlib_names = _stdlib_names(tree)
    rewriter.imported_names = _imported_names(tree)
    rewriter.module_methods = frozenset(item.name for node in _ast.walk(tree) if isinstance(node, _ast.ClassDef)
                                        for item in node.body if isinstance(item, (_ast.FunctionDef, _ast.AsyncFunctionDef)))
    tree = _ast.fix_missing_locations(rewriter.visit(tree))
    with _warnings.catch_warnings():
        _warnings.simplefilter('ignore')
        return compile(tree, filename, mode, dont_inherit=True)


def _static_mark(decorators):
    for d in decorators:
        name = _ast.unparse(d.func if isinstance(d, _ast.Call) else d)
        if name in ('unittest.skip', 'skip') and isinstance(d, _ast.Call):
            reason = d.args[0] if d.args else None
            return ('skip', reason.value if isinstance(reason, _ast.Constant) and isinstance(reason.value, str) else '')
        if name in ('unittest.expectedFailure', 'expectedFailure'):
            return ('xfail', '')
    return None


def static_marks(source):
    """{test name: (kind, reason)} of the unconditional `@unittest.skip(...)` and
    `@unittest.expectedFailure` decorators, read from the source: the marks of a module that
    cannot run against the compile step's stand-in for the submission."""
    marks = {}
    for node in _ast.parse(source).body:
        if isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef)):
            mark = _static_mark(node.decorator_list)
            if mark:
                marks[node.name] = mark
        elif isinstance(node, _ast.ClassDef):
            own = _static_mark(node.decorator_list)
            for item in node.body:
                if isinstance(item, (_ast.FunctionDef, _ast.AsyncFunctionDef)):
                    mark = own if own and own[0] == 'skip' else _static_mark(item.decorator_list) or own
                    if mark:
                        marks[node.name + '.' + item.name] = mark
    return marks


def imported_modules(source):
    """The absolute module names hidden code imports (`import a.b`, `from a import b`): imported
    and snapshotted before the submission runs (runner.snapshot_imports), so a module that is not
    preloaded cannot be planted in sys.modules by learner code."""
    names = set()
    for node in _ast.walk(_ast.parse(source)):
        if isinstance(node, _ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, _ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(node.module + '.' + alias.name for alias in node.names if alias.name != '*')
    return sorted(names)


def inject_helper(code, helper, builtins, made=None):
    """The helper objects ((the helper, its one-operator comparison)) and the pristine builtins
    (a mapping) replace their sentinels in the constants of `code` and nested code. `made`, a
    list, gets the new code objects: `code`'s and those among the constants of each, nested."""
    return None if code is None else _inject(code, helper, builtins, made)


class RaisesContext:
    """What `self.assertRaises(X)` returns when it is not written in a `with` statement (a
    helper method returns it and the test uses it later in `with cm:`). unittest's own context
    manager reads frames (vetoed here) and lives in a module learner code can patch; this one
    does only what the rewritten `with` does. A change to this class during a test is reported
    as tampering (runner.py)."""
    __slots__ = ('_kinds', '_name', '_pattern', '_msg', 'exception')

    def __init__(self, kinds, name, pattern, msg):
        self._kinds, self._name, self._pattern, self._msg = kinds, name, pattern, msg

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            text = self._name + ' not raised'
            raise AssertionError(text if self._msg is None else text + ' : ' + str(self._msg))
        # the real class, as the rewritten `with` statement's except clause and the callable
        # form check it: issubclass() asks the expected class's metaclass, which a learner
        # exception class may make answer True for anything (redmerge-raises-context-metaclass)
        if not any(type.__subclasscheck__(kind, exc_type) for kind in self._kinds):
            return False
        if self._pattern is not None and self._pattern.search(str(exc)) is None:
            raise AssertionError('"%s" does not match "%s"' % (self._pattern.pattern, str(exc)))
        self.exception = BaseException.with_traceback(exc, None)  # unittest drops it too
        return True



class SubTestContext:
    """What unittest.TestCase.subTest returns on the running test case (asserts.subtest_method):
    unittest's own subTest records a failure, an error or a skip of its body and the test goes
    on, but only with the _outcome of unittest's runner, which the runner here does not give the
    case; a `with self.subTest(...)` statement is rewritten for that (rewrite.visit_With), and
    this covers the other ways in (`with unittest.TestCase.subTest(self, ...)`, `sub =
    self.subTest`, ExitStack.enter_context). Its __exit__ is replaced at boot by a sealed
    function (asserts.subtest_exit); a change to this class during a test is tampering
    (support.testcase_intact)."""
    __slots__ = ('_case',)

    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        return False
