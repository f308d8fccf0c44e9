import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of a docs/reliability.md table: what was tried, how often, what went wrong. */
export interface TrialRow {
  area: string;
  trial: string;
  runs: number;
  failures: number;
  note?: string;
}

/**
 * Saves rows for `npm run reliability`, which sets RELIABILITY_RESULTS to a folder; a plain
 * `npm test` writes nothing.
 */
export function recordTrials(name: string, rows: TrialRow[]): void {
  const folder = process.env.RELIABILITY_RESULTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(rows, null, 2));
}
