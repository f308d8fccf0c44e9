import { Injectable, NotFoundException } from '@nestjs/common';
import { toLearnerView } from '@app/quiz-spec';
import type { LearnerAttempt, LearnerQuiz } from '@app/contracts';
import { AttemptsRepository } from './attempts.repository.js';
import { toLearnerAttempt } from './attempt-view.js';
import { LearnerQuizRepository } from './learner-quiz.repository.js';
import { availability } from './quiz-rules.js';

/** Read side of the learner flow: a quiz as learners see it, and one's own attempt. */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly quizzes: LearnerQuizRepository,
    private readonly attempts: AttemptsRepository,
  ) {}

  async quizView(quizId: string, now = new Date()): Promise<LearnerQuiz> {
    const quiz = await this.quizzes.findPublished(quizId);
    if (!quiz) throw new NotFoundException(`No published quiz ${quizId}`);
    const { settings, questions, version } = quiz.version;
    return {
      id: quiz.id,
      kind: quiz.kind,
      title: quiz.title,
      course: quiz.course,
      version,
      attemptLimit: settings.attempts === 0 ? null : settings.attempts,
      opensAt: settings.opens ?? null,
      closesAt: settings.closes ?? null,
      availability: availability(settings, now),
      maxScore: questions.reduce((sum, q) => sum + q.points, 0),
      questions: questions.map((q) => toLearnerView(q.content, `${quiz.id}@${version}`)),
    };
  }

  /** Another learner's attempt is a 404, like an unknown one, so ids cannot be probed. */
  async getOwn(userId: string, attemptId: string): Promise<LearnerAttempt> {
    const attempt = await this.attempts.findOwn(attemptId, userId);
    if (!attempt) throw new NotFoundException(`No attempt ${attemptId}`);
    return toLearnerAttempt(attempt);
  }
}
