import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../api/client.js';
import type { RegradeItem, RegradeReport } from '../api/types.js';
import { ErrorBox, PageTitle, percent } from '../components/feedback.js';
import { formatPoints, pointsOf } from '../components/points.js';

/** +0.5 / −1 / 0: a change with its sign, rounded like every other figure of points. */
function signed(value: number): string {
  const text = formatPoints(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '0';
}

/** A change of the share of the maximum in percentage points: −0.4 -> "−40 %". */
function shareChange(delta: number): string {
  return `${signed(Math.round(delta * 1000) / 10)} %`;
}

/** Up or down for the learner: by share of the maximum, points deciding a tie (as the API counts). */
function direction(item: RegradeItem): number {
  return Math.sign(item.scoreDelta !== 0 ? item.scoreDelta : item.delta);
}

/** Regrade every graded submission against the current tests: preview the changes, then commit. */
export function RegradePage({ quizId }: { quizId: string }) {
  const [report, setReport] = useState<RegradeReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The Commit button is gone once the regrade is stored: the focus goes to what says so.
  useEffect(() => {
    if (report?.committed) statusRef.current?.focus();
  }, [report?.committed]);

  async function run(step: 'preview' | 'commit') {
    if (busy) return;
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
        {/* aria-disabled while working: a disabled button would drop the focus to the page body. */}
        <button type="button" onClick={() => void run('preview')} aria-disabled={busy !== null}>
          Preview score changes
        </button>
        {report && !report.committed && (
          <button type="button" className="primary" onClick={() => void run('commit')} aria-disabled={busy !== null}>
            Commit this regrade
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" tabIndex={-1} ref={statusRef} data-testid="regrade-status">
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
        Version {report.version}: {summary.total} submissions regraded, {summary.changed} changed ({summary.up} up, {summary.down} down
        {summary.changed - summary.up - summary.down > 0 && `, ${summary.changed - summary.up - summary.down} with the same score out of a new maximum`}), mean change{' '}
        {shareChange(summary.meanScoreDelta)} of the maximum ({signed(summary.meanDelta)} points)
        {summary.unmatched > 0 && `, ${summary.unmatched} left alone (question no longer exists)`}.
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
                <tr key={item.submissionId} className={direction(item) > 0 ? 'up' : direction(item) < 0 ? 'down' : ''}>
                  <th scope="row">{item.learnerEmail}</th>
                  <td>{item.questionKey}</td>
                  <td>
                    {pointsOf(item.oldPoints, item.oldMaxPoints)} ({percent(item.oldScore)})
                  </td>
                  <td>
                    {pointsOf(item.newPoints, item.newMaxPoints)} ({percent(item.newScore)})
                  </td>
                  <td>
                    {shareChange(item.scoreDelta)} ({signed(item.delta)} points)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
