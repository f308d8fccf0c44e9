// The admin's view of the grading pipeline (GET /api/admin/grading), used to prove nothing is stuck.
import { call, newStats } from './learner-client.js';

export const ADMIN_ENV = { ADMIN_EMAIL: 'reliability-admin@example.org', ADMIN_PASSWORD: 'reliability-admin-password' };

export interface SubmissionCounts {
  pending: number;
  grading: number;
  graded: number;
  error: number;
}

export async function adminToken(baseUrl: string): Promise<string> {
  const reply = await call(newStats(), `${baseUrl}/api/auth/login`, { method: 'POST', json: { email: ADMIN_ENV.ADMIN_EMAIL, password: ADMIN_ENV.ADMIN_PASSWORD } });
  if (reply.status !== 200) throw new Error(`admin login failed: ${reply.status}`);
  return reply.body.accessToken;
}

export async function submissionCounts(baseUrl: string, token: string): Promise<SubmissionCounts> {
  const reply = await call(newStats(), `${baseUrl}/api/admin/grading`, { token });
  if (reply.status !== 200) throw new Error(`grading status failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.submissions;
}

/** Waits until no submission is pending or grading; returns the final counts. */
export async function settled(baseUrl: string, token: string, timeoutMs = 180_000): Promise<SubmissionCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await submissionCounts(baseUrl, token);
    if (counts.pending + counts.grading === 0 || Date.now() > deadline) return counts;
    await new Promise((done) => setTimeout(done, 1000));
  }
}
