/**
 * npm run grade -- <exercise-id | path/to/exercise.yaml | path/to/job.json> <solution.py> [more.py ...]
 * Grades each file in order on one pool and prints one GradingResult JSON object per line.
 * Exit 0 when grading completed whatever the scores; 1 on usage errors; 2 on internal errors.
 */
import { readFile } from 'node:fs/promises';
import { GraderPool, SandboxLostError, type GradingJob } from '@app/grader';
import { loadExerciseJob, SpecLoadError } from '@app/quiz-spec';

/** An exercise id or YAML path (through the quiz-spec loader), or a GradingJob as JSON. */
async function loadJob(ref: string): Promise<GradingJob> {
  if (ref.endsWith('.json')) return JSON.parse(await readFile(ref, 'utf8')) as GradingJob;
  try {
    return await loadExerciseJob(ref);
  } catch (error) {
    if (error instanceof SpecLoadError || (error as NodeJS.ErrnoException)?.code === 'ENOENT') {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
}

class UsageError extends Error {}

/**
 * Resolves once `text` is handed to the OS. On a pipe, what the reader has not taken yet (past
 * the pipe's 64 KB) waits in this process, and process.exit() would drop it: a multi-megabyte
 * result line reached `| jq` cut short.
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** The reader went away (`| head`): nothing more to say to it, and nothing went wrong here. */
function readerGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EPIPE';
}

/** A sandbox process that died (killed from outside) is restarted by the pool: try once more. */
async function gradeRetryingLostSandbox(pool: GraderPool, job: GradingJob) {
  try {
    return await pool.grade(job);
  } catch (error) {
    if (!(error instanceof SandboxLostError)) throw error;
    return pool.grade(job);
  }
}

async function main(argv: string[]): Promise<number> {
  const [ref, ...files] = argv;
  if (!ref || files.length === 0) {
    process.stderr.write('usage: npm run grade -- <exercise-id | exercise.yaml | job.json> <solution.py> [more.py ...]\n');
    return 1;
  }
  const job = await loadJob(ref);
  const sources = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const pool = await GraderPool.start({ size: 1 });
  try {
    for (const source of sources) {
      const result = await gradeRetryingLostSandbox(pool, { ...job, source });
      await writeOut(JSON.stringify(result) + '\n');
    }
  } finally {
    await pool.close();
  }
  return 0;
}

// Write errors arrive through writeOut's callback; without a listener they would also be thrown.
process.stdout.on('error', () => undefined);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (readerGone(error)) process.exit(0);
    process.stderr.write(`grade: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError || (error as NodeJS.ErrnoException)?.code === 'ENOENT' ? 1 : 2);
  },
);
