import { ConflictException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { SandboxLostError, type CaseTestSpec, type GradingJob, type GradingResult } from '@app/grader';
import { chooseValues, parseFileText, type CodeQuestion, type Exercise } from '@app/quiz-spec';
import { SANDBOX_CRASHED_TWICE, type GradeOptions } from '@app/grading';
import type { GradingService } from '../grading/grading.service.js';
import { toItem, type RegradeCandidate, type TargetVersion } from './regrade-plan.js';
import { RegradeQuiz } from './regrade-quiz.use-case.js';
import type { RegradeRepository, RegradeWrite } from './regrade.repository.js';
import { exerciseYaml } from './testing/authoring-fixtures.js';

const QUIZ = 'authoring-e2e/double-it';
const RIGHT = 'def double(x):\n    return 2 * x\n';
const OFF_BY_ONE = 'def double(x):\n    return 2 * x + (1 if x == 1000 else 0)\n';

function codeQuestion(hiddenExpected: number): CodeQuestion {
  const loaded = parseFileText(`${QUIZ}.yaml`, exerciseYaml({ hiddenExpected }));
  if (!loaded.ok) throw new Error('fixture does not parse');
  return (loaded.item as Exercise).question;
}

/** Evaluates the fixture's two tests for the two sources above, as the real engine would. */
function fakeGrader(workers = 2) {
  const stats = { inFlight: 0, maxInFlight: 0, calls: 0 };
  const grading = {
    stats,
    health: () => ({ ready: true, workers: { ready: workers, size: workers, busy: 0, queued: 0, restarts: 0 } }),
    grade: async (job: GradingJob, _options?: GradeOptions): Promise<GradingResult> => {
      stats.calls++;
      stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      stats.inFlight--;
      const big = job.source.includes('x == 1000') ? 2001 : 2000;
      const tests = job.tests.map((t) => {
        const value = t.name === 'doubles_big' ? big : 4;
        const pass = value === (t as CaseTestSpec).expected;
        return { name: t.name, status: pass ? 'pass' : 'fail', score: pass ? t.points : 0, max_score: t.points, visibility: t.visibility, message: '', output: '', tags: [] };
      }) as GradingResult['tests'];
      const points = tests.reduce((s, t) => s + t.score, 0);
      const max = tests.reduce((s, t) => s + t.max_score, 0);
      return { status: points === max ? 'pass' : 'fail', score: points / max, points, max_points: max, message: '', duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: '', seed: job.seed ?? 0 }, tests };
    },
  };
  return grading;
}

function candidate(id: string, source: string, points: number, questionKey = 'double-it'): RegradeCandidate {
  return { id, userId: `user-${id}`, email: `${id}@example.org`, attemptId: null, questionId: 'q1', questionKey, source, points, maxPoints: 3, score: points / 3, gradedAt: new Date('2026-01-01T00:00:00Z'), seed: 7 };
}

function fakeRepository(candidates: RegradeCandidate[], hiddenExpected = 2001) {
  const target: TargetVersion = { id: 'version-2', version: 2, codeQuestions: new Map([['double-it', codeQuestion(hiddenExpected)]]) };
  const applied: RegradeWrite[][] = [];
  const repository = {
    applied,
    target,
    candidates: async (): Promise<RegradeCandidate[]> => candidates.map((c) => ({ ...c })),
    targetVersion: async (quizId: string) => (quizId === QUIZ ? target : null),
    quizExists: async (quizId: string) => quizId === QUIZ,
    apply: async (_quizId: string, writes: RegradeWrite[]) => {
      applied.push(writes);
      // What the database does: the regraded submissions now carry the new verdict and time.
      for (const { candidate: c, result } of writes) {
        const stored = candidates.find((x) => x.id === c.id)!;
        Object.assign(stored, { points: result.points, maxPoints: result.max_points, score: result.score, gradedAt: new Date() });
      }
    },
  };
  return repository;
}

function useCase(repository: ReturnType<typeof fakeRepository>, grading = fakeGrader()) {
  return new RegradeQuiz(repository as unknown as RegradeRepository, grading as unknown as GradingService);
}

