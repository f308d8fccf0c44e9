import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';

/** Held in this process, so a second opener in the same process is refused too. */
const heldHere = new Set<string>();

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/**
 * PGlite serves one connection and two processes on one data folder would corrupt it, so the
 * folder gets a lock file holding our pid. A lock whose pid is no longer running (a crash,
 * `kill -9`) is stale and taken over; a live one stops start-up with a readable line.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  ensureWritableDir(dataDir);
  const path = join(dataDir, 'pglite.lock');
  if (heldHere.has(path)) {
    throw new DatabaseStartupError(`DATA_DIR ${dataDir} is already open in this process`);
  }
  if (!tryCreate(path)) {
    const holder = readHolder(path);
    if (holder && isAlive(holder.pid) && holder.host === hostname()) {
      throw new DatabaseStartupError(
        `DATA_DIR ${dataDir} is in use by another running instance (pid ${holder.pid}); stop it or set another DATA_DIR`,
      );
    }
    rmSync(path, { force: true });
    if (!tryCreate(path)) {
      throw new DatabaseStartupError(`DATA_DIR ${dataDir} was locked by another instance while starting`);
    }
  }
  heldHere.add(path);
  return {
    path,
    release() {
      if (heldHere.delete(path)) rmSync(path, { force: true });
    },
  };
}

function ensureWritableDir(dataDir: string): void {
  try {
    makeDirs(dataDir);
    const probe = join(dataDir, `.write-test-${process.pid}`);
    closeSync(openSync(probe, 'w'));
    rmSync(probe);
  } catch (error) {
    throw new DatabaseStartupError(`DATA_DIR ${dataDir} is not writable: ${firstLine(error)}`, { cause: error });
  }
}

/**
 * `mkdir -p` one level at a time: Node's own `recursive: true` spins forever on some virtual file
 * systems (`/proc/x` answers ENOENT, it retries the existing parent, and so on).
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}

/** Exclusive create: only one process can win it. False when the file already exists. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new DatabaseStartupError(`Cannot create lock file ${path}: ${firstLine(error)}`, { cause: error });
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  } catch (error) {
    // e.g. ENOSPC on a full disk: an empty lock file would be taken for stale anyway, but go tidy
    closeSync(fd);
    rmSync(path, { force: true });
    const reason = (error as NodeJS.ErrnoException).code === 'ENOSPC'
      ? `DATA_DIR ${dirname(path)} has no space left on device (ENOSPC): cannot write ${path}`
      : `Cannot write lock file ${path}: ${firstLine(error)}`;
    throw new DatabaseStartupError(reason, { cause: error });
  }
  closeSync(fd);
  return true;
}

function readHolder(path: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

function isAlive(pid: number): boolean {
  // Our own pid in a stale file happens when a container restarts (the app is pid 1 again);
  // locks this process really holds are tracked in `heldHere`.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
