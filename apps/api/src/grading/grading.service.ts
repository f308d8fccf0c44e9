import { Inject, Injectable, Logger, ServiceUnavailableException, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import type { GradingJob, GradingResult } from '@app/grader';
import { Environment } from '../config/environment.js';
import { GRADING_ENGINE_FACTORY, type GradingEngine, type GradingEngineFactory } from './grading-engine.js';

export interface GraderHealth {
  ready: boolean;
  reason?: string;
  workers: { ready: number; size: number; busy: number; queued: number; restarts: number };
}

/**
 * Owns the grader pool's lifecycle. The pool warms in the background so the HTTP server is up at
 * once; /health reports the grader as down until its workers are ready.
 */
@Injectable()
export class GradingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GradingService.name);
  private engine?: GradingEngine;
  private starting?: Promise<GradingEngine>;
  private failure?: string;

  constructor(
    private readonly env: Environment,
    @Inject(GRADING_ENGINE_FACTORY) private readonly createEngine: GradingEngineFactory,
  ) {}

  onModuleInit(): void {
    const size = this.env.GRADER_WORKERS || availableParallelism();
    const started = Date.now();
    this.starting = this.createEngine(size);
    this.starting.then(
      (engine) => {
        this.engine = engine;
        this.logger.log(`Grader pool ready: ${size} workers in ${Date.now() - started} ms`);
      },
      (error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        this.logger.error(`Grader pool failed to start: ${this.failure}`);
      },
    );
  }

  /** Waits for the pool when it is still warming; fails with 503 when it could not start. */
  async grade(job: GradingJob): Promise<GradingResult> {
    const engine = this.engine ?? (await this.ready());
    return engine.grade(job);
  }

  health(): GraderHealth {
    const workers = this.engine?.health() ?? { ready: 0, size: this.env.GRADER_WORKERS || availableParallelism(), busy: 0, queued: 0, restarts: 0 };
    if (this.failure) return { ready: false, reason: `grader failed to start: ${this.failure}`, workers };
    if (!this.engine) return { ready: false, reason: 'grader pool is warming up', workers };
    if (workers.ready === 0) return { ready: false, reason: 'no grader worker is ready', workers };
    return { ready: true, workers };
  }

  async onApplicationShutdown(): Promise<void> {
    const engine = this.engine ?? (await this.starting?.catch(() => undefined));
    await engine?.close();
  }

  private async ready(): Promise<GradingEngine> {
    if (!this.starting) throw new ServiceUnavailableException('The grader is not running');
    try {
      return await this.starting;
    } catch {
      throw new ServiceUnavailableException('The grader could not start');
    }
  }
}
