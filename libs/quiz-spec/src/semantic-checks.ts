import { expectedValueProblem } from '../../grader/src/python-value.js';
import { isRef, type FileItem, type QuizFile } from './build-model.js';
import type { DataPath, Problem } from './errors.js';
import type { Choice, CodeQuestion, ParsonsQuestion, Question, TestDef } from './model.types.js';
import { parsonsBlock } from './parsons.js';
import { fillQuestion, hasVariants, placeholdersOf, variantsToCheck } from './variants.js';

/** Rules a schema cannot say well. `expectedId` is `<course-dir>/<file-stem>`. */
export function checkItem(item: FileItem, expectedId: string): Problem[] {
  const problems: Problem[] = [];
  if (item.id !== expectedId) {
    problems.push({ path: ['id'], message: `expected "${expectedId}" (<course-dir>/<file-stem>), got "${item.id}"` });
  }
  if (item.kind === 'exercise') {
    // The file's title names the exercise in course lists, where no learner's variant is drawn.
    if (PLACEHOLDER_TEST.test(item.title)) problems.push({ path: ['title'], message: 'expected a title without {{parameters}} (it is shown where no variant is drawn)' });
    problems.push(...checkCode(item.question, []));
  }
  else problems.push(...checkQuiz(item));
  return problems;
}

function checkQuiz(quiz: QuizFile): Problem[] {
  const problems: Problem[] = [];
  if (quiz.opens && quiz.closes && Date.parse(quiz.opens) >= Date.parse(quiz.closes)) {
    problems.push({ path: ['closes'], message: `expected a date after opens (${quiz.opens}), got ${quiz.closes}` });
  }
  const ids = quiz.questions.map((q) => (isRef(q) ? q.ref : q.id));
  problems.push(...duplicates(ids, (i) => ['questions', i, isRef(quiz.questions[i]!) ? 'ref' : 'id'], 'question id'));
  quiz.questions.forEach((q, i) => {
    if (isRef(q)) return;
    const own = checkQuestion(q, ['questions', i]);
    problems.push(...own);
    // A code question checks its variants with the rest of its fields (exercise files too).
    if (q.type !== 'code') problems.push(...checkVariants(q, ['questions', i]), ...checkFilledVariants(q, ['questions', i], own));
  });
  return problems;
}

/**
 * The rules above again on the question as each checked variant fills it in (the validator's
 * sample: every listed variant, or both ends and fixed draws of a range): two ordering items,
 * choices or Parsons lines that differ as `{{a}}` and `{{b}}` may be the same once filled in.
 * A problem the question has as written (`asWritten`) is reported once, without a variant.
 */
function checkFilledVariants(q: Question, base: DataPath, asWritten: Problem[]): Problem[] {
  if (!hasVariants(q)) return [];
  const key = (p: Problem) => `${p.path.join('.')}|${p.message}`;
  const seen = new Set(asWritten.map(key));
  const problems: Problem[] = [];
  for (const values of variantsToCheck(q)) {
    for (const problem of checkQuestion(fillQuestion(q, values), base)) {
      if (seen.has(key(problem))) continue;
      seen.add(key(problem));
      problems.push({ path: problem.path, message: `${problem.message} in the variant ${variantText(values)}` });
    }
  }
  return problems;
}

function variantText(values: Record<string, unknown>): string {
  return Object.entries(values).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
}

function checkQuestion(q: Question, base: DataPath): Problem[] {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return checkChoices(q.type, q.choices, base);
    case 'ordering':
      return duplicates(q.items, (i) => [...base, 'items', i], 'item');
    case 'parsons':
      return checkParsons(q, base);
    case 'short_answer':
      return (q.accept_patterns ?? []).flatMap((pattern, i) => {
        const problem = patternProblem(pattern);
        return problem ? [{ path: [...base, 'accept_patterns', i], message: problem }] : [];
      });
    case 'predict_output':
      return [];
    case 'code':
      return checkCode(q, base);
  }
}

