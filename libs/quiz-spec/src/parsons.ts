import { PARSONS_INDENT } from './build-model.js';
import type { ParsonsLine, ParsonsQuestion } from './model.types.js';

/** Deepest indentation a learner may give a line (a bound on the answer, far above real programs). */
export const MAX_PARSONS_INDENT = 12;

/**
 * A line as the learner sees it: with `indent: true` without its indentation (placing it is the
 * learner's job), otherwise as written, indentation included.
 */
export function parsonsBlock(q: ParsonsQuestion, line: ParsonsLine): string {
  return q.indent ? line.text : ' '.repeat(Math.max(0, Math.round(line.indent * PARSONS_INDENT))) + line.text;
}

/** Every line given to the learner, solution lines first (the learner view shuffles them). */
export function parsonsBlocks(q: ParsonsQuestion): string[] {
  return [...q.lines, ...q.distractors].map((line) => parsonsBlock(q, line));
}

/**
 * Reads an answer `[{ line, indent }]` (lines as shown, in the learner's order; `indent` only
 * with `indent: true`). Returns the lines, or why the answer does not fit: each given line may be
 * used as often as it is given, and no other text is accepted.
 */
export function readParsonsAnswer(q: ParsonsQuestion, answer: unknown): ParsonsLine[] | string {
  const shape = q.indent
    ? 'a list of { line, indent } with lines given by the question and indent a whole number from 0 to ' + MAX_PARSONS_INDENT
    : 'a list of { line } with lines given by the question';
  const available = new Map<string, number>();
  for (const block of parsonsBlocks(q)) available.set(block, (available.get(block) ?? 0) + 1);
  if (!Array.isArray(answer) || answer.length === 0 || answer.length > q.lines.length + q.distractors.length) {
    return `must be ${shape}, at least one line`;
  }
  const lines: ParsonsLine[] = [];
  for (const item of answer as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `must be ${shape}`;
    const { line, indent, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || typeof line !== 'string') return `must be ${shape}`;
    const left = available.get(line) ?? 0;
    if (left === 0) return `must use only the lines given, each at most as often as given (extra: "${line.slice(0, 80)}")`;
    available.set(line, left - 1);
    if (!q.indent) {
      if (indent !== undefined && indent !== 0) return `must be ${shape} (this problem has no indentation to choose)`;
      lines.push({ text: line, indent: 0 });
    } else {
      if (typeof indent !== 'number' || !Number.isInteger(indent) || indent < 0 || indent > MAX_PARSONS_INDENT) return `must be ${shape}`;
      lines.push({ text: line, indent });
    }
  }
  return lines;
}

/** The solution in the form answers are read in, to compare with `sameParsonsLine`. */
export function parsonsSolution(q: ParsonsQuestion): ParsonsLine[] {
  return q.lines.map((line) => (q.indent ? { text: line.text, indent: line.indent } : { text: parsonsBlock(q, line), indent: 0 }));
}

export function sameParsonsLine(a: ParsonsLine, b: ParsonsLine): boolean {
  return a.text === b.text && a.indent === b.indent;
}
