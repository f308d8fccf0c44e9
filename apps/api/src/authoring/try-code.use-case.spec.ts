import { NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { GradingJob, GradingResult } from '@app/grader';
import { parseFileText } from '@app/quiz-spec';
import { exerciseYaml } from './testing/authoring-fixtures.js';
import type { QuizValidator } from './quiz-validator.service.js';
import { TryCode, type CodeGrader } from './try-code.use-case.js';

const ID = 'authoring-e2e/double-it';
const YAML = exerciseYaml({ id: ID });

/** The real parser behind the validator: a valid file gives its item, an invalid one its errors. */
const validator = {
  async validate({ yaml }: { yaml: string }) {
    const loaded = parseFileText(`${ID}.yaml`, yaml);
    if (!loaded.ok) return { report: { valid: false, id: null, kind: null, hash: null, errors: loaded.errors.map(({ line, column, path, message }) => ({ line, column, path, message })), verified: false, violations: [] } };
    return { report: { valid: true, id: ID, kind: loaded.item.kind, hash: loaded.hash, errors: [], verified: false, violations: [] }, item: loaded.item };
  },
} as unknown as QuizValidator;

function gradedAs(job: GradingJob): GradingResult {
  // Every test fails with the engine's own words; a test whose feedback reached the job would say so.
  const tests = job.tests.map((t) => ({ name: t.name, status: 'fail' as const, score: 0, max_score: t.points, visibility: t.visibility, message: `engine words${t.feedback ? `\n${t.feedback}` : ''}`, output: 'printed', tags: [] }));
  return { status: 'fail', score: 0, points: 0, max_points: 3, message: '0 of 2 tests passed.', duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: 'x', seed: 1 }, tests };
}

describe(TryCode.name, () => {
  const jobs: GradingJob[] = [];
  const grader: CodeGrader = { grade: async (job: GradingJob) => (jobs.push(job), gradedAs(job)) };
  const tryCode = new TryCode(validator, grader as never);

  it('lists the code question with its reference, other right and wrong solutions', async () => {
    const [question, ...rest] = await tryCode.questions(YAML);
    expect(rest).toEqual([]);
    expect(question).toMatchObject({ key: ID, title: 'Double it', reference: { name: 'reference' } });
    expect(question!.wrongSolutions.map((w) => [w.name, w.fails])).toEqual([['adds-two', ['doubles_big']], ['squares', ['doubles_big']]]);
    expect(question!.otherSolutions).toEqual([{ name: 'lambda', code: expect.stringContaining('double = lambda x: 2 * x') }]);
  });

  it('grades every test as visible, and hands back the real message, the feedback apart and the true visibility', async () => {
    const run = await tryCode.run(YAML, ID, 'def double(x):\n    return x\n');
    const job = jobs.at(-1)!;
    expect(job.source).toBe('def double(x):\n    return x\n');
    expect(job.tests.map((t) => [t.name, t.visibility, t.feedback])).toEqual([['doubles_two', 'visible', undefined], ['doubles_big', 'visible', undefined]]);
    expect(run.tests.map((t) => [t.name, t.visibility, t.message, t.feedback, t.output])).toEqual([
      ['doubles_two', 'visible', 'engine words', '', 'printed'],
      ['doubles_big', 'hidden', 'engine words', 'double(1000) should be 2000', 'printed'],
    ]);
    expect(run).toMatchObject({ key: ID, points: 0, maxPoints: 3, passed: 0, total: 2 });
  });

  it('refuses a question the file does not have (404) and a file with errors (422, located)', async () => {
    await expect(tryCode.run(YAML, 'authoring-e2e/other', 'x = 1')).rejects.toBeInstanceOf(NotFoundException);
    const broken = tryCode.run(`${YAML}expect: 1\n`, ID, 'x = 1');
    await expect(broken).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(broken).rejects.toMatchObject({ response: { details: { errors: [expect.objectContaining({ path: 'expect' })] } } });
  });
});
