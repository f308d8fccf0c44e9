import { DEFAULT_LIMITS } from '../../grader/src/types.js';
import { loadExerciseJob, resolveExercisePath, SpecLoadError } from './exercise-job.js';
import { toGradingJob } from './grading-job.js';
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
});
