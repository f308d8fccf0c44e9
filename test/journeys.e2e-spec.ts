import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { exerciseYaml } from '../apps/api/src/authoring/testing/authoring-fixtures.js';
import { registerUser, startTestApp, type TestApp } from './support/app.js';

// Issue 15, bugs 1-3 on the real app: a new version of a published exercise, then a regrade.
const run = randomBytes(4).toString('hex');
const ID = `journeys-e2e/double-it-${run}`;
const SLUG = ID.split('/')[1]!;
const QUIZ_URL = `/api/authoring/quizzes/${ID}`;
const RIGHT = 'def double(x):\n    return 2 * x\n';
/** Version 2 adds a 2-point test the learner's solution fails: 3/3 becomes 3/5. */
const V2 = exerciseYaml({ id: ID }).replace(
  '\nsolution: |',
  '\n  - name: doubles_minus_one\n    expr: "double(-1) + 1"\n    expected: 0\n    points: 2\nsolution: |',
);

let t: TestApp;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10' });
  http = t.http;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function register(name: string, role: 'learner' | 'instructor' = 'learner'): Promise<string> {
  return (await registerUser(t, `${name}-${run}@example.org`, name, role)).auth;
}

async function submitAndFinish(auth: string, source: string): Promise<void> {
  const attempt = await http.post(`/api/quizzes/${ID}/attempts`).set('Authorization', auth).expect(201);
  const sent = await http.post(`/api/attempts/${attempt.body.id}/questions/${SLUG}/submissions`).set('Authorization', auth).send({ source });
  let submission = sent.body;
  for (let i = 0; i < 120 && (submission.status === 'pending' || submission.status === 'grading'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    submission = (await http.get(`/api/submissions/${submission.id}`).set('Authorization', auth).expect(200)).body;
  }
  expect(submission).toMatchObject({ status: 'graded', points: 3, maxPoints: 3 });
  await http.post(`/api/attempts/${attempt.body.id}/submit`).set('Authorization', auth).expect(200);
}

describe('issue 15 journeys (e2e)', () => {
  it('a new version keeps the exercise published; a regrade 3/3 -> 3/5 reads as down and the learner and CSV show 3 / 5', async () => {
    const instructor = await register('instructor', 'instructor');
    const learner = await register('learner');
    await http.post('/api/authoring/quizzes').set('Authorization', instructor).send({ yaml: exerciseYaml({ id: ID }) }).expect(201);
    await http.post(`${QUIZ_URL}/publish`).set('Authorization', instructor).expect(200);
    await submitAndFinish(learner, RIGHT);

    // The file still says `published: false`; the Publish button decided, and a new version keeps it.
    const saved = await http.put(QUIZ_URL).set('Authorization', instructor).send({ yaml: V2 }).expect(201);
    expect(saved.body).toMatchObject({ outcome: 'created', version: 2, published: true });
    await http.get(`/api/quizzes/${ID}`).set('Authorization', learner).expect(200);
    const history = await http.get('/api/me/attempts').set('Authorization', learner).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ quizId: ID, score: 3, maxScore: 3 })]);

    const preview = await http.post(`${QUIZ_URL}/regrade/preview`).set('Authorization', instructor).expect(200);
    expect(preview.body.summary).toEqual({ total: 1, changed: 1, up: 0, down: 1, meanDelta: 0, meanScoreDelta: -0.4, unmatched: 0 });
    expect(preview.body.items).toEqual([expect.objectContaining({ oldPoints: 3, oldMaxPoints: 3, newPoints: 3, newMaxPoints: 5, delta: 0, scoreDelta: -0.4 })]);
    await http.post(`${QUIZ_URL}/regrade/commit`).set('Authorization', instructor).send({ previewId: preview.body.previewId }).expect(200);

    const progress = await http.get('/api/me/progress?pageSize=100').set('Authorization', learner).expect(200);
    expect(progress.body.items.find((p: { quizId: string }) => p.quizId === ID)).toMatchObject({ bestScore: 3, maxScore: 5 });
    const after = await http.get('/api/me/attempts').set('Authorization', learner).expect(200);
    expect(after.body.items).toEqual([expect.objectContaining({ score: 3, maxScore: 5 })]);

    const admin = await http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
    const csv = await http.get(`/api/admin/quizzes/${ID}/scores.csv`).set('Authorization', `Bearer ${admin.body.accessToken}`).expect(200);
    expect(csv.text.split('\r\n')[1]).toMatch(new RegExp(`^learner-${run}@example.org,learner,1,3,5,`));
  }, 180_000);

  it('a taken id answers 409 in words an instructor can act on, not with an API route', async () => {
    const instructor = await register('instructor-2', 'instructor');
    const response = await http.post('/api/authoring/quizzes').set('Authorization', instructor).send({ yaml: exerciseYaml({ id: ID }) }).expect(409);
    expect(response.body.message).toContain('save a new version');
    expect(response.body.message).not.toMatch(/PUT|\/api\//);
  });

  it('an admin finds a user by part of the email or name and gives them a role', async () => {
    await register('grace-hopper');
    const admin = await http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
    const auth = `Bearer ${admin.body.accessToken}`;
    const found = await http.get(`/api/admin/users?q=${encodeURIComponent(`grace-hopper-${run}`.toUpperCase())}`).set('Authorization', auth).expect(200);
    expect(found.body).toMatchObject({ total: 1, items: [expect.objectContaining({ email: `grace-hopper-${run}@example.org`, role: 'learner' })] });
    await http.patch(`/api/admin/users/${found.body.items[0].id}/role`).set('Authorization', auth).send({ role: 'instructor' }).expect(200);
    const byName = await http.get('/api/admin/users?q=grace-hopper').set('Authorization', auth).expect(200);
    expect(byName.body.items.map((u: { role: string }) => u.role)).toEqual(['instructor']);
    await http.get(`/api/admin/users?q=${'x'.repeat(201)}`).set('Authorization', auth).expect(400);
  });
});
