import { Injectable, type OnModuleInit } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { Environment } from '../config/environment.js';

/** bcrypt hashing at the configured cost (BCRYPT_COST, 10 by default). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;

  constructor(private readonly env: Environment) {}

  /** Computes the dummy hash at start so the first unknown-email login is not slower than the rest. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.env.BCRYPT_COST);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /**
   * Spends the same time as `verify` against a real hash, then says no. Used for unknown emails
   * so response time does not tell an attacker which emails have accounts.
   */
  async verifyNothing(password: string): Promise<false> {
    await bcrypt.compare(password, await this.dummy());
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= bcrypt.hash('dummy password that never matches', this.env.BCRYPT_COST);
    return this.dummyHash;
  }
}
