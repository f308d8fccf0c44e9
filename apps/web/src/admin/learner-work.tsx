import { useEffect, useRef, useState } from 'react';
import { api, type Page } from '../api/client.js';
import type { LearnerStats, LearnerWorkAttempt, LearnerWorkSubmission } from '../api/types.js';
import { ErrorBox, Loading, formatDate } from '../components/feedback.js';
import { formatPoints } from '../components/points.js';
import { useLoad } from '../components/use-load.js';

const PAGE_SIZE = 10;

/** One learner's attempts and, under them, each code run or submission with its source and verdict. */
export function LearnerWork({ learner, onClose }: { learner: LearnerStats; onClose(): void }) {
  const [attemptPage, setAttemptPage] = useState(1);
  const [attemptId, setAttemptId] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [learner.userId]);
  const base = `/api/admin/learners/${learner.userId}`;
  const attempts = useLoad(() => api.get<Page<LearnerWorkAttempt>>(`${base}/attempts?page=${attemptPage}&pageSize=${PAGE_SIZE}`), `${learner.userId}:${attemptPage}`);
  return (
    <section className="card learner-work" aria-labelledby="learner-work-title">
      <h2 id="learner-work-title" tabIndex={-1} ref={heading}>
        Work of {learner.displayName} <span className="muted small">{learner.email}</span>
      </h2>
      <button type="button" className="link-button" onClick={onClose}>
        Close
      </button>
      <ErrorBox message={attempts.error} />
      {attempts.loading && !attempts.data && <Loading />}
      {attempts.data && attempts.data.total === 0 && <p>No attempts yet.</p>}
      {attempts.data && attempts.data.total > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Quiz</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col">Started</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {attempts.data.items.map((a) => (
                <tr key={a.id} aria-current={a.id === attemptId ? 'true' : undefined}>
                  <th scope="row">
                    {a.quizTitle} <span className="muted small">v{a.version}</span>
                  </th>
                  <td>{a.status === 'submitted' ? 'Finished' : 'In progress'}</td>
                  <td>{a.score === null ? '–' : `${formatPoints(a.score)} / ${formatPoints(a.maxScore ?? 0)}`}</td>
                  <td>{formatDate(a.startedAt)}</td>
                  <td>
                    {a.submissions > 0 ? (
                      <button type="button" className="link-button" onClick={() => setAttemptId(a.id)}>
                        {a.submissions} {a.submissions === 1 ? 'run or submission' : 'runs and submissions'}
                        <span className="visually-hidden"> of {a.quizTitle}, started {formatDate(a.startedAt)}</span>
                      </button>
                    ) : (
                      'none'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {attempts.data && attempts.data.total > PAGE_SIZE && (
        <Pager label="Attempt pages" page={attemptPage} total={attempts.data.total} onPage={setAttemptPage} />
      )}
      <Submissions base={base} attemptId={attemptId} onAll={() => setAttemptId(undefined)} />
    </section>
  );
}

function Submissions({ base, attemptId, onAll }: { base: string; attemptId: string | undefined; onAll(): void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [attemptId]);
  const filter = attemptId ? `&attemptId=${attemptId}` : '';
  const list = useLoad(() => api.get<Page<LearnerWorkSubmission>>(`${base}/submissions?page=${page}&pageSize=${PAGE_SIZE}${filter}`), `${base}:${attemptId}:${page}`);
  return (
    <section aria-labelledby="learner-code-title">
      <h3 id="learner-code-title">{attemptId ? 'Code of the chosen attempt' : 'All code runs and submissions'}, newest first</h3>
      {attemptId && (
        <button type="button" className="link-button" onClick={onAll}>
          Show the code of every attempt
        </button>
      )}
      <ErrorBox message={list.error} />
      {list.data && list.data.total === 0 && <p>No code sent yet.</p>}
      <ul className="submission-list">
        {list.data?.items.map((s) => (
          <li key={s.id} className="card" data-testid="learner-submission">
            <p>
              <strong>{s.kind === 'submit' ? 'Submission' : 'Run of the visible tests'}</strong> · <code>{s.quizId}</code> <code>{s.questionKey}</code> ·{' '}
              {formatDate(s.createdAt)}
            </p>
            <p className={`verdict ${s.total > 0 && s.passed === s.total ? 'pass' : 'fail'}`}>{verdictText(s)}</p>
            <details>
              <summary>Code</summary>
              <pre className="code-block">{s.source}</pre>
            </details>
            {s.tests.length > 0 && (
              <details>
                <summary>Tests</summary>
                <ul className="test-list">
                  {s.tests.map((t) => (
                    <li key={t.name} className="test" data-status={t.status}>
                      <span className={`outcome ${t.status}`}>{t.status}</span> <code>{t.name}</code>
                      {t.visibility === 'hidden' && <span className="muted small"> (hidden test)</span>}
                      {t.message && <pre className="small plain-message">{t.message}</pre>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
      {list.data && list.data.total > PAGE_SIZE && <Pager label="Code pages" page={page} total={list.data.total} onPage={setPage} />}
    </section>
  );
}

function verdictText(s: LearnerWorkSubmission): string {
  if (s.status === 'pending' || s.status === 'grading') return 'Still grading';
  if (s.status === 'error') return 'Not graded (our failure, not the learner’s)';
  const tests = `${s.passed} of ${s.total} tests passed`;
  return s.kind === 'submit' && s.points !== null ? `${formatPoints(s.points)} / ${formatPoints(s.maxPoints ?? 0)} points · ${tests}` : tests;
}

function Pager({ label, page, total, onPage }: { label: string; page: number; total: number; onPage(page: number): void }) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next
      </button>
    </nav>
  );
}
