import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { BrowserRun, DESKTOP, MOBILE, snap, watchErrors, type Credentials } from './browser-support.js';

// Issue 15, the journeys that were missing: authoring without reading the source, deep links
// through sign-in, a Python editor that indents like the starters, the admin's pages.
const INSTRUCTOR = { email: 'finished-instructor@example.org', password: 'instructor-password' };
const LEARNER = { email: 'finished-learner@example.org', password: 'learner-password' };
const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
/** The code runner's own limit here: small, so that the 429 is reached in a few requests. */
const RUNS_PER_MINUTE = 6;

describe('issue 15 finished journeys in Chromium', () => {
  let run: BrowserRun;
  let t: TestApp;
  let base: string;
  const tokens = new Map<string, string>();
  const open = (viewport: { width: number; height: number }) => run.open(viewport);
  async function fillSignIn(page: Page, who: { email: string; password: string }) {
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const signIn = (page: Page, who: Credentials) => run.signIn(page, who);
  const editorText = (page: Page, label: string) => page.getByRole('textbox', { name: label }).evaluate((el: any) => el.cmView?.view?.state.doc.toString() ?? el.innerText);

  beforeAll(async () => {
    run = await BrowserRun.start({ CODE_RUNS_PER_MINUTE: String(RUNS_PER_MINUTE) });
    ({ t, base } = run);
    for (const [who, role] of [[INSTRUCTOR, 'instructor'], [LEARNER, 'learner']] as const) tokens.set(role, await run.register(who, role));
  }, 180_000);

  afterEach(() => run.snapOpenPages('finished-last'));

  afterAll(() => run?.close());

  it('admin: an empty dashboard says "No data yet" instead of drawing empty charts', async () => {
    // First in this file: nobody has started or submitted anything yet.
    const page = await open(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, ADMIN);
    await page.goto(`${base}/#/admin`);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    for (const id of ['chart-scores', 'chart-questions', 'chart-activity']) {
      const chart = page.getByTestId(id);
      await chart.getByText('No data yet').waitFor();
      expect(await chart.locator('canvas').count()).toBe(0);
    }
    await page.getByText(/No data yet: nobody has started/).waitFor();
    await snap(page, 'finished-00-empty-dashboard-desktop');
    expect(errors).toEqual([]);
  }, 120_000);

  it('instructor at 390 px: every action of the exercise list is on screen, and unpublishing asks first', async () => {
    const page = await open({ width: 390, height: 844 });
    const errors = watchErrors(page);
    await signIn(page, INSTRUCTOR);
    await page.goto(`${base}/#/instructor`);
    const row = page.getByRole('row', { name: /Make a counter/ });
    await row.waitFor();
    for (const name of [/^Edit /, /^Preview /, /^Regrade /, /^Unpublish /]) {
      const action = row.getByRole(name.source.startsWith('^Unpublish') ? 'button' : 'link', { name });
      const box = (await action.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);
    expect(wide).toBe(false);
    await snap(page, 'finished-05-exercise-list-390');

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await row.getByRole('button', { name: /^Unpublish / }).click();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Unpublish “Make a counter”?');
    expect(await row.getByRole('cell', { name: 'Published' }).count()).toBe(1);
    const published = await t.prisma.quiz.findUnique({ where: { id: 'closures/make-counter' }, select: { published: true } });
    expect(published?.published).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /^Unpublish / }).click();
    await row.getByRole('cell', { name: 'Hidden' }).waitFor();
    await row.getByRole('button', { name: /^Publish / }).click();
    await row.getByRole('cell', { name: 'Published' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('instructor: rules and guide up front, a template inserted and verified, then the reference, a wrong solution and typed code run against every test, hidden ones shown', async () => {
    const page = await open(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, INSTRUCTOR);
    await page.goto(`${base}/#/instructor/new`);
    const rules = page.getByTestId('authoring-rules');
    await rules.waitFor();
    expect(await rules.textContent()).toMatch(/at least two wrong_solutions.*fails.*feedback/);

    await rules.getByRole('link', { name: 'authoring guide' }).click();
    await page.getByRole('heading', { name: 'Authoring guide' }).waitFor();
    await page.getByRole('heading', { name: 'Wrong solutions' }).waitFor();
    await page.getByRole('heading', { name: 'Quiz files' }).waitFor();
    await snap(page, 'finished-01-authoring-guide-desktop');
    await page.goBack();

    await page.getByLabel('Template').selectOption({ label: 'Exercise file (one code question)' });
    await page.getByRole('button', { name: 'Insert template' }).click();
    expect(await editorText(page, 'Quiz YAML')).toContain('kind: exercise');
    await page.getByLabel('Also grade the reference and wrong solutions').check();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Valid, solutions verified: my-course/add-one').waitFor({ timeout: 90_000 });

    const runner = page.getByRole('region', { name: 'Run code against every test' });
    await runner.getByRole('button', { name: 'Load the code questions from the editor' }).click();
    const results = runner.getByTestId('try-code-results');
    await runner.getByRole('button', { name: 'Run every test' }).click();
    await results.getByText('3 / 3 points · 2 of 2 tests passed').waitFor({ timeout: 60_000 });

    await runner.getByLabel('Code to run', { exact: true }).selectOption({ label: 'Wrong solution “adds-two”' });
    expect(await editorText(page, 'Code to run against the tests')).toContain('return x + 2');
    await runner.getByRole('button', { name: 'Run every test' }).click();
    await results.getByText('0 / 3 points · 0 of 2 tests passed').waitFor({ timeout: 60_000 });
    const hidden = results.getByRole('listitem').filter({ hasText: 'adds_one_to_negative' });
    expect(await hidden.textContent()).toContain('(hidden test)');
    // The grader's real verdict on the hidden test, and apart from it the author's feedback.
    expect(await hidden.locator('.engine-message').textContent()).toContain('1 != 0');
    expect(await hidden.locator('.author-feedback').textContent()).toContain('add_one(-1) should be 0: add exactly one.');
    await snap(page, 'finished-02-wrong-solution-run-desktop');

    await page.getByRole('textbox', { name: 'Code to run against the tests' }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('def add_one(x):\n    raise ValueError("not yet")\n');
    expect(await runner.getByLabel('Code to run', { exact: true }).inputValue()).toBe('own');
    await runner.getByRole('button', { name: 'Run every test' }).click();
    await results.getByText('0 / 3 points · 0 of 2 tests passed').waitFor({ timeout: 60_000 });
    await results.getByRole('listitem').filter({ hasText: 'adds_one_to_negative' }).getByText(/ValueError: not yet/).waitFor();
    expect(errors).toEqual([]);
  }, 300_000);

  it('a deep link survives sign-in, and registering from it', async () => {
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    await page.goto(`${base}/#/quiz/closures/scope-basics`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await fillSignIn(page, LEARNER);
    await page.getByRole('button', { name: 'Start an attempt' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/quiz/closures/scope-basics');
    await snap(page, 'finished-03-deep-link-after-sign-in-375');

    const newcomer = await open(MOBILE);
    await newcomer.goto(`${base}/#/quiz/closures/make-counter`);
    await newcomer.getByRole('link', { name: 'Create an account' }).click();
    await newcomer.getByRole('heading', { name: 'Create your account' }).waitFor();
    await newcomer.getByLabel('Name').fill('Newcomer');
    await newcomer.getByLabel('Email').fill('finished-newcomer@example.org');
    await newcomer.getByLabel('Password').fill('newcomer-password');
    await newcomer.getByRole('button', { name: 'Register' }).click();
    await newcomer.getByRole('button', { name: 'Start an attempt' }).waitFor();
    expect(new URL(newcomer.url()).hash).toBe('#/quiz/closures/make-counter');
    expect(errors).toEqual([]);
  }, 120_000);

  it('learner: the Python editor indents 4 spaces after a colon and on Tab; Esc then Tab moves on', async () => {
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    await signIn(page, LEARNER);
    await page.goto(`${base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const editor = page.getByRole('textbox', { name: /Python code for/ });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('def f(x):');
    await page.keyboard.press('Enter');
    await page.keyboard.type('if x:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('return 1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('return 0');
    const text = () => editor.evaluate((el: any) => (el.cmView?.view?.state.doc.toString() ?? el.innerText) as string);
    // Each level is 4 spaces (CodeMirror's default unit is 2), after a colon and on Enter alike.
    expect(await text()).toBe('def f(x):\n    if x:\n        return 1\n        return 0');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Tab');
    expect((await text()).split('\n')[0]).toBe('    def f(x):');
    expect(await page.getByText('Tab indents by 4 spaces').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (globalThis as any).document.activeElement?.textContent ?? '');
    expect(focused).toBe('Run visible tests');
    await snap(page, 'finished-04-editor-indents-375');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the code runner API: instructors only, bounded, named errors, rate-limited', async () => {
    const yaml = (await import('../../apps/web/src/instructor/templates.js')).TEMPLATES[0]!.yaml;
    const body = { yaml, question: 'my-course/add-one', source: 'def add_one(x):\n    return x + 1\n' };
    await t.http.post('/api/authoring/code/try').set('Authorization', tokens.get('learner')!).send(body).expect(403);
    const big = await t.http.post('/api/authoring/code/try').set('Authorization', tokens.get('instructor')!).send({ ...body, source: 'x'.repeat(70_000) }).expect(400);
    expect(JSON.stringify(big.body.message)).toContain('source must be at most 65536 characters');
    const unknown = await t.http.post('/api/authoring/code/try').set('Authorization', tokens.get('instructor')!).send({ ...body, question: 'my-course/nope' }).expect(404);
    expect(unknown.body.message).toContain('"my-course/add-one"');
    const broken = await t.http.post('/api/authoring/code/try').set('Authorization', tokens.get('instructor')!).send({ ...body, yaml: `${yaml}\nexpect: 1\n` }).expect(422);
    expect(broken.body.details.errors[0]).toMatchObject({ path: 'expect' });

    // A fresh instructor: the limit counts runs per user.
    const other = await t.http.post('/api/auth/register').send({ email: 'finished-busy@example.org', password: 'instructor-password', displayName: 'Busy' }).expect(201);
    await t.prisma.user.update({ where: { id: other.body.user.id }, data: { role: 'instructor' } });
    const statuses: number[] = [];
    for (let i = 0; i <= RUNS_PER_MINUTE; i++) {
      statuses.push((await t.http.post('/api/authoring/code/try').set('Authorization', `Bearer ${other.body.accessToken}`).send(body)).status);
    }
    expect(statuses).toEqual([...Array(RUNS_PER_MINUTE).fill(200), 429]);
  }, 120_000);

  it('admin: drills down from the learner table to a learner\'s attempts and each submission\'s code and verdict', async () => {
    const who = { email: 'finished-drill@example.org', password: 'learner-password' };
    const registered = await t.http.post('/api/auth/register').send({ ...who, displayName: 'Drill Down' }).expect(201);
    const auth = `Bearer ${registered.body.accessToken}`;
    const attempt = await t.http.post('/api/quizzes/closures/make-counter/attempts').set('Authorization', auth).expect(201);
    const source = 'def make_counter():\n    # drill_marker_31\n    count = 0\n\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n\n    return counter\n';
    let submission = (await t.http.post(`/api/attempts/${attempt.body.id}/questions/make-counter/submissions`).set('Authorization', auth).send({ source })).body;
    for (let i = 0; i < 120 && (submission.status === 'pending' || submission.status === 'grading'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      submission = (await t.http.get(`/api/submissions/${submission.id}`).set('Authorization', auth).expect(200)).body;
    }
    expect(submission.status).toBe('graded');

    const userId = registered.body.user.id as string;
    await t.http.get(`/api/admin/learners/${userId}/submissions`).set('Authorization', auth).expect(403);
    const asInstructor = await t.http.get(`/api/admin/learners/${userId}/submissions?pageSize=5`).set('Authorization', tokens.get('instructor')!).expect(200);
    expect(asInstructor.body).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ questionKey: 'make-counter', kind: 'submit', source }] });
    await t.http.get('/api/admin/learners/00000000-0000-4000-8000-000000000000/attempts').set('Authorization', tokens.get('instructor')!).expect(404);
    const bad = await t.http.get(`/api/admin/learners/${userId}/submissions?attemptId=nope`).set('Authorization', tokens.get('instructor')!).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('attemptId');

    const page = await open(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, ADMIN);
    await page.goto(`${base}/#/admin`);
    await page.getByRole('button', { name: `Open the work of ${who.email}` }).click();
    const work = page.getByRole('region', { name: /Work of Drill Down/ });
    await work.getByRole('row', { name: /Make a counter/ }).waitFor();
    await work.getByRole('button', { name: /1 run or submission of Make a counter/ }).click();
    await work.getByRole('heading', { name: /Code of the chosen attempt/ }).waitFor();
    const item = work.getByTestId('learner-submission');
    await item.waitFor();
    expect(await item.locator('.verdict').textContent()).toMatch(/^\d+ \/ \d+ points · \d+ of \d+ tests passed$/);
    expect(await item.locator('.verdict').textContent()).toBe(`${submission.points} / ${submission.maxPoints} points · ${submission.passed} of ${submission.total} tests passed`);
    await item.getByText('Code', { exact: true }).click();
    await item.getByText('drill_marker_31').waitFor();
    await item.getByText('Tests', { exact: true }).click();
    await snap(page, 'finished-06-learner-drill-down-desktop');
    expect(errors).toEqual([]);
  }, 180_000);

  it('learner: a failing test shows the grader\'s message and the author\'s feedback apart', async () => {
    const who = { email: 'finished-apart@example.org', password: 'learner-password' };
    await t.http.post('/api/auth/register').send({ ...who, displayName: 'Apart' }).expect(201);
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    await signIn(page, who);
    await page.goto(`${base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const editor = page.getByRole('textbox', { name: /Python code for/ });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('def make_counter():\n    count = 0\n\n    def counter():\n        count += 1\n        return count\n\n    return counter\n');
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    await page.getByText('Visible tests: 0 of 2 passed').waitFor({ timeout: 60_000 });
    const first = page.locator('li.test').filter({ hasText: 'first_call_returns_1' });
    const engine = await first.getByTestId('engine-message').textContent();
    const author = await first.getByTestId('author-feedback').textContent();
    expect(engine).toContain('UnboundLocalError');
    expect(engine).not.toContain('The first call must return 1');
    expect(author).toContain('The first call must return 1.');
    expect(author).not.toContain('UnboundLocalError:');
    await snap(page, 'finished-07-engine-and-feedback-apart-375');
    expect(errors).toEqual([]);
  }, 120_000);
});
