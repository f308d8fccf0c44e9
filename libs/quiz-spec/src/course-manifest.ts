import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem, SpecError } from './errors.js';
import { at, displayPath, failAt, inFileOrder, lineCounterFor, locateProblem } from './load-file.js';
import { COURSE_FILE, courseSchema } from './schema/course.schema.js';
import { validateSchema } from './schema/schema-validator.js';
import { MAX_FILE_BYTES, parseYaml } from './yaml-source.js';

export interface CourseSection {
  title: string;
  /** Quiz and exercise ids, in the order learners meet them. */
  items: string[];
}

/** A course's `course.yaml`: its title and the order of its quizzes and exercises. */
export interface CourseOutline {
  id: string;
  title: string;
  description: string;
  sections: CourseSection[];
}

export interface LoadedManifest {
  ok: true;
  file: string;
  outline: CourseOutline;
  locate(problem: Problem): SpecError;
}

export type ManifestResult = LoadedManifest | { ok: false; file: string; errors: SpecError[] };

/** Where an item sits in its course: its 0-based position across sections and its section. */
export interface Placement {
  position: number;
  section: string;
}

export function isCourseManifest(filePath: string): boolean {
  return path.basename(filePath) === COURSE_FILE;
}

export async function loadCourseManifest(filePath: string): Promise<ManifestResult> {
  const file = displayPath(filePath);
  try {
    const { size } = await stat(filePath);
    if (size > MAX_FILE_BYTES) return failAt(file, `file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes`);
    return parseCourseManifest(file, await readFile(filePath, 'utf8'));
  } catch (error) {
    return failAt(file, `cannot read file: ${(error as Error).message}`);
  }
}

export function parseCourseManifest(file: string, text: string): ManifestResult {
  const result = parseYaml(text);
  if (!result.ok) {
    const positionOf = lineCounterFor(text);
    return { ok: false, file, errors: result.issues.map((i) => at(file, positionOf(i.offset), '', i.message)) };
  }
  const locate = (problem: Problem) => locateProblem(file, result.parsed, problem);
  const problems = validateSchema(result.parsed.data, courseSchema);
  const raw = result.parsed.data as { id: string; title: string; description?: string; sections: CourseSection[] };
  const directory = path.basename(path.dirname(path.resolve(file)));
  if (problems.length === 0 && raw.id !== directory) {
    problems.push({ path: ['id'], message: `expected "${directory}", the name of the course's directory` });
  }
  if (problems.length > 0) return { ok: false, file, errors: inFileOrder(problems.map(locate)) };
  const outline = { id: raw.id, title: raw.title, description: raw.description ?? '', sections: raw.sections };
  return { ok: true, file, outline, locate };
}

/**
 * The outline against the items its directory holds: every id listed exists and is listed once,
 * and every item of the directory is listed (a new file must be given its place in the course).
 */
export function checkOutline(manifest: LoadedManifest, itemIds: Set<string>): SpecError[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  manifest.outline.sections.forEach((section, s) => {
    section.items.forEach((id, i) => {
      const where = ['sections', s, 'items', i];
      if (seen.has(id)) problems.push({ path: where, message: `"${id}" is listed twice` });
      else if (!itemIds.has(id)) problems.push({ path: where, message: `expected the id of a quiz or exercise of this course, no valid file declares "${id}"` });
      seen.add(id);
    });
  });
  const missing = [...itemIds].filter((id) => !seen.has(id)).sort();
  if (missing.length > 0) {
    problems.push({ path: ['sections'], message: `every quiz and exercise of the course must be in a section; not listed: ${missing.join(', ')}` });
  }
  return inFileOrder(problems.map((p) => manifest.locate(p)));
}

/** Item id -> placement, from an outline. */
export function placementsOf(outline: CourseOutline): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  for (const section of outline.sections) {
    for (const id of section.items) {
      if (!placements.has(id)) placements.set(id, { position: placements.size, section: section.title });
    }
  }
  return placements;
}
