import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type request from 'supertest';
import { chooseValues, parseFileText, type CourseItem, type Exercise, type Quiz } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { ExpireAttempts } from '../apps/api/src/attempts/expire-attempts.service.js';
import { startTestApp, type TestApp } from './support/app.js';

// Issue 16 on the real app: an exam's server-kept deadline, scores hidden until release,
// accommodations, and Parsons answers through the API.

const EXAM = `kind: quiz
id: assess/exam
title: Assessed check
attempts: 1
exam:
  minutes: 5
  visible_tests: false
questions:
  - id: pick
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    choices:
      - { id: a, text: nonlocal, correct: true }
      - { id: b, text: global, feedback: "E2E_HIDDEN_FEEDBACK" }
    explanation: E2E_HIDDEN_EXPLANATION
  - id: build
    type: parsons
    prompt: Build the adder.
    points: 2
    indent: true
    solution: |
      def make_adder(k):
          def add(n):
              return n + k
          return add
    distractors: ["return add(k)"]
  - id: double
    type: code
    prompt: Write double(x).
    examples:
      - { name: doubles_two, expr: "double(2)", expected: 4 }
    tests:
      - { name: doubles, expr: "double(21)", expected: 42, feedback: "E2E_TEST_FEEDBACK" }
    solution: "def double(x):\\n    return 2 * x\\n"
    wrong_solutions:
      - { name: triples, code: "def double(x):\\n    return 3 * x\\n", fails: [doubles_two, doubles], feedback: "E2E_TEST_FEEDBACK" }
      - { name: squares, code: "def double(x):\\n    return x * x\\n", fails: [doubles], feedback: "E2E_TEST_FEEDBACK" }
`;
const ADDER = [
  { line: 'def make_adder(k):', indent: 0 },
  { line: 'def add(n):', indent: 1 },
  { line: 'return n + k', indent: 2 },
  { line: 'return add', indent: 1 },
];
const BUILD = `kind: quiz
id: assess/build
title: Build and run
questions:
  - id: adder
    type: parsons
    prompt: Build make_adder.
    indent: true
    grading: run
    attempts: 3
    solution: |
      def make_adder(k):
          def add(n):
              return n + k
          return add
    distractors: ["k = 0"]
    tests:
      - { name: adds, expr: "make_adder(2)(3)", expected: 5, feedback: "make_adder(2) must add 2: is k rebound?" }
      - { name: returns_function, expr: "callable(make_adder(1))", expected: true }
`;

const VARIED = `kind: quiz
id: assess/varied
title: Varied words
questions:
  - id: name-it
    type: short_answer
    variants:
      - { clue: "the object that holds a free variable", answer: "E2E_VARIANT_ANSWER_ONE" }
      - { clue: "the tuple of those objects", answer: "E2E_VARIANT_ANSWER_TWO" }
    prompt: "Type the code word for {{clue}}."
    accept: ["{{answer}}"]
`;

/** Text that a learner must not see before release. */
const SECRETS = ['E2E_HIDDEN_FEEDBACK', 'E2E_HIDDEN_EXPLANATION', 'E2E_TEST_FEEDBACK'];

let t: TestApp;
let instructor: string;

async function register(role: 'learner' | 'instructor' = 'learner'): Promise<{ token: string; email: string }> {
  const email = `${role}-${randomBytes(5).toString('hex')}@example.org`;
  const response = await t.http.post('/api/auth/register').send({ email, password: 'assess-password', displayName: role }).expect(201);
  if (role === 'instructor') await t.prisma.user.update({ where: { id: response.body.user.id }, data: { role } });
  return { token: `Bearer ${response.body.accessToken}`, email };
}
const as = (test: request.Test, token: string) => test.set('Authorization', token);

