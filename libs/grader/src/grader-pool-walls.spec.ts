import { readFileSync } from 'node:fs';
import { GraderPool } from './grader-pool.js';
import { DEFAULT_LIMITS, type GradingJob } from './types.js';
import { detectWalls } from './walls-detect.js';
import { WallsMissingError } from './walls-report.js';

// The real pool inside the OS walls: it grades as before, says which walls it has, and refuses
// to start without them when asked to.
const walls = await detectWalls();
const cannot = walls.description.tool === 'bwrap' ? null : `this machine cannot provide the walls (${walls.description.fallbacks.join('; ')})`;
if (cannot && process.env.CI === 'true') throw new Error(`CI must grade inside the walls: ${cannot}`);
if (cannot) console.warn(`grader-pool-walls.spec SKIPPED: ${cannot}`);
const describeWalled = cannot ? describe.skip : describe;

function job(source: string): GradingJob {
  return {
    source, moduleName: 'solution', limits: { ...DEFAULT_LIMITS, timeMsPerTest: 1500, timeMsTotal: 8000 },
    tests: [2, 5].map((n) => ({ kind: 'case' as const, name: `double(${n})`, expr: `double(${n})`, expected: 2 * n, points: 1, visibility: 'visible' as const, tags: [] })),
  };
}

const status = (pid: number, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]?.trim();

describeWalled('GraderPool inside the OS walls', () => {
  let pool: GraderPool;

  beforeAll(async () => {
    pool = await GraderPool.start({ size: 1, requireWalls: true });
  }, 120000);

  afterAll(async () => {
    await pool?.close();
  });

  it('reports its walls in health()', () => {
    expect(pool.health().walls).toEqual({
      tool: 'bwrap', network: 'none', user: process.getuid!() === 0 ? 'nobody' : 'same as server',
      uid: process.getuid!() === 0 ? 65534 : process.getuid!(), filesystem: 'read-only view', processes: 'hidden', maxTasks: 1024,
      noNewPrivileges: true, nestedUserNamespaces: 'blocked', fallbacks: [],
    });
  });

  it('grades a right and a wrong submission as before', async () => {
    const right = await pool.grade(job('def double(x):\n    return 2 * x\n'));
    const wrong = await pool.grade(job('def double(x):\n    return x + 2\n'));
    expect([right.status, right.score]).toEqual(['pass', 1]);
    expect(wrong.tests.map((t) => t.status)).toEqual(['pass', 'fail']);
  });

  it('runs its sandbox as the walls say, with Node\'s permission model still inside', () => {
    const pid = pool.stats().sandboxPid!;
    expect(status(pid, 'Name')).toBe('node');
    expect(status(pid, 'Uid')?.split(/\s+/)[0]).toBe(String(pool.health().walls.uid));
    expect(status(pid, 'NoNewPrivs')).toBe('1');
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--experimental-permission');
  });
});

// Without bubblewrap: unshare with a read-only view (the first choice), or hiding /tmp, /run,
// /dev and the host's processes. Pyodide must run in both (no /dev, no writable /tmp).
const viewed = await detectWalls(undefined, [{ tool: 'unshare', blockUserNamespaces: true, view: true }]);
const hiding = await detectWalls(undefined, [{ tool: 'unshare', blockUserNamespaces: true, hideHost: true }]);
describe.each([
  { label: 'with a read-only view (requireWalls accepts it)', walls: viewed, filesystem: 'read-only view' },
  { label: 'hiding the host', walls: hiding, filesystem: 'host, private /tmp /run /dev' },
])('GraderPool inside the unshare fallback $label', ({ walls: unshared, filesystem }) => {
  (unshared.description.tool === 'unshare' ? it : it.skip)('grades a right and a wrong submission, its sandbox unprivileged in a pid namespace of its own', async () => {
    const pool = await GraderPool.start({ size: 1, walls: unshared, requireWalls: filesystem === 'read-only view' });
    try {
      const right = await pool.grade(job('def double(x):\n    return 2 * x\n'));
      const wrong = await pool.grade(job('def double(x):\n    return x + 2\n'));
      expect([right.status, right.score]).toEqual(['pass', 1]);
      expect(wrong.tests.map((t) => t.status)).toEqual(['pass', 'fail']);
      expect(pool.health().walls.filesystem).toBe(filesystem);
      const pid = pool.stats().sandboxPid!;
      expect(status(pid, 'Name')).toBe('node');
      expect(status(pid, 'NSpid')?.split(/\s+/)).toEqual([String(pid), '1']); // pid 1 of its own namespace
      expect(status(pid, 'Uid')?.split(/\s+/)[0]).toBe(String(unshared.description.uid));
      expect(status(pid, 'CapEff')).toBe('0000000000000000');
      // A session of its own (field 6 of stat, after the name in parentheses): not the server's
      const session = (p: number | string) => readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[3];
      expect(session(pid)).not.toBe(session('self'));
    } finally {
      await pool.close();
    }
  }, 120000);
});

describe('GraderPool with GRADER_REQUIRE_WALLS', () => {
  it('refuses to start without walls, naming what is missing', async () => {
    const none = await detectWalls(undefined, []); // no candidate: the walls of a machine without any
    const start = GraderPool.start({ size: 1, walls: none, requireWalls: true });
    await expect(start).rejects.toThrow(WallsMissingError);
    await expect(start).rejects.toThrow(/lacks network isolation, .*a read-only file view, no-new-privileges/);
  });
});
