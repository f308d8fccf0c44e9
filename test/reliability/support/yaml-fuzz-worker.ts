// Runs in a child process (node --import tsx) so the parent can kill it if the loader hangs.
// Prints one JSON line: { runs, failures: string[], slowestMs, cases: [...] } (times are CPU ms).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parseFileText } from '../../../libs/quiz-spec/src/index.js';
import { adversarialDocuments } from './yaml-adversaries.js';

const RUNS = Number(process.argv[2] ?? 150);
const PER_DOC_MS = 2_000;
const failures: string[] = [];
const cases: { name: string; runs: number; failures: number; slowestMs: number }[] = [];

/** CPU milliseconds since `start`: wall time on a shared 2-core machine mostly measures the neighbours. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The property: no throw, bounded CPU time, and a failed load names a line, a column and a reason. */
function check(name: string, text: string): number {
  const started = process.cpuUsage();
  try {
    const result = parseFileText('fuzz/case.yaml', text);
    const ms = cpuMsSince(started);
    if (ms > PER_DOC_MS) failures.push(`${name}: took ${Math.round(ms)} ms of CPU`);
    if (!result.ok) {
      const bad = result.errors.length === 0 || result.errors.some((e) => !(e.line >= 1 && e.column >= 1 && e.message.trim() && e.file === 'fuzz/case.yaml'));
      if (bad) failures.push(`${name}: unlocated error ${JSON.stringify(result.errors).slice(0, 300)}`);
    }
    return ms;
  } catch (error) {
    failures.push(`${name}: threw ${(error as Error).stack?.slice(0, 300)}`);
    return cpuMsSince(started);
  }
}

function trial(name: string, docs: string[]): void {
  const before = failures.length;
  const slowestMs = Math.max(0, ...docs.map((text) => check(name, text)));
  cases.push({ name, runs: docs.length, failures: failures.length - before, slowestMs: Math.round(slowestMs) });
}

const folder = join(process.cwd(), 'exercises', 'closures');
const seeds = readdirSync(folder).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(folder, f), 'utf8'));

for (const [name, text] of Object.entries(adversarialDocuments())) trial(name, [text]);

const textEdits = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 }));
trial('real exercises with random text edits (cut, insert)', fc.sample(textEdits, { numRuns: RUNS, seed: 8 }).map(([seed, edits]) =>
  edits.reduce((text, [at, cut, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut), seed),
));

/** Replaces the value at a random path of a real exercise with an arbitrary JSON value. */
function retype(data: unknown, picks: number[], value: unknown): unknown {
  if (picks.length === 0 || data === null || typeof data !== 'object') return value;
  const keys = Object.keys(data);
  if (keys.length === 0) return value;
  const key = keys[picks[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(data) ? [...data] as unknown as Record<string, unknown> : { ...(data as object) };
  copy[key] = retype((data as Record<string, unknown>)[key], picks.slice(1), value);
  return copy;
}
const wrongTypes = fc.tuple(fc.constantFrom(...seeds.map((s) => parse(s) as unknown)), fc.array(fc.nat(), { maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }));
trial('real exercises with one field of a wrong type', fc.sample(wrongTypes, { numRuns: RUNS, seed: 8 }).map(([data, picks, value]) => stringify(retype(data, picks, value))));
trial('arbitrary unicode text', fc.sample(fc.string({ unit: 'binary', maxLength: 400 }), { numRuns: RUNS, seed: 8 }));
trial('arbitrary YAML-ish token soup', fc.sample(fc.array(fc.constantFrom('- ', ': ', '&a ', '*a ', '{', '}', '[', ']', '\n', '  ', '"', "'", '|', '>', '!!str ', '? ', '<<: ', '#', 'kind', 'quiz', 'id', 'x/y'), { maxLength: 120 }).map((t) => t.join('')), { numRuns: RUNS, seed: 8 }));

const slowestMs = Math.max(...cases.map((c) => c.slowestMs));
console.log(JSON.stringify({ runs: cases.reduce((n, c) => n + c.runs, 0), failures, slowestMs, cases }));
