/**
 * npx tsx scripts/profile-summary.ts <file.cpuprofile> [--top 25] [--per 1000] [--from-ms 0]
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. `npm run load -- --cpu-prof <dir>`):
 * self time by package (node_modules/<pkg>), by file of our own code, and the top functions;
 * with `--per N`, each figure is also given per unit of work (N submissions): ms per submission.
 * Idle time (the event loop waiting) is listed apart from the rest so the busy share is visible.
 * `--from-ms`: samples before this many ms after the profile's start are left out (the boot:
 * module loading and migrations; `npm run load` prints when its load began).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, per: { type: 'string' }, 'from-ms': { type: 'string', default: '0' } } });
if (positionals.length !== 1) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top 25] [--per 1000]');
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const per = values.per ? Number(values.per) : undefined;

/** Where a frame's code lives: a package, a file of ours, Node itself, or a V8 pseudo-frame. */
function owner(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours = /\/dist\/(.+)$/.exec(url);
  return ours ? ours[1]! : url;
}

const fromMs = Number(values['from-ms']);
const selfMs = new Map<number, number>();
let atMs = 0;
profile.samples.forEach((id, i) => {
  const deltaMs = (profile.timeDeltas[i] ?? 0) / 1000;
  atMs += deltaMs;
  if (atMs >= fromMs) selfMs.set(id, (selfMs.get(id) ?? 0) + deltaMs);
});
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)!.callFrame;
  const who = owner(frame);
  byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
  const name = `${frame.functionName || '(anonymous)'} ${who}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
}

/** Layers of the request path, by package (first match wins); the rest is `other`. */
const LAYERS: [string, RegExp][] = [
  ['embedded database (PGlite: wasm engine + its JS)', /^(wasm:|@electric-sql\/pglite|pglite-prisma-adapter)/],
  ['Prisma client (query building, results)', /^@prisma\//],
  ['pg driver (PostgreSQL wire protocol)', /^(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  ['HTTP (node:http, express, router, body parsing, helmet)', /^(node:_http|node:http|express|router|body-parser|raw-body|type-is|helmet|cookie-parser|on-finished|finalhandler|send|content-type|qs)/],
  ['NestJS (routing, guards, pipes, interceptors)', /^@nestjs\/(core|common|platform-express)/],
  ['validation (class-validator, class-transformer)', /^class-(validator|transformer)/],
  ['auth (JWT verify)', /^(jws|jwa|jsonwebtoken|@nestjs\/jwt|buffer-equal|safe-buffer)/],
  ['logging (pino, pino-http)', /^(pino|pino-http|sonic-boom|thread-stream)/],
  ['rate limiting', /^rate-limiter-flexible/],
  ['our code (apps/, libs/)', /^(apps|libs)\//],
  ['garbage collector', /^\(garbage collector\)$/],
  ['syscalls and other native code (socket writes, fstat)', /^\((native|program)\)$/],
  ['Node internals (streams, events, timers, buffers)', /^node:/],
];
const byLayer = new Map<string, number>();
for (const [who, ms] of byOwner) {
  if (who === '(idle)') continue;
  const layer = LAYERS.find(([, pattern]) => pattern.test(who))?.[0] ?? 'other';
  byLayer.set(layer, (byLayer.get(layer) ?? 0) + ms);
}

const totalMs = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
const idleMs = byOwner.get('(idle)') ?? 0;
const busyMs = totalMs - idleMs;
const round = (x: number) => Math.round(x * 10) / 10;
const row = (name: string, ms: number) => {
  const share = `${round((ms / busyMs) * 100)}%`.padStart(6);
  const perUnit = per ? `  ${(ms / per).toFixed(3)} ms/unit` : '';
  return `${String(round(ms)).padStart(9)} ms ${share}${perUnit}  ${name}`;
};
const top = Number(values.top);
const sorted = (map: Map<string, number>) => [...map].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]);

console.log(`profile ${round(totalMs)} ms, idle ${round(idleMs)} ms, busy ${round(busyMs)} ms${per ? ` (${(busyMs / per).toFixed(2)} ms per unit of ${per})` : ''}`);
console.log('\nself time by layer (share of busy time):');
for (const [name, ms] of sorted(byLayer)) console.log(row(name, ms));
console.log('\nself time by package / file (share of busy time):');
for (const [name, ms] of sorted(byOwner).slice(0, top)) console.log(row(name, ms));
console.log('\ntop functions by self time:');
for (const [name, ms] of sorted(byFunction).slice(0, top)) console.log(row(name, ms));
