import { ConflictException } from '@nestjs/common';
import type { GradingResult } from '@app/grader';
import { parseFileText, type CourseItem } from '@app/quiz-spec';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db/index.js';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { LtiScoresRepository } from '../lti/lti-scores.repository.js';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { RegradeRepository, type RegradeWrite } from './regrade.repository.js';
import { exerciseYaml } from './testing/authoring-fixtures.js';

// A "medium" test: the regrade's writes on a real migrated database of its own.
const QUIZ = 'authoring-e2e/double-it';
const KEY = 'double-it';

function result(points: number): GradingResult {
  const tests = [
    { name: 'doubles_two', status: 'pass', score: 1, max_score: 1, visibility: 'visible', message: '', output: '', tags: [] },
    { name: 'doubles_big', status: points === 3 ? 'pass' : 'fail', score: points - 1, max_score: 2, visibility: 'hidden', message: '', output: '', tags: [] },
  ] as GradingResult['tests'];
  return { status: points === 3 ? 'pass' : 'fail', score: points / 3, points, max_points: 3, message: '', duration_ms: 1, provenance: { runtime: 'test', python: '3', suite_hash: '', seed: 1 }, tests };
}

function item(hiddenExpected: number): { item: CourseItem; hash: string } {
  const loaded = parseFileText(`${QUIZ}.yaml`, exerciseYaml({ hiddenExpected }));
  if (!loaded.ok) throw new Error('fixture does not parse');
  return { item: loaded.item as CourseItem, hash: loaded.hash };
}

