import type { GradingJob, GradingResult, TestResult } from '../../grader/src/types.js';
import { cpythonDifferences, type ReferenceRunner } from './cpython-check.js';
import type { ReferenceVerdict } from '../../grader/src/verdict-differences.js';
import { toGradingJob } from './grading-job.js';
import type { CodeQuestion, WrongSolution } from './model.types.js';
import { isModuleTest } from './semantic-checks.js';
import { discoverModuleTests } from './test-discovery.js';
import { applyValues, hasVariants, variantsToCheck } from './variants.js';

/** What the validator needs of the engine: `GraderPool` from '@app/grader' fits, a fake does in tests. */
export interface JobGrader {
  grade(job: GradingJob): Promise<GradingResult>;
}

export interface Violation {
  file: string;
  /** `closures/make-counter`, or `closures/quiz#question-id` for an inline code question. */
  question: string;
  message: string;
  /** A test where the engine's verdict is not the one plain CPython gives. */
  cpython?: true;
}

export interface CodeQuestionRef {
  file: string;
  question: string;
  code: CodeQuestion;
}

/** Fixed so that a check is reproducible run after run. */
const SEED = 1;

/**
 * Grades the reference solution and every other right answer (`other_solutions`: each must score
 * 100%) and every wrong solution (must fail exactly its `fails`, with its `feedback` in a failing
 * test's message) with the real engine; with a `cpython` runner, also under plain CPython, where
 * every test must get the engine's verdict (and every right answer pass).
 */
export async function checkSolutions(target: CodeQuestionRef, grader: JobGrader, cpython?: ReferenceRunner): Promise<Violation[]> {
  if (!hasVariants(target.code)) return checkOne(target, grader, cpython);
  // Every variant (or a reproducible sample of a large range) must hold, each named in its messages.
  const all: Violation[] = [];
  for (const values of variantsToCheck(target.code)) {
    const found = await checkOne({ ...target, code: applyValues(target.code, values) }, grader, cpython);
    all.push(...found.map((v) => ({ ...v, message: `variant ${JSON.stringify(values)}: ${v.message}` })));
  }
  return all;
}

async function checkOne(target: CodeQuestionRef, grader: JobGrader, cpython?: ReferenceRunner): Promise<Violation[]> {
  const { code } = target;
  const violation = (message: string): Violation => ({ file: target.file, question: target.question, message });
  const grade = (source: string) => grader.grade(diagnosticJob(code, source));
  const others = code.other_solutions ?? [];
  const [defined, reference, ...results] = await Promise.all([
    code.test_module === undefined ? [] : discoverModuleTests(code, grader),
    grade(code.solution),
    ...code.wrong_solutions.map((w) => grade(w.code)),
    ...others.map((o) => grade(o.code)),
  ]);
  const wrongResults = results.slice(0, code.wrong_solutions.length) as GradingResult[];
  const otherResults = results.slice(code.wrong_solutions.length) as GradingResult[];
  const messages = [
    ...checkReference(reference as GradingResult),
    ...checkDeclared(code, reference as GradingResult),
    ...checkModuleTests(code, defined as string[] | string),
  ];
  code.wrong_solutions.forEach((wrong, i) => messages.push(...checkWrong(code, wrong, wrongResults[i]!)));
  others.forEach((other, i) => messages.push(...checkRight(`other solution "${other.name}"`, otherResults[i]!)));
  const violations = messages.map(violation);
  if (cpython) {
    const solutions = [{ label: 'the reference solution', source: code.solution, result: reference as GradingResult, right: false },
      ...code.wrong_solutions.map((w, i) => ({ label: `wrong solution "${w.name}"`, source: w.code, result: wrongResults[i]!, right: false })),
      ...others.map((o, i) => ({ label: `other solution "${o.name}"`, source: o.code, result: otherResults[i]!, right: true }))];
    const checked = await Promise.all(solutions.map(async (s) => {
      const verdicts = await cpython.verdicts(diagnosticJob(code, s.source));
      // A right answer must pass under CPython too, even where the engine fails it the same way.
      return { differences: cpythonDifferences(s.label, s.result, verdicts), failures: s.right ? cpythonFailures(s.label, s.result, verdicts) : [] };
    }));
    violations.push(...checked.flatMap((c) => c.differences).map((message): Violation => ({ ...violation(message), cpython: true })));
    violations.push(...checked.flatMap((c) => c.failures).map(violation));
  }
  return violations;
}

