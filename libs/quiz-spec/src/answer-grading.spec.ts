import { gradeAnswer, normaliseOutput } from './answer-grading.js';
import type {
  MultipleChoiceQuestion,
  OrderingQuestion,
  ParsonsQuestion,
  PredictOutputQuestion,
  ShortAnswerQuestion,
  SingleChoiceQuestion,
} from './model.types.js';

const base = { prompt: 'p', points: 2, concepts: [] };
const single: SingleChoiceQuestion = {
  ...base, id: 's', type: 'single_choice', explanation: 'why',
  choices: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false, feedback: 'B is global' }],
};
const multiple = (partial: boolean): MultipleChoiceQuestion => ({
  ...base, id: 'm', type: 'multiple_choice', partial,
  choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id, correct: id === 'a' || id === 'b' })),
});
const ordering = (partial: boolean): OrderingQuestion => ({
  ...base, id: 'o', type: 'ordering', partial, items: ['Local', 'Enclosing', 'Global', 'Built-in'],
});
const parsons = (indent: boolean, partial = true): ParsonsQuestion => ({
  ...base, id: 'pa', type: 'parsons', indent, partial,
  lines: [{ text: 'def f():', indent: 0 }, { text: 'x = 1', indent: 1 }, { text: 'return x', indent: 1 }],
  distractors: [{ text: 'global x', indent: 1 }],
});
const predict: PredictOutputQuestion = { ...base, id: 'p', type: 'predict_output', code: 'print(1)', expected_output: '1\n2' };
const short = (case_sensitive: boolean): ShortAnswerQuestion => ({
  ...base, id: 'k', type: 'short_answer', accept: ['nonlocal', 'Non Local'], case_sensitive,
});

