import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { LearnerAttempt } from '@app/contracts';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { AttemptsRepository } from './attempts.repository.js';
import { isBetterScore, scoreAttempt } from './attempt-scoring.js';
import { toLearnerAttempt } from './attempt-view.js';

/**
 * Submits an attempt: fixes its score (answers, plus the best graded submission of each code
 * question) and raises the learner's best score for the quiz, in one transaction. The same
 * transaction stores the LMS gradebook sends (LTI outbox) of that best score.
 */
@Injectable()
export class FinishAttempt {
  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly outbox: ScoreOutbox,
  ) {}

  async execute(userId: string, attemptId: string, now = new Date()): Promise<LearnerAttempt> {
    const attempt = await this.attempts.findOwn(attemptId, userId);
    if (!attempt) throw new NotFoundException(`No attempt ${attemptId}`);
    if (attempt.status === 'submitted') throw new ConflictException('This attempt is already submitted');
    await this.attempts.transaction(async (tx) => {
      if (!(await this.attempts.lockInProgress(attemptId, tx))) throw new ConflictException('This attempt is already submitted');
      // A score fixed while code is still being graded would silently miss that verdict.
      const ungraded = await this.attempts.countUngraded(attemptId, tx);
      if (ungraded > 0) throw new ConflictException(`${ungraded} code submission(s) of this attempt are still being graded; submit the attempt once they are done`);
      const score = scoreAttempt(attempt.version.questions, attempt.answers, await this.attempts.bestCodeScores(attemptId, tx));
      await this.attempts.markSubmitted(attemptId, score.score, score.maxScore, now, tx);
      const previous = await this.attempts.findBestScore(userId, attempt.quiz.id, tx);
      const best = isBetterScore(score, previous) ? score : previous!;
      if (best === score) await this.attempts.saveBestScore(userId, attempt.quiz.id, attemptId, score, tx);
      // The gradebook gets the best score, as the learner's own pages show it.
      await this.outbox.record({ userId, quizId: attempt.quiz.id, attemptId, score: best.score, maxScore: best.maxScore, at: now }, tx);
    });
    this.outbox.notify();
    const finished = await this.attempts.findOwn(attemptId, userId);
    return toLearnerAttempt(finished!);
  }
}
