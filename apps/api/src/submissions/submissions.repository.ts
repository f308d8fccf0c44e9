import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingResult } from '@app/grader';
import type { CreateOutcome, NewSubmission, SubmissionRecord } from './submission.types.js';

/**
 * Code runs and submissions of learners: the only submission code that touches Prisma. Every
 * method runs on each submission, so each is one SQL statement: with Prisma's nested reads and
 * interactive steps a submission took about 27 statements, and under load the API spent more
 * time in them than the grader spent grading (docs/performance.md counts them today).
 */
/** How many finished runs of a question in an attempt keep their code and results (pruneOldRuns). */
export const RUNS_KEPT = 10;
export const RUN_NOT_KEPT = `# Not kept: only the ${RUNS_KEPT} latest runs of a question keep their code and results.\n`;

@Injectable()
export class SubmissionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a pending submission (before any grading: a crash leaves it to be graded at the next
   * start). One statement, the SQL function `create_pending_submission` (see its migration):
   * under a lock on the attempt row, so that it cannot slip past a concurrent finish, and, for
   * `submit`, within the question's limit (0 = unlimited), counted after the lock is held.
   * Submissions that failed on our side (`error`) do not count.
   */
  async create(submission: NewSubmission, limit: number): Promise<CreateOutcome> {
    const { attemptId, userId, questionId, source, kind } = submission;
    const rows = await this.prisma.$queryRaw<{ createdId: string | null; refusal: 'attempt_submitted' | 'limit_reached' | null; used: number }[]>`
      SELECT "createdId", "refusal", "used" FROM create_pending_submission(${attemptId}::uuid, ${userId}::uuid, ${questionId}::uuid,
        ${source}, ${kind}::text::"SubmissionKind", ${limit}::int, ${new Date()}::timestamptz)`;
    const { createdId, refusal, used } = rows[0]!;
    return createdId ? { created: true, id: createdId } : { created: false, reason: refusal ?? 'limit_reached', used };
  }

  /**
   * Runs are free and stored like submissions, with their code (up to 128 KB) and results: a loop
   * of runs grew the database by ~2.6 MB a minute per account (red team redapi2). Only the
   * latest RUNS_KEPT finished runs of a question in an attempt keep them; older ones keep their
   * row (status, score, time: dashboards count runs) with the code replaced by a note. One
   * statement; runs still pending or grading are never touched.
   */
  async pruneOldRuns(attemptId: string, questionId: string): Promise<void> {
    await this.prisma.$executeRaw`
      WITH "old" AS (
        SELECT s."id" FROM "submissions" s
        WHERE s."attemptId" = ${attemptId}::uuid AND s."questionId" = ${questionId}::uuid AND s."kind" = 'run'
          AND s."status" IN ('graded', 'error')
        ORDER BY s."createdAt" DESC, s."id" DESC OFFSET ${RUNS_KEPT}
      ), "gone" AS (
        DELETE FROM "test_results" t WHERE t."submissionId" IN (SELECT "id" FROM "old")
      )
      UPDATE "submissions" s SET "source" = ${RUN_NOT_KEPT}, "result" = NULL
      WHERE s."id" IN (SELECT "id" FROM "old") AND s."source" <> ${RUN_NOT_KEPT}`;
  }

  /** null unless the submission belongs to `userId`. */
  async findOwn(id: string, userId: string): Promise<SubmissionRecord | null> {
    const rows = await this.prisma.$queryRaw<(Omit<SubmissionRecord, 'result'> & { result: GradingResult | null })[]>`
      SELECT s."id"::text AS "id", s."attemptId"::text AS "attemptId", q."key" AS "questionKey", s."kind"::text AS "kind",
             s."status"::text AS "status", s."score", s."points", s."maxPoints", s."result", s."errorReason", s."createdAt", s."gradedAt",
             jsonb_strip_nulls(jsonb_build_object('closes', v."content"->'closes', 'exam', v."content"->'exam')) AS "settings", z."scoresReleasedAt"
      FROM "submissions" s JOIN "questions" q ON q."id" = s."questionId"
      JOIN "quiz_versions" v ON v."id" = q."quizVersionId" JOIN "quizzes" z ON z."id" = v."quizId"
      WHERE s."id" = ${id}::uuid AND s."userId" = ${userId}::uuid`;
    return rows[0] ?? null;
  }

  /**
   * Keeps on the code question's Answer the best graded `submit` of the attempt. Takes the
   * attempt row lock (as finishing and regrading do), and the upsert only raises a score: ON
   * CONFLICT compares with the latest committed answer, so two verdicts arriving together, or a
   * verdict next to a regrade, cannot overwrite a better one. Returns the attempt's id when its
   * answer changed (a first verdict, or a better one): its score as it goes must follow.
   */
  async recordBestAnswer(submissionId: string): Promise<string | null> {
    const now = new Date();
    const rows = await this.prisma.$queryRaw<{ attemptId: string }[]>`
      WITH sub AS (
        SELECT s."id", s."attemptId", s."questionId", s."score", q."points"
        FROM "submissions" s JOIN "questions" q ON q."id" = s."questionId"
        WHERE s."id" = ${submissionId}::uuid AND s."attemptId" IS NOT NULL AND s."kind" = 'submit'
          AND s."status" = 'graded' AND s."score" IS NOT NULL
      ), locked AS (
        SELECT a."id" FROM "attempts" a JOIN sub ON sub."attemptId" = a."id" FOR UPDATE OF a
      )
      INSERT INTO "answers" ("id", "attemptId", "questionId", "response", "correct", "score", "points", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), sub."attemptId", sub."questionId", jsonb_build_object('submissionId', sub."id"::text),
             sub."score" = 1, sub."score", sub."score" * sub."points", ${now}::timestamptz, ${now}::timestamptz
      FROM sub JOIN locked ON locked."id" = sub."attemptId"
      ON CONFLICT ("attemptId", "questionId") DO UPDATE
      SET "response" = EXCLUDED."response", "correct" = EXCLUDED."correct", "score" = EXCLUDED."score",
          "points" = EXCLUDED."points", "updatedAt" = EXCLUDED."updatedAt"
      WHERE COALESCE("answers"."score", 0) < EXCLUDED."score"
      RETURNING "attemptId"::text AS "attemptId"`;
    return rows[0]?.attemptId ?? null;
  }
}
