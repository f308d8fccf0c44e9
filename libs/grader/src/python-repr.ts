/**
 * repr() of tagged values, as Python prints them, and the failure message of a declarative case
 * worded like unittest's assertEqual(actual, expected): "Lists differ: [1, 2] != [1, 3]" and
 * "First differing element 1:", reprs shortened around the difference.
 */
import { numberOf } from './python-equality.js';
import { complexParts, realLess } from './python-number.js';
import { temporalRepr } from './python-temporal.js';
import type { PyTagged } from './python-value.js';

/** Python's repr of a float: the shortest digits, exponent form outside 1e-4 <= |x| < 1e16. */
export function floatRepr(f: number | string): string {
  if (typeof f === 'string') {
    const t = f.toLowerCase();
    return t.includes('nan') ? 'nan' : t.startsWith('-') ? '-inf' : 'inf';
  }
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let body: string;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    else if (digits.length <= exponent + 1) body = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
    else body = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  } else {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    body = `${digits[0]}${frac}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return negative ? `-${body}` : body;
}

// What str.__repr__ escapes (lone surrogates only: with the `u` flag a valid pair is one code
// point). One native replace: the learner's value can be millions of characters, and this runs
// on the host's one thread (a character-at-a-time loop took ~0.4 s and seconds of garbage
// collection per value).
const STR_ESCAPED = /[\\'"\x00-\x1f\x7f-\x9f\ud800-\udfff]/gu;

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(STR_ESCAPED, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === quote) return `\\${quote}`;
    if (ch === '"' || ch === "'") return ch;
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code < 0x100 ? `\\x${code.toString(16)}` : `\\u${code.toString(16)}`;
  });
  return `${quote}${body}${quote}`;
}

// repr() of each byte value inside b'...' (the quote character aside): one table lookup per
// byte. A learner's bytes value can be ~1 MB, and mapping its hex pairs through parseInt and a
// callback each cost the host's event loop ~0.3 s per value (red team redpp); now ~10 ms.
const BYTE_REPRS = Array.from({ length: 256 }, (_, b) => {
  if (b === 0x5c) return '\\\\';
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  if (b === 0x09) return '\\t';
  if (b < 0x20 || b >= 0x7f) return `\\x${b.toString(16).padStart(2, '0')}`;
  return String.fromCharCode(b);
});

function bytesRepr(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  const quoteByte = quote.charCodeAt(0);
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    parts[i] = b === quoteByte ? `\\${quote}` : BYTE_REPRS[b]!;
  }
  return `b${quote}${parts.join('')}${quote}`;
}

/** How the value looks in Python (a subclass is shown by its name when Python would). */
export function pyRepr(v: PyTagged): string {
  const sub = typeof v[2] === 'string' ? v[2] : undefined;
  switch (v[0]) {
    case 'none': return 'None';
    case 'bool': return v[1] ? 'True' : 'False';
    case 'int': return v.length === 4 ? v[3] : v[1]; // an enum member carries its repr
    case 'float': return floatRepr(v[1]);
    case 'str': return v.length === 4 ? v[3] : strRepr(v[1]);
    case 'bytes': return bytesRepr(v[1]);
    case 'bytearray': return `bytearray(${bytesRepr(v[1])})`;
    case 'complex': return complexRepr(v[1]);
    case 'decimal': return `Decimal('${v[1]}')`;
    case 'fraction': {
      const [n, d = '1'] = v[1].split('/');
      return `Fraction(${n!.trim()}, ${d.trim()})`;
    }
    case 'date':
    case 'datetime':
    case 'time':
    case 'timedelta': return temporalRepr(v[0], v[1]);
    case 'list': return `[${v[1].map(pyRepr).join(', ')}]`;
    case 'deque': return `${sub ?? 'deque'}([${v[1].map(pyRepr).join(', ')}])`;
    case 'tuple': {
      const fields = v.length === 4 ? v[3] : undefined;
      if (sub && fields) return `${sub}(${v[1].map((x, i) => `${fields[i]}=${pyRepr(x)}`).join(', ')})`;
      // Any other tuple subclass prints as the tuple it holds, as CPython prints one that does not
      // define __repr__ (`class T(tuple)`: (1, 2), not T(1, 2)); the harness's repr does the same.
      return v[1].length === 1 ? `(${pyRepr(v[1][0]!)},)` : `(${v[1].map(pyRepr).join(', ')})`;
    }
    case 'set':
      if (sub && /^o?dict_/.test(sub)) return `${sub}([${v[1].map(pyRepr).join(', ')}])`;
      if (sub) return `${sub}(${v[1].length ? `{${v[1].map(pyRepr).join(', ')}}` : ''})`;
      return v[1].length ? `{${v[1].map(pyRepr).join(', ')}}` : 'set()';
    case 'frozenset': return `${sub ?? 'frozenset'}(${v[1].length ? `{${v[1].map(pyRepr).join(', ')}}` : ''})`;
    case 'dict': {
      // the sandbox's repr of a Counter/OrderedDict/defaultdict subclass, or of a defaultdict
      if (v.length === 4) return v[3];
      const pairs = sub === 'Counter' ? mostCommon(v[1]) : v[1];
      const body = `{${pairs.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
      if (sub === 'Counter' || sub === 'OrderedDict') return `${sub}(${v[1].length ? body : ''})`;
      return body;
    }
    case 'other': return v[1];
  }
}

