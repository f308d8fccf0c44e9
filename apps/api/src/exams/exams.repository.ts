import { Injectable } from '@nestjs/common';
import type { Prisma } from '@app/db';
import { PrismaService } from '@app/db';
import type { ExamAccommodation } from '@app/contracts';

export interface ExamQuizRow {
  id: string;
  title: string;
  content: unknown;
  scoresReleasedAt: Date | null;
}

/** Exam administration: release state and accommodations. The only exam code that touches Prisma. */
/** A learner's best score of a released exam, handed to the LMS gradebook's outbox. */
export type ReleasedScoreSend = (best: { userId: string; attemptId: string; score: number; maxScore: number }, tx: Prisma.TransactionClient) => Promise<unknown>;

@Injectable()
export class ExamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findQuiz(id: string): Promise<ExamQuizRow | null> {
    const row = await this.prisma.quiz.findUnique({
      where: { id },
      select: { id: true, title: true, scoresReleasedAt: true, currentVersion: { select: { content: true } } },
    });
    if (!row) return null;
    const { currentVersion, ...quiz } = row;
    return { ...quiz, content: currentVersion?.content ?? null };
  }

  async countAttempts(quizId: string): Promise<{ inProgress: number; submitted: number }> {
    const [inProgress, submitted] = await Promise.all([
      this.prisma.attempt.count({ where: { status: 'in_progress', quizVersion: { quizId } } }),
      this.prisma.attempt.count({ where: { status: 'submitted', quizVersion: { quizId } } }),
    ]);
    return { inProgress, submitted };
  }

  /** Sets the release time; `send`, given, gets every learner's best score in the same transaction. */
  async setRelease(quizId: string, releasedAt: Date | null, send?: ReleasedScoreSend): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.quiz.update({ where: { id: quizId }, data: { scoresReleasedAt: releasedAt }, select: { id: true } });
      if (!send) return;
      const best = await tx.bestScore.findMany({ where: { quizId, attemptId: { not: null } }, select: { userId: true, attemptId: true, score: true, maxScore: true } });
      for (const row of best) await send({ userId: row.userId, attemptId: row.attemptId!, score: row.score, maxScore: row.maxScore }, tx);
    });
  }

  async listAccommodations(quizId: string): Promise<ExamAccommodation[]> {
    const rows = await this.prisma.accommodation.findMany({
      where: { quizId },
      orderBy: { user: { email: 'asc' } },
      take: 1000,
      select: { userId: true, extraMinutes: true, extraAttempts: true, user: { select: { email: true, displayName: true } } },
    });
    return rows.map(({ user, ...row }) => ({ ...row, email: user.email, displayName: user.displayName }));
  }

  async findUserId(email: string): Promise<string | null> {
    const row = await this.prisma.user.findUnique({ where: { email }, select: { id: true } });
    return row?.id ?? null;
  }

  async saveAccommodation(userId: string, quizId: string, extra: { extraMinutes: number; extraAttempts: number }): Promise<void> {
    await this.prisma.accommodation.upsert({ where: { userId_quizId: { userId, quizId } }, create: { userId, quizId, ...extra }, update: extra, select: { id: true } });
  }

  async deleteAccommodation(userId: string, quizId: string): Promise<void> {
    await this.prisma.accommodation.deleteMany({ where: { userId, quizId } });
  }
}
