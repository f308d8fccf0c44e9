import { Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';

/** A learner's history and progress (`/api/me/...`). */
@Module({
  controllers: [MeController],
  providers: [ProgressService, ProgressRepository],
})
export class ProgressModule {}