// Counters past this many entries are printed in their stored order: the sort compares counts
// as exact rationals (two BigInt products per comparison), and a learner's Counter of 50,000
// floats or 400-digit Decimals (each free to read) held the host's event loop ~0.4-0.9 s per
// case for its message alone (red team redpp). A message shows ~80 characters of such a repr.
const MOST_COMMON_MAX = 2000;

/** A Counter's pairs as its repr lists them (most_common(): by count, highest first, ties in
 * their order), when every count is a real number; else, or past MOST_COMMON_MAX, as they are. */
function mostCommon(pairs: [PyTagged, PyTagged][]): [PyTagged, PyTagged][] {
  if (pairs.length > MOST_COMMON_MAX) return pairs;
  const counts = pairs.map(([, x]) => numberOf(x));
  if (counts.some((n) => n === null || n.im.kind !== 'rat' || n.im.n !== 0n)) return pairs;
  if (counts.some((n) => n!.re.kind === 'nan')) {
    // A Decimal NaN count makes most_common() raise; a float NaN is placed by the sort algorithm
    if (pairs.length >= 64 || pairs.some(([, x]) => x[0] !== 'float' && numberOf(x)!.re.kind === 'nan')) return pairs;
    return sortedDescending311(pairs.map((_, i) => i), (a, b) => realLess(counts[a]!.re, counts[b]!.re)).map((i) => pairs[i]!);
  }
  const order = pairs.map((_, i) => i);
  order.sort((a, b) => (realLess(counts[b]!.re, counts[a]!.re) ? -1 : realLess(counts[a]!.re, counts[b]!.re) ? 1 : 0));
  return order.map((i) => pairs[i]!);
}

/**
 * CPython 3.11's `sorted(items, reverse=True)` for fewer than 64 items, where `<` is not a total
 * order (a float NaN count: nothing is `<` it, it is `<` nothing), so where a NaN lands is the
 * algorithm's own choice: the list reversed, one run found as count_run finds it (strictly
 * descending, then reversed; or non-descending), binarysort of the rest into it, reversed back.
 * The sandbox's values.counter_order does the same, for the 3.11 unittest messages are checked
 * against (3.13 changed count_run, gh-116554).
 */
