// Run by os-walls.spec.ts as a user of its own (uid 65533 when the spec is root: a server that is
// not root, whose sandboxes keep its uid), so that no other process of the machine shares the
// task count it caps. For each number of tasks left free to that user, what detectWalls chose:
// the read-only view, another wall, or the error it threw. Argument: the numbers, as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { detectWalls } from '../src/walls-detect.js';

const uid = String(process.getuid!());

/** Processes and threads of this user now, as RLIMIT_NPROC counts them (by real uid). */
function tasks(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^Uid:\s+(\d+)/m.exec(status)?.[1] === uid) sum += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]);
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

const outcomes: string[] = [];
for (const free of JSON.parse(process.argv[2]!) as number[]) {
  try {
    const found = await detectWalls(undefined, [{ tool: 'unshare', blockUserNamespaces: true, view: true }, { tool: 'unshare', blockUserNamespaces: false }],
      tasks() + free, 8000);
    outcomes.push(`${free}: ${found.description.tool} ${found.description.filesystem}`);
  } catch (error) {
    outcomes.push(`${free}: ${String(error).slice(0, 400)}`);
  }
}
console.log(JSON.stringify(outcomes));
