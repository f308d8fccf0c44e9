import { ConflictException, NotFoundException } from '@nestjs/common';
import type { FinishedScore } from '../lti/lti-scores.repository.js';
import type { ScoreOutbox } from '../lti/score-outbox.js';
import type { QuizSettings } from './attempt.types.js';
import { FinishAttempt } from './finish-attempt.use-case.js';
import { FakeAttempts, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { code, single } from './testing/questions.fixture.js';

const NOW = new Date('2026-03-02T00:00:00Z');

const EXAM: QuizSettings = { attempts: 0, exam: { minutes: 30, visible_tests: true, hide_scores: false, one_at_a_time: false } };

function setup(settings?: QuizSettings) {
  const quiz = publishedQuiz([questionRecord('q-single', single), questionRecord('q-code', code)], settings);
  const attempts = new FakeAttempts(quiz);
  const recorded: FinishedScore[] = [];
  let notified = 0;
  const outbox = { record: async (finished: FinishedScore) => recorded.push(finished), notify: () => void notified++ } as unknown as ScoreOutbox;
  return { attempts, recorded, notified: () => notified, useCase: new FinishAttempt(attempts.asRepository(), outbox) };
}

describe(FinishAttempt.name, () => {
  it('fixes the score from answers and the best graded code submission, and records the best score', async () => {
    const { attempts, useCase } = setup();
    const attempt = attempts.add('u1', { answers: [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }] });
    attempts.submissions.push(
      { attemptId: attempt.id, questionId: 'q-code', status: 'graded', score: 0.25 },
      { attemptId: attempt.id, questionId: 'q-code', status: 'graded', score: 1 },
      { attemptId: attempt.id, questionId: 'q-code', status: 'error', score: null },
    );
    const finished = await useCase.execute('u1', attempt.id, NOW);
    expect(finished).toMatchObject({ status: 'submitted', score: 6, maxScore: 6, submittedAt: NOW.toISOString() });
    expect(attempts.best.get('u1|course/quiz')).toEqual({ score: 6, maxScore: 6, attemptId: attempt.id });
  });

  it('refuses to finish twice (409)', async () => {
    const { attempts, useCase } = setup();
    const attempt = attempts.add('u1');
    await useCase.execute('u1', attempt.id, NOW);
    await expect(useCase.execute('u1', attempt.id, NOW)).rejects.toThrow(ConflictException);
  });

  it('refuses while a code submission is still being graded, so no verdict is missed', async () => {
    const { attempts, useCase } = setup();
    const attempt = attempts.add('u1');
    attempts.submissions.push({ attemptId: attempt.id, questionId: 'q-code', status: 'pending', score: null });
    await expect(useCase.execute('u1', attempt.id, NOW)).rejects.toThrow(/still being graded/);
    expect(attempts.attempts.get(attempt.id)!.status).toBe('in_progress');
  });

  it('keeps a better earlier best score', async () => {
    const { attempts, useCase } = setup();
    const good = attempts.add('u1', { answers: [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }] });
    await useCase.execute('u1', good.id, NOW);
    const worse = attempts.add('u1');
    await expect(useCase.execute('u1', worse.id, NOW)).resolves.toMatchObject({ score: 0 });
    expect(attempts.best.get('u1|course/quiz')).toMatchObject({ score: 2, attemptId: good.id });
  });

  it('exam: hands the best score, not the last one, to the LMS outbox at every finish and wakes the sender', async () => {
    const { attempts, useCase, recorded, notified } = setup(EXAM);
    const good = attempts.add('u1', { answers: [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }] });
    await useCase.execute('u1', good.id, NOW);
    const worse = attempts.add('u1');
    await useCase.execute('u1', worse.id, NOW);
    expect(recorded).toEqual([
      { userId: 'u1', quizId: 'course/quiz', attemptId: good.id, score: 2, maxScore: 6, at: NOW },
      { userId: 'u1', quizId: 'course/quiz', attemptId: worse.id, score: 2, maxScore: 6, at: NOW },
    ]);
    expect(notified()).toBe(2);
  });

  it('practice: the LMS hears of a finish only when it raised the best (the rises as it went were sent then)', async () => {
    const { attempts, useCase, recorded } = setup();
    const good = attempts.add('u1', { answers: [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }] });
    await useCase.execute('u1', good.id, NOW);
    await useCase.execute('u1', attempts.add('u1').id, NOW);
    expect(recorded).toEqual([{ userId: 'u1', quizId: 'course/quiz', attemptId: good.id, score: 2, maxScore: 6, at: NOW }]);
  });

  it("answers 404 for another learner's attempt", async () => {
    const { attempts, useCase } = setup();
    const attempt = attempts.add('u1');
    await expect(useCase.execute('u2', attempt.id, NOW)).rejects.toThrow(NotFoundException);
  });
});
