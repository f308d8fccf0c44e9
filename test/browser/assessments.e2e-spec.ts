import type { Browser, Page } from 'playwright-core';
import { parseFileText, type CourseItem } from '../../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../../apps/api/src/catalog/catalog.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DESKTOP, ensureWebBuilt, launchChromium, snap, watchErrors } from './browser-support.js';

// Issue 16 in Chromium: a Parsons problem solved with the keyboard alone.
const LEARNER = { email: 'assess-learner@example.org', password: 'learner-password' };
const SOLUTION = [
  ['def make_counter():', 0],
  ['count = 0', 1],
  ['def increment():', 1],
  ['nonlocal count', 2],
  ['count += 1', 2],
  ['return count', 2],
  ['return increment', 1],
] as const;
const PARSONS = `kind: quiz
id: assess/parsons
title: Build a counter
questions:
  - id: build-counter
    type: parsons
    prompt: Build make_counter.
    points: 3
    indent: true
    solution: |
${SOLUTION.map(([line, depth]) => `      ${'    '.repeat(depth)}${line}`).join('\n')}
    distractors: ["global count", "return increment()"]
`;

describe('issue 16 assessments in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  /** The focused element's data-testid and text. Read from here: the pages' CSP forbids in-page polling. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return { testId: (el?.getAttribute('data-testid') ?? '') as string, text: (el?.textContent ?? '') as string, indent: Number(el?.getAttribute('data-indent') ?? -1) };
    });
  /** The focus moves a frame after a key (requestAnimationFrame): polled until `ok` holds. */
  async function focusSettles(page: Page, ok: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<Awaited<ReturnType<typeof focused>>> {
    let seen = await focused(page);
    for (let i = 0; i < 100 && !ok(seen); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await focused(page);
    }
    return seen;
  }
  async function tabUntil(page: Page, testId: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if ((await focused(page)).testId === testId) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${testId}`);
  }
  const press = async (page: Page, key: string, times: number) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp({ SCRYPT_COST: '10', LOG_LEVEL: 'error' });
    const parsed = parseFileText('assess/parsons.yaml', PARSONS);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'assess', hash: parsed.hash, sourceYaml: PARSONS });
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await t.http.post('/api/auth/register').send({ ...LEARNER, displayName: 'Learner' }).expect(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a Parsons problem is solved with the keyboard alone, indentation included', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill(LEARNER.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
    await page.goto(`${base}/#/quiz/assess/parsons`);
    await page.getByRole('button', { name: 'Start an attempt' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: /Question 1 of 1/ }).waitFor();

    await tabUntil(page, 'parsons-unused');
    let at = 0;
    for (const [line] of SOLUTION) {
      const shown = await page.getByTestId('parsons-unused').allTextContents();
      const target = shown.findIndex((text) => text.startsWith(line) && !text.startsWith(`${line}()`));
      await press(page, target > at ? 'ArrowDown' : 'ArrowUp', Math.abs(target - at));
      expect((await focusSettles(page, (f) => f.text.startsWith(line))).text).toContain(line);
      await page.keyboard.press('Enter');
      at = Math.min(target, shown.length - 2);
    }
    expect(await page.getByTestId('parsons-unused').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('global count')]));
    expect(await page.getByTestId('parsons-unused').count()).toBe(2);

    // Into "Your program": each line to its depth with Alt+Right / Alt+Left, then the next.
    await tabUntil(page, 'parsons-line');
    for (const [line, depth] of SOLUTION) {
      const now = await focusSettles(page, (f) => f.text.startsWith(line));
      expect(now.text).toContain(line);
      await press(page, depth > now.indent ? 'Alt+ArrowRight' : 'Alt+ArrowLeft', Math.abs(depth - now.indent));
      expect((await focusSettles(page, (f) => f.indent === depth)).indent).toBe(depth);
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('.parsons p.visually-hidden[aria-live="polite"]').textContent()).toMatch(/return increment at indent 1/);
    await snap(page, 'assess-01-parsons-built');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Check answer');
    await page.keyboard.press('Enter');
    await page.getByTestId('answer-verdict').waitFor();
    expect(await page.getByTestId('answer-verdict').textContent()).toMatch(/^Correct · 3 \/ 3 points/);
    await snap(page, 'assess-02-parsons-correct');
    expect(errors).toEqual([]);
  }, 120_000);
});
