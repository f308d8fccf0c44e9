import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import { GradingService } from '../grading/grading.service.js';
import { EventLoopDelay } from './event-loop-delay.js';
import type { ComponentHealthDto, HealthReportDto } from './health.dto.js';

/** Readiness of the parts a learner needs: the database answers and grader workers are warm. */
@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly grading: GradingService,
    private readonly eventLoop: EventLoopDelay,
  ) {}

  async report(): Promise<HealthReportDto> {
    const [database, grader] = await Promise.all([this.database(), Promise.resolve(this.grader())]);
    const status = database.status === 'up' && grader.status === 'up' ? 'ok' : 'unavailable';
    return { status, database, grader, api: { eventLoopDelayMs: this.eventLoop.figures() } };
  }

  private async database(): Promise<ComponentHealthDto> {
    const health = await this.prisma.ping();
    // A full disk leaves the database up (reads work) but refusing changes: shown, not a 503.
    const details = { backend: health.backend, latencyMs: health.latencyMs, ...(health.answeredMsAgo !== undefined && { answeredMsAgo: health.answeredMsAgo }), ...health.storage };
    return health.ready ? { status: 'up', details } : { status: 'down', reason: health.error, details };
  }

  private grader(): ComponentHealthDto {
    const health = this.grading.health();
    // The sandbox's OS walls are shown, not judged: missing walls are a start-up warning (or a
    // refusal with GRADER_REQUIRE_WALLS), not a reason to take the grader out of service.
    const details = { ...health.workers, ...(health.walls ? { walls: health.walls } : {}) };
    return { status: health.ready ? 'up' : 'down', ...(health.reason ? { reason: health.reason } : {}), details };
  }
}
