import type { GradingJob, GradingResult } from '@app/grader';
import { FIELD_CAP_BYTES } from '@app/grading';
import { validateEnvironment } from '@app/config';
import type { GradingEngine } from './grading-engine.js';
import { GradingService } from './grading.service.js';

const JOB: GradingJob = {
  source: 'print("x" * 10**8)', moduleName: 'solution', limits: { timeMsPerTest: 1, timeMsTotal: 1, memoryMb: 1, outputBytes: 1, recursionLimit: 50 },
  tests: [{ kind: 'case', name: 'prints', points: 1, visibility: 'visible', tags: [], feedback: 'Print less.' }],
};

function resultOf(output: string): GradingResult {
  return {
    status: 'fail', score: 0, points: 0, max_points: 1, message: '0 of 1 tests passed.', duration_ms: 1,
    provenance: { runtime: 'fake', python: '3', suite_hash: 'x', seed: 0 },
    tests: [{ name: 'prints', status: 'fail', score: 0, max_score: 1, visibility: 'visible', message: `expected nothing\nPrint less.`, output, tags: [] }],
  };
}

type Workers = ReturnType<GradingEngine['health']>;

async function serviceOn(grade: (job: GradingJob) => Promise<GradingResult>, workers: () => Workers = () => ({ ready: 1, size: 1, busy: 0, queued: 0, restarts: 0 })): Promise<GradingService> {
  const engine: GradingEngine = { grade, health: workers, close: async () => undefined };
  const service = new GradingService(validateEnvironment({ GRADER_WORKERS: '1' }), async () => engine);
  await service.onModuleInit();
  return service;
}

describe(GradingService.name, () => {
  it('returns what the engine gave capped, before any caller stores or sends it', async () => {
    const result = await (await serviceOn(async () => resultOf('o'.repeat(50 * 1024 * 1024)))).grade(JOB);
    expect(Buffer.byteLength(result.tests[0]!.output)).toBeLessThanOrEqual(FIELD_CAP_BYTES);
    expect(result.tests[0]!.output).toMatch(/\n\[truncated: \d+ more characters\]$/);
    expect(result.tests[0]!.message).toBe('expected nothing\nPrint less.');
  });

  it('is up while every worker is grading, and down only when none is running (all starting again)', async () => {
    let workers: Workers = { ready: 0, size: 2, busy: 2, queued: 40, restarts: 0 };
    const service = await serviceOn(async () => resultOf(''), () => workers);
    expect(service.health()).toMatchObject({ ready: true });
    workers = { ready: 0, size: 2, busy: 0, queued: 40, restarts: 3 };
    expect(service.health()).toMatchObject({ ready: false, reason: 'no grader worker is running (they are starting)' });
    workers = { ready: 1, size: 2, busy: 0, queued: 0, restarts: 3 };
    expect(service.health()).toMatchObject({ ready: true });
  });

  it("returns the author's own code whole when asked (test discovery lists every test name in one message)", async () => {
    const names = JSON.stringify(Array.from({ length: 500 }, (_, i) => `test_a_rather_long_descriptive_name_${i}`));
    const result = await (await serviceOn(async () => resultOf(names))).grade(JOB, { uncapped: true });
    expect(result.tests[0]!.output).toBe(names);
  });
});
