import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isRef, type FileItem, type QuizFile } from './build-model.js';
import type { Problem, SpecError } from './errors.js';
import { expectedIdFor, loadFile, type FileLoadResult, type LoadedFile } from './load-file.js';
import type { CodeQuestion, CourseItem, Exercise, Question, Quiz } from './model.types.js';

export interface LoadedItem {
  file: string;
  /** Version identity: the same content gives the same hash. */
  hash: string;
  item: CourseItem;
}

export interface CourseLoadResult {
  /** Files that loaded, in path order; quizzes have their `ref:` entries resolved. */
  items: LoadedItem[];
  /** Every located error of every file; a file with errors is left out of `items`. */
  errors: SpecError[];
  /** Files that were skipped because of their errors. */
  failedFiles: string[];
}

const YAML_FILE = /\.ya?ml$/;

/** Loads every `*.yaml` file of one course directory (e.g. `exercises/closures`). */
export async function loadCourse(dir: string): Promise<CourseLoadResult> {
  return loadFiles(await yamlFilesIn(dir));
}

/** Loads every course under `rootDir` (each sub-directory is a course); ids are unique across all. */
export async function loadExercises(rootDir = 'exercises'): Promise<CourseLoadResult> {
  const entries = await readdir(rootDir, { withFileTypes: true });
  const courses = entries.filter((e) => e.isDirectory()).map((e) => path.join(rootDir, e.name));
  const files = await Promise.all(courses.sort().map(yamlFilesIn));
  return loadFiles(files.flat());
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && YAML_FILE.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

export async function loadFiles(filePaths: string[]): Promise<CourseLoadResult> {
  const results: FileLoadResult[] = [];
  // Sequential on purpose: files are small, and order keeps "first one wins" deterministic.
  for (const filePath of filePaths) results.push(await loadFile(filePath));
  return crossCheck(results);
}

/** Checks that need every file: unique ids, then `ref:` entries pointing at loaded exercises. */
export function crossCheck(results: FileLoadResult[]): CourseLoadResult {
  const errors: SpecError[] = results.flatMap((r) => (r.ok ? [] : r.errors));
  const failed = new Set(results.filter((r) => !r.ok).map((r) => r.file));
  const byId = new Map<string, LoadedFile>();
  for (const result of results) {
    if (!result.ok) continue;
    const first = byId.get(result.item.id);
    if (first === undefined) byId.set(result.item.id, result);
    else reject(result, { path: ['id'], message: `duplicate id "${result.item.id}", already used by ${first.file}` });
  }
  const items: LoadedItem[] = [];
  for (const result of byId.values()) {
    const resolved = resolveItem(result, byId, failedIds(results));
    if ('problems' in resolved) reject(result, ...resolved.problems);
    else items.push({ file: result.file, hash: result.hash, item: resolved.item });
  }
  items.sort((a, b) => a.file.localeCompare(b.file));
  return { items, errors, failedFiles: [...failed].sort() };

  function reject(result: LoadedFile, ...problems: Problem[]): void {
    errors.push(...problems.map((p) => result.locate(p)));
    failed.add(result.file);
  }
}

/** Ids that a failed file appears to declare, so a ref to them says "failed" rather than "unknown". */
function failedIds(results: FileLoadResult[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const r of results) {
    if (!r.ok) ids.set(expectedIdFor(r.file), r.file);
  }
  return ids;
}

function resolveItem(
  result: LoadedFile,
  byId: Map<string, LoadedFile>,
  failed: Map<string, string>,
): { item: CourseItem } | { problems: Problem[] } {
  const item = result.item;
  if (item.kind === 'exercise') return { item };
  const problems: Problem[] = [];
  const questions: Question[] = [];
  item.questions.forEach((entry, i) => {
    if (!isRef(entry)) return void questions.push(entry);
    const target = byId.get(entry.ref)?.item;
    if (target?.kind === 'exercise') return void questions.push(refQuestion(target, entry.points));
    problems.push({ path: ['questions', i, 'ref'], message: unresolvedRef(entry.ref, target, failed) });
  });
  if (problems.length > 0) return { problems };
  const quiz: Quiz = { ...(item as QuizFile), questions };
  return { item: quiz };
}

function unresolvedRef(ref: string, target: FileItem | undefined, failed: Map<string, string>): string {
  if (target) return `expected the id of an exercise, "${ref}" is a quiz`;
  const failedFile = failed.get(ref);
  if (failedFile) return `"${ref}" did not load (${failedFile} has errors)`;
  return `expected the id of an exercise file, no exercise "${ref}" exists`;
}

/** The code question a quiz's `ref:` entry stands for: the exercise's, under its id and title. */
export function refQuestion(exercise: Exercise, points: number | undefined): CodeQuestion {
  return {
    ...exercise.question,
    id: exercise.id,
    ref: exercise.id,
    title: exercise.title,
    points: points ?? exercise.question.points,
  };
}

/** An exercise file seen as a quiz of one item (the API lists both alike). */
export function asQuiz(item: CourseItem): Quiz {
  if (item.kind === 'quiz') return item;
  const { question, ...header } = item;
  return { ...header, kind: 'quiz', questions: [{ ...question, title: item.title }] };
}
