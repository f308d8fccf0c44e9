import { randomBytes } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { CLAIM, DEEP_LINKING_RESPONSE, LTI_VERSION } from './lti-claims.js';
import { LtiLaunchRepository } from './lti-launch.repository.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import type { DeepLinkSettings } from './lti.types.js';
import { DEEP_LINK_TICKET_AUDIENCE } from './lti-session.use-case.js';
import { ToolKeys } from './tool-keys.js';

export interface DeepLinkingReply {
  /** The LMS's deep_link_return_url: the page posts `JWT` there in a form. */
  returnUrl: string;
  jwt: string;
}

/**
 * Deep Linking 2.0 response: the quizzes an instructor picked become ltiResourceLink items, each
 * with a line item (its maximum score is the quiz's points) and the custom parameter quiz=<id>
 * that the launch reads. Signed with PyQuiz's key; the LMS verifies it against our JWKS.
 */
@Injectable()
export class DeepLinkingResponse {
  constructor(
    private readonly keys: ToolKeys,
    private readonly platforms: LtiPlatformsRepository,
    private readonly launches: LtiLaunchRepository,
  ) {}

  async execute(userId: string, ticket: string, quizIds: string[], launchUrl: string, now = new Date()): Promise<DeepLinkingReply> {
    const settings = await this.readTicket(ticket, userId, now);
    const platform = await this.platforms.findById(settings.platformId);
    if (!platform) throw new BadRequestException('The LMS registration of this request was removed; register it again');
    // The ticket lives an hour: a deployment the admin removed meanwhile gets no signed reply.
    if (!platform.deploymentIds.includes(settings.deploymentId)) {
      throw new BadRequestException(`deepLinkTicket: deployment ${settings.deploymentId} is no longer registered for ${platform.name}`);
    }
    const quizzes = await this.launches.findQuizzes(quizIds);
    const missing = quizIds.filter((id) => !quizzes.some((q) => q.id === id && q.published));
    if (missing.length > 0) throw new BadRequestException({ message: `quizIds: no published quiz ${missing.join(', ')}`, details: { missing } });
    const items = quizIds.map((id) => {
      const quiz = quizzes.find((q) => q.id === id)!;
      return {
        type: 'ltiResourceLink',
        title: quiz.title,
        url: launchUrl,
        custom: { quiz: quiz.id },
        lineItem: { scoreMaximum: quiz.maxScore > 0 ? quiz.maxScore : 1, label: quiz.title, resourceId: quiz.id },
      };
    });
    const { kid, key } = this.keys.current();
    const iat = Math.floor(now.getTime() / 1000);
    const jwt = await new SignJWT({
      nonce: randomBytes(16).toString('base64url'),
      [CLAIM.messageType]: DEEP_LINKING_RESPONSE,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: settings.deploymentId,
      [CLAIM.contentItems]: items,
      ...(settings.data === undefined ? {} : { [CLAIM.deepLinkingData]: settings.data }),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setAudience(platform.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(key);
    return { returnUrl: settings.returnUrl, jwt };
  }

  private async readTicket(ticket: string, userId: string, now: Date): Promise<DeepLinkSettings> {
    try {
      const { payload } = await jwtVerify(ticket, createLocalJWKSet(await this.keys.jwks(now)), { audience: DEEP_LINK_TICKET_AUDIENCE, algorithms: ['RS256'], currentDate: now });
      if (payload.sub !== userId) throw new ForbiddenException('This deep-linking request belongs to another user');
      return (payload as { deepLink: DeepLinkSettings }).deepLink;
    } catch (error) {
      if (error instanceof ForbiddenException) throw error;
      throw new BadRequestException('deepLinkTicket is not valid or has expired (1 hour); start "Select content" again in the LMS');
    }
  }
}
