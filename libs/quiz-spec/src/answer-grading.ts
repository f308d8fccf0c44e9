import type {
  MultipleChoiceQuestion,
  OrderingQuestion,
  ParsonsQuestion,
  PredictOutputQuestion,
  Question,
  ShortAnswerQuestion,
  SingleChoiceQuestion,
} from './model.types.js';
import { orderCredit } from './order-credit.js';
import { parsonsSolution, readParsonsAnswer, sameParsonsLine } from './parsons.js';
import { matchesAnyPattern } from './pattern-match.js';

export interface AnswerGrade {
  correct: boolean;
  /** 0..1 */
  score: number;
  /** score x the question's points */
  points: number;
  feedback?: string;
}

/**
 * Grades an answer to a non-code question. Answers come from the network, so they are `unknown`:
 * a malformed answer scores 0 with feedback, it never throws. Code questions go to the grader.
 *   single_choice: a choice id; multiple_choice: a list of choice ids;
 *   ordering: the list of items in the learner's order; parsons: [{ line, indent }] in the learner's
 *   order; predict_output, short_answer: a string.
 */
export function gradeAnswer(question: Exclude<Question, { type: 'code' }>, answer: unknown): AnswerGrade {
  switch (question.type) {
    case 'single_choice':
      return gradeSingleChoice(question, answer);
    case 'multiple_choice':
      return gradeMultipleChoice(question, answer);
    case 'ordering':
      return gradeOrdering(question, answer);
    case 'parsons':
      return gradeParsons(question, answer);
    case 'predict_output':
      return gradePredictOutput(question, answer);
    case 'short_answer':
      return gradeShortAnswer(question, answer);
  }
}

function grade(question: Question, score: number, feedback?: string): AnswerGrade {
  const result: AnswerGrade = { correct: score === 1, score, points: score * question.points };
  const text = feedback ?? question.explanation;
  if (text !== undefined) result.feedback = text;
  return result;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function gradeSingleChoice(q: SingleChoiceQuestion, answer: unknown): AnswerGrade {
  const picked = q.choices.find((c) => c.id === answer);
  if (!picked) return grade(q, 0, 'Pick one of the choices.');
  return grade(q, picked.correct ? 1 : 0, picked.feedback);
}

/** All-or-nothing, or with `partial`: (right picks - wrong picks) / correct choices, at least 0. */
export function gradeMultipleChoice(q: MultipleChoiceQuestion, answer: unknown): AnswerGrade {
  if (!isStringList(answer) || answer.some((id) => !q.choices.some((c) => c.id === id))) {
    return grade(q, 0, 'Answer with a list of choice ids.');
  }
  const picked = new Set(answer);
  const correctIds = q.choices.filter((c) => c.correct).map((c) => c.id);
  const hits = correctIds.filter((id) => picked.has(id)).length;
  const wrong = [...picked].filter((id) => !correctIds.includes(id)).length;
  const exact = hits === correctIds.length && wrong === 0;
  if (exact || !q.partial) return grade(q, exact ? 1 : 0);
  return grade(q, Math.max(0, (hits - wrong) / correctIds.length));
}

/** Exact order, or with `partial`: the longest run of items in the right relative order (`orderCredit`). */
export function gradeOrdering(q: OrderingQuestion, answer: unknown): AnswerGrade {
  const isPermutation =
    isStringList(answer) &&
    answer.length === q.items.length &&
    [...answer].sort().join('\u0000') === [...q.items].sort().join('\u0000');
  if (!isPermutation) return grade(q, 0, 'Answer with every item exactly once, in your order.');
  const exact = answer.every((item, i) => item === q.items[i]);
  if (exact || !q.partial) return grade(q, exact ? 1 : 0);
  return grade(q, orderCredit(answer, q.items));
}

/**
 * The learner's program against the solution, line by line (with `indent`, a line at the wrong
 * depth is a wrong line). Exact, or with `partial` (the default) `orderCredit`: a distractor, a
 * missing line and a misplaced one each cost one line.
 */
export function gradeParsons(q: ParsonsQuestion, answer: unknown): AnswerGrade {
  const lines = readParsonsAnswer(q, answer);
  if (typeof lines === 'string') return grade(q, 0, 'Answer with the lines of your program, in order.');
  const solution = parsonsSolution(q);
  const exact = lines.length === solution.length && lines.every((line, i) => sameParsonsLine(line, solution[i]!));
  if (exact || !q.partial) return grade(q, exact ? 1 : 0);
  return grade(q, orderCredit(lines, solution, sameParsonsLine));
}

/** Line endings to \n, trailing whitespace of each line and trailing blank lines removed. */
export function normaliseOutput(text: string): string {
  // trimEnd and a loop, not /\s+$/ and /\n+$/: those retry from every position of a run of
  // whitespace, quadratic on a learner's "     …x" (0.3 s of the event loop for 10,000 characters).
  return trimEndOf(
    text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
    '\n',
  );
}

/** `text` without its trailing characters among `chars`, in linear time (see normaliseOutput). */
function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

export function gradePredictOutput(q: PredictOutputQuestion, answer: unknown): AnswerGrade {
  if (typeof answer !== 'string') return grade(q, 0, 'Answer with the text the program prints.');
  return grade(q, normaliseOutput(answer) === normaliseOutput(q.expected_output) ? 1 : 0);
}

/**
 * Unicode-normalised, trimmed, inner whitespace collapsed, then what a learner adds around an
 * answer without meaning anything by it: a final `.`, `!`, `,` or `;` and Markdown code ticks
 * (`` `nonlocal`. `` is `nonlocal`); case folded unless case_sensitive.
 */
export function normaliseShortAnswer(text: string, caseSensitive: boolean): string {
  // The final punctuation goes with trimEndOf: /[.!,;]+$/ was quadratic on "....x" (normaliseOutput).
  let cleaned = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  const stripped = trimEndOf(cleaned, '.!,;').trim().replace(/^(`+)([^`]+)\1$/, '$2').trim();
  if (stripped !== '') cleaned = stripped;
  return caseSensitive ? cleaned : cleaned.toLowerCase();
}

/** Answers longer than this are not matched against patterns (and are no short answer anyway). */
const MAX_PATTERN_INPUT = 500;

export function gradeShortAnswer(q: ShortAnswerQuestion, answer: unknown): AnswerGrade {
  if (typeof answer !== 'string') return grade(q, 0, 'Answer with a short text.');
  const given = normaliseShortAnswer(answer, q.case_sensitive);
  const ok = q.accept.some((a) => normaliseShortAnswer(a, q.case_sensitive) === given) || matchesPattern(q, given);
  return grade(q, ok ? 1 : 0);
}

function matchesPattern(q: ShortAnswerQuestion, given: string): boolean {
  if (given.length > MAX_PATTERN_INPUT) return false;
  return matchesAnyPattern(q.accept_patterns ?? [], given, q.case_sensitive ? 'u' : 'iu'); // time-bounded: pattern-match.ts
}