const PLACEHOLDER_TEST = /\{\{\s*[A-Za-z_]\w*\s*\}\}/;
const MAX_PARSONS_LINES = 40;

/** The solution must be a program a learner can rebuild: spaces only, one level at a time. */
function checkParsons(q: ParsonsQuestion, base: DataPath): Problem[] {
  const problems: Problem[] = [];
  const at = [...base, 'solution'];
  if (q.lines.length < 2 || q.lines.length > MAX_PARSONS_LINES) {
    problems.push({ path: at, message: `expected 2 to ${MAX_PARSONS_LINES} non-blank lines, got ${q.lines.length}` });
  }
  q.lines.forEach((line, i) => {
    const where = `line ${i + 1} of the solution (blank lines not counted)`;
    if (line.text.startsWith('\t')) problems.push({ path: at, message: `${where} is indented with a tab: expected spaces, 4 per level` });
    else if (!Number.isInteger(line.indent)) problems.push({ path: at, message: `${where} is indented by ${line.indent * 4} spaces: expected a multiple of 4` });
    else if (line.indent > (i === 0 ? 0 : q.lines[i - 1]!.indent + 1)) problems.push({ path: at, message: `${where} is indented more than one level deeper than the line before` });
    if (line.text.length > 500) problems.push({ path: at, message: `${where} is longer than 500 characters` });
  });
  const solution = new Set(q.lines.map((line) => parsonsBlock(q, line)));
  q.distractors.forEach((line, i) => {
    if (solution.has(parsonsBlock(q, line))) problems.push({ path: [...base, 'distractors', i], message: 'expected a line that is not in the solution (as shown to the learner), got one that is' });
  });
  problems.push(...duplicates(q.distractors.map((line) => parsonsBlock(q, line)), (i) => [...base, 'distractors', i], 'distractor'));
  problems.push(...checkParsonsGrading(q, base));
  return problems;
}

const RUN_ONLY_FIELDS = ['tests', 'test_module', 'module', 'limits', 'attempts'] as const;

/** `grading: run` needs tests (hidden, like a code question's); `grading: order` takes none of the run fields. */
function checkParsonsGrading(q: ParsonsQuestion, base: DataPath): Problem[] {
  if (q.grading !== 'run') {
    return RUN_ONLY_FIELDS.filter((field) => q[field] !== undefined)
      .map((field) => ({ path: [...base, field], message: `${field} applies only with grading: run (this problem is graded by order)` }));
  }
  const problems: Problem[] = [];
  // The model always holds `partial` (default true): only an explicit `partial: false` is a mistake here.
  if (!q.partial) problems.push({ path: [...base, 'partial'], message: 'partial applies only with grading: order (grading: run gives credit by the tests passed)' });
  const tests = q.tests ?? [];
  if (tests.length === 0) return [...problems, { path: [...base, 'grading'], message: 'expected tests: grading: run grades the assembled program against them' }];
  const paths = tests.map((_, i) => [...base, 'tests', i]);
  problems.push(...duplicates(tests.map((t) => t.name), (i) => [...paths[i]!, 'name'], 'test name'));
  tests.forEach((test, i) => problems.push(...checkTest(test, paths[i]!, false, q.test_module)));
  const moduleTest = tests.findIndex((t) => isModuleTest(t) && t.check === undefined);
  if (moduleTest >= 0 && q.test_module === undefined) {
    problems.push({ path: [...paths[moduleTest]!, 'name'], message: `"${tests[moduleTest]!.name}" is a test_module test, but test_module is missing` });
  }
  return problems;
}

function checkChoices(type: 'single_choice' | 'multiple_choice', choices: Choice[], base: DataPath): Problem[] {
  const problems = duplicates(
    choices.map((c) => c.id),
    (i) => [...base, 'choices', i, 'id'],
    'choice id',
  );
  const correct = choices.filter((c) => c.correct).length;
  if (type === 'single_choice' && correct !== 1) {
    problems.push({ path: [...base, 'choices'], message: `expected exactly one choice with correct: true, got ${correct}` });
  }
  if (type === 'multiple_choice' && correct === 0) {
    problems.push({ path: [...base, 'choices'], message: 'expected at least one choice with correct: true, got 0' });
  }
  return problems;
}

