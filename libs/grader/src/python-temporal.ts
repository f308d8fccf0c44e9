/**
 * datetime values as the harness sends them (isoformat; a timedelta as "days,seconds,us", the
 * normalised fields Python keeps) and the `$date` / `$datetime` / `$time` / `$timedelta` escapes
 * of expected values, written the way `fromisoformat` reads them.
 */
export type TemporalTag = 'date' | 'datetime' | 'time' | 'timedelta';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(Z|[-+]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$/;
const US_PER_DAY = 86_400_000_000n;

function pad(n: number | bigint, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Clock {
  us: bigint; // since midnight
  offsetUs: bigint | null;
  text: string; // Python's isoformat of the time part, offset included
}

function parseOffset(text: string | undefined): bigint | null {
  if (text === undefined) return null;
  if (text === 'Z') return 0n;
  const m = /^([-+])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text)!;
  const us = ((BigInt(m[2]!) * 60n + BigInt(m[3]!)) * 60n + BigInt(m[4] ?? 0)) * 1_000_000n + BigInt((m[5] ?? '').padEnd(6, '0') || 0);
  if (us >= US_PER_DAY) throw new RangeError('a UTC offset must be less than 24 hours');
  return m[1] === '-' ? -us : us;
}

function offsetText(us: bigint | null): string {
  if (us === null) return '';
  const sign = us < 0n ? '-' : '+';
  let rest = us < 0n ? -us : us;
  const micro = rest % 1_000_000n;
  rest /= 1_000_000n;
  const [h, m, s] = [rest / 3600n, (rest / 60n) % 60n, rest % 60n];
  return `${sign}${pad(h)}:${pad(m)}${s || micro ? `:${pad(s)}` : ''}${micro ? `.${pad(micro, 6)}` : ''}`;
}

function parseClock(text: string): Clock {
  const m = CLOCK.exec(text);
  if (!m) throw new RangeError(`not an ISO time: ${text}`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`not a valid time: ${text}`);
  const micro = BigInt((m[4] ?? '').padEnd(6, '0') || 0);
  const offsetUs = parseOffset(m[5]);
  const us = ((BigInt(h) * 60n + BigInt(mi)) * 60n + BigInt(s)) * 1_000_000n + micro;
  const body = `${pad(h)}:${pad(mi)}:${pad(s)}${micro ? `.${pad(micro, 6)}` : ''}`;
  return { us, offsetUs, text: body + offsetText(offsetUs) };
}

function parseDate(text: string): { days: bigint; text: string } {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(2000, mo - 1, d));
  probe.setUTCFullYear(y);
  if (y < 1 || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw new RangeError(`not a valid date: ${text}`);
  return { days: BigInt(Math.round(probe.getTime() / 86_400_000)), text: `${pad(y, 4)}-${pad(mo)}-${pad(d)}` };
}

function parseDateTime(text: string): { us: bigint; offsetUs: bigint | null; text: string } {
  const [datePart, clockPart] = text.length > 10 ? [text.slice(0, 10), text.slice(11)] : [text, '00:00'];
  if (text.length > 10 && text[10] !== 'T' && text[10] !== ' ') throw new RangeError(`not an ISO date and time: ${text}`);
  const date = parseDate(datePart);
  const clock = parseClock(clockPart);
  return { us: date.days * US_PER_DAY + clock.us, offsetUs: clock.offsetUs, text: `${date.text}T${clock.text}` };
}

/** An author's escape value as Python's isoformat (or "days,seconds,us"); throws when invalid. */
export function normaliseTemporal(tag: TemporalTag, value: unknown): string {
  if (tag === 'timedelta') {
    const parts = Array.isArray(value) ? value : [value];
    if (parts.length > 3 || parts.some((p) => typeof p !== 'number' || !Number.isFinite(p))) {
      throw new TypeError('$timedelta needs [days, seconds, microseconds] (numbers)');
    }
    const [d = 0, s = 0, us = 0] = parts as number[];
    return timedeltaText(BigInt(Math.round(d * 86_400e6 + s * 1e6 + us)));
  }
  if (typeof value !== 'string') throw new TypeError(`$${tag} needs an ISO string`);
  if (tag === 'date') return parseDate(value).text;
  if (tag === 'time') return parseClock(value).text;
  return parseDateTime(value).text;
}

function timedeltaText(totalUs: bigint): string {
  let days = totalUs / US_PER_DAY;
  let rest = totalUs % US_PER_DAY;
  if (rest < 0n) {
    days -= 1n;
    rest += US_PER_DAY;
  }
  return `${days},${rest / 1_000_000n},${rest % 1_000_000n}`;
}

/**
 * A string equal exactly when two values of the same tag are equal by Python's `==`: aware
 * datetimes and times by their UTC instant, naive ones by their fields (a naive value never
 * equals an aware one).
 */
export function temporalKey(tag: TemporalTag, text: string): string {
  if (tag === 'date' || tag === 'timedelta') return `${tag}:${text}`;
  const parsed = tag === 'time' ? parseClock(text) : parseDateTime(text);
  return parsed.offsetUs === null ? `${tag}:${parsed.text}` : `${tag}@utc:${parsed.us - parsed.offsetUs}`;
}

// The fields of a clock (and of its UTC offset) as plain numbers, for printing: microseconds of a
// day and of an offset stay far below 2^53. parseClock's BigInts and parseDate's Date object cost
// ~4 us a value, and a learner's case value of 60,000 datetimes (a 2 MB result) held the host's
// event loop ~0.2 s for its failure message alone (red team redpp).
function clockFields(text: string): { fields: number[]; offsetUs: number | null } {
  const m = CLOCK.exec(text);
  if (!m) throw new RangeError(`not an ISO time: ${text}`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`not a valid time: ${text}`);
  const us = Number((m[4] ?? '').padEnd(6, '0') || 0);
  let offsetUs: number | null = null;
  if (m[5] === 'Z') offsetUs = 0;
  else if (m[5] !== undefined) {
    const o = /^([-+])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(m[5])!;
    const abs = ((Number(o[2]) * 60 + Number(o[3])) * 60 + Number(o[4] ?? 0)) * 1e6 + Number((o[5] ?? '').padEnd(6, '0') || 0);
    if (abs >= 86_400_000_000) throw new RangeError('a UTC offset must be less than 24 hours');
    offsetUs = o[1] === '-' ? -abs : abs;
  }
  return { fields: [h, mi, s, us], offsetUs };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dateFields(text: string): number[] {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!)) {
    throw new RangeError(`not a valid date: ${text}`);
  }
  return [y, mo, d];
}

