import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { createAdapter, PrismaService, resolveDatabaseConfig } from '@app/db';
import { announceWalls, detectWalls, GraderPool } from '@app/grader';
import { connectionFor, graderWorkerName, GradingRepository, LanedGrader, SubmissionGrader } from '@app/grading';
import type { GraderConfig } from './grader-env.js';
import { createJobProcessor } from './submission-job.processor.js';

/**
 * One grader process: a warm Pyodide pool, the database, and a BullMQ worker holding several jobs
 * per interpreter (workers × inFlight), as the API's in-process path does, so an interpreter is
 * grading one job while the others are in their database round trips. No HTTP: it is seen
 * through the queue (getWorkers).
 */
export class GraderApp {
  private readonly logger = new Logger('Grader');
  private graded = 0;

  private constructor(
    private readonly prisma: PrismaService,
    private readonly pool: GraderPool,
    private readonly worker: Worker,
  ) {
    worker.on('completed', () => this.graded++);
    worker.on('failed', (job, error) => this.logger.warn(`Job ${job?.id} failed: ${error.message}`));
    worker.on('error', (error) => this.logger.error(`Queue connection: ${error.message}`));
  }

  static async start(config: GraderConfig): Promise<GraderApp> {
    // First, before any connection: a production grader (GRADER_REQUIRE_WALLS) refuses to start
    // when the OS cannot wall its sandbox in, and every grader says which walls are up.
    const walls = await detectWalls();
    announceWalls(walls.description, new Logger('Grader'), config.env.GRADER_REQUIRE_WALLS);
    const prisma = new PrismaService(createAdapter(resolveDatabaseConfig({ DATABASE_URL: config.databaseUrl })), { migrateOnStart: false });
    await prisma.onModuleInit();
    const pool = await GraderPool.start({ size: config.workers, walls }).catch(async (error: unknown) => {
      await prisma.onModuleDestroy();
      throw error;
    });
    const repository = new GradingRepository(prisma);
    // The name carries the interpreters (the grading slots /health adds up), not the jobs in flight.
    const name = graderWorkerName(config.workers);
    // One lane for every job of this process's pool: a job graded `alone` has its sandbox to itself.
    const engine = new LanedGrader(pool);
    const processor = createJobProcessor(new SubmissionGrader(repository, engine, config.lockMs), engine, repository, name);
    const worker = new Worker(config.env.QUEUE_NAME, processor, {
      connection: connectionFor(config.queueUrl),
      concurrency: config.concurrency,
      name,
      lockDuration: config.lockMs,
      stalledInterval: config.stalledIntervalMs,
      // A job may stall twice (two graders died holding it) before the queue gives up on it.
      maxStalledCount: 2,
    });
    await worker.waitUntilReady();
    return new GraderApp(prisma, pool, worker);
  }

  get jobsDone(): number {
    return this.graded;
  }

  /** Finishes the jobs in hand (no new ones), then closes the pool and the database. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.pool.close();
    await this.prisma.onModuleDestroy();
  }
}
