import { formatSpecError } from './errors.js';
import { parseFileText, type FileLoadResult } from './load-file.js';
import type { Quiz } from './model.types.js';

function quiz(exam: string[]): string {
  return ['kind: quiz', 'id: closures/e', 'title: E', ...exam, 'questions:', '  - { id: q, type: short_answer, prompt: p, accept: [x] }', ''].join('\n');
}
const messagesOf = (result: FileLoadResult) => (result.ok ? [] : result.errors.map(formatSpecError));

describe('exam settings in YAML', () => {
  it('defaults to visible tests allowed and scores hidden', () => {
    const result = parseFileText('closures/e.yaml', quiz(['exam:', '  minutes: 20']));
    if (!result.ok) throw new Error(messagesOf(result).join('\n'));
    expect((result.item as Quiz).exam).toEqual({ minutes: 20, visible_tests: true, hide_scores: true, one_at_a_time: false });
  });

  it('reports a bad duration, a misspelt key and a missing duration at file:line:col', () => {
    expect(messagesOf(parseFileText('closures/e.yaml', quiz(['exam:', '  minutes: 0', '  visible_test: false'])))).toEqual([
      'closures/e.yaml:5:12: exam.minutes: expected a number >= 1, got 0',
      'closures/e.yaml:6:3: exam.visible_test: unknown field (expected one of: minutes, visible_tests, hide_scores, one_at_a_time)',
    ]);
    expect(messagesOf(parseFileText('closures/e.yaml', quiz(['exam: { hide_scores: false }'])))).toEqual([
      'closures/e.yaml:4:7: exam.minutes: required field is missing',
    ]);
  });
});
