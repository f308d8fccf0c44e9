import type { GradingResult } from '@app/grader';
import { SANDBOX_CRASHED_TWICE } from '@app/grading';
import { CRASHED_TWICE_MESSAGE, GRADING_FAILED_MESSAGE, toLearnerSubmission } from './submission-view.js';
import type { SubmissionRecord } from './submission.types.js';

const result: GradingResult = {
  status: 'fail', score: 0.25, points: 1, max_points: 4, message: '1 of 2 tests failed', duration_ms: 3,
  provenance: { runtime: 'pyodide', python: '3.14', suite_hash: 'h', seed: 0 },
  tests: [
    { name: 'first', status: 'pass', score: 1, max_score: 1, visibility: 'visible', message: '', output: 'visible print\n', tags: [] },
    { name: 'hidden_ten', status: 'fail', score: 0, max_score: 3, visibility: 'hidden', message: 'Count to ten.', output: 'args were 1..10', tags: [] },
  ],
};

function row(patch: Partial<SubmissionRecord>): SubmissionRecord {
  return {
    id: 's1', attemptId: 'a1', questionKey: 'counter', kind: 'submit', status: 'graded', score: 0.25, points: 1, maxPoints: 4,
    result, errorReason: null, createdAt: new Date('2026-03-02T00:00:00Z'), gradedAt: new Date('2026-03-02T00:00:01Z'), ...patch,
  };
}

describe('toLearnerSubmission', () => {
  it('shows per-test verdicts, but never the output of a hidden test', () => {
    const view = toLearnerSubmission(row({}));
    expect(view).toMatchObject({ status: 'graded', score: 0.25, points: 1, maxPoints: 4, passed: 1, total: 2 });
    expect(view.tests).toEqual([
      { name: 'first', visibility: 'visible', status: 'pass', message: '', feedback: '', output: 'visible print\n', score: 1, maxScore: 1 },
      { name: 'hidden_ten', visibility: 'hidden', status: 'fail', message: 'Count to ten.', feedback: '', output: '', score: 0, maxScore: 3 },
    ]);
    expect(view.poll).toBeUndefined();
  });

  it('gives a run no score', () => {
    expect(toLearnerSubmission(row({ kind: 'run' }))).toMatchObject({ score: null, points: null, maxPoints: null, passed: 1 });
  });

  it('points a pending submission at its poll URL, and hides our own error reasons', () => {
    expect(toLearnerSubmission(row({ status: 'pending', result: null, score: null }))).toMatchObject({ poll: '/api/submissions/s1', tests: [], score: null });
    expect(toLearnerSubmission(row({ status: 'error', result: null, errorReason: 'grading failed 3 times: connect ECONNREFUSED 10.0.0.5:5432' })))
      .toMatchObject({ message: GRADING_FAILED_MESSAGE, score: null });
  });

  it('tells the learner when their code stopped the grading sandbox twice', () => {
    const view = toLearnerSubmission(row({ status: 'error', result: null, score: null, errorReason: SANDBOX_CRASHED_TWICE }));
    expect(view).toMatchObject({ status: 'error', message: CRASHED_TWICE_MESSAGE, score: null });
    expect(view.message).toMatch(/stopped the grading sandbox twice/);
  });
});

describe('the engine and the author apart', () => {
  const row = (tests: unknown[]) => ({ ...rowBase(), result: { ...rowBase().result!, tests } }) as any;
  function rowBase() {
    return { id: 's1', attemptId: 'a1', questionKey: 'q', kind: 'submit', status: 'graded', score: 0, points: 0, maxPoints: 1, errorReason: null, createdAt: new Date(0), gradedAt: new Date(0), result: { status: 'fail', score: 0, points: 0, max_points: 1, message: '', duration_ms: 1, provenance: {}, tests: [] } };
  }
  it('splits the feedback the grader named off the end of the message', () => {
    const view = toLearnerSubmission(row([
      { name: 'visible', status: 'fail', score: 0, max_score: 1, visibility: 'visible', message: '4 != 3\nAdd exactly one.', feedback: 'Add exactly one.', output: '', tags: [] },
      { name: 'hidden', status: 'fail', score: 0, max_score: 1, visibility: 'hidden', message: 'Add exactly one.', feedback: 'Add exactly one.', output: '', tags: [] },
      { name: 'old', status: 'fail', score: 0, max_score: 1, visibility: 'visible', message: '4 != 3\nAdd exactly one.', output: '', tags: [] },
    ]));
    expect(view.tests.map((t) => [t.message, t.feedback])).toEqual([
      ['4 != 3', 'Add exactly one.'],
      ['', 'Add exactly one.'],
      ['4 != 3\nAdd exactly one.', ''],
    ]);
  });
});
