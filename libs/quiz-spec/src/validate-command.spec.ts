import type { GradingJob } from '../../grader/src/types.js';
import type { ReferenceStatus, ReferenceVerdict } from '../../grader/src/verdict-differences.js';
import { FakeGrader } from '../test/fake-grader.js';
import { runValidation } from './validate-command.js';

const FIXTURES = 'libs/quiz-spec/test/fixtures';

describe('runValidation', () => {
  it('grades every reference and wrong solution of a valid course and prints an OK summary', async () => {
    const lines: string[] = [];
    const summary = await runValidation({ dir: `${FIXTURES}/good`, grader: new SourceAwareGrader(), print: (l) => lines.push(l) });
    // make-adder (1 + 2 wrong + 1 other) and the quiz's inline question (1 + 2); the ref is not graded twice.
    expect(lines.slice(0, -1)).toEqual([]);
    expect(summary).toEqual({ files: 2, loaded: 2, errors: 0, solutionsChecked: 7, violations: 0, cpythonDifferences: 0, ok: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^OK: 2\/2 files loaded, 0 format errors, 7 solutions graded, 0 violations, CPython check skipped \(no CPython given\) \(\d+\.\d s\)$/);
  });

  it('reports every test where plain CPython gives another verdict than the engine', async () => {
    const lines: string[] = [];
    const cpython = new FakeCPython({ adds_two: 'pass' });
    const summary = await runValidation({ dir: `${FIXTURES}/good`, grader: new SourceAwareGrader(), cpython, print: (l) => lines.push(l) });
    expect(summary).toMatchObject({ ok: false, cpythonDifferences: 1, violations: 1 });
    expect(cpython.sources).toHaveLength(7);
    expect(lines[0]).toBe(`${FIXTURES}/good/closures/make-adder.yaml: closures/make-adder: CPython disagrees on wrong solution `
      + '"returns-sum", test "adds_two": engine fail (adds_two failed.), CPython pass');
    expect(lines.at(-1)).toMatch(/^FAILED: .* 1 violations, 1 differences from CPython 3\.99\.0 /);
  });

  it('prints located errors and violations, and fails', async () => {
    const lines: string[] = [];
    const summary = await runValidation({ dir: `${FIXTURES}/broken/closures`, grader: new FakeGrader(), print: (l) => lines.push(l) });
    expect(summary.ok).toBe(false);
    expect(summary.errors).toBeGreaterThan(10);
    expect(lines).toContain(`${FIXTURES}/broken/closures/bad-points.yaml:15:13: tests[2].points: expected a number >= 0, got "two"`);
    expect(lines.at(-1)).toMatch(/^FAILED: 1\/9 files loaded, \d+ format errors, 0 solutions graded, 0 violations/);
  });

  it('checks the format alone without a grader', async () => {
    const lines: string[] = [];
    const summary = await runValidation({ dir: `${FIXTURES}/good`, print: (l) => lines.push(l) });
    expect(summary).toMatchObject({ ok: true, solutionsChecked: 0 });
    expect(lines[0]).toContain('solutions not graded (--format-only)');
  });
});

/** Plain CPython, faked: every test passes except the verdicts given (by test name). */
class FakeCPython {
  readonly version = '3.99.0';
  readonly sources: string[] = [];
  constructor(private readonly verdictsByName: Record<string, ReferenceStatus>) {}

  async verdicts(job: GradingJob): Promise<ReferenceVerdict[]> {
    this.sources.push(job.source);
    const wrong = job.source.includes('return n\n') ? ['adds_two', 'test_independent', 'TestAdder.test_many']
      : job.source.includes('global N') ? ['test_independent'] : job.source.includes('return 3 * x') || job.source.includes('return x * x') ? ['doubles'] : [];
    return job.tests.map((t) => ({ name: t.name, status: this.verdictsByName[t.name] ?? (wrong.includes(t.name) ? 'fail' : 'pass'), message: '' }));
  }
}

/**
 * The fixtures' solutions are real Python; this fake decides by what they contain, like the
 * engine would for these few programs: the wrong ones fail exactly the tests they declare.
 */
class SourceAwareGrader extends FakeGrader {
  override grade(job: Parameters<FakeGrader['grade']>[0]) {
    const fails: Record<string, string> = {
      'return n\n': 'fail:adds_two,test_independent,TestAdder.test_many',
      'global N': 'fail:test_independent',
      'return 3 * x': 'fail:doubles',
      'return x * x': 'fail:doubles',
    };
    const hit = Object.entries(fails).find(([needle]) => job.source.includes(needle));
    return super.grade({ ...job, source: hit ? hit[1] : 'ok' });
  }
}
