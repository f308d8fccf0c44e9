import type { GradingResult } from '@app/grader';

/** The verdict stored for a submission: what listeners, the queue's return value and the API hear. */
export type SubmissionOutcome = { id: string; status: 'graded'; result: GradingResult } | { id: string; status: 'error'; reason: string };