describe(RegradeRepository.name, () => {
  let db: TestDatabase;
  let repository: RegradeRepository;
  let userId: string;
  let attemptId: string;
  let otherAttemptId: string;
  let subs: { right: string; off: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = new RegradeRepository(db.prisma, new ScoreOutbox(new LtiScoresRepository(db.prisma)));
    const catalog = new CatalogRepository(db.prisma);
    await catalog.saveVersion({ ...item(2000), course: 'authoring-e2e', sourceYaml: '' });
    const question = await db.prisma.question.findFirstOrThrow({ where: { key: KEY } });
    const user = await db.prisma.user.create({ data: { email: 'regrade@example.org', passwordHash: 'x', displayName: 'R' } });
    userId = user.id;
    const attempt = (score: number) =>
      db.prisma.attempt.create({ data: { userId, quizVersionId: question.quizVersionId, status: 'submitted', score, maxScore: 3, submittedAt: new Date() } });
    attemptId = (await attempt(3)).id;
    otherAttemptId = (await attempt(2)).id;
    const submit = async (source: string, points: number, attempt: string) =>
      (await db.prisma.submission.create({
        data: { attemptId: attempt, userId, questionId: question.id, source, kind: 'submit', status: 'graded', score: points / 3, points, maxPoints: 3, result: result(points) as object, gradedAt: new Date() },
      })).id;
    subs = { right: await submit('right', 3, attemptId), off: await submit('off', 1, attemptId) };
    await submit('other', 2, otherAttemptId);
    await db.prisma.answer.create({ data: { attemptId, questionId: question.id, response: { submissionId: subs.right }, correct: true, score: 1, points: 3 } });
    await db.prisma.bestScore.create({ data: { userId, quizId: QUIZ, attemptId, score: 3, maxScore: 3 } });
    // The learner launched this quiz from an LMS: its gradebook follows the best score.
    const platform = await db.prisma.ltiPlatform.create({ data: { name: 'LMS', issuer: 'https://lms.example', clientId: 'c', authLoginUrl: 'https://lms.example/a', tokenUrl: 'https://lms.example/t', jwksUrl: 'https://lms.example/k', deploymentIds: ['1'] } });
    await db.prisma.ltiGradeLink.create({ data: { platformId: platform.id, userId, quizId: QUIZ, sub: 'lms-user', lineItemUrl: 'https://lms.example/lineitems/1' } });
    // The instructor changes the hidden test: version 2 becomes current.
    await catalog.saveVersion({ ...item(2001), course: 'authoring-e2e', sourceYaml: '' });
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function writes(newPoints: Record<string, number>): Promise<RegradeWrite[]> {
    const candidates = await repository.candidates(QUIZ);
    return candidates
      .filter((c) => c.id in newPoints)
      .map((candidate) => ({ candidate, result: result(newPoints[candidate.id]!), version: 2, questionPoints: 3, previewId: 'p'.repeat(64) }));
  }

  it('reads every graded submit of the quiz, and the current version as the target', async () => {
    const target = await repository.targetVersion(QUIZ);
    expect(target).toMatchObject({ version: 2 });
    expect([...target!.codeQuestions.keys()]).toEqual([KEY]);
    const candidates = await repository.candidates(QUIZ);
    expect(candidates.map((c) => c.source).sort()).toEqual(['off', 'other', 'right']);
    expect(candidates.find((c) => c.id === subs.off)).toEqual({
      id: subs.off, userId, email: 'regrade@example.org', attemptId, questionId: expect.any(String), questionKey: KEY, source: 'off',
      points: 1, maxPoints: 3, score: 1 / 3, gradedAt: expect.any(Date), seed: 1, variantSeed: 0,
    });
  });

  it('stores nothing at all when one submission moved since the preview', async () => {
    const planned = await writes({ [subs.right]: 1, [subs.off]: 3 });
    await db.prisma.submission.update({ where: { id: subs.off }, data: { gradedAt: new Date(Date.now() + 1000) } });
    await expect(repository.apply(QUIZ, planned)).rejects.toBeInstanceOf(ConflictException);
    expect((await db.prisma.submission.findUniqueOrThrow({ where: { id: subs.right } })).points).toBe(3);
  });

  it('moves the answer to the new best submission and rescoring lowers attempt and best score', async () => {
    await repository.apply(QUIZ, await writes({ [subs.right]: 1, [subs.off]: 2, [await otherId()]: 3 }));

    const answer = await db.prisma.answer.findFirstOrThrow({ where: { attemptId } });
    expect(answer).toMatchObject({ response: { submissionId: subs.off }, score: 2 / 3, points: 2, correct: false });
    expect((await db.prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).score).toBe(2);
    expect((await db.prisma.attempt.findUniqueOrThrow({ where: { id: otherAttemptId } })).score).toBe(3);
    expect(await db.prisma.bestScore.findUniqueOrThrow({ where: { userId_quizId: { userId, quizId: QUIZ } } })).toMatchObject({ attemptId: otherAttemptId, score: 3 });
    const tests = await db.prisma.testResult.findMany({ where: { submissionId: subs.right }, orderBy: { position: 'asc' } });
    expect(tests.map((t) => [t.name, t.status])).toEqual([['doubles_two', 'pass'], ['doubles_big', 'fail']]);
    const stored = await db.prisma.submission.findUniqueOrThrow({ where: { id: subs.right } });
    expect(stored.result).toMatchObject({ points: 1, regrade: { version: 2, previous: { points: 3 } } });
    // The best stayed 3 / 3 (another attempt holds it now): the LMS has nothing new to hear.
    expect(await db.prisma.ltiScoreSend.count()).toBe(0);
  });

  it('stores an LMS gradebook send when a regrade changes the best score', async () => {
    await repository.apply(QUIZ, await writes({ [await otherId()]: 1 }));
    expect(await db.prisma.bestScore.findUniqueOrThrow({ where: { userId_quizId: { userId, quizId: QUIZ } } })).toMatchObject({ attemptId, score: 2 });
    expect(await db.prisma.ltiScoreSend.findMany()).toEqual([
      expect.objectContaining({ userId, quizId: QUIZ, sub: 'lms-user', lineItemUrl: 'https://lms.example/lineitems/1', scoreGiven: 2, scoreMaximum: 3, status: 'pending' }),
    ]);
  });

  /** Another learner's attempt of version 1 with one graded 3 / 3 submission that its answer
   * points to, and the regrade candidate it makes. */
  async function attemptWithSubmission(email: string, attempt: { status: 'in_progress' | 'submitted'; score: number; maxScore: number }, answerPoints: number) {
    const question = await db.prisma.question.findFirstOrThrow({ where: { key: KEY, quizVersion: { version: 1 } } });
    const learner = await db.prisma.user.create({ data: { email, passwordHash: 'x', displayName: 'L' } });
    const created = await db.prisma.attempt.create({ data: { userId: learner.id, quizVersionId: question.quizVersionId, ...attempt, completedAt: new Date(),
      ...(attempt.status === 'submitted' ? { submittedAt: new Date() } : {}) } });
    const submission = await db.prisma.submission.create({
      data: { attemptId: created.id, userId: learner.id, questionId: question.id, source: email, kind: 'submit', status: 'graded', score: 1, points: 3, maxPoints: 3, result: result(3) as object, gradedAt: new Date() },
    });
    await db.prisma.answer.create({ data: { attemptId: created.id, questionId: question.id, response: { submissionId: submission.id }, correct: true, score: 1, points: answerPoints } });
    const candidate = (await repository.candidates(QUIZ)).find((c) => c.id === submission.id)!;
    return { learner, attempt: created, candidate };
  }

  // docs/scoring.md: a practice attempt is scored as it goes, so a regrade rescores it in progress too.
  it('rescores an attempt still in progress against the new maximum (3 / 5, not 1.8 / 3), and its learner\'s best follows', async () => {
    const { learner, attempt: open, candidate } = await attemptWithSubmission('open-attempt@example.org', { status: 'in_progress', score: 3, maxScore: 3 }, 3);
    await db.prisma.bestScore.create({ data: { userId: learner.id, quizId: QUIZ, attemptId: open.id, score: 3, maxScore: 3 } });
    const worthFive = { ...result(3), score: 3 / 5, max_points: 5 };
    await repository.apply(QUIZ, [{ candidate, result: worthFive, version: 2, questionPoints: 5, previewId: 'q'.repeat(64) }]);

    expect(await db.prisma.attempt.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: 'in_progress', score: 3, maxScore: 5 });
    expect(await db.prisma.bestScore.findUniqueOrThrow({ where: { userId_quizId: { userId: learner.id, quizId: QUIZ } } })).toMatchObject({ attemptId: open.id, score: 3, maxScore: 5 });
  });

  // A question with an explicit `points:` (a `ref:` code question, a run-graded Parsons problem)
  // is worth those points, whatever its tests add up to: a regrade keeps it so.
  it('counts a regraded answer against the question\'s points (10), not its tests\' sum (3)', async () => {
    const { attempt: done, candidate } = await attemptWithSubmission('explicit-points@example.org', { status: 'submitted', score: 10, maxScore: 10 }, 10);
    await repository.apply(QUIZ, [{ candidate, result: result(2), version: 2, questionPoints: 10, previewId: 'r'.repeat(64) }]);

    // 2 of the tests' 3 points is 2/3 of the question: 6.67 of 10 (before: 2 / 3, the attempt's maximum shrunk to 3).
    expect(await db.prisma.attempt.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ score: 6.666667, maxScore: 10 });
  });

  async function otherId(): Promise<string> {
    return (await db.prisma.submission.findFirstOrThrow({ where: { source: 'other' } })).id;
  }
});
