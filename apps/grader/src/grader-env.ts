import { availableParallelism } from 'node:os';
import { DEFAULT_LOCK_MS } from '@app/grading';
import { ConfigError, validateEnvironment, type Environment } from '@app/config';

export interface GraderConfig {
  env: Environment;
  queueUrl: string;
  databaseUrl: string;
  /** Pyodide interpreters in this process = BullMQ concurrency. */
  workers: number;
  /** BullMQ lock and database lease (GRADER_LOCK_MS, default 30 s; tests shorten it). */
  lockMs: number;
  /** How often this grader looks for jobs whose grader died (a third of the lock, at least 500 ms). */
  stalledIntervalMs: number;
}

/** The API's validated environment plus what a grader needs on top; one readable line when wrong. */
export function loadGraderConfig(raw: Record<string, string | undefined>): GraderConfig {
  const env = validateEnvironment(raw);
  if (!env.QUEUE_URL) throw new ConfigError('Invalid configuration: QUEUE_URL is required by a grader (redis://host:6379)');
  if (!env.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required by a grader (the embedded database is the API\'s alone)');
  const lockMs = raw.GRADER_LOCK_MS === undefined || raw.GRADER_LOCK_MS === '' ? DEFAULT_LOCK_MS : Number(raw.GRADER_LOCK_MS);
  if (!Number.isInteger(lockMs) || lockMs < 1_000) throw new ConfigError(`Invalid configuration: GRADER_LOCK_MS=${JSON.stringify(raw.GRADER_LOCK_MS)} must be an integer >= 1000`);
  return {
    env,
    queueUrl: env.QUEUE_URL,
    databaseUrl: env.DATABASE_URL,
    workers: env.GRADER_WORKERS || availableParallelism(),
    lockMs,
    stalledIntervalMs: Math.max(500, Math.floor(lockMs / 3)),
  };
}
