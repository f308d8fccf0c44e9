import { Module } from '@nestjs/common';
import { CodeWorkModule } from '../code-work/code-work.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { SubmissionsModule } from '../submissions/submissions.module.js';
import { AttemptsModule } from './attempts.module.js';

/** Everything a learner does through the API: one import for AppModule. */
@Module({ imports: [AttemptsModule, SubmissionsModule, ProgressModule, CodeWorkModule] })
export class LearnerModule {}
