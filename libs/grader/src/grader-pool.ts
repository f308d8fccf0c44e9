import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { buildResult, sandboxJob, type Provenance, type RawRun } from './result-builder.js';
import { sandboxPaths, type SandboxPaths } from './repo-root.js';
import { markSnapshotUsed, pruneSnapshotCache } from './snapshot-cache.js';
import { SandboxProcess, type Isolation, type SandboxStatus } from './sandbox-process.js';
import { DEFAULT_LIMITS, type GradingJob, type GradingResult } from './types.js';
import type { SandboxWalls } from './os-walls.js';
import { detectWalls, type OsWalls } from './walls-detect.js';
import { missingWallsLine, WallsMissingError } from './walls-report.js';

export interface GraderPoolOptions {
  /** Interpreters kept warm; defaults to os.availableParallelism(). */
  size?: number;
  /** Rejects start() when the pool is not warm within this time. */
  startTimeoutMs?: number;
  /**
   * A sandbox not ready this long after it was started is killed and started again (with the
   * restart backoff): one that hangs while starting (its user a few tasks short, red21) would
   * otherwise hold the pool and every job given to it until the server restarts.
   */
  readyTimeoutMs?: number;
  /**
   * 'reset' (default): after each grading the interpreter's memory is restored in place from a
   * pristine copy (JS-side state reset or checked; a worker is replaced when a reset would be
   * incomplete). 'fresh': a new interpreter from the memory snapshot for every grading (slow).
   */
  isolation?: Isolation;
  /** The OS walls around the sandbox, when already detected (the apps announce them first). */
  walls?: OsWalls;
  /** Refuse to start (WallsMissingError) when the machine cannot provide every wall. */
  requireWalls?: boolean;
}

export interface GraderHealthFigures {
  ready: number;
  size: number;
  busy: number;
  queued: number;
  restarts: number;
  walls: SandboxWalls;
}

export interface GraderStats {
  isolation: Isolation;
  resetMs: number | null;
  recycles: Record<string, number>;
  sandboxPid: number | undefined;
}

interface Pending {
  job: GradingJob;
  startedAt: number;
  resolve(result: GradingResult): void;
  reject(error: SandboxLostError): void;
}

/**
 * The sandbox process died (SIGKILL, the host's OOM killer, a crash) while this job was in it.
 * Not a verdict: which job caused the death is unknown, so an innocent submission must not be
 * scored for it. Callers grade again (the API retries, then stores `error` with this reason).
 */
export class SandboxLostError extends Error {
  override readonly name = 'SandboxLostError';
}

const PYTHON_VERSION = '3.14.2';

/**
 * A sandbox that dies before it was ever ready (no task left for its user, a broken snapshot, a
 * machine that cannot start it) is started again after a pause that doubles each time, up to the
 * maximum: restarted at once, it looped about 19 times a second and took the host's CPU.
 */
export const RESTART_BACKOFF_MS = { first: 100, max: 5000 } as const;

/**
 * Grades submissions in a sandbox child process holding `size` Pyodide interpreters. Every
 * grading gets an interpreter no other submission has touched. `grade()` never rejects for
 * learner misbehaviour: limits, crashes of an interpreter and tampering become verdicts. It
 * rejects with `SandboxLostError` only when the whole sandbox process died under the job.
 */
export class GraderPool {
  private sandbox!: SandboxProcess;
  private status: SandboxStatus;
  private restarts = 0;
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private readonly provenance: Provenance;
  private warm!: Promise<void>;
  private markWarm: () => void = () => {};
  /** The sandbox has said it is ready since it was started (a death after that restarts at once). */
  private wasReady = false;
  private backoffMs = 0;
  /** Set while waiting to start the next sandbox; the jobs given meanwhile wait in `unsent`. */
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly unsent: number[] = [];

  private constructor(
    private readonly paths: SandboxPaths,
    private readonly walls: OsWalls,
    private readonly size: number,
    private readonly isolation: Isolation,
    private readonly readyTimeoutMs: number,
  ) {
    this.status = { size, ready: 0, busy: 0, queued: 0, restarts: 0 };
    this.provenance = { runtime: `pyodide ${paths.pyodideVersion}`, python: PYTHON_VERSION };
  }

