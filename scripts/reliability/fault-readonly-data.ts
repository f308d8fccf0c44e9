// npm run fault:readonly-data
// The embedded database's folder (DATA_DIR) read-only for the API's user: start must fail with one
// clear line (no stack trace), and once writable again the data must be intact. Read-only is
// made real by running the API as `nobody` (we are root here, and root ignores file modes).
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_ENV } from './admin.js';
import { spawnApi, stopApi, waitHealthy } from './api-process.js';
import { Learner, newStats } from './learner-client.js';
import { saveResult } from './results.js';
import { RIGHT } from './sources.js';

const NOBODY = { uid: Number(execFileSync('id', ['-u', 'nobody']).toString()), gid: Number(execFileSync('id', ['-g', 'nobody']).toString()) };

/** Directories r-x and files r-- for everyone (or rwx/rw- for the owner only when `writable`). */
function setMode(path: string, writable: boolean): void {
  const isDir = statSync(path).isDirectory();
  chmodSync(path, isDir ? (writable ? 0o700 : 0o555) : writable ? 0o600 : 0o444);
  if (isDir) for (const entry of readdirSync(path)) setMode(join(path, entry), writable);
}

/** Starts the API as nobody on `dataDir` and expects it to refuse; returns its one-line reason. */
async function refusedStart(dataDir: string): Promise<{ exit: number | string; lines: string[]; oneLine: boolean; ms: number }> {
  const started = Date.now();
  const api = await spawnApi({ DATA_DIR: dataDir, ...ADMIN_ENV, SCRYPT_COST: '10', LOG_LEVEL: 'error' }, NOBODY);
  const timer = setTimeout(() => api.child.kill('SIGKILL'), 60_000);
  const exit = await api.exited;
  clearTimeout(timer);
  const lines = api.output().split('\n').filter((line) => line.trim());
  const reason = lines.filter((line) => line.startsWith('Cannot start'));
  return { exit, lines: lines.slice(-5), oneLine: reason.length === 1 && !/\n\s+at /.test(api.output()), ms: Date.now() - started };
}

async function main(): Promise<void> {
  const fresh = await mkdtemp(join(tmpdir(), 'pyquiz-ro-fresh-'));
  const used = await mkdtemp(join(tmpdir(), 'pyquiz-ro-used-'));
  try {
    // 1. a used database: a learner with a graded submission, then a clean stop
    let api = await spawnApi({ DATA_DIR: used, ...ADMIN_ENV, SCRYPT_COST: '10' });
    await waitHealthy(api);
    const learner = new Learner(api.baseUrl, newStats());
    if (!(await learner.begin())) throw new Error('learner could not start');
    const { id } = await learner.submit(RIGHT);
    if (!id) throw new Error('submission refused');
    for (let i = 0; i < 60 && (await learner.verdict(id)) !== 'graded'; i++) await new Promise((done) => setTimeout(done, 500));
    await stopApi(api);

    // 2. read-only: both a fresh and a used folder must refuse to start with one line
    setMode(fresh, false);
    setMode(used, false);
    const freshRefusal = await refusedStart(fresh);
    const usedRefusal = await refusedStart(used);

    // 3. writable again: the same data is there
    setMode(used, true);
    api = await spawnApi({ DATA_DIR: used, ...ADMIN_ENV, SCRYPT_COST: '10' }, { port: Number(new URL(api.baseUrl).port) });
    await waitHealthy(api);
    const intact = (await learner.verdict(id)) === 'graded';
    await stopApi(api);

    const result = { freshRefusal, usedRefusal, dataIntactAfterwards: intact };
    saveResult('fault-readonly-data', result);
    console.log(JSON.stringify(result, null, 2));
    const ok = [freshRefusal, usedRefusal].every((r) => r.exit === 1 && r.oneLine) && intact;
    if (!ok) process.exitCode = 1;
  } finally {
    setMode(fresh, true);
    setMode(used, true);
    await rm(fresh, { recursive: true, force: true });
    await rm(used, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
