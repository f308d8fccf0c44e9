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

/** The only place the grading pipeline touches the database. */
@Injectable()
export class GradingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Atomically takes a pending submission, or a `grading` one whose lease is older than
   * `leaseMs` (its grader died), and returns what grading needs in the same round trip. Not
   * claimed: finished or unknown, or leased by a live grader (`busyUntil`).
   */
  async claim(id: string, leaseMs: number): Promise<ClaimResult> {
    const lease = new Date();
    const expired = new Date(lease.getTime() - leaseMs);
    const rows = await this.prisma.$queryRaw<(Omit<SubmissionToGrade, 'questionContent'> & { content: unknown })[]>`
      WITH claimed AS (
        UPDATE "submissions"
        SET "status" = 'grading', "leasedAt" = ${lease}::timestamptz, "attemptCount" = "attemptCount" + 1, "updatedAt" = ${lease}::timestamptz
        WHERE "id" = ${id}::uuid AND ("status" = 'pending' OR ("status" = 'grading' AND "leasedAt" < ${expired}::timestamptz))
        RETURNING "id", "source", "kind", "attemptCount", "questionId", "attemptId"
      )
      SELECT claimed."id"::text AS "id", claimed."source", claimed."kind"::text AS "kind", claimed."attemptCount", q."content", a."variantSeed"
      FROM claimed JOIN "questions" q ON q."id" = claimed."questionId" LEFT JOIN "attempts" a ON a."id" = claimed."attemptId"`;
    const row = rows[0];
    if (row) {
      const submission = { id: row.id, source: row.source, kind: row.kind, attemptCount: row.attemptCount, questionContent: row.content, variantSeed: row.variantSeed };
      return { claimed: true, lease, submission };
    }
    const held = await this.prisma.submission.findUnique({ where: { id }, select: { status: true, leasedAt: true } });
    if (held?.status !== 'grading' || !held.leasedAt) return { claimed: false };
    return { claimed: false, busyUntil: new Date(held.leasedAt.getTime() + leaseMs) };
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
