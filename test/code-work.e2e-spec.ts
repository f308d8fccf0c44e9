import { randomBytes } from 'node:crypto';
import type request from 'supertest';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { startTestApp, type TestApp } from './support/app.js';

// Issue 15, the learner's continuity: drafts kept by the server per (attempt, question), the
// latest run and submission read back with their code, and "Try again" starting from the last
// code submitted. Real app, real grader, real database copy.

const EXAM = `kind: quiz
id: work/exam
title: Code work exam
exam:
  minutes: 30
questions:
  - id: pick
    type: single_choice
    prompt: Pick a.
    choices:
      - { id: a, text: a, correct: true }
      - { id: b, text: b }
  - id: double
    type: code
    prompt: Write double(x).
    examples:
      - { name: doubles_two, expr: "double(2)", expected: 4 }
    tests:
      - { name: doubles, expr: "double(21)", expected: 42, feedback: "WORK_HIDDEN_FEEDBACK" }
    solution: "def double(x):\\n    return 2 * x\\n"
    wrong_solutions:
      - { name: triples, code: "def double(x):\\n    return 3 * x\\n", fails: [doubles_two, doubles], feedback: "triples" }
      - { name: squares, code: "def double(x):\\n    return x * x\\n", fails: [doubles], feedback: "squares" }
`;
const RIGHT = 'def make_counter():\n    count = 0\n\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n\n    return counter\n';
const DRAFT = 'def make_counter():\n    count = 0  # typed, not yet run\n';
const COUNTER = 'closures/make-counter';

let t: TestApp;
const as = (test: request.Test, token: string) => test.set('Authorization', token);

async function learner(): Promise<string> {
  const email = `work-${randomBytes(5).toString('hex')}@example.org`;
  const response = await t.http.post('/api/auth/register').send({ email, password: 'work-password', displayName: 'Learner' }).expect(201);
  return `Bearer ${response.body.accessToken}`;
}

