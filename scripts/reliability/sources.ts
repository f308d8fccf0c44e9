// Python sources for make-counter: honest (right and wrong) and hostile, in the load mix.

export const RIGHT = 'def make_counter():\n    count = 0\n    def counter():\n        nonlocal count\n        count += 1\n        return count\n    return counter\n';
const WRONG = RIGHT.replace('        nonlocal count\n', '');

/** Each hostile source must end with a verdict (usually a failing one), never a 5xx or a loss. */
export const HOSTILE: Record<string, string> = {
  'import js escape': 'import js\njs.process.exit(1)\n',
  'os.system': "import os\nos.system('id')\n" + RIGHT,
  'patch builtins': 'import builtins\nbuiltins.len = lambda x: 0\nbuiltins.print = None\n' + RIGHT,
  'SystemExit': 'raise SystemExit(0)\n',
  'recursion bomb': 'def f():\n    return f()\nf()\n',
  'output flood': "print('x' * 10**6)\n" + RIGHT,
  'huge allocation': "x = 'a' * 10**10\n",
  'lying equality': 'class Any:\n    def __eq__(self, other):\n        return True\ndef make_counter():\n    return lambda: Any()\n',
  'gc walk': 'import gc\nobjs = gc.get_objects()\n' + RIGHT,
  'syntax error': 'def make_counter(:\n',
};

/** Rare and expensive: costs a worker its whole time limit. */
export const SPIN = 'while True:\n    pass\n';

export type SourceKind = 'right' | 'wrong' | 'hostile' | 'spin';

/** Deterministic mix for submission number `n`: 60% right, 20% wrong, ~19% hostile, 1% spin. */
export function sourceFor(n: number, hostileShare: number): { kind: SourceKind; source: string } {
  const slot = n % 100;
  if (hostileShare > 0 && slot === 99) return { kind: 'spin', source: SPIN };
  if (slot < Math.round(hostileShare * 100)) {
    const names = Object.keys(HOSTILE);
    return { kind: 'hostile', source: HOSTILE[names[n % names.length]] };
  }
  return slot % 4 === 0 ? { kind: 'wrong', source: WRONG } : { kind: 'right', source: RIGHT };
}
