import { randomBytes } from 'node:crypto';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { startTestApp, type TestApp } from './support/app.js';

// Red team "redapi" (HTTP, as a learner or anonymous): each test is an attack that worked.

const EXAM = `kind: quiz
id: redapi/exam
title: Timed check
attempts: 1
exam:
  minutes: 20
questions:
  - id: pick
    type: single_choice
    prompt: REDAPI_EXAM_PROMPT which keyword rebinds an enclosing variable?
    choices:
      - { id: a, text: REDAPI_EXAM_CHOICE nonlocal, correct: true }
      - { id: b, text: global }
  - id: predict
    type: predict_output
    prompt: REDAPI_EXAM_CODE_PROMPT what does this print?
    code: "print(REDAPI_EXAM_CODE)"
    expected_output: "1"
`;

const NOT_YET = `kind: quiz
id: redapi/not-yet
title: Opens later
opens: "2999-01-01T00:00:00Z"
questions:
  - id: word
    type: short_answer
    prompt: REDAPI_LATER_PROMPT name the keyword.
    accept: [nonlocal]
`;

let t: TestApp;

async function register(): Promise<string> {
  const email = `redapi-${randomBytes(5).toString('hex')}@example.org`;
  const response = await t.http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName: 'Red' }).expect(201);
  return `Bearer ${response.body.accessToken as string}`;
}

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent' });
  const catalog = t.app.get(CatalogRepository);
  for (const [slug, yaml] of Object.entries({ exam: EXAM, 'not-yet': NOT_YET })) {
    const parsed = parseFileText(`redapi/${slug}.yaml`, yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await catalog.saveVersion({ item: parsed.item as CourseItem, course: 'redapi', hash: parsed.hash, sourceYaml: yaml });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('red team redapi: what the public quiz page gives away', () => {
  // The quiz cover (GET /api/quizzes/:course/:slug, public) returned every question of a timed
  // exam: anyone, signed in or not, read the prompts, choices and code examples for as long as
  // they liked, then started the attempt and answered within the timer. A quiz that is not open
  // yet showed its questions the same way.
  it("does not show a timed exam's questions before the attempt (and its timer) starts", async () => {
    const cover = await t.http.get('/api/quizzes/redapi/exam').expect(200);
    expect(cover.body).toMatchObject({ exam: { minutes: 20 }, questionCount: 2, hasCode: false, maxScore: 2, questions: [] });
    expect(cover.text).not.toMatch(/REDAPI_EXAM/);
    // The attempt shows them, with its deadline running.
    const token = await register();
    const started = await t.http.post('/api/quizzes/redapi/exam/attempts').set('Authorization', token).expect(201);
    expect(started.body.deadline).toEqual(expect.any(String));
    expect(started.text).toContain('REDAPI_EXAM_PROMPT');
  });

  it('does not show the questions of a quiz that is not open yet', async () => {
    const cover = await t.http.get('/api/quizzes/redapi/not-yet').expect(200);
    expect(cover.body).toMatchObject({ availability: 'not_open_yet', questionCount: 1, hasCode: false, questions: [] });
    expect(cover.text).not.toContain('REDAPI_LATER_PROMPT');
  });

  it('still shows an open practice exercise with its examples (the cover of the course)', async () => {
    const cover = await t.http.get('/api/quizzes/closures/make-counter').expect(200);
    expect(cover.body).toMatchObject({ questionCount: 1, hasCode: true, questions: [{ type: 'code', examples: [{ name: 'first_call_returns_1' }, { name: 'three_calls' }] }] });
  });
});

describe('red team redapi: deeply nested JSON bodies', () => {
  // 20 KB of nested brackets ended in a stack overflow inside class-transformer (500 and an
  // error log with its stack); 1 MB of them held the event loop ~1.1 s per request (8 such
  // anonymous logins at once: /health answered after 8.8 s).
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a body nesting deeper than 64 levels with 400 before parsing it, on public and signed-in routes', async () => {
    const login = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":"a@example.org","password":${nested(10_000)}}`);
    expect({ status: login.status, body: login.body }).toEqual({
      status: 400,
      body: expect.objectContaining({ statusCode: 400, message: expect.stringContaining('more than 64 levels deep'), requestId: expect.any(String) }),
    });
    const token = await register();
    const started = await t.http.post('/api/quizzes/redapi/not-yet/attempts').set('Authorization', token);
    expect(started.status).toBe(403);
    const deep = await t.http.put('/api/attempts/00000000-0000-4000-8000-000000000000/answers/pick').set('Authorization', token).set('Content-Type', 'application/json').send(`{"response":${nested(400_000)}}`);
    expect(deep.status).toBe(400);
    // Brackets inside strings are text, and a body at the limit is read as before.
    const text = await t.http.post('/api/auth/login').send({ email: 'a@example.org', password: '['.repeat(150) });
    expect(text.status).toBe(401);
    const atLimit = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":"a@example.org","password":"x","extra":${nested(63)}}`);
    expect([atLimit.status, atLimit.body.message]).toEqual([400, expect.stringContaining('extra should not exist')]);
  });
});
