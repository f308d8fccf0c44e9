import { Injectable } from '@nestjs/common';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { AttemptsRepository } from './attempts.repository.js';
import { recordStandingScore } from './attempt-recorder.js';
import { gradebookSend } from './gradebook-send.js';
import { scoredAsItGoes } from './scoring-model.js';

/**
 * A code verdict changed an attempt's answer: a practice attempt's score and the learner's best
 * follow at once (docs/scoring.md), so the course page, dashboards and CSV need no "Finish".
 * Under the attempt's row lock; an attempt finished meanwhile was scored by its finish.
 */
@Injectable()
export class ScoreAsItGoes {
  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly outbox: ScoreOutbox,
  ) {}

  async execute(attemptId: string, now = new Date()): Promise<void> {
    const attempt = await this.attempts.findById(attemptId);
    if (!attempt || attempt.status !== 'in_progress' || !scoredAsItGoes(attempt.version.settings)) return;
    await this.attempts.transaction(async (tx) => {
      if (!(await this.attempts.lockInProgress(attemptId, tx))) return;
      await recordStandingScore(this.attempts, attempt, tx, now, gradebookSend(this.outbox, attempt, now));
    });
    this.outbox.notify();
  }
}
