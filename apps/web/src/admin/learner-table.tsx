import { useState } from 'react';
import { api, type Page } from '../api/client.js';
import type { LearnerSortKey, LearnerStats } from '../api/types.js';
import { ErrorBox, formatDate, percent } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { useSession } from '../session.js';
import { LearnerWork } from './learner-work.js';

const COLUMNS: { key: LearnerSortKey; label: string }[] = [
  { key: 'email', label: 'Learner' },
  { key: 'attempts', label: 'Attempts' },
  { key: 'meanScore', label: 'Mean score' },
  { key: 'lastActivityAt', label: 'Last activity' },
];

interface LmsClass {
  id: string;
  title: string;
  platformName: string;
  learners: number;
}

/**
 * Learners sortable by column (server-side), 50 per page; narrowed to one LMS course when there are
 * some. "Open" shows one learner's work (attempts, each submission's code and verdict).
 */
export function LearnerTable() {
  const [sort, setSort] = useState<LearnerSortKey>('lastActivityAt');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [classId, setClassId] = useState('');
  const [chosen, setChosen] = useState<LearnerStats>();
  // LMS classes are an admin's (LTI set-up); an instructor sees every learner.
  const isAdmin = useSession().user?.role === 'admin';
  const classes = useLoad(() => (isAdmin ? api.get<LmsClass[]>('/api/admin/lti/classes') : Promise.resolve([])), `lms-classes:${isAdmin}`);
  const key = `${sort}:${order}:${page}:${classId}`;
  const inClass = classId ? `&classId=${classId}` : '';
  const learners = useLoad(() => api.get<Page<LearnerStats>>(`/api/admin/dashboard/learners?sort=${sort}&order=${order}&page=${page}&pageSize=50${inClass}`), key);
  const data = learners.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  function sortBy(column: LearnerSortKey) {
    setOrder(column === sort && order === 'desc' ? 'asc' : 'desc');
    setSort(column);
    setPage(1);
  }
  return (
    <section className="card" aria-labelledby="learners-title">
      <h2 id="learners-title">Learners {data && <span className="muted small">({data.total})</span>}</h2>
      {!!classes.data?.length && (
        <label className="inline">
          Class (LMS course){' '}
          <select value={classId} onChange={(e) => (setClassId(e.currentTarget.value), setPage(1))}>
            <option value="">All learners</option>
            {classes.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title || c.id} ({c.platformName}, {c.learners})
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorBox message={learners.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.key} aria-sort={c.key === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="link-button" onClick={() => sortBy(c.key)}>
                    {c.label} {c.key === sort ? (order === 'asc' ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Submissions</th>
              <th scope="col">Work</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((l) => (
              <tr key={l.userId}>
                <th scope="row">
                  {l.displayName}
                  <br />
                  <span className="muted small">{l.email}</span>
                </th>
                <td>
                  {l.attempts} <span className="muted small">({l.completedAttempts} complete, {l.submittedAttempts} finished)</span>
                </td>
                <td>{percent(l.meanScore)}</td>
                <td>{formatDate(l.lastActivityAt)}</td>
                <td>{l.submissions}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setChosen(l)} aria-label={`Open the work of ${l.email}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Learner pages">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages}>
          Next
        </button>
      </nav>
      {data && data.total === 0 && <p>No learners yet.</p>}
      {chosen && <LearnerWork key={chosen.userId} learner={chosen} onClose={() => setChosen(undefined)} />}
    </section>
  );
}
