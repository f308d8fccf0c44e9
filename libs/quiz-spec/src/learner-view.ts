import type { CodeLimits, CodeQuestion, ParsonsQuestion, Question, TestDef } from './model.types.js';
import { parsonsBlocks } from './parsons.js';
import { seededRandom } from './seeded-random.js';

/**
 * What a learner may see of a question. Views are built field by field from an allow-list (never
 * by deleting secrets from a copy), so a field added to the model later stays private by default.
 */
interface LearnerBase {
  id: string;
  prompt: string;
  points: number;
  concepts: string[];
}

export interface LearnerChoiceView extends LearnerBase {
  type: 'single_choice' | 'multiple_choice';
  choices: { id: string; text: string }[];
}

export interface LearnerOrderingView extends LearnerBase {
  type: 'ordering';
  /** Shuffled; never in the correct order when there are three or more items (shuffleAwayFromOrder). */
  items: string[];
}

export interface LearnerParsonsView extends LearnerBase {
  type: 'parsons';
  /** The solution's lines and the distractors, shuffled (never in the solution's order). */
  lines: string[];
  /** true: the learner indents each line too (4 spaces a level); lines are shown without indentation. */
  indent: boolean;
  /** `run`: submitted as lines to the submissions route, and graded by running the program against hidden tests. */
  grading: 'order' | 'run';
  /** With `grading: run`: how many hidden tests grade the program (their content stays private). */
  hidden_tests?: number;
}

export interface LearnerPredictOutputView extends LearnerBase {
  type: 'predict_output';
  code: string;
}

export interface LearnerShortAnswerView extends LearnerBase {
  type: 'short_answer';
}

/** A visible example: shown with its expected value, as the learner can run it. */
export type LearnerExample = Pick<TestDef, 'name' | 'setup' | 'expr' | 'call' | 'args' | 'kwargs' | 'expected' | 'raises' | 'output'>;

export interface LearnerCodeView extends LearnerBase {
  type: 'code';
  title?: string;
  starter: string;
  module: string;
  hints: string[];
  limits: CodeLimits;
  examples: LearnerExample[];
  /** How many hidden tests grade the submission (their content stays private). */
  hidden_tests: number;
}

export type LearnerQuestionView =
  | LearnerChoiceView
  | LearnerOrderingView
  | LearnerParsonsView
  | LearnerPredictOutputView
  | LearnerShortAnswerView
  | LearnerCodeView;

/** `seed` (e.g. the attempt id) makes the ordering shuffle stable for one learner's attempt. */
export function toLearnerView(question: Question, seed: string | number = 0): LearnerQuestionView {
  const base: LearnerBase = {
    id: question.id,
    prompt: question.prompt,
    points: question.points,
    concepts: [...question.concepts],
  };
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, type: question.type, choices: choicesInOrder(question.choices, question.shuffle !== false, `${seed}:${question.id}`) };
    case 'ordering':
      return { ...base, type: 'ordering', items: shuffleAwayFromOrder(question.items, `${seed}:${question.id}`) };
    case 'parsons':
      return parsonsView(question, base, seed);
    case 'predict_output':
      return { ...base, type: 'predict_output', code: question.code };
    case 'short_answer':
      return { ...base, type: 'short_answer' };
    case 'code':
      return codeView(question, base);
  }
}

function parsonsView(question: ParsonsQuestion, base: LearnerBase, seed: string | number): LearnerParsonsView {
  const lines = shuffleAwayFromOrder(parsonsBlocks(question), `${seed}:${question.id}`);
  if (question.grading !== 'run') return { ...base, type: 'parsons', lines, indent: question.indent, grading: 'order' };
  return { ...base, type: 'parsons', lines, indent: question.indent, grading: 'run', hidden_tests: question.tests?.length ?? 0 };
}

function codeView(question: CodeQuestion, base: LearnerBase): LearnerCodeView {
  const view: LearnerCodeView = {
    ...base,
    type: 'code',
    starter: question.starter,
    module: question.module,
    hints: [...question.hints],
    limits: { ...question.limits },
    examples: question.examples.map(exampleView),
    hidden_tests: question.tests.length,
  };
  if (question.title !== undefined) view.title = question.title;
  return view;
}

const EXAMPLE_FIELDS = ['name', 'setup', 'expr', 'call', 'args', 'kwargs', 'expected', 'raises', 'output'] as const;

function exampleView(example: TestDef): LearnerExample {
  const view: Record<string, unknown> = {};
  for (const field of EXAMPLE_FIELDS) {
    if (field in example) view[field] = structuredClone(example[field]);
  }
  return view as unknown as LearnerExample;
}

/**
 * Choices as one attempt shows them: shuffled by the attempt's seed (the right one is not always
 * first, and two learners do not share an order), the same every time that attempt is shown.
 */
function choicesInOrder(choices: { id: string; text: string }[], shuffle: boolean, seed: string): { id: string; text: string }[] {
  const shown = choices.map((c) => ({ id: c.id, text: c.text }));
  return shuffle ? seededShuffle(shown, seed) : shown;
}

export function seededShuffle<T>(items: T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Deterministic Fisher-Yates from a sha256-seeded generator; rotated if it lands on the answer,
 * so that an untouched page is never right. Not for two items: never shown in the right order,
 * their reverse would be the answer on every attempt (red team redapi); two are shuffled plainly,
 * right as shown half the time, no better than a guess.
 */
export function shuffleAwayFromOrder(items: string[], seed: string): string[] {
  const out = seededShuffle(items, seed);
  const unchanged = out.every((item, i) => item === items[i]);
  if (unchanged && out.length > 2) out.push(out.shift()!);
  return out;
}
