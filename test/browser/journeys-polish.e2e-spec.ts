import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { BrowserRun, DESKTOP, snap, watchErrors, type Credentials } from './browser-support.js';

// Issues 15 and 16 walked again as a teacher, a learner and an admin would: where the focus lands
// after each action (never the page body), a Parsons problem at phone width, a one-minute exam
// that says "1 minute", and a visible test whose setup has several lines.
const INSTRUCTOR = { email: 'polish-instructor@example.org', password: 'instructor-password' };
const LEARNER = { email: 'polish-learner@example.org', password: 'learner-password' };
const NEWCOMER = { email: 'polish-newcomer@example.org', password: 'newcomer-password' };
const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
const PHONE = { width: 390, height: 844 };
const ONE_MINUTE = `kind: quiz
id: polish/one-minute
title: One-minute check
attempts: 1
exam:
  minutes: 1
questions:
  - id: keyword
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global }
`;

describe('issues 15 and 16 walked again in Chromium', () => {
  let run: BrowserRun;
  let t: TestApp;
  let base: string;
  const signIn = (page: Page, who: Credentials) => run.signIn(page, who);

  /** `tag#id|data-testid|text` of the focused element, polled until `want` matches (the CSP forbids in-page polling). */
  async function focusSettlesOn(page: Page, want: RegExp): Promise<string> {
    let seen = '';
    for (const giveUpAt = Date.now() + 5_000; Date.now() < giveUpAt; await new Promise((resolve) => setTimeout(resolve, 50))) {
      seen = await page.evaluate(() => {
        const el = (globalThis as any).document.activeElement;
        return el ? `${el.tagName}#${el.id}|${el.getAttribute('data-testid') ?? ''}|${(el.textContent ?? '').trim().slice(0, 80)}` : '';
      });
      if (want.test(seen)) return seen;
    }
    throw new Error(`the focus did not settle on ${want}; it is on "${seen}"`);
  }

  beforeAll(async () => {
    run = await BrowserRun.start();
    ({ t, base } = run);
    await run.register(INSTRUCTOR, 'instructor');
    await run.register(LEARNER, 'learner');
    await run.register(NEWCOMER, 'learner');
  }, 180_000);

  afterEach(() => run.snapOpenPages('polish-last'));

  afterAll(() => run?.close());

  it('learner: signing in on a deep link lands on that page with the focus on its title', async () => {
    const page = await run.open(PHONE);
    const errors = watchErrors(page);
    await page.goto(`${base}/#/quiz/closures/make-greeter`);
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill(LEARNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Make a greeter' }).waitFor();
    await focusSettlesOn(page, /^H1#page-title\|\|Make a greeter$/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('admin: after saving a role the focus is on the confirmation, not the page body', async () => {
    const page = await run.open(PHONE);
    await signIn(page, ADMIN);
    await page.goto(`${base}/#/admin/users`);
    await page.getByLabel('Find by email or name').fill(NEWCOMER.email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(`1 user matching “${NEWCOMER.email}”.`).waitFor();
    await page.getByLabel(`Role of ${NEWCOMER.email}`).selectOption('instructor');
    await page.getByRole('button', { name: `Save the role of ${NEWCOMER.email}` }).click();
    await focusSettlesOn(page, /\|role-confirmation\|polish-newcomer@example.org is now an instructor\.$/);
  }, 60_000);

  it('instructor: Validate and Save keep the focus on their button; a committed regrade focuses what says so', async () => {
    const page = await run.open(DESKTOP);
    await signIn(page, INSTRUCTOR);
    await page.goto(`${base}/#/instructor/edit/closures/make-greeter`);
    await page.getByRole('heading', { name: 'Edit Make a greeter' }).waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Valid: closures/make-greeter').waitFor();
    await focusSettlesOn(page, /^BUTTON#\|\|Validate$/);
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByTestId('save-confirmation').waitFor();
    await focusSettlesOn(page, /^BUTTON#\|\|Save a new version$/);

    await page.goto(`${base}/#/instructor/regrade/closures/make-greeter`);
    await page.getByRole('button', { name: 'Preview score changes' }).click();
    await page.getByRole('button', { name: 'Commit this regrade' }).click();
    await page.getByText('Regrade committed: the new scores are stored.').waitFor();
    await focusSettlesOn(page, /\|regrade-status\|Regrade committed/);
  }, 120_000);

  it('a one-minute exam says "1 minute"; releasing its scores keeps the focus on the release button', async () => {
    const instructorToken = `Bearer ${(await t.http.post('/api/auth/login').send(INSTRUCTOR).expect(200)).body.accessToken}`;
    await t.http.post('/api/authoring/quizzes').set('Authorization', instructorToken).send({ yaml: ONE_MINUTE }).expect(201);
    await t.http.post('/api/authoring/quizzes/polish/one-minute/publish').set('Authorization', instructorToken).expect(200);

    const learner = await run.open(PHONE);
    await signIn(learner, LEARNER);
    await learner.goto(`${base}/#/quiz/polish/one-minute`);
    const notice = learner.getByTestId('exam-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('You have 1 minute per attempt');
    expect(await learner.getByRole('button', { name: 'Start the exam (1 minute)' }).count()).toBe(1);

    const staff = await run.open(PHONE);
    await signIn(staff, INSTRUCTOR);
    await staff.goto(`${base}/#/instructor/exam/polish/one-minute`);
    await staff.getByTestId('release-state').waitFor();
    expect(await staff.getByText('1 minute per attempt').count()).toBe(1);
    await staff.getByRole('button', { name: 'Release scores' }).click();
    await staff.getByRole('button', { name: 'Hide scores again' }).waitFor();
    await focusSettlesOn(staff, /^BUTTON#\|\|Hide scores again$/);
    await staff.getByRole('button', { name: 'Hide scores again' }).click();
    await staff.getByRole('button', { name: 'Release scores' }).waitFor();
    await focusSettlesOn(staff, /^BUTTON#\|\|Release scores$/);
  }, 120_000);

  it('learner at 390 px: every button of an indented Parsons line stays on screen', async () => {
    const page = await run.open(PHONE);
    await signIn(page, LEARNER);
    await page.goto(`${base}/#/quiz/closures/closure-anatomy`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const problem = page.locator('[data-question="build-multipliers"]');
    await problem.waitFor();
    const lines = ['def make_multipliers():', 'multipliers = []', 'for i in range(3):', 'def times(x, i=i):', 'return x * i'];
    for (const line of lines) await problem.getByRole('button', { name: `Add ${line} to your program` }).click();
    for (const [index, depth] of [1, 1, 2, 3].entries()) {
      for (let step = 0; step < depth; step++) await problem.getByRole('button', { name: `Indent ${lines[index + 1]}` }).click();
    }
    await problem.getByTestId('parsons-line').nth(4).scrollIntoViewIfNeeded();
    for (const line of lines) {
      for (const name of [`Move ${line} up`, `Move ${line} down`, `Outdent ${line}`, `Indent ${line}`, `Remove ${line} from your program`]) {
        const box = (await problem.getByRole('button', { name, exact: true }).boundingBox())!;
        expect({ name, right: Math.round(box.x + box.width) <= PHONE.width, left: box.x >= 0 }).toEqual({ name, right: true, left: true });
      }
    }
    const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);
    expect(wide).toBe(false);
    await snap(page, 'polish-01-parsons-390');
  }, 120_000);

  it('learner: a visible test whose setup has several lines reads as separate statements', async () => {
    const page = await run.open(PHONE);
    await signIn(page, LEARNER);
    await page.goto(`${base}/#/quiz/closures/step-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const example = page.locator('.examples li').filter({ hasText: 'second_tick' });
    await example.waitFor();
    expect(await example.textContent()).toMatch(/^second_tick: t = make_counter\(\); t\(\); t\(\) - \d+ → \d+$/);
  }, 60_000);
});
