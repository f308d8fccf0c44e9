import { buildResult, parseOutcome, sandboxJob, type RawOutcome, type RawRun, type SandboxOutcome } from './result-builder.js';
import { DEFAULT_LIMITS, type GradingJob } from './types.js';
import type { PyTagged } from './python-value.js';

const job: GradingJob = {
  source: 'def f(): ...', moduleName: 'solution', limits: DEFAULT_LIMITS, testModule: 'def test_x(): pass',
  tests: [
    { kind: 'case', name: 'visible_case', expr: 'f()', expected: [1, 2], points: 1, visibility: 'visible', tags: ['a'] },
    { kind: 'case', name: 'hidden_case', call: 'f', args: [3], expected: 42, points: 2, visibility: 'hidden', tags: [], feedback: 'Think about 42.' },
    { kind: 'case', name: 'raises_case', call: 'f', args: ['x'], raises: 'TypeError', points: 1, visibility: 'hidden', tags: [] },
    { kind: 'case', name: 'prints_case', expr: 'f()', output: 'Hello\n', points: 1, visibility: 'visible', tags: [] },
    { kind: 'module', name: 'test_x', points: 1, visibility: 'hidden', tags: [] },
  ],
};
const provenance = { runtime: 'pyodide test', python: '3.14.2' };
const ok = (extra: Partial<RawOutcome>): RawOutcome => ({ status: 'ok', message: '', output: '', ...extra });

function run(outcomes: SandboxOutcome[], begin: SandboxOutcome = ok({})): RawRun {
  return { begin, outcomes, durationMs: 3 };
}

