import { CPythonReference, GraderPool } from '@app/grader';
import { runValidation } from '@app/quiz-spec';

/**
 * The closures course as `npm run exercises:validate` checks it, inside `npm test`: every
 * reference solution passes, every known-wrong solution fails exactly the tests it names with the
 * feedback it names, and the engine gives CPython's verdict on every test (when python3 exists).
 */
describe('exercises/ graded by the engine and by CPython', () => {
  let pool: GraderPool;

  beforeAll(async () => {
    pool = await GraderPool.start({ size: 2 });
  }, 180_000);

  afterAll(() => pool?.close());

  it('has no violation and no difference from CPython', async () => {
    const lines: string[] = [];
    const cpython = await CPythonReference.locate();
    const summary = await runValidation({ dir: 'exercises', grader: pool, cpython: cpython ?? undefined, print: (l) => lines.push(l) })
      .finally(() => cpython?.close());
    expect({ problems: lines.slice(0, -1) }).toEqual({ problems: [] });
    expect(summary).toMatchObject({ errors: 0, violations: 0, cpythonDifferences: 0, ok: true });
    expect(summary.solutionsChecked).toBeGreaterThan(100);
  }, 300_000);

  it.each([
    ['red3', 'state in a dunder global, two objects deep, in a default argument, behind a fake module', 6],
    ['red4', 'state in a defaultdict, in a list item, in a global function\'s defaults or cells, in a class or helper kept in a cell; honest closures beside a NaN global', 26],
    ['redteam4', 'state in a __slots__ object, behind a __dict__ property, 30 levels deep, past the 50th item of a global list', 5],
    ['red16', 'a shared table of counts hidden by values equal to anything past the two checked plain ones; counts in a global bytearray, array or memoryview, in globals of the functions\' own, behind methods, in an attribute the first call adds, on an unnamed class, in a cell object or an exception\'s args', 19],
    ['course', 'honest one-item list, dict, helper closure and read-only SimpleNamespace counters pass; state in a namespace\'s attributes or a helper\'s default fails', 9],
  ])('the checks library catches the %s red team\'s submissions (%s)', async (dir, _what, solutions) => {
    const lines: string[] = [];
    const summary = await runValidation({ dir: `libs/grader/test-fixtures/red-checks/${dir}`, grader: pool, print: (l) => lines.push(l) });
    expect({ problems: lines.slice(0, -1) }).toEqual({ problems: [] });
    expect(summary).toMatchObject({ errors: 0, violations: 0, ok: true });
    expect(summary.solutionsChecked).toBeGreaterThanOrEqual(solutions);
  }, 120_000);
});
