import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@app/config';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * JWT_SECRET when set; otherwise a secret generated once into `<dataDir>/jwt-secret` (mode 0600),
 * so sessions survive restarts without anyone having to invent a secret.
 */
export async function resolveJwtSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, JWT_SECRET_FILE);
  try {
    await mkdir(dataDir, { recursive: true });
    // 'wx' fails when the file exists, so two instances starting together keep one secret.
    await writeFile(file, randomBytes(48).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A read-only or full DATA_DIR: one line for the operator instead of a stack trace. On a full
    // disk the file is created but stays empty: remove it, or the next start would refuse it.
    if (code !== 'EEXIST') {
      await rm(file, { force: true }).catch(() => undefined);
      if (code === 'ENOSPC') throw new ConfigError(`DATA_DIR ${dataDir} has no space left on device (ENOSPC): cannot create ${file}; free some space, then start again`);
      throw new ConfigError(`DATA_DIR ${dataDir} is not writable (${code ?? (error as Error).message}): cannot create ${file}; make it writable or set JWT_SECRET`);
    }
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) {
    throw new ConfigError(`${file} holds a secret shorter than 32 characters; delete it to generate a new one`);
  }
  return secret;
}
