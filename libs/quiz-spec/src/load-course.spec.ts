import { copyFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatSpecError } from './errors.js';
import { asQuiz, loadCourse, loadExercises } from './load-course.js';
import type { CodeQuestion, Exercise, Quiz } from './model.types.js';

const FIXTURES = 'libs/quiz-spec/test/fixtures';

describe('loadCourse', () => {
  it('loads a valid course into typed models with defaults applied', async () => {
    const course = await loadCourse(`${FIXTURES}/good/closures`);
    expect(course.errors.map(formatSpecError)).toEqual([]);
    expect(course.items.map((i) => i.item.id)).toEqual(['closures/make-adder', 'closures/scope-quiz']);
    const exercise = course.items[0]!.item as Exercise;
    expect(exercise.published).toBe(true);
    expect(exercise.question).toMatchObject({ module: 'solution', attempts: 0, points: 4.5, title: 'Make an adder' });
    expect(exercise.question.tests[0]).toEqual(expect.objectContaining({ name: 'adds_negative', expected: null }));
    const quiz = course.items[1]!.item as Quiz;
    expect(quiz.questions.map((q) => [q.id, q.type, q.points])).toEqual([
      ['what-is-free', 'single_choice', 1],
      ['pick-all', 'multiple_choice', 2],
      ['legb-order', 'ordering', 1],
      ['predict', 'predict_output', 1],
      ['keyword', 'short_answer', 1],
      ['inline-double', 'code', 1],
      ['closures/make-adder', 'code', 5],
    ]);
    // Quiz concepts are the default tags; a question's own concepts replace them.
    expect(quiz.questions[0]!.concepts).toEqual(['free-variables']);
    expect(quiz.questions[1]!.concepts).toEqual(['legb']);
    expect((quiz.questions[6] as CodeQuestion).ref).toBe('closures/make-adder');
  });

  it('reports a bad file and skips it while the rest of the course loads', async () => {
    const course = await loadCourse(`${FIXTURES}/broken/closures`);
    expect(course.items.map((i) => i.item.id)).toEqual(['closures/fine']);
    expect(course.failedFiles).toHaveLength(8);
    expect(course.errors.map(formatSpecError)).toEqual(
      expect.arrayContaining([
        `${FIXTURES}/broken/closures/dangling-ref.yaml:5:10: questions[0].ref: expected the id of an exercise, "closures/fine" is a quiz`,
        `${FIXTURES}/broken/closures/dangling-ref.yaml:6:10: questions[1].ref: expected the id of an exercise file, no exercise "closures/no-such-exercise" exists`,
        `${FIXTURES}/broken/closures/dangling-ref.yaml:8:10: questions[2].ref: "closures/bad-points" did not load (${FIXTURES}/broken/closures/bad-points.yaml has errors)`,
      ]),
    );
  });

  it('rejects a second file with the same id', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quiz-spec-'));
    try {
      await mkdir(path.join(root, 'closures'));
      await copyFile(`${FIXTURES}/good/closures/make-adder.yaml`, path.join(root, 'closures/make-adder.yaml'));
      await copyFile(`${FIXTURES}/good/closures/make-adder.yaml`, path.join(root, 'closures/make-adder.yml'));
      const course = await loadExercises(root);
      expect(course.items).toHaveLength(1);
      expect(course.errors).toHaveLength(1);
      expect(course.errors[0]).toMatchObject({ line: 2, column: 5, path: 'id' });
      expect(course.errors[0]!.message).toMatch(/^duplicate id "closures\/make-adder", already used by .*make-adder\.yaml$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('shows an exercise as a quiz of one code question', async () => {
    const course = await loadCourse(`${FIXTURES}/good/closures`);
    const quiz = asQuiz(course.items[0]!.item);
    expect(quiz).toMatchObject({ kind: 'quiz', id: 'closures/make-adder', title: 'Make an adder' });
    expect(quiz.questions.map((q) => q.type)).toEqual(['code']);
  });
});
