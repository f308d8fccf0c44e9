import { DEFAULT_MODULE, PARSONS_INDENT } from './build-model.js';
import type { CodeQuestion, ParsonsLine, ParsonsQuestion, Question } from './model.types.js';
import { parsonsSolution, readParsonsAnswer } from './parsons.js';

/**
 * Parsons problems with `grading: run`: the learner's lines become a Python module, graded by the
 * same pipeline as a code submission. The question is seen by the grader, the validator and the
 * regrade as the code question `parsonsAsCode` builds, whose reference solution is the solution
 * in order.
 */

/** A Parsons problem graded by running, or a code question: both go to the grader. */
export function isRunGraded(q: Question): boolean {
  return q.type === 'code' || (q.type === 'parsons' && q.grading === 'run');
}

/** Lines as the learner placed them, 4 spaces per level; distractors included simply become code. */
export function assembleProgram(lines: readonly ParsonsLine[]): string {
  return lines.map((line) => ' '.repeat(line.indent * PARSONS_INDENT) + line.text).join('\n') + '\n';
}

/** The program a learner's answer stands for, or why the answer does not fit (`readParsonsAnswer`). */
export function parsonsProgram(q: ParsonsQuestion, answer: unknown): string | { problem: string } {
  const lines = readParsonsAnswer(q, answer);
  return typeof lines === 'string' ? { problem: lines } : assembleProgram(lines);
}

/** The solution's lines in order: the reference solution of a run-graded problem. */
export function parsonsReference(q: ParsonsQuestion): string {
  return assembleProgram(parsonsSolution(q));
}

/** The code question the grader sees: only hidden tests, nothing to start from, no wrong solutions. */
export function parsonsAsCode(q: ParsonsQuestion): CodeQuestion {
  const code: CodeQuestion = {
    type: 'code',
    id: q.id,
    prompt: q.prompt,
    points: q.points,
    concepts: q.concepts,
    starter: '',
    module: q.module ?? DEFAULT_MODULE,
    limits: { ...(q.limits ?? {}) },
    virtual_clock: false,
    attempts: q.attempts ?? 0,
    hints: [],
    examples: [],
    tests: q.tests ?? [],
    solution: parsonsReference(q),
    wrong_solutions: [],
  };
  if (q.test_module !== undefined) code.test_module = q.test_module;
  if (q.params !== undefined) code.params = q.params;
  if (q.variants !== undefined) code.variants = q.variants;
  return code;
}

/** What the grader grades for a stored question: a code question as it is, a run-graded Parsons problem as code. */
export function runnableCode(q: Question): CodeQuestion {
  if (q.type === 'code') return q;
  if (q.type === 'parsons' && q.grading === 'run') return parsonsAsCode(q);
  throw new Error(`question "${q.id}" (${q.type}) is not graded by running code`);
}
