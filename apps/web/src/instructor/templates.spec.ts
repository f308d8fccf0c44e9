// Relative, as types.ts reaches learner-view: the web's tsconfig maps only @app/contracts.
import { parseFileText } from '../../../../libs/quiz-spec/src/load-file.js';
import { QUESTION_TYPES } from '../../../../libs/quiz-spec/src/schema/file.schema.js';
import { TEMPLATES, withTemplate, type Template } from './templates.js';

function load(yaml: string) {
  const id = /^id: (\S+)/m.exec(yaml)![1]!;
  return parseFileText(`${id}.yaml`, yaml);
}

describe('editor templates', () => {
  const files = TEMPLATES.filter((t) => t.scope === 'file');
  const questions = TEMPLATES.filter((t) => t.scope === 'question');

  it.each(files.map((t) => [t.id, t] as [string, Template]))('the %s file template loads with no error', (_id, template) => {
    const loaded = load(withTemplate('anything the editor held', template));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('every question type has a template, and a quiz with all of them loads', () => {
    // From the schema: a question type added there without a template here fails this test.
    expect([...new Set(questions.map((t) => t.id.replace(/-.*$/, '')))].sort()).toEqual([...QUESTION_TYPES].sort());
    const quiz = questions.reduce((text, template) => withTemplate(text, template), '');
    const loaded = load(quiz);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (loaded.ok && loaded.item.kind === 'quiz') expect(loaded.item.questions.map((q) => ('type' in q ? q.type : 'ref'))).toEqual(['single_choice', ...questions.map((t) => t.id.replace(/-.*$/, ''))]);
  });

  it('the exam file template is a timed exam with its rules spelled out', () => {
    const exam = TEMPLATES.find((t) => t.id === 'exam')!;
    const loaded = load(withTemplate('', exam));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (loaded.ok && loaded.item.kind === 'quiz') expect(loaded.item.exam).toEqual({ minutes: 20, visible_tests: false, hide_scores: true, one_at_a_time: true });
  });

  it('a question added to a file without questions: starts the list', () => {
    const text = 'kind: quiz\nid: my-course/q\ntitle: Q\n';
    expect(withTemplate(text, questions[0]!)).toBe(`${text}questions:\n${questions[0]!.yaml}`);
  });
});
