import { Injectable, NotFoundException } from '@nestjs/common';
import type { LearnerWorkAttempt, LearnerWorkSubmission, LearnerWorkTest } from '@app/contracts';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { LearnerWorkRepository, type AttemptRow, type SubmissionRow } from './learner-work.repository.js';

interface StoredTest {
  name?: unknown;
  visibility?: unknown;
  status?: unknown;
  message?: unknown;
}

/** The drill-down from a learner's row: their attempts, and each code run's source and verdict. */
@Injectable()
export class LearnerWorkService {
  constructor(private readonly repository: LearnerWorkRepository) {}

  async attempts(userId: string, query: PaginationQueryDto): Promise<Page<LearnerWorkAttempt>> {
    await this.assertUser(userId);
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.attempts(userId, skip, take);
    return toPage(rows.map(toAttempt), total, query);
  }

  async submissions(userId: string, attemptId: string | undefined, query: PaginationQueryDto): Promise<Page<LearnerWorkSubmission>> {
    await this.assertUser(userId);
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.repository.submissions(userId, attemptId, skip, take);
    return toPage(rows.map(toSubmission), total, query);
  }

  private async assertUser(userId: string): Promise<void> {
    if (!(await this.repository.userExists(userId))) throw new NotFoundException(`No user with id ${userId}`);
  }
}

function toAttempt(row: AttemptRow): LearnerWorkAttempt {
  return {
    id: row.id,
    quizId: row.quizVersion.quiz.id,
    quizTitle: row.quizVersion.quiz.title,
    version: row.quizVersion.version,
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    startedAt: row.startedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submissions: row._count.submissions,
  };
}

/** The stored result's tests as the learner saw them (hidden tests: their feedback only). */
function testsOf(result: unknown): LearnerWorkTest[] {
  const tests = (result as { tests?: unknown } | null)?.tests;
  if (!Array.isArray(tests)) return [];
  return (tests as StoredTest[]).map((t) => ({
    name: String(t.name ?? ''),
    visibility: t.visibility === 'hidden' ? 'hidden' : 'visible',
    status: String(t.status ?? ''),
    message: typeof t.message === 'string' ? t.message : '',
  }));
}

function toSubmission(row: SubmissionRow): LearnerWorkSubmission {
  const tests = testsOf(row.result);
  return {
    id: row.id,
    attemptId: row.attemptId,
    quizId: row.question.quizVersion.quizId,
    questionKey: row.question.key,
    kind: row.kind,
    status: row.status,
    points: row.points,
    maxPoints: row.maxPoints,
    passed: tests.filter((t) => t.status === 'pass').length,
    total: tests.filter((t) => t.status !== 'skipped').length,
    source: row.source,
    tests,
    createdAt: row.createdAt.toISOString(),
  };
}
