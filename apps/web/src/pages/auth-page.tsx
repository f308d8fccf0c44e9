import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorBox, PageTitle } from '../components/feedback.js';
import { authLink, navigate, returnPathOf } from '../router.js';
import { useSession } from '../session.js';

/**
 * Sign in and register share one form; registering adds the display name. `path` is the page it
 * shows on: after signing in the user lands where they were going (see returnPathOf).
 */
export function AuthPage({ mode, path }: { mode: 'login' | 'register'; path: string }) {
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const registering = mode === 'register';
  const returnTo = returnPathOf(path);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = { email: String(form.get('email')), password: String(form.get('password')) };
    if (registering) body.displayName = String(form.get('displayName'));
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<{ user: User }>(`/api/auth/${mode}`, body);
      signIn(result.user);
      navigate(returnTo);
    } catch (e) {
      setError(errorText(e) === 'Please sign in again.' ? 'Wrong email or password.' : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="narrow card">
      <PageTitle>{registering ? 'Create your account' : 'Sign in'}</PageTitle>
      <form onSubmit={(e) => void onSubmit(e)} noValidate={false}>
        {registering && (
          <label>
            Name
            <input name="displayName" autoComplete="name" required maxLength={100} />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            required
            minLength={registering ? 8 : 1}
            aria-describedby={registering ? 'password-help' : undefined}
          />
        </label>
        {registering && (
          <p id="password-help" className="muted small">
            At least 8 characters.
          </p>
        )}
        <ErrorBox message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {registering ? 'Register' : 'Sign in'}
        </button>
      </form>
      <p>
        {registering ? (
          <>
            Already registered? <a href={`#${authLink('/login', returnTo)}`}>Sign in</a>
          </>
        ) : (
          <>
            New here? <a href={`#${authLink('/register', returnTo)}`}>Create an account</a>
          </>
        )}
      </p>
    </section>
  );
}
