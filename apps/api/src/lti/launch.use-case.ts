import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JWTPayload } from 'jose';
import { claimUrlProblem } from './claim-urls.js';
import { CLAIM, DEEP_LINKING_REQUEST, LTI_VERSION, lineItemOf, mapRoles, quizOfLaunch, RESOURCE_LINK_REQUEST } from './lti-claims.js';
import { LtiLaunchError } from './lti-launch.error.js';
import { LtiLaunchRepository } from './lti-launch.repository.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import type { DeepLinkSettings, LmsPerson, LoginStateRecord, PlatformRecord } from './lti.types.js';
import { unknownDeployment } from './oidc-login.use-case.js';
import { PlatformTokens } from './platform-tokens.js';
import { normalizeEmail } from '../users/user.types.js';

/** The one-time code in the launch redirect lives this long: the page exchanges it at once. */
export const LAUNCH_CODE_TTL_MS = 2 * 60 * 1000;
/** The deep-linking request's opaque `data`, carried back in the reply (and in the ticket meanwhile). */
export const MAX_DEEP_LINK_DATA = 8192;

export interface LaunchRequest {
  idToken?: unknown;
  state?: unknown;
  /** The state cookie set by the login: proves the launch comes back to the same browser. */
  stateCookie?: string;
  /** PyQuiz's login initiation URL, to start the launch again in a new window. */
  loginUrl: string;
}

/**
 * The launch (LTI 1.3 Core 5.1.2): the login is taken (state and nonce used once), the id_token
 * verified, the message checked, the LMS user linked, and a one-time code issued that the page
 * exchanges for a session (an iframe may refuse third-party cookies; a code in the URL cannot be refused).
 */
@Injectable()
export class Launch {
  constructor(
    private readonly platforms: LtiPlatformsRepository,
    private readonly launches: LtiLaunchRepository,
    private readonly tokens: PlatformTokens,
  ) {}

  /** Returns the code to put in the redirect. */
  async execute(input: LaunchRequest, now = new Date()): Promise<string> {
    const { state, idToken } = requireForm(input);
    const login = await this.launches.takeLoginState(state, now);
    if (!login || login.expiresAt < now) {
      throw new LtiLaunchError(401, 'unknown_state', 'This launch was already used, has expired, or was never started here', 'Launch again from the LMS (a launch can be used once, within 10 minutes).');
    }
    const platform = await this.platforms.findById(login.platformId);
    if (!platform) throw new LtiLaunchError(400, 'unknown_platform', 'The LMS registration was removed during this launch', 'Register the LMS again in PyQuiz (Admin > LTI).');
    if (input.stateCookie !== state) {
      // An iframe whose browser refuses even partitioned cookies: the same login, at the top level.
      throw new LtiLaunchError(401, 'state_not_bound', 'This launch did not come back to the browser that started it (the state cookie is missing)',
        'Open PyQuiz in a new window (link below); if this happens there too, serve PyQuiz over HTTPS (the state cookie is SameSite=None; Secure) and allow its cookies.',
        restartUrl(input.loginUrl, platform, login));
    }
    const claims = await this.tokens.verify(idToken, platform, now);
    if (claims.nonce !== login.nonce) {
      throw new LtiLaunchError(401, 'bad_nonce', 'The launch token was issued for another login (nonce mismatch): a replayed token', 'Launch again from the LMS.');
    }
    const target = claims[CLAIM.targetLinkUri];
    if (typeof target === 'string' && target !== login.targetLinkUri) {
      throw new LtiLaunchError(400, 'target_mismatch', `The launch token's target_link_uri (${target.slice(0, 300)}) is not the one its login named (${login.targetLinkUri})`,
        'Check the tool URL configured in the LMS: the login initiation and the launch must name the same PyQuiz address.');
    }
    const { messageType, deploymentId } = checkMessage(claims, platform);
    const person = personOf(claims, platform);
    const user = await this.launches.linkAccount(person);
    await this.joinContext(claims, platform, user.id, person.role);
    if (messageType === DEEP_LINKING_REQUEST) return this.deepLinkCode(claims, platform, deploymentId, user.id, person.role, now);
    const quizId = quizOfLaunch(claims[CLAIM.custom], claims[CLAIM.targetLinkUri]);
    if (!quizId) {
      throw new LtiLaunchError(400, 'no_quiz', 'This LMS link does not say which quiz to open', 'Add the link through deep linking ("Select content"), or give it the custom parameter quiz=<quiz id>.');
    }
    if (quizId.length > 200 || quizId.includes('\u0000')) {
      throw new LtiLaunchError(400, 'bad_claim', `The link's quiz (custom parameter quiz or ?quiz= of the target) is not a quiz id: ${quizId.slice(0, 100)}…`, 'Give the link the id of a PyQuiz quiz (at most 200 characters), as PyQuiz shows it.');
    }
    const [quiz] = await this.launches.findQuizzes([quizId]);
    if (!quiz || (!quiz.published && person.role === 'learner')) {
      throw new LtiLaunchError(404, 'unknown_quiz', `PyQuiz has no published quiz ${quizId}`, 'An instructor publishes the quiz, or fixes the quiz id of the link.');
    }
    const lineItem = lineItemOf(claims[CLAIM.ags]);
    // Scores go there with the LMS's access token: never to an internal address the launch names (SSRF).
    const lineItemProblem = lineItem === undefined ? null : claimUrlProblem(lineItem, platform);
    if (lineItemProblem) {
      throw new LtiLaunchError(400, 'bad_lineitem', `The launch's AGS lineitem claim (${lineItem!.slice(0, 200)}) is ${lineItemProblem}`,
        "Check the gradebook (AGS) settings of this link in the LMS; PyQuiz posts scores only to the LMS's own http(s) addresses.");
    }
    if (lineItem && person.role === 'learner') {
      await this.launches.saveGradeLink({ platformId: platform.id, userId: user.id, quizId, sub: person.sub, lineItemUrl: lineItem });
    }
    return this.issueCode(user.id, `/quiz/${quizId}`, null, now);
  }

