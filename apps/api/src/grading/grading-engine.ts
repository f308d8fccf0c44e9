import type { GradingJob, GradingResult, OsWalls } from '@app/grader';

/** What the API needs from the grading engine; `GraderPool` implements it, tests may fake it. */
export interface GradingEngine {
  grade(job: GradingJob): Promise<GradingResult>;
  health(): { ready: number; size: number; busy: number; queued: number; restarts: number };
  close(): Promise<void>;
}

/** Injection token for the engine, so tests can provide a fake without starting Pyodide. */
export const GRADING_ENGINE_FACTORY = Symbol('GRADING_ENGINE_FACTORY');
export type GradingEngineFactory = (size: number, walls: OsWalls) => Promise<GradingEngine>;
