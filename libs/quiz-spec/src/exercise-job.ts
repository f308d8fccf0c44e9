import path from 'node:path';
import type { GradingJob } from '../../grader/src/types.js';
import { formatSpecError, type SpecError } from './errors.js';
import { toGradingJob, type GradingJobOptions } from './grading-job.js';
import { loadFile } from './load-file.js';
import type { Exercise } from './model.types.js';

/** Thrown when an exercise cannot be used; `errors` holds the located problems. */
export class SpecLoadError extends Error {
  constructor(
    message: string,
    readonly errors: SpecError[] = [],
  ) {
    super([message, ...errors.map(formatSpecError)].join('\n'));
    this.name = 'SpecLoadError';
  }
}

/** `closures/make-counter` -> `<root>/closures/make-counter.yaml`; a `.yaml`/`.yml` path is kept. */
export function resolveExercisePath(idOrPath: string, root = 'exercises'): string {
  if (/\.ya?ml$/.test(idOrPath)) return idOrPath;
  return path.join(root, `${idOrPath}.yaml`);
}

/** Loads one exercise file (by id or path); throws SpecLoadError when it is invalid or a quiz. */
export async function loadExercise(idOrPath: string, root = 'exercises'): Promise<Exercise> {
  const file = resolveExercisePath(idOrPath, root);
  const result = await loadFile(file);
  if (!result.ok) throw new SpecLoadError(`${file} has errors:`, result.errors);
  if (result.item.kind !== 'exercise') {
    throw new SpecLoadError(`${file} is a quiz; give the id or path of an exercise (kind: exercise)`);
  }
  return result.item;
}

/**
 * For the grader CLI: the grading job of `source` against an exercise given by id or path.
 * `source` may be left out to get a job template whose source is filled in per submission.
 */
export async function loadExerciseJob(
  idOrPath: string,
  source = '',
  options: GradingJobOptions & { root?: string } = {},
): Promise<GradingJob> {
  const exercise = await loadExercise(idOrPath, options.root);
  return toGradingJob(exercise.question, source, options);
}
