import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { GradingJob } from './types.js';
import type { RawRun } from './result-builder.js';
import type { SandboxPaths } from './repo-root.js';
import type { OsWalls } from './walls-detect.js';

export interface SandboxStatus {
  size: number;
  ready: number;
  busy: number;
  queued: number;
  restarts: number;
  /** Median in-place reset time over the last 200 resets (reset isolation only). */
  resetMs?: number | null;
  /** Resets refused (worker replaced instead), by reason. */
  recycles?: Record<string, number>;
  python?: string;
}

export type Isolation = 'reset' | 'fresh';

export interface SandboxEvents {
  onStatus(status: SandboxStatus): void;
  onResult(id: number, run: RawRun): void;
  onExit(reason: string): void;
  onSnapshot(bytes: Uint8Array): void;
}

/**
 * Node flags of the sandbox process: no code generation from strings, and the permission model
 * with read access to Pyodide's files and the sandbox scripts only (no writes, no child
 * processes, no addons). Node 20's permission model does not cover the network.
 */
export function sandboxExecArgv(paths: SandboxPaths): string[] {
  return [
    '--experimental-permission',
    `--allow-fs-read=${paths.pyodideDir}/*`,
    `--allow-fs-read=${paths.sandboxDir}/*`,
    `--allow-fs-read=${paths.snapshotCacheDir}/*`,
    `--allow-fs-read=${paths.zoneinfoDir}/*`,
    '--allow-worker',
    '--disallow-code-generation-from-strings',
    '--no-warnings',
  ];
}

/**
 * Starts `node nodeArgs` inside the OS walls with an empty environment. fd 3 is the channel to
 * the host, a socket pair that setpriv, unshare and bwrap pass through: `'ipc'`, Node's own
 * channel (NODE_CHANNEL_FD, `process.send`; the walls spec's probe), or `'pipe'`, a plain stream
 * the host reads itself (the sandbox: see SandboxProcess).
 */
export function spawnConfined(walls: OsWalls, nodeArgs: string[], channel: 'ipc' | 'pipe' = 'ipc'): ChildProcess {
  const [file, ...args] = walls.argv(nodeArgs);
  return spawn(file!, args, {
    env: {},
    // JSON: about half the CPU per message of 'advanced' for these small plain messages.
    serialization: 'json',
    stdio: ['ignore', 'ignore', 'pipe', channel],
  });
}

