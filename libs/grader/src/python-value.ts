/**
 * Python values as they travel out of the sandbox: tagged JSON produced by the harness from exact
 * built-in types only (`["int","3"]`, `["float",2.5]`, `["list",[...]]`, `["other","Foo"]`...).
 * Expected values from exercises are plain JSON and are converted to the same shape here, so the
 * comparison happens in the host where learner code cannot reach it. Type-strict: 1 != 1.0 != True.
 *
 * JSON cannot say "float 3.0", "tuple" or "set": an expected value may use the escapes
 * `{ "$float": 3 }`, `{ "$tuple": [..] }`, `{ "$set": [..] }`, `{ "$frozenset": [..] }`.
 */
export type PyTagged =
  | ['none']
  | ['bool', boolean]
  | ['int', string]
  | ['float', number | string]
  | ['str', string]
  | ['bytes', string]
  | ['complex', string]
  | ['list' | 'tuple' | 'set' | 'frozenset', PyTagged[]]
  | ['dict', [PyTagged, PyTagged][]]
  | ['other', string];

const ESCAPES = ['$float', '$tuple', '$set', '$frozenset'] as const;

/** Converts an expected JSON value (with the `$` escapes) to its tagged Python form. */
export function toTagged(value: unknown): PyTagged {
  if (value === null || value === undefined) return ['none'];
  if (typeof value === 'boolean') return ['bool', value];
  if (typeof value === 'bigint') return ['int', value.toString()];
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ['int', BigInt(value).toString()] : ['float', value];
  }
  if (typeof value === 'string') return ['str', value];
  if (Array.isArray(value)) return ['list', value.map(toTagged)];
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const escape = entries.length === 1 ? ESCAPES.find((e) => e === entries[0]![0]) : undefined;
    if (escape === '$float') return ['float', Number(entries[0]![1])];
    if (escape) return [escape.slice(1) as 'tuple', asArray(entries[0]![1]).map(toTagged)];
    return ['dict', entries.map(([k, v]) => [['str', k], toTagged(v)] as [PyTagged, PyTagged])];
  }
  return ['other', typeof value];
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TypeError('a $tuple/$set escape needs an array');
  return value;
}

const SCALAR_TAGS: Record<string, string> = {
  bool: 'boolean', int: 'string', str: 'string', bytes: 'string', complex: 'string', other: 'string',
};

/**
 * Whether `value` has the shape of a tagged value (bounded in depth and size, like the harness's
 * encoder). Values arrive from an interpreter that ran learner code: checked before use.
 */
export function isPyTagged(value: unknown, depth = 0, budget = [200000]): value is PyTagged {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || depth > 101 || --budget[0]! < 0) return false;
  const [tag, inner] = value as [string, unknown];
  if (tag === 'none') return value.length === 1;
  if (value.length !== 2) return false;
  if (tag === 'float') return typeof inner === 'number' || typeof inner === 'string';
  if (Object.hasOwn(SCALAR_TAGS, tag)) return typeof inner === SCALAR_TAGS[tag];
  if (!Array.isArray(inner)) return false;
  if (tag === 'list' || tag === 'tuple' || tag === 'set' || tag === 'frozenset') {
    return inner.every((x) => isPyTagged(x, depth + 1, budget));
  }
  return tag === 'dict' && inner.every((pair) => Array.isArray(pair) && pair.length === 2
    && isPyTagged(pair[0], depth + 1, budget) && isPyTagged(pair[1], depth + 1, budget));
}

/** A canonical string: equal iff the values are equal type-strictly (dicts/sets unordered). */
export function canonical(v: PyTagged): string {
  switch (v[0]) {
    case 'list':
    case 'tuple':
      return `${v[0]}(${v[1].map(canonical).join(',')})`;
    case 'set':
    case 'frozenset':
      return `${v[0]}(${v[1].map(canonical).sort().join(',')})`;
    case 'dict':
      return `dict(${v[1].map(([k, x]) => `${canonical(k)}:${canonical(x)}`).sort().join(',')})`;
    case 'float':
      return `float(${typeof v[1] === 'number' ? (Object.is(v[1], -0) ? '-0' : String(v[1])) : v[1]})`;
    case 'none':
      return 'none';
    default:
      return `${v[0]}(${JSON.stringify(v[1])})`;
  }
}

export function pyEquals(actual: PyTagged, expected: PyTagged): boolean {
  return canonical(actual) === canonical(expected);
}

/** How the value looks in Python, for messages of visible tests. */
export function pyRepr(v: PyTagged): string {
  switch (v[0]) {
    case 'none': return 'None';
    case 'bool': return v[1] ? 'True' : 'False';
    case 'int': return v[1];
    case 'float': return floatRepr(v[1]);
    case 'str': return pyStr(v[1]);
    case 'bytes': return `bytes.fromhex('${v[1]}')`;
    case 'complex': return v[1];
    case 'list': return `[${v[1].map(pyRepr).join(', ')}]`;
    case 'tuple': return v[1].length === 1 ? `(${pyRepr(v[1][0]!)},)` : `(${v[1].map(pyRepr).join(', ')})`;
    case 'set': return v[1].length ? `{${v[1].map(pyRepr).join(', ')}}` : 'set()';
    case 'frozenset': return `frozenset({${v[1].map(pyRepr).join(', ')}})`;
    case 'dict': return `{${v[1].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
    case 'other': return `<a value of type ${v[1]}>`;
  }
}

function floatRepr(f: number | string): string {
  if (typeof f === 'string') return `float('${f}')`;
  const text = String(f);
  return /[.eE]/.test(text) || !Number.isFinite(f) ? text : `${text}.0`;
}

function pyStr(s: string): string {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}
