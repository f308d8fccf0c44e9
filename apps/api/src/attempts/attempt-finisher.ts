import type { AttemptRecord } from './attempt.types.js';
import type { AttemptsRepository, Db } from './attempts.repository.js';
import { isBetterScore, scoreAttempt } from './attempt-scoring.js';

export type FinishOutcome = { finished: true } | { finished: false; reason: 'already_submitted' } | { finished: false; reason: 'grading'; ungraded: number };

/**
 * Fixes an attempt's score (answers, plus the best graded submission of each code question) and
 * raises the learner's best score, in one transaction holding the attempt's row lock. Shared by
 * the learner's "Finish" and the server's finish at an exam's deadline (`timedOut`).
 */
/** Given the learner's best score after the finish, inside the transaction (the LMS gradebook's outbox). */
export type RecordBest = (best: { score: number; maxScore: number }, tx: Db) => Promise<void>;

export function finishAttempt(attempts: AttemptsRepository, attempt: AttemptRecord, now: Date, timedOut = false, recordBest?: RecordBest): Promise<FinishOutcome> {
  return attempts.transaction(async (tx): Promise<FinishOutcome> => {
    if (!(await attempts.lockInProgress(attempt.id, tx))) return { finished: false, reason: 'already_submitted' };
    // A score fixed while code is still being graded would silently miss that verdict.
    const ungraded = await attempts.countUngraded(attempt.id, tx);
    if (ungraded > 0) return { finished: false, reason: 'grading', ungraded };
    // Answers read again under the lock: one stored between the caller's read and the lock counts.
    const answers = (await attempts.findOwn(attempt.id, attempt.userId, tx))?.answers ?? attempt.answers;
    const score = scoreAttempt(attempt.version.questions, answers, await attempts.bestCodeScores(attempt.id, tx));
    await attempts.markSubmitted(attempt.id, score.score, score.maxScore, now, tx, timedOut);
    const previous = await attempts.findBestScore(attempt.userId, attempt.quiz.id, tx);
    const best = isBetterScore(score, previous) ? score : previous!;
    if (best === score) await attempts.saveBestScore(attempt.userId, attempt.quiz.id, attempt.id, score, tx);
    if (recordBest) await recordBest(best, tx);
    return { finished: true };
  });
}
