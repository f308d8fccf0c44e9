import { useState, type FormEvent } from 'react';
import { api, errorText, type Page } from '../api/client.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';

interface ToolUrls {
  loginInitiationUrl: string;
  launchUrl: string;
  deepLinkingUrl: string;
  jwksUrl: string;
}
interface Platform {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
}
interface ScoreSend {
  id: string;
  quizId: string;
  sub: string;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'sent' | 'failed';
  tries: number;
  nextTryAt: string;
  lastError: string | null;
  createdAt: string;
}

const URL_LABELS: [keyof ToolUrls, string][] = [
  ['loginInitiationUrl', 'Login initiation URL (Moodle: Initiate login URL; Canvas: OIDC Initiation Url)'],
  ['launchUrl', 'Redirect / target link URI (Moodle: Tool URL and Redirection URI; Canvas: Target Link URI and Redirect URIs)'],
  ['deepLinkingUrl', 'Deep linking URL (Moodle: Content Selection URL; Canvas: Deep Linking placement URL)'],
  ['jwksUrl', 'Public keyset URL (Moodle: Public keyset; Canvas: Public JWK URL)'],
];

const FIELDS: [keyof Omit<Platform, 'id' | 'deploymentIds'>, string, string][] = [
  ['name', 'Name', 'Moodle of Example University'],
  ['issuer', 'Issuer (platform id)', 'https://moodle.example.edu'],
  ['clientId', 'Client id', 'given by the LMS'],
  ['authLoginUrl', 'Authentication request URL', 'https://moodle.example.edu/mod/lti/auth.php'],
  ['tokenUrl', 'Access token URL', 'https://moodle.example.edu/mod/lti/token.php'],
  ['jwksUrl', 'Public keyset URL of the LMS', 'https://moodle.example.edu/mod/lti/certs.php'],
];

/** LMS (LTI 1.3) setup: what to enter in the LMS, the registered LMSs, and the gradebook sends. */
export function LtiAdminPage() {
  const config = useLoad(() => api.get<{ urls: ToolUrls; platforms: Platform[] }>('/api/admin/lti'), 'lti-config');
  const [status, setStatus] = useState<'pending' | 'failed' | 'sent'>('pending');
  const sends = useLoad(() => api.get<Page<ScoreSend>>(`/api/admin/lti/scores?status=${status}&pageSize=50`), `lti-scores-${status}`);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  async function act(work: () => Promise<string>) {
    setMessage(undefined);
    setError(undefined);
    try {
      setMessage(await work());
      config.reload();
      sends.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const deploymentIds = (data.deploymentIds ?? '').split(/[\s,]+/).filter(Boolean);
    await act(async () => {
      const created = await api.post<Platform>('/api/admin/lti/platforms', { ...data, deploymentIds });
      form.reset();
      return `${created.name} is registered.`;
    });
  }
  return (
    <section>
      <PageTitle>LMS integration (LTI 1.3)</PageTitle>
      {message && (
        <p className="notice success" role="status">
          {message}
        </p>
      )}
      <ErrorBox message={config.error ?? error} />
      {config.loading && !config.data && <Loading />}
      {config.data && (
        <>
          <h2>Enter these in your LMS</h2>
          <dl>
            {URL_LABELS.map(([key, label]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>
                  <code>{config.data!.urls[key]}</code>
                </dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => void act(async () => `New signing key ${(await api.post<{ kid: string }>('/api/admin/lti/keys/rotate')).kid}; the old one stays published for 30 days.`)}>
            Rotate PyQuiz's signing key
          </button>
          <h2>Registered LMSs</h2>
          {config.data.platforms.length === 0 && <p className="muted">None yet.</p>}
          <ul>
            {config.data.platforms.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong> — issuer <code>{p.issuer}</code>, client id <code>{p.clientId}</code>, deployments {p.deploymentIds.join(', ') || '(none)'}{' '}
                <button type="button" className="link-button" onClick={() => window.confirm(`Remove ${p.name}? Its launches stop working and unsent scores are dropped.`) && void act(async () => (await api.delete(`/api/admin/lti/platforms/${p.id}`), `${p.name} removed.`))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <h2>Register an LMS</h2>
          <form onSubmit={(e) => void register(e)}>
            {FIELDS.map(([name, label, placeholder]) => (
              <label key={name}>
                {label} <input name={name} required maxLength={500} placeholder={placeholder} />
              </label>
            ))}
            <label>
              Deployment ids (comma separated) <input name="deploymentIds" required maxLength={2000} placeholder="1" />
            </label>
            <button type="submit">Register</button>
          </form>
        </>
      )}
      <h2>Scores sent to LMS gradebooks</h2>
      <label className="inline">
        Show{' '}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
          <option value="pending">pending</option>
          <option value="failed">failed</option>
          <option value="sent">sent</option>
        </select>
      </label>
      <ErrorBox message={sends.error} />
      {sends.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Score sends, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Quiz</th>
                <th scope="col">LMS user</th>
                <th scope="col">Score</th>
                <th scope="col">Tries</th>
                <th scope="col">Last error / next try</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {sends.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.quizId}</td>
                  <td>{s.sub}</td>
                  <td>
                    {s.scoreGiven} / {s.scoreMaximum}
                  </td>
                  <td>{s.tries}</td>
                  <td className="small">
                    {s.lastError ?? '–'}
                    {s.status === 'pending' && <> (next try {formatDate(s.nextTryAt)})</>}
                  </td>
                  <td>
                    {s.status !== 'sent' && (
                      <button type="button" onClick={() => void act(async () => (await api.post(`/api/admin/lti/scores/${s.id}/retry`), 'Queued to send now.'))}>
                        Send now
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {sends.data.items.length === 0 && <p className="muted">No {status} sends.</p>}
        </div>
      )}
    </section>
  );
}
