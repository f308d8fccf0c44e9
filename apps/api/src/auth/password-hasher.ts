import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { Environment } from '@app/config';
import { hashesAtOnce } from './hash-slots.js';
import { hashScrypt, isScryptHash, parseScrypt, scryptParams, verifyScrypt, type ScryptParams } from './scrypt-hash.js';
import { ScryptThreads } from './scrypt-threads.js';

/** bcrypt's own prefixes: hashes stored before scrypt, still accepted until their next login. */
const BCRYPT_HASH = /^\$2[aby]\$\d\d\$/;

/**
 * scrypt through node:crypto (scrypt-hash.ts) in threads of its own (scrypt-threads.ts), so a
 * login never holds the event loop (bcryptjs at cost 10 held it ~75 ms). bcrypt hashes stored
 * earlier are still verified, in JavaScript, and `needsRehash` tells the caller to replace them.
 * At most PASSWORD_HASHES_AT_ONCE hashes run at once (by default one per core), in threads at a
 * lower priority, so a burst of logins takes only the CPU that requests and gradings leave.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit, OnModuleDestroy {
  private readonly params: ScryptParams;
  private dummyHash?: Promise<string>;
  private readonly threads: ScryptThreads;

  constructor(env: Environment) {
    this.params = scryptParams(env.SCRYPT_COST);
    this.threads = new ScryptThreads(hashesAtOnce(env.PASSWORD_HASHES_AT_ONCE));
  }

  /** Computes the dummy hash at start so the first unknown-email login is not slower than the rest. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  async onModuleDestroy(): Promise<void> {
    await this.threads.close();
  }

  hash(password: string): Promise<string> {
    return hashScrypt(password, this.params, this.threads.derive);
  }

  /** False for a wrong password and for a stored value that is neither a scrypt nor a bcrypt hash. */
  async verify(password: string, hash: string): Promise<boolean> {
    if (isScryptHash(hash)) return verifyScrypt(password, hash, this.threads.derive);
    if (BCRYPT_HASH.test(hash)) return bcrypt.compare(password, hash);
    return false;
  }

  /** A stored hash that is not scrypt with today's parameters: replace it after a successful login. */
  needsRehash(hash: string): boolean {
    const parsed = parseScrypt(hash);
    return !parsed || parsed.params.N !== this.params.N || parsed.params.r !== this.params.r || parsed.params.p !== this.params.p;
  }

  /**
   * Spends the same time as `verify` against a current hash, then says no. Used for unknown
   * emails so response time does not tell an attacker which emails have accounts.
   */
  async verifyNothing(password: string): Promise<false> {
    const dummy = await this.dummy();
    await verifyScrypt(password, dummy, this.threads.derive);
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('dummy password that never matches');
    return this.dummyHash;
  }
}
