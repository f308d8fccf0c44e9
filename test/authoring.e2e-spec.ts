import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { exerciseYaml, HIDDEN_MARKER, OTHER_MARKER, SOLUTION_MARKER } from '../apps/api/src/authoring/testing/authoring-fixtures.js';
import { startTestApp, type TestApp } from './support/app.js';

// The instructor's flow on the real app: real database, real grader pool (1 worker).
const run = randomBytes(4).toString('hex');
const COURSE = 'authoring-e2e';
const SLUG = `double-it-${run}`;
const ID = `${COURSE}/${SLUG}`;
const QUIZ_URL = `/api/authoring/quizzes/${ID}`;
const RIGHT = 'def double(x):\n    return 2 * x\n';
const OFF_BY_ONE = 'def double(x):\n    return 2 * x + (1 if x == 1000 else 0)\n';

let testApp: TestApp;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  testApp = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10' });
  http = testApp.http;
}, 120_000);

afterAll(async () => {
  await testApp?.close();
});

let counter = 0;
async function register(role: 'learner' | 'instructor' = 'learner'): Promise<{ auth: string; email: string; id: string }> {
  counter += 1;
  const email = `${role}${counter}-${run}@example.org`;
  const response = await http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName: `${role} ${counter}` }).expect(201);
  const id = response.body.user.id as string;
  if (role !== 'learner') await testApp.prisma.user.update({ where: { id }, data: { role } });
  return { auth: `Bearer ${response.body.accessToken}`, email, id };
}

/** A learner's attempt with one submission of `source`, finished; returns the submission id. */
async function learnerSubmits(source: string): Promise<{ submissionId: string; attemptId: string; userId: string }> {
  const learner = await register();
  const attempt = await http.post(`/api/quizzes/${ID}/attempts`).set('Authorization', learner.auth).expect(201);
  const attemptId = attempt.body.id as string;
  const sent = await http.post(`/api/attempts/${attemptId}/questions/${SLUG}/submissions`).set('Authorization', learner.auth).send({ source });
  expect([201, 202]).toContain(sent.status);
  let submission = sent.body;
  for (let i = 0; i < 120 && submission.status !== 'graded' && submission.status !== 'error'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    submission = (await http.get(`/api/submissions/${submission.id}`).set('Authorization', learner.auth).expect(200)).body;
  }
  expect(submission.status).toBe('graded');
  await http.post(`/api/attempts/${attemptId}/submit`).set('Authorization', learner.auth).expect((r) => expect([200, 201]).toContain(r.status));
  return { submissionId: submission.id, attemptId, userId: learner.id };
}

