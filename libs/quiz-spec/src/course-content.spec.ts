import { formatSpecError } from './errors.js';
import { loadExercises } from './load-course.js';

/**
 * The real course content must always load: a format error in exercises/ fails `npm test`.
 * (Grading the solutions needs the engine: `npm run exercises:validate`.)
 */
describe('exercises/', () => {
  it('loads every file without a format error', async () => {
    const course = await loadExercises('exercises');
    expect(course.errors.map(formatSpecError)).toEqual([]);
    expect(course.items.length).toBeGreaterThan(0);
  });
});
