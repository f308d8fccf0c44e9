import { useEffect, useRef, useState } from 'react';
import type { LearnerCodeView } from '../api/types.js';
import { CodeEditor } from '../editor/code-editor.js';
import { ErrorBox, formatDate } from '../components/feedback.js';
import { Markdown } from '../components/markdown.js';
import { formatPoints, pointsOf } from '../components/points.js';
import { openingState } from './opening-state.js';
import type { QuestionProps } from './question-props.js';
import { sourceProblem } from './source-limit.js';
import { setupText } from './example-text.js';
import { SubmissionResult } from './test-results.js';
import { draftText, useDraft } from './use-draft.js';
import { useGrading } from './use-grading.js';

export { MAX_SOURCE_LENGTH, sourceProblem } from './source-limit.js';

/** Starter code in CodeMirror, "Run visible tests", "Submit", a grading indicator and results. */
export function CodeQuestion({ question, attemptId, answer, locked, refresh, runAllowed = true, work, reviewing = false }: QuestionProps<LearnerCodeView>) {
  const [opening] = useState(() => openingState(question, work, reviewing));
  const [source, setSource] = useState(opening.source);
  const { grading, result, error, send, refuse } = useGrading(attemptId, question.id, opening.result);
  const draft = useDraft(attemptId, question.id, !locked, work?.draft?.savedAt);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [outcomeTick, setOutcomeTick] = useState(0);
  // Once the verdict (or the reason there is none) is rendered, focus moves to it from the button.
  useEffect(() => {
    if (outcomeTick > 0) outcomeRef.current?.focus();
  }, [outcomeTick]);

  function edit(next: string) {
    setSource(next);
    draft.change(next);
  }
  async function run(kind: 'run' | 'submit') {
    if (!canSend) return;
    const problem = sourceProblem(source);
    if (problem) refuse(problem);
    else {
      const submission = await send(kind, source);
      if (submission?.kind === 'submit') refresh();
    }
    setOutcomeTick((tick) => tick + 1);
  }
  const canSend = !locked && grading === null;
  // aria-disabled, not disabled, while grading: a disabled button drops the focus to the page body.
  const sendProps = { 'aria-disabled': !canSend, disabled: locked };
  return (
    <div className="code-question">
      <Examples question={question} />
      {question.hints.length > 0 && (
        <details className="hints">
          <summary>Hints ({question.hints.length})</summary>
          <ol>
            {question.hints.map((hint) => (
              <li key={hint}>
                <Markdown text={hint} />
              </li>
            ))}
          </ol>
        </details>
      )}
      <p className="muted small">
        Your module is <code>{question.module}.py</code>. {limitsText(question.limits)}
        {question.hidden_tests > 0 && ` ${question.hidden_tests} hidden tests grade your submission.`}
        {!runAllowed && ' Running the visible tests is turned off in this exam: check your code by reading it, then submit.'}
      </p>
      {opening.fromEarlier && (
        <p className="muted small" data-testid="code-from-earlier">
          Your code from your last submission ({formatDate(opening.fromEarlier.createdAt)}) is loaded. Use “Reset to starter code” to start over.
        </p>
      )}
      {reviewing && <p className="muted small">{work?.lastSubmission ? 'The code you submitted last, and its result:' : 'You submitted no code for this question.'}</p>}
      <CodeEditor language="python" label={`Python code for ${question.title ?? question.id}`} value={source} onChange={edit} readOnly={locked} />
      {!reviewing && (
        <div className="button-row">
          {runAllowed && (
            <button type="button" onClick={() => void run('run')} {...sendProps}>
              Run visible tests
            </button>
          )}
          <button type="button" className="primary" onClick={() => void run('submit')} {...sendProps}>
            Submit
          </button>
          <button type="button" className="link-button" onClick={() => edit(question.starter)} disabled={locked}>
            Reset to starter code
          </button>
        </div>
      )}
      {!locked && attemptId && (
        <p className="muted small draft-status" data-testid="draft-status">
          {draftText(draft.state)}
        </p>
      )}
      {/* Under review the result below says it all; the status line is for grading as it happens. */}
      <div role="status" aria-live="polite" className="grading-status" hidden={reviewing}>
        {grading && (
          <>
            <progress aria-label="Grading progress" /> {grading === 'run' ? 'Running the visible tests…' : 'Grading your submission against every test…'}
          </>
        )}
        {!grading && !result && error && 'No result: see the message below.'}
        {!grading && result && (result.kind === 'run' ? 'Visible tests finished.' : result.maxPoints === null ? 'Submission received.' : `Graded: ${formatPoints(result.points ?? 0)} of ${formatPoints(result.maxPoints)} points.`)}
      </div>
      <div ref={outcomeRef} tabIndex={-1} className="grading-outcome" data-testid="grading-outcome">
        <ErrorBox message={error} />
        {result && <SubmissionResult submission={result} limits={question.limits} />}
      </div>
      {answer && answer.points !== null && (
        <p className="best-score">
          Best submission so far: <strong>{pointsOf(answer.points, answer.maxPoints)} points</strong>
        </p>
      )}
    </div>
  );
}

function Examples({ question }: { question: LearnerCodeView }) {
  if (question.examples.length === 0) return null;
  return (
    <details open className="examples">
      <summary>Visible tests ({question.examples.length})</summary>
      <ul>
        {question.examples.map((example) => (
          <li key={example.name}>
            <code>{example.name}</code>:{' '}
            {example.setup && <code className="mono">{setupText(example.setup)}; </code>}
            <code className="mono">{example.expr ?? callText(example)}</code>
            {'expected' in example && (
              <>
                {' '}
                → <code className="mono">{JSON.stringify(example.expected)}</code>
              </>
            )}
            {example.raises && <> raises <code>{String(example.raises)}</code></>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function limitsText(limits: LearnerCodeView['limits']): string {
  const parts = [limits.time_ms && `${limits.time_ms} ms`, limits.memory_mb && `${limits.memory_mb} MB`].filter(Boolean);
  return parts.length ? `Limits per test: ${parts.join(' and ')}.` : '';
}

function callText(example: LearnerCodeView['examples'][number]): string {
  if (!example.call) return '';
  const args = (example.args ?? []).map((a) => JSON.stringify(a));
  const kwargs = Object.entries(example.kwargs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${example.call}(${[...args, ...kwargs].join(', ')})`;
}
