// The grader's contract file is imported directly (not through '@app/grader'), so that this
// library stays free of the engine's worker and Pyodide code: the API only needs the types.
import {
  DEFAULT_LIMITS,
  type CaseTestSpec,
  type GradingJob,
  type GradingLimits,
  type TestSpec,
  type Visibility,
} from '../../grader/src/types.js';
import { CHECK_DEFAULTS, checkCode, checkKind } from './checks/check-tests.js';
import { isModuleTest } from './semantic-checks.js';
import type { CodeLimits, CodeQuestion, TestDef } from './model.types.js';

export interface GradingJobOptions {
  /** `visible` runs only the examples (the learner's "Run visible tests"). Default `all`. */
  only?: 'all' | 'visible';
  seed?: number;
}

/** The engine's job for one submission: examples first (visible), then the hidden tests. */
export function toGradingJob(question: CodeQuestion, source: string, options: GradingJobOptions = {}): GradingJob {
  const tags = question.concepts ?? [];
  const tests: TestSpec[] = [
    ...question.examples.map((t) => toTestSpec(t, 'visible', tags)),
    ...question.tests.map((t) => toTestSpec(t, 'hidden', tags)),
  ];
  const job: GradingJob = {
    source,
    moduleName: question.module,
    tests,
    limits: toLimits(question.limits),
    only: options.only ?? 'all',
  };
  if (question.test_module !== undefined) job.testModule = question.test_module;
  if (question.support_modules !== undefined) job.supportModules = question.support_modules;
  const checks = checkCode(question);
  if (checks) Object.assign(job, checks);
  const clock = question.virtual_clock;
  if (clock !== false && clock !== undefined) job.virtualClock = { start: clock === true ? 0 : clock.start };
  if (options.seed !== undefined) job.seed = options.seed;
  return job;
}

const CASE_FIELDS = ['setup', 'expr', 'call', 'args', 'kwargs', 'expected', 'raises', 'output'] as const;

function toTestSpec(test: TestDef, visibility: Visibility, tags: string[]): TestSpec {
  const defaults = test.check === undefined ? undefined : CHECK_DEFAULTS[checkKind(test.check)];
  const misconception = test.misconception ?? defaults?.misconception;
  const base = { name: test.name, points: test.points, visibility, tags: [...tags], ...(misconception ? { misconception } : {}) };
  const feedback = test.feedback ?? defaults?.feedback;
  const withFeedback = feedback === undefined ? base : { ...base, feedback };
  if (isModuleTest(test)) return { ...withFeedback, kind: 'module' };
  const spec: CaseTestSpec = { ...withFeedback, kind: 'case' };
  // Copy only the keys the author wrote: `expected: null` (None) differs from no expected value.
  for (const field of CASE_FIELDS) {
    if (field in test) (spec as unknown as Record<string, unknown>)[field] = test[field];
  }
  if (test.exact_type) spec.exactType = true;
  return spec;
}

function toLimits(limits: CodeLimits | undefined): GradingLimits {
  const l = limits ?? {};
  const perTest = l.time_ms ?? DEFAULT_LIMITS.timeMsPerTest;
  return {
    timeMsPerTest: perTest,
    // A longer per-test limit must not be cut short by the default total.
    timeMsTotal: l.total_ms ?? Math.max(DEFAULT_LIMITS.timeMsTotal, perTest),
    memoryMb: l.memory_mb ?? DEFAULT_LIMITS.memoryMb,
    outputBytes: l.output_bytes ?? DEFAULT_LIMITS.outputBytes,
    recursionLimit: l.recursion_limit ?? DEFAULT_LIMITS.recursionLimit,
  };
}
