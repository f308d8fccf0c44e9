import type { Page } from 'playwright-core';
import { BrowserRun, DESKTOP, MOBILE, snap, watchErrors } from './browser-support.js';

// Issue 15, the learner's continuity: an attempt at its own address (a reload returns to it),
// the draft kept by the server (another device opens it), a finished attempt reviewed read-only
// from History, and "Try again" starting from the code submitted last.
const LEARNER = { email: 'continuity-learner@example.org', password: 'learner-password' };
const NO_NONLOCAL = 'def make_counter():\n    count = 0\n\n    def counter():\n        count += 1\n        return count\n\n    return counter\n';
const DRAFT = `${NO_NONLOCAL}# still thinking about nonlocal\n`;
const RIGHT = 'def make_counter():\n    count = 0\n\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n\n    return counter\n';
const ATTEMPT_HASH = /^#\/attempt\/[0-9a-f-]{36}$/;

describe('learner continuity in Chromium', () => {
  let run: BrowserRun;
  const editor = (page: Page) => page.getByRole('textbox', { name: /Python code for/ });
  // The editor's lines as the learner sees them (innerText would double the empty ones).
  const editorText = (page: Page) => editor(page).evaluate((el: any) => Array.from(el.querySelectorAll('.cm-line'), (line: any) => line.textContent).join('\n'));
  async function setCode(page: Page, source: string) {
    await editor(page).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(source);
  }
  const hash = (page: Page) => new URL(page.url()).hash;

  beforeAll(async () => {
    run = await BrowserRun.start();
    await run.register(LEARNER, 'learner');
  }, 180_000);

  afterEach(() => run.snapOpenPages('continuity-last'));

  afterAll(() => run?.close());

  it('reload, another device, review from History, and Try again from the last code', async () => {
    const page = await run.open(DESKTOP);
    const errors = watchErrors(page);
    await run.signIn(page, LEARNER);
    await page.goto(`${run.base}/#/quiz/closures/make-counter`);
    await page.getByRole('button', { name: 'Start an attempt' }).click();
    await editor(page).waitFor();
    expect(hash(page)).toMatch(ATTEMPT_HASH);
    const attemptHash = hash(page);

    await setCode(page, NO_NONLOCAL);
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    await page.getByText('Visible tests: 0 of 2 passed').waitFor({ timeout: 60_000 });
    await setCode(page, DRAFT);
    await page.getByTestId('draft-status').getByText(/^Draft saved at/).waitFor();
    await page.reload();
    await editor(page).waitFor();
    expect([hash(page), await editorText(page)]).toEqual([attemptHash, DRAFT]);
    await page.getByText('Visible tests: 0 of 2 passed').waitFor();
    await snap(page, 'continuity-01-reloaded-draft-and-results-desktop');
    // Typed and left at once, before the pause that saves: saved as the page goes.
    await setCode(page, `${DRAFT}# one more line\n`);
    await page.reload();
    await editor(page).waitFor();
    expect(await editorText(page)).toBe(`${DRAFT}# one more line\n`);

    // Another device, signed out: the attempt's address leads through sign-in to the same draft.
    const phone = await run.open(MOBILE);
    await phone.goto(`${run.base}/${attemptHash}`);
    await phone.getByLabel('Email').fill(LEARNER.email);
    await phone.getByLabel('Password').fill(LEARNER.password);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await editor(phone).waitFor();
    expect([hash(phone), await editorText(phone)]).toEqual([attemptHash, `${DRAFT}# one more line\n`]);
    await phone.getByText('Visible tests: 0 of 2 passed').waitFor();
    await phone.getByTestId('draft-status').getByText(/^Draft saved at .*: it opens here on any device\.$/).waitFor();
    await snap(phone, 'continuity-02-other-device-375');

    await setCode(phone, RIGHT);
    await phone.getByRole('button', { name: 'Submit' }).click();
    await phone.getByText('Score: 10 / 10 points · 8 of 8 tests passed').waitFor({ timeout: 60_000 });
    await phone.getByRole('button', { name: 'Finish attempt' }).click();
    await phone.getByTestId('final-score').waitFor();

    // Reviewed from History: read-only, the code submitted last and its per-test results.
    await page.goto(`${run.base}/#/history`);
    await page.getByRole('row', { name: /Make a counter/ }).getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('final-score').getByText('Your score: 10 / 10').waitFor();
    expect(hash(page)).toBe(attemptHash);
    expect(await editorText(page)).toBe(RIGHT);
    expect(await editor(page).getAttribute('aria-readonly')).toBe('true');
    expect(await page.getByRole('button', { name: /^(Submit|Run visible tests|Finish attempt)$/ }).count()).toBe(0);
    await page.getByText('Score: 10 / 10 points · 8 of 8 tests passed').waitFor();
    expect(await page.locator('.test-list li').count()).toBe(8);
    await snap(page, 'continuity-03-review-from-history-desktop');

    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('code-from-earlier').waitFor();
    expect(hash(page)).toMatch(ATTEMPT_HASH);
    expect(hash(page)).not.toBe(attemptHash);
    expect(await editorText(page)).toBe(RIGHT);
    await snap(page, 'continuity-04-try-again-from-last-code-desktop');
    await page.getByRole('button', { name: 'Reset to starter code' }).click();
    expect(await editorText(page)).toContain('def make_counter():');
    expect(await editorText(page)).not.toBe(RIGHT);
    expect(errors).toEqual([]);
  }, 240_000);
});
