import type { FinishedScore } from '../lti/lti-scores.repository.js';
import type { ScoreOutbox } from '../lti/score-outbox.js';
import type { QuizSettings } from './attempt.types.js';
import { ScoreAsItGoes } from './score-as-it-goes.use-case.js';
import { FakeAttempts, publishedQuiz, questionRecord } from './testing/fake-attempts.repository.js';
import { code } from './testing/questions.fixture.js';

const NOW = new Date('2026-03-02T00:00:00Z');
const EXAM: QuizSettings = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: true, one_at_a_time: false } };

/** An exercise: one code question worth 4 points. */
function setup(settings: QuizSettings = { attempts: 0 }) {
  const attempts = new FakeAttempts(publishedQuiz([questionRecord('q-code', code)], settings));
  const sent: FinishedScore[] = [];
  let notified = 0;
  const outbox = { record: async (score: FinishedScore) => sent.push(score), notify: () => void notified++ } as unknown as ScoreOutbox;
  return { attempts, sent, notified: () => notified, useCase: new ScoreAsItGoes(attempts.asRepository(), outbox) };
}

describe(ScoreAsItGoes.name, () => {
  it('a full-score verdict makes an exercise attempt scored, complete and the best, with no Finish', async () => {
    const { attempts, useCase, sent, notified } = setup();
    const attempt = attempts.add('u1');
    attempts.submissions.push({ attemptId: attempt.id, questionId: 'q-code', status: 'graded', score: 1 });
    await useCase.execute(attempt.id, NOW);
    expect(attempts.attempts.get(attempt.id)).toMatchObject({ status: 'in_progress', score: 4, maxScore: 4, completedAt: NOW });
    expect(attempts.best.get('u1|course/quiz')).toEqual({ score: 4, maxScore: 4, attemptId: attempt.id });
    expect(sent).toEqual([{ userId: 'u1', quizId: 'course/quiz', attemptId: attempt.id, score: 4, maxScore: 4, at: NOW }]);
    expect(notified()).toBe(1);
  });

  it('keeps a better best score of an earlier attempt, and does not tell the LMS', async () => {
    const { attempts, useCase, sent } = setup();
    const earlier = attempts.add('u1');
    attempts.submissions.push({ attemptId: earlier.id, questionId: 'q-code', status: 'graded', score: 0.75 });
    await useCase.execute(earlier.id, NOW);
    const later = attempts.add('u1');
    attempts.submissions.push({ attemptId: later.id, questionId: 'q-code', status: 'graded', score: 0.25 });
    await useCase.execute(later.id, NOW);
    expect(attempts.attempts.get(later.id)).toMatchObject({ score: 1, maxScore: 4 });
    expect(attempts.best.get('u1|course/quiz')).toMatchObject({ score: 3, attemptId: earlier.id });
    expect(sent.map((s) => s.score)).toEqual([3]);
  });

  it('leaves exam attempts (scored at finish) and finished attempts alone', async () => {
    const exam = setup(EXAM);
    const inExam = exam.attempts.add('u1');
    exam.attempts.submissions.push({ attemptId: inExam.id, questionId: 'q-code', status: 'graded', score: 1 });
    await exam.useCase.execute(inExam.id, NOW);
    expect(exam.attempts.attempts.get(inExam.id)).toMatchObject({ score: null, completedAt: null });
    expect(exam.attempts.best.size).toBe(0);

    const practice = setup();
    const finished = practice.attempts.add('u1', { status: 'submitted', score: 1, maxScore: 4 });
    practice.attempts.submissions.push({ attemptId: finished.id, questionId: 'q-code', status: 'graded', score: 1 });
    await practice.useCase.execute(finished.id, NOW);
    expect(practice.attempts.attempts.get(finished.id)).toMatchObject({ score: 1 });
  });
});
