import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SubmissionProcessor, type SubmissionOutcome } from '../grading/submission-processor.js';
import { SubmissionsRepository } from './submissions.repository.js';

/** Every graded submission may raise its code question's answer in the attempt (best score kept). */
@Injectable()
export class BestAnswerListener implements OnModuleInit {
  constructor(
    private readonly processor: SubmissionProcessor,
    private readonly submissions: SubmissionsRepository,
  ) {}

  onModuleInit(): void {
    this.processor.onGraded((outcome) => this.handle(outcome));
  }

  async handle(outcome: SubmissionOutcome): Promise<void> {
    if (outcome.status === 'graded') await this.submissions.recordBestAnswer(outcome.id);
  }
}
