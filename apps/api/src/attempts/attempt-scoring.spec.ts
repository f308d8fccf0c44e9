import { isBetterScore, scoreAttempt } from './attempt-scoring.js';
import { questionRecord } from './testing/fake-attempts.repository.js';
import { code, short, single } from './testing/questions.fixture.js';

const questions = [questionRecord('q-single', single), questionRecord('q-short', short), questionRecord('q-code', code)];

describe('attempt scoring', () => {
  it('sums answer points and the best code submission; unanswered questions count 0', () => {
    const answers = [{ questionId: 'q-single', response: 'a', correct: true, score: 1, points: 2 }];
    expect(scoreAttempt(questions, answers, new Map([['q-code', { score: 0.75 }]]))).toEqual({ score: 2 + 3, maxScore: 7 });
    expect(scoreAttempt(questions, [], new Map())).toEqual({ score: 0, maxScore: 7 });
  });

  it('counts a regraded code question against the maximum it was regraded with (4 of 6 reads 4 / 6, not 2.666667 / 4)', () => {
    const exercise = [questionRecord('q-code', code)];
    expect(scoreAttempt(exercise, [], new Map([['q-code', { score: 4 / 6, regradedMax: 6 }]]))).toEqual({ score: 4, maxScore: 6 });
    expect(scoreAttempt(exercise, [], new Map([['q-code', { score: 4 / 6, regradedMax: null }]]))).toEqual({ score: 2.666667, maxScore: 4 });
  });

  it('rounds fractional sums', () => {
    const thirds = [1, 2, 3].map((i) => questionRecord(`t${i}`, { ...short, id: `t${i}`, points: 1 }));
    const answers = thirds.map((q) => ({ questionId: q.id, response: '', correct: false, score: 1 / 3, points: 1 / 3 }));
    expect(scoreAttempt(thirds, answers, new Map()).score).toBe(1);
  });

  it('keeps the best score by share of the maximum, the older one on a tie', () => {
    expect(isBetterScore({ score: 1, maxScore: 2 }, null)).toBe(true);
    expect(isBetterScore({ score: 3, maxScore: 4 }, { score: 1, maxScore: 2 })).toBe(true);
    expect(isBetterScore({ score: 2, maxScore: 4 }, { score: 1, maxScore: 2 })).toBe(false);
    expect(isBetterScore({ score: 4, maxScore: 10 }, { score: 1, maxScore: 2 })).toBe(false);
  });
});
