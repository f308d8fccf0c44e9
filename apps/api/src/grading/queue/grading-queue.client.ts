import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { SandboxLostError, type GradingJob, type GradingResult } from '@app/grader';
import {
  GRADE_JOB_OPTIONS,
  isSandboxLostReturn,
  JOB,
  slotsOfWorker,
  submissionJobOptions,
  type GradeJobData,
  type GradeJobReturn,
  type SubmissionJobResult,
  type GradeOptions,
  type SubmissionOutcome,
} from '@app/grading';
import { RateWindow } from './rate-window.js';

/** Queue figures for /health and the admin status; read from Redis every few seconds. */
export interface QueueFigures {
  name: string;
  connected: boolean;
  error?: string;
  /** Jobs not started yet (waiting + delayed + prioritized). */
  depth: number;
  active: number;
  delayed: number;
  failed: number;
  /** Grader processes connected to the queue, and their grading slots in all. */
  graders: number;
  graderSlots: number;
  /** Jobs completed per second by all graders, over the last 10 s. */
  jobsPerSecond: number;
}

/** A submission job left the queue: done (`grader` ran it; `outcome` when a verdict is stored) or given up. */
export interface SettledEvent {
  submissionId: string;
  grader?: string;
  outcome?: SubmissionOutcome;
  failedReason?: string;
}
export type SettledListener = (event: SettledEvent) => void;

const REFRESH_MS = 2_000;

/**
 * The API's side of the grading queue: adds jobs, hears every grader's completions through
 * QueueEvents (a Redis stream, so every API instance hears all of them), and keeps figures.
 */
export class GradingQueueClient {
  private readonly rate = new RateWindow(10);
  private readonly settled: SettledListener[] = [];
  private figuresNow: QueueFigures;
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly connections: Redis[],
    private readonly state: { closing: boolean },
  ) {
    this.figuresNow = { name, connected: false, error: 'queue not read yet', depth: 0, active: 0, delayed: 0, failed: 0, graders: 0, graderSlots: 0, jobsPerSecond: 0 };
    // Without a listener each reconnect attempt to a Redis that is down would be printed.
    const noted = (error: Error) => (this.figuresNow = { ...this.figuresNow, connected: false, error: error.message });
    queue.on('error', noted);
    events.on('error', noted);
    for (const connection of connections) connection.on('error', noted);
    events.on('completed', ({ jobId, returnvalue }) => this.completed(jobId, returnvalue as unknown));
    events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
  }

  /**
   * The Redis connections are ours, not BullMQ's: BullMQ's close waits for a connection that a
   * Redis that is down never makes, while ours can always be dropped (see close).
   */
  static open(url: string, name: string): GradingQueueClient {
    // null: a command waits for a reconnect instead of failing (BullMQ requires it for blocking reads).
    // Reconnects stop once closed: BullMQ's own copies of these connections inherit the strategy.
    const state = { closing: false };
    const options = { maxRetriesPerRequest: null, retryStrategy: (times: number) => (state.closing ? null : Math.min(times * 500, 5_000)) };
    const connections = [new Redis(url, options), new Redis(url, options)];
    const [forQueue, forEvents] = connections as [Redis, Redis];
    const client = new GradingQueueClient(name, new Queue(name, { connection: forQueue }), new QueueEvents(name, { connection: forEvents }), connections, state);
    client.timer = setInterval(() => void client.refresh(), REFRESH_MS).unref();
    void client.refresh();
    return client;
  }

  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
  }

  onSettled(listener: SettledListener): void {
    this.settled.push(listener);
  }

  /** Adds the job unless one with this submission id is still queued or running. */
  async addSubmission(submissionId: string): Promise<void> {
    await this.queue.add(JOB.submission, { submissionId }, submissionJobOptions(submissionId));
  }

  async addSubmissions(ids: string[]): Promise<void> {
    await this.queue.addBulk(ids.map((submissionId) => ({ name: JOB.submission, data: { submissionId }, opts: submissionJobOptions(submissionId) })));
  }

  /** Grades a job on some grader and returns its result (nothing stored); SandboxLostError as the pool would. */
  async grade(job: GradingJob, options: GradeOptions = {}, timeoutMs = 120_000): Promise<GradingResult> {
    const data: GradeJobData = { job, ...(options.alone ? { alone: true } : {}), ...(options.uncapped ? { uncapped: true } : {}) };
    const added = await this.queue.add(JOB.grade, data, { ...GRADE_JOB_OPTIONS, jobId: `grade-${randomUUID()}` });
    const value = (await added.waitUntilFinished(this.events, timeoutMs)) as GradeJobReturn;
    if (isSandboxLostReturn(value)) throw new SandboxLostError(value.sandboxLost);
    return value;
  }

  figures(): QueueFigures {
    return { ...this.figuresNow, jobsPerSecond: this.rate.perSecond() };
  }

  /**
   * Reads the figures from Redis. Commands wait for a reconnect rather than fail (the queue's
   * connection setting), so a Redis that is down shows here as no answer within `REFRESH_MS`.
   */
  async refresh(): Promise<QueueFigures> {
    this.refreshing ??= this.read().finally(() => (this.refreshing = undefined));
    await this.refreshing;
    return this.figures();
  }

  private async read(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis gave no answer within ${REFRESH_MS} ms`)), REFRESH_MS);
    });
    try {
      const [counts, workers] = await Promise.race([
        Promise.all([this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed'), this.queue.getWorkers()]),
        timeout,
      ]);
      const graderSlots = workers.reduce((sum, worker) => sum + slotsOfWorker(worker.rawname), 0);
      const depth = (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0);
      this.figuresNow = { name: this.name, connected: true, depth, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0, graders: workers.length, graderSlots, jobsPerSecond: 0 };
    } catch (error) {
      this.figuresNow = { ...this.figuresNow, connected: false, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes cleanly when Redis answers (at most `REFRESH_MS` of waiting), then drops the connections. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.state.closing = true;
    const closed = Promise.allSettled([this.events.close(), this.queue.close()]);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, REFRESH_MS).unref())]);
    for (const connection of this.connections) connection.disconnect();
  }

  /** Deletes the queue and all its jobs (tests and benchmarks on their own queue names). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  private completed(jobId: string, value: unknown): void {
    this.rate.record();
    if (jobId.startsWith('grade-')) return;
    const result = value as SubmissionJobResult | undefined;
    this.emit({ submissionId: jobId, grader: result?.grader, outcome: result?.outcome });
  }

  private failed(jobId: string, failedReason: string): void {
    if (!jobId.startsWith('grade-')) this.emit({ submissionId: jobId, failedReason });
  }

  private emit(event: SettledEvent): void {
    for (const listener of this.settled) listener(event);
  }
}
