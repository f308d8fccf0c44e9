import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { parseFileText, type CourseItem } from '../../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../../apps/api/src/catalog/catalog.repository.js';
import { FakeLms, resourceLinkClaims, ROLE } from '../support/fake-lms.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ensureWebBuilt, launchChromium, snap, watchErrors } from './browser-support.js';

// LTI 1.3 in Chromium: the simulated LMS's course page shows PyQuiz in an iframe, on another
// site (LMS at 127.0.0.1, PyQuiz at localhost), so the launch goes through the real browser
// steps: login initiation, the LMS's form post of the id_token, the code exchange in the page.
const QUIZ = 'lti/browser-quiz';
const QUIZ_YAML = `kind: quiz
id: ${QUIZ}
title: Closures in the LMS
published: true
questions:
  - id: pick
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    points: 2
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global }
`;

describe('LTI 1.3 launch inside an LMS iframe (Chromium)', () => {
  let t: TestApp;
  let lms: FakeLms;
  let browser: Browser;
  let base: string;

  async function coursePage(hint: string, message = 'LtiResourceLinkRequest'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${lms.issuer}/course?hint=${hint}&message=${message}`);
    return page;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp({ SCRYPT_COST: '10', LOG_LEVEL: 'error' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://localhost:${(t.app.getHttpServer().address() as { port: number }).port}`;
    lms = new FakeLms(async () => (await t.http.get('/api/lti/jwks')).body as JSONWebKeySet);
    await lms.start();
    lms.toolLoginUrl = `${base}/api/lti/login`;
    const parsed = parseFileText(`${QUIZ}.yaml`, QUIZ_YAML);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'lti', hash: parsed.hash, sourceYaml: QUIZ_YAML });
    const admin = (await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' })).body.accessToken as string;
    await t.http
      .post('/api/admin/lti/platforms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Browser LMS', issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.authLoginUrl, tokenUrl: lms.tokenUrl, jwksUrl: lms.jwksUrl, deploymentIds: [lms.deploymentId] })
      .expect(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await lms?.close();
  });

  it('a learner clicks the link in the course, lands on the quiz signed in, finishes it, and the score reaches the LMS', async () => {
    lms.prepare('learner-b', (nonce) => resourceLinkClaims(lms, nonce, { sub: 'browser-learner', roles: [ROLE.learner], name: 'Grace Hopper', email: 'grace@school.example' }, QUIZ, lms.lineItemUrl('li-b')));
    const page = await coursePage('learner-b');
    const errors = watchErrors(page);
    const tool = page.frameLocator('iframe[title="PyQuiz"]');
    await tool.getByRole('heading', { name: 'Closures in the LMS' }).waitFor();
    expect(lms.authRequests.at(-1)?.get('redirect_uri')).toBe(`${base}/api/lti/launch`);
    await tool.getByRole('button', { name: 'Start an attempt' }).click();
    const question = tool.getByRole('region', { name: /Question 1 of/ });
    await question.getByRole('radio', { name: 'nonlocal' }).check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    await question.getByText('Correct').waitFor();
    await tool.getByRole('button', { name: 'Finish attempt' }).click();
    await tool.getByTestId('final-score').waitFor();
    await snap(page, 'lti-01-learner-in-iframe');
    for (let i = 0; i < 200 && lms.scores.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lms.scores.map((s) => s.body)).toEqual([expect.objectContaining({ userId: 'browser-learner', scoreGiven: 2, scoreMaximum: 2, gradingProgress: 'FullyGraded' })]);
    // The launch code is gone from the address (history.replace): Back cannot replay it.
    const frameUrl = page.frames().find((f) => f.url().startsWith(base))!.url();
    // (The quiz's Start opened the attempt at its own address.)
    expect(frameUrl).toMatch(/#\/attempt\/[0-9a-f-]{36}$/);
    expect(frameUrl).not.toContain('/lti/enter/');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an instructor selects content: picks a quiz in PyQuiz and the LMS receives the signed deep-linking reply', async () => {
    lms.prepare('teacher-b', (nonce) => ({
      sub: 'browser-teacher',
      nonce,
      name: 'Ada Teacher',
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingRequest',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
      'https://purl.imsglobal.org/spec/lti/claim/roles': [ROLE.instructor],
      'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': { deep_link_return_url: `${lms.issuer}/deep-link-return`, accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'] },
    }));
    const page = await coursePage('teacher-b', 'LtiDeepLinkingRequest');
    const errors = watchErrors(page);
    const tool = page.frameLocator('iframe[title="PyQuiz"]');
    await tool.getByRole('heading', { name: 'Add quizzes to your course' }).waitFor();
    await tool.getByRole('checkbox', { name: /Closures in the LMS/ }).check();
    await snap(page, 'lti-02-deep-linking-picker');
    await tool.getByRole('button', { name: /Add 1 to the course/ }).click();
    await tool.getByRole('heading', { name: 'Content added to the course' }).waitFor();
    expect(lms.deepLinkReplies).toHaveLength(1);
    const jwks = (await t.http.get('/api/lti/jwks')).body as JSONWebKeySet;
    const { payload } = await jwtVerify(lms.deepLinkReplies[0]!, createLocalJWKSet(jwks), { issuer: lms.clientId, audience: lms.issuer });
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items']).toEqual([
      { type: 'ltiResourceLink', title: 'Closures in the LMS', url: `${base}/api/lti/launch`, custom: { quiz: QUIZ }, lineItem: { scoreMaximum: 2, label: 'Closures in the LMS', resourceId: QUIZ } },
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the admin sees what to enter in the LMS, the registered LMS, and the scores sent to it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill('admin@example.org');
    await page.getByLabel('Password').fill('admin-password-for-tests');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'LMS', exact: true }).click();
    await page.getByRole('heading', { name: 'LMS integration (LTI 1.3)' }).waitFor();
    await page.getByText(`${base}/api/lti/login`).waitFor();
    await page.getByText(`${base}/api/lti/jwks`).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Browser LMS' }).textContent()).toContain(lms.deploymentId);
    await page.getByLabel('Show').selectOption('sent');
    await page.getByRole('cell', { name: 'browser-learner' }).waitFor();
    await snap(page, 'lti-03-admin-page');
    expect(errors).toEqual([]);
    await context.close();
  });
});
