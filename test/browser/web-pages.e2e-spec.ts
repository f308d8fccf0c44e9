import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { BrowserRun, DESKTOP, MOBILE, snap, watchErrors, type Credentials } from './browser-support.js';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
const LEARNER = { email: 'web-learner@example.org', password: 'learner-password', name: 'Web Learner' };
const INSTRUCTOR = { email: 'web-instructor@example.org', password: 'instructor-password' };

const NO_NONLOCAL = 'def make_counter():\n    count = 0\n\n    def counter():\n        count += 1\n        return count\n\n    return counter\n';
const RIGHT = 'def make_counter():\n    count = 0\n\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n\n    return counter\n';
/** `points: two` on line 8, column 13: the validator must point there. */
const BROKEN_YAML = [
  'kind: quiz',
  'id: demo/broken',
  'title: Broken quiz',
  'questions:',
  '  - id: q1',
  '    type: single_choice',
  '    prompt: Pick one',
  '    points: two',
  '    choices:',
  '      - { id: a, text: A, correct: true }',
  '      - { id: b, text: B }',
  '',
].join('\n');

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

describe('web pages in Chromium', () => {
  let run: BrowserRun;
  let t: TestApp;
  let base: string;
  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const page = await run.open(viewport);
    if (process.env.WEB_E2E_DEBUG) {
      page.on('console', (m) => console.log('console', m.type(), m.text()));
      page.on('pageerror', (e) => console.log('pageerror', e.message));
      page.on('response', (r) => void r.text().then((body) => console.log(r.request().method(), r.url(), r.status(), body.slice(0, 300)), () => undefined));
    }
    return page;
  }
  const signIn = (page: Page, who: Credentials) => run.signIn(page, who);
  async function setCode(page: Page, source: string) {
    const editor = page.getByRole('textbox', { name: /Python code for/ });
    await editor.click();
    await page.keyboard.press('Control+A');
    // insertText types no Enter key, so the editor's auto-indent cannot reshape the code.
    await page.keyboard.insertText(source);
  }

  beforeAll(async () => {
    run = await BrowserRun.start();
    ({ t, base } = run);
  }, 180_000);

  // A failed step leaves a picture of what the user saw.
  afterEach(() => run.snapOpenPages('last', 60));

  afterAll(() => run?.close());

  it('a learner registers, answers a choice question, submits a wrong then a right solution and sees the score', async () => {
    const page = await open(MOBILE);
    const errors = watchErrors(page);
    await page.goto(`${base}/#/register`);
    await page.getByLabel('Name').fill(LEARNER.name);
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill(LEARNER.password);
    await snap(page, 'learner-01-register-375');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
    await snap(page, 'learner-02-course-375');
    // The course under its course.yaml title and description, in its order, under its sections'
    // headings (the scope rules first), each item with its concept tags.
    const course = page.getByRole('region', { name: 'Python closures' });
    await course.getByText('Scopes, closures and what they are good for').waitFor();
    const sections = await course.getByRole('heading', { level: 3 }).allTextContents();
    expect(sections.slice(0, 2)).toEqual(['Scopes and the definition of a closure', 'Factories and state']);
    const firstSection = page.getByRole('region', { name: 'Scopes and the definition of a closure' });
    expect(await firstSection.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
      expect.stringContaining('Scopes: nested functions'), expect.stringContaining('Anatomy of a closure'),
    ]);
    expect(await firstSection.getByRole('list', { name: 'Concepts' }).first().getByText('nonlocal', { exact: true }).count()).toBe(1);

    await page.getByRole('link', { name: /Start: Scopes/ }).click();
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const first = page.getByRole('region', { name: /Question 1 of/ });
    await first.getByRole('radio', { name: 'x', exact: true }).check();
    await first.getByRole('button', { name: 'Check answer' }).click();
    await first.getByText('Correct').waitFor();
    expect(await first.getByText('1 / 1 points').count()).toBe(1);

    // Ordering by keyboard: Alt+Down moves the focused item one place and announces it.
    const ordering = page.getByRole('region', { name: /Question 2 of/ }).getByTestId('ordering-item');
    const before = await ordering.allTextContents();
    await ordering.first().focus();
    await page.keyboard.press('Alt+ArrowDown');
    const afterKeys = await ordering.allTextContents();
    expect(afterKeys[1]).toBe(before[0]);
    expect(await page.getByText(/moved to position 2 of 4/).count()).toBe(1);
    // ... and by dragging the last item onto the first.
    await ordering.last().dragTo(ordering.first());
    expect((await ordering.allTextContents())[0]).toBe(afterKeys[3]);
    await snap(page, 'learner-03-quiz-answered-375');

    const { maxScore } = (await t.http.get('/api/quizzes/closures/make-counter').expect(200)).body as { maxScore: number };
    await page.goto(`${base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    await page.getByRole('textbox', { name: /Python code for/ }).waitFor();
    await setCode(page, NO_NONLOCAL);
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    await page.getByText('Visible tests: 0 of 2 passed').waitFor({ timeout: 60_000 });
    expect(await page.getByText('Your code raised an exception').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('progressbar', { name: 'Grading progress' }).waitFor();
    const headline = page.getByTestId('submission-headline');
    await headline.filter({ hasText: 'Score:' }).waitFor({ timeout: 60_000 });
    const wrong = await headline.textContent();
    const [, points, max, passed] = /^Score: (\d+) \/ (\d+) points · (\d+) of 8 tests passed$/.exec(wrong ?? '') ?? [];
    expect([Number(max), Number(points) < maxScore, Number(passed) < 8]).toEqual([maxScore, true, true]);
    expect(await page.getByText('Your counters share one count').count()).toBeGreaterThan(0);
    await snap(page, 'learner-04-wrong-submission-375');

    await setCode(page, RIGHT);
    await page.getByRole('button', { name: 'Submit' }).click();
    await headline.filter({ hasText: `Score: ${maxScore} / ${maxScore} points · 8 of 8 tests passed` }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').filter({ hasText: `Graded: ${maxScore} of ${maxScore} points.` }).count()).toBe(1);
    await page.getByText(`Best submission so far: ${maxScore} / ${maxScore} points`).waitFor();
    await page.getByRole('button', { name: 'Finish attempt' }).click();
    await page.getByTestId('final-score').waitFor();
    expect(await page.getByTestId('final-score').textContent()).toBe(`Attempt finished. Your score: ${maxScore} / ${maxScore}`);
    await snap(page, 'learner-05-finished-375');
    await page.setViewportSize(DESKTOP);
    await snap(page, 'learner-05-finished-desktop');
    await page.setViewportSize(MOBILE);

    await page.goto(`${base}/#/history`);
    const row = page.getByRole('row', { name: /Make a counter/ });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: `${maxScore} / ${maxScore}` }).count()).toBe(1);
    await snap(page, 'learner-06-history-375');
    expect(errors).toEqual([]);
  }, 240_000);

  it('an instructor uploads a YAML file with an error and sees its line', async () => {
    await t.http.post('/api/auth/register').send({ email: INSTRUCTOR.email, password: INSTRUCTOR.password, displayName: 'Web Instructor' }).expect(201);
    const admin = await t.http.post('/api/auth/login').send(ADMIN).expect(200);
    const users = await t.http.get('/api/admin/users?pageSize=100').set('Authorization', `Bearer ${admin.body.accessToken}`).expect(200);
    const id = users.body.items.find((u: { email: string }) => u.email === INSTRUCTOR.email).id;
    await t.http.patch(`/api/admin/users/${id}/role`).set('Authorization', `Bearer ${admin.body.accessToken}`).send({ role: 'instructor' }).expect(200);

    for (const [viewport, width] of [[DESKTOP, 'desktop'], [MOBILE, '375']] as const) {
      const page = await open(viewport);
      await signIn(page, INSTRUCTOR);
      await page.getByRole('link', { name: 'Exercises' }).click();
      await page.getByRole('row', { name: /Make a counter/ }).waitFor();
      await snap(page, `instructor-01-exercises-${width}`);
      await page.getByRole('link', { name: 'Upload a new quiz or exercise' }).click();
      await page.getByLabel('Load a YAML file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(BROKEN_YAML) });
      const located = page.getByTestId('error-line');
      await located.waitFor();
      expect(await located.allTextContents()).toEqual(['Line 8, column 13']);
      expect(await page.getByRole('region', { name: '1 error in the file' }).textContent()).toContain('questions[0].points');
      // The same error is marked in the editor's gutter, on line 8.
      const marker = page.locator('.cm-lint-marker-error');
      await marker.waitFor();
      const lineOfMarker = await page.locator('.cm-lineNumbers .cm-gutterElement').evaluateAll((cells, top) => {
        const hit = cells.find((cell) => Math.abs(cell.getBoundingClientRect().top - (top as number)) < 4);
        return hit?.textContent;
      }, (await marker.boundingBox())!.y);
      expect(lineOfMarker).toBe('8');
      await located.click();
      await snap(page, `instructor-02-upload-error-${width}`);
    }
  }, 120_000);

  it('an admin sees that attempt in the score chart and the learner in the table', async () => {
    const page = await open(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('combobox', { name: 'Quiz' }).selectOption('closures/make-counter');
    const chart = page.getByTestId('chart-scores');
    await chart.getByRole('heading', { name: 'Score distribution: Make a counter' }).waitFor();
    await chart.getByText('Show data').click();
    const counts = await chart.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.querySelector('td')?.textContent)));
    expect(counts).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const painted = await chart.locator('canvas').evaluate((element) => {
      // The root tsconfig has no DOM lib: describe the little of a canvas this needs.
      const canvas = element as unknown as CanvasLike;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) opaque++;
      return opaque;
    });
    expect(painted).toBeGreaterThan(1000);
    await page.getByRole('row', { name: new RegExp(LEARNER.email) }).waitFor();
    expect(await page.getByRole('link', { name: 'Download scores (CSV)' }).getAttribute('href')).toBe('/api/admin/quizzes/closures/make-counter/scores.csv');
    await snap(page, 'admin-01-dashboard-desktop');
    await page.setViewportSize(MOBILE);
    await snap(page, 'admin-02-dashboard-375');
    expect(errors).toEqual([]);
  }, 120_000);
});
