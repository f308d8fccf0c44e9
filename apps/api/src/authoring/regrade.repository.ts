import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import { isRunGraded, runnableCode, type Question } from '@app/quiz-spec';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { applyRegrade, type RegradeWrite } from './regrade-store.js';
import type { RegradeCandidate, TargetVersion } from './regrade-plan.js';

export type { RegradeWrite };

/** Reads a regrade's inputs and writes its outcome; the only regrade code that touches Prisma. */
@Injectable()
export class RegradeRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: ScoreOutbox,
  ) {}

  /** The current version's questions graded by running code (run-graded Parsons problems as their code); null without a version. */
  async targetVersion(quizId: string): Promise<TargetVersion | null> {
    const quiz = await this.prisma.quiz.findUnique({
      where: { id: quizId },
      select: { currentVersion: { select: { id: true, version: true, questions: { where: { type: { in: ['code', 'parsons'] } }, select: { key: true, content: true } } } } },
    });
    const version = quiz?.currentVersion;
    if (!version) return null;
    const graded = version.questions.map((q) => ({ key: q.key, content: q.content as unknown as Question })).filter((q) => isRunGraded(q.content));
    const codeQuestions = new Map(graded.map((q) => [q.key, runnableCode(q.content)]));
    return { id: version.id, version: version.version, codeQuestions };
  }

  async quizExists(quizId: string): Promise<boolean> {
    return (await this.prisma.quiz.count({ where: { id: quizId } })) === 1;
  }

  /**
   * Every graded `submit` of a code question of any version of the quiz, oldest first. Of each
   * stored result only its seed is read (in SQL): a regrade reads every submission of the quiz,
   * and results written before they were capped may be megabytes each.
   */
  async candidates(quizId: string): Promise<RegradeCandidate[]> {
    const rows = await this.prisma.$queryRaw<(Omit<RegradeCandidate, 'seed'> & { seed: unknown })[]>`
      SELECT s."id"::text AS "id", s."userId"::text AS "userId", u."email", s."attemptId"::text AS "attemptId",
             s."questionId"::text AS "questionId", q."key" AS "questionKey", s."source",
             coalesce(s."points", 0) AS "points", coalesce(s."maxPoints", 0) AS "maxPoints", coalesce(s."score", 0) AS "score",
             coalesce(s."gradedAt", to_timestamp(0)) AS "gradedAt", s."result"->'provenance'->'seed' AS "seed", a."variantSeed"
      FROM "submissions" s
      LEFT JOIN "attempts" a ON a."id" = s."attemptId"
      JOIN "questions" q ON q."id" = s."questionId"
      JOIN "quiz_versions" v ON v."id" = q."quizVersionId"
      JOIN "users" u ON u."id" = s."userId"
      WHERE v."quizId" = ${quizId} AND q."type" IN ('code', 'parsons') AND s."kind" = 'submit' AND s."status" = 'graded'
      ORDER BY s."createdAt" ASC, s."id" ASC`;
    return rows.map(({ seed, ...row }) => ({ ...row, seed: typeof seed === 'number' ? seed : undefined }));
  }

  /** Applies every new result in one transaction: all of the regrade, or none of it. */
  async apply(quizId: string, writes: RegradeWrite[]): Promise<void> {
    // Interactive transactions time out after 5 s by default; a large regrade writes for longer.
    const timeout = 30_000 + writes.length * 50;
    // A changed best score goes to the LMS outbox in the same transaction (sent after the commit).
    await this.prisma.$transaction((tx) => applyRegrade(tx, quizId, writes, (inTx, change) => this.outbox.record(change, inTx)), { timeout, maxWait: 10_000 });
    this.outbox.notify();
  }
}