describe('authoring (e2e)', () => {
  let instructor: { auth: string };

  beforeAll(async () => {
    instructor = await register('instructor');
  });

  it('401 without a session, 403 for a learner', async () => {
    await http.get('/api/authoring/quizzes').expect(401);
    const learner = await register();
    await http.get('/api/authoring/quizzes').set('Authorization', learner.auth).expect(403);
    await http.post('/api/authoring/validate').set('Authorization', learner.auth).send({ yaml: exerciseYaml() }).expect(403);
  });

  it('answers an invalid upload with 422 and the line of each error', async () => {
    const broken = exerciseYaml({ id: ID }).replace('    points: 2', '    points: two');
    const line = broken.split('\n').findIndex((l) => l.includes('points: two')) + 1;
    const response = await http.post('/api/authoring/quizzes').set('Authorization', instructor.auth).send({ yaml: broken }).expect(422);
    expect(response.body).toMatchObject({ statusCode: 422, requestId: expect.any(String) });
    expect(response.body.details.errors).toEqual([expect.objectContaining({ line, path: 'tests[0].points', message: expect.any(String) })]);
    const check = await http.post('/api/authoring/validate').set('Authorization', instructor.auth).send({ yaml: broken }).expect(200);
    expect(check.body).toMatchObject({ valid: false, errors: [expect.objectContaining({ line })] });
    await http.get(QUIZ_URL).set('Authorization', instructor.auth).expect(404);
  });

  it('400 for a body without yaml or with unknown fields', async () => {
    const bad = await http.post('/api/authoring/quizzes').set('Authorization', instructor.auth).send({ yml: 'x' }).expect(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'yaml' })]));
    // Over the format's file size limit (256 KiB): refused before any parsing.
    const huge = await http.post('/api/authoring/validate').set('Authorization', instructor.auth).send({ yaml: `# ${'x'.repeat(300 * 1024)}` }).expect(400);
    expect(huge.body.details).toEqual([expect.objectContaining({ field: 'yaml' })]);
  });

  it('uploads, previews without secrets, publishes; a learner submits; a changed test is regraded, commit = preview', async () => {
    const created = await http.post('/api/authoring/quizzes').set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: ID }) }).expect(201);
    expect(created.body).toMatchObject({ id: ID, outcome: 'created', version: 1, published: false });
    await http.post('/api/authoring/quizzes').set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: ID }) }).expect(409);
    await http.put(QUIZ_URL).set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: ID }) }).expect(200);
    await http.put(QUIZ_URL).set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: `${COURSE}/other-${run}` }) }).expect(400);
    await http.put(`/api/authoring/quizzes/${COURSE}/missing-${run}`).set('Authorization', instructor.auth).send({ yaml: exerciseYaml() }).expect(404);

    const detail = await http.get(QUIZ_URL).set('Authorization', instructor.auth).expect(200);
    expect(detail.body).toMatchObject({ id: ID, published: false, currentVersion: 1, versionsCount: 1, sourceYaml: exerciseYaml({ id: ID }) });
    const listed = await http.get('/api/authoring/quizzes?pageSize=100').set('Authorization', instructor.auth).expect(200);
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: ID, published: false, submissionsCount: 0 })]));

    const preview = await http.get(`${QUIZ_URL}/preview`).set('Authorization', instructor.auth).expect(200);
    expect(preview.body.questions).toEqual([expect.objectContaining({ type: 'code', id: SLUG, hidden_tests: 1 })]);
    const shown = JSON.stringify(preview.body);
    for (const secret of [HIDDEN_MARKER, SOLUTION_MARKER, OTHER_MARKER, 'doubles_big', 'adds-two', 'wrong_solutions', 'other_solutions', '2 * x']) expect(shown).not.toContain(secret);

    await http.get(`/api/quizzes/${ID}`).expect(404);
    const published = await http.post(`${QUIZ_URL}/publish`).set('Authorization', instructor.auth).expect(200);
    expect(published.body.published).toBe(true);

    const right = await learnerSubmits(RIGHT);
    const offByOne = await learnerSubmits(OFF_BY_ONE);
    const before = await http.get(`${QUIZ_URL}/submissions?status=graded`).set('Authorization', instructor.auth).expect(200);
    expect(before.body.total).toBe(2);
    expect(before.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: right.submissionId, points: 3, maxPoints: 3, gradedVersion: 1, learnerEmail: expect.stringContaining('@example.org') }),
      expect.objectContaining({ id: offByOne.submissionId, points: 1, gradedVersion: 1 }),
    ]));

    // The instructor "fixes" the hidden test: double(1000) is now expected to be 2001.
    const edited = await http.put(QUIZ_URL).set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: ID, hiddenExpected: 2001 }) }).expect(201);
    expect(edited.body).toMatchObject({ outcome: 'created', version: 2 });

    const regradePreview = await http.post(`${QUIZ_URL}/regrade/preview`).set('Authorization', instructor.auth).expect(200);
    expect(regradePreview.body).toMatchObject({ committed: false, version: 2, summary: { total: 2, changed: 2, up: 1, down: 1, meanDelta: 0, unmatched: 0 } });
    const byId = new Map(regradePreview.body.items.map((item: { submissionId: string }) => [item.submissionId, item]));
    expect(byId.get(right.submissionId)).toMatchObject({ oldPoints: 3, newPoints: 1, delta: -2 });
    expect(byId.get(offByOne.submissionId)).toMatchObject({ oldPoints: 1, newPoints: 3, delta: 2 });
    const untouched = await testApp.prisma.submission.findUnique({ where: { id: right.submissionId } });
    expect(untouched?.points).toBe(3);

    await http.post(`${QUIZ_URL}/regrade/commit`).set('Authorization', instructor.auth).send({ previewId: 'nope' }).expect(400);
    const commit = await http.post(`${QUIZ_URL}/regrade/commit`).set('Authorization', instructor.auth).send({ previewId: regradePreview.body.previewId }).expect(200);
    expect(commit.body.committed).toBe(true);
    expect(commit.body.items).toEqual(regradePreview.body.items);
    expect(commit.body.summary).toEqual(regradePreview.body.summary);
    await http.post(`${QUIZ_URL}/regrade/commit`).set('Authorization', instructor.auth).send({ previewId: regradePreview.body.previewId }).expect(409);

    // Stored: the submissions, their per-test results, the attempts' scores and the best scores.
    const prisma = testApp.prisma;
    const stored = await prisma.submission.findUnique({ where: { id: right.submissionId }, include: { testResults: true } });
    expect(stored).toMatchObject({ points: 1, maxPoints: 3 });
    expect(stored!.testResults.find((t) => t.name === 'doubles_big')?.status).toBe('fail');
    expect((await prisma.attempt.findUnique({ where: { id: right.attemptId } }))?.score).toBe(1);
    expect((await prisma.attempt.findUnique({ where: { id: offByOne.attemptId } }))?.score).toBe(3);
    expect(await prisma.bestScore.findUnique({ where: { userId_quizId: { userId: right.userId, quizId: ID } } })).toMatchObject({ score: 1, maxScore: 3 });
    expect(await prisma.bestScore.findUnique({ where: { userId_quizId: { userId: offByOne.userId, quizId: ID } } })).toMatchObject({ score: 3, maxScore: 3 });
    const answer = await prisma.answer.findFirst({ where: { attemptId: right.attemptId } });
    expect(answer).toMatchObject({ score: 1 / 3, points: 1, correct: false });

    const after = await http.get(`${QUIZ_URL}/submissions?status=graded`).set('Authorization', instructor.auth).expect(200);
    expect(after.body.items.every((item: { gradedVersion: number; answeredVersion: number }) => item.gradedVersion === 2 && item.answeredVersion === 1)).toBe(true);
    const again = await http.post(`${QUIZ_URL}/regrade/preview`).set('Authorization', instructor.auth).expect(200);
    expect(again.body.summary).toMatchObject({ total: 2, changed: 0 });

    await http.post(`${QUIZ_URL}/unpublish`).set('Authorization', instructor.auth).expect(200);
    await http.get(`/api/quizzes/${ID}`).expect(404);
  }, 180_000);

  it('POST ?check=true only validates, and every route is in the OpenAPI document', async () => {
    const checked = await http.post('/api/authoring/quizzes?check=true').set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: `${COURSE}/checked-${run}` }) }).expect(200);
    expect(checked.body).toMatchObject({ valid: true, id: `${COURSE}/checked-${run}`, kind: 'exercise', errors: [] });
    await http.get(`/api/authoring/quizzes/${COURSE}/checked-${run}`).set('Authorization', instructor.auth).expect(404);
    const paths = Object.keys((await http.get('/docs-json').expect(200)).body.paths);
    for (const route of ['quizzes', 'validate', 'quizzes/{course}/{slug}', 'quizzes/{course}/{slug}/preview', 'quizzes/{course}/{slug}/publish',
      'quizzes/{course}/{slug}/unpublish', 'quizzes/{course}/{slug}/submissions', 'quizzes/{course}/{slug}/regrade/preview', 'quizzes/{course}/{slug}/regrade/commit']) {
      expect(paths).toContain(`/api/authoring/${route}`);
    }
  });

  it('verify: true grades the reference and wrong solutions on the real grader', async () => {
    const good = await http.post('/api/authoring/validate').set('Authorization', instructor.auth).send({ yaml: exerciseYaml({ id: `${COURSE}/verified-${run}` }), verify: true }).expect(200);
    expect(good.body).toMatchObject({ valid: true, verified: true, violations: [] });
    // With the expected value changed, the reference solution itself no longer passes.
    const bad = await http.post('/api/authoring/quizzes').set('Authorization', instructor.auth)
      .send({ yaml: exerciseYaml({ id: `${COURSE}/verified-${run}`, hiddenExpected: 2001 }), verify: true }).expect(422);
    expect(bad.body.details.violations).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('reference solution scores 1/3') })]));
  }, 120_000);

  it('404 for unknown quizzes on every quiz route', async () => {
    const missing = `/api/authoring/quizzes/${COURSE}/nothing-${run}`;
    await http.get(missing).set('Authorization', instructor.auth).expect(404);
    await http.get(`${missing}/preview`).set('Authorization', instructor.auth).expect(404);
    await http.post(`${missing}/publish`).set('Authorization', instructor.auth).expect(404);
    await http.get(`${missing}/submissions`).set('Authorization', instructor.auth).expect(404);
    await http.post(`${missing}/regrade/preview`).set('Authorization', instructor.auth).expect(404);
    await http.get('/api/authoring/quizzes/Not_Valid/x').set('Authorization', instructor.auth).expect(400);
  });
});
