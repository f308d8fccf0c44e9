import { Injectable, UnauthorizedException } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AuthService, type SignedIn } from '../auth/auth.service.js';
import { LtiLaunchRepository } from './lti-launch.repository.js';
import { ToolKeys } from './tool-keys.js';

/** Audience of the deep-linking ticket: PyQuiz to itself, never accepted as anything else. */
export const DEEP_LINK_TICKET_AUDIENCE = 'pyquiz:lti-deep-link';
const DEEP_LINK_TICKET_TTL_S = 3600;

export interface LtiEntry extends SignedIn {
  /** Where the page goes next (`/quiz/<id>` or `/lti/deep-link`). */
  target: string;
  /** Present for deep linking: the signed request settings, sent back with the chosen quizzes. */
  deepLinkTicket?: string;
}

/**
 * Exchanges a launch's one-time code for a session. The session token is returned as well as
 * set as the cookie: inside an LMS iframe the browser may drop the cookie (third-party), so the
 * page keeps the token for its tab and sends it as a Bearer header.
 */
@Injectable()
export class LtiSession {
  constructor(
    private readonly launches: LtiLaunchRepository,
    private readonly auth: AuthService,
    private readonly keys: ToolKeys,
  ) {}

  /**
   * `codeCookie` is the cookie the launch set beside its redirect: a code opened in any other
   * browser (an attacker's own launch code sent to a victim: login CSRF) is refused, and not spent.
   */
  async execute(code: string, codeCookie: string | undefined, now = new Date()): Promise<LtiEntry> {
    if (codeCookie !== code) throw new UnauthorizedException('This launch link was opened in another browser than the one that launched it; launch again from the LMS');
    const launch = await this.launches.takeLaunchCode(code);
    if (!launch || launch.expiresAt < now) throw new UnauthorizedException('This launch link was already used or has expired; launch again from the LMS');
    const signedIn = await this.auth.sessionFor(launch.userId);
    if (!signedIn) throw new UnauthorizedException('The account of this launch no longer exists; launch again from the LMS');
    if (!launch.deepLink) return { ...signedIn, target: launch.target };
    const { kid, key } = this.keys.current();
    const deepLinkTicket = await new SignJWT({ deepLink: launch.deepLink })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(launch.userId)
      .setAudience(DEEP_LINK_TICKET_AUDIENCE)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + DEEP_LINK_TICKET_TTL_S)
      .sign(key);
    return { ...signedIn, target: launch.target, deepLinkTicket };
  }
}
