import { useState } from 'react';
import { api, errorText, type Page } from '../api/client.js';
import type { AuthoringQuizSummary } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';

/** Every quiz and exercise, published or not, with the instructor's actions. */
export function ExerciseListPage() {
  const list = useLoad(() => api.get<Page<AuthoringQuizSummary>>('/api/authoring/quizzes?pageSize=100'), 'authoring');
  const [error, setError] = useState<string>();

  async function togglePublished(quiz: AuthoringQuizSummary) {
    // Hiding a quiz takes it away from learners mid-course: never on a stray click.
    if (quiz.published && !window.confirm(`Unpublish “${quiz.title}”? Learners will no longer see it or start it. Their attempts and scores are kept, and you can publish it again.`)) return;
    try {
      await api.post(`/api/authoring/quizzes/${quiz.id}/${quiz.published ? 'unpublish' : 'publish'}`);
      list.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const items = list.data?.items ?? [];
  return (
    <section>
      <PageTitle>Exercises</PageTitle>
      <p>
        <a className="button primary" href="#/instructor/new">
          Upload a new quiz or exercise
        </a>{' '}
        <a href="#/instructor/guide">Authoring guide</a>
      </p>
      {list.loading && !list.data && <Loading />}
      <ErrorBox message={list.error ?? error} />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="exercise-table">
            <caption className="visually-hidden">Quizzes and exercises</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col" className="wide-only">Submissions</th>
                <th scope="col" className="wide-only">Updated</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((quiz) => (
                <tr key={quiz.id}>
                  <th scope="row">
                    {quiz.title}
                    <br />
                    <code className="small">{quiz.id}</code> <span className={`badge ${quiz.kind}`}>{quiz.kind}</span>
                  </th>
                  <td>{quiz.published ? 'Published' : 'Hidden'}</td>
                  <td>
                    v{quiz.currentVersion ?? '–'} <span className="muted small">({quiz.versionsCount})</span>
                  </td>
                  <td className="wide-only">{quiz.submissionsCount}</td>
                  <td className="wide-only">{formatDate(quiz.updatedAt)}</td>
                  <td className="actions">
                    <a href={`#/instructor/edit/${quiz.id}`} aria-label={`Edit ${quiz.title}`}>Edit</a>
                    <a href={`#/instructor/preview/${quiz.id}`} aria-label={`Preview ${quiz.title} as a learner`}>Preview</a>
                    <a href={`#/instructor/regrade/${quiz.id}`} aria-label={`Regrade ${quiz.title}`}>Regrade</a>
                    {quiz.kind === 'quiz' && (
                      <a href={`#/instructor/exam/${quiz.id}`} aria-label={`Exam settings of ${quiz.title}: release scores, accommodations`}>
                        Exam
                      </a>
                    )}
                    <button type="button" className="link-button" onClick={() => void togglePublished(quiz)}>
                      {quiz.published ? 'Unpublish' : 'Publish'}
                      <span className="visually-hidden"> {quiz.title}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
