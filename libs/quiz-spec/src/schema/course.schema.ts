import { closedObject, exerciseId, nonEmptyText, text, type JsonSchema } from './common.schema.js';

/** The file that orders a course: `course.yaml` in the course's directory. */
export const COURSE_FILE = 'course.yaml';
export const MAX_SECTIONS = 50;
export const MAX_SECTION_ITEMS = 200;

const section = closedObject(
  {
    title: nonEmptyText(200),
    items: { type: 'array', items: exerciseId, minItems: 1, maxItems: MAX_SECTION_ITEMS, description: 'a list of quiz and exercise ids' },
  },
  ['title', 'items'],
);

export const courseSchema: JsonSchema = closedObject(
  {
    kind: { const: 'course', description: 'course' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80, description: 'the course directory name, like "closures"' },
    title: nonEmptyText(200),
    description: text(4000),
    sections: { type: 'array', items: section, minItems: 1, maxItems: MAX_SECTIONS },
  },
  ['kind', 'id', 'title', 'sections'],
);
