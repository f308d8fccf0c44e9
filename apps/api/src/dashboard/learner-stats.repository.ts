import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import type { LearnerSortKey } from '@app/contracts';
import { attemptComplete, attemptCounts } from '../attempts/scoring-model.js';

export interface LearnerRow {
  userId: string;
  email: string;
  displayName: string;
  attempts: number;
  submittedAttempts: number;
  completedAttempts: number;
  submissions: number;
  meanScore: number | null;
  lastActivityAt: Date | null;
}

export type SortOrder = 'asc' | 'desc';

/** Whitelisted ORDER BY expressions: never interpolate the query string itself. */
const SORT_COLUMNS: Record<LearnerSortKey, Prisma.Sql> = {
  email: Prisma.sql`u.email`,
  attempts: Prisma.sql`"attempts"`,
  meanScore: Prisma.sql`"meanScore"`,
  lastActivityAt: Prisma.sql`"lastActivityAt"`,
};

const DIRECTIONS: Record<SortOrder, Prisma.Sql> = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };

/** Users with the learner role and what they did, aggregated by the database. */
@Injectable()
export class LearnerStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** `classId`: only the learners of that LMS course (LTI context), as its launches recorded them. */
  async list(sort: LearnerSortKey, order: SortOrder, skip: number, take: number, classId?: string): Promise<{ rows: LearnerRow[]; total: number }> {
    const inClass = classId
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM lti_context_members m WHERE m."contextId" = ${classId}::uuid AND m."userId" = u.id AND m.role = 'learner')`
      : Prisma.empty;
    const [rows, total] = await Promise.all([
      this.prisma.$queryRaw<LearnerRow[]>`
        WITH att AS (
          SELECT "userId" AS user_id, count(*)::int AS attempts,
            count(*) FILTER (WHERE status = 'submitted')::int AS submitted,
            count(*) FILTER (WHERE ${attemptComplete(Prisma.sql`a`)})::int AS completed,
            avg(CASE WHEN ${attemptCounts(Prisma.sql`a`)} THEN score / "maxScore" END)::float8 AS mean_score,
            max(greatest("startedAt", "submittedAt")) AS last_at
          FROM attempts a GROUP BY "userId"
        ),
        sub AS (
          SELECT "userId" AS user_id, count(*) FILTER (WHERE kind = 'submit')::int AS submissions, max("createdAt") AS last_at
          FROM submissions GROUP BY "userId"
        )
        SELECT u.id AS "userId", u.email, u."displayName",
          coalesce(att.attempts, 0) AS attempts, coalesce(att.submitted, 0) AS "submittedAttempts", coalesce(att.completed, 0) AS "completedAttempts",
          coalesce(sub.submissions, 0) AS submissions, att.mean_score AS "meanScore",
          greatest(att.last_at, sub.last_at) AS "lastActivityAt"
        FROM users u LEFT JOIN att ON att.user_id = u.id LEFT JOIN sub ON sub.user_id = u.id
        WHERE u.role = 'learner' ${inClass}
        ORDER BY ${SORT_COLUMNS[sort]} ${DIRECTIONS[order]} NULLS LAST, u.email, u.id
        LIMIT ${take}::int OFFSET ${skip}::int`,
      this.prisma.user.count({ where: { role: 'learner', ...(classId ? { ltiMembers: { some: { contextId: classId, role: 'learner' } } } : {}) } }),
    ]);
    return { rows, total };
  }
}
