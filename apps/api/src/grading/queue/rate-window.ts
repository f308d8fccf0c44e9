/** Events per second over a sliding window, counted in one-second buckets. */
export class RateWindow {
  private readonly buckets = new Map<number, number>();

  constructor(private readonly seconds = 10) {}

  record(now = Date.now()): void {
    const second = Math.floor(now / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + 1);
    this.prune(second);
  }

  /** Average over the last full `seconds` (the current, partial second excluded). */
  perSecond(now = Date.now()): number {
    const current = Math.floor(now / 1000);
    this.prune(current);
    let total = 0;
    for (const [second, count] of this.buckets) if (second < current) total += count;
    return Math.round((total / this.seconds) * 10) / 10;
  }

  private prune(current: number): void {
    for (const second of this.buckets.keys()) if (second < current - this.seconds) this.buckets.delete(second);
  }
}
