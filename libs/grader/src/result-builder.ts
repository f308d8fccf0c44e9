import { createHash } from 'node:crypto';
import type { CaseTestSpec, GradingJob, GradingResult, TestResult, TestSpec, TestStatus } from './types.js';
import { isPyTagged, pyEquals, sameTypes, toTagged, typeOf, type PyTagged } from './python-value.js';
import { notEqualMessage, pyRepr } from './python-repr.js';
import { NumberTooLargeError, withNumberWork } from './python-number.js';

/** What the sandbox reports for the import or for one test (plain data, never trusted for cases). */
export interface RawOutcome {
  status: 'ok' | 'pass' | 'fail' | 'error' | 'timeout' | 'memory' | 'interrupted' | 'skipped';
  message: string;
  output: string;
  value?: PyTagged;
  raised?: string;
  raisesMatch?: boolean;
}

/**
 * An outcome as the sandbox forwards it: the harness's JSON text, or an outcome the sandbox
 * decided itself (timeout, a lost interpreter, not run). The text is untrusted (learner code
 * ran in that interpreter): it is parsed and checked here, never in a way that can throw. It
 * travels unparsed so that values keep their exact JSON form over the IPC channel (-0.0).
 */
export type SandboxOutcome = RawOutcome | string;

export interface RawRun {
  begin: SandboxOutcome | null;
  outcomes: SandboxOutcome[];
  durationMs: number;
}

const NUMBER_TOO_LARGE = 'the value holds a number too large to compare with the expected value';
// Estimated milliseconds of BigInt arithmetic (gcd, parsing, printing) the numbers of one result
// may cost the host (python-number.ts): ordinary values cost microseconds.
const NUMBER_WORK_MS = 300;
const HARNESS_STATUSES = new Set(['ok', 'pass', 'fail', 'error', 'memory', 'interrupted', 'skipped']);
const INVALID_OUTCOME = 'the Python interpreter reported an invalid outcome for this test';

/** The harness's outcome text, checked field by field. */
export function parseOutcome(text: string): RawOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const o = raw as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o) || !HARNESS_STATUSES.has(o.status as string)
    || typeof o.message !== 'string' || typeof o.output !== 'string') {
    return { status: 'error', message: INVALID_OUTCOME, output: '' };
  }
  const outcome: RawOutcome = { status: o.status as RawOutcome['status'], message: o.message, output: o.output };
  if (outcome.status === 'interrupted') { // the sandbox did not interrupt this test: learner code raised it
    outcome.status = 'error';
    outcome.message = 'KeyboardInterrupt was raised by the code';
  }
  if (o.value !== undefined) outcome.value = isPyTagged(o.value) ? o.value : ['other', 'invalid value'];
  if (o.raised !== undefined) outcome.raised = String(o.raised);
  if (o.raisesMatch !== undefined) outcome.raisesMatch = o.raisesMatch === true;
  return outcome;
}

function outcomeOf(outcome: SandboxOutcome): RawOutcome {
  return typeof outcome === 'string' ? parseOutcome(outcome) : outcome;
}

export interface Provenance {
  runtime: string;
  python: string;
}

const HIDDEN_TEXT: Record<TestStatus, string> = {
  pass: '',
  fail: 'This test failed.',
  error: 'Your code raised an error in this test.',
  timeout: 'This test took longer than the time limit.',
  memory_limit: 'This test used more memory than allowed.',
  skipped: 'The author skipped this test: it counts for no points.',
};

/** Hash of everything that defines the test suite (not the submission). */
export function suiteHash(job: GradingJob): string {
  const suite = { moduleName: job.moduleName, testModule: job.testModule ?? null,
    supportModules: job.supportModules ?? null, tests: job.tests, limits: job.limits };
  return createHash('sha256').update(JSON.stringify(suite)).digest('hex').slice(0, 16);
}

/** The tests a job runs, in order (`only: 'visible'` keeps the learner's "Run visible tests"). */
export function selectedTests(job: GradingJob): TestSpec[] {
  return job.only === 'visible' ? job.tests.filter((t) => t.visibility === 'visible') : job.tests;
}

function sandboxStatus(status: RawOutcome['status']): TestStatus {
  if (status === 'timeout') return 'timeout';
  if (status === 'memory') return 'memory_limit';
  if (status === 'pass') return 'pass';
  if (status === 'fail') return 'fail';
  if (status === 'skipped') return 'skipped';
  return 'error';
}

function normaliseOutput(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();
}

