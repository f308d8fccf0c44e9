import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { ExamAdmin } from '@app/contracts';
import { toSettings } from '../attempts/quiz-records.js';
import { toLearnerExam } from '../attempts/attempt-view.js';
import type { AccommodationDto } from './exams.dto.js';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { ExamsRepository } from './exams.repository.js';
import { normalizeEmail } from '../users/user.types.js';

/** What an instructor does to run an exam: release scores, grant extra time or attempts. */
@Injectable()
export class ExamsService {
  constructor(
    private readonly exams: ExamsRepository,
    private readonly outbox: ScoreOutbox,
  ) {}

  async get(quizId: string): Promise<ExamAdmin> {
    const quiz = await this.exams.findQuiz(quizId);
    if (!quiz) throw new NotFoundException(`No quiz ${quizId}`);
    const settings = toSettings(quiz.content);
    const [counts, accommodations] = await Promise.all([this.exams.countAttempts(quizId), this.exams.listAccommodations(quizId)]);
    return {
      quizId: quiz.id,
      title: quiz.title,
      exam: toLearnerExam(settings),
      closesAt: settings.closes ?? null,
      scoresReleasedAt: quiz.scoresReleasedAt?.toISOString() ?? null,
      attemptsInProgress: counts.inProgress,
      attemptsSubmitted: counts.submitted,
      accommodations,
    };
  }

  /** Releasing twice keeps the first release time; withdrawing hides the scores again. */
  async setRelease(quizId: string, released: boolean, now = new Date()): Promise<ExamAdmin> {
    const current = await this.get(quizId);
    if (!current.exam) throw new UnprocessableEntityException(`${quizId} is not an exam: its scores are never hidden (add exam: to its YAML)`);
    if (released !== (current.scoresReleasedAt !== null)) {
      // The LMS gradebook gets the exam's best scores now: they were held back while hidden.
      await this.exams.setRelease(quizId, released ? now : null, released ? (best, tx) => this.outbox.record({ ...best, quizId, at: now }, tx) : undefined);
      if (released) this.outbox.notify();
    }
    return this.get(quizId);
  }

  /** Zero extra minutes and attempts removes the learner's accommodation. */
  async setAccommodation(quizId: string, body: AccommodationDto): Promise<ExamAdmin> {
    if (!(await this.exams.findQuiz(quizId))) throw new NotFoundException(`No quiz ${quizId}`);
    // Stored emails are normalised (users/user.types.ts): Ada@Example.org is ada@example.org.
    const userId = await this.exams.findUserId(normalizeEmail(body.email));
    if (!userId) throw new NotFoundException({ message: `No user with email ${body.email}`, details: [{ field: 'email', errors: [`no user with email ${body.email}`] }] });
    const extra = { extraMinutes: body.extraMinutes ?? 0, extraAttempts: body.extraAttempts ?? 0 };
    if (extra.extraMinutes === 0 && extra.extraAttempts === 0) await this.exams.deleteAccommodation(userId, quizId);
    else await this.exams.saveAccommodation(userId, quizId, extra);
    return this.get(quizId);
  }
}
