import type { ActivityDay, ScoreBucket } from '@app/contracts';

/** Figures leave the API rounded, so dashboards do not show 0.30000000000000004. */
export function round(value: number, decimals = 4): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(Number(value));
}

/** A rate with nothing to divide by is unknown (null), not 0%. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator) : null;
}

export const BUCKET_COUNT = 10;

/**
 * Ten bars 0-10% ... 90-100% from the database's sparse `(bucket, count)` rows, where bucket =
 * floor(10 * score / maxScore) (a full score is put in the last bar; out-of-range ones clamped).
 */
export function toHistogram(rows: readonly { bucket: number; count: number }[]): ScoreBucket[] {
  const counts = new Array<number>(BUCKET_COUNT).fill(0);
  for (const { bucket, count } of rows) {
    counts[Math.min(Math.max(bucket, 0), BUCKET_COUNT - 1)] += count;
  }
  return counts.map((count, index) => ({
    label: `${index * 10}-${index * 10 + 10}%`,
    from: index / BUCKET_COUNT,
    to: (index + 1) / BUCKET_COUNT,
    count,
  }));
}

/** `YYYY-MM-DD` of a date in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The `days` UTC days ending with the day of `now`, oldest first. */
export function dayRange(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) => utcDay(new Date(today - (days - 1 - index) * 86_400_000)));
}

const NO_ACTIVITY: Omit<ActivityDay, 'date'> = { submissions: 0, runs: 0, attemptsStarted: 0, attemptsSubmitted: 0, activeLearners: 0 };

/** One entry per day of `range`, zeros where the database had no row; rows outside are dropped. */
export function fillDays(range: readonly string[], rows: readonly ActivityDay[]): ActivityDay[] {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  return range.map((date) => byDate.get(date) ?? { date, ...NO_ACTIVITY });
}
