/**
 * The exam countdown runs on the server's clock: the page learns the server's time with each
 * attempt it loads and keeps the offset, so a wrong clock on the learner's computer changes
 * nothing (the server refuses late answers whatever the page shows).
 */
export function clockOffset(serverTime: string, localNow: number): number {
  return Date.parse(serverTime) - localNow;
}

/** Milliseconds left until `deadline`, by the server's clock; never below 0. */
export function remainingMs(deadline: string, offset: number, localNow: number): number {
  return Math.max(0, Date.parse(deadline) - (localNow + offset));
}

/** "1:05:09", "12:05", "0:09": hours only when there are some; rounded up, so 0:00 means the end. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** "1 minute", "20 minutes". */
export function minutesText(minutes: number): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The moments a screen reader is told about (a live timer every second would drown the page). */
export function announcementFor(msBefore: number, msNow: number): string | null {
  for (const minutes of [10, 5, 1]) {
    const at = minutes * 60_000;
    if (msBefore > at && msNow <= at) return `${minutesText(minutes)} left.`;
  }
  return null;
}
