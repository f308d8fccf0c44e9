import { NotFoundException } from '@nestjs/common';
import type { ActivityRepository } from './activity.repository.js';
import type { ConceptStatsRepository } from './concept-stats.repository.js';
import { DashboardService } from './dashboard.service.js';
import type { LearnerStatsRepository } from './learner-stats.repository.js';
import type { QuestionStatsRepository } from './question-stats.repository.js';
import { QuestionStatsService, variantStats } from './question-stats.service.js';
import { chooseValues, type CodeQuestion } from '@app/quiz-spec';
import type { QuizStatsRepository } from './quiz-stats.repository.js';
import { QuizStatsService } from './quiz-stats.service.js';
import type { ScoresExportRepository } from './scores-export.repository.js';
import { ScoresExportService } from './scores-export.service.js';

// Services hold the rules (joining, defaults, rounding, paging); repositories are plain fakes here.
const page = { page: 1, pageSize: 20 };
const fake = <T>(methods: Partial<Record<keyof T, unknown>>) => methods as unknown as T;

describe(QuizStatsService.name, () => {
  const quiz = (id: string) => ({ id, title: id, course: 'c', kind: 'quiz' as const, published: true });

  it('joins the aggregates to their quiz and shows a quiz without attempts as zeros and nulls', async () => {
    const repository = fake<QuizStatsRepository>({
      listQuizzes: async () => ({ rows: [quiz('c/a'), quiz('c/b')], total: 7 }),
      aggregates: async (ids: string[]) => {
        expect(ids).toEqual(['c/a', 'c/b']);
        return [{ quizId: 'c/b', attempts: 4, submittedAttempts: 2, completedAttempts: 3, learners: 3, meanScore: 5 / 6, medianScore: 1 }];
      },
      buckets: async () => [{ quizId: 'c/b', bucket: 9, count: 2 }, { quizId: 'c/b', bucket: 5, count: 1 }],
    });
    const result = await new QuizStatsService(repository).list(page);
    expect(result.total).toBe(7);
    expect(result.items[0]).toMatchObject({ quizId: 'c/a', attempts: 0, learners: 0, completionRate: null, meanScore: null, medianScore: null });
    expect(result.items[0].scoreDistribution.every((bar) => bar.count === 0)).toBe(true);
    expect(result.items[1]).toMatchObject({ quizId: 'c/b', submittedAttempts: 2, completedAttempts: 3, completionRate: 0.75, meanScore: 0.8333, medianScore: 1 });
    expect(result.items[1].scoreDistribution.map((bar) => bar.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});

describe(QuestionStatsService.name, () => {
  const question = (key: string, position: number) => ({ key, type: 'code', position, prompt: '', concepts: [] });
  const repository = (exists: boolean) =>
    fake<QuestionStatsRepository>({
      quizExists: async () => exists,
      questions: async () => [question('b', 1), question('a', 0), question('c', 2)],
      outcomes: async () => [{ key: 'b', answers: 2, gradedAttempts: 3, passedAttempts: 1 }],
      submissions: async () => [{ key: 'b', submissions: 6, meanSubmissionsToPass: 2.3333333 }],
      mostFailedTests: async () => [{ key: 'b', name: 'test_x', failures: 4 }, { key: 'c', name: 'test_y', failures: 1 }],
      gradingFaults: async () => [{ key: 'c', grader: 2, author: 0 }],
      misconceptions: async () => [{ key: 'b', name: 'shared-state', learners: 3, failures: 5 }],
      variantQuestions: async () => new Map(),
      variantOutcomes: async () => [],
    });

  it('orders questions as in the quiz and attaches each its own figures and failed tests', async () => {
    const { items, total } = await new QuestionStatsService(repository(true)).forQuiz('c/q', page);
    expect(total).toBe(3);
    expect(items.map((q) => q.key)).toEqual(['a', 'b', 'c']);
    expect(items[0]).toMatchObject({ answers: 0, passRate: null, submissions: 0, meanSubmissionsToPass: null, mostFailedTests: [] });
    expect(items[1]).toMatchObject({ passRate: 0.3333, submissions: 6, meanSubmissionsToPass: 2.3333, mostFailedTests: [{ name: 'test_x', failures: 4 }] });
    expect(items[2].mostFailedTests).toEqual([{ name: 'test_y', failures: 1 }]);
    expect(items.map((q) => q.misconceptions)).toEqual([[], [{ name: 'shared-state', learners: 3, failures: 5 }], []]);
    expect(items.map((q) => q.gradingFaults)).toEqual([{ grader: 0, author: 0 }, { grader: 0, author: 0 }, { grader: 2, author: 0 }]);
  });

  it('pages the questions', async () => {
    const { items, total } = await new QuestionStatsService(repository(true)).forQuiz('c/q', { page: 2, pageSize: 2 });
    expect(total).toBe(3);
    expect(items.map((q) => q.key)).toEqual(['c']);
  });

  it('answers 404 for an unknown quiz', async () => {
    await expect(new QuestionStatsService(repository(false)).forQuiz('no/quiz', page)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('breaks a question with variants down per variant, attempts drawing the same values added up', () => {
    const b = { id: 'b', variants: [{ k: 3 }, { k: 4 }, { k: 6 }] } as unknown as CodeQuestion;
    const seedsOf = (k: number) => [...Array(40).keys()].filter((seed) => chooseValues(b, seed)!.k === k);
    const [three1, three2] = seedsOf(3);
    const [four] = seedsOf(4);
    const rows = [
      { key: 'b', seed: three1!, gradedAttempts: 1, passedAttempts: 1 },
      { key: 'b', seed: three2!, gradedAttempts: 1, passedAttempts: 0 },
      { key: 'b', seed: four!, gradedAttempts: 2, passedAttempts: 2 },
    ];
    expect(variantStats(new Map([['b', b]]), rows).get('b')).toEqual([
      { values: { k: 3 }, gradedAttempts: 2, passedAttempts: 1, passRate: 0.5 },
      { values: { k: 4 }, gradedAttempts: 2, passedAttempts: 2, passRate: 1 },
      { values: { k: 6 }, gradedAttempts: 0, passedAttempts: 0, passRate: null },
    ]);
  });
});

describe(DashboardService.name, () => {
  it('asks the database for activity since midnight UTC of the first day and fills the rest', async () => {
    let since: Date | undefined;
    const activity = fake<ActivityRepository>({
      since: async (from: Date) => {
        since = from;
        return [{ date: '2026-03-02', submissions: 1, runs: 0, attemptsStarted: 0, attemptsSubmitted: 0, activeLearners: 1 }];
      },
    });
    const service = new DashboardService(fake<ConceptStatsRepository>({}), fake<LearnerStatsRepository>({}), activity);
    const report = await service.activity(3, new Date('2026-03-02T15:00:00Z'));
    expect(since).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(report).toMatchObject({ from: '2026-02-28', to: '2026-03-02' });
    expect(report.days.map((d) => d.submissions)).toEqual([0, 0, 1]);
  });

  it('computes the failure rate of a concept over answers and tests together', async () => {
    const concepts = fake<ConceptStatsRepository>({
      list: async () => ({ rows: [{ concept: 'x', answers: 3, failedAnswers: 1, tests: 5, failedTests: 1 }], total: 1 }),
    });
    const service = new DashboardService(concepts, fake<LearnerStatsRepository>({}), fake<ActivityRepository>({}));
    expect((await service.conceptStats(page)).items[0].failureRate).toBe(0.25);
  });

  it('passes the whitelisted sort through and serialises dates as ISO strings', async () => {
    const learners = fake<LearnerStatsRepository>({
      list: async (sort: string, order: string, skip: number, take: number) => {
        expect([sort, order, skip, take]).toEqual(['email', 'asc', 20, 10]);
        const row = { userId: 'u', email: 'a@x.org', displayName: 'A', attempts: 1, submittedAttempts: 1, submissions: 0 };
        return { rows: [{ ...row, meanScore: 2 / 3, lastActivityAt: new Date('2026-03-01T10:00:00Z') }], total: 21 };
      },
    });
    const service = new DashboardService(fake<ConceptStatsRepository>({}), learners, fake<ActivityRepository>({}));
    const result = await service.learnerStats({ page: 3, pageSize: 10, sort: 'email', order: 'asc' });
    expect(result.items[0]).toMatchObject({ meanScore: 0.6667, lastActivityAt: '2026-03-01T10:00:00.000Z' });
  });
});

describe(ScoresExportService.name, () => {
  it('answers 404 for an unknown quiz instead of an empty file', async () => {
    const repository = fake<ScoresExportRepository>({ quizExists: async () => false });
    await expect(new ScoresExportService(repository).export('no/quiz')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('names the file after the quiz', async () => {
    const repository = fake<ScoresExportRepository>({ quizExists: async () => true, scores: async () => [] });
    const file = await new ScoresExportService(repository).export('closures/make-counter');
    expect(file).toEqual({ fileName: 'closures-make-counter-scores.csv', content: 'email,name,attempts,best_score,max_score,last_submitted_at\r\n' });
  });
});
