import { Injectable, NotFoundException } from '@nestjs/common';
import { toLearnerView } from '@app/quiz-spec';
import type { LearnerAttempt, LearnerQuiz } from '@app/contracts';
import { AttemptsRepository } from './attempts.repository.js';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { finishAttempt } from './attempt-finisher.js';
import { gradebookSend } from './gradebook-send.js';
import { learnerVariant, toLearnerAttempt, toLearnerExam } from './attempt-view.js';
import { LearnerQuizRepository } from './learner-quiz.repository.js';
import { availability, isPastDeadline } from './quiz-rules.js';

/** Read side of the learner flow: a quiz as learners see it, and one's own attempt. */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly quizzes: LearnerQuizRepository,
    private readonly attempts: AttemptsRepository,
    private readonly outbox: ScoreOutbox,
  ) {}

  async quizView(quizId: string, now = new Date()): Promise<LearnerQuiz> {
    const quiz = await this.quizzes.findPublished(quizId);
    if (!quiz) throw new NotFoundException(`No published quiz ${quizId}`);
    const { settings, questions, version } = quiz.version;
    const state = availability(settings, now);
    // Public, and no timer runs here: an exam's questions (or a quiz's before it opens) read now
    // could be prepared at leisure and answered later within the attempt's minutes.
    const withheld = settings.exam !== undefined || state === 'not_open_yet';
    return {
      id: quiz.id,
      kind: quiz.kind,
      title: quiz.title,
      course: quiz.course,
      version,
      attemptLimit: settings.attempts === 0 ? null : settings.attempts,
      opensAt: settings.opens ?? null,
      closesAt: settings.closes ?? null,
      availability: state,
      maxScore: questions.reduce((sum, q) => sum + q.points, 0),
      exam: toLearnerExam(settings),
      questionCount: questions.length,
      hasCode: questions.some((q) => q.content.type === 'code'),
      // Before an attempt there is no learner's seed: the cover shows the variant of seed 0.
      questions: withheld ? [] : questions.map((q) => toLearnerView(learnerVariant(q.content, 0), `${quiz.id}@${version}`)),
    };
  }

  /**
   * Another learner's attempt is a 404, like an unknown one, so ids cannot be probed. An exam
   * attempt whose time is up is finished here first (the periodic sweep may not have come by yet).
   */
  async getOwn(userId: string, attemptId: string, now = new Date()): Promise<LearnerAttempt> {
    let attempt = await this.attempts.findOwn(attemptId, userId);
    if (!attempt) throw new NotFoundException(`No attempt ${attemptId}`);
    if (attempt.status === 'in_progress' && isPastDeadline(attempt.deadlineAt, now)) {
      const outcome = await finishAttempt(this.attempts, attempt, now, true, gradebookSend(this.outbox, attempt, now));
      if (outcome.finished) {
        this.outbox.notify();
        attempt = (await this.attempts.findOwn(attemptId, userId))!;
      }
    }
    return toLearnerAttempt(attempt, now);
  }
}
