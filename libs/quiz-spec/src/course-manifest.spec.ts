import { copyFile, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatSpecError } from './errors.js';
import { loadCourse, loadExercises } from './load-course.js';

const GOOD = 'libs/quiz-spec/test/fixtures/good/closures';

describe('course.yaml', () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pyquiz-course-'));
    dir = path.join(root, 'closures');
    await mkdir(dir);
    for (const name of ['make-adder.yaml', 'scope-quiz.yaml']) await copyFile(path.join(GOOD, name), path.join(dir, name));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  const manifest = (sections: string) => writeFile(path.join(dir, 'course.yaml'), `kind: course\nid: closures\ntitle: Closures\nsections:\n${sections}`);

  it('places each item in the order and section it gives', async () => {
    await manifest('  - title: Basics\n    items: [closures/scope-quiz]\n  - title: Practice\n    items: [closures/make-adder]\n');
    const course = await loadCourse(dir);
    expect(course.errors.map(formatSpecError)).toEqual([]);
    const placed = Object.fromEntries(course.items.map((i) => [i.item.id, i.placement]));
    expect(placed).toEqual({
      'closures/scope-quiz': { position: 0, section: 'Basics' },
      'closures/make-adder': { position: 1, section: 'Practice' },
    });
    expect(course.courses.map((c) => [c.id, c.title, c.sections.length])).toEqual([['closures', 'Closures', 2]]);
  });

  it('reports unknown, repeated and unlisted items at their line and column, and still loads every item', async () => {
    await manifest('  - title: Basics\n    items:\n      - closures/scope-quiz\n      - closures/nope\n      - closures/scope-quiz\n');
    const course = await loadCourse(dir);
    expect(course.items).toHaveLength(2);
    const file = path.join(dir, 'course.yaml');
    expect(course.errors.map(formatSpecError).map((e) => e.replace(file, 'course.yaml'))).toEqual([
      expect.stringMatching(/^course\.yaml:5:3: sections: every quiz and exercise of the course must be in a section; not listed: closures\/make-adder$/),
      expect.stringMatching(/^course\.yaml:8:9: sections\[0\]\.items\[1\]: expected the id of a quiz or exercise of this course, no valid file declares "closures\/nope"$/),
      expect.stringMatching(/^course\.yaml:9:9: sections\[0\]\.items\[2\]: "closures\/scope-quiz" is listed twice$/),
    ]);
  });

  it('rejects a wrong id, an unknown key and an empty section with what was expected', async () => {
    await writeFile(path.join(dir, 'course.yaml'), 'kind: course\nid: other\ntitle: Closures\norder: 1\nsections:\n  - title: Basics\n    items: []\n');
    const messages = (await loadCourse(dir)).errors.map(formatSpecError).join('\n');
    expect(messages).toMatch(/course\.yaml:4:1: .*order.*unknown|course\.yaml:4:1: .*not allowed/i);
    expect(messages).toMatch(/course\.yaml:7:12: sections\[0\]\.items: /);
    await writeFile(path.join(dir, 'course.yaml'), 'kind: course\nid: other\ntitle: Closures\nsections:\n  - title: Basics\n    items: [closures/scope-quiz, closures/make-adder]\n');
    expect((await loadCourse(dir)).errors.map(formatSpecError)).toEqual([
      expect.stringMatching(/course\.yaml:2:5: id: expected "closures", the name of the course's directory$/),
    ]);
  });

  it('orders the closures course as docs/course-closures.md says: the definition before the first closure exercise', async () => {
    const course = await loadExercises('exercises');
    expect(course.errors.map(formatSpecError)).toEqual([]);
    const order = course.items.filter((i) => i.placement).sort((a, b) => a.placement!.position - b.placement!.position).map((i) => i.item.id);
    expect(order).toHaveLength(course.items.length);
    expect(order.slice(0, 3)).toEqual(['closures/scope-basics', 'closures/closure-anatomy', 'closures/make-greeter']);
  });
});
