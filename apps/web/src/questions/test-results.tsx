import type { LearnerCodeView, LearnerSubmission, LearnerTestResult, TestOutcome } from '../api/types.js';
import { Markdown } from '../components/markdown.js';
import { explainOutcome } from './outcome-text.js';
import { formatPoints } from '../components/points.js';

const OUTCOME_LABEL: Record<TestOutcome, string> = {
  pass: 'Passed',
  fail: 'Failed',
  error: 'Error',
  timeout: 'Timed out',
  memory_limit: 'Out of memory',
  skipped: 'Skipped',
};

export function SubmissionResult({ submission, limits }: { submission: LearnerSubmission; limits: LearnerCodeView['limits'] }) {
  // An exam whose scores are not released: the server sends no result, only that it was received.
  if (submission.kind === 'submit' && submission.maxPoints === null && submission.status === 'graded') {
    return (
      <section className="results" aria-label="Your submission">
        <p className="verdict">
          <strong data-testid="submission-headline">Submission received</strong>
        </p>
        {submission.message && <p className="muted">{submission.message}</p>}
      </section>
    );
  }
  const headline =
    submission.kind === 'run'
      ? `Visible tests: ${submission.passed} of ${submission.total} passed`
      : `Score: ${formatPoints(submission.points ?? 0)} / ${formatPoints(submission.maxPoints)} points · ${submission.passed} of ${submission.total} tests passed`;
  return (
    <section className="results" aria-label={submission.kind === 'run' ? 'Results of the visible tests' : 'Results of your submission'}>
      {submission.status === 'error' ? (
        <p className="verdict fail">Grading failed on our side: {submission.message ?? 'unknown error'}. Please try again.</p>
      ) : (
        <p className={`verdict ${submission.passed === submission.total ? 'pass' : 'fail'}`}>
          <strong data-testid="submission-headline">{headline}</strong>
        </p>
      )}
      {submission.message && submission.status !== 'error' && !/^\d+ of \d+ tests? passed\.?$/.test(submission.message) && <p className="muted">{submission.message}</p>}
      <ul className="test-list">
        {submission.tests.map((test) => (
          <TestRow key={test.name} test={test} limits={limits} />
        ))}
      </ul>
    </section>
  );
}

function TestRow({ test, limits }: { test: LearnerTestResult; limits: LearnerCodeView['limits'] }) {
  return (
    <li className="test" data-status={test.status}>
      <p>
        <span className={`outcome ${test.status}`}>{OUTCOME_LABEL[test.status]}</span> <code>{test.name}</code>
        {test.visibility === 'hidden' && <span className="muted small"> (hidden test)</span>}
        {test.maxScore > 0 && (
          <span className="muted small">
            {' '}
            · {test.score} / {test.maxScore}
          </span>
        )}
      </p>
      {test.status !== 'pass' && <p className="small">{explainOutcome(test.status, limits)}</p>}
      {/* The grader's words and the author's, each in its own labelled box (they used to run together). */}
      {test.message && (
        <div className="engine-message" data-testid="engine-message">
          <span className="small label">Grader</span>
          <Markdown className="markdown small" text={test.message} />
        </div>
      )}
      {test.feedback && (
        <div className="author-feedback" data-testid="author-feedback">
          <span className="small label">Feedback from the exercise</span>
          <Markdown className="markdown small" text={test.feedback} />
        </div>
      )}
      {test.output && (
        <details>
          <summary>Output</summary>
          <pre className="code-block">{test.output}</pre>
        </details>
      )}
    </li>
  );
}
