/** Where a problem is inside the parsed content: map keys and list indexes. */
export type PathSegment = string | number;
export type DataPath = PathSegment[];

/** A problem found in a file's content, not yet given a line and column. */
export interface Problem {
  path: DataPath;
  message: string;
  /** Point at the key (an unknown field) rather than at the value. */
  atKey?: boolean;
}

/** A located error. `line` and `column` are 1-based. */
export interface SpecError {
  file: string;
  line: number;
  column: number;
  /** The field, written `tests[2].points`; empty for the whole file. */
  path: string;
  message: string;
}

/** `tests[2].points` */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** `exercises/closures/x.yaml:12:7: tests[2].points: expected a number >= 0, got "two"` */
export function formatSpecError(error: SpecError): string {
  const field = error.path === '' ? '' : `${error.path}: `;
  return `${error.file}:${error.line}:${error.column}: ${field}${error.message}`;
}

/** A short rendering of an offending value for messages: `"two"`, `3`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}
