import { Module } from '@nestjs/common';
import { GradingModule } from '../grading/grading.module.js';
import { EventLoopDelay } from './event-loop-delay.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [GradingModule],
  controllers: [HealthController],
  providers: [HealthService, EventLoopDelay],
})
export class HealthModule {}
