import type { LearnerSubmission, LearnerTestResult } from '@app/contracts';
import type { TestResult } from '@app/grader';
import { SANDBOX_CRASHED_TWICE } from '@app/grading';
import type { SubmissionRecord } from './submission.types.js';

export const GRADING_FAILED_MESSAGE = 'Grading failed on our side; this submission does not count. Please submit again.';
export const CRASHED_TWICE_MESSAGE = 'This submission stopped the grading sandbox twice, the second time with nothing else running; it was not graded again and does not count.';

/** Our own failures stay vague (their reasons are internal); the sandbox crash is the code's doing. */
function errorMessage(reason: string | null): string {
  return reason === SANDBOX_CRASHED_TWICE ? CRASHED_TWICE_MESSAGE : GRADING_FAILED_MESSAGE;
}

/**
 * What the learner sees of one test. Hidden tests keep their name, status, feedback message and
 * score; their output is dropped, since code printing its arguments would reveal hidden inputs.
 */
function toLearnerTest(test: TestResult): LearnerTestResult {
  const { message, feedback } = splitFeedback(test);
  return {
    name: test.name,
    visibility: test.visibility,
    status: test.status,
    message,
    feedback,
    output: test.visibility === 'visible' ? test.output : '',
    score: test.score,
    maxScore: test.max_score,
  };
}

/**
 * The engine's words and the author's apart: the grader writes `detail\nfeedback` (or the
 * feedback alone) and names the feedback; results stored before it did stay one message.
 */
function splitFeedback(test: TestResult): { message: string; feedback: string } {
  const feedback = typeof test.feedback === 'string' ? test.feedback : '';
  if (!feedback) return { message: test.message, feedback: '' };
  if (test.message === feedback) return { message: '', feedback };
  if (test.message.endsWith(`\n${feedback}`)) return { message: test.message.slice(0, -feedback.length - 1), feedback };
  return { message: test.message, feedback: '' };
}

export const RESULT_HIDDEN_MESSAGE = 'Received: your submission is graded, and its result is shown when your instructor releases the exam scores.';

/** `hidden`: an exam's scores are not released, so a graded submission shows no result (runs still do). */
export function toLearnerSubmission(row: SubmissionRecord, hidden = false): LearnerSubmission {
  if (hidden && row.kind === 'submit') return withheld(row);
  const tests = (row.result?.tests ?? []).map(toLearnerTest);
  const scored = row.kind === 'submit' && row.status === 'graded';
  const view: LearnerSubmission = {
    id: row.id,
    attemptId: row.attemptId,
    questionKey: row.questionKey,
    kind: row.kind,
    status: row.status,
    score: scored ? row.score : null,
    points: scored ? row.points : null,
    maxPoints: scored ? row.maxPoints : null,
    passed: tests.filter((test) => test.status === 'pass').length,
    total: tests.filter((test) => test.status !== 'skipped').length, // the author's skips count for nothing
    message: row.status === 'error' ? errorMessage(row.errorReason) : (row.result?.message ?? null),
    tests,
    createdAt: row.createdAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
  };
  if (row.status === 'pending' || row.status === 'grading') view.poll = `/api/submissions/${row.id}`;
  return view;
}

function withheld(row: SubmissionRecord): LearnerSubmission {
  const done = row.status === 'graded' || row.status === 'error';
  const view: LearnerSubmission = {
    id: row.id,
    attemptId: row.attemptId,
    questionKey: row.questionKey,
    kind: row.kind,
    status: row.status,
    score: null,
    points: null,
    maxPoints: null,
    passed: 0,
    total: 0,
    message: row.status === 'error' ? errorMessage(row.errorReason) : done ? RESULT_HIDDEN_MESSAGE : null,
    tests: [],
    createdAt: row.createdAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
  };
  if (!done) view.poll = `/api/submissions/${row.id}`;
  return view;
}
