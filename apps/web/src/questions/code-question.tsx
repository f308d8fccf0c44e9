import { useEffect, useRef, useState } from 'react';
import type { LearnerCodeView } from '../api/types.js';
import { CodeEditor } from '../editor/code-editor.js';
import { ErrorBox } from '../components/feedback.js';
import { Markdown } from '../components/markdown.js';
import { formatPoints, pointsOf } from '../components/points.js';
import type { QuestionProps } from './question-props.js';
import { SubmissionResult } from './test-results.js';
import { useGrading } from './use-grading.js';

/** The API's limit on a submitted module (SourceRequestDto's MAX_SOURCE_LENGTH). */
export const MAX_SOURCE_LENGTH = 65_536;

/** Why code cannot be sent, in words; undefined when it can. */
export function sourceProblem(source: string): string | undefined {
  if (source.length <= MAX_SOURCE_LENGTH) return undefined;
  const n = (value: number) => value.toLocaleString('en-US');
  return `Your code is ${n(source.length)} characters long; the limit is ${n(MAX_SOURCE_LENGTH)}. Remove what was pasted by mistake and try again: nothing was run.`;
}

function draftKey(attemptId: string | undefined, questionId: string): string {
  return `pyquiz:draft:${attemptId ?? 'preview'}:${questionId}`;
}

/** Starter code in CodeMirror, "Run visible tests", "Submit", a grading indicator and results. */
export function CodeQuestion({ question, attemptId, answer, locked, refresh, runAllowed = true }: QuestionProps<LearnerCodeView>) {
  const [source, setSource] = useState(() => localStorage.getItem(draftKey(attemptId, question.id)) ?? question.starter);
  const { grading, result, error, send, refuse } = useGrading(attemptId, question.id);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [outcomeTick, setOutcomeTick] = useState(0);
  // Once the verdict (or the reason there is none) is rendered, focus moves to it from the button.
  useEffect(() => {
    if (outcomeTick > 0) outcomeRef.current?.focus();
  }, [outcomeTick]);

  function edit(next: string) {
    setSource(next);
    localStorage.setItem(draftKey(attemptId, question.id), next);
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
      <CodeEditor language="python" label={`Python code for ${question.title ?? question.id}`} value={source} onChange={edit} readOnly={locked} />
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
      <div role="status" aria-live="polite" className="grading-status">
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
            {example.setup && <code className="mono">{example.setup}; </code>}
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
