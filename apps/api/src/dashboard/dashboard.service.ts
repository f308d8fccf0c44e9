import { Injectable } from '@nestjs/common';
import type { ActivityReport, ConceptStats, LearnerSortKey, LearnerStats } from '@app/contracts';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { ActivityRepository } from './activity.repository.js';
import { ConceptStatsRepository } from './concept-stats.repository.js';
import { dayRange, fillDays, ratio, roundOrNull } from './dashboard-math.js';
import { LearnerStatsRepository, type SortOrder } from './learner-stats.repository.js';

export interface LearnerListQuery extends PaginationQueryDto {
  sort: LearnerSortKey;
  order: SortOrder;
  /** An LMS course: only its learners. */
  classId?: string;
}

/** The dashboards that are a single aggregate query each: concepts, learners, daily activity. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly concepts: ConceptStatsRepository,
    private readonly learners: LearnerStatsRepository,
    private readonly activityRepository: ActivityRepository,
  ) {}

  async conceptStats(query: PaginationQueryDto): Promise<Page<ConceptStats>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.concepts.list(skip, take);
    const items = rows.map((row) => ({
      ...row,
      failureRate: ratio(row.failedAnswers + row.failedTests, row.answers + row.tests),
    }));
    return toPage(items, total, query);
  }

  async learnerStats(query: LearnerListQuery): Promise<Page<LearnerStats>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.learners.list(query.sort, query.order, skip, take, query.classId);
    const items = rows.map((row) => ({
      ...row,
      meanScore: roundOrNull(row.meanScore),
      lastActivityAt: row.lastActivityAt ? new Date(row.lastActivityAt).toISOString() : null,
    }));
    return toPage(items, total, query);
  }

  /** The last `days` UTC days including today, oldest first, every day present. */
  async activity(days: number, now = new Date()): Promise<ActivityReport> {
    const range = dayRange(now, days);
    const rows = await this.activityRepository.since(new Date(`${range[0]}T00:00:00.000Z`));
    return { from: range[0], to: range[range.length - 1], days: fillDays(range, rows) };
  }
}
