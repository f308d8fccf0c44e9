import { ConflictException, ForbiddenException } from '@nestjs/common';
import { assertAttemptsLeft, assertOpen, attemptsLeft, availability } from './quiz-rules.js';

const window = { attempts: 0, opens: '2026-03-01T09:00:00Z', closes: '2026-03-08T09:00:00Z' };

describe('quiz rules', () => {
  it('is not open before its opening date, open inside the window, closed from its closing date', () => {
    expect(availability(window, new Date('2026-03-01T08:59:59Z'))).toBe('not_open_yet');
    expect(availability(window, new Date('2026-03-01T09:00:00Z'))).toBe('open');
    expect(availability(window, new Date('2026-03-08T09:00:00Z'))).toBe('closed');
    expect(availability({ attempts: 0 }, new Date(0))).toBe('open');
  });

  it('refuses with 403 and says why', () => {
    expect(() => assertOpen(window, new Date('2026-02-01T00:00:00Z'))).toThrow(new ForbiddenException('This quiz is not open yet: it opens at 2026-03-01T09:00:00Z'));
    expect(() => assertOpen(window, new Date('2026-04-01T00:00:00Z'))).toThrow(/closed/);
    expect(() => assertOpen(window, new Date('2026-03-02T00:00:00Z'))).not.toThrow();
  });

  it('counts attempts left, 0 meaning unlimited', () => {
    expect(attemptsLeft(0, 99)).toBeNull();
    expect(attemptsLeft(3, 1)).toBe(2);
    expect(attemptsLeft(3, 5)).toBe(0);
    expect(() => assertAttemptsLeft(2, 2)).toThrow(ConflictException);
    expect(() => assertAttemptsLeft(2, 1)).not.toThrow();
    expect(() => assertAttemptsLeft(0, 1000)).not.toThrow();
  });
});
