import { SandboxLostError, type GradingJob, type GradingResult, type TestResult } from '@app/grader';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db/index.js';
import { seedExercise, type Seeded } from '../../../test/queue/support/seed.js';
import { LanedGrader } from './grading-lane.js';
import { GradingRepository } from './grading.repository.js';
import { FIELD_CAP_BYTES, RESULT_TEXT_CAP_BYTES } from './result-caps.js';
import { SANDBOX_CRASHED_TWICE } from './sandbox-loss.js';
import type { JobGrader } from './grading-lane.js';
import { SubmissionGrader } from './submission-grader.js';

// A "medium" test: SubmissionGrader (claim, grade, store) with a fake engine on a real database.

const MB = 1024 * 1024;

/** What a hostile run got out of the engine once: megabytes in every text the learner can fill. */
function hugeResult(job: GradingJob): GradingResult {
  const tests: TestResult[] = job.tests
    .filter((spec) => job.only !== 'visible' || spec.visibility === 'visible')
    .map((spec) => ({
      name: spec.name, status: 'fail', score: 0, max_score: spec.points, visibility: spec.visibility, tags: spec.tags,
      message: spec.visibility === 'visible' ? `AssertionError: ${'m'.repeat(5 * MB)}\n${spec.feedback ?? ''}` : spec.feedback ?? 'This test failed.',
      output: spec.visibility === 'visible' ? 'o'.repeat(20 * MB) : '',
    }));
  const max = tests.reduce((sum, t) => sum + t.max_score, 0);
  return { status: 'fail', score: 0, points: 0, max_points: max, message: `0 of ${tests.length} tests passed.`, duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: 'x', seed: 0 }, tests };
}

/**
 * The pool's behaviour around a crash, in miniature: every job in the sandbox fails with
 * SandboxLostError when one of them kills it (here: any source containing CRASH, 100 ms in; the
 * others take 300 ms, so both claims are in long before).
 */
class FakeSandbox {
  readonly gradings = new Map<string, number>();
  private inFlight = new Set<(error: Error) => void>();

  grade(job: GradingJob): Promise<GradingResult> {
    this.gradings.set(job.source, (this.gradings.get(job.source) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.inFlight.add(reject);
      const crashes = job.source.includes('CRASH');
      setTimeout(() => {
        if (!this.inFlight.delete(reject)) return;
        if (!crashes) return resolve({ ...hugeResult({ ...job, only: 'visible', tests: [] }), status: 'pass', score: 1, points: 1, max_points: 1 });
        const lost = [...this.inFlight, reject];
        this.inFlight = new Set();
        for (const fail of lost) fail(new SandboxLostError('the grading sandbox stopped unexpectedly (code null, signal SIGKILL)'));
      }, crashes ? 100 : 300);
    });
  }
}

