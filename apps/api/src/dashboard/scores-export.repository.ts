import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface LearnerScoreRow {
  email: string;
  displayName: string;
  attempts: number;
  /** Points of the best submitted attempt (best by score / maxScore), null when none is scored. */
  bestScore: number | null;
  maxScore: number | null;
  lastSubmittedAt: Date | null;
}

/** Scores of one quiz per learner, for the CSV export. */
@Injectable()
export class ScoresExportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async quizExists(quizId: string): Promise<boolean> {
    return (await this.prisma.quiz.count({ where: { id: quizId } })) > 0;
  }

  /** Every user with an attempt at any version of the quiz, by email. */
  scores(quizId: string): Promise<LearnerScoreRow[]> {
    return this.prisma.$queryRaw<LearnerScoreRow[]>`
      WITH att AS (
        SELECT a.* FROM attempts a JOIN quiz_versions v ON v.id = a."quizVersionId" WHERE v."quizId" = ${quizId}
      ),
      best AS (
        SELECT DISTINCT ON ("userId") "userId", score, "maxScore" FROM att
        WHERE status = 'submitted' AND score IS NOT NULL AND "maxScore" > 0
        ORDER BY "userId", score / "maxScore" DESC, "submittedAt"
      ),
      per_user AS (
        SELECT "userId", count(*)::int AS attempts, max("submittedAt") AS last_submitted FROM att GROUP BY "userId"
      )
      SELECT u.email, u."displayName", p.attempts, b.score AS "bestScore", b."maxScore",
        p.last_submitted AS "lastSubmittedAt"
      FROM per_user p JOIN users u ON u.id = p."userId" LEFT JOIN best b ON b."userId" = p."userId"
      ORDER BY u.email`;
  }
}
