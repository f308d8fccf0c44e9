import { toProgress } from './progress.service.js';

const quiz = { id: 'closures/scope-basics', title: 'Scopes', kind: 'quiz' as const, course: 'closures', section: 'Scopes and the definition of a closure', attemptLimit: 3, concepts: ['scope'], settings: { attempts: 3 }, scoresReleasedAt: null };

describe('toProgress', () => {
  it('reports best score, attempts used and left, the open attempt and the last activity', () => {
    const attempts = [
      { id: 'a1', quizId: quiz.id, status: 'submitted' as const, updatedAt: new Date('2026-03-01T10:00:00Z'), completedAt: new Date('2026-03-01T10:00:00Z') },
      { id: 'a2', quizId: quiz.id, status: 'in_progress' as const, updatedAt: new Date('2026-03-02T10:00:00Z'), completedAt: null },
    ];
    expect(toProgress(quiz, attempts, { score: 4, maxScore: 5 })).toEqual({
      quizId: quiz.id, title: 'Scopes', kind: 'quiz', course: 'closures', section: 'Scopes and the definition of a closure', concepts: ['scope'], bestScore: 4, maxScore: 5, completed: true,
      attemptsUsed: 2, attemptLimit: 3, attemptsLeft: 1, inProgressAttemptId: 'a2', lastActivityAt: '2026-03-02T10:00:00.000Z', scoresHidden: false,
    });
  });

  it('shows an untouched quiz with no score and unlimited attempts as null', () => {
    expect(toProgress({ ...quiz, attemptLimit: 0 }, [])).toMatchObject({ bestScore: null, completed: false, attemptsUsed: 0, attemptLimit: null, attemptsLeft: null, lastActivityAt: null, inProgressAttemptId: null });
  });

  it('withholds the best score of an exam until its scores are released', () => {
    const exam = { ...quiz, settings: { attempts: 3, exam: { minutes: 10, visible_tests: true, hide_scores: true, one_at_a_time: false } } };
    const now = new Date('2026-03-02T10:00:00Z');
    expect(toProgress(exam, [], { score: 4, maxScore: 5 }, now)).toMatchObject({ bestScore: null, maxScore: 5, scoresHidden: true });
    expect(toProgress({ ...exam, scoresReleasedAt: new Date('2026-03-02T09:00:00Z') }, [], { score: 4, maxScore: 5 }, now)).toMatchObject({ bestScore: 4 });
  });

  it('counts an exercise completed by an in-progress attempt that has its verdict (no Finish needed)', () => {
    const open = { id: 'a3', quizId: quiz.id, status: 'in_progress' as const, updatedAt: new Date('2026-03-02T10:00:00Z'), completedAt: new Date('2026-03-02T10:00:00Z') };
    expect(toProgress({ ...quiz, kind: 'exercise' }, [open], { score: 9, maxScore: 9 })).toMatchObject({ bestScore: 9, maxScore: 9, completed: true, inProgressAttemptId: 'a3' });
  });
});
