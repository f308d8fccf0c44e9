import type { Browser, Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { chooseValues, parseFileText, type CourseItem, type Exercise } from '../../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../../apps/api/src/catalog/catalog.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DESKTOP, ensureWebBuilt, launchChromium, snap, watchErrors } from './browser-support.js';

// Issue 16 in Chromium: a Parsons problem solved with the keyboard alone; a timed exam that the
// server ends (its deadline shortened in the database), scores hidden, then released by an instructor.
const LEARNER = { email: 'assess-learner@example.org', password: 'learner-password' };
const INSTRUCTOR = { email: 'assess-instructor@example.org', password: 'instructor-password' };
const SECOND = { email: 'assess-second@example.org', password: 'learner-password' };
const TIMED = `kind: quiz
id: assess/timed
title: Timed check
attempts: 1
exam:
  minutes: 10
  one_at_a_time: true
questions:
  - id: keyword
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global }
  - id: output
    type: predict_output
    prompt: What does this print?
    code: "print(2 * 21)"
    expected_output: "42"
`;
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
  - id: build-adder
    type: parsons
    prompt: Build make_adder; your program is run against tests.
    grading: run
    solution: |
      def make_adder(k):
          return lambda n: n + k
    distractors: ["    k = 0"]
    tests:
      - { name: adds, expr: "make_adder(2)(3)", expected: 5, feedback: "make_adder(2)(3) must be 5: is k rebound?" }
      - { name: returns_function, expr: "callable(make_adder(1))", expected: true }
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
  async function tabUntil(page: Page, testId: string, key = 'Tab'): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if ((await focused(page)).testId === testId) return;
      await page.keyboard.press(key);
    }
    throw new Error(`Tab never reached ${testId}`);
  }
  const press = async (page: Page, key: string, times: number) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp({ SCRYPT_COST: '10', LOG_LEVEL: 'error' });
    for (const [name, yaml] of [['parsons', PARSONS], ['timed', TIMED]]) {
      const parsed = parseFileText(`assess/${name}.yaml`, yaml!);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'assess', hash: parsed.hash, sourceYaml: yaml! });
    }
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await t.http.post('/api/auth/register').send({ ...LEARNER, displayName: 'Learner' }).expect(201);
    await t.http.post('/api/auth/register').send({ ...SECOND, displayName: 'Second' }).expect(201);
    const staff = await t.http.post('/api/auth/register').send({ ...INSTRUCTOR, displayName: 'Instructor' }).expect(201);
    await t.prisma.user.update({ where: { id: staff.body.user.id }, data: { role: 'instructor' } });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(who: { email: string; password: string }): Promise<Page> {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
    return page;
  }

  /** From the focused first unused line of `region`: each line in turn into the program (Up/Down, then Enter). */
  async function addByKeyboard(page: Page, region: Locator, lines: readonly string[]): Promise<void> {
    let at = 0;
    for (const line of lines) {
      const shown = await region.getByTestId('parsons-unused').allTextContents();
      const target = shown.findIndex((text) => text.startsWith(line) && !text.startsWith(`${line}()`));
      await press(page, target > at ? 'ArrowDown' : 'ArrowUp', Math.abs(target - at));
      expect((await focusSettles(page, (f) => f.text.startsWith(line))).text).toContain(line);
      await page.keyboard.press('Enter');
      at = Math.min(target, shown.length - 2);
    }
  }

  it('a Parsons problem is solved with the keyboard alone, indentation included', async () => {
    const page = await signedIn(LEARNER);
    const errors = watchErrors(page);
    await page.goto(`${base}/#/quiz/assess/parsons`);
    await page.getByRole('button', { name: 'Start an attempt' }).focus();
    await page.keyboard.press('Enter');
    const region = page.getByRole('region', { name: /Question 1 of 2/ });
    await region.waitFor();

    await tabUntil(page, 'parsons-unused');
    await addByKeyboard(page, region, SOLUTION.map(([line]) => line));
    expect(await region.getByTestId('parsons-unused').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('global count')]));
    expect(await region.getByTestId('parsons-unused').count()).toBe(2);

    // Into "Your program": each line to its depth with Alt+Right / Alt+Left, then the next.
    await tabUntil(page, 'parsons-line');
    for (const [line, depth] of SOLUTION) {
      const now = await focusSettles(page, (f) => f.text.startsWith(line));
      expect(now.text).toContain(line);
      await press(page, depth > now.indent ? 'Alt+ArrowRight' : 'Alt+ArrowLeft', Math.abs(depth - now.indent));
      expect((await focusSettles(page, (f) => f.indent === depth)).indent).toBe(depth);
      await page.keyboard.press('ArrowDown');
    }
    expect(await region.locator('.parsons p.visually-hidden[aria-live="polite"]').textContent()).toMatch(/return increment at indent 1/);
    await snap(page, 'assess-01-parsons-built');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Check answer');
    await page.keyboard.press('Enter');
    await page.getByTestId('answer-verdict').waitFor();
    expect(await page.getByTestId('answer-verdict').textContent()).toMatch(/^Correct · 3 \/ 3 points/);
    await snap(page, 'assess-02-parsons-correct');

    // A problem graded by running the program: the distractor goes in, the tests say what it broke.
    const run = page.getByRole('region', { name: /Question 2 of 2/ });
    await tabUntil(page, 'parsons-unused');
    await addByKeyboard(page, run, ['def make_adder(k):', '    k = 0', '    return lambda n: n + k']);
    await tabUntil(page, 'parsons-line');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Check answer');
    await page.keyboard.press('Enter');
    const headline = run.getByTestId('submission-headline');
    await headline.waitFor({ timeout: 60_000 });
    expect(await headline.textContent()).toBe('Score: 1 / 2 points · 1 of 2 tests passed');
    const failed = run.locator('li.test[data-status="fail"]');
    expect(await failed.textContent()).toContain('adds');
    expect(await failed.getByTestId('author-feedback').textContent()).toContain('make_adder(2)(3) must be 5: is k rebound?');
    expect(await run.locator('li.test[data-status="pass"]').textContent()).toContain('returns_function');
    await snap(page, 'assess-02b-parsons-run-feedback');
    // Out with the distractor (back from the results to the program, up to it, Enter), and check again.
    await tabUntil(page, 'parsons-line', 'Shift+Tab');
    await page.keyboard.press('ArrowUp');
    expect((await focusSettles(page, (f) => f.text.includes('k = 0'))).text).toContain('k = 0');
    await page.keyboard.press('Enter');
    expect((await focusSettles(page, (f) => f.text.includes('return lambda'))).text).toContain('return lambda');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await run.getByText('Score: 2 / 2 points · 2 of 2 tests passed').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('a timed exam: told what happens before starting, ended by the server at its deadline, scores shown only once released', async () => {
    const page = await signedIn(LEARNER);
    const errors = watchErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/#/quiz/assess/timed`);
    const notice = page.getByTestId('exam-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/10 minutes.*the server ends your attempt: the answers you saved count, code you submitted before the end is still graded, and anything sent after the end is refused.*when your instructor releases them/);
    expect(await notice.textContent()).not.toMatch(/visible tests/); // this exam has no code question
    await snap(page, 'assess-03-exam-cover');
    await page.getByRole('button', { name: 'Start the exam (10 minutes)' }).click();
    const timer = page.getByRole('timer', { name: 'Time left in this exam' });
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^(10:00|9:5\d)$/);
    // One question at a time: a navigator and Next / Previous; the heading of the new question takes the focus.
    const first = page.getByRole('region', { name: /Question 1 of 2/ });
    await first.waitFor();
    expect(await page.getByRole('region', { name: /Question \d of 2/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Next question' }).click();
    await page.getByRole('region', { name: /Question 2 of 2/ }).waitFor();
    let focusedId = '';
    for (let i = 0; i < 100 && focusedId !== 'question-output'; i++) {
      focusedId = await page.evaluate(() => (globalThis as any).document.activeElement?.id ?? '');
      if (focusedId !== 'question-output') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(focusedId).toBe('question-output');
    // The question shown is in the address: a reload opens the same one.
    expect(new URL(page.url()).hash).toMatch(/^#\/attempt\/[0-9a-f-]{36}\/question\/2$/);
    await page.reload();
    await page.getByRole('region', { name: /Question 2 of 2/ }).waitFor();
    expect(await page.getByRole('region', { name: /Question \d of 2/ }).count()).toBe(1);
    await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Question 1' }).click();
    await first.getByRole('radio', { name: 'nonlocal' }).check();
    // Scores are hidden in this exam: the answer is saved, not checked.
    await first.getByRole('button', { name: 'Save answer' }).click();
    await first.getByTestId('answer-verdict').waitFor();
    expect(await first.getByTestId('answer-verdict').textContent()).toBe('Answered');

    // Shorten the exam: the attempt now ends 3 s from now. Leaving and coming back shows the new time.
    const attempt = await t.prisma.attempt.findFirstOrThrow({ where: { quizVersion: { quizId: 'assess/timed' } }, select: { id: true } });
    await t.prisma.attempt.update({ where: { id: attempt.id }, data: { deadlineAt: new Date(Date.now() + 3000) } });
    await page.goto(`${base}/#/`);
    await page.goto(`${base}/#/quiz/assess/timed`);
    await page.getByRole('button', { name: 'Continue your attempt' }).click();
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^0:0[0-3]$/);
    await page.getByTestId('final-score').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('final-score').textContent()).toBe(
      'Time is up: the server ended your attempt. Your answers are recorded; your score and feedback are shown once your instructor releases them.',
    );
    expect(await page.getByRole('button', { name: /^(Check|Save) answer$/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: /Question \d of 2/ }).count()).toBe(2); // all shown for review
    expect(await page.getByRole('button', { name: 'Question 1, answered' }).count()).toBe(0);
    expect(await t.prisma.attempt.findUnique({ where: { id: attempt.id }, select: { status: true, timedOut: true, score: true } })).toEqual({ status: 'submitted', timedOut: true, score: 1 });
    await snap(page, 'assess-04-exam-ended');

    const staff = await signedIn(INSTRUCTOR);
    await staff.goto(`${base}/#/instructor/exam/assess/timed`);
    await staff.getByTestId('release-state').waitFor();
    expect(await staff.getByTestId('release-state').textContent()).toContain('Scores are hidden from learners');
    await staff.getByRole('button', { name: 'Release scores' }).click();
    await staff.getByRole('button', { name: 'Hide scores again' }).waitFor();
    await staff.getByLabel('Learner email').fill(LEARNER.email);
    await staff.getByLabel('Extra minutes').fill('15');
    await staff.getByLabel('Extra attempts').fill('1');
    await staff.getByRole('button', { name: 'Save accommodation' }).click();
    await staff.getByRole('row', { name: /assess-learner@example.org/ }).waitFor();
    expect(await staff.getByRole('row', { name: /assess-learner@example.org/ }).textContent()).toMatch(/151$/);
    await snap(staff, 'assess-05-exam-released');

    await page.goto(`${base}/#/history`);
    await page.getByRole('link', { name: 'Timed check' }).waitFor();
    expect(await page.getByRole('row', { name: /Timed check/ }).textContent()).toContain('1 / 2');
    // The extra attempt lets the learner sit the exam again, with 10 + 15 minutes; the cover counts it.
    await page.goto(`${base}/#/quiz/assess/timed`);
    await page.getByText('2 attempts allowed · you have used 1').waitFor();
    await page.getByRole('button', { name: 'Start the exam (10 minutes)' }).click();
    expect(await timer.textContent()).toMatch(/^(25:00|24:5\d)$/);
    // The learner hands it in: while an exam's timer runs, their code elsewhere is not graded (409).
    await page.getByRole('button', { name: 'Finish attempt' }).click();
    await page.getByTestId('final-score').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('two learners get different variants of step-counter, and each is graded against their own', async () => {
    const parsed = parseFileText('closures/step-counter.yaml', readFileSync('exercises/closures/step-counter.yaml', 'utf8'));
    if (!parsed.ok) throw new Error('step-counter does not load');
    const question = (parsed.item as Exercise).question;
    // Attempts draw random seeds; two seeds with different variants are set here so the test knows them.
    const seeds = [0, ...[1, 2, 3, 4, 5, 6, 7, 8].filter((s) => chooseValues(question, s)!.step !== chooseValues(question, 0)!.step).slice(0, 1)];
    const solution = (v: { start: number; step: number }) =>
      `def make_counter():\n    value = ${v.start - v.step}\n\n    def tick():\n        nonlocal value\n        value += ${v.step}\n        return value\n\n    return tick\n`;
    const learners = [];
    for (const [i, who] of [LEARNER, SECOND].entries()) {
      const page = await signedIn(who);
      await page.goto(`${base}/#/quiz/closures/step-counter`);
      await page.getByRole('button', { name: 'Start an attempt' }).click();
      await page.getByRole('textbox', { name: /Python code for/ }).waitFor();
      const { id: userId } = await t.prisma.user.findUniqueOrThrow({ where: { email: who.email }, select: { id: true } });
      await t.prisma.attempt.updateMany({ where: { userId, quizVersion: { quizId: 'closures/step-counter' } }, data: { variantSeed: seeds[i]! } });
      // The reload opens the attempt itself (its own address), now with the seed set here.
      await page.reload();
      await page.getByRole('textbox', { name: /Python code for/ }).waitFor();
      learners.push({ page, values: chooseValues(question, seeds[i]!) as { start: number; step: number } });
    }
    const [a, b] = learners as [(typeof learners)[0], (typeof learners)[0]];
    expect(a.values.step).not.toBe(b.values.step);
    for (const { page, values } of [a, b]) {
      expect(await page.getByText(`the first call returns ${values.start}, and every later call returns the previous value plus ${values.step}`).count()).toBe(1);
    }
    const submit = async (page: Page, source: string) => {
      await page.getByRole('textbox', { name: /Python code for/ }).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(source);
      await page.getByRole('button', { name: 'Submit' }).click();
      const headline = page.getByTestId('submission-headline');
      await headline.waitFor({ timeout: 60_000 });
      const text = await headline.textContent();
      await page.getByRole('button', { name: 'Reset to starter code' }).click();
      return text;
    };
    expect(await submit(b.page, solution(a.values))).toMatch(/^Score: (?!10 \/ 10)/);
    await snap(b.page, 'assess-06-variant-borrowed');
    expect(await submit(a.page, solution(a.values))).toMatch(/^Score: 10 \/ 10 points/);
    expect(await submit(b.page, solution(b.values))).toMatch(/^Score: 10 \/ 10 points/);

    // The admin dashboard breaks the exercise's pass rate down per variant.
    const admin = await signedIn({ email: 'admin@example.org', password: 'admin-password-for-tests' });
    await admin.goto(`${base}/#/admin`);
    await admin.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await admin.getByRole('combobox', { name: /^Quiz/ }).selectOption('closures/step-counter');
    const table = admin.getByTestId('variants-step-counter');
    await table.waitFor();
    for (const values of [a.values, b.values]) {
      expect(await table.getByRole('row', { name: `start = ${values.start}, step = ${values.step}` }).textContent()).toMatch(/1100 %$/);
    }
    await snap(admin, 'assess-07-variant-dashboard');
  }, 180_000);
});