  private async deepLinkCode(claims: JWTPayload, platform: PlatformRecord, deploymentId: string, userId: string, role: string, now: Date): Promise<string> {
    if (role !== 'instructor') throw new LtiLaunchError(403, 'not_instructor', 'Only instructors can add PyQuiz quizzes to a course', 'Sign in to the LMS with an instructor (or content developer) role of this course.');
    const settings = claims[CLAIM.deepLinkingSettings] as { deep_link_return_url?: unknown; data?: unknown } | undefined;
    if (typeof settings?.deep_link_return_url !== 'string') {
      throw new LtiLaunchError(400, 'no_return_url', 'The deep-linking request has no deep_link_return_url', 'This is an LMS bug or misconfiguration: the LMS must say where to send the chosen quizzes.');
    }
    // The page posts the signed reply there: an http(s) URL, not `javascript:`.
    const returnUrlProblem = claimUrlProblem(settings.deep_link_return_url, platform);
    if (returnUrlProblem) {
      throw new LtiLaunchError(400, 'bad_deep_linking_settings', `The deep-linking request's deep_link_return_url (${settings.deep_link_return_url.slice(0, 200)}) is ${returnUrlProblem}`,
        'This is an LMS bug or misconfiguration: the LMS must name its own http(s) address to send the chosen quizzes to.');
    }
    if (typeof settings.data === 'string' && (settings.data.length > MAX_DEEP_LINK_DATA || settings.data.includes('\u0000'))) {
      throw new LtiLaunchError(400, 'bad_deep_linking_settings', `The deep-linking request's data claim is longer than ${MAX_DEEP_LINK_DATA} characters or holds a NUL character`,
        'This is an LMS bug or misconfiguration: the data of deep_linking_settings is an opaque value of a few kB at most.');
    }
    const deepLink: DeepLinkSettings = { platformId: platform.id, deploymentId, returnUrl: settings.deep_link_return_url };
    if (typeof settings.data === 'string') deepLink.data = settings.data;
    return this.issueCode(userId, '/lti/deep-link', deepLink, now);
  }

  private async issueCode(userId: string, target: string, deepLink: DeepLinkSettings | null, now: Date): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.launches.saveLaunchCode(code, { userId, target, deepLink, expiresAt: new Date(now.getTime() + LAUNCH_CODE_TTL_MS) });
    return code;
  }

  private async joinContext(claims: JWTPayload, platform: PlatformRecord, userId: string, role: 'learner' | 'instructor'): Promise<void> {
    const context = claims[CLAIM.context] as { id?: unknown; title?: unknown } | undefined;
    if (typeof context?.id !== 'string' || !context.id) return;
    if (context.id.includes('\u0000')) throw nulInIdentifier('context id');
    const title = typeof context.title === 'string' ? withoutControls(context.title).slice(0, 200) : '';
    await this.launches.joinContext({ platformId: platform.id, contextId: context.id.slice(0, 255), title }, userId, role);
  }
}

