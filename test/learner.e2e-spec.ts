import { randomBytes } from 'node:crypto';
import type request from 'supertest';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { SubmissionProcessor } from '../apps/api/src/grading/submission-processor.js';
import { startTestApp, type TestApp } from './support/app.js';

// The learner's whole flow on the real app: real PostgreSQL copy, real Pyodide grader, the real
// exercises/ catalogue plus a few quizzes saved here through CatalogRepository.saveVersion.

const RIGHT = `def make_counter():
    count = 0

    def counter():
        nonlocal count
        count += 1
        return count

    return counter
`;
const NO_NONLOCAL = RIGHT.replace('        nonlocal count\n', '');

/** Text of make-counter.yaml that is hidden from learners: none may appear in any response. */
const HIDDEN = [
  'assert b() == 1',
  'cell.cell_contents',
  'callable(make_counter())',
  '[c() for _ in range(10)]',
  '[1,2,3,4,5,6,7,8,9,10]',
  'global count',
  'returns-value-not-function',
  'wrong_solutions',
  'other_solutions',
  'test_module',
  'E2E_ACCEPTED_ANSWER',
];

function quizYaml(slug: string, extra: string): string {
  return `kind: quiz
id: e2e/${slug}
title: E2E ${slug}
published: true
${extra}
questions:
  - id: pick
    type: single_choice
    prompt: Which keyword rebinds a variable of the enclosing function?
    points: 2
    choices:
      - { id: a, text: nonlocal, correct: true, feedback: "E2E_CHOICE_FEEDBACK right" }
      - { id: b, text: global }
    explanation: nonlocal names a variable of the nearest enclosing function scope.
  - id: many
    type: multiple_choice
    prompt: Which of these create a new scope?
    choices:
      - { id: f, text: a def, correct: true }
      - { id: l, text: a lambda, correct: true }
      - { id: i, text: an if block }
  - id: order
    type: ordering
    prompt: Put the LEGB lookup in order.
    items: [Local, Enclosing, Global, Built-in]
  - id: predict
    type: predict_output
    prompt: What does this print?
    code: "print(sum([1, 2, 3]))"
    expected_output: "6"
  - id: word
    type: short_answer
    prompt: Name the attribute holding the cells of a closure (without underscores).
    accept: [closure, E2E_ACCEPTED_ANSWER]
`;
}

const SEEDED: Record<string, string> = {
  'all-types': quizYaml('all-types', ''),
  limited: quizYaml('limited', 'attempts: 1'),
  closed: quizYaml('closed', 'closes: "2020-01-01T00:00:00Z"'),
  'not-yet': quizYaml('not-yet', 'opens: "2999-01-01T00:00:00Z"'),
};

let t: TestApp;
const bodies: string[] = [];

/** Every response body of the run is kept for the leak check at the end. */
async function call(test: request.Test, token?: string): Promise<request.Response> {
  const response = await (token ? test.set('Authorization', `Bearer ${token}`) : test);
  bodies.push(response.text ?? '');
  return response;
}

async function learner(): Promise<string> {
  const email = `learner-${randomBytes(5).toString('hex')}@example.org`;
  const response = await call(t.http.post('/api/auth/register').send({ email, password: 'learner-password', displayName: 'Learner' }));
  expect(response.status).toBe(201);
  return response.body.accessToken as string;
}

/**
 * The verdict of a run or submission: 201 at once, or 202 with a URL to poll when the grader is
 * slower than the request's wait (a cold pool on a busy machine), polled here until graded.
 */
async function verdict(response: request.Response, token: string): Promise<{ status: number; body: Record<string, any> }> {
  if (response.status !== 202) return response;
  expect(response.body).toMatchObject({ status: expect.stringMatching(/pending|grading/), poll: `/api/submissions/${response.body.id}` });
  for (let i = 0; i < 240; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const polled = await call(t.http.get(response.body.poll), token);
    if (polled.body.status === 'graded' || polled.body.status === 'error') return { status: 201, body: polled.body };
  }
  throw new Error(`submission ${response.body.id} still not graded after 60 s`);
}

