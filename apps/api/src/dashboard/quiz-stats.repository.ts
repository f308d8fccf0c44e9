import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import { attemptComplete, attemptCounts } from '../attempts/scoring-model.js';
import { COURSE_ORDER } from '../catalog/course-order.js';

export interface QuizRow {
  id: string;
  title: string;
  course: string;
  kind: 'quiz' | 'exercise';
  published: boolean;
}

export interface QuizAggregateRow {
  quizId: string;
  attempts: number;
  submittedAttempts: number;
  completedAttempts: number;
  learners: number;
  meanScore: number | null;
  medianScore: number | null;
}

export interface QuizBucketRow {
  quizId: string;
  bucket: number;
  count: number;
}

/**
 * Attempts of the given quizzes (every version), with the score fraction of the ones that count
 * (scoring-model.ts) and whether each is complete. The bucket is floor(score * 10 / maxScore), not floor(fraction * 10), so that
 * 3/5 gives 6 and not 5 (0.6 * 10 = 5.999...).
 */
function attemptsOf(quizIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT v."quizId" AS quiz_id, a."userId" AS user_id, a.status, ${attemptComplete(Prisma.sql`a`)} AS complete,
      CASE WHEN ${attemptCounts(Prisma.sql`a`)} THEN a.score / a."maxScore" END AS fraction,
      CASE WHEN ${attemptCounts(Prisma.sql`a`)}
        THEN LEAST(GREATEST(FLOOR(a.score * 10 / a."maxScore"), 0), 9)::int END AS bucket
    FROM attempts a JOIN quiz_versions v ON v.id = a."quizVersionId"
    WHERE v."quizId" IN (${Prisma.join(quizIds)})`;
}

/** Per-quiz aggregates, computed by the database (works on PostgreSQL and PGlite alike). */
@Injectable()
export class QuizStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async listQuizzes(skip: number, take: number): Promise<{ rows: QuizRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.quiz.findMany({
        orderBy: COURSE_ORDER, // as the course page lists them
        skip,
        take,
        select: { id: true, title: true, course: true, kind: true, published: true },
      }),
      this.prisma.quiz.count(),
    ]);
    return { rows, total };
  }

  /** Only quizzes with at least one attempt get a row. */
  async aggregates(quizIds: string[]): Promise<QuizAggregateRow[]> {
    if (quizIds.length === 0) return [];
    return this.prisma.$queryRaw<QuizAggregateRow[]>`
      WITH att AS (${attemptsOf(quizIds)})
      SELECT quiz_id AS "quizId",
        count(*)::int AS attempts,
        count(*) FILTER (WHERE status = 'submitted')::int AS "submittedAttempts",
        count(*) FILTER (WHERE complete)::int AS "completedAttempts",
        count(DISTINCT user_id)::int AS learners,
        avg(fraction)::float8 AS "meanScore",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY fraction)::float8 AS "medianScore"
      FROM att GROUP BY quiz_id`;
  }

  async buckets(quizIds: string[]): Promise<QuizBucketRow[]> {
    if (quizIds.length === 0) return [];
    return this.prisma.$queryRaw<QuizBucketRow[]>`
      WITH att AS (${attemptsOf(quizIds)})
      SELECT quiz_id AS "quizId", bucket, count(*)::int AS count
      FROM att WHERE bucket IS NOT NULL GROUP BY quiz_id, bucket`;
  }
}
