import { Inject, Injectable, Logger, Optional, ServiceUnavailableException, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { announceWalls, detectWalls, SandboxLostError, type GradingJob, type GradingResult, type OsWalls, type SandboxWalls } from '@app/grader';
import { capGradingResult, GradingLane, type GradeOptions } from '@app/grading';
import { Environment } from '@app/config';
import { GRADING_ENGINE_FACTORY, type GradingEngine, type GradingEngineFactory } from './grading-engine.js';
import { GRADING_QUEUE } from './grading-queue.provider.js';
import type { GradingQueueClient, QueueFigures } from './queue/grading-queue.client.js';
import { queueHealth } from './queue/queue-health.js';

export interface WorkerFigures {
  ready: number;
  size: number;
  busy: number;
  queued: number;
  restarts: number;
  /** Queue mode only (so /health shows them): connected grader processes and completions/s. */
  graders?: number;
  jobsPerSecond?: number;
}

export interface GraderHealth {
  ready: boolean;
  reason?: string;
  /** `in-process`: this API's own Pyodide pool; `queue`: grader processes behind QUEUE_URL. */
  mode: 'in-process' | 'queue';
  workers: WorkerFigures;
  queue?: QueueFigures;
  /** The OS walls around this API's grading sandbox (in-process mode; graders log their own). */
  walls?: SandboxWalls;
}

/**
 * Owns the grader pool's lifecycle. The pool warms in the background so the HTTP server is up at
 * once; /health reports the grader as down until its workers are ready. With a grading queue
 * (QUEUE_URL) there is no pool here: grading goes to the grader processes.
 */
@Injectable()
export class GradingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GradingService.name);
  private engine?: GradingEngine;
  private starting?: Promise<GradingEngine>;
  private failure?: string;
  private readonly lane = new GradingLane();
  private walls?: OsWalls;

  constructor(
    private readonly env: Environment,
    @Inject(GRADING_ENGINE_FACTORY) private readonly createEngine: GradingEngineFactory,
    @Optional() @Inject(GRADING_QUEUE) private readonly queue: GradingQueueClient | null = null,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.queue) {
      this.logger.log(`Grading through queue "${this.queue.name}": no grader pool in this process`);
      return;
    }
    // Before the pool, and awaited: with GRADER_REQUIRE_WALLS the API refuses to start (one line).
    this.walls = await detectWalls();
    announceWalls(this.walls.description, this.logger, this.env.GRADER_REQUIRE_WALLS);
    const size = this.env.GRADER_WORKERS || availableParallelism();
    const started = Date.now();
    this.starting = this.createEngine(size, this.walls);
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

  /**
   * Waits for the pool when it is still warming; fails with 503 when it could not start, or when
   * the sandbox process died under this job (the cause is then the pool's SandboxLostError: see
   * gradeUnderCrashRule). Every grading passes the lane, so one asked `alone` has the pool alone.
   */
  async grade(job: GradingJob, options: GradeOptions = {}): Promise<GradingResult> {
    try {
      const result = this.queue ? await this.gradeOnQueue(this.queue, job, options) : await this.gradeInProcess(job, options);
      const faults = result.faults ?? { grader: 0, author: 0 };
      if (faults.grader + faults.author > 0) {
        this.logger.warn(`Tests not graded through no fault of the learner: ${faults.grader} by the grader, ${faults.author} by the exercise (${result.provenance.suite_hash})`);
      }
      // Capped as it arrives from the engine, before anything stores or sends it.
      return options.uncapped ? result : capGradingResult(result, job);
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  health(): GraderHealth {
    if (this.queue) return queueHealth(this.queue.figures());
    const workers = this.engine?.health() ?? { ready: 0, size: this.env.GRADER_WORKERS || availableParallelism(), busy: 0, queued: 0, restarts: 0 };
    const mode = 'in-process';
    const walls = this.walls?.description;
    if (this.failure) return { ready: false, reason: `grader failed to start: ${this.failure}`, mode, workers, walls };
    if (!this.engine) return { ready: false, reason: 'grader pool is warming up', mode, workers, walls };
    // Busy workers are serving: only when none is idle or busy (all starting again, after a
    // sandbox restart) is the grader down. `ready` alone (idle workers) was 0 whenever every
    // worker was grading: /health answered 503 under an exam's load, when an orchestrator
    // taking the instance out of service hurts most.
    if (workers.ready + workers.busy === 0) return { ready: false, reason: 'no grader worker is running (they are starting)', mode, workers, walls };
    return { ready: true, mode, workers, walls };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    const engine = this.engine ?? (await this.starting?.catch(() => undefined));
    await engine?.close();
  }

  private async gradeOnQueue(queue: GradingQueueClient, job: GradingJob, options: GradeOptions): Promise<GradingResult> {
    const figures = queue.figures().connected ? queue.figures() : await queue.refresh();
    if (figures.graders === 0) throw new ServiceUnavailableException('No grader process is connected to the grading queue');
    return queue.grade(job, options);
  }

  private async gradeInProcess(job: GradingJob, options: GradeOptions): Promise<GradingResult> {
    const engine = this.engine ?? (await this.ready());
    return this.lane.run(options.alone === true, () => engine.grade(job));
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

/** A lost sandbox is a 503 to HTTP callers, and stays recognisable as one through its cause. */
function asUnavailable(error: unknown): unknown {
  return error instanceof SandboxLostError ? new ServiceUnavailableException(`${error.message}; retry shortly`, { cause: error }) : error;
}
