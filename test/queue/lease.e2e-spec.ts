import type { GradingJob, GradingResult } from '../../libs/grader/src/index.js';
import { GradingRepository, MAX_TRIES, SubmissionGrader, type JobGrader } from '../../libs/grading/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db/index.js';
import { insertSubmissions, seedExercise, type Seeded } from './support/seed.js';

// The claim/lease rules that make queue delivery safe to repeat, on a real database (no Redis):
// a grader whose lease was taken over can store nothing, so one submission never ends with two
// different stored results, whatever the queue delivers twice.

function result(score: 0 | 1): GradingResult {
  return {
    status: score === 1 ? 'pass' : 'fail',
    score,
    points: score,
    max_points: 1,
    message: '',
    duration_ms: 1,
    provenance: { runtime: 'fake', python: '3.14', suite_hash: 'x', seed: 0 },
    tests: [{ name: 'only', status: score === 1 ? 'pass' : 'fail', score, max_score: 1, visibility: 'visible', message: '', output: '', tags: [] }],
  };
}

/** A grader engine answering `score` after `delayMs`, or failing when `score` is an Error. */
function engine(score: 0 | 1 | Error, delayMs = 0): JobGrader & { calls: number } {
  const fake = {
    calls: 0,
    async grade(_job: GradingJob): Promise<GradingResult> {
      fake.calls++;
      await sleep(delayMs);
      if (score instanceof Error) throw score;
      return result(score);
    },
  };
  return fake;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('grading lease (claim and compare-and-set store)', () => {
  let db: TestDatabase;
  let seeded: Seeded;
  let repository: GradingRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedExercise(db.prisma);
    repository = new GradingRepository(db.prisma);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  async function oneSubmission(): Promise<string> {
    return (await insertSubmissions(db.prisma, seeded, 1))[0]!;
  }

  it('does not take a live lease, and says until when it holds', async () => {
    const id = await oneSubmission();
    const first = await repository.claim(id, 30_000);
    const second = await repository.claim(id, 30_000);
    expect(first.claimed).toBe(true);
    expect(second).toEqual({ claimed: false, busyUntil: new Date((first as { lease: Date }).lease.getTime() + 30_000) });
  });

  it('lets a stale claimer store nothing once its expired lease was taken over', async () => {
    const id = await oneSubmission();
    const stale = await repository.claim(id, 50);
    await sleep(80);
    const fresh = await repository.claim(id, 50);
    if (!stale.claimed || !fresh.claimed) throw new Error('both claims should succeed');
    expect(await repository.complete(id, stale.lease, result(0))).toBe(false);
    expect(await repository.complete(id, fresh.lease, result(1))).toBe(true);
    expect(await repository.complete(id, fresh.lease, result(0))).toBe(false);
    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id }, include: { testResults: true } });
    expect(row).toMatchObject({ status: 'graded', score: 1, points: 1, maxPoints: 1, attemptCount: 2, leasedAt: null, result: { status: 'pass' } });
    expect(row.testResults).toEqual([
      expect.objectContaining({ position: 0, name: 'only', status: 'pass', score: 1, maxScore: 1, visibility: 'visible', message: '', tags: [] }),
    ]);
  });

  it('refuses the verdict of a grader whose lease was taken over, even when it finishes first', async () => {
    const id = await oneSubmission();
    const first = new SubmissionGrader(repository, engine(0, 250), 50);
    const second = new SubmissionGrader(repository, engine(1, 300), 50);
    const firstRun = first.attempt(id);
    await sleep(100); // the first grader's lease has expired: as if its BullMQ lock had lapsed
    const secondRun = second.attempt(id);
    expect(await firstRun).toEqual({ kind: 'skipped' }); // done while the second still grades
    expect(await db.prisma.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'grading' });
    expect(await secondRun).toMatchObject({ kind: 'stored', outcome: { status: 'graded' } });
    expect(await repository.verdict(id)).toMatchObject({ status: 'graded', result: { score: 1 } });
    expect(await db.prisma.testResult.count({ where: { submissionId: id } })).toBe(1);
  });

  it('skips a finished submission without grading it again', async () => {
    const id = await oneSubmission();
    await new SubmissionGrader(repository, engine(1)).attempt(id);
    const again = engine(0);
    expect(await new SubmissionGrader(repository, again).attempt(id)).toEqual({ kind: 'skipped' });
    expect(again.calls).toBe(0);
  });

  it("hands each claim the question's stored content, shared read-only between claims", async () => {
    const [a, b] = await insertSubmissions(db.prisma, seeded, 2);
    const fresh = new GradingRepository(db.prisma); // an empty cache: the first claim reads the question
    const first = await fresh.claim(a!, 30_000);
    const second = await fresh.claim(b!, 30_000);
    if (!first.claimed || !second.claimed) throw new Error('both claims should succeed');
    const stored = await db.prisma.submission.findUniqueOrThrow({ where: { id: a! }, select: { question: { select: { content: true } } } });
    expect(first.submission.questionContent).toEqual(stored.question.content);
    expect(second.submission.questionContent).toBe(first.submission.questionContent);
    expect(() => Object.assign(first.submission.questionContent as object, { tests: [] })).toThrow(TypeError);
    expect(second.submission.questionContent).toEqual(stored.question.content);
  });

  it('releases after our own failure, then stores an error after the last try', async () => {
    const id = await oneSubmission();
    const broken = new SubmissionGrader(repository, engine(new Error('sandbox crashed')));
    for (let attempt = 1; attempt < MAX_TRIES; attempt++) {
      expect(await broken.attempt(id)).toMatchObject({ kind: 'retry', reason: 'sandbox crashed' });
      expect(await db.prisma.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', leasedAt: null });
    }
    expect(await broken.attempt(id)).toEqual({ kind: 'stored', outcome: { id, status: 'error', reason: 'sandbox crashed' } });
    expect(await repository.verdict(id)).toEqual({ id, status: 'error', reason: `grading failed ${MAX_TRIES} times: sandbox crashed` });
  });
});
