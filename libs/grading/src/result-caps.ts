import type { GradingJob, GradingResult, TestResult } from '@app/grader';
import { MAX_EXAMPLES, MAX_HIDDEN_TESTS } from '@app/quiz-spec';

/**
 * Most of one text the learner's code can fill: a test's message (its author feedback aside), a
 * test's output, the result's message. A free run once returned 80 MB and stored 320 MB.
 */
export const FIELD_CAP_BYTES = 4 * 1024;
/** All test messages and outputs of one result together, author feedback aside. */
export const RESULT_TEXT_CAP_BYTES = 128 * 1024;
/** No code question has more tests than this (the exercise schema's own limits). */
export const MAX_RESULT_TESTS = MAX_EXAMPLES + MAX_HIDDEN_TESTS;
/** Room a cut text keeps for its note, "\n[truncated: N more characters]". */
const NOTE_BYTES = 48;

/** One test's texts, split into what learner code may have written and the author's feedback. */
interface TestTexts {
  detail: string;
  feedback: string;
  output: string;
}

/**
 * The result as it may be stored and sent: each learner-written text at most FIELD_CAP_BYTES,
 * all of them together at most RESULT_TEXT_CAP_BYTES, at most MAX_RESULT_TESTS tests. Every
 * cut text ends with a visible note. The author's feedback (bounded by the exercise schema) is
 * never cut. Idempotent: a capped result comes back unchanged, as the same object.
 */
export function capGradingResult(result: GradingResult, job: Pick<GradingJob, 'tests'>): GradingResult {
  const feedbackOf = new Map(job.tests.map((spec) => [spec.name, spec.feedback ?? '']));
  const tests = result.tests.slice(0, MAX_RESULT_TESTS);
  const texts = tests.map((test) => splitFeedback(test, feedbackOf.get(test.name) ?? ''));
  const level = waterLevel(texts.flatMap((t) => [t.detail, t.output]).map(cappedSize));
  const message = cutTo(withoutNul(String(result.message ?? '')) + moreTestsNote(result.tests.length - tests.length), FIELD_CAP_BYTES);
  const capped = tests.map((test, i) => capTest(test, texts[i]!, level));
  const changed = message !== result.message || tests.length !== result.tests.length || capped.some((test, i) => test !== tests[i]);
  return changed ? { ...result, message, tests: capped } : result;
}

function capTest(test: TestResult, { detail, feedback, output }: TestTexts, level: number): TestResult {
  const cutDetail = cutTo(detail, level);
  const cutOutput = cutTo(output, level);
  if (cutDetail + feedback === String(test.message ?? '') && cutOutput === String(test.output ?? '')) return test;
  return { ...test, message: cutDetail + feedback, output: cutOutput };
}

/** The result builder writes `detail\nfeedback` or the feedback alone: that end is kept whole. */
function splitFeedback(test: TestResult, feedback: string): TestTexts {
  const message = withoutNul(String(test.message ?? ''));
  const output = withoutNul(String(test.output ?? ''));
  const kept = feedback === '' ? '' : message === feedback ? feedback : message.endsWith(`\n${feedback}`) ? `\n${feedback}` : '';
  return { detail: message.slice(0, message.length - kept.length), feedback: kept, output };
}

/**
 * PostgreSQL's jsonb cannot hold NUL (U+0000): code that printed one, or put one in an exception's
 * message, had a result that could not be stored, so it was graded three times and then stored
 * as "Grading failed on our side" (red team redapi2). It is shown as U+2400, the symbol for NUL.
 */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\u2400') : text;
}

/** UTF-8 size, or "over the field cap" without reading all of an 80 MB text (a byte per unit at least). */
function cappedSize(text: string): number {
  return text.length > FIELD_CAP_BYTES ? FIELD_CAP_BYTES + 1 : Buffer.byteLength(text, 'utf8');
}

/**
 * The largest cut L (at most FIELD_CAP_BYTES) such that every text cut at L fits the result's
 * budget together: texts under L are untouched, longer ones share what is left equally.
 */
function waterLevel(sizes: number[]): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let remaining = RESULT_TEXT_CAP_BYTES;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(remaining / (sorted.length - i));
    if (sorted[i]! > share) return Math.min(share, FIELD_CAP_BYTES);
    remaining -= sorted[i]!;
  }
  return FIELD_CAP_BYTES;
}

/** `text` when it fits `maxBytes` of UTF-8; else its start and a note, `maxBytes` at most in all. */
export function cutTo(text: string, maxBytes: number): string {
  if (cappedSize(text) <= maxBytes) return text;
  const kept = utf8Prefix(text, Math.max(0, maxBytes - NOTE_BYTES));
  return `${kept}\n[truncated: ${text.length - kept.length} more characters]`;
}

/** The longest start of `text` within `maxBytes` of UTF-8, never half of a surrogate pair. */
function utf8Prefix(text: string, maxBytes: number): string {
  let low = 0;
  let high = Math.min(text.length, maxBytes);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(text.slice(0, middle), 'utf8') <= maxBytes) low = middle;
    else high = middle - 1;
  }
  const code = text.charCodeAt(low - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? low - 1 : low);
}

function moreTestsNote(dropped: number): string {
  return dropped > 0 ? `\n[truncated: ${dropped} more tests]` : '';
}
