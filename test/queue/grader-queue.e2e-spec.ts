import { GradingRepository } from '../../libs/grading/src/index.js';
import { GradingQueueClient, type SettledEvent } from '../../apps/api/src/grading/queue/grading-queue.client.js';
import { createTestDatabase, adminDatabaseUrl, type TestDatabase } from '../support/db/index.js';
import { isReachable } from '../support/db/postgres-server.js';
import { startGrader, type GraderProcess } from './support/grader-process.js';
import { redisUnreachable, TEST_QUEUE_URL, uniqueQueueName } from './support/redis.js';
import { insertSubmissions, seedExercise, type Seeded } from './support/seed.js';

// Two real grader processes (apps/grader) share one BullMQ queue on the local Redis and one
// PostgreSQL test database. Jobs are added through the API's own queue client.

const COUNT = 1_000;
/** Short lock so a killed grader's job moves on within seconds (production: 30 s). */
const LOCK_MS = 3_000;

const skipReason =
  (await redisUnreachable()) ?? ((await isReachable(adminDatabaseUrl())) ? null : 'no PostgreSQL server (graders cannot share the embedded database)');
if (skipReason) console.warn(`[queue e2e] SKIPPED: ${skipReason}`);
const describeWithQueue = skipReason ? describe.skip : describe;

describeWithQueue('grading queue with two grader processes', () => {
  let db: TestDatabase;
  let seeded: Seeded;
  let pair: GraderProcess[] = [];
  let client: GradingQueueClient;
  let settled: SettledEvent[] = [];

  // Two graders (one interpreter each: the machine has two cores) on a queue of this run alone;
  // the second test reuses them (starting a pair costs seconds of CPU) and kills one.
  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedExercise(db.prisma);
    const name = uniqueQueueName('graders');
    const env = { QUEUE_URL: TEST_QUEUE_URL, QUEUE_NAME: name, DATABASE_URL: db.url!, GRADER_WORKERS: '1', GRADER_LOCK_MS: String(LOCK_MS) };
    pair = await Promise.all([startGrader(env), startGrader(env)]);
    client = GradingQueueClient.open(TEST_QUEUE_URL, name);
    await client.ready();
    client.onSettled((event) => settled.push(event));
  }, 180_000);

  beforeEach(() => {
    settled = [];
  });

  afterAll(async () => {
    await Promise.all(pair.map((grader) => grader.stop()));
    await client?.obliterate().catch(() => undefined);
    await client?.close();
    await db?.drop();
  }, 60_000);

  async function waitUntilGraded(ids: string[], atLeast: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const finished = await db.prisma.submission.count({ where: { id: { in: ids }, status: { in: ['graded', 'error'] } } });
      if (finished >= atLeast || Date.now() > deadline) return finished;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every submission graded, with one stored set of test results each, scores as expected. */
  async function expectEachStoredOnce(ids: string[]): Promise<void> {
    const rows = await db.prisma.submission.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, score: true, source: true } });
    expect(rows.filter((row) => row.status !== 'graded')).toEqual([]);
    const perSubmission = await db.prisma.testResult.groupBy({ by: ['submissionId'], where: { submissionId: { in: ids } }, _count: { _all: true } });
    const testCounts = new Set(perSubmission.map((group) => group._count._all));
    expect(perSubmission).toHaveLength(ids.length);
    expect(testCounts.size).toBe(1); // no submission got a second set of results stored on top
    const right = rows.filter((row) => row.source.includes('nonlocal'));
    expect(right.every((row) => row.score === 1)).toBe(true);
    expect(rows.filter((row) => !row.source.includes('nonlocal')).every((row) => (row.score ?? 1) < 1)).toBe(true);
  }

  function shareOf(settled: SettledEvent[]): Map<string, number> {
    const share = new Map<string, number>();
    for (const event of settled) if (event.grader) share.set(event.grader, (share.get(event.grader) ?? 0) + 1);
    return share;
  }

  it('grades 1,000 submissions exactly once each, the work split between both graders', async () => {
    const ids = await insertSubmissions(db.prisma, seeded, COUNT);
    const started = Date.now();
    let mostActive = 0;
    const sampler = setInterval(() => void client.refresh().then((figures) => (mostActive = Math.max(mostActive, figures.active))), 50);
    await client.addSubmissions(ids);
    expect(await waitUntilGraded(ids, COUNT, 120_000)).toBe(COUNT);
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    // Several jobs in hand per interpreter (GRADER_IN_FLIGHT, 4 by default), not one per grader.
    expect(mostActive).toBeGreaterThan(2);

    await expectEachStoredOnce(ids);
    const claims = await db.prisma.submission.groupBy({ by: ['attemptCount'], where: { id: { in: ids } }, _count: { _all: true } });
    expect(claims).toEqual([{ attemptCount: 1, _count: { _all: COUNT } }]); // claimed once each
    await waitFor(() => settled.length >= COUNT);
    const share = shareOf(settled);
    console.log(`[queue e2e] ${COUNT} graded in ${seconds.toFixed(1)} s, at most ${mostActive} jobs active at once; share per grader: ${JSON.stringify(Object.fromEntries(share))}`);
    expect(share.size).toBe(2);
    for (const done of share.values()) expect(done).toBeGreaterThan(COUNT / 10);
    expect(settled.filter((event) => event.outcome?.status === 'graded')).toHaveLength(COUNT);
    const figures = await client.refresh();
    expect(figures).toMatchObject({ connected: true, graders: 2, graderSlots: 2, depth: 0 });
  }, 240_000);

  it('loses nothing when one grader is killed (SIGKILL) in the middle: every submission ends graded, none twice', async () => {
    const ids = await insertSubmissions(db.prisma, seeded, COUNT);
    await client.addSubmissions(ids);
    expect(await waitUntilGraded(ids, COUNT / 4, 120_000)).toBeGreaterThanOrEqual(COUNT / 4);
    pair[0].child.kill('SIGKILL');
    const killedAt = await waitUntilGraded(ids, 0, 0);
    expect(killedAt).toBeLessThan(COUNT); // killed in the middle, not after the end

    expect(await waitUntilGraded(ids, COUNT, 120_000)).toBe(COUNT);
    await expectEachStoredOnce(ids);
    const retaken = await db.prisma.submission.count({ where: { id: { in: ids }, attemptCount: { gt: 1 } } });
    console.log(`[queue e2e] killed one grader at ${killedAt}/${COUNT}; ${retaken} submission(s) re-claimed after its lease expired (0 when it was killed between two claims)`);
    await waitFor(async () => (await client.refresh()).graders === 1);
    expect(shareOf(settled).size).toBe(2);
  }, 240_000);

  it('takes over a submission whose grader died holding its lease, once the lease has expired', async () => {
    const [id] = await insertSubmissions(db.prisma, seeded, 1);
    const dead = await new GradingRepository(db.prisma).claim(id!, LOCK_MS); // a grader that then died
    expect(dead.claimed).toBe(true);
    const queuedAt = Date.now();
    await client.addSubmissions([id!]);
    expect(await waitUntilGraded([id!], 1, 30_000)).toBe(1);
    expect(Date.now() - queuedAt).toBeGreaterThanOrEqual(LOCK_MS - 200); // waited for the lease
    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id: id! }, include: { testResults: true } });
    expect(row).toMatchObject({ status: 'graded', attemptCount: 2, score: 1 });
    expect(new Set(row.testResults.map((test) => test.position)).size).toBe(row.testResults.length);
  }, 60_000);
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
