/**
 * The contract between the exercise format (libs/quiz-spec), the API and the grading engine.
 * Plain data only: a job crosses process boundaries as JSON.
 */

export type Visibility = 'visible' | 'hidden';

/** Metadata shared by every kind of test. `name` is unique within a job and stable. */
interface TestSpecBase {
  /** `test_x` (function in testModule), `TestClass.test_y` (unittest method), or a case name. */
  name: string;
  points: number;
  /** Shown to the learner when this test does not pass (hidden tests show only name + feedback). */
  feedback?: string;
  visibility: Visibility;
  /** Concept tags, for dashboards. */
  tags: string[];
  /** The mistake a failure of this test reveals (a kebab-case name), counted on dashboards. */
  misconception?: string;
}

/** A `def test_*()` function or a `unittest.TestCase` method defined in `GradingJob.testModule`. */
export interface ModuleTestSpec extends TestSpecBase {
  kind: 'module';
}

/**
 * A declarative case. Runs `setup` (statements) in a fresh namespace where the learner's module
 * is imported under its module name and its public names are bound, then evaluates `expr`, or
 * calls `call(*args, **kwargs)`. Passes when the value equals `expected` by CPython's `==`
 * (decided by the host on data read without trusting learner objects; `exactType` also asks for
 * the same types), or when it raises `raises` (an exception class name),
 * and when `output` is given, when captured stdout equals it after normalisation.
 */
export interface CaseTestSpec extends TestSpecBase {
  kind: 'case';
  setup?: string;
  expr?: string;
  call?: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  /**
   * Plain JSON: integer numbers are Python `int`, other numbers `float`, arrays `list`, objects
   * `dict`. Escapes for what JSON cannot say: `{ "$float": 3 }`, `{ "$tuple": [..] }`,
   * `{ "$set": [..] }`, `{ "$date": "2024-02-29" }`... (see libs/grader/src/python-value.ts).
   * Compared with CPython's `==`: 1 == 1.0 == True, a Counter equals the dict it holds.
   */
  expected?: unknown;
  /** The value must also have exactly the expected types, recursively (5.0 is not 5). */
  exactType?: boolean;
  raises?: string;
  output?: string;
}

export type TestSpec = ModuleTestSpec | CaseTestSpec;

export interface GradingLimits {
  /** Wall time for one test (and for importing the submission). */
  timeMsPerTest: number;
  /** Wall time for the whole submission. */
  timeMsTotal: number;
  /** Interpreter memory cap. */
  memoryMb: number;
  /** Captured stdout/stderr kept per test; beyond it output is truncated with a visible note. */
  outputBytes: number;
  recursionLimit: number;
}

export const DEFAULT_LIMITS: GradingLimits = {
  timeMsPerTest: 2000,
  timeMsTotal: 10000,
  memoryMb: 256,
  outputBytes: 8192,
  recursionLimit: 1000,
};

export interface GradingJob {
  /** The learner's Python source. */
  source: string;
  /** Module name the submission is importable as (`from solution import f`). Default `solution`. */
  moduleName: string;
  /** Hidden Python test module: `test_*` functions and/or unittest.TestCase classes. */
  testModule?: string;
  /**
   * Hidden helper modules (name -> source) that the test module and cases may import, executed
   * afresh for every test like the test module (for a case, only when its setup or expr contains
   * the word `import`: the others cannot reach them). Never shown to the learner.
   */
  supportModules?: Record<string, string>;
  /** Every test, in the order it runs. */
  tests: TestSpec[];
  limits: GradingLimits;
  /** When set, `time.time`, `time.monotonic`, `time.sleep` are a controllable virtual clock starting here. */
  virtualClock?: { start: number };
  seed?: number;
  /** `visible` runs only visible tests (the learner's "Run visible tests"). */
  only?: 'all' | 'visible';
}

/** `skipped`: the author skipped the test (`@unittest.skip`...): it counts for no points either way. */
export type TestStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'memory_limit' | 'skipped';

export interface TestResult {
  name: string;
  status: TestStatus;
  score: number;
  max_score: number;
  visibility: Visibility;
  /** Safe for the learner: hidden tests show name + feedback, never test code or expected values. */
  message: string;
  output: string;
  tags: string[];
  /** Set when the test could not be graded through no fault of the learner's code. */
  fault?: 'grader' | 'author';
  /** The author's feedback when `message` ends with it (a test that did not pass): what is not the engine's. */
  feedback?: string;
  /** The test's misconception, when the learner's code failed it (not passed, skipped or a fault). */
  misconception?: string;
}

export interface GradingResult {
  status: 'pass' | 'fail' | 'error';
  /** points / max_points, 0..1 */
  score: number;
  points: number;
  max_points: number;
  message: string;
  /** Tests that could not be graded: the grader's fault, or the exercise's (counted apart). */
  faults?: { grader: number; author: number };
  duration_ms: number;
  provenance: { runtime: string; python: string; suite_hash: string; seed: number };
  tests: TestResult[];
}

/** What a program printed under CPython (`CPythonReference.output`, `exercises:validate`'s
 * predict-output check): stdout, and when it raised, the last line of its traceback. */
export interface ProgramOutput {
  stdout: string;
  error?: string;
}
