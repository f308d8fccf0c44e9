import { availableParallelism } from 'node:os';
import { DEFAULT_LOCK_MS, IN_FLIGHT_PER_WORKER } from '@app/grading';
import { ConfigError, validateEnvironment, type Environment } from '@app/config';

export interface GraderConfig {
  env: Environment;
  queueUrl: string;
  databaseUrl: string;
  /** Pyodide interpreters in this process. */
  workers: number;
  /** Submissions in flight per interpreter (GRADER_IN_FLIGHT, default IN_FLIGHT_PER_WORKER = 4). */
  inFlight: number;
  /** BullMQ concurrency, jobs this process holds at once: workers × inFlight. */
  concurrency: number;
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
  const lockMs = integer(raw, 'GRADER_LOCK_MS', DEFAULT_LOCK_MS, 1_000, Number.MAX_SAFE_INTEGER);
  const inFlight = integer(raw, 'GRADER_IN_FLIGHT', IN_FLIGHT_PER_WORKER, 1, MAX_IN_FLIGHT);
  const workers = env.GRADER_WORKERS || availableParallelism();
  return {
    env,
    queueUrl: env.QUEUE_URL,
    databaseUrl: env.DATABASE_URL,
    workers,
    inFlight,
    concurrency: workers * inFlight,
    lockMs,
    stalledIntervalMs: Math.max(500, Math.floor(lockMs / 3)),
  };
}

/**
 * More than this per interpreter only lengthens the wait inside the pool: a job is claimed (its
 * lease starts) when BullMQ hands it over, so a deep pool queue eats into the lease (see
 * docs/grading-queue.md, "Jobs in flight").
 */
const MAX_IN_FLIGHT = 16;

function integer(raw: Record<string, string | undefined>, key: string, fallback: number, min: number, max: number): number {
  const text = raw[key];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`Invalid configuration: ${key}=${JSON.stringify(text)} must be an integer ${range}`);
  }
  return value;
}
