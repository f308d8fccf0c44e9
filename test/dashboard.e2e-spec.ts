import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { seedDashboardFixture, type DashboardFixture } from '../apps/api/src/dashboard/testing/dashboard-fixture.js';
import { startTestApp, type TestApp } from './support/app.js';

// Admin dashboards on the real app and a real database: the fixture's history is known exactly
// (see apps/api/src/dashboard/testing/dashboard-fixture.ts), the catalogue's quizzes have none.
const tag = randomBytes(3).toString('hex');
let t: TestApp;
let fixture: DashboardFixture;
let adminToken: string;
let learnerToken: string;
let instructorToken: string;

const ROUTES = [
  '/api/admin/dashboard/quizzes',
  '/api/admin/dashboard/questions?quizId=closures/make-counter',
  '/api/admin/dashboard/concepts',
  '/api/admin/dashboard/learners',
  '/api/admin/dashboard/activity',
  '/api/admin/quizzes/closures/make-counter/scores.csv',
  '/api/admin/grading',
];

async function register(name: string): Promise<{ token: string; id: string }> {
  const email = `${name}-${tag}-${randomBytes(3).toString('hex')}@example.org`;
  const response = await t.http.post('/api/auth/register').send({ email, password: 'password-of-tests', displayName: name }).expect(201);
  return { token: response.body.accessToken as string, id: response.body.user.id as string };
}

function asAdmin(path: string) {
  return t.http.get(path).set('Authorization', `Bearer ${adminToken}`);
}

beforeAll(async () => {
  t = await startTestApp({ SCRYPT_COST: '10', LOG_LEVEL: 'silent' });
  const login = await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
  adminToken = login.body.accessToken;
  learnerToken = (await register('learner')).token;
  const instructor = await register('instructor');
  await t.prisma.user.update({ where: { id: instructor.id }, data: { role: 'instructor' } });
  instructorToken = instructor.token;
  fixture = await seedDashboardFixture(t.prisma, tag);
});

afterAll(async () => {
  await t?.close();
});

describe('admin dashboards: access', () => {
  it.each(ROUTES)('GET %s needs a session (401)', async (path) => {
    const response = await t.http.get(path).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, requestId: expect.any(String) });
  });

  it.each(ROUTES)('GET %s is refused to learners (403), and to instructors unless it is the learner list', async (path) => {
    await t.http.get(path).set('Authorization', `Bearer ${learnerToken}`).expect(403);
    // The learner list is how instructors reach a learner's work (the drill-down they may open).
    await t.http.get(path).set('Authorization', `Bearer ${instructorToken}`).expect(path === '/api/admin/dashboard/learners' ? 200 : 403);
  });
});

