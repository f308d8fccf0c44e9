/**
 * npm run exercises:validate [dir] [--format-only] [--no-cpython] [--workers N]
 * Loads every exercise file (located errors), then grades every reference and known-wrong
 * solution with the real engine, and runs them under the machine's CPython (`python3`, or
 * $PYQUIZ_PYTHON) to report every test whose verdict differs. Exits 1 on any error or
 * violation, 2 when it cannot run.
 */
import { runValidation, type JobGrader, type ReferenceRunner } from '@app/quiz-spec';

interface Args {
  dir: string;
  formatOnly: boolean;
  cpython: boolean;
  workers: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: 'exercises', formatOnly: false, cpython: true, workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--format-only') args.formatOnly = true;
    else if (arg === '--no-cpython') args.cpython = false;
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

type EngineModule = {
  GraderPool: { start(options: { size: number }): Promise<Pool> };
  CPythonReference: { locate(): Promise<ReferenceRunner | null> };
};

async function loadEngine(): Promise<EngineModule> {
  return (await import(ENGINE_MODULE).catch((error: unknown) => {
    throw new Error(`the grading engine (${ENGINE_MODULE}) is not available; --format-only checks the format alone`, { cause: error });
  })) as EngineModule;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const engine = args.formatOnly ? undefined : await loadEngine();
  const pool = await engine?.GraderPool.start({ size: args.workers });
  const cpython = engine && args.cpython ? await engine.CPythonReference.locate() : null;
  const cpythonSkipped = args.cpython ? 'no python3 (3.10 or newer) found' : '--no-cpython';
  try {
    const summary = await runValidation({
      dir: args.dir, grader: pool, cpython: cpython ?? undefined, cpythonSkipped, print: (line) => console.log(line),
    });
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
