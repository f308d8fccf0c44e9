import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding this repository's package.json, found by walking up from a module URL,
 * so the sandbox files are found alike from Jest (src/), tsx and the compiled dist/ tree.
 */
export function findRepoRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'libs', 'grader', 'sandbox'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${fromUrl}`);
    dir = parent;
  }
}

const ZONEINFO_DIR = '/usr/share/zoneinfo';

export interface SandboxPaths {
  root: string;
  sandboxDir: string;
  pyodideDir: string;
  pyodideVersion: string;
  /** Where the interpreter memory snapshot is cached between runs (made by the sandbox). */
  snapshotCacheDir: string;
  snapshotFile: string;
  /**
   * The host's IANA time zone database (Debian's tzdata), read-only public data: copied into each
   * interpreter where CPython's zoneinfo looks for it. Absent on the host, absent in the sandbox.
   */
  zoneinfoDir: string;
}

export function sandboxPaths(root: string = findRepoRoot()): SandboxPaths {
  // Real paths: Node's permission model checks the resolved path of every file it opens, and the
  // outer wall binds these directories into the sandbox's view (node_modules may be a symlink).
  const modules = realpathSync(join(root, 'node_modules'));
  const pyodideDir = join(modules, 'pyodide');
  const manifest = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8')) as { version: string };
  const sandboxDir = realpathSync(join(root, 'libs', 'grader', 'sandbox'));
  // The snapshot depends on Pyodide, on what the worker preloads and on how the standard library
  // is compiled and packed with it: all are in the key.
  const key = createHash('sha256').update(manifest.version)
    .update(readFileSync(join(sandboxDir, 'python-worker.mjs')))
    .update(readFileSync(join(sandboxDir, 'compiled-stdlib.mjs'))).digest('hex').slice(0, 16);
  const snapshotCacheDir = join(modules, '.cache', 'pyquiz-grader');
  return { root, sandboxDir, pyodideDir, pyodideVersion: manifest.version, snapshotCacheDir,
    snapshotFile: join(snapshotCacheDir, `snapshot-${manifest.version}-${key}.bin`), zoneinfoDir: ZONEINFO_DIR };
}
