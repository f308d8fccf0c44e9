/**
 * Python values as they travel out of the sandbox: tagged JSON produced by the harness from data
 * it read without trusting learner objects (`["int","3"]`, `["float",2.5]`, `["list",[...]]`,
 * `["date","2024-02-29"]`, `["other","<repr>"]`...). A third element names the exact type when
 * the value is an instance of a subclass (`["dict",[...],"Counter"]`, `["tuple",[...],"Point"]`).
 * Expected values from exercises are plain JSON, converted to the same shape here, and compared
 * in the host with CPython's `==` (python-equality.ts): 1 == 1.0 == True, a Counter equals the
 * dict it holds, an "other" value (a learner object, a function...) equals nothing.
 *
 * JSON cannot say everything Python can: an expected value may use the escapes
 * `{ "$float": 3 }`, `{ "$int": "123456789012345678901" }`, `{ "$tuple": [..] }`,
 * `{ "$set": [..] }`, `{ "$frozenset": [..] }`, `{ "$dict": [[key, value], ..] }`,
 * `{ "$bytes": "00ff" }` (hex), `{ "$complex": "1+2j" }`, `{ "$decimal": "1.50" }`,
 * `{ "$fraction": "1/3" }`, `{ "$date": "2024-02-29" }`, `{ "$datetime": "2024-02-29T12:00:00+01:00" }`,
 * `{ "$time": "12:30:00" }`, `{ "$timedelta": [days, seconds, microseconds] }`.
 */
import { normaliseTemporal } from './python-temporal.js';
import { numberOfComplex, realOfDecimal, realOfFraction } from './python-number.js';
import { expectedSetItems } from './python-repr.js';

type Sub = [] | [string];
export type PyTagged =
  | ['none']
  | ['bool', boolean]
  | ['int', string, ...Sub]
  | ['float', number | string, ...Sub]
  | ['str' | 'bytes' | 'bytearray' | 'complex' | 'decimal' | 'fraction', string, ...Sub]
  | ['date' | 'datetime' | 'time' | 'timedelta', string, ...Sub]
  | ['list' | 'tuple' | 'set' | 'frozenset' | 'deque', PyTagged[], ...Sub]
  | ['tuple', PyTagged[], string, string[]] // a namedtuple: its field names
  | ['dict', [PyTagged, PyTagged][], ...Sub]
  | ['dict', [PyTagged, PyTagged][], string, string] // a Counter/OrderedDict/defaultdict subclass or a defaultdict: its repr
  | ['int' | 'str', string, string, string] // an enum member (IntEnum, StrEnum...): its repr, <Color.RED: 1>
  | ['other', string];

export const SEQUENCE_TAGS = new Set(['list', 'tuple', 'set', 'frozenset', 'deque']);
const STRING_TAGS = new Set(['int', 'str', 'bytes', 'bytearray', 'complex', 'decimal', 'fraction', 'date',
  'datetime', 'time', 'timedelta']);

/** The exact type name of a tagged value: its subclass when it has one. */
export function typeOf(v: PyTagged): string {
  return typeof v[2] === 'string' ? v[2] : v[0];
}

const ESCAPES = ['$float', '$int', '$tuple', '$set', '$frozenset', '$dict', '$bytes', '$complex', '$decimal',
  '$fraction', '$date', '$datetime', '$time', '$timedelta'] as const;
type Escape = (typeof ESCAPES)[number];

/** Converts an expected JSON value (with the `$` escapes) to its tagged Python form; throws a
 * TypeError/RangeError naming the problem when an escape is malformed. */
export function toTagged(value: unknown, depth = 0): PyTagged {
  if (depth > 100) throw new RangeError('the expected value is nested too deeply');
  if (value === null || value === undefined) return ['none'];
  if (typeof value === 'boolean') return ['bool', value];
  if (typeof value === 'bigint') return ['int', value.toString()];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ['float', Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'];
    return Number.isInteger(value) ? ['int', BigInt(value).toString()] : ['float', value];
  }
  if (typeof value === 'string') return ['str', value];
  if (Array.isArray(value)) return ['list', value.map((x) => toTagged(x, depth + 1))];
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const escape = entries.length === 1 ? ESCAPES.find((e) => e === entries[0]![0]) : undefined;
    if (escape) return fromEscape(escape, entries[0]![1], depth + 1);
    return ['dict', entries.map(([k, v]) => [['str', k], toTagged(v, depth + 1)] as [PyTagged, PyTagged])];
  }
  throw new TypeError(`an expected value cannot be a ${typeof value}`);
}

