/**
 * npm run exercises:validate [dir] [--format-only] [--workers N]
 * Loads every exercise file (located errors), then grades every reference and known-wrong
 * solution with the real engine. Exits 1 on any error or violation, 2 when it cannot run.
 */
import { runValidation, type JobGrader } from '@app/quiz-spec';

interface Args {
  dir: string;
  formatOnly: boolean;
  workers: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: 'exercises', formatOnly: false, workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--format-only') args.formatOnly = true;
    else if (arg === '--workers') args.workers = Number(argv[++i]);
    else args.dir = arg;
  }
  return args;
}

interface Pool extends JobGrader {
  close(): Promise<void>;
}

/**
 * Loaded lazily so that `--format-only` works even where the engine cannot start. The specifier is
 * a variable so that type-checking does not depend on the engine's index being present yet.
 */
const ENGINE_MODULE = '@app/grader';

type EngineModule = { GraderPool: { start(options: { size: number }): Promise<Pool> } };

async function startEngine(size: number): Promise<Pool> {
  const engine = (await import(ENGINE_MODULE).catch((error: unknown) => {
    throw new Error(`the grading engine (${ENGINE_MODULE}) is not available; --format-only checks the format alone`, { cause: error });
  })) as EngineModule;
  return engine.GraderPool.start({ size });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const pool = args.formatOnly ? undefined : await startEngine(args.workers);
  try {
    const summary = await runValidation({ dir: args.dir, grader: pool, print: (line) => console.log(line) });
    return summary.ok ? 0 : 1;
  } finally {
    await pool?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`exercises:validate could not run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
