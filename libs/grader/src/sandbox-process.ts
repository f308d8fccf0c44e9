import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
 * Starts `node nodeArgs` inside the OS walls with an empty environment. The IPC channel is fd 3
 * and NODE_CHANNEL_FD in the environment: setpriv, unshare and bwrap pass both through.
 */
export function spawnConfined(walls: OsWalls, nodeArgs: string[]): ChildProcess {
  const [file, ...args] = walls.argv(nodeArgs);
  return spawn(file!, args, {
    env: {},
    // JSON: about half the CPU per message of 'advanced' for these small plain messages.
    serialization: 'json',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

/** The sandbox child process: Node's permission model inside the OS walls. */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private exited = false;

  constructor(paths: SandboxPaths, walls: OsWalls, size: number, isolation: Isolation, private readonly events: SandboxEvents) {
    this.child = spawnConfined(walls, [...sandboxExecArgv(paths), join(paths.sandboxDir, 'sandbox-main.mjs')]);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child.on('message', (message: SandboxMessage) => this.onMessage(message));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.events.onExit(`sandbox exited (code ${code}, signal ${signal}) ${this.stderr.trim()}`);
    });
    this.child.send({ type: 'init', config: { size, isolation, pyodideDir: paths.pyodideDir, snapshotPath: paths.snapshotFile, zoneinfoDir: paths.zoneinfoDir } });
  }

  /** The sandbox's node process as the host sees it (below bwrap's own processes, if any). */
  get pid(): number | undefined {
    return innermostPid(this.child.pid);
  }

  grade(id: number, job: GradingJob): void {
    this.child.send({ type: 'grade', id, job });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private onMessage(message: SandboxMessage): void {
    if (message.type === 'status') this.events.onStatus(message);
    else if (message.type === 'result') this.events.onResult(message.id, message.result);
    else if (message.type === 'snapshot') this.events.onSnapshot(Buffer.from(message.base64, 'base64'));
    else if (message.type === 'fatal') {
      this.stderr += message.message;
      this.kill();
    }
  }
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
