import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SubmissionProcessor, type SubmissionOutcome } from '../grading/submission-processor.js';
import { ScoreAsItGoes } from '../attempts/score-as-it-goes.use-case.js';
import { SubmissionsRepository } from './submissions.repository.js';

/**
 * Every graded submission may raise its code question's answer in the attempt (best score kept),
 * and with it the attempt's score as it goes (practice attempts: docs/scoring.md).
 */
@Injectable()
export class BestAnswerListener implements OnModuleInit {
  constructor(
    private readonly processor: SubmissionProcessor,
    private readonly submissions: SubmissionsRepository,
    private readonly scoreAsItGoes: ScoreAsItGoes,
  ) {}

  onModuleInit(): void {
    this.processor.onGraded((outcome) => this.handle(outcome));
  }

  async handle(outcome: SubmissionOutcome): Promise<void> {
    if (outcome.status !== 'graded') return;
    const changed = await this.submissions.recordBestAnswer(outcome.id);
    if (changed) await this.scoreAsItGoes.execute(changed);
  }
}
