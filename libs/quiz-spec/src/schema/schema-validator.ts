import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { describeValue, type DataPath, type Problem } from '../errors.js';
import { fileSchema } from './file.schema.js';

/** Errors kept per file: a file that is wrong everywhere is still reported briefly. */
const MAX_PROBLEMS = 30;

const compiled = new WeakMap<object, ValidateFunction>();
let shared: Ajv | undefined;

function validator(schema: object): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validate = ajvInstance().compile(schema);
  compiled.set(schema, validate);
  return validate;
}

function ajvInstance(): Ajv {
  if (shared) return shared;
  // allErrors: report every problem in one run; verbose: the offending value and its schema.
  const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false });
  // ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM loader.
  const plugin = addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin };
  const addFormats = (plugin.default ?? addFormatsPlugin) as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  const formats = ajv.formats as Record<string, { validate?: (s: string) => boolean } | ((s: string) => boolean)>;
  const check = (name: string, s: string) => {
    const f = formats[name];
    return typeof f === 'function' ? f(s) : (f?.validate?.(s) ?? false);
  };
  ajv.addFormat('iso-date', (s: string) => check('date-time', s) || check('date', s));
  shared = ajv;
  return ajv;
}

/** Validates parsed file content (a quiz or exercise file unless another schema is given);
 * returns problems with data paths (located later). */
export function validateSchema(data: unknown, schema: object = fileSchema): Problem[] {
  const validate = validator(schema);
  if (validate(data)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, data);
    if (!problem) continue;
    const key = JSON.stringify(problem.path);
    // One message per field: the first is the most specific (ajv reports type before format).
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

function toProblem(error: ErrorObject, root: unknown): Problem | undefined {
  const path = decodePointer(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the branch's own errors say what is wrong
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'required field is missing' };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as object).join(', ');
      const message = `unknown field (expected one of: ${allowed})`;
      return { path: [...path, String(params.additionalProperty)], message, atKey: true };
    }
    default:
      return { path, message: expectation(error) };
  }
}

function expectation(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const got = describeValue(error.data);
  const description = error.parentSchema?.description as string | undefined;
  switch (error.keyword) {
    case 'type':
    case 'pattern':
    case 'format':
      return `expected ${description ?? `${error.keyword} ${JSON.stringify(params)}`}, got ${got}`;
    case 'minimum':
    case 'maximum':
      return `expected a number ${params.comparison} ${params.limit}, got ${got}`;
    case 'enum':
      return `expected one of ${(params.allowedValues as unknown[]).join(', ')}, got ${got}`;
    case 'minItems':
      return `expected at least ${params.limit} item(s), got ${(error.data as unknown[]).length}`;
    case 'maxItems':
      return `expected at most ${params.limit} items, got ${(error.data as unknown[]).length}`;
    case 'minLength':
      return `expected a non-empty string`;
    case 'maxLength':
      return `expected at most ${params.limit} characters, got ${(error.data as string).length}`;
    case 'uniqueItems':
      return `expected no duplicates, items ${params.j} and ${params.i} are equal`;
    default:
      return `${error.message ?? 'invalid'}, got ${got}`;
  }
}

/** `/tests/2/points` -> ['tests', 2, 'points'], with numbers only where the data is a list. */
function decodePointer(pointer: string, root: unknown): DataPath {
  if (pointer === '') return [];
  const path: DataPath = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return path;
}
