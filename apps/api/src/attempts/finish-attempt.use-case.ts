import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { LearnerAttempt } from '@app/contracts';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { AttemptsRepository } from './attempts.repository.js';
import { finishAttempt } from './attempt-finisher.js';
import { gradebookSend } from './gradebook-send.js';
import { toLearnerAttempt } from './attempt-view.js';
import { isPastDeadline } from './quiz-rules.js';

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
    // Finishing after the deadline is what the server does anyway: it is recorded as timed out.
    // The same transaction stores the LMS gradebook send (LTI outbox) of the best score.
    const outcome = await finishAttempt(this.attempts, attempt, now, isPastDeadline(attempt.deadlineAt, now), gradebookSend(this.outbox, attempt, now));
    if (!outcome.finished && outcome.reason === 'already_submitted') throw new ConflictException('This attempt is already submitted');
    if (!outcome.finished && outcome.reason === 'grading') {
      throw new ConflictException(`${outcome.ungraded} code submission(s) of this attempt are still being graded; submit the attempt once they are done`);
    }
    this.outbox.notify();
    const finished = await this.attempts.findOwn(attemptId, userId);
    return toLearnerAttempt(finished!, now);
  }
}