describe('gradeAnswer', () => {
  it('single choice: the correct id scores the points; a wrong pick shows its feedback', () => {
    expect(gradeAnswer(single, 'a')).toEqual({ correct: true, score: 1, points: 2, feedback: 'why' });
    expect(gradeAnswer(single, 'b')).toEqual({ correct: false, score: 0, points: 0, feedback: 'B is global' });
    expect(gradeAnswer(single, 42)).toMatchObject({ correct: false, score: 0 });
  });

  it('multiple choice: all-or-nothing by default', () => {
    expect(gradeAnswer(multiple(false), ['b', 'a'])).toMatchObject({ correct: true, score: 1, points: 2 });
    expect(gradeAnswer(multiple(false), ['a'])).toMatchObject({ correct: false, score: 0 });
    expect(gradeAnswer(multiple(false), ['a', 'b', 'c'])).toMatchObject({ correct: false, score: 0 });
  });

  it('multiple choice with partial: right picks minus wrong picks over the correct count', () => {
    expect(gradeAnswer(multiple(true), ['a'])).toMatchObject({ correct: false, score: 0.5, points: 1 });
    expect(gradeAnswer(multiple(true), ['a', 'c'])).toMatchObject({ score: 0 });
    expect(gradeAnswer(multiple(true), ['c', 'd'])).toMatchObject({ score: 0 });
    expect(gradeAnswer(multiple(true), ['a', 'zz'])).toMatchObject({ score: 0 });
  });

  it('ordering: exact order only, unless partial gives the longest run in the right relative order', () => {
    const right = ['Local', 'Enclosing', 'Global', 'Built-in'];
    const oneSwap = ['Enclosing', 'Local', 'Global', 'Built-in'];
    expect(gradeAnswer(ordering(false), right)).toMatchObject({ correct: true, score: 1 });
    expect(gradeAnswer(ordering(false), oneSwap)).toMatchObject({ correct: false, score: 0 });
    expect(gradeAnswer(ordering(true), oneSwap)).toMatchObject({ correct: false, score: 3 / 4 });
    expect(gradeAnswer(ordering(true), [...right].reverse())).toMatchObject({ score: 1 / 4 });
    expect(gradeAnswer(ordering(true), ['Local', 'Local', 'Global', 'Built-in'])).toMatchObject({ score: 0 });
  });

  it('parsons with indent: lines and their depth in order; partial credit by the longest correct run', () => {
    const line = (l: string, indent: number) => ({ line: l, indent });
    const right = [line('def f():', 0), line('x = 1', 1), line('return x', 1)];
    expect(gradeAnswer(parsons(true), right)).toMatchObject({ correct: true, score: 1, points: 2 });
    expect(gradeAnswer(parsons(true), [right[0], right[2], right[1]])).toMatchObject({ correct: false, score: 2 / 3 });
    expect(gradeAnswer(parsons(true), [right[0], line('x = 1', 0), right[2]])).toMatchObject({ correct: false, score: 2 / 3 });
    expect(gradeAnswer(parsons(true), [right[0], line('global x', 1), right[1], right[2]])).toMatchObject({ score: 3 / 4 });
    expect(gradeAnswer(parsons(true, false), [right[0], right[2], right[1]])).toMatchObject({ score: 0 });
  });

  it('parsons without indent: lines as shown (indentation included), indentation not asked', () => {
    const right = [{ line: 'def f():' }, { line: '    x = 1' }, { line: '    return x' }];
    expect(gradeAnswer(parsons(false), right)).toMatchObject({ correct: true, score: 1 });
    expect(gradeAnswer(parsons(false), [right[0], right[1]])).toMatchObject({ score: 2 / 3 });
    expect(gradeAnswer(parsons(false), [{ line: 'def f():' }, { line: 'x = 1' }])).toMatchObject({ score: 0, feedback: expect.stringMatching(/lines of your program/) });
    expect(gradeAnswer(parsons(false), [right[0], right[0]])).toMatchObject({ score: 0 });
  });

  it('predict output: line endings, trailing whitespace and trailing newlines do not matter', () => {
    expect(gradeAnswer(predict, '1  \r\n2\n\n')).toMatchObject({ correct: true, score: 1 });
    expect(gradeAnswer(predict, '1\n 2')).toMatchObject({ correct: false });
    expect(gradeAnswer(predict, '12')).toMatchObject({ correct: false });
    expect(normaliseOutput('a \t\r\nb\r\n\r\n')).toBe('a\nb');
  });

  it('short answer: trimmed, case folded unless case_sensitive, any accepted answer', () => {
    expect(gradeAnswer(short(false), '  NonLocal ')).toMatchObject({ correct: true });
    expect(gradeAnswer(short(false), 'non   local')).toMatchObject({ correct: true });
    expect(gradeAnswer(short(true), 'NonLocal')).toMatchObject({ correct: false });
    expect(gradeAnswer(short(true), 'Non Local')).toMatchObject({ correct: true });
    expect(gradeAnswer(short(false), 'global')).toMatchObject({ correct: false, score: 0, points: 0 });
    expect(gradeAnswer(short(false), ['nonlocal'])).toMatchObject({ correct: false });
  });

  it('short answer: a final full stop and Markdown code ticks are not part of the answer', () => {
    for (const given of ['`nonlocal`', 'nonlocal.', '`nonlocal`.', ' ``nonlocal`` ', 'nonlocal!']) {
      expect({ given, ...gradeAnswer(short(true), given) }).toMatchObject({ given, correct: true });
    }
    expect(gradeAnswer(short(true), '`nonlocal x`')).toMatchObject({ correct: false });
    expect(gradeAnswer(short(true), 'non.local')).toMatchObject({ correct: false });
    expect(gradeAnswer({ ...short(true), accept: ['...'] }, '...')).toMatchObject({ correct: true });
  });

  it('short answer: accept_patterns match the whole normalised answer, case folded unless case_sensitive', () => {
    const q = { ...short(true), accept: ['cell_contents'], accept_patterns: ['[A-Za-z_][\\w.\\[\\]]*\\.cell_contents'] };
    for (const given of ['cell.cell_contents', '`f.__closure__[0].cell_contents`.', 'cell_contents']) {
      expect({ given, ...gradeAnswer(q, given) }).toMatchObject({ given, correct: true });
    }
    for (const given of ['cell.cell_contents()', 'Cell_Contents', 'x cell.cell_contents']) {
      expect({ given, ...gradeAnswer(q, given) }).toMatchObject({ given, correct: false });
    }
    expect(gradeAnswer({ ...q, case_sensitive: false }, 'CELL.CELL_CONTENTS')).toMatchObject({ correct: true });
  });

  it('short answer: an answer crafted against a backtracking pattern is refused within the budget, not after minutes', () => {
    // `(\w+\s?)+` is written in good faith ("some words") and backtracks exponentially on 40 letters
    // and a "#": unbounded, this one answer held the API's event loop (and the test) for minutes.
    const q = { ...short(false), accept: [], accept_patterns: ['(\\w+\\s?)+', 'non\\s*local'] };
    expect(gradeAnswer(q, `${'a'.repeat(40)}#`)).toMatchObject({ correct: false });
    expect(gradeAnswer(q, 'NON LOCAL')).toMatchObject({ correct: true }); // the context is reusable after a timeout
    expect(gradeAnswer(q, 'two words')).toMatchObject({ correct: true });
    expect(gradeAnswer({ ...q, accept_patterns: ['\\p{Lu}\\p{Ll}+'], case_sensitive: true }, 'Élan')).toMatchObject({ correct: true }); // u flag kept
  });
});
