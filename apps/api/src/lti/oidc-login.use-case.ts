import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LtiLaunchError } from './lti-launch.error.js';
import { LtiLaunchRepository } from './lti-launch.repository.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import type { PlatformRecord } from './lti.types.js';

/** How long a learner has between the LMS's login request and its launch post. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;
const MAX_PARAM = 2048;

export interface LoginRequest {
  iss?: unknown;
  login_hint?: unknown;
  target_link_uri?: unknown;
  lti_message_hint?: unknown;
  client_id?: unknown;
  lti_deployment_id?: unknown;
}

export interface LoginRedirect {
  /** The platform's authorization endpoint with the OIDC request in its query. */
  location: string;
  /** Set as a cookie: the launch must come back to the browser that started the login. */
  state: string;
}

/**
 * Third-party initiated login (LTI 1.3 Core 5.1.1): the LMS names itself and the user, PyQuiz
 * answers with an OIDC authentication request carrying a fresh state and nonce, both stored
 * server-side and used once by the launch.
 */
@Injectable()
export class OidcLogin {
  constructor(
    private readonly platforms: LtiPlatformsRepository,
    private readonly launches: LtiLaunchRepository,
  ) {}

  async execute(input: LoginRequest, origin: string, launchUrl: string, now = new Date()): Promise<LoginRedirect> {
    const iss = param(input.iss, 'iss');
    const loginHint = param(input.login_hint, 'login_hint');
    const targetLinkUri = param(input.target_link_uri, 'target_link_uri');
    // Only our own pages: a login request must not turn PyQuiz into an open redirect.
    if (targetLinkUri !== origin && !targetLinkUri.startsWith(`${origin}/`)) {
      throw new LtiLaunchError(400, 'foreign_target', `target_link_uri ${targetLinkUri} is not a PyQuiz address (${origin})`, `Set the tool URL in the LMS to ${launchUrl}; behind a proxy, set PUBLIC_URL.`);
    }
    const platform = await this.findPlatform(iss, optional(input.client_id, 'client_id'));
    const deployment = optional(input.lti_deployment_id, 'lti_deployment_id');
    if (deployment !== undefined && !platform.deploymentIds.includes(deployment)) throw unknownDeployment(deployment, platform);
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const messageHint = optional(input.lti_message_hint, 'lti_message_hint') ?? null;
    await this.launches.saveLoginState({
      state, nonce, platformId: platform.id, targetLinkUri, loginHint, messageHint, deploymentId: deployment ?? null, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
    });
    const url = new URL(platform.authLoginUrl);
    const query: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: launchUrl,
      login_hint: loginHint,
      state,
      nonce,
    };
    if (messageHint !== null) query.lti_message_hint = messageHint;
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return { location: url.toString(), state };
  }

  private async findPlatform(issuer: string, clientId: string | undefined): Promise<PlatformRecord> {
    const candidates = await this.platforms.findByIssuer(issuer);
    const matching = clientId === undefined ? candidates : candidates.filter((p) => p.clientId === clientId);
    if (matching.length === 0) {
      const what = clientId === undefined ? `issuer ${issuer}` : `issuer ${issuer} and client id ${clientId}`;
      throw new LtiLaunchError(400, 'unknown_platform', `No LMS is registered in PyQuiz with ${what}`, 'An admin registers the LMS in PyQuiz (Admin > LTI) with exactly this issuer and client id.');
    }
    if (matching.length > 1) {
      throw new LtiLaunchError(400, 'ambiguous_platform', `Several registrations share issuer ${issuer} and the login request names no client_id`, 'Configure the LMS to send client_id in its login request, or keep one registration per issuer.');
    }
    return matching[0]!;
  }
}

export function unknownDeployment(deployment: string, platform: PlatformRecord): LtiLaunchError {
  return new LtiLaunchError(403, 'unknown_deployment', `Deployment ${deployment} of ${platform.issuer} is not registered in PyQuiz`, `Add deployment id ${deployment} to the platform "${platform.name}" in PyQuiz (Admin > LTI).`);
}

function param(value: unknown, name: string): string {
  const text = optional(value, name);
  if (text === undefined) throw new LtiLaunchError(400, 'missing_parameter', `The login request has no ${name}`, `The LMS must send ${name} to the login initiation URL.`);
  return text;
}

function optional(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_PARAM) {
    throw new LtiLaunchError(400, 'bad_parameter', `${name} must be a string of at most ${MAX_PARAM} characters`, `Check what the LMS sends as ${name}.`);
  }
  // A POSTed login is read from the raw body, which the global NUL pipe does not see; PostgreSQL
  // cannot hold NUL, and iss=%00 was a 500 for anyone (red team redapi2).
  if (value.includes('\u0000')) {
    throw new LtiLaunchError(400, 'bad_parameter', `${name} must not contain a NUL character (U+0000)`, `Check what the LMS sends as ${name}.`);
  }
  return value;
}
