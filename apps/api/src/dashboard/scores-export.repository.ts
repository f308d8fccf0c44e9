import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface LearnerScoreRow {
  email: string;
  displayName: string;
  attempts: number;
  /**
   * The learner's best score, the one their own pages show (best_scores: docs/scoring.md, a practice
   * attempt counts as it goes, an exam attempt once finished); null when no attempt has a score.
   */
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
      WITH per_user AS (
        SELECT a."userId", count(*)::int AS attempts, max(a."submittedAt") AS last_submitted
        FROM attempts a JOIN quiz_versions v ON v.id = a."quizVersionId" WHERE v."quizId" = ${quizId}
        GROUP BY a."userId"
      )
      SELECT u.email, u."displayName", p.attempts, b.score AS "bestScore", b."maxScore",
        p.last_submitted AS "lastSubmittedAt"
      FROM per_user p JOIN users u ON u.id = p."userId"
      LEFT JOIN best_scores b ON b."userId" = p."userId" AND b."quizId" = ${quizId}
      ORDER BY u.email`;
  }
}
