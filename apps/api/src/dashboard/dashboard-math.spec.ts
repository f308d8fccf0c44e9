import { dayRange, fillDays, ratio, round, roundOrNull, toHistogram } from './dashboard-math.js';

describe('dashboard math', () => {
  describe(ratio.name, () => {
    it('rounds to four decimals', () => {
      expect(ratio(5, 6)).toBe(0.8333);
      expect(ratio(2, 3)).toBe(0.6667);
      expect(ratio(3, 3)).toBe(1);
    });

    it('is null, not 0, when there is nothing to divide by', () => {
      expect(ratio(0, 0)).toBeNull();
    });
  });

  it('rounds away float noise and keeps null as null', () => {
    expect(round(0.1 + 0.2)).toBe(0.3);
    expect(roundOrNull(null)).toBeNull();
    expect(roundOrNull(undefined)).toBeNull();
    expect(roundOrNull(0.83333333)).toBe(0.8333);
  });

  describe(toHistogram.name, () => {
    it('gives ten labelled bars with zeros where the database had no row', () => {
      const bars = toHistogram([
        { bucket: 5, count: 1 },
        { bucket: 9, count: 2 },
      ]);
      expect(bars).toHaveLength(10);
      expect(bars.map((bar) => bar.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
      expect(bars[0]).toEqual({ label: '0-10%', from: 0, to: 0.1, count: 0 });
      expect(bars[9]).toEqual({ label: '90-100%', from: 0.9, to: 1, count: 2 });
    });

    it('clamps buckets out of range into the first and last bars', () => {
      const bars = toHistogram([
        { bucket: -1, count: 1 },
        { bucket: 10, count: 3 },
      ]);
      expect(bars[0].count).toBe(1);
      expect(bars[9].count).toBe(3);
    });
  });

  describe(dayRange.name, () => {
    it('lists the UTC days ending today, oldest first', () => {
      expect(dayRange(new Date('2026-03-02T23:59:00Z'), 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    });

    it('uses the UTC day, not the local one', () => {
      expect(dayRange(new Date('2026-01-01T00:30:00+02:00'), 1)).toEqual(['2025-12-31']);
    });
  });

  describe(fillDays.name, () => {
    it('fills missing days with zeros and drops rows outside the range', () => {
      const row = { date: '2026-03-01', submissions: 4, runs: 1, attemptsStarted: 2, attemptsSubmitted: 1, activeLearners: 2 };
      const outside = { ...row, date: '2026-02-01' };
      const days = fillDays(['2026-02-28', '2026-03-01', '2026-03-02'], [outside, row]);
      expect(days).toEqual([
        { date: '2026-02-28', submissions: 0, runs: 0, attemptsStarted: 0, attemptsSubmitted: 0, activeLearners: 0 },
        row,
        { date: '2026-03-02', submissions: 0, runs: 0, attemptsStarted: 0, attemptsSubmitted: 0, activeLearners: 0 },
      ]);
    });
  });
});