/** The verdict of a code submission, polled when the grader answers 202. */
async function settled(response: request.Response, token: string): Promise<Record<string, any>> {
  let body = response.body;
  for (let i = 0; i < 240 && (body.status === 'pending' || body.status === 'grading'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    body = (await as(t.http.get(`/api/submissions/${body.id}`), token)).body;
  }
  return body;
}

/** What "time is up" means here: the attempt's deadline moved into the past (a shortened exam). */
async function endTime(attemptId: string): Promise<void> {
  await t.prisma.attempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
}

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error', SCRYPT_COST: '10' });
  for (const [file, text] of [['assess/exam.yaml', EXAM], ['assess/build.yaml', BUILD], ['assess/varied.yaml', VARIED]] as const) {
    const parsed = parseFileText(file, text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'assess', hash: parsed.hash, sourceYaml: text });
  }
  instructor = (await register('instructor')).token;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('exam mode (e2e)', () => {
  it('keeps time on the server, refuses what comes after the deadline, and hides scores until release', async () => {
    const { token } = await register();
    const bodies: string[] = [];
    const view = await t.http.get('/api/quizzes/assess/exam').expect(200);
    expect(view.body.exam).toEqual({ minutes: 5, visibleTests: false, hideScores: true, oneAtATime: false });

    const before = Date.now();
    const started = await as(t.http.post('/api/quizzes/assess/exam/attempts'), token).expect(201);
    const id = started.body.id as string;
    const deadline = Date.parse(started.body.deadline);
    expect(deadline - Date.parse(started.body.startedAt)).toBe(5 * 60_000);
    expect(deadline).toBeGreaterThanOrEqual(before + 5 * 60_000 - 1000);
    expect(started.body).toMatchObject({ scoresHidden: true, timedOut: false, exam: { minutes: 5 } });

    const pick = await as(t.http.put(`/api/attempts/${id}/answers/pick`).send({ response: 'b' }), token).expect(200);
    expect(pick.body).toEqual({ questionKey: 'pick', response: 'b', correct: null, score: null, points: null, maxPoints: 1 });
    const badParsons = await as(t.http.put(`/api/attempts/${id}/answers/build`).send({ response: [{ line: 'print(k)', indent: 0 }] }), token).expect(400);
    expect(badParsons.body.details).toEqual([{ field: 'response', errors: [expect.stringContaining('only the lines given')] }]);
    const build = await as(t.http.put(`/api/attempts/${id}/answers/build`).send({ response: ADDER }), token).expect(200);
    expect(build.body).toMatchObject({ correct: null, score: null });

    const run = await as(t.http.post(`/api/attempts/${id}/questions/double/run`).send({ source: 'def double(x):\n    return 2 * x\n' }), token);
    expect([run.status, run.body.message]).toEqual([403, expect.stringContaining('turned off in this exam')]);
    const submitted = await settled(await as(t.http.post(`/api/attempts/${id}/questions/double/submissions`).send({ source: 'def double(x):\n    return 3 * x\n' }), token), token);
    expect(submitted).toMatchObject({ kind: 'submit', status: 'graded', score: null, points: null, tests: [], message: expect.stringContaining('when your instructor releases') });

    await endTime(id);
    const late = await as(t.http.put(`/api/attempts/${id}/answers/pick`).send({ response: 'a' }), token);
    expect([late.status, late.body.message]).toEqual([403, expect.stringMatching(/^Time is up: this exam attempt ended at .*nothing sent after the end is accepted/)]);
    const lateCode = await as(t.http.post(`/api/attempts/${id}/questions/double/submissions`).send({ source: 'def double(x):\n    return 2 * x\n' }), token);
    expect([lateCode.status, lateCode.body.message]).toEqual([403, expect.stringContaining('Time is up')]);
    expect(await t.prisma.submission.count({ where: { attemptId: id } })).toBe(1);

    // Reading the attempt after its deadline finds it finished by the server; nothing is revealed.
    const ended = await as(t.http.get(`/api/attempts/${id}`), token).expect(200);
    expect(ended.body).toMatchObject({ status: 'submitted', timedOut: true, scoresHidden: true, score: null });
    expect(ended.body.answers.map((a: { correct: unknown; points: unknown }) => [a.correct, a.points])).toEqual([[null, null], [null, null], [null, null]]);
    const history = await as(t.http.get('/api/me/attempts'), token).expect(200);
    expect(history.body.items[0]).toMatchObject({ id, status: 'submitted', score: null, scoresHidden: true });
    const progress = await as(t.http.get('/api/me/progress?pageSize=100'), token).expect(200);
    expect(progress.body.items.find((item: { quizId: string }) => item.quizId === 'assess/exam')).toMatchObject({ bestScore: null, attemptsUsed: 1, attemptsLeft: 0 });
    const code = await as(t.http.get(`/api/submissions/${submitted.id}`), token).expect(200);
    bodies.push(JSON.stringify([pick.body, build.body, submitted, ended.body, history.body, progress.body, code.body]));
    for (const secret of SECRETS) expect({ secret, leaked: bodies.join('').includes(secret) }).toEqual({ secret, leaked: false });
    // The stored score is there all along (the dashboard sees it): 0 + 2 + 0 of 5.
    expect(await t.prisma.attempt.findUnique({ where: { id }, select: { score: true } })).toEqual({ score: 2 });

    // Release: only staff may; then the learner sees the score, verdicts, feedback and test results.
    await as(t.http.put('/api/authoring/exams/assess/exam/release').send({ released: true }), token).expect(403);
    const released = await as(t.http.put('/api/authoring/exams/assess/exam/release').send({ released: true }), instructor).expect(200);
    expect(released.body).toMatchObject({ quizId: 'assess/exam', scoresReleasedAt: expect.any(String), attemptsSubmitted: expect.any(Number) });
    const shown = await as(t.http.get(`/api/attempts/${id}`), token).expect(200);
    expect(shown.body).toMatchObject({ scoresHidden: false, score: 2, maxScore: 5 });
    expect(shown.body.answers).toEqual([
      expect.objectContaining({ questionKey: 'build', correct: true, points: 2 }),
      expect.objectContaining({ questionKey: 'double', correct: false, points: 0 }),
      expect.objectContaining({ questionKey: 'pick', correct: false, feedback: 'E2E_HIDDEN_FEEDBACK', explanation: 'E2E_HIDDEN_EXPLANATION' }),
    ]);
    const codeShown = await as(t.http.get(`/api/submissions/${submitted.id}`), token).expect(200);
    expect(codeShown.body).toMatchObject({ score: 0, total: 2, tests: expect.arrayContaining([expect.objectContaining({ name: 'doubles', status: 'fail' })]) });
    await as(t.http.put('/api/authoring/exams/assess/exam/release').send({ released: false }), instructor).expect(200);
    expect((await as(t.http.get(`/api/attempts/${id}`), token)).body).toMatchObject({ scoresHidden: true, score: null });
  }, 180_000);

  it('gives one learner extra minutes and an extra attempt; bad accommodations are 4xx naming the field', async () => {
    const a = await register();
    const b = await register();
    const bad = await as(t.http.put('/api/authoring/exams/assess/exam/accommodations').send({ email: b.email, extraMinutes: -5 }), instructor).expect(400);
    expect(bad.body.details).toEqual([{ field: 'extraMinutes', errors: ['extraMinutes must be at least 0'] }]);
    const nobody = await as(t.http.put('/api/authoring/exams/assess/exam/accommodations').send({ email: 'nobody@example.org', extraMinutes: 5 }), instructor).expect(404);
    expect(nobody.body.message).toBe('No user with email nobody@example.org');
    const saved = await as(t.http.put('/api/authoring/exams/assess/exam/accommodations').send({ email: b.email, extraMinutes: 10, extraAttempts: 1 }), instructor).expect(200);
    expect(saved.body.accommodations).toEqual([expect.objectContaining({ email: b.email, extraMinutes: 10, extraAttempts: 1 })]);

    const first = await as(t.http.post('/api/quizzes/assess/exam/attempts'), b.token).expect(201);
    expect(Date.parse(first.body.deadline) - Date.parse(first.body.startedAt)).toBe(15 * 60_000);
    await as(t.http.post(`/api/attempts/${first.body.id}/submit`), b.token).expect(200);
    const progress = await as(t.http.get('/api/me/progress?pageSize=100'), b.token).expect(200);
    expect(progress.body.items.find((item: { quizId: string }) => item.quizId === 'assess/exam')).toMatchObject({ attemptsUsed: 1, attemptLimit: 2, attemptsLeft: 1 });
    await as(t.http.post('/api/quizzes/assess/exam/attempts'), b.token).expect(201);

    const other = await as(t.http.post('/api/quizzes/assess/exam/attempts'), a.token).expect(201);
    expect(Date.parse(other.body.deadline) - Date.parse(other.body.startedAt)).toBe(5 * 60_000);
    await as(t.http.post(`/api/attempts/${other.body.id}/submit`), a.token).expect(200);
    const refused = await as(t.http.post('/api/quizzes/assess/exam/attempts'), a.token).expect(409);
    expect(refused.body.message).toContain('Attempt limit reached');
  }, 60_000);

  it('the server finishes an overdue attempt on its own, answers so far counting', async () => {
    const { token } = await register();
    const started = await as(t.http.post('/api/quizzes/assess/exam/attempts'), token).expect(201);
    await as(t.http.put(`/api/attempts/${started.body.id}/answers/pick`).send({ response: 'a' }), token).expect(200);
    await endTime(started.body.id);
    expect(await t.app.get(ExpireAttempts).sweep()).toBeGreaterThanOrEqual(1);
    const row = await t.prisma.attempt.findUnique({ where: { id: started.body.id }, select: { status: true, timedOut: true, score: true } });
    expect(row).toEqual({ status: 'submitted', timedOut: true, score: 1 });
  }, 60_000);
});

