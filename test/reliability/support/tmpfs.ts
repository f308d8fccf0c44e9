import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small RAM disk of our own, so "the disk is full" is real without filling the machine's disk. */
export interface Tmpfs {
  dir: string;
  /** Bytes still free. */
  free(): number;
  /** Takes all the space but `leaveBytes` with a filler file (fallocate: instant, really allocated). */
  fill(leaveBytes: number): void;
  /** Deletes the filler files. */
  release(): void;
  /** Unmounts (lazily if something still holds a file) and removes the mount point. Safe twice. */
  unmount(): void;
}

export type MountResult = { mounted: true; tmpfs: Tmpfs } | { mounted: false; reason: string };

const output = (error: unknown) => String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();

/** Mounts a tmpfs of `size` (e.g. '128m'), or says why it cannot (not Linux, not root, refused). */
export function mountTmpfs(prefix: string, size: string): MountResult {
  if (process.platform !== 'linux') return { mounted: false, reason: `mounting a tmpfs needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { mounted: false, reason: `mounting a tmpfs needs root (running as uid ${process.getuid?.()})` };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { mounted: false, reason: `mount -t tmpfs refused: ${output(error)}` };
  }
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' }); // busy: detach now, freed when let go
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Jest may end the process without afterAll (a crash, a timeout): never leave the mount behind.
  process.once('exit', unmount);
  const tmpfs: Tmpfs = {
    dir,
    free: () => freeBytes(dir),
    fill: (leaveBytes) => fillDisk(dir, leaveBytes),
    release: () => releaseDisk(dir),
    unmount,
  };
  return { mounted: true, tmpfs };
}

export function freeBytes(dir: string): number {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}

/** Takes all of `dir`'s file system but `leaveBytes` with a new filler file in `dir`. */
export function fillDisk(dir: string, leaveBytes: number): void {
  const size = freeBytes(dir) - leaveBytes;
  if (size > 0) execFileSync('fallocate', ['-l', String(size), join(dir, `filler-${process.pid}-${Date.now()}`)], { stdio: 'pipe' });
}

/** Deletes the filler files `fillDisk` left in `dir`. */
export function releaseDisk(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('filler-')) rmSync(join(dir, name));
}
