import { useEffect, useState } from 'react';

/**
 * A hash router: `#/quiz/closures/make-counter`. The API serves index.html at `/` and the hash
 * never reaches the server, so deep links work without any server-side route table.
 */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Moves to `path` without a new history entry (Back leaves the page, not the question). */
export function replacePath(path: string): void {
  window.location.replace(`#${path}`);
}

/** An attempt's own address; `question` (0-based) for an exam shown one question at a time. */
export function attemptPath(attemptId: string, question?: number): string {
  return question === undefined ? `/attempt/${attemptId}` : `/attempt/${attemptId}/question/${question + 1}`;
}

/**
 * The page a path shows: moving between the questions of one attempt stays on its page (the
 * question's heading takes the focus then, not the page title).
 */
export function pageOf(path: string): string {
  return routeOf(path).replace(/^(\/attempt\/[^/]+)\/question\/\d+$/, '$1');
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

/** Matches `/quiz/:course/:slug` against a path; returns the named segments or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('?')[0]!.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(have[i]!);
    else if (segment !== have[i]) return null;
  }
  return params;
}

/** The pages that sign a user in: never a place to return to after signing in. */
const AUTH_PAGES = ['/login', '/register'];

/** `/register?next=/quiz/a/b` -> `/register`. */
export function routeOf(path: string): string {
  return path.split('?')[0]!;
}

/**
 * Where signing in should lead from this path: the page itself when a signed-out user opened a
 * deep link (`#/quiz/closures/make-counter`), or the `next` it carries on the sign-in and
 * register pages; the course page otherwise. Only in-app paths are accepted.
 */
export function returnPathOf(path: string): string {
  const route = routeOf(path);
  const next = AUTH_PAGES.includes(route) ? new URLSearchParams(path.slice(route.length + 1)).get('next') : path;
  if (!next || !next.startsWith('/') || next.startsWith('//') || AUTH_PAGES.includes(routeOf(next))) return '/';
  return next;
}

/** A link to a sign-in page that keeps the way back: `/register?next=%2Fquiz%2F...`. */
export function authLink(page: '/login' | '/register', returnTo: string): string {
  return returnTo === '/' ? page : `${page}?next=${encodeURIComponent(returnTo)}`;
}