/** Decides a declarative case from the sandbox's plain data. */
function decideCase(spec: CaseTestSpec, raw: RawOutcome): [TestStatus, string] {
  if (spec.raises !== undefined) {
    if (raw.raised === undefined) return ['fail', `expected ${spec.raises} to be raised, but nothing was raised`];
    if (!raw.raisesMatch) return ['fail', `expected ${spec.raises} to be raised, got ${raw.raised}`];
  } else if (spec.expected !== undefined) {
    const verdict = compareExpected(spec, raw.value ?? ['other', '<no value>']);
    if (verdict) return verdict;
  }
  if (spec.output !== undefined && normaliseOutput(raw.output) !== normaliseOutput(spec.output)) {
    return ['fail', `expected the output ${JSON.stringify(spec.output)}, got ${JSON.stringify(raw.output)}`];
  }
  return ['pass', ''];
}

/**
 * A declarative case is decided here, from the value (or the exception) the harness reports:
 * the harness never says "pass" for a case, so an outcome that does, or an 'ok' without a
 * value or an exception, is forged or broken and counts as an error.
 */
function caseVerdict(spec: CaseTestSpec, raw: RawOutcome): [TestStatus, string] {
  if (raw.status === 'pass' || raw.status === 'skipped') return ['error', INVALID_OUTCOME];
  if (raw.status !== 'ok') return [sandboxStatus(raw.status), raw.message];
  if (raw.value === undefined && raw.raised === undefined) return ['error', INVALID_OUTCOME];
  return decideCase(spec, raw);
}

/**
 * `actual == expected` as CPython says it (1 == 1.0 == True, a Counter equals its dict...), and
 * with `exactType` the types too. The message is unittest's for assertEqual(actual, expected).
 */
function compareExpected(spec: CaseTestSpec, actual: PyTagged): [TestStatus, string] | null {
  let expected: PyTagged;
  try {
    expected = toTagged(spec.expected);
  } catch (error) {
    return ['error', `the test's expected value is invalid: ${error instanceof Error ? error.message : String(error)}`];
  }
  try {
    if (!pyEquals(actual, expected)) return ['fail', notEqualMessage(actual, expected, pyEquals)];
    if (spec.exactType && !sameTypes(actual, expected)) {
      const [mine, wanted] = [typeOf(actual), typeOf(expected)];
      const why = mine !== wanted ? `${mine} is not ${wanted}`
        : typeof actual[2] === 'string' ? `a subclass named ${mine} is not ${wanted}` : "an element's type differs";
      return ['fail', `${pyRepr(actual)} == ${pyRepr(expected)}, but the type must be exactly the same: ${why}`];
    }
  } catch (error) {
    // The learner's number past what the host compares (a Decimal of 100,000 digits): its failure,
    // as CPython's `==` would almost surely say, and never the grader's fault.
    if (error instanceof NumberTooLargeError) return ['fail', NUMBER_TOO_LARGE];
    return ['error', 'the Python interpreter reported an invalid value for this test'];
  }
  return null;
}

/**
 * Whose fault a non-passing test is when it is not the learner's: the grader's (an outcome it
 * could not read, an interpreter or a channel that failed) or the exercise's (hidden tests that
 * do not compile, an invalid expected value). Such a test still scores 0 (nothing was verified),
 * but it says so, and results count them apart (`faults`).
 */
const GRADER_FAULTS = [INVALID_OUTCOME, 'the Python interpreter failed', 'the Python interpreter returned no outcome',
  'the grading result could not be sent', 'the Python interpreter reported an invalid value',
  'the grader does not support'];
const AUTHOR_FAULTS = ['not run: the hidden tests could not be compiled', "the test's expected value is invalid"];

export function faultOf(message: string): 'grader' | 'author' | undefined {
  if (GRADER_FAULTS.some((m) => message.startsWith(m))) return 'grader';
  if (AUTHOR_FAULTS.some((m) => message.startsWith(m))) return 'author';
  return undefined;
}

const FAULT_TEXT = {
  grader: 'The grader could not grade this test (its fault, not your code\'s)',
  author: 'This test is broken (the exercise\'s fault, not your code\'s)',
};

