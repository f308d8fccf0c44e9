import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api/client.js';
import type { ExamAdmin } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { minutesText } from '../pages/exam-clock.js';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Run an exam: see who is taking it, release the scores, give a learner extra time or attempts. */
export function ExamPage({ quizId }: { quizId: string }) {
  const loaded = useLoad(() => api.get<ExamAdmin>(`/api/authoring/exams/${quizId}`), quizId);
  const [state, setState] = useState<ExamAdmin>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const exam = state ?? loaded.data;

  async function act(work: () => Promise<ExamAdmin>, done: string) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setState(await work());
      setNotice(done);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  function accommodate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { email: String(form.get('email') ?? '').trim(), extraMinutes: Number(form.get('extraMinutes') || 0), extraAttempts: Number(form.get('extraAttempts') || 0) };
    void act(() => api.put<ExamAdmin>(`/api/authoring/exams/${quizId}/accommodations`, body), `Saved for ${body.email}.`);
  }
  const release = (released: boolean) =>
    act(() => api.put<ExamAdmin>(`/api/authoring/exams/${quizId}/release`, { released }), released ? 'Scores released to learners.' : 'Scores hidden again.');

  return (
    <section>
      <PageTitle>Exam: {exam?.title ?? quizId}</PageTitle>
      {loaded.loading && !exam && <Loading />}
      <ErrorBox message={loaded.error ?? error} />
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {exam && !exam.exam && <p>This quiz is not an exam: add an <code>exam:</code> section to its YAML to time it and hide its scores.</p>}
      {exam?.exam && (
        <>
          <div className="card">
            <p>
              {minutesText(exam.exam.minutes)} per attempt · visible tests {exam.exam.visibleTests ? 'allowed' : 'turned off'} ·{' '}
              {exam.closesAt ? `closes ${when(exam.closesAt)}` : 'no closing date'} · {exam.attemptsInProgress} attempt(s) in progress,{' '}
              {exam.attemptsSubmitted} finished
            </p>
            {!exam.exam.hideScores ? (
              <p>Learners see their scores as they go (hide_scores: false).</p>
            ) : (
              // One button whose action flips, never disabled: the focus stays on it after a release.
              <p data-testid="release-state">
                {exam.scoresReleasedAt
                  ? `Scores released ${when(exam.scoresReleasedAt)}. `
                  : `Scores are hidden from learners${exam.closesAt ? ' until the quiz closes' : ''}. `}
                <button type="button" className={exam.scoresReleasedAt ? undefined : 'primary'} onClick={() => void release(!exam.scoresReleasedAt)} aria-disabled={busy}>
                  {exam.scoresReleasedAt ? 'Hide scores again' : 'Release scores'}
                </button>
              </p>
            )}
          </div>
          <div className="card">
            <h2>Accommodations</h2>
            <p className="muted small">Extra minutes apply to attempts started afterwards; 0 and 0 removes a learner's accommodation.</p>
            <form onSubmit={accommodate} className="accommodation-form">
              <label>
                Learner email <input name="email" type="email" required maxLength={254} />
              </label>
              <label>
                Extra minutes <input name="extraMinutes" type="number" min={0} max={1440} defaultValue={0} />
              </label>
              <label>
                Extra attempts <input name="extraAttempts" type="number" min={0} max={100} defaultValue={0} />
              </label>
              <button type="submit" aria-disabled={busy}>
                Save accommodation
              </button>
            </form>
            {exam.accommodations.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Learner</th>
                    <th scope="col">Extra minutes</th>
                    <th scope="col">Extra attempts</th>
                  </tr>
                </thead>
                <tbody>
                  {exam.accommodations.map((a) => (
                    <tr key={a.userId}>
                      <th scope="row">
                        {a.displayName} <span className="muted small">{a.email}</span>
                      </th>
                      <td>{a.extraMinutes}</td>
                      <td>{a.extraAttempts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No accommodations yet.</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
