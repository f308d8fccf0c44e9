import { Injectable, NotFoundException } from '@nestjs/common';
import type { QuestionStats, VariantStats } from '@app/contracts';
import { chooseValues, type Question } from '@app/quiz-spec';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { ratio, roundOrNull } from './dashboard-math.js';
import { QuestionStatsRepository, type FailedTestRow, type VariantOutcomeRow } from './question-stats.repository.js';

export const MOST_FAILED_TESTS = 5;

/** Per-question figures of one quiz, questions in the order of its current version. */
@Injectable()
export class QuestionStatsService {
  constructor(private readonly repository: QuestionStatsRepository) {}

  async forQuiz(quizId: string, query: PaginationQueryDto): Promise<Page<QuestionStats>> {
    if (!(await this.repository.quizExists(quizId))) throw new NotFoundException(`No quiz with id ${quizId}`);
    const [questions, outcomes, submissions, failedTests, faults, mistakes, varied] = await Promise.all([
      this.repository.questions(quizId),
      this.repository.outcomes(quizId),
      this.repository.submissions(quizId),
      this.repository.mostFailedTests(quizId, MOST_FAILED_TESTS),
      this.repository.gradingFaults(quizId),
      this.repository.misconceptions(quizId),
      this.repository.variantQuestions(quizId),
    ]);
    const perVariant = variantStats(varied, await this.repository.variantOutcomes(quizId, [...varied.keys()]));
    const outcomeOf = new Map(outcomes.map((row) => [row.key, row]));
    const faultsOf = new Map(faults.map(({ key, grader, author }) => [key, { grader, author }]));
    const submissionsOf = new Map(submissions.map((row) => [row.key, row]));
    const items = questions
      .sort((a, b) => a.position - b.position || a.key.localeCompare(b.key))
      .map((question): QuestionStats => {
        const outcome = outcomeOf.get(question.key);
        const graded = outcome?.gradedAttempts ?? 0;
        const passed = outcome?.passedAttempts ?? 0;
        return {
          ...question,
          answers: outcome?.answers ?? 0,
          gradedAttempts: graded,
          passedAttempts: passed,
          passRate: ratio(passed, graded),
          submissions: submissionsOf.get(question.key)?.submissions ?? 0,
          meanSubmissionsToPass: roundOrNull(submissionsOf.get(question.key)?.meanSubmissionsToPass),
          mostFailedTests: failuresOf(failedTests, question.key),
          gradingFaults: faultsOf.get(question.key) ?? { grader: 0, author: 0 },
          misconceptions: mistakes.filter((row) => row.key === question.key).map(({ name, learners, failures }) => ({ name, learners, failures })),
          ...(perVariant.has(question.key) ? { variants: perVariant.get(question.key)! } : {}),
        };
      });
    // A quiz has tens of questions at most: all are aggregated in one pass, then paged here.
    const { skip, take } = toSkipTake(query);
    return toPage(items.slice(skip, skip + take), items.length, query);
  }
}

function failuresOf(rows: FailedTestRow[], key: string): { name: string; failures: number }[] {
  return rows.filter((row) => row.key === key).map(({ name, failures }) => ({ name, failures }));
}

/**
 * Per-variant figures of the questions with variants: each attempt's seed is turned into its
 * variant as the current version draws it, and attempts on the same values are added up. Every
 * variant of a list (or drawn for a range) appears, with zeros when nobody got it yet.
 */
export function variantStats(questions: Map<string, Question>, rows: VariantOutcomeRow[]): Map<string, VariantStats[]> {
  const result = new Map<string, VariantStats[]>();
  for (const [key, question] of questions) {
    const byValues = new Map<string, VariantStats>();
    for (const values of question.variants ?? []) byValues.set(JSON.stringify(values), { values, gradedAttempts: 0, passedAttempts: 0, passRate: null });
    for (const row of rows.filter((r) => r.key === key)) {
      const values = chooseValues(question, row.seed);
      if (!values) continue;
      const id = JSON.stringify(values);
      const entry = byValues.get(id) ?? { values, gradedAttempts: 0, passedAttempts: 0, passRate: null };
      entry.gradedAttempts += row.gradedAttempts;
      entry.passedAttempts += row.passedAttempts;
      byValues.set(id, entry);
    }
    result.set(key, [...byValues.values()].map((v) => ({ ...v, passRate: ratio(v.passedAttempts, v.gradedAttempts) })));
  }
  return result;
}
