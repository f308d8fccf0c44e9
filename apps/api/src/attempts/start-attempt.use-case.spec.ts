import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { QuizSettings } from './attempt.types.js';
import { StartAttempt } from './start-attempt.use-case.js';
import { FakeAttempts, FakeQuizzes, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { single } from './testing/questions.fixture.js';

const NOW = new Date('2026-03-02T00:00:00Z');

function setup(settings: QuizSettings = { attempts: 2, opens: '2026-03-01T00:00:00Z', closes: '2026-03-03T00:00:00Z' }) {
  const quiz = publishedQuiz([questionRecord('q1', single)], settings);
  const attempts = new FakeAttempts(quiz);
  const useCase = new StartAttempt(new FakeQuizzes(quiz).asRepository(), attempts.asRepository());
  return { quiz, attempts, useCase };
}

describe(StartAttempt.name, () => {
  it('creates an attempt on the current version', async () => {
    const { useCase, attempts } = setup();
    const started = await useCase.execute('u1', 'course/quiz', NOW);
    expect(started.created).toBe(true);
    expect(attempts.attempts.get(started.attemptId)?.version.id).toBe('version-1');
  });

  it('returns the in-progress attempt instead of opening another', async () => {
    const { useCase, attempts } = setup();
    const first = await useCase.execute('u1', 'course/quiz', NOW);
    const again = await useCase.execute('u1', 'course/quiz', NOW);
    expect(again).toEqual({ attemptId: first.attemptId, created: false });
    expect(attempts.attempts.size).toBe(1);
  });

  it('refuses a new attempt once the limit is used, with 409', async () => {
    const { useCase, attempts } = setup();
    attempts.add('u1', { status: 'submitted' });
    attempts.add('u1', { status: 'submitted' });
    await expect(useCase.execute('u1', 'course/quiz', NOW)).rejects.toThrow(ConflictException);
    await expect(useCase.execute('u1', 'course/quiz', NOW)).rejects.toThrow('Attempt limit reached: you have used all 2 attempts of this quiz');
    // another learner is not affected
    await expect(useCase.execute('u2', 'course/quiz', NOW)).resolves.toMatchObject({ created: true });
  });

  it('refuses before the opening date and after the closing date with 403', async () => {
    const { useCase } = setup();
    await expect(useCase.execute('u1', 'course/quiz', new Date('2026-02-28T00:00:00Z'))).rejects.toThrow(/not open yet/);
    await expect(useCase.execute('u1', 'course/quiz', new Date('2026-03-03T00:00:00Z'))).rejects.toThrow(ForbiddenException);
  });

  it('lets the learner resume an attempt after the quiz closed, to finish it', async () => {
    const { useCase, attempts } = setup();
    const open = attempts.add('u1');
    await expect(useCase.execute('u1', 'course/quiz', new Date('2026-04-01T00:00:00Z'))).resolves.toEqual({ attemptId: open.id, created: false });
  });

  it('answers 404 for an unknown or unpublished quiz', async () => {
    const { useCase } = setup();
    await expect(useCase.execute('u1', 'course/other', NOW)).rejects.toThrow(NotFoundException);
  });

  it('gives an exam attempt a deadline from the server clock, with the learner\'s extra minutes and attempts', async () => {
    const exam = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: true, one_at_a_time: false } };
    const { useCase, attempts } = setup(exam);
    const plain = await useCase.execute('u1', 'course/quiz', NOW);
    expect(attempts.attempts.get(plain.attemptId)!.deadlineAt).toEqual(new Date('2026-03-02T00:30:00Z'));
    attempts.attempts.get(plain.attemptId)!.status = 'submitted';
    await expect(useCase.execute('u1', 'course/quiz', NOW)).rejects.toThrow(/Attempt limit reached/);

    attempts.accommodations.set('u2|course/quiz', { extraMinutes: 15, extraAttempts: 1 });
    const first = await useCase.execute('u2', 'course/quiz', NOW);
    expect(attempts.attempts.get(first.attemptId)!.deadlineAt).toEqual(new Date('2026-03-02T00:45:00Z'));
    attempts.attempts.get(first.attemptId)!.status = 'submitted';
    await expect(useCase.execute('u2', 'course/quiz', NOW)).resolves.toMatchObject({ created: true });
  });
});
