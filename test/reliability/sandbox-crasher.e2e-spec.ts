import { GraderPool, type GradingJob, type GradingResult } from '../../libs/grader/src/index.js';
import { GradingRepository, LanedGrader, SANDBOX_CRASHED_TWICE, SubmissionGrader } from '../../libs/grading/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db/index.js';
import { RIGHT, seedExercise, type Seeded } from '../queue/support/seed.js';

// A submission that stops the grading sandbox process, on the real pool and a real database. The
// test plays the crasher's part: whenever the marked submission is in the sandbox, the sandbox is
// SIGKILLed 300 ms later (as an over-long outcome or an escape that crashes Node would do). The
// crasher spins, so it is still in the sandbox then; an honest submission sleeping at import is
// in the same sandbox at the first kill.

const MARK = '# stops the sandbox';
const CRASHER = `${MARK}\nwhile True:\n    pass\n`;
const INNOCENT = `import time\ntime.sleep(0.8)\n${RIGHT}`;

let db: TestDatabase;
let seeded: Seeded;
let pool: GraderPool;

beforeAll(async () => {
  db = await createTestDatabase();
  seeded = await seedExercise(db.prisma);
  pool = await GraderPool.start({ size: 1 });
}, 180_000);

afterAll(async () => {
  await pool?.close();
  await db?.drop();
}, 60_000);

async function pending(source: string): Promise<string> {
  return (await db.prisma.submission.create({ data: { userId: seeded.userId, questionId: seeded.questionId, source, kind: 'submit' }, select: { id: true } })).id;
}

describe('a submission that stops the grading sandbox', () => {
  it('is stored as an error naming it after the second stop and graded no more; the innocent one beside it is graded right', async () => {
    const crasherGradings: number[] = [];
    const killing = {
      grade(job: GradingJob): Promise<GradingResult> {
        const graded = pool.grade(job);
        if (job.source.includes(MARK)) {
          crasherGradings.push(Date.now());
          setTimeout(() => process.kill(pool.stats().sandboxPid!, 'SIGKILL'), 300);
        }
        return graded;
      },
    };
    const grader = new SubmissionGrader(new GradingRepository(db.prisma), new LanedGrader(killing));
    const [crasher, innocent] = [await pending(CRASHER), await pending(INNOCENT)];
    const restartsBefore = pool.health().restarts;

    const [crashed, graded] = await Promise.all([grader.attempt(crasher), grader.attempt(innocent)]);

    expect(crashed).toEqual({ kind: 'stored', outcome: { id: crasher, status: 'error', reason: SANDBOX_CRASHED_TWICE } });
    expect(graded).toMatchObject({ kind: 'stored', outcome: { id: innocent, status: 'graded', result: { score: 1 } } });
    expect(crasherGradings).toHaveLength(2);
    expect(pool.health().restarts - restartsBefore).toBe(2);
    expect(await grader.attempt(crasher)).toEqual({ kind: 'skipped' });
    expect(crasherGradings).toHaveLength(2);

    const rows = await db.prisma.submission.findMany({ where: { id: { in: [crasher, innocent] } }, select: { id: true, status: true, errorReason: true } });
    expect(rows).toEqual(expect.arrayContaining([
      { id: crasher, status: 'error', errorReason: SANDBOX_CRASHED_TWICE },
      { id: innocent, status: 'graded', errorReason: null },
    ]));
    const honest = await grader.attempt(await pending(RIGHT));
    expect(honest).toMatchObject({ kind: 'stored', outcome: { status: 'graded', result: { score: 1 } } });
    expect(await db.prisma.submission.count({ where: { status: { in: ['pending', 'grading'] } } })).toBe(0);
  }, 180_000);
});
