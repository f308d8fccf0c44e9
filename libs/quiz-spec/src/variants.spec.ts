import { formatSpecError } from './errors.js';
import { parseFileText, type FileLoadResult } from './load-file.js';
import { gradeAnswer } from './answer-grading.js';
import { toLearnerView } from './learner-view.js';
import type { Exercise, PredictOutputQuestion, Quiz, ShortAnswerQuestion, SingleChoiceQuestion } from './model.types.js';
import { applyValues, chooseValues, questionForSeed, variantsToCheck, withVariant } from './variants.js';

const STEPPER = [
  'kind: exercise',
  'id: closures/stepper',
  'title: Count by steps',
  'prompt: "Write `make_stepper()`: each call returns the next multiple of {{step}}."',
  'params:',
  '  step: [2, 3, 5]',
  '  start: { min: 1, max: 4 }',
  'starter: "def make_stepper(start={{start}}):\\n    ..."',
  'examples:',
  '  - { name: first, setup: "s = make_stepper()", expr: "s()", expected: "{{step}}" }',
  'tests:',
  '  - { name: label, call: str, args: ["step {{step}}"], expected: "step {{step}}", feedback: "Steps of {{step}}." }',
  'solution: "def make_stepper(start={{start}}):\\n    n = 0\\n    def s():\\n        nonlocal n\\n        n += {{step}}\\n        return n\\n    return s\\n"',
  'wrong_solutions:',
  '  - { name: a, code: "x", fails: [first], feedback: "f" }',
  '  - { name: b, code: "y", fails: [first], feedback: "f" }',
  '',
].join('\n');

function exercise(text: string) {
  const result = parseFileText('closures/stepper.yaml', text);
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return (result.item as Exercise).question;
}
const messagesOf = (result: FileLoadResult) => (result.ok ? [] : result.errors.map(formatSpecError));

describe('per-learner variants', () => {
  it('draws the same values for the same seed, and different values across seeds', () => {
    const q = exercise(STEPPER);
    expect(chooseValues(q, 1234)).toEqual(chooseValues(q, 1234));
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const values = chooseValues(q, seed)!;
      expect([2, 3, 5]).toContain(values.step);
      expect(values.start).toBeGreaterThanOrEqual(1);
      expect(values.start).toBeLessThanOrEqual(4);
      seen.add(JSON.stringify(values));
    }
    expect(seen.size).toBe(12); // every one of the 3 x 4 combinations comes up
  });

  it('fills values in as text, as Python literals in code, and as typed values in expected', () => {
    const q = applyValues(exercise(STEPPER), { step: 3, start: 2 });
    expect(q.prompt).toContain('next multiple of 3.');
    expect(q.starter).toBe('def make_stepper(start=2):\n    ...');
    expect(q.examples[0]).toMatchObject({ expected: 3 });
    expect(q.tests[0]).toMatchObject({ args: ['step 3'], expected: 'step 3', feedback: 'Steps of 3.' });
    expect(q.solution).toContain('n += 3');
    const named = applyValues({ ...exercise(STEPPER) }, { step: 'it\'s "x"', start: 1 });
    expect(named.solution).toContain('n += "it\'s \\"x\\""');
  });

  it('a question without variants is left alone; a seed picks one of the listed variants', () => {
    const plain = exercise(STEPPER.replace(/params:\n.*\n.*\n/, '').replaceAll('{{step}}', '2').replaceAll('{{start}}', '1'));
    expect(questionForSeed(plain, 7)).toBe(plain);
    expect(withVariant(plain, null)).toBe(plain);
    const listed = exercise(STEPPER.replace(/params:\n.*\n.*\n/, 'variants:\n  - { step: 2, start: 1 }\n  - { step: 5, start: 4 }\n'));
    expect(variantsToCheck(listed)).toEqual([{ step: 2, start: 1 }, { step: 5, start: 4 }]);
    expect([2, 5]).toContain(questionForSeed(listed, 99).examples[0]!.expected);
    expect(withVariant(listed, null)).toEqual(questionForSeed(listed, 0));
  });

  it('checks a sample of a large range: both ends and fixed draws', () => {
    const wide = exercise(STEPPER.replace('start: { min: 1, max: 4 }', 'start: { min: 1, max: 1000 }'));
    const checked = variantsToCheck(wide);
    expect(checked.length).toBe(12);
    expect(checked.slice(0, 2)).toEqual([{ start: 1, step: 2 }, { start: 1000, step: 5 }]);
    expect(variantsToCheck(wide)).toEqual(checked);
  });

  it('reports an undeclared parameter, both forms at once and a reversed range at file:line:col', () => {
    const text = STEPPER.replace('start: { min: 1, max: 4 }', 'start: { min: 4, max: 1 }').replace('"s()"', '"s() + {{stp}}"');
    expect(messagesOf(parseFileText('closures/stepper.yaml', text))).toEqual([
      'closures/stepper.yaml:7:25: params.start.max: expected max >= min (4), got 1',
      'closures/stepper.yaml:10:55: examples[0].expr: unknown parameter {{stp}}: declare it under params or variants',
    ]);
    expect(messagesOf(parseFileText('closures/stepper.yaml', STEPPER.replace('title: Count by steps', 'title: "Count by {{step}}"')))).toEqual([
      'closures/stepper.yaml:3:8: title: expected a title without {{parameters}} (it is shown where no variant is drawn)',
    ]);
    const both = STEPPER.replace('params:', 'variants: [{ step: 1, start: 1 }]\nparams:');
    expect(messagesOf(parseFileText('closures/stepper.yaml', both))).toEqual([expect.stringMatching(/^closures\/stepper.yaml:5:\d+: variants: expected either params or variants, not both$/)]);
  });
});

