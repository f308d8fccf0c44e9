import type { PrismaClient } from '@app/db';

/**
 * A small, fully known history for the dashboard specs (see the expected figures there):
 * one quiz (a choice question tagged `scope`, a code question tagged `closures`), four learners.
 *  - ada: attempt 1 submitted 1/2; code: fail, fail (0.5); a run; choice wrong; attempt 2 in progress
 *  - bob: submitted 2/2; code: fail, pass; choice right
 *  - cyd: submitted 2/2; code: pass; choice right
 *  - dan: attempt in progress, choice answered but not graded, one code submission still pending
 * Test `test_counts` (tag `nonlocal`) fails in ada's two and bob's first submission; test
 * `test_independent` (tag `closures`) fails in ada's first only.
 */
export interface DashboardFixture {
  quizId: string;
  emails: { ada: string; bob: string; cyd: string; dan: string };
  /** Events happen at 00:30-00:55 UTC of today, yesterday and the day before, counted from `now`. */
  now: Date;
}

export async function seedDashboardFixture(prisma: PrismaClient, tag: string, now = new Date()): Promise<DashboardFixture> {
  const quizId = `dash-${tag}/fixture`;
  const at = (daysAgo: number, minute = 0) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 0, 30 + minute));
  const version = await prisma.quizVersion.create({
    data: {
      quiz: { create: { id: quizId, kind: 'quiz', title: 'Dashboard fixture', course: `dash-${tag}`, published: true } },
      version: 1,
      contentHash: `hash-${tag}`,
      content: {},
      sourceYaml: '',
      questions: {
        create: [
          { key: 'pick', type: 'single_choice', position: 0, points: 1, concepts: ['scope'], content: { prompt: 'Which scope?' } },
          { key: 'counter', type: 'code', position: 1, points: 1, concepts: ['closures'], content: { prompt: 'Write make_counter' } },
        ],
      },
    },
    include: { questions: true },
  });
  await prisma.quiz.update({ where: { id: quizId }, data: { currentVersionId: version.id } });
  const [pick, counter] = [version.questions.find((q) => q.key === 'pick')!, version.questions.find((q) => q.key === 'counter')!];
  const emails = { ada: `ada-${tag}@example.org`, bob: `bob-${tag}@example.org`, cyd: `cyd-${tag}@example.org`, dan: `dan-${tag}@example.org` };
  const users = Object.fromEntries(
    await Promise.all(
      Object.entries(emails).map(async ([name, email]) => {
        const user = await prisma.user.create({ data: { email, passwordHash: 'x', displayName: name.toUpperCase() } });
        return [name, user.id] as const;
      }),
    ),
  ) as Record<keyof typeof emails, string>;

  const attempt = (userId: string, startedDaysAgo: number, score?: number, submittedDaysAgo?: number) =>
    prisma.attempt.create({
      data: {
        userId,
        quizVersionId: version.id,
        status: score === undefined ? 'in_progress' : 'submitted',
        score: score ?? null,
        maxScore: 2,
        startedAt: at(startedDaysAgo),
        submittedAt: submittedDaysAgo === undefined ? null : at(submittedDaysAgo, 20),
      },
    });
  const ada1 = await attempt(users.ada, 2, 1, 2);
  const bob1 = await attempt(users.bob, 1, 2, 1);
  const cyd1 = await attempt(users.cyd, 0, 2, 0);
  const dan1 = await attempt(users.dan, 0);
  await attempt(users.ada, 0);

  await prisma.answer.createMany({
    data: [
      { attemptId: ada1.id, questionId: pick.id, response: { choice: 'b' }, correct: false, score: 0, points: 1 },
      { attemptId: bob1.id, questionId: pick.id, response: { choice: 'a' }, correct: true, score: 1, points: 1 },
      { attemptId: cyd1.id, questionId: pick.id, response: { choice: 'a' }, correct: true, score: 1, points: 1 },
      { attemptId: dan1.id, questionId: pick.id, response: { choice: 'a' }, correct: null, score: null, points: 1 },
    ],
  });

  const submit = (userId: string, attemptId: string, daysAgo: number, minute: number, failing: string[]) => {
    const names = ['test_counts', 'test_independent'];
    const passed = names.filter((name) => !failing.includes(name)).length;
    return prisma.submission.create({
      data: {
        userId,
        attemptId,
        questionId: counter.id,
        source: 'def make_counter(): ...',
        kind: 'submit',
        status: 'graded',
        score: passed / names.length,
        points: passed,
        maxPoints: names.length,
        createdAt: at(daysAgo, minute),
        gradedAt: at(daysAgo, minute),
        testResults: {
          create: names.map((name, position) => ({
            name,
            position,
            status: failing.includes(name) ? 'fail' : 'pass',
            score: failing.includes(name) ? 0 : 1,
            maxScore: 1,
            tags: [name === 'test_counts' ? 'nonlocal' : 'closures'],
          })),
        },
      },
    });
  };
  await submit(users.ada, ada1.id, 2, 1, ['test_counts', 'test_independent']);
  await submit(users.ada, ada1.id, 2, 2, ['test_counts']);
  await submit(users.bob, bob1.id, 1, 1, ['test_counts']);
  await submit(users.bob, bob1.id, 1, 2, []);
  await submit(users.cyd, cyd1.id, 0, 1, []);
  await prisma.submission.create({
    data: { userId: users.ada, questionId: counter.id, source: 'x', kind: 'run', status: 'graded', score: 0, createdAt: at(2, 3) },
  });
  await prisma.submission.create({
    data: { userId: users.dan, attemptId: dan1.id, questionId: counter.id, source: 'x', kind: 'submit', status: 'pending', createdAt: at(0, 5) },
  });
  return { quizId, emails, now };
}