function sortedDescending311<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const a = [...items].reverse();
  const n = a.length;
  let run = Math.min(n, 2);
  if (n >= 2 && less(a[1]!, a[0]!)) {
    while (run < n && less(a[run]!, a[run - 1]!)) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !less(a[run]!, a[run - 1]!)) run++;
  }
  for (let i = run; i < n; i++) {
    const pivot = a[i]!;
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      if (less(pivot, a[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    a.splice(i, 1);
    a.splice(lo, 0, pivot);
  }
  return a.reverse();
}

/** CPython's repr of a complex number written as text ("1+2j", "(1+0j)", "2j", "1-infj"): the
 * real part left out when it is +0, else both in parentheses, each as a float's repr without
 * ".0". Authors write `{ "$complex": "1+0j" }`; Python prints (1+0j). */
function complexRepr(text: string): string {
  const { real, imag } = complexParts(text);
  const re = parseReal(real);
  const im = parseReal(imag);
  const part = (x: number): string => floatRepr(x).replace(/\.0$/, '');
  if (Object.is(re, 0)) return `${part(im)}j`;
  const sign = im < 0 || Object.is(im, -0) ? '' : '+';
  return `(${part(re)}${sign}${part(im)}j)`;
}

function parseReal(text: string): number {
  const t = text.toLowerCase().replace(/^\+/, '');
  if (/^-?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^-?nan$/.test(t)) return NaN;
  return Number(t);
}

/**
 * unittest's _common_shorten_repr: long reprs cut around the difference (80 characters). Python
 * counts code points: a repr holding characters outside the BMP (an emoji: two UTF-16 units here)
 * is cut as an array of code points, never inside a surrogate pair.
 */
export function shortPair(a: string, b: string): [string, string] {
  const text = (v: string | string[]): string => (typeof v === 'string' ? v : v.join(''));
  const [x, y] = ASTRAL.test(a) || ASTRAL.test(b) ? shortPairOf(Array.from(a), Array.from(b)) : shortPairOf(a, b);
  return [text(x), text(y)];
}

const ASTRAL = /[\ud800-\udfff]/;

function shortPairOf<T extends string | string[]>(a: T, b: T): [string | string[], string | string[]] {
  const maxlen = Math.max(a.length, b.length);
  if (maxlen <= 80) return [a, b];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  const cat = (...parts: (string | string[])[]): string | string[] =>
    typeof a === 'string' ? parts.join('') : parts.flatMap((part) => (typeof part === 'string' ? [part] : part));
  const shorten = (s: string | string[], prefix: number, suffix: number): string | string[] => {
    const skip = s.length - prefix - suffix;
    return skip > 12 ? cat(s.slice(0, prefix), `[${skip} chars]`, s.slice(s.length - suffix)) : s;
  };
  const common = 80 - (maxlen - p + 5 + 12);
  if (common > 5) {
    const prefix = shorten(a.slice(0, p), 5, common);
    return [cat(prefix, a.slice(p)), cat(prefix, b.slice(p))];
  }
  const prefix = shorten(a.slice(0, p), 5, 5);
  return [cat(prefix, shorten(a.slice(p), 41, 5)), cat(prefix, shorten(b.slice(p), 41, 5))];
}

const SEQUENCE_NAMES: Record<string, string> = { list: 'List', tuple: 'Tuple' };

/**
 * The message of `self.assertEqual(actual, expected)` for two unequal values, up to unittest's
 * diff (no pprint/ndiff here): assertSequenceEqual's for two lists or two tuples (the first
 * differing element, then, when the lengths differ too, the additional elements: unittest writes
 * both), assertSetEqual's item lists for two sets or two frozensets, else one line; reprs shortened
 * as _common_shorten_repr does. The CPython reference asks unittest itself for this part.
 */
export function notEqualMessage(actual: PyTagged, expected: PyTagged, pyEq: (a: PyTagged, b: PyTagged) => boolean): string {
  const sameExactType = actual[0] === expected[0] && actual.length <= 2 && expected.length <= 2;
  if (sameExactType && (actual[0] === 'set' || actual[0] === 'frozenset')) {
    return setMessage(actual[1] as PyTagged[], expected[1] as PyTagged[], pyEq);
  }
  const [a, b] = shortPair(pyRepr(actual), pyRepr(expected));
  const name = SEQUENCE_NAMES[actual[0]];
  if (!name || !sameExactType) return `${a} != ${b}`;
  const [xs, ys] = [actual[1] as PyTagged[], expected[1] as PyTagged[]];
  let text = `${name}s differ: ${a} != ${b}\n`;
  const differing = xs.findIndex((x, i) => i < ys.length && !pyEq(x, ys[i]!));
  if (differing >= 0) {
    const [x, y] = shortPair(pyRepr(xs[differing]!), pyRepr(ys[differing]!));
    text += `\nFirst differing element ${differing}:\n${x}\n${y}\n`;
  }
  if (xs.length === ys.length) return text;
  const [longer, shorter, which] = xs.length > ys.length ? [xs, ys, 'First'] : [ys, xs, 'Second'];
  text += `\n${which} ${name.toLowerCase()} contains ${longer.length - shorter.length} additional elements.\n`;
  return `${text}First extra element ${shorter.length}:\n${pyRepr(longer[shorter.length]!)}\n`;
}

/**
 * assertSetEqual's message: the items of `set1.difference(set2)`, then of `set2.difference(set1)`,
 * each a new set whose order is its own hash table's. For ints and bools (whose hashes are
 * known: CPython's 64-bit int hash) that table is rebuilt as CPython builds it (the actual set in
 * the order the sandbox read it, the expected one as `set(items)` built it from the author's
 * list); str hashes are randomised per process, so other items keep the order they came in.
 */
function setMessage(xs: PyTagged[], ys: PyTagged[], pyEq: (a: PyTagged, b: PyTagged) => boolean): string {
  const distinct = (items: PyTagged[]): PyTagged[] => items.filter((x, i) => items.findIndex((y) => pyEq(x, y)) === i);
  const [first, second] = [xs, distinct(ys)]; // an expected set comes in set()'s order (expectedSetItems)
  const hashes = intHashes([...first, ...second]);
  const within = (items: PyTagged[], others: PyTagged[]) => items.filter((x) => !others.some((y) => pyEq(x, y)));
  let [only1, only2] = [within(first, second), within(second, first)];
  if (hashes) {
    const hashOf = new Map([...first, ...second].map((x, i) => [x, hashes[i]!]));
    const difference = (a: PyTagged[], b: PyTagged[], only: PyTagged[]): PyTagged[] => {
      const ha = a.map((x) => hashOf.get(x)!);
      if (a.length >> 2 > b.length) { // set_copy_and_difference: a copied (set_merge), then discards
        const size = a.length * 5 >= 21 ? tableSize(2 * a.length) : 8;
        const kept = new Set(only);
        const copy = size === tableMask(ha) + 1 ? a : tableOrder(ha, size).map((i) => a[i]!);
        return copy.filter((x) => kept.has(x));
      }
      return tableOrder(only.map((x) => hashOf.get(x)!), 8).map((i) => only[i]!); // a new set, added in a's order
    };
    only1 = difference(first, second, only1);
    only2 = difference(second, first, only2);
  }
  const lines: string[] = [];
  if (only1.length) lines.push('Items in the first set but not the second:', ...only1.map(pyRepr));
  if (only2.length) lines.push('Items in the second set but not the first:', ...only2.map(pyRepr));
  return lines.join('\n');
}

/**
 * An expected set's items (`{ $set: [3, 1, 1, 2] }`) in the order CPython's `set()` of the
 * author's list iterates them, for ints and bools (known hashes): `{1, 2, 3}`, not as written,
 * repeats dropped. Other items keep the author's order (str hashes are randomised). Never for a
 * value from the sandbox: it comes in its own table's order, history included (a set emptied
 * down to three items keeps its large table), which a fresh table would not reproduce.
 */
export function expectedSetItems(items: PyTagged[]): PyTagged[] {
  if (items.length < 2 || items.length > 5000 || !intHashes(items)) return items;
  const seen = new Set<bigint>(); // an author's list may repeat an item (1 and True are one): the first stays
  const distinct = items.filter((x) => {
    const value = x[0] === 'bool' ? (x[1] ? 1n : 0n) : BigInt(x[1] as string);
    return seen.has(value) ? false : (seen.add(value), true);
  });
  return tableOrder(intHashes(distinct)!, 8).map((i) => distinct[i]!);
}

const HASH_MODULUS = (1n << 61n) - 1n;

/** CPython's (64-bit) hashes of ints and bools as size_t, or null when any item is another type. */
function intHashes(items: PyTagged[]): bigint[] | null {
  const out: bigint[] = [];
  for (const x of items) {
    if ((x[0] !== 'int' && x[0] !== 'bool') || x.length > 2) return null;
    const v = x[0] === 'bool' ? (x[1] ? 1n : 0n) : BigInt(x[1] as string);
    let h = v < 0n ? -(-v % HASH_MODULUS) : v % HASH_MODULUS;
    if (h === -1n) h = -2n;
    out.push(BigInt.asUintN(64, h));
  }
  return out;
}

function tableSize(minused: number): number {
  let size = 8;
  while (size <= minused) size *= 2;
  return size;
}

/** The mask of the table that adding `hashes` one by one to an empty set ends with. */
function tableMask(hashes: bigint[]): number {
  let size = 8;
  for (let used = 1; used <= hashes.length; used++) if (used * 5 >= (size - 1) * 3) size = tableSize(used * 4);
  return size - 1;
}

/**
 * The iteration order (indices into `hashes`) of a set that starts as an empty table of `size`
 * slots and gets these distinct hashes added in order: CPython 3.11's set_add_entry (linear
 * probes, then the perturbed jump), growing by set_table_resize (used * 4) as it fills.
 */
function tableOrder(hashes: bigint[], size: number): number[] {
  let table: (number | undefined)[] = new Array(size);
  const insert = (t: (number | undefined)[], index: number): void => {
    const mask = BigInt(t.length - 1);
    let perturb = hashes[index]!;
    let i = perturb & mask;
    for (;;) {
      const probes = i + 9n <= mask ? 9 : 0;
      for (let j = 0; j <= probes; j++) {
        if (t[Number(i) + j] === undefined) {
          t[Number(i) + j] = index;
          return;
        }
      }
      perturb >>= 5n;
      i = (i * 5n + 1n + perturb) & mask;
    }
  };
  let fill = 0;
  for (let k = 0; k < hashes.length; k++) {
    insert(table, k);
    fill++;
    if (fill * 5 >= (table.length - 1) * 3) {
      const old = table;
      table = new Array(tableSize(fill > 50000 ? fill * 2 : fill * 4));
      for (const index of old) if (index !== undefined) insert(table, index);
    }
  }
  return table.filter((index): index is number => index !== undefined);
}
