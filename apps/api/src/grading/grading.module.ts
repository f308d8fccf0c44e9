import { Module } from '@nestjs/common';
import { GraderPool } from '@app/grader';
import { GradingRepository } from '@app/grading';
import { GRADING_ENGINE_FACTORY, type GradingEngineFactory } from './grading-engine.js';
import { gradingQueueProvider } from './grading-queue.provider.js';
import { GradingService } from './grading.service.js';
import { SubmissionProcessor } from './submission-processor.js';

const startPool: GradingEngineFactory = (size, walls) => GraderPool.start({ size, walls });

@Module({
  providers: [
    { provide: GRADING_ENGINE_FACTORY, useValue: startPool },
    gradingQueueProvider,
    GradingService,
    GradingRepository,
    SubmissionProcessor,
  ],
  exports: [GradingService, SubmissionProcessor],
})
export class GradingModule {}
