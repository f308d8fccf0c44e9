import { parseFileText, type CourseItem } from '@app/quiz-spec';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db/index.js';
import { AttemptsRepository } from '../attempts/attempts.repository.js';
import { exerciseYaml } from '../authoring/testing/authoring-fixtures.js';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { RUN_NOT_KEPT, RUNS_KEPT, SubmissionsRepository } from './submissions.repository.js';

// A "medium" test: the submission statements (one per step of a submission) on a real database.
const QUIZ = 'authoring-e2e/double-it';
const KEY = 'double-it';

describe(SubmissionsRepository.name, () => {
  let db: TestDatabase;
  let submissions: SubmissionsRepository;
  let attempts: AttemptsRepository;
  let userId: string;
  let otherUserId: string;
  let questionId: string;
  let quizVersionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    submissions = new SubmissionsRepository(db.prisma);
    attempts = new AttemptsRepository(db.prisma);
    const loaded = parseFileText(`${QUIZ}.yaml`, exerciseYaml({ published: true }));
    if (!loaded.ok) throw new Error('fixture does not parse');
    await new CatalogRepository(db.prisma).saveVersion({ item: loaded.item as CourseItem, hash: loaded.hash, course: 'authoring-e2e', sourceYaml: '' });
    const question = await db.prisma.question.findFirstOrThrow({ where: { key: KEY } });
    questionId = question.id;
    quizVersionId = question.quizVersionId;
    userId = (await db.prisma.user.create({ data: { email: 'subs@example.org', passwordHash: 'x', displayName: 'S' } })).id;
    otherUserId = (await db.prisma.user.create({ data: { email: 'other@example.org', passwordHash: 'x', displayName: 'O' } })).id;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const newAttempt = async (status: 'in_progress' | 'submitted' = 'in_progress') =>
    (await db.prisma.attempt.create({ data: { userId, quizVersionId, status } })).id;
  const submit = (attemptId: string, limit: number, kind: 'run' | 'submit' = 'submit') =>
    submissions.create({ attemptId, userId, questionId, source: 'def double(x): return 2 * x', kind }, limit);
  const grade = (id: string, score: number) =>
    db.prisma.submission.update({ where: { id }, data: { status: 'graded', score, points: score * 3, maxPoints: 3, gradedAt: new Date() } });

  it('stores pending submissions up to the limit; failures of ours and runs do not count', async () => {
    const attemptId = await newAttempt();
    const first = await submit(attemptId, 2);
    expect(first).toEqual({ created: true, id: expect.any(String) });
    await db.prisma.submission.update({ where: { id: first.created ? first.id : '' }, data: { status: 'error' } });
    await expect(submit(attemptId, 2)).resolves.toMatchObject({ created: true });
    await expect(submit(attemptId, 2, 'run')).resolves.toMatchObject({ created: true });
    await expect(submit(attemptId, 2)).resolves.toMatchObject({ created: true });
    await expect(submit(attemptId, 2)).resolves.toEqual({ created: false, reason: 'limit_reached', used: 2 });
    await expect(submit(attemptId, 2, 'run')).resolves.toMatchObject({ created: true });
    const rows = await db.prisma.submission.findMany({ where: { attemptId }, select: { status: true, kind: true } });
    expect(rows.filter((row) => row.status === 'pending')).toHaveLength(4);
  });

  it('never lets concurrent submissions past the limit', async () => {
    const attemptId = await newAttempt();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => submit(attemptId, 3)));
    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(3);
    expect(await db.prisma.submission.count({ where: { attemptId } })).toBe(3);
  });

  it('refuses a submission to a submitted attempt but still runs code there', async () => {
    const attemptId = await newAttempt('submitted');
    await expect(submit(attemptId, 0)).resolves.toEqual({ created: false, reason: 'attempt_submitted', used: 0 });
    await expect(submit(attemptId, 0, 'run')).resolves.toMatchObject({ created: true });
  });

  it("finds the learner's own submission with its question key, and nobody else's", async () => {
    const attemptId = await newAttempt();
    const created = await submit(attemptId, 0);
    const id = created.created ? created.id : '';
    await expect(submissions.findOwn(id, otherUserId)).resolves.toBeNull();
    const pending = await submissions.findOwn(id, userId);
    expect(pending).toEqual({
      id, attemptId, questionKey: KEY, kind: 'submit', status: 'pending', score: null, points: null, maxPoints: null,
      result: null, errorReason: null, createdAt: expect.any(Date), gradedAt: null, settings: {}, scoresReleasedAt: null,
    });
    await grade(id, 0.5);
    await expect(submissions.findOwn(id, userId)).resolves.toMatchObject({ status: 'graded', score: 0.5, points: 1.5, gradedAt: expect.any(Date) });
  });

  it("keeps the best graded submission as the question's answer, also when verdicts arrive together", async () => {
    const attemptId = await newAttempt();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const created = await submit(attemptId, 0);
      ids.push(created.created ? created.id : '');
    }
    const answer = () => db.prisma.answer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId, questionId } } });
    await grade(ids[0]!, 0.5);
    await submissions.recordBestAnswer(ids[0]!);
    expect(await answer()).toMatchObject({ score: 0.5, points: 1.5, correct: false, response: { submissionId: ids[0] } });
    await grade(ids[1]!, 0.25);
    await submissions.recordBestAnswer(ids[1]!);
    expect(await answer()).toMatchObject({ score: 0.5, response: { submissionId: ids[0] } });
    const scores = [0.75, 1, 0.5, 0.25];
    await Promise.all(scores.map((score, i) => grade(ids[i + 2]!, score)));
    await Promise.all(scores.map((_, i) => submissions.recordBestAnswer(ids[i + 2]!)));
    expect(await answer()).toMatchObject({ score: 1, points: 3, correct: true, response: { submissionId: ids[3] } });
  });

  it('records no answer for a run or an unfinished submission', async () => {
    const attemptId = await newAttempt();
    const run = await submit(attemptId, 0, 'run');
    const pending = await submit(attemptId, 0);
    await grade(run.created ? run.id : '', 1);
    await submissions.recordBestAnswer(run.created ? run.id : '');
    await submissions.recordBestAnswer(pending.created ? pending.id : '');
    expect(await db.prisma.answer.count({ where: { attemptId } })).toBe(0);
  });

  it("loads an attempt's code question in one go for its owner only", async () => {
    const attemptId = await newAttempt();
    const found = await attempts.findOwnQuestion(attemptId, userId, KEY);
    expect(found).toEqual({
      attempt: { id: attemptId, status: 'in_progress', deadlineAt: null, variantSeed: 0, settings: { attempts: 0 } },
      question: { id: questionId, key: KEY, type: 'code', attempts: 0 },
      examInProgressElsewhere: false,
    });
    await expect(attempts.findOwnQuestion(attemptId, userId, 'nope')).resolves.toMatchObject({ question: null });
    await expect(attempts.findOwnQuestion(attemptId, otherUserId, KEY)).resolves.toBeNull();
  });

  it("says when the learner has another attempt whose exam timer still runs (another learner's does not count)", async () => {
    const practice = await newAttempt();
    const now = new Date();
    const exam = await db.prisma.attempt.create({ data: { userId, quizVersionId, status: 'in_progress', deadlineAt: new Date(now.getTime() + 60_000) } });
    await db.prisma.attempt.create({ data: { userId: otherUserId, quizVersionId, status: 'in_progress', deadlineAt: new Date(now.getTime() + 60_000) } });
    await expect(attempts.findOwnQuestion(practice, userId, KEY, now)).resolves.toMatchObject({ examInProgressElsewhere: true });
    await expect(attempts.findOwnQuestion(exam.id, userId, KEY, now)).resolves.toMatchObject({ examInProgressElsewhere: false }); // itself
    await expect(attempts.findOwnQuestion(practice, userId, KEY, new Date(now.getTime() + 61_000))).resolves.toMatchObject({ examInProgressElsewhere: false }); // its time is up
    await db.prisma.attempt.update({ where: { id: exam.id }, data: { status: 'submitted' } });
    await expect(attempts.findOwnQuestion(practice, userId, KEY, now)).resolves.toMatchObject({ examInProgressElsewhere: false }); // handed in
  });

  it('keeps the code and results of the latest finished runs only; older runs keep their row, pending ones are untouched', async () => {
    const attemptId = await newAttempt();
    const otherAttempt = await newAttempt();
    const run = async (attempt: string, source: string) => {
      const made = await submissions.create({ attemptId: attempt, userId, questionId, source, kind: 'run' }, 0);
      if (!made.created) throw new Error('run refused');
      return made.id;
    };
    const ids: string[] = [];
    for (let i = 0; i < RUNS_KEPT + 3; i++) {
      const id = await run(attemptId, `print(${i})`);
      await grade(id, 0);
      await db.prisma.testResult.create({ data: { submissionId: id, name: 't', status: 'pass' } });
      await db.prisma.submission.update({ where: { id }, data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)), result: { tests: [] } } });
      ids.push(id);
    }
    const pending = await run(attemptId, 'print("pending")');
    await db.prisma.submission.update({ where: { id: pending }, data: { createdAt: new Date(Date.UTC(2025, 0, 1)) } }); // oldest, but not graded yet
    const elsewhere = await run(otherAttempt, 'print("elsewhere")');
    await grade(elsewhere, 0);
    await submissions.pruneOldRuns(attemptId, questionId);
    const rows = await db.prisma.submission.findMany({ where: { id: { in: [...ids, pending, elsewhere] } }, include: { testResults: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [i, id] of ids.entries()) {
      const row = byId.get(id)!;
      const kept = i >= 3;
      expect({ i, source: row.source, result: row.result, tests: row.testResults.length, status: row.status })
        .toEqual({ i, source: kept ? `print(${i})` : RUN_NOT_KEPT, result: kept ? { tests: [] } : null, tests: kept ? 1 : 0, status: 'graded' });
    }
    expect(byId.get(pending)!.source).toBe('print("pending")');
    expect(byId.get(elsewhere)!.source).toBe('print("elsewhere")');
  });
});
