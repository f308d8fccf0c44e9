import { randomBytes } from 'node:crypto';
import type request from 'supertest';
import type { TestApp } from '../../support/app.js';

/** The admin created at boot by startTestApp's environment. */
export const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
export const ROLES_UNDER_TEST = ['anonymous', 'learner', 'instructor', 'admin'] as const;
export type Actor = (typeof ROLES_UNDER_TEST)[number];

export interface Session {
  token: string;
  userId: string;
  email: string;
}

const run = randomBytes(4).toString('hex');
let counter = 0;

/** Registers a fresh learner (each one has its own code-run throttle budget). */
export async function registerLearner(http: ReturnType<typeof request>): Promise<Session> {
  counter += 1;
  const email = `rel-${run}-${counter}@example.org`;
  const response = await http.post('/api/auth/register').send({ email, password: 'learner-password', displayName: `Rel ${counter}` });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return { token: response.body.accessToken as string, userId: response.body.user.id as string, email };
}

async function login(http: ReturnType<typeof request>, email: string, password: string): Promise<Session> {
  const response = await http.post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
  return { token: response.body.accessToken as string, userId: response.body.user.id as string, email };
}

/** One session per signed-in role: a learner, an instructor (promoted by the admin) and the admin. */
export async function sessionsByRole(t: TestApp): Promise<Record<Exclude<Actor, 'anonymous'>, Session>> {
  const admin = await login(t.http, ADMIN.email, ADMIN.password);
  const learner = await registerLearner(t.http);
  const staff = await registerLearner(t.http);
  const promoted = await t.http
    .patch(`/api/admin/users/${staff.userId}/role`)
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ role: 'instructor' });
  if (promoted.status !== 200) throw new Error(`promotion failed: ${promoted.status} ${promoted.text}`);
  const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${staff.token}`);
  const instructor = me.body?.user?.role === 'instructor' ? staff : { ...staff, token: await relogin(t, staff) };
  return { learner, instructor, admin };
}

/** A token issued before a role change may carry the old role: sign in again to get a fresh one. */
async function relogin(t: TestApp, session: Session): Promise<string> {
  return (await login(t.http, session.email, 'learner-password')).token;
}

export function withSession(test: request.Test, session?: Session): request.Test {
  return session ? test.set('Authorization', `Bearer ${session.token}`) : test;
}
