import { Injectable } from '@nestjs/common';
import type { Prisma } from '@app/db';
import { LtiScoresRepository, type FinishedScore } from './lti-scores.repository.js';

/**
 * What FinishAttempt calls, inside its transaction: the score sends are stored with the attempt's
 * score or not at all, so a crash or an LMS outage after the commit loses nothing. Sending is
 * the ScoreSender's job; `notify` only wakes it up early.
 */
@Injectable()
export class ScoreOutbox {
  private listener?: () => void;

  constructor(private readonly scores: LtiScoresRepository) {}

  record(finished: FinishedScore, tx: Prisma.TransactionClient): Promise<number> {
    return this.scores.enqueueForLinks(finished, tx);
  }

  onRecorded(listener: () => void): void {
    this.listener = listener;
  }

  /** Called after the commit: rows read before it would not be there yet. */
  notify(): void {
    this.listener?.();
  }
}
