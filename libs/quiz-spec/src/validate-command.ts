import { readdir } from 'node:fs/promises';
import { formatSpecError } from './errors.js';
import { loadCourse, loadExercises, type CourseLoadResult, type LoadedItem } from './load-course.js';
import type { ReferenceRunner } from './cpython-check.js';
import { checkPredictOutputs } from './output-check.js';
import { parsonsAsCode } from './parsons-program.js';
import { checkSolutions, type CodeQuestionRef, type JobGrader, type Violation } from './solution-check.js';

export interface ValidateOptions {
  /** A course directory (holds .yaml files) or a root of courses (default `exercises`). */
  dir: string;
  /** The grading engine; without it only the format is checked. */
  grader?: JobGrader;
  /** Plain CPython: every test of every solution must get the engine's verdict there too. */
  cpython?: ReferenceRunner;
  /** Why there is no CPython check (printed with the summary), e.g. no python3 found. */
  cpythonSkipped?: string;
  print: (line: string) => void;
}

export interface ValidateSummary {
  files: number;
  loaded: number;
  errors: number;
  solutionsChecked: number;
  violations: number;
  /** Of the violations: tests where the engine's verdict is not plain CPython's. */
  cpythonDifferences: number;
  ok: boolean;
}

/** The body of `npm run exercises:validate`: format errors, then solution checks with the engine. */
export async function runValidation(options: ValidateOptions): Promise<ValidateSummary> {
  const started = Date.now();
  const course = await loadDir(options.dir);
  course.errors.forEach((e) => options.print(formatSpecError(e)));
  const targets = codeQuestionsOf(course.items);
  const violations: Violation[] = [];
  if (options.grader) {
    const grader = options.grader;
    const results = await Promise.all(targets.map((t) => checkSolutions(t, grader, options.cpython)));
    violations.push(...results.flat());
    const cpython = options.cpython;
    if (cpython?.output) violations.push(...(await checkPredictOutputs(course.items, { version: cpython.version, output: (code) => cpython.output!(code) })));
    violations.forEach((v) => options.print(`${v.file}: ${v.question}: ${v.message}`));
  }
  const summary: ValidateSummary = {
    files: course.items.length + course.failedFiles.length,
    loaded: course.items.length,
    errors: course.errors.length,
    solutionsChecked: options.grader ? targets.reduce((n, t) => n + 1 + t.code.wrong_solutions.length + (t.code.other_solutions?.length ?? 0), 0) : 0,
    violations: violations.length,
    cpythonDifferences: violations.filter((v) => v.cpython).length,
    ok: course.errors.length === 0 && violations.length === 0,
  };
  options.print(summaryLine(summary, Date.now() - started, options));
  return summary;
}

function summaryLine(s: ValidateSummary, ms: number, options: ValidateOptions): string {
  const solutions = options.grader ? `${s.solutionsChecked} solutions graded` : 'solutions not graded (--format-only)';
  const verdict = s.ok ? 'OK' : 'FAILED';
  let cpython = '';
  if (options.grader && options.cpython) cpython = `, ${s.cpythonDifferences} differences from CPython ${options.cpython.version}`;
  else if (options.grader) cpython = `, CPython check skipped (${options.cpythonSkipped ?? 'no CPython given'})`;
  return `${verdict}: ${s.loaded}/${s.files} files loaded, ${s.errors} format errors, ${solutions}, ${s.violations} violations${cpython} (${(ms / 1000).toFixed(1)} s)`;
}

/** A directory holding .yaml files is one course; otherwise each sub-directory is a course. */
async function loadDir(dir: string): Promise<CourseLoadResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const isCourse = entries.some((e) => e.isFile() && /\.ya?ml$/.test(e.name));
  return isCourse ? loadCourse(dir) : loadExercises(dir);
}

/** Every code question to check once: exercise files, inline code questions of quizzes, run-graded Parsons problems. */
export function codeQuestionsOf(items: LoadedItem[]): CodeQuestionRef[] {
  const targets: CodeQuestionRef[] = [];
  for (const { file, item } of items) {
    if (item.kind === 'exercise') {
      targets.push({ file, question: item.id, code: item.question });
      continue;
    }
    for (const q of item.questions) {
      // A `ref:` question is its exercise file, checked on its own.
      if (q.type === 'code' && q.ref === undefined) targets.push({ file, question: `${item.id}#${q.id}`, code: q });
      // Graded by running: its reference order must pass every test, like a reference solution.
      if (q.type === 'parsons' && q.grading === 'run') targets.push({ file, question: `${item.id}#${q.id}`, code: parsonsAsCode(q) });
    }
  }
  return targets;
}
