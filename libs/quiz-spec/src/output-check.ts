import { normaliseOutput } from './answer-grading.js';
import type { ProgramOutput, ReferenceRunner } from './cpython-check.js';
import type { LoadedItem } from './load-course.js';
import type { PredictOutputQuestion } from './model.types.js';
import type { Violation } from './solution-check.js';
import { fillQuestion, hasVariants, variantsToCheck } from './variants.js';

/** A CPython that can run a program and report what it printed (`CPythonReference` from '@app/grader'). */
export type OutputRunner = Pick<ReferenceRunner, 'version'> & { output(code: string): Promise<ProgramOutput> };

/**
 * Predict-output questions carry the author's word for what their program prints, and every
 * learner is graded against it: each question (each variant the validator samples) is run under
 * the machine's CPython and must print its `expected_output`, compared as a learner's answer is
 * (`normaliseOutput`). A program that raises prints its output, then its traceback's last line;
 * an expected output ending with that line, or with the exception's class alone, agrees.
 */
export async function checkPredictOutputs(items: LoadedItem[], runner: OutputRunner): Promise<Violation[]> {
  const checks: Promise<Violation | null>[] = [];
  for (const { file, item } of items) {
    if (item.kind !== 'quiz') continue;
    for (const q of item.questions) {
      if (q.type !== 'predict_output') continue;
      const variants = hasVariants(q) ? variantsToCheck(q) : [undefined];
      for (const values of variants) {
        const filled = values ? fillQuestion(q, values) : q;
        const where = values ? ` (variant ${JSON.stringify(values)})` : '';
        checks.push(checkOne(filled, runner).then((message) =>
          message === null ? null : { file, question: `${item.id}#${q.id}`, message: message + where }));
      }
    }
  }
  return (await Promise.all(checks)).filter((v): v is Violation => v !== null);
}

async function checkOne(q: PredictOutputQuestion, runner: OutputRunner): Promise<string | null> {
  const { stdout, error } = await runner.output(q.code);
  const expected = normaliseOutput(q.expected_output);
  const printed = normaliseOutput(stdout);
  if (error === undefined ? expected === printed : acceptsError(expected, printed, error)) return null;
  const shown = error === undefined ? printed : `${printed}${printed ? '\n' : ''}${error}`;
  return `expected_output ${JSON.stringify(q.expected_output)} is not what CPython ${runner.version} prints: ${JSON.stringify(shown.slice(0, 500))}`;
}

function acceptsError(expected: string, printed: string, error: string): boolean {
  const before = printed ? `${printed}\n` : '';
  const exceptionClass = error.split(':')[0]!.trim();
  return expected === normaliseOutput(before + error) || expected === normaliseOutput(before + exceptionClass);
}
