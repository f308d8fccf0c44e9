/**
 * CPython's `==` on tagged values (python-value.ts), decided in the host: numbers exactly across
 * int/bool/float/complex/Decimal/Fraction, str, bytes == bytearray, lists and tuples in order (a
 * list never equals a tuple; a namedtuple equals the tuple it holds), sets and dicts by their
 * keys whatever the order, dates and times by value. An "other" value equals nothing.
 */
import { numberEquals, numberKey, numberOfComplex, realNumber, realOfDecimal, realOfInt, realOfFloat, realOfFraction, type PyNumber } from './python-number.js';
import { temporalKey, type TemporalTag } from './python-temporal.js';
import type { PyTagged } from './python-value.js';

const NUMBER_TAGS = new Set(['bool', 'int', 'float', 'complex', 'decimal', 'fraction']);
const TEMPORAL_TAGS = new Set(['date', 'datetime', 'time', 'timedelta']);

export function numberOf(v: PyTagged): PyNumber | null {
  switch (v[0]) {
    case 'bool': return realNumber({ kind: 'rat', n: v[1] ? 1n : 0n, d: 1n });
    case 'int': return realNumber(realOfInt(v[1]));
    case 'float': return realNumber(realOfFloat(v[1]));
    case 'complex': return numberOfComplex(v[1]);
    case 'decimal': return realNumber(realOfDecimal(v[1]));
    case 'fraction': return realNumber(realOfFraction(v[1]));
    default: return null;
  }
}

/** bytes and bytearray compare equal; sets and frozensets too. */
function family(tag: string): string {
  if (NUMBER_TAGS.has(tag)) return 'number';
  if (tag === 'bytearray') return 'bytes';
  if (tag === 'frozenset') return 'set';
  return tag;
}

let otherCount = 0;

/** A string equal exactly when two hashable values are equal (dict keys, set elements). */
export function keyOf(v: PyTagged): string {
  if (NUMBER_TAGS.has(v[0])) return numberKey(numberOf(v)!);
  switch (v[0]) {
    case 'none': return 'None';
    case 'str': return `s:${JSON.stringify(v[1])}`;
    case 'bytes':
    case 'bytearray': return `b:${v[1]}`;
    case 'tuple': return `t(${v[1].map(keyOf).join(',')})`;
    case 'set':
    case 'frozenset': return `f(${[...new Set(v[1].map(keyOf))].sort().join(',')})`;
    case 'date':
    case 'datetime':
    case 'time':
    case 'timedelta': return temporalKey(v[0], v[1]);
    default: return `unhashable#${otherCount++}`; // lists, dicts, other: never equal as keys
  }
}

export function pyEquals(actual: PyTagged, expected: PyTagged): boolean {
  const [ta, tb] = [family(actual[0]), family(expected[0])];
  if (ta !== tb || ta === 'other') return false;
  if (ta === 'number') return numberEquals(numberOf(actual)!, numberOf(expected)!);
  if (TEMPORAL_TAGS.has(ta)) return temporalKey(ta as TemporalTag, actual[1] as string) === temporalKey(ta as TemporalTag, expected[1] as string);
  switch (actual[0]) {
    case 'none': return true;
    case 'list':
    case 'tuple':
    case 'deque': {
      const [a, b] = [actual[1], expected[1] as PyTagged[]];
      return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]!));
    }
    // A set or dict from learner code can hold distinct objects with the same data (a str
    // subclass with its own __hash__/__eq__): each of its elements must be a different one of
    // the expected elements, or one right key repeated as often as the answer has keys passes.
    case 'set':
    case 'frozenset': {
      const keys = new Set((expected[1] as PyTagged[]).map(keyOf));
      const mine = new Set(actual[1].map(keyOf));
      return mine.size === actual[1].length && mine.size === keys.size && [...mine].every((k) => keys.has(k));
    }
    case 'dict': {
      const wanted = new Map((expected[1] as [PyTagged, PyTagged][]).map(([k, x]) => [keyOf(k), x]));
      const pairs = actual[1];
      const seen = new Set<string>();
      return pairs.length === wanted.size && pairs.every(([k, x]) => {
        const key = keyOf(k);
        const other = wanted.get(key);
        if (other === undefined || seen.has(key)) return false;
        seen.add(key);
        return pyEquals(x, other);
      });
    }
    default:
      return actual[1] === expected[1]; // str, bytes
  }
}

/**
 * A value's exact type for `exactType`: its tag, and the subclass's name when it is an instance
 * of a subclass. Not the name alone: the sandbox sends a subclass's own `__name__`, which learner
 * code chooses (`class float(int)` sent "float" for an int; fixture redpp-exact-type-by-name).
 */
function exactTypeKey(v: PyTagged): string {
  return typeof v[2] === 'string' ? `${v[0]}:${v[2]}` : v[0];
}

/**
 * For `exactType` cases: the types are the same too, recursively (an int is not a float or a
 * bool, a Counter is not a dict, a namedtuple is not a tuple). Call after pyEquals.
 */
export function sameTypes(actual: PyTagged, expected: PyTagged): boolean {
  if (exactTypeKey(actual) !== exactTypeKey(expected)) return false;
  switch (actual[0]) {
    case 'list':
    case 'tuple':
    case 'deque':
      return actual[1].every((x, i) => sameTypes(x, (expected[1] as PyTagged[])[i]!));
    case 'set':
    case 'frozenset': {
      const byKey = new Map((expected[1] as PyTagged[]).map((x) => [keyOf(x), x]));
      return actual[1].every((x) => {
        const other = byKey.get(keyOf(x));
        return other !== undefined && sameTypes(x, other);
      });
    }
    case 'dict': {
      const byKey = new Map((expected[1] as [PyTagged, PyTagged][]).map((pair) => [keyOf(pair[0]), pair]));
      return actual[1].every(([k, x]) => {
        const other = byKey.get(keyOf(k));
        return other !== undefined && sameTypes(k, other[0]) && sameTypes(x, other[1]);
      });
    }
    default:
      return true;
  }
}

/** A canonical string, equal iff the values are equal AND of the same exact types. */
export function canonical(v: PyTagged): string {
  const sub = typeof v[2] === 'string' ? `:${v[2]}` : '';
  switch (v[0]) {
    case 'list':
    case 'tuple':
    case 'deque':
      return `${v[0]}${sub}(${v[1].map(canonical).join(',')})`;
    case 'set':
    case 'frozenset':
      return `${v[0]}${sub}(${v[1].map(canonical).sort().join(',')})`;
    case 'dict':
      return `dict${sub}(${v[1].map(([k, x]) => `${canonical(k)}:${canonical(x)}`).sort().join(',')})`;
    case 'float':
      return `float${sub}(${typeof v[1] === 'number' ? (Object.is(v[1], -0) ? '-0' : String(v[1])) : v[1]})`;
    case 'none':
      return 'none';
    case 'other':
      return `other#${otherCount++}`; // a learner object, a function...: equal to nothing
    default:
      return `${v[0]}${sub}(${JSON.stringify(v[1])})`;
  }
}
