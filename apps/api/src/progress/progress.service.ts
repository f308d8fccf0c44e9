import { Injectable } from '@nestjs/common';
import type { AttemptSummary, QuizProgress } from '@app/contracts';
import { attemptLimitWith, attemptsLeft, scoresHidden } from '../attempts/quiz-rules.js';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { ProgressRepository, type PublishedQuizRow, type UserAttemptRow } from './progress.repository.js';

/** A learner's own history and standing, per attempt and per published quiz. */
@Injectable()
export class ProgressService {
  constructor(private readonly repository: ProgressRepository) {}

  async attempts(userId: string, query: PaginationQueryDto): Promise<Page<AttemptSummary>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.listAttempts(userId, skip, take);
    const now = new Date();
    const items = rows.map(({ settings, scoresReleasedAt, ...summary }): AttemptSummary => {
      if (!scoresHidden(settings, scoresReleasedAt, now)) return summary;
      return { ...summary, score: null, scoresHidden: true };
    });
    return toPage(items, total, query);
  }

  async progress(userId: string, query: PaginationQueryDto): Promise<Page<QuizProgress>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.listPublished(skip, take);
    const ids = rows.map((row) => row.id);
    const [attempts, best, extra] = await Promise.all([
      this.repository.attemptsOn(userId, ids),
      this.repository.bestScores(userId, ids),
      this.repository.extraAttempts(userId, ids),
    ]);
    const items = rows.map((quiz) =>
      toProgress({ ...quiz, attemptLimit: attemptLimitWith(quiz.attemptLimit, extra.get(quiz.id)) }, attempts.filter((a) => a.quizId === quiz.id), best.get(quiz.id)),
    );
    return toPage(items, total, query);
  }
}

/** `quiz.attemptLimit` is this learner's own (extra attempts included: see `progress`). */
export function toProgress(quiz: PublishedQuizRow, attempts: UserAttemptRow[], best?: { score: number; maxScore: number }, now = new Date()): QuizProgress {
  const hidden = scoresHidden(quiz.settings, quiz.scoresReleasedAt, now);
  const latest = attempts.reduce<Date | null>((max, a) => (max === null || a.updatedAt > max ? a.updatedAt : max), null);
  return {
    quizId: quiz.id,
    title: quiz.title,
    kind: quiz.kind,
    course: quiz.course,
    section: quiz.section,
    concepts: quiz.concepts,
    bestScore: hidden ? null : (best?.score ?? null),
    maxScore: best?.maxScore ?? null,
    completed: attempts.some((a) => a.completedAt !== null),
    attemptsUsed: attempts.length,
    attemptLimit: quiz.attemptLimit === 0 ? null : quiz.attemptLimit,
    attemptsLeft: attemptsLeft(quiz.attemptLimit, attempts.length),
    inProgressAttemptId: attempts.find((a) => a.status === 'in_progress')?.id ?? null,
    lastActivityAt: latest?.toISOString() ?? null,
    scoresHidden: hidden,
  };
}
