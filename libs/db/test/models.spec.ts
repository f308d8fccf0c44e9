import { createTestDatabase, type TestDatabase } from '../../../test/support/db/index.js';
import { isUniqueViolation, type PrismaService } from '../src/index.js';

describe('database models', () => {
  let db: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
  });
  afterAll(() => db.drop());

  const newUser = (email: string) =>
    prisma.user.create({ data: { email, passwordHash: 'x', displayName: 'Ada' } });

  async function newQuizVersion(slug: string) {
    await prisma.quiz.create({ data: { id: slug, kind: 'exercise', title: 'Make a counter', course: 'closures' } });
    const version = await prisma.quizVersion.create({
      data: {
        quizId: slug,
        version: 1,
        contentHash: 'sha256:abc',
        content: { items: 1 },
        sourceYaml: 'title: Make a counter\n',
        questions: {
          create: { key: 'q1', type: 'code', position: 0, points: 2, concepts: ['closures', 'nonlocal'], content: { starter: 'def f(): ...' } },
        },
      },
      include: { questions: true },
    });
    await prisma.quiz.update({ where: { id: slug }, data: { currentVersionId: version.id, published: true } });
    return version;
  }

  it('stores users with a default learner role and timestamps', async () => {
    const user = await newUser('ada@example.org');
    expect(user).toMatchObject({ role: 'learner', email: 'ada@example.org' });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(await prisma.user.findUnique({ where: { email: 'ada@example.org' } })).toEqual(user);
  });

  it('refuses a second user with the same email as a unique violation (P2002)', async () => {
    await newUser('dup@example.org');
    const error = await newUser('dup@example.org').catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('keeps quiz versions with their questions, one version per content hash', async () => {
    const version = await newQuizVersion('closures/make-counter');
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { id: 'closures/make-counter' },
      include: { currentVersion: { include: { questions: true } } },
    });
    expect(quiz.currentVersion?.questions).toEqual([
      expect.objectContaining({ key: 'q1', type: 'code', points: 2, concepts: ['closures', 'nonlocal'], content: { starter: 'def f(): ...' } }),
    ]);
    const again = prisma.quizVersion.create({
      data: { quizId: 'closures/make-counter', version: 2, contentHash: version.contentHash, content: {}, sourceYaml: '' },
    });
    expect(isUniqueViolation(await again.catch((e: unknown) => e))).toBe(true);
  });

  it('records an attempt with answers, a graded submission and its test results', async () => {
    const user = await newUser('grace@example.org');
    const version = await newQuizVersion('closures/accumulator');
    const question = version.questions[0]!;
    const attempt = await prisma.attempt.create({
      data: {
        userId: user.id,
        quizVersionId: version.id,
        answers: { create: { questionId: question.id, response: { choice: 'b' }, correct: true, score: 2, points: 2 } },
        submissions: {
          create: {
            userId: user.id,
            questionId: question.id,
            source: 'def make_counter(): ...',
            status: 'graded',
            score: 1,
            maxPoints: 2,
            idempotencyKey: 'req-1',
            testResults: { create: [{ name: 'counts up', status: 'pass', score: 1, maxScore: 1, tags: ['basic'] }, { name: 'independent', status: 'timeout', maxScore: 1, visibility: 'hidden' }] },
          },
        },
      },
    });
    const stored = await prisma.attempt.findUniqueOrThrow({
      where: { id: attempt.id },
      include: { answers: true, submissions: { include: { testResults: { orderBy: { name: 'asc' } } } } },
    });
    expect(stored.status).toBe('in_progress');
    expect(stored.answers[0]).toMatchObject({ correct: true, response: { choice: 'b' } });
    expect(stored.submissions[0]!.testResults.map((t) => [t.name, t.status, t.visibility])).toEqual([
      ['counts up', 'pass', 'visible'],
      ['independent', 'timeout', 'hidden'],
    ]);
    const duplicate = prisma.submission.create({
      data: { userId: user.id, questionId: question.id, source: '', idempotencyKey: 'req-1' },
    });
    expect(isUniqueViolation(await duplicate.catch((e: unknown) => e))).toBe(true);

    await prisma.bestScore.create({ data: { userId: user.id, quizId: 'closures/accumulator', attemptId: attempt.id, score: 2, maxScore: 2 } });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.testResult.count({ where: { submission: { attemptId: attempt.id } } })).toBe(0);
    expect(await prisma.bestScore.count({ where: { quizId: 'closures/accumulator' } })).toBe(0);
  });
});
