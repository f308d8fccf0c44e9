import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';

// The real app (createApp) on a migrated database of its own, from test/support/app.ts.
const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
const run = randomBytes(4).toString('hex');

let testApp: TestApp;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  testApp = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10', ...ADMIN_ENV });
  http = testApp.http;
});

afterAll(async () => {
  await testApp?.close();
});

let counter = 0;
function newLearner() {
  counter += 1;
  return { email: `learner${counter}-${run}@example.org`, password: 'learner-password', displayName: `Learner ${counter}` };
}

async function register(learner = newLearner()) {
  const response = await http.post('/api/auth/register').send(learner).expect(201);
  return { learner, token: response.body.accessToken as string, id: response.body.user.id as string, response };
}

function sessionCookie(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((line) => line.startsWith('access_token='));
  if (!cookie) throw new Error(`no access_token cookie in ${JSON.stringify(cookies)}`);
  return cookie;
}

describe('auth (e2e)', () => {
  it('registers a learner who is then signed in by cookie and by bearer token', async () => {
    const { learner, token, response } = await register();
    expect(response.body.user).toMatchObject({ email: learner.email, displayName: learner.displayName, role: 'learner' });
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const byCookie = await http.get('/api/auth/me').set('Cookie', cookie.split(';')[0]).expect(200);
    const byBearer = await http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(byCookie.body.user.email).toBe(learner.email);
    expect(byBearer.body.user).toEqual(byCookie.body.user);
  });

  it('logs in, and logging out clears the cookie', async () => {
    const { learner } = await register();
    const login = await http.post('/api/auth/login').send({ email: learner.email.toUpperCase(), password: learner.password }).expect(200);
    expect(login.body.user.email).toBe(learner.email);
    expect(typeof login.body.accessToken).toBe('string');
    const logout = await http.post('/api/auth/logout').set('Cookie', sessionCookie(login).split(';')[0]).expect(204);
    expect(sessionCookie(logout)).toMatch(/^access_token=;.*Expires=Thu, 01 Jan 1970/i);
  });

  it('ends the session at logout: a copy of the token kept elsewhere is refused, other sign-ins go on', async () => {
    const { learner, token: first } = await register();
    const login = await http.post('/api/auth/login').send({ email: learner.email, password: learner.password }).expect(200);
    const copied = sessionCookie(login).split(';')[0]!; // e.g. left on a shared lab computer
    await http.post('/api/auth/logout').set('Cookie', copied).expect(204);
    const replayed = await http.get('/api/auth/me').set('Cookie', copied).expect(401);
    expect(replayed.body.message).toBe('Invalid or expired session');
    await http.get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(401);
    await http.get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(200);
    await http.post('/api/auth/logout').set('Authorization', `Bearer ${first}`).expect(204);
    await http.get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(401);
  });

  it('signs in an account whose email has no top-level domain, like the first admin admin@localhost', async () => {
    const { learner } = await register();
    const { passwordHash } = await testApp.prisma.user.findUniqueOrThrow({ where: { email: learner.email } });
    const email = `first-admin-${run}@localhost`;
    await testApp.prisma.user.create({ data: { email, passwordHash, displayName: 'Administrator', role: 'admin' } });
    const login = await http.post('/api/auth/login').send({ email, password: learner.password }).expect(200);
    expect(login.body.user).toMatchObject({ email, role: 'admin' });
  });

  it('gives the same 401 body for a wrong password and an unknown email', async () => {
    const { learner } = await register();
    const wrong = await http.post('/api/auth/login').send({ email: learner.email, password: 'wrong-password' }).expect(401);
    const unknown = await http.post('/api/auth/login').send({ email: `nobody-${run}@example.org`, password: 'wrong-password' }).expect(401);
    const { requestId: _a, ...wrongBody } = wrong.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    expect(unknownBody).toEqual(wrongBody);
    expect(typeof _a).toBe('string');
  });

  it('answers 401 without a session, with a bad token, and for a deleted user with a valid token', async () => {
    await http.get('/api/auth/me').expect(401);
    await http.get('/api/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    const { token, id } = await register();
    await testApp.prisma.user.delete({ where: { id } });
    const response = await http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('names the offending fields in a 400 and refuses unknown fields', async () => {
    const response = await http.post('/api/auth/register').send({ email: 'not-an-email', password: 'short', role: 'admin' }).expect(400);
    const fields = (response.body.details as { field: string }[]).map((detail) => detail.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'password', 'role']);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers 409 for an email that already has an account', async () => {
    const { learner } = await register();
    const response = await http.post('/api/auth/register').send({ ...learner, email: learner.email.toUpperCase() }).expect(409);
    expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('rate-limits logins per IP and email with a 429 in the standard error shape', async () => {
    const { learner } = await register();
    for (let i = 0; i < 10; i += 1) {
      await http.post('/api/auth/login').send({ email: learner.email, password: 'wrong-password' }).expect(401);
    }
    const limited = await http.post('/api/auth/login').send({ email: learner.email, password: learner.password }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(typeof limited.body.requestId).toBe('string');
    const other = newLearner();
    await register(other);
    await http.post('/api/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });

  it('keeps /docs-json public and documents the auth routes with their errors', async () => {
    const response = await http.get('/docs-json').expect(200);
    const login = response.body.paths['/api/auth/login'].post;
    expect(Object.keys(login.responses).sort()).toEqual(['200', '400', '401', '403', '429']); // 403: sent from another site (SameSiteGuard)
    expect(response.body.paths['/api/admin/users'].get.responses).toHaveProperty('403');
  });

  it('keeps /health reachable without a session, with the event-loop delay of the API', async () => {
    const response = await http.get('/health');
    expect([200, 503]).toContain(response.status);
    expect(response.body.api.eventLoopDelayMs).toEqual({ window: expect.any(Number), windowSeconds: 10, p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) });
    expect(response.body.api.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(response.body.api.eventLoopDelayMs.p50);
  });
});

describe('admin user management (e2e)', () => {
  async function adminToken(): Promise<string> {
    const response = await http.post('/api/auth/login').send(ADMIN).expect(200);
    expect(response.body.user.role).toBe('admin');
    return response.body.accessToken as string;
  }

  it('forbids a learner from admin routes with 403', async () => {
    const { token } = await register();
    const response = await http.get('/api/admin/users').set('Authorization', `Bearer ${token}`).expect(403);
    expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });

  it('lists users in pages and makes a learner an instructor, effective on their next request', async () => {
    const token = await adminToken();
    const learner = await register();
    const page = await http.get('/api/admin/users?page=1&pageSize=2').set('Authorization', `Bearer ${token}`).expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(page.body)).not.toMatch(/passwordHash/);

    const changed = await http
      .patch(`/api/admin/users/${learner.id}/role`)
      .set('Authorization', `Bearer ${token}`)
      .send({ role: 'instructor' })
      .expect(200);
    expect(changed.body).toMatchObject({ id: learner.id, role: 'instructor' });
    const me = await http.get('/api/auth/me').set('Authorization', `Bearer ${learner.token}`).expect(200);
    expect(me.body.user.role).toBe('instructor');
  });

  it('validates the role and page query, and answers 404 for an unknown user', async () => {
    const token = await adminToken();
    const { id } = await register();
    const badRole = await http.patch(`/api/admin/users/${id}/role`).set('Authorization', `Bearer ${token}`).send({ role: 'root' }).expect(400);
    expect(badRole.body.details[0].field).toBe('role');
    const badPage = await http.get('/api/admin/users?pageSize=1000').set('Authorization', `Bearer ${token}`).expect(400);
    expect(badPage.body.details[0].field).toBe('pageSize');
    await http
      .patch('/api/admin/users/00000000-0000-4000-8000-000000000000/role')
      .set('Authorization', `Bearer ${token}`)
      .send({ role: 'instructor' })
      .expect(404);
  });
});
