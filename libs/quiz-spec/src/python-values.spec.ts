import { formatSpecError } from './errors.js';
import { toGradingJob } from './grading-job.js';
import { parseFileText } from './load-file.js';
import type { CaseTestSpec } from '../../grader/src/types.js';

const exercise = (tests: string) => `kind: exercise
id: closures/floats
title: Floats
prompt: p
tests:
${tests}
solution: s
wrong_solutions:
  - { name: a, code: c, fails: [t0], feedback: f }
  - { name: b, code: c, fails: [t0], feedback: f }
`;

function casesOf(tests: string): CaseTestSpec[] {
  const result = parseFileText('exercises/closures/floats.yaml', exercise(tests));
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  if (result.item.kind !== 'exercise') throw new Error('expected an exercise');
  return toGradingJob(result.item.question, 'src').tests as CaseTestSpec[];
}

describe('Python values in tests', () => {
  it('keeps YAML floats without a fraction as floats ({ $float }), ints and strings as they are', () => {
    const [t0, t1] = casesOf(`  - { name: t0, expr: "f()", expected: 10.0 }
  - name: t1
    call: f
    args: [1.0, 2, 2.5, "3.0", 1e3, [4.0]]
    kwargs: { x: .inf, "__proto__": -7.0 }
    expected: [10, { k: 0.0 }, null, true]`);
    expect(t0!.expected).toEqual({ $float: 10 });
    expect(t1!.args).toEqual([{ $float: 1 }, 2, 2.5, '3.0', { $float: 1000 }, [{ $float: 4 }]]);
    expect(JSON.parse(JSON.stringify(t1!.kwargs))).toEqual({ x: { $float: 'Infinity' }, ['__proto__']: { $float: -7 } });
    expect(Object.getPrototypeOf(t1!.kwargs)).toBe(Object.prototype);
    expect(t1!.expected).toEqual([10, { k: { $float: 0 } }, null, true]);
  });

  it('gives 10 and 10.0 different content hashes (they are different Python values)', () => {
    const hash = (value: string) => {
      const r = parseFileText('exercises/closures/floats.yaml', exercise(`  - { name: t0, expr: "f()", expected: ${value} }`));
      return r.ok ? r.hash : 'failed';
    };
    expect(hash('10')).not.toBe(hash('10.0'));
    expect(hash('10.0')).toBe(hash('10.00'));
  });
});
