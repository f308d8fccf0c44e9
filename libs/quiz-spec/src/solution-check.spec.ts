import { codeQuestion, FakeGrader } from '../test/fake-grader.js';
import type { CodeQuestion } from './model.types.js';
import { checkSolutions } from './solution-check.js';
import type { GradingJob } from '../../grader/src/types.js';
import type { ReferenceVerdict } from '../../grader/src/verdict-differences.js';

const target = (code: CodeQuestion) => ({ file: 'x.yaml', question: 'closures/x', code });
const messages = async (code: CodeQuestion) => (await checkSolutions(target(code), new FakeGrader())).map((v) => v.message);

describe('checkSolutions', () => {
  it('accepts a reference that scores 100% and wrong solutions that fail exactly as declared', async () => {
    const grader = new FakeGrader();
    const code = codeQuestion('ok', [['fail:a', ['a'], 'A broke'], ['fail:a,test_b', ['a', 'test_b'], 'B broke']]);
    expect(await checkSolutions(target(code), grader)).toEqual([]);
    expect(grader.jobs.map((j) => [j.source, j.only, j.tests.length])).toEqual([
      ['ok', 'all', 1], ['ok', 'all', 2], ['fail:a', 'all', 2], ['fail:a,test_b', 'all', 2],
    ]);
  });

  it('reports a reference solution that does not score 100%', async () => {
    const code = codeQuestion('fail:test_b', [['fail:a', ['a'], 'A broke'], ['fail:a', ['a'], 'A broke']]);
    expect(await messages(code)).toEqual([
      'reference solution scores 1/3, expected 100%; failing: test_b (fail: test_b failed. B broke)',
    ]);
  });

  it('grades every other right answer and reports, by name, one that does not score 100%', async () => {
    const grader = new FakeGrader();
    const code = codeQuestion('ok', [['fail:a', ['a'], 'A broke'], ['fail:a', ['a'], 'A broke']]);
    code.other_solutions = [{ name: 'lambda', code: 'ok' }, { name: 'with-a-class', code: 'fail:test_b' }];
    expect((await checkSolutions(target(code), grader)).map((v) => v.message)).toEqual([
      'other solution "with-a-class" scores 1/3, expected 100%; failing: test_b (fail: test_b failed. B broke)',
    ]);
    expect(grader.jobs.map((j) => j.source)).toEqual(expect.arrayContaining(['ok', 'fail:test_b']));
    expect(grader.jobs).toHaveLength(6);
  });

  it('reports an other right answer that fails under CPython, whether or not the engine agrees', async () => {
    const code = codeQuestion('ok', [['fail:a', ['a'], 'A broke'], ['fail:a', ['a'], 'A broke']]);
    code.other_solutions = [{ name: 'engine-only', code: 'ok cpython:a' }, { name: 'both', code: 'fail:a cpython:a' }];
    const cpython = {
      version: '3.99.0',
      async verdicts(job: GradingJob): Promise<ReferenceVerdict[]> {
        const failing = (job.source.match(/cpython:(\S+)/)?.[1] ?? '').split(',');
        const fake = await new FakeGrader().grade(job);
        return job.tests.map((t) => ({
          name: t.name, status: failing.includes(t.name) || (!job.source.includes('cpython:') && fake.tests.find((r) => r.name === t.name)?.status === 'fail') ? 'fail' : 'pass', message: '',
        }));
      },
    };
    const violations = await checkSolutions(target(code), new FakeGrader(), cpython);
    // Only a different verdict counts as a difference from CPython; a shared failure is a plain violation.
    expect(violations.filter((v) => v.cpython).map((v) => v.message)).toEqual([
      'CPython disagrees on other solution "engine-only", test "a": engine pass, CPython fail',
    ]);
    expect(violations.filter((v) => !v.cpython).map((v) => v.message)).toEqual([
      'other solution "both" scores 2/3, expected 100%; failing: a (fail: a failed. A broke)',
      'other solution "both" fails test "a" under CPython too (fail)',
    ]);
  });

  it('reports a wrong solution that fails more, fewer or other tests than declared', async () => {
    const code = codeQuestion('ok', [['fail:a,test_b', ['a'], 'A broke'], ['ok', ['test_b'], 'B broke']]);
    expect(await messages(code)).toEqual([
      'wrong solution "w0" also fails test_b (fail: test_b failed. B broke)',
      'wrong solution "w1" passes test_b, which it must fail',
    ]);
  });

  it("reports feedback that is not in any failing test's message", async () => {
    const code = codeQuestion('ok', [['fail:a', ['a'], 'B broke'], ['fail:a', ['a'], 'A broke']]);
    expect(await messages(code)).toEqual([
      `wrong solution "w0": feedback "B broke" is not in what the learner sees of its failing tests (got "a failed. A broke")`,
    ]);
  });

  it('grades every test as visible for the author, but checks feedback as the learner sees it', async () => {
    const grader = new FakeGrader();
    // The engine's message of test_b is "test_b failed. B broke"; a learner sees only "B broke".
    const code = codeQuestion('ok', [['fail:test_b', ['test_b'], 'test_b failed'], ['fail:test_b', ['test_b'], 'B broke']]);
    const violations = await checkSolutions(target(code), grader);
    expect(violations.map((v) => v.message)).toEqual([
      `wrong solution "w0": feedback "test_b failed" is not in what the learner sees of its failing tests (got "B broke")`,
    ]);
    expect(grader.jobs.slice(1).flatMap((j) => j.tests.map((t) => t.visibility))).toEqual(Array(6).fill('visible'));
  });

  it('reports a test_module test that runs without being listed, and a listed test that never ran', async () => {
    const code = codeQuestion('extra:test_hidden skip:test_b', [['fail:a', ['a'], 'A broke'], ['fail:a', ['a'], 'A broke']]);
    expect(await messages(code)).toEqual([
      'test "test_hidden" runs from test_module but is not listed in tests',
      'test "test_b" is listed but did not run (is it defined in test_module?)',
    ]);
  });

  it('finds test_module tests that are not listed, and listed ones it does not define', async () => {
    const code = codeQuestion('ok', [['fail:a', ['a'], 'A broke'], ['fail:a', ['a'], 'A broke']]);
    code.test_module = [
      'import unittest',
      'def test_b(): pass',
      'def test_forgotten(): pass',
      'def helper(): pass',
      'class TestMore(unittest.TestCase):',
      '    def test_x(self): pass',
      '    def setUp(self): pass',
    ].join('\n');
    code.tests.push({ name: 'test_typo', points: 1 });
    expect(await messages(code)).toEqual(expect.arrayContaining([
      'test_module defines "TestMore.test_x" but tests does not list it, so it never runs',
      'test_module defines "test_forgotten" but tests does not list it, so it never runs',
      'test "test_typo" is listed but test_module does not define it',
    ]));
  });
});
