import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { AttemptSummary } from '@app/contracts';
import type { QuizSettings } from '../attempts/attempt.types.js';
import { toSettings } from '../attempts/quiz-records.js';
import { COURSE_ORDER } from '../catalog/course-order.js';
import { LEARNER_VISIBLE_QUIZ } from '../catalog/learner-visible.js';

export interface PublishedQuizRow {
  id: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  section: string | null;
  attemptLimit: number;
  concepts: string[];
  settings: QuizSettings;
  scoresReleasedAt: Date | null;
}

/** An attempt of the history with what decides whether its score may be shown. */
export interface AttemptSummaryRow extends AttemptSummary {
  settings: QuizSettings;
  scoresReleasedAt: Date | null;
}

export interface UserAttemptRow {
  id: string;
  quizId: string;
  status: 'in_progress' | 'submitted';
  updatedAt: Date;
  /** See scoring-model.ts: finished, or a practice attempt with a verdict on every question. */
  completedAt: Date | null;
}

/** Read-only queries over one learner's attempts and best scores. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly prisma: PrismaService) {}

  async listAttempts(userId: string, skip: number, take: number): Promise<{ rows: AttemptSummaryRow[]; total: number }> {
    const where = { userId };
    const [attempts, total] = await Promise.all([
      this.prisma.attempt.findMany({
        where,
        orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
        skip,
        take,
        select: {
          id: true, status: true, score: true, maxScore: true, startedAt: true, submittedAt: true,
          quizVersion: { select: { version: true, content: true, quiz: { select: { id: true, title: true, kind: true, scoresReleasedAt: true } } } },
        },
      }),
      this.prisma.attempt.count({ where }),
    ]);
    const rows = attempts.map(({ quizVersion, startedAt, submittedAt, ...attempt }) => ({
      ...attempt,
      quizId: quizVersion.quiz.id,
      quizTitle: quizVersion.quiz.title,
      kind: quizVersion.quiz.kind,
      version: quizVersion.version,
      settings: toSettings(quizVersion.content),
      scoresReleasedAt: quizVersion.quiz.scoresReleasedAt,
      startedAt: startedAt.toISOString(),
      submittedAt: submittedAt?.toISOString() ?? null,
    }));
    return { rows, total };
  }

  async listPublished(skip: number, take: number): Promise<{ rows: PublishedQuizRow[]; total: number }> {
    const where = LEARNER_VISIBLE_QUIZ;
    const [quizzes, total] = await Promise.all([
      this.prisma.quiz.findMany({
        where,
        orderBy: COURSE_ORDER,
        skip,
        take,
        select: { id: true, title: true, kind: true, course: true, section: true, scoresReleasedAt: true, currentVersion: { select: { content: true } } },
      }),
      this.prisma.quiz.count({ where }),
    ]);
    const rows = quizzes.map(({ currentVersion, ...quiz }) => {
      const settings = toSettings(currentVersion?.content);
      return { ...quiz, attemptLimit: settings.attempts, settings, concepts: conceptsOf(currentVersion?.content) };
    });
    return { rows, total };
  }

  async attemptsOn(userId: string, quizIds: string[]): Promise<UserAttemptRow[]> {
    const rows = await this.prisma.attempt.findMany({
      where: { userId, quizVersion: { quizId: { in: quizIds } } },
      select: { id: true, status: true, updatedAt: true, completedAt: true, quizVersion: { select: { quizId: true } } },
    });
    return rows.map(({ quizVersion, ...row }) => ({ ...row, quizId: quizVersion.quizId }));
  }

  /** Extra attempts an instructor granted this learner, per quiz (accommodations). */
  async extraAttempts(userId: string, quizIds: string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.accommodation.findMany({ where: { userId, quizId: { in: quizIds } }, select: { quizId: true, extraAttempts: true } });
    return new Map(rows.map((row) => [row.quizId, row.extraAttempts]));
  }

  async bestScores(userId: string, quizIds: string[]): Promise<Map<string, { score: number; maxScore: number }>> {
    const rows = await this.prisma.bestScore.findMany({
      where: { userId, quizId: { in: quizIds } },
      select: { quizId: true, score: true, maxScore: true },
    });
    return new Map(rows.map(({ quizId, ...best }) => [quizId, best]));
  }
}

/** The concept tags of a quiz's questions (an exercise's one question), in order of appearance. */
export function conceptsOf(content: unknown): string[] {
  const item = (content ?? {}) as { question?: { concepts?: string[] }; questions?: { concepts?: string[] }[] };
  const questions = item.questions ?? (item.question ? [item.question] : []);
  return [...new Set(questions.flatMap((q) => q.concepts ?? []))];
}