/** The settled verdict of a run or submission (polled when the grader answers 202). */
async function settled(response: request.Response, token: string): Promise<Record<string, any>> {
  let body = response.body;
  for (let i = 0; i < 240 && (body.status === 'pending' || body.status === 'grading'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    body = (await as(t.http.get(`/api/submissions/${body.id}`), token)).body;
  }
  return body;
}

async function start(token: string, quiz: string): Promise<string> {
  return (await as(t.http.post(`/api/quizzes/${quiz}/attempts`), token).expect(201)).body.id as string;
}
const draftPath = (id: string, key: string) => `/api/attempts/${id}/questions/${key}/draft`;
const codeOf = async (id: string, token: string) => (await as(t.http.get(`/api/attempts/${id}/code`), token).expect(200)).body;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error', SCRYPT_COST: '10' });
  const parsed = parseFileText('work/exam.yaml', EXAM);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await t.app.get(CatalogRepository).saveVersion({ item: parsed.item as CourseItem, course: 'work', hash: parsed.hash, sourceYaml: EXAM });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('code drafts and past work (e2e)', () => {
  it('saves a draft, reads it back (the newest save wins), and bounds it like a submission', async () => {
    const token = await learner();
    const id = await start(token, COUNTER);
    expect((await codeOf(id, token)).questions).toEqual([{ questionKey: 'make-counter', draft: null, lastRun: null, lastSubmission: null, earlier: null }]);

    await as(t.http.put(draftPath(id, 'make-counter')).send({ source: 'first' }), token).expect(200);
    const saved = await as(t.http.put(draftPath(id, 'make-counter')).send({ source: DRAFT }), token).expect(200);
    expect(saved.body).toEqual({ questionKey: 'make-counter', source: DRAFT, savedAt: expect.any(String) });
    expect((await codeOf(id, token)).questions[0].draft).toEqual({ questionKey: 'make-counter', source: DRAFT, savedAt: saved.body.savedAt });

    const tooLong = await as(t.http.put(draftPath(id, 'make-counter')).send({ source: 'x'.repeat(65_537) }), token).expect(400);
    expect(tooLong.body.details).toEqual([{ field: 'source', errors: ['source must be at most 65536 characters long'] }]);
    await as(t.http.put(draftPath(id, 'make-counter')).send({ source: 'x'.repeat(65_536) }), token).expect(200);
    const notText = await as(t.http.put(draftPath(id, 'make-counter')).send({ source: 42 }), token).expect(400);
    expect(JSON.stringify(notText.body.details)).toContain('source must be a string');
    await as(t.http.put(draftPath(id, 'no-such-question')).send({ source: DRAFT }), token).expect(404);
  });

  it("keeps one learner's attempt, draft and code from another (404, as for an unknown id)", async () => {
    const owner = await learner();
    const other = await learner();
    const id = await start(owner, COUNTER);
    await as(t.http.put(draftPath(id, 'make-counter')).send({ source: DRAFT }), owner).expect(200);

    const stolen = await as(t.http.put(draftPath(id, 'make-counter')).send({ source: 'overwritten' }), other).expect(404);
    expect(stolen.body.message).toBe(`No attempt ${id}`);
    await as(t.http.get(`/api/attempts/${id}/code`), other).expect(404);
    await as(t.http.get(`/api/attempts/${id}`), other).expect(404);
    await t.http.get(`/api/attempts/${id}/code`).expect(401);
    await as(t.http.get('/api/attempts/not-a-uuid/code'), owner).expect(404);
    expect((await codeOf(id, owner)).questions[0].draft.source).toBe(DRAFT);
  });

  it('reads back the last run and submission with their code, refuses drafts once finished, and starts the next attempt from the last code submitted', async () => {
    const token = await learner();
    const id = await start(token, COUNTER);
    const run = await settled(await as(t.http.post(`/api/attempts/${id}/questions/make-counter/run`).send({ source: DRAFT }), token), token);
    expect(run).toMatchObject({ kind: 'run', status: 'graded' });
    let work = (await codeOf(id, token)).questions[0];
    expect(work.lastRun).toMatchObject({ id: run.id, kind: 'run', source: DRAFT, passed: run.passed, total: 2 });
    expect(work.lastRun.tests.map((test: { name: string }) => test.name)).toEqual(['first_call_returns_1', 'three_calls']);
    expect(work.lastSubmission).toBeNull();

    const graded = await settled(await as(t.http.post(`/api/attempts/${id}/questions/make-counter/submissions`).send({ source: RIGHT }), token), token);
    expect(graded).toMatchObject({ status: 'graded', score: 1 });
    await as(t.http.post(`/api/attempts/${id}/submit`), token).expect(200);
    const late = await as(t.http.put(draftPath(id, 'make-counter')).send({ source: DRAFT }), token).expect(409);
    expect(late.body.message).toContain('already submitted');

    work = (await codeOf(id, token)).questions[0];
    expect(work.lastSubmission).toMatchObject({ id: graded.id, kind: 'submit', source: RIGHT, score: 1, passed: 8, total: 8 });
    expect(work.lastSubmission.tests.find((test: { name: string }) => test.name === 'test_independent')).toMatchObject({ visibility: 'hidden', output: '' });
    // A finished attempt is reviewed as it was: no code from elsewhere is offered.
    expect(work.earlier).toBeNull();

    const next = await start(token, COUNTER);
    expect((await codeOf(next, token)).questions[0].earlier).toEqual({ attemptId: id, source: RIGHT, createdAt: graded.createdAt });
    await as(t.http.put(draftPath(next, 'make-counter')).send({ source: DRAFT }), token).expect(200);
    // Once the new attempt has code of its own, that code is what the page opens.
    expect((await codeOf(next, token)).questions[0]).toMatchObject({ draft: { source: DRAFT }, earlier: null });
  });

  it('withholds the verdict of an exam submission until release, but shows its code; a non-code question has no draft', async () => {
    const token = await learner();
    const id = await start(token, 'work/exam');
    const bad = await as(t.http.put(draftPath(id, 'pick')).send({ source: DRAFT }), token).expect(400);
    expect(bad.body.message).toContain('"pick" is not a code question');
    const code = 'def double(x):\n    return 3 * x\n';
    await settled(await as(t.http.post(`/api/attempts/${id}/questions/double/submissions`).send({ source: code }), token), token);
    await as(t.http.post(`/api/attempts/${id}/submit`), token).expect(200);

    const hidden = await as(t.http.get(`/api/attempts/${id}/code`), token).expect(200);
    expect(hidden.body.questions).toEqual([expect.objectContaining({ questionKey: 'double' })]);
    expect(hidden.body.questions[0].lastSubmission).toMatchObject({ source: code, score: null, points: null, tests: [], message: expect.stringContaining('when your instructor releases') });
    expect(hidden.text).not.toContain('WORK_HIDDEN_FEEDBACK');

    await t.prisma.quiz.update({ where: { id: 'work/exam' }, data: { scoresReleasedAt: new Date(Date.now() - 1000) } });
    const released = (await codeOf(id, token)).questions[0].lastSubmission;
    expect(released).toMatchObject({ score: 0, passed: 0, total: 2 });
    expect(JSON.stringify(released.tests)).toContain('WORK_HIDDEN_FEEDBACK');
  });
});