  static async start(options: GraderPoolOptions = {}): Promise<GraderPool> {
    const size = Math.max(1, options.size ?? availableParallelism());
    const paths = sandboxPaths();
    await prepareSnapshotCache(paths);
    const walls = options.walls ?? (await detectWalls(paths));
    const missing = missingWallsLine(walls.description);
    if (options.requireWalls && missing) throw new WallsMissingError(missing);
    const pool = new GraderPool(paths, walls, size, options.isolation ?? 'reset', options.readyTimeoutMs ?? 180000);
    pool.spawn();
    const limit = options.startTimeoutMs ?? 180000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`grader pool not warm after ${limit} ms`)), limit);
    });
    try {
      await Promise.race([pool.warm, timeout]);
    } catch (error) {
      await pool.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return pool;
  }

  grade(job: GradingJob): Promise<GradingResult> {
    if (this.closed) return Promise.reject(new Error('the grader pool is closed'));
    const full = withDefaults(job);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { job: full, startedAt: performance.now(), resolve, reject });
      if (this.restartTimer) this.unsent.push(id);
      else this.sandbox.grade(id, sandboxJob(full));
    });
  }

  health(): GraderHealthFigures {
    const { ready, busy, queued } = this.status;
    return { ready, size: this.size, busy, queued, restarts: this.restarts + this.status.restarts, walls: this.walls.description };
  }

  /** Figures for the benchmark and operators (not part of the health contract). */
  stats(): GraderStats {
    return { isolation: this.isolation, resetMs: this.status.resetMs ?? null,
      recycles: this.status.recycles ?? {}, sandboxPid: this.sandbox?.pid };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    const error = new SandboxLostError('the grader pool is closed');
    for (const id of this.unsent.splice(0)) this.pending.get(id)?.reject(error);
    await this.sandbox?.close();
  }

  private spawn(): void {
    this.warm ??= new Promise((resolve) => (this.markWarm = resolve));
    this.wasReady = false;
    this.status = { ...this.status, ready: 0, busy: 0, restarts: 0 };
    const baseRestarts = this.restarts;
    const sandbox = new SandboxProcess(this.paths, this.walls, this.size, this.isolation, {
      onStatus: (status) => {
        this.status = status;
        this.restarts = baseRestarts;
        if (status.python) this.provenance.python = status.python;
        if (status.ready > 0) {
          this.wasReady = true;
          this.backoffMs = 0;
          this.markWarm();
        }
      },
      onResult: (id, run) => this.settle(id, run),
      onExit: (reason) => {
        clearTimeout(readyTimer);
        this.onSandboxExit(reason);
      },
      onSnapshot: (bytes) => void this.cacheSnapshot(bytes),
    });
    this.sandbox = sandbox;
    // Never ready in time: killed; its exit restarts it after the backoff (onSandboxExit).
    const readyTimer = setTimeout(() => {
      if (!this.wasReady && this.sandbox === sandbox && !this.closed) sandbox.kill();
    }, this.readyTimeoutMs);
    readyTimer.unref();
  }

  /** Saves the sandbox's memory snapshot so the next pool skips the full Pyodide load. */
  private async cacheSnapshot(bytes: Uint8Array): Promise<void> {
    const file = this.paths.snapshotFile;
    const partial = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(partial, bytes);
      await chmod(partial, 0o644); // read by the sandbox as another user (nobody), whatever the umask
      await rename(partial, file);
      await pruneSnapshotCache(file);
    } catch {
      // a cache is an optimisation: a read-only checkout still grades
    }
  }

  private settle(id: number, run: RawRun): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    // Built before the job leaves `pending`: a malformed run throws here, the sandbox is killed
    // for it (SandboxProcess), and the job is rejected with the others rather than never settled.
    const result = buildResult(pending.job, run, this.provenance, performance.now() - pending.startedAt);
    this.pending.delete(id);
    pending.resolve(result);
  }

  /**
   * The whole sandbox died (killed, OOM): every job in it is rejected, to be graded again, and a
   * new sandbox is started: at once when this one had been ready, else after the backoff.
   */
  private onSandboxExit(reason: string): void {
    if (this.closed) return;
    this.restarts += this.status.restarts + 1;
    const lost = [...this.pending.values()];
    this.pending.clear();
    this.backoffMs = this.wasReady ? 0 : Math.min(Math.max(this.backoffMs * 2, RESTART_BACKOFF_MS.first), RESTART_BACKOFF_MS.max);
    if (this.backoffMs === 0) this.spawn();
    else this.restartTimer = setTimeout(() => this.restartAfterBackoff(), this.backoffMs);
    const error = new SandboxLostError(`the grading sandbox stopped unexpectedly (${reason.slice(0, 200)})`);
    for (const pending of lost) pending.reject(error);
  }

  private restartAfterBackoff(): void {
    this.restartTimer = undefined;
    this.spawn();
    for (const id of this.unsent.splice(0)) {
      const pending = this.pending.get(id);
      if (pending) this.sandbox.grade(id, sandboxJob(pending.job));
    }
  }
}

/** The host owns the snapshot cache; it exists before the walls bind it read-only into the sandbox. */
async function prepareSnapshotCache(paths: SandboxPaths): Promise<void> {
  try {
    await mkdir(paths.snapshotCacheDir, { recursive: true });
    await chmod(paths.snapshotCacheDir, 0o755);
    await markSnapshotUsed(paths.snapshotFile); // kept by the pruning of other checkouts' pools
  } catch {
    // a read-only checkout or another user's cache: the sandbox makes its snapshot itself
  }
}

function withDefaults(job: GradingJob): GradingJob {
  return { ...job, moduleName: job.moduleName || 'solution', limits: { ...DEFAULT_LIMITS, ...job.limits } };
}
