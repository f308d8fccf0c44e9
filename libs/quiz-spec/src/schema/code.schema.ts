import {
  attempts,
  closedObject,
  code,
  dottedName,
  identifier,
  nonEmptyText,
  points,
  tag,
  tags,
  testName,
  text,
  type JsonSchema,
} from './common.schema.js';

/** Visible examples and hidden tests a code question may have: a grading lists at most both. */
export const MAX_EXAMPLES = 200;
export const MAX_HIDDEN_TESTS = 500;

const expression: JsonSchema = { ...nonEmptyText(2000), description: 'a Python expression' };

/** The closure-aware checks (`check:`); checks/check-tests.ts turns each into a hidden test. */
const checkSchema: JsonSchema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    closure: closedObject(
      { make: expression, use: code, free_vars: { type: 'array', items: identifier, minItems: 1, maxItems: 20 } },
      ['make'],
    ),
    no_module_state: { ...code, minLength: 1, description: 'Python statements using the learner\'s names' },
    independent: closedObject({ make: expression, step: expression }, ['make', 'step']),
    distinct: closedObject({ make: expression, each: expression }, ['make', 'each']),
  },
  description: 'one of closure, no_module_state, independent, distinct',
};

/** A visible example or hidden test. Which fields may combine is checked after the schema. */
export const testSchema = closedObject(
  {
    name: testName,
    points,
    feedback: text(),
    setup: code,
    expr: nonEmptyText(),
    call: dottedName,
    args: { type: 'array', maxItems: 100, description: 'a list of arguments' },
    kwargs: { type: 'object', description: 'a mapping of keyword arguments' },
    expected: {},
    exact_type: { type: 'boolean', description: 'true or false (the value must also have exactly the expected types)' },
    raises: { ...dottedName, description: 'an exception class name like "TypeError"' },
    output: text(),
    check: checkSchema,
    misconception: { ...tag, description: 'a kebab-case misconception name like "shared-state"' },
  },
  ['name'],
);

const wrongSolutionSchema = closedObject(
  {
    name: { ...nonEmptyText(200), description: 'a short name for this wrong solution' },
    code,
    fails: { type: 'array', items: testName, minItems: 1, maxItems: 200, uniqueItems: true },
    feedback: nonEmptyText(),
  },
  ['name', 'code', 'fails', 'feedback'],
);

/** Another right answer, in a style a learner may write: checked like the reference, never shown. */
const otherSolutionSchema = closedObject(
  {
    name: { ...nonEmptyText(200), description: 'a short name for this right answer' },
    code,
  },
  ['name', 'code'],
);

export const limitsSchema = closedObject(
  {
    time_ms: { type: 'integer', minimum: 1, maximum: 60_000, description: 'milliseconds, 1..60000' },
    total_ms: { type: 'integer', minimum: 1, maximum: 300_000, description: 'milliseconds, 1..300000' },
    memory_mb: { type: 'integer', minimum: 16, maximum: 2048, description: 'megabytes, 16..2048' },
    output_bytes: { type: 'integer', minimum: 0, maximum: 1_048_576, description: 'bytes' },
    recursion_limit: { type: 'integer', minimum: 50, maximum: 100_000, description: 'an integer' },
  },
  [],
);

const virtualClockSchema: JsonSchema = {
  type: ['boolean', 'object'],
  additionalProperties: false,
  properties: { start: { type: 'number', description: 'a start time in seconds' } },
  required: ['start'],
  description: 'true, false or { start: <seconds> }',
};

const paramValue: JsonSchema = {
  type: ['string', 'number', 'boolean'],
  maxLength: 200,
  description: 'a number, a string (at most 200 characters) or true/false',
};

/** A list of values (type-specific keywords apply to their own type only) or a whole-number range. */
const paramSpec: JsonSchema = {
  type: ['array', 'object'],
  items: paramValue,
  minItems: 1,
  maxItems: 50,
  properties: {
    min: { type: 'integer', minimum: -1_000_000_000, maximum: 1_000_000_000, description: 'a whole number' },
    max: { type: 'integer', minimum: -1_000_000_000, maximum: 1_000_000_000, description: 'a whole number' },
  },
  required: ['min', 'max'],
  additionalProperties: false,
  description: 'a list of values, or { min, max } whole numbers',
};

export const paramsSchema: JsonSchema = {
  type: 'object', minProperties: 1, maxProperties: 10, propertyNames: identifier, additionalProperties: paramSpec,
  description: 'a mapping of parameter name to a list of values or { min, max }',
};

export const variantsSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 50,
  items: { type: 'object', minProperties: 1, maxProperties: 10, propertyNames: identifier, additionalProperties: paramValue, description: 'a mapping of parameter name to value' },
  description: 'a list of mappings of parameter name to value',
};

/** The fields of a code question, shared by exercise files and inline `type: code` questions. */
export const codeFields: Record<string, JsonSchema> = {
  title: nonEmptyText(200),
  concepts: tags,
  prompt: nonEmptyText(),
  starter: code,
  module: identifier,
  limits: limitsSchema,
  virtual_clock: virtualClockSchema,
  attempts,
  hints: { type: 'array', items: text(), maxItems: 50 },
  examples: { type: 'array', items: testSchema, maxItems: MAX_EXAMPLES },
  tests: { type: 'array', items: testSchema, minItems: 1, maxItems: MAX_HIDDEN_TESTS },
  test_module: code,
  support_modules: {
    type: 'object', maxProperties: 20, propertyNames: identifier, additionalProperties: code,
    description: 'a mapping of module name to Python source (hidden helpers the test module imports)',
  },
  solution: code,
  wrong_solutions: { type: 'array', items: wrongSolutionSchema, minItems: 2, maxItems: 50 },
  other_solutions: { type: 'array', items: otherSolutionSchema, minItems: 1, maxItems: 50 },
  explanation: text(),
  params: paramsSchema,
  variants: variantsSchema,
};

export const codeRequired = ['prompt', 'tests', 'solution', 'wrong_solutions'];
