import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Housekeeping of the interpreter snapshot cache (node_modules/.cache/pyquiz-grader). Every change
 * to the worker or to Pyodide makes a snapshot under a new key (~50 MB each), and nothing removed
 * the old ones: a developer's checkout, or a server updated in place, filled its disk with them.
 * A snapshot is kept while it is the current one or was used within `maxAgeMs` (a pool starting
 * on it marks it used); other snapshots, and partial writes a crash left, are removed.
 */
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const SNAPSHOT = /^snapshot-.+\.bin$/;
const PARTIAL = /^snapshot-.+\.bin\.\d+\.tmp$/;

/** Marks the current snapshot as in use (its modification time), when it exists. */
export async function markSnapshotUsed(snapshotFile: string, now = new Date()): Promise<void> {
  await utimes(snapshotFile, now, now).catch(() => undefined);
}

/** Removes the cache's snapshots other than `snapshotFile` that were not used within `maxAgeMs`;
 * returns the names removed. Errors (a read-only cache, a file removed meanwhile) are ignored. */
export async function pruneSnapshotCache(snapshotFile: string, maxAgeMs = SNAPSHOT_MAX_AGE_MS, now = Date.now()): Promise<string[]> {
  const dir = dirname(snapshotFile);
  const current = basename(snapshotFile);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (name === current || !(SNAPSHOT.test(name) || PARTIAL.test(name))) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info || now - info.mtimeMs < maxAgeMs) continue;
    if (await unlink(file).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
