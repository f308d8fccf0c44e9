import { All, Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Environment } from '@app/config';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { setAuthCookie } from '../auth/auth-cookie.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Public } from '../auth/auth.decorators.js';
import { DeepLinkingResponse } from './deep-linking-response.use-case.js';
import { LAUNCH_CODE_TTL_MS, Launch } from './launch.use-case.js';
import { LtiErrorPageFilter } from './lti-error-page.filter.js';
import { LtiLoginThrottleGuard } from './lti-login-throttle.guard.js';
import { DeepLinkingReplyDto, DeepLinkingRequestDto, LtiSessionDto, LtiSessionRequestDto } from './lti-launch.dto.js';
import { LtiSession } from './lti-session.use-case.js';
import { publicOrigin, toolUrls } from './lti-urls.js';
import { LOGIN_TTL_MS, OidcLogin } from './oidc-login.use-case.js';
import { ToolKeys } from './tool-keys.js';

/**
 * The login's state travels in a cookie of its own per login (tabs launching at once keep theirs).
 * SameSite=None is the only kind a cross-site form post (the LMS posting the launch) carries,
 * and browsers accept it only with Secure: LTI needs HTTPS (or http://localhost while developing).
 */
const stateCookieName = (state: string) => `lti_state_${state.slice(0, 12)}`;
/** The launch's code, also in a cookie of the browser that launched: the exchange requires both (no login CSRF). */
const codeCookieName = (code: string) => `lti_code_${code.slice(0, 12)}`;
/** The alphabet of the states oidc-login.use-case.ts issues (base64url). */
const ISSUED_STATE = /^[A-Za-z0-9_-]+$/;
const STATE_COOKIE: CookieOptions = { httpOnly: true, secure: true, sameSite: 'none', partitioned: true, path: '/api/lti' };

@ApiTags('lti')
@Controller('lti')
@UseFilters(LtiErrorPageFilter)
export class LtiLaunchController {
  constructor(
    private readonly env: Environment,
    private readonly keys: ToolKeys,
    private readonly login: OidcLogin,
    private readonly launch: Launch,
    private readonly session: LtiSession,
    private readonly deepLinking: DeepLinkingResponse,
  ) {}

  @Public()
  @Get('jwks')
  @ApiOkResponse({ description: "PyQuiz's public keys (JWKS): LMSs verify its client assertions and deep-linking replies with them" })
  jwks(): Promise<unknown> {
    return this.keys.jwks();
  }

  /** Third-party initiated login: GET or POST, with parameters the LMS chooses (so no whitelist DTO). */
  @Public()
  @All('login')
  @UseGuards(LtiLoginThrottleGuard)
  @ApiExcludeEndpoint()
  async oidcLogin(@Req() request: Request, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const params = request.method === 'POST' ? { ...query, ...(request.body as Record<string, unknown>) } : query;
    const urls = toolUrls(publicOrigin(this.env, request));
    const redirect = await this.login.execute(params, publicOrigin(this.env, request), urls.launchUrl);
    response.cookie(stateCookieName(redirect.state), redirect.state, { ...STATE_COOKIE, maxAge: LOGIN_TTL_MS });
    response.redirect(302, redirect.location);
  }

  @Public()
  @Post('launch')
  @ApiExcludeEndpoint()
  async ltiLaunch(@Req() request: Request, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const state = typeof body?.state === 'string' ? body.state : undefined;
    const cookies = (request.cookies ?? {}) as Record<string, unknown>;
    // Only a state of the alphabet this server issues names a cookie: any other character (a space,
    // ';', 'é') made an invalid cookie name, and clearing it threw, a 500 for anyone posting the
    // form (red team redapi2). Such a state was never issued: the launch refuses it (401).
    const named = state !== undefined && ISSUED_STATE.test(state);
    const stateCookie = named ? cookies[stateCookieName(state)] : undefined;
    if (named) response.clearCookie(stateCookieName(state), STATE_COOKIE);
    const loginUrl = toolUrls(publicOrigin(this.env, request)).loginInitiationUrl;
    const code = await this.launch.execute({ idToken: body?.id_token, state, stateCookie: typeof stateCookie === 'string' ? stateCookie : undefined, loginUrl });
    response.cookie(codeCookieName(code), code, { ...STATE_COOKIE, maxAge: LAUNCH_CODE_TTL_MS });
    // The code rides in the fragment: never sent to a server, never in a proxy's access log.
    response.redirect(302, `/#/lti/enter/${code}`);
  }

  @Public()
  @Post('session')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LtiSessionDto, description: 'Signed in as the LMS user of the launch' })
  @ApiErrors(400, 401)
  async exchange(@Body() body: LtiSessionRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LtiSessionDto> {
    const codeCookie = ((request.cookies ?? {}) as Record<string, unknown>)[codeCookieName(body.code)];
    const entry = await this.session.execute(body.code, typeof codeCookie === 'string' ? codeCookie : undefined);
    response.clearCookie(codeCookieName(body.code), STATE_COOKIE);
    setAuthCookie(response, entry.accessToken, this.env.COOKIE_SECURE);
    return entry;
  }

  // No PyQuiz role is asked: the deep-linking ticket (issued to this user at a deep-linking
  // launch where the LMS named them an instructor of the course) is the authorisation.
  @Post('deep-linking/response')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiCookieAuth('access_token')
  @ApiOkResponse({ type: DeepLinkingReplyDto, description: 'Post `jwt` as the form field JWT to `returnUrl`' })
  @ApiErrors(400, 401, 403)
  respond(@CurrentUser() user: AuthUser, @Body() body: DeepLinkingRequestDto, @Req() request: Request): Promise<DeepLinkingReplyDto> {
    return this.deepLinking.execute(user.id, body.deepLinkTicket, body.quizIds, toolUrls(publicOrigin(this.env, request)).launchUrl);
  }
}