describe('Parsons problems graded by running the program (e2e)', () => {
  it('stores the assembled lines as a submission, grades it against the tests with per-test feedback and partial credit', async () => {
    const { token } = await register();
    const started = await as(t.http.post('/api/quizzes/assess/build/attempts'), token).expect(201);
    const id = started.body.id as string;
    expect(started.body.questions[0]).toMatchObject({ type: 'parsons', grading: 'run', hidden_tests: 2, points: 2 });
    expect(JSON.stringify(started.body)).not.toContain('is k rebound');

    const asAnswer = await as(t.http.put(`/api/attempts/${id}/answers/adder`).send({ response: ADDER }), token).expect(400);
    expect(asAnswer.body.message).toContain(`send your lines to POST /api/attempts/${id}/questions/adder/submissions`);
    const freeCode = await as(t.http.post(`/api/attempts/${id}/questions/adder/submissions`).send({ source: 'def make_adder(k):\n    return lambda n: n + k\n' }), token).expect(400);
    expect(freeCode.body.details).toEqual([{ field: 'lines', errors: [expect.stringContaining('is a Parsons problem')] }]);
    const foreign = await as(t.http.post(`/api/attempts/${id}/questions/adder/submissions`).send({ lines: [{ line: 'import os', indent: 0 }] }), token).expect(400);
    expect(foreign.body.details).toEqual([{ field: 'lines', errors: [expect.stringContaining('only the lines given')] }]);
    expect(await t.prisma.submission.count({ where: { attemptId: id } })).toBe(0);

    // A distractor placed in the program is simply part of it: here it breaks one test of two.
    const withDistractor = [ADDER[0]!, { line: 'k = 0', indent: 1 }, ...ADDER.slice(1)];
    const send = async (lines: unknown) => settled(await as(t.http.post(`/api/attempts/${id}/questions/adder/submissions`).send({ lines }), token), token);
    const half = await send(withDistractor);
    expect(half).toMatchObject({ kind: 'submit', status: 'graded', score: 0.5, points: 1, maxPoints: 2, passed: 1, total: 2 });
    expect(half.tests).toEqual([
      expect.objectContaining({ name: 'adds', visibility: 'hidden', status: 'fail', feedback: 'make_adder(2) must add 2: is k rebound?' }),
      expect.objectContaining({ name: 'returns_function', status: 'pass' }),
    ]);
    const stored = await t.prisma.submission.findUniqueOrThrow({ where: { id: half.id }, select: { source: true } });
    expect(stored.source).toBe('def make_adder(k):\n    k = 0\n    def add(n):\n        return n + k\n    return add\n');
    expect(await send(ADDER)).toMatchObject({ status: 'graded', score: 1, points: 2, passed: 2, total: 2 });

    const attempt = await as(t.http.get(`/api/attempts/${id}`), token).expect(200);
    expect(attempt.body.answers).toEqual([expect.objectContaining({ questionKey: 'adder', correct: true, points: 2, maxPoints: 2 })]);
    expect(attempt.body.answers[0].feedback).toBeUndefined();
    const finished = await as(t.http.post(`/api/attempts/${id}/submit`), token).expect(200);
    expect(finished.body).toMatchObject({ status: 'submitted', score: 2, maxScore: 2 });
  }, 120_000);
});

