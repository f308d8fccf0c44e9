import { Injectable, NotFoundException } from '@nestjs/common';
import { asQuiz, toLearnerView } from '@app/quiz-spec';
import { learnerVariant } from '../attempts/attempt-view.js';
import type { AuthoringPreview, AuthoringQuizDetail, AuthoringQuizSummary, AuthoringSubmission } from '@app/contracts';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { AuthoringRepository, type QuizRow, type SubmissionFilter, type SubmissionRow } from './authoring.repository.js';

/** Seed of the ordering shuffle in previews: stable, so the instructor sees the same order each time. */
export const PREVIEW_SEED = 'preview';

/** What instructors read and toggle: every quiz, its versions, its learner view, its submissions. */
@Injectable()
export class AuthoringService {
  constructor(private readonly repository: AuthoringRepository) {}

  async list(query: PaginationQueryDto): Promise<Page<AuthoringQuizSummary>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.listQuizzes(skip, take);
    const counts = await this.repository.countSubmissions(rows.map((row) => row.id));
    return toPage(rows.map((row) => toSummary(row, counts.get(row.id) ?? 0)), total, query);
  }

  async detail(id: string): Promise<AuthoringQuizDetail> {
    const quiz = await this.findOrThrow(id);
    const [versions, current, counts] = await Promise.all([
      this.repository.listVersions(id),
      this.repository.currentVersion(id),
      this.repository.countSubmissions([id]),
    ]);
    return {
      ...toSummary(quiz, counts.get(id) ?? 0),
      sourceYaml: current?.sourceYaml ?? null,
      content: current?.content ?? null,
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        contentHash: v.contentHash,
        createdAt: v.createdAt.toISOString(),
        questionCount: v.questionCount,
        current: v.id === quiz.currentVersionId,
      })),
    };
  }

  /** The current version through quiz-spec's learner view: nothing a learner may not see. */
  async preview(id: string): Promise<AuthoringPreview> {
    const quiz = await this.findOrThrow(id);
    const current = await this.repository.currentVersion(id);
    if (!current) throw new NotFoundException(`Quiz "${id}" has no version yet`);
    return {
      id,
      title: quiz.title,
      kind: quiz.kind,
      course: quiz.course,
      version: current.version,
      questions: asQuiz(current.content).questions.map((question) => toLearnerView(learnerVariant(question, 0), PREVIEW_SEED)),
    };
  }

  async setPublished(id: string, published: boolean): Promise<AuthoringQuizSummary> {
    if (!(await this.repository.setPublished(id, published))) throw new NotFoundException(`No quiz with id "${id}"`);
    const [quiz, counts] = await Promise.all([this.findOrThrow(id), this.repository.countSubmissions([id])]);
    return toSummary(quiz, counts.get(id) ?? 0);
  }

  async submissions(id: string, filter: SubmissionFilter, query: PaginationQueryDto): Promise<Page<AuthoringSubmission>> {
    await this.findOrThrow(id);
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.listSubmissions(id, filter, skip, take);
    return toPage(rows.map(toSubmission), total, query);
  }

  private async findOrThrow(id: string): Promise<QuizRow> {
    const quiz = await this.repository.findQuiz(id);
    if (!quiz) throw new NotFoundException(`No quiz with id "${id}"`);
    return quiz;
  }
}

function toSummary(row: QuizRow, submissionsCount: number): AuthoringQuizSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    course: row.course,
    published: row.published,
    currentVersion: row.currentVersion,
    versionsCount: row.versionsCount,
    submissionsCount,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A regrade records the version it graded against inside the stored result (see regrade-store). */
export function gradedVersionOf(row: Pick<SubmissionRow, 'result' | 'answeredVersion'>): number {
  const regrade = (row.result as { regrade?: { version?: unknown } } | null)?.regrade;
  return typeof regrade?.version === 'number' ? regrade.version : row.answeredVersion;
}

function toSubmission(row: SubmissionRow): AuthoringSubmission {
  return {
    id: row.id,
    learnerId: row.userId,
    learnerEmail: row.email,
    questionKey: row.questionKey,
    kind: row.kind,
    status: row.status,
    score: row.score,
    points: row.points,
    maxPoints: row.maxPoints,
    attemptId: row.attemptId,
    answeredVersion: row.answeredVersion,
    gradedVersion: gradedVersionOf(row),
    createdAt: row.createdAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
  };
}
