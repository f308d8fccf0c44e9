import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isRef, type FileItem, type QuizFile } from './build-model.js';
import { checkOutline, isCourseManifest, loadCourseManifest, placementsOf, type CourseOutline, type LoadedManifest, type Placement } from './course-manifest.js';
import { COURSE_FILE } from './schema/course.schema.js';
import type { Problem, SpecError } from './errors.js';
import { expectedIdFor, loadFile, type FileLoadResult, type LoadedFile } from './load-file.js';
import type { CodeQuestion, CourseItem, Exercise, Question, Quiz } from './model.types.js';

export interface LoadedItem {
  file: string;
  /** Version identity: the same content gives the same hash. */
  hash: string;
  item: CourseItem;
  /** Its place in the course when the course has a `course.yaml` listing it. */
  placement?: Placement;
}

export interface CourseLoadResult {
  /** Files that loaded, in path order; quizzes have their `ref:` entries resolved. */
  items: LoadedItem[];
  /** The `course.yaml` outlines that loaded (a course without one lists its items by id). */
  courses: CourseOutline[];
  /** Every located error of every file; a file with errors is left out of `items`. */
  errors: SpecError[];
  /** Files that were skipped because of their errors. */
  failedFiles: string[];
}

const YAML_FILE = /\.ya?ml$/;

/** Loads every `*.yaml` file of one course directory (e.g. `exercises/closures`), ordered by its `course.yaml`. */
export async function loadCourse(dir: string): Promise<CourseLoadResult> {
  return withOutlines(await loadFiles(await yamlFilesIn(dir)), [dir]);
}

/** Loads every course under `rootDir` (each sub-directory is a course); ids are unique across all. */
export async function loadExercises(rootDir = 'exercises'): Promise<CourseLoadResult> {
  const entries = await readdir(rootDir, { withFileTypes: true });
  const courses = entries.filter((e) => e.isDirectory()).map((e) => path.join(rootDir, e.name)).sort();
  const files = await Promise.all(courses.map(yamlFilesIn));
  return withOutlines(await loadFiles(files.flat()), courses);
}

/** Quiz and exercise files: every `*.yaml` but the course's own `course.yaml`. */
async function yamlFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && YAML_FILE.test(e.name) && !isCourseManifest(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Reads each course's `course.yaml` (when there is one), checks it against the items that loaded
 * and places them; its errors are reported without leaving any item out. */
async function withOutlines(result: CourseLoadResult, courseDirs: string[]): Promise<CourseLoadResult> {
  for (const dir of courseDirs) {
    const manifestPath = path.join(dir, COURSE_FILE);
    if (!(await exists(manifestPath))) continue;
    const manifest = await loadCourseManifest(manifestPath);
    if (!manifest.ok) {
      result.errors.push(...manifest.errors);
      continue;
    }
    const inDir = result.items.filter((i) => path.resolve(path.dirname(i.file)) === path.resolve(dir));
    result.errors.push(...checkOutline(manifest, new Set(inDir.map((i) => i.item.id))));
    place(inDir, manifest);
    result.courses.push(manifest.outline);
  }
  return result;
}

function place(items: LoadedItem[], manifest: LoadedManifest): void {
  const placements = placementsOf(manifest.outline);
  for (const loaded of items) {
    const placement = placements.get(loaded.item.id);
    if (placement) loaded.placement = placement;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
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
  return { items, courses: [], errors, failedFiles: [...failed].sort() };

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
