import type { GradingJob, GradingResult, TestResult, TestSpec } from '@app/grader';
import { TEXT_CAP } from '@app/quiz-spec';
import { capGradingResult, cutTo, FIELD_CAP_BYTES, MAX_RESULT_TESTS, RESULT_TEXT_CAP_BYTES } from './result-caps.js';

function spec(name: string, visibility: 'visible' | 'hidden', feedback?: string): TestSpec {
  return { kind: 'case', name, points: 1, visibility, tags: [], ...(feedback === undefined ? {} : { feedback }) };
}

function test(name: string, fields: Partial<TestResult> = {}): TestResult {
  return { name, status: 'fail', score: 0, max_score: 1, visibility: 'visible', message: '', output: '', tags: [], ...fields };
}

function result(tests: TestResult[], message = `0 of ${tests.length} tests passed.`): GradingResult {
  return { status: 'fail', score: 0, points: 0, max_points: tests.length, message, duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: 'x', seed: 0 }, tests };
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const NOTE = /\n\[truncated: (\d+) more characters\]$/;

describe(capGradingResult.name, () => {
  it('returns a result within the caps as the very same object', () => {
    const small = result([test('a', { message: 'expected 1, got 2', output: 'hello\n' })]);
    expect(capGradingResult(small, { tests: [spec('a', 'visible')] })).toBe(small);
  });

  it('cuts an 80 MB output and a 10 MB message to 4 KB each, keeping their start and saying how much is missing', () => {
    const output = 'o'.repeat(80 * 1024 * 1024);
    const message = `AssertionError: ${'m'.repeat(10 * 1024 * 1024)}`;
    const capped = capGradingResult(result([test('a', { message, output })], 'x'.repeat(1024 * 1024)), { tests: [spec('a', 'visible')] });
    const [a] = capped.tests;
    for (const [cut, whole] of [[a!.output, output], [a!.message, message], [capped.message, 'x'.repeat(1024 * 1024)]] as const) {
      expect(bytes(cut)).toBeLessThanOrEqual(FIELD_CAP_BYTES);
      expect(bytes(cut)).toBeGreaterThan(FIELD_CAP_BYTES - 100);
      const kept = cut.replace(NOTE, '');
      expect(whole.startsWith(kept)).toBe(true);
      expect(Number(NOTE.exec(cut)![1])).toBe(whole.length - kept.length);
    }
  });

  it("never cuts the author's feedback: a hidden test keeps all of it, its learner-written part is cut before it", () => {
    const feedback = 'Remember nonlocal. '.repeat(TEXT_CAP / 20);
    const importFailure = `Your code could not be imported: ${'e'.repeat(1_000_000)}`;
    const job = { tests: [spec('hidden_only', 'hidden', feedback), spec('import', 'hidden', feedback)] };
    const capped = capGradingResult(
      result([test('hidden_only', { visibility: 'hidden', message: feedback }), test('import', { visibility: 'hidden', message: `${importFailure}\n${feedback}` })]),
      job,
    );
    expect(capped.tests[0]!.message).toBe(feedback);
    expect(capped.tests[1]!.message.endsWith(`more characters]\n${feedback}`)).toBe(true);
    expect(bytes(capped.tests[1]!.message)).toBeLessThanOrEqual(FIELD_CAP_BYTES + bytes(feedback));
  });

  it('keeps all texts of a result together within its budget: small texts whole, the big ones sharing the rest', () => {
    const tests = Array.from({ length: MAX_RESULT_TESTS }, (_, i) => test(`t${i}`, { message: i === 0 ? 'tiny' : 'm'.repeat(5_000), output: 'o'.repeat(5_000) }));
    const capped = capGradingResult(result(tests), { tests: tests.map((t) => spec(t.name, 'visible')) });
    const total = capped.tests.reduce((sum, t) => sum + bytes(t.message) + bytes(t.output), 0);
    expect(total).toBeLessThanOrEqual(RESULT_TEXT_CAP_BYTES);
    expect(capped.tests[0]!.message).toBe('tiny');
    expect(capped.tests.every((t, i) => i === 0 || NOTE.test(t.message))).toBe(true);
    expect(bytes(JSON.stringify(capped))).toBeLessThan(RESULT_TEXT_CAP_BYTES + MAX_RESULT_TESTS * 100 + FIELD_CAP_BYTES);
  });

  it('leaves a few big texts at 4 KB each when the budget allows it', () => {
    const tests = Array.from({ length: 5 }, (_, i) => test(`t${i}`, { output: 'o'.repeat(1_000_000) }));
    const capped = capGradingResult(result(tests), { tests: [] });
    expect(capped.tests.map((t) => bytes(t.output) > FIELD_CAP_BYTES - NOTE_ROOM && bytes(t.output) <= FIELD_CAP_BYTES)).toEqual([true, true, true, true, true]);
  });

  it('drops tests past the most a code question may have, and says so', () => {
    const tests = Array.from({ length: MAX_RESULT_TESTS + 50 }, (_, i) => test(`t${i}`));
    const capped = capGradingResult(result(tests), { tests: [] });
    expect(capped.tests).toHaveLength(MAX_RESULT_TESTS);
    expect(capped.message).toMatch(/\[truncated: 50 more tests\]$/);
  });

  it('is idempotent: a capped result is returned unchanged', () => {
    const tests = Array.from({ length: 300 }, (_, i) => test(`t${i}`, { message: '€'.repeat(3_000 + i), output: '🐍'.repeat(2_000) }));
    const job = { tests: tests.map((t) => spec(t.name, 'visible')) };
    const once = capGradingResult(result(tests), job);
    expect(capGradingResult(once, job)).toBe(once);
  });
});

const NOTE_ROOM = 48;

describe(cutTo.name, () => {
  it('cuts multi-byte text on a character boundary, within the byte cap', () => {
    const cut = cutTo('🐍'.repeat(5_000), 1_000);
    expect(bytes(cut)).toBeLessThanOrEqual(1_000);
    expect(cut).not.toContain('\uFFFD');
    const kept = cut.replace(NOTE, '');
    expect(kept).toBe('🐍'.repeat(kept.length / 2));
  });

  it('keeps a text that fits', () => {
    expect(cutTo('é'.repeat(500), 1_000)).toBe('é'.repeat(500));
  });
});
