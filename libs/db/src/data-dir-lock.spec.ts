import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.js';
import { DatabaseStartupError } from './database-startup.error.js';

describe(acquireDataDirLock.name, () => {
  let dir: string;
  let holder: ChildProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyquiz-lock-'));
  });
  afterEach(() => {
    holder?.kill();
    holder = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const writeLock = (pid: number) =>
    writeFileSync(join(dir, 'pglite.lock'), JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() }));

  it('takes a free folder and frees it on release', () => {
    const lock = acquireDataDirLock(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second opener in the same process', () => {
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/already open in this process/);
    lock.release();
  });

  it('refuses a folder held by another running process, naming its pid', () => {
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    writeLock(holder.pid!);
    expect(() => acquireDataDirLock(dir)).toThrow(
      new DatabaseStartupError(
        `DATA_DIR ${dir} is in use by another running instance (pid ${holder.pid}); stop it or set another DATA_DIR`,
      ),
    );
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    writeLock(dead.pid!);
    const lock = acquireDataDirLock(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
  });

  it('names a DATA_DIR that cannot be written', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => acquireDataDirLock(join(file, 'data'))).toThrow(
      new RegExp(`^DATA_DIR ${file}/data is not writable: ENOTDIR`),
    );
  });
});