describe('admin dashboards: figures', () => {
  it('gives per-quiz attempts, learners, completion, mean, median and distribution', async () => {
    const { body } = await asAdmin('/api/admin/dashboard/quizzes?pageSize=100').expect(200);
    const ours = body.items.find((item: { quizId: string }) => item.quizId === fixture.quizId);
    expect(ours).toMatchObject({ attempts: 5, submittedAttempts: 3, learners: 4, completionRate: 0.6, meanScore: 0.8333, medianScore: 1 });
    expect(ours.scoreDistribution.map((bar: { count: number }) => bar.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    const untouched = body.items.find((item: { quizId: string }) => item.quizId === 'closures/make-counter');
    expect(untouched).toMatchObject({ attempts: 0, learners: 0, completionRate: null, meanScore: null, medianScore: null });
    expect(body.total).toBe(body.items.length);
    // In the course's order, as the course page lists them (course.yaml), not by id.
    const closures = body.items.filter((item: { course: string }) => item.course === 'closures').map((item: { quizId: string }) => item.quizId);
    const { body: progress } = await asAdmin('/api/me/progress?pageSize=100').expect(200);
    expect(closures).toEqual(progress.items.filter((item: { course: string }) => item.course === 'closures').map((item: { quizId: string }) => item.quizId));
    expect(closures[0]).not.toBe([...closures].sort()[0]);
  });

  it('gives per-question pass rate, submissions to pass and most-failed tests', async () => {
    const { body } = await asAdmin(`/api/admin/dashboard/questions?quizId=${encodeURIComponent(fixture.quizId)}`).expect(200);
    expect(body.total).toBe(2);
    expect(body.items[1]).toMatchObject({
      key: 'counter',
      passRate: 0.6667,
      submissions: 5,
      meanSubmissionsToPass: 1.5,
      mostFailedTests: [
        { name: 'test_counts', failures: 3 },
        { name: 'test_independent', failures: 1 },
      ],
    });
    await asAdmin('/api/admin/dashboard/questions?quizId=nope/missing').expect(404);
    const missing = await asAdmin('/api/admin/dashboard/questions').expect(400);
    expect(JSON.stringify(missing.body.details)).toContain('quizId');
  });

  it('gives the failure rate per concept tag', async () => {
    const { body } = await asAdmin('/api/admin/dashboard/concepts').expect(200);
    expect(body.items.map((c: { concept: string; failureRate: number }) => [c.concept, c.failureRate])).toEqual([
      ['nonlocal', 0.6],
      ['scope', 0.3333],
      ['closures', 0.25],
    ]);
  });

  it('lists learners sorted and paginated, and refuses an unknown sort key', async () => {
    const { body } = await asAdmin('/api/admin/dashboard/learners?sort=meanScore&order=desc&pageSize=3').expect(200);
    expect(body.items.map((l: { email: string; meanScore: number }) => [l.email, l.meanScore])).toEqual([
      [fixture.emails.bob, 1],
      [fixture.emails.cyd, 1],
      [fixture.emails.ada, 0.5],
    ]);
    expect(body.total).toBeGreaterThanOrEqual(5);
    const bad = await asAdmin('/api/admin/dashboard/learners?sort=passwordHash').expect(400);
    expect(JSON.stringify(bad.body.details)).toContain('sort');
  });

  it('gives activity per day with quiet days filled with zeros', async () => {
    const { body } = await asAdmin('/api/admin/dashboard/activity?days=4').expect(200);
    expect(body.days).toHaveLength(4);
    expect(body.days.map((d: { submissions: number; attemptsStarted: number; activeLearners: number }) => [d.submissions, d.attemptsStarted, d.activeLearners])).toEqual([
      [0, 0, 0],
      [2, 1, 1],
      [2, 1, 1],
      [2, 3, 3],
    ]);
    await asAdmin('/api/admin/dashboard/activity?days=0').expect(400);
  });

  it('exports the scores of a quiz as CSV, one row per learner', async () => {
    const [course, slug] = fixture.quizId.split('/');
    const response = await asAdmin(`/api/admin/quizzes/${course}/${slug}/scores.csv`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="dash-${tag}-fixture-scores.csv"`);
    const rows = parse(response.text) as string[][];
    expect(rows[0]).toEqual(['email', 'name', 'attempts', 'best_score', 'max_score', 'last_submitted_at']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      [fixture.emails.ada, 'ADA', '2', '1', '2'],
      [fixture.emails.bob, 'BOB', '1', '2', '2'],
      [fixture.emails.cyd, 'CYD', '1', '2', '2'],
      [fixture.emails.dan, 'DAN', '1', '', ''],
    ]);
    await asAdmin('/api/admin/quizzes/nope/missing/scores.csv').expect(404);
  });

  it('reports the grader, its queue and stored submissions per status', async () => {
    const { body } = await asAdmin('/api/admin/grading').expect(200);
    expect(body.submissions).toEqual({ pending: 1, grading: 0, graded: 6, error: 0 });
    expect(body.queue).toEqual({ queued: 0, running: 0 });
    expect(body.grader.workers.size).toBe(1);
    expect(typeof body.grader.ready).toBe('boolean');
    expect(body.oldestUnfinishedAt).toMatch(/T00:35:00.000Z$/);
  });

  it('documents every dashboard route in OpenAPI', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    for (const path of ['/api/admin/dashboard/quizzes', '/api/admin/dashboard/questions', '/api/admin/dashboard/concepts', '/api/admin/dashboard/learners', '/api/admin/dashboard/activity', '/api/admin/quizzes/{course}/{slug}/scores.csv', '/api/admin/grading']) {
      expect(body.paths[path]?.get?.responses?.['403']).toBeDefined();
    }
  });
});

// Last: it adds real data, which the exact figures above do not expect.
describe('admin dashboards: fed by the real learner flow', () => {
  async function gradedSubmission(auth: Record<string, string>, path: string, source: string) {
    let submission = await t.http.post(path).set(auth).send({ source });
    const deadline = Date.now() + 90_000;
    while (['pending', 'grading'].includes(submission.body.status) && Date.now() < deadline) {
      await sleep(500);
      submission = await t.http.get(`/api/submissions/${submission.body.id}`).set(auth).expect(200);
    }
    return submission.body;
  }

  it('shows an exercise passed at the first submission through the learner API', async () => {
    const { token } = await register('flow');
    const auth = { Authorization: `Bearer ${token}` };
    const started = await t.http.post('/api/quizzes/closures/accumulator/attempts').set(auth).expect(201);
    const key = started.body.questions[0].id as string;
    const yaml = parseYaml(await readFile(join(t.env.EXERCISES_DIR, 'closures/accumulator.yaml'), 'utf8')) as { solution: string };
    const submission = await gradedSubmission(auth, `/api/attempts/${started.body.id}/questions/${key}/submissions`, yaml.solution);
    expect([submission.status, submission.score]).toEqual(['graded', 1]);
    await t.http.post(`/api/attempts/${started.body.id}/submit`).set(auth).expect(200);

    const quizzes = await asAdmin('/api/admin/dashboard/quizzes?pageSize=100').expect(200);
    const stats = quizzes.body.items.find((item: { quizId: string }) => item.quizId === 'closures/accumulator');
    expect(stats).toMatchObject({ attempts: 1, submittedAttempts: 1, learners: 1, completionRate: 1, meanScore: 1, medianScore: 1 });
    expect(stats.scoreDistribution[9].count).toBe(1);
    const questions = await asAdmin('/api/admin/dashboard/questions?quizId=closures/accumulator').expect(200);
    expect(questions.body.items[0]).toMatchObject({ key, gradedAttempts: 1, passRate: 1, submissions: 1, meanSubmissionsToPass: 1, mostFailedTests: [] });
  }, 150_000);
});
