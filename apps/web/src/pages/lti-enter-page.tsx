import { useEffect, useRef, useState } from 'react';
import { api, errorText, setTabSession, setTabValue } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useSession } from '../session.js';

interface LtiEntry {
  user: User;
  accessToken: string;
  target: string;
  deepLinkTicket?: string;
}

/** Where the deep-linking page finds its ticket (this tab only). */
export const DEEP_LINK_TICKET_KEY = 'pyquiz.lti-deep-link';

/**
 * The landing of an LMS launch: the one-time code of the URL is exchanged for a session, then
 * the page the launch asked for opens. The code leaves the address bar at once.
 */
export function LtiEnterPage({ code }: { code: string }) {
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // Once: a code is good for one exchange (React's development double effect would burn it).
    if (started.current) return;
    started.current = true;
    api
      .post<LtiEntry>('/api/lti/session', { code })
      .then((entry) => {
        setTabSession(entry.accessToken);
        if (entry.deepLinkTicket) setTabValue(DEEP_LINK_TICKET_KEY, entry.deepLinkTicket);
        signIn(entry.user);
        // replace: Back must not return to a spent code.
        window.location.replace(`#${entry.target}`);
      })
      .catch((e: unknown) => setError(errorText(e) === 'Please sign in again.' ? 'This launch link was already used or has expired: open the activity again from your course.' : errorText(e)));
  }, [code, signIn]);
  return (
    <section>
      <PageTitle>Opening from your course…</PageTitle>
      {error ? <ErrorBox message={error} /> : <Loading label="Signing you in" />}
    </section>
  );
}
