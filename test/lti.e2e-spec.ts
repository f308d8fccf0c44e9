import { generateKeyPair, createLocalJWKSet, jwtVerify, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { ScoreSender, retryDelay } from '../apps/api/src/lti/score-sender.js';
import { FakeLms, resourceLinkClaims, ROLE } from './support/fake-lms.js';
import { startTestApp, type TestApp } from './support/app.js';

// LTI 1.3 end to end against a simulated LMS (test/support/fake-lms.ts): registration, OIDC
// login and launch, the session exchange, an attempt whose score reaches the LMS gradebook
// through the client-credentials grant, deep linking, and every refused launch.

const PUBLIC_URL = 'http://pyquiz.test';
const LAUNCH_URL = `${PUBLIC_URL}/api/lti/launch`;
const QUIZ = 'lti/two-questions';
const QUIZ_YAML = `kind: quiz
id: ${QUIZ}
title: LTI two questions
published: true
questions:
  - id: pick
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    points: 3
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global }
  - id: word
    type: short_answer
    prompt: Name the attribute holding the cells of a closure (without underscores).
    accept: [closure]
`;

let t: TestApp;
let lms: FakeLms;
let admin: string;

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still not true after 10 s: ${what}`);
}

/** Browser steps 1-2: the LMS calls the login initiation URL; PyQuiz redirects to the LMS with state and nonce. */
async function login(params: Record<string, string> = {}) {
  const response = await t.http
    .get('/api/lti/login')
    .query({ iss: lms.issuer, login_hint: 'hint-1', target_link_uri: LAUNCH_URL, client_id: lms.clientId, lti_deployment_id: lms.deploymentId, ...params });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.location as string);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('lti_state_'))!;
  return { location, state: location.searchParams.get('state')!, nonce: location.searchParams.get('nonce')!, cookie: cookie.split(';')[0]! };
}

/** Browser step 3: the LMS posts the id_token back; PyQuiz redirects to the page with a one-time code. */
function launch(idToken: string, state: string, cookie?: string, accept = 'application/json') {
  const post = t.http.post('/api/lti/launch').type('form').set('Accept', accept).send({ id_token: idToken, state });
  return cookie ? post.set('Cookie', cookie) : post;
}

async function enter(response: { status: number; headers: Record<string, unknown>; text: string }) {
  expect([response.status, response.text]).toEqual([302, expect.any(String)]);
  const code = /^\/#\/lti\/enter\/([\w-]+)$/.exec(response.headers.location as string)![1]!;
  // The browser that launched: it holds the code's cookie (lti-redteam: a code alone is refused).
  const cookies = ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]!).join('; ');
  const session = await t.http.post('/api/lti/session').set('Cookie', cookies).send({ code });
  expect(session.status).toBe(200);
  return { ...session.body, code, cookies } as { accessToken: string; target: string; user: { id: string; email: string; role: string; displayName: string }; deepLinkTicket?: string; code: string; cookies: string };
}

type Person = { sub: string; roles: string[]; email?: string; name?: string };

async function launchAs(person: Person, lineItem?: string) {
  const { state, nonce, cookie } = await login();
  const idToken = await lms.idToken(resourceLinkClaims(lms, nonce, person, QUIZ, lineItem));
  return enter(await launch(idToken, state, cookie));
}

async function finishQuiz(token: string, right: boolean) {
  const started = await t.http.post(`/api/quizzes/${QUIZ}/attempts`).set('Authorization', `Bearer ${token}`);
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  await t.http.put(`/api/attempts/${id}/answers/pick`).set('Authorization', `Bearer ${token}`).send({ response: right ? 'a' : 'b' }).expect(200);
  const finished = await t.http.post(`/api/attempts/${id}/submit`).set('Authorization', `Bearer ${token}`);
  expect(finished.status).toBe(200);
  return finished.body as { id: string; score: number; maxScore: number };
}

function deepLinkClaims(sub: string, nonce: string, roles = [ROLE.instructor]): Record<string, unknown> {
  return {
    sub,
    nonce,
    'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingRequest',
    'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
    'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
    'https://purl.imsglobal.org/spec/lti/claim/roles': roles,
    'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
      deep_link_return_url: `${lms.issuer}/deep-link-return`,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      data: 'opaque-lms-data',
    },
  };
}

async function deepLinkEntry(sub: string) {
  const { state, nonce, cookie } = await login();
  return enter(await launch(await lms.idToken(deepLinkClaims(sub, nonce)), state, cookie));
}

const asAdmin = <T extends { set(name: string, value: string): T }>(test: T): T => test.set('Authorization', `Bearer ${admin}`);

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error', PUBLIC_URL });
  lms = new FakeLms(async () => (await t.http.get('/api/lti/jwks')).body as JSONWebKeySet);
  await lms.start();
  const parsed = parseFileText(`${QUIZ}.yaml`, QUIZ_YAML);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'lti', hash: parsed.hash, sourceYaml: QUIZ_YAML });
  admin = (await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' })).body.accessToken;
  const registered = await asAdmin(t.http.post('/api/admin/lti/platforms')).send({
    name: 'Fake Moodle',
    issuer: lms.issuer,
    clientId: lms.clientId,
    authLoginUrl: lms.authLoginUrl,
    tokenUrl: lms.tokenUrl,
    jwksUrl: lms.jwksUrl,
    deploymentIds: [lms.deploymentId],
  });
  expect(registered.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await lms?.close();
});

describe('LTI 1.3 (e2e, simulated LMS)', () => {
  it('shows the admin the URLs to enter in the LMS and publishes a public key without its private half', async () => {
    const config = await asAdmin(t.http.get('/api/admin/lti'));
    expect(config.status).toBe(200);
    expect(config.body.urls).toEqual({
      loginInitiationUrl: `${PUBLIC_URL}/api/lti/login`,
      launchUrl: LAUNCH_URL,
      deepLinkingUrl: LAUNCH_URL,
      jwksUrl: `${PUBLIC_URL}/api/lti/jwks`,
    });
    expect(config.body.platforms).toEqual([expect.objectContaining({ issuer: lms.issuer, deploymentIds: [lms.deploymentId] })]);
    const jwks = await t.http.get('/api/lti/jwks');
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String) })]);
    expect(jwks.body.keys[0].d).toBeUndefined();
  });

  it('refuses registrations with a clear 400 naming the field, duplicates with 409, and non-admins with 403', async () => {
    const base = { name: 'x', issuer: 'https://lms.example.edu', clientId: 'c', authLoginUrl: 'https://lms.example.edu/auth', tokenUrl: 'https://lms.example.edu/token', deploymentIds: ['1'] };
    const bad = await asAdmin(t.http.post('/api/admin/lti/platforms')).send({ ...base, jwksUrl: 'not a url' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('jwksUrl must be an http(s) URL');
    const dup = await asAdmin(t.http.post('/api/admin/lti/platforms')).send({ ...base, issuer: lms.issuer, clientId: lms.clientId, jwksUrl: lms.jwksUrl });
    expect(dup.status).toBe(409);
    const learner = await launchAs({ sub: 'curious-learner', roles: [ROLE.learner] });
    const refused = await t.http.get('/api/admin/lti').set('Authorization', `Bearer ${learner.accessToken}`);
    expect(refused.status).toBe(403);
  });

  it('launches a learner onto the quiz signed in, and the finished score reaches the LMS gradebook', async () => {
    const lineItem = lms.lineItemUrl('li-1');
    const person = { sub: 'moodle-user-42', roles: [ROLE.learner], email: 'Ada@School.example', name: 'Ada Lovelace' };
    const entry = await launchAs(person, lineItem);
    expect(entry.target).toBe(`/quiz/${QUIZ}`);
    expect(entry.user).toMatchObject({ email: 'ada@school.example', displayName: 'Ada Lovelace', role: 'learner' });
    // The code is good for one exchange only.
    const reused = await t.http.post('/api/lti/session').set('Cookie', entry.cookies).send({ code: entry.code });
    expect([reused.status, reused.body.message]).toEqual([401, expect.stringContaining('already used')]);
    // No password: the LMS account cannot sign in with the form.
    expect((await t.http.post('/api/auth/login').send({ email: 'ada@school.example', password: '' })).status).toBe(400);
    expect((await t.http.post('/api/auth/login').send({ email: 'ada@school.example', password: 'anything-at-all' })).status).toBe(401);

    const finished = await finishQuiz(entry.accessToken, true);
    expect(finished).toMatchObject({ score: 3, maxScore: 4 });
    await until('the score arrives at the LMS', () => lms.scores.length === 1);
    expect(lms.scores[0]).toEqual({
      path: '/lineitems/li-1/lineitem/scores?type=quiz',
      contentType: 'application/vnd.ims.lis.v1.score+json',
      body: { userId: 'moodle-user-42', scoreGiven: 3, scoreMaximum: 4, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: expect.any(String) },
    });
    // The client assertion was signed with the key PyQuiz publishes.
    expect(lms.assertions.at(-1)).toMatchObject({ iss: lms.clientId, sub: lms.clientId, aud: lms.tokenUrl });
    const sends = await asAdmin(t.http.get('/api/admin/lti/scores?status=sent'));
    expect(sends.body.items).toEqual([expect.objectContaining({ sub: 'moodle-user-42', quizId: QUIZ, scoreGiven: 3, status: 'sent', tries: 1 })]);

    // Two first launches of one LMS user at once make one account.
    const [one, two] = await Promise.all([launchAs({ sub: 'two-tabs', roles: [ROLE.learner] }), launchAs({ sub: 'two-tabs', roles: [ROLE.learner] })]);
    expect(one.user.id).toBe(two.user.id);
    // A second launch of the same LMS user is the same PyQuiz account, with the LMS's new name.
    const again = await launchAs({ ...person, name: 'Ada King' }, lineItem);
    expect(again.user).toMatchObject({ id: entry.user.id, displayName: 'Ada King' });
  });

  it("narrows the learners dashboard to an LMS course's learners", async () => {
    const [course] = (await asAdmin(t.http.get('/api/admin/lti/classes'))).body as { id: string; title: string; learners: number }[];
    expect(course).toMatchObject({ title: 'Python 101', platformName: 'Fake Moodle', learners: expect.any(Number) });
    // A learner who registered with a password is in no LMS course.
    await t.http.post('/api/auth/register').send({ email: 'outsider@example.org', password: 'outsider-password', displayName: 'Outsider' }).expect(201);
    const all = await asAdmin(t.http.get('/api/admin/dashboard/learners?pageSize=100'));
    const inClass = await asAdmin(t.http.get(`/api/admin/dashboard/learners?pageSize=100&classId=${course!.id}`));
    expect(inClass.status).toBe(200);
    expect(inClass.body.total).toBe(course!.learners);
    expect(all.body.items.map((r: { email: string }) => r.email)).toContain('outsider@example.org');
    expect(inClass.body.items.map((r: { email: string }) => r.email)).not.toContain('outsider@example.org');
    expect(inClass.body.items.map((r: { email: string }) => r.email)).toContain('ada@school.example');
    expect((await asAdmin(t.http.get('/api/admin/dashboard/learners?classId=nope'))).body.message).toContain('classId must be a class id');
  });

  it('never raises a PyQuiz role from an LMS role: an LMS instructor or administrator stays a learner here', async () => {
    const teacher = await launchAs({ sub: 'teacher-1', roles: [ROLE.instructor, ROLE.lmsAdmin, ROLE.systemAdmin] });
    expect(teacher.user.role).toBe('learner');
    expect((await t.http.get('/api/authoring/quizzes').set('Authorization', `Bearer ${teacher.accessToken}`)).status).toBe(403);
    const lmsAdmin = await launchAs({ sub: 'lms-admin-1', roles: [ROLE.lmsAdmin, ROLE.systemAdmin] });
    expect(lmsAdmin.user.role).toBe('learner');
    expect((await t.http.get('/api/admin/users').set('Authorization', `Bearer ${lmsAdmin.accessToken}`)).status).toBe(403);
  });

  it('lets the registered LMS frame the pages (nothing else can: lti-framing.spec)', async () => {
    const page = await t.http.get('/api/lti/jwks');
    expect(page.headers['content-security-policy']).toContain(`frame-ancestors 'self' ${lms.issuer}`);
    expect(page.headers['x-frame-options']).toBeUndefined();
  });

  describe('refused launches', () => {
    const learner = { sub: 'learner-neg', roles: [ROLE.learner] };

    it('refuses a token signed by another key (bad signature), with a page that says what to check', async () => {
      const { state, nonce, cookie } = await login();
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await lms.idToken(resourceLinkClaims(lms, nonce, learner, QUIZ), { key: privateKey });
      const response = await launch(forged, state, cookie, 'text/html');
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('not signed by a key of the LMS');
      expect(response.text).toContain(lms.jwksUrl);
    });

    it('takes the login initiation as a form POST too (Moodle posts it)', async () => {
      const response = await t.http.post('/api/lti/login').type('form').send({ iss: lms.issuer, login_hint: 'h', target_link_uri: LAUNCH_URL, lti_message_hint: 'm-1', client_id: lms.clientId });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.location as string);
      expect(location.origin + location.pathname).toBe(lms.authLoginUrl);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: lms.clientId,
        redirect_uri: LAUNCH_URL, login_hint: 'h', lti_message_hint: 'm-1', state: expect.any(String), nonce: expect.any(String),
      });
      const cookie = String(response.headers['set-cookie']).split('; ');
      expect(cookie[0]).toMatch(/^lti_state_[\w-]{12}=[\w-]{43}$/);
      expect(cookie).toEqual(expect.arrayContaining(['Path=/api/lti', 'HttpOnly', 'Secure', 'SameSite=None', 'Partitioned']));
    });

    it('refuses a token for another client (wrong aud)', async () => {
      const { state, nonce, cookie } = await login();
      const token = await lms.idToken(resourceLinkClaims(lms, nonce, learner, QUIZ), { aud: 'some-other-tool' });
      const response = await launch(token, state, cookie);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, details: { reason: 'bad_aud', advice: expect.stringContaining(lms.clientId) } });
    });

    it('refuses a replayed token: same state again, and the same id_token with a fresh login', async () => {
      const first = await login();
      const token = await lms.idToken(resourceLinkClaims(lms, first.nonce, learner, QUIZ));
      expect((await launch(token, first.state, first.cookie)).status).toBe(302);
      const sameState = await launch(token, first.state, first.cookie);
      expect(sameState.status).toBe(401);
      expect(sameState.body.details.reason).toBe('unknown_state');
      const second = await login();
      const replay = await launch(token, second.state, second.cookie);
      expect(replay.status).toBe(401);
      expect(replay.body.details.reason).toBe('bad_nonce');
    });

    it('refuses an expired token', async () => {
      const { state, nonce, cookie } = await login();
      const past = Math.floor(Date.now() / 1000) - 3600;
      const token = await lms.idToken(resourceLinkClaims(lms, nonce, learner, QUIZ), { iat: past, exp: past + 300 });
      const response = await launch(token, state, cookie);
      expect(response.status).toBe(401);
      expect(response.body.details.reason).toBe('expired');
    });

    it('refuses an unknown deployment, at login and in the token, naming what to add', async () => {
      const atLogin = await t.http.get('/api/lti/login').query({ iss: lms.issuer, login_hint: 'h', target_link_uri: LAUNCH_URL, lti_deployment_id: 'deployment-9' });
      expect(atLogin.status).toBe(403);
      expect(atLogin.body.message).toContain('Deployment deployment-9');
      const { state, nonce, cookie } = await login({ lti_deployment_id: '' });
      const claims = { ...resourceLinkClaims(lms, nonce, learner, QUIZ), 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'deployment-9' };
      const response = await launch(await lms.idToken(claims), state, cookie);
      expect(response.status).toBe(403);
      expect(response.body.details).toMatchObject({ reason: 'unknown_deployment', advice: expect.stringContaining('Add deployment id deployment-9') });
    });

    it('refuses an unknown issuer, a foreign target, and a launch that lost its state cookie', async () => {
      const unknown = await t.http.get('/api/lti/login').query({ iss: 'https://other-lms.example', login_hint: 'h', target_link_uri: LAUNCH_URL });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('No LMS is registered in PyQuiz with issuer https://other-lms.example');
      const foreign = await t.http.get('/api/lti/login').query({ iss: lms.issuer, login_hint: 'h', target_link_uri: 'https://evil.example/x' });
      expect(foreign.status).toBe(400);
      const { state, nonce } = await login();
      const token = await lms.idToken(resourceLinkClaims(lms, nonce, learner, QUIZ));
      const response = await launch(token, state, undefined, 'text/html');
      expect(response.status).toBe(401);
      expect(response.text).toContain('state cookie is missing');
      // The way out: the same login at the top level, where the cookie is first-party.
      const link = /<a href="([^"]+)" target="_blank" rel="noopener">Open PyQuiz in a new window<\/a>/.exec(response.text)![1]!.replaceAll('&#38;', '&');
      const again = await t.http.get(link.replace(PUBLIC_URL, ''));
      expect(again.status).toBe(302);
      expect(new URL(again.headers.location as string).searchParams.get('login_hint')).toBe('hint-1');
    });
  });

  it('keeps a score while the LMS is down and delivers it by a retry once it is back', async () => {
    const lineItem = lms.lineItemUrl('li-down');
    const entry = await launchAs({ sub: 'patient-learner', roles: [ROLE.learner] }, lineItem);
    lms.down = true;
    await finishQuiz(entry.accessToken, false);
    const pending = async () => (await asAdmin(t.http.get('/api/admin/lti/scores?status=pending'))).body.items as { sub: string; tries: number; lastError: string; nextTryAt: string }[];
    await until('the first try failed', async () => (await pending()).some((s) => s.sub === 'patient-learner' && s.tries === 1));
    const [waiting] = (await pending()).filter((s) => s.sub === 'patient-learner');
    expect(waiting!.lastError).toContain('503');
    expect(lms.scores.filter((s) => s.path.includes('li-down'))).toEqual([]);

    lms.down = false;
    // The round that runs when the retry is due (no waiting for the real clock).
    const accepted = await t.app.get(ScoreSender).sendDue(new Date(Date.now() + retryDelay(1) + 1000));
    expect(accepted).toBe(1);
    expect(lms.scores.filter((s) => s.path.includes('li-down')).map((s) => s.body)).toEqual([expect.objectContaining({ userId: 'patient-learner', scoreGiven: 0, scoreMaximum: 4 })]);
    const sent = await asAdmin(t.http.get('/api/admin/lti/scores?status=sent'));
    expect(sent.body.items).toContainEqual(expect.objectContaining({ sub: 'patient-learner', status: 'sent', tries: 2 }));
  });

  it('marks a score the LMS rejects (line item deleted) as failed at once, and the admin can send it again', async () => {
    const entry = await launchAs({ sub: 'orphan-learner', roles: [ROLE.learner] }, lms.lineItemUrl('li-gone'));
    lms.missingLineItems.add('li-gone');
    await finishQuiz(entry.accessToken, true);
    const failedOnes = async () => ((await asAdmin(t.http.get('/api/admin/lti/scores?status=failed'))).body.items as { id: string; sub: string; lastError: string }[]).filter((s) => s.sub === 'orphan-learner');
    await until('the send is marked failed', async () => (await failedOnes()).length === 1);
    const [failed] = await failedOnes();
    expect(failed!.lastError).toContain('the LMS answered 404');
    // The LMS admin restores the line item; the PyQuiz admin sends it again.
    lms.missingLineItems.delete('li-gone');
    const retried = await asAdmin(t.http.post(`/api/admin/lti/scores/${failed!.id}/retry`));
    expect([retried.status, retried.body.status]).toEqual([200, 'pending']);
    await until('the score arrives after the retry', () => lms.scores.some((s) => s.path.includes('li-gone')));
    expect((await asAdmin(t.http.post('/api/admin/lti/scores/00000000-0000-4000-8000-000000000000/retry'))).status).toBe(404);
  });

  it('deep linking: an instructor picks quizzes and gets a signed LtiDeepLinkingResponse with line items', async () => {
    const entry = await deepLinkEntry('teacher-dl');
    expect(entry.target).toBe('/lti/deep-link');
    const bearer = `Bearer ${entry.accessToken}`;
    const unknown = await t.http.post('/api/lti/deep-linking/response').set('Authorization', bearer).send({ deepLinkTicket: entry.deepLinkTicket, quizIds: ['nope/none'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('nope/none');
    const reply = await t.http.post('/api/lti/deep-linking/response').set('Authorization', bearer).send({ deepLinkTicket: entry.deepLinkTicket, quizIds: [QUIZ, 'closures/make-counter'] });
    expect(reply.status).toBe(200);
    expect(reply.body.returnUrl).toBe(`${lms.issuer}/deep-link-return`);
    // What the LMS does with it: verify against PyQuiz's JWKS.
    const jwks = (await t.http.get('/api/lti/jwks')).body as JSONWebKeySet;
    const { payload } = await jwtVerify(reply.body.jwt, createLocalJWKSet(jwks), { issuer: lms.clientId, audience: lms.issuer });
    expect(payload).toMatchObject({
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'opaque-lms-data',
    });
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items']).toEqual([
      { type: 'ltiResourceLink', title: 'LTI two questions', url: LAUNCH_URL, custom: { quiz: QUIZ }, lineItem: { scoreMaximum: 4, label: 'LTI two questions', resourceId: QUIZ } },
      expect.objectContaining({ type: 'ltiResourceLink', custom: { quiz: 'closures/make-counter' }, lineItem: expect.objectContaining({ scoreMaximum: 10 }) }),
    ]);

    // A learner cannot answer a deep-linking request, even with the ticket.
    const learner = await launchAs({ sub: 'learner-dl', roles: [ROLE.learner] });
    const refused = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${learner.accessToken}`).send({ deepLinkTicket: entry.deepLinkTicket, quizIds: [QUIZ] });
    expect(refused.status).toBe(403);
    // And a learner's deep-linking launch is refused outright.
    const again = await login();
    const asLearner = await launch(await lms.idToken(deepLinkClaims('learner-dl', again.nonce, [ROLE.learner])), again.state, again.cookie);
    expect(asLearner.status).toBe(403);
  });

  it('rotates its key: the new key signs, the old one stays published', async () => {
    const before = (await t.http.get('/api/lti/jwks')).body.keys as { kid: string }[];
    const rotated = await asAdmin(t.http.post('/api/admin/lti/keys/rotate'));
    expect(rotated.status).toBe(201);
    const after = (await t.http.get('/api/lti/jwks')).body.keys as { kid: string }[];
    expect(after.map((k) => k.kid)).toEqual([rotated.body.kid, ...before.map((k) => k.kid)]);
    const entry = await deepLinkEntry('teacher-rot');
    const reply = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${entry.accessToken}`).send({ deepLinkTicket: entry.deepLinkTicket, quizIds: [QUIZ] });
    expect(reply.status).toBe(200);
    expect(decodeProtectedHeader(reply.body.jwt).kid).toBe(rotated.body.kid);
    await expect(jwtVerify(reply.body.jwt, createLocalJWKSet({ keys: after as never }), { audience: lms.issuer })).resolves.toBeTruthy();
  });
});
