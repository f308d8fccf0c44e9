import { BadRequestException, ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { parseFileText, type CourseItem } from '@app/quiz-spec';
import type { GradingJob, GradingResult } from '@app/grader';
import type { CatalogRepository, VersionInput } from '../catalog/catalog.repository.js';
import type { GradingService } from '../grading/grading.service.js';
import type { AuthoringRepository } from './authoring.repository.js';
import { QuizUploadService } from './quiz-upload.service.js';
import { QuizValidator } from './quiz-validator.service.js';
import { exerciseYaml, quizYaml } from './testing/authoring-fixtures.js';

const EXERCISE_ID = 'authoring-e2e/double-it';

/** An in-memory catalog: versions per quiz, by hash, like CatalogRepository.saveVersion. */
function fakeStore() {
  const quizzes = new Map<string, { published: boolean; versions: { hash: string; item: CourseItem }[]; current: number }>();
  const catalog = {
    saveVersion: async ({ item, hash }: VersionInput) => {
      const quiz = quizzes.get(item.id) ?? { published: item.published, versions: [], current: 0 };
      quizzes.set(item.id, quiz);
      if (quiz.versions.some((v) => v.hash === hash)) return 'unchanged' as const;
      quiz.versions.push({ hash, item });
      quiz.current = quiz.versions.length;
      quiz.published = item.published;
      return 'created' as const;
    },
  } as unknown as CatalogRepository;
  const repository = {
    findQuiz: async (id: string) => (quizzes.has(id) ? { id, published: quizzes.get(id)!.published } : null),
    currentVersion: async (id: string) => {
      const quiz = quizzes.get(id);
      if (!quiz) return null;
      const version = quiz.versions[quiz.current - 1]!;
      return { id: `v${quiz.current}`, version: quiz.current, contentHash: version.hash, content: version.item, sourceYaml: '' };
    },
    makeCurrent: async (id: string, hash: string) => {
      const quiz = quizzes.get(id)!;
      const index = quiz.versions.findIndex((v) => v.hash === hash) + 1;
      if (index === quiz.current) return false;
      quiz.current = index;
      return true;
    },
  } as unknown as AuthoringRepository;
  return { quizzes, catalog, repository };
}

/** A grader where the reference passes and every wrong solution fails `doubles_big` with its feedback. */
const honestGrader = {
  grade: async (job: GradingJob): Promise<GradingResult> => {
    const right = job.source.includes('2 * x');
    const tests = job.tests.map((t) => {
      const pass = right || t.name !== 'doubles_big';
      return { name: t.name, status: pass ? 'pass' : 'fail', score: pass ? t.points : 0, max_score: t.points, visibility: t.visibility, message: pass ? '' : 'double(1000) should be 2000', output: '', tags: [] };
    }) as GradingResult['tests'];
    const points = tests.reduce((s, t) => s + t.score, 0);
    const max = tests.reduce((s, t) => s + t.max_score, 0);
    return { status: points === max ? 'pass' : 'fail', score: points / max, points, max_points: max, message: '', duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: '', seed: 1 }, tests };
  },
};

function setup(grader = honestGrader) {
  const store = fakeStore();
  const validator = new QuizValidator(store.repository, grader as unknown as GradingService);
  return { ...store, validator, uploads: new QuizUploadService(validator, store.catalog, store.repository) };
}

