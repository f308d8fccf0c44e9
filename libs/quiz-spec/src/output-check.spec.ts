import { CPythonReference } from '../../grader/src/cpython-reference.js';
import { formatSpecError } from './errors.js';
import { parseFileText } from './load-file.js';
import type { Quiz } from './model.types.js';
import { checkPredictOutputs, type OutputRunner } from './output-check.js';

// The questions' programs run under the machine's real CPython (author code, no sandbox).
const QUIZ = `kind: quiz
id: closures/printed
title: Printed
questions:
  - id: right
    type: predict_output
    prompt: "What does it print?"
    code: "print([n * 2 for n in range(3)])"
    expected_output: "[0, 2, 4]"
  - id: off-by-one
    type: predict_output
    prompt: "What does it print?"
    code: "fs = [lambda: i for i in range(3)]\\nprint([f() for f in fs])"
    expected_output: "[0, 1, 2]"
  - id: raises
    type: predict_output
    prompt: "What happens?"
    code: "def f():\\n    x += 1\\nprint('start')\\nf()"
    expected_output: "start\\nUnboundLocalError"
  - id: per-variant
    type: predict_output
    params: { k: [2, 3] }
    prompt: "What does it print?"
    code: "print({{k}} * 2)"
    expected_output: "4"
`;

describe('predict-output programs against CPython', () => {
  let runner: OutputRunner | null = null;
  beforeAll(async () => {
    runner = await CPythonReference.locate();
  });

  it('reports each question whose expected output is not what its program prints, naming the variant', async () => {
    if (!runner) return console.warn('no python3: predict-output check not run');
    const parsed = parseFileText('closures/printed.yaml', QUIZ);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatSpecError).join('\n'));
    // no ref: questions here, so the file's quiz is a course quiz as loaded
    const violations = await checkPredictOutputs([{ file: 'closures/printed.yaml', item: parsed.item as Quiz, hash: '' }], runner);
    expect(violations.map((v) => `${v.question}: ${v.message}`)).toEqual([
      `closures/printed#off-by-one: expected_output "[0, 1, 2]" is not what CPython ${runner.version} prints: "[2, 2, 2]"`,
      // k = 3 prints 6; the author wrote 4 for every variant
      `closures/printed#per-variant: expected_output "4" is not what CPython ${runner.version} prints: "6" (variant {"k":3})`,
    ]);
  }, 60000);
});
