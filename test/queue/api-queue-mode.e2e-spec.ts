import { GradingQueueClient } from '../../apps/api/src/grading/queue/grading-queue.client.js';
import { GradingService } from '../../apps/api/src/grading/grading.service.js';
import { SubmissionProcessor, type SubmissionOutcome } from '../../apps/api/src/grading/submission-processor.js';
import { toGradingJob, type CodeQuestion } from '../../libs/quiz-spec/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { adminDatabaseUrl } from '../support/db/index.js';
import { isReachable } from '../support/db/postgres-server.js';
import { startGrader, type GraderProcess } from './support/grader-process.js';
import { redisUnreachable, TEST_QUEUE_URL, uniqueQueueName } from './support/redis.js';
import { insertSubmissions, RIGHT, seedExercise, type Seeded } from './support/seed.js';

// The API booted with QUEUE_URL: no Pyodide pool of its own; its submissions are graded by a
// separate grader process and its waitFor / onGraded / health / stats keep working.

const skipReason =
  (await redisUnreachable()) ?? ((await isReachable(adminDatabaseUrl())) ? null : 'no PostgreSQL server (graders cannot share the embedded database)');
if (skipReason) console.warn(`[queue e2e] SKIPPED: ${skipReason}`);
const describeWithQueue = skipReason ? describe.skip : describe;

describeWithQueue('API with QUEUE_URL set', () => {
  let t: TestApp;
  let grader: GraderProcess | undefined;
  let seeded: Seeded;
  const queueName = uniqueQueueName('api');

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_URL: TEST_QUEUE_URL, QUEUE_NAME: queueName });
    seeded = await seedExercise(t.prisma);
  }, 120_000);

  afterAll(async () => {
    await grader?.stop();
    await t?.close();
    const leftover = GradingQueueClient.open(TEST_QUEUE_URL, queueName);
    await leftover.obliterate().catch(() => undefined);
    await leftover.close();
  }, 60_000);

  it('reports the grader down in /health while no grader process is connected', async () => {
    const processor = t.app.get(SubmissionProcessor);
    await waitFor(() => processor.stats().queue?.connected === true);
    const health = await t.http.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.grader).toMatchObject({ status: 'down', reason: 'no grader process is connected to the grading queue', details: { graders: 0 } });
  });

  it('grades a submission on a grader process and notifies waitFor and onGraded listeners', async () => {
    const processor = t.app.get(SubmissionProcessor);
    const heard: SubmissionOutcome[] = [];
    processor.onGraded((outcome) => void heard.push(outcome));
    const [id] = await insertSubmissions(t.prisma, seeded, 1);
    const verdict = processor.waitFor(id!, 120_000);
    processor.enqueue(id!);
    grader = await startGrader({ QUEUE_URL: TEST_QUEUE_URL, QUEUE_NAME: queueName, DATABASE_URL: t.env.DATABASE_URL!, GRADER_WORKERS: '1' });

    expect(await verdict).toMatchObject({ id, status: 'graded', result: { score: 1 } });
    expect(heard.map((outcome) => outcome.id)).toEqual([id]);
    expect(await t.prisma.submission.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: 'graded', score: 1 });
  }, 150_000);

  it('shows graders, depth and jobs per second in /health and in stats()', async () => {
    const processor = t.app.get(SubmissionProcessor);
    await waitFor(() => processor.stats().queue?.graders === 1);
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.grader).toMatchObject({ status: 'up', details: { graders: 1, size: 1, queued: 0 } });
    expect(health.body.grader.details.jobsPerSecond).toEqual(expect.any(Number));
    expect(processor.stats()).toMatchObject({ mode: 'queue', queued: 0, queue: { name: queueName, graders: 1, graderSlots: 1 } });
  }, 30_000);

  it('grades a job through the queue for GradingService.grade (author checks, regrades)', async () => {
    const question = await t.prisma.question.findUniqueOrThrow({ where: { id: seeded.questionId } });
    const result = await t.app.get(GradingService).grade(toGradingJob(question.content as unknown as CodeQuestion, RIGHT));
    expect(result).toMatchObject({ status: 'pass', score: 1 });
  }, 60_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