describe(QuizUploadService.name, () => {
  it('reports a format error at its line, column and field, and stores nothing', async () => {
    const { uploads, quizzes } = setup();
    const broken = exerciseYaml().replace('    points: 2', '    points: two');
    const error = await uploads.create({ yaml: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    const details = ((error as UnprocessableEntityException).getResponse() as { details: { errors: unknown[] } }).details;
    const line = broken.split('\n').findIndex((l) => l.includes('points: two')) + 1;
    expect(details.errors).toEqual([expect.objectContaining({ line, path: 'tests[0].points', message: expect.stringContaining('number') })]);
    expect(quizzes.size).toBe(0);
  });

  it('stores a new exercise (created), then the same text again is unchanged', async () => {
    const { uploads } = setup();
    const first = await uploads.create({ yaml: exerciseYaml() });
    expect(first).toMatchObject({ id: EXERCISE_ID, outcome: 'created', version: 1, published: false });
    const again = await uploads.update(EXERCISE_ID, { yaml: exerciseYaml() });
    expect(again).toMatchObject({ outcome: 'unchanged', version: 1 });
  });

  it('refuses a second POST of an existing id with 409', async () => {
    const { uploads } = setup();
    await uploads.create({ yaml: exerciseYaml() });
    await expect(uploads.create({ yaml: exerciseYaml({ hiddenExpected: 2001 }) })).rejects.toBeInstanceOf(ConflictException);
  });

  it('PUT: 404 for an unknown quiz, 400 when the file names another id, new version when content changes', async () => {
    const { uploads } = setup();
    await expect(uploads.update(EXERCISE_ID, { yaml: exerciseYaml() })).rejects.toBeInstanceOf(NotFoundException);
    await uploads.create({ yaml: exerciseYaml() });
    await expect(uploads.update(EXERCISE_ID, { yaml: exerciseYaml({ id: 'authoring-e2e/other' }) })).rejects.toBeInstanceOf(BadRequestException);
    const edited = await uploads.update(EXERCISE_ID, { yaml: exerciseYaml({ hiddenExpected: 2001 }) });
    expect(edited).toMatchObject({ outcome: 'created', version: 2 });
  });

  it('uploading an older content again makes that version current (restored)', async () => {
    const { uploads } = setup();
    await uploads.create({ yaml: exerciseYaml() });
    await uploads.update(EXERCISE_ID, { yaml: exerciseYaml({ hiddenExpected: 2001 }) });
    expect(await uploads.update(EXERCISE_ID, { yaml: exerciseYaml() })).toMatchObject({ outcome: 'restored', version: 1 });
  });

  it('resolves ref: against stored exercises and locates an unknown ref at its line', async () => {
    const { uploads } = setup();
    const missing = quizYaml('authoring-e2e/ref-quiz', 'authoring-e2e/nowhere');
    const report = await uploads.check({ yaml: missing });
    const line = missing.split('\n').findIndex((l) => l.includes('ref:')) + 1;
    expect(report).toMatchObject({ valid: false, errors: [expect.objectContaining({ line, path: 'questions[1].ref' })] });

    await uploads.create({ yaml: exerciseYaml() });
    const saved = await uploads.create({ yaml: quizYaml('authoring-e2e/ref-quiz', EXERCISE_ID) });
    expect(saved.outcome).toBe('created');
  });

  it('refuses a ref: to a quiz rather than an exercise', async () => {
    const { uploads } = setup();
    await uploads.create({ yaml: exerciseYaml() });
    await uploads.create({ yaml: quizYaml('authoring-e2e/ref-quiz', EXERCISE_ID) });
    const report = await uploads.check({ yaml: quizYaml('authoring-e2e/other-quiz', 'authoring-e2e/ref-quiz') });
    expect(report.errors[0]?.message).toContain('is a quiz');
  });

  it('verify: grades the solutions and refuses to store when a wrong solution passes', async () => {
    const lenient = { grade: async (job: GradingJob) => ({ ...(await honestGrader.grade({ ...job, source: 'return 2 * x' })) }) };
    const { uploads, quizzes } = setup(lenient);
    const report = await uploads.check({ yaml: exerciseYaml(), verify: true });
    expect(report).toMatchObject({ valid: false, verified: true });
    expect(report.violations.map((v) => v.message)).toEqual(expect.arrayContaining([expect.stringContaining('wrong solution "adds-two" passes doubles_big')]));
    await expect(uploads.create({ yaml: exerciseYaml(), verify: true })).rejects.toBeInstanceOf(UnprocessableEntityException);
    expect(quizzes.size).toBe(0);
  });

  it("verify: grades the author's solutions uncapped (test discovery's list of names must arrive whole)", async () => {
    const asked: unknown[] = [];
    const recording = { grade: (job: GradingJob, options?: unknown) => (asked.push(options), honestGrader.grade(job)) };
    await setup(recording).uploads.check({ yaml: exerciseYaml(), verify: true });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((options) => (options as { uncapped?: boolean } | undefined)?.uncapped === true)).toBe(true);
  });

  it('verify: a correct file passes the solution checks', async () => {
    const { uploads } = setup();
    expect(await uploads.check({ yaml: exerciseYaml(), verify: true })).toMatchObject({ valid: true, verified: true, violations: [] });
  });

  it('gives the same verdict as the CLI parser on the same text', async () => {
    const { uploads } = setup();
    const text = exerciseYaml().replace('title: Double it\n', '');
    const cli = parseFileText(`${EXERCISE_ID}.yaml`, text);
    const report = await uploads.check({ yaml: text });
    expect(cli.ok).toBe(false);
    expect(report.errors).toEqual((cli.ok ? [] : cli.errors).map(({ line, column, path, message }) => ({ line, column, path, message })));
  });
});
