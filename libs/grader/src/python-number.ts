/**
 * Python numbers compared exactly, as CPython compares them across types: 1 == 1.0 == True ==
 * Fraction(1) == Decimal('1.0') == 1+0j, 0.1 != Decimal('0.1'), NaN equals nothing. A real is an
 * exact rational (BigInt), an infinity or NaN; a number is a complex pair of reals.
 */
export type PyReal = { kind: 'rat'; n: bigint; d: bigint } | { kind: 'inf'; sign: 1 | -1 } | { kind: 'nan' };
export interface PyNumber {
  re: PyReal;
  im: PyReal;
}

const ZERO: PyReal = { kind: 'rat', n: 0n, d: 1n };

/**
 * A learner's number too large for the host to compare: a Decimal's digits are not bounded by
 * Python's int limit, and Euclid's gcd on 330,000-bit numbers held the API's event loop ~20 s per
 * value (red team redmsg). The caller makes it the learner's failure, never the grader's fault.
 */
export class NumberTooLargeError extends RangeError {}

// Milliseconds (estimated) of BigInt work left for the numbers of one grading result
// (withNumberWork); unbounded elsewhere (an exercise's own expected values).
let workLeft = Infinity;

/** Runs `fn` with `ms` of BigInt work for the numbers it reads (NumberTooLargeError past it). */
export function withNumberWork<T>(ms: number, fn: () => T): T {
  const saved = workLeft;
  workLeft = ms;
  try {
    return fn();
  } finally {
    workLeft = saved;
  }
}

function spend(ms: number): void {
  if (ms < 0.01) return; // an ordinary number: free, so that a spent budget fails no other value
  workLeft -= ms;
  if (workLeft < 0) throw new NumberTooLargeError('a number too large to compare');
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(16).length * 4;
}

/** Parsing or printing a number of `bits` bits: ~15-30 ms at 332,000 bits (100,000 digits). */
function linearWork(bits: number): number {
  return 30 * (bits / 332_000) ** 1.5;
}

const SMALL = 1n << 64n;

function gcd(a: bigint, b: bigint): bigint {
  // Euclid: quadratic in the smaller operand (~7 ms at 8,192 bits, ~10 s at 332,000)
  // (one operand below 2^64: one division, then machine-size steps; its size was paid when read)
  const small = (x: bigint) => x < SMALL && x > -SMALL;
  if (!small(a) && !small(b)) {
    const [la, lb] = [bitLength(a), bitLength(b)];
    spend(1.1e-7 * Math.min(la, lb) ** 2 + linearWork(Math.max(la, lb)));
  }
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint): PyReal {
  if (d === 0n) throw new RangeError('a zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { kind: 'rat', n: n / g, d: d / g };
}

/** The exact value of a double (every finite double is a dyadic rational). */
export function realOfDouble(x: number): PyReal {
  if (Number.isNaN(x)) return { kind: 'nan' };
  if (!Number.isFinite(x)) return { kind: 'inf', sign: x > 0 ? 1 : -1 };
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let power = exponent - 1075;
  if (exponent === 0) power = -1074;
  else mantissa |= 1n << 52n;
  const signed = negative ? -mantissa : mantissa;
  return power >= 0 ? rational(signed << BigInt(power), 1n) : rational(signed, 1n << BigInt(-power));
}

/** An int as the harness writes it (at most Python's 4,300 digits; an author's `$int` any). */
export function realOfInt(text: string): PyReal {
  spend(linearWork(3.33 * text.length));
  return { kind: 'rat', n: BigInt(text), d: 1n };
}

/** A float as the harness writes it: a JSON number, or 'inf' / '-inf' / 'nan'. */
export function realOfFloat(x: number | string): PyReal {
  if (typeof x === 'number') return realOfDouble(x);
  const text = x.trim().toLowerCase().replace(/^\+/, '');
  if (text === 'nan' || text === '-nan') return { kind: 'nan' };
  if (text === 'inf' || text === 'infinity') return { kind: 'inf', sign: 1 };
  if (text === '-inf' || text === '-infinity') return { kind: 'inf', sign: -1 };
  const value = Number(text);
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text) || Number.isNaN(value)) throw new RangeError(`not a float: ${x}`);
  return realOfDouble(value);
}

