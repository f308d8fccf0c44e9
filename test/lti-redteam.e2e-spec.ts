import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { ScoreSender, retryDelay } from '../apps/api/src/lti/score-sender.js';
import { FakeLms, resourceLinkClaims, ROLE } from './support/fake-lms.js';
import { startTestApp, type TestApp } from './support/app.js';

// Red team of LTI's score sending and deep linking, against the simulated LMS: each attack a
// learner (or the internet, or a misbehaving LMS) could try, and what PyQuiz must do instead.

const PUBLIC_URL = 'http://pyquiz.test';
const LAUNCH_URL = `${PUBLIC_URL}/api/lti/launch`;
const QUIZ = 'lti/red-team';
const QUIZ_YAML = `kind: quiz
id: ${QUIZ}
title: LTI red team
published: true
questions:
  - id: pick
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    points: 3
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global }
`;

let t: TestApp;
let lms: FakeLms;
let admin: string;

/** An HTTP server on another port of 127.0.0.1: where an SSRF would land (it records what reaches it). */
let trap: Server;
const trapped: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
const trapPort = () => (trap.address() as AddressInfo).port;

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still not true after 10 s: ${what}`);
}

async function login() {
  const response = await t.http
    .get('/api/lti/login')
    .query({ iss: lms.issuer, login_hint: 'hint-1', target_link_uri: LAUNCH_URL, client_id: lms.clientId, lti_deployment_id: lms.deploymentId });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.location as string);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('lti_state_'))!;
  return { state: location.searchParams.get('state')!, nonce: location.searchParams.get('nonce')!, cookie: cookie.split(';')[0]! };
}

function launch(idToken: string, state: string, cookie: string) {
  return t.http.post('/api/lti/launch').type('form').set('Accept', 'application/json').set('Cookie', cookie).send({ id_token: idToken, state });
}

/** The code of a launch redirect, and the cookies the launch set in the browser that launched. */
function codeOf(response: { status: number; headers: Record<string, unknown>; text: string }) {
  expect([response.status, response.text]).toEqual([302, expect.any(String)]);
  const code = /^\/#\/lti\/enter\/([\w-]+)$/.exec(response.headers.location as string)![1]!;
  const cookies = ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]!).join('; ');
  return { code, cookies };
}

async function enter(response: { status: number; headers: Record<string, unknown>; text: string }) {
  const { code, cookies } = codeOf(response);
  const session = await t.http.post('/api/lti/session').set('Cookie', cookies).send({ code });
  expect(session.status).toBe(200);
  return session.body as { accessToken: string; user: { id: string }; deepLinkTicket?: string };
}

/** A learner's launch whose AGS claim names `lineItem` (as the LMS signs it). */
async function launchWithLineItem(sub: string, lineItem: string) {
  const { state, nonce, cookie } = await login();
  return launch(await lms.idToken(resourceLinkClaims(lms, nonce, { sub, roles: [ROLE.learner] }, QUIZ, lineItem)), state, cookie);
}

async function finishQuiz(token: string, right: boolean): Promise<void> {
  const started = await t.http.post(`/api/quizzes/${QUIZ}/attempts`).set('Authorization', `Bearer ${token}`);
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  await t.http.put(`/api/attempts/${id}/answers/pick`).set('Authorization', `Bearer ${token}`).send({ response: right ? 'a' : 'b' }).expect(200);
  expect((await t.http.post(`/api/attempts/${id}/submit`).set('Authorization', `Bearer ${token}`)).status).toBe(200);
}

type Send = { id: string; sub: string; status: string; tries: number; lastError: string | null; scoreGiven: number };
const asAdmin = <T extends { set(name: string, value: string): T }>(test: T): T => test.set('Authorization', `Bearer ${admin}`);
async function sendsOf(sub: string, status?: string): Promise<Send[]> {
  const page = await asAdmin(t.http.get(`/api/admin/lti/scores?pageSize=100${status ? `&status=${status}` : ''}`));
  return (page.body.items as Send[]).filter((s) => s.sub === sub);
}

function deepLinkClaims(sub: string, nonce: string, settings: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub,
    nonce,
    'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingRequest',
    'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
    'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
    'https://purl.imsglobal.org/spec/lti/claim/roles': [ROLE.instructor],
    'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
      deep_link_return_url: `${lms.issuer}/deep-link-return`,
      accept_types: ['ltiResourceLink'],
      data: 'opaque-lms-data',
      ...settings,
    },
  };
}

async function deepLinkLaunch(sub: string, settings: Record<string, unknown> = {}) {
  const { state, nonce, cookie } = await login();
  return launch(await lms.idToken(deepLinkClaims(sub, nonce, settings)), state, cookie);
}

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error', PUBLIC_URL });
  lms = new FakeLms(async () => (await t.http.get('/api/lti/jwks')).body as JSONWebKeySet);
  await lms.start();
  trap = createServer((req, res) => {
    trapped.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const parsed = parseFileText(`${QUIZ}.yaml`, QUIZ_YAML);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'lti', hash: parsed.hash, sourceYaml: QUIZ_YAML });
  admin = (await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' })).body.accessToken;
  const registered = await asAdmin(t.http.post('/api/admin/lti/platforms')).send({
    name: 'Fake Moodle', issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.authLoginUrl, tokenUrl: lms.tokenUrl, jwksUrl: lms.jwksUrl, deploymentIds: [lms.deploymentId],
  });
  expect(registered.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await lms?.close();
  trap?.closeAllConnections();
  await new Promise((resolve) => trap?.close(resolve));
});

describe('LTI red team: line item URLs from the launch', () => {
  it('does not post scores (with the LMS access token) to an internal address named as the line item (SSRF)', async () => {
    const response = await launchWithLineItem('ssrf-learner', `http://127.0.0.1:${trapPort()}/lineitems/1/lineitem`);
    if (response.status === 302) {
      // The attack as it would go on: the learner finishes the quiz, the sender posts the score.
      await finishQuiz((await enter(response)).accessToken, true);
      await until('the send was tried', async () => (await sendsOf('ssrf-learner')).some((s) => s.tries > 0));
    }
    expect(trapped.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`)).toEqual([]);
    expect(response.status).toBe(400);
    expect(response.body.details.reason).toBe('bad_lineitem');
    expect(response.body.message).toContain('lineitem');
  });

  it('does not post a send stored with an internal line item before the launch refused them (it fails at once)', async () => {
    const platformId = ((await asAdmin(t.http.get('/api/admin/lti'))).body.platforms as { id: string }[])[0]!.id;
    const lineItemUrl = `http://127.0.0.1:${trapPort()}/lineitems/old/lineitem`;
    const row = await t.prisma.ltiScoreSend.create({
      data: { platformId, lineItemUrl, sub: 'old-row', userId: '00000000-0000-4000-8000-000000000001', quizId: QUIZ, scoreGiven: 1, scoreMaximum: 3, scoredAt: new Date() },
    });
    await t.app.get(ScoreSender).sendDue(new Date());
    expect(trapped).toEqual([]);
    expect(await t.prisma.ltiScoreSend.findUnique({ where: { id: row.id } })).toMatchObject({ status: 'failed', lastError: expect.stringContaining('internal address') });
  });

  it.each([
    ['the database port on loopback', 'http://127.0.0.1:5432/lineitems/1/lineitem'],
    ['loopback written as a number', 'http://2130706433:5432/lineitems/1/lineitem'],
    ['IPv6 loopback', 'http://[::1]:5432/lineitems/1/lineitem'],
    ['localhost', 'http://localhost:3000/api/admin/users'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/lineitem'],
    ['a private network address', 'https://10.0.0.7/lineitems/1/lineitem'],
    ['an intranet name', 'http://postgres:5432/lineitems/1/lineitem'],
    ['another scheme', 'file:///etc/passwd'],
    ['credentials in the URL', 'https://user:secret@lms.example.edu/lineitems/1/lineitem'],
    ['no URL at all', 'not a url'],
  ])('refuses a launch whose line item is %s, with a 400 naming the claim', async (_what, lineItem) => {
    const response = await launchWithLineItem('ssrf-variants', lineItem);
    expect(response.status).toBe(400);
    expect(response.body.details.reason).toBe('bad_lineitem');
    expect(response.body.message).toContain('lineitem');
  });

  it('refuses a huge line item URL with a 400 naming the claim (not a 500 from the database index)', async () => {
    const huge = `${lms.lineItemUrl('huge')}&pad=${randomBytes(4500).toString('base64url')}`;
    const response = await launchWithLineItem('huge-lineitem', huge);
    expect(response.status).toBe(400);
    expect(response.body.details.reason).toBe('bad_lineitem');
    expect(response.body.message).toContain('lineitem');
  });
});

