import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markSnapshotUsed, pruneSnapshotCache, SNAPSHOT_MAX_AGE_MS } from './snapshot-cache.js';

describe('the snapshot cache keeps what is used and removes the rest', () => {
  let dir: string;
  const now = Date.now();
  const aged = async (name: string, ageMs: number) => {
    await writeFile(join(dir, name), 'x');
    const when = new Date(now - ageMs);
    await utimes(join(dir, name), when, when);
  };

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'pyquiz-snapcache-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('removes old snapshots of other keys and crashed partial writes, never the current one or other files', async () => {
    const day = SNAPSHOT_MAX_AGE_MS;
    await aged('snapshot-314.0.7-current.bin', 3 * day); // current, even when old
    await aged('snapshot-314.0.7-oldkey.bin', 2 * day);
    await aged('snapshot-314.0.6-otherversion.bin', day + 60_000);
    await aged('snapshot-314.0.7-recent.bin', 60_000); // another checkout's, used a minute ago
    await aged('snapshot-314.0.7-oldkey.bin.4242.tmp', 2 * day);
    await aged('snapshot-314.0.7-writing.bin.4343.tmp', 1000); // being written now
    await aged('notes.txt', 5 * day);

    const removed = await pruneSnapshotCache(join(dir, 'snapshot-314.0.7-current.bin'), SNAPSHOT_MAX_AGE_MS, now);

    expect(removed.sort()).toEqual(['snapshot-314.0.6-otherversion.bin', 'snapshot-314.0.7-oldkey.bin', 'snapshot-314.0.7-oldkey.bin.4242.tmp']);
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'snapshot-314.0.7-current.bin', 'snapshot-314.0.7-recent.bin',
      'snapshot-314.0.7-writing.bin.4343.tmp']);
  });

  it('a pool starting on a snapshot marks it used, so another checkout sharing the cache keeps it', async () => {
    await aged('snapshot-314.0.7-a.bin', 3 * SNAPSHOT_MAX_AGE_MS);
    await markSnapshotUsed(join(dir, 'snapshot-314.0.7-a.bin'), new Date(now));
    expect(await pruneSnapshotCache(join(dir, 'snapshot-314.0.7-b.bin'), SNAPSHOT_MAX_AGE_MS, now)).toEqual([]);
    expect(await readdir(dir)).toEqual(['snapshot-314.0.7-a.bin']);
  });

  it('a missing or unreadable cache is no error', async () => {
    await expect(pruneSnapshotCache(join(dir, 'absent', 'snapshot-x.bin'))).resolves.toEqual([]);
    await expect(markSnapshotUsed(join(dir, 'absent.bin'))).resolves.toBeUndefined();
  });
});
