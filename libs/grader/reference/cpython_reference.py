"""Runs a grading job's tests under the machine's real CPython, plainly, for comparison with the
engine (src/cpython-reference.ts). Author-written code only (reference and wrong solutions,
fixtures): there is no sandbox here.

usage: python3 -I -S cpython_reference.py <job.json> <results.jsonl>
       python3 -I -S cpython_reference.py --serve   (a fork per job: see serve())

Like the engine: the submission is imported once before the tests, as the job's import (the
declarative cases use it; a syntax error, a timeout or a MemoryError there fails every test).
An import that raised otherwise (input() at the top of a script, sys.exit()) fails the cases
only: as under `python -m unittest`, a module test imports the submission itself (it is not in
sys.modules after a failed import, so the test's `import` runs it again, inside the test's
patches). Each module test re-executes the test module
in a fresh module `__grader_tests__` (unittest methods run through unittest itself, fixtures and
skips included); a declarative case runs `setup`, then `expr` or `call(*args, **kwargs)`, in a
namespace holding the submission's public names, and passes when `value == expected` (the
expected JSON, `$` escapes decoded), the expected exception was raised, and the output matches.
One JSON line per test: {"name", "status": pass|fail|error|timeout|memory_limit|skipped, "message"}.
"""
import builtins
import datetime
import decimal
import fractions
import importlib
import io
import json
import os
import random
import signal
import sys
import time
import traceback
import types
import unittest


class TestTimeout(KeyboardInterrupt):
    """Raised by the per-test timer; a KeyboardInterrupt so that unittest lets it through."""


ESCAPES = {
    '$float': float, '$int': int,
    '$tuple': lambda v: tuple(decode(x) for x in v),
    '$set': lambda v: set(decode(x) for x in v),
    '$frozenset': lambda v: frozenset(decode(x) for x in v),
    '$dict': lambda v: {decode(k): decode(x) for k, x in v},
    '$bytes': lambda v: bytes.fromhex(v),
    '$complex': lambda v: complex(v.replace(' ', '')),
    '$decimal': decimal.Decimal, '$fraction': fractions.Fraction,
    '$date': lambda v: datetime.date.fromisoformat(v),
    '$datetime': lambda v: datetime.datetime.fromisoformat(v.replace('Z', '+00:00')),
    '$time': lambda v: datetime.time.fromisoformat(v.replace('Z', '+00:00')),
    '$timedelta': lambda v: datetime.timedelta(*(v if isinstance(v, list) else [v])),
}