describe('LTI red team: the launch code', () => {
  it("a learner's launch code opened in another browser does not sign that browser in (login CSRF: the victim would work in the attacker's account)", async () => {
    const { code, cookies } = codeOf(await launchWithLineItem('csrf-attacker', lms.lineItemUrl('li-csrf')));
    // The victim's browser: the attacker's page sends it to /#/lti/enter/<code>; it has none of the launch's cookies.
    const victim = await t.http.post('/api/lti/session').send({ code });
    expect(victim.status).toBe(401);
    expect(victim.body.message).toContain('browser');
    // The attacker's own browser still gets in with it (the code was not spent by the refusal).
    expect((await t.http.post('/api/lti/session').set('Cookie', cookies).send({ code })).status).toBe(200);
  });
});

describe('LTI red team: claims a learner or an instructor can type in the LMS', () => {
  async function launchWith(sub: string, extra: Record<string, unknown>) {
    const { state, nonce, cookie } = await login();
    const claims = { ...resourceLinkClaims(lms, nonce, { sub, roles: [ROLE.learner] }, QUIZ), ...extra };
    return launch(await lms.idToken(claims), state, cookie);
  }

  it('a NUL byte in the name, email or course title the LMS sends is no 500 (PostgreSQL text cannot hold it)', async () => {
    const named = await launchWith('nul-name', { name: 'Eve\u0000 Mallory', email: 'eve\u0000@school.example' });
    expect(named.status).toBe(302);
    expect((await enter(named)).user).toMatchObject({ displayName: 'Eve Mallory', email: expect.stringMatching(/@lti\.invalid$/) });
    const titled = await launchWith('nul-title', { 'https://purl.imsglobal.org/spec/lti/claim/context': { id: 'course-nul', title: 'Python\u0000 101' } });
    expect(titled.status).toBe(302);
  });

  it('refuses a NUL byte in an identifier (sub, context id, quiz, line item, deep-linking data) and a quiz id over 200 characters with a 400 naming the claim', async () => {
    const sub = await launchWith('nul\u0000sub', {});
    expect([sub.status, sub.body.message]).toEqual([400, expect.stringContaining('sub')]);
    const context = await launchWith('nul-context', { 'https://purl.imsglobal.org/spec/lti/claim/context': { id: 'course\u0000x', title: 'x' } });
    expect([context.status, context.body.message]).toEqual([400, expect.stringContaining('context')]);
    const quiz = await launchWith('nul-quiz', { 'https://purl.imsglobal.org/spec/lti/claim/custom': { quiz: 'lti/red\u0000team' } });
    expect([quiz.status, quiz.body.message]).toEqual([400, expect.stringContaining('quiz')]);
    const longQuiz = await launchWith('long-quiz', { 'https://purl.imsglobal.org/spec/lti/claim/custom': { quiz: 'q'.repeat(30_000) } });
    expect([longQuiz.status, longQuiz.body.message.length < 1000]).toEqual([400, true]);
    const lineItem = await launchWithLineItem('nul-lineitem', `${lms.lineItemUrl('li-x')}\u0000`);
    expect([lineItem.status, lineItem.body.message]).toEqual([400, expect.stringContaining('lineitem')]);
    const data = await deepLinkLaunch('nul-data', { data: 'opaque\u0000' });
    expect([data.status, data.body.message]).toEqual([400, expect.stringContaining('data')]);
  });
});

