import { Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { AttemptStartLimit } from './attempt-start-limit.js';
import { AttemptsRepository } from './attempts.repository.js';
import { LearnerQuizRepository } from './learner-quiz.repository.js';
import { assertAttemptsLeft, assertOpen, attemptLimitWith, deadlineFor } from './quiz-rules.js';

export interface StartedAttempt {
  attemptId: string;
  /** false when the learner's in-progress attempt was returned instead of a new one. */
  created: boolean;
}

/** Starts an attempt on the current version of a published quiz, within its dates and attempt limit. */
@Injectable()
export class StartAttempt {
  constructor(
    private readonly quizzes: LearnerQuizRepository,
    private readonly attempts: AttemptsRepository,
    @Optional() @Inject(AttemptStartLimit) private readonly startLimit: Pick<AttemptStartLimit, 'take'> | null = null,
  ) {}

  async execute(userId: string, quizId: string, now = new Date()): Promise<StartedAttempt> {
    const quiz = await this.quizzes.findPublished(quizId);
    if (!quiz) throw new NotFoundException(`No published quiz ${quizId}`);
    const { settings } = quiz.version;
    return this.attempts.exclusive(userId, quizId, async (tx) => {
      // Resuming is allowed even after the closing date, so the learner can still finish it.
      const open = await this.attempts.findInProgressId(userId, quizId, tx);
      if (open) return { attemptId: open, created: false };
      assertOpen(settings, now);
      // Accommodations: an instructor's extra attempts and extra minutes for this learner.
      const extra = settings.exam || settings.attempts > 0 ? await this.attempts.findAccommodation(userId, quizId, tx) : null;
      assertAttemptsLeft(attemptLimitWith(settings.attempts, extra?.extraAttempts), await this.attempts.countForQuiz(userId, quizId, tx));
      await this.startLimit?.take(userId); // a new attempt only: resuming never counts
      const deadlineAt = deadlineFor(settings, now, extra?.extraMinutes);
      return { attemptId: await this.attempts.create(userId, quiz.version.id, tx, { startedAt: now, deadlineAt }), created: true };
    });
  }
}
