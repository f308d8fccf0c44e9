import { api, type Page } from '../api/client.js';
import type { AttemptSummary } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { pointsOf } from '../components/points.js';
import { useLoad } from '../components/use-load.js';
import { attemptPath } from '../router.js';

/** The learner's attempts, newest first; each opens at its own address (finished ones for review). */
export function HistoryPage() {
  const history = useLoad(() => api.get<Page<AttemptSummary>>('/api/me/attempts?pageSize=100'), 'history');
  const items = history.data?.items ?? [];
  return (
    <section>
      <PageTitle>Attempt history</PageTitle>
      {history.loading && !history.data && <Loading />}
      <ErrorBox message={history.error} />
      {history.data && items.length === 0 && <p>No attempts yet.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Quiz</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col" className="wide-only">Started</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={`#/quiz/${a.quizId}`}>{a.quizTitle}</a> <span className="muted small">v{a.version}</span>
                  </th>
                  <td>
                    {a.status === 'submitted' ? 'Finished' : 'In progress'} ·{' '}
                    {/* In its row, under the quiz's row header: screen readers announce which attempt it opens. */}
                    <a href={`#${attemptPath(a.id)}`}>{a.status === 'submitted' ? 'Review' : 'Continue'}</a>
                  </td>
                  <td>{a.scoresHidden ? 'not released yet' : a.score === null ? '–' : pointsOf(a.score, a.maxScore)}</td>
                  <td className="wide-only">{formatDate(a.startedAt)}</td>
                  <td>{formatDate(a.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
