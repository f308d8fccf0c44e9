import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import type { TestApp } from '../support/app.js';
import { BrowserRun, DESKTOP, MOBILE, snap, watchErrors } from './browser-support.js';

// Issue 15: "an exercise is not done until Finish attempt" (docs/scoring.md: practice attempts are
// scored as they go), and the per-learner drill-down opened by an instructor, not only an admin.
const LEARNER = { email: 'scoring-learner@example.org', password: 'learner-password' };
const INSTRUCTOR = { email: 'scoring-instructor@example.org', password: 'instructor-password' };

describe('issue 15 scoring model and learner drill-down in Chromium', () => {
  let run: BrowserRun;
  let t: TestApp;
  let base: string;
  let solution: string;

  beforeAll(async () => {
    run = await BrowserRun.start();
    ({ t, base } = run);
    await run.register(LEARNER, 'learner');
    await run.register(INSTRUCTOR, 'instructor');
    solution = (parseYaml(await readFile(join(t.env.EXERCISES_DIR, 'closures/make-counter.yaml'), 'utf8')) as { solution: string }).solution;
  }, 180_000);

  afterEach(() => run.snapOpenPages('scoring-last'));

  afterAll(() => run?.close());

  const counterCard = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Make a counter/ }) });

  it('learner: a full-score submission makes the exercise done on the course card, with no Finish', async () => {
    const page = await run.open(MOBILE);
    const errors = watchErrors(page);
    await run.signIn(page, LEARNER);
    await counterCard(page).waitFor();
    expect(await counterCard(page).getByText('Done', { exact: true }).count()).toBe(0);
    const completedBefore = await page.getByText(/quizzes and exercises completed/).textContent();
    expect(completedBefore).toMatch(/^0 of \d+/);

    await page.goto(`${base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    const editor = page.getByRole('textbox', { name: /Python code for/ });
    await editor.waitFor();
    // The page says what Finish does: nothing is lost without it, and code can be sent again.
    await page.getByText('Your score is saved as you go. Code can be submitted again: your best submission counts.', { exact: false }).waitFor();
    expect(await page.getByText('Answers are final once checked').count()).toBe(0);
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    const headline = await page.getByTestId('submission-headline').textContent({ timeout: 60_000 });
    const [, points] = /^Score: (\d+) \/ (\d+) points/.exec(headline ?? '') ?? [];
    expect(headline).toMatch(new RegExp(`^Score: ${points} / ${points} points`));

    // Back to the course without "Finish attempt": the card shows the exercise done, with its score.
    await page.goto(`${base}/#/`);
    const card = counterCard(page);
    await card.getByText('Done', { exact: true }).waitFor();
    expect(await card.locator('.score-line strong').textContent()).toBe(`${points} / ${points}`);
    expect(await card.getByRole('link', { name: /^Continue: Make a counter/ }).count()).toBe(1);
    expect(await page.getByText(/quizzes and exercises completed/).textContent()).toMatch(/^1 of \d+/);
    await snap(page, 'scoring-01-exercise-done-without-finish-375');
    expect(errors).toEqual([]);
  }, 150_000);

  it("instructor: opens the Learners page and a learner's drill-down (attempt, code, verdict); a learner is kept out", async () => {
    const page = await run.open(DESKTOP);
    const errors = watchErrors(page);
    await run.signIn(page, INSTRUCTOR);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learners' }).click();
    await page.getByRole('heading', { name: 'Learners', level: 1 }).waitFor();
    await page.getByRole('button', { name: `Open the work of ${LEARNER.email}` }).click();
    const work = page.getByRole('region', { name: /^Work of / });
    await work.waitFor();
    const attempt = work.getByRole('row', { name: /Make a counter/ });
    await attempt.waitFor();
    expect(await attempt.getByRole('cell').nth(0).textContent()).toBe('In progress');
    expect(await attempt.getByRole('cell').nth(1).textContent()).toMatch(/^(\d+) \/ \1$/);
    await attempt.getByRole('button', { name: /1 run or submission/ }).click();
    const submission = work.getByTestId('learner-submission');
    await submission.waitFor();
    expect(await submission.locator('.verdict').textContent()).toMatch(/^(\d+) \/ \1 points · (\d+) of \2 tests passed$/);
    await submission.getByText('Code', { exact: true }).click();
    expect(await submission.locator('pre.code-block').textContent()).toContain('nonlocal count');
    await snap(page, 'scoring-02-instructor-learner-drill-down-desktop');
    expect(errors).toEqual([]);

    const learner = await run.open(DESKTOP);
    await run.signIn(learner, LEARNER);
    expect(await learner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learners' }).count()).toBe(0);
    await learner.goto(`${base}/#/learners`);
    await learner.getByRole('heading', { name: 'This page is for instructors and admins.' }).waitFor();
    expect(await learner.getByRole('table').count()).toBe(0);
    await snap(learner, 'scoring-03-learner-kept-out-desktop');
  }, 150_000);
});