describe('LTI red team: the score outbox', () => {
  const sender = () => t.app.get(ScoreSender);

  it('an LMS answer holding a NUL byte neither stops the round for the others nor leaves its send retried forever', async () => {
    const poisoned = await enter(await launchWithLineItem('nul-learner', lms.lineItemUrl('li-nul')));
    const other = await enter(await launchWithLineItem('nul-neighbour', lms.lineItemUrl('li-neighbour')));
    lms.down = true;
    await finishQuiz(poisoned.accessToken, true);
    await finishQuiz(other.accessToken, true);
    await until('both first tries failed', async () => (await sendsOf('nul-learner')).some((s) => s.tries === 1) && (await sendsOf('nul-neighbour')).some((s) => s.tries === 1));
    lms.down = false;
    lms.lineItemAnswers.set('li-nul', { status: 500, body: 'proxy error \u0000\u0001 binary' });
    // The round when both retries are due: the poisoned one (older) comes first.
    await expect(sender().sendDue(new Date(Date.now() + retryDelay(1) + 1000))).resolves.toBeGreaterThanOrEqual(1);
    expect(lms.scores.filter((s) => s.path.includes('li-neighbour')).map((s) => s.body.userId)).toEqual(['nul-neighbour']);
    const [stuck] = await sendsOf('nul-learner');
    expect(stuck).toMatchObject({ status: 'pending', tries: 2, lastError: expect.stringContaining('answered 500') });
    lms.lineItemAnswers.delete('li-nul');
  });

  it("one learner's score never goes out under another's LMS id, nor replaces another's unsent score on a shared line item", async () => {
    const shared = lms.lineItemUrl('li-shared');
    const good = await enter(await launchWithLineItem('shared-good', shared));
    const poor = await enter(await launchWithLineItem('shared-poor', shared));
    lms.down = true;
    await finishQuiz(poor.accessToken, false);
    await finishQuiz(good.accessToken, true);
    await until('both first tries failed', async () => (await sendsOf('shared-poor')).some((s) => s.tries === 1) && (await sendsOf('shared-good')).some((s) => s.tries === 1));
    lms.down = false;
    await sender().sendDue(new Date(Date.now() + retryDelay(1) + 1000));
    const received = lms.scores.filter((s) => s.path.includes('li-shared')).map((s) => [s.body.userId, s.body.scoreGiven]);
    expect(received.sort()).toEqual([['shared-good', 3], ['shared-poor', 0]]);
  });

  it('a failing token endpoint is asked once per round, not once per due send of its LMS', async () => {
    const learners = await Promise.all(['tok-1', 'tok-2', 'tok-3'].map(async (sub) => enter(await launchWithLineItem(sub, lms.lineItemUrl(`li-${sub}`)))));
    lms.tokenDown = true;
    lms.revokeTokens();
    for (const learner of learners) await finishQuiz(learner.accessToken, true);
    await until('every first try failed', async () => (await Promise.all(['tok-1', 'tok-2', 'tok-3'].map((sub) => sendsOf(sub)))).every((sends) => sends.some((s) => s.tries === 1)));
    const before = lms.tokenRequests;
    await sender().sendDue(new Date(Date.now() + retryDelay(1) + 1000));
    expect(lms.tokenRequests - before).toBe(1);
    expect((await sendsOf('tok-3'))[0]).toMatchObject({ tries: 2, lastError: expect.stringContaining('token endpoint') });
    lms.tokenDown = false;
  });

  it('an older score retried late does not overwrite a newer one in the gradebook (a newer best replaces the unsent older send)', async () => {
    const entry = await enter(await launchWithLineItem('late-learner', lms.lineItemUrl('li-late')));
    lms.down = true;
    await finishQuiz(entry.accessToken, false);
    await until('the first try failed', async () => (await sendsOf('late-learner')).some((s) => s.tries === 1));
    // Its second try fails too: its next one is now further away than a fresh send's.
    await sender().sendDue(new Date(Date.now() + retryDelay(1) + 1000));
    expect((await sendsOf('late-learner')).map((s) => [s.scoreGiven, s.tries])).toEqual([[0, 2]]);
    lms.down = false;
    await finishQuiz(entry.accessToken, true);
    await until('the new best reached the LMS', () => lms.scores.some((s) => s.path.includes('li-late')));
    // Later, the rounds when the old send's retries are due.
    await sender().sendDue(new Date(Date.now() + retryDelay(1) + retryDelay(2) + 5000));
    expect(lms.scores.filter((s) => s.path.includes('li-late')).map((s) => s.body.scoreGiven)).toEqual([3]);
    expect((await sendsOf('late-learner', 'pending')).map((s) => s.scoreGiven)).toEqual([]);
  });
});

