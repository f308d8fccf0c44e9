import type { Page } from 'playwright-core';
import { exerciseYaml } from '../../apps/api/src/authoring/testing/authoring-fixtures.js';
import type { TestApp } from '../support/app.js';
import { BrowserRun, DESKTOP, MOBILE, snap, watchErrors, type Credentials } from './browser-support.js';

// Issue 15, the bugs a teacher and a learner tripped over, walked in Chromium.
const ID = 'journeys/double-it';
const INSTRUCTOR = { email: 'journeys-instructor@example.org', password: 'instructor-password' };
const LEARNER = { email: 'journeys-learner@example.org', password: 'learner-password' };
const RIGHT = 'def make_counter():\n    count = 0\n\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n\n    return counter\n';
const DOUBLE = 'def double(x):\n    return 2 * x\n';
/** Version 2 adds a 2-point test `double` fails: the learner's 3 / 3 becomes 3 / 5. */
const V2 = exerciseYaml({ id: ID }).replace('\nsolution: |', '\n  - name: doubles_minus_one\n    expr: "double(-1) + 1"\n    expected: 0\n    points: 2\nsolution: |');

describe('issue 15 journeys in Chromium', () => {
  let run: BrowserRun;
  let t: TestApp;
  let base: string;
  const tokens = new Map<string, string>();
  const open = (viewport: { width: number; height: number }) => run.open(viewport);
  const signIn = (page: Page, who: Credentials) => run.signIn(page, who);
  async function setCode(page: Page, label: RegExp | string, source: string) {
    await page.getByRole('textbox', { name: label }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(source);
  }
  /**
   * Waits until the focused element has this id or data-testid. Polled from here: the pages' CSP
   * forbids the eval that waitForFunction's in-page polling needs.
   */
  async function focusMovesTo(page: Page, name: string): Promise<void> {
    const focusedName = () =>
      page.evaluate(() => {
        const el = (globalThis as any).document.activeElement;
        return el ? `${el.id}|${el.getAttribute('data-testid') ?? ''}` : '';
      });
    let seen = '';
    for (const giveUpAt = Date.now() + 5_000; Date.now() < giveUpAt; await new Promise((resolve) => setTimeout(resolve, 50))) {
      seen = await focusedName();
      if (seen.split('|').includes(name)) return;
    }
    throw new Error(`focus did not move to "${name}"; the focused element is "${seen}" (id|data-testid)`);
  }
  // Page-side code: the root tsconfig has no DOM lib, so the browser's globals are reached untyped.
  const inViewport = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el: any) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= (globalThis as any).innerHeight;
    });
  /** WCAG contrast ratio of an element's text colour against its own background. */
  const contrastOf = (label: any): number => {
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const lum = (css: string) => {
      const [r, g, b] = css.match(/[0-9.]+/g)!.slice(0, 3).map((v) => lin(Number(v) / 255));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = (globalThis as any).getComputedStyle(label);
    const [hi, lo] = [lum(style.color), lum(style.backgroundColor)].sort((a, b) => b - a);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  beforeAll(async () => {
    run = await BrowserRun.start();
    ({ t, base } = run);
    for (const [who, role] of [[INSTRUCTOR, 'instructor'], [LEARNER, 'learner']] as const) tokens.set(role, await run.register(who, role));
  }, 180_000);

  afterEach(() => run.snapOpenPages('journeys-last'));

  afterAll(() => run?.close());

  it('learner: focus follows Start, Check answer and Finish; the pick stays visible; an oversized paste is refused plainly', async () => {
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, LEARNER);

    await page.goto(`${base}/#/quiz/closures/scope-basics`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const first = page.getByRole('region', { name: /Question 1 of/ });
    await first.waitFor();
    await focusMovesTo(page, 'page-title');
    await first.getByRole('radio', { name: 'x', exact: true }).check();
    await first.getByRole('button', { name: 'Check answer' }).click();
    await first.getByText('Correct').waitFor();
    await focusMovesTo(page, 'answer-verdict');
    // The pick of a locked question: marked in words and drawn dark on a tinted row.
    const picked = first.locator('label.choice.picked');
    expect(await picked.count()).toBe(1);
    expect(await picked.getByText('Your answer').isVisible()).toBe(true);
    const contrast = await picked.evaluate(contrastOf);
    expect(contrast).toBeGreaterThanOrEqual(7);
    await snap(page, 'journeys-01-choice-answered-375');

    await page.getByRole('button', { name: 'Finish attempt' }).click();
    await page.getByTestId('final-score').waitFor();
    await focusMovesTo(page, 'final-score');
    expect(await inViewport(page, 'final-score')).toBe(true);
    await snap(page, 'journeys-02-finished-375');

    await page.goto(`${base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    await page.getByRole('textbox', { name: /Python code for/ }).waitFor();
    await focusMovesTo(page, 'page-title');
    await setCode(page, /Python code for/, RIGHT);
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    await page.getByText('Visible tests: 2 of 2 passed').waitFor({ timeout: 60_000 });
    await focusMovesTo(page, 'grading-outcome');

    await setCode(page, /Python code for/, `${RIGHT}# ${'x'.repeat(400 * 1024)}\n`);
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    await page.getByRole('alert').filter({ hasText: /the limit is 65,536/ }).waitFor();
    expect(await page.getByText('Visible tests: 2 of 2 passed').count()).toBe(0);
    const status = await page.locator('.grading-status').textContent();
    expect(status).not.toContain('finished');
    expect(status).toContain('No result');
    await focusMovesTo(page, 'grading-outcome');
    await snap(page, 'journeys-03-oversized-paste-375');
    expect(errors).toEqual([]);
  }, 240_000);

  it('instructor: admin page refused accurately; Upload confirmed after the switch to Edit; a new version stays published; regrade 3/3 -> 3/5 reads as down', async () => {
    const page = await open(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, INSTRUCTOR);
    await page.goto(`${base}/#/admin`);
    await page.getByRole('heading', { name: 'This page is for admins only.' }).waitFor();

    await page.goto(`${base}/#/instructor/new`);
    await page.getByLabel('Load a YAML file').setInputFiles({ name: 'double.yaml', mimeType: 'text/yaml', buffer: Buffer.from(exerciseYaml({ id: ID })) });
    await page.getByText(`Valid: ${ID}`).waitFor();
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'Edit Double it' }).waitFor();
    const confirmation = page.getByTestId('save-confirmation');
    expect(await confirmation.textContent()).toBe(`Uploaded ${ID}: version 1. It is hidden from learners until you publish it from the Exercises list.`);
    await snap(page, 'journeys-04-uploaded-desktop');

    // The same id again: words and a link, no API route.
    await page.goto(`${base}/#/instructor/new`);
    await page.getByLabel('Load a YAML file').setInputFiles({ name: 'double.yaml', mimeType: 'text/yaml', buffer: Buffer.from(exerciseYaml({ id: ID })) });
    await page.getByText(`Valid: ${ID}`).waitFor();
    await page.getByRole('button', { name: 'Upload' }).click();
    const taken = page.getByRole('alert').filter({ hasText: 'already exists' });
    await taken.waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/PUT|\/api\//);
    await page.getByRole('link', { name: `Open ${ID} in the editor` }).waitFor();

    await page.goto(`${base}/#/instructor`);
    await page.getByRole('button', { name: 'Publish Double it' }).click();
    await page.getByRole('row', { name: /Double it/ }).getByRole('cell', { name: 'Published' }).waitFor();

    // A learner scores 3 / 3 on version 1.
    const learner = tokens.get('learner')!;
    const attempt = await t.http.post(`/api/quizzes/${ID}/attempts`).set('Authorization', learner).expect(201);
    let submission = (await t.http.post(`/api/attempts/${attempt.body.id}/questions/double-it/submissions`).set('Authorization', learner).send({ source: DOUBLE })).body;
    for (let i = 0; i < 120 && (submission.status === 'pending' || submission.status === 'grading'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      submission = (await t.http.get(`/api/submissions/${submission.id}`).set('Authorization', learner).expect(200)).body;
    }
    expect(submission).toMatchObject({ status: 'graded', points: 3 });
    await t.http.post(`/api/attempts/${attempt.body.id}/submit`).set('Authorization', learner).expect(200);

    await page.goto(`${base}/#/instructor/edit/${ID}`);
    await page.getByRole('heading', { name: 'Edit Double it' }).waitFor();
    await setCode(page, 'Quiz YAML', V2);
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByTestId('save-confirmation').filter({ hasText: 'version 2' }).waitFor();
    expect(await page.getByTestId('save-confirmation').textContent()).toBe(`Saved ${ID} as a new version: version 2. It stays published: learners see this version.`);
    await page.goto(`${base}/#/instructor`);
    await page.getByRole('row', { name: /Double it/ }).getByRole('cell', { name: 'Published' }).waitFor();

    await page.goto(`${base}/#/instructor/regrade/${ID}`);
    await page.getByRole('button', { name: 'Preview score changes' }).click();
    const summary = page.locator('p.card').filter({ hasText: 'submissions regraded' });
    await summary.waitFor({ timeout: 60_000 });
    expect((await summary.textContent())?.replace(/\s+/g, ' ')).toBe('Version 2: 1 submissions regraded, 1 changed (0 up, 1 down), mean change −40 % of the maximum (0 points).');
    await snap(page, 'journeys-05-regrade-preview-desktop');
    await page.getByRole('button', { name: 'Commit this regrade' }).click();
    await page.getByText('Regrade committed: the new scores are stored.').waitFor();
    expect(errors).toEqual([]);

    // The learner's course card and history: 3 / 5, and the history link still opens the exercise.
    const learnerPage = await open(MOBILE);
    await signIn(learnerPage, LEARNER);
    const card = learnerPage.getByRole('listitem').filter({ hasText: 'Double it' });
    await card.waitFor();
    expect(await card.locator('.score-line strong').textContent()).toBe('3 / 5');
    await learnerPage.goto(`${base}/#/history`);
    const row = learnerPage.getByRole('row', { name: /Double it/ });
    await row.getByRole('cell', { name: '3 / 5' }).waitFor();
    await row.getByRole('link', { name: 'Double it' }).click();
    await learnerPage.getByRole('button', { name: 'Start an attempt' }).waitFor();
    await snap(learnerPage, 'journeys-06-learner-after-regrade-375');
  }, 240_000);

  it('admin: finds a user on the Users page, makes them an instructor, and cannot demote the last admin', async () => {
    const NEWCOMER = { email: 'journeys-newcomer@example.org', password: 'newcomer-password' };
    await t.http.post('/api/auth/register').send({ ...NEWCOMER, displayName: 'Newcomer' }).expect(201);
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, { email: 'admin@example.org', password: 'admin-password-for-tests' });
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();

    await page.getByLabel('Find by email or name').fill('NEWCOMER');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 user matching “NEWCOMER”.').waitFor();
    await page.getByLabel(`Role of ${NEWCOMER.email}`).selectOption('instructor');
    await page.getByRole('button', { name: `Save the role of ${NEWCOMER.email}` }).click();
    await page.getByTestId('role-confirmation').filter({ hasText: `${NEWCOMER.email} is now an instructor.` }).waitFor();
    const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);
    expect(wide).toBe(false);
    await snap(page, 'journeys-07-users-375');

    await page.getByLabel('Find by email or name').fill('admin@example.org');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 user matching “admin@example.org”.').waitFor();
    await page.getByLabel('Role of admin@example.org').selectOption('learner');
    await page.getByRole('button', { name: 'Save the role of admin@example.org' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cannot demote the last admin' }).waitFor();
    expect(errors).toEqual([]);

    const newcomer = await open(DESKTOP);
    await signIn(newcomer, NEWCOMER);
    await newcomer.getByRole('link', { name: 'Exercises' }).waitFor();
  }, 120_000);
});
