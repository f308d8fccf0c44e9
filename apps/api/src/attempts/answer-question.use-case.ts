import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { gradeAnswer, isRunGraded, questionForSeed } from '@app/quiz-spec';
import type { LearnerAnswer } from '@app/contracts';
import type { AttemptRecord, QuestionRecord } from './attempt.types.js';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { AttemptsRepository, type Db } from './attempts.repository.js';
import { recordStandingScore } from './attempt-recorder.js';
import { gradebookSend } from './gradebook-send.js';
import { toLearnerAnswer } from './attempt-view.js';
import { assertBeforeDeadline, assertOpen, scoresHidden } from './quiz-rules.js';
import { responseShapeError } from './response-shape.js';

/** Loads the caller's attempt and one of its questions; 404 for anything not theirs or unknown. */
export async function loadOwnQuestion(
  attempts: AttemptsRepository,
  userId: string,
  attemptId: string,
  questionKey: string,
): Promise<{ attempt: AttemptRecord; question: QuestionRecord }> {
  const attempt = await attempts.findOwn(attemptId, userId);
  if (!attempt) throw new NotFoundException(`No attempt ${attemptId}`);
  const question = attempt.version.questions.find((q) => q.key === questionKey);
  if (!question) throw new NotFoundException(`No question "${questionKey}" in this attempt`);
  return { attempt, question };
}

export function alreadySubmitted(): ConflictException {
  return new ConflictException('This attempt is already submitted; start a new attempt to answer again');
}

export function assertInProgress(attempt: AttemptRecord): void {
  if (attempt.status !== 'in_progress') throw alreadySubmitted();
}

/**
 * Answers a non-code question: validated against the question's type, graded at once, stored.
 * Answers are final within an attempt (the feedback would otherwise give the answer away):
 * sending the same response again returns the stored verdict, a different one is a 409.
 * A practice attempt's score is recorded with the answer (docs/scoring.md).
 */
@Injectable()
export class AnswerQuestion {
  /**
   * The questions of an attempt whose answer this process is grading and storing. Answers are
   * final once stored, but a burst of different answers to one question, sent together, was
   * graded answer by answer before the first was stored: each costs up to the patterns' 50 ms of
   * the event loop (pattern-match.ts), so a burst held every request for as long as the learner
   * liked (red team redapi2). One at a time per question; the others get 409 ungraded.
   */
  private readonly answering = new Set<string>();

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly outbox: ScoreOutbox,
  ) {}

  async execute(userId: string, attemptId: string, questionKey: string, response: unknown, now = new Date()): Promise<LearnerAnswer> {
    // Checked and taken in one synchronous step, before any await, so a burst cannot all pass.
    const slot = JSON.stringify([userId, attemptId, questionKey]);
    if (this.answering.has(slot)) throw new ConflictException(`"${questionKey}" is being answered by another request of yours; answers are final`);
    this.answering.add(slot);
    try {
      return await this.answerOnce(userId, attemptId, questionKey, response, now);
    } finally {
      this.answering.delete(slot);
    }
  }

  private async answerOnce(userId: string, attemptId: string, questionKey: string, response: unknown, now: Date): Promise<LearnerAnswer> {
    const { attempt, question } = await loadOwnQuestion(this.attempts, userId, attemptId, questionKey);
    assertBeforeDeadline(attempt.deadlineAt, now);
    assertInProgress(attempt);
    const hidden = scoresHidden(attempt.version.settings, attempt.quiz.scoresReleasedAt, now);
    // The attempt's own variant: what the learner was shown is what the answer is checked against.
    const content = questionForSeed(question.content, attempt.variantSeed);
    if (content.type === 'code' || isRunGraded(content)) {
      const what = content.type === 'code' ? 'a code question: send code' : 'a Parsons problem graded by running its program: send your lines';
      throw new BadRequestException(`"${questionKey}" is ${what} to POST /api/attempts/${attemptId}/questions/${questionKey}/submissions`);
    }
    const existing = attempt.answers.find((answer) => answer.questionId === question.id);
    if (existing) {
      if (isDeepStrictEqual(existing.response, response)) return toLearnerAnswer(question, existing, hidden, attempt.variantSeed);
      throw new ConflictException(`"${questionKey}" is already answered in this attempt; answers are final`);
    }
    assertOpen(attempt.version.settings, now);
    const problem = responseShapeError(content, response);
    if (problem) {
      throw new BadRequestException({ message: `response ${problem}`, details: [{ field: 'response', errors: [`response ${problem}`] }] });
    }
    const grade = gradeAnswer(content, response);
    const answer = { questionId: question.id, response, correct: grade.correct, score: grade.score, points: grade.points };
    const scored = (tx: Db) => recordStandingScore(this.attempts, attempt, tx, now, gradebookSend(this.outbox, attempt, now));
    if (!(await this.attempts.createAnswer({ attemptId, ...answer }, scored))) throw alreadySubmitted();
    this.outbox.notify();
    return toLearnerAnswer(question, answer, hidden, attempt.variantSeed);
  }
}