function buildTest(spec: TestSpec, raw: RawOutcome, importFailure: RawOutcome | null): TestResult {
  let status: TestStatus;
  let detail: string;
  const beginFault = importFailure ? faultOf(importFailure.message) : undefined;
  if (importFailure) {
    status = sandboxStatus(importFailure.status);
    detail = beginFault ? importFailure.message : `Your code could not be imported: ${importFailure.message}`;
  } else if (spec.kind === 'case') {
    [status, detail] = caseVerdict(spec, raw);
  } else {
    status = raw.status === 'ok' ? 'error' : sandboxStatus(raw.status);
    detail = raw.message;
  }
  // Only an error can be the grader's or the exercise's: a failure's message may start with the
  // learner's own text (a case's "<repr> != <expected>", the repr any text the object chose).
  const fault = status === 'error' ? beginFault ?? faultOf(detail) : undefined;
  // The detail of a hidden test's fault may quote its expected value: visible tests only.
  if (fault) detail = spec.visibility === 'visible' ? `${FAULT_TEXT[fault]}: ${detail}` : `${FAULT_TEXT[fault]}.`;
  const visible = spec.visibility === 'visible';
  const feedback = status === 'pass' || fault ? '' : spec.feedback ?? '';
  // A hidden test shows its name and feedback only: its messages and output could reveal
  // hidden inputs or expected values (learner code can print its arguments).
  const shown = visible || importFailure || fault ? [detail, feedback] : [feedback || HIDDEN_TEXT[status]];
  return {
    // A test the author skipped is out of the score, as unittest leaves it out of the failures.
    name: spec.name, status, score: status === 'pass' ? spec.points : 0,
    max_score: status === 'skipped' ? 0 : spec.points,
    visibility: spec.visibility, message: shown.filter(Boolean).join('\n'),
    output: visible ? raw.output : '', tags: spec.tags, ...(fault ? { fault } : {}),
    // The message's author part, named apart so that pages can show it apart from the engine's.
    ...(feedback ? { feedback } : {}),
    ...(spec.misconception && !fault && status !== 'pass' && status !== 'skipped' ? { misconception: spec.misconception } : {}),
  };
}

export function buildResult(job: GradingJob, run: RawRun, provenance: Provenance, durationMs: number): GradingResult {
  const specs = selectedTests(job);
  const begin = run.begin === null ? null : outcomeOf(run.begin);
  const importFailure = begin && begin.status !== 'ok' ? begin : null;
  const raws = specs.map((_, i) => {
    const raw = run.outcomes[i];
    return raw === undefined || raw === null ? { status: 'error' as const, message: 'not run', output: '' } : outcomeOf(raw);
  });
  // The learner's numbers cost the host's one thread BigInt work: bounded for the whole result.
  const tests = withNumberWork(NUMBER_WORK_MS, () => specs.map((spec, i) => buildTest(spec, raws[i]!, importFailure)));
  const points = tests.reduce((sum, t) => sum + t.score, 0);
  const maxPoints = tests.reduce((sum, t) => sum + t.max_score, 0);
  const tampered = raws.some((raw) => raw.message.startsWith('tampering detected'));
  const passed = tests.filter((t) => t.status === 'pass').length;
  const skipped = tests.filter((t) => t.status === 'skipped').length;
  const counted = tests.length - skipped;
  // The import raised (not a syntax error, time or memory limit), yet the tests ran: a test may
  // import the submission itself, as under `python -m unittest` (inside patch('builtins.input')).
  // When none of them passed, the import is what the learner must fix first.
  const unimported = begin && begin.status === 'ok' && begin.message && passed === 0 ? begin.message : '';
  const status = importFailure || tampered || unimported ? 'error' : passed === counted ? 'pass' : 'fail';
  const faults = { grader: tests.filter((t) => t.fault === 'grader').length, author: tests.filter((t) => t.fault === 'author').length };
  const faultNote = faults.grader + faults.author > 0
    ? ` ${faults.grader + faults.author} could not be graded (${faults.grader ? 'the grader' : 'the exercise'}'s fault, not your code's).` : '';
  const message = importFailure && !faultOf(importFailure.message)
    ? `Your code could not be imported: ${importFailure.message}`
    : tampered ? 'Tampering with the tests was detected.'
      : unimported ? `Your code could not be imported: ${unimported}`
      : `${passed} of ${counted} tests passed.${skipped ? ` ${skipped} skipped by the author.` : ''}${faultNote}`;
  return {
    status, score: maxPoints > 0 ? points / maxPoints : 0, points, max_points: maxPoints, message, faults,
    duration_ms: Math.round(durationMs * 10) / 10,
    provenance: { ...provenance, suite_hash: suiteHash(job), seed: job.seed ?? 0 }, tests,
  };
}

/** The job as the sandbox sees it: expected values, expected output and feedback stay here. */
export function sandboxJob(job: GradingJob): GradingJob {
  const tests = selectedTests(job).map((t) => {
    if (t.kind !== 'case') return { ...t, feedback: undefined };
    const { expected: _e, output: _o, feedback: _f, ...rest } = t;
    return rest;
  });
  return { ...job, tests, testModule: job.testModule };
}
