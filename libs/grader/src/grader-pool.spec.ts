import { GraderPool, RESTART_BACKOFF_MS, SandboxLostError } from './grader-pool.js';
import { detectWalls, type OsWalls } from './walls-detect.js';
import { DEFAULT_LIMITS, type GradingJob, type TestSpec } from './types.js';

const limits = { ...DEFAULT_LIMITS, timeMsPerTest: 1500, timeMsTotal: 8000 };

function caseTest(name: string, fields: Partial<Extract<TestSpec, { kind: 'case' }>>): TestSpec {
  return { kind: 'case', name, points: 1, visibility: 'visible', tags: [], ...fields };
}

/** The pool grades a right answer: a pool that recovered works again. */
async function expectGrades(pool: GraderPool): Promise<void> {
  const after = await pool.grade({ source: 'def f():\n    return 1\n', moduleName: 'solution', limits,
    tests: [caseTest('works', { expr: 'f()', expected: 1 })] });
  expect(after.status).toBe('pass');
}

describe(GraderPool.name, () => {
  let pool: GraderPool;

  beforeAll(async () => {
    pool = await GraderPool.start({ size: 2 });
  }, 120000);

  afterAll(async () => {
    await pool?.close();
  });

  it('is warm after start and reports its workers', () => {
    const health = pool.health();
    expect(health.size).toBe(2);
    expect(health.ready).toBeGreaterThanOrEqual(1);
    expect(health.restarts).toBe(0);
  });

  it('runs an existing unittest suite against the submission under its module name', async () => {
    const job: GradingJob = {
      source: 'def leap_year(y):\n    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)\n',
      moduleName: 'leap', limits,
      testModule: [
        'import unittest', 'from leap import leap_year', '',
        'class LeapTest(unittest.TestCase):',
        '    def test_century(self):', '        self.assertIs(leap_year(1900), False)',
        '    def test_400(self):', '        self.assertTrue(leap_year(2000))',
        '    def test_many(self):', '        with self.assertRaises(TypeError):', "            leap_year('x')",
        '        self.assertEqual([leap_year(y) for y in (1996, 1997)], [True, False])',
      ].join('\n'),
      tests: ['LeapTest.test_century', 'LeapTest.test_400', 'LeapTest.test_many'].map((name) => (
        { kind: 'module' as const, name, points: 1, visibility: 'hidden' as const, tags: ['booleans'] })),
    };
    const result = await pool.grade(job);
    expect(result.tests.map((t) => [t.name, t.status])).toEqual([
      ['LeapTest.test_century', 'pass'], ['LeapTest.test_400', 'pass'], ['LeapTest.test_many', 'pass']]);
    expect(result).toMatchObject({ status: 'pass', score: 1, points: 3 });
  });

  it('makes every unittest assertion strict against lying values', async () => {
    const source = [
      'class Liar(int):',
      '    def __eq__(self, other): return True',
      '    def __ne__(self, other): return False',
      '    def __lt__(self, other): return True',
      '    def __gt__(self, other): return True',
      '    __hash__ = int.__hash__',
      'def honest(): return [1, 2.5, None, "a"]',
      'def liar(): return Liar(7)',
    ].join('\n');
    const testModule = [
      'import unittest', 'from solution import honest, liar',
      'class T(unittest.TestCase):',
      '    def test_honest(self):',
      '        v = honest()',
      '        self.assertEqual(v, [1, 2.5, None, "a"]); self.assertEqual(v, [1.0, 2.5, None, "a"])',
      '        self.assertNotEqual(v, [1, 2.5, None, "b"])',
      '        self.assertIn(2.5, v); self.assertIn(True, v); self.assertNotIn(False, v); self.assertIsNone(v[2])',
      '        self.assertAlmostEqual(v[1], 2.5000001, places=5); self.assertGreater(v[1], v[0])',
      '        self.assertCountEqual(v, ["a", None, 2.5, 1]); self.assertIsInstance(v, list)',
      '        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)',
      '        assert v[0] == 1 and v[0] == 1.0 and v != [] and "a" in v',
      ...['assertEqual(liar(), 3)', 'assertIn(liar(), [3])', 'assertGreater(liar(), 100)',
        'assertAlmostEqual(liar(), 3)', 'assertTrue(liar() == 3)'].map((line, i) =>
        `    def test_liar_${i}(self):\n        self.${line}`),
      'def test_plain_assert():', '    assert liar() == 3',
    ].join('\n');
    const names = ['T.test_honest', ...[0, 1, 2, 3, 4].map((i) => `T.test_liar_${i}`), 'test_plain_assert'];
    const result = await pool.grade({
      source, moduleName: 'solution', limits, testModule,
      tests: names.map((name) => ({ kind: 'module' as const, name, points: 1, visibility: 'visible' as const, tags: [] })),
    });
    expect(result.tests.map((t) => [t.name, t.status])).toEqual(
      names.map((name) => [name, name === 'T.test_honest' ? 'pass' : expect.stringMatching(/^(fail|error)$/)]));
  });

  it('grades time-based code instantly with a virtual clock', async () => {
    const source = [
      'import time',
      'class RateLimiter:',
      '    def __init__(self, per_second):',
      '        self.gap, self.last = 1 / per_second, None',
      '    def allow(self):',
      '        now = time.monotonic()',
      '        if self.last is None or now - self.last >= self.gap:',
      '            self.last = now',
      '            return True',
      '        return False',
    ].join('\n');
    const started = performance.now();
    const result = await pool.grade({
      source, moduleName: 'solution', limits, virtualClock: { start: 1000 },
      tests: [
        caseTest('blocks_burst', { setup: 'r = RateLimiter(1)', expr: '[r.allow(), r.allow()]', expected: [true, false] }),
        caseTest('allows_after_sleep', { setup: 'r = RateLimiter(1)\nr.allow()\ntime.sleep(3600)', expr: 'r.allow()', expected: true }),
        caseTest('clock_starts_at', { setup: 'import time', expr: 'time.time()', expected: { $float: 1000 } }),
      ],
    });
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('compares printed output and shows visible failures with Python values', async () => {
    const result = await pool.grade({
      source: 'def greet(name):\n    print(f"Hello, {name}!")\n\ndef double(x):\n    return [x, x]\n',
      moduleName: 'solution', limits,
      tests: [
        caseTest('prints_greeting', { expr: "greet('Ada')", output: 'Hello, Ada!\n' }),
        caseTest('double', { call: 'double', args: ['a'], expected: ['a', 'b'] }),
      ],
    });
    expect(result.tests[0]).toMatchObject({ status: 'pass', output: 'Hello, Ada!\n' });
    expect(result.tests[1]).toMatchObject({ status: 'fail',
      message: "Lists differ: ['a', 'a'] != ['a', 'b']\n\nFirst differing element 1:\n'a'\n'b'\n" });
  });

  it('runs only the visible tests when asked', async () => {
    const result = await pool.grade({
      source: 'def f():\n    return 1\n', moduleName: 'solution', limits, only: 'visible',
      tests: [caseTest('seen', { expr: 'f()', expected: 1 }),
        { ...caseTest('unseen', { expr: 'f()', expected: 2 }), visibility: 'hidden' }],
    });
    expect(result.tests.map((t) => t.name)).toEqual(['seen']);
    expect(result.status).toBe('pass');
  });

  it('executes the support modules afresh for each module test, and for a case only when its code imports', async () => {
    const result = await pool.grade({
      source: 'def f():\n    return 3\n', moduleName: 'solution', limits,
      supportModules: { helpers: "print('helpers loaded')\nCALLS = []\ndef twice(x):\n    CALLS.append(x)\n    return 2 * x\n" },
      testModule: 'import helpers\nfrom solution import f\n\ndef test_twice():\n    assert helpers.twice(f()) == 6\n    assert helpers.CALLS == [3]\n',
      tests: [
        caseTest('plain', { expr: 'f()', expected: 3 }),
        caseTest('imports', { setup: 'import helpers', expr: 'helpers.twice(f())', expected: 6 }),
        { kind: 'module', name: 'test_twice', points: 1, visibility: 'visible', tags: [] },
        caseTest('plain_after_module_test', { expr: "[f(), 'helpers' in globals()]", expected: [3, false] }),
        caseTest('fresh_state', { setup: 'from helpers import CALLS, twice\ntwice(1)', expr: 'CALLS', expected: [1] }),
      ],
    });
    expect(result.tests.map((t) => [t.name, t.status, t.output])).toEqual([
      ['plain', 'pass', ''], ['imports', 'pass', 'helpers loaded\n'], ['test_twice', 'pass', 'helpers loaded\n'],
      ['plain_after_module_test', 'pass', ''], ['fresh_state', 'pass', 'helpers loaded\n']]);
  });

  it('leaves ordinary Python features working under the lockdown', async () => {
    const source = [
      'from dataclasses import dataclass', 'from collections import namedtuple, Counter',
      'import functools, json, re, random, enum, typing',
      '@dataclass', 'class P:', '    x: int', '    y: int = 0',
      'class Color(enum.Enum):', '    RED = 1',
      'def deco(f):', '    @functools.wraps(f)', '    def inner(*a):', '        return f(*a)', '    return inner',
      '@deco', 'def total(words: typing.List[str]) -> int:',
      '    return sum(Counter(re.findall(r"\\w+", " ".join(words))).values())',
      'def summary():',
      "    Pt = namedtuple('Pt', 'a b', defaults=[7])",
      '    class Nt(typing.NamedTuple):', '        v: int = 3',
      '    return [P(1).y, Color.RED.value, total(["a b", "c"]), json.loads("[1]"), Pt(1, 2).b, Pt(1).b, Nt().v]',
    ].join('\n');
    const result = await pool.grade({
      source, moduleName: 'solution', limits, seed: 7,
      tests: [caseTest('summary', { expr: 'summary()', expected: [0, 1, 3, [1], 2, 7, 3] }),
        caseTest('seeded', { setup: 'import random', expr: 'random.random()', expected: { $float: 0.32383276483316237 } })],
    });
    expect(result.tests.map((t) => [t.status, t.message])).toEqual([['pass', ''], ['pass', '']]);
  });

  it('rejects the jobs of a sandbox process that died (no verdict for an unknown culprit), then recovers', async () => {
    const slow = pool.grade({
      source: 'import time\ndef f():\n    time.sleep(5)\n', moduleName: 'solution',
      limits: { ...limits, timeMsPerTest: 8000 }, tests: [caseTest('slow', { expr: 'f()', expected: 1 })],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pool.stats().sandboxPid!, 'SIGKILL');
    await expect(slow).rejects.toThrow(SandboxLostError);
    await expect(slow).rejects.toThrow('sandbox stopped unexpectedly');
    const after = await pool.grade({ source: 'def f():\n    return 1\n', moduleName: 'solution', limits,
      tests: [caseTest('works', { expr: 'f()', expected: 1 })] });
    expect(after.status).toBe('pass');
    expect(pool.health().restarts).toBeGreaterThanOrEqual(1);
  }, 120000);

  it('refuses to grade after close', async () => {
    const closing = await GraderPool.start({ size: 1 });
    await closing.close();
    await expect(closing.grade({ source: '', moduleName: 'solution', limits, tests: [] })).rejects.toThrow('closed');
  }, 120000);

  it('starts a sandbox that dies before it is ready again after a pause that doubles, then grades (no restart loop)', async () => {
    const real = await detectWalls();
    let spawns = 0;
    const spawnedAt: number[] = [];
    // The first four sandboxes exit at once (as one with no task left for its user would).
    const failingFirst: OsWalls = {
      description: real.description,
      argv: (nodeArgs) => {
        spawnedAt.push(performance.now());
        return ++spawns <= 4 ? [process.execPath, '-e', 'process.exit(3)'] : real.argv(nodeArgs);
      },
    };
    const recovering = await GraderPool.start({ size: 1, walls: failingFirst });
    try {
      expect(spawns).toBe(5);
      const pauses = spawnedAt.slice(1).map((at, i) => at - spawnedAt[i]!);
      // at least 100, 200, 400, 800 ms between the starts (plus each failed start's own time)
      for (const [i, pause] of pauses.entries()) expect(pause).toBeGreaterThanOrEqual(RESTART_BACKOFF_MS.first * 2 ** i);
      expect(recovering.health().restarts).toBe(4);
      await expectGrades(recovering);
    } finally {
      await recovering.close();
    }
  }, 120000);

  it('kills a sandbox that is not ready in time and starts another (a start that hangs does not hold the pool)', async () => {
    const real = await detectWalls();
    let spawns = 0;
    // The first sandbox never says it is ready (as one a few tasks short of its user's cap hung).
    const hangingFirst: OsWalls = {
      description: real.description,
      argv: (nodeArgs) => (++spawns === 1 ? [process.execPath, '-e', 'setInterval(() => {}, 1000)'] : real.argv(nodeArgs)),
    };
    const started = performance.now();
    // long enough for a real sandbox to be ready on a loaded machine (each one not ready by then is killed too)
    const recovering = await GraderPool.start({ size: 1, walls: hangingFirst, readyTimeoutMs: 10000 });
    try {
      expect(spawns).toBe(2);
      expect(performance.now() - started).toBeGreaterThanOrEqual(10000);
      await expectGrades(recovering);
    } finally {
      await recovering.close();
    }
  }, 120000);

  describe('unittest features of foreign suites', () => {
    const testModule = [
      'import unittest', 'from unittest import mock', 'import solution', '',
      'def setUpModule():', '    solution.LOG.append("module")', '',
      'class T(unittest.TestCase):',
      '    @classmethod', '    def setUpClass(cls):', '        cls.base = 10',
      '    def test_class_fixture(self):', '        self.assertEqual(self.base + solution.twice(), 12)',
      "    @mock.patch('solution.helper', return_value=7)",
      '    def test_patch_decorator(self, helper):', '        self.assertEqual(solution.twice(), 14)',
      '        helper.assert_called_once_with()',
      '    def test_patch_object(self):',
      "        with mock.patch.object(solution, 'helper', return_value=5):",
      '            self.assertEqual(solution.twice(), 10)',
      "    @unittest.skip('not graded yet')", '    def test_skipped(self):', "        self.fail('runs')",
      "    @unittest.skipIf(False, 'never')", '    def test_not_skipped(self):', '        self.assertEqual(solution.helper(), 1)',
      '    @unittest.expectedFailure', '    def test_expected_failure(self):', '        self.assertEqual(solution.twice(), 3)',
    ].join('\n');
    const names = ['test_class_fixture', 'test_patch_decorator', 'test_patch_object', 'test_skipped',
      'test_not_skipped', 'test_expected_failure'];
    const job = (source: string): GradingJob => ({
      source, moduleName: 'solution', limits, testModule,
      tests: names.map((n) => ({ kind: 'module' as const, name: `T.${n}`, points: 1, visibility: 'visible' as const, tags: [] })),
    });
    const statuses = (r: { tests: { status: string }[] }) => r.tests.map((t) => t.status);

    it('runs fixtures, mock patches, author skips and expected failures as unittest does', async () => {
      const result = await pool.grade(job('LOG = []\ndef helper():\n    return 1\ndef twice():\n    return 2 * helper()\n'));
      expect(statuses(result)).toEqual(['pass', 'pass', 'pass', 'skipped', 'pass', 'pass']);
      expect(result).toMatchObject({ status: 'pass', points: 5, max_points: 5 });
      expect(result.tests[3]!.message).toContain('not graded yet');
    });

    it('fails wrong code, and an expected failure that passes, as unittest does', async () => {
      const result = await pool.grade(job('LOG = []\ndef helper():\n    return 1\ndef twice():\n    return 3\n'));
      expect(statuses(result)).toEqual(['fail', 'fail', 'fail', 'skipped', 'pass', 'fail']);
      expect(result.tests[5]!.message).toContain('unexpected success');
    });

    it('keeps an assertRaises context manager for a later `with`, with msg= as unittest words it', async () => {
      const cmJob = (source: string): GradingJob => ({
        source, moduleName: 'solution', limits,
        testModule: [
          'import unittest', 'from solution import div', 'class T(unittest.TestCase):',
          '    def expect_zero(self):', '        return self.assertRaises(ZeroDivisionError)',
          '    def test_helper_cm(self):', '        with self.expect_zero() as cm:', '            div(1, 0)',
          "        self.assertIn('zero', str(cm.exception))",
          '    def test_msg(self):', "        with self.assertRaises(ValueError, msg='negative numbers are refused'):",
          '            div(-1, 1)',
        ].join('\n'),
        tests: ['T.test_helper_cm', 'T.test_msg'].map((name) => ({ kind: 'module' as const, name, points: 1, visibility: 'visible' as const, tags: [] })),
      });
      const right = await pool.grade(cmJob('def div(a, b):\n    if a < 0:\n        raise ValueError("no")\n    return a / b\n'));
      expect(statuses(right)).toEqual(['pass', 'pass']);
      const wrong = await pool.grade(cmJob('def div(a, b):\n    return 0 if b == 0 else a / b\n'));
      expect(wrong.tests.map((t) => t.message)).toEqual(['AssertionError: ZeroDivisionError not raised',
        'AssertionError: ValueError not raised : negative numbers are refused']);
      const tamper = 'def div(a, b):\n    for c in object.__subclasses__():\n        if c.__name__ == "RaisesContext":\n'
        + '            c.__exit__ = lambda *a: True\n    return 0 if b == 0 else a / b\n';
      expect(statuses(await pool.grade(cmJob(tamper)))).toEqual(['error', 'error']);
    });

    it('never lets a submission skip a test itself', async () => {
      const source = [
        'import unittest, unittest.case', 'LOG = []',
        "unittest.case._id = lambda f: unittest.skip('mine')(f)",
        'def helper():', "    raise unittest.SkipTest('mine')", 'def twice():', '    return 0',
      ].join('\n');
      const result = await pool.grade(job(source));
      expect(statuses(result)).toEqual(['fail', 'fail', 'fail', 'skipped', 'error', 'pass']);
      expect(result.tests[4]!.message).toContain('SkipTest');
      expect(result.max_points).toBe(5);
    });
  });

  describe('standard streams', () => {
    // The stream objects of fds 0-2 live in JS, outside the memory the reset restores: their
    // flags (`fcntl(F_SETFL)` ORs any bits in) outlived the job, so a learner could make stdin
    // write-only for every later learner of the worker (input() raised OSError EBADF instead of
    // EOFError) or leave bits for a later submission to read (red team "redapi", session 8).
    const reader = [
      'import fcntl', 'def probe():', '    try:', '        input()', "        got = 'a line'",
      '    except EOFError:', "        got = 'EOFError'", '    except OSError as exc:', "        got = type(exc).__name__",
      "    return [got] + [fcntl.fcntl(fd, fcntl.F_GETFL) for fd in (0, 1, 2)]",
    ].join('\n');
    const job = (source: string): GradingJob => ({
      source, moduleName: 'solution', limits, tests: [caseTest('stdin_at_eof', { call: 'probe', expected: ['EOFError', 0, 1, 1] })],
    });

    it('start every job with the flags they had at boot', async () => {
      expect((await pool.grade(job(reader))).status).toBe('pass');
      const hostile = ['import fcntl, os', 'for fd in (0, 1, 2):',
        '    fcntl.fcntl(fd, fcntl.F_SETFL, os.O_WRONLY | os.O_NONBLOCK | os.O_APPEND | (1 << 24))', reader].join('\n');
      expect((await pool.grade(job(hostile))).tests[0]!.status).toBe('fail');
      for (let i = 0; i < 3; i++) {
        const next = await pool.grade(job(reader));
        expect({ i, status: next.status, message: next.tests[0]!.message }).toEqual({ i, status: 'pass', message: '' });
      }
    });
  });

  describe('a JavaScript error thrown through the interpreter', () => {
    // `os.getuid()` reached Emscripten's `process.getuid()` (process is deleted in the worker): a
    // ReferenceError unwinds through Python's C frames without its cleanup and leaves Pyodide's
    // fatal-error flag set, after which the next stack overflow in that worker was no longer
    // caught (no outcome, the interpreter kept) and the C stack pointer stayed at the bottom:
    // every later learner of the worker had ~40 % of the C stack (red team "redapi", session 8).
    // A frozen stand-in answers getuid now (0, as CPython run as root: red team "redmsg"); the
    // stack overflow itself is still a JS error through the interpreter.
    const nodes = [
      'import os, sys', 'sys.setrecursionlimit(10 ** 6)', 'class Node:', '    def __init__(self, inner):',
      '        self.inner = inner', '    def __repr__(self):', "        return '(' + repr(self.inner) + ')'",
      'def deep(n):', '    node = None', '    for _ in range(n):', '        node = Node(node)', '    return len(repr(node))',
    ].join('\n');
    const job = (source: string, depth: number): GradingJob => ({
      source, moduleName: 'solution', limits: { ...limits, timeMsPerTest: 3000 }, tests: [
        caseTest('js_error', { call: 'uid', expected: 0 }),
        caseTest('deep', { call: 'deep', args: [depth], expected: 2 * depth + 4 }),
      ],
    });

    it('ends its worker: later learners keep the whole C stack', async () => {
      const honest = `${nodes}\ndef uid():\n    return 0\n`;
      expect((await pool.grade(job(honest, 10000))).status).toBe('pass');
      const hostile = await pool.grade(job(`${nodes}\ndef uid():\n    return os.getuid()\n`, 200000));
      for (let i = 0; i < 3; i++) {
        const next = await pool.grade(job(honest, 10000));
        expect({ i, status: next.status, message: next.tests[1]!.message }).toEqual({ i, status: 'pass', message: '' });
      }
      expect(hostile.tests.map((t) => t.status)).toEqual(['pass', 'error']);
      expect(hostile.tests[1]!.message).toContain('RecursionError'); // the learner's, not "no outcome"
    }, 60000);
  });

  describe('the compiled-suite cache', () => {
    // The hidden suite is compiled once per worker and cached; the compile step executes the test
    // module (for its expectedFailure and skip marks). It ran after the submission's file was
    // written, so a module reading solution.py at import made its marks from the source of the
    // first learner of the worker, and every later learner was graded with them. A learner can
    // be that first one at will: a JS error (a C stack overflow) or an ignored interrupt retires the worker.
    const job = (source: string): GradingJob => ({
      source, moduleName: 'solution', limits,
      testModule: [
        'import unittest', "with open('solution.py') as f:", '    SOURCE = f.read()', 'from solution import add', '',
        'class TestAdd(unittest.TestCase):', '    def test_add(self):', '        self.assertEqual(add(1, 2), 3)',
        "    if 'legacy_add' in SOURCE:", '        test_add = unittest.expectedFailure(test_add)',
      ].join('\n'),
      tests: [{ kind: 'module', name: 'TestAdd.test_add', points: 1, visibility: 'visible', tags: [] }],
    });
    const honest = 'def add(a, b):\n    return a + b\n';

    it('never holds what the first learner of a worker had on disk', async () => {
      const overflow = ['import sys', 'sys.setrecursionlimit(10 ** 6)', 'class N:', '    def __init__(self, inner):',
        '        self.inner = inner', '    def __repr__(self):', "        return '(' + repr(self.inner) + ')'",
        'def add(a, b):', '    node = None', '    for _ in range(200000):', '        node = N(node)', '    return len(repr(node))'].join('\n');
      const retired = await pool.grade(job(overflow)); // a JS error through the interpreter: retires its worker
      expect(retired.tests[0]!.message).toContain('RecursionError');
      await pool.grade(job(`# legacy_add\n${honest}`));
      for (let i = 0; i < 3; i++) {
        const next = await pool.grade(job(honest));
        expect({ i, status: next.status, message: next.tests[0]!.message }).toEqual({ i, status: 'pass', message: '' });
      }
    });
  });

  describe('files in /tmp', () => {
    const job = (source: string): GradingJob => ({
      source, moduleName: 'solution', limits: { ...limits, memoryMb: 80 },
      testModule: [
        'import unittest', 'from solution import save', '',
        'class TestSave(unittest.TestCase):', '    def test_roundtrip(self):', "        save('notes.txt', 'hello')",
        "        with open('notes.txt') as f:", "            self.assertEqual(f.read(), 'hello')",
      ].join('\n'),
      tests: [{ kind: 'module', name: 'TestSave.test_roundtrip', points: 1, visibility: 'visible', tags: [] }],
    });
    const honest = "def save(path, text):\n    with open(path, 'w') as f:\n        f.write(text)\n";

    it('refuse a chmod of /tmp itself, which would lock every later learner out of writing', async () => {
      const hostile = await pool.grade(job(`import os\nos.chmod('/tmp', 0o555)\n${honest}`));
      expect(hostile.tests[0]!.message).toContain('Permission denied');
      for (let i = 0; i < 3; i++) expect((await pool.grade(job(honest))).status).toBe('pass');
    });

    it('are bounded by a quota: file bytes live outside the capped interpreter memory', async () => {
      const bomb = [
        "chunk = b'x' * (8 * 1024 * 1024)",
        'def save(path, text):',
        '    for i in range(40):', "        with open(f'/tmp/blob{i}', 'wb') as f:", '            f.write(chunk)',
      ].join('\n');
      const result = await pool.grade(job(bomb));
      expect(result.tests[0]!.message).toContain('No space left on device');
      expect((await pool.grade(job(honest))).status).toBe('pass');
    });

    it("cannot grow a worker's JS heap without bound: the worker alone is stopped, the sandbox keeps grading", async () => {
      // Each fchdir flattens the stream's path (here 2 MB) into a fresh JS string: ~100 MB/s.
      // Without a heap cap the worker grew to ~4.5 GB before V8 stopped it (red team "redapi2").
      const grower = [
        'import os', "name = b'/tmp/' + b'd' * (2 << 20)",
        'def save(path, text):', '    os.mkdir(name)', '    os.chdir(name)',
        '    for i in range(4090):', "        os.fchdir(os.open('.', os.O_RDONLY))",
      ].join('\n');
      const long = { ...job(grower), limits: { ...limits, memoryMb: 80, timeMsPerTest: 30000, timeMsTotal: 30000 } };
      const pid = pool.stats().sandboxPid;
      const result = await pool.grade(long);
      expect({ status: result.tests[0]!.status, message: result.tests[0]!.message }).toEqual({
        status: 'error', message: expect.stringContaining('the Python interpreter stopped') });
      expect(result.duration_ms).toBeLessThan(15000);
      expect(pool.stats().sandboxPid).toBe(pid);
      expect((await pool.grade(job(honest))).status).toBe('pass');
    }, 60000);
  });
});
