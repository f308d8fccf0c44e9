import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingResult } from '@app/grader';
import type { SubmissionOutcome } from './submission-outcome.js';

export interface SubmissionToGrade {
  id: string;
  source: string;
  kind: 'run' | 'submit';
  attemptCount: number;
  questionContent: unknown;
  /** The attempt's variant seed (null outside an attempt): grading uses the learner's own variant. */
  variantSeed: number | null;
}

/**
 * Proof of a claim: the `leasedAt` value this claimer wrote. Every later write on the row is a
 * compare-and-set on it, so a grader whose lease was taken over can no longer store anything.
 */
export type Lease = Date;

export type ClaimResult = { claimed: true; lease: Lease; submission: SubmissionToGrade } | { claimed: false; busyUntil?: Date };

/**
 * Question contents kept per process. A question row is never changed once written (a changed
 * quiz is a new version with new question rows, and a question with submissions cannot be
 * deleted), so a cached content cannot go stale; the bound keeps a catalogue of any size in a
 * fixed amount of memory (a code question's content is ~10 KB: tests, solutions, feedback).
 */
export const QUESTION_CACHE_ENTRIES = 256;

/** The only place the grading pipeline touches the database. */
@Injectable()
export class GradingRepository {
  private readonly questions = new Map<string, unknown>();

  constructor(private readonly prisma: PrismaService) {}

  /**
   * Atomically takes a pending submission, or a `grading` one whose lease is older than
   * `leaseMs` (its grader died), and returns what grading needs: the row in the same round trip,
   * the question's content from this process's cache (one more read the first time). Not
   * claimed: finished or unknown, or leased by a live grader (`busyUntil`).
   */
  async claim(id: string, leaseMs: number): Promise<ClaimResult> {
    const lease = new Date();
    const expired = new Date(lease.getTime() - leaseMs);
    // One statement: the claim, and the attempt's variant seed (the question's content comes
    // from the per-process cache: question rows never change).
    const rows = await this.prisma.$queryRaw<(Omit<SubmissionToGrade, 'questionContent'> & { questionId: string })[]>`
      WITH claimed AS (
        UPDATE "submissions"
        SET "status" = 'grading', "leasedAt" = ${lease}::timestamptz, "attemptCount" = "attemptCount" + 1, "updatedAt" = ${lease}::timestamptz
        WHERE "id" = ${id}::uuid AND ("status" = 'pending' OR ("status" = 'grading' AND "leasedAt" < ${expired}::timestamptz))
        RETURNING "id", "source", "kind", "attemptCount", "questionId", "attemptId"
      )
      SELECT claimed."id"::text AS "id", claimed."source", claimed."kind"::text AS "kind", claimed."attemptCount",
             claimed."questionId"::text AS "questionId", a."variantSeed"
      FROM claimed LEFT JOIN "attempts" a ON a."id" = claimed."attemptId"`;
    const row = rows[0];
    if (row) {
      const { questionId, ...submission } = row;
      return { claimed: true, lease, submission: { ...submission, questionContent: await this.questionContent(questionId) } };
    }
    const held = await this.prisma.submission.findUnique({ where: { id }, select: { status: true, leasedAt: true } });
    if (held?.status !== 'grading' || !held.leasedAt) return { claimed: false };
    return { claimed: false, busyUntil: new Date(held.leasedAt.getTime() + leaseMs) };
  }

  private async questionContent(questionId: string): Promise<unknown> {
    if (this.questions.has(questionId)) return this.questions.get(questionId);
    const question = await this.prisma.question.findUniqueOrThrow({ where: { id: questionId }, select: { content: true } });
    if (this.questions.size >= QUESTION_CACHE_ENTRIES) this.questions.delete(this.questions.keys().next().value!);
    // Shared by every grading of the question from now on: frozen, so none can alter another's.
    const content = deepFreeze(question.content);
    this.questions.set(questionId, content);
    return content;
  }

  /** The stored verdict of a finished submission; undefined while it is unfinished. */
  async verdict(id: string): Promise<SubmissionOutcome | undefined> {
    const row = await this.prisma.submission.findUnique({ where: { id }, select: { status: true, result: true, errorReason: true } });
    if (row?.status === 'graded') return { id, status: 'graded', result: row.result as unknown as GradingResult };
    if (row?.status === 'error') return { id, status: 'error', reason: row.errorReason ?? 'grading failed' };
    return undefined;
  }

