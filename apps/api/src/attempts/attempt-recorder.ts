import type { AttemptRecord } from './attempt.types.js';
import type { AttemptsRepository, Db } from './attempts.repository.js';
import { isBetterScore, scoreAttempt, type AttemptScore } from './attempt-scoring.js';
import { everyQuestionAnswered, scoredAsItGoes } from './scoring-model.js';

/** Given the learner's best score after a change, inside the transaction (the LMS gradebook's outbox). */
export type RecordBest = (best: AttemptScore, tx: Db) => Promise<void>;

export interface StandingScore {
  score: AttemptScore;
  /** Every question has a verdict. */
  complete: boolean;
}

/**
 * The attempt's score as it stands: answers read again under the caller's lock (one stored
 * between the caller's read and the lock counts), code questions by their best graded submission.
 */
export async function standingScore(attempts: AttemptsRepository, attempt: AttemptRecord, tx: Db): Promise<StandingScore> {
  const answers = (await attempts.findById(attempt.id, tx))?.answers ?? attempt.answers;
  const bestCode = await attempts.bestCodeScores(attempt.id, tx);
  const questions = attempt.version.questions;
  return { score: scoreAttempt(questions, answers, bestCode), complete: everyQuestionAnswered(questions, answers, bestCode) };
}

/** Raises the learner's best score for the quiz when `score` beats it (by share); returns the best after. */
export async function raiseBestScore(attempts: AttemptsRepository, attempt: AttemptRecord, score: AttemptScore, tx: Db): Promise<{ best: AttemptScore; raised: boolean }> {
  const previous = await attempts.findBestScore(attempt.userId, attempt.quiz.id, tx);
  if (!isBetterScore(score, previous)) return { best: previous!, raised: false };
  await attempts.saveBestScore(attempt.userId, attempt.quiz.id, attempt.id, score, tx);
  return { best: score, raised: true };
}

/**
 * Scores a practice attempt as it goes (docs/scoring.md): called after each checked answer and
 * each graded code submission, inside a transaction that holds the attempt's row lock and has
 * checked that it is still in progress. Exam attempts are left alone: they are scored at finish.
 * The LMS gradebook (`recordBest`) hears of the best score only when it went up.
 */
export async function recordStandingScore(attempts: AttemptsRepository, attempt: AttemptRecord, tx: Db, now: Date, recordBest?: RecordBest): Promise<AttemptScore | null> {
  if (!scoredAsItGoes(attempt.version.settings)) return null;
  const { score, complete } = await standingScore(attempts, attempt, tx);
  await attempts.saveScore(attempt.id, score, complete ? now : null, tx);
  const { raised } = await raiseBestScore(attempts, attempt, score, tx);
  if (raised && recordBest) await recordBest(score, tx);
  return score;
}
