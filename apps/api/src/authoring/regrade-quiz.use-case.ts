import { ConflictException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { GradingJob, GradingResult } from '@app/grader';
import { toGradingJob, withVariant } from '@app/quiz-spec';
import type { RegradeReport } from '@app/contracts';
import { crashedTwiceVerdict, gradeUnderCrashRule } from '@app/grading';
import { GradingService } from '../grading/grading.service.js';
import { mapBounded } from './map-bounded.js';
import { matchCandidates, previewIdOf, summarize, toItem, type RegradeInputs } from './regrade-plan.js';
import { RegradeRepository } from './regrade.repository.js';

/** Previews kept for their commit; an older one is graded again at commit time (same inputs). */
const KEPT_PREVIEWS = 8;
/** Tries per submission when the grader is unavailable (warming, restarting). */
const REGRADE_TRIES = 3;

type Results = Map<string, GradingResult>;

/**
 * Regrades every graded `submit` of a quiz's code questions against its CURRENT version's tests
 * (questions matched by key). `preview` grades without storing and names its exact inputs with a
 * previewId; `commit(previewId)` stores exactly that outcome, or refuses (409) if the inputs moved.
 */
@Injectable()
export class RegradeQuiz {
  private readonly previews = new Map<string, Results>();
  private readonly committing = new Set<string>();
  /** Gradings in flight for every regrade at once (previews and commits of any quiz), and the
   * ones waiting for a turn: parallel previews each kept `workers` in flight, and every learner's
   * submission queued in the pool behind all of them. */
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly repository: RegradeRepository,
    private readonly grading: GradingService,
  ) {}

  async preview(quizId: string): Promise<RegradeReport> {
    const inputs = await this.inputs(quizId);
    const previewId = previewIdOf(inputs);
    const results = await this.gradeAll(inputs);
    this.keep(previewId, results);
    return report(quizId, inputs, previewId, results, false);
  }

  async commit(quizId: string, previewId: string): Promise<RegradeReport> {
    if (this.committing.has(quizId)) throw new ConflictException(`A regrade of "${quizId}" is being committed right now`);
    this.committing.add(quizId);
    try {
      const inputs = await this.inputs(quizId);
      const current = previewIdOf(inputs);
      if (current !== previewId) {
        throw new ConflictException({
          message: 'The submissions or the tests changed since this preview (or it was already committed); preview the regrade again',
          details: { previewId, currentInputs: current },
        });
      }
      // The preview's own verdicts when kept, so the stored outcome is the one the instructor saw.
      const results = this.previews.get(previewId) ?? (await this.gradeAll(inputs));
      const version = inputs.target.version;
      const writes = inputs.matched.map(({ candidate, question }) => ({ candidate, result: results.get(candidate.id)!, version, questionPoints: question.points, previewId }));
      await this.repository.apply(quizId, writes);
      this.previews.delete(previewId);
      return report(quizId, inputs, previewId, results, true);
    } finally {
      this.committing.delete(quizId);
    }
  }

  private async inputs(quizId: string): Promise<RegradeInputs> {
    const target = await this.repository.targetVersion(quizId);
    if (!target) {
      const exists = await this.repository.quizExists(quizId);
      throw new NotFoundException(exists ? `Quiz "${quizId}" has no version yet` : `No quiz with id "${quizId}"`);
    }
    return matchCandidates(target, await this.repository.candidates(quizId));
  }

  /** As many gradings in flight as the grader has workers, for all regrades together: the pool's queue stays short. */
  private async gradeAll(inputs: RegradeInputs): Promise<Results> {
    const limit = Math.max(1, this.grading.health().workers.size);
    const results = await mapBounded(inputs.matched, limit, ({ candidate, question }) =>
      this.inTurn(limit, () => this.gradeOnce(
        toGradingJob(withVariant(question, candidate.variantSeed), candidate.source, { only: 'all', ...(candidate.seed === undefined ? {} : { seed: candidate.seed }) }),
      )),
    );
    return new Map(inputs.matched.map(({ candidate }, i) => [candidate.id, results[i]!]));
  }

  /**
   * Under the crash rule of every grading: a submission that stops the sandbox a second time,
   * alone, gets that as its verdict (an error, no points) instead of stopping the regrade or
   * being tried again. A grader unavailable otherwise (503) costs a retry, not the whole regrade.
   */
  private async gradeOnce(job: GradingJob): Promise<GradingResult> {
    for (let tries = 1; ; tries++) {
      try {
        const graded = await gradeUnderCrashRule(this.grading, job);
        return graded.kind === 'graded' ? graded.result : crashedTwiceVerdict(job);
      } catch (error) {
        if (!(error instanceof ServiceUnavailableException) || tries >= REGRADE_TRIES) throw error;
      }
    }
  }

  private async inTurn<T>(limit: number, work: () => Promise<T>): Promise<T> {
    while (this.running >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private keep(previewId: string, results: Results): void {
    this.previews.delete(previewId);
    this.previews.set(previewId, results);
    while (this.previews.size > KEPT_PREVIEWS) this.previews.delete(this.previews.keys().next().value!);
  }
}

function report(quizId: string, inputs: RegradeInputs, previewId: string, results: Results, committed: boolean): RegradeReport {
  const items = inputs.matched.map((matched) => toItem(matched, results.get(matched.candidate.id)!));
  return { quizId, version: inputs.target.version, previewId, committed, summary: summarize(items, inputs.unmatched), items };
}
