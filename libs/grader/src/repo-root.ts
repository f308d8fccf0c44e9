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

export interface SandboxPaths {
  root: string;
  sandboxDir: string;
  pyodideDir: string;
  pyodideVersion: string;
  /** Where the interpreter memory snapshot is cached between runs (made by the sandbox). */
  snapshotCacheDir: string;
  snapshotFile: string;
}

export function sandboxPaths(root: string = findRepoRoot()): SandboxPaths {
  // The real path: the sandbox's permission model refuses to resolve a symlink on the way (a git
  // worktree whose node_modules links to another checkout), and the ESM loader resolves them.
  const pyodideDir = realpathSync(join(root, 'node_modules', 'pyodide'));
  const manifest = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8')) as { version: string };
  const sandboxDir = join(root, 'libs', 'grader', 'sandbox');
  // The snapshot depends on Pyodide and on what the worker preloads: both are in the key.
  const key = createHash('sha256').update(manifest.version)
    .update(readFileSync(join(sandboxDir, 'python-worker.mjs'))).digest('hex').slice(0, 16);
  const snapshotCacheDir = join(root, 'node_modules', '.cache', 'pyquiz-grader');
  return { root, sandboxDir, pyodideDir, pyodideVersion: manifest.version, snapshotCacheDir,
    snapshotFile: join(snapshotCacheDir, `snapshot-${manifest.version}-${key}.bin`) };
}