describe(SubmissionGrader.name, () => {
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

  async function pending(kind: 'run' | 'submit', source = 'print("x" * 10**8)'): Promise<string> {
    return (await db.prisma.submission.create({ data: { userId: seeded.userId, questionId: seeded.questionId, source, kind }, select: { id: true } })).id;
  }

  describe('a submission that stops the sandbox', () => {
    it('is stored as an error naming it after the second stop, the one it had alone; the innocent one in the sandbox with it is graded', async () => {
      const crasher = await pending('submit', 'CRASH = __import__("os").kill(1, 9)');
      const innocent = await pending('submit', 'def make_accumulator(initial=0): ...');
      const sandbox = new FakeSandbox();
      const grader = new SubmissionGrader(repository, new LanedGrader(sandbox));

      const [crashed, graded] = await Promise.all([grader.attempt(crasher), grader.attempt(innocent)]);
      expect(crashed).toEqual({ kind: 'stored', outcome: { id: crasher, status: 'error', reason: SANDBOX_CRASHED_TWICE } });
      expect(graded).toMatchObject({ kind: 'stored', outcome: { id: innocent, status: 'graded', result: { score: 1 } } });
      expect([...sandbox.gradings.values()]).toEqual([2, 2]); // each lost once together, then graded alone

      const rows = await db.prisma.submission.findMany({ where: { id: { in: [crasher, innocent] } }, select: { id: true, status: true, errorReason: true, attemptCount: true, leasedAt: true } });
      expect(rows.find((row) => row.id === crasher)).toMatchObject({ status: 'error', errorReason: SANDBOX_CRASHED_TWICE, attemptCount: 1, leasedAt: null });
      expect(rows.find((row) => row.id === innocent)).toMatchObject({ status: 'graded', errorReason: null });

      // Finished: delivered again (a re-added job, a restart), it is not graded a third time.
      expect(await grader.attempt(crasher)).toEqual({ kind: 'skipped' });
      expect(sandbox.gradings.get('CRASH = __import__("os").kill(1, 9)')).toBe(2);
      // What the learner is shown for it (apps/api submission-view.spec.ts) is read from this row.
      expect(await db.prisma.submission.findUniqueOrThrow({ where: { id: crasher }, select: { score: true, result: true } })).toEqual({ score: null, result: null });
    });
  });

  describe('sizes', () => {
    it.each(['run', 'submit'] as const)('stores and returns a huge %s capped: a few KB per text, feedback whole', async (kind) => {
      const id = await pending(kind);
      const engine: JobGrader = { grade: async (job) => hugeResult(job) };
      expect(await new SubmissionGrader(repository, engine).attempt(id)).toMatchObject({ kind: 'stored', outcome: { status: 'graded' } });

      const [stored] = await db.prisma.$queryRaw<{ resultBytes: number; messageBytes: number; tests: number }[]>`
        SELECT octet_length(s."result"::text)::int AS "resultBytes",
               (SELECT coalesce(sum(octet_length(t."message")), 0)::int FROM "test_results" t WHERE t."submissionId" = s."id") AS "messageBytes",
               (SELECT count(*)::int FROM "test_results" t WHERE t."submissionId" = s."id") AS "tests"
        FROM "submissions" s WHERE s."id" = ${id}::uuid`;
      const question = await db.prisma.question.findUniqueOrThrow({ where: { id: seeded.questionId }, select: { content: true } });
      const content = question.content as { examples: { feedback?: string }[]; tests: { feedback?: string }[] };
      const feedbackBytes = [...content.examples, ...content.tests].reduce((sum, t) => sum + Buffer.byteLength(t.feedback ?? ''), 0);
      expect(stored!.tests).toBe(kind === 'run' ? content.examples.length : content.examples.length + content.tests.length);
      expect(stored!.messageBytes).toBeLessThanOrEqual(RESULT_TEXT_CAP_BYTES + feedbackBytes);
      // The result row: the capped texts, the author's feedback, and about 300 bytes of fields per test.
      expect(stored!.resultBytes).toBeLessThanOrEqual(RESULT_TEXT_CAP_BYTES + FIELD_CAP_BYTES + feedbackBytes + 300 * stored!.tests + 1_000);

      // The stored result is what every reader (the learner's view, the dashboards) gets its texts from.
      const row = await db.prisma.submission.findUniqueOrThrow({ where: { id }, select: { result: true } });
      const view = row.result as unknown as GradingResult;
      for (const test of view.tests) {
        const feedback = [...content.examples, ...content.tests].find((t) => test.message.endsWith(t.feedback ?? '\u0000'))?.feedback ?? '';
        expect(Buffer.byteLength(test.message)).toBeLessThanOrEqual(FIELD_CAP_BYTES + 1 + Buffer.byteLength(feedback));
        expect(Buffer.byteLength(test.output)).toBeLessThanOrEqual(FIELD_CAP_BYTES);
        if (test.visibility === 'visible') {
          expect(test.message).toMatch(/^AssertionError: m+\n\[truncated: \d+ more characters\]/);
          expect(test.output).toMatch(/^o+\n\[truncated: \d+ more characters\]$/);
        }
      }
      expect(view.tests.filter((t) => t.visibility === 'hidden').every((t) => t.message === '' || feedbackOf(content, t.message))).toBe(true);
    }, 60_000);
  });
});

/** A hidden test's message is its feedback, whole. */
function feedbackOf(content: { tests: { feedback?: string }[] }, message: string): boolean {
  return content.tests.some((t) => t.feedback === message) || message === 'This test failed.';
}
