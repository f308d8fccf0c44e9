import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { FinishedScore } from '../lti/lti-scores.repository.js';
import type { ScoreOutbox } from '../lti/score-outbox.js';
import type { QuizSettings } from './attempt.types.js';
import { AnswerQuestion } from './answer-question.use-case.js';
import { FakeAttempts, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { code, multiple, ordering, predict, short, single } from './testing/questions.fixture.js';

const NOW = new Date('2026-03-02T00:00:00Z');

function setup(settings: QuizSettings = { attempts: 0 }) {
  const quiz = publishedQuiz(
    [single, multiple, ordering, predict, short, code].map((q, i) => questionRecord(`q${i}`, q)),
    settings,
  );
  const attempts = new FakeAttempts(quiz);
  const attempt = attempts.add('u1');
  const sent: FinishedScore[] = [];
  const outbox = { record: async (score: FinishedScore) => sent.push(score), notify: () => undefined } as unknown as ScoreOutbox;
  return { attempts, attempt, sent, useCase: new AnswerQuestion(attempts.asRepository(), outbox) };
}

describe(AnswerQuestion.name, () => {
  it('grades each non-code type at once and stores the answer', async () => {
    const { useCase, attempt, attempts } = setup();
    await expect(useCase.execute('u1', attempt.id, 'pick', 'a', NOW)).resolves.toEqual({
      questionKey: 'pick', response: 'a', correct: true, score: 1, points: 2, maxPoints: 2, feedback: 'Yes, a.', explanation: 'Because a.',
    });
    await expect(useCase.execute('u1', attempt.id, 'many', ['x'], NOW)).resolves.toMatchObject({ correct: false, score: 0, points: 0 });
    await expect(useCase.execute('u1', attempt.id, 'order', ['L', 'E', 'G', 'B'], NOW)).resolves.toMatchObject({ correct: true });
    await expect(useCase.execute('u1', attempt.id, 'predict', '2', NOW)).resolves.toMatchObject({ correct: true });
    await expect(useCase.execute('u1', attempt.id, 'word', '  NonLocal ', NOW)).resolves.toMatchObject({ correct: true });
    expect(attempts.attempts.get(attempt.id)!.answers).toHaveLength(5);
  });

  it('rejects a response of the wrong shape with 400 naming the field, and stores nothing', async () => {
    const { useCase, attempt, attempts } = setup();
    const cases: [string, unknown][] = [['pick', 'nope'], ['pick', ['a']], ['many', 'x'], ['many', ['x', 'x']], ['order', ['L', 'E']], ['predict', 2], ['word', null]];
    for (const [key, response] of cases) {
      const error = await useCase.execute('u1', attempt.id, key, response, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'response' }] });
    }
    expect(attempts.attempts.get(attempt.id)!.answers).toHaveLength(0);
  });

  it('keeps answers final: the same response again is idempotent, a different one is a 409', async () => {
    const { useCase, attempt } = setup();
    const first = await useCase.execute('u1', attempt.id, 'pick', 'b', NOW);
    await expect(useCase.execute('u1', attempt.id, 'pick', 'b', NOW)).resolves.toEqual(first);
    await expect(useCase.execute('u1', attempt.id, 'pick', 'a', NOW)).rejects.toThrow(ConflictException);
  });

  it('refuses answers to a submitted attempt (409) or after the closing date (403)', async () => {
    const { useCase, attempts } = setup({ attempts: 0, closes: '2026-03-01T00:00:00Z' });
    const submitted = attempts.add('u1', { status: 'submitted' });
    await expect(useCase.execute('u1', submitted.id, 'pick', 'a', NOW)).rejects.toThrow(ConflictException);
    const open = attempts.add('u1');
    await expect(useCase.execute('u1', open.id, 'pick', 'a', NOW)).rejects.toThrow(ForbiddenException);
  });

  it("answers 404 for another learner's attempt or an unknown question, 400 for a code question", async () => {
    const { useCase, attempt } = setup();
    await expect(useCase.execute('u2', attempt.id, 'pick', 'a', NOW)).rejects.toThrow(NotFoundException);
    await expect(useCase.execute('u1', attempt.id, 'missing', 'a', NOW)).rejects.toThrow(NotFoundException);
    await expect(useCase.execute('u1', attempt.id, 'counter', 'def f(): pass', NOW)).rejects.toThrow(/submissions/);
  });

  it('in an exam: refuses answers after the deadline with 403, and answers before it without a verdict', async () => {
    const exam = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: true, one_at_a_time: false } };
    const { useCase, attempt, attempts } = setup(exam);
    attempts.attempts.get(attempt.id)!.deadlineAt = new Date(NOW.getTime() + 60_000);
    await expect(useCase.execute('u1', attempt.id, 'pick', 'a', NOW)).resolves.toEqual({
      questionKey: 'pick', response: 'a', correct: null, score: null, points: null, maxPoints: 2,
    });
    expect(attempts.attempts.get(attempt.id)!.answers).toEqual([expect.objectContaining({ correct: true, points: 2 })]);
    await expect(useCase.execute('u1', attempt.id, 'many', ['x'], new Date(NOW.getTime() + 60_000))).rejects.toThrow(/^Time is up/);
    expect(attempts.attempts.get(attempt.id)!.answers).toHaveLength(1);
  });

  it('scores a practice attempt as it goes: each checked answer writes the attempt score and raises the best, and the LMS hears of each rise', async () => {
    const { useCase, attempt, attempts, sent } = setup();
    await useCase.execute('u1', attempt.id, 'pick', 'a', NOW);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ status: 'in_progress', score: 2, maxScore: 10, completedAt: null });
    expect(attempts.best.get('u1|course/quiz')).toEqual({ score: 2, maxScore: 10, attemptId: attempt.id });
    await useCase.execute('u1', attempt.id, 'many', ['x'], NOW);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ score: 2, maxScore: 10 });
    expect(sent.map((s) => s.score)).toEqual([2]);
    await useCase.execute('u1', attempt.id, 'word', 'nonlocal', NOW);
    expect(attempts.best.get('u1|course/quiz')).toMatchObject({ score: 3 });
    expect(sent.map((s) => s.score)).toEqual([2, 3]);
  });

  it('counts a practice attempt complete once every question has a verdict (code: a graded submission)', async () => {
    const { useCase, attempt, attempts } = setup();
    for (const [key, response] of [['pick', 'a'], ['many', ['x']], ['order', ['L', 'E', 'G', 'B']], ['predict', '2']] as const) {
      await useCase.execute('u1', attempt.id, key, response, NOW);
    }
    attempts.submissions.push({ attemptId: attempt.id, questionId: 'q5', status: 'graded', score: 0.5 });
    expect(attempts.attempts.get(attempt.id)!.completedAt).toBeNull();
    await useCase.execute('u1', attempt.id, 'word', 'nonlocal', NOW);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ score: 2 + 1 + 1 + 1 + 2, maxScore: 10, completedAt: NOW });
  });

  it('leaves an exam attempt unscored until it is finished', async () => {
    const exam = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: false, one_at_a_time: false } };
    const { useCase, attempt, attempts, sent } = setup(exam);
    await useCase.execute('u1', attempt.id, 'pick', 'a', NOW);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ score: null, maxScore: null, completedAt: null });
    expect(attempts.best.size).toBe(0);
    expect(sent).toEqual([]);
  });
});
