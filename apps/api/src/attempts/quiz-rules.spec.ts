import { ConflictException, ForbiddenException } from '@nestjs/common';
import { assertAttemptsLeft, assertBeforeDeadline, assertOpen, attemptLimitWith, attemptsLeft, availability, deadlineFor, scoresHidden } from './quiz-rules.js';

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

describe('exam rules', () => {
  const exam = { attempts: 1, exam: { minutes: 30, visible_tests: true, hide_scores: true, one_at_a_time: false } };
  const start = new Date('2026-03-02T10:00:00Z');

  it('ends an attempt after its minutes plus extra time, never after closes', () => {
    expect(deadlineFor(exam, start)).toEqual(new Date('2026-03-02T10:30:00Z'));
    expect(deadlineFor(exam, start, 15)).toEqual(new Date('2026-03-02T10:45:00Z'));
    expect(deadlineFor({ ...exam, closes: '2026-03-02T10:20:00Z' }, start)).toEqual(new Date('2026-03-02T10:20:00Z'));
    expect(deadlineFor({ attempts: 0 }, start)).toBeNull();
  });

  it('refuses anything at or after the deadline with a 403 that says time is up', () => {
    const deadline = new Date('2026-03-02T10:30:00Z');
    expect(() => assertBeforeDeadline(deadline, new Date('2026-03-02T10:29:59.999Z'))).not.toThrow();
    expect(() => assertBeforeDeadline(deadline, deadline)).toThrow(/Time is up: this exam attempt ended at 2026-03-02T10:30:00.000Z/);
    expect(() => assertBeforeDeadline(null, new Date('2099-01-01'))).not.toThrow();
  });

  it('hides exam scores until release or closing, and only when the exam asks for it', () => {
    const now = new Date('2026-03-02T11:00:00Z');
    expect(scoresHidden(exam, null, now)).toBe(true);
    expect(scoresHidden(exam, new Date('2026-03-02T10:59:00Z'), now)).toBe(false);
    expect(scoresHidden({ ...exam, closes: '2026-03-02T11:00:00Z' }, null, now)).toBe(false);
    expect(scoresHidden({ ...exam, exam: { ...exam.exam, hide_scores: false } }, null, now)).toBe(false);
    expect(scoresHidden({ attempts: 0 }, null, now)).toBe(false);
  });

  it('adds extra attempts to a limit, and unlimited stays unlimited', () => {
    expect(attemptLimitWith(1, 2)).toBe(3);
    expect(attemptLimitWith(0, 2)).toBe(0);
  });
});