function restartUrl(loginUrl: string, platform: PlatformRecord, login: LoginStateRecord): string {
  const url = new URL(loginUrl);
  const params: Record<string, string | null> = {
    iss: platform.issuer, client_id: platform.clientId, login_hint: login.loginHint, target_link_uri: login.targetLinkUri,
    lti_message_hint: login.messageHint, lti_deployment_id: login.deploymentId,
  };
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

function requireForm(input: LaunchRequest): { state: string; idToken: string } {
  if (typeof input.state !== 'string' || !input.state || input.state.length > 200) {
    throw new LtiLaunchError(400, 'missing_parameter', 'The launch has no state', 'Start the launch from the LMS: it posts id_token and state to the launch URL.');
  }
  // An id_token of a few kB is normal (roles, custom parameters); 64 kB bounds the work.
  if (typeof input.idToken !== 'string' || !input.idToken || input.idToken.length > 65536) {
    throw new LtiLaunchError(400, 'missing_parameter', 'The launch has no id_token (or one larger than 64 kB)', 'Start the launch from the LMS: it posts id_token and state to the launch URL.');
  }
  return { state: input.state, idToken: input.idToken };
}

function checkMessage(claims: JWTPayload, platform: PlatformRecord): { messageType: string; deploymentId: string } {
  const messageType = claims[CLAIM.messageType];
  if (messageType !== RESOURCE_LINK_REQUEST && messageType !== DEEP_LINKING_REQUEST) {
    throw new LtiLaunchError(400, 'unsupported_message', `PyQuiz does not handle LTI messages of type ${String(messageType)}`, `Use PyQuiz for ${RESOURCE_LINK_REQUEST} (links) and ${DEEP_LINKING_REQUEST} (content selection).`);
  }
  const link = claims[CLAIM.resourceLink] as { id?: unknown } | undefined;
  if (messageType === RESOURCE_LINK_REQUEST && (typeof link?.id !== 'string' || !link.id)) {
    // LTI 1.3 Core 5.3.5: a resource link launch names its link (the LMS's id of the placement)
    throw new LtiLaunchError(400, 'no_resource_link', 'The launch token has no resource_link claim with an id', 'The LMS must send the resource_link claim with every link launch (LTI 1.3 Core 5.3.5).');
  }
  if (claims[CLAIM.version] !== LTI_VERSION) {
    throw new LtiLaunchError(400, 'unsupported_version', `PyQuiz speaks LTI ${LTI_VERSION}, this launch says ${String(claims[CLAIM.version])}`, 'Configure the tool as LTI 1.3 in the LMS.');
  }
  const deploymentId = claims[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId) throw new LtiLaunchError(400, 'no_deployment', 'The launch token names no deployment', 'The LMS must send a deployment_id claim.');
  if (!platform.deploymentIds.includes(deploymentId)) throw unknownDeployment(deploymentId, platform);
  return { messageType, deploymentId };
}

function personOf(claims: JWTPayload, platform: PlatformRecord): LmsPerson {
  if (typeof claims.sub !== 'string' || !claims.sub || claims.sub.length > 255) {
    throw new LtiLaunchError(400, 'anonymous_launch', 'The launch names no user (sub)', 'PyQuiz needs to know who launches: let the LMS share the user id with this tool.');
  }
  if (claims.sub.includes('\u0000')) throw nulInIdentifier('sub');
  const email = typeof claims.email === 'string' && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(claims.email) && claims.email.length <= 254 ? normalizeEmail(claims.email) : undefined;
  const rawName = typeof claims.name === 'string' ? claims.name : [claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ');
  const name = withoutControls(rawName).trim().slice(0, 100) || undefined;
  return { issuer: platform.issuer, sub: claims.sub, email, name, role: mapRoles(claims[CLAIM.roles]) };
}

/**
 * Text a user types in the LMS (a name, a course title) loses its control characters: PostgreSQL
 * text cannot hold NUL (the launch would be a 500), and the others have no place in a name.
 */
function withoutControls(text: string): string {
  return text.replace(/\p{Cc}/gu, '');
}

/** An identifier is matched exactly: one with NUL (which PostgreSQL cannot store) is refused, not altered. */
function nulInIdentifier(claim: string): LtiLaunchError {
  return new LtiLaunchError(400, 'bad_claim', `The launch's ${claim} claim contains a NUL character`, 'This is an LMS bug: identifiers are plain text.');
}
