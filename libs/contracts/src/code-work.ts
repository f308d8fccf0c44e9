/**
 * A learner's code in an attempt, kept by the server so that a reload, another device or a review
 * of a finished attempt shows it: the draft being typed, the latest run and submission.
 */
import type { LearnerSubmission } from './learner.js';

/** `PUT /api/attempts/:id/questions/:key/draft`: what was saved. */
export interface LearnerDraft {
  questionKey: string;
  source: string;
  savedAt: string;
}

/** A submission with the code that was sent (the learner's own). */
export type LearnerSubmissionWithSource = LearnerSubmission & { source: string };

/** Code sent in an earlier attempt of the same quiz: where "Try again" starts. */
export interface EarlierCode {
  attemptId: string;
  source: string;
  createdAt: string;
}

/** One code question of an attempt. */
export interface LearnerCodeWork {
  questionKey: string;
  /** null before the learner typed anything in this attempt. */
  draft: LearnerDraft | null;
  /** The newest "Run visible tests" of this attempt (its results are shown again after a reload). */
  lastRun: LearnerSubmissionWithSource | null;
  /** The newest submission of this attempt; its verdict follows the exam's release rules. */
  lastSubmission: LearnerSubmissionWithSource | null;
  /**
   * In an attempt that has no code of its own yet for the question (no draft, run or submission):
   * the newest code submitted for it in another attempt of the same quiz; null otherwise.
   */
  earlier: EarlierCode | null;
}

/** `GET /api/attempts/:id/code`: the learner's code work, one entry per code question. */
export interface LearnerAttemptCode {
  attemptId: string;
  questions: LearnerCodeWork[];
}
