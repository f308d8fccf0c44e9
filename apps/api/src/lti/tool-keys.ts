import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, ServiceUnavailableException, type OnModuleInit } from '@nestjs/common';
import { exportJWK, type JWK } from 'jose';
import { ConfigError, Environment } from '@app/config';

export const LTI_KEYS_FILE = 'lti-keys.json';
/** A retired key stays in the JWKS this long, so LMSs that cached it still verify in-flight tokens. */
export const RETIRED_KEY_GRACE_MS = 30 * 24 * 3600 * 1000;

interface StoredKey {
  kid: string;
  privateKeyPem: string;
  createdAt: string;
  retiredAt?: string;
}

export interface SigningKey {
  kid: string;
  key: KeyObject;
}

/**
 * PyQuiz's own RSA key pair for LTI (client assertions, deep-linking replies). Generated once
 * into `<DATA_DIR>/lti-keys.json` (mode 0600), like the JWT secret: never in the repository, kept
 * across restarts. `rotate()` makes a new current key; the old one is still published in the
 * JWKS for RETIRED_KEY_GRACE_MS.
 */
@Injectable()
export class ToolKeys implements OnModuleInit {
  private keys: StoredKey[] = [];
  private readonly file: string;
  /** Why there is no key (DATA_DIR not writable): LTI answers 503 saying so, the rest of PyQuiz runs. */
  private unavailable?: string;

  constructor(private readonly env: Environment) {
    this.file = join(env.DATA_DIR, LTI_KEYS_FILE);
  }

  /**
   * A DATA_DIR that cannot hold the key (a read-only container with JWT_SECRET and PostgreSQL)
   * leaves LTI off with a warning rather than stopping PyQuiz; a damaged key file stops it.
   */
  async onModuleInit(): Promise<void> {
    try {
      await mkdir(this.env.DATA_DIR, { recursive: true });
      // 'wx': two instances starting together on one DATA_DIR keep a single key.
      await writeFile(this.file, serialize([newKey(new Date())]), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        await rm(this.file, { force: true }).catch(() => undefined);
        this.unavailable = `DATA_DIR ${this.env.DATA_DIR} is not writable (${code ?? (error as Error).message}): cannot create ${this.file}`;
        new Logger(ToolKeys.name).warn(`LTI is off: ${this.unavailable}`);
        return;
      }
    }
    this.keys = parse(await readFile(this.file, 'utf8'), this.file);
  }

  current(): SigningKey {
    this.requireKey();
    const key = this.keys.find((k) => !k.retiredAt)!;
    return { kid: key.kid, key: createPrivateKey(key.privateKeyPem) };
  }

  /** Public halves of the current key and of the keys retired less than the grace period ago. */
  async jwks(now = new Date()): Promise<{ keys: JWK[] }> {
    this.requireKey();
    const published = this.keys.filter((k) => !k.retiredAt || now.getTime() - Date.parse(k.retiredAt) < RETIRED_KEY_GRACE_MS);
    const keys = await Promise.all(
      published.map(async (k) => ({ ...(await exportJWK(createPublicKey(k.privateKeyPem))), kid: k.kid, alg: 'RS256', use: 'sig' })),
    );
    return { keys };
  }

  /** New current key; the previous one is retired (still published), keys past the grace period dropped. */
  async rotate(now = new Date()): Promise<string> {
    this.requireKey();
    const kept = this.keys
      .map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString() }))
      .filter((k) => now.getTime() - Date.parse(k.retiredAt!) < RETIRED_KEY_GRACE_MS);
    const fresh = newKey(now);
    const next = [fresh, ...kept];
    // Written beside and renamed: a crash mid-write never leaves a half file (and no key at all).
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(temp, serialize(next), { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.keys = next;
    return fresh.kid;
  }

  private requireKey(): void {
    if (this.unavailable) throw new ServiceUnavailableException(`LTI is unavailable: ${this.unavailable}; make it writable and restart`);
  }
}

function newKey(now: Date): StoredKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), createdAt: now.toISOString() };
}

function serialize(keys: StoredKey[]): string {
  return JSON.stringify({ keys }, null, 2) + '\n';
}

function parse(text: string, file: string): StoredKey[] {
  try {
    const keys = (JSON.parse(text) as { keys: StoredKey[] }).keys;
    if (!Array.isArray(keys) || !keys.some((k) => !k.retiredAt)) throw new Error('no current key');
    for (const k of keys) createPrivateKey(k.privateKeyPem);
    return keys;
  } catch (error) {
    throw new ConfigError(`${file} is not a valid LTI key file (${(error as Error).message}); restore it from a backup or delete it to generate a new key (LMSs then fetch the new one from the JWKS URL)`);
  }
}
