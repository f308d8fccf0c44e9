import type { GradingResult } from '@app/grader';

export type SubmissionKind = 'run' | 'submit';

export interface SubmissionRecord {
  id: string;
  attemptId: string | null;
  questionKey: string;
  kind: SubmissionKind;
  status: 'pending' | 'grading' | 'graded' | 'error';
  score: number | null;
  points: number | null;
  maxPoints: number | null;
  result: GradingResult | null;
  /** Why an `error` verdict was stored; shown to the learner only when it is the learner's own doing. */
  errorReason: string | null;
  createdAt: Date;
  gradedAt: Date | null;
  /** The access settings of the attempt's quiz version and its scores' release (exams hide verdicts). */
  settings?: unknown;
  scoresReleasedAt?: Date | null;
}

export interface NewSubmission {
  attemptId: string;
  userId: string;
  questionId: string;
  source: string;
  kind: SubmissionKind;
}

/** Why a submission was not stored, decided atomically with the insert. */
export type CreateOutcome = { created: true; id: string } | { created: false; reason: 'attempt_submitted' | 'limit_reached'; used: number };
