import { ConflictException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { legacyEmail, normalizeEmail, toPublicUser, type PublicUser, type UserRecord } from '../users/user.types.js';
import { UsersRepository } from '../users/users.repository.js';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenClaims, type AuthUser } from './auth-user.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
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

  /**
   * The user behind a token, read fresh so deleted users and role changes take effect at once.
   * The token must name a session still open: signing out closes it, whatever copies of the token
   * exist (one query: the session with its user).
   */
  async authenticate(token: string): Promise<AuthUser> {
    const claims = await this.verified(token);
    const session = claims ? await this.sessions.userOf(claims.sid) : null;
    if (!claims || !session || session.userId !== claims.sub || session.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedException('Invalid or expired session');
    }
    return toPublicUser(session.user);
  }

  /** Closes the token's session; a token that is invalid or expired has nothing left to close. */
  async logout(token: string | undefined): Promise<void> {
    const claims = token ? await this.verified(token) : null;
    if (claims) await this.sessions.close(claims.sid);
  }

  /** The claims of a token this server signed, unexpired, with a well-formed session id; else null. */
  private async verified(token: string): Promise<AccessTokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      // A token signed before sessions existed names none: it is refused, its user signs in again.
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' && UUID.test(claims.sid) ? claims : null;
    } catch {
      return null;
    }
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
    const now = new Date();
    const session = await this.sessions.open(user.id, new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000), now);
    const claims: AccessTokenClaims = { sub: user.id, sid: session.id };
    return { user: toPublicUser(user), accessToken: await this.jwt.signAsync(claims) };
  }
}
