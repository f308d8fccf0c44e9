// npm run reliability -- [--reuse] [--load-submissions 1000] [--load-clients 50]
// (--load-submissions 0 keeps the last load figures instead of running the load again)
// Runs the reliability specs (Jest) and the fault and load scripts, then writes
// docs/reliability.md from their saved figures. --reuse only re-renders the saved figures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { faultRows, loadRows, specRows, table } from './report-tables.js';
import { RESULTS_DIR } from './results.js';

const { values } = parseArgs({
  options: {
    reuse: { type: 'boolean', default: false },
    'load-submissions': { type: 'string', default: '1000' },
    'load-clients': { type: 'string', default: '50' },
  },
});

const env = { ...process.env, RELIABILITY_RESULTS: RESULTS_DIR };
const failures: string[] = [];

function step(label: string, command: string, args: string[]): void {
  console.log(`\n>>> ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) failures.push(`${label} (exit ${result.status})`);
}

function runEverything(): void {
  const skipLoad = values['load-submissions'] === '0';
  mkdirSync(RESULTS_DIR, { recursive: true });
  // old figures go, except the load's when this run keeps it (--load-submissions 0)
  for (const file of readdirSync(RESULTS_DIR)) if (!(skipLoad && file.startsWith('load'))) rmSync(join(RESULTS_DIR, file), { force: true });
  step('build (API only)', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
  step('build aliases', 'npx', ['tsc-alias', '-p', 'tsconfig.build.json']);
  step('specs', process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', 'test/reliability']);
  step('fault: API killed (embedded)', 'npx', ['tsx', 'scripts/reliability/fault-api-kill.ts', '--db', 'embedded']);
  step('fault: API killed (PostgreSQL)', 'npx', ['tsx', 'scripts/reliability/fault-api-kill.ts', '--db', 'postgres']);
  step('fault: PostgreSQL restarted', 'npx', ['tsx', 'scripts/reliability/fault-postgres-restart.ts']);
  step('fault: read-only DATA_DIR', 'npx', ['tsx', 'scripts/reliability/fault-readonly-data.ts']);
  if (!skipLoad) step('load', 'npx', ['tsx', 'scripts/reliability/load.ts', '--db', 'both', '--clients', values['load-clients']!, '--submissions', values['load-submissions']!]);
}

function render(): string {
  const header = `# Reliability: measured, not claimed

Written by \`npm run reliability\` (scripts/reliability/generate-report.ts) on ${new Date().toISOString()} from the
figures in \`${RESULTS_DIR.replace(process.cwd() + '/', '')}/\`. Do not edit by hand: rerun it.
Machine: ${availableParallelism()} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' / ')} when written
(other engineers' test suites were running: latencies are those of a shared, busy machine), Node ${process.version}.

Rerun one area: \`npm test -- test/reliability\` (access, fuzzing, limits, grader kill),
\`npm run fault:api-kill -- --db embedded|postgres\`, \`npm run fault:pg-restart\`, \`npm run fault:readonly-data\`,
\`npm run load -- --db both --clients 50 --submissions 10000\` (needs \`npm run build\` first).
${failures.length > 0 ? `\n**Steps that failed in this run:** ${failures.join(', ')}\n` : ''}`;
  return [
    header,
    table('Access', 'Every route of `GET /docs-json` against anonymous, learner, instructor and admin (a route missing from test/reliability/access-policy.ts fails the test); security headers; CORS; login throttle and enumeration.', specRows(RESULTS_DIR, 'access')),
    table('Hostile input: DTO fuzzing', 'fast-check inputs (schema-shaped bodies with wrong types and sizes, arbitrary JSON, nasty strings, fuzzed path and query values) on every documented route, from a role allowed to call it. Failure = a 5xx or a 4xx without a message. Notes: status counts seen.', specRows(RESULTS_DIR, 'dto-fuzz')),
    table('Hostile input: size limits', 'Bodies and fields over their limits.', specRows(RESULTS_DIR, 'limits')),
    table('Hostile input: YAML loader', '`parseFileText` in a child process killed after 90 s. Failure = a throw, more than 2 s of CPU, or an error without file, line, column and message.', specRows(RESULTS_DIR, 'yaml-fuzz')),
    table('Faults', 'Lost = an accepted submission without a final verdict; stuck = a stored submission still pending or grading at the end.', faultRows(RESULTS_DIR)),
    table('Load', 'Concurrent learners on the real HTTP API (register, log in, open the quiz, start an attempt, submit; about 60% right, 20% wrong, 19% hostile, 1% endless loops). Lost = accepted but no final verdict after the drain.', loadRows(RESULTS_DIR)),
  ].join('\n');
}

if (!values.reuse) runEverything();
writeFileSync('docs/reliability.md', render());
console.log(`\ndocs/reliability.md written${failures.length ? `; failed steps: ${failures.join(', ')}` : ''}`);
if (failures.length > 0) process.exitCode = 1;
