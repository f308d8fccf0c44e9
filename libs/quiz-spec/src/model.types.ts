/**
 * Typed models of the exercise format. Field names mirror the YAML keys (snake_case) so that an
 * author, a reviewer and the code all speak of `wrong_solutions`, `expected_output`, ...
 * Defaults are applied by the loader: optional fields below are the ones that have no default.
 */

/** A test of a code question: a declarative case (has `expr` or `call`) or a test_module test. */
export interface TestDef {
  name: string;
  points: number;
  feedback?: string;
  setup?: string;
  expr?: string;
  call?: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  /** Present (possibly `null` = Python `None`) when the value is checked, with Python's `==`. */
  expected?: unknown;
  /** The value must also have exactly the expected types, recursively (5.0 is not 5). */
  exact_type?: boolean;
  raises?: string;
  output?: string;
  /** A closure-aware check (hidden tests only): run by the generated test of that name. */
  check?: CheckDef;
  /** The mistake a failure of this test reveals, counted per exercise on the dashboard. */
  misconception?: string;
}

/** Exactly one kind of closure-aware check (docs/authoring.md, "Closure-aware checks"). */
export type CheckDef =
  | { closure: { make: string; use?: string; free_vars?: string[] } }
  | { no_module_state: string }
  | { independent: { make: string; step: string } }
  | { distinct: { make: string; each: string } };

export interface WrongSolution {
  name: string;
  code: string;
  /** Exactly the tests this solution must fail. */
  fails: string[];
  /** Text that must appear in a failing test's message. */
  feedback: string;
}

/** Another right answer (a style learners write): must score 100 % like the reference. */
export interface OtherSolution {
  name: string;
  code: string;
}

export interface CodeLimits {
  time_ms?: number;
  total_ms?: number;
  memory_mb?: number;
  output_bytes?: number;
  recursion_limit?: number;
}

/** A value a parameter can take: substituted into the question's text, code and expected values. */
export type ParamValue = string | number | boolean;
/** A list of values to draw from, or whole numbers from min to max (inclusive). */
export type ParamSpec = ParamValue[] | { min: number; max: number };

interface QuestionBase {
  id: string;
  prompt: string;
  points: number;
  concepts: string[];
  explanation?: string;
  /** Per-learner variants (every question type): each parameter drawn on its own, per learner and attempt. */
  params?: Record<string, ParamSpec>;
  /** Per-learner variants: one of these sets of values drawn per learner and attempt. */
  variants?: Record<string, ParamValue>[];
}

export interface Choice {
  id: string;
  text: string;
  correct: boolean;
  /** Shown after answering when this choice was picked. */
  feedback?: string;
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single_choice';
  choices: Choice[];
  /** Choices in a per-attempt order (default, also when absent); false keeps the file's order ("All of the above"). */
  shuffle?: boolean;
}

export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple_choice';
  choices: Choice[];
  partial: boolean;
  shuffle?: boolean;
}

export interface OrderingQuestion extends QuestionBase {
  type: 'ordering';
  /** The correct order. */
  items: string[];
  partial: boolean;
}

/** One line of a Parsons problem: its text without leading spaces and its indentation level. */
export interface ParsonsLine {
  text: string;
  indent: number;
}

/** Order (and with `indent`, indent) given lines of code into a program; distractors are never right. */
export interface ParsonsQuestion extends QuestionBase {
  type: 'parsons';
  /** The solution, in order (from the `solution` block: 4 spaces per indentation level). */
  lines: ParsonsLine[];
  /** Lines that belong nowhere in the solution. */
  distractors: ParsonsLine[];
  /** true: the learner also indents the lines, and indentation is graded. */
  indent: boolean;
  /** Partial credit by the longest correct subsequence (default true); false = all or nothing. */
  partial: boolean;
  /**
   * `order` (default): compared line by line with the solution. `run`: the learner's lines are
   * assembled into a program and graded like a code submission, against `tests`.
   */
  grading?: 'order' | 'run';
  /** grading: run — hidden tests of the assembled program (declared like a code question's). */
  tests?: TestDef[];
  test_module?: string;
  /** grading: run — the assembled program's module name (default `solution`). */
  module?: string;
  limits?: CodeLimits;
  /** grading: run — submissions allowed per attempt (0 = unlimited, the default). */
  attempts?: number;
}

export interface PredictOutputQuestion extends QuestionBase {
  type: 'predict_output';
  code: string;
  expected_output: string;
}

export interface ShortAnswerQuestion extends QuestionBase {
  type: 'short_answer';
  accept: string[];
  /** Regular expressions (JavaScript syntax) an answer may match as a whole, after normalisation. */
  accept_patterns?: string[];
  case_sensitive: boolean;
}

export interface CodeQuestion extends QuestionBase {
  type: 'code';
  title?: string;
  starter: string;
  module: string;
  limits: CodeLimits;
  virtual_clock: boolean | { start: number };
  attempts: number;
  hints: string[];
  examples: TestDef[];
  tests: TestDef[];
  test_module?: string;
  /** Hidden helper modules the test module imports (`from test_utils import ...`), by name. */
  support_modules?: Record<string, string>;
  solution: string;
  wrong_solutions: WrongSolution[];
  /** Other right answers (`other_solutions`): graded like the reference, never shown to learners. */
  other_solutions?: OtherSolution[];
  /** Set when the question was included into a quiz with `ref:`. */
  ref?: string;
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | OrderingQuestion
  | ParsonsQuestion
  | PredictOutputQuestion
  | ShortAnswerQuestion
  | CodeQuestion;

export type QuestionType = Question['type'];

/** A quiz entry that includes a code exercise file by id (resolved by the course loader). */
export interface QuestionRef {
  ref: string;
  points?: number;
}

/** A timed, graded sitting of a quiz: the server keeps the time and may hide scores until release. */
export interface ExamSettings {
  /** Minutes per attempt, counted by the server from the start of the attempt. */
  minutes: number;
  /** Whether learners may run the visible tests of code questions (default true). */
  visible_tests: boolean;
  /** Scores and feedback hidden until an instructor releases them or the quiz closes (default true). */
  hide_scores: boolean;
  /** The page shows one question at a time, with a navigator (default false). */
  one_at_a_time: boolean;
}

export interface Quiz {
  kind: 'quiz';
  id: string;
  title: string;
  published: boolean;
  attempts: number;
  opens?: string;
  closes?: string;
  exam?: ExamSettings;
  concepts: string[];
  /** `ref:` entries are replaced by the referenced exercise's code question once the course loads. */
  questions: Question[];
}

/** A file holding a single code question. */
export interface Exercise {
  kind: 'exercise';
  id: string;
  title: string;
  published: boolean;
  attempts: number;
  concepts: string[];
  question: CodeQuestion;
}

export type CourseItem = Quiz | Exercise;
