import type { PrismaService } from '@app/db';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db/index.js';
import { ActivityRepository } from './activity.repository.js';
import { ConceptStatsRepository } from './concept-stats.repository.js';
import { DashboardService } from './dashboard.service.js';
import { GradingStatusRepository } from './grading-status.repository.js';
import { LearnerStatsRepository } from './learner-stats.repository.js';
import { QuestionStatsRepository } from './question-stats.repository.js';
import { QuestionStatsService } from './question-stats.service.js';
import { QuizStatsRepository } from './quiz-stats.repository.js';
import { QuizStatsService } from './quiz-stats.service.js';
import { ScoresExportRepository } from './scores-export.repository.js';
import { seedDashboardFixture, type DashboardFixture } from './testing/dashboard-fixture.js';

// The SQL of every dashboard against a real database, on both backends the app supports:
// PostgreSQL (a copy of the run's template) and embedded PGlite (migrated here, ~5 s).
const page = { page: 1, pageSize: 20 };

async function openDatabase(backend: 'postgres' | 'pglite'): Promise<TestDatabase> {
  const previous = process.env.PYQUIZ_TEST_DB_BACKEND;
  process.env.PYQUIZ_TEST_DB_BACKEND = backend;
  try {
    return await createTestDatabase();
  } finally {
    if (previous === undefined) delete process.env.PYQUIZ_TEST_DB_BACKEND;
    else process.env.PYQUIZ_TEST_DB_BACKEND = previous;
  }
}

// When the run itself is on PGlite (no PostgreSQL reachable), PGlite is tested once.
const backends = process.env.PYQUIZ_TEST_DB_BACKEND === 'pglite' ? (['pglite'] as const) : (['postgres', 'pglite'] as const);