async function start(token: string, quiz: string): Promise<request.Response> {
  return call(t.http.post(`/api/quizzes/${quiz}/attempts`), token);
}

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error' });
  const catalog = t.app.get(CatalogRepository);
  for (const [slug, yaml] of Object.entries(SEEDED)) {
    const parsed = parseFileText(`e2e/${slug}.yaml`, yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await catalog.saveVersion({ item: parsed.item as CourseItem, course: 'e2e', hash: parsed.hash, sourceYaml: yaml });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('learner flow (e2e)', () => {
  it('refuses anonymous learners with 401 but shows published quizzes to anyone', async () => {
    expect((await start('', 'closures/make-counter')).status).toBe(401);
    expect((await call(t.http.get('/api/me/attempts'))).status).toBe(401);
    const view = await call(t.http.get('/api/quizzes/closures/make-counter'));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: 'closures/make-counter', kind: 'exercise', attemptLimit: null, availability: 'open' });
    expect(view.body.questions[0]).toMatchObject({ type: 'code', hidden_tests: 6, examples: [{ name: 'first_call_returns_1' }, { name: 'three_calls' }] });
    expect((await call(t.http.get('/api/quizzes/closures/no-such-quiz'))).status).toBe(404);
  });

  it('runs, submits a wrong then a right solution, and finishes make-counter at 100%', async () => {
    const token = await learner();
    const started = await start(token, 'closures/make-counter');
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const max = started.body.maxScore as number;
    expect(max).toBe(10); // 2 examples + 6 hidden tests, by their points
    const resumed = await start(token, 'closures/make-counter');
    expect([resumed.status, resumed.body.id]).toEqual([200, id]);

    const run = await verdict(await call(t.http.post(`/api/attempts/${id}/questions/make-counter/run`).send({ source: NO_NONLOCAL }), token), token);
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ kind: 'run', status: 'graded', score: null, total: 2, passed: 0 });
    expect(run.body.tests.map((test: { name: string }) => test.name)).toEqual(['first_call_returns_1', 'three_calls']);
    expect(run.body.tests[0].message).toContain('UnboundLocalError');

    const wrong = await verdict(await call(t.http.post(`/api/attempts/${id}/questions/make-counter/submissions`).send({ source: NO_NONLOCAL }), token), token);
    expect(wrong.status).toBe(201);
    expect(wrong.body).toMatchObject({ kind: 'submit', status: 'graded', total: 8 });
    expect(wrong.body.score).toBeLessThan(1);
    const hidden = wrong.body.tests.find((test: { name: string }) => test.name === 'test_independent');
    // UnboundLocalError inside the test: an error, explained by the author's feedback only.
    expect(hidden).toMatchObject({ visibility: 'hidden', status: 'error', output: '', score: 0 });
    expect(hidden.feedback).toContain('Your counters share one count');
    expect(hidden.message).not.toContain('Your counters share one count');

    const right = await verdict(await call(t.http.post(`/api/attempts/${id}/questions/make-counter/submissions`).send({ source: RIGHT }), token), token);
    expect(right.body).toMatchObject({ status: 'graded', score: 1, passed: 8, total: 8, points: max, maxPoints: max });
    const polled = await call(t.http.get(`/api/submissions/${right.body.id}`), token);
    expect(polled.body).toMatchObject({ id: right.body.id, score: 1 });

    const attempt = await call(t.http.get(`/api/attempts/${id}`), token);
    expect(attempt.body.answers).toEqual([expect.objectContaining({ questionKey: 'make-counter', score: 1, points: max, correct: true })]);

    const finished = await call(t.http.post(`/api/attempts/${id}/submit`), token);
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ status: 'submitted', score: max, maxScore: max });
    expect((await call(t.http.post(`/api/attempts/${id}/submit`), token)).status).toBe(409);
    const late = await call(t.http.post(`/api/attempts/${id}/questions/make-counter/submissions`).send({ source: RIGHT }), token);
    expect(late.status).toBe(409);

    const history = await call(t.http.get('/api/me/attempts'), token);
    expect(history.body).toMatchObject({ total: 1, page: 1, items: [{ id, quizId: 'closures/make-counter', status: 'submitted', score: max, maxScore: max }] });
    const progress = await call(t.http.get('/api/me/progress?pageSize=100'), token);
    const counter = progress.body.items.find((item: { quizId: string }) => item.quizId === 'closures/make-counter');
    expect(counter).toMatchObject({ bestScore: max, maxScore: max, attemptsUsed: 1, attemptsLeft: null, inProgressAttemptId: null });
  });

  it("lists the closures course in its course.yaml order, each item with its section", async () => {
    const token = await learner();
    const progress = await call(t.http.get('/api/me/progress?pageSize=100'), token);
    const closures = progress.body.items.filter((item: { course: string }) => item.course === 'closures');
    expect(closures.slice(0, 3).map((item: { quizId: string; section: string }) => [item.quizId, item.section])).toEqual([
      ['closures/scope-basics', 'Scopes and the definition of a closure'],
      ['closures/closure-anatomy', 'Scopes and the definition of a closure'],
      ['closures/make-greeter', 'Factories and state'],
    ]);
    expect(closures.at(-2)).toMatchObject({ quizId: 'closures/two-meanings', section: 'A word with two meanings' });
    expect(closures.at(-1)).toMatchObject({ quizId: 'closures/closures-check', section: 'Graded check' });
    expect(closures[0].concepts).toEqual(expect.arrayContaining(['legb', 'nonlocal']));
    const courses = await t.http.get('/api/courses').expect(200);
    expect(courses.body.items).toEqual([{ id: 'closures', title: 'Python closures', description: expect.stringContaining('Scopes, closures') }]);
  });

  it('answers every non-code question type, validates shapes, and scores the attempt', async () => {
    const token = await learner();
    const { body } = await start(token, 'e2e/all-types');
    const answer = (key: string, response: unknown) => call(t.http.put(`/api/attempts/${body.id}/answers/${key}`).send({ response }), token);
    expect(JSON.stringify(body)).not.toContain('E2E_CHOICE_FEEDBACK');
    const order = body.questions.find((q: { id: string }) => q.id === 'order');
    expect(order.items).not.toEqual(['Local', 'Enclosing', 'Global', 'Built-in']);

    const bad = await answer('pick', 'zz');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'response', errors: [expect.stringContaining('choice ids: a, b')] }]);
    expect((await answer('order', ['Local'])).status).toBe(400);
    expect((await call(t.http.put(`/api/attempts/${body.id}/answers/pick`).send({}), token)).status).toBe(400);
    expect((await call(t.http.put(`/api/attempts/${body.id}/answers/pick`).send({ response: 'a', extra: 1 }), token)).status).toBe(400);

    const pick = await answer('pick', 'a');
    expect(pick.body).toMatchObject({ correct: true, score: 1, points: 2, explanation: expect.stringContaining('nearest enclosing') });
    expect((await answer('pick', 'a')).body).toEqual(pick.body);
    expect((await answer('pick', 'b')).status).toBe(409);
    expect((await answer('many', ['f', 'l'])).body).toMatchObject({ correct: true });
    expect((await answer('order', ['Local', 'Enclosing', 'Global', 'Built-in'])).body).toMatchObject({ correct: true });
    expect((await answer('predict', '6\n')).body).toMatchObject({ correct: true });
    expect((await answer('word', 'no idea')).body).toMatchObject({ correct: false, score: 0 });

    const finished = await call(t.http.post(`/api/attempts/${body.id}/submit`), token);
    expect(finished.body).toMatchObject({ status: 'submitted', score: 5, maxScore: 6 });
    expect((await answer('word', 'closure')).status).toBe(409);
  });

  it("hides another learner's attempt and submissions behind 404", async () => {
    const owner = await learner();
    const other = await learner();
    const { body } = await start(owner, 'closures/make-counter');
    expect((await call(t.http.get(`/api/attempts/${body.id}`), other)).status).toBe(404);
    expect((await call(t.http.put(`/api/attempts/${body.id}/answers/pick`).send({ response: 'a' }), other)).status).toBe(404);
    expect((await call(t.http.post(`/api/attempts/${body.id}/submit`), other)).status).toBe(404);
    expect((await call(t.http.post(`/api/attempts/${body.id}/questions/make-counter/run`).send({ source: RIGHT }), other)).status).toBe(404);
    expect((await call(t.http.get('/api/attempts/not-a-uuid'), owner)).status).toBe(404);
  });

  it('enforces the attempt limit (409) and the opening and closing dates (403)', async () => {
    const token = await learner();
    const first = await start(token, 'e2e/limited');
    await call(t.http.post(`/api/attempts/${first.body.id}/submit`), token);
    const refused = await start(token, 'e2e/limited');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/Attempt limit reached/);
    const progress = await call(t.http.get('/api/me/progress?pageSize=100'), token);
    expect(progress.body.items.find((item: { quizId: string }) => item.quizId === 'e2e/limited')).toMatchObject({ attemptsUsed: 1, attemptsLeft: 0 });

    const closed = await start(token, 'e2e/closed');
    expect([closed.status, closed.body.message]).toEqual([403, expect.stringMatching(/closed/)]);
    const early = await start(token, 'e2e/not-yet');
    expect([early.status, early.body.message]).toEqual([403, expect.stringMatching(/not open yet/)]);
    expect((await call(t.http.get('/api/quizzes/e2e/closed'))).body.availability).toBe('closed');
  });

  it('limits the source size (400 on source) and throttles code runs per user (429)', async () => {
    const token = await learner();
    const { body } = await start(token, 'closures/make-counter');
    const url = `/api/attempts/${body.id}/questions/make-counter/run`;
    const huge = await call(t.http.post(url).send({ source: 'x = 1\n'.repeat(12_000) }), token);
    expect(huge.status).toBe(400);
    expect(huge.body.details).toEqual([{ field: 'source', errors: [expect.stringContaining('at most 65536')] }]);
    const statuses: number[] = [];
    for (let i = 0; i < 19; i++) statuses.push((await call(t.http.post(url).send({}), token)).status);
    expect(statuses.every((status) => status === 400)).toBe(true);
    expect(statuses).toHaveLength(19);
    const throttled = await call(t.http.post(url).send({ source: RIGHT }), token);
    expect(throttled.status).toBe(429);
    expect(throttled.body.message).toMatch(/at most 20 per minute/);
    // another learner keeps their own budget
    const other = await learner();
    const own = await start(other, 'closures/make-counter');
    expect([201, 202]).toContain((await call(t.http.post(`/api/attempts/${own.body.id}/questions/make-counter/run`).send({ source: RIGHT }), other)).status);
  });

  it('opens one attempt for two concurrent starts', async () => {
    const token = await learner();
    const [a, b] = await Promise.all([start(token, 'e2e/all-types'), start(token, 'e2e/all-types')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('grades a submission that a crash left mid-grading at the next start, and counts it', async () => {
    const token = await learner();
    const { body } = await start(token, 'closures/make-counter');
    const attempt = await t.prisma.attempt.findUniqueOrThrow({ where: { id: body.id } });
    const question = await t.prisma.question.findFirstOrThrow({ where: { quizVersionId: attempt.quizVersionId, key: 'make-counter' } });
    const interrupted = await t.prisma.submission.create({
      data: { attemptId: attempt.id, userId: attempt.userId, questionId: question.id, source: RIGHT, kind: 'submit', status: 'grading', attemptCount: 1 },
    });
    expect((await call(t.http.post(`/api/attempts/${body.id}/submit`), token)).status).toBe(409); // not graded yet
    await t.app.get(SubmissionProcessor).onApplicationBootstrap(); // what a restart runs
    const graded = await verdict({ status: 202, body: { status: 'pending', id: interrupted.id, poll: `/api/submissions/${interrupted.id}` } } as request.Response, token);
    expect(graded.body).toMatchObject({ status: 'graded', score: 1 });
    const finished = await call(t.http.post(`/api/attempts/${body.id}/submit`), token);
    expect(finished.body).toMatchObject({ status: 'submitted', score: 10, maxScore: 10 });
  });

  it('documents every learner route in OpenAPI with its errors', async () => {
    const { body } = await call(t.http.get('/docs-json'));
    const routes: [string, string, string[]][] = [
      ['/api/quizzes/{course}/{slug}', 'get', ['200', '404']],
      ['/api/quizzes/{course}/{slug}/attempts', 'post', ['200', '201', '401', '403', '404', '409']],
      ['/api/attempts/{id}', 'get', ['200', '401', '404']],
      ['/api/attempts/{id}/answers/{questionKey}', 'put', ['200', '400', '401', '403', '404', '409']],
      ['/api/attempts/{id}/questions/{key}/run', 'post', ['201', '202', '400', '401', '404', '429']],
      ['/api/attempts/{id}/questions/{key}/submissions', 'post', ['201', '202', '400', '401', '403', '404', '409', '429']],
      ['/api/attempts/{id}/submit', 'post', ['200', '401', '404', '409']],
      ['/api/submissions/{id}', 'get', ['200', '401', '404']],
      ['/api/me/attempts', 'get', ['200', '401']],
      ['/api/me/progress', 'get', ['200', '401']],
    ];
    for (const [path, method, statuses] of routes) {
      expect(Object.keys(body.paths[path]?.[method]?.responses ?? {}).sort()).toEqual(expect.arrayContaining(statuses));
    }
  });

  it('never sent hidden tests, solutions or accepted answers in any response of this run', () => {
    expect(bodies.length).toBeGreaterThan(40);
    for (const secret of HIDDEN) {
      const leaked = bodies.find((body) => body.replace(/\s+/g, '').includes(secret.replace(/\s+/g, '')));
      expect(leaked === undefined ? 'none' : `${secret} in ${leaked.slice(0, 200)}`).toBe('none');
    }
  });
});
