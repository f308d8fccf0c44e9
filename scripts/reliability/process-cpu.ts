// CPU seconds used by the processes of a load run (Linux /proc): the API, its children (the
// grader sandbox) and the PostgreSQL backends serving its database, so a run can tell where the
// machine's CPU went. Off Linux every figure is undefined.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat { pid: number; ppid: number; cpuSeconds: number }

function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    return { pid, ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone meanwhile
  }
}

function pids(): number[] {
  try {
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

export interface CpuFigures { api: number; sandbox: number; postgres: number; loadClient: number }

/**
 * Samples once a second while a load runs: PostgreSQL backends come and go with the pool, so the
 * last reading of each one is kept. `stop()` returns the CPU seconds spent since `start`.
 */
export function watchCpu(apiPid: number | undefined, database: string | undefined): { stop(): CpuFigures | undefined } {
  if (apiPid === undefined || !stat(apiPid)) return { stop: () => undefined };
  const start = new Map<number, number>();
  const last = new Map<number, number>();
  const backends = new Set<number>();
  const client0 = process.cpuUsage();
  let initial = true;
  // The grader sandbox is a grandchild (bubblewrap, then node): every descendant of the API counts.
  const descendants = new Set<number>([apiPid]);
  const sample = () => {
    const all = pids().map(stat).filter((s): s is ProcStat => s !== undefined);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of all) {
        if (!descendants.has(s.ppid) || descendants.has(s.pid)) continue;
        descendants.add(s.pid);
        grew = true;
      }
    }
    for (const s of all) {
      const pid = s.pid;
      const isBackend = database !== undefined && (backends.has(pid) || (s.pid !== apiPid && commandLine(pid).startsWith(`postgres: `) && commandLine(pid).includes(` ${database} `)));
      if (!descendants.has(pid) && !isBackend) continue;
      if (isBackend) backends.add(pid);
      // A process first seen after the start began meanwhile: all of its CPU counts.
      if (!start.has(pid)) start.set(pid, initial ? s.cpuSeconds : 0);
      last.set(pid, s.cpuSeconds);
    }
  };
  sample();
  initial = false;
  const timer = setInterval(sample, 1000).unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const used = (pid: number) => (last.get(pid) ?? 0) - (start.get(pid) ?? 0);
      const round = (x: number) => Math.round(x * 10) / 10;
      const sum = (select: (pid: number) => boolean) => round([...last.keys()].filter(select).reduce((n, pid) => n + used(pid), 0));
      const client = process.cpuUsage(client0);
      return {
        api: sum((pid) => pid === apiPid),
        sandbox: sum((pid) => pid !== apiPid && !backends.has(pid)),
        postgres: sum((pid) => backends.has(pid)),
        loadClient: round((client.user + client.system) / 1e6),
      };
    },
  };
}
