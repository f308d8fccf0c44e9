/**
 * A reason the database cannot be used at start-up. Its message is one line meant to be printed
 * as-is before the process exits with code 1 (no stack, no secrets: passwords never appear).
 */
export class DatabaseStartupError extends Error {
  override readonly name = 'DatabaseStartupError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
  }
}

/** The first line of an unknown error's message, for embedding in a one-line startup error. */
export function firstLine(error: unknown): string {
  // Duck-typed: errors from another realm (Jest's vm context, wasm glue) fail `instanceof Error`.
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
