import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, UNAUTHORIZED_EVENT, api, setTabSession } from './api/client.js';
import type { User } from './api/types.js';
import { currentPath } from './router.js';

interface Session {
  /** undefined while the first `GET /api/auth/me` is in flight; null when signed out. */
  user: User | null | undefined;
  signIn(user: User): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    // An LMS launch's landing signs in by itself; a 401 from here, arriving after it, would sign it out again.
    if (currentPath().startsWith('/lti/enter/')) return;
    api
      .get<{ user: User }>('/api/auth/me')
      .then((me) => setUser(me.user))
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setUser(null);
      });
  }, []);
  useEffect(() => {
    const expired = () => setUser(null);
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, []);
  const signIn = useCallback((next: User) => setUser(next), []);
  const signOut = useCallback(async () => {
    await api.post('/api/auth/logout');
    setTabSession(null);
    setUser(null);
  }, []);
  return <SessionContext.Provider value={{ user, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function canAuthor(user: User | null | undefined): boolean {
  return user?.role === 'instructor' || user?.role === 'admin';
}