function checkCode(q: CodeQuestion, base: DataPath): Problem[] {
  const all: { test: TestDef; path: DataPath }[] = [
    ...q.examples.map((test, i) => ({ test, path: [...base, 'examples', i] })),
    ...q.tests.map((test, i) => ({ test, path: [...base, 'tests', i] })),
  ];
  const problems = duplicates(
    all.map((t) => t.test.name),
    (i) => [...all[i]!.path, 'name'],
    'test name',
  );
  for (const { test, path } of all) problems.push(...checkTest(test, path, path[base.length] === 'examples', q.test_module));
  const moduleTests = all.filter((t) => isModuleTest(t.test) && t.test.check === undefined);
  if (moduleTests.length > 0 && q.test_module === undefined) {
    const name = moduleTests[0]!.test.name;
    problems.push({ path: [...moduleTests[0]!.path, 'name'], message: `"${name}" is a test_module test, but test_module is missing` });
  }
  problems.push(...checkWrongSolutions(q, new Set(all.map((t) => t.test.name)), base));
  problems.push(...checkVariants(q, base));
  return problems;
}

/** params or variants (not both), the same names in every variant, and no `{{name}}` left undeclared. */
function checkVariants(q: Question, base: DataPath): Problem[] {
  const problems: Problem[] = [];
  if (q.params && q.variants) problems.push({ path: [...base, 'variants'], message: 'expected either params or variants, not both' });
  const names = new Set(q.variants ? Object.keys(q.variants[0] ?? {}) : Object.keys(q.params ?? {}));
  q.variants?.forEach((variant, i) => {
    const keys = Object.keys(variant);
    if (keys.length !== names.size || keys.some((k) => !names.has(k))) {
      problems.push({ path: [...base, 'variants', i], message: `expected the same parameters as the first variant (${[...names].join(', ')}), got (${keys.join(', ')})` });
    }
  });
  for (const [name, spec] of Object.entries(q.params ?? {})) {
    if (!Array.isArray(spec) && spec.min > spec.max) problems.push({ path: [...base, 'params', name, 'max'], message: `expected max >= min (${spec.min}), got ${spec.max}` });
  }
  const reported = new Set<string>();
  for (const { field, name } of placeholdersOf(q)) {
    const key = `${field.join('.')}|${name}`;
    if (names.has(name) || reported.has(key)) continue;
    reported.add(key);
    problems.push({ path: [...base, ...field], message: `unknown parameter {{${name}}}: declare it under params or variants` });
  }
  return problems;
}

const CASE_ONLY_FIELDS = ['setup', 'expected', 'exact_type', 'raises', 'output', 'args', 'kwargs'] as const;
const MODULE_TEST_NAME = /^(test\w*|[A-Za-z_]\w*\.test\w*)$/;

/** A test without `expr`/`call` or any case field names a test in test_module. */
export function isModuleTest(test: TestDef): boolean {
  return test.expr === undefined && test.call === undefined && !CASE_ONLY_FIELDS.some((f) => f in test);
}