  /**
   * Stores the verdict once: only the holder of the current lease can store a result. One
   * statement (the row update and its test results, atomic without an interactive transaction):
   * on a busy machine that was 4 round trips and about half of a queued grading's time.
   */
  async complete(id: string, lease: Lease, result: GradingResult): Promise<boolean> {
    const now = new Date();
    const tests = JSON.stringify(result.tests.map(({ name, status, score, max_score, visibility, message, tags, fault, misconception }) => ({ name, status, score, max_score, visibility, message, tags, fault, misconception })));
    const rows = await this.prisma.$queryRaw<{ stored: number }[]>`
      WITH done AS (
        UPDATE "submissions"
        SET "status" = 'graded', "score" = ${result.score}, "points" = ${result.points}, "maxPoints" = ${result.max_points},
            "result" = ${JSON.stringify(result)}::jsonb, "gradedAt" = ${now}::timestamptz, "leasedAt" = NULL, "updatedAt" = ${now}::timestamptz
        WHERE "id" = ${id}::uuid AND "status" = 'grading' AND "leasedAt" = ${lease}::timestamptz
        RETURNING "id"
      ), stored AS (
        INSERT INTO "test_results" ("id", "submissionId", "position", "name", "status", "score", "maxScore", "visibility", "message", "tags", "fault", "misconception", "updatedAt")
        SELECT gen_random_uuid(), done."id", (t.ord - 1)::int, t.value->>'name', (t.value->>'status')::"TestStatus",
               (t.value->>'score')::float8, (t.value->>'max_score')::float8, (t.value->>'visibility')::"TestVisibility",
               t.value->>'message', ARRAY(SELECT jsonb_array_elements_text(t.value->'tags')),
               (t.value->>'fault')::"TestFault", t.value->>'misconception', ${now}::timestamptz
        FROM done CROSS JOIN jsonb_array_elements(${tests}::jsonb) WITH ORDINALITY AS t(value, ord)
      )
      SELECT count(*)::int AS "stored" FROM done`;
    return rows[0]?.stored === 1;
  }

  /** Stores a final error verdict; like `complete`, only under the claimer's lease. */
  async fail(id: string, lease: Lease, reason: string): Promise<boolean> {
    const { count } = await this.prisma.submission.updateMany({
      where: { id, status: 'grading', leasedAt: lease },
      data: { status: 'error', errorReason: reason, gradedAt: new Date(), leasedAt: null },
    });
    return count === 1;
  }

  /** Gives an unfinished submission up after the queue gave up on it (no lease: nobody holds one). */
  async failUnfinished(id: string, reason: string): Promise<boolean> {
    const { count } = await this.prisma.submission.updateMany({
      where: { id, status: { in: ['pending', 'grading'] } },
      data: { status: 'error', errorReason: reason, gradedAt: new Date(), leasedAt: null },
    });
    return count === 1;
  }

  async release(id: string, lease: Lease): Promise<void> {
    await this.prisma.submission.updateMany({ where: { id, status: 'grading', leasedAt: lease }, data: { status: 'pending', leasedAt: null } });
  }

  /**
   * Submissions a previous run left unfinished. With one API process owning its in-process pool,
   * a row still `grading` at boot was interrupted by a crash: it goes back to pending.
   */
  async recoverUnfinished(): Promise<string[]> {
    await this.prisma.submission.updateMany({ where: { status: 'grading' }, data: { status: 'pending', leasedAt: null } });
    const rows = await this.prisma.submission.findMany({ where: { status: 'pending' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => row.id);
  }

  /**
   * With graders in other processes a `grading` row may be in the hands of a live grader: it is
   * not reset, only listed with the pending ones so its job is re-added (the job id dedupes it,
   * the lease decides who may grade it).
   */
  async listUnfinished(): Promise<string[]> {
    const rows = await this.prisma.submission.findMany({
      where: { status: { in: ['pending', 'grading'] } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => row.id);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
