import type { AttemptRecord } from './attempt.types.js';
import type { AttemptsRepository } from './attempts.repository.js';
import { raiseBestScore, standingScore, type RecordBest } from './attempt-recorder.js';
import { scoredAsItGoes } from './scoring-model.js';

export type { RecordBest } from './attempt-recorder.js';

export type FinishOutcome = { finished: true } | { finished: false; reason: 'already_submitted' } | { finished: false; reason: 'grading'; ungraded: number };

/**
 * Fixes an attempt's score (answers, plus the best graded submission of each code question) and
 * raises the learner's best score, in one transaction holding the attempt's row lock. Shared by
 * the learner's "Finish" and the server's finish at an exam's deadline (`timedOut`). A practice
 * attempt already has this score (it is scored as it goes); for an exam it is the first one.
 * `recordBest` gets the learner's best score after the finish (the LMS gradebook's outbox): for an
 * exam always (its score exists from now on); for a practice attempt only when the finish raised it,
 * since its rises were sent as they happened and the LMS needs no copy of the same score.
 */
export function finishAttempt(attempts: AttemptsRepository, attempt: AttemptRecord, now: Date, timedOut = false, recordBest?: RecordBest): Promise<FinishOutcome> {
  return attempts.transaction(async (tx): Promise<FinishOutcome> => {
    if (!(await attempts.lockInProgress(attempt.id, tx))) return { finished: false, reason: 'already_submitted' };
    // A score fixed while code is still being graded would silently miss that verdict.
    const ungraded = await attempts.countUngraded(attempt.id, tx);
    if (ungraded > 0) return { finished: false, reason: 'grading', ungraded };
    const { score } = await standingScore(attempts, attempt, tx);
    await attempts.markSubmitted(attempt.id, score.score, score.maxScore, now, tx, timedOut);
    const { best, raised } = await raiseBestScore(attempts, attempt, score, tx);
    if (recordBest && (raised || !scoredAsItGoes(attempt.version.settings))) await recordBest(best, tx);
    return { finished: true };
  });
}