function fromEscape(escape: Escape, inner: unknown, depth: number): PyTagged {
  const text = (): string => {
    if (typeof inner !== 'string' && typeof inner !== 'number') throw new TypeError(`${escape} needs a string`);
    return String(inner);
  };
  switch (escape) {
    case '$float': {
      if (typeof inner !== 'number' && typeof inner !== 'string') throw new TypeError('$float needs a number');
      const special = String(inner).trim().toLowerCase();
      if (/^[-+]?nan$/.test(special)) return ['float', 'nan'];
      if (/^[-+]?inf(inity)?$/.test(special)) return ['float', special.startsWith('-') ? '-inf' : 'inf'];
      const x = Number(inner);
      if (!Number.isFinite(x) || special === '') throw new RangeError(`$float: not a number: ${String(inner)}`);
      return ['float', x];
    }
    case '$int':
      if (!/^\s*[-+]?\d+\s*$/.test(text())) throw new RangeError(`$int: not an integer: ${text()}`);
      return ['int', BigInt(text().trim()).toString()];
    case '$tuple':
      return ['tuple', asArray(escape, inner).map((x) => toTagged(x, depth))];
    case '$set':
    case '$frozenset': // in the order Python's set() of the list gives (ints), as its repr shows them
      return [escape.slice(1) as 'set', expectedSetItems(asArray(escape, inner).map((x) => toTagged(x, depth)))];
    case '$dict':
      return ['dict', asArray(escape, inner).map((pair) => {
        if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('$dict needs a list of [key, value] pairs');
        return [toTagged(pair[0], depth), toTagged(pair[1], depth)] as [PyTagged, PyTagged];
      })];
    case '$bytes':
      if (!/^([0-9a-fA-F]{2})*$/.test(text().replace(/\s/g, ''))) throw new RangeError('$bytes needs hexadecimal digits');
      return ['bytes', text().replace(/\s/g, '').toLowerCase()];
    case '$complex':
      numberOfComplex(text());
      return ['complex', text()];
    case '$decimal':
      realOfDecimal(text());
      return ['decimal', text()];
    case '$fraction':
      realOfFraction(text());
      return ['fraction', text()];
    default:
      return [escape.slice(1) as 'date', normaliseTemporal(escape.slice(1) as 'date', inner)];
  }
}

function asArray(escape: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${escape} needs a list`);
  return value;
}

/** The problem with an expected value (a malformed escape), or null: for the exercise loader. */
export function expectedValueProblem(value: unknown): string | null {
  try {
    toTagged(value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether `value` has the shape of a tagged value (bounded in depth and size, like the harness's
 * encoder). Values arrive from an interpreter that ran learner code: checked before use.
 */
export function isPyTagged(value: unknown, depth = 0, budget = [200000]): value is PyTagged {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || depth > 101 || --budget[0]! < 0) return false;
  const [tag, inner, sub] = value as [string, unknown, unknown];
  if (tag === 'none') return value.length === 1;
  if (tag === 'bool') return value.length === 2 && typeof inner === 'boolean';
  if (tag === 'other') return value.length === 2 && typeof inner === 'string';
  if (tag === 'tuple' && value.length === 4 && !namedFields(value[3], inner)) return false;
  const reprTag = tag === 'dict' || tag === 'int' || tag === 'str'; // a fourth element: the value's repr
  if (reprTag && value.length === 4 && (typeof value[3] !== 'string' || value[3].length > 2000)) return false;
  if (value.length !== 2 && !(value.length >= 3 && value.length <= (tag === 'tuple' || reprTag ? 4 : 3) && typeof sub === 'string')) return false;
  if (tag === 'float') return typeof inner === 'number' || typeof inner === 'string';
  if (STRING_TAGS.has(tag)) return typeof inner === 'string';
  if (!Array.isArray(inner)) return false;
  if (SEQUENCE_TAGS.has(tag)) return inner.every((x) => isPyTagged(x, depth + 1, budget));
  return tag === 'dict' && inner.every((pair) => Array.isArray(pair) && pair.length === 2
    && isPyTagged(pair[0], depth + 1, budget) && isPyTagged(pair[1], depth + 1, budget));
}

/** A namedtuple's field names: one identifier-like string per item. */
function namedFields(fields: unknown, items: unknown): boolean {
  return Array.isArray(fields) && Array.isArray(items) && fields.length === items.length
    && fields.every((f) => typeof f === 'string' && f.length <= 200);
}

export { canonical, pyEquals, sameTypes } from './python-equality.js';
export { pyRepr } from './python-repr.js';
