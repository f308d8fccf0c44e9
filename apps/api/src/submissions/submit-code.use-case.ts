import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import type { LearnerSubmission } from '@app/contracts';
import { SubmissionProcessor } from '../grading/submission-processor.js';
import { alreadySubmitted } from '../attempts/answer-question.use-case.js';
import { AttemptsRepository } from '../attempts/attempts.repository.js';
import { assertBeforeDeadline, assertOpen, scoresHidden } from '../attempts/quiz-rules.js';
import { toSettings } from '../attempts/quiz-records.js';
import { SubmissionsRepository } from './submissions.repository.js';
import type { SubmissionKind } from './submission.types.js';
import { toLearnerSubmission } from './submission-view.js';
import { GradingsInFlight } from './gradings-in-flight.js';
import { sourceOf, type SubmissionInput } from './submission-source.js';

/** How long a request waits for its verdict before answering 202 with a URL to poll. */
export const SUBMISSION_WAIT_MS = Symbol('SUBMISSION_WAIT_MS');
export const DEFAULT_SUBMISSION_WAIT_MS = 15_000;

/** The part of the grading pipeline this use case needs (a plain fake in unit tests). */
export type GradingQueue = Pick<SubmissionProcessor, 'enqueue' | 'waitFor'>;

/**
 * Sends learner code to the grader. `run` grades the visible tests only and counts for nothing;
 * `submit` grades every test, counts towards the question's limit and its best score becomes the
 * question's answer. Either way the row is stored as pending before grading starts.
 */
@Injectable()
export class SubmitCode {
  private readonly logger = new Logger(SubmitCode.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly submissions: SubmissionsRepository,
    @Inject(SubmissionProcessor) private readonly queue: GradingQueue,
    @Optional() @Inject(SUBMISSION_WAIT_MS) private readonly waitMs: number = DEFAULT_SUBMISSION_WAIT_MS,
    @Optional() @Inject(GradingsInFlight) private readonly inFlight: GradingsInFlight | null = null,
  ) {}

  /** `input`: code, or a run-graded Parsons problem's lines `{ lines }` (assembled into the program stored and graded). */
  async execute(userId: string, attemptId: string, questionKey: string, input: SubmissionInput, kind: SubmissionKind, now = new Date()): Promise<LearnerSubmission> {
    const found = await this.attempts.findOwnQuestion(attemptId, userId, questionKey, now);
    if (!found) throw new NotFoundException(`No attempt ${attemptId}`);
    const { attempt, question } = found;
    if (!question) throw new NotFoundException(`No question "${questionKey}" in this attempt`);
    const source = sourceOf(question, attempt, input, kind);
    assertBeforeDeadline(attempt.deadlineAt, now);
    if (attempt.deadlineAt === null && found.examInProgressElsewhere) {
      // An exam may use a practice exercise by reference (closures-check holds make-counter): its
      // practice copy would grade the exam's hidden tests with their verdicts and feedback, which
      // the exam withholds, as often as the learner likes (red team redapi). While an exam's timer
      // runs, its taker's code is graded in that exam only.
      throw new ConflictException('You have a timed exam in progress: until it ends, code is graded in the exam only');
    }
    if (kind === 'run' && attempt.settings.exam && !attempt.settings.exam.visible_tests) {
      throw new ForbiddenException('Running the visible tests is turned off in this exam: submit your code to have it graded');
    }
    if (kind === 'submit') {
      if (attempt.status !== 'in_progress') throw alreadySubmitted();
      assertOpen(attempt.settings, now);
    }
    // Checked and taken in one synchronous step: a burst of requests cannot all pass the check.
    this.inFlight?.reserve(userId);
    let outcome: Awaited<ReturnType<SubmissionsRepository['create']>>;
    try {
      outcome = await this.submissions.create({ attemptId, userId, questionId: question.id, source, kind }, question.attempts);
    } catch (error) {
      this.inFlight?.cancel(userId);
      throw error;
    }
    if (outcome.created) this.inFlight?.hold(userId, outcome.id);
    else this.inFlight?.cancel(userId);
    if (!outcome.created) {
      if (outcome.reason === 'attempt_submitted') throw alreadySubmitted();
      throw new ConflictException(`Submission limit reached: you have used all ${question.attempts} submissions of "${questionKey}" in this attempt`);
    }
    // Listen before enqueueing: a fast verdict must not be missed.
    const verdict = this.queue.waitFor(outcome.id, this.waitMs);
    this.queue.enqueue(outcome.id);
    if (kind === 'run') await this.pruneOldRuns(attemptId, question.id);
    await verdict;
    return this.getOwn(userId, outcome.id);
  }

  /** Best effort: a run is answered even if older runs could not be pruned now (the next run prunes them). */
  private async pruneOldRuns(attemptId: string, questionId: string): Promise<void> {
    try {
      await this.submissions.pruneOldRuns(attemptId, questionId);
    } catch (error) {
      this.logger.warn(`Old runs of attempt ${attemptId} not pruned: ${(error as Error).message}`);
    }
  }

  async getOwn(userId: string, submissionId: string, now = new Date()): Promise<LearnerSubmission> {
    const row = await this.submissions.findOwn(submissionId, userId);
    if (!row) throw new NotFoundException(`No submission ${submissionId}`);
    return toLearnerSubmission(row, scoresHidden(toSettings(row.settings), row.scoresReleasedAt ?? null, now));
  }
}
