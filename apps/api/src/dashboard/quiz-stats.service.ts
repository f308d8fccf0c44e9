import { Injectable } from '@nestjs/common';
import type { QuizStats } from '@app/contracts';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { ratio, roundOrNull, toHistogram } from './dashboard-math.js';
import { QuizStatsRepository, type QuizAggregateRow, type QuizBucketRow, type QuizRow } from './quiz-stats.repository.js';

/** Per-quiz figures: one page of quizzes, every version's attempts counted together. */
@Injectable()
export class QuizStatsService {
  constructor(private readonly repository: QuizStatsRepository) {}

  async list(query: PaginationQueryDto): Promise<Page<QuizStats>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.listQuizzes(skip, take);
    const ids = rows.map((quiz) => quiz.id);
    const [aggregates, buckets] = await Promise.all([this.repository.aggregates(ids), this.repository.buckets(ids)]);
    const aggregateOf = new Map(aggregates.map((row) => [row.quizId, row]));
    const items = rows.map((quiz) => toQuizStats(quiz, aggregateOf.get(quiz.id), buckets.filter((b) => b.quizId === quiz.id)));
    return toPage(items, total, query);
  }
}

function toQuizStats(quiz: QuizRow, aggregate: QuizAggregateRow | undefined, buckets: QuizBucketRow[]): QuizStats {
  const attempts = aggregate?.attempts ?? 0;
  const submittedAttempts = aggregate?.submittedAttempts ?? 0;
  const completedAttempts = aggregate?.completedAttempts ?? 0;
  return {
    quizId: quiz.id,
    title: quiz.title,
    course: quiz.course,
    kind: quiz.kind,
    published: quiz.published,
    attempts,
    submittedAttempts,
    completedAttempts,
    learners: aggregate?.learners ?? 0,
    completionRate: ratio(completedAttempts, attempts),
    meanScore: roundOrNull(aggregate?.meanScore),
    medianScore: roundOrNull(aggregate?.medianScore),
    scoreDistribution: toHistogram(buckets),
  };
}
