// Where the scripts leave their figures for `npm run reliability` (docs/reliability.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RESULTS_DIR = resolve(process.env.RELIABILITY_RESULTS ?? 'test-artifacts/reliability');

export function saveResult(name: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
