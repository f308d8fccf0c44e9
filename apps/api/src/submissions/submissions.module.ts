import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module.js';
import { GradingModule } from '../grading/grading.module.js';
import { BestAnswerListener } from './best-answer.listener.js';
import { CodeThrottleGuard } from './code-throttle.guard.js';
import { GradingsInFlight } from './gradings-in-flight.js';
import { SubmissionsController } from './submissions.controller.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { SubmitCode } from './submit-code.use-case.js';

/** Code runs and submissions of learners, graded by the grading pipeline. */
@Module({
  imports: [AttemptsModule, GradingModule],
  controllers: [SubmissionsController],
  providers: [
    SubmitCode,
    SubmissionsRepository,
    BestAnswerListener,
    CodeThrottleGuard,
    GradingsInFlight,
  ],
})
export class SubmissionsModule {}
