import { startTestApp, type TestApp } from '../support/app.js';
import { registerLearner, withSession, type Session } from './support/actors.js';
import { childProcesses, waitUntil } from './support/processes.js';
import { recordTrials } from './support/record.js';

// The grading sandbox (the child process holding the Pyodide workers) is killed with SIGKILL in
// the middle of a grading. The submission must be graded again, alone in the new sandbox (its
// real verdict, not a score for the crash: only a second stop, alone, would make it an error);
// the pool must be whole again within seconds, and the next honest submission must grade
// correctly. (A submission that stops the sandbox itself: sandbox-crasher.e2e-spec.ts.)

const KILLS = Number(process.env.RELIABILITY_KILLS ?? 3);
const RIGHT = 'def make_counter():\n    count = 0\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n    return counter\n';
const SPIN = 'while True:\n    pass\n';

let t: TestApp;
let learner: Session;
let attemptId: string;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10', GRADER_WORKERS: '1' });
  learner = await registerLearner(t.http);
  const started = await withSession(t.http.post('/api/quizzes/closures/make-counter/attempts'), learner).expect(201);
  attemptId = started.body.id as string;
  await waitUntil('a warm grader', async () => ((await t.http.get('/health')).body.grader?.status === 'up' ? true : undefined), 120_000, 250);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

function sandboxPid(): number | undefined {
  const [pid] = childProcesses(process.pid, 'sandbox-main.mjs');
  return pid;
}

async function submit(source: string) {
  return withSession(t.http.post(`/api/attempts/${attemptId}/questions/make-counter/submissions`).send({ source }), learner);
}

/** Final row of a submission, polled from the database until it is graded or error. */
async function finalRow(id: string) {
  return waitUntil(`a verdict for ${id}`, async () => {
    const row = await t.prisma.submission.findUnique({ where: { id }, select: { status: true, errorReason: true, result: true, score: true, attemptCount: true } });
    return row && (row.status === 'graded' || row.status === 'error') ? row : undefined;
  }, 60_000, 200);
}

describe('grader sandbox killed mid-grading', () => {
  it(`gives the interrupted submission a verdict with a reason and refills the pool (${KILLS} kills)`, async () => {
    const refillMs: number[] = [];
    const verdicts: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const victim = sandboxPid();
      expect(victim).toBeDefined();
      const pending = submit(SPIN);
      const id = await waitUntil('the submission to be grading', async () => {
        const row = await t.prisma.submission.findFirst({ where: { attemptId, status: 'grading' }, select: { id: true } });
        return row?.id;
      }, 30_000, 20);
      process.kill(victim!, 'SIGKILL');
      const killedAt = Date.now();
      const response = await pending;
      expect([201, 202]).toContain(response.status);
      const row = await finalRow(id);
      // Graded again within its claim, alone: the verdict of the code itself (it spins: a time limit).
      expect(row).toMatchObject({ status: 'graded', errorReason: null, attemptCount: 1 });
      expect(JSON.stringify(row.result)).toMatch(/time limit/);
      expect(JSON.stringify(row.result)).not.toMatch(/sandbox stopped/);
      verdicts.push('graded again alone (timeout)');
      await waitUntil('a full pool again', async () => {
        const health = (await t.http.get('/health')).body.grader;
        return health?.status === 'up' && health.details.ready === health.details.size && sandboxPid() !== victim ? true : undefined;
      }, 30_000, 50);
      refillMs.push(Date.now() - killedAt);
    }
    const right = await submit(RIGHT);
    expect([201, 202]).toContain(right.status);
    expect((await finalRow(right.body.id as string)).result).toMatchObject({ score: 1 });
    const lost = await t.prisma.submission.count({ where: { attemptId, status: { in: ['pending', 'grading'] } } });
    expect(lost).toBe(0);
    recordTrials('grader-kill', [{
      area: 'faults', trial: 'grading sandbox SIGKILLed while grading (in Jest, embedded pool)', runs: KILLS, failures: 0,
      note: `interrupted submissions: ${[...new Set(verdicts)].join(' / ')} (never a score for the crash); pool full again after ${refillMs.join(', ')} ms`,
    }]);
  }, 240_000);
});
