import type { ScoreOutbox } from '../lti/score-outbox.js';
import { ExpireAttempts } from './expire-attempts.service.js';
import { FakeAttempts, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { code, single } from './testing/questions.fixture.js';

const DEADLINE = new Date('2026-03-02T10:00:00Z');
const exam = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: true, one_at_a_time: false } };

function setup() {
  const attempts = new FakeAttempts(publishedQuiz([questionRecord('q-single', single), questionRecord('q-code', code)], exam));
  return { attempts, sweeper: new ExpireAttempts(attempts.asRepository(), { record: async () => 0, notify: () => undefined } as unknown as ScoreOutbox) };
}

describe(ExpireAttempts.name, () => {
  it('finishes attempts whose time is up with the answers given so far, and leaves the others running', async () => {
    const { attempts, sweeper } = setup();
    const late = attempts.add('u1', { deadlineAt: DEADLINE, answers: [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }] });
    const running = attempts.add('u2', { deadlineAt: new Date(DEADLINE.getTime() + 60_000) });
    const practice = attempts.add('u3');
    expect(await sweeper.sweep(DEADLINE)).toBe(1);
    expect(attempts.attempts.get(late.id)).toMatchObject({ status: 'submitted', timedOut: true, score: 2, submittedAt: DEADLINE });
    expect(attempts.attempts.get(running.id)!.status).toBe('in_progress');
    expect(attempts.attempts.get(practice.id)!.status).toBe('in_progress');
    expect(attempts.best.get('u1|course/quiz')).toMatchObject({ score: 2, attemptId: late.id });
  });

  it('waits for code submitted before the deadline to be graded, then counts it', async () => {
    const { attempts, sweeper } = setup();
    const attempt = attempts.add('u1', { deadlineAt: DEADLINE });
    attempts.submissions.push({ attemptId: attempt.id, questionId: 'q-code', status: 'grading', score: null });
    expect(await sweeper.sweep(new Date(DEADLINE.getTime() + 1000))).toBe(0);
    expect(attempts.attempts.get(attempt.id)!.status).toBe('in_progress');
    Object.assign(attempts.submissions[0]!, { status: 'graded', score: 1 });
    expect(await sweeper.sweep(new Date(DEADLINE.getTime() + 2000))).toBe(1);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ status: 'submitted', timedOut: true, score: 4 });
  });
});
