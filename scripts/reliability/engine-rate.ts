// The grading engine alone on the load's honest mix (make-counter, three right for one wrong), with
// as many workers as the API's pool: the ceiling the HTTP path is compared with in the same run.
import { availableParallelism } from 'node:os';
import { GraderPool } from '@app/grader';
import { loadExerciseJob } from '@app/quiz-spec';
import { QUIZ } from './learner-client.js';
import { sourceFor } from './sources.js';

export async function engineRate(gradings: number, workers = availableParallelism()): Promise<number> {
  const jobs = await Promise.all([0, 1, 2, 3].map((n) => loadExerciseJob(QUIZ, sourceFor(n, 0).source)));
  const pool = await GraderPool.start({ size: workers });
  try {
    await Promise.all(Array.from({ length: 20 }, (_, n) => pool.grade(jobs[n % 4]!))); // warm-up
    const started = performance.now();
    await Promise.all(Array.from({ length: gradings }, (_, n) => pool.grade(jobs[n % 4]!)));
    return Math.round((gradings / ((performance.now() - started) / 1000)) * 10) / 10;
  } finally {
    await pool.close();
  }
}
