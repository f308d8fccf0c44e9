import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import stableStringify from 'safe-stable-stringify';
import { buildModel, type FileItem } from './build-model.js';
import { formatPath, type Problem, type SpecError } from './errors.js';
import { validateSchema } from './schema/schema-validator.js';
import { preservePythonFloats } from './python-values.js';
import { checkItem } from './semantic-checks.js';
import { MAX_FILE_BYTES, offsetOf, parseYaml, type ParsedYaml } from './yaml-source.js';

export interface LoadedFile {
  ok: true;
  /** The path as given to the loader (relative to the working directory when possible). */
  file: string;
  item: FileItem;
  /** sha256 (hex) of the canonical JSON of the parsed content: the version identity. */
  hash: string;
  /** Locates a problem found later (e.g. a cross-file check) in this file. */
  locate(problem: Problem): SpecError;
}

export interface FailedFile {
  ok: false;
  file: string;
  errors: SpecError[];
}

export type FileLoadResult = LoadedFile | FailedFile;

/** Canonical JSON (sorted keys) hashed with sha256: comments and key order do not count. */
export function contentHash(data: unknown): string {
  return createHash('sha256').update(stableStringify(data) ?? 'null').digest('hex');
}

/** `<course-dir>/<file-stem>` for `exercises/closures/make-counter.yaml`. */
export function expectedIdFor(filePath: string): string {
  const course = path.basename(path.dirname(path.resolve(filePath)));
  return `${course}/${path.basename(filePath).replace(/\.ya?ml$/, '')}`;
}

export function displayPath(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative.startsWith('..') || path.isAbsolute(relative) ? filePath : relative;
}

/** Loads one file; never throws for a bad file, it returns its located errors instead. */
export async function loadFile(filePath: string): Promise<FileLoadResult> {
  const file = displayPath(filePath);
  let text: string;
  try {
    const { size } = await stat(filePath);
    if (size > MAX_FILE_BYTES) return failAt(file, `file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes`);
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    return failAt(file, `cannot read file: ${(error as Error).message}`);
  }
  return parseFileText(file, text);
}

/** The same as loadFile for content already in memory (`file` is used in messages and for the id check). */
export function parseFileText(file: string, text: string): FileLoadResult {
  const result = parseYaml(text);
  if (!result.ok) {
    const positionOf = lineCounterFor(text);
    return { ok: false, file, errors: result.issues.map((i) => at(file, positionOf(i.offset), '', i.message)) };
  }
  const locate = (problem: Problem) => locateProblem(file, result.parsed, problem);
  const schemaProblems = validateSchema(result.parsed.data);
  if (schemaProblems.length > 0) return { ok: false, file, errors: inFileOrder(schemaProblems.map(locate)) };
  const data = result.parsed.data as Record<string, unknown>;
  preservePythonFloats(result.parsed.doc, data);
  const item = buildModel(data);
  const semanticProblems = checkItem(item, expectedIdFor(file));
  if (semanticProblems.length > 0) return { ok: false, file, errors: inFileOrder(semanticProblems.map(locate)) };
  return { ok: true, file, item, hash: contentHash(data), locate };
}

export function inFileOrder(errors: SpecError[]): SpecError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function locateProblem(file: string, parsed: ParsedYaml, problem: Problem): SpecError {
  const offset = offsetOf(parsed.doc, problem.path, problem.atKey);
  const position = parsed.lineCounter.linePos(offset);
  return at(file, position, formatPath(problem.path), problem.message);
}

/** A line/column lookup that does not depend on a successful parse. */
export function lineCounterFor(text: string): (offset: number) => { line: number; col: number } {
  return (offset) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, col: offset - before.lastIndexOf('\n') };
  };
}

export function at(file: string, pos: { line: number; col: number }, fieldPath: string, message: string): SpecError {
  return { file, line: pos.line, column: pos.col, path: fieldPath, message };
}

export function failAt(file: string, message: string): FailedFile {
  return { ok: false, file, errors: [at(file, { line: 1, col: 1 }, '', message)] };
}