describe(RegradeQuiz.name, () => {
  const stored = () => [candidate('a', RIGHT, 3), candidate('b', OFF_BY_ONE, 1), candidate('c', RIGHT, 3, 'removed-question')];

  it('previews the score each submission would get under the current tests, storing nothing', async () => {
    const repository = fakeRepository(stored());
    const report = await useCase(repository).preview(QUIZ);
    expect(report.items).toEqual([
      expect.objectContaining({ submissionId: 'a', oldPoints: 3, newPoints: 1, delta: -2 }),
      expect.objectContaining({ submissionId: 'b', oldPoints: 1, newPoints: 3, delta: 2 }),
    ]);
    expect(report.summary).toEqual({ total: 2, changed: 2, up: 1, down: 1, meanDelta: 0, meanScoreDelta: 0, unmatched: 1 });
    expect(report).toMatchObject({ committed: false, version: 2, previewId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(repository.applied).toHaveLength(0);
  });

  it('commits exactly the previewed outcome', async () => {
    const repository = fakeRepository(stored());
    const regrade = useCase(repository);
    const preview = await regrade.preview(QUIZ);
    const commit = await regrade.commit(QUIZ, preview.previewId);
    expect(commit.committed).toBe(true);
    expect(commit.items).toEqual(preview.items);
    expect(commit.summary).toEqual(preview.summary);
    const written = repository.applied[0]!.map((w) => toItem({ candidate: w.candidate, question: codeQuestion(2001) }, w.result));
    expect(written).toEqual(preview.items);
    expect(repository.applied[0]!.every((w) => w.version === 2 && w.previewId === preview.previewId)).toBe(true);
  });

  it('agrees with the preview also when it must grade again (preview made by another instance)', async () => {
    const repository = fakeRepository(stored());
    const preview = await useCase(repository).preview(QUIZ);
    const grading = fakeGrader();
    const commit = await useCase(repository, grading).commit(QUIZ, preview.previewId);
    expect(grading.stats.calls).toBe(2);
    expect(commit.items).toEqual(preview.items);
  });

  it('grades a submission again when the grader was unavailable (sandbox restarted) under it', async () => {
    const grading = fakeGrader();
    const grade = grading.grade;
    let lost = 1;
    const unavailable = () => new ServiceUnavailableException('retry shortly', { cause: new SandboxLostError('the grading sandbox stopped unexpectedly') });
    grading.grade = (job) => (lost-- > 0 ? Promise.reject(unavailable()) : grade(job));
    const preview = await useCase(fakeRepository(stored()), grading).preview(QUIZ);
    expect(grading.stats.calls).toBe(2);
    expect(preview.summary).toMatchObject({ total: 2 });
  });

  it('gives a submission that stops the sandbox twice, the second time alone, an error verdict with no points and grades it no more', async () => {
    const grading = fakeGrader();
    const grade = grading.grade;
    const tries: (GradeOptions | undefined)[] = [];
    const lost = () => new ServiceUnavailableException('retry shortly', { cause: new SandboxLostError('the grading sandbox stopped unexpectedly') });
    grading.grade = (job, options?: GradeOptions) => (job.source === OFF_BY_ONE ? (tries.push(options), Promise.reject(lost())) : grade(job));
    const repository = fakeRepository(stored());
    const regrade = useCase(repository, grading);
    const preview = await regrade.preview(QUIZ);
    expect(tries).toEqual([undefined, { alone: true }]);
    expect(preview.items).toEqual([
      expect.objectContaining({ submissionId: 'a', newPoints: 1 }),
      expect.objectContaining({ submissionId: 'b', oldPoints: 1, newPoints: 0, newScore: 0, newMaxPoints: 3 }),
    ]);
    await regrade.commit(QUIZ, preview.previewId);
    const written = repository.applied[0]!.find((w) => w.candidate.id === 'b')!.result;
    expect(written).toMatchObject({ status: 'error', points: 0, message: expect.stringMatching(/stopped the grading sandbox twice/) });
    expect(written.tests.every((t) => t.status === 'error' && t.message === SANDBOX_CRASHED_TWICE)).toBe(true);
  });

  it('gives up (503) when the grader stays unavailable, rather than storing a partial regrade', async () => {
    const grading = fakeGrader();
    grading.grade = () => Promise.reject(new ServiceUnavailableException('the grading sandbox stopped unexpectedly'));
    const repository = fakeRepository(stored());
    const preview = await useCase(repository).preview(QUIZ); // made by another instance: graded again at commit
    await expect(useCase(repository, grading).commit(QUIZ, preview.previewId)).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(repository.applied).toHaveLength(0);
  });

  it('reuses the stored seed, so only the tests differ from the original grading', async () => {
    const repository = fakeRepository(stored());
    const seeds: (number | undefined)[] = [];
    const grading = fakeGrader();
    const grade = grading.grade;
    grading.grade = (job) => (seeds.push(job.seed), grade(job));
    await useCase(repository, grading).preview(QUIZ);
    expect(seeds).toEqual([7, 7]);
  });

  it("grades each submission against its own attempt's variant (the seed stored with the attempt)", async () => {
    const repository = fakeRepository([]);
    const base = repository.target.codeQuestions.get('double-it')!;
    const varied: CodeQuestion = { ...base, variants: [{ big: 2000 }, { big: 2001 }], tests: base.tests.map((t) => (t.name === 'doubles_big' ? { ...t, expected: '{{big}}' } : t)) };
    repository.target.codeQuestions.set('double-it', varied);
    const seedOf = (big: number) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((seed) => chooseValues(varied, seed)!.big === big)!;
    repository.candidates = async () => [
      { ...candidate('a', RIGHT, 3), variantSeed: seedOf(2000) },
      { ...candidate('b', RIGHT, 3), variantSeed: seedOf(2001) },
    ];
    const expectedBig: unknown[] = [];
    const grading = fakeGrader();
    const grade = grading.grade;
    grading.grade = (job) => (expectedBig.push((job.tests.find((t) => t.name === 'doubles_big') as CaseTestSpec).expected), grade(job));
    const preview = await useCase(repository, grading).preview(QUIZ);
    expect(expectedBig).toEqual([2000, 2001]);
    // RIGHT doubles 1000 to 2000: right for the first learner's variant only.
    expect(preview.items.map((item) => [item.submissionId, item.newPoints])).toEqual([['a', 3], ['b', 1]]);
  });

  it('refuses (409) to commit when a submission changed since the preview, and a second commit', async () => {
    const candidates = stored();
    const repository = fakeRepository(candidates);
    const regrade = useCase(repository);
    const preview = await regrade.preview(QUIZ);
    candidates[1]!.gradedAt = new Date('2026-02-01T00:00:00Z');
    await expect(regrade.commit(QUIZ, preview.previewId)).rejects.toBeInstanceOf(ConflictException);
    expect(repository.applied).toHaveLength(0);

    const fresh = await regrade.preview(QUIZ);
    await regrade.commit(QUIZ, fresh.previewId);
    await expect(regrade.commit(QUIZ, fresh.previewId)).rejects.toBeInstanceOf(ConflictException);
    expect(repository.applied).toHaveLength(1);
  });

  it('a second preview after the commit shows nothing left to change', async () => {
    const repository = fakeRepository(stored());
    const regrade = useCase(repository);
    await regrade.commit(QUIZ, (await regrade.preview(QUIZ)).previewId);
    expect((await regrade.preview(QUIZ)).summary).toMatchObject({ total: 2, changed: 0, up: 0, down: 0 });
  });

  it('keeps at most as many gradings in flight as the grader has workers', async () => {
    const many = Array.from({ length: 12 }, (_, i) => candidate(`s${i}`, i % 2 ? RIGHT : OFF_BY_ONE, 3));
    const grading = fakeGrader(3);
    const report = await useCase(fakeRepository(many), grading).preview(QUIZ);
    expect(report.summary.total).toBe(12);
    expect(grading.stats.maxInFlight).toBe(3);
  });

  it('keeps at most as many gradings in flight as the grader has workers, however many previews run at once', async () => {
    // Each preview kept `workers` gradings in flight on its own: an instructor's parallel
    // previews filled the pool's queue, and every learner's submission waited behind all of them.
    const many = Array.from({ length: 12 }, (_, i) => candidate(`s${i}`, i % 2 ? RIGHT : OFF_BY_ONE, 3));
    const grading = fakeGrader(3);
    const regrade = useCase(fakeRepository(many), grading);
    const reports = await Promise.all(Array.from({ length: 4 }, () => regrade.preview(QUIZ)));
    expect(reports.map((r) => r.summary.total)).toEqual([12, 12, 12, 12]);
    expect(grading.stats.maxInFlight).toBe(3);
  });

  it('404 for an unknown quiz', async () => {
    await expect(useCase(fakeRepository([])).preview('nope/nothing')).rejects.toBeInstanceOf(NotFoundException);
  });
});