describe.each(backends)('dashboard queries on %s', (backend) => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let fixture: DashboardFixture;

  beforeAll(async () => {
    db = await openDatabase(backend);
    prisma = db.prisma;
    fixture = await seedDashboardFixture(prisma, backend);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const dashboards = () => new DashboardService(new ConceptStatsRepository(prisma), new LearnerStatsRepository(prisma), new ActivityRepository(prisma));

  it('computes attempts, learners, completion, mean, median and the histogram per quiz', async () => {
    const { items, total } = await new QuizStatsService(new QuizStatsRepository(prisma)).list(page);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      quizId: fixture.quizId,
      attempts: 5,
      submittedAttempts: 3,
      completedAttempts: 3,
      learners: 4,
      completionRate: 0.6,
      meanScore: 0.8333,
      medianScore: 1,
    });
    expect(items[0].scoreDistribution.map((bar) => bar.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('computes pass rate, submissions to pass and most-failed tests per question', async () => {
    const { items } = await new QuestionStatsService(new QuestionStatsRepository(prisma)).forQuiz(fixture.quizId, page);
    expect(items.map((q) => q.key)).toEqual(['pick', 'counter']);
    expect(items[0]).toMatchObject({ answers: 4, gradedAttempts: 3, passedAttempts: 2, passRate: 0.6667, submissions: 0, meanSubmissionsToPass: null, mostFailedTests: [], gradingFaults: { grader: 0, author: 0 } });
    expect(items[0]).toMatchObject({ type: 'single_choice', prompt: 'Which scope?', concepts: ['scope'] });
    expect(items[1]).toMatchObject({
      answers: 0,
      gradedAttempts: 3,
      passedAttempts: 2,
      passRate: 0.6667,
      submissions: 5,
      meanSubmissionsToPass: 1.5,
      mostFailedTests: [
        { name: 'test_counts', failures: 3 },
        { name: 'test_independent', failures: 1 },
      ],
      gradingFaults: { grader: 1, author: 1 }, // not among the failures above
      misconceptions: [{ name: 'shared-state', learners: 1, failures: 1 }],
    });
  });

  it('computes the failure rate per concept tag, most failed first', async () => {
    const { items, total } = await dashboards().conceptStats(page);
    expect(total).toBe(3);
    expect(items).toEqual([
      { concept: 'nonlocal', answers: 0, failedAnswers: 0, tests: 5, failedTests: 3, failureRate: 0.6 },
      { concept: 'scope', answers: 3, failedAnswers: 1, tests: 0, failedTests: 0, failureRate: 0.3333 },
      { concept: 'closures', answers: 3, failedAnswers: 1, tests: 5, failedTests: 1, failureRate: 0.25 },
    ]);
    const second = await dashboards().conceptStats({ page: 2, pageSize: 2 });
    expect([second.items.map((c) => c.concept), second.total]).toEqual([['closures'], 3]);
    const beyond = await dashboards().conceptStats({ page: 5, pageSize: 2 });
    expect([beyond.items, beyond.total]).toEqual([[], 3]);
  });

  it('lists learners sorted by mean score, unscored ones last, and pages them', async () => {
    const query = { ...page, sort: 'meanScore', order: 'desc' } as const;
    const { items, total } = await dashboards().learnerStats(query);
    expect(total).toBe(4);
    expect(items.map((l) => [l.email, l.attempts, l.submittedAttempts, l.submissions, l.meanScore])).toEqual([
      [fixture.emails.bob, 1, 1, 2, 1],
      [fixture.emails.cyd, 1, 1, 1, 1],
      [fixture.emails.ada, 2, 1, 2, 0.5],
      [fixture.emails.dan, 1, 0, 1, null],
    ]);
    const ascending = await dashboards().learnerStats({ ...query, order: 'asc', page: 2, pageSize: 3 });
    expect(ascending.items.map((l) => l.email)).toEqual([fixture.emails.dan]);
    const today = fixture.now.toISOString().slice(0, 10);
    expect(items[3].lastActivityAt).toBe(`${today}T00:35:00.000Z`);
  });

  it('counts activity per UTC day and fills quiet days with zeros', async () => {
    const report = await dashboards().activity(4, fixture.now);
    expect(report.days.map(({ date: _date, ...counts }) => counts)).toEqual([
      { submissions: 0, runs: 0, attemptsStarted: 0, attemptsSubmitted: 0, activeLearners: 0 },
      { submissions: 2, runs: 1, attemptsStarted: 1, attemptsSubmitted: 1, activeLearners: 1 },
      { submissions: 2, runs: 0, attemptsStarted: 1, attemptsSubmitted: 1, activeLearners: 1 },
      { submissions: 2, runs: 0, attemptsStarted: 3, attemptsSubmitted: 1, activeLearners: 3 },
    ]);
    expect(report.to).toBe(fixture.now.toISOString().slice(0, 10));
  });

  it("exports each learner's best score (best_scores, as their own pages show it)", async () => {
    const rows = await new ScoresExportRepository(prisma).scores(fixture.quizId);
    expect(rows.map((r) => [r.email, r.attempts, r.bestScore, r.maxScore])).toEqual([
      [fixture.emails.ada, 2, 1, 2],
      [fixture.emails.bob, 1, 2, 2],
      [fixture.emails.cyd, 1, 2, 2],
      [fixture.emails.dan, 1, null, null],
    ]);
    expect(rows[3].lastSubmittedAt).toBeNull();
  });

  it('counts stored submissions per status', async () => {
    const repository = new GradingStatusRepository(prisma);
    expect(await repository.countByStatus()).toEqual({ pending: 1, grading: 0, graded: 6, error: 0 });
    expect(await repository.oldestUnfinishedAt()).toEqual(new Date(`${fixture.now.toISOString().slice(0, 10)}T00:35:00.000Z`));
  });

  // Last: it adds a learner. docs/scoring.md: a practice attempt is scored as it goes, no Finish needed.
  it('counts an unfinished practice attempt that has its score in completion, mean, histogram, learners and CSV alike', async () => {
    const before = (await new QuizStatsService(new QuizStatsRepository(prisma)).list(page)).items[0]!;
    const eve = await prisma.user.create({ data: { email: `eve-${backend}@example.org`, passwordHash: 'x', displayName: 'EVE' } });
    const versionId = (await prisma.quiz.findUniqueOrThrow({ where: { id: fixture.quizId } })).currentVersionId!;
    const attempt = await prisma.attempt.create({ data: { userId: eve.id, quizVersionId: versionId, status: 'in_progress', score: 2, maxScore: 2, completedAt: fixture.now } });
    await prisma.bestScore.create({ data: { userId: eve.id, quizId: fixture.quizId, attemptId: attempt.id, score: 2, maxScore: 2 } });

    const after = (await new QuizStatsService(new QuizStatsRepository(prisma)).list(page)).items[0]!;
    expect(after).toMatchObject({ attempts: 6, submittedAttempts: 3, completedAttempts: before.completedAttempts + 1, completionRate: 0.6667, meanScore: 0.875 });
    expect(after.scoreDistribution[9]!.count).toBe(before.scoreDistribution[9]!.count + 1);
    const learners = await dashboards().learnerStats({ ...page, sort: 'email', order: 'desc' });
    expect(learners.items.find((l) => l.userId === eve.id)).toMatchObject({ attempts: 1, submittedAttempts: 0, completedAttempts: 1, meanScore: 1 });
    const csv = await new ScoresExportRepository(prisma).scores(fixture.quizId);
    expect(csv.find((r) => r.email === eve.email)).toMatchObject({ bestScore: 2, maxScore: 2, lastSubmittedAt: null });
  });
});