describe('LTI red team: deep linking', () => {
  it("another instructor cannot answer with an instructor's deep-linking ticket", async () => {
    const owner = await enter(await deepLinkLaunch('dl-owner'));
    const thief = await enter(await deepLinkLaunch('dl-thief'));
    const stolen = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${thief.accessToken}`).send({ deepLinkTicket: owner.deepLinkTicket, quizIds: [QUIZ] });
    expect(stolen.status).toBe(403);
  });

  it('refuses a deep-linking ticket signed by another key (a forged return URL never gets signed)', async () => {
    const teacher = await enter(await deepLinkLaunch('dl-forger'));
    const [realKid] = ((await t.http.get('/api/lti/jwks')).body as JSONWebKeySet).keys.map((k) => k.kid);
    const { privateKey } = await generateKeyPair('RS256');
    const platformId = ((await asAdmin(t.http.get('/api/admin/lti'))).body.platforms as { id: string }[])[0]!.id;
    const forged = await new SignJWT({ deepLink: { platformId, deploymentId: lms.deploymentId, returnUrl: 'https://evil.example/collect' } })
      .setProtectedHeader({ alg: 'RS256', kid: realKid })
      .setSubject(teacher.user.id)
      .setAudience('pyquiz:lti-deep-link')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const response = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${teacher.accessToken}`).send({ deepLinkTicket: forged, quizIds: [QUIZ] });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('deepLinkTicket');
  });

  it('does not sign a deep-linking reply for a deployment the admin removed since the ticket was issued', async () => {
    const teacher = await enter(await deepLinkLaunch('dl-revoked'));
    const platformId = ((await asAdmin(t.http.get('/api/admin/lti'))).body.platforms as { id: string }[])[0]!.id;
    await asAdmin(t.http.patch(`/api/admin/lti/platforms/${platformId}`)).send({ deploymentIds: ['deployment-2'] }).expect(200);
    try {
      const reply = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${teacher.accessToken}`).send({ deepLinkTicket: teacher.deepLinkTicket, quizIds: [QUIZ] });
      expect([reply.status, reply.body.message]).toEqual([400, expect.stringContaining(lms.deploymentId)]);
    } finally {
      await asAdmin(t.http.patch(`/api/admin/lti/platforms/${platformId}`)).send({ deploymentIds: [lms.deploymentId] }).expect(200);
    }
  });

  it('refuses a deep-linking request whose return URL is not an http(s) URL (the page would post the signed reply to it)', async () => {
    for (const returnUrl of ['javascript:alert(document.domain)', `${lms.issuer}/deep-link-return?x=${'a'.repeat(3000)}`]) {
      const response = await deepLinkLaunch('dl-return-url', { deep_link_return_url: returnUrl });
      expect([response.status, response.body.details?.reason]).toEqual([400, 'bad_deep_linking_settings']);
      expect(response.body.message).toContain('deep_link_return_url');
    }
  });

  it("carries an LMS's larger data claim through the ticket, and refuses an oversized one at the launch naming it", async () => {
    const data = randomBytes(4500).toString('base64url');
    const teacher = await enter(await deepLinkLaunch('dl-big-data', { data }));
    const reply = await t.http.post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${teacher.accessToken}`).send({ deepLinkTicket: teacher.deepLinkTicket, quizIds: [QUIZ] });
    expect(reply.status).toBe(200);
    const { payload } = await jwtVerify(reply.body.jwt, createLocalJWKSet((await t.http.get('/api/lti/jwks')).body as JSONWebKeySet), { audience: lms.issuer });
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe(data);
    const tooBig = await deepLinkLaunch('dl-big-data', { data: 'x'.repeat(9000) });
    expect([tooBig.status, tooBig.body.details?.reason]).toEqual([400, 'bad_deep_linking_settings']);
    expect(tooBig.body.message).toContain('data');
  });
});

