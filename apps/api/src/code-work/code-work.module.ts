import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module.js';
import { CodeWorkController } from './code-work.controller.js';
import { CodeWorkRepository } from './code-work.repository.js';
import { CodeWorkService } from './code-work.service.js';

/** A learner's code kept by the server: drafts, and the latest run and submission read back. */
@Module({
  imports: [AttemptsModule],
  controllers: [CodeWorkController],
  providers: [CodeWorkService, CodeWorkRepository],
})
export class CodeWorkModule {}
