import { formatSpecError } from './errors.js';
import { toGradingJob } from './grading-job.js';
import { parseFileText, type FileLoadResult } from './load-file.js';
import type { ParsonsQuestion, Quiz } from './model.types.js';
import { assembleProgram, parsonsAsCode, parsonsProgram, parsonsReference, runnableCode } from './parsons-program.js';
import { codeQuestionsOf } from './validate-command.js';
import { questionForSeed } from './variants.js';

const quizText = (lines: string[]) => ['kind: quiz', 'id: closures/p', 'title: P', 'questions:', ...lines, ''].join('\n');
const messagesOf = (result: FileLoadResult) => (result.ok ? [] : result.errors.map(formatSpecError));
function loaded(result: FileLoadResult): ParsonsQuestion {
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return (result.item as Quiz).questions[0] as ParsonsQuestion;
}

const ADDER = [
  '  - id: adder',
  '    type: parsons',
  '    prompt: Build make_adder',
  '    indent: true',
  '    grading: run',
  '    solution: |',
  '      def make_adder(k):',
  '          def add(n):',
  '              return n + k',
  '          return add',
  '    distractors: ["k = 0"]',
  '    tests:',
  '      - { name: adds, expr: "make_adder(2)(3)", expected: 5, feedback: "make_adder(2)(3) is 5" }',
  '      - { name: closes_over, expr: "make_adder(10)(1)", expected: 11, points: 2 }',
];

describe('Parsons problems graded by running the program', () => {
  it('reads grading: run with its tests, worth their points, and grades as a code question whose solution is the order', () => {
    const q = loaded(parseFileText('closures/p.yaml', quizText(ADDER)));
    expect(q).toMatchObject({ grading: 'run', points: 3, tests: [{ name: 'adds', points: 1 }, { name: 'closes_over', points: 2 }] });
    expect(parsonsReference(q)).toBe('def make_adder(k):\n    def add(n):\n        return n + k\n    return add\n');
    const code = runnableCode(q);
    expect(code).toMatchObject({ type: 'code', module: 'solution', examples: [], wrong_solutions: [], solution: parsonsReference(q) });
    const job = toGradingJob(code, 'x = 1\n');
    expect(job.tests.map((t) => [t.name, t.visibility, t.points])).toEqual([['adds', 'hidden', 1], ['closes_over', 'hidden', 2]]);
    // The validator grades the reference order like a reference solution.
    expect(codeQuestionsOf([{ file: 'closures/p.yaml', hash: 'h', item: { kind: 'quiz', id: 'closures/p', title: 'P', published: true, attempts: 0, concepts: [], questions: [q] } }]))
      .toEqual([{ file: 'closures/p.yaml', question: 'closures/p#adder', code: parsonsAsCode(q) }]);
  });

  it("assembles the learner's lines as placed, indentation and distractors included", () => {
    const q = loaded(parseFileText('closures/p.yaml', quizText(ADDER)));
    const answer = [
      { line: 'def make_adder(k):', indent: 0 }, { line: 'k = 0', indent: 1 }, { line: 'def add(n):', indent: 1 },
      { line: 'return n + k', indent: 2 }, { line: 'return add', indent: 1 },
    ];
    expect(parsonsProgram(q, answer)).toBe('def make_adder(k):\n    k = 0\n    def add(n):\n        return n + k\n    return add\n');
    expect(parsonsProgram(q, [{ line: 'import os', indent: 0 }])).toEqual({ problem: expect.stringContaining('only the lines given') });
    // Without `indent: true` the lines carry the indentation they were written with.
    const flat = loaded(parseFileText('closures/p.yaml', quizText(ADDER.filter((l) => !l.includes('indent: true')))));
    expect(parsonsProgram(flat, [{ line: 'def make_adder(k):' }, { line: '    return add' }])).toBe('def make_adder(k):\n    return add\n');
    expect(assembleProgram([{ text: 'if x:', indent: 0 }, { text: 'y()', indent: 2 }])).toBe('if x:\n        y()\n');
  });

  it('fills variants into the lines (as Python) and the tests, for the learner and the grader alike', () => {
    const varied = [...ADDER.slice(0, 5), '    params: { k: [7, 8] }', '    solution: |', '      def make_adder():', '          return {{k}}',
      '    tests:', '      - { name: gives_k, expr: "make_adder()", expected: "{{k}}", feedback: "returns {{k}}" }'];
    const q = loaded(parseFileText('closures/p.yaml', quizText(varied)));
    const seven = [0, 1, 2, 3, 4, 5, 6, 7].find((seed) => questionForSeed(q, seed).lines[1]!.text === 'return 7')!;
    const mine = questionForSeed(q, seven);
    expect(mine.tests).toEqual([expect.objectContaining({ expected: 7, feedback: 'returns 7' })]);
    expect(parsonsProgram(mine, [{ line: 'def make_adder():', indent: 0 }, { line: 'return 7', indent: 1 }])).toBe('def make_adder():\n    return 7\n');
    expect(parsonsProgram(mine, [{ line: 'return 8', indent: 1 }])).toEqual({ problem: expect.stringContaining('only the lines given') });
  });

  it('reports run-only fields under grading: order, missing tests and partial under grading: run, at file:line:col', () => {
    const order = quizText([...ADDER.filter((l) => l !== '    grading: run')]);
    expect(messagesOf(parseFileText('closures/p.yaml', order))).toEqual([
      'closures/p.yaml:16:7: questions[0].tests: tests applies only with grading: run (this problem is graded by order)',
    ]);
    const noTests = quizText([...ADDER.slice(0, 11), '    partial: false']);
    expect(messagesOf(parseFileText('closures/p.yaml', noTests))).toEqual([
      'closures/p.yaml:9:14: questions[0].grading: expected tests: grading: run grades the assembled program against them',
      'closures/p.yaml:16:14: questions[0].partial: partial applies only with grading: order (grading: run gives credit by the tests passed)',
    ]);
    const badTest = quizText([...ADDER.slice(0, 12), '      - { name: adds, expr: "make_adder(2)(3)" }']);
    expect(messagesOf(parseFileText('closures/p.yaml', badTest))).toEqual([
      'closures/p.yaml:17:17: questions[0].tests[0].name: expected at least one of expected, raises or output',
    ]);
  });
});
