import type { GradingJob, GradingResult, TestResult } from '../../grader/src/types.js';
import type { CodeQuestion } from '../src/model.types.js';
import type { JobGrader } from '../src/solution-check.js';
import { DISCOVERY_TEST } from '../src/test-discovery.js';

/**
 * A stand-in for the engine: a "source" lists what happens, e.g. `fail:a,b extra:test_z`.
 * Failing tests carry their feedback in the message, as the engine shows hidden tests.
 */
export class FakeGrader implements JobGrader {
  readonly jobs: GradingJob[] = [];

  async grade(job: GradingJob): Promise<GradingResult> {
    this.jobs.push(job);
    if (job.tests[0]?.name === DISCOVERY_TEST) return discoveryResult(job);
    const listed = (key: string) => (job.source.match(new RegExp(`${key}:(\\S+)`))?.[1] ?? '').split(',').filter(Boolean);
    const failing = new Set(listed('fail'));
    const tests: TestResult[] = job.tests
      .filter((t) => !listed('skip').includes(t.name))
      .map((t) => {
        const pass = !failing.has(t.name);
        return {
          name: t.name, status: pass ? 'pass' : 'fail', score: pass ? t.points : 0, max_score: t.points,
          visibility: t.visibility, message: pass ? '' : `${t.name} failed. ${t.feedback ?? ''}`, output: '', tags: t.tags,
        };
      });
    for (const name of listed('extra')) {
      tests.push({ name, status: 'pass', score: 0, max_score: 0, visibility: 'hidden', message: '', output: '', tags: [] });
    }
    const points = tests.reduce((s, t) => s + t.score, 0);
    const max = tests.reduce((s, t) => s + t.max_score, 0);
    return {
      status: points === max ? 'pass' : 'fail', score: max ? points / max : 0, points, max_points: max, message: '',
      duration_ms: 1, provenance: { runtime: 'fake', python: '3.14', suite_hash: 'x', seed: job.seed ?? 0 }, tests,
    };
  }
}

/** A code question with one example `a` and one test_module test `test_b`. */
export function codeQuestion(solution: string, wrong: [string, string[], string][]): CodeQuestion {
  return {
    type: 'code', id: 'q', prompt: 'p', points: 3, concepts: [], starter: '', module: 'solution', limits: {},
    virtual_clock: false, attempts: 0, hints: [], test_module: 'def test_b(): pass',
    examples: [{ name: 'a', expr: 'f()', expected: 1, points: 1, feedback: 'A broke' }],
    tests: [{ name: 'test_b', points: 2, feedback: 'B broke' }],
    solution,
    wrong_solutions: wrong.map(([code, fails, feedback], i) => ({ name: `w${i}`, code, fails, feedback })),
  };
}

/** What the engine reports for the discovery test: test_module's tests, read here by regex. */
function discoveryResult(job: GradingJob): GradingResult {
  const module = job.testModule ?? '';
  const functions = [...module.matchAll(/^def (test\w*)\(/gm)].map((m) => m[1]!).filter((n) => n !== DISCOVERY_TEST);
  const methods = [...module.matchAll(/^class (\w+)\(unittest\.TestCase\):\n((?:[ \t]+.*\n?)*)/gm)].flatMap((m) =>
    [...m[2]!.matchAll(/def (test\w*)\(/g)].map((d) => `${m[1]}.${d[1]}`));
  const message = `AssertionError: QUIZ_SPEC_TESTS=${JSON.stringify([...functions, ...methods].sort())}`;
  const test: TestResult = {
    name: DISCOVERY_TEST, status: 'fail', score: 0, max_score: 1, visibility: 'visible', message, output: '', tags: [],
  };
  return {
    status: 'fail', score: 0, points: 0, max_points: 1, message: '0 of 1 tests passed.', duration_ms: 1,
    provenance: { runtime: 'fake', python: '3.14', suite_hash: 'x', seed: 0 }, tests: [test],
  };
}
