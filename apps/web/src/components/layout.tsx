import { useEffect, type ReactNode } from 'react';
import { navigate, pageOf } from '../router.js';
import { canAuthor, useSession } from '../session.js';

/** Skip link, header navigation by role, and focus moved to the page title on every page. */
export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { user, signOut } = useSession();
  const page = pageOf(path);
  // Signing in on a deep link keeps the path but replaces the sign-in form by the page: a new page too.
  const signedOut = user === null;
  useEffect(() => {
    // Wait a frame so the new page has rendered its title.
    const id = requestAnimationFrame(() => document.getElementById('page-title')?.focus());
    return () => cancelAnimationFrame(id);
  }, [page, signedOut]);
  // The most specific link that holds the path is the current one (/admin/users is Users, not Dashboard).
  const hrefs = ['/', '/history', '/instructor', '/learners', '/admin', '/admin/users', '/admin/lti'];
  const current = hrefs.filter((href) => path === href || (href !== '/' && path.startsWith(`${href}/`))).sort((a, b) => b.length - a.length)[0];
  const link = (href: string, label: string) => (
    <a href={`#${href}`} aria-current={href === current ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href="#/">
          PyQuiz
        </a>
        {user && (
          <nav aria-label="Main">
            {link('/', 'Course')}
            {link('/history', 'History')}
            {canAuthor(user) && link('/instructor', 'Exercises')}
            {canAuthor(user) && link('/learners', 'Learners')}
            {user.role === 'admin' && link('/admin', 'Dashboard')}
            {user.role === 'admin' && link('/admin/users', 'Users')}
            {user.role === 'admin' && link('/admin/lti', 'LMS')}
            <button type="button" className="link-button" onClick={() => void signOut().then(() => navigate('/login'))}>
              Sign out <span className="visually-hidden">({user.email})</span>
            </button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