describe('LTI red team: an LMS teaching role never makes a PyQuiz instructor (docs/lti.md "Accounts, roles and classes")', () => {
  // PyQuiz's instructor role is global (it edits every quiz): made from an LMS teaching role in
  // any course, it let a learner rewrite the answer key of the quiz they take.
  it("a learner who is a teaching assistant in another course cannot rewrite their own course's quiz and get full marks in its gradebook", async () => {
    const student = await enter(await launchWithLineItem('student-ta', lms.lineItemUrl('li-ta')));
    const { state, nonce, cookie } = await login();
    const asTa = await enter(await launch(await lms.idToken({
      ...resourceLinkClaims(lms, nonce, { sub: 'student-ta', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'] }, QUIZ),
      'https://purl.imsglobal.org/spec/lti/claim/context': { id: 'intro-course', title: 'Intro (as TA)' },
    }), state, cookie));
    // The other choice becomes the right one: the learner's wrong answer now scores.
    const rigged = QUIZ_YAML.replace('- { id: a, text: nonlocal, correct: true }\n      - { id: b, text: global }', '- { id: a, text: nonlocal }\n      - { id: b, text: global, correct: true }');
    const put = await t.http.put(`/api/authoring/quizzes/${QUIZ}`).set('Authorization', `Bearer ${asTa.accessToken}`).send({ yaml: rigged });
    try {
      if (put.status < 300) {
        await finishQuiz(student.accessToken, false);
        await until('the score reached the LMS', () => lms.scores.some((s) => s.path.includes('li-ta')));
      }
      expect(lms.scores.filter((s) => s.path.includes('li-ta')).map((s) => s.body.scoreGiven)).toEqual([]);
      expect(put.status).toBe(403);
    } finally {
      await asAdmin(t.http.put(`/api/authoring/quizzes/${QUIZ}`)).send({ yaml: QUIZ_YAML });
    }
  });
});
