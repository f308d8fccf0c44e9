import { ConflictException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { legacyEmail, normalizeEmail, toPublicUser, type PublicUser, type UserRecord } from '../users/user.types.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';
import { PasswordHasher } from './password-hasher.js';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface SignedIn {
  user: PublicUser;
  accessToken: string;
}

/** One message for every failed login, so the response never says whether the email exists. */
export const INVALID_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  /** Creates a learner account and signs it in. 409 when the email is taken. */
  async register(input: Registration): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    if (await this.findAccount(input.email)) throw new ConflictException('An account with this email already exists');
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.users.create({ email, passwordHash, displayName: input.displayName.trim(), role: 'learner' });
    return this.signIn(user);
  }

  /**
   * Unknown email and wrong password fail the same way, after a hash comparison either way. A
   * right password stored as bcrypt (or scrypt at another cost) is re-hashed now: the only moment
   * the server holds the password.
   */
  async login(input: Credentials): Promise<SignedIn> {
    const user = await this.findAccount(input.email);
    const valid = user ? await this.hasher.verify(input.password, user.passwordHash) : await this.hasher.verifyNothing(input.password);
    if (!user || !valid) throw new UnauthorizedException(INVALID_CREDENTIALS);
    if (this.hasher.needsRehash(user.passwordHash)) await this.upgradeHash(user, input.password);
    return this.signIn(user);
  }

  /** By the normalised email, else by the form stored before NFC (an account made then). */
  private async findAccount(typed: string): Promise<UserRecord | null> {
    const user = await this.users.findByEmail(normalizeEmail(typed));
    if (user || legacyEmail(typed) === normalizeEmail(typed)) return user;
    return this.users.findByEmail(legacyEmail(typed));
  }

  /** The user behind a token, read fresh so deleted users and role changes take effect at once. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired session');
    }
    const user = typeof claims.sub === 'string' ? await this.users.findById(claims.sub) : null;
    if (!user) throw new UnauthorizedException('Invalid or expired session');
    return toPublicUser(user);
  }

  /** A session for a user another way proved (an LTI launch); null when the user is gone. */
  async sessionFor(userId: string): Promise<SignedIn | null> {
    const user = await this.users.findById(userId);
    return user ? this.signIn(user) : null;
  }

  /** Best effort: the login succeeds with the old hash in place when the new one cannot be stored. */
  private async upgradeHash(user: UserRecord, password: string): Promise<void> {
    try {
      await this.users.updatePasswordHash(user.id, user.passwordHash, await this.hasher.hash(password));
    } catch (error) {
      this.logger.warn(`Password hash of user ${user.id} not upgraded: ${(error as Error).message}`);
    }
  }

  private async signIn(user: UserRecord): Promise<SignedIn> {
    const claims: AccessTokenClaims = { sub: user.id };
    return { user: toPublicUser(user), accessToken: await this.jwt.signAsync(claims) };
  }
}
