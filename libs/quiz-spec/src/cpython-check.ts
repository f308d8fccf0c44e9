// The grader's plain-data module is imported directly (not '@app/grader'): no engine code here.
import type { GradingJob, GradingResult, ProgramOutput } from '../../grader/src/types.js';
import { compareVerdicts, type ReferenceVerdict } from '../../grader/src/verdict-differences.js';

export type { ProgramOutput };

/** Runs a job's tests under the machine's real CPython: `CPythonReference` from '@app/grader'. */
export interface ReferenceRunner {
  readonly version: string;
  verdicts(job: GradingJob): Promise<ReferenceVerdict[]>;
  /** What a program prints (predict-output questions: output-check.ts); absent, they are not run. */
  output?(code: string): Promise<ProgramOutput>;
}

/** One line per test where the engine's verdict is not CPython's, for a solution. */
export function cpythonDifferences(label: string, engine: GradingResult, cpython: ReferenceVerdict[]): string[] {
  return compareVerdicts(engine, cpython).map((d) => {
    const engineSide = `engine ${d.engine}${d.engineMessage ? ` (${d.engineMessage})` : ''}`;
    const cpythonSide = `CPython ${d.cpython}${d.cpythonMessage ? ` (${d.cpythonMessage})` : ''}`;
    return `CPython disagrees on ${label}, test "${d.test}": ${engineSide}, ${cpythonSide}`;
  });
}
