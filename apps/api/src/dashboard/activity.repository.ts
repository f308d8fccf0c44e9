import { Injectable } from '@nestjs/common';
import type { ActivityDay } from '@app/contracts';
import { PrismaService } from '@app/db';

/** Daily counts of what learners did, grouped by UTC day in the database. */
@Injectable()
export class ActivityRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Days without any event have no row (the service fills them with zeros). */
  since(from: Date): Promise<ActivityDay[]> {
    return this.prisma.$queryRaw<ActivityDay[]>`
      WITH events AS (
        SELECT "createdAt" AS at, "userId" AS user_id, kind::text AS what FROM submissions WHERE "createdAt" >= ${from}
        UNION ALL
        SELECT "startedAt", "userId", 'started' FROM attempts WHERE "startedAt" >= ${from}
        UNION ALL
        SELECT "submittedAt", "userId", 'submitted' FROM attempts WHERE "submittedAt" >= ${from}
      )
      SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
        count(*) FILTER (WHERE what = 'submit')::int AS submissions,
        count(*) FILTER (WHERE what = 'run')::int AS runs,
        count(*) FILTER (WHERE what = 'started')::int AS "attemptsStarted",
        count(*) FILTER (WHERE what = 'submitted')::int AS "attemptsSubmitted",
        count(DISTINCT user_id)::int AS "activeLearners"
      FROM events GROUP BY 1 ORDER BY 1`;
  }
}
