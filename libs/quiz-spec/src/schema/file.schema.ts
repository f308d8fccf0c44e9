import { codeFields, codeRequired, limitsSchema, MAX_HIDDEN_TESTS, paramsSchema, testSchema, variantsSchema } from './code.schema.js';
import {
  attempts,
  closedObject,
  code,
  exerciseId,
  isoDate,
  nonEmptyText,
  points,
  slug,
  tags,
  text,
  type JsonSchema,
} from './common.schema.js';

export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'ordering',
  'parsons',
  'predict_output',
  'short_answer',
  'code',
] as const;

const base: Record<string, JsonSchema> = {
  id: slug,
  type: { enum: [...QUESTION_TYPES] },
  prompt: nonEmptyText(),
  points,
  concepts: tags,
  explanation: text(),
  params: paramsSchema,
  variants: variantsSchema,
};

const choice = closedObject(
  {
    id: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9_-]+$', description: 'a short choice id like "a"' },
    text: nonEmptyText(2000),
    correct: { type: 'boolean', description: 'true or false' },
    feedback: text(),
  },
  ['id', 'text'],
);
const choices: JsonSchema = { type: 'array', items: choice, minItems: 2, maxItems: 26 };
const flag: JsonSchema = { type: 'boolean', description: 'true or false' };
const items: JsonSchema = { type: 'array', items: nonEmptyText(500), minItems: 2, maxItems: 26 };
const distractors: JsonSchema = { type: 'array', items: nonEmptyText(500), maxItems: 20 };
const accept: JsonSchema = { type: 'array', items: nonEmptyText(500), minItems: 1, maxItems: 100 };
const acceptPatterns: JsonSchema = { type: 'array', items: nonEmptyText(500), minItems: 1, maxItems: 50, description: 'a list of regular expressions' };

/** A Parsons problem graded by running the assembled program: the fields it shares with code questions. */
const parsonsRun: Record<string, JsonSchema> = {
  grading: { enum: ['order', 'run'], description: 'order (compare with the solution line by line) or run (run the program against tests)' },
  tests: { type: 'array', items: testSchema, minItems: 1, maxItems: MAX_HIDDEN_TESTS },
  test_module: code,
  module: codeFields.module!,
  limits: limitsSchema,
  attempts,
};

const required = ['id', 'type', 'prompt'];
const questionSchemas: Record<(typeof QUESTION_TYPES)[number], JsonSchema> = {
  single_choice: closedObject({ ...base, choices, shuffle: flag }, [...required, 'choices']),
  multiple_choice: closedObject({ ...base, choices, partial: flag, shuffle: flag }, [...required, 'choices']),
  ordering: closedObject({ ...base, items, partial: flag }, [...required, 'items']),
  parsons: closedObject({ ...base, solution: code, distractors, indent: flag, partial: flag, ...parsonsRun }, [...required, 'solution']),
  predict_output: closedObject({ ...base, code, expected_output: text() }, [
    ...required,
    'code',
    'expected_output',
  ]),
  short_answer: closedObject({ ...base, accept, accept_patterns: acceptPatterns, case_sensitive: flag }, [...required, 'accept']),
  code: closedObject({ ...codeFields, id: slug, type: base.type! }, [...new Set([...required, ...codeRequired])]),
};

/** `type` picks the branch, so an error speaks of the question's own fields only. */
const question: JsonSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: base.type! },
  allOf: QUESTION_TYPES.map((t) => ({
    if: { type: 'object', properties: { type: { const: t } }, required: ['type'] },
    then: questionSchemas[t],
  })),
  description: 'a question (a mapping with a `type`) or { ref: <exercise id> }',
};

const refItem = closedObject({ ref: exerciseId, points }, ['ref']);

const quizItem: JsonSchema = {
  type: 'object',
  if: { type: 'object', required: ['ref'] },
  then: refItem,
  else: question,
  description: 'a question (a mapping with a `type`) or { ref: <exercise id> }',
};

const header: Record<string, JsonSchema> = {
  kind: { enum: ['quiz', 'exercise'] },
  id: exerciseId,
  title: nonEmptyText(200),
  published: { type: 'boolean', description: 'true or false' },
  attempts,
};

const exam = closedObject(
  {
    minutes: { type: 'integer', minimum: 1, maximum: 600, description: 'a whole number of minutes from 1 to 600' },
    visible_tests: { type: 'boolean', description: 'true or false' },
    hide_scores: { type: 'boolean', description: 'true or false' },
    one_at_a_time: { type: 'boolean', description: 'true or false' },
  },
  ['minutes'],
  'a mapping { minutes, visible_tests, hide_scores, one_at_a_time }',
);

const quiz = closedObject(
  {
    ...header,
    opens: isoDate,
    closes: isoDate,
    exam,
    concepts: tags,
    questions: { type: 'array', items: quizItem, minItems: 1, maxItems: 200 },
  },
  ['kind', 'id', 'title', 'questions'],
);

const exercise = closedObject({ ...codeFields, ...header }, ['kind', 'id', 'title', ...codeRequired]);

/** The whole file: `kind` picks quiz or exercise. */
export const fileSchema: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: header.kind! },
  allOf: [
    { if: { type: 'object', properties: { kind: { const: 'quiz' } }, required: ['kind'] }, then: quiz },
    { if: { type: 'object', properties: { kind: { const: 'exercise' } }, required: ['kind'] }, then: exercise },
  ],
  description: 'a mapping with `kind: quiz` or `kind: exercise`',
};
