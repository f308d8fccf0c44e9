import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { codeQuestionsOf, toGradingJob, type CodeQuestionRef, type CourseItem } from '@app/quiz-spec';
import type { AuthoringCodeQuestion, AuthoringCodeRun, AuthoringTestResult } from '@app/contracts';
import type { GradingJob, GradingResult } from '@app/grader';
import { GradingService } from '../grading/grading.service.js';
import { QuizValidator } from './quiz-validator.service.js';

/** The part of the grading service this use case needs (a plain fake in unit tests). */
export type CodeGrader = Pick<GradingService, 'grade'>;

/** Fixed, as in the solution checks: the same source gives the same verdicts run after run. */
const SEED = 1;

/**
 * The editor's code runner: the instructor grades the reference solution, a wrong one or any
 * source against every test of one code question of the YAML being edited (saved or not). Every
 * test is graded as visible so that the engine's real message reaches the author, hidden tests
 * included; the author's feedback is kept apart so the page can show both, as a learner sees them.
 */
@Injectable()
export class TryCode {
  constructor(
    private readonly validator: QuizValidator,
    private readonly grading: GradingService,
  ) {}

  async questions(yaml: string): Promise<AuthoringCodeQuestion[]> {
    const { item, targets } = await this.targets(yaml);
    return targets.map((target) => toCodeQuestion(target, item.kind === 'exercise' ? item.title : undefined));
  }

  async run(yaml: string, key: string, source: string): Promise<AuthoringCodeRun> {
    const { targets } = await this.targets(yaml);
    const target = targets.find((t) => t.question === key);
    if (!target) {
      const known = targets.map((t) => `"${t.question}"`).join(', ') || 'none';
      throw new NotFoundException(`question: the file has no code question "${key}" (its code questions: ${known})`);
    }
    const { job, feedback } = authorJob(target, source);
    // Capped like a learner's run: a submission printing megabytes must not reach the page whole.
    const result = await this.grading.grade(job);
    return toRun(key, result, target, feedback);
  }

  private async targets(yaml: string): Promise<{ item: CourseItem; targets: CodeQuestionRef[] }> {
    const { report, item } = await this.validator.validate({ yaml });
    if (!report.valid || !item || !report.hash) {
      const first = report.errors[0];
      throw new UnprocessableEntityException({
        message: first ? `yaml: the file has ${report.errors.length} error(s); the first at line ${first.line}: ${first.message}` : 'yaml: the file is not valid',
        details: { errors: report.errors, violations: report.violations },
      });
    }
    return { item, targets: codeQuestionsWithRefs(item, report.hash) };
  }
}

/** Like the validator's list, plus the exercises a quiz includes by `ref:` (graded here as in the quiz). */
function codeQuestionsWithRefs(item: CourseItem, hash: string): CodeQuestionRef[] {
  const file = `${item.id}.yaml`;
  const own = codeQuestionsOf([{ file, hash, item }]);
  if (item.kind === 'exercise') return own;
  const included = item.questions.flatMap((q) => (q.type === 'code' && q.ref !== undefined ? [{ file, question: `${item.id}#${q.id}`, code: q }] : []));
  return [...own, ...included];
}

function toCodeQuestion({ question, code }: CodeQuestionRef, exerciseTitle: string | undefined): AuthoringCodeQuestion {
  return {
    key: question,
    title: exerciseTitle ?? code.title ?? question,
    starter: code.starter,
    reference: { name: 'reference', code: code.solution },
    otherSolutions: (code.other_solutions ?? []).map((o) => ({ name: o.name, code: o.code })),
    wrongSolutions: code.wrong_solutions.map((w) => ({ name: w.name, code: w.code, fails: w.fails, feedback: w.feedback })),
  };
}

/** Every test visible (the real message), its feedback taken out of the message and kept by name. */
function authorJob({ code }: CodeQuestionRef, source: string): { job: GradingJob; feedback: Map<string, string> } {
  const job = toGradingJob(code, source, { only: 'all', seed: SEED });
  const feedback = new Map(job.tests.map((t) => [t.name, t.feedback ?? '']));
  return { job: { ...job, tests: job.tests.map((t) => ({ ...t, visibility: 'visible', feedback: undefined })) }, feedback };
}

function toRun(key: string, result: GradingResult, { code }: CodeQuestionRef, feedback: Map<string, string>): AuthoringCodeRun {
  const hidden = new Set(code.tests.map((t) => t.name));
  const tests = result.tests.map((t): AuthoringTestResult => ({
    name: t.name,
    visibility: hidden.has(t.name) ? 'hidden' : 'visible',
    status: t.status,
    message: t.message,
    // What a learner would read under this test: only when it does not pass.
    feedback: t.status === 'pass' || t.status === 'skipped' ? '' : (feedback.get(t.name) ?? ''),
    output: t.output,
    score: t.score,
    maxScore: t.max_score,
  }));
  return {
    key,
    status: result.status,
    points: result.points,
    maxPoints: result.max_points,
    passed: tests.filter((t) => t.status === 'pass').length,
    total: tests.filter((t) => t.status !== 'skipped').length,
    message: result.message,
    tests,
  };
}