describe('buildResult', () => {
  it("decides a case whose value is a learner's 2-million-character string in milliseconds (it runs on the API's event loop)", () => {
    // Its repr was built a character at a time: ~0.4 s and seconds of garbage collection per
    // value on the host's one thread, every user's requests waiting (red team "redapi2").
    const huge = (text: string): RawRun => run([ok({ value: ['str', text] }), ok({ value: ['str', text] }),
      ok({ raised: 'TypeError', raisesMatch: true }), ok({ value: ['none'], output: 'Hello\n' }), { status: 'pass', message: '', output: '' }]);
    // (A string of escapes only, '\\x01' * 1.9 million, still costs ~0.2 s: one callback per escape.)
    for (const text of ['a'.repeat(1_900_000), `it's "${'\u00e9x'.repeat(950_000)}"\n`]) {
      const started = performance.now();
      const result = buildResult(job, huge(text), provenance, 5);
      const ms = performance.now() - started;
      expect(result.tests[0]!.message).toMatch(/\[\d+ chars\]/);
      expect({ fast: ms < 150, length: text.length }).toEqual({ fast: true, length: text.length });
    }
  });

  it("decides cases whose values are numbers of thousands of digits in milliseconds, as the learner's failure (red team redmsg)", () => {
    // A Decimal's digits are not bounded by Python's int limit: 0.<99,999 random digits> against
    // 42 was reduced by Euclid's gcd on 330,000-bit numbers, ~40 s of the API's event loop per
    // value; a set of 200 Fractions of 4,300-digit parts (what the harness sends) ~25 s. A
    // Decimal past the exponent bound made the learner's value "the grader's fault".
    let seed = 7;
    const digits = (n: number) => Array.from({ length: n }, () => { seed = (seed * 48271) % 2147483647; return String(seed % 10); }).join('');
    const setJob: GradingJob = { ...job, tests: [{ kind: 'case', name: 'set_case', expr: 'f()', expected: { $set: [1, 2] }, points: 1, visibility: 'visible', tags: [] }] };
    const fractions: PyTagged = ['set', Array.from({ length: 200 }, (): PyTagged => ['fraction', `${digits(4300)}/${digits(4300)}`])];
    const cases: [GradingJob, PyTagged][] = [
      [job, ['decimal', `0.${digits(99_999)}`]],
      [job, ['list', [['decimal', `0.${digits(99_999)}`], ['int', '2']]]],
      [setJob, fractions],
      [job, ['decimal', '1E+100001']],
      [job, ['decimal', `${digits(1_000_000)}`]],
    ];
    for (const [which, value] of cases) {
      const started = performance.now();
      const result = buildResult(which, run([ok({ value }), ok({ value }), ok({ raised: 'TypeError', raisesMatch: true }),
        ok({ value: ['none'], output: 'Hello\n' }), { status: 'pass', message: '', output: '' }]), provenance, 5);
      const ms = performance.now() - started;
      const first = result.tests[0]!;
      expect({ fast: ms < 1500, status: first.status, fault: first.fault }).toEqual({ fast: true, status: 'fail', fault: undefined });
    }
    // The work spent on one value fails no ordinary value after it.
    const after = buildResult(job, run([ok({ value: ['decimal', `0.${digits(99_999)}`] }), ok({ value: ['int', '42'] }),
      ok({ raised: 'TypeError', raisesMatch: true }), ok({ value: ['none'], output: 'Hello\n' }), { status: 'pass', message: '', output: '' }]), provenance, 5);
    expect(after.tests.map((t) => t.status)).toEqual(['fail', 'pass', 'pass', 'pass', 'pass']);
  }, 600000);

  it('decides cases in the host and scores points', () => {
    const result = buildResult(job, run([
      ok({ value: ['list', [['int', '1'], ['int', '2']]] }),
      ok({ value: ['int', '42'] }),
      ok({ raised: 'TypeError', raisesMatch: true }),
      ok({ value: ['none'], output: 'Hello  \n' }),
      { status: 'pass', message: '', output: '' },
    ]), provenance, 5);
    expect(result).toMatchObject({ status: 'pass', score: 1, points: 6, max_points: 6 });
    expect(result.provenance).toMatchObject({ runtime: 'pyodide test', seed: 0 });
    expect(result.provenance.suite_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an import that raised (begin ok with its reason) lets the tests decide; the result is error only when none passed', () => {
    const notImported = { status: 'error' as const, message: 'not run: your code could not be imported (EOFError)', output: '' };
    const raised = ok({ message: 'EOFError: EOF when reading a line (line 1 of your code)' });
    const passing = buildResult(job, run([notImported, notImported, notImported, notImported,
      { status: 'pass', message: '', output: '' }], raised), provenance, 5);
    expect(passing).toMatchObject({ status: 'fail', points: 1, message: '1 of 5 tests passed.' });
    expect(passing.tests[4]).toMatchObject({ status: 'pass', score: 1 });
    const failing = buildResult(job, run([notImported, notImported, notImported, notImported,
      { status: 'error', message: 'EOFError: EOF when reading a line', output: '' }], raised), provenance, 5);
    expect(failing).toMatchObject({ status: 'error', points: 0,
      message: 'Your code could not be imported: EOFError: EOF when reading a line (line 1 of your code)' });
  });

  it('shows expected values for visible tests but only name and feedback for hidden ones', () => {
    const result = buildResult(job, run([
      ok({ value: ['list', [['int', '2']]], output: 'debug' }),
      ok({ value: ['int', '41'], output: 'my args were 3' }),
      ok({ value: ['none'] }),
      ok({ value: ['none'], output: 'Bye' }),
      { status: 'fail', message: 'AssertionError: secret 12345', output: 'x' },
    ]), provenance, 5);
    const [visible, hidden, raises, prints, moduleTest] = result.tests;
    expect(visible).toMatchObject({ status: 'fail', output: 'debug',
      message: 'Lists differ: [2] != [1, 2]\n\nFirst differing element 0:\n2\n1\n\nSecond list contains 1 additional elements.\nFirst extra element 1:\n2\n' });
    expect(hidden).toMatchObject({ status: 'fail', message: 'Think about 42.', feedback: 'Think about 42.', output: '' });
    expect(raises).not.toHaveProperty('feedback');
    expect(raises).toMatchObject({ status: 'fail', message: 'This test failed.' });
    expect(prints!.status).toBe('fail');
    expect(JSON.stringify(moduleTest)).not.toContain('12345');
    expect(result).toMatchObject({ status: 'fail', points: 0 });
  });

  it("compares with CPython's ==, and exact types when the case asks for them", () => {
    const cases: GradingJob = { ...job, tests: [
      { kind: 'case', name: 'float_for_int', expr: 'f()', expected: 5, points: 1, visibility: 'visible', tags: [] },
      { kind: 'case', name: 'exact', expr: 'f()', expected: 5, exactType: true, points: 1, visibility: 'visible', tags: [] },
      { kind: 'case', name: 'counter', expr: 'f()', expected: { a: 1 }, points: 1, visibility: 'visible', tags: [] },
      { kind: 'case', name: 'bad_escape', expr: 'f()', expected: { $date: 'soon' }, points: 1, visibility: 'visible', tags: [] },
    ] };
    const result = buildResult(cases, run([
      ok({ value: ['float', 5] }), ok({ value: ['float', 5] }),
      ok({ value: ['dict', [[['str', 'a'], ['int', '1']]], 'Counter'] }), ok({ value: ['none'] }),
    ]), provenance, 5);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'pass', 'error']);
    expect(result.tests[1]!.message).toBe('5.0 == 5, but the type must be exactly the same: float is not int');
    expect(result.tests[3]!.message).toMatch(/expected value is invalid: not an ISO date/);
  });

  it('turns an import failure into an error for every test', () => {
    const failed = { status: 'error' as const, message: 'SyntaxError: invalid syntax (line 1 of your code)', output: '' };
    const result = buildResult(job, run(job.tests.map(() => failed), failed), provenance, 5);
    expect(result.status).toBe('error');
    expect(result.tests.every((t) => t.status === 'error' && t.message.includes('SyntaxError'))).toBe(true);
  });

  it('never takes a bare "pass" (or an ok without a value) for a declarative case', () => {
    const forged = { status: 'pass' as const, message: '', output: '' };
    const result = buildResult(job, run([forged, forged, ok({}), forged, forged]), provenance, 5);
    expect(result.tests.map((t) => t.status)).toEqual(['error', 'error', 'error', 'error', 'pass']);
    expect(result.tests[0]!.message).toContain('invalid outcome');
    expect(result.points).toBe(1);
  });

  it("says when a test could not be graded through the grader's or the exercise's fault, and counts it apart", () => {
    const broken = { status: 'error' as const, message: 'the Python interpreter failed: RangeError', output: '' };
    const result = buildResult(job, run([broken, ok({ value: ['int', '42'] }), broken, ok({ value: ['none'], output: 'Hello' }),
      { status: 'pass', message: '', output: '' }]), provenance, 5);
    expect(result.tests.map((t) => t.fault)).toEqual(['grader', undefined, 'grader', undefined, undefined]);
    expect(result.tests[0]!.message).toBe("The grader could not grade this test (its fault, not your code's): the Python interpreter failed: RangeError");
    expect(result.tests[2]!.message).toBe("The grader could not grade this test (its fault, not your code's).");
    expect(result).toMatchObject({ points: 4, faults: { grader: 2, author: 0 } });
    expect(result.message).toContain("2 could not be graded (the grader's fault, not your code's)");

    const uncompiled = { status: 'error' as const, message: 'not run: the hidden tests could not be compiled: SyntaxError', output: '' };
    const author = buildResult(job, run(job.tests.map(() => uncompiled), uncompiled), provenance, 5);
    expect(author.faults).toEqual({ grader: 0, author: 5 });
    expect(author.message).not.toContain('Your code could not be imported');
  });

  it("never counts a learner's value whose repr starts like the grader's own texts as a fault (red team redmsg)", () => {
    // A case's failure message starts with the learner's repr (an opaque object's `__repr__`,
    // any text): "the Python interpreter failed != 42" was the grader's fault on dashboards.
    for (const text of ['the Python interpreter failed', 'not run: the hidden tests could not be compiled', "the test's expected value is invalid"]) {
      const result = buildResult(job, run([ok({ value: ['other', text] }), ok({ value: ['other', text] }),
        ok({ raised: 'TypeError', raisesMatch: true }), ok({ value: ['none'], output: 'Hello\n' }), { status: 'pass', message: '', output: '' }]), provenance, 5);
      expect(result.tests.slice(0, 2).map((t) => [t.status, t.fault])).toEqual([['fail', undefined], ['fail', undefined]]);
      expect(result.faults).toEqual({ grader: 0, author: 0 });
    }
  });

  it('maps sandbox limits to their verdicts', () => {
    const result = buildResult(job, run([
      { status: 'timeout', message: 'time limit of 2000 ms exceeded', output: '' },
      { status: 'memory', message: 'MemoryError', output: '' },
      { status: 'error', message: 'KeyboardInterrupt was raised by the code', output: '' },
      ok({ value: ['none'], output: 'Hello' }),
      { status: 'error', message: 'tampering detected: the hidden tests were modified while they ran', output: '' },
    ]), provenance, 5);
    expect(result.tests.map((t) => t.status)).toEqual(['timeout', 'memory_limit', 'error', 'pass', 'error']);
    expect(result.status).toBe('error');
  });
});

