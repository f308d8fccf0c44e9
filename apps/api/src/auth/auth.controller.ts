import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Environment } from '@app/config';
import { ApiErrors } from './api-errors.decorator.js';
import { clearAuthCookie, setAuthCookie } from './auth-cookie.js';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { AuthResponseDto, LoginDto, MeDto, RegisterDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { extractAccessToken } from './jwt-auth.guard.js';
import { LoginThrottleGuard } from './login-throttle.guard.js';
import { RegistrationThrottleGuard } from './registration-throttle.guard.js';
import { SameSiteGuard } from './same-site.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Environment,
  ) {}

  @Public()
  @Post('register')
  @UseGuards(SameSiteGuard, RegistrationThrottleGuard)
  @ApiCreatedResponse({ type: AuthResponseDto, description: 'A learner account, signed in' })
  @ApiErrors(400, 403, 409, 429)
  async register(@Body() body: RegisterDto, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const signedIn = await this.auth.register(body);
    setAuthCookie(response, signedIn.accessToken, this.env.COOKIE_SECURE);
    return signedIn;
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SameSiteGuard, LoginThrottleGuard)
  @ApiOkResponse({ type: AuthResponseDto, description: 'Signed in' })
  @ApiErrors(400, 401, 403, 429)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const signedIn = await this.auth.login(body);
    setAuthCookie(response, signedIn.accessToken, this.env.COOKIE_SECURE);
    return signedIn;
  }

  /**
   * Ends the session of the request's token (cookie or bearer): that token, and every copy of it,
   * is refused from now on. Public so an expired session can still clear its cookie.
   */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SameSiteGuard)
  @ApiNoContentResponse({ description: 'The session is closed and its cookie cleared' })
  @ApiErrors(403)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(extractAccessToken(request));
    clearAuthCookie(response, this.env.COOKIE_SECURE);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth('access_token')
  @ApiOkResponse({ type: MeDto, description: 'The signed-in user' })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthUser): MeDto {
    return { user };
  }
}
