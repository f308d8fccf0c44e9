import { formatSpecError } from './errors.js';
import { toLearnerView } from './learner-view.js';
import { parseFileText, type FileLoadResult } from './load-file.js';
import type { ParsonsQuestion, Quiz } from './model.types.js';
import { readParsonsAnswer } from './parsons.js';

function quizText(question: string[]): string {
  return ['kind: quiz', 'id: closures/p', 'title: P', 'questions:', ...question, ''].join('\n');
}

function messagesOf(result: FileLoadResult): string[] {
  return result.ok ? [] : result.errors.map(formatSpecError);
}

function loaded(result: FileLoadResult): ParsonsQuestion {
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return (result.item as Quiz).questions[0] as ParsonsQuestion;
}

const COUNTER = [
  '  - id: counter',
  '    type: parsons',
  '    prompt: Build a counter',
  '    indent: true',
  '    solution: |',
  '      def make_counter():',
  '          count = 0',
  '',
  '          def step():',
  '              nonlocal count',
  '              count += 1',
  '              return count',
  '          return step',
  '    distractors: ["global count", "return count()"]',
];

describe('Parsons problems in YAML', () => {
  it('builds the solution lines with their depth (blank lines dropped) and defaults partial to true', () => {
    const q = loaded(parseFileText('closures/p.yaml', quizText(COUNTER)));
    expect(q.lines).toEqual([
      { text: 'def make_counter():', indent: 0 }, { text: 'count = 0', indent: 1 }, { text: 'def step():', indent: 1 },
      { text: 'nonlocal count', indent: 2 }, { text: 'count += 1', indent: 2 }, { text: 'return count', indent: 2 },
      { text: 'return step', indent: 1 },
    ]);
    expect(q).toMatchObject({ indent: true, partial: true, distractors: [{ text: 'global count', indent: 0 }, { text: 'return count()', indent: 0 }] });
  });

  it('shows the learner every line once, shuffled, without depth when indenting is the task', () => {
    const q = loaded(parseFileText('closures/p.yaml', quizText(COUNTER)));
    const view = toLearnerView(q, 'attempt-1');
    if (view.type !== 'parsons') throw new Error('expected a parsons view');
    expect(view.indent).toBe(true);
    expect([...view.lines].sort()).toEqual(['count += 1', 'count = 0', 'def make_counter():', 'def step():', 'global count', 'nonlocal count', 'return count', 'return count()', 'return step'].sort());
    expect(view.lines.slice(0, 7)).not.toEqual(q.lines.map((l) => l.text));
    expect(JSON.stringify(view)).not.toMatch(/distractor|partial/);
    const flat = toLearnerView({ ...q, indent: false }, 'attempt-1');
    expect(flat.type === 'parsons' && flat.lines).toContain('        nonlocal count');
  });

  it('reports bad indentation, a distractor that is a solution line and unknown keys at file:line:col', () => {
    const text = quizText([
      '  - id: counter', '    type: parsons', '    prompt: p', '    solution: |', '      def f():', '        x = 1', '    distractors: ["def f():"]', '    indents: true',
    ]);
    expect(messagesOf(parseFileText('closures/p.yaml', text))).toEqual([
      'closures/p.yaml:12:5: questions[0].indents: unknown field (expected one of: id, type, prompt, points, concepts, explanation, params, variants, solution, distractors, indent, partial, grading, tests, test_module, module, limits, attempts)',
    ]);
    const semantic = quizText(['  - id: counter', '    type: parsons', '    prompt: p', '    solution: |', '      def f():', '        x = 1', '              y = 2', '    distractors: ["def f():"]']);
    expect(messagesOf(parseFileText('closures/p.yaml', semantic))).toEqual([
      'closures/p.yaml:8:15: questions[0].solution: line 2 of the solution (blank lines not counted) is indented by 2 spaces: expected a multiple of 4',
      'closures/p.yaml:8:15: questions[0].solution: line 3 of the solution (blank lines not counted) is indented more than one level deeper than the line before',
      'closures/p.yaml:12:19: questions[0].distractors[0]: expected a line that is not in the solution (as shown to the learner), got one that is',
    ]);
  });

  it('accepts only the given lines, each as often as given, with a whole indentation', () => {
    const q = loaded(parseFileText('closures/p.yaml', quizText(COUNTER)));
    expect(readParsonsAnswer(q, [{ line: 'count = 0', indent: 1 }])).toEqual([{ text: 'count = 0', indent: 1 }]);
    expect(readParsonsAnswer(q, [{ line: 'count = 0', indent: 1 }, { line: 'count = 0', indent: 1 }])).toMatch(/at most as often as given/);
    expect(readParsonsAnswer(q, [{ line: 'print(1)', indent: 0 }])).toMatch(/only the lines given/);
    expect(readParsonsAnswer(q, [{ line: 'count = 0' }])).toMatch(/indent a whole number/);
    expect(readParsonsAnswer(q, [{ line: 'count = 0', indent: 1, extra: true }])).toMatch(/must be a list/);
    expect(readParsonsAnswer(q, [])).toMatch(/at least one line/);
  });
});
