import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GraderPool } from './libs/grader/src/grader-pool.js';
import { DEFAULT_LIMITS } from './libs/grader/src/types.js';
const fx = parse(readFileSync(process.argv[2]!, 'utf8'));
const pool = await GraderPool.start({ size: 1 });
for (const [name, code] of Object.entries(fx.honest as Record<string, string>)) {
  const job = { source: code, moduleName: 'solution', testModule: fx.test_module, limits: { ...DEFAULT_LIMITS, timeMsPerTest: 10000, timeMsTotal: 60000 },
    tests: fx.tests.map((t: any) => ({ points: 1, visibility: 'visible', tags: [], ...t, kind: ('expr' in t || 'call' in t) ? 'case' : 'module' })) };
  const t0 = performance.now();
  const r = await pool.grade(job as any);
  console.log(name, Math.round(performance.now() - t0), 'ms', r.tests.map((t) => `${t.name}=${t.status}`).join(' '));
  if (process.argv[3]) for (const t of r.tests) console.log('  ', t.name, JSON.stringify(t.message).slice(0, 600));
}
await pool.close();
