import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { CourseItem } from '@app/quiz-spec';
import type { SaveQuizResult, ValidationReport } from '@app/contracts';
import { CatalogRepository } from '../catalog/catalog.repository.js';
import { AuthoringRepository } from './authoring.repository.js';
import { peekId, QuizValidator, type ValidateRequest } from './quiz-validator.service.js';

interface ValidItem {
  item: CourseItem;
  hash: string;
}

/**
 * Upload and edit of YAML quizzes: validated exactly like the CLI, then stored as a new immutable
 * version through the catalog (same content twice makes no new version).
 */
@Injectable()
export class QuizUploadService {
  constructor(
    private readonly validator: QuizValidator,
    private readonly catalog: CatalogRepository,
    private readonly repository: AuthoringRepository,
  ) {}

  async check(request: ValidateRequest): Promise<ValidationReport> {
    return (await this.validator.validate(request)).report;
  }

  /** A new quiz: 409 when the id is taken (the instructor saves a new version of that quiz instead). */
  async create(request: ValidateRequest): Promise<SaveQuizResult> {
    const valid = await this.validOrThrow(request);
    const id = valid.item.id;
    if (await this.repository.findQuiz(id)) {
      throw new ConflictException({
        message: `A quiz with id "${id}" already exists: open it from the Exercises list and save a new version there, or change the id`,
        details: { id },
      });
    }
    return this.store(valid, request);
  }

  /** A new version of an existing quiz: 404 when unknown, 400 when the file names another id. */
  async update(id: string, request: ValidateRequest): Promise<SaveQuizResult> {
    if (!(await this.repository.findQuiz(id))) throw new NotFoundException(`No quiz with id "${id}"`);
    const declared = peekId(request.yaml);
    if (declared !== null && declared !== id) {
      throw new BadRequestException({ message: `The file's id "${declared}" does not match the URL's id "${id}"`, details: { id: declared } });
    }
    return this.store(await this.validOrThrow(request), request);
  }

  private async validOrThrow(request: ValidateRequest): Promise<ValidItem> {
    const { report, item } = await this.validator.validate(request);
    if (report.valid && item && report.hash) return { item, hash: report.hash };
    const message = report.errors.length > 0
      ? `The file has ${report.errors.length} error(s); the first at line ${report.errors[0]!.line}: ${report.errors[0]!.message}`
      : `The solutions do not behave as declared (${report.violations.length} violation(s))`;
    throw new UnprocessableEntityException({ message, details: { errors: report.errors, violations: report.violations } });
  }

  private async store({ item, hash }: ValidItem, request: ValidateRequest): Promise<SaveQuizResult> {
    const course = item.id.slice(0, item.id.indexOf('/'));
    let outcome: SaveQuizResult['outcome'] = await this.catalog.saveVersion({ item, course, hash, sourceYaml: request.yaml, keepPublished: true });
    // A hash seen before keeps its old version: re-uploading that content means "go back to it".
    if (outcome === 'unchanged' && (await this.repository.makeCurrent(item.id, hash))) outcome = 'restored';
    const [quiz, current] = await Promise.all([this.repository.findQuiz(item.id), this.repository.currentVersion(item.id)]);
    return { id: item.id, outcome, version: current!.version, hash, published: quiz!.published, verified: request.verify === true };
  }
}
