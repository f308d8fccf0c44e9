import { useState } from 'react';
import { api, errorText } from '../api/client.js';
import type { AuthoringCodeQuestion, AuthoringCodeRun, AuthoringTestResult } from '../api/types.js';
import { ErrorBox } from '../components/feedback.js';
import { Markdown } from '../components/markdown.js';
import { formatPoints } from '../components/points.js';
import { CodeEditor } from '../editor/code-editor.js';

const OUTCOME_LABEL: Record<AuthoringTestResult['status'], string> = {
  pass: 'Passed',
  fail: 'Failed',
  error: 'Error',
  timeout: 'Timed out',
  memory_limit: 'Out of memory',
  skipped: 'Skipped',
};

/** What the source picker offers: the reference, each other right or wrong solution, the starter, or the instructor's own code. */
type Choice = 'reference' | 'starter' | 'own' | `other:${string}` | `wrong:${string}`;

function sourceOf(question: AuthoringCodeQuestion, choice: Choice): string | undefined {
  if (choice === 'reference') return question.reference.code;
  if (choice === 'starter') return question.starter;
  if (choice.startsWith('other:')) return question.otherSolutions.find((o) => `other:${o.name}` === choice)?.code;
  if (choice.startsWith('wrong:')) return question.wrongSolutions.find((w) => `wrong:${w.name}` === choice)?.code;
  return undefined;
}

/**
 * The editor's code runner: any code graded against every test of a code question of the YAML in
 * the editor (saved or not), hidden tests shown with the engine's real message; nothing is stored.
 */
export function TryCodePanel({ yaml }: { yaml: string }) {
  const [questions, setQuestions] = useState<AuthoringCodeQuestion[]>();
  const [key, setKey] = useState('');
  const [choice, setChoice] = useState<Choice>('reference');
  const [source, setSource] = useState('');
  const [run, setRun] = useState<AuthoringCodeRun>();
  const [busy, setBusy] = useState<'load' | 'run' | null>(null);
  const [error, setError] = useState<string>();
  const question = questions?.find((q) => q.key === key);

  async function work(step: 'load' | 'run', task: () => Promise<void>) {
    setBusy(step);
    setError(undefined);
    try {
      await task();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }
  const load = () =>
    work('load', async () => {
      const found = await api.post<AuthoringCodeQuestion[]>('/api/authoring/code/questions', { yaml });
      setQuestions(found);
      setRun(undefined);
      const first = found.find((q) => q.key === key) ?? found[0];
      setKey(first?.key ?? '');
      if (first) pick(first, choice);
    });
  function pick(target: AuthoringCodeQuestion, next: Choice) {
    setChoice(next);
    const text = sourceOf(target, next);
    if (text !== undefined) setSource(text);
  }
  const grade = () =>
    work('run', async () => {
      setRun(await api.post<AuthoringCodeRun>('/api/authoring/code/try', { yaml, question: key, source }));
    });
  const wrong = question?.wrongSolutions.find((w) => `wrong:${w.name}` === choice);
  return (
    <section className="card try-code" aria-labelledby="try-code-title">
      <h2 id="try-code-title">Run code against every test</h2>
      <p>
        Grade the reference solution, another right answer, one of the wrong solutions or any code you type against every test of a code question in the editor above, saved or
        not. Hidden tests are shown with the grader's own message. Nothing is stored and learners see nothing.
      </p>
      <button type="button" onClick={() => void load()} disabled={busy !== null || !yaml.trim()}>
        {questions ? 'Reload the code questions from the editor' : 'Load the code questions from the editor'}
      </button>
      {questions && questions.length === 0 && <p>This file has no code question.</p>}
      {question && (
        <>
          <div className="button-row">
            {questions!.length > 1 && (
              <label>
                Code question{' '}
                <select aria-label="Code question" value={key} onChange={(e) => { setKey(e.currentTarget.value); pick(questions!.find((q) => q.key === e.currentTarget.value)!, choice); }}>
                  {questions!.map((q) => (
                    <option key={q.key} value={q.key}>
                      {q.title} ({q.key})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Code to run{' '}
              <select aria-label="Code to run" value={choice} onChange={(e) => pick(question, e.currentTarget.value as Choice)}>
                <option value="reference">Reference solution</option>
                {question.otherSolutions.map((o) => (
                  <option key={o.name} value={`other:${o.name}`}>
                    Other right answer “{o.name}”
                  </option>
                ))}
                {question.wrongSolutions.map((w) => (
                  <option key={w.name} value={`wrong:${w.name}`}>
                    Wrong solution “{w.name}”
                  </option>
                ))}
                <option value="starter">Starter code</option>
                <option value="own">My own code (type it below)</option>
              </select>
            </label>
          </div>
          {wrong && (
            <p className="muted small">
              Declared to fail exactly: {wrong.fails?.join(', ')}; a learner must read “{wrong.feedback}” in one of them.
            </p>
          )}
          <CodeEditor language="python" label="Code to run against the tests" value={source} onChange={(text) => { setSource(text); if (sourceOf(question, choice) !== text) setChoice('own'); }} />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void grade()} disabled={busy !== null}>
              Run every test
            </button>
          </div>
        </>
      )}
      <p role="status" aria-live="polite">
        {busy === 'load' && 'Reading the code questions…'}
        {busy === 'run' && 'Grading against every test…'}
      </p>
      <ErrorBox message={error} />
      {run && <RunResults run={run} />}
    </section>
  );
}

function RunResults({ run }: { run: AuthoringCodeRun }) {
  return (
    <section className="results" aria-label="Results of every test" data-testid="try-code-results">
      <p className={`verdict ${run.passed === run.total ? 'pass' : 'fail'}`}>
        <strong>
          {formatPoints(run.points)} / {formatPoints(run.maxPoints)} points · {run.passed} of {run.total} tests passed
        </strong>
      </p>
      <ul className="test-list">
        {run.tests.map((test) => (
          <li key={test.name} className="test" data-status={test.status}>
            <p>
              <span className={`outcome ${test.status}`}>{OUTCOME_LABEL[test.status]}</span> <code>{test.name}</code>{' '}
              <span className="muted small">({test.visibility === 'hidden' ? 'hidden test' : 'visible example'}) · {test.score} / {test.maxScore}</span>
            </p>
            {test.message && (
              <div className="engine-message">
                <span className="small label">Grader:</span> <pre className="code-block small">{test.message}</pre>
              </div>
            )}
            {test.feedback && (
              <div className="author-feedback">
                <span className="small label">Your feedback, as a learner reads it:</span> <Markdown className="markdown small" text={test.feedback} />
              </div>
            )}
            {test.output && (
              <details>
                <summary>Output</summary>
                <pre className="code-block">{test.output}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
