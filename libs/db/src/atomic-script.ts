import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

/**
 * Replaces the adapter's `executeScript`, which the schema engine uses to run a migration.
 * `@prisma/adapter-pg` splits the script on every `;` and runs the pieces one by one on any pool
 * connection (a failure leaves a half-applied migration, and `;` inside a string or a `$$` body
 * breaks it); `pglite-prisma-adapter` does not even await the script, so a failing migration is
 * recorded as applied. Sending the whole script as one simple query makes PostgreSQL run it as
 * one implicit transaction, as Prisma's native engine does: it applies completely or not at all.
 */
export function withAtomicScripts<T extends SqlDriverAdapter>(
  adapter: T,
  runScript: (script: string) => Promise<unknown>,
): T {
  adapter.executeScript = async (script: string): Promise<void> => {
    try {
      await runScript(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return adapter;
}

interface PostgresErrorFields {
  message: string;
  code?: string;
  severity?: string;
  detail?: string;
  column?: string;
  hint?: string;
}

function toDriverAdapterError(error: unknown): unknown {
  // Duck-typed: PostgreSQL errors carry a SQLSTATE `code` (instanceof fails across realms).
  const fields = error as Partial<PostgresErrorFields> | null;
  if (typeof fields?.code !== 'string' || typeof fields.message !== 'string') return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: fields.code,
    severity: fields.severity ?? 'ERROR',
    message: fields.message,
    detail: fields.detail,
    column: fields.column,
    hint: fields.hint,
  });
}
