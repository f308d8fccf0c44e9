import { formatSpecError } from './errors.js';
import { parseFileText, type FileLoadResult } from './load-file.js';
import type { Exercise } from './model.types.js';
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
