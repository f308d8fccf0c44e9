import { readFileSync } from 'node:fs';
import { parseCourseManifest } from './course-manifest.js';
import { formatSpecError } from './errors.js';
import { crossCheck } from './load-course.js';
import { parseFileText } from './load-file.js';

/** The examples in docs/authoring.md are real: they must load without a single error. */
describe('docs/authoring.md', () => {
  const doc = readFileSync('docs/authoring.md', 'utf8');
  const all = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const blocks = all.filter((text) => !text.startsWith('kind: course'));

  it('has a complete exercise and a quiz with every question type, and both load', () => {
    expect(blocks).toHaveLength(2);
    const files = blocks.map((text) => {
      const id = /^id: (\S+)/m.exec(text)![1]!;
      return parseFileText(`exercises/${id}.yaml`, text);
    });
    const course = crossCheck(files);
    expect(course.errors.map(formatSpecError)).toEqual([]);
    const quiz = course.items.find((i) => i.item.kind === 'quiz')!.item;
    const types = quiz.kind === 'quiz' ? quiz.questions.map((q) => q.type) : [];
    expect(new Set(types)).toEqual(new Set(['single_choice', 'multiple_choice', 'ordering', 'parsons', 'predict_output', 'short_answer', 'code']));
    // The options of issue 16: a Parsons problem graded by running, and variants on a question that is not code.
    const questions = quiz.kind === 'quiz' ? quiz.questions : [];
    expect(questions.some((q) => q.type === 'parsons' && q.grading === 'run' && (q.tests?.length ?? 0) > 0)).toBe(true);
    expect(questions.some((q) => q.type !== 'code' && q.variants !== undefined)).toBe(true);
  });

  it('has a course.yaml example that loads', () => {
    const courses = all.filter((text) => text.startsWith('kind: course'));
    expect(courses).toHaveLength(1);
    const result = parseCourseManifest('exercises/closures/course.yaml', courses[0]!);
    expect(result.ok ? [] : result.errors.map(formatSpecError)).toEqual([]);
  });
});
