// A learner driving the real HTTP API with fetch: register, open the quiz, start, submit, poll.
import { randomBytes } from 'node:crypto';

export const QUIZ = 'closures/make-counter';
const REQUEST_TIMEOUT_MS = 60_000;
const PASSWORD = 'load-test-password';

export interface CallStats {
  /** Latency (ms) of every submission POST. */
  submitLatencies: number[];
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer at all (reset, refused, timed out). */
  networkErrors: number;
}

export function newStats(): CallStats {
  return { submitLatencies: [], statuses: new Map(), networkErrors: 0 };
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
  ms: number;
}

/** One HTTP call; a network failure is counted and reported as status 0. */
export async function call(stats: CallStats, url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* not JSON (CSV, HTML) */ }
    return { status: response.status, body, headers: response.headers, ms: performance.now() - started };
  } catch {
    stats.networkErrors++;
    return { status: 0, body: null, headers: new Headers(), ms: performance.now() - started };
  }
}

export class Learner {
  token = '';
  attemptId = '';
  constructor(
    private readonly baseUrl: string,
    private readonly stats: CallStats,
    readonly email = `load-${randomBytes(6).toString('hex')}@example.org`,
  ) {}

  /** Register (signed in by the reply), open the quiz and start (or resume) an attempt. */
  async begin(): Promise<boolean> {
    return (await this.signUp()) && (await this.start());
  }

  /** Register; the 201 carries a session (as in the web app), so no separate sign-in follows. */
  async signUp(): Promise<boolean> {
    const registered = await call(this.stats, `${this.baseUrl}/api/auth/register`, { method: 'POST', json: { email: this.email, password: PASSWORD, displayName: 'Load' } });
    if (registered.status !== 201) return false;
    this.token = registered.body.accessToken;
    return Boolean(this.token);
  }

  async signIn(): Promise<boolean> {
    const login = await call(this.stats, `${this.baseUrl}/api/auth/login`, { method: 'POST', json: { email: this.email, password: PASSWORD } });
    if (login.status !== 200) return false;
    this.token = login.body.accessToken;
    return true;
  }

  /** Sign in unless signed up in this session, open the quiz and start (or resume) an attempt. */
  async start(): Promise<boolean> {
    if (!this.token && !(await this.signIn())) return false;
    await call(this.stats, `${this.baseUrl}/api/quizzes/${QUIZ}`, { token: this.token });
    const started = await call(this.stats, `${this.baseUrl}/api/quizzes/${QUIZ}/attempts`, { method: 'POST', token: this.token });
    this.attemptId = started.body?.id ?? '';
    return Boolean(this.attemptId);
  }

  /** Submits; returns the submission id when the API accepted it (201 graded or 202 pending) and its status then. */
  async submit(source: string): Promise<{ id?: string; status: number; verdict?: string }> {
    const reply = await call(this.stats, `${this.baseUrl}/api/attempts/${this.attemptId}/questions/make-counter/submissions`, { method: 'POST', token: this.token, json: { source } });
    this.stats.submitLatencies.push(reply.ms);
    const accepted = reply.status === 201 || reply.status === 202;
    return { id: accepted ? reply.body.id : undefined, status: reply.status, verdict: accepted ? reply.body.status : undefined };
  }

  async verdict(id: string): Promise<string | undefined> {
    const reply = await call(this.stats, `${this.baseUrl}/api/submissions/${id}`, { token: this.token });
    return reply.status === 200 ? reply.body.status : undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