const NON_CODE = `kind: quiz
id: closures/varied
title: Varied
questions:
  - id: pick
    type: single_choice
    params: { n: [2, 3] }
    prompt: "What does make_adder({{n}})(1) return?"
    choices:
      - { id: a, text: "n + 1, here {{n}} + 1", correct: true }
      - { id: b, text: "1", feedback: "{{n}} is added" }
  - id: words
    type: short_answer
    variants: [{ word: "cell", pattern: "a.b" }, { word: "frame", pattern: "x+y" }]
    prompt: "Name the object that holds a free variable ({{word}})."
    accept: ["{{word}}"]
    accept_patterns: ["the {{pattern}}"]
  - id: printed
    type: predict_output
    params: { k: { min: 1, max: 9 }, s: ["hi", "yo"] }
    prompt: "What does this print?"
    code: "print({{k}} * 2, {{s}})"
    expected_output: "{{k}} {{s}}"
`;

describe('variants of questions other than code', () => {
  const quiz = (() => {
    const result = parseFileText('closures/varied.yaml', NON_CODE);
    if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
    return result.item as Quiz;
  })();
  const [pick, words, printed] = quiz.questions as [SingleChoiceQuestion, ShortAnswerQuestion, PredictOutputQuestion];

  it('draws per seed and question, the same every time, and fills text, choices, accepted answers and expected output', () => {
    expect(questionForSeed(pick, 7)).toEqual(questionForSeed(pick, 7));
    const seen = new Set([...Array(40).keys()].map((seed) => questionForSeed(pick, seed).prompt));
    expect(seen).toEqual(new Set(['What does make_adder(2)(1) return?', 'What does make_adder(3)(1) return?']));
    const three = questionForSeed(pick, [...Array(40).keys()].find((seed) => chooseValues(pick, seed)!.n === 3)!);
    expect(three.choices).toEqual([
      { id: 'a', text: 'n + 1, here 3 + 1', correct: true },
      { id: 'b', text: '1', correct: false, feedback: '3 is added' },
    ]);
    const frame = questionForSeed(words, [...Array(40).keys()].find((seed) => chooseValues(words, seed)!.word === 'frame')!);
    expect(frame).toMatchObject({ prompt: 'Name the object that holds a free variable (frame).', accept: ['frame'], accept_patterns: ['the x\\+y'] });
    expect(gradeAnswer(frame, 'Frame').correct).toBe(true);
    expect(gradeAnswer(frame, 'cell').correct).toBe(false);
    expect(gradeAnswer(frame, 'the x+y').correct).toBe(true); // a value is matched literally in a pattern
    expect(gradeAnswer(frame, 'the xxy').correct).toBe(false);
    const values = chooseValues(printed, 5)!;
    const mine = questionForSeed(printed, 5);
    expect(mine).toMatchObject({ code: `print(${values.k} * 2, ${JSON.stringify(values.s)})`, expected_output: `${values.k} ${values.s}` });
    expect(gradeAnswer(mine, `${values.k} ${values.s}\n`).correct).toBe(true);
    // The learner's view of a variant shows its text, never the accepted answers or parameters.
    const view = JSON.stringify(toLearnerView(frame, 'attempt'));
    expect(view).not.toMatch(/"accept|variants|params|x\+y/);
  });

  it('reports ordering items that one variant makes identical, at file:line:col, naming the variant', () => {
    const ordering = [
      'kind: quiz', 'id: closures/steps', 'title: Steps', 'questions:',
      '  - id: order-steps', '    type: ordering', '    params: { a: [1, 2], b: [2, 3] }',
      '    prompt: "Order the calls"', '    items: ["step({{a}})", "step({{b}})", "done()"]', '',
    ].join('\n');
    // a=2, b=2 is drawn by the validator's sample (every value of two small lists): both items read step(2)
    expect(messagesOf(parseFileText('closures/steps.yaml', ordering))).toEqual([
      'closures/steps.yaml:9:28: questions[0].items[1]: duplicate item "step(2)" (first used at index 0) in the variant a=2, b=2',
    ]);
    // Distinct in every variant: valid.
    expect(parseFileText('closures/steps.yaml', ordering.replace('params: { a: [1, 2], b: [2, 3] }', 'params: { a: [1, 2], b: [3, 4] }')).ok).toBe(true);
  });

  it('reports an undeclared parameter in a choice, an answer or the expected output at file:line:col', () => {
    const broken = NON_CODE.replace('feedback: "{{n}} is added"', 'feedback: "{{m}} is added"').replace('expected_output: "{{k}} {{s}}"', 'expected_output: "{{k}} {{t}}"');
    expect(messagesOf(parseFileText('closures/varied.yaml', broken))).toEqual([
      'closures/varied.yaml:11:39: questions[0].choices[1].feedback: unknown parameter {{m}}: declare it under params or variants',
      'closures/varied.yaml:23:22: questions[2].expected_output: unknown parameter {{t}}: declare it under params or variants',
    ]);
  });
});
