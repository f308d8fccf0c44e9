import type { GradingResult } from './types.js';

/** A test's verdict under plain CPython (see cpython-reference.ts). No Node or Pyodide here:
 * the exercise validator imports it. */
export type ReferenceStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'memory_limit' | 'skipped';

export interface ReferenceVerdict {
  name: string;
  status: ReferenceStatus;
  message: string;
}

export interface VerdictDifference {
  test: string;
  engine: string;
  cpython: string;
  /** First line of each side's message, for the report. */
  engineMessage: string;
  cpythonMessage: string;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n').find((l) => l.trim()) ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Every test whose engine verdict is not CPython's (by name; a missing test is a difference). */
export function compareVerdicts(engine: GradingResult, cpython: ReferenceVerdict[]): VerdictDifference[] {
  const theirs = new Map(cpython.map((v) => [v.name, v]));
  return engine.tests.flatMap((test) => {
    const reference = theirs.get(test.name);
    if (reference && reference.status === test.status) return [];
    return [{
      test: test.name, engine: test.status, cpython: reference?.status ?? 'missing',
      engineMessage: firstLine(test.message), cpythonMessage: firstLine(reference?.message ?? ''),
    }];
  });
}
