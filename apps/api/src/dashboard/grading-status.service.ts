import { Injectable } from '@nestjs/common';
import type { GradingStatus } from '@app/contracts';
import { GradingService } from '../grading/grading.service.js';
import { SubmissionProcessor } from '../grading/submission-processor.js';
import { GradingStatusRepository } from './grading-status.repository.js';

/** What an admin needs to see whether grading keeps up: pool, in-process queue, stored backlog. */
@Injectable()
export class GradingStatusService {
  constructor(
    private readonly grading: GradingService,
    private readonly processor: SubmissionProcessor,
    private readonly repository: GradingStatusRepository,
  ) {}

  async status(): Promise<GradingStatus> {
    const [submissions, oldest] = await Promise.all([this.repository.countByStatus(), this.repository.oldestUnfinishedAt()]);
    return {
      grader: this.grading.health(),
      queue: this.processor.stats(),
      submissions,
      oldestUnfinishedAt: oldest ? oldest.toISOString() : null,
    };
  }
}
