import { formatSpecError } from './errors.js';
import { loadFile, parseFileText, type FileLoadResult } from './load-file.js';
import { MAX_FILE_BYTES } from './yaml-source.js';

const BROKEN = 'libs/quiz-spec/test/fixtures/broken/closures';
const GOOD = 'libs/quiz-spec/test/fixtures/good/closures';

async function errorsOf(name: string): Promise<string[]> {
  const result = await loadFile(`${BROKEN}/${name}.yaml`);
  if (result.ok) throw new Error(`${name} unexpectedly loaded`);
  return result.errors.map(formatSpecError);
}

function messagesOf(result: FileLoadResult): string[] {
  return result.ok ? [] : result.errors.map(formatSpecError);
}

describe('loadFile', () => {
  it('names file:line:column, the field and what was expected for schema errors', async () => {
    expect(await errorsOf('bad-points')).toEqual([
      `${BROKEN}/bad-points.yaml:11:5: tests[1].expect: unknown field (expected one of: name, points, feedback, setup, expr, call, args, kwargs, expected, exact_type, raises, output, check, misconception)`,
      `${BROKEN}/bad-points.yaml:15:13: tests[2].points: expected a number >= 0, got "two"`,
    ]);
  });

  it('locates YAML syntax errors and duplicate keys', async () => {
    expect(await errorsOf('syntax-error')).toEqual([
      `${BROKEN}/syntax-error.yaml:8:5: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    expect(await errorsOf('duplicate-key')).toEqual([`${BROKEN}/duplicate-key.yaml:4:1: YAML syntax: Map keys must be unique ("title" appears twice)`]);
  });

  it('reports semantic errors of code questions at the offending node', async () => {
    expect(await errorsOf('semantic-code')).toEqual([
      `${BROKEN}/semantic-code.yaml:10:11: tests[0].name: duplicate test name "same" (first used at index 0)`,
      `${BROKEN}/semantic-code.yaml:15:11: tests[1].call: expected exactly one of expr or call, got both`,
      `${BROKEN}/semantic-code.yaml:17:11: tests[2].name: "test_in_module" is a test_module test, but test_module is missing`,
      `${BROKEN}/semantic-code.yaml:20:57: wrong_solutions[0].fails[1]: expected the name of a test or example, got "nosuch"`,
    ]);
  });

  it('checks other_solutions: closed objects with a name and code, names unique', () => {
    const text = (others: string[]) => ['kind: exercise', 'id: closures/other', 'title: T', 'prompt: p', 'tests:',
      '  - { name: a, expr: "f()", expected: 1 }', 'solution: "def f(): return 1"', 'wrong_solutions:',
      '  - { name: w1, code: "x", fails: [a], feedback: f }', '  - { name: w2, code: "x", fails: [a], feedback: f }',
      'other_solutions:', ...others, ''].join('\n');
    const ok = parseFileText('closures/other.yaml', text(['  - { name: lambda, code: "f = lambda: 1" }']));
    expect(ok.ok && ok.item.kind === 'exercise' && ok.item.question.other_solutions).toEqual([{ name: 'lambda', code: 'f = lambda: 1' }]);
    expect(messagesOf(parseFileText('closures/other.yaml', text([
      '  - { name: lambda, code: "f = lambda: 1", fails: [a] }',
      '  - { name: same, code: "x" }',
      '  - { name: same, code: "y" }',
      '  - { code: "y" }',
    ])))).toEqual([
      'closures/other.yaml:12:44: other_solutions[0].fails: unknown field (expected one of: name, code)',
      'closures/other.yaml:15:5: other_solutions[3].name: required field is missing',
    ]);
    expect(messagesOf(parseFileText('closures/other.yaml', text(['  - { name: same, code: "x" }', '  - { name: same, code: "y" }'])))).toEqual([
      'closures/other.yaml:13:13: other_solutions[1].name: duplicate other solution name "same" (first used at index 0)',
    ]);
  });

  it('reports malformed Python value escapes and exact_type without expected', () => {
    const text = ['kind: exercise', 'id: closures/esc', 'title: T', 'prompt: p', 'tests:',
      '  - { name: a, expr: "f()", expected: { $date: "2024-02-30" } }',
      '  - { name: b, call: f, args: [{ $decimal: "one" }], expected: 1 }',
      '  - { name: c, expr: "f()", output: "", exact_type: true }',
      '  - { name: d, expr: "f()", expected: { $timedelta: [1, 2] }, exact_type: true }',
      'solution: "def f(): pass"', 'wrong_solutions:',
      '  - { name: w1, code: "x", fails: [a], feedback: f }', '  - { name: w2, code: "x", fails: [a], feedback: f }', ''].join('\n');
    expect(messagesOf(parseFileText('closures/esc.yaml', text))).toEqual([
      'closures/esc.yaml:6:39: tests[0].expected: expected a Python value: not a valid date: 2024-02-30',
      'closures/esc.yaml:7:31: tests[1].args: expected a Python value: not a Decimal: one',
      'closures/esc.yaml:8:53: tests[2].exact_type: exact_type applies only with expected',
    ]);
  });

  it('reports semantic errors of quizzes: dates, single choice, duplicate items', async () => {
    expect(await errorsOf('semantic-quiz')).toEqual([
      `${BROKEN}/semantic-quiz.yaml:5:9: closes: expected a date after opens (2026-06-01T00:00:00Z), got 2026-01-01T00:00:00Z`,
      `${BROKEN}/semantic-quiz.yaml:11:7: questions[0].choices: expected exactly one choice with correct: true, got 2`,
      `${BROKEN}/semantic-quiz.yaml:16:19: questions[1].items[2]: duplicate item "x" (first used at index 0)`,
    ]);
  });

  it('reports a short answer pattern that is no regular expression at its line and column', () => {
    const text = [
      'kind: quiz', 'id: closures/pat', 'title: Patterns', 'questions:',
      '  - id: k', '    type: short_answer', '    prompt: Which keyword?', '    accept: [nonlocal]',
      "    accept_patterns: ['nonlocal \\w+', 'nonlocal (']", '',
    ].join('\n');
    expect(messagesOf(parseFileText('closures/pat.yaml', text))).toEqual([
      expect.stringMatching(/^closures\/pat\.yaml:9:39: questions\[0\]\.accept_patterns\[1\]: expected a regular expression \(JavaScript syntax\): /),
    ]);
  });

  it('requires the id to be <course-dir>/<file-stem>', async () => {
    expect(await errorsOf('wrong-id')).toEqual([
      `${BROKEN}/wrong-id.yaml:2:5: id: expected "closures/wrong-id" (<course-dir>/<file-stem>), got "closures/not-this-file"`,
    ]);
  });

  it('stops an alias expansion bomb with a located error', async () => {
    expect(await errorsOf('alias-bomb')).toEqual([
      `${BROKEN}/alias-bomb.yaml:2:8: YAML aliases expand too much (Excessive alias count indicates a resource exhaustion attack)`,
    ]);
  });

  it('rejects deep nesting and oversized files without crashing', () => {
    const flow = parseFileText('closures/deep.yaml', `kind: quiz\nx: ${'['.repeat(40)}${']'.repeat(40)}\n`);
    expect(messagesOf(flow)).toEqual(['closures/deep.yaml:2:35: nested deeper than 32 levels']);
    const hostile = parseFileText('closures/deeper.yaml', `x: ${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(messagesOf(hostile)[0]).toMatch(/^closures\/deeper\.yaml:\d+:\d+: /);
    const huge = parseFileText('closures/huge.yaml', `prompt: "${'a'.repeat(MAX_FILE_BYTES)}"`);
    expect(messagesOf(huge)).toEqual([`closures/huge.yaml:1:1: file is ${MAX_FILE_BYTES + 10} bytes, over the limit of ${MAX_FILE_BYTES} bytes`]);
  });

  it('rejects explicit YAML tags that build non-plain data', () => {
    const result = parseFileText('closures/tagged.yaml', 'kind: quiz\nblob: !!binary aGVsbG8=\n');
    expect(messagesOf(result)[0]).toMatch(/^closures\/tagged\.yaml:2:7: YAML syntax: .*tag/i);
  });

  it('hashes content, not formatting: comments and key order keep the version', async () => {
    const result = await loadFile(`${GOOD}/make-adder.yaml`);
    if (!result.ok) throw new Error(messagesOf(result).join('\n'));
    const text = 'kind: exercise\nid: closures/h\ntitle: T\nprompt: P\n' +
      'tests: [{ name: a, expr: "f()", expected: 1 }]\nsolution: s\n' +
      'wrong_solutions: [{ name: x, code: c, fails: [a], feedback: f }, { name: y, code: c, fails: [a], feedback: f }]\n';
    const reordered = '# a comment\ntitle: T\nkind: exercise\n' + text.split('\n').slice(1).filter((l) => !l.startsWith('title')).join('\n');
    const changed = text.replace('expected: 1', 'expected: 2');
    const [a, b, c] = [text, reordered, changed].map((t) => parseFileText('closures/h.yaml', t));
    if (!a!.ok || !b!.ok || !c!.ok) throw new Error('hash fixtures must load');
    expect(a!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b!.hash).toBe(a!.hash);
    expect(c!.hash).not.toBe(a!.hash);
  });
});