describe('per-learner variants (e2e)', () => {
  const stepCounter = (() => {
    const parsed = parseFileText('closures/step-counter.yaml', readFileSync('exercises/closures/step-counter.yaml', 'utf8'));
    if (!parsed.ok) throw new Error('step-counter does not load');
    return (parsed.item as Exercise).question;
  })();
  const solutionFor = (start: number, step: number) =>
    `def make_counter():\n    value = ${start - step}\n    def tick():\n        nonlocal value\n        value += ${step}\n        return value\n    return tick\n`;

  it('two learners get different variants of the same exercise, each graded against their own', async () => {
    // Two seeds that draw different variants (the seeds are random per attempt; fixed here to know which).
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [seedA, seedB] = [seeds[0]!, seeds.find((s) => JSON.stringify(chooseValues(stepCounter, s)) !== JSON.stringify(chooseValues(stepCounter, seeds[0]!)))!];
    const learners = await Promise.all([register(), register()]);
    const attempts: { id: string; token: string; values: { start: number; step: number } }[] = [];
    for (const [i, { token }] of learners.entries()) {
      const started = await as(t.http.post('/api/quizzes/closures/step-counter/attempts'), token).expect(201);
      await t.prisma.attempt.update({ where: { id: started.body.id }, data: { variantSeed: [seedA, seedB][i]! } });
      attempts.push({ id: started.body.id, token, values: chooseValues(stepCounter, [seedA, seedB][i]!) as { start: number; step: number } });
    }
    const [a, b] = attempts as [(typeof attempts)[0], (typeof attempts)[0]];
    expect(a.values).not.toEqual(b.values);

    for (const learner of [a, b]) {
      const { body } = await as(t.http.get(`/api/attempts/${learner.id}`), learner.token).expect(200);
      const question = body.questions[0];
      expect(question.hints[2]).toBe(`Start from ${learner.values.start} on the first call, then add ${learner.values.step} on each call after it.`);
      expect(question.prompt).toContain(`the first call\nreturns **${learner.values.start}**`);
      expect(question.examples[0]).toMatchObject({ name: 'first_tick', expected: learner.values.start });
      expect(JSON.stringify(body)).not.toContain('{{');
      // The same attempt always shows the same variant.
      expect((await as(t.http.get(`/api/attempts/${learner.id}`), learner.token)).body.questions).toEqual(body.questions);
    }

    const submit = (learner: typeof a, source: string) =>
      as(t.http.post(`/api/attempts/${learner.id}/questions/step-counter/submissions`).send({ source }), learner.token).then((r) => settled(r, learner.token));
    expect(await submit(a, solutionFor(a.values.start, a.values.step))).toMatchObject({ status: 'graded', score: 1 });
    const borrowed = await submit(b, solutionFor(a.values.start, a.values.step));
    expect(borrowed.score).toBeLessThan(1);
    expect(await submit(b, solutionFor(b.values.start, b.values.step))).toMatchObject({ status: 'graded', score: 1 });

    // The dashboard counts the question across variants and breaks it down per variant.
    const login = await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
    const stats = await as(t.http.get('/api/admin/dashboard/questions?quizId=closures/step-counter'), `Bearer ${login.body.accessToken}`).expect(200);
    const question = stats.body.items[0];
    expect(question).toMatchObject({ key: 'step-counter', gradedAttempts: 2, passedAttempts: 2 });
    const variantOf = (values: object) => question.variants.find((v: { values: object }) => JSON.stringify(v.values) === JSON.stringify(values));
    expect(variantOf(a.values)).toEqual({ values: a.values, gradedAttempts: 1, passedAttempts: 1, passRate: 1 });
    expect(variantOf(b.values)).toEqual({ values: b.values, gradedAttempts: 1, passedAttempts: 1, passRate: 1 });
  }, 120_000);

  it('a short answer with variants: each learner sees and is graded against their own, and never gets the accepted answers', async () => {
    const parsed = parseFileText('assess/varied.yaml', VARIED);
    if (!parsed.ok) throw new Error('varied does not load');
    const question = (parsed.item as Quiz).questions[0]!;
    const seedOf = (answer: string) => [...Array(20).keys()].find((s) => chooseValues(question, s)!.answer === answer)!;
    const bodies: string[] = [JSON.stringify((await t.http.get('/api/quizzes/assess/varied').expect(200)).body)];
    const learners = [];
    for (const answer of ['E2E_VARIANT_ANSWER_ONE', 'E2E_VARIANT_ANSWER_TWO']) {
      const { token } = await register();
      const started = await as(t.http.post('/api/quizzes/assess/varied/attempts'), token).expect(201);
      await t.prisma.attempt.update({ where: { id: started.body.id }, data: { variantSeed: seedOf(answer) } });
      const view = await as(t.http.get(`/api/attempts/${started.body.id}`), token).expect(200);
      bodies.push(JSON.stringify(started.body), JSON.stringify(view.body));
      learners.push({ id: started.body.id as string, token, answer, prompt: view.body.questions[0].prompt as string });
    }
    const [one, two] = learners as [(typeof learners)[0], (typeof learners)[0]];
    expect([one.prompt, two.prompt]).toEqual(['Type the code word for the object that holds a free variable.', 'Type the code word for the tuple of those objects.']);
    for (const secret of ['E2E_VARIANT_ANSWER_ONE', 'E2E_VARIANT_ANSWER_TWO', '{{']) expect({ secret, leaked: bodies.join('').includes(secret) }).toEqual({ secret, leaked: false });

    // The other learner's answer is wrong here; each one's own is right, and stays so when read again.
    const borrowed = await as(t.http.put(`/api/attempts/${one.id}/answers/name-it`).send({ response: two.answer }), one.token).expect(200);
    expect(borrowed.body).toMatchObject({ correct: false, score: 0 });
    const own = await as(t.http.put(`/api/attempts/${two.id}/answers/name-it`).send({ response: two.answer.toLowerCase() }), two.token).expect(200);
    expect(own.body).toMatchObject({ correct: true, score: 1 });
    expect((await as(t.http.get(`/api/attempts/${two.id}`), two.token)).body.answers).toEqual([expect.objectContaining({ correct: true, points: 1 })]);

    // The dashboard breaks the question down per variant, as it does for code.
    const login = await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
    const stats = await as(t.http.get('/api/admin/dashboard/questions?quizId=assess/varied'), `Bearer ${login.body.accessToken}`).expect(200);
    expect(stats.body.items[0]).toMatchObject({ key: 'name-it', type: 'short_answer', gradedAttempts: 2, passedAttempts: 1 });
    expect(stats.body.items[0].variants).toEqual([
      { values: { clue: 'the object that holds a free variable', answer: 'E2E_VARIANT_ANSWER_ONE' }, gradedAttempts: 1, passedAttempts: 0, passRate: 0 },
      { values: { clue: 'the tuple of those objects', answer: 'E2E_VARIANT_ANSWER_TWO' }, gradedAttempts: 1, passedAttempts: 1, passRate: 1 },
    ]);
  }, 60_000);
});
