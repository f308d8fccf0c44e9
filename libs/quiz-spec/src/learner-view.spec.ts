import { toLearnerView, shuffleAwayFromOrder } from './learner-view.js';
import { loadCourse } from './load-course.js';
import type { Exercise, Quiz } from './model.types.js';

const GOOD = 'libs/quiz-spec/test/fixtures/good/closures';

/** Every secret planted in the fixtures: none may reach a learner. */
const SECRETS = [
  'SECRET-FEEDBACK', 'SECRET_TEST_BODY', 'SECRET_SOLUTION', 'SECRET_WRONG', 'SECRET_OTHER', 'SECRET-CHOICE-FEEDBACK',
  'SECRET-EXPLANATION', 'SECRET-OUTPUT', 'SECRET-ACCEPTED', 'adds_negative', 'TestAdder', 'test_independent',
  'returns-sum', '"correct"', 'wrong_solutions', 'other_solutions', 'test_module', 'expected_output', 'accept',
];

describe('toLearnerView', () => {
  it('keeps no secret of any question type', async () => {
    const course = await loadCourse(GOOD);
    const quiz = course.items[1]!.item as Quiz;
    const exercise = course.items[0]!.item as Exercise;
    const views = [...quiz.questions, exercise.question].map((q) => toLearnerView(q, 'attempt-1'));
    const json = JSON.stringify(views);
    for (const secret of SECRETS) expect({ secret, found: json.includes(secret) }).toEqual({ secret, found: false });
    // ...while keeping what the learner needs.
    expect(views[0]).toEqual({
      id: 'what-is-free', type: 'single_choice', prompt: 'Which variable is free in `inner`?', points: 1,
      concepts: ['free-variables'], choices: [{ id: 'a', text: '`x`' }, { id: 'b', text: '`y`' }],
    });
    expect(views[3]).toMatchObject({ type: 'predict_output', code: expect.stringContaining('def f(): print(x)') });
    const code = views[7]!;
    expect(code).toMatchObject({ type: 'code', title: 'Make an adder', module: 'solution', hidden_tests: 3 });
    expect(code.type === 'code' && code.examples).toEqual([{ name: 'adds_two', setup: 'add2 = make_adder(2)', expr: 'add2(3)', expected: 5 }]);
  });

  it('shuffles ordering items deterministically per seed, never in the correct order', async () => {
    const course = await loadCourse(GOOD);
    const ordering = (course.items[1]!.item as Quiz).questions[2]!;
    const first = toLearnerView(ordering, 'seed-a');
    expect(toLearnerView(ordering, 'seed-a')).toEqual(first);
    const orders = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const view = toLearnerView(ordering, seed);
      if (view.type !== 'ordering') throw new Error('expected an ordering view');
      expect([...view.items].sort()).toEqual(['Built-in', 'Enclosing', 'Global', 'Local']);
      expect(view.items).not.toEqual(['Local', 'Enclosing', 'Global', 'Built-in']);
      orders.add(view.items.join());
    }
    expect(orders.size).toBeGreaterThan(5);
    expect(shuffleAwayFromOrder(['a', 'b', 'c'], 'any')).not.toEqual(['a', 'b', 'c']);
  });

  it('shuffles two items plainly: never showing the right order would make its reverse the answer', () => {
    const shown = new Set(Array.from({ length: 40 }, (_, seed) => shuffleAwayFromOrder(['first', 'second'], `seed-${seed}`).join()));
    expect([...shown].sort()).toEqual(['first,second', 'second,first']);
  });

  it("shows choices in an order of the attempt's own: stable for one seed, the right one not always first; shuffle: false keeps the file's order", async () => {
    const course = await loadCourse(GOOD);
    const single = (course.items[1]!.item as Quiz).questions[0]!;
    if (single.type !== 'single_choice') throw new Error('expected a single choice question');
    const ids = (seed: string | number, question = single) => {
      const view = toLearnerView(question, seed);
      return view.type === 'single_choice' ? view.choices.map((c) => c.id) : [];
    };
    expect(ids('attempt-1')).toEqual(ids('attempt-1'));
    const firsts = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      expect([...ids(seed)].sort()).toEqual(single.choices.map((c) => c.id).sort());
      firsts.add(ids(seed)[0]!);
    }
    expect(firsts.size).toBe(single.choices.length);
    const fixed = { ...single, shuffle: false };
    expect(ids('attempt-1', fixed)).toEqual(single.choices.map((c) => c.id));
  });
});
