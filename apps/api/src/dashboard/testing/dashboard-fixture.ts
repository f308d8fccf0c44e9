import type { Prisma, PrismaClient } from '@app/db';

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
  emails: Record<Learner, string>;
  /** Events happen at 00:30-00:55 UTC of today, yesterday and the day before, counted from `now`. */
  now: Date;
}

type Learner = 'ada' | 'bob' | 'cyd' | 'dan';
type At = (daysAgo: number, minute?: number) => Date;

interface Context {
  prisma: PrismaClient;
  quizId: string;
  at: At;
  versionId: string;
  questions: { pick: string; counter: string };
  users: Record<Learner, string>;
}

const TESTS = ['test_counts', 'test_independent'];
const TAG_OF_TEST: Record<string, string> = { test_counts: 'nonlocal', test_independent: 'closures' };

export async function seedDashboardFixture(prisma: PrismaClient, tag: string, now = new Date()): Promise<DashboardFixture> {
  const quizId = `dash-${tag}/fixture`;
  const at: At = (daysAgo, minute = 0) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 0, 30 + minute));
  const emails: Record<Learner, string> = { ada: `ada-${tag}@example.org`, bob: `bob-${tag}@example.org`, cyd: `cyd-${tag}@example.org`, dan: `dan-${tag}@example.org` };
  const { versionId, questions } = await createQuiz(prisma, quizId, tag);
  const users = await createUsers(prisma, emails);
  const context: Context = { prisma, quizId, at, versionId, questions, users };
  const attempts = await createAttempts(context);
  await createAnswers(context, attempts);
  await createSubmissions(context, attempts);
  return { quizId, emails, now };
}

async function createQuiz(prisma: PrismaClient, quizId: string, tag: string): Promise<{ versionId: string; questions: Context['questions'] }> {
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
  const idOf = (key: string) => version.questions.find((q) => q.key === key)!.id;
  return { versionId: version.id, questions: { pick: idOf('pick'), counter: idOf('counter') } };
}

async function createUsers(prisma: PrismaClient, emails: Record<Learner, string>): Promise<Record<Learner, string>> {
  const users = {} as Record<Learner, string>;
  for (const [name, email] of Object.entries(emails) as [Learner, string][]) {
    users[name] = (await prisma.user.create({ data: { email, passwordHash: 'x', displayName: name.toUpperCase() } })).id;
  }
  return users;
}

async function createAttempts({ prisma, quizId, at, versionId, users }: Context) {
  const attempt = async (userId: string, startedDaysAgo: number, score?: number) => {
    const submitted = score !== undefined;
    const data = { userId, quizVersionId: versionId, status: submitted ? 'submitted' : 'in_progress', score: score ?? null, maxScore: 2 } as const;
    const submittedAt = submitted ? at(startedDaysAgo, 20) : null;
    const id = (await prisma.attempt.create({ data: { ...data, startedAt: at(startedDaysAgo), submittedAt, completedAt: submittedAt } })).id;
    // As the attempt module keeps it (docs/scoring.md): the best score of the learner's scored attempts.
    if (submitted) await prisma.bestScore.upsert({ where: { userId_quizId: { userId, quizId } }, create: { userId, quizId, attemptId: id, score, maxScore: 2 }, update: {} });
    return id;
  };
  const attempts = { ada: await attempt(users.ada, 2, 1), bob: await attempt(users.bob, 1, 2), cyd: await attempt(users.cyd, 0, 2), dan: await attempt(users.dan, 0) };
  await attempt(users.ada, 0);
  return attempts;
}

async function createAnswers({ prisma, questions }: Context, attempts: Record<Learner, string>): Promise<void> {
  const answer = (learner: Learner, correct: boolean | null) => ({
    attemptId: attempts[learner],
    questionId: questions.pick,
    response: { choice: correct ? 'a' : 'b' },
    correct,
    score: correct === null ? null : Number(correct),
    points: 1,
  });
  await prisma.answer.createMany({ data: [answer('ada', false), answer('bob', true), answer('cyd', true), answer('dan', null)] });
}

async function createSubmissions(context: Context, attempts: Record<Learner, string>): Promise<void> {
  const { prisma, at, users, questions } = context;
  const graded = async (learner: Learner, daysAgo: number, minute: number, failing: string[], notLearners: Prisma.TestResultCreateWithoutSubmissionInput[] = []) => {
    const passed = TESTS.length - failing.length;
    const testResults = TESTS.map((name, position): Prisma.TestResultCreateWithoutSubmissionInput => {
      const failed = failing.includes(name);
      const mistake = failed && name === 'test_independent' ? { misconception: 'shared-state' } : {};
      return { name, position, status: failed ? ('fail' as const) : ('pass' as const), score: failed ? 0 : 1, maxScore: 1, tags: [TAG_OF_TEST[name]], ...mistake };
    }).concat(notLearners);
    await prisma.submission.create({
      data: {
        userId: users[learner], attemptId: attempts[learner], questionId: questions.counter, source: 'def make_counter(): ...', kind: 'submit',
        status: 'graded', score: passed / TESTS.length, points: passed, maxPoints: TESTS.length, createdAt: at(daysAgo, minute), gradedAt: at(daysAgo, minute),
        testResults: { create: testResults },
      },
    });
  };
  await graded('ada', 2, 1, ['test_counts', 'test_independent']);
  await graded('ada', 2, 2, ['test_counts']);
  await graded('bob', 1, 1, ['test_counts']);
  await graded('bob', 1, 2, []);
  // Results that are not the learner's failures: skipped by the author, not graded by the grader's
  // or the exercise's fault. Dashboards count the last two apart and none of them as failures.
  await graded('cyd', 0, 1, [], [
    { name: 'test_skipped', position: 2, status: 'skipped', score: 0, maxScore: 0, tags: ['closures'] },
    { name: 'test_unsupported', position: 3, status: 'error', score: 0, maxScore: 1, tags: ['closures'], fault: 'grader' },
    { name: 'test_broken', position: 4, status: 'error', score: 0, maxScore: 1, tags: ['closures'], fault: 'author' },
  ]);
  await prisma.submission.createMany({
    data: [
      { userId: users.ada, questionId: questions.counter, source: 'x', kind: 'run', status: 'graded', score: 0, createdAt: at(2, 3) },
      { userId: users.dan, attemptId: attempts.dan, questionId: questions.counter, source: 'x', kind: 'submit', status: 'pending', createdAt: at(0, 5) },
    ],
  });
}
