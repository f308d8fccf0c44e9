/**
 * npm run bench:password -- [--logins 40] [--concurrency 10] [--scrypt-cost 15] [--bcrypt-cost 10]
 * What one login costs the event loop, before (bcryptjs, pure JavaScript on the main thread) and
 * after (node:crypto scrypt in libuv's thread pool): the main thread's busy time per login
 * (event-loop utilization) and the delay a timer sees while the logins run
 * (perf_hooks.monitorEventLoopDelay), with `--concurrency` logins in flight at once. Prints JSON.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import { hashScrypt, scryptParams, verifyScrypt } from '../apps/api/src/auth/scrypt-hash.js';

const PASSWORD = 'correct horse battery';

interface Figures {
  logins: number;
  wallMsPerLogin: number;
  eventLoopBusyMsPerLogin: number;
  /** CPU time of the main thread alone (Linux /proc, 10 ms ticks); busy time also counts waits for a core. */
  mainThreadCpuMsPerLogin: number | null;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

async function measure(logins: number, concurrency: number, verify: () => Promise<boolean>): Promise<Figures> {
  await verify(); // warm up (JIT, thread pool start)
  // Two passes: the delay monitor's 1 ms timer wakes the loop ~1,000 times a second, which would
  // count as busy time in the first pass's event-loop utilization.
  const elu = performance.eventLoopUtilization();
  const cpu = mainThreadCpuMs();
  const started = performance.now();
  await runLogins(logins, concurrency, verify);
  const wall = performance.now() - started;
  const busy = performance.eventLoopUtilization(elu);
  const cpuAfter = mainThreadCpuMs();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await runLogins(logins, concurrency, verify);
  delay.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    logins,
    wallMsPerLogin: round(wall / logins),
    eventLoopBusyMsPerLogin: round(busy.active / logins),
    mainThreadCpuMsPerLogin: cpu === null || cpuAfter === null ? null : round((cpuAfter - cpu) / logins),
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
}

async function runLogins(logins: number, concurrency: number, verify: () => Promise<boolean>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next++ < logins) if (!(await verify())) throw new Error('the right password was refused');
  };
  await Promise.all(Array.from({ length: concurrency }, runner));
}

const round = (value: number) => Math.round(value * 100) / 100;

/** utime + stime of the main thread (its task id is the pid), in ms; null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ = 100
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      logins: { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '10' },
      'scrypt-cost': { type: 'string', default: '15' },
      'bcrypt-cost': { type: 'string', default: '10' },
    },
  });
  const logins = Number(values.logins);
  const concurrency = Number(values.concurrency);
  const bcryptHash = await bcrypt.hash(PASSWORD, Number(values['bcrypt-cost']));
  const scryptHash = await hashScrypt(PASSWORD, scryptParams(Number(values['scrypt-cost'])));
  const before = await measure(logins, concurrency, () => bcrypt.compare(PASSWORD, bcryptHash));
  const after = await measure(logins, concurrency, () => verifyScrypt(PASSWORD, scryptHash));
  const machine = { cores: availableParallelism(), threadPool: Number(process.env.UV_THREADPOOL_SIZE ?? 4), loadAverage1m: round(loadavg()[0]!), node: process.version };
  const settings = { concurrency, bcryptCost: Number(values['bcrypt-cost']), scrypt: scryptParams(Number(values['scrypt-cost'])) };
  console.log(JSON.stringify({ machine, settings, before: { hasher: 'bcryptjs', ...before }, after: { hasher: 'node:crypto scrypt', ...after } }, null, 2));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
