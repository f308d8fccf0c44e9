import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { exerciseYaml } from '../apps/api/src/authoring/testing/authoring-fixtures.js';
import { registerUser, startTestApp, type TestApp } from './support/app.js';

// docs/scoring.md on the real app: an exercise attempt is scored as it goes, so a full-score
// submission without "Finish attempt" is done for the learner's course page, the dashboard and
// the CSV alike; and a regrade rescores it while it is still open (issue #15).
const run = randomBytes(4).toString('hex');
const ID = `scoring-e2e/double-it-${run}`;
const SLUG = ID.split('/')[1]!;
const QUIZ_URL = `/api/authoring/quizzes/${ID}`;
const RIGHT = 'def double(x):\n    return 2 * x\n';
const WRONG = 'def double(x):\n    return x + 2\n';
/** Version 2 adds a 2-point test the right solution fails: 3/3 becomes 3/5. */
const V2 = exerciseYaml({ id: ID }).replace('\nsolution: |', '\n  - name: doubles_minus_one\n    expr: "double(-1) + 1"\n    expected: 0\n    points: 2\nsolution: |');

let t: TestApp;
let http: ReturnType<typeof request>;
let admin: string;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10' });
  http = t.http;
  const login = await http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
  admin = `Bearer ${login.body.accessToken}`;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function register(name: string, role: 'learner' | 'instructor' = 'learner'): Promise<string> {
  return (await registerUser(t, `${name}-${run}@example.org`, name, role)).auth;
}

async function submit(auth: string, attemptId: string, source: string): Promise<{ points: number; maxPoints: number }> {
  let submission = (await http.post(`/api/attempts/${attemptId}/questions/${SLUG}/submissions`).set('Authorization', auth).send({ source })).body;
  for (let i = 0; i < 120 && (submission.status === 'pending' || submission.status === 'grading'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    submission = (await http.get(`/api/submissions/${submission.id}`).set('Authorization', auth).expect(200)).body;
  }
  expect(submission.status).toBe('graded');
  return submission;
}

async function progressOf(auth: string): Promise<Record<string, unknown>> {
  const progress = await http.get('/api/me/progress?pageSize=100').set('Authorization', auth).expect(200);
  return progress.body.items.find((p: { quizId: string }) => p.quizId === ID);
}

/** The verdict's listener runs just after the status is stored: wait for the score it writes (a few ms). */
async function progressOnceScored(auth: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i++) {
    const progress = await progressOf(auth);
    if (progress.bestScore !== null) return progress;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return progressOf(auth);
}

async function dashboardRow(): Promise<Record<string, any>> {
  const quizzes = await http.get('/api/admin/dashboard/quizzes?pageSize=100').set('Authorization', admin).expect(200);
  return quizzes.body.items.find((item: { quizId: string }) => item.quizId === ID);
}

async function csvRows(): Promise<string[]> {
  const csv = await http.get(`/api/admin/quizzes/${ID}/scores.csv`).set('Authorization', admin).expect(200);
  return csv.text.trim().split('\r\n').slice(1);
}

describe('one scoring model (e2e)', () => {
  it('a 3/3 submission without Finish: progress, dashboard and CSV all report 3 / 3; a regrade then makes the open attempt 3 / 5 everywhere', async () => {
    const instructor = await register('instructor', 'instructor');
    const learner = await register('learner');
    await http.post('/api/authoring/quizzes').set('Authorization', instructor).send({ yaml: exerciseYaml({ id: ID }) }).expect(201);
    await http.post(`${QUIZ_URL}/publish`).set('Authorization', instructor).expect(200);

    const attempt = (await http.post(`/api/quizzes/${ID}/attempts`).set('Authorization', learner).expect(201)).body;
    expect(await submit(learner, attempt.id, WRONG)).toMatchObject({ points: 1, maxPoints: 3 });
    expect(await progressOnceScored(learner)).toMatchObject({ bestScore: 1, maxScore: 3, completed: true, inProgressAttemptId: attempt.id });
    expect(await submit(learner, attempt.id, RIGHT)).toMatchObject({ points: 3, maxPoints: 3 });

    // No Finish: the attempt is still open, and it counts with the same score on every page.
    let progress = await progressOf(learner);
    for (let i = 0; i < 50 && progress.bestScore !== 3; i++) progress = (await new Promise((r) => setTimeout(r, 100)), await progressOf(learner));
    expect(progress).toMatchObject({ bestScore: 3, maxScore: 3, completed: true, inProgressAttemptId: attempt.id });
    const row = await dashboardRow();
    expect(row).toMatchObject({ attempts: 1, submittedAttempts: 0, completedAttempts: 1, completionRate: 1, meanScore: 1, medianScore: 1 });
    expect(row.scoreDistribution[9].count).toBe(1);
    expect(await csvRows()).toEqual([expect.stringMatching(new RegExp(`^learner-${run}@example.org,learner,1,3,3,$`))]);
    const history = await http.get('/api/me/attempts').set('Authorization', learner).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ id: attempt.id, status: 'in_progress', score: 3, maxScore: 3 })]);

    // Version 2 is worth 5; the regrade rescores the open attempt against it.
    await http.put(QUIZ_URL).set('Authorization', instructor).send({ yaml: V2 }).expect(201);
    const preview = await http.post(`${QUIZ_URL}/regrade/preview`).set('Authorization', instructor).expect(200);
    await http.post(`${QUIZ_URL}/regrade/commit`).set('Authorization', instructor).send({ previewId: preview.body.previewId }).expect(200);
    expect(await progressOf(learner)).toMatchObject({ bestScore: 3, maxScore: 5, completed: true });
    expect(await dashboardRow()).toMatchObject({ meanScore: 0.6, completedAttempts: 1 });
    expect(await csvRows()).toEqual([expect.stringMatching(new RegExp(`^learner-${run}@example.org,learner,1,3,5,$`))]);
    const open = await http.get(`/api/attempts/${attempt.id}`).set('Authorization', learner).expect(200);
    expect(open.body).toMatchObject({ status: 'in_progress', score: 3, maxScore: 5 });

    // Finishing closes the attempt and keeps that score: not 1.8 / 3 (3/5 of the old 3 points).
    const finished = await http.post(`/api/attempts/${attempt.id}/submit`).set('Authorization', learner).expect(200);
    expect(finished.body).toMatchObject({ status: 'submitted', score: 3, maxScore: 5 });
    expect(await progressOf(learner)).toMatchObject({ bestScore: 3, maxScore: 5, completed: true, inProgressAttemptId: null });
    expect(await dashboardRow()).toMatchObject({ submittedAttempts: 1, completedAttempts: 1, meanScore: 0.6 });
  }, 240_000);
});
