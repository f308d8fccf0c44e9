import { useState } from 'react';
import { api, errorText } from '../api/client.js';
import type { RegradeReport } from '../api/types.js';
import { ErrorBox, PageTitle, percent } from '../components/feedback.js';

/** Regrade every graded submission against the current tests: preview the changes, then commit. */
export function RegradePage({ quizId }: { quizId: string }) {
  const [report, setReport] = useState<RegradeReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);

  async function run(step: 'preview' | 'commit') {
    setBusy(step);
    setError(undefined);
    try {
      const body = step === 'commit' ? { previewId: report!.previewId } : undefined;
      setReport(await api.post<RegradeReport>(`/api/authoring/quizzes/${quizId}/regrade/${step}`, body));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section>
      <PageTitle>Regrade {quizId}</PageTitle>
      <p>Every graded submission is graded again with the current version's tests. The preview stores nothing.</p>
      <div className="button-row">
        <button type="button" onClick={() => void run('preview')} disabled={busy !== null}>
          Preview score changes
        </button>
        {report && !report.committed && (
          <button type="button" className="primary" onClick={() => void run('commit')} disabled={busy !== null}>
            Commit this regrade
          </button>
        )}
      </div>
      <p role="status" aria-live="polite">
        {busy === 'preview' && 'Regrading every submission (nothing is stored)…'}
        {busy === 'commit' && 'Storing the new scores…'}
        {!busy && report?.committed && 'Regrade committed: the new scores are stored.'}
      </p>
      <ErrorBox message={error} />
      {report && <RegradeTable report={report} />}
    </section>
  );
}

function RegradeTable({ report }: { report: RegradeReport }) {
  const { summary } = report;
  return (
    <>
      <p className="card">
        Version {report.version}: {summary.total} submissions regraded, {summary.changed} changed ({summary.up} up, {summary.down} down), mean change{' '}
        {summary.meanDelta.toFixed(2)} points{summary.unmatched > 0 && `, ${summary.unmatched} left alone (question no longer exists)`}.
      </p>
      {report.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Score changes per submission</caption>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Question</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr key={item.submissionId} className={item.delta > 0 ? 'up' : item.delta < 0 ? 'down' : ''}>
                  <th scope="row">{item.learnerEmail}</th>
                  <td>{item.questionKey}</td>
                  <td>
                    {item.oldPoints} / {item.oldMaxPoints} ({percent(item.oldScore)})
                  </td>
                  <td>
                    {item.newPoints} / {item.newMaxPoints} ({percent(item.newScore)})
                  </td>
                  <td>{item.delta > 0 ? `+${item.delta}` : item.delta}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
