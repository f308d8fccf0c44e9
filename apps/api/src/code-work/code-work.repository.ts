import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingResult } from '@app/grader';
import type { SubmissionRecord } from '../submissions/submission.types.js';

export interface DraftRecord {
  questionId: string;
  source: string;
  updatedAt: Date;
}

export type SubmissionWithSource = SubmissionRecord & { source: string };

export interface EarlierCodeRecord {
  questionKey: string;
  attemptId: string;
  source: string;
  createdAt: Date;
}

/** Drafts, and the code of runs and submissions as a learner reads it back: the only code-work SQL. */
@Injectable()
export class CodeWorkRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One row per (attempt, question): the newest save wins, from whichever device. */
  async saveDraft(attemptId: string, questionId: string, source: string): Promise<Date> {
    const row = await this.prisma.draft.upsert({
      where: { attemptId_questionId: { attemptId, questionId } },
      create: { attemptId, questionId, source },
      update: { source },
      select: { updatedAt: true },
    });
    return row.updatedAt;
  }

  findDrafts(attemptId: string): Promise<DraftRecord[]> {
    return this.prisma.draft.findMany({ where: { attemptId }, select: { questionId: true, source: true, updatedAt: true } });
  }

  /** The newest run and the newest submission of each code question of the attempt. */
  async latestSubmissions(attemptId: string): Promise<SubmissionWithSource[]> {
    return this.prisma.$queryRaw<(Omit<SubmissionWithSource, 'result'> & { result: GradingResult | null })[]>`
      SELECT DISTINCT ON (s."questionId", s."kind")
             s."id"::text AS "id", s."attemptId"::text AS "attemptId", q."key" AS "questionKey", s."kind"::text AS "kind",
             s."status"::text AS "status", s."score", s."points", s."maxPoints", s."result", s."errorReason",
             s."createdAt", s."gradedAt", s."source"
      FROM "submissions" s JOIN "questions" q ON q."id" = s."questionId"
      WHERE s."attemptId" = ${attemptId}::uuid
      ORDER BY s."questionId", s."kind", s."createdAt" DESC, s."id" DESC`;
  }

  /**
   * Per question key, the newest code `userId` submitted for `quizId` in any other attempt (of
   * any version: a key names the same question across versions).
   */
  earlierSubmissions(userId: string, quizId: string, exceptAttemptId: string): Promise<EarlierCodeRecord[]> {
    return this.prisma.$queryRaw<EarlierCodeRecord[]>`
      SELECT DISTINCT ON (q."key") q."key" AS "questionKey", s."attemptId"::text AS "attemptId", s."source", s."createdAt"
      FROM "submissions" s JOIN "questions" q ON q."id" = s."questionId" JOIN "quiz_versions" v ON v."id" = q."quizVersionId"
      WHERE s."userId" = ${userId}::uuid AND v."quizId" = ${quizId} AND s."kind" = 'submit'
        AND s."attemptId" IS NOT NULL AND s."attemptId" <> ${exceptAttemptId}::uuid
      ORDER BY q."key", s."createdAt" DESC, s."id" DESC`;
  }
}
