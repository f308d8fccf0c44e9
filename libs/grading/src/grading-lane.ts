import type { GradingJob, GradingResult } from '@app/grader';

/** How a grading may share the engine. */
export interface GradeOptions {
  /**
   * Graded with nothing else in the engine: when the sandbox dies then, this job killed it. Asked
   * for the second try of a job that was in a sandbox that died (see gradeUnderCrashRule).
   */
  alone?: boolean;
  /**
   * The result comes back whole, not capped (result-caps.ts): only for the author's own code
   * (reference and known-wrong solutions, test discovery, whose list of test names is one test
   * message). Learner code is always capped.
   */
  uncapped?: boolean;
}

/** Anything that grades a job: the API's `GradingService`, or a grader process's laned pool. */
export interface JobGrader {
  grade(job: GradingJob, options?: GradeOptions): Promise<GradingResult>;
}

/**
 * Admits gradings to one engine (one sandbox process): any number together, or one `alone`.
 * First come first served: an `alone` grading waits for those in the engine to finish, and the
 * ones arriving after it wait for it, so neither side can starve the other.
 */
export class GradingLane {
  private running = 0;
  private exclusive = false;
  private readonly waiting: { alone: boolean; admit: () => void }[] = [];

  async run<T>(alone: boolean, grading: () => Promise<T>): Promise<T> {
    await this.enter(alone);
    try {
      return await grading();
    } finally {
      this.running--;
      if (alone) this.exclusive = false;
      this.admitWaiting();
    }
  }

  /** Gradings in the engine now, and waiting to enter it (figures for tests and health). */
  figures(): { running: number; waiting: number; alone: boolean } {
    return { running: this.running, waiting: this.waiting.length, alone: this.exclusive };
  }

  private enter(alone: boolean): Promise<void> {
    if (this.waiting.length === 0 && this.admits(alone)) {
      this.admit(alone);
      return Promise.resolve();
    }
    return new Promise((admit) => this.waiting.push({ alone, admit }));
  }

  private admits(alone: boolean): boolean {
    return !this.exclusive && (!alone || this.running === 0);
  }

  private admit(alone: boolean): void {
    this.running++;
    if (alone) this.exclusive = true;
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.admits(this.waiting[0]!.alone)) {
      const next = this.waiting.shift()!;
      this.admit(next.alone);
      next.admit();
    }
  }
}

/** An engine (a GraderPool) behind a lane: what a grader process grades every job through. */
export class LanedGrader implements JobGrader {
  private readonly lane = new GradingLane();

  constructor(private readonly engine: { grade(job: GradingJob): Promise<GradingResult> }) {}

  grade(job: GradingJob, options: GradeOptions = {}): Promise<GradingResult> {
    return this.lane.run(options.alone === true, () => this.engine.grade(job));
  }
}