/** repr() of a UTC offset's timedelta: days=-1 for a negative one, then the seconds and
 * microseconds that are not zero. */
function offsetRepr(offsetUs: number): string {
  const rest = offsetUs < 0 ? 86_400_000_000 + offsetUs : offsetUs;
  const micro = rest % 1e6;
  const parts = [offsetUs < 0 ? 'days=-1' : '', rest >= 1e6 ? `seconds=${(rest - micro) / 1e6}` : '', micro ? `microseconds=${micro}` : ''];
  return `datetime.timedelta(${parts.filter(Boolean).join(', ')})`;
}

/** repr() of a datetime value, as Python prints it. */
export function temporalRepr(tag: TemporalTag, text: string): string {
  if (tag === 'timedelta') {
    const [d, s, us] = text.split(',');
    const fields = [['days', d], ['seconds', s], ['microseconds', us]].filter(([, v]) => v !== '0');
    return `datetime.timedelta(${fields.length ? fields.map(([k, v]) => `${k}=${v}`).join(', ') : '0'})`;
  }
  if (tag === 'date') return `datetime.date(${dateFields(text).join(', ')})`;
  if (tag === 'datetime' && text.length > 10 && text[10] !== 'T' && text[10] !== ' ') {
    throw new RangeError(`not an ISO date and time: ${text}`);
  }
  const head = tag === 'time' ? [] : dateFields(text.slice(0, 10));
  const clock = clockFields(tag === 'time' ? text : text.length > 10 ? text.slice(11) : '00:00');
  const fields = clock.fields;
  while (fields.length > 2 && fields[fields.length - 1] === 0) fields.pop();
  const off = clock.offsetUs;
  const tz = off === null ? '' : `, tzinfo=${off === 0 ? 'datetime.timezone.utc' : `datetime.timezone(${offsetRepr(off)})`}`;
  return `datetime.${tag}(${[...head, ...fields].join(', ')}${tz})`;
}
