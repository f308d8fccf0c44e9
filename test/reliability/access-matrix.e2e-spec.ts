import { startTestApp, type TestApp } from '../support/app.js';
import { ACCESS_POLICY, expectedAccess } from './access-policy.js';
import { ROLES_UNDER_TEST, sessionsByRole, withSession, type Actor, type Session } from './support/actors.js';
import { concretePath, routesOf, type OpenApiDocument, type Route } from './support/openapi-routes.js';
import { recordTrials, type TrialRow } from './support/record.js';

// Every route of GET /docs-json against every role and an anonymous client, plus the
// transport-level protections (security headers, closed CORS, login throttle, no enumeration).

let t: TestApp;
let routes: Route[];
let sessions: Record<Exclude<Actor, 'anonymous'>, Session>;
const rows: TrialRow[] = [];

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10' });
  routes = routesOf((await t.http.get('/docs-json').expect(200)).body as OpenApiDocument);
  sessions = await sessionsByRole(t);
}, 120_000);

afterAll(async () => {
  recordTrials('access', rows);
  await t?.close();
});

function send(route: Route, actor: Actor) {
  const session = actor === 'anonymous' ? undefined : sessions[actor];
  const call = t.http[route.method](concretePath(route.template));
  return withSession(route.method === 'get' ? call : call.send({}), session);
}

describe('access matrix from the OpenAPI document', () => {
  it('has a policy for every documented route and documents every route of the policy', () => {
    const documented = routes.map((route) => route.key);
    expect(documented.filter((key) => !(key in ACCESS_POLICY))).toEqual([]);
    expect(Object.keys(ACCESS_POLICY).filter((key) => !documented.includes(key))).toEqual([]);
    expect(documented.length).toBeGreaterThan(30);
  });

  it('gives every role exactly the access its policy says, and never a 5xx', async () => {
    const wrong: string[] = [];
    // Signing out ends the session it is called with: that route goes last, then new sessions
    const signOutLast = [...routes].sort((a, b) => Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'));
    for (const route of signOutLast) {
      for (const actor of ROLES_UNDER_TEST) {
        const { status } = await send(route, actor);
        const expected = expectedAccess(ACCESS_POLICY[route.key], actor);
        // /health is a readiness probe: 503 while the grader pool is still warming is its answer
        const readiness = route.key === 'GET /health' && status === 503;
        const allowed = status !== 401 && status !== 403 && (status < 500 || readiness);
        if (expected === 'allowed' ? !allowed : status !== expected) wrong.push(`${actor} ${route.key}: ${status}, expected ${expected}`);
      }
    }
    for (const actor of ['learner', 'instructor', 'admin'] as const) {
      const me = await withSession(t.http.get('/api/auth/me'), sessions[actor]);
      if (me.status !== 401) wrong.push(`${actor}: the session still works after POST /api/auth/logout (${me.status})`);
    }
    sessions = await sessionsByRole(t);
    // the staff calls above unpublished the sample quiz: publish it again for the next tests
    await withSession(t.http.post('/api/authoring/quizzes/closures/make-counter/publish'), sessions.admin).expect(200);
    rows.push({ area: 'access', trial: 'route x role (anonymous, learner, instructor, admin) from /docs-json', runs: routes.length * 4, failures: wrong.length });
    expect(wrong).toEqual([]);
  });

  it("never shows one learner's attempt or submission to another learner", async () => {
    const owner = sessions.learner;
    const started = await withSession(t.http.post('/api/quizzes/closures/make-counter/attempts'), owner);
    expect(started.body).toMatchObject({ id: expect.any(String) });
    const other = (await sessionsByRole(t)).learner;
    const peek = await withSession(t.http.get(`/api/attempts/${started.body.id}`), other);
    const answer = await withSession(t.http.put(`/api/attempts/${started.body.id}/answers/make-counter`).send({ response: 'x' }), other);
    const run = await withSession(t.http.post(`/api/attempts/${started.body.id}/questions/make-counter/run`).send({ source: 'x = 1\n' }), owner);
    expect([201, 202]).toContain(run.status);
    const peekRun = await withSession(t.http.get(`/api/submissions/${run.body.id}`), other);
    const submitAsOther = await withSession(t.http.post(`/api/attempts/${started.body.id}/questions/make-counter/submissions`).send({ source: 'x = 1\n' }), other);
    expect([peek.status, answer.status, peekRun.status, submitAsOther.status]).toEqual([404, 404, 404, 404]);
    expect(peek.text + peekRun.text).not.toContain(owner.userId);
    rows.push({ area: 'access', trial: "another learner reads/answers the attempt, reads the submission, submits into the attempt", runs: 4, failures: 0 });
  });
});

describe('transport protections', () => {
  it('sends helmet security headers and no x-powered-by', async () => {
    for (const path of ['/health', '/api/quizzes', '/api/auth/me']) {
      const response = await t.http.get(path);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
    rows.push({ area: 'access', trial: 'helmet headers on public, API and 401 responses', runs: 3, failures: 0 });
  });

  it('keeps CORS closed: no Access-Control-Allow-* for a foreign origin, even on preflight', async () => {
    const origin = 'https://evil.example';
    const preflight = await t.http.options('/api/auth/login').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    const simple = await t.http.get('/api/quizzes').set('Origin', origin);
    for (const response of [preflight, simple]) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    rows.push({ area: 'access', trial: 'CORS preflight + simple request from a foreign origin', runs: 2, failures: 0 });
  });

  it('answers an unknown email exactly like a wrong password, then throttles with 429 + Retry-After', async () => {
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    const victim = (await sessionsByRole(t)).learner;
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody-here@example.org', password: 'whatever-password' });
    const wrong = await t.http.post('/api/auth/login').send({ email: victim.email, password: 'wrong-password!' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    const statuses: number[] = [];
    // one wrong password above, nine more here, then the limit of 10 per minute is reached
    for (let i = 0; i < 10; i++) statuses.push((await t.http.post('/api/auth/login').send({ email: victim.email, password: `guess-${i}-password` })).status);
    const blocked = await t.http.post('/api/auth/login').send({ email: victim.email, password: 'learner-password' });
    expect(statuses.slice(0, 9).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    rows.push({ area: 'access', trial: 'login: unknown email vs wrong password identical; 12 guesses -> 429', runs: 12, failures: 0 });
  });
});
