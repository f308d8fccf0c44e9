import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorText, type Page } from '../api/client.js';
import type { Role, User } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { useSession } from '../session.js';

interface ListedUser extends User {
  createdAt: string;
}

const PAGE_SIZE = 25;
const ROLE_LABEL: Record<Role, string> = { learner: 'Learner', instructor: 'Instructor', admin: 'Admin' };
const ROLE_NOUN: Record<Role, string> = { learner: 'a learner', instructor: 'an instructor', admin: 'an admin' };

/** Admins find users by email or name and change their role; the API refuses to demote the last admin. */
export function UsersPage() {
  const { user: me } = useSession();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const confirmationRef = useRef<HTMLParagraphElement>(null);
  // The Save button is disabled once the role is saved, which would drop the focus to the page body.
  useEffect(() => {
    if (message) confirmationRef.current?.focus();
  }, [message]);
  const search = `/api/admin/users?page=${page}&pageSize=${PAGE_SIZE}${query ? `&q=${encodeURIComponent(query)}` : ''}`;
  const users = useLoad(() => api.get<Page<ListedUser>>(search), search);
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE));

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(String(new FormData(event.currentTarget).get('q') ?? '').trim());
    setPage(1);
  }
  async function changeRole(user: ListedUser, role: Role) {
    setMessage(undefined);
    setError(undefined);
    if (user.id === me?.id && role !== 'admin' && !window.confirm('You will lose access to the admin pages at once. Change your own role?')) return;
    try {
      const updated = await api.patch<ListedUser>(`/api/admin/users/${user.id}/role`, { role });
      setMessage(`${updated.email} is now ${ROLE_NOUN[updated.role]}.`);
      users.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section>
      <PageTitle>Users and roles</PageTitle>
      <form className="button-row" role="search" onSubmit={onSearch}>
        <label className="inline">
          Find by email or name <input name="q" type="search" defaultValue={query} maxLength={200} />
        </label>
        <button type="submit">Search</button>
      </form>
      {message && (
        <p className="notice success" role="status" data-testid="role-confirmation" tabIndex={-1} ref={confirmationRef}>
          {message}
        </p>
      )}
      <ErrorBox message={users.error ?? error} />
      {users.loading && !users.data && <Loading />}
      {users.data && (
        <p className="muted">
          {users.data.total} {users.data.total === 1 ? 'user' : 'users'}
          {query && ` matching “${query}”`}.
        </p>
      )}
      {users.data && users.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Users, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col" className="wide-only">Registered</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <UserRow key={user.id} user={user} isMe={user.id === me?.id} onChange={(role) => void changeRole(user, role)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="button-row" aria-label="Pages of users">
          <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1}>
            Previous page
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages}>
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}

function UserRow({ user, isMe, onChange }: { user: ListedUser; isMe: boolean; onChange(role: Role): void }) {
  const [role, setRole] = useState<Role>(user.role);
  const selectId = `role-${user.id}`;
  return (
    <tr>
      <th scope="row">
        {user.displayName}
        {isMe && <span className="muted small"> (you)</span>}
        <br />
        <span className="small">{user.email}</span>
      </th>
      <td className="role-cell">
        <label htmlFor={selectId} className="visually-hidden">
          Role of {user.email}
        </label>
        <select id={selectId} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {(Object.keys(ROLE_LABEL) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => onChange(role)} disabled={role === user.role}>
          Save<span className="visually-hidden"> the role of {user.email}</span>
        </button>
      </td>
      <td className="wide-only">{formatDate(user.createdAt)}</td>
    </tr>
  );
}
