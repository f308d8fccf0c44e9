import { Module } from '@nestjs/common';
import { GradingModule } from '../grading/grading.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [GradingModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