describe('outcome texts from the sandbox', () => {
  const text = (o: object) => JSON.stringify(o);

  it('are parsed in the host, keeping a float -0.0 as the harness wrote it', () => {
    const result = buildResult(job, run([
      '{"status":"ok","message":"","output":"","value":["list",[["int","1"],["int","2"]]]}',
      '{"status":"ok","message":"","output":"","value":["float",-0.0]}',
      text({ status: 'ok', message: '', output: '', raised: 'TypeError', raisesMatch: true }),
      text({ status: 'ok', message: '', output: 'Hello\n', value: ['none'] }),
      text({ status: 'pass', message: '', output: '' }),
    ], '{"status":"ok","message":"","output":""}'), provenance, 5);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'pass', 'pass', 'pass']);
    expect(parseOutcome('{"status":"ok","message":"","output":"","value":["float",-0.0]}').value![1]).toBe(-0);
  });

  it('turn anything malformed into an error verdict, never an exception', () => {
    const bad = ['not json', '[]', 'null', text({ status: 'timeout', message: '', output: '' }),
      text({ status: 'pass', message: 3, output: '' }), text({ status: 'pass', message: '' })];
    for (const t of bad) expect(parseOutcome(t)).toMatchObject({ status: 'error', message: expect.stringContaining('invalid outcome') });
    const values = [['list', 'x'], ['dict', [[['int', '1']]]], ['int', 1], ['bogus', ''], 'str', ['none', 1]];
    for (const value of values) {
      expect(parseOutcome(text({ status: 'ok', message: '', output: '', value })).value).toEqual(['other', 'invalid value']);
    }
    const result = buildResult(job, run(job.tests.map(() => 'garbage'), 'garbage'), provenance, 5);
    expect(result.status).toBe('error');
  });

  it('call a KeyboardInterrupt the sandbox did not send an error', () => {
    expect(parseOutcome(text({ status: 'interrupted', message: 'KeyboardInterrupt', output: 'x' })))
      .toEqual({ status: 'error', message: 'KeyboardInterrupt was raised by the code', output: 'x' });
  });
});

describe('sandboxJob', () => {
  it('keeps expected values, expected output and feedback out of the sandbox', () => {
    const text = JSON.stringify(sandboxJob(job));
    expect(text).not.toContain('42');
    expect(text).not.toContain('Hello');
    expect(text).not.toContain('Think about');
  });

  it('sends only the visible tests for a visible-only run', () => {
    expect(sandboxJob({ ...job, only: 'visible' }).tests.map((t) => t.name)).toEqual(['visible_case', 'prints_case']);
  });
});