function checkTest(test: TestDef, path: DataPath, isExample: boolean, testModule?: string): Problem[] {
  if (test.check !== undefined) return checkCheckTest(test, path, isExample, testModule);
  if (isModuleTest(test)) {
    if (isExample) return [{ path: [...path, 'expr'], message: 'expected expr or call: examples are declarative cases' }];
    if (MODULE_TEST_NAME.test(test.name)) return [];
    const message = 'expected a test_module test name (test_x or TestClass.test_x), or expr/call for a declarative case';
    return [{ path: [...path, 'name'], message }];
  }
  const problems: Problem[] = [];
  const hasExpr = test.expr !== undefined;
  const hasCall = test.call !== undefined;
  if (hasExpr === hasCall) {
    const got = hasExpr ? 'both' : 'neither';
    problems.push({ path: [...path, hasExpr ? 'call' : 'name'], message: `expected exactly one of expr or call, got ${got}` });
  }
  for (const field of ['args', 'kwargs'] as const) {
    if (field in test && !hasCall) problems.push({ path: [...path, field], message: `${field} applies only with call` });
  }
  if (!('expected' in test) && test.raises === undefined && test.output === undefined) {
    problems.push({ path: [...path, 'name'], message: 'expected at least one of expected, raises or output' });
  }
  if ('expected' in test && test.raises !== undefined) {
    problems.push({ path: [...path, 'raises'], message: 'expected either expected or raises, not both' });
  }
  if (test.exact_type !== undefined && !('expected' in test)) {
    problems.push({ path: [...path, 'exact_type'], message: 'exact_type applies only with expected' });
  }
  for (const field of ['expected', 'args', 'kwargs'] as const) {
    const problem = field in test ? expectedValueProblem(test[field]) : null;
    if (problem) problems.push({ path: [...path, field], message: `expected a Python value: ${problem}` });
  }
  return problems;
}

function checkWrongSolutions(q: CodeQuestion, testNames: Set<string>, base: DataPath): Problem[] {
  const problems = duplicates(
    q.wrong_solutions.map((w) => w.name),
    (i) => [...base, 'wrong_solutions', i, 'name'],
    'wrong solution name',
  );
  problems.push(...duplicates(
    (q.other_solutions ?? []).map((o) => o.name),
    (i) => [...base, 'other_solutions', i, 'name'],
    'other solution name',
  ));
  q.wrong_solutions.forEach((wrong, i) => {
    wrong.fails.forEach((name, j) => {
      if (!testNames.has(name)) {
        const path = [...base, 'wrong_solutions', i, 'fails', j];
        problems.push({ path, message: `expected the name of a test or example, got "${name}"` });
      }
    });
  });
  return problems;
}

/** One problem per repeated value, at its second and later occurrences. */
function duplicates(values: string[], pathOf: (index: number) => DataPath, what: string): Problem[] {
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  values.forEach((value, i) => {
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, i);
    else problems.push({ path: pathOf(i), message: `duplicate ${what} "${value}" (first used at index ${first})` });
  });
  return problems;
}

/** Why a short answer's accepted pattern does not compile, or undefined when it does. */
function patternProblem(pattern: string): string | undefined {
  try {
    // A {{parameter}} becomes a literal match of its value (escaped when filled in): any letter stands for it here.
    new RegExp(pattern.replace(/\{\{\s*[A-Za-z_]\w*\s*\}\}/g, 'x'), 'u');
    return undefined;
  } catch (error) {
    return `expected a regular expression (JavaScript syntax): ${(error as Error).message}`;
  }
}

const CHECK_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `check:` test: hidden, no case fields, a name the generated test function can take. */
function checkCheckTest(test: TestDef, path: DataPath, isExample: boolean, testModule?: string): Problem[] {
  if (isExample) return [{ path: [...path, 'check'], message: 'checks are hidden tests: put this one under tests' }];
  const problems: Problem[] = [];
  for (const field of [...CASE_ONLY_FIELDS, 'expr', 'call'] as const) {
    if (field in test) problems.push({ path: [...path, field], message: `${field} does not apply to a check (the check runs the code it names)` });
  }
  if (!CHECK_NAME.test(test.name)) {
    problems.push({ path: [...path, 'name'], message: 'expected a Python identifier (the check runs as a test function of that name)' });
  } else if (testModule !== undefined && new RegExp(`^(def|class)\\s+${test.name}\\b|^${test.name}\\s*=`, 'm').test(testModule)) {
    problems.push({ path: [...path, 'name'], message: `test_module already defines "${test.name}": give the check another name` });
  }
  return problems;
}
