import { Injectable, type OnModuleInit } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { Environment } from '@app/config';
import { HashSlots, hashesAtOnce } from './hash-slots.js';
import { hashScrypt, isScryptHash, parseScrypt, scryptParams, verifyScrypt, type ScryptParams } from './scrypt-hash.js';

/** bcrypt's own prefixes: hashes stored before scrypt, still accepted until their next login. */
const BCRYPT_HASH = /^\$2[aby]\$\d\d\$/;

/**
 * scrypt through node:crypto (scrypt-hash.ts): the work runs in libuv's thread pool, so a login
 * no longer holds the event loop (bcryptjs at cost 10 held it ~75 ms). bcrypt hashes stored
 * earlier are still verified, in JavaScript, and `needsRehash` tells the caller to replace them.
 * Every scrypt computation takes one of the HashSlots (PASSWORD_HASHES_AT_ONCE, by default all
 * cores but one), so a burst of logins cannot take every core from the event loop.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly params: ScryptParams;
  private dummyHash?: Promise<string>;
  private readonly slots: HashSlots;

  constructor(env: Environment) {
    this.params = scryptParams(env.SCRYPT_COST);
    this.slots = new HashSlots(hashesAtOnce(env.PASSWORD_HASHES_AT_ONCE));
  }

  /** Computes the dummy hash at start so the first unknown-email login is not slower than the rest. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => hashScrypt(password, this.params));
  }

  /** False for a wrong password and for a stored value that is neither a scrypt nor a bcrypt hash. */
  async verify(password: string, hash: string): Promise<boolean> {
    if (isScryptHash(hash)) return this.slots.run(() => verifyScrypt(password, hash));
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
    await this.slots.run(() => verifyScrypt(password, dummy));
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('dummy password that never matches');
    return this.dummyHash;
  }
}
