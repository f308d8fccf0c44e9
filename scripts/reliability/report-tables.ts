// Turns the saved results (test-artifacts/reliability/*.json) into the tables of docs/reliability.md.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Row {
  trial: string;
  runs: number | string;
  failures: number | string;
  note?: string;
}

function read(dir: string, name: string): any {
  const file = join(dir, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

export function table(title: string, intro: string, rows: Row[]): string {
  if (rows.length === 0) return `## ${title}\n\n${intro}\n\n_Not run in this report._\n`;
  const escape = (text: unknown) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = rows.map((r) => `| ${escape(r.trial)} | ${escape(r.runs)} | ${escape(r.failures)} | ${escape(r.note)} |`);
  return `## ${title}\n\n${intro}\n\n| What was tried | Times | Failed / lost | Notes |\n|---|---|---|---|\n${lines.join('\n')}\n`;
}

/** Rows the Jest specs saved (access, dto-fuzz, limits, yaml-fuzz, grader-kill). */
export function specRows(dir: string, area: string): Row[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const rows = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return Array.isArray(rows) ? rows.filter((r: { area?: string }) => r.area === area) : [];
    });
}

/** Every saved load run: load.json from `npm run reliability`, load-<tag>.json from `npm run load -- --tag`. */
export function loadRows(dir: string): Row[] {
  const files = readdirSync(dir).filter((f) => /^load(-.+)?\.json$/.test(f)).sort();
  const runs = files.flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).runs as any[]);
  return runs.map((run: any) => ({
    trial: `${run.backend}: ${run.clients} concurrent clients (a new learner every 18 submissions), ${run.accepted} submissions (${JSON.stringify(run.byKind)})`,
    runs: run.accepted,
    failures: `lost ${run.lost}, 5xx ${run.responses5xx}`,
    note: `${run.acceptedPerSecond} submissions/s; submit p50 ${run.submitLatencyMs.p50} ms, p95 ${run.submitLatencyMs.p95} ms, p99 ${run.submitLatencyMs.p99} ms; ${run.seconds} s in all; network errors ${run.networkErrors}; statuses ${JSON.stringify(run.statuses)}`,
  }));
}

export function faultRows(dir: string): Row[] {
  const rows: Row[] = [...specRows(dir, 'faults')];
  for (const db of ['embedded', 'postgres']) {
    const kill = read(dir, `fault-api-kill-${db}`);
    if (!kill) continue;
    rows.push({
      trial: `API process SIGKILLed during load (${kill.backend}), restarted on the same data`,
      runs: kill.kills.length,
      failures: `lost ${kill.load.lost}, stuck ${kill.stuck}`,
      note: `${kill.load.accepted} accepted; stored ${JSON.stringify(kill.stored)}; recovered at boot ${kill.kills.map((k: any) => k.recovered).join(', ')}; back after ${kill.kills.map((k: any) => k.downMs).join(', ')} ms; 5xx ${kill.load.responses5xx}`,
    });
  }
  const pg = read(dir, 'fault-pg-restart');
  if (pg) {
    rows.push({
      trial: `private PostgreSQL stopped for ${pg.outageMs} ms during load, then started`,
      runs: `${pg.probes} probes`,
      failures: `500s ${pg.probe500 + (pg.load.statuses['500'] ?? 0)}, lost ${pg.load.lost}, stuck ${pg.stored.pending + pg.stored.grading}`,
      note: `probes ${JSON.stringify(pg.probeStatuses)}, ${pg.probe503WithRetryAfter} with Retry-After, slowest ${pg.slowestProbeMs} ms; recovered ${pg.recoveryMs} ms after the start; load statuses ${JSON.stringify(pg.load.statuses)}`,
    });
  }
  const ro = read(dir, 'fault-readonly-data');
  if (ro) {
    for (const [label, refusal] of [['fresh', ro.freshRefusal], ['used', ro.usedRefusal]] as const) {
      rows.push({
        trial: `embedded DATA_DIR read-only (${label} folder), API run as nobody`,
        runs: 1,
        failures: refusal.exit === 1 && refusal.oneLine ? 0 : 1,
        note: `${refusal.lines.filter((l: string) => l.startsWith('Cannot start')).join(' ')}`,
      });
    }
    rows.push({ trial: 'same used folder writable again: earlier graded submission still there', runs: 1, failures: ro.dataIntactAfterwards ? 0 : 1 });
  }
  return rows;
}
