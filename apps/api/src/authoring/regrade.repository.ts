import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingResult } from '@app/grader';
import type { CodeQuestion } from '@app/quiz-spec';
import { applyRegrade, type RegradeWrite } from './regrade-store.js';
import type { RegradeCandidate, TargetVersion } from './regrade-plan.js';

export type { RegradeWrite };

/** Reads a regrade's inputs and writes its outcome; the only regrade code that touches Prisma. */
@Injectable()
export class RegradeRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The current version's code questions; null when the quiz does not exist or has no version. */
  async targetVersion(quizId: string): Promise<TargetVersion | null> {
    const quiz = await this.prisma.quiz.findUnique({
      where: { id: quizId },
      select: { currentVersion: { select: { id: true, version: true, questions: { where: { type: 'code' }, select: { key: true, content: true } } } } },
    });
    const version = quiz?.currentVersion;
    if (!version) return null;
    const codeQuestions = new Map(version.questions.map((q) => [q.key, q.content as unknown as CodeQuestion]));
    return { id: version.id, version: version.version, codeQuestions };
  }

  async quizExists(quizId: string): Promise<boolean> {
    return (await this.prisma.quiz.count({ where: { id: quizId } })) === 1;
  }

  /** Every graded `submit` of a code question of any version of the quiz, oldest first. */
  async candidates(quizId: string): Promise<RegradeCandidate[]> {
    const rows = await this.prisma.submission.findMany({
      where: { kind: 'submit', status: 'graded', question: { type: 'code', quizVersion: { quizId } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        userId: true,
        attemptId: true,
        questionId: true,
        source: true,
        points: true,
        maxPoints: true,
        score: true,
        gradedAt: true,
        result: true,
        user: { select: { email: true } },
        question: { select: { key: true } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      email: row.user.email,
      attemptId: row.attemptId,
      questionId: row.questionId,
      questionKey: row.question.key,
      source: row.source,
      points: row.points ?? 0,
      maxPoints: row.maxPoints ?? 0,
      score: row.score ?? 0,
      gradedAt: row.gradedAt ?? new Date(0),
      seed: seedOf(row.result),
    }));
  }

  /** Applies every new result in one transaction: all of the regrade, or none of it. */
  async apply(quizId: string, writes: RegradeWrite[]): Promise<void> {
    // Interactive transactions time out after 5 s by default; a large regrade writes for longer.
    const timeout = 30_000 + writes.length * 50;
    await this.prisma.$transaction((tx) => applyRegrade(tx, quizId, writes), { timeout, maxWait: 10_000 });
  }
}

function seedOf(result: unknown): number | undefined {
  const seed = (result as Partial<GradingResult> | null)?.provenance?.seed;
  return typeof seed === 'number' ? seed : undefined;
}
