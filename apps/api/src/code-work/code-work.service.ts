import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { isRunGraded } from '@app/quiz-spec';
import type { LearnerAttemptCode, LearnerCodeWork, LearnerDraft, LearnerSubmissionWithSource } from '@app/contracts';
import { alreadySubmitted } from '../attempts/answer-question.use-case.js';
import { AttemptsRepository } from '../attempts/attempts.repository.js';
import { assertBeforeDeadline, scoresHidden } from '../attempts/quiz-rules.js';
import { toLearnerSubmission } from '../submissions/submission-view.js';
import { CodeWorkRepository, type SubmissionWithSource } from './code-work.repository.js';

/**
 * The learner's code, kept on the server: drafts saved as they type, read back with the latest
 * run and submission of each code question. Another learner's attempt is a 404, like an unknown one.
 */
@Injectable()
export class CodeWorkService {
  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly code: CodeWorkRepository,
  ) {}

  /** Only while the attempt is in progress and before its deadline: a finished attempt's code is final. */
  async saveDraft(userId: string, attemptId: string, key: string, source: string, now = new Date()): Promise<LearnerDraft> {
    const found = await this.attempts.findOwnQuestion(attemptId, userId, key);
    if (!found) throw new NotFoundException(`No attempt ${attemptId}`);
    const { attempt, question } = found;
    if (!question) throw new NotFoundException(`No question "${key}" in this attempt`);
    if (question.type !== 'code') throw new BadRequestException(`"${key}" is not a code question: only code questions keep a draft`);
    if (attempt.status !== 'in_progress') throw alreadySubmitted();
    assertBeforeDeadline(attempt.deadlineAt, now);
    const savedAt = await this.code.saveDraft(attemptId, question.id, source);
    return { questionKey: key, source, savedAt: savedAt.toISOString() };
  }

  async codeOf(userId: string, attemptId: string, now = new Date()): Promise<LearnerAttemptCode> {
    const attempt = await this.attempts.findOwn(attemptId, userId);
    if (!attempt) throw new NotFoundException(`No attempt ${attemptId}`);
    // The same rule as the attempt's own view: a withheld exam verdict stays withheld here.
    const hidden = scoresHidden(attempt.version.settings, attempt.quiz.scoresReleasedAt, now);
    // Code questions and Parsons problems graded by running: a reload shows the program last
    // sent (a Parsons board is laid out again from it) with its results.
    const codeQuestions = attempt.version.questions.filter((q) => isRunGraded(q.content));
    const [drafts, latest] = await Promise.all([this.code.findDrafts(attemptId), this.code.latestSubmissions(attemptId)]);
    const draftOf = new Map(drafts.map((d) => [d.questionId, d]));
    const view = (row: SubmissionWithSource | undefined): LearnerSubmissionWithSource | null =>
      row ? { ...toLearnerSubmission(row, hidden), source: row.source } : null;
    const work: LearnerCodeWork[] = codeQuestions.map((q) => {
      const draft = draftOf.get(q.id);
      return {
        questionKey: q.key,
        draft: draft ? { questionKey: q.key, source: draft.source, savedAt: draft.updatedAt.toISOString() } : null,
        lastRun: view(latest.find((s) => s.questionKey === q.key && s.kind === 'run')),
        lastSubmission: view(latest.find((s) => s.questionKey === q.key && s.kind === 'submit')),
        earlier: null,
      };
    });
    const fresh = work.filter((w) => !w.draft && !w.lastRun && !w.lastSubmission);
    if (attempt.status === 'in_progress' && fresh.length > 0) {
      const earlier = await this.code.earlierSubmissions(userId, attempt.quiz.id, attemptId);
      for (const w of fresh) {
        const found = earlier.find((e) => e.questionKey === w.questionKey);
        if (found) w.earlier = { attemptId: found.attemptId, source: found.source, createdAt: found.createdAt.toISOString() };
      }
    }
    return { attemptId, questions: work };
  }
}
