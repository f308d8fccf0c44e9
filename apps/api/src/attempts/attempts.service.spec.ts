import type { ScoreOutbox } from '../lti/score-outbox.js';
import { NotFoundException } from '@nestjs/common';
import { AttemptsService } from './attempts.service.js';
import { FakeAttempts, FakeQuizzes, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { code, multiple, ordering, predict, short, single } from './testing/questions.fixture.js';

const quiz = publishedQuiz(
  [single, multiple, ordering, predict, short, code].map((q, i) => questionRecord(`q${i}`, q)),
  { attempts: 3, closes: '2026-03-08T00:00:00Z' },
);

function setup() {
  const attempts = new FakeAttempts(quiz);
  return { attempts, service: new AttemptsService(new FakeQuizzes(quiz).asRepository(), attempts.asRepository(), { record: async () => 0, notify: () => undefined } as unknown as ScoreOutbox) };
}

/** Everything that must never reach a learner before answering, from the fixtures. */
const SECRETS = ['SECRET_', '"correct"', 'Yes, a.', 'Not b.', 'Because a.', 'expected_output', 'nonlocal', '"accept"', 'hidden_ten', 'wrong_solutions', 'other_solutions', '"solution":'];

describe(AttemptsService.name, () => {
  it('shows a quiz with its settings and learner views that hold no secret', async () => {
    const { service } = setup();
    const view = await service.quizView('course/quiz', new Date('2026-03-09T00:00:00Z'));
    expect(view).toMatchObject({ id: 'course/quiz', attemptLimit: 3, closesAt: '2026-03-08T00:00:00Z', opensAt: null, availability: 'closed', maxScore: 10 });
    const json = JSON.stringify(view);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    const order = view.questions.find((q) => q.type === 'ordering') as { items: string[] };
    expect(order.items).not.toEqual(ordering.items);
    expect([...order.items].sort()).toEqual([...ordering.items].sort());
    expect(view.questions.find((q) => q.type === 'code')).toMatchObject({ examples: [{ name: 'first', expected: 1 }], hidden_tests: 1 });
  });

  it('answers 404 for an unknown quiz', async () => {
    await expect(setup().service.quizView('course/nope')).rejects.toThrow(NotFoundException);
  });

  it("shows one's own attempt with a shuffle stable for that attempt, and hides others' attempts", async () => {
    const { service, attempts } = setup();
    const mine = attempts.add('u1');
    const now = new Date('2026-03-02T00:00:00Z');
    const first = await service.getOwn('u1', mine.id, now);
    expect(await service.getOwn('u1', mine.id, now)).toEqual(first);
    expect(first).toMatchObject({ id: mine.id, status: 'in_progress', maxScore: 10, answers: [] });
    for (const secret of SECRETS) expect(JSON.stringify(first)).not.toContain(secret);
    await expect(service.getOwn('u2', mine.id)).rejects.toThrow(NotFoundException);
  });
});