def decode(value, integral_floats=False):
    """JSON with the engine's `$` escapes -> Python. For expected values, a JSON number without a
    fraction is an int, as the host reads it (JSON.parse cannot tell 5.0 from 5)."""
    if isinstance(value, list):
        return [decode(v, integral_floats) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key in ESCAPES:
                return ESCAPES[key](inner)
        return {k: decode(v, integral_floats) for k, v in value.items()}
    if integral_floats and type(value) is float and value.is_integer():
        return int(value)
    return value


def same_types(a, b):
    """exactType: the same exact types, recursively (checked after `a == b`)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return all(same_types(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        keys = {k: k for k in b}
        return all(k in keys and same_types(k, keys[k]) and same_types(v, b[k]) for k, v in a.items())
    if isinstance(a, (set, frozenset)):
        keys = {k: k for k in b}
        return all(k in keys and same_types(k, keys[k]) for k in a)
    return True


def normalise_output(text):
    lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    return '\n'.join(line.rstrip() for line in lines).rstrip()


def describe(exc):
    text = ''.join(traceback.format_exception_only(type(exc), exc)).strip()
    return text[:2000]


class Outcome(unittest.TestResult):
    """unittest's result, keeping the first failure or error with its exception's message."""

    def __init__(self):
        super().__init__()
        self.problem = None

    def record(self, kind, err):
        if self.problem is None:
            self.problem = (kind, describe(err[1]))

    def addError(self, test, err):
        super().addError(test, err)
        self.record('error', err)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record('fail', err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.record('fail' if issubclass(err[0], test.failureException) else 'error', err)


class Runner:
    def __init__(self, job):
        self.job = job
        self.limit_s = job['limits']['timeMsPerTest'] / 1000.0
        self.module = None
        self.broken = None
        self.import_failed = None
        self.clock = None

    def install_clock(self):
        start = self.job.get('virtualClock')
        if not start:
            return
        state = [float(start['start'])]
        self.clock = (state, float(start['start']))

        def now():
            return state[0]

        def now_ns():
            return int(state[0] * 1e9)

        def sleep(seconds):
            if type(seconds) is not int and type(seconds) is not float:
                raise TypeError('sleep() needs an int or float')
            if seconds < 0:
                raise ValueError('sleep length must be non-negative')
            state[0] += seconds

        for name in ('time', 'monotonic', 'perf_counter'):
            setattr(time, name, now)
            setattr(time, name + '_ns', now_ns)
        time.sleep = sleep

    def timed(self, fn, *args):
        """fn(*args) under the per-test time limit; the timer always stops."""
        def expire(signum, frame):
            raise TestTimeout()
        signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.limit_s)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def begin(self):
        random.seed(self.job.get('seed') or 0)
        sys.setrecursionlimit(self.job['limits']['recursionLimit'] + 60)
        self.install_clock()
        out = io.StringIO()
        sys.stdout = sys.stderr = out
        try:
            self.module = self.timed(importlib.import_module, self.job['moduleName'])
        except BaseException as exc:
            message = 'the submission could not be imported: ' + describe(exc)
            if isinstance(exc, (SyntaxError, KeyboardInterrupt, MemoryError)):
                self.broken = message
            else:
                self.import_failed = message
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__

    def run(self, index, spec):
        if self.broken:
            return 'error', self.broken
        if self.import_failed and spec['kind'] != 'module':
            return 'error', self.import_failed
        if self.clock:
            self.clock[0][0] = self.clock[1]
        out = io.StringIO()
        sys.stdout = sys.stderr = out
        try:
            if spec['kind'] == 'module':
                return self.timed(self.module_test, spec['name'])
            return self.timed(self.case, spec, out)
        except TestTimeout:
            return 'timeout', 'the time limit was exceeded'
        except MemoryError:
            return 'memory_limit', 'MemoryError'
        except AssertionError as exc:
            return 'fail', describe(exc)
        except unittest.SkipTest as exc:
            return 'skipped', describe(exc)
        except BaseException as exc:
            return 'error', describe(exc)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__

    def module_test(self, name):
        source = self.job.get('testModule')
        if not source:
            return 'error', 'the job has no test module'
        tests = types.ModuleType('__grader_tests__')
        tests.__file__ = 'hidden_tests.py'
        sys.modules['__grader_tests__'] = tests
        exec(compile(source, 'hidden_tests.py', 'exec'), tests.__dict__)
        cls_name, _, method = name.partition('.')
        target = tests.__dict__.get(cls_name)
        if not method:
            target()
            return 'pass', ''
        result = Outcome()
        unittest.TestSuite([target(method)]).run(result)
        if result.problem is not None:
            return result.problem
        if result.unexpectedSuccesses:
            return 'fail', 'unexpected success'
        if result.skipped:
            return 'skipped', result.skipped[0][1]
        return 'pass', ''

    def case(self, spec, out):
        ns = {'__name__': '__grader_case__'}
        for key, value in list(vars(self.module).items()):
            if not key.startswith('_'):
                ns[key] = value
        ns[self.job['moduleName']] = self.module
        raised = None
        try:
            if spec.get('setup'):
                exec(compile(spec['setup'], 'setup', 'exec'), ns)
            if spec.get('expr'):
                value = eval(compile(spec['expr'], 'expr', 'eval'), ns)
            else:
                head, *rest = spec['call'].split('.')
                fn = ns[head]
                for part in rest:
                    fn = getattr(fn, part)
                value = fn(*decode(spec.get('args') or []), **decode(spec.get('kwargs') or {}))
        except Exception as exc:
            if not spec.get('raises'):
                raise
            raised = exc
        if spec.get('raises'):
            if raised is None:
                return 'fail', 'expected %s to be raised, but nothing was raised' % spec['raises']
            wanted = getattr(builtins, spec['raises'], None) or vars(self.module).get(spec['raises'])
            if not (isinstance(wanted, type) and isinstance(raised, wanted)):
                return 'fail', 'expected %s to be raised, got %s' % (spec['raises'], type(raised).__name__)
        elif 'expected' in spec:
            expected = decode(spec['expected'], integral_floats=True)
            if not value == expected:
                return 'fail', assert_equal_message(value, expected)
            if spec.get('exactType') and not same_types(value, expected):
                return 'fail', 'the types differ'
        if 'output' in spec and normalise_output(out.getvalue()) != normalise_output(spec['output']):
            return 'fail', 'the output differs'
        return 'pass', ''


def assert_equal_message(value, expected):
    """A failed case's message as docs/authoring.md specifies it: unittest's for
    `assertEqual(value, expected)` ("Lists differ: ...", "First differing element 1:", the
    items of assertSetEqual, reprs shortened around the difference), up to its diff: the host
    lays out no pprint/ndiff diff (src/python-repr.ts notEqualMessage), so unittest's own
    `_truncateMessage` is asked for the standard part alone."""
    case = unittest.TestCase()
    case._truncateMessage = lambda message, diff: message
    try:
        case.assertEqual(value, expected)
    except AssertionError as e:
        return str(e)
    except Exception:  # noqa: BLE001 - pprint's sort of Decimal NaN keys raises; the case still fails
        pass
    return '%r != %r' % (value, expected)


def main(job_path, results_path):
    with open(job_path, encoding='utf-8') as f:
        job = json.load(f)
    sys.path.insert(0, os.path.dirname(os.path.abspath(job_path)))  # -I leaves it out
    # -S leaves out site, and with it the builtins exit() and quit() that a learner's
    # `python3 program.py` has (hunt6-main-programs): only those, no site paths.
    import site
    site.setquit()
    runner = Runner(job)
    runner.begin()
    with open(results_path, 'w', encoding='utf-8') as results:
        for index, spec in enumerate(job['tests']):
            status, message = runner.run(index, spec)
            results.write(json.dumps({'name': spec['name'], 'status': status, 'message': message}) + '\n')
            results.flush()


def serve():
    """`--serve`: start once, fork once per job. Each request on stdin is one JSON line
    {"args": [job.json, results.jsonl], "cwd", "env", "stderr": file}; the reply is two lines,
    the child's pid when it starts and its exit status when it ends. The parent only reads
    requests and forks: it never runs job code, so no job sees another's state. The child turns
    itself into what `python3 -I -S cpython_reference.py <job.json> <results.jsonl>` with stdin
    and stdout on /dev/null, in `cwd`, with `env`, would be at the line below, having imported
    the same modules, and returns there: `main` then runs at the same stack depth (the recursion
    limit is counted from it) and the child ends through the interpreter's own shutdown. Not the
    same: the child's hash seed is the server's (each fresh process draws its own), stderr goes to
    a file instead of a pipe, and its parent is the server (src/cpython-reference.ts)."""
    pending = b''
    while True:
        while b'\n' not in pending:
            chunk = os.read(0, 65536)
            if not chunk:
                sys.exit(0)
            pending += chunk
        line, _, pending = pending.partition(b'\n')
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_RDWR)
            err = os.open(request['stderr'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            os.dup2(err, 2)
            os.close(devnull)
            os.close(err)
            os.chdir(request['cwd'])
            os.environ.clear()
            os.environ.update(request['env'])
            sys.argv[1:] = request['args']
            sys.orig_argv[-1:] = request['args']
            return
        os.write(1, b'%d\n' % pid)
        _, status = os.waitpid(pid, 0)
        os.write(1, b'%d\n' % os.waitstatus_to_exitcode(status))


if __name__ == '__main__':
    if sys.argv[1:] == ['--serve']:
        serve()  # returns only in a forked child, for one job (its sys.argv)
    main(sys.argv[1], sys.argv[2])