const DECIMAL = /^([-+])?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** str(Decimal): '1.50', '-0', '1E+2', 'NaN', 'sNaN', '-Infinity'. */
export function realOfDecimal(text: string): PyReal {
  const t = text.trim().replace(/_/g, '');
  const special = t.toLowerCase().replace(/^[-+]/, '');
  if (special === 'nan' || special === 'snan' || /^s?nan\d+$/.test(special)) return { kind: 'nan' };
  if (special === 'infinity' || special === 'inf') return { kind: 'inf', sign: t.startsWith('-') ? -1 : 1 };
  const m = DECIMAL.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a Decimal: ${text}`);
  const written = `${m[2] || '0'}${m[3] ?? ''}`;
  if (/^0*$/.test(written)) return ZERO; // 0E-200000 is 0
  const exponent = Number(m[4] ?? 0) - (m[3] ?? '').length;
  if (Math.abs(exponent) > 100000) throw new NumberTooLargeError(`Decimal exponent out of range: ${text}`);
  spend(linearWork(3.33 * (written.length + Math.abs(exponent))));
  const digits = BigInt(written) * (m[1] === '-' ? -1n : 1n);
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent), 1n) : rational(digits, 10n ** BigInt(-exponent));
}

/** 'n/d' or 'n' (a Fraction), also '-3/4'. */
export function realOfFraction(text: string): PyReal {
  const m = /^\s*([-+]?\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(text);
  if (!m) {
    try {
      return realOfDecimal(text); // Fraction('1.5') is also Python
    } catch {
      throw new RangeError(`not a Fraction: ${text}`);
    }
  }
  spend(linearWork(3.33 * (m[1]!.length + (m[2] ?? '').length)));
  return rational(BigInt(m[1]!), BigInt(m[2] ?? '1'));
}

/** repr(complex): '1j', '(1+2j)', '(-0-1j)', '(nan+infj)'; an author may omit the parentheses. */
/** The real and imaginary parts of a complex written as text ("1+2j", "(1+0j)", "2j", "-1.5e3-infj"),
 * each as the text of a float: what `complex(text)` reads. */
export function complexParts(text: string): { real: string; imag: string } {
  let t = text.trim().replace(/\s+/g, '');
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  if (!/[jJ]$/.test(t)) return { real: t, imag: '0' };
  t = t.slice(0, -1);
  let split = -1;
  for (let i = t.length - 1; i > 0; i--) {
    if ((t[i] === '+' || t[i] === '-') && !/[eE]/.test(t[i - 1]!)) {
      split = i;
      break;
    }
  }
  const imag = split < 0 ? t : t.slice(split);
  return { real: split < 0 ? '0' : t.slice(0, split), imag: imag === '' || imag === '+' ? '1' : imag === '-' ? '-1' : imag };
}

export function numberOfComplex(text: string): PyNumber {
  const { real, imag } = complexParts(text);
  return { re: realOfFloat(real), im: realOfFloat(imag) };
}

/** a < b as Python orders two real numbers; false when either is NaN (as `<` is). */
export function realLess(a: PyReal, b: PyReal): boolean {
  if (a.kind === 'nan' || b.kind === 'nan') return false;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const sa = a.kind === 'inf' ? a.sign : 0;
    const sb = b.kind === 'inf' ? b.sign : 0;
    return sa < sb;
  }
  return a.n * b.d < b.n * a.d; // denominators are positive (rational())
}

export function realEquals(a: PyReal, b: PyReal): boolean {
  if (a.kind === 'nan' || b.kind === 'nan') return false;
  if (a.kind === 'inf' || b.kind === 'inf') return a.kind === b.kind && (a as { sign: number }).sign === (b as { sign: number }).sign;
  return a.n * b.d === b.n * a.d;
}

export function numberEquals(a: PyNumber, b: PyNumber): boolean {
  return realEquals(a.re, b.re) && realEquals(a.im, b.im);
}

/** A string equal for equal numbers (dict keys, set elements); NaN gets a fresh one each time. */
let nanCount = 0;
export function numberKey(x: PyNumber): string {
  const real = (r: PyReal): string => {
    if (r.kind === 'nan') return `nan#${nanCount++}`;
    if (r.kind === 'inf') return r.sign > 0 ? 'inf' : '-inf';
    const reduced = rational(r.n, r.d) as { n: bigint; d: bigint };
    if (!(reduced.n < SMALL && reduced.n > -SMALL && reduced.d < SMALL)) spend(linearWork(bitLength(reduced.n) + bitLength(reduced.d)));
    return `${reduced.n}/${reduced.d}`;
  };
  const im = real(x.im);
  return im === '0/1' ? `n:${real(x.re)}` : `c:${real(x.re)},${im}`;
}

export function realNumber(re: PyReal): PyNumber {
  return { re, im: ZERO };
}
