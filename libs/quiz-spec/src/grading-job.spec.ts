import { DEFAULT_LIMITS } from '../../grader/src/types.js';
import { loadExerciseJob, resolveExercisePath, SpecLoadError } from './exercise-job.js';
import { toGradingJob } from './grading-job.js';
import { parseFileText } from './load-file.js';
import { formatSpecError } from './errors.js';
import { loadCourse } from './load-course.js';
import type { CodeQuestion, Exercise, Quiz } from './model.types.js';

const GOOD = 'libs/quiz-spec/test/fixtures/good/closures';

describe('toGradingJob', () => {
  it('turns examples into visible cases and tests into hidden ones, with tags and limits', async () => {
    const job = await loadExerciseJob(`${GOOD}/make-adder.yaml`, 'def make_adder(n): ...', { seed: 7 });
    expect(job.source).toBe('def make_adder(n): ...');
    expect(job.moduleName).toBe('solution');
    expect(job.testModule).toContain('def test_independent');
    expect(job.virtualClock).toEqual({ start: 1000.5 });
    expect(job.seed).toBe(7);
    expect(job.only).toBe('all');
    expect(job.limits).toEqual({ ...DEFAULT_LIMITS, timeMsPerTest: 3000 });
    const tags = ['closure', 'factories'];
    expect(job.tests).toEqual([
      { kind: 'case', name: 'adds_two', points: 1, visibility: 'visible', tags, setup: 'add2 = make_adder(2)', expr: 'add2(3)', expected: 5 },
      {
        kind: 'case', name: 'adds_negative', points: 2, visibility: 'hidden', tags,
        feedback: 'SECRET-FEEDBACK: make_adder must return a function.', call: 'make_adder', args: [-1], expected: null,
      },
      { kind: 'module', name: 'test_independent', points: 1, visibility: 'hidden', tags, feedback: 'Two adders must not share n.' },
      { kind: 'module', name: 'TestAdder.test_many', points: 0.5, visibility: 'hidden', tags, feedback: 'Adders must add.' },
    ]);
  });

  it('maps virtual_clock true to a clock at 0 and passes only=visible', async () => {
    const course = await loadCourse(GOOD);
    const base = (course.items[0]!.item as Exercise).question;
    const job = toGradingJob({ ...base, virtual_clock: true, limits: {} }, 'x', { only: 'visible' });
    expect(job.virtualClock).toEqual({ start: 0 });
    expect(job.only).toBe('visible');
    expect(job.limits).toEqual(DEFAULT_LIMITS);
    const inline = (course.items[1]!.item as Quiz).questions[5] as CodeQuestion;
    const inlineJob = toGradingJob(inline, 'x');
    expect(inlineJob.virtualClock).toBeUndefined();
    expect(inlineJob.testModule).toBeUndefined();
    expect(inlineJob.tests[0]!.tags).toEqual(['legb']);
  });

  it('resolves an exercise id under the exercises root, and refuses a quiz', async () => {
    expect(resolveExercisePath('closures/make-counter')).toBe('exercises/closures/make-counter.yaml');
    const job = await loadExerciseJob('closures/make-adder', 'src', { root: 'libs/quiz-spec/test/fixtures/good' });
    expect(job.tests).toHaveLength(4);
    await expect(loadExerciseJob(`${GOOD}/scope-quiz.yaml`, 'src')).rejects.toThrow(/is a quiz/);
    const missing = loadExerciseJob('closures/nope', 'src', { root: 'libs/quiz-spec/test/fixtures/good' });
    await expect(missing).rejects.toBeInstanceOf(SpecLoadError);
  });

  describe('check: tests (closure-aware checks)', () => {
    const file = (tests: string, extra = '') => [
      'kind: exercise', 'id: closures/ctr', 'title: Counter', 'prompt: Write make_counter().',
      'solution: "def make_counter(): ..."',
      'wrong_solutions:', '  - { name: a, code: "x = 1", fails: [closure], feedback: f }', '  - { name: b, code: "x = 2", fails: [closure], feedback: f }',
      extra, 'tests:', tests, '',
    ].join('\n');

    it('become hidden test functions calling the checks library, with the mistake named by default', () => {
      const loaded = parseFileText('closures/ctr.yaml', file([
        '  - name: closure',
        '    check: { closure: { make: "make_counter()", use: "f(); f()", free_vars: [count] } }',
        '  - name: apart',
        '    misconception: counters-share-a-count',
        '    feedback: Your counters share one count.',
        '    check: { independent: { make: "make_counter()", step: "f()" } }',
      ].join('\n'), 'test_module: |\n  def test_other():\n      pass\n'));
      if (!loaded.ok) throw new Error(loaded.errors.map(formatSpecError).join('\n'));
      const job = toGradingJob((loaded.item as Exercise).question, '');
      expect(job.testModule).toContain('def test_other():');
      expect(job.testModule).toContain('def closure():\n    _pyquiz_checks.closure(_pyquiz_learner, "make_counter()", use="f(); f()", free_vars=["count"])');
      expect(job.testModule).toContain('def apart():\n    _pyquiz_checks.independent(_pyquiz_learner, "make_counter()", "f()")');
      expect(job.testModule).toContain('import solution as _pyquiz_learner');
      expect(Object.keys(job.supportModules ?? {})).toEqual(['_pyquiz_checks']);
      expect(job.tests).toEqual([
        expect.objectContaining({ kind: 'module', name: 'closure', misconception: 'state-outside-closure', feedback: expect.stringContaining('This is not a closure') }),
        expect.objectContaining({ kind: 'module', name: 'apart', misconception: 'counters-share-a-count', feedback: 'Your counters share one count.' }),
      ]);
    });

    it('are refused with file:line:col when they mix with case fields, clash with test_module or are no identifier', () => {
      const loaded = parseFileText('closures/ctr.yaml', file([
        '  - name: closure',
        '    expr: make_counter()',
        '    check: { no_module_state: "make_counter()" }',
        '  - name: test_other',
        '    check: { distinct: { make: "fs()", each: "f()" } }',
        '  - name: Two.words',
        '    check: { closure: { make: "f()" }, distinct: { make: "fs()", each: "f()" } }',
      ].join('\n'), 'test_module: |\n  def test_other():\n      pass\n'));
      const errors = loaded.ok ? [] : loaded.errors.map(formatSpecError);
      expect(errors).toEqual([expect.stringMatching(/^closures\/ctr\.yaml:20:12: tests\[2\]\.check: expected exactly one of: closure, no_module_state, independent, distinct$/)]);
      const second = parseFileText('closures/ctr.yaml', file([
        '  - name: closure',
        '    expr: make_counter()',
        '    check: { no_module_state: "make_counter()" }',
        '  - name: test_other',
        '    check: { distinct: { make: "fs()", each: "f()" } }',
      ].join('\n'), 'test_module: |\n  def test_other():\n      pass\n'));
      expect(second.ok ? [] : second.errors.map(formatSpecError)).toEqual([
        expect.stringMatching(/:15:11: tests\[0\]\.expr: expr does not apply to a check/),
        expect.stringMatching(/:17:11: tests\[1\]\.name: test_module already defines "test_other"/),
      ]);
    });
  });
});
