/**
 * Building blocks of the JSON Schema. `description` is not decoration here: the error mapper
 * prints it as "what was expected", so it is written for the author reading the error.
 */

export type JsonSchema = Record<string, unknown>;

/** Caps that keep a hostile file from costing much; a real exercise is far below them. */
export const TEXT_CAP = 20_000;
export const CODE_CAP = 65_536;

export const text = (maxLength = TEXT_CAP): JsonSchema => ({
  type: 'string',
  maxLength,
  description: 'a string (text)',
});

export const nonEmptyText = (maxLength = TEXT_CAP): JsonSchema => ({
  ...text(maxLength),
  minLength: 1,
});

export const code: JsonSchema = { ...text(CODE_CAP), description: 'Python source code (a string)' };

export const points: JsonSchema = {
  type: 'number',
  minimum: 0,
  maximum: 1000,
  description: 'a number >= 0',
};

export const attempts: JsonSchema = {
  type: 'integer',
  minimum: 0,
  maximum: 1000,
  description: 'a whole number >= 0 (0 = unlimited)',
};

export const tag: JsonSchema = {
  type: 'string',
  maxLength: 64,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'a kebab-case tag like "closure-state"',
};

export const tags: JsonSchema = { type: 'array', items: tag, maxItems: 50 };

export const slug: JsonSchema = {
  type: 'string',
  maxLength: 80,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'a kebab-case id like "make-counter"',
};

export const exerciseId: JsonSchema = {
  type: 'string',
  maxLength: 160,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'an id "<course>/<slug>" like "closures/make-counter"',
};

export const identifier: JsonSchema = {
  type: 'string',
  maxLength: 100,
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'a Python identifier',
};

export const dottedName: JsonSchema = {
  type: 'string',
  maxLength: 200,
  pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$',
  description: 'a Python name like "f" or "mod.f"',
};

export const testName: JsonSchema = {
  type: 'string',
  maxLength: 200,
  pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$',
  description: 'a test name like "counts_up", "test_x" or "TestClass.test_x"',
};

export const isoDate: JsonSchema = {
  type: 'string',
  format: 'iso-date',
  description: 'an ISO date like 2026-01-01 or 2026-01-01T00:00:00Z',
};

/** A closed object: unknown keys are errors, which catches typos such as `expect:`. */
export const closedObject = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  description = 'a mapping',
): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
  description,
});
