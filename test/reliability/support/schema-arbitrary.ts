import fc from 'fast-check';
import { resolveSchema, type JsonSchema, type OpenApiDocument } from './openapi-routes.js';

/** Strings that have broken parsers before: prototype keys, NUL, surrogates, SQL and path tricks. */
const NASTY_STRINGS = ['__proto__', 'constructor', '\u0000', '\ud800', "' OR 1=1 --", '../../etc/passwd', '%00', '{{7*7}}', 'NaN', '-1', '1e309', ' '.repeat(300)];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** A string one or two characters either side of a length limit. */
function aroundLimit(limit: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: -2, max: 2 }), fc.constantFrom('x', 'é', '\n', '😀')).map(([delta, unit]) => unit.repeat(Math.max(0, limit + delta)));
}

/** Anything JSON can carry, kept small. */
export const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A value that is valid for the schema most of the time and of a wrong type or size otherwise. */
export function valueFor(doc: OpenApiDocument, raw: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveSchema(doc, raw) ?? {};
  const wrong = depth > 2 ? scalar : fc.oneof(scalar, anyJson);
  return fc.oneof({ weight: 3, arbitrary: validish(doc, schema, depth) }, { weight: 1, arbitrary: wrong });
}

function validish(doc: OpenApiDocument, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), fc.string({ maxLength: 10 }));
  switch (schema.type) {
    case 'string':
      return fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...NASTY_STRINGS), aroundLimit(schema.maxLength ?? 200));
    case 'number':
    case 'integer':
      return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(doc, schema.items, depth + 1), { maxLength: 4 });
    default:
      return schema.properties && depth <= 3 ? objectFor(doc, schema, depth + 1) : anyJson;
  }
}

/** An object of the schema's properties (any subset), sometimes with an unknown extra key. */
export function objectFor(doc: OpenApiDocument, schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) shape[name] = valueFor(doc, property, depth);
  const known = fc.record(shape, { requiredKeys: [] });
  const extra = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')), scalar, { maxKeys: 2 });
  return fc.tuple(known, extra, fc.boolean()).map(([fields, more, addExtra]) => (addExtra ? { ...more, ...fields } : fields));
}

/** A body for a route: mostly schema-shaped, sometimes any JSON at all (arrays, scalars, null). */
export function bodyFor(doc: OpenApiDocument, schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const shaped = schema ? objectFor(doc, schema) : fc.constant({});
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

/** Query string values for the documented query parameters (and one undocumented one). */
export function queryFor(names: string[]): fc.Arbitrary<Record<string, string>> {
  const value = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...NASTY_STRINGS), fc.integer().map(String), fc.constantFrom('0', '-5', '1e9', '99999999999999999999', 'true', '[]'));
  const known = fc.record(Object.fromEntries(names.map((name) => [name, value])), { requiredKeys: [] });
  return fc.tuple(known, fc.option(value, { nil: undefined })).map(([query, extra]) => {
    const defined = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return extra === undefined ? defined : { ...defined, unexpected: extra };
  });
}
