import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/app.js';
import { ACCESS_POLICY, type Policy } from './access-policy.js';
import { registerLearner, sessionsByRole, withSession, type Session } from './support/actors.js';
import { bodySchema, concretePath, routesOf, type OpenApiDocument, type Route } from './support/openapi-routes.js';
import { recordTrials, type TrialRow } from './support/record.js';
import { bodyFor, queryFor } from './support/schema-arbitrary.js';

// Every documented route gets bounded property-based input (bodies from its OpenAPI schema, wrong
// types, any JSON, nasty strings, fuzzed path and query values) from a role allowed to call it.
// The property: never a 5xx, and every error is the standard JSON shape with a message.

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 20);
const CODE_ROUTE = /\/(run|submissions)$/;

let t: TestApp;
let doc: OpenApiDocument;
let staff: Record<Policy, Session | undefined>;
const rows: TrialRow[] = [];

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10' });
  doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  const sessions = await sessionsByRole(t);
  staff = { public: undefined, signedIn: sessions.learner, staff: sessions.instructor, admin: sessions.admin };
}, 120_000);

afterAll(async () => {
  recordTrials('dto-fuzz', rows);
  await t?.close();
});

/** A learner with an open attempt on make-counter: the attempt routes then reach their handlers. */
async function learnerWithAttempt(): Promise<{ session: Session; attemptId: string }> {
  const session = await registerLearner(t.http);
  const started = await withSession(t.http.post('/api/quizzes/closures/make-counter/attempts'), session);
  if (typeof started.body.id !== 'string') throw new Error(`no attempt: ${started.status} ${started.text}`);
  return { session, attemptId: started.body.id as string };
}

/** Path values: the real ones most of the time, a fuzzed string otherwise. */
const pathOverride = fc.option(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('..', '%', '0', 'null', 'a'.repeat(500))), { nil: undefined, freq: 3 });

/** Status counts per route: proof that the inputs reach handlers, not only the validation pipe. */
const statuses = new Map<string, Map<number, number>>();

function count(route: Route, status: number): void {
  const seen = statuses.get(route.key) ?? new Map<number, number>();
  seen.set(status, (seen.get(status) ?? 0) + 1);
  statuses.set(route.key, seen);
}

function histogram(route: Route): string {
  return [...(statuses.get(route.key) ?? [])].sort(([a], [b]) => a - b).map(([status, n]) => `${status}x${n}`).join(' ');
}

async function fuzzRoute(route: Route): Promise<string[]> {
  const policy = ACCESS_POLICY[route.key];
  const query = (route.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const actors = route.key.includes('/api/attempts/') ? await Promise.all([1, 2, 3].map(() => learnerWithAttempt())) : [];
  const failures: string[] = [];
  let run = 0;
  await fc.assert(
    fc.asyncProperty(bodyFor(doc, bodySchema(doc, route)), queryFor(query), pathOverride, async (body, params, fuzzedPath) => {
      // three learners share the code routes so the 20-per-minute throttle stays out of the way
      const actor = actors.length > 0 ? actors[run++ % actors.length] : undefined;
      const ids: Record<string, string> = actor ? { id: actor.attemptId } : {};
      const path = concretePath(route.template, fuzzedPath === undefined ? ids : { ...ids, id: fuzzedPath, slug: fuzzedPath });
      let call = t.http[route.method](path).query(params);
      // serialised here: superagent refuses top-level scalars, which a hostile client may send
      if (route.method !== 'get') call = call.set('Content-Type', 'application/json').send(JSON.stringify(body));
      const response = await withSession(call, actor?.session ?? staff[policy]);
      count(route, response.status);
      const shaped = response.status < 400 || (typeof response.body?.message === 'string' && response.body.message.length > 0);
      if (response.status >= 500 || !shaped) failures.push(`${route.key} ${path} ${JSON.stringify(body).slice(0, 200)} -> ${response.status} ${response.text.slice(0, 200)}`);
      return true;
    }),
    { numRuns: CODE_ROUTE.test(route.key) ? Math.min(RUNS, 20) : RUNS, seed: 8, endOnFailure: true },
  );
  return failures;
}

describe('DTO fuzzing of every documented route', () => {
  it('never answers 5xx and always explains a 4xx', async () => {
    const routes = routesOf(doc);
    const failures: string[] = [];
    for (const route of routes) {
      const found = await fuzzRoute(route);
      failures.push(...found);
      // the sample quiz must stay published for the attempt routes fuzzed after this one
      if (route.key.endsWith('/unpublish')) await withSession(t.http.post('/api/authoring/quizzes/closures/make-counter/publish'), staff.admin).expect(200);
      rows.push({ area: 'dto-fuzz', trial: route.key, runs: CODE_ROUTE.test(route.key) ? Math.min(RUNS, 20) : RUNS, failures: found.length, note: histogram(route) });
    }
    expect(failures.slice(0, 10)).toEqual([]);
    const accepted = [...statuses.values()].flatMap((seen) => [...seen.keys()]).filter((status) => status < 300);
    expect(accepted.length).toBeGreaterThan(10); // many routes saw input good enough to succeed
  }, 300_000);
});

describe('size limits', () => {
  const errorShape = (status: number) => ({ statusCode: status, message: expect.stringMatching(/\S/), requestId: expect.any(String) });

  it('rejects JSON and form bodies over 1 MB with 413 and a message, on public and signed-in routes', async () => {
    const { session, attemptId } = await learnerWithAttempt();
    const big = 'x'.repeat(1024 * 1024 + 10);
    const json = await t.http.post('/api/auth/register').send({ email: 'a@example.org', password: big, displayName: 'x' });
    const code = await withSession(t.http.post(`/api/attempts/${attemptId}/questions/make-counter/submissions`).send({ source: big }), session);
    const form = await t.http.post('/api/auth/login').type('form').send(`email=a%40example.org&password=${big}`);
    for (const response of [json, code, form]) expect({ status: response.status, body: response.body }).toEqual({ status: 413, body: expect.objectContaining(errorShape(413)) });
    rows.push({ area: 'limits', trial: 'JSON / form bodies of 1 MB + 10 bytes (register, submit, login)', runs: 3, failures: 0 });
  });

  it('rejects a source one character over 64 Ki with 400 naming the field, and never stores it', async () => {
    const { session, attemptId } = await learnerWithAttempt();
    const before = await t.prisma.submission.count({ where: { attemptId } });
    const over = await withSession(t.http.post(`/api/attempts/${attemptId}/questions/make-counter/run`).send({ source: 'x'.repeat(65_537) }), session);
    expect(over.status).toBe(400);
    expect(over.body.details).toEqual([{ field: 'source', errors: [expect.stringContaining('65536')] }]);
    expect(await t.prisma.submission.count({ where: { attemptId } })).toBe(before);
    rows.push({ area: 'limits', trial: 'source of 65,537 characters', runs: 1, failures: 0 });
  });

  it('rejects a quiz YAML over 256 KiB with 400 naming the field, and malformed JSON with 400', async () => {
    const yaml = await withSession(t.http.post('/api/authoring/validate').send({ yaml: `kind: quiz\n# ${'x'.repeat(262_200)}` }), staff.staff);
    expect(yaml.status).toBe(400);
    expect(yaml.body.message).toMatch(/yaml/);
    const broken = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "a@example.org", "password": ');
    expect({ status: broken.status, body: broken.body }).toEqual({ status: 400, body: expect.objectContaining(errorShape(400)) });
    rows.push({ area: 'limits', trial: 'quiz YAML of 262 KB; truncated JSON', runs: 2, failures: 0 });
  });
});