/** Tests a right answer fails under CPython where the engine fails them too (a difference is reported apart). */
function cpythonFailures(label: string, engine: GradingResult, cpython: ReferenceVerdict[]): string[] {
  const engineStatus = new Map(engine.tests.map((t) => [t.name, t.status]));
  return cpython
    .filter((v) => v.status !== 'pass' && engineStatus.get(v.name) === v.status)
    .map((v) => `${label} fails test "${v.name}" under CPython too (${v.status}${v.message ? `: ${v.message.trim().split('\n')[0]}` : ''})`);
}

/**
 * Every test graded as visible, so that the engine's messages carry the real error for the
 * author (a hidden test's message is only its feedback). What a learner would see is rebuilt
 * by learnerMessage.
 */
function diagnosticJob(code: CodeQuestion, source: string): GradingJob {
  const job = toGradingJob(code, source, { only: 'all', seed: SEED });
  return { ...job, tests: job.tests.map((t) => ({ ...t, visibility: 'visible' })) };
}

/** A failing hidden test shows the learner its feedback only; a visible one the whole message. */
function learnerMessage(code: CodeQuestion, test: TestResult): string {
  const hidden = code.tests.find((t) => t.name === test.name);
  return hidden ? (hidden.feedback ?? '') : test.message;
}

/** `name (status: first line of the engine's message)`. */
function describe(test: TestResult): string {
  const first = test.message.trim().split('\n')[0] ?? '';
  const message = first.length > 240 ? `${first.slice(0, 237)}...` : first;
  return `${test.name} (${test.status}${message ? `: ${message}` : ''})`;
}

function checkReference(result: GradingResult): string[] {
  return checkRight('reference solution', result);
}

/** The reference or another right answer: every test passes, full points. */
function checkRight(label: string, result: GradingResult): string[] {
  if (result.status === 'error' && result.tests.length === 0) {
    return [`${label} could not be graded: ${result.message}`];
  }
  const failing = result.tests.filter((t) => t.status !== 'pass');
  if (failing.length === 0 && result.points === result.max_points) return [];
  const detail = failing.length > 0 ? `; failing: ${failing.map(describe).join(', ')}` : '';
  return [`${label} scores ${result.points}/${result.max_points}, expected 100%${detail}`];
}

/** Every test that ran must be declared (it gets points and feedback there), and vice versa. */
function checkDeclared(code: CodeQuestion, result: GradingResult): string[] {
  if (result.tests.length === 0) return [];
  const declared = new Set([...code.examples, ...code.tests].map((t) => t.name));
  const ran = new Set(result.tests.map((t) => t.name));
  const messages: string[] = [];
  for (const name of ran) {
    if (!declared.has(name)) messages.push(`test "${name}" runs from test_module but is not listed in tests`);
  }
  for (const name of declared) {
    if (!ran.has(name)) messages.push(`test "${name}" is listed but did not run (is it defined in test_module?)`);
  }
  return messages;
}

/** test_module's own tests (found by running it) against the module tests listed in `tests`. */
function checkModuleTests(code: CodeQuestion, defined: string[] | string): string[] {
  if (typeof defined === 'string') return [defined];
  // check: tests are generated (checks/check-tests.ts), not written in test_module
  const listed = new Set(code.tests.filter((t) => isModuleTest(t) && t.check === undefined).map((t) => t.name));
  const messages = defined
    .filter((name) => !listed.has(name))
    .map((name) => `test_module defines "${name}" but tests does not list it, so it never runs`);
  for (const name of listed) {
    if (!defined.includes(name)) messages.push(`test "${name}" is listed but test_module does not define it`);
  }
  return messages;
}

function checkWrong(code: CodeQuestion, wrong: WrongSolution, result: GradingResult): string[] {
  const label = `wrong solution "${wrong.name}"`;
  if (result.tests.length === 0) return [`${label} could not be graded: ${result.message}`];
  const expected = new Set(wrong.fails);
  const failing = result.tests.filter((t) => t.status !== 'pass');
  const messages: string[] = [];
  const extra = failing.filter((t) => !expected.has(t.name));
  if (extra.length > 0) messages.push(`${label} also fails ${extra.map(describe).join(', ')}`);
  const passed = wrong.fails.filter((name) => !failing.some((t) => t.name === name));
  if (passed.length > 0) messages.push(`${label} passes ${passed.join(', ')}, which it must fail`);
  const named = failing.filter((t) => expected.has(t.name));
  const seen = named.map((t) => learnerMessage(code, t));
  if (named.length > 0 && !seen.some((message) => message.includes(wrong.feedback))) {
    const got = seen.map((m) => JSON.stringify(m)).join(', ');
    messages.push(`${label}: feedback "${wrong.feedback}" is not in what the learner sees of its failing tests (got ${got})`);
  }
  return messages;
}
