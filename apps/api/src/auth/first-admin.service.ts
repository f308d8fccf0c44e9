import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '@app/config';
import { normalizeEmail } from '../users/user.types.js';
import { UsersRepository } from '../users/users.repository.js';
import { PasswordHasher } from './password-hasher.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/** Where the one-time generated admin password goes; stdout in production, a spy in tests. */
export const ADMIN_ANNOUNCER = Symbol('ADMIN_ANNOUNCER');
export type AdminAnnouncer = (line: string) => void;
export const stdoutAnnouncer: AdminAnnouncer = (line) => process.stdout.write(`${line}\n`);

export type FirstAdminOutcome = 'created-configured' | 'promoted-configured' | 'created-generated' | 'unchanged';

/** Makes sure an admin exists on every start; safe to run again (idempotent). */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly env: Environment,
    @Inject(ADMIN_ANNOUNCER) private readonly announce: AdminAnnouncer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.ensureAdmin();
    } catch (error) {
      // Another instance starting at the same moment created the same admin first: fine.
      if ((error as { code?: unknown }).code !== 'P2002') throw error;
    }
  }

  async ensureAdmin(): Promise<FirstAdminOutcome> {
    if (this.env.ADMIN_EMAIL && this.env.ADMIN_PASSWORD) {
      return this.ensureConfiguredAdmin(normalizeEmail(this.env.ADMIN_EMAIL), this.env.ADMIN_PASSWORD);
    }
    if ((await this.users.countByRole('admin')) > 0) return 'unchanged';
    return this.createGeneratedAdmin();
  }

  /**
   * ADMIN_EMAIL gets an account if missing. An existing one is made admin only when ADMIN_PASSWORD
   * is its password: sign-up checks no email, so a learner who registered the address first (or an
   * LMS user whose LMS email it is) was made admin at the start after an operator chose it, with
   * the learner's own password (red team redapi2), like admin@localhost below.
   */
  private async ensureConfiguredAdmin(email: string, password: string): Promise<FirstAdminOutcome> {
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      await this.users.create({ email, passwordHash: await this.hasher.hash(password), displayName: 'Administrator', role: 'admin' });
      this.logger.log(`Created admin ${email} from ADMIN_EMAIL`);
      return 'created-configured';
    }
    if (existing.role === 'admin') return 'unchanged';
    if (!(await this.hasher.verify(password, existing.passwordHash))) {
      this.logger.error(`ADMIN_EMAIL ${email} is a non-admin account whose password is not ADMIN_PASSWORD: not promoted (anyone can sign up with any address); choose another ADMIN_EMAIL, or set ADMIN_PASSWORD to that account's password`);
      return 'unchanged';
    }
    await this.users.updateRole(existing.id, 'admin');
    this.logger.warn(`Promoted existing user ${email} to admin because it is ADMIN_EMAIL`);
    return 'promoted-configured';
  }

  private async createGeneratedAdmin(): Promise<FirstAdminOutcome> {
    if (await this.users.findByEmail(DEFAULT_ADMIN_EMAIL)) {
      // Someone else holds the address; promoting them would hand admin to a stranger.
      this.logger.error(`No admin exists and ${DEFAULT_ADMIN_EMAIL} is a non-admin account: set ADMIN_EMAIL and ADMIN_PASSWORD`);
      return 'unchanged';
    }
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    await this.users.create({ email: DEFAULT_ADMIN_EMAIL, passwordHash, displayName: 'Administrator', role: 'admin' });
    this.announce(`First admin created: email ${DEFAULT_ADMIN_EMAIL} password ${password} (shown only this once; store it now)`);
    return 'created-generated';
  }
}
