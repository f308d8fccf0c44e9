/**
 * The grader's worker (libs/grader/sandbox/python-worker.mjs of `tree`) in a thread of this
 * process, outside the sandbox process and its walls, for the development tools beside it
 * (profile.ts, micro.ts): the same interpreter, harness and memory reset, booted from
 * `snapshotFile`. `next(type)` waits for the worker's next message of that type.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { sandboxPaths } from '../../libs/grader/src/repo-root.js';

/**
 * The snapshot of the worker as committed, under the key repo-root.ts gives it: the
 * instrument patch changes the worker's file, not what it preloads, so the patched file's own key
 * names no snapshot (`--snapshot <file>` names another: a scratch tree without git).
 */
export function committedSnapshotFile(tree: string, paths: ReturnType<typeof sandboxPaths>): string {
  const hash = createHash('sha256').update(paths.pyodideVersion);
  for (const file of ['python-worker.mjs', 'compiled-stdlib.mjs']) {
    hash.update(execFileSync('git', ['show', `HEAD:libs/grader/sandbox/${file}`], { cwd: tree }));
  }
  return join(paths.snapshotCacheDir, `snapshot-${paths.pyodideVersion}-${hash.digest('hex').slice(0, 16)}.bin`);
}

export type WorkerMessage = {
  type: string;
  text?: string;
  phases?: Record<string, number>;
  py?: unknown;
  doneAt?: number;
};

export async function startWorkerThread(tree: string, paths: ReturnType<typeof sandboxPaths>, snapshotFile: string,
  profile: string): Promise<{ worker: Worker; next: (type: string) => Promise<WorkerMessage> }> {
  const bytes = readFileSync(snapshotFile);
  const snapshot = new SharedArrayBuffer(bytes.length);
  new Uint8Array(snapshot).set(bytes);
  const { createProgressBuffer } = await import(join(tree, 'libs/grader/sandbox/progress.mjs'));
  const worker = new Worker(join(tree, 'libs/grader/sandbox/python-worker.mjs'), { workerData: {
    mode: 'grade', isolation: 'reset', pyodideDir: paths.pyodideDir, pyDir: join(tree, 'libs/grader/sandbox/py'),
    zoneinfoDir: paths.zoneinfoDir, snapshot, interruptBuffer: new SharedArrayBuffer(4),
    progressBuffer: createProgressBuffer(), profile } });
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  worker.on('message', (m: WorkerMessage) => { inbox.push(m); wake?.(); });
  worker.on('error', (e) => { console.error(e); process.exit(1); });
  const next = (type: string) => new Promise<WorkerMessage>((resolve) => {
    const check = () => {
      const i = inbox.findIndex((m) => m.type === type);
      if (i < 0) { wake = check; return; }
      wake = null;
      resolve(inbox.splice(i, 1)[0]!);
    };
    check();
  });
  return { worker, next };
}