/**
 * The longest message the host reads from the sandbox, in bytes: the memory snapshot is the
 * largest (about 52 MB, 69 MB in base64), and a string past V8's limit (about 512 M characters)
 * would throw. A sandbox past it is killed.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/**
 * The sandbox child process: Node's permission model inside the OS walls.
 *
 * Its channel is read here, not by Node's IPC: Node parses each line of its JSON channel in its
 * own read callback, where a line that is not JSON throws out of the event loop and ends the
 * host (the API server, every grader), and it keeps an unfinished line without bound. Code that
 * got past every layer of the sandbox can write anything to fd 3, so every line is read with a
 * cap and parsed and checked here; a line that is too long, not JSON, not a message of the
 * sandbox, or that makes its handler throw, kills the sandbox (a lost sandbox: its jobs are
 * graded again).
 */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly channel: Socket;
  private stderr = '';
  private exited = false;
  /** Bytes of the line not yet ended by '\n'. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private refused = false;
  /**
   * Set when the first job is handed over: from then on, learner code may have run in this
   * process, and a memory snapshot from it is no longer trusted. The host caches a snapshot for
   * every later sandbox of this checkout, so one accepted from a compromised sandbox would carry
   * the attacker into every grading after it, across restarts. The sandbox makes its snapshot
   * before any job runs (or, replacing a damaged cache file, at start); a later one is dropped.
   */
  private jobHandedOver = false;

  constructor(paths: SandboxPaths, walls: OsWalls, size: number, isolation: Isolation, private readonly events: SandboxEvents,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {
    this.child = spawnConfined(walls, [...sandboxExecArgv(paths), join(paths.sandboxDir, 'sandbox-main.mjs')], 'pipe');
    this.channel = this.child.stdio[3] as Socket;
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.channel.on('data', (chunk: Buffer) => this.onData(chunk));
    this.channel.on('error', () => {}); // the exit says what happened
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.events.onExit(`sandbox exited (code ${code}, signal ${signal}) ${this.stderr.trim()}`);
    });
    this.send({ type: 'init', config: { size, isolation, pyodideDir: paths.pyodideDir, snapshotPath: paths.snapshotFile, zoneinfoDir: paths.zoneinfoDir } });
  }

  /** The sandbox's node process as the host sees it (below bwrap's own processes, if any). */
  get pid(): number | undefined {
    return innermostPid(this.child.pid);
  }

  grade(id: number, job: GradingJob): void {
    this.jobHandedOver = true;
    this.send({ type: 'grade', id, job });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private send(message: unknown): void {
    if (this.channel.writable) this.channel.write(`${JSON.stringify(message)}\n`);
  }

  /** Splits the stream into lines ('\n' never occurs inside JSON text), each at most maxMessageBytes. */
  private onData(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1 && !this.refused; end = chunk.indexOf(10, start)) {
      if (this.partialBytes + end - start > this.maxMessageBytes) return this.refuse('a message over the size limit');
      const line = Buffer.concat([...this.partial, chunk.subarray(start, end)]).toString('utf8');
      this.partial = [];
      this.partialBytes = 0;
      start = end + 1;
      this.receive(line);
    }
    if (this.refused || start === chunk.length) return;
    this.partial.push(chunk.subarray(start));
    this.partialBytes += chunk.length - start;
    if (this.partialBytes > this.maxMessageBytes) this.refuse('a message over the size limit');
  }

  private receive(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return this.refuse('a message that is not JSON');
    }
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      return this.refuse('a message without a type');
    }
    try {
      this.onMessage(message as SandboxMessage);
    } catch (error) {
      this.refuse(`a malformed ${(message as { type: string }).type.slice(0, 20)} message`, String((error as Error)?.message ?? error).slice(0, 100));
    }
  }

  /** The sandbox broke the protocol: it is killed, and its exit reports why. */
  private refuse(reason: string, detail?: string): void {
    if (this.refused) return;
    this.refused = true;
    this.partial = [];
    this.stderr += ` the host refused ${reason} from the sandbox${detail ? ` (${detail})` : ''}`;
    this.channel.destroy();
    this.kill();
  }

  private onMessage(message: SandboxMessage): void {
    if (message.type === 'status') this.events.onStatus(checkedStatus(message));
    else if (message.type === 'result') this.events.onResult(message.id, message.result);
    else if (message.type === 'snapshot') {
      if (typeof message.base64 !== 'string') throw new Error('no base64 string');
      if (!this.jobHandedOver) this.events.onSnapshot(Buffer.from(message.base64, 'base64'));
    } else if (message.type === 'fatal') {
      this.stderr += String(message.message).slice(0, 4000);
      this.kill();
    } else {
      throw new Error('unknown type');
    }
  }
}

/** The sandbox's figures as health() shows them: counts, and the Python version it reports. */
function checkedStatus(status: SandboxStatus): SandboxStatus {
  for (const key of ['size', 'ready', 'busy', 'queued', 'restarts'] as const) {
    if (!Number.isSafeInteger(status[key])) throw new Error(`${key} is not an integer`);
  }
  if (status.python !== undefined && (typeof status.python !== 'string' || status.python.length > 40)) throw new Error('python is not a short string');
  return status;
}

/** Follows the first child down from `pid`: the wrappers exec or keep one child each. */
function innermostPid(pid: number | undefined): number | undefined {
  let current = pid;
  while (current !== undefined) {
    let children: string[];
    try {
      children = readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').split(' ').filter(Boolean);
    } catch {
      return current;
    }
    if (children.length === 0) return current;
    current = Number(children[0]);
  }
  return current;
}

type SandboxMessage =
  | ({ type: 'status' } & SandboxStatus)
  | { type: 'result'; id: number; result: RawRun }
  | { type: 'snapshot'; base64: string }
  | { type: 'fatal'; message: string };
