import { Injectable } from '@nestjs/common';
import { parse as parseYamlLoosely } from 'yaml';
import { checkSolutions, codeQuestionsOf, parseFileText, type CourseItem, type SpecError } from '@app/quiz-spec';
import type { SolutionViolation, SpecErrorItem, ValidationReport } from '@app/contracts';
import type { GradingJob } from '@app/grader';
import { GradingService } from '../grading/grading.service.js';
import { AuthoringRepository } from './authoring.repository.js';
import { resolveRefs } from './quiz-refs.js';

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ValidateRequest {
  yaml: string;
  /** Grade the reference and wrong solutions as `npm run exercises:validate` does. */
  verify?: boolean;
}

/** A report, plus the resolved model when the file is valid (what a save stores). */
export interface Validated {
  report: ValidationReport;
  item?: CourseItem;
}

/**
 * The CLI's validator for text sent over HTTP: quiz-spec's parser with its schema and semantic
 * checks, `ref:` resolved against the exercises stored in the database, and optionally the
 * solution checks run on the real grader.
 */
@Injectable()
export class QuizValidator {
  constructor(
    private readonly repository: AuthoringRepository,
    private readonly grading: GradingService,
  ) {}

  async validate({ yaml, verify = false }: ValidateRequest): Promise<Validated> {
    const declaredId = peekId(yaml);
    // The parser checks that the id is `<course-dir>/<file-stem>` of the file name it is given:
    // an upload is named after its own id, so that check holds whenever the id is well formed.
    const loaded = parseFileText(`${declaredId ?? 'upload/upload'}.yaml`, yaml);
    if (!loaded.ok) return { report: invalid(declaredId, loaded.errors) };
    const resolved = await resolveRefs(loaded, (id) => this.currentItem(id));
    if (!resolved.ok) return { report: invalid(loaded.item.id, resolved.errors) };
    const violations = verify ? await this.verify(resolved.item, loaded.file, loaded.hash) : [];
    const report: ValidationReport = {
      valid: violations.length === 0,
      id: resolved.item.id,
      kind: resolved.item.kind,
      hash: loaded.hash,
      errors: [],
      verified: verify,
      violations,
    };
    return { report, item: resolved.item };
  }

  private async currentItem(id: string): Promise<CourseItem | null> {
    return (await this.repository.currentVersion(id))?.content ?? null;
  }

  private async verify(item: CourseItem, file: string, hash: string): Promise<SolutionViolation[]> {
    const targets = codeQuestionsOf([{ file, hash, item }]);
    // The author's own code, graded whole: test discovery reports test_module's test names in one
    // message, which a learner-sized cap would cut for a module with many tests.
    const authorCode = { grade: (job: GradingJob) => this.grading.grade(job, { uncapped: true }) };
    const results = await Promise.all(targets.map((target) => checkSolutions(target, authorCode)));
    return results.flat().map(({ question, message }) => ({ question, message }));
  }
}

/** The file's `id`, when it is a well-formed string; the parser reports every other case. */
export function peekId(yaml: string): string | null {
  try {
    const data: unknown = parseYamlLoosely(yaml, { maxAliasCount: 100 });
    const id = (data as { id?: unknown } | null)?.id;
    return typeof id === 'string' && ID_PATTERN.test(id) ? id : null;
  } catch {
    return null;
  }
}

function invalid(id: string | null, errors: SpecError[]): ValidationReport {
  return { valid: false, id, kind: null, hash: null, errors: errors.map(toErrorItem), verified: false, violations: [] };
}

function toErrorItem({ line, column, path, message }: SpecError): SpecErrorItem {
  return { line, column, path, message };
}
